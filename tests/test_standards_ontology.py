"""The ontology is consistent with the vocabularies it reuses: an OWL 2 RL closure over the official
PROV-O, ORG, SKOS, FOAF and DCTERMS files (tests/fixtures/vocab), the ontology and the built graph
finds no inconsistency (owlrl marks one with rdf:type owl:Nothing or an error triple)."""

from __future__ import annotations

from pathlib import Path

import owlrl
from owlrl.Namespaces import ERRNS
from rdflib import Dataset, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF

from graph.store import Store
from ontology.namespaces import GG, NIF, ONTOLOGY_FILE

VOCAB_DIR = Path(__file__).resolve().parent / "fixtures" / "vocab"
VOCABULARIES = ("prov", "org", "skos", "foaf", "dcterms")
PROV = Namespace("http://www.w3.org/ns/prov#")


def vocabulary(name: str) -> Graph:
    """One official vocabulary file as a graph."""
    dataset = Dataset()
    dataset.parse(VOCAB_DIR / f"{name}.nq", format="nquads")
    graph = Graph()
    for quad in dataset.quads():
        graph.add(quad[:3])
    return graph


def _closure(data: Graph) -> Graph:
    graph = Graph()
    for name in VOCABULARIES:
        graph += vocabulary(name)
    graph.parse(ONTOLOGY_FILE, format="turtle")
    graph += data
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph


def inconsistencies(graph: Graph) -> list[str]:
    """What owlrl reports: members of owl:Nothing and its error descriptions."""
    found = [f"{node} a owl:Nothing" for node in graph.subjects(RDF.type, OWL.Nothing)]
    found += [str(message) for message in graph.objects(None, ERRNS.error)]
    return sorted(found)


def test_vocabulary_fixtures_are_the_official_files() -> None:
    counts = {name: len(vocabulary(name)) for name in VOCABULARIES}
    assert all(count > 200 for count in counts.values()), counts
    assert (PROV.Activity, OWL.disjointWith, PROV.Entity) in vocabulary("prov")


def test_built_graph_is_consistent_with_the_vocabularies(kg: Store) -> None:
    closed = _closure(kg.union_graph())
    assert inconsistencies(closed) == []
    # the closure did reason: a programme is a prov:Activity and not a prov:Entity, a passage a nif:String
    programme = next(closed.subjects(RDF.type, GG.Programma))
    assert (programme, RDF.type, PROV.Activity) in closed
    assert (programme, RDF.type, PROV.Entity) not in closed
    passage = next(closed.subjects(RDF.type, GG.Passage))
    assert (passage, RDF.type, NIF.String) in closed
    assert closed.value(passage, NIF.referenceContext) == closed.value(passage, DCTERMS.isPartOf)
    assert int(closed.value(passage, NIF.beginIndex)) >= 0


def test_the_old_provenance_property_would_be_inconsistent(kg: Store) -> None:
    """The check can fail: citing a passage with prov:wasDerivedFrom from a programme (an activity)
    makes it a prov:Entity, which PROV-O declares disjoint."""
    whole = kg.union_graph()
    programme = next(whole.subjects(RDF.type, GG.Programma))
    passage = next(whole.subjects(RDF.type, GG.Passage))
    data = Graph()  # the two nodes and what the graph states about them: the closure of the whole graph is the test above
    for node in (programme, passage):
        data += whole.triples((node, None, None))
    data.add((programme, PROV.wasDerivedFrom, URIRef(passage)))
    found = inconsistencies(_closure(data))
    assert len(found) == 1 and str(programme) in found[0] and "isjoint" in found[0], found
