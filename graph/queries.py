"""The coordinator questions as SPARQL over the store interface (works on any backend)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from graph.store import Store
from ontology.namespaces import PREFIXES

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


INVOLVEMENTS = PREFIX_BLOCK + """
SELECT ?programme ?programmeLabel ?agent ?agentLabel ?kind ?type ?role ?passage ?text ?doc
       (GROUP_CONCAT(DISTINCT STR(?number); separator=",") AS ?actielijnen)
WHERE {
  ?programme prov:qualifiedAssociation ?b ; rdfs:label ?programmeLabel .
  ?b prov:agent ?agent ; prov:hadRole/skos:notation ?role ; prov:wasDerivedFrom ?passage .
  ?agent rdfs:label ?agentLabel .
  OPTIONAL { ?agent a org:Organization ; org:classification/skos:prefLabel ?type . BIND("organisatie" AS ?orgKind) }
  BIND(COALESCE(?orgKind, "persoon") AS ?kind)
  ?passage nif:isString ?text ; dcterms:isPartOf/dcterms:identifier ?doc .
  OPTIONAL { ?programme gg:actielijn/gg:nummer ?number }
  FILTER (?programme IN (%s))
}
GROUP BY ?programme ?programmeLabel ?agent ?agentLabel ?kind ?type ?role ?passage ?text ?doc
ORDER BY ?programmeLabel ?role ?agentLabel ?passage
"""


def involvements(store: Store, programme_iris: list[str]) -> list[Involvement]:
    """Who works on these programmes, in which role, said where."""
    if not programme_iris:
        return []
    query = INVOLVEMENTS % ", ".join(sparql_iri(iri) for iri in programme_iris)
    result = []
    for row in store.select(query).rows:
        numbers = tuple(sorted(int(n) for n in (row["actielijnen"] or "").split(",") if n))
        result.append(
            Involvement(
                row["programme"] or "", row["programmeLabel"] or "", numbers, row["agent"] or "",
                row["agentLabel"] or "", row["kind"] or "", row["type"] or "", row["role"] or "",
                row["passage"] or "", row["text"] or "", row["doc"] or "",
            )
        )
    return result


PROGRAMME_NAMES = PREFIX_BLOCK + """
SELECT ?programme ?label ?name WHERE {
  ?programme a ?cls ; rdfs:label ?label . VALUES ?cls { gg:Programma gg:Interventie }
  { ?programme rdfs:label ?name } UNION { ?programme skos:altLabel ?name }
}"""


def find_programmes(store: Store, text: str, *, limit: int = 3, cutoff: float = 88.0) -> list[tuple[str, str, float]]:
    """Programmes named by ``text``: every word of ``text`` is a word of the name or alias, or the
    whole name is a close spelling of it (fuzzy ratio >= cutoff). Returns (iri, name, score)."""
    query = _fold(re.sub(r"^(?:de |het )?(?:ketenaanpak|programma|aanpak)\s+", "", text.strip(), flags=re.I))
    query_words = set(re.findall(r"\w+", query))
    best: dict[str, tuple[str, str, float]] = {}
    for row in store.select(PROGRAMME_NAMES).rows:
        iri, label, folded = row["programme"] or "", row["label"] or "", _fold(row["name"] or "")
        if query_words and query_words <= set(re.findall(r"\w+", folded)):
            score = 95.0 + 5.0 * len(query) / max(len(folded), 1)
        else:
            score = fuzz.ratio(query, folded)
        if score >= cutoff and (iri not in best or best[iri][2] < score):
            best[iri] = (iri, label, score)
    return sorted(best.values(), key=lambda item: -item[2])[:limit]


def _fold(text: str) -> str:
    return re.sub(r"[‘’'\"“”]", "", text).lower().strip()


def query_kind(query: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE, or UPDATE for a SPARQL update (INSERT, DELETE, LOAD, ...)."""
    body = re.sub(r"(<[^>\s]*>)|#[^\n]*", lambda match: match.group(1) or "", query)  # a '#' inside an IRI is no comment
    body = re.sub(r"(?is)^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", "", body)
    match = re.match(r"\s*(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", body, re.IGNORECASE)
    if not match:
        return "SELECT"
    keyword = match.group(1).upper()
    return keyword if keyword in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") else "UPDATE"
