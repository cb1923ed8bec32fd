"""Issue 11, memory of large inputs (the peaks themselves are measured by bench/memory_ingest.py): the
paths that were changed to hold less must give the same results — a CONSTRUCT built term by term, a
write committed from its checked triples — and a SPARQL worker is a process of its own that ends when
the service lets go of it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS, XSD

from graph.oxigraph_store import OxigraphStore
from graph.writes import commit, new_write, stage_triples
from ontology.namespaces import GGID
from service.query_runner import IsolatedQueryRunner

ORGANISATION = GGID["organisatie/stichting-meting"]


def small_store(path: Path | None = None) -> OxigraphStore:
    store = OxigraphStore(path)
    data = Graph()
    data.add((ORGANISATION, RDFS.label, Literal("Stichting Meting", lang="nl")))
    data.add((ORGANISATION, RDFS.comment, Literal("zonder taal")))
    data.add((ORGANISATION, GGID["aantal"], Literal("7", datatype=XSD.integer)))
    data.add((ORGANISATION, GGID["adres"], BNode("adres1")))
    data.add((BNode("adres1"), RDFS.label, Literal("Hoofdstraat 1")))
    store.transact({str(GGID["graaf/meting"]): data})
    return store


def test_construct_gives_the_graph_that_parsing_its_n_triples_gives():
    store = small_store()
    built = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    text = ox.serialize(store._store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"), format=ox.RdfFormat.N_TRIPLES)
    parsed = Graph().parse(data=text.decode(), format="nt")
    assert len(built) == len(parsed) == 5 and isomorphic(built, parsed)
    assert (ORGANISATION, RDFS.comment, Literal("zonder taal")) in built  # xsd:string: no datatype, as parsed
    assert (ORGANISATION, GGID["aantal"], Literal("7", datatype=XSD.integer)) in built


def test_a_write_is_committed_from_its_checked_triples_and_its_graphs_are_let_go():
    store = small_store()
    write = new_write("meting", "triples toevoegen", "een toelichting")
    staged = Graph()
    staged.add((GGID["organisatie/stichting-nieuw"], RDFS.label, Literal("Stichting Nieuw", lang="nl")))
    stage_triples(write, staged)
    write.other_graphs[str(GGID["graaf/extra"])] = staged
    expected = {str(GGID["graaf/extra"]): set(staged), write.graph_name: set(write.graph)}
    result = commit(store, write, str(write.activity))
    assert len(write.graph) == 0 and write.other_graphs == {}  # handed over
    stored = {name: set(store.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")) for name in expected}
    # Oxigraph keeps an xsd:nonNegativeInteger (a passage's offsets) as xsd:integer: the write graph by count
    assert stored[str(GGID["graaf/extra"])] == set(staged) and len(stored[write.graph_name]) == len(expected[write.graph_name])
    assert result.triples == sum(map(len, expected.values())) == 1 + len(expected[write.graph_name])


def test_a_query_worker_is_its_own_process_and_ends_with_its_connection(tmp_path):
    small_store(tmp_path / "store").close()
    runner = IsolatedQueryRunner(tmp_path, timeout_seconds=30, workers=1)
    worker = runner._workers[0]
    try:
        assert b"true" in runner.run("ASK { ?s ?p ?o }", "application/sparql-results+json")
        process = worker.process
        assert isinstance(process, subprocess.Popen) and process.args[:3] == [sys.executable, "-m", "service.query_worker"]
        assert worker.connection is not None
        worker.connection.close()  # the service lets go (or dies): the worker ends by itself
        assert process.wait(timeout=30) == 0
    finally:
        worker.connection = None
        runner.stop()
