"""Facts that follow from facts of several documents, recomputed after every ingest into one graph
of their own (``graph/afgeleid``): the premises keep their passages, so the derivation stays traceable.

- an intervention or sub-programme is in the actielijn of the programme it is part of;
- a programme that moves to actielijn N comes from every other actielijn it is in;
- an organisation or person involved in a programme is active in that programme's actielijnen
  (``gg:actiefInActielijn``: the shortcut that keeps "who is active in both actielijn A and B" a
  lookup of two triples instead of a join over every involvement);
- a programme or intervention with a theme (``dcterms:subject``) gets ``gg:programmaThema``: the
  subjects of programmes apart from those of involvements and goals, so that counting programmes
  per theme needs no test on every subject.

The premises are read with ``GRAPH ?g`` patterns over every graph but the derived one: listing the
document graphs with ``USING`` makes Oxigraph visit each of them per pattern, which took a minute at
×100 (500 documents). A part-of chain is followed within one document.
"""

from __future__ import annotations

from graph.store import Store
from ontology.namespaces import DERIVED_GRAPH, PREFIX_BLOCK

DERIVED = f"<{DERIVED_GRAPH}>"


def derive_updates() -> list[str]:
    """SPARQL updates that recompute the derived graph from all other graphs, to run in the same
    transaction as the ingest or write that changed them (each update sees the ones before it)."""
    return [
        f"DROP SILENT GRAPH {DERIVED}",
        PREFIX_BLOCK + f"""
INSERT {{ GRAPH {DERIVED} {{ ?child gg:actielijn ?actielijn }} }}
WHERE {{ GRAPH ?g {{ ?child dcterms:isPartOf+ ?parent }} GRAPH ?c {{ ?child a gg:Programma }}
        GRAPH ?p {{ ?parent a gg:Programma }} GRAPH ?l {{ ?parent gg:actielijn ?actielijn }} FILTER (?l != {DERIVED}) }}""",
        PREFIX_BLOCK + f"""
INSERT {{ GRAPH {DERIVED} {{ ?move gg:vanActielijn ?from }} }}
WHERE {{ GRAPH ?g {{ ?move a gg:Verplaatsing ; gg:programma ?programme ; gg:naarActielijn ?to }}
        GRAPH ?l {{ ?programme gg:actielijn ?from }} FILTER (?from != ?to) }}""",
        PREFIX_BLOCK + f"""
INSERT {{ GRAPH {DERIVED} {{ ?agent gg:actiefInActielijn ?actielijn }} }}
WHERE {{ GRAPH ?g {{ ?programme prov:qualifiedAssociation ?b }} GRAPH ?a {{ ?b prov:agent ?agent }}
        GRAPH ?l {{ ?programme gg:actielijn ?actielijn }} }}""",
        PREFIX_BLOCK + f"""
INSERT {{ GRAPH {DERIVED} {{ ?programme gg:programmaThema ?theme }} }}
WHERE {{ GRAPH ?t {{ ?theme a gg:Thema }} GRAPH ?g {{ ?programme dcterms:subject ?theme }}
        FILTER EXISTS {{ GRAPH ?c {{ ?programme a ?class }} FILTER (?class IN (gg:Programma, gg:Interventie)) }} }}""",
    ]


def derived_count(store: Store) -> int:
    rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{DERIVED_GRAPH}> {{ ?s ?p ?o }} }}").rows
    return int(rows[0]["n"] or 0)
