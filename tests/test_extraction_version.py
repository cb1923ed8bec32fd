"""The extraction version covers the code that extracts facts, and only that code."""

from __future__ import annotations

from pathlib import Path

from ingest import extraction_version as version_module
from ingest.extraction_version import extraction_modules, extraction_version


def test_the_version_follows_the_imports_of_the_extraction():
    names = {path.name for path in extraction_modules()}
    assert {"sources.py", "layout.py", "extract.py", "to_rdf.py", "lexicon.py", "facts.py", "persons.py", "namespaces.py"} <= names
    assert not names & {"upload.py", "spreadsheets.py", "table_import.py", "pipeline.py"}


def test_a_new_module_imported_by_the_extraction_changes_the_version(tmp_path: Path, monkeypatch):
    (tmp_path / "ingest" / "resources").mkdir(parents=True)
    (tmp_path / "ontology").mkdir()
    (tmp_path / "ingest" / "extract.py").write_text("from ingest.rules import RULES\n")
    (tmp_path / "ingest" / "rules.py").write_text("RULES = 1\n")
    (tmp_path / "ingest" / "upload.py").write_text("X = 1\n")
    monkeypatch.setattr(version_module, "ROOT", tmp_path)
    extraction_version.cache_clear()
    assert [path.name for path in extraction_modules()] == ["extract.py", "rules.py"]
    before = extraction_version()
    (tmp_path / "ingest" / "upload.py").write_text("X = 2\n")
    extraction_version.cache_clear()
    assert extraction_version() == before
    (tmp_path / "ingest" / "rules.py").write_text("RULES = 2\n")
    extraction_version.cache_clear()
    assert extraction_version() != before
    extraction_version.cache_clear()
