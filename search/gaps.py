"""Where the plan has gaps, each with a kind, an actielijn (or "regio") and its evidence:

- stated in the text: bottlenecks, open items, missing partners or money, coverage figures
  (``search/stated_gaps.py``);
- opgaven that no actielijn works on and goals without an actielijn in the text, with the nearest
  programmes as suggestions;
- programmes without a trekker, without a partner, or without a described activity;
- themes of the plan without a programme;
- actielijnen without partners from a domain the plan says it needs (onderwijs, inwoners).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from graph.queries import PREFIX_BLOCK, sparql_literal
from graph.store import Store
from ontology.vocabulary import ACTIELIJNEN
from search.engine import SearchEngine
from search.goals import Goal, GoalLink, Suggestion, goal_links, goals_with_links, nearest_programmes, programme_matrix
from search.profiles import Passage, Programme, load_passages, programme_profiles
from search.relations import actielijn_labels
from search.stated_gaps import stated_gaps

GOAL_THRESHOLD = 0.86  # e5 cosine between a goal and the best programme passage; related Dutch texts score 0.84-0.89
# Domains the regioplan says every transformation needs ("We transformeren samen met de inwoners,
# onderwijs en uitvoerend (zorg)professionals"), as organisation types, with the words that prove it.
NEEDED_DOMAINS = {
    "onderwijs-kennis": ("onderwijs", "samen met de inwoners, onderwijs"),
    "inwonersorganisatie": ("inwoners", "samen met de inwoners, onderwijs"),
}
STRUCTURAL = "structuur"
STATED = "tekst"


@dataclass
class Gap:
    kind: str  # knelpunt | open-punt | ... (stated) | programma-zonder-trekker | ... (structural)
    subject: str
    subject_label: str
    evidence: str
    passage: str = ""
    candidates: list[Suggestion] = field(default_factory=list)
    actielijn: str = "regio"  # "1".."5" or "regio"
    source: str = STRUCTURAL  # tekst (the document says so) | structuur (read from the graph)
    programme: str = ""
    programme_label: str = ""
    quote: str = ""


THEMES = PREFIX_BLOCK + """
SELECT ?t ?label (SAMPLE(?p) AS ?passage) WHERE {
  ?t a gg:Thema ; skos:prefLabel ?label .
  OPTIONAL { ?t dcterms:source ?p }
  FILTER NOT EXISTS { ?programme dcterms:subject ?t ; a ?cls . VALUES ?cls { gg:Programma gg:Interventie } }
} GROUP BY ?t ?label ORDER BY ?label"""


def find_gaps(store: Store, engine: SearchEngine, *, threshold: float = GOAL_THRESHOLD) -> list[Gap]:
    passages = load_passages(store)
    profiles = programme_profiles(store, passages)
    links = goal_links(store, passages)
    return all_gaps(store, engine, profiles, passages, links, goals_with_links(store, engine, profiles, links), threshold)


def all_gaps(store: Store, engine: SearchEngine, profiles: dict[str, Programme], passages: dict[str, Passage],
             links: list[GoalLink], goals: list[Goal], threshold: float = GOAL_THRESHOLD) -> list[Gap]:
    gaps = [Gap(g.kind, g.programme or (f"actielijn/{g.actielijn}" if g.actielijn != "regio" else "regio"),
                g.programme_label or (f"Actielijn {g.actielijn}" if g.actielijn != "regio" else "Regio"),
                g.sentence, g.passage, [], g.actielijn, STATED, g.programme, g.programme_label, g.sentence)
            for g in stated_gaps(passages, profiles, actielijn_labels(store))]
    gaps += _goal_gaps(store, goals, links, threshold)
    gaps += _programme_gaps(profiles)
    gaps += _theme_gaps(store, engine, profiles)
    gaps += _domain_gaps(store, profiles)
    return gaps


def _goal_gaps(store: Store, goals: list[Goal], links: list[GoalLink], threshold: float) -> list[Gap]:
    """Goals that no actielijn serves in the text and that no programme resembles; opgaven that no
    actielijn works on."""
    gaps = [Gap("doel-zonder-programma", goal.iri, goal.indicator,
                f"Geen actielijn werkt volgens de tekst aan dit doel en geen programma lijkt erop "
                f"(beste overeenkomst {goal.suggestions[0].score if goal.suggestions else 0:.2f} < {threshold}).",
                goal.passage, goal.suggestions)
            for goal in goals
            if not goal.actielijnen and (not goal.suggestions or goal.suggestions[0].score < threshold)]
    linked = {link.opgave for link in links}
    for row in store.select(PREFIX_BLOCK + "SELECT ?o ?label WHERE { ?o a gg:Opgave ; skos:prefLabel ?label } ORDER BY ?label").rows:
        if row["o"] not in linked:
            gaps.append(Gap("opgave-zonder-actielijn", row["o"] or "", row["label"] or "",
                            "Geen passage zegt welke actielijn zich op deze opgave richt."))
    return gaps


class _ProgrammeContext(TypedDict):
    """What every gap of one programme carries besides its kind and evidence."""

    passage: str
    actielijn: str
    programme: str
    programme_label: str


def _programme_gaps(profiles: dict[str, Programme]) -> list[Gap]:
    gaps: list[Gap] = []
    for profile in sorted(profiles.values(), key=lambda p: p.label):
        evidence_passage = next(iter(sorted(profile.passages)), "")
        line = str(max(profile.actielijnen)) if profile.actielijnen else "regio"
        common: _ProgrammeContext = {"passage": evidence_passage, "actielijn": line, "programme": profile.iri, "programme_label": profile.label}
        if not profile.roles.get("trekker"):
            gaps.append(Gap("programma-zonder-trekker", profile.iri, profile.label,
                            "Geen bron noemt een regionale trekker voor dit programma.", **common))
        if not profile.partners:
            gaps.append(Gap("programma-zonder-partner", profile.iri, profile.label,
                            "Geen bron noemt een betrokken organisatie of persoon.", **common))
        if not profile.about:
            gaps.append(Gap("programma-zonder-beschrijving", profile.iri, profile.label,
                            "Het programma staat alleen in kopjes of opsommingen; geen tekst beschrijft wat het doet.", **common))
    return gaps


def _theme_gaps(store: Store, engine: SearchEngine, profiles: dict[str, Programme]) -> list[Gap]:
    ids, matrix = programme_matrix(engine, profiles)
    gaps = []
    for row in store.select(THEMES).rows:
        if not row["passage"]:
            continue  # a theme of the vocabulary that no document mentions is no gap of the plan
        vector = engine.embedder.encode_queries([row["label"] or ""])[0]
        gaps.append(Gap("thema-zonder-programma", row["t"] or "", row["label"] or "",
                        "Het thema komt in de documenten voor, maar geen programma heeft het als thema.",
                        row["passage"] or "", nearest_programmes(vector, ids, matrix, profiles)))
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
        for number in ACTIELIJNEN:
            in_line = [p for p in profiles.values() if number in p.actielijnen]
            if in_line and not any(types.get(org) == domain for p in in_line for org in p.organisations):
                gaps.append(Gap("actielijn-zonder-domein", f"actielijn/{number}", f"Actielijn {number}",
                                f"Het regioplan zegt: '{proof} ...', maar geen partner van type {domain} ({label}) "
                                f"werkt aan de {len(in_line)} programma's van deze actielijn.", evidence[0]["p"] or "",
                                actielijn=str(number)))
    return gaps
