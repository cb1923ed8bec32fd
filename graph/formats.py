"""The standard result formats of a query, by media type, and conversion between them (pyoxigraph's
parsers and serialisers, so every backend answers with the same bytes as the embedded store)."""

from __future__ import annotations

import pyoxigraph as ox

from graph.store import StoreError
from ontology.namespaces import BASE, PREFIXES

CONTEXT_URL = BASE + "context.jsonld"  # the JSON-LD context of the exports, served by the service

RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def results_format(media_type: str) -> ox.QueryResultsFormat:
    """The SELECT/ASK result format for ``media_type``, or StoreError naming the ones there are."""
    if media_type not in RESULT_FORMATS:
        raise StoreError(f"Onbekend resultaatformaat {media_type}; kies uit {', '.join(RESULT_FORMATS)}.")
    return RESULT_FORMATS[media_type]


def graph_format(media_type: str) -> ox.RdfFormat:
    """The RDF syntax for ``media_type`` (CONSTRUCT/DESCRIBE), or StoreError naming the ones there are."""
    if media_type not in GRAPH_FORMATS:
        raise StoreError(f"Onbekend RDF-formaat {media_type}; kies uit {', '.join(GRAPH_FORMATS)}.")
    return GRAPH_FORMATS[media_type]


def convert_results(data: bytes, source: str, target: str) -> bytes:
    """SELECT results serialised as ``source`` re-serialised as ``target``."""
    try:
        parsed = ox.parse_query_results(data, format=results_format(source))
    except SyntaxError as error:
        raise StoreError(f"Het antwoord van de server is geen geldig {source}: {error}") from error
    return parsed.serialize(format=results_format(target)) or b""


def convert_graph(data: bytes, source: str, target: str) -> bytes:
    """Triples serialised as ``source`` re-serialised as ``target``."""
    try:
        triples = list(ox.parse(data, format=graph_format(source)))
    except SyntaxError as error:
        raise StoreError(f"Het antwoord van de server is geen geldig {source}: {error}") from error
    return ox.serialize(triples, format=graph_format(target)) or b""


def boolean_results(answer: bool, media_type: str) -> bytes:
    """An ASK answer in ``media_type``, serialised exactly as the embedded store does it."""
    result = ox.Store().query("ASK {}" if answer else "ASK { FILTER(false) }")
    assert isinstance(result, ox.QueryBoolean)  # an ASK query
    return result.serialize(format=results_format(media_type)) or b""


def jsonld_context() -> dict:
    """The compact JSON-LD context of the exports: the project's prefixes."""
    return {"@context": dict(PREFIXES)}
