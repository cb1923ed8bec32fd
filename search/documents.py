"""What is searched: every passage, and a short description of each organisation, programme,
actielijn and goal built from the graph (labels and context), each with its source passages."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from graph.queries import PREFIX_BLOCK
from graph.store import Store
from ontology.outline import SECTION_SEPARATOR

DOC_KINDS = ("passage", "organisatie", "programma", "actielijn", "doel", "persoon")
MIN_SENTENCE_WORDS = 6  # fewer words is a fragment ("Nederlander", a bare name), even with a full stop
MIN_TEXT_WORDS = 12  # from this many words a passage says something, sentence or not (a list, a table row)
SENTENCE_END_RE = re.compile(r"[.!?…][)\]'’”\"]*$")


@dataclass
class SearchDoc:
    id: str  # IRI of the passage or entity
    kind: str  # one of DOC_KINDS
    title: str
    text: str
    document: str = ""  # document slug (passages) or first source document (entities)
    passage: str = ""  # passage IRI that proves it
    start: int = 0
    end: int = 0
    actielijnen: list[int] = field(default_factory=list)
    entities: list[dict[str, str]] = field(default_factory=list)  # linked entities: iri, label, kind
    fragment: bool = False  # a passage that is only a heading or a fragment: indexed (analyses use it), never a hit

    def to_dict(self) -> dict:
        return asdict(self)


PASSAGES = PREFIX_BLOCK + """
SELECT ?p ?text ?doc ?title ?section ?begin ?end ?layout WHERE {
  ?p a gg:Passage ; nif:anchorOf ?text ; nif:beginIndex ?begin ; nif:endIndex ?end ;
     dcterms:isPartOf ?d . ?d dcterms:identifier ?doc ; dcterms:title ?title .
  OPTIONAL { ?p gg:sectie ?section } OPTIONAL { ?p dcterms:type ?layout }
} ORDER BY ?doc ?begin"""

PASSAGE_ENTITIES = PREFIX_BLOCK + """
SELECT DISTINCT ?p ?e ?label ?kind WHERE {
  ?e dcterms:source ?p ; rdfs:label ?label ; a ?cls .
  VALUES (?cls ?kind) { (org:Organization "organisatie") (gg:Programma "programma") (gg:Interventie "programma")
                        (foaf:Person "persoon") (gg:Gebied "gebied") (gg:Wijk "gebied") (gg:Gemeentegebied "gebied") }
}"""

PROGRAMME_ACTIELIJNEN = PREFIX_BLOCK + """
SELECT DISTINCT ?e ?n WHERE { ?e gg:actielijn/gg:nummer ?n }"""

ENTITY_ROWS = PREFIX_BLOCK + """
SELECT DISTINCT ?e ?kind ?label ?type ?partnerLabel ?role ?programmeLabel ?theme ?parent ?alt WHERE {
  {
    ?e a gg:Programma ; rdfs:label ?label . BIND("programma" AS ?kind)
    OPTIONAL { ?e prov:qualifiedAssociation ?b . ?b prov:agent/rdfs:label ?partnerLabel ; prov:hadRole/skos:notation ?role }
    OPTIONAL { ?e dcterms:subject/skos:prefLabel ?theme }
    OPTIONAL { ?e dcterms:isPartOf/rdfs:label ?parent }
    OPTIONAL { ?e skos:altLabel ?alt }
  } UNION {
    ?e a org:Organization ; rdfs:label ?label ; org:classification/skos:prefLabel ?type . BIND("organisatie" AS ?kind)
    OPTIONAL { ?p prov:qualifiedAssociation ?b . ?b prov:agent ?e ; prov:hadRole/skos:notation ?role . ?p rdfs:label ?programmeLabel }
    OPTIONAL { ?e skos:altLabel ?alt }
  } UNION {
    ?e a foaf:Person ; rdfs:label ?label . BIND("persoon" AS ?kind)
    OPTIONAL { ?e org:memberOf/rdfs:label ?partnerLabel }
    OPTIONAL { ?p prov:qualifiedAssociation ?b . ?b prov:agent ?e ; prov:hadRole/skos:notation ?role . ?p rdfs:label ?programmeLabel }
  } UNION {
    ?e a gg:Actielijn ; rdfs:label ?label . BIND("actielijn" AS ?kind)
    OPTIONAL { ?x gg:actielijn ?e ; a gg:Programma ; rdfs:label ?programmeLabel }
  } UNION {
    ?e a ?goalClass ; gg:indicator ?label . VALUES ?goalClass { gg:Ambitie gg:Doelstelling } BIND("doel" AS ?kind)
    OPTIONAL { ?e gg:opgave/skos:prefLabel ?theme }
    OPTIONAL { ?e gg:jaar ?type }
  }
}"""

ENTITY_SOURCES = PREFIX_BLOCK + """
SELECT ?e (MIN(STR(?p)) AS ?passage) WHERE { ?e dcterms:source ?p . ?p a gg:Passage } GROUP BY ?e"""


def is_fragment(text: str, layout: str) -> bool:
    """Whether a passage is no answer by itself: a heading (``layout`` is the kind ``ingest/layout.py`` gave it:
    "2.4 Wat gaan we doen?", "Contact"), fewer than MIN_SENTENCE_WORDS words, or fewer than MIN_TEXT_WORDS
    words that do not end a sentence (a name, a title, a line broken off mid-sentence). Words are tokens
    with a letter, so numbers and bullets do not count."""
    words = sum(any(ch.isalpha() for ch in token) for token in text.split())
    if layout == "heading" or words < MIN_SENTENCE_WORDS:
        return True
    return words < MIN_TEXT_WORDS and not SENTENCE_END_RE.search(text.strip())


def collect(store: Store) -> list[SearchDoc]:
    """All search documents, passages first, in a stable order."""
    actielijnen: dict[str, set[int]] = defaultdict(set)
    for row in store.select(PROGRAMME_ACTIELIJNEN).rows:
        actielijnen[row["e"] or ""].add(int(row["n"] or 0))
    linked: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)
    for row in store.select(PASSAGE_ENTITIES).rows:
        linked[row["p"] or ""][row["e"] or ""] = {"iri": row["e"] or "", "label": row["label"] or "", "kind": row["kind"] or ""}
    passages: dict[str, SearchDoc] = {}
    for row in store.select(PASSAGES).rows:
        iri = row["p"] or ""
        if iri in passages:
            continue
        entities = sorted(linked[iri].values(), key=lambda e: (e["kind"], e["label"]))
        lines = sorted({n for e in entities for n in actielijnen.get(e["iri"], ())})
        section = (row["section"] or "").split(SECTION_SEPARATOR)[-1]
        text = row["text"] or ""
        passages[iri] = SearchDoc(
            iri, "passage", f"{row['title']}{' › ' + section if section else ''}", text,
            row["doc"] or "", iri, int(row["begin"] or 0), int(row["end"] or 0), lines, entities,
            is_fragment(text, row["layout"] or ""),
        )
    return list(passages.values()) + _entity_docs(store, actielijnen, passages)


def _entity_docs(store: Store, actielijnen: dict[str, set[int]], passages: dict[str, SearchDoc]) -> list[SearchDoc]:
    parts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    kinds: dict[str, str] = {}
    labels: dict[str, str] = {}
    for row in store.select(ENTITY_ROWS).rows:
        iri = row["e"] or ""
        kinds[iri] = row["kind"] or ""
        labels.setdefault(iri, row["label"] or "")
        for key in ("type", "theme", "parent", "alt"):
            if value := row[key]:
                parts[iri][key].add(value)
        if row["partnerLabel"]:
            parts[iri]["partners"].add(f"{row['partnerLabel']}{' (' + row['role'] + ')' if row['role'] else ''}")
        if row["programmeLabel"]:
            parts[iri]["programmes"].add(f"{row['programmeLabel']}{' (' + row['role'] + ')' if row['role'] else ''}")
    sources = {row["e"] or "": row["passage"] or "" for row in store.select(ENTITY_SOURCES).rows}
    docs = []
    for iri in sorted(kinds):
        kind, label, info = kinds[iri], labels[iri], parts[iri]
        pieces = [label.rstrip(".") + "."]
        if kind == "organisatie":
            pieces.append(f"Type: {', '.join(sorted(info['type']))}.")
        if kind == "doel":
            pieces.append(f"Opgave: {', '.join(sorted(info['theme']))}. Jaar: {', '.join(sorted(info['type']))}.")
        elif info["theme"]:
            pieces.append(f"Thema's: {', '.join(sorted(info['theme']))}.")
        if actielijnen.get(iri):
            pieces.append("Actielijn " + ", ".join(str(n) for n in sorted(actielijnen[iri])) + ".")
        if info["parent"]:
            pieces.append(f"Onderdeel van: {', '.join(sorted(info['parent']))}.")
        if info["partners"]:
            pieces.append(f"{'Organisaties' if kind == 'persoon' else 'Betrokken'}: {', '.join(sorted(info['partners']))}.")
        if info["programmes"]:
            pieces.append(f"Programma's: {', '.join(sorted(info['programmes']))}.")
        if info["alt"]:
            pieces.append(f"Ook: {', '.join(sorted(info['alt']))}.")
        source = passages.get(sources.get(iri, ""))
        docs.append(
            SearchDoc(
                iri, kind, label, " ".join(pieces), source.document if source else "", source.passage if source else "",
                source.start if source else 0, source.end if source else 0, sorted(actielijnen.get(iri, ())),
                [{"iri": iri, "label": label, "kind": kind}],
            )
        )
    return docs
