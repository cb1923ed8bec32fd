"""Fingerprint of the code and data that turn a document into facts.

It covers the modules that the extraction entry points import, followed through the project's own
imports (so a new extraction module is covered without being listed), and the curated names in
ingest/resources. Code that only moves documents around (uploads, spreadsheets) is not covered, so
changing it does not make the next build read every document again."""

from __future__ import annotations

import ast
import functools
import hashlib
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# the functions a build calls on each document: read, split, extract, convert to RDF
ENTRY_MODULES = ("ingest.sources", "ingest.layout", "ingest.extract", "ingest.to_rdf")
PROJECT_PACKAGES = ("ingest", "ontology")
# one ast.parse at a time: CPython 3.11 raised "SystemError: AST constructor recursion depth mismatch" when
# ten simultaneous uploads computed the version at once (functools.cache does not stop concurrent first calls)
_PARSING = threading.Lock()


def _module_path(module: str) -> Path | None:
    path = ROOT.joinpath(*module.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    with _PARSING:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in names if name.split(".", 1)[0] in PROJECT_PACKAGES}


def extraction_modules() -> list[Path]:
    """The source files of the extraction: the entry modules and every project module they import."""
    seen: dict[str, Path] = {}
    pending = list(ENTRY_MODULES)
    while pending:
        module = pending.pop()
        path = _module_path(module)
        if module in seen or path is None:
            continue
        seen[module] = path
        pending.extend(_imported_modules(path))
    return sorted(set(seen.values()))


@functools.cache
def extraction_version() -> str:
    """Computed once per process (the code does not change while it runs). When this changes, every document is read again, so the graph never mixes facts of two rule versions."""
    digest = hashlib.sha256()
    resources = sorted((ROOT / "ingest" / "resources").glob("*.yaml"))
    for path in [*extraction_modules(), *resources]:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]
