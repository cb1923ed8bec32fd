"""Every setting has a Dutch explanation and is named in the README's settings table."""

from __future__ import annotations

from pathlib import Path

from service.settings import Settings

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_setting_is_explained_and_documented():
    readme = README.read_text(encoding="utf-8")
    missing_help = [name for name, field in Settings.model_fields.items() if not field.description]
    undocumented = [name for name in Settings.model_fields if f"GEZOND_KG_{name.upper()}" not in readme]
    assert missing_help == [] and undocumented == [], (missing_help, undocumented)


def test_settings_are_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("GEZOND_KG_SPARQL_TIMEOUT", "2.5")
    monkeypatch.setenv("GEZOND_KG_MAX_PDF_PAGES", "7")
    settings = Settings()
    assert (settings.sparql_timeout, settings.max_pdf_pages) == (2.5, 7)
