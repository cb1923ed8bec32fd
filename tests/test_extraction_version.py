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


def test_simultaneous_first_calls_parse_one_module_at_a_time(monkeypatch):
    """Ten uploads at once computed the version together; concurrent ast.parse raised SystemError
    (CPython 3.11: 'AST constructor recursion depth mismatch') and the upload answered 500."""
    import ast
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    real_parse, inside, most = ast.parse, [0], [0]
    counting = threading.Lock()

    def parse(*args, **kwargs):
        with counting:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        time.sleep(0.005)  # give other threads the chance to enter
        try:
            return real_parse(*args, **kwargs)
        finally:
            with counting:
                inside[0] -= 1

    monkeypatch.setattr(version_module.ast, "parse", parse)
    extraction_version.cache_clear()
    with ThreadPoolExecutor(8) as pool:
        versions = set(pool.map(lambda _: extraction_version(), range(8)))
    extraction_version.cache_clear()
    assert len(versions) == 1 and most[0] == 1
