"""The one gate between outside strings and SPARQL text: every IRI, datatype, language tag and literal
that is written to a store or named in a query is made into a pyoxigraph term here. pyoxigraph checks
IRIs (RFC 3987), language tags (BCP 47) and literal text when it builds a term and escapes them when it
serialises one, so text that went through this module cannot close an IRI or a string and add SPARQL
of its own (``<x> } ; DROP ALL``)."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from graph.errors import Invalid

Triples = Graph | list[ox.Triple]  # an rdflib graph, or triples already checked by ``ox_triples``


class InvalidTerm(Invalid, ValueError):
    """Text that is no valid RDF term; the message names it and says why (in Dutch)."""


def checked_iri(iri: str) -> ox.NamedNode:
    """``iri`` as a pyoxigraph NamedNode, or InvalidTerm for text that is no absolute IRI."""
    try:
        return ox.NamedNode(iri)
    except (ValueError, TypeError, UnicodeError) as error:
        raise InvalidTerm(f"Geen geldige IRI: {iri[:80]!r} ({error}).") from error


def ox_term(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a checked pyoxigraph term (IRI, blank node or literal with its datatype or
    language tag)."""
    try:
        if isinstance(term, URIRef):
            return checked_iri(str(term))
        if isinstance(term, BNode):
            return ox.BlankNode(str(term))
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is not None:
                return ox.Literal(str(term), datatype=checked_iri(str(term.datatype)))
            return ox.Literal(str(term))
    except InvalidTerm as error:
        raise InvalidTerm(f"{error} In de term {str(term)[:80]!r}.") from error
    except (ValueError, TypeError, UnicodeError) as error:
        raise InvalidTerm(f"Ongeldige term {str(term)[:80]!r}: {error}.") from error
    raise InvalidTerm(f"Onbekend soort term: {type(term).__name__}.")


def rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """A pyoxigraph term as the rdflib term that parsing its N-Triples gives (a plain ``xsd:string``
    literal without datatype), without writing and parsing text."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == str(XSD.string) else Literal(term.value, datatype=URIRef(datatype))
    raise InvalidTerm(f"Onbekend soort term: {type(term).__name__}.")


def ox_triples(graph: Graph) -> list[ox.Triple]:
    """Every triple of ``graph`` as checked pyoxigraph terms (InvalidTerm at the first bad one)."""
    triples = []
    for subject, predicate, obj in graph:
        if not isinstance(predicate, URIRef):
            raise InvalidTerm(f"Een predicaat moet een IRI zijn, niet {str(predicate)[:80]!r}.")
        node = ox_term(subject)
        if isinstance(node, ox.Literal):
            raise InvalidTerm(f"Een onderwerp moet een IRI of lege knoop zijn, niet {str(subject)[:80]!r}.")
        triples.append(ox.Triple(node, checked_iri(str(predicate)), ox_term(obj)))
    return triples


def ox_triples_of(graph: Triples) -> list[ox.Triple]:
    """``graph`` as checked pyoxigraph triples (checked here, unless it is the list ``ox_triples`` made)."""
    return graph if isinstance(graph, list) else ox_triples(graph)


def ntriples(graph: Triples) -> bytes:
    """``graph`` as N-Triples written by pyoxigraph from checked terms (``graph`` is checked here, unless
    it is the list ``ox_triples`` made): safe to send to a server and to place inside ``INSERT DATA { GRAPH
    <g> { … } }``."""
    return ox.serialize(ox_triples_of(graph), format=ox.RdfFormat.N_TRIPLES) or b""


def sparql_iri(iri: str) -> str:
    """``<iri>`` for query text, after the check (InvalidTerm, a ValueError, for text that is no IRI)."""
    return f"<{checked_iri(iri).value}>"
