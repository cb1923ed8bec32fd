"""Deterministic positions for drawing a network: networkx's spring layout (Fruchterman–Reingold) from
a fixed seed on the nodes in sorted order, so the same network is drawn the same way every time. Each
connected part is laid out on its own (a lone node would otherwise be pushed to the far edge and
squeeze the rest into the middle); the largest part comes first, the smaller ones in rows below it."""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx

SEED = 20261130
SPACING = 120  # pixels between neighbours, about
GAP = 80  # pixels between parts


def _component_layout(part: nx.Graph, weight: str) -> dict[Hashable, tuple[float, float]]:
    """Positions of one connected part around (0, 0), in pixels."""
    if len(part) == 1:
        return {next(iter(part)): (0.0, 0.0)}
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(part, key=str))
    ordered.add_edges_from(sorted(((a, b, {weight: data.get(weight, 1)}) for a, b, data in part.edges(data=True)),
                                  key=lambda edge: (str(edge[0]), str(edge[1]))))
    layout = nx.spring_layout(ordered, k=2.4 / math.sqrt(len(ordered)), weight=weight, seed=SEED, iterations=150)
    scale = SPACING * math.sqrt(len(ordered))
    return {node: (float(x) * scale, float(y) * scale) for node, (x, y) in layout.items()}


def positions(network: nx.Graph, *, weight: str = "weight") -> dict[Hashable, tuple[int, int]]:
    """Pixel positions (x, y): the largest connected part centred on 0, the others in rows below."""
    parts = sorted(nx.connected_components(network), key=lambda nodes: (-len(nodes), min(map(str, nodes))))
    placed: dict[Hashable, tuple[int, int]] = {}
    row_width = 0.0
    x = y = row_height = 0.0
    for index, nodes in enumerate(parts):
        layout = _component_layout(network.subgraph(nodes), weight)
        xs, ys = [p[0] for p in layout.values()], [p[1] for p in layout.values()]
        width, height = max(xs) - min(xs) + 2 * GAP, max(ys) - min(ys) + 2 * GAP
        if index == 0:
            row_width = max(width, 6 * SPACING)
            x, y = -row_width / 2, max(ys) + GAP  # the rows start under the largest part
            left, top = min(xs), min(ys)
            placed.update({n: (round(px - (left + max(xs)) / 2), round(py - (top + max(ys)) / 2)) for n, (px, py) in layout.items()})
            y -= (top + max(ys)) / 2
            continue
        if x + width > row_width / 2:
            x, y, row_height = -row_width / 2, y + row_height, 0.0
        placed.update({n: (round(x + px - min(xs) + GAP), round(y + py - min(ys) + GAP)) for n, (px, py) in layout.items()})
        x += width
        row_height = max(row_height, height)
    return placed
