"""The same core checks on two SPARQL 1.1 servers as on the embedded store: Oxigraph server and
Virtuoso, each started on free loopback ports by its own script in scripts/servers and stopped at the end."""

from __future__ import annotations

import dataclasses
import inspect
import json
import math
import shutil
import socket
import subprocess
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph, Literal, URIRef
from typer.testing import CliRunner

from graph.derive import derive_updates
from graph.factory import open_store
from graph.queries import PREFIX_BLOCK, class_counts
from graph.sparql_dialects import parse_location
from graph.sparql_store import TEMPORARY_PREFIX, SparqlStore
from graph.store import RESULTS_JSON, QueryDataset, Store, StoreError
from ingest.pipeline import build_corpus
from ontology.namespaces import GRAPH_NAMESPACE, ONTOLOGY_GRAPH
from service.app import create_app
from service.cli import app as cli
from service.settings import Settings
from tests import test_graph

ROOT = Path(__file__).resolve().parents[1]
SERVERS = ("oxigraph", "virtuoso")
runner = CliRunner()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _running(name: str, data: Path) -> Iterator[str]:
    """The server ``name`` started by its script with its data in ``data``; its --store location."""
    if name == "virtuoso" and shutil.which("virtuoso-t") is None:
        pytest.fail("Virtuoso ontbreekt: scripts/setup installeert het als root (apt-get install virtuoso-opensource).")
    script = ROOT / "scripts" / "servers" / name
    ports = [str(_free_port()) for _ in range(2 if name == "virtuoso" else 1)]  # Virtuoso: HTTP and ISQL
    started = subprocess.run([str(script), "start", str(data), *ports], capture_output=True, text=True, timeout=180)
    if started.returncode:
        pytest.fail(f"{script.name} start mislukte: {started.stderr}")
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        stopped = subprocess.run([str(script), "stop", str(data)], capture_output=True, text=True, timeout=180)
        assert stopped.returncode == 0, stopped.stderr


