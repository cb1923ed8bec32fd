"""The coordinator questions as SPARQL over the store interface (works on any backend)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from graph.store import Store
from ontology.namespaces import GGID, PREFIXES

IRI_FORBIDDEN = re.compile(r'[\x00-\x20\x7f-\x9f<>"{}|^`\\]')


def sparql_iri(iri: str) -> str:
    """``<iri>`` for a query, or ValueError for text that is no IRI (never spliced in raw)."""
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", iri) or IRI_FORBIDDEN.search(iri):
        raise ValueError(f"Geen geldige IRI: {iri[:80]!r}")
    return f"<{iri}>"


def sparql_literal(text: str) -> str:
    """A quoted SPARQL string literal for any text (quotes, newlines and control characters escaped)."""
    valid = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates cannot be stored
    return json.dumps(valid, ensure_ascii=False)


PREFIX_BLOCK = "\n".join(f"PREFIX {prefix}: <{iri}>" for prefix, iri in PREFIXES.items())

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


# The union of the named graphs repeats a triple once per document that states it, so a single
# query joining labels, types and passages multiplies those repeats (seconds at ×1, minutes at ×100).
# Hence small DISTINCT lookups for the given IRIs, put together here.
INVOLVEMENT_CORE = PREFIX_BLOCK + """
SELECT DISTINCT ?programme ?agent ?role ?passage WHERE {
  VALUES ?programme { %s }
  ?programme prov:qualifiedAssociation ?b . ?b prov:agent ?agent ; prov:hadRole/skos:notation ?role ; prov:wasDerivedFrom ?passage .
}"""
PROGRAMME_FACTS = PREFIX_BLOCK + """
SELECT ?programme (SAMPLE(?label) AS ?programmeLabel) (GROUP_CONCAT(DISTINCT STR(?number); separator=",") AS ?actielijnen) WHERE {
  VALUES ?programme { %s }
  ?programme rdfs:label ?label . OPTIONAL { ?programme gg:actielijn/gg:nummer ?number }
} GROUP BY ?programme"""
AGENT_FACTS = PREFIX_BLOCK + """
SELECT DISTINCT ?agent ?agentLabel ?type WHERE {
  VALUES ?agent { %s }
  ?agent rdfs:label ?agentLabel . OPTIONAL { ?agent a org:Organization ; org:classification/skos:prefLabel ?type }
}"""
PASSAGE_FACTS = PREFIX_BLOCK + """
SELECT DISTINCT ?passage ?text ?doc WHERE {
  VALUES ?passage { %s }
  ?passage nif:isString ?text ; dcterms:isPartOf/dcterms:identifier ?doc .
}"""


def _values(iris: set[str] | list[str]) -> str:
    return " ".join(sparql_iri(iri) for iri in sorted(iris))


def involvements(store: Store, programme_iris: list[str]) -> list[Involvement]:
    """Who works on these programmes, in which role, said where."""
    if not programme_iris:
        return []
    core = store.select(INVOLVEMENT_CORE % _values(programme_iris)).rows
    if not core:
        return []
    programmes = {row["programme"]: row for row in store.select(PROGRAMME_FACTS % _values({r["programme"] or "" for r in core})).rows}
    agents: dict[str, list[dict[str, str | None]]] = {}
    for row in store.select(AGENT_FACTS % _values({r["agent"] or "" for r in core})).rows:
        agents.setdefault(row["agent"] or "", []).append(row)
    passages: dict[str, list[dict[str, str | None]]] = {}
    for row in store.select(PASSAGE_FACTS % _values({r["passage"] or "" for r in core})).rows:
        passages.setdefault(row["passage"] or "", []).append(row)
    result = []
    for row in core:
        programme = programmes.get(row["programme"])
        if programme is None:
            continue
        numbers = tuple(sorted(int(n) for n in (programme["actielijnen"] or "").split(",") if n))
        for agent in agents.get(row["agent"] or "", []):
            for passage in passages.get(row["passage"] or "", []):
                result.append(
                    Involvement(
                        row["programme"] or "", programme["programmeLabel"] or "", numbers, row["agent"] or "",
                        agent["agentLabel"] or "", "organisatie" if agent["type"] else "persoon", agent["type"] or "",
                        row["role"] or "", row["passage"] or "", passage["text"] or "", passage["doc"] or "",
                    )
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


def find_programmes(store: Store, text: str, *, limit: int = 3, cutoff: float = 88.0) -> list[tuple[str, str, float]]:
    """Programmes named by ``text``: every word of ``text`` is a word of the name or alias, or the
    whole name is a close spelling of it (fuzzy ratio >= cutoff). Returns (iri, name, score)."""
    query = _fold(re.sub(r"^(?:de |het )?(?:ketenaanpak|programma|aanpak)\s+", "", text.strip(), flags=re.I))
    query_words = set(re.findall(r"\w+", query))
    best: dict[str, float] = {}
    for row in store.select(PROGRAMME_NAMES).rows:
        iri, folded = row["programme"] or "", _fold(row["name"] or "")
        if query_words and query_words <= set(re.findall(r"\w+", folded)):
            score = 95.0 + 5.0 * len(query) / max(len(folded), 1)
        else:
            score = fuzz.ratio(query, folded)
        if score >= cutoff and best.get(iri, -1.0) < score:
            best[iri] = score
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))[:limit]
    if not ranked:
        return []
    labels = {row["programme"]: row["name"] or "" for row in store.select(PROGRAMME_LABELS % _values([iri for iri, _ in ranked])).rows}
    return [(iri, labels.get(iri, ""), score) for iri, score in ranked]


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
SELECT ?theme (SAMPLE(?name) AS ?label) (COUNT(DISTINCT ?programme) AS ?programmes) WHERE {
  ?programme dcterms:subject ?theme . ?theme a gg:Thema ; skos:prefLabel ?name .
  FILTER (STRSTARTS(STR(?programme), "%s"))
} GROUP BY ?theme ORDER BY DESC(?programmes) ?label""" % PROGRAMME_PREFIX


def programmes_per_theme(store: Store) -> list[tuple[str, str, int]]:
    """Every theme with the number of programmes and interventions on it: (iri, name, count)."""
    return [(row["theme"] or "", row["label"] or "", int(row["programmes"] or 0))
            for row in store.select(PROGRAMMES_PER_THEME).rows]


def _fold(text: str) -> str:
    return re.sub(r"[‘’'\"“”]", "", text).lower().strip()


def query_kind(query: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE, or UPDATE for a SPARQL update (INSERT, DELETE, LOAD, ...)."""
    body = re.sub(r"#[^\n]*", "", query)
    body = re.sub(r"(?is)^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", "", body)
    match = re.match(r"\s*(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", body, re.IGNORECASE)
    if not match:
        return "SELECT"
    keyword = match.group(1).upper()
    return keyword if keyword in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") else "UPDATE"
