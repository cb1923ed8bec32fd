"""Shared fixtures: the real corpus built once into a temporary embedded store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph.factory import open_store
from graph.store import Store
from ingest.lexicon import Lexicon
from ingest.pipeline import BuildReport, build_corpus

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = Path(os.environ.get("GEZOND_KG_CORPUS_DIR", ROOT.parent / "shared" / "corpus"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS_DIR.is_dir():
        pytest.fail(f"Corpus not found at {CORPUS_DIR}; set GEZOND_KG_CORPUS_DIR.")
    return CORPUS_DIR


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return Lexicon.load()


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, lexicon: Lexicon) -> tuple[Store, BuildReport, Path]:
    data_dir = tmp_path_factory.mktemp("kg")
    store = open_store(data_dir)
    report = build_corpus(store, corpus_dir, lexicon)
    return store, report, data_dir


@pytest.fixture(scope="session")
def kg(built: tuple[Store, BuildReport, Path]) -> Store:
    return built[0]


@pytest.fixture(scope="session")
def search_engine(built: tuple[Store, BuildReport, Path]):
    """The hybrid search index (default e5 model) over the built graph."""
    from search.embedders import make_embedder
    from search.engine import SearchEngine, build_index

    store, _, data_dir = built
    embedder = make_embedder()
    build_index(store, embedder, data_dir)
    return SearchEngine(data_dir, embedder)
