"""The coordinator questions as SPARQL over the store interface (works on any backend)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import product

from rapidfuzz import fuzz

from graph.cache import kept
from graph.sparql_scan import QueryScan, scan
from graph.store import Store, values_batches
from graph.terms import sparql_iri
from ontology.namespaces import GGID, PREFIX_BLOCK, PREFIXES


def sparql_literal(text: str) -> str:
    """A quoted SPARQL string literal for any text (quotes, newlines and control characters escaped)."""
    valid = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates cannot be stored
    return json.dumps(valid, ensure_ascii=False)



CLASS_COUNTS: tuple[tuple[str, str], ...] = (
    ("organisaties", "org:Organization"),
    ("personen", "foaf:Person"),
    ("actielijnen", "gg:Actielijn"),
    ("programma's (incl. interventies)", "gg:Programma"),
    ("interventies", "gg:Interventie"),
    ("betrokkenheden", "gg:Betrokkenheid"),
    ("lidmaatschappen", "org:Membership"),
    ("opgaven", "gg:Opgave"),
    ("ambities", "gg:Ambitie"),
    ("doelstellingen", "gg:Doelstelling"),
    ("thema's", "gg:Thema"),
    ("gebieden", "gg:Gebied"),
    ("documenten", "gg:Document"),
    ("passages", "gg:Passage"),
)


def class_counts(store: Store) -> dict[str, int]:
    """Number of instances per class (subclasses included for programmes, goals and areas)."""
    counts: dict[str, int] = {}
    for label, cls in CLASS_COUNTS:
        query = PREFIX_BLOCK + f"""
        SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{
          {{ ?x a {cls} }} UNION {{ ?x a ?sub . ?sub rdfs:subClassOf+ {cls} }}
        }}"""
        counts[label] = int(store.select(query).rows[0]["n"] or 0)
    return counts


@dataclass(frozen=True)
class Involvement:
    programme: str
    programme_label: str
    actielijnen: tuple[int, ...]
    agent: str
    agent_label: str
    agent_kind: str  # organisatie | persoon
    agent_type: str  # organisation type label, or the person's organisations
    role: str
    passage: str
    passage_text: str
    document: str


# The union of the named graphs repeats a triple once per document that states it, so one query
# joining labels, types and passages multiplies those repeats (seconds at ×1, minutes at ×100: an
# organisation named in 300 documents has 300 × 300 label–type pairs). Hence one DISTINCT lookup per
# property for the IRIs at hand, put together in Python.
INVOLVEMENT_CORE = PREFIX_BLOCK + """
SELECT DISTINCT ?programme ?agent ?role ?passage WHERE {
  VALUES ?programme { %s }
  ?programme prov:qualifiedAssociation ?b . ?b prov:agent ?agent ; prov:hadRole/skos:notation ?role ; dcterms:source ?passage .
}"""


def _values(iris: Iterable[str]) -> str:
    return " ".join(sparql_iri(iri) for iri in sorted(iris))


def property_values(store: Store, subjects: Iterable[str], path: str) -> dict[str, list[str]]:
    """The distinct values of one property (path) of each subject, sorted."""
    values: dict[str, list[str]] = {}
    for batch in values_batches(sorted(set(subjects))):
        query = PREFIX_BLOCK + f"SELECT DISTINCT ?s ?v WHERE {{ VALUES ?s {{ {_values(batch)} }} ?s {path} ?v }}"
        for row in store.select(query).rows:
            values.setdefault(row["s"] or "", []).append(row["v"] or "")
    return {subject: sorted(found) for subject, found in values.items()}


def involvements(store: Store, programme_iris: list[str]) -> list[Involvement]:
    """Who works on these programmes, in which role, said where."""
    if not programme_iris:
        return []
    core = store.select(INVOLVEMENT_CORE % _values(programme_iris)).rows
    if not core:
        return []
    programmes = {row["programme"] or "" for row in core}
    agents = {row["agent"] or "" for row in core}
    passages = {row["passage"] or "" for row in core}
    programme_labels = property_values(store, programmes, "rdfs:label")
    numbers = property_values(store, programmes, "gg:actielijn/gg:nummer")
    agent_labels = property_values(store, agents, "rdfs:label")
    agent_types = property_values(store, agents, "org:classification/skos:prefLabel")
    texts = property_values(store, passages, "nif:anchorOf")
    documents = property_values(store, passages, "dcterms:isPartOf/dcterms:identifier")
    result = []
    for row in core:
        programme, agent, passage = row["programme"] or "", row["agent"] or "", row["passage"] or ""
        lines = tuple(sorted({int(n) for n in numbers.get(programme, [])}))
        for programme_label, agent_label, agent_type, text, document in product(
            programme_labels.get(programme, []), agent_labels.get(agent, []), agent_types.get(agent, [""]),
            texts.get(passage, []), documents.get(passage, []),
        ):
            result.append(
                Involvement(programme, programme_label, lines, agent, agent_label,
                            "organisatie" if agent_type else "persoon", agent_type, row["role"] or "", passage, text, document)
            )
    result.sort(key=lambda i: (i.programme_label, i.role, i.agent_label, i.passage))
    return result


PROGRAMME_PREFIX = str(GGID) + "programma/"
PROGRAMME_NAMES = PREFIX_BLOCK + f"""
SELECT DISTINCT ?programme ?name WHERE {{
  ?programme rdfs:label|skos:altLabel ?name . FILTER (STRSTARTS(STR(?programme), "{PROGRAMME_PREFIX}"))
}}"""
PROGRAMME_LABELS = PREFIX_BLOCK + """
SELECT ?programme (SAMPLE(?label) AS ?name) WHERE { VALUES ?programme { %s } ?programme rdfs:label ?label } GROUP BY ?programme"""


@dataclass(frozen=True)
class ProgrammeName:
    programme: str
    folded: str
    words: frozenset[str]


def programme_names(store: Store) -> list[ProgrammeName]:
    """Every name and alias of every programme, folded; kept while the store is unchanged."""
    def compute() -> list[ProgrammeName]:
        names = []
        for row in store.select(PROGRAMME_NAMES).rows:
            folded = _fold(row["name"] or "")
            names.append(ProgrammeName(row["programme"] or "", folded, frozenset(re.findall(r"\w+", folded))))
        return names

    return kept(store, "programme_names", compute)


def find_programmes(store: Store, text: str, *, limit: int = 3, cutoff: float = 88.0) -> list[tuple[str, str, float]]:
    """Programmes named by ``text``: every word of ``text`` is a word of the name or alias, or the
    whole name is a close spelling of it (fuzzy ratio >= cutoff). Returns (iri, name, score)."""
    query = _fold(re.sub(r"^(?:de |het )?(?:ketenaanpak|programma|aanpak)\s+", "", text.strip(), flags=re.I))
    query_words = set(re.findall(r"\w+", query))
    best: dict[str, float] = {}
    for name in programme_names(store):
        if query_words and query_words <= name.words:
            score = 95.0 + 5.0 * len(query) / max(len(name.folded), 1)
        else:
            score = fuzz.ratio(query, name.folded, score_cutoff=cutoff)
        if score >= cutoff and best.get(name.programme, -1.0) < score:
            best[name.programme] = score
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))[:limit]
    if not ranked:
        return []
    labels = {row["programme"]: row["name"] or "" for row in store.select(PROGRAMME_LABELS % _values([iri for iri, _ in ranked])).rows}
    return [(iri, labels.get(iri, ""), score) for iri, score in ranked]


ORGANISATION_LABELS = PREFIX_BLOCK + "SELECT DISTINCT ?o ?l WHERE { ?o a org:Organization ; rdfs:label ?l }"


def organisation_named(store: Store, name: str) -> str | None:
    """The IRI of the organisation with this label (case does not matter), or None."""
    found = [row["o"] for row in store.select(ORGANISATION_LABELS).rows if (row["l"] or "").lower() == name.lower()]
    return found[0] if found else None


PROGRAMME_THEMES = PREFIX_BLOCK + "SELECT DISTINCT ?p ?theme WHERE { ?p a gg:Programma ; dcterms:subject/skos:prefLabel ?theme }"
AGENT_ROLES = PREFIX_BLOCK + """
SELECT DISTINCT ?org ?programmeLabel ?role WHERE {
  VALUES ?org { %s }
  ?p prov:qualifiedAssociation ?b ; rdfs:label ?programmeLabel . ?b prov:agent ?org ; prov:hadRole/skos:notation ?role .
}"""


def programme_themes(store: Store) -> dict[str, set[str]]:
    """Programme IRI -> the labels of its themes."""
    themes: dict[str, set[str]] = {}
    for row in store.select(PROGRAMME_THEMES).rows:
        themes.setdefault(row["p"] or "", set()).add(row["theme"] or "")
    return themes


def roles_of(store: Store, agents: list[str]) -> dict[str, list[str]]:
    """Agent IRI -> "<role> – <programme>" for each of its involvements."""
    roles: dict[str, list[str]] = {}
    for batch in values_batches([iri for iri in agents if iri.startswith("https://")]):
        for row in store.select(AGENT_ROLES % " ".join(sparql_iri(iri) for iri in batch)).rows:
            roles.setdefault(row["org"] or "", []).append(f"{row['role']} – {row['programmeLabel']}")
    return roles


SHARED_ORGANISATIONS = PREFIX_BLOCK + """
SELECT DISTINCT ?org ?label WHERE {
  ?org gg:actiefInActielijn %s , %s ; a org:Organization ; rdfs:label ?label .
} ORDER BY ?label ?org"""


def shared_organisations(store: Store, first_actielijn: str, second_actielijn: str) -> list[tuple[str, str]]:
    """Organisations involved in programmes of both actielijnen (IRIs): (iri, name), by name. Reads
    the ``gg:actiefInActielijn`` shortcut that ``graph/derive.py`` writes at every build."""
    rows = store.select(SHARED_ORGANISATIONS % (sparql_iri(first_actielijn), sparql_iri(second_actielijn))).rows
    return [(row["org"] or "", row["label"] or "") for row in rows]


PROGRAMMES_PER_THEME = PREFIX_BLOCK + """
SELECT ?theme (COUNT(?programme) AS ?programmes) WHERE { ?programme gg:programmaThema ?theme } GROUP BY ?theme"""


def programmes_per_theme(store: Store) -> list[tuple[str, str, int]]:
    """Every theme with programmes or interventions on it and their number: (iri, name, count), most
    first. Reads the ``gg:programmaThema`` shortcut that ``graph/derive.py`` writes (one triple per
    programme and theme, so no DISTINCT is needed)."""
    counts = {row["theme"] or "": int(row["programmes"] or 0) for row in store.select(PROGRAMMES_PER_THEME).rows}
    names = property_values(store, counts, "skos:prefLabel")
    return sorted(((theme, names.get(theme, [""])[0], count) for theme, count in counts.items()),
                  key=lambda item: (-item[2], item[1]))


def _fold(text: str) -> str:
    return re.sub(r"[‘’'\"“”]", "", text).lower().strip()


def with_known_prefixes(query: str, found: QueryScan | None = None) -> str:
    """``query`` with a PREFIX line for each of the project's prefixes (gg:, org:, prov:, skos:, …) it
    uses without declaring, so hand-written queries can leave them out. ``found``: its scan, when the
    caller has it already."""
    found = found or scan(query)
    missing = [f"PREFIX {prefix}: <{iri}>" for prefix, iri in PREFIXES.items() if prefix in found.used - found.declared]
    return "\n".join([*missing, query]) if missing else query


def query_kind(query: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE, or UPDATE for a SPARQL update (INSERT, DELETE, LOAD, ...);
    linear in the length of the query (graph/sparql_scan.py)."""
    return scan(query).kind
