"""Deterministic positions for drawing a network: networkx's spring layout (Fruchterman–Reingold) then
ForceAtlas2, both from a fixed seed on the nodes in sorted order, so the same network is drawn the same way every time. Each
connected part is laid out on its own (a lone node would otherwise be pushed to the far edge and
squeeze the rest into the middle); the largest part comes first, the smaller ones in rows below it."""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx
import numpy as np

SEED = 20261130
SPACING = 120  # pixels between neighbours, about
GAP = 80  # pixels between parts
MIN_DISTANCE, APART_ROUNDS = SPACING / 2, 30
FA2_ROUNDS, FA2_MIN_ROUNDS, FA2_FULL_NODES = 200, 30, 100


def _component_layout(part: nx.Graph, weight: str) -> dict[Hashable, tuple[float, float]]:
    """Positions of one connected part around (0, 0), in pixels."""
    if len(part) == 1:
        return {next(iter(part)): (0.0, 0.0)}
    ordered: nx.Graph[Hashable] = nx.Graph()
    ordered.add_nodes_from(sorted(part, key=str))
    ordered.add_edges_from(sorted(((a, b, {weight: data.get(weight, 1)}) for a, b, data in part.edges(data=True)),
                                  key=lambda edge: (str(edge[0]), str(edge[1]))))
    start = nx.spring_layout(ordered, k=2.4 / math.sqrt(len(ordered)), weight=weight, seed=SEED, iterations=100)
    # ForceAtlas2 from there, nodes with a size so they keep apart (labels readable); its cost grows
    # with the square of the nodes, so a larger part gets fewer rounds (about a second at 300)
    rounds = max(FA2_MIN_ROUNDS, min(FA2_ROUNDS, int(FA2_ROUNDS * (FA2_FULL_NODES / len(ordered)) ** 2)))
    layout = nx.forceatlas2_layout(ordered, pos=start, max_iter=rounds, scaling_ratio=4.0, distributed_action=True,
                                   node_size=dict.fromkeys(ordered, 30), seed=SEED)
    centre = (sum(x for x, _ in layout.values()) / len(layout), sum(y for _, y in layout.values()) / len(layout))
    radius = max(math.hypot(x - centre[0], y - centre[1]) for x, y in layout.values()) or 1.0
    unit = {node: ((x - centre[0]) / radius, (y - centre[1]) / radius) for node, (x, y) in layout.items()}
    scale = SPACING * math.sqrt(len(ordered))
    return {node: (float(x) * scale, float(y) * scale) for node, (x, y) in unit.items()}


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
    return _apart(placed)


def _apart(placed: dict[Hashable, tuple[int, int]]) -> dict[Hashable, tuple[int, int]]:
    """Push nodes closer than MIN_DISTANCE apart (the same neighbours pull nodes to one spot), a few
    deterministic rounds; nodes on the very same spot move apart along a fixed angle per node."""
    nodes = list(placed)
    if len(nodes) < 2:
        return placed
    xy = np.array([placed[node] for node in nodes], dtype=float)
    angles = np.arange(len(nodes)) * 2.399963  # golden angle: a different direction for each node
    nudge = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    for _ in range(APART_ROUNDS):
        difference = xy[:, None, :] - xy[None, :, :]
        distance = np.sqrt((difference ** 2).sum(axis=2))
        np.fill_diagonal(distance, np.inf)
        close = distance < MIN_DISTANCE
        if not close.any():
            break
        direction = np.where(distance[..., None] > 1e-9, difference / np.maximum(distance, 1e-9)[..., None], nudge[:, None, :])
        push = np.where(close, (MIN_DISTANCE - np.where(np.isinf(distance), 0, distance)) / 2, 0.0)
        xy += (direction * push[..., None]).sum(axis=1)
    return {node: (round(x), round(y)) for node, (x, y) in zip(nodes, xy)}
