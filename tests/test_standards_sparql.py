"""SPARQL 1.1 semantics of /sparql beyond the W3C protocol tests: the default graph is a set, the
dataset of a request (FROM, protocol parameters) is honoured, relative IRIs resolve against the
endpoint, negotiated answers vary by Accept, HEAD works; real clients (SPARQLWrapper, rdflib's
SPARQLStore) see no duplicates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper

from graph.store import Store
from ontology.namespaces import GRAPH_NAMESPACE
from tests.conftest import _serve, copy_of_built

JSON_RESULTS = {"Accept": "application/sparql-results+json"}


def _select(client, query: str, **params: str) -> list[dict]:
    response = client.get("/sparql", params={"query": query, **params}, headers=JSON_RESULTS)
    assert response.status_code == 200, response.text
    return json.loads(response.content)["results"]["bindings"]


def _count(client, query: str, **params: str) -> int:
    return int(_select(client, query, **params)[0]["n"]["value"])


def test_default_graph_is_a_set(client) -> None:
    distinct = client.app.state.knowledge.store.triple_count()  # the graph the service serves (with its analyses)
    repeated = _count(client, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert repeated > distinct  # the corpus states some triples in several documents
    assert _count(client, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == distinct


def test_from_and_protocol_graphs_are_honoured(client, kg: Store) -> None:
    documents = [name for name in kg.graph_names() if name.startswith(GRAPH_NAMESPACE + "document/")]
    first, second = documents[:2]
    in_first = _count(client, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{first}> {{ ?s ?p ?o }} }}")
    assert 0 < in_first < kg.triple_count()
    assert _count(client, f"SELECT (COUNT(*) AS ?n) FROM <{first}> WHERE {{ ?s ?p ?o }}") == in_first
    assert _count(client, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", **{"default-graph-uri": first}) == in_first
    # the protocol's dataset replaces the query's
    assert _count(client, f"SELECT (COUNT(*) AS ?n) FROM <{second}> WHERE {{ ?s ?p ?o }}",
                  **{"default-graph-uri": first}) == in_first
    names = _select(client, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", **{"named-graph-uri": second})
    assert [row["g"]["value"] for row in names] == [second]
    rows = _select(client, f"SELECT DISTINCT ?g FROM NAMED <{first}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert [row["g"]["value"] for row in rows] == [first]


def test_one_query_per_request(client) -> None:
    response = client.get("/sparql?query=ASK%20%7B%7D&query=ASK%20%7B%7D")
    assert response.status_code == 400 and "precies één query" in response.json()["fout"]
    response = client.post("/sparql?query=ASK%20%7B%7D", content="ASK {}", headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 400


def test_relative_iris_resolve_against_the_endpoint(client) -> None:
    rows = _select(client, "SELECT ?x WHERE { BIND(<id/organisatie/ggd-groningen> AS ?x) }")
    assert rows[0]["x"]["value"] == "http://testserver/id/organisatie/ggd-groningen"


def test_negotiated_answers_vary_by_accept_and_head_works(client) -> None:
    response = client.get("/sparql", params={"query": "ASK {}"}, headers=JSON_RESULTS)
    assert response.headers["vary"] == "Accept"
    head = client.head("/sparql", params={"query": "ASK {}"}, headers=JSON_RESULTS)
    assert head.status_code == 200 and head.headers["content-type"] == "application/sparql-results+json"
    assert head.content == b""
    for path in ("/", "/organisaties", "/api/stats", "/def", "/context.jsonld"):
        get, head = client.get(path), client.head(path)
        assert head.status_code == get.status_code == 200 and head.content == b"", path
        assert head.headers["content-type"] == get.headers["content-type"]


def test_non_utf8_query_is_refused(client) -> None:
    response = client.post("/sparql", content="ASK {}".encode("utf-16"),
                           headers={"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert response.status_code == 415
    response = client.post("/sparql", content=b"ASK { \xff }", headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 400


@pytest.fixture(scope="module")
def patient_server(analysed, tmp_path_factory: pytest.TempPathFactory):
    """The real service on a copy of the graph with its analyses (as a build leaves it: it need not compute
    them); its SPARQL time limit above what fetching every triple takes on a busy machine."""
    yield from _serve(copy_of_built(analysed, tmp_path_factory.mktemp("patient") / "kg"), {"GEZOND_KG_SPARQL_TIMEOUT": "120"})


def test_real_clients_see_each_triple_once(patient_server: str, analysed: tuple[Store, Path]) -> None:
    served = analysed[0]  # the copy the server reads holds the same triples
    wrapper = SPARQLWrapper(patient_server + "/sparql")
    wrapper.setQuery("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    wrapper.setReturnFormat(JSON)
    bindings = wrapper.query().convert()["results"]["bindings"]
    rows = [(b["s"]["value"], b["p"]["value"], json.dumps(b["o"], sort_keys=True)) for b in bindings]
    assert len(rows) == len(set(rows)) == served.triple_count()
    graph = Graph(store=SPARQLStore(patient_server + "/sparql", returnFormat="json"))
    programme = URIRef("https://kg.gezond-groningen.nl/id/programma/kansrijke-start")
    labels = list(graph.objects(programme, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
    assert len(labels) == len(set(labels)) >= 1
    assert len(list(graph.triples((None, None, None)))) == served.triple_count()
