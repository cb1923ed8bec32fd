"""Shared fixtures: the real corpus built once into a temporary embedded store."""

from __future__ import annotations

import os
import shutil
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
    seed = os.environ.get("GEZOND_KG_TEST_EMBEDDING_CACHE")  # opt-in for local runs: reuse embeddings computed before
    if seed:
        (data_dir / "search").mkdir(exist_ok=True)
        shutil.copy(seed, data_dir / "search" / "embeddings.sqlite")
    embedder = make_embedder()
    build_index(store, embedder, data_dir)
    return SearchEngine(data_dir, embedder)


@pytest.fixture(scope="session")
def client(built, search_engine):
    """The service on the built graph and its search index, through FastAPI's test client."""
    from fastapi.testclient import TestClient

    from service.app import create_app
    from service.settings import Settings

    app = create_app(Settings(data_dir=built[2]))
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def live_server(built, search_engine):
    """The real service (gezond-kg serve, uvicorn) in a subprocess on a free loopback port."""
    yield from _serve(built[2], {})


@pytest.fixture()
def writable_live_server(built, search_engine, tmp_path):
    """The real service on a copy of the built graph, writing allowed with token 'fuzz'."""
    shutil.copytree(built[2], tmp_path / "kg", ignore=shutil.ignore_patterns("LOCK"))
    yield from _serve(tmp_path / "kg", {"GEZOND_KG_WRITE_TOKENS": "fuzz=fuzz"})


def _serve(data_dir: Path, env: dict[str, str]):
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(Path(sys.executable).parent / "gezond-kg"), "serve", "--port", str(port), "--data-dir", str(data_dir)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, **env})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=2)
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail("gezond-kg serve stopped: " + process.stdout.read().decode(errors="replace"))
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("gezond-kg serve did not answer /healthz within 60 s")
    yield url
    process.terminate()
    process.wait(timeout=60)

KG = "https://kg.gezond-groningen.nl/id/"
TOKEN = {"Authorization": "Bearer geheim-anna"}


@pytest.fixture()
def writable(built, search_engine, corpus_dir: Path, lexicon: Lexicon, tmp_path: Path):
    """A service that may write (token 'geheim-anna' for anna), on its own copy of the built graph and
    its search index (so that refreshing the index after a write embeds only what is new)."""

    from fastapi.testclient import TestClient

    from service.app import create_app
    from service.settings import Settings

    data = tmp_path / "kg"
    with open_store(data) as store:
        build_corpus(store, corpus_dir, lexicon)
    shutil.copytree(built[2] / "search", data / "search")
    app = create_app(Settings(data_dir=data, write_tokens="anna=geheim-anna,bert=geheim-bert", max_document_bytes=400_000))
    with TestClient(app) as client:
        yield client, app, data


def triples(app) -> int:
    return app.state.store.triple_count()
