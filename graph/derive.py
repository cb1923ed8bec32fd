"""Facts that follow from facts of several documents, recomputed after every ingest into one graph
of their own (``graph/afgeleid``): the premises keep their passages, so the derivation stays traceable.

- an intervention or sub-programme is in the actielijn of the programme it is part of;
- a programme that moves to actielijn N comes from every other actielijn it is in.
"""

from __future__ import annotations

from rdflib import Graph

from graph.store import Store
from ontology.namespaces import DERIVED_GRAPH, PREFIXES

PREFIX_BLOCK = "\n".join(f"PREFIX {prefix}: <{iri}>" for prefix, iri in PREFIXES.items())

INHERITED_ACTIELIJN = PREFIX_BLOCK + """
CONSTRUCT { ?child gg:actielijn ?actielijn }
WHERE {
  ?child dcterms:isPartOf+ ?parent .
  ?child a gg:Programma .
  ?parent a gg:Programma ; gg:actielijn ?actielijn .
}"""

MOVED_FROM = PREFIX_BLOCK + """
CONSTRUCT { ?move gg:vanActielijn ?from }
WHERE {
  ?move a gg:Verplaatsing ; gg:programma ?programme ; gg:naarActielijn ?to .
  ?programme gg:actielijn ?from .
  FILTER (?from != ?to)
}"""


def derive(store: Store) -> int:
    """Recompute the derived graph; returns its number of triples."""
    store.remove_graph(str(DERIVED_GRAPH))
    derived = Graph()
    for triple in store.construct(INHERITED_ACTIELIJN):
        derived.add(triple)
    store.replace_graph(str(DERIVED_GRAPH), derived)
    for triple in store.construct(MOVED_FROM):
        derived.add(triple)
    store.replace_graph(str(DERIVED_GRAPH), derived)
    return len(derived)
