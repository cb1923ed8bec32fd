"""Any resource the graph mints, as linked data: its own statements, the statements that point at it
and, for a passage, its text, its document and the facts that cite it. Used by the pages at the IRIs
that have no entity view of their own (involvements, memberships, functions, moves, passages, writes)."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.queries import PREFIX_BLOCK, sparql_iri
from graph.store import Store
from ontology.namespaces import PREFIXES


@dataclass
class Statement:
    property: str  # prefixed name (dcterms:source) or the IRI
    value: str
    is_iri: bool
    label: str = ""  # rdfs:label of an IRI value, when it has one


@dataclass
class Resource:
    iri: str
    label: str
    outgoing: list[Statement] = field(default_factory=list)
    incoming: list[Statement] = field(default_factory=list)  # value = the subject pointing here
    passage: dict | None = None  # text, document, begin, end, cited_by (list of Statement)


def short(iri: str) -> str:
    """``prefix:name`` for an IRI in a known namespace."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and prefix not in ("ggid",):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def exists(store: Store, iri: str) -> bool:
    """Does the graph say anything about ``iri`` (as subject)?"""
    try:
        return store.ask(f"ASK {{ {sparql_iri(iri)} ?p ?o }}")
    except ValueError:
        return False


def _statements(store: Store, pattern: str) -> list[Statement]:
    rows = store.select(PREFIX_BLOCK + f"""
        SELECT DISTINCT ?p ?v (SAMPLE(?l) AS ?label) (isIRI(?v) AS ?iri) WHERE {{ {pattern}
          OPTIONAL {{ ?v rdfs:label ?l }} }} GROUP BY ?p ?v ORDER BY ?p ?v""").rows
    return [Statement(short(row["p"] or ""), row["v"] or "", row["iri"] in ("true", "1"), row["label"] or "") for row in rows]


def resource(store: Store, iri: str) -> Resource:
    ref = sparql_iri(iri)
    labels = store.select(PREFIX_BLOCK + f"SELECT DISTINCT ?l WHERE {{ {ref} rdfs:label ?l }}").rows
    found = Resource(iri, min(row["l"] or "" for row in labels) if labels else iri.rsplit("/", 2)[-2] + " " + iri.rsplit("/", 1)[-1])
    found.outgoing = _statements(store, f"{ref} ?p ?v .")
    found.incoming = _statements(store, f"?v ?p {ref} .")
    rows = store.select(PREFIX_BLOCK + f"""SELECT ?text ?doc ?b ?e WHERE {{ {ref} a gg:Passage ; nif:anchorOf ?text ;
        nif:beginIndex ?b ; nif:endIndex ?e ; nif:referenceContext/dcterms:identifier ?doc }} LIMIT 1""").rows
    if rows:
        row = rows[0]
        found.passage = {"tekst": row["text"], "document": row["doc"], "begin": int(row["b"] or 0), "eind": int(row["e"] or 0),
                         "geciteerd_door": [s for s in found.incoming if s.property == "dcterms:source"]}
    return found


def describe(store: Store, iri: str, media_type: str) -> bytes:
    """The resource's own triples, its qualified relations and the facts that cite it, in an RDF syntax."""
    ref = sparql_iri(iri)
    query = PREFIX_BLOCK + f"""
    CONSTRUCT {{ {ref} ?p ?o . ?b ?bp ?bo . ?fact dcterms:source {ref} }} WHERE {{
      {{ {ref} ?p ?o }} UNION {{ {ref} prov:qualifiedAssociation ?b . ?b ?bp ?bo }}
      UNION {{ ?b prov:agent {ref} ; ?bp ?bo }} UNION {{ ?fact dcterms:source {ref} }}
    }}"""
    return store.query_serialized(query, media_type)
