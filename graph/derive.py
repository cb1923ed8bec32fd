"""Facts that follow from facts of several documents, recomputed after every ingest into one graph
of their own (``graph/afgeleid``): the premises keep their passages, so the derivation stays traceable.

- an intervention or sub-programme is in the actielijn of the programme it is part of;
- a programme that moves to actielijn N comes from every other actielijn it is in.
"""

from __future__ import annotations

from graph.store import Store
from ontology.namespaces import DERIVED_GRAPH, PREFIXES

PREFIX_BLOCK = "\n".join(f"PREFIX {prefix}: <{iri}>" for prefix, iri in PREFIXES.items())


def derive_updates(graph_names: list[str]) -> list[str]:
    """SPARQL updates that recompute the derived graph from the document graphs ``graph_names``
    (USING makes their union the WHERE clause's default graph), to run in the same transaction as
    the ingest that changed them."""
    using = " ".join(f"USING <{name}>" for name in graph_names)
    derived = f"<{DERIVED_GRAPH}>"
    return [
        f"DROP SILENT GRAPH {derived}",
        PREFIX_BLOCK + f"""
INSERT {{ GRAPH {derived} {{ ?child gg:actielijn ?actielijn }} }} {using}
WHERE {{ ?child dcterms:isPartOf+ ?parent . ?child a gg:Programma . ?parent a gg:Programma ; gg:actielijn ?actielijn . }}""",
        PREFIX_BLOCK + f"""
INSERT {{ GRAPH {derived} {{ ?move gg:vanActielijn ?from }} }} {using} USING {derived}
WHERE {{ ?move a gg:Verplaatsing ; gg:programma ?programme ; gg:naarActielijn ?to .
        ?programme gg:actielijn ?from . FILTER (?from != ?to) }}""",
    ]


def derived_count(store: Store) -> int:
    rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{DERIVED_GRAPH}> {{ ?s ?p ?o }} }}").rows
    return int(rows[0]["n"] or 0)
