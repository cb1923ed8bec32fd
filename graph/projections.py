"""networkx projections of the graph: organisation–programme (bipartite) and organisation–organisation
weighted by the number of programmes they share; degree and betweenness find the bridging partners."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from networkx.algorithms import bipartite

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
    graph = nx.Graph()
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
    organisations = [n for n, data in bipartite_graph.nodes(data=True) if data["bipartite"] == 0]
    if not organisations:  # e.g. a filter that matches nothing
        return nx.Graph()
    projected = bipartite.weighted_projected_graph(bipartite_graph, organisations)
    for node in projected:
        projected.nodes[node].update(bipartite_graph.nodes[node])
    return projected


EXACT_BETWEENNESS_NODES = 400  # up to here exact (well under a second); above, sampled
BETWEENNESS_EDGE_BUDGET = 1_000_000  # edges visited by the sampled estimate: about a second
BETWEENNESS_SAMPLES = (8, 64)  # fewest and most pivot nodes


def betweenness_samples(graph: nx.Graph) -> int | None:
    """Pivot nodes for the betweenness estimate of ``graph``; None means exact."""
    if graph.number_of_nodes() <= EXACT_BETWEENNESS_NODES:
        return None
    fewest, most = BETWEENNESS_SAMPLES
    return max(fewest, min(most, BETWEENNESS_EDGE_BUDGET // max(graph.number_of_edges(), 1)))


def approximate_betweenness(graph: nx.Graph, *, samples: int | None = None) -> dict[str, float]:
    """Betweenness centrality (unweighted, normalised): exact for small graphs, above
    EXACT_BETWEENNESS_NODES estimated from pivot nodes (Brandes & Pich; fixed seed, so repeatable)."""
    if graph.number_of_nodes() <= 2:
        return {}
    pivots = samples or betweenness_samples(graph)
    if pivots is None or pivots >= graph.number_of_nodes():
        return nx.betweenness_centrality(graph, weight=None)
    return nx.betweenness_centrality(graph, k=pivots, weight=None, seed=0)


def partner_graphs(store: Store) -> tuple[nx.Graph, nx.Graph]:
    """The whole organisation–programme graph and partner network, kept while the store is
    unchanged (graph/cache.py): shared, so read them, never change them."""
    def compute() -> tuple[nx.Graph, nx.Graph]:
        two_mode = organisation_programme_graph(store)
        return two_mode, organisation_graph(two_mode)

    return kept(store, "partner_graphs", compute)


def partner_betweenness(store: Store) -> dict[str, float]:
    """Betweenness in the whole partner network (see approximate_betweenness), kept like it."""
    return kept(store, "partner_betweenness", lambda: approximate_betweenness(partner_graphs(store)[1]))


def ego_network(store: Store, organisation: str, depth: int = 1) -> nx.Graph:
    """The partner network within ``depth`` shared programmes of ``organisation`` (a new graph, the
    same as ``nx.ego_graph``, built from the adjacency directly: a subgraph view's copy is slower)."""
    partners = partner_graphs(store)[1]
    if organisation not in partners:
        return nx.Graph()
    members = set(nx.single_source_shortest_path_length(partners, organisation, cutoff=depth))
    ego = nx.Graph()
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
