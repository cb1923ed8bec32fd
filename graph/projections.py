"""networkx projections of the graph: organisation–programme (bipartite) and organisation–organisation
weighted by the number of programmes they share; degree and betweenness find the bridging partners."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from networkx.algorithms import bipartite

from graph.queries import PREFIX_BLOCK
from graph.store import Store

ORGANISATION_PROGRAMMES = PREFIX_BLOCK + """
SELECT DISTINCT ?org ?orgLabel ?type ?programme ?programmeLabel ?number WHERE {
  ?programme prov:qualifiedAssociation/prov:agent ?org ; rdfs:label ?programmeLabel .
  ?org a org:Organization ; rdfs:label ?orgLabel ; org:classification/skos:notation ?type .
  OPTIONAL { ?programme gg:actielijn/gg:nummer ?number }
}"""


def organisation_programme_graph(store: Store) -> nx.Graph:
    """Bipartite graph: organisations (bipartite=0) linked to the programmes they are involved in."""
    graph = nx.Graph()
    for row in store.select(ORGANISATION_PROGRAMMES).rows:
        org, programme = row["org"] or "", row["programme"] or ""
        graph.add_node(org, bipartite=0, kind="organisatie", label=row["orgLabel"] or "", type=row["type"] or "")
        if programme not in graph:
            graph.add_node(programme, bipartite=1, kind="programma", label=row["programmeLabel"] or "", actielijnen="")
        if row["number"]:
            numbers = set(filter(None, graph.nodes[programme]["actielijnen"].split(",")))
            numbers.add(row["number"])
            graph.nodes[programme]["actielijnen"] = ",".join(sorted(numbers))
        graph.add_edge(org, programme)
    return graph


def organisation_graph(bipartite_graph: nx.Graph) -> nx.Graph:
    """Organisations linked by shared programmes; edge attribute ``weight`` = number shared."""
    organisations = [n for n, data in bipartite_graph.nodes(data=True) if data["bipartite"] == 0]
    if not organisations:  # e.g. a filter that matches nothing
        return nx.Graph()
    projected = bipartite.weighted_projected_graph(bipartite_graph, organisations)
    for node in projected:
        projected.nodes[node].update(bipartite_graph.nodes[node])
    return projected


@dataclass(frozen=True)
class Bridge:
    organisation: str
    label: str
    org_type: str
    actielijnen: tuple[str, ...]
    programmes: int
    degree: int
    betweenness: float


def bridging_partners(store: Store, *, top: int = 10) -> list[Bridge]:
    """Organisations active in the most actielijnen, then by betweenness in the partner network."""
    two_mode = organisation_programme_graph(store)
    partners = organisation_graph(two_mode)
    betweenness = nx.betweenness_centrality(partners, weight=None) if partners.number_of_nodes() > 2 else {}
    bridges = []
    for node in partners:
        programmes = list(two_mode.neighbors(node))
        lines = sorted({n for p in programmes for n in two_mode.nodes[p]["actielijnen"].split(",") if n})
        bridges.append(
            Bridge(node, partners.nodes[node]["label"], partners.nodes[node]["type"], tuple(lines),
                   len(programmes), partners.degree(node), round(betweenness.get(node, 0.0), 4))
        )
    bridges.sort(key=lambda b: (-len(b.actielijnen), -b.betweenness, -b.programmes, b.label))
    return bridges[:top]
