"""Shared fixtures: the real corpus built once into a temporary embedded store.

Two tiers: the fast tier (`scripts/test -m "not full"`: unit tests, small fixtures, the corpus and
the service in-process) and the full tier (servers, browser, crash, scale), marked here by module."""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

from graph.factory import open_store
from graph.store import Store
from ingest.lexicon import Lexicon
from ingest.pipeline import BuildReport, build_corpus

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = Path(os.environ.get("GEZOND_KG_CORPUS_DIR", ROOT.parent / "shared" / "corpus"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# the embeddings of the corpus from the last run on this machine, reused by the next one (keyed by model and
# text: a passage that changed is embedded again; a clean clone, as in CI, starts without them and embeds the
# corpus, about two minutes of both cores); GEZOND_KG_TEST_EMBEDDING_CACHE names another file
EMBEDDING_CACHE = Path(os.environ.get("GEZOND_KG_TEST_EMBEDDING_CACHE", ROOT / ".cache" / "test-embeddings.sqlite"))

# modules that start servers or a browser, kill processes or generate scaled data, and the fixtures
# that start the real service or Chromium: the full tier only
FULL_TIER_MODULES = {"test_backends", "test_crash", "test_e2e", "test_scale", "test_search_scale", "test_standards_servers"}
FULL_TIER_FIXTURES = {"browser", "live_server", "writable_live_server", "server", "virtuoso"}
# and the tests that build the corpus again, reason over the whole graph or the vocabularies (OWL RL), fuzz,
# load a second model, ingest and embed a whole uploaded document, or wait for the search index and the
# analyses to follow a write in the background (each 9-120 s: together they would take the fast tier over
# its five minutes)
FULL_TIER_TESTS = {"test_standards_ontology.py::test_built_graph_is_consistent_with_the_vocabularies",
                   "test_security_core.py::test_every_write_path_changes_only_its_own_graph_or_nothing",
                   "test_writes.py::test_correct_an_organisation_keeps_the_old_name_findable_and_survives_a_rebuild",
                   "test_writes.py::test_involvement_added_then_withdrawn_and_a_rebuild_keeps_the_withdrawal",
                   "test_cli.py::test_build_stats_who_sparql_validate_export",
                   "test_search.py::test_sentence_transformers_backend_with_the_packaged_model",
                   "test_standards_linked_data.py::test_crawl_every_iri_of_an_export_one_hop",
                   "test_uploads.py::test_encodings_long_lines_and_markup_are_read_as_text",
                   "test_uploads.py::test_an_uploaded_document_is_ingested_cited_found_and_kept",
                   "test_uploads.py::test_reads_go_on_while_a_document_is_ingested",
                   "test_review.py::test_accept_reject_and_merge_change_the_graph_leave_the_queue_and_survive_a_rebuild",
                   "test_search.py::test_a_missing_model_is_a_clear_error",
                   "test_actielijn_page.py::test_the_command_line_gives_the_overview_of_the_page",
                   "test_security_edge.py::test_serve_on_a_truncated_sst_exits_with_a_dutch_message",
                   "test_ingest.py::test_same_corpus_gives_the_same_graph",
                   "test_standards_ontology.py::test_the_old_provenance_property_would_be_inconsistent",
                   "test_security_edge.py::test_lacunes_csv_escapes_a_formula_in_a_programme_name",
                   "test_writes.py::test_gaps_are_recomputed_after_a_write",
                   "test_uploads.py::test_a_writing_service_brings_a_search_index_behind_its_graph_up_to_date_at_start"}


# pytest-xdist hands out whole modules in collection order (scripts/test: --dist loadfile --no-loadscope-reorder),
# so the modules go in this order, the others after them: long ones first, and long ones that need no search
# index between them, so that one worker has work while the other embeds the corpus (about two minutes, both
# cores); without it a worker waited for the embedding and the last long module ran alone (the full suite,
# 905 s: 80 % of both cores busy)
MODULE_ORDER = ["test_backends", "test_standards_servers", "test_security_edge", "test_crash", "test_standards_ontology",
                "test_scale", "test_ingest", "test_load_command", "test_virtuoso_graphs", "test_search_scale", "test_explorer",
                "test_uploads", "test_writes", "test_fuzz_writes", "test_actielijn_page", "test_security_core", "test_review",
                "test_search", "test_e2e", "test_standards_linked_data", "test_cli", "test_analysis"]


def _module(item: pytest.Item) -> str:
    return item.module.__name__.rsplit(".", 1)[-1] if item.module is not None else ""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = _module(item)
        test = f"{module}.py::{getattr(item, 'originalname', item.name)}"
        if module in FULL_TIER_MODULES or test in FULL_TIER_TESTS or FULL_TIER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.full)
    items.sort(key=lambda item: MODULE_ORDER.index(_module(item)) if _module(item) in MODULE_ORDER else len(MODULE_ORDER))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS_DIR.is_dir():
        pytest.fail(f"Corpus not found at {CORPUS_DIR}; set GEZOND_KG_CORPUS_DIR.")
    return CORPUS_DIR


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return Lexicon.load()


def made_once_per_run(tmp_path_factory: pytest.TempPathFactory, name: str, target: Path, make: Callable[[Path], None]) -> None:
    """Fill the directory ``target`` once per test run: the first pytest-xdist worker makes it and leaves
    a copy for the others, which copy it instead of making it again (a plain copy of a closed store is
    consistent). Without workers it is just made."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        make(target)
        return
    shared = tmp_path_factory.getbasetemp().parent / name
    with FileLock(str(shared) + ".lock"):
        if not shared.is_dir():
            make(target)
            partial = shared.with_name(name + ".partial")
            shutil.copytree(target, partial)
            partial.rename(shared)
        else:
            shutil.copytree(shared, target, dirs_exist_ok=True)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, lexicon: Lexicon) -> tuple[Store, BuildReport, Path]:
    """The corpus built once per run; the store is then closed and opened read-only, so that nothing
    writes or compacts it while the services of the tests read it (RocksDB deleting compacted files
    under a read-only reader: 'No such file ... .sst' in CI); a plain copy of its files is consistent."""

    def build(data_dir: Path) -> None:
        with open_store(data_dir) as store:
            report = build_corpus(store, corpus_dir, lexicon)
        (data_dir / "report.pickle").write_bytes(pickle.dumps(report))

    data_dir = tmp_path_factory.mktemp("kg")
    made_once_per_run(tmp_path_factory, "kg-built", data_dir, build)
    return open_store(data_dir, read_only=True), pickle.loads((data_dir / "report.pickle").read_bytes()), data_dir


@pytest.fixture(scope="session")
def kg(built: tuple[Store, BuildReport, Path]) -> Store:
    return built[0]


@pytest.fixture(scope="session")
def search_engine(built: tuple[Store, BuildReport, Path], tmp_path_factory: pytest.TempPathFactory):
    """The hybrid search index (default e5 model) over the built graph."""
    from search.embedders import make_embedder
    from search.engine import SearchEngine, build_index

    store, _, data_dir = built
    (data_dir / "search").mkdir(exist_ok=True)
    cache = data_dir / "search" / "embeddings.sqlite"
    embedder = make_embedder()
    # pytest-xdist workers embed the corpus once between them: the first one under the lock, the others copy;
    # what was embedded is kept for the next run on this machine (EMBEDDING_CACHE)
    this_run = tmp_path_factory.getbasetemp().parent / "embeddings.sqlite" if "PYTEST_XDIST_WORKER" in os.environ else None
    EMBEDDING_CACHE.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(EMBEDDING_CACHE) + ".lock"):
        seed = this_run if this_run is not None and this_run.exists() else EMBEDDING_CACHE
        if seed.exists():
            shutil.copy(seed, cache)
        build_index(store, embedder, data_dir)
        if seed is EMBEDDING_CACHE:  # the first worker of this run
            shutil.copy(cache, EMBEDDING_CACHE)
            if this_run is not None:
                shutil.copy(cache, this_run)
    return SearchEngine(data_dir, embedder)


@pytest.fixture(scope="session")
def client(analysed, tmp_path_factory: pytest.TempPathFactory):
    """The service on a copy of the built graph with its analyses (as `gezond-kg build` leaves it) and its
    search index, through FastAPI's test client."""
    from fastapi.testclient import TestClient

    from service.app import create_app
    from service.settings import Settings

    app = create_app(Settings(data_dir=copy_of_built(analysed, tmp_path_factory.mktemp("client") / "kg")))
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def live_server(built, search_engine):
    """The real service (gezond-kg serve, uvicorn) in a subprocess on a free loopback port."""
    yield from _serve(built[2], {})


@pytest.fixture()
def writable_live_server(analysed, tmp_path):
    """The real service on a copy of the built graph, writing allowed with token 'fuzz'."""
    yield from _serve(copy_of_built(analysed, tmp_path / "kg"), {"GEZOND_KG_WRITE_TOKENS": "fuzz=fuzz"})


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


@pytest.fixture(scope="session")
def analysed(built: tuple[Store, BuildReport, Path], search_engine, tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Path]:
    """A copy of the built store with its analyses saved, as `gezond-kg build` leaves it: the source of
    every writable copy, so that a writable service reads the analyses instead of computing them at
    start (which also made the first read wait for them)."""
    from search.analyses import compute, save
    from search.embedders import DEFAULT_MODEL

    def analyse(data: Path) -> None:
        shutil.copytree(built[2] / "store", data / "store")  # never written after the build: a plain copy is consistent
        shutil.copytree(built[2] / "search", data / "search")
        with open_store(data) as store:
            save(store, compute(store, search_engine, DEFAULT_MODEL))

    data = tmp_path_factory.mktemp("analysed")
    made_once_per_run(tmp_path_factory, "kg-analysed", data, analyse)
    return open_store(data), data


def copy_of_built(analysed: tuple[Store, Path], data: Path) -> Path:
    """A data directory with a consistent copy of the built store (with its analyses) and its search
    index: writes to it never reach the session's graph."""
    data.mkdir(parents=True)
    analysed[0].backup(data / "store")
    shutil.copytree(analysed[1] / "search", data / "search")
    return data


@pytest.fixture()
def kg_copy(analysed, tmp_path: Path):
    """A writable copy of the built store, for tests that write without the service."""
    with open_store(copy_of_built(analysed, tmp_path / "kg")) as store:
        yield store


@pytest.fixture()
def writable(analysed, tmp_path: Path):
    """A service that may write (token 'geheim-anna' for anna), on its own copy of the built graph and
    its search index (so that refreshing the index after a write embeds only what is new)."""

    from fastapi.testclient import TestClient

    from service.app import create_app
    from service.settings import Settings

    data = copy_of_built(analysed, tmp_path / "kg")
    app = create_app(Settings(data_dir=data, write_tokens="anna=geheim-anna,bert=geheim-bert", max_document_bytes=400_000))
    with TestClient(app) as client:
        yield client, app, data


def triples(app) -> int:
    return app.state.store.triple_count()
