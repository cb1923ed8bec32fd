"""Opgaven and goals → actielijnen → programmes, taken from the text first: the regioplan says which
opgave each actielijn works on ("Actielijn 2 ... richt zich op het verkleinen van de
gezondheidsverschillen"); a goal of that opgave is then served by the programmes of that actielijn.
Semantic similarity only suggests programmes. Indicators and data sources of the goals are data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from graph.queries import PREFIX_BLOCK
from graph.store import Store
from search.engine import SearchEngine
from search.profiles import FOOTNOTE, Passage, Programme
from search.relations import MENTION, SENTENCE, _numbers

FOCUS = re.compile(r"richt(?:en)? zich (?:\w+ )?op|gericht op|zet(?:ten)? zich in voor|focus op", re.IGNORECASE)
SUGGESTIONS = 3

OPGAVEN = PREFIX_BLOCK + "SELECT DISTINCT ?o ?label WHERE { ?o a gg:Opgave ; skos:prefLabel ?label } ORDER BY ?label"
GOALS = PREFIX_BLOCK + """
SELECT DISTINCT ?g ?cls ?indicator ?year ?source ?opgave ?line ?passage WHERE {
  ?g a ?cls ; gg:indicator ?indicator . VALUES ?cls { gg:Ambitie gg:Doelstelling }
  OPTIONAL { ?g gg:jaar ?year } OPTIONAL { ?g gg:databron ?source } OPTIONAL { ?g gg:opgave ?opgave }
  OPTIONAL { ?g gg:doelActielijn/gg:nummer ?line } OPTIONAL { ?g dcterms:source ?passage }
} ORDER BY ?g"""


@dataclass
class GoalLink:
    opgave: str
    opgave_label: str
    actielijn: int
    sentence: str
    passage: str


@dataclass
class Suggestion:
    iri: str
    label: str
    score: float


@dataclass
class Goal:
    iri: str
    kind: str  # ambitie | doelstelling
    indicator: str
    year: str
    source: str  # the data source that measures it
    opgave: str
    passage: str
    actielijnen: list[int] = field(default_factory=list)
    via: str = ""  # opgave | doel | "" (no actielijn in the text)
    programmes: list[dict[str, str]] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)


def keywords(label: str) -> set[str]:
    """Distinctive words of an opgave: long words, not participles ("stijgende", "toenemende")."""
    return {w for w in re.findall(r"\w+", label.lower()) if len(w) >= 7 and not w.endswith("ende")}


def goal_links(store: Store, passages: dict[str, Passage]) -> list[GoalLink]:
    """Sentences that say an actielijn focuses on an opgave ("Actielijn 2 ... richt zich op het
    verkleinen van de gezondheidsverschillen"); a passage under an actielijn heading is read with
    its heading, which may end mid-sentence."""
    opgaven = [(row["o"] or "", row["label"] or "") for row in store.select(OPGAVEN).rows]
    links: dict[tuple[str, int], GoalLink] = {}
    for passage in sorted(passages.values(), key=lambda p: p.iri):
        if passage.kind == "heading" or FOOTNOTE.match(passage.text):
            continue  # a footnote is not read with the heading it happens to stand under
        heading = MENTION.search(passage.heading)
        for sentence in SENTENCE.split(f"{passage.heading} {passage.text}" if heading else passage.text):
            focus = FOCUS.search(sentence)
            if not focus:
                continue  # the actielijn must be the subject: named in the sentence before its focus
            named = set().union(*(_numbers(m.group(1)) for m in MENTION.finditer(sentence[:focus.start()])))
            if len(named) != 1:
                continue
            after = sentence[focus.end():].lower()
            for iri, label in opgaven:
                if any(word in after for word in keywords(label)):
                    links.setdefault((iri, next(iter(named))), GoalLink(iri, label, next(iter(named)), sentence.strip(), passage.iri))
    return sorted(links.values(), key=lambda link: (link.opgave_label, link.actielijn))


def goals_with_links(store: Store, engine: SearchEngine, profiles: dict[str, Programme], links: list[GoalLink]) -> list[Goal]:
    by_opgave: dict[str, set[int]] = {}
    for link in links:
        by_opgave.setdefault(link.opgave, set()).add(link.actielijn)
    goals: dict[str, Goal] = {}
    for row in store.select(GOALS).rows:
        goal = goals.setdefault(row["g"] or "", Goal(
            row["g"] or "", "ambitie" if (row["cls"] or "").endswith("Ambitie") else "doelstelling", row["indicator"] or "",
            row["year"] or "", row["source"] or "", row["opgave"] or "", row["passage"] or ""))
        if row["line"]:
            goal.actielijnen = sorted({*goal.actielijnen, int(row["line"])})
            goal.via = "doel"
    matrix_ids, matrix = programme_matrix(engine, profiles)
    for goal in goals.values():
        if not goal.actielijnen and goal.opgave in by_opgave:
            goal.actielijnen, goal.via = sorted(by_opgave[goal.opgave]), "opgave"
        goal.programmes = [{"iri": p.iri, "label": p.label} for p in sorted(profiles.values(), key=lambda p: p.label)
                           if p.actielijnen & set(goal.actielijnen) and not p.parents]
        goal.suggestions = nearest_programmes(engine.embedder.encode_queries([goal.indicator])[0], matrix_ids, matrix, profiles)
    return sorted(goals.values(), key=lambda g: (g.opgave, g.year, g.indicator))


def programme_matrix(engine: SearchEngine, profiles: dict[str, Programme]) -> tuple[list[str], np.ndarray]:
    """One row per substantive passage about a programme; programme ids repeat."""
    ids, rows = [], []
    for profile in profiles.values():
        for passage in profile.about:
            vector = engine.vector(passage)
            if vector is not None:
                ids.append(profile.iri)
                rows.append(vector)
    return ids, np.vstack(rows) if rows else np.zeros((0, engine.embedder.dim), np.float32)


def nearest_programmes(vector: np.ndarray, ids: list[str], matrix: np.ndarray, profiles: dict[str, Programme]) -> list[Suggestion]:
    if not ids:
        return []
    best: dict[str, float] = {}
    for iri, score in zip(ids, matrix @ vector):
        best[iri] = max(best.get(iri, -1.0), float(score))
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))[:SUGGESTIONS]
    return [Suggestion(iri, profiles[iri].label, round(score, 3)) for iri, score in ranked]
