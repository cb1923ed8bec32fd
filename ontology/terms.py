"""The terms of the ontology (classes, properties, concept schemes) for its page at /def."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ontology.namespaces import GG, ONTOLOGY_FILE

KINDS = ((OWL.Class, "klasse"), (OWL.ObjectProperty, "relatie"), (OWL.DatatypeProperty, "eigenschap"),
         (SKOS.ConceptScheme, "begrippenlijst"))


@dataclass(frozen=True)
class Term:
    name: str  # the fragment: https://kg.gezond-groningen.nl/def#<name>
    kind: str
    label: str
    definition: str
    parents: tuple[str, ...]  # rdfs:subClassOf / rdfs:subPropertyOf, as IRIs
    domain: str
    range: str


@cache
def ontology_graph() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def _text(graph: Graph, node: URIRef, predicate: URIRef) -> str:
    values = {value.language: str(value) for value in graph.objects(node, predicate) if isinstance(value, Literal)}
    return values.get("nl") or values.get("en") or next(iter(values.values()), "")


def terms() -> list[Term]:
    graph = ontology_graph()
    found = []
    for cls, kind in KINDS:
        for node in sorted(node for node in graph.subjects(RDF.type, cls) if isinstance(node, URIRef)):
            if not node.startswith(str(GG)):
                continue
            parents = tuple(sorted(str(p) for p in (*graph.objects(node, RDFS.subClassOf), *graph.objects(node, RDFS.subPropertyOf))))
            found.append(Term(str(node)[len(str(GG)):], kind, _text(graph, node, RDFS.label), _text(graph, node, SKOS.definition),
                              parents, str(graph.value(node, RDFS.domain) or ""), str(graph.value(node, RDFS.range) or "")))
    return found
