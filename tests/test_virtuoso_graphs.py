"""Virtuoso with many named graphs: the store's queries read the set of the project's triples as
default graph and only the project's graphs in GRAPH patterns, without naming the graphs (Virtuoso
refuses a query that names more than about 4 000 of them, SP030), with the answers of the embedded
store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.graph_scope import project_graphs_only
from graph.oxigraph_store import OxigraphStore
from graph.sparql_dialects import parse_location
from graph.sparql_store import SparqlStore
from graph.store import RESULTS_JSON, QueryDataset, Store
from tests.test_backends import _running

SMALL = "urn:x-test:klein:graph/"  # namespace of the small fixture's graphs
MANY = "urn:x-test:veel:graph/"  # namespace of the many graphs
MANY_GRAPHS = 5000  # above the ~4 000 named graphs at which Virtuoso refuses a dataset (SP030)
SMALL_QUADS = f"""<urn:x-test:a> <urn:x-test:p> "gedeeld" <{SMALL}doc1> .
<urn:x-test:a> <urn:x-test:p> "gedeeld" <{SMALL}doc2> .
<urn:x-test:b> <urn:x-test:p> "alleen in doc2" <{SMALL}doc2> .
<urn:x-test:a> <urn:x-test:q> <urn:x-test:b> <{SMALL}afgeleid> .
"""
OUTSIDE = "urn:x-test:andere-toepassing"  # a graph of another application on the same server
QUERIES = {
    "standaardgraaf": "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o",
    "aantal": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "grafen": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    "één graaf": f"SELECT ?s ?o WHERE {{ GRAPH <{SMALL}doc2> {{ ?s ?p ?o }} }} ORDER BY ?s",
    "graaf buiten het project": f"SELECT ?s WHERE {{ GRAPH <{OUTSIDE}> {{ ?s ?p ?o }} }}",
    "alles van één graaf": f"SELECT * WHERE {{ GRAPH <{SMALL}doc1> {{ ?s ?p ?o }} }}",
    "vaste triple": f'ASK {{ GRAPH <{SMALL}doc2> {{ <urn:x-test:b> <urn:x-test:p> "alleen in doc2" }} }}',
    "vaste triple buiten het project": f'ASK {{ GRAPH <{OUTSIDE}> {{ <urn:x-test:c> <urn:x-test:p> "buiten" }} }}',
    "graaf in OPTIONAL": """SELECT ?s ?g WHERE { ?s <urn:x-test:p> ?o OPTIONAL { GRAPH ?g { ?s <urn:x-test:p> ?o } } }
                            ORDER BY ?s ?g""",
    "NOT EXISTS": "SELECT ?s WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s <urn:x-test:q> ?x } } } ORDER BY ?s",
}


def _rows(store: Store, query: str) -> list[dict[str, str | None]]:
    if query.startswith("ASK"):
        return [{"ja": str(store.ask(query))}]
    return store.select(query).rows


def _public(store: Store, query: str) -> list[dict[str, str]]:
    answer = json.loads(store.query_dataset(query, RESULTS_JSON, QueryDataset()))
    if "boolean" in answer:
        return [{"ja": str(answer["boolean"])}]
    return [{name: value["value"] for name, value in row.items()} for row in answer["results"]["bindings"]]


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    data = tmp_path_factory.mktemp("virtuoso")
    with _running("virtuoso", data) as location:
        yield location, data


def test_graph_patterns_keep_to_the_namespace() -> None:
    query = ('SELECT * { GRAPH ?g { ?s ?p "GRAPH ?x {" OPTIONAL { ?s ?q $r } } . graph <urn:y> { ?a ?b ?c } '
             'GRAPH <urn:z> { <urn:a> <urn:b> <urn:c> } } # GRAPH ?c {')
    assert project_graphs_only(query, "urn:n/") == (
        'SELECT * { GRAPH ?g { ?s ?p "GRAPH ?x {" OPTIONAL { ?s ?q $r } } FILTER (STRSTARTS(STR(?g), "urn:n/")) . '
        '{ SELECT ?a ?b ?c WHERE { GRAPH ?gezond_kg_graaf_1 { ?a ?b ?c } '
        'FILTER (?gezond_kg_graaf_1 = <urn:y> && STRSTARTS(STR(?gezond_kg_graaf_1), "urn:n/")) } } '
        'GRAPH ?gezond_kg_graaf_2 { <urn:a> <urn:b> <urn:c> } '
        'FILTER (?gezond_kg_graaf_2 = <urn:z> && STRSTARTS(STR(?gezond_kg_graaf_2), "urn:n/")) } # GRAPH ?c {'
    )


def test_answers_as_the_embedded_store(virtuoso: tuple[str, Path], tmp_path: Path) -> None:
    location, data = virtuoso
    nquads = tmp_path / "klein.nq"
    nquads.write_text(SMALL_QUADS, encoding="utf-8")
    embedded = OxigraphStore(None)
    embedded.bulk_load(nquads)
    store = SparqlStore(parse_location(location), SMALL, server_dir=data)
    store._update(f"INSERT DATA {{ GRAPH <{OUTSIDE}> {{ <urn:x-test:c> <urn:x-test:p> \"buiten\" }} }}")
    store.bulk_load(nquads)
    assert store.graph_names() == embedded.graph_names() == [f"{SMALL}afgeleid", f"{SMALL}doc1", f"{SMALL}doc2"]
    for name, query in QUERIES.items():
        assert _rows(store, query) == _rows(embedded, query), name
        assert _public(store, query) == _public(embedded, query), name
    # the exact answers: three distinct triples, the shared one in two graphs, nothing outside the project
    assert _rows(store, QUERIES["aantal"]) == [{"n": "3"}]
    assert [(row["g"], row["n"]) for row in _rows(store, QUERIES["grafen"])] == [
        (f"{SMALL}afgeleid", "1"), (f"{SMALL}doc1", "1"), (f"{SMALL}doc2", "2")]
    assert _rows(store, QUERIES["graaf buiten het project"]) == []
    assert _rows(store, QUERIES["vaste triple"]) == [{"ja": "True"}]
    assert _rows(store, QUERIES["vaste triple buiten het project"]) == [{"ja": "False"}]
    assert len(_rows(store, QUERIES["alles van één graaf"])) == 1
    assert [row["g"] for row in _rows(store, QUERIES["graaf in OPTIONAL"])] == [f"{SMALL}doc1", f"{SMALL}doc2", f"{SMALL}doc2"]
    assert _rows(store, QUERIES["NOT EXISTS"]) == [{"s": "urn:x-test:b"}]
    store.close()


def test_thousands_of_graphs_still_answer(virtuoso: tuple[str, Path], tmp_path: Path) -> None:
    location, data = virtuoso
    nquads = tmp_path / "veel.nq"
    with nquads.open("w", encoding="utf-8") as out:
        for number in range(MANY_GRAPHS):  # one triple of its own and one that every graph states
            out.write(f'<urn:x-test:doc{number}> <urn:x-test:nummer> "{number}" <{MANY}document/{number}> .\n'
                      f'<urn:x-test:regio> <urn:x-test:p> "gedeeld" <{MANY}document/{number}> .\n')
    store = SparqlStore(parse_location(location), MANY, server_dir=data)
    store.bulk_load(nquads)
    assert len(store.graph_names()) == MANY_GRAPHS
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert _rows(store, count) == _public(store, count) == [{"n": str(MANY_GRAPHS + 1)}]
    in_graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { <urn:x-test:regio> ?p ?o } }"
    assert _rows(store, in_graphs) == _public(store, in_graphs) == [{"n": str(MANY_GRAPHS)}]
    one = f'SELECT ?o WHERE {{ GRAPH <{MANY}document/4321> {{ <urn:x-test:doc4321> ?p ?o }} }}'
    assert _rows(store, one) == [{"o": "4321"}]
    quads = list(ox.parse(path=nquads, format=ox.RdfFormat.N_QUADS))
    assert len(quads) == 2 * MANY_GRAPHS
    store.close()
