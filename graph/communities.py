"""Communities of a network: igraph's multilevel (Louvain) modularity optimisation with a fixed seed,
so the same network always gives the same groups. A plain function on a networkx graph, shared by
the network explorer (collapsible groups) and the analyses."""

from __future__ import annotations

import random
from collections.abc import Hashable

import igraph as ig
import networkx as nx

SEED = 20261130


def communities(network: nx.Graph, *, weight: str = "weight") -> dict[Hashable, int]:
    """Each node's community number: 0 for the largest community, 1 for the next, … (ties by the
    smallest node name, so numbering is stable). Edge attribute ``weight`` (default 1) counts."""
    nodes = sorted(network, key=str)
    if not nodes:
        return {}
    position = {node: index for index, node in enumerate(nodes)}
    edges = sorted((min(position[a], position[b]), max(position[a], position[b]), data.get(weight, 1))
                   for a, b, data in network.edges(data=True))
    linked = ig.Graph(n=len(nodes), edges=[(a, b) for a, b, _ in edges])
    ig.set_random_number_generator(random.Random(SEED))
    try:
        membership = linked.community_multilevel(weights=[w for _, _, w in edges] if edges else None).membership
    finally:
        ig.set_random_number_generator(random)
    groups: dict[int, list[Hashable]] = {}
    for node, group in zip(nodes, membership):
        groups.setdefault(group, []).append(node)
    ordered = sorted(groups.values(), key=lambda members: (-len(members), str(members[0])))
    return {node: number for number, members in enumerate(ordered) for node in members}
