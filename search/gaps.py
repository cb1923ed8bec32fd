"""Where the plan has gaps, each with its evidence and the nearest candidates:

- goals, ambitions and opgaven that no programme addresses (semantic similarity below a threshold);
- programmes without a trekker, without a partner, or without a described activity;
- themes of the plan without a programme;
- actielijnen without partners from a domain the plan says it needs (onderwijs, inwoners).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from graph.queries import PREFIX_BLOCK, sparql_literal
from graph.store import Store
from search.engine import SearchEngine
from search.profiles import Programme, programme_profiles

GOAL_THRESHOLD = 0.86  # e5 cosine between a goal and the best programme text; related Dutch texts score 0.84-0.89
# Domains the regioplan says every transformation needs ("We transformeren samen met de inwoners,
# onderwijs en uitvoerend (zorg)professionals"), as organisation types, with the words that prove it.
NEEDED_DOMAINS = {
    "onderwijs-kennis": ("onderwijs", "samen met de inwoners, onderwijs"),
    "inwonersorganisatie": ("inwoners", "samen met de inwoners, onderwijs"),
}


@dataclass
class Candidate:
    iri: str
    label: str
    score: float


@dataclass
class Gap:
    kind: str  # doel-zonder-programma | opgave-zonder-programma | programma-zonder-trekker | ...
    subject: str
    subject_label: str
    evidence: str
    passage: str = ""
    candidates: list[Candidate] = field(default_factory=list)


GOALS = PREFIX_BLOCK + """
SELECT DISTINCT ?g ?indicator ?opgave ?opgaveLabel ?passage WHERE {
  ?g a ?cls ; gg:indicator ?indicator ; dcterms:source ?passage . VALUES ?cls { gg:Ambitie gg:Doelstelling }
  OPTIONAL { ?g gg:opgave ?opgave . ?opgave skos:prefLabel ?opgaveLabel }
}"""

THEMES = PREFIX_BLOCK + """
SELECT ?t ?label (SAMPLE(?p) AS ?passage) WHERE {
  ?t a gg:Thema ; skos:prefLabel ?label .
  OPTIONAL { ?t dcterms:source ?p }
  FILTER NOT EXISTS { ?programme dcterms:subject ?t ; a gg:Programma }
} GROUP BY ?t ?label ORDER BY ?label"""


def find_gaps(store: Store, engine: SearchEngine, *, threshold: float = GOAL_THRESHOLD) -> list[Gap]:
    profiles = programme_profiles(store)
    programme_ids, programme_matrix = _programme_matrix(engine, profiles)
    gaps: list[Gap] = []
    gaps += _goal_gaps(store, engine, profiles, programme_ids, programme_matrix, threshold)
    gaps += _programme_gaps(profiles)
    gaps += _theme_gaps(store, engine, profiles, programme_ids, programme_matrix)
    gaps += _domain_gaps(store, profiles)
    return gaps


def _programme_matrix(engine: SearchEngine, profiles: dict[str, Programme]) -> tuple[list[str], np.ndarray]:
    """One row per programme description and per paragraph about a programme; ids repeat."""
    ids, rows = [], []
    for profile in profiles.values():
        for doc_id in [profile.iri, *(p for p, kind in profile.passages.items() if kind == "paragraph")]:
            vector = engine.vector(doc_id)
            if vector is not None:
                ids.append(profile.iri)
                rows.append(vector)
    return ids, np.vstack(rows) if rows else np.zeros((0, engine.embedder.dim), np.float32)


def _nearest(vector: np.ndarray, ids: list[str], matrix: np.ndarray, profiles: dict[str, Programme], k: int = 3) -> list[Candidate]:
    if not len(ids):
        return []
    scores = matrix @ vector
    best: dict[str, float] = {}
    for iri, score in zip(ids, scores):
        best[iri] = max(best.get(iri, -1.0), float(score))
    ranked = sorted(best.items(), key=lambda item: -item[1])[:k]
    return [Candidate(iri, profiles[iri].label, round(score, 3)) for iri, score in ranked]


def _goal_gaps(store: Store, engine: SearchEngine, profiles: dict[str, Programme], ids: list[str],
               matrix: np.ndarray, threshold: float) -> list[Gap]:
    gaps: list[Gap] = []
    per_opgave: dict[str, list[float]] = {}
    labels: dict[str, str] = {}
    for row in store.select(GOALS).rows:
        vector = engine.embedder.encode_queries([row["indicator"] or ""])[0]
        candidates = _nearest(vector, ids, matrix, profiles)
        best = candidates[0].score if candidates else 0.0
        if row["opgave"]:
            per_opgave.setdefault(row["opgave"], []).append(best)
            labels[row["opgave"]] = row["opgaveLabel"] or ""
        if best < threshold:
            gaps.append(Gap("doel-zonder-programma", row["g"] or "", row["indicator"] or "",
                            f"Geen programma beschrijft dit doel (beste overeenkomst {best:.2f} < {threshold}).",
                            row["passage"] or "", candidates))
    for opgave, scores in per_opgave.items():
        if max(scores) < threshold:
            gaps.append(Gap("opgave-zonder-programma", opgave, labels[opgave],
                            f"Geen van de {len(scores)} doelen van deze opgave wordt door een programma gedekt."))
    return gaps


def _programme_gaps(profiles: dict[str, Programme]) -> list[Gap]:
    gaps: list[Gap] = []
    for profile in sorted(profiles.values(), key=lambda p: p.label):
        evidence_passage = next(iter(sorted(profile.passages)), "")
        if not profile.roles.get("trekker"):
            gaps.append(Gap("programma-zonder-trekker", profile.iri, profile.label,
                            "Geen bron noemt een regionale trekker voor dit programma.", evidence_passage))
        if not profile.partners:
            gaps.append(Gap("programma-zonder-partner", profile.iri, profile.label,
                            "Geen bron noemt een betrokken organisatie of persoon.", evidence_passage))
        if "paragraph" not in profile.passages.values():
            gaps.append(Gap("programma-zonder-beschrijving", profile.iri, profile.label,
                            "Het programma staat alleen in kopjes of opsommingen; geen tekst beschrijft wat het doet.",
                            evidence_passage))
    return gaps


def _theme_gaps(store: Store, engine: SearchEngine, profiles: dict[str, Programme], ids: list[str],
                matrix: np.ndarray) -> list[Gap]:
    gaps = []
    for row in store.select(THEMES).rows:
        if not row["passage"]:
            continue  # a theme of the vocabulary that no document mentions is no gap of the plan
        vector = engine.embedder.encode_queries([row["label"] or ""])[0]
        gaps.append(Gap("thema-zonder-programma", row["t"] or "", row["label"] or "",
                        "Het thema komt in de documenten voor, maar geen programma heeft het als thema.",
                        row["passage"] or "", _nearest(vector, ids, matrix, profiles)))
    return gaps


def _domain_gaps(store: Store, profiles: dict[str, Programme]) -> list[Gap]:
    rows = store.select(PREFIX_BLOCK + """
        SELECT DISTINCT ?org ?type WHERE { ?org a org:Organization ; org:classification/skos:notation ?type }""").rows
    types = {row["org"] or "": row["type"] or "" for row in rows}
    gaps = []
    for domain, (label, proof) in NEEDED_DOMAINS.items():
        evidence = store.select(PREFIX_BLOCK + f"""
            SELECT ?p ?text WHERE {{ ?p a gg:Passage ; nif:anchorOf ?text . FILTER(CONTAINS(?text, {sparql_literal(proof)})) }} LIMIT 1""").rows
        if not evidence:
            continue
        for number in range(1, 6):
            in_line = [p for p in profiles.values() if number in p.actielijnen]
            if in_line and not any(types.get(org) == domain for p in in_line for org in p.organisations):
                gaps.append(Gap("actielijn-zonder-domein", f"actielijn/{number}", f"Actielijn {number}",
                                f"Het regioplan zegt: '{proof} ...', maar geen partner van type {domain} ({label}) "
                                f"werkt aan de {len(in_line)} programma's van deze actielijn.", evidence[0]["p"] or ""))
    return gaps
