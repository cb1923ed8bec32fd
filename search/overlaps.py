"""Where programmes and actielijnen overlap, with the evidence: the two most similar passages side by
side, shared partners and shared themes. Also the partners that bridge actielijnen and programmes
that depend on a single organisation."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from graph.projections import Bridge, bridging_partners
from graph.store import Store
from search.engine import SearchEngine
from search.profiles import Programme, programme_profiles

SEMANTIC_WEIGHT, PARTNER_WEIGHT, THEME_WEIGHT = 0.5, 0.3, 0.2
# e5 cosines of related Dutch passages lie between ~0.80 (unrelated) and ~0.95 (near duplicates)
SEMANTIC_FLOOR, SEMANTIC_CEILING = 0.80, 0.95


@dataclass
class Evidence:
    passage: str
    document: str
    text: str


@dataclass
class Overlap:
    first: str
    first_label: str
    second: str
    second_label: str
    actielijnen: tuple[list[int], list[int]]
    score: float
    semantic: float
    partners: float
    themes: float
    cross_actielijn: bool
    shared_partners: list[str] = field(default_factory=list)
    shared_themes: list[str] = field(default_factory=list)
    evidence: tuple[Evidence, Evidence] | None = None


@dataclass
class ActielijnOverlap:
    first: int
    second: int
    programme_pairs: int
    mean_score: float
    shared_partners: list[str]


@dataclass
class SinglePointOfFailure:
    programme: str
    label: str
    organisation: str
    actielijnen: list[int]


@dataclass
class OverlapReport:
    programmes: list[Overlap]
    actielijnen: list[ActielijnOverlap]
    bridges: list[Bridge]
    single_points: list[SinglePointOfFailure]


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _passage_matrix(engine: SearchEngine, programme: Programme) -> tuple[list[int], np.ndarray]:
    """Positions in the index and vectors of the paragraphs that describe the programme; a programme
    known only from headings and lists is represented by its own description (name, partners, themes)."""
    paragraphs = (engine.position(p) for p, kind in programme.passages.items() if kind == "paragraph")
    positions = [p for p in paragraphs if p is not None]
    own = engine.position(programme.iri)
    if not positions and own is not None:
        positions = [own]
    return positions, engine.doc_vectors[positions]


def _cross(a: Programme, b: Programme) -> bool:
    """In different actielijnen, or one of them moved from one actielijn to another."""
    return bool(a.actielijnen and b.actielijnen) and (a.actielijnen != b.actielijnen or a.moved or b.moved)


def find_overlaps(store: Store, engine: SearchEngine, *, min_score: float = 0.3) -> OverlapReport:
    profiles = programme_profiles(store)
    matrices = {iri: _passage_matrix(engine, profile) for iri, profile in profiles.items()}
    overlaps: list[Overlap] = []
    for a, b in combinations(sorted(profiles.values(), key=lambda p: p.label), 2):
        if a.iri in b.parents or b.iri in a.parents:
            continue  # an intervention and its own programme are one thing, not an overlap
        (positions_a, va), (positions_b, vb) = matrices[a.iri], matrices[b.iri]
        similarity = va @ vb.T if len(positions_a) and len(positions_b) else np.zeros((0, 0))
        if similarity.size:
            for i, pa in enumerate(positions_a):
                for j, pb in enumerate(positions_b):
                    if pa == pb:
                        similarity[i, j] = -1.0  # one passage naming both is evidence, not similarity
        best = float(similarity.max()) if similarity.size else 0.0
        semantic = float(np.clip((best - SEMANTIC_FLOOR) / (SEMANTIC_CEILING - SEMANTIC_FLOOR), 0, 1))
        partners = _jaccard(a.partners, b.partners)
        themes = _jaccard(a.themes, b.themes)
        score = SEMANTIC_WEIGHT * semantic + PARTNER_WEIGHT * partners + THEME_WEIGHT * themes
        if score < min_score:
            continue
        evidence = None
        if similarity.size and best > -1.0:
            i, j = np.unravel_index(int(np.argmax(similarity)), similarity.shape)
            evidence = (_evidence(engine, positions_a[i]), _evidence(engine, positions_b[j]))
        labels = {**a.organisations, **a.persons, **b.organisations, **b.persons}
        overlaps.append(
            Overlap(a.iri, a.label, b.iri, b.label, (sorted(a.actielijnen), sorted(b.actielijnen)), round(score, 3),
                    round(semantic, 3), round(partners, 3), round(themes, 3), _cross(a, b),
                    sorted(labels[p] for p in a.partners & b.partners), sorted(a.themes & b.themes), evidence)
        )
    overlaps.sort(key=lambda o: (-o.cross_actielijn, -o.score, o.first_label, o.second_label))
    return OverlapReport(overlaps, _actielijn_overlaps(profiles, overlaps), bridging_partners(store, top=10),
                         _single_points(profiles))


def _evidence(engine: SearchEngine, position: int) -> Evidence:
    doc = engine.doc(position)
    return Evidence(doc.id, doc.document, doc.text)


def _actielijn_overlaps(profiles: dict[str, Programme], overlaps: list[Overlap]) -> list[ActielijnOverlap]:
    result = []
    for first, second in combinations(range(1, 6), 2):
        pairs = [o for o in overlaps if o.cross_actielijn and (
            (first in o.actielijnen[0] and second in o.actielijnen[1]) or (second in o.actielijnen[0] and first in o.actielijnen[1]))]
        in_first = {label for p in profiles.values() if first in p.actielijnen for label in p.organisations.values()}
        in_second = {label for p in profiles.values() if second in p.actielijnen for label in p.organisations.values()}
        if pairs or in_first & in_second:
            mean = round(sum(o.score for o in pairs) / len(pairs), 3) if pairs else 0.0
            result.append(ActielijnOverlap(first, second, len(pairs), mean, sorted(in_first & in_second)))
    result.sort(key=lambda r: (-r.programme_pairs, -len(r.shared_partners)))
    return result


def _single_points(profiles: dict[str, Programme]) -> list[SinglePointOfFailure]:
    """Programmes whose only organisation is one partner: if it stops, the programme stops."""
    return [
        SinglePointOfFailure(p.iri, p.label, next(iter(p.organisations.values())), sorted(p.actielijnen))
        for p in sorted(profiles.values(), key=lambda p: p.label)
        if len(p.organisations) == 1
    ]
