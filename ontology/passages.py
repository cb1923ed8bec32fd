"""How a passage (a span of a document's text) and a fact's citation of it are written in RDF.

Passages follow NIF 2.0: the document is the nif:Context, a passage a nif:String with its
nif:referenceContext, its text as nif:anchorOf and its offsets as xsd:nonNegativeInteger. A fact cites
its passage with dcterms:source, which (unlike prov:wasDerivedFrom) has no domain, so programmes and
moves (prov:Activity, disjoint from prov:Entity) can cite passages too.
"""

from __future__ import annotations

from rdflib import Graph, IdentifiedNode, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from ontology.namespaces import GG, NIF

CITES = DCTERMS.source  # fact -> the passage it was read from


def add_passage(graph: Graph, node: URIRef, document: URIRef, begin: int, end: int, text: str) -> None:
    """The span ``begin``..``end`` of ``document`` holding ``text``."""
    graph.add((node, RDF.type, GG.Passage))
    graph.add((node, DCTERMS.isPartOf, document))
    graph.add((node, NIF.referenceContext, document))
    graph.add((node, NIF.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger)))
    graph.add((node, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
    graph.add((node, NIF.anchorOf, Literal(text)))


def cite(graph: Graph, fact: IdentifiedNode, passage: URIRef) -> None:
    """``fact`` (an IRI, or a blank node of a derived fact) was read from ``passage``."""
    graph.add((fact, CITES, passage))
