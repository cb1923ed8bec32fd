"""Analyses of the partner network: communities (Louvain, igraph) and suggested collaborators —
organisations that do not yet share a programme but are close in the network (Adamic–Adar over
common neighbours) and work on similar things (e5 similarity of their programme profiles), each
suggestion with the two passages that make the case."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from graph.communities import communities
from graph.projections import partner_graphs
from graph.store import Store
from search.engine import SearchEngine
from search.profiles import Passage, Programme

SUGGESTIONS_PER_ORGANISATION = 3
SHOWN = 300  # characters of each passage shown with a suggestion (the passage itself is linked)
NETWORK_WEIGHT, SEMANTIC_WEIGHT = 0.5, 0.5
SEMANTIC_FLOOR, SEMANTIC_CEILING = 0.80, 0.95


@dataclass
class Community:
    number: int
    organisations: list[dict[str, str]]  # iri, label
    programmes: list[str]
    actielijnen: list[int]


@dataclass
class CollaboratorSuggestion:
    organisation: str
    label: str
    score: float
    adamic_adar: float
    semantic: float
    common_partners: list[str]
    passages: tuple[str, str]  # what each of the two does: the most similar pair of passages
    texts: tuple[str, str]


@dataclass
class NetworkAnalyses:
    communities: list[Community] = field(default_factory=list)
    modularity: float = 0.0
    suggestions: dict[str, list[CollaboratorSuggestion]] = field(default_factory=dict)


def network_analyses(store: Store, engine: SearchEngine, profiles: dict[str, Programme],
                     passages: dict[str, Passage]) -> NetworkAnalyses:
    two_mode, partners = partner_graphs(store)
    if partners.number_of_nodes() == 0:
        return NetworkAnalyses()
    groups, modularity = _communities(partners, two_mode, profiles)
    return NetworkAnalyses(groups, modularity, _suggestions(partners, two_mode, engine, profiles, passages))


def _communities(partners: nx.Graph, two_mode: nx.Graph, profiles: dict[str, Programme]) -> tuple[list[Community], float]:
    """The partner network's communities (graph/communities.py, the explorer's too), each with the
    programmes its organisations work in and their actielijnen; and the modularity of the division."""
    number_of = communities(partners)
    groups: dict[int, list[str]] = {}
    for node, number in number_of.items():
        groups.setdefault(number, []).append(str(node))
    found: list[Community] = []
    for number in sorted(groups):
        iris = groups[number]
        programmes = sorted({p for org in iris for p in two_mode.neighbors(org)} & set(profiles))
        lines = sorted({n for p in programmes for n in profiles[p].actielijnen})
        found.append(Community(number + 1,
                               [{"iri": iri, "label": partners.nodes[iri]["label"]} for iri in sorted(iris, key=lambda i: partners.nodes[i]["label"])],
                               sorted(profiles[p].label for p in programmes), lines))
    modularity = nx.community.modularity(partners, [set(members) for members in groups.values()], weight="weight")
    return found, round(modularity, 3) if partners.number_of_edges() else 0.0


def _organisation_passages(two_mode: nx.Graph, org: str, profiles: dict[str, Programme]) -> list[str]:
    """Passages about the programmes an organisation works in, the one naming it first."""
    found: list[str] = []
    for programme in sorted(two_mode.neighbors(org)):
        profile = profiles.get(programme)
        if profile is None:
            continue
        named = profile.agent_passages.get(org)
        found += [p for p in ([named] if named in profile.about else []) + profile.about[:3] if p not in found]
    return found


def _suggestions(partners: nx.Graph, two_mode: nx.Graph, engine: SearchEngine, profiles: dict[str, Programme],
                 passages: dict[str, Passage]) -> dict[str, list[CollaboratorSuggestion]]:
    own = {org: _organisation_passages(two_mode, org, profiles) for org in partners}
    vectors = {org: _matrix(engine, ids) for org, ids in own.items()}
    suggestions: dict[str, list[CollaboratorSuggestion]] = {}
    for org in sorted(partners):
        candidates = []
        neighbours = set(partners.neighbors(org))
        for other in sorted(partners):
            if other == org or other in neighbours:
                continue
            common = neighbours & set(partners.neighbors(other))
            adamic_adar = sum(1 / math.log(partners.degree(c)) for c in common if partners.degree(c) > 1)
            (ids_a, va), (ids_b, vb) = vectors[org], vectors[other]
            if not ids_a or not ids_b:
                continue
            similarity = va @ vb.T
            i, j = np.unravel_index(int(np.argmax(similarity)), similarity.shape)
            if ids_a[i] == ids_b[j]:
                continue  # the same passage names both: they already meet there
            semantic = float(np.clip((similarity[i, j] - SEMANTIC_FLOOR) / (SEMANTIC_CEILING - SEMANTIC_FLOOR), 0, 1))
            if not common and semantic == 0:
                continue
            score = NETWORK_WEIGHT * min(adamic_adar, 1.0) + SEMANTIC_WEIGHT * semantic
            candidates.append(CollaboratorSuggestion(
                other, partners.nodes[other]["label"], round(score, 3), round(adamic_adar, 3), round(semantic, 3),
                sorted(partners.nodes[c]["label"] for c in common), (ids_a[i], ids_b[j]),
                (_shown(passages[ids_a[i]].text), _shown(passages[ids_b[j]].text))))
        candidates.sort(key=lambda s: (-s.score, s.label))
        if candidates:
            suggestions[org] = candidates[:SUGGESTIONS_PER_ORGANISATION]
    return suggestions


def _shown(text: str) -> str:
    return text if len(text) <= SHOWN else text[:SHOWN].rsplit(" ", 1)[0] + " …"


def _matrix(engine: SearchEngine, ids: list[str]) -> tuple[list[str], np.ndarray]:
    kept, rows = [], []
    for passage in ids:
        vector = engine.vector(passage)
        if vector is not None:
            kept.append(passage)
            rows.append(vector)
    return kept, np.vstack(rows) if rows else np.zeros((0, engine.embedder.dim), np.float32)
