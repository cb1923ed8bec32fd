"""Where programmes overlap, with the evidence a coordinator can check: two passages that say what
each side does (never a heading or a generated label), a passage that names both when the text
says so, and what they share (partners, themes, target group, area), each with its passage.
Also the partners that bridge actielijnen and programmes that depend on a single organisation."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from graph.name_matching import NameMatcher
from graph.projections import Bridge, bridging_partners
from graph.review import region_places
from graph.store import Store
from search.engine import SearchEngine
from search.facets import facets
from search.profiles import EXAMPLE_WORDS, FOOTNOTE, MAX_NAMED, WORD, Passage, Programme, headings_of, load_passages, name_pattern, programme_profiles
from search.relations import SENTENCE, ActielijnRelation, actielijn_relations

SEMANTIC_WEIGHT, STATED_WEIGHT, PARTNER_WEIGHT, THEME_WEIGHT = 0.5, 0.3, 0.1, 0.1
# e5 cosines of related Dutch passages lie between ~0.80 (unrelated) and ~0.95 (near duplicates)
SEMANTIC_FLOOR, SEMANTIC_CEILING = 0.80, 0.95
PROFILE_DEPTH = 8  # the best passages about a programme that its profile compares
LISTED_SHARE = 1 / 3  # programmes given as examples ("o.a. X, Y en Z"): a third of a statement
# between two items of one list: separators, and at most LIST_ITEM_WORDS words between two of them
LIST_SEPARATOR = re.compile(r"\s*(?:[,;/&*•·()]|\s(?:en|of|and|or)\s)\s*", re.IGNORECASE)
LIST_ITEM_WORDS = 3
BARE_LIST_WORDS = 3  # a sentence with fewer words beside its programme names is a bare list
BULLET = re.compile(r"\s*[-*•¢·]\s")
PARENTHESISED = re.compile(r"\([^()]*\)")
ARTICLES = {"de", "het", "een", "the", "a", "an"}
# a list of examples of something else, not a statement about the programmes it names
EXAMPLES = re.compile(rf"{EXAMPLE_WORDS}(?:\W+\w+){{0,2}}\W*$", re.IGNORECASE)
SHARED_PARTNERS_FOR_FULL_WEIGHT = 2
KEPT_FLOOR = 0.3  # stored overlaps: every filter asks for this score or more
MIN_SCORE = 0.35  # the overlaps shown when no min_score is asked for (CLI, API, pages)


@dataclass
class Evidence:
    passage: str
    document: str
    text: str


@dataclass
class Shared:
    kind: str  # interventie | partner | thema | doelgroep | gebied
    label: str
    passages: tuple[str, str]  # where each side says it


@dataclass
class Overlap:
    first: str
    first_label: str
    second: str
    second_label: str
    actielijnen: tuple[list[int], list[int]]
    score: float
    semantic: float
    stated: float
    partners: float
    themes: float
    cross_actielijn: bool
    shared_partners: list[str] = field(default_factory=list)
    shared_themes: list[str] = field(default_factory=list)
    shared: list[Shared] = field(default_factory=list)
    evidence: tuple[Evidence, Evidence] | None = None
    joint: Evidence | None = None


@dataclass
class SinglePointOfFailure:
    programme: str
    label: str
    organisation: str
    actielijnen: list[int]


@dataclass
class OverlapReport:
    programmes: list[Overlap]
    actielijnen: list[ActielijnRelation]
    bridges: list[Bridge]
    single_points: list[SinglePointOfFailure]


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _partner_overlap(a: set[str], b: set[str]) -> float:
    """Jaccard of the partners, halved when only one partner is shared: one shared organisation (often
    the network itself) says little about two programmes."""
    shared = len(a & b)
    return _jaccard(a, b) * min(1.0, shared / SHARED_PARTNERS_FOR_FULL_WEIGHT)


def _evidence(passage: Passage) -> Evidence:
    return Evidence(passage.iri, passage.document, passage.text)


def _cross(a: Programme, b: Programme) -> bool:
    """In different actielijnen, or one of them moved from one actielijn to another."""
    return bool(a.actielijnen and b.actielijnen) and (a.actielijnen != b.actielijnen or a.moved or b.moved)


@dataclass
class Together:
    passage: str
    stated: float  # 1: a statement names both; LISTED_SHARE: they are only listed together


def _named_together(profiles: dict[str, Programme], passages: dict[str, Passage]) -> dict[frozenset[str], Together]:
    """Pairs of programmes one substantive passage speaks of together: one sentence names both (and
    at most ``MAX_NAMED`` programmes), or a paragraph belongs to one (under its heading) and names
    the other. Names given as examples of something else ("o.a. X, Y en Z") are only listed together,
    unless a statement elsewhere names the pair; list items are sentences of their own."""
    patterns = {iri: name_pattern(p.names) for iri, p in profiles.items()}
    headed = headings_of(passages, patterns)
    joint: dict[frozenset[str], Together] = {}
    for passage in sorted(passages.values(), key=lambda p: p.iri):
        if not passage.substantive:
            continue
        # the programme whose heading the paragraph stands under (a list holds several programmes, a paragraph
        # that goes on in a list does not; a passage a programme was read from may only name it)
        own = headed.get(passage.iri, set()) if passage.kind == "paragraph" or (passage.kind == "list" and not BULLET.match(passage.text)) else set()
        for sentence in SENTENCE.split(passage.text):
            spans = _name_spans(sentence, patterns)
            owner = set() if FOOTNOTE.match(sentence) else own
            named = {iri for iri, _, _ in spans}
            if len(named) > MAX_NAMED:
                continue
            lists = _example_lists(sentence, spans)
            bare = _bare_list(sentence, spans)
            for a, b in combinations(sorted(named | owner), 2):
                if a in named or b in named:
                    stated = LISTED_SHARE if (bare and a in named and b in named) or _listed_together(a, b, lists) else 1.0
                    if stated > joint.get(frozenset((a, b)), Together("", 0.0)).stated:
                        joint[frozenset((a, b))] = Together(passage.iri, stated)
    return joint


def shared_interventions(profiles: dict[str, Programme]) -> dict[frozenset[str], list[Programme]]:
    """Pairs of programmes with the interventions both hold (Beweegzorg Noord in Regionaal
    ziekenhuislandschap and in Samenwerking in de keten)."""
    shared: dict[frozenset[str], list[Programme]] = defaultdict(list)
    for child in sorted((p for p in profiles.values() if p.intervention and p.about), key=lambda p: p.iri):
        for first, second in combinations(sorted(parent for parent in child.parents if parent in profiles), 2):
            shared[frozenset((first, second))].append(child)
    return shared


def _through_interventions(joint: dict[frozenset[str], Together],
                           interventions: dict[frozenset[str], list[Programme]]) -> dict[frozenset[str], Together]:
    """Two programmes that share an intervention are linked by it: the text places one piece of work
    in both (the intervention's own passage is the evidence)."""
    lifted = dict(joint)
    for pair, children in interventions.items():
        if lifted.get(pair, Together("", 0.0)).stated < 1.0:
            lifted[pair] = Together(children[0].about[0], 1.0)
    return lifted


def _name_spans(sentence: str, patterns: dict[str, re.Pattern[str] | None]) -> list[tuple[str, int, int]]:
    """Where each programme is named in ``sentence``, in text order."""
    return sorted(((iri, m.start(), m.end()) for iri, pattern in patterns.items() if pattern is not None
                   for m in pattern.finditer(sentence)), key=lambda span: span[1])


def _bare_list(sentence: str, spans: list[tuple[str, int, int]]) -> bool:
    """A list item that is only names ("* Regionaal ziekenhuislandschap, Groninger Kracht (ouderenzorg)"):
    it says nothing about them together (after "de 3 programma's:" the names are what the sentence says)."""
    rest, previous_end = [], 0
    for _, start, end in spans:
        rest.append(sentence[previous_end:start])
        previous_end = max(previous_end, end)
    rest.append(sentence[previous_end:])
    words = [w for w in WORD.findall(PARENTHESISED.sub(" ", " ".join(rest)).lower()) if w not in ARTICLES | {"en", "of", "and", "or"}]
    return len(spans) > 1 and len(words) < BARE_LIST_WORDS and BULLET.match(sentence) is not None


@dataclass
class _NameList:
    examples: bool  # after an example word, or with other items than programmes
    members: set[str] = field(default_factory=set)


def _example_lists(sentence: str, spans: list[tuple[str, int, int]]) -> dict[str, int]:
    """The programmes named in a list of examples, each with its list's number: names one after the
    other in a list that follows an example word ("zoals X, Y en Z"), or that has other items than
    programmes between them ("positieve gezondheid, X, herstelacademies, Y")."""
    lists: list[_NameList] = []
    previous_end = -1
    for iri, start, end in spans:
        items = _list_items(sentence[previous_end:start]) if lists and start >= previous_end else None
        if not lists or (start >= previous_end and items is None):  # a new list (or a lone name) starts here
            lists.append(_NameList(EXAMPLES.search(sentence[:start]) is not None))
        elif items:
            lists[-1].examples = True
        lists[-1].members.add(iri)
        previous_end = max(end, previous_end)
    return {iri: number for number, found in enumerate(lists) if found.examples and len(found.members) > 1
            for iri in found.members}


def _list_items(gap: str) -> list[str] | None:
    """The other items between two names of one list (separators with a few words between them), or
    None when the text between the names is no list."""
    padded = f" {gap} "
    if not LIST_SEPARATOR.search(padded):
        return None
    items = [item for item in LIST_SEPARATOR.split(padded) if item.strip()]
    if any(len(item.split()) > LIST_ITEM_WORDS for item in items):
        return None
    return [item for item in items if set(item.lower().split()) - ARTICLES]


def _listed_together(a: str, b: str, lists: dict[str, int]) -> bool:
    """Both named in one list of examples, or (a paragraph of one naming the other) the other named
    in such a list."""
    if a in lists and b in lists:
        return lists[a] == lists[b]
    return a in lists or b in lists


def _shared(a: Programme, b: Programme, passages: dict[str, Passage], interventions: list[Programme]) -> list[Shared]:
    labels = {**a.organisations, **a.persons, **b.organisations, **b.persons}
    shared = [Shared("interventie", child.label, (child.about[0], child.about[0])) for child in interventions]
    shared += [Shared("partner", labels[agent], (a.agent_passages.get(agent, ""), b.agent_passages.get(agent, "")))
               for agent in sorted(a.partners & b.partners, key=lambda x: labels[x])]
    for theme in sorted(a.themes & b.themes):
        shared.append(Shared("thema", theme, (_mentioning(a, passages, theme), _mentioning(b, passages, theme))))
    for facet in ("doelgroep", "gebied"):
        first, second = _facet_passages(a, passages, facet), _facet_passages(b, passages, facet)
        for name in sorted(set(first) & set(second)):
            shared.append(Shared(facet, name, (first[name], second[name])))
    return shared


def _mentioning(profile: Programme, passages: dict[str, Passage], word: str) -> str:
    return next((iri for iri in profile.about[:PROFILE_DEPTH] if word.lower() in passages[iri].text.lower()), "")


def _facet_passages(profile: Programme, passages: dict[str, Passage], facet: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for iri in profile.about[:PROFILE_DEPTH]:
        for name in facets(passages[iri].text, facet):
            found.setdefault(name, iri)
    return found


def _matrices(engine: SearchEngine, profiles: dict[str, Programme]) -> dict[str, tuple[list[str], np.ndarray]]:
    matrices = {}
    for iri, profile in profiles.items():
        ids, rows = [], []
        for passage in profile.about[:PROFILE_DEPTH]:
            vector = engine.vector(passage)
            if vector is not None:
                ids.append(passage)
                rows.append(vector)
        matrices[iri] = (ids, np.vstack(rows) if rows else np.zeros((0, engine.embedder.dim), np.float32))
    return matrices


def _exclusive(matrix: tuple[list[str], np.ndarray], other: set[str]) -> tuple[list[str], np.ndarray]:
    ids, vectors = matrix
    keep = [i for i, passage in enumerate(ids) if passage not in other]
    return [ids[i] for i in keep], vectors[keep]


def find_overlaps(store: Store, engine: SearchEngine, *, min_score: float) -> OverlapReport:
    """Every overlap of at least ``min_score`` (the front-ends filter the kept analyses with MIN_SCORE)."""
    passages = load_passages(store)
    profiles = programme_profiles(store, passages)
    overlaps = programme_overlaps(profiles, passages, engine, min_score, region_places(store))
    return OverlapReport(overlaps, actielijn_relations(store, profiles, passages, overlaps), bridging_partners(store, top=10),
                         single_points(profiles))


def programme_overlaps(profiles: dict[str, Programme], passages: dict[str, Passage], engine: SearchEngine,
                       min_score: float, places: list[str]) -> list[Overlap]:
    """Every pair of programmes scoring ``min_score`` or more; ``places`` are the region's place names
    (a name with a place added is the same programme: graph/name_matching.py)."""
    matrices = _matrices(engine, profiles)
    interventions = shared_interventions(profiles)
    joint = _through_interventions(_named_together(profiles, passages), interventions)
    names = NameMatcher.for_names([], places, None)
    variants: dict[str, set[str]] = defaultdict(set)  # two names of one programme (the review queue's)
    overlaps: list[Overlap] = []
    for a, b in combinations(sorted(profiles.values(), key=lambda p: (p.label, p.iri)), 2):
        if names.match("programma", a.names | {a.label}, b.names | {b.label}):
            variants[a.iri].add(b.iri)
            variants[b.iri].add(a.iri)
            continue
        if a.iri in b.parents or b.iri in a.parents:
            continue  # an intervention and its own programme are no overlap
        # what each side does: passages about one of them only (a passage about both is evidence of
        # the link, shown as ``joint``, not similarity)
        (ids_a, va), (ids_b, vb) = _exclusive(matrices[a.iri], set(b.about)), _exclusive(matrices[b.iri], set(a.about))
        if not ids_a or not ids_b:
            (ids_a, va), (ids_b, vb) = matrices[a.iri], matrices[b.iri]  # the passage about both says what one does
        if not ids_a or not ids_b:
            continue  # no passage says what one of them does: nothing to show as evidence
        similarity = va @ vb.T
        similarity[np.equal.outer(np.array(ids_a, dtype=object), np.array(ids_b, dtype=object)).astype(bool)] = -1.0
        best = float(similarity.max())
        if best <= -1.0:
            continue
        semantic = float(np.clip((best - SEMANTIC_FLOOR) / (SEMANTIC_CEILING - SEMANTIC_FLOOR), 0, 1))
        together = joint.get(frozenset((a.iri, b.iri)))
        stated = together.stated if together else 0.0
        partners, themes = _partner_overlap(a.partners, b.partners), _jaccard(a.themes, b.themes)
        score = SEMANTIC_WEIGHT * semantic + STATED_WEIGHT * stated + PARTNER_WEIGHT * partners + THEME_WEIGHT * themes
        if score < min_score:
            continue
        i, j = np.unravel_index(int(np.argmax(similarity)), similarity.shape)
        labels = {**a.organisations, **a.persons, **b.organisations, **b.persons}
        overlaps.append(Overlap(
            a.iri, a.label, b.iri, b.label, (sorted(a.actielijnen), sorted(b.actielijnen)), round(score, 3),
            round(semantic, 3), round(stated, 3), round(partners, 3), round(themes, 3), _cross(a, b),
            sorted(labels[p] for p in a.partners & b.partners), sorted(a.themes & b.themes),
            _shared(a, b, passages, interventions.get(frozenset((a.iri, b.iri)), [])),
            (_evidence(passages[ids_a[i]]), _evidence(passages[ids_b[j]])),
            _evidence(passages[together.passage]) if together else None,
        ))
    overlaps.sort(key=lambda o: (-o.score, o.first_label, o.second_label))
    return _once_per_programme(overlaps, variants)


def _once_per_programme(overlaps: list[Overlap], variants: dict[str, set[str]]) -> list[Overlap]:
    """Two names of one programme ("Kansrijke Start", "Kansrijke Start in Groningen") overlap a third
    programme once: the better scoring of the two overlaps is kept."""
    kept: list[Overlap] = []
    seen: set[frozenset[str]] = set()
    for overlap in overlaps:
        pairs = {frozenset((first, second)) for first in {overlap.first} | variants[overlap.first]
                 for second in {overlap.second} | variants[overlap.second]}
        if not pairs & seen:
            kept.append(overlap)
        seen |= pairs
    return kept


def single_points(profiles: dict[str, Programme]) -> list[SinglePointOfFailure]:
    """Programmes whose only organisation is one partner: if it stops, the programme stops."""
    return [
        SinglePointOfFailure(p.iri, p.label, next(iter(p.organisations.values())), sorted(p.actielijnen))
        for p in sorted(profiles.values(), key=lambda p: p.label)
        if len(p.organisations) == 1
    ]