@pytest.fixture(scope="session", params=SERVERS)
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running server; its --store location."""
    with _running(request.param, tmp_path_factory.mktemp(request.param)) as location:
        yield location


@pytest.fixture(scope="session")
def server_kg(server: str, corpus_dir: Path, lexicon) -> Iterator[Store]:
    store = open_store(Path("ongebruikt"), store_url=server)
    report = build_corpus(store, corpus_dir, lexicon)
    assert [o.status for o in report.outcomes] == ["nieuw"] * 5
    yield store
    store.close()


GRAPH_CHECKS = [check for name, check in vars(test_graph).items()
                if name.startswith("test_") and list(inspect.signature(check).parameters) == ["kg"]]


@pytest.mark.parametrize("check", GRAPH_CHECKS, ids=lambda check: check.__name__)
def test_core_graph_checks(server_kg: Store, check) -> None:
    check(server_kg)


def _triples(store: Store) -> set[tuple[str, str, str]]:
    return {tuple(map(str, triple)) for triple in store.union_graph()}


def test_same_graph_as_the_embedded_store(server_kg: Store, kg: Store) -> None:
    assert server_kg.graph_names() == kg.graph_names()
    assert server_kg.triple_count() == kg.triple_count()
    assert class_counts(server_kg) == class_counts(kg)
    assert _triples(server_kg) == _triples(kg)


def _cli(*arguments: str) -> str:
    result = runner.invoke(cli, list(arguments))
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_commands_answer_as_on_the_embedded_store(server_kg: Store, server: str, built, tmp_path: Path) -> None:
    embedded, on_server = ["--data-dir", str(built[2])], ["--data-dir", str(tmp_path), "--store", server]
    for command in (["stats", "--json"], ["who", "Valpreventie", "--json"],
                    ["sparql", "--json", PREFIX_BLOCK + "SELECT ?l WHERE { ?a a gg:Actielijn ; rdfs:label ?l } ORDER BY ?l"]):
        assert json.loads(_cli(*command, *on_server)) == json.loads(_cli(*command, *embedded)), command
    assert "voldoet aan alle SHACL-vormen" in _cli("validate", *on_server)


QUERIES = {
    "select": PREFIX_BLOCK + """SELECT ?programma ?wie ?rol WHERE { ?p gg:actielijn/gg:nummer 2 ; rdfs:label ?programma ;
        prov:qualifiedAssociation ?b . ?b prov:agent/rdfs:label ?wie ; prov:hadRole/skos:notation ?rol } ORDER BY ?programma ?wie ?rol""",
    "ask": PREFIX_BLOCK + 'ASK { ?o rdfs:label "GGD Groningen"@nl }',
    "construct": PREFIX_BLOCK + "CONSTRUCT { ?a rdfs:label ?l ; gg:nummer ?n } WHERE { ?a a gg:Actielijn ; rdfs:label ?l ; gg:nummer ?n }",
}
ACCEPT = {"select": ("application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"),
          "ask": ("application/sparql-results+json", "application/sparql-results+xml"),
          "construct": ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")}
RDF_SYNTAX = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld", "application/rdf+xml": "xml"}


def _answer(kind: str, media: str, body: bytes) -> object:
    if kind == "construct":
        return {tuple(map(str, t)) for t in Graph().parse(data=body, format=RDF_SYNTAX[media])}
    if media in ("text/csv", "text/tab-separated-values"):
        return body.decode("utf-8").replace("\r\n", "\n")
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.from_media_type(media))
    return bool(parsed) if isinstance(parsed, ox.QueryBoolean) else [[str(s[v]) for v in parsed.variables] for s in parsed]


def test_sparql_endpoint_answers_as_on_the_embedded_store(server_kg: Store, server: str, built, tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=built[2]))) as embedded, \
            TestClient(create_app(Settings(data_dir=tmp_path, store=server))) as on_server:
        for kind, query in QUERIES.items():
            for media in ACCEPT[kind]:
                answers = []
                for client in (embedded, on_server):
                    response = client.post("/sparql", data={"query": query}, headers={"Accept": media})
                    assert response.status_code == 200, (kind, media, response.text)
                    assert response.headers["content-type"].startswith(media)
                    answers.append(_answer(kind, media, response.content))
                assert answers[0] == answers[1], (kind, media)
        assert on_server.get("/sparql", params={"query": "SELEC x"}).status_code == 400


def _small_graph() -> Graph:
    graph = Graph()
    graph.add((URIRef("urn:x-test:s"), URIRef("urn:x-test:p"), Literal("atomair")))
    return graph


def test_a_failed_transaction_leaves_no_trace(server_kg: SparqlStore, server: str) -> None:
    name = GRAPH_NAMESPACE + "test/atomair"
    before = (server_kg.graph_names(), server_kg.triple_count())
    with pytest.raises(StoreError, match="Ongeldige"):
        server_kg.transact({name: _small_graph()}, ["INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> "])
    assert (server_kg.graph_names(), server_kg.triple_count()) == before
    # an error at run time: Oxigraph rolls the whole request back, Virtuoso keeps what ran before it
    try:
        with pytest.raises(StoreError):
            server_kg.transact({name: _small_graph()}, [f"CREATE GRAPH <{ONTOLOGY_GRAPH}>"])
        assert (name in server_kg.graph_names()) == server.startswith("virtuoso")
    finally:
        server_kg.remove_graph(name)
    assert (server_kg.graph_names(), server_kg.triple_count()) == before
    assert not [g for g in server_kg._all_graphs() if g.startswith(TEMPORARY_PREFIX)]


def test_a_build_split_over_several_update_requests_gives_the_same_graph(
        server_kg: SparqlStore, kg: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server_kg, "dialect", dataclasses.replace(server_kg.dialect, max_graphs_per_update=2))
    requests: list[str] = []
    send = server_kg._update
    monkeypatch.setattr(server_kg, "_update", lambda sparql: (requests.append(sparql), send(sparql)))
    dataset = Dataset()
    dataset.parse(data=kg.nquads(), format="nquads")
    graphs = {str(graph.identifier): graph for graph in dataset.graphs() if len(graph)}
    server_kg.transact(graphs, derive_updates())
    assert len(graphs) > 2 and len(requests) == math.ceil(len(graphs) / 2)
    assert "INSERT {" in requests[-1] and all("INSERT {" not in request for request in requests[:-1])
    assert _triples(server_kg) == _triples(kg)
    assert not [g for g in server_kg._all_graphs() if g.startswith(TEMPORARY_PREFIX)]


def test_every_process_on_the_server_sees_the_version_change_with_each_write(server_kg: SparqlStore, server: str) -> None:
    name = GRAPH_NAMESPACE + "test/versie"
    with open_store(Path("ongebruikt"), store_url=server, read_only=True) as other:
        before = server_kg.version()
        assert before is not None and other.version() == before
        server_kg.replace_graph(name, _small_graph())
        written = other.version()
        assert written not in (None, before) and server_kg.version() == written
        server_kg.remove_graph(name)
        assert other.version() not in (before, written)
        assert len(other.version()) == 1  # type: ignore[arg-type]


def test_read_only_refuses_writes(server_kg: Store, server: str) -> None:
    with open_store(Path("ongebruikt"), store_url=server, read_only=True) as store:
        with pytest.raises(StoreError, match="alleen-lezen"):
            store.replace_graph(GRAPH_NAMESPACE + "test/verboden", _small_graph())


def test_unreachable_server_and_unknown_location_say_what_to_do() -> None:
    location = f"oxigraph+http://127.0.0.1:{_free_port()}"
    with pytest.raises(StoreError, match=r"niet bereikbaar.*scripts/servers/oxigraph start") as unreachable:
        open_store(Path("ongebruikt"), store_url=location)
    assert location.removeprefix("oxigraph+") in str(unreachable.value)
    with pytest.raises(StoreError, match=r"oxigraph\+http://"):
        open_store(Path("ongebruikt"), store_url="postgres://localhost/kg")


@pytest.mark.parametrize("name", SERVERS)
def test_the_bulk_loader_of_each_server_loads_exactly_the_file(name: str, kg: Store, tmp_path: Path) -> None:
    nquads = tmp_path / "graaf.nq"
    nquads.write_bytes(kg.nquads())
    quads = set(ox.parse(path=nquads, format=ox.RdfFormat.N_QUADS))
    expected = Counter(quad.graph_name.value for quad in quads)
    project = {quad.triple for quad in quads if quad.graph_name.value.startswith(GRAPH_NAMESPACE)}
    data = tmp_path / name
    with _running(name, data) as location:
        store = SparqlStore(parse_location(location), GRAPH_NAMESPACE, server_dir=data)
        store.bulk_load(nquads)
        rows = store.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").rows
        assert {row["g"]: int(row["n"] or 0) for row in rows if row["g"] in expected} == dict(expected)
        assert store.graph_names() == sorted(g for g in expected if g.startswith(GRAPH_NAMESPACE))
        assert store.version() is not None
        # the default graph of a public query is the set of the project's triples: each once
        answer = ox.parse_query_results(store.query_dataset("SELECT * { ?s ?p ?o }", RESULTS_JSON, QueryDataset()),
                                        format=ox.QueryResultsFormat.JSON)
        rows_of_default = [(row["s"], row["p"], row["o"]) for row in answer]  # type: ignore[union-attr]
        assert len(rows_of_default) == len(project) and set(rows_of_default) == {(t.subject, t.predicate, t.object) for t in project}
        bad = tmp_path / "zonder-graaf.nq"
        bad.write_text("<urn:x-test:s> <urn:x-test:p> <urn:x-test:o> .\n", encoding="utf-8")
        with pytest.raises(StoreError, match=r"zonder-graaf\.nq, regel 1: de triple .* niet in een named graph"):
            store.bulk_load(bad)
        store.close()
