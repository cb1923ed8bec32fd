"""How actielijnen relate to each other: stated in the text (a passage of one actielijn that works
with, supports or plans together with another; a programme moved from one to the other) and derived
(programmes in both, partners active in both, shared themes, overlapping programmes), each with its
evidence."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

from graph.queries import PREFIX_BLOCK
from graph.store import Store
from ontology.vocabulary import ACTIELIJNEN
from search.profiles import Passage, Programme

if TYPE_CHECKING:
    from search.overlaps import Overlap

MENTION = re.compile(r"a[ck]tielijn(?:en)?\s+(\d(?:\s*(?:,|en|&)\s*\d)*)", re.IGNORECASE)
OTHERS = re.compile(r"(?:overige|andere(?: vier)?) a[ck]tielijnen", re.IGNORECASE)
# a sentence of one actielijn that works with, supports or adds to another one
WITH = re.compile(r"\bmet a[ck]tielijn|ondersteun\w*|aanvulling|samenspraak|afstemming", re.IGNORECASE)
# a sentence that names actielijnen as partners in one thing: a joint plan, becoming part of
JOINT = re.compile(r"plan\b|plannen\b|gezamenlijk\w*|\bsamen\b|onderdeel van", re.IGNORECASE)
# sentences and list items; no break after an abbreviation such as "o.a.", "m.b.t." or "i.s.m."
SENTENCE = re.compile(r"(?<=[.!?;:])(?<![a-z]\.[a-z]\.)\s+|\s+(?=[-*•¢] )|\n+")
OVERLAP_FLOOR = 0.35

MOVES = PREFIX_BLOCK + """
SELECT DISTINCT ?label ?from ?to ?passage WHERE {
  ?m a gg:Verplaatsing ; gg:programma ?p ; gg:naarActielijn/gg:nummer ?to ; gg:vanActielijn/gg:nummer ?from .
  ?p rdfs:label ?label . OPTIONAL { ?m dcterms:source ?passage }
}"""


@dataclass
class RelationEvidence:
    kind: str  # genoemd | verplaatsing | programma | partner | thema | overlap
    text: str
    passage: str = ""


@dataclass
class ActielijnRelation:
    first: int
    second: int
    stated: bool
    programme_pairs: int
    mean_score: float
    shared_partners: list[str] = field(default_factory=list)
    shared_themes: list[str] = field(default_factory=list)
    shared_programmes: list[str] = field(default_factory=list)
    evidence: list[RelationEvidence] = field(default_factory=list)


def _numbers(mention: str) -> set[int]:
    return {int(n) for n in re.findall(r"\d", mention) if int(n) in ACTIELIJNEN}


LABELS = PREFIX_BLOCK + "SELECT ?n ?label WHERE { ?a a gg:Actielijn ; gg:nummer ?n ; skos:prefLabel ?label }"


def actielijn_labels(store: Store) -> dict[int, str]:
    return {int(row["n"] or 0): (row["label"] or "").lower() for row in store.select(LABELS).rows}


def passage_actielijn(passage: Passage, profiles: dict[str, Programme], labels: dict[int, str]) -> set[int]:
    """The actielijn a passage belongs to: its nearest heading names one (by number or by its name),
    or it is about programmes of one."""
    heading = MENTION.search(passage.heading)
    if heading:
        return _numbers(heading.group(1))
    titled = {n for n, label in labels.items() if label and label in " ".join(passage.heading.lower().split())}
    if len(titled) == 1:
        return titled
    lines = {n for p in profiles.values() if passage.iri in p.own for n in p.actielijnen}
    return lines if len(lines) == 1 else set()


def stated_pairs(passage: Passage, context: set[int]) -> list[tuple[frozenset[int], str]]:
    """Pairs of actielijnen one sentence of the passage relates, with that sentence."""
    pairs = []
    for sentence in SENTENCE.split(passage.text):
        named = set().union(*(_numbers(m.group(1)) for m in MENTION.finditer(sentence)))
        if context and OTHERS.search(sentence) and WITH.search(sentence):
            named |= set(ACTIELIJNEN) - context
        if context and named and not context & named and WITH.search(sentence):
            found = {frozenset((c, n)) for c in context for n in named}
        elif len(named) >= 2 and JOINT.search(sentence):
            found = {frozenset(pair) for pair in combinations(sorted(named), 2)}
        else:
            found = set()
        text = sentence.strip()
        if text[:1].islower() and passage.heading:
            text = f"{passage.heading} {text}"  # a sentence that goes on from its heading
        pairs += [(pair, text) for pair in sorted(found, key=sorted)]
    return pairs


def actielijn_relations(store: Store, profiles: dict[str, Programme], passages: dict[str, Passage],
                        overlaps: list[Overlap]) -> list[ActielijnRelation]:
    evidence: dict[frozenset[int], list[RelationEvidence]] = defaultdict(list)
    labels = actielijn_labels(store)
    for passage in sorted(passages.values(), key=lambda p: p.iri):
        for pair, sentence in stated_pairs(passage, passage_actielijn(passage, profiles, labels)):
            evidence[pair].append(RelationEvidence("genoemd", sentence, passage.iri))
    for row in store.select(MOVES).rows:
        pair = frozenset((int(row["from"] or 0), int(row["to"] or 0)))
        if len(pair) == 2:
            evidence[pair].append(RelationEvidence(
                "verplaatsing", f"{row['label']} gaat van actielijn {row['from']} naar actielijn {row['to']}.", row["passage"] or ""))
    relations = []
    for first, second in combinations(ACTIELIJNEN, 2):
        pair = frozenset((first, second))
        in_first = [p for p in profiles.values() if first in p.actielijnen]
        in_second = [p for p in profiles.values() if second in p.actielijnen]
        partners = sorted({p.organisations[o] for p in in_first for o in p.organisations}
                          & {p.organisations[o] for p in in_second for o in p.organisations})
        themes = sorted({t for p in in_first for t in p.themes} & {t for p in in_second for t in p.themes})
        both = sorted(p.label for p in in_first if second in p.actielijnen)
        pairs = [o for o in overlaps if o.score >= OVERLAP_FLOOR and (
            (first in o.actielijnen[0] and second in o.actielijnen[1]) or (second in o.actielijnen[0] and first in o.actielijnen[1]))]
        stated = [e for e in evidence.get(pair, []) if e.kind in ("genoemd", "verplaatsing")]
        if not stated and not pairs and not both:
            continue  # shared partners or themes alone: every actielijn shares the big partners
        derived = [RelationEvidence("programma", f"{label} hoort bij beide actielijnen.") for label in both]
        derived += [RelationEvidence("overlap", f"{o.first_label} ↔ {o.second_label} (score {o.score})", o.evidence[0].passage)
                    for o in pairs[:3] if o.evidence]
        mean = round(sum(o.score for o in pairs) / len(pairs), 3) if pairs else 0.0
        relations.append(ActielijnRelation(first, second, bool(stated), len(pairs), mean, partners, themes, both,
                                           _unique(stated) + derived))
    relations.sort(key=lambda r: (-r.stated, -r.programme_pairs, r.first, r.second))
    return relations


def _unique(evidence: list[RelationEvidence]) -> list[RelationEvidence]:
    seen, kept = set(), []
    for item in evidence:
        if item.text not in seen:
            seen.add(item.text)
            kept.append(item)
    return kept
