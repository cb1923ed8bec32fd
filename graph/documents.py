"""One document as read: its title and its passages in order (what the document page shows)."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.errors import NotFound
from graph.queries import PREFIX_BLOCK, sparql_iri, sparql_literal
from graph.store import Store
from ontology.namespaces import DOC_GRAPH


class UnknownDocument(NotFound):
    """No document with this identifier (slug) in the graph."""


@dataclass
class DocumentText:
    document: str
    titel: str
    gemarkeerd: str
    passages: list[dict] = field(default_factory=list)  # iri, tekst, begin, eind, sectie


def document_text(store: Store, slug: str, highlighted: str = "") -> DocumentText:
    rows = store.select(PREFIX_BLOCK + f"""
        SELECT DISTINCT ?p ?text ?b ?e ?title ?section WHERE {{ ?d dcterms:identifier {sparql_literal(slug)} ; dcterms:title ?title .
          ?p dcterms:isPartOf ?d ; nif:anchorOf ?text ; nif:beginIndex ?b ; nif:endIndex ?e .
          OPTIONAL {{ ?p gg:sectie ?section }} }} ORDER BY ?b""").rows
    if not rows:
        raise UnknownDocument(f"Geen document '{slug}'.")
    return DocumentText(slug, rows[0]["title"] or "", highlighted,
                        [{"iri": r["p"], "tekst": r["text"], "begin": int(r["b"] or 0), "eind": int(r["e"] or 0),
                          "sectie": r["section"] or ""} for r in rows])


ADDED_CLASSES = {"organisaties": "org:Organization", "personen": "foaf:Person", "programmas": "gg:Programma gg:Interventie",
                 "betrokkenheden": "gg:Betrokkenheid", "lidmaatschappen": "org:Membership"}


def document_additions(store: Store, slug: str) -> dict[str, int]:
    """How many entities and relations of each kind the facts of one document name (in its own graph)."""
    graph = sparql_iri(str(DOC_GRAPH(slug)))
    counts = {}
    for name, classes in ADDED_CLASSES.items():
        rows = store.select(PREFIX_BLOCK + f"""SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?c {{ {classes} }}
            GRAPH {graph} {{ ?e a ?c }} }}""").rows
        counts[name] = int(rows[0]["n"] or 0) if rows else 0
    return counts
