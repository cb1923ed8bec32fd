"""networkx projections of the graph: organisation–programme (bipartite) and organisation–organisation
weighted by the number of programmes they share; degree and betweenness find the bridging partners."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

import igraph as ig
import networkx as nx

from graph.cache import kept
from graph.queries import PREFIX_BLOCK, property_values, sparql_iri
from graph.store import Store
from ontology.namespaces import GGID

ORGANISATION_PREFIX = str(GGID) + "organisatie/"
# one DISTINCT lookup per property, put together in Python (see graph/queries.py: the union of the
# document graphs repeats each triple per document)
INVOLVED_ORGANISATIONS = PREFIX_BLOCK + f"""
SELECT DISTINCT ?org ?programme WHERE {{
  %s ?programme prov:qualifiedAssociation/prov:agent ?org . FILTER (STRSTARTS(STR(?org), "{ORGANISATION_PREFIX}"))
}}"""


def _values(variable: str, iris: set[str] | None) -> str:
    """A VALUES clause restricting ``variable`` to ``iris``; nothing (no restriction) for None."""
    return "" if iris is None else f"VALUES ?{variable} {{ {' '.join(sparql_iri(iri) for iri in sorted(iris))} }}"


def _pairs(store: Store, *, organisations: set[str] | None = None, programmes: set[str] | None = None) -> set[tuple[str, str]]:
    clause = _values("org", organisations) + _values("programme", programmes)
    return {(row["org"] or "", row["programme"] or "") for row in store.select(INVOLVED_ORGANISATIONS % clause).rows}


def organisation_programme_graph(store: Store, *, around: str = "", depth: int = 1) -> nx.Graph:
    """Bipartite graph: organisations (bipartite=0) linked to the programmes they are involved in.
    With ``around`` (an organisation IRI) only the organisations within ``depth`` shared programmes
    of it, with all their programmes: exactly what an ego view of that radius needs."""
    if around:
        organisations = {around}
        for _ in range(depth):
            programmes = {programme for _, programme in _pairs(store, organisations=organisations)}
            organisations |= {org for org, _ in _pairs(store, programmes=programmes)} if programmes else set()
        pairs = _pairs(store, organisations=organisations)
    else:
        pairs = _pairs(store)
    graph: nx.Graph[str] = nx.Graph()
    organisations = {org for org, _ in pairs}
    programmes = {programme for _, programme in pairs}
    org_labels = property_values(store, organisations, "rdfs:label")
    org_types = property_values(store, organisations, "org:classification/skos:notation")
    for org in sorted(organisations & org_labels.keys() & org_types.keys()):
        graph.add_node(org, bipartite=0, kind="organisatie", label=org_labels[org][0], type=org_types[org][0])
    programme_labels = property_values(store, programmes, "rdfs:label")
    numbers = property_values(store, programmes, "gg:actielijn/gg:nummer")
    for programme in sorted(programmes & programme_labels.keys()):
        graph.add_node(programme, bipartite=1, kind="programma", label=programme_labels[programme][0],
                       actielijnen=",".join(numbers.get(programme, [])))
    graph.add_edges_from((org, programme) for org, programme in sorted(pairs) if org in graph and programme in graph)
    return graph


def organisation_graph(bipartite_graph: nx.Graph) -> nx.Graph:
    """Organisations linked by shared programmes; edge attribute ``weight`` = number shared."""
    # counting the pairs per programme: networkx's weighted_projected_graph intersects neighbour sets
    # per pair of organisations instead (1.1 s at ×100 against 0.2 s)
    shared: Counter[tuple[str, str]] = Counter()
    projected: nx.Graph[str] = nx.Graph()
    for node, data in bipartite_graph.nodes(data=True):
        if data["bipartite"] == 0:
            projected.add_node(node, **data)
        else:
            shared.update(combinations(sorted(bipartite_graph.neighbors(node)), 2))
    projected.add_edges_from((a, b, {"weight": count}) for (a, b), count in shared.items())
    return projected


# source nodes × edges one betweenness computation may visit: about half a second in igraph on this
# machine (1.1 ms per source at ×100, 132k partner links); within it exact, above it sampled
BETWEENNESS_EDGE_BUDGET = 60_000_000
MIN_BETWEENNESS_SOURCES = 64


def betweenness_sources(graph: nx.Graph) -> int | None:
    """How many source nodes the betweenness of ``graph`` starts from; None means all (exact)."""
    sources = max(MIN_BETWEENNESS_SOURCES, BETWEENNESS_EDGE_BUDGET // max(graph.number_of_edges(), 1))
    return None if sources >= graph.number_of_nodes() else sources


def betweenness(graph: nx.Graph, *, sources: int | None = None) -> dict[str, float]:
    """Betweenness centrality (unweighted, normalised, the values of ``nx.betweenness_centrality``),
    computed by igraph (C, ~40× networkx): exact within BETWEENNESS_EDGE_BUDGET, above it estimated
    from ``sources`` random source nodes (Brandes & Pich, fixed seed, so repeatable)."""
    nodes = list(graph)
    count = len(nodes)
    if count <= 2:
        return {node: 0.0 for node in nodes}
    position = {node: index for index, node in enumerate(nodes)}
    linked = ig.Graph(n=count, edges=[(position[a], position[b]) for a, b in graph.edges()])
    sampled = sources or betweenness_sources(graph)
    if sampled is None or sampled >= count:
        raw, scale = linked.betweenness(directed=False), 1.0
    else:
        raw = linked.betweenness(directed=False, sources=random.Random(0).sample(range(count), sampled))
        scale = count / sampled
    normalise = scale * 2 / ((count - 1) * (count - 2))
    return {node: value * normalise for node, value in zip(nodes, raw)}


def partner_graphs(store: Store) -> tuple[nx.Graph, nx.Graph]:
    """The whole organisation–programme graph and partner network, kept while the store is
    unchanged (graph/cache.py): shared, so read them, never change them."""
    def compute() -> tuple[nx.Graph, nx.Graph]:
        two_mode = organisation_programme_graph(store)
        return two_mode, organisation_graph(two_mode)

    return kept(store, "partner_graphs", compute)


def partner_betweenness(store: Store) -> dict[str, float]:
    """Betweenness in the whole partner network (see betweenness), kept like it."""
    return kept(store, "partner_betweenness", lambda: betweenness(partner_graphs(store)[1]))


def ego_network(store: Store, organisation: str, depth: int = 1) -> nx.Graph:
    """The partner network within ``depth`` shared programmes of ``organisation`` (a new graph, the
    same as ``nx.ego_graph``, built from the adjacency directly: a subgraph view's copy is slower)."""
    partners = partner_graphs(store)[1]
    if organisation not in partners:
        return nx.Graph()
    members = set(nx.single_source_shortest_path_length(partners, organisation, cutoff=depth))
    ego: nx.Graph[str] = nx.Graph()
    ego.add_nodes_from((node, partners.nodes[node]) for node in members)
    ego.add_edges_from((node, other, data) for node in members for other, data in partners.adj[node].items() if other in members)
    return ego


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
    """Organisations active in the most actielijnen, then by betweenness in the partner network
    (the ranking is kept while the store is unchanged)."""
    return kept(store, "bridging_partners", lambda: _rank_bridges(store))[:top]


def _rank_bridges(store: Store) -> list[Bridge]:
    two_mode, partners = partner_graphs(store)
    betweenness = partner_betweenness(store)
    bridges = []
    for node in partners:
        programmes = list(two_mode.neighbors(node))
        lines = sorted({n for p in programmes for n in two_mode.nodes[p]["actielijnen"].split(",") if n})
        bridges.append(
            Bridge(node, partners.nodes[node]["label"], partners.nodes[node]["type"], tuple(lines),
                   len(programmes), partners.degree(node), round(betweenness.get(node, 0.0), 4))
        )
    bridges.sort(key=lambda b: (-len(b.actielijnen), -b.betweenness, -b.programmes, b.label))
    return bridges
