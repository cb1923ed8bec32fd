"""Entities as coordinators see them: lists with filters and paging, and one entity with all its
relations and the passages that say so. Used by the API and the web pages alike."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from graph.errors import Moved, NotFound
from graph.queries import PREFIX_BLOCK, sparql_iri, sparql_literal
from graph.store import Store
from ontology.namespaces import GGID
from ontology.vocabulary import ENTITY_CLASSES


class UnknownEntity(NotFound, LookupError):
    """No entity with this IRI in the graph."""


def kind_of_iri(iri: str) -> str:
    rest = iri.removeprefix(str(GGID))
    return rest.split("/", 1)[0] if rest != iri else ""


@dataclass
class Page:
    items: list[dict]
    total: int
    limit: int
    offset: int


def list_entities(store: Store, kind: str, *, q: str = "", org_type: str = "", actielijn: int | None = None,
                  limit: int = 50, offset: int = 0) -> Page:
    """One page of entities of ``kind`` (a key of ENTITY_CLASSES), filtered by name, type and actielijn."""
    classes = " ".join(ENTITY_CLASSES[kind])
    filters = []
    if q:
        # a name or any alternative name ("HANNN", "het UMCG") finds the entity
        filters.append(f"FILTER EXISTS {{ ?e rdfs:label|skos:altLabel ?alias . "
                       f"FILTER (CONTAINS(LCASE(STR(?alias)), {sparql_literal(q.lower())})) }}")
    if org_type:
        filters.append(f"?e org:classification/skos:notation {sparql_literal(org_type)} .")
    if actielijn is not None:
        filters.append(
            f"{{ ?e gg:actielijn/gg:nummer {int(actielijn)} }} UNION {{ ?e gg:nummer {int(actielijn)} }} UNION "
            f"{{ ?p gg:actielijn/gg:nummer {int(actielijn)} ; prov:qualifiedAssociation/prov:agent ?e }}"
        )
    where = f"""?e a ?cls ; rdfs:label ?label . VALUES ?cls {{ {classes} }} {' '.join(filters)}"""
    total = int(store.select(PREFIX_BLOCK + f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ {where} }}").rows[0]["n"] or 0)
    rows = store.select(PREFIX_BLOCK + f"""
        SELECT ?e (SAMPLE(?label) AS ?name) (SAMPLE(?typeLabel) AS ?type) (GROUP_CONCAT(DISTINCT STR(?n); separator=",") AS ?lines)
        WHERE {{ {where}
          OPTIONAL {{ ?e org:classification/skos:prefLabel ?typeLabel }}
          OPTIONAL {{ {{ ?e gg:actielijn/gg:nummer ?n }} UNION {{ ?via prov:qualifiedAssociation/prov:agent ?e ; gg:actielijn/gg:nummer ?n }} }}
        }} GROUP BY ?e ORDER BY LCASE(STR(?name)) LIMIT {int(limit)} OFFSET {int(offset)}""").rows
    items = [
        {"iri": row["e"], "naam": row["name"], "soort": kind, "type": row["type"] or "",
         "actielijnen": sorted(int(n) for n in (row["lines"] or "").split(",") if n)}
        for row in rows
    ]
    return Page(items, total, limit, offset)


@dataclass
class Detail:
    iri: str
    kind: str
    label: str
    properties: dict[str, list[str]] = field(default_factory=dict)
    involvements: list[dict] = field(default_factory=list)  # programme or agent, role, actielijnen, passage
    related: list[dict] = field(default_factory=list)  # other links: label, relation, iri
    passages: list[dict] = field(default_factory=list)  # iri, document, text, start, end


def merged_into(store: Store, iri: str, *, hops: int = 5) -> str:
    """The entity ``iri`` was merged into by a review decision (followed over later merges), or ''."""
    current = iri
    for _ in range(hops):
        rows = store.select(PREFIX_BLOCK + f"""SELECT ?target WHERE {{ GRAPH ?w {{ ?decision gg:voegtSamen {sparql_iri(current)} .
            {sparql_iri(current)} owl:sameAs ?target }} }} ORDER BY ?target LIMIT 1""").rows
        if not rows:
            break
        current = rows[0]["target"] or ""
        if store.ask(PREFIX_BLOCK + f"ASK {{ {sparql_iri(current)} rdfs:label ?label }}"):
            return current
    return ""


def entity_detail(store: Store, iri: str) -> Detail:
    """Everything the graph says about one entity, each relation with its evidence passage."""
    try:
        ref = sparql_iri(iri)
    except ValueError as error:
        raise UnknownEntity(f"Geen entiteit met IRI {iri}.") from error
    labels = store.select(PREFIX_BLOCK + f"SELECT DISTINCT ?label WHERE {{ {ref} rdfs:label ?label }}").rows
    if not labels:
        target = merged_into(store, iri)
        if target:
            raise Moved(f"{iri} is samengevoegd met {target}; gebruik dat adres.", iri, target)
        raise UnknownEntity(f"Geen entiteit met IRI {iri}.")
    detail = Detail(iri, kind_of_iri(iri), sorted(row["label"] or "" for row in labels)[0])
    properties: dict[str, set[str]] = defaultdict(set)
    for row in store.select(PREFIX_BLOCK + f"""
        SELECT DISTINCT ?property ?value WHERE {{
          {{ {ref} org:classification/skos:prefLabel ?value . BIND("type" AS ?property) }}
          UNION {{ {ref} skos:altLabel ?value . BIND("ook bekend als" AS ?property) }}
          UNION {{ {ref} gg:actielijn/rdfs:label ?value . BIND("actielijn" AS ?property) }}
          UNION {{ {ref} dcterms:subject/skos:prefLabel ?value . BIND("thema" AS ?property) }}
          UNION {{ {ref} gg:indicator ?value . BIND("indicator" AS ?property) }}
          UNION {{ {ref} gg:jaar ?value . BIND("jaar" AS ?property) }}
          UNION {{ {ref} gg:databron ?value . BIND("databron" AS ?property) }}
          UNION {{ {ref} gg:opgave/skos:prefLabel ?value . BIND("opgave" AS ?property) }}
          UNION {{ {ref} a/rdfs:label ?value . FILTER(LANG(?value) = "nl") BIND("klasse" AS ?property) }}
        }}""").rows:
        properties[row["property"] or ""].add(row["value"] or "")
    detail.properties = {key: sorted(values) for key, values in sorted(properties.items())}
    detail.involvements = _involvements(store, iri)
    detail.related = _related(store, iri)
    detail.passages = [
        {"iri": row["p"], "document": row["doc"], "text": row["text"], "start": int(row["b"] or 0), "end": int(row["e"] or 0)}
        for row in store.select(PREFIX_BLOCK + f"""
            SELECT DISTINCT ?p ?doc ?text ?b ?e WHERE {{ {ref} dcterms:source ?p . ?p nif:anchorOf ?text ;
              nif:beginIndex ?b ; nif:endIndex ?e ; dcterms:isPartOf/dcterms:identifier ?doc }} ORDER BY ?doc ?b""").rows
    ]
    return detail


def _involvements(store: Store, iri: str) -> list[dict]:
    """As agent: the programmes it works on; as programme: who works on it. Roles with evidence."""
    ref = sparql_iri(iri)
    rows = store.select(PREFIX_BLOCK + f"""
        SELECT DISTINCT ?programme ?programmeLabel ?agent ?agentLabel ?role ?passage ?doc ?text
               (GROUP_CONCAT(DISTINCT STR(?n); separator=",") AS ?lines) WHERE {{
          ?programme prov:qualifiedAssociation ?b ; rdfs:label ?programmeLabel .
          ?b prov:agent ?agent ; prov:hadRole/skos:notation ?role ; dcterms:source ?passage .
          ?agent rdfs:label ?agentLabel .
          ?passage nif:anchorOf ?text ; dcterms:isPartOf/dcterms:identifier ?doc .
          OPTIONAL {{ ?programme gg:actielijn/gg:nummer ?n }}
          FILTER (?programme = {ref} || ?agent = {ref})
        }} GROUP BY ?programme ?programmeLabel ?agent ?agentLabel ?role ?passage ?doc ?text
        ORDER BY ?programmeLabel ?role ?agentLabel""").rows
    return [
        {"programma": row["programme"], "programma_naam": row["programmeLabel"], "betrokkene": row["agent"],
         "betrokkene_naam": row["agentLabel"], "rol": row["role"], "passage": row["passage"], "document": row["doc"],
         "tekst": row["text"], "actielijnen": sorted(int(n) for n in (row["lines"] or "").split(",") if n)}
        for row in rows
    ]


RELATIONS = [
    ("lid van", "?s org:memberOf ?o", "s"),
    ("medewerkers en leden", "?s org:memberOf ?o", "o"),
    # the trekker and financier of a network: a membership with that role (ingest.facts.NETWORK_ROLES)
    ("trekker van netwerk", '?m org:member ?s ; org:organization ?o ; org:role/skos:notation "trekker"', "s"),
    ("getrokken door", '?m org:member ?s ; org:organization ?o ; org:role/skos:notation "trekker"', "o"),
    ("financier van netwerk", '?m org:member ?s ; org:organization ?o ; org:role/skos:notation "financier"', "s"),
    ("gefinancierd door", '?m org:member ?s ; org:organization ?o ; org:role/skos:notation "financier"', "o"),
    ("onderdeel van", "?s dcterms:isPartOf ?o . ?o rdfs:label ?x", "s"),
    ("bestaat uit", "?s dcterms:isPartOf ?o", "o"),
    ("verwant aan", "?s dcterms:relation ?o", "s"),
    ("gebied", "?s dcterms:spatial ?o", "s"),
    ("programma's in deze actielijn", "?s gg:actielijn ?o", "o"),
    ("programma's met dit thema", "?s dcterms:subject ?o . ?s a gg:Programma", "o"),
    ("doelen van deze opgave", "?s gg:opgave ?o", "o"),
    ("partners (gedeelde programma's)", "?p prov:wasAssociatedWith ?s , ?o . ?s a org:Organization . ?o a org:Organization FILTER (?s != ?o)", "s"),
]


def _related(store: Store, iri: str) -> list[dict]:
    ref = sparql_iri(iri)
    related = []
    for name, pattern, side in RELATIONS:
        this, other = ("?s", "?o") if side == "s" else ("?o", "?s")
        query = PREFIX_BLOCK + f"""SELECT DISTINCT ?other ?label WHERE {{ {pattern} .
            FILTER ({this} = {ref}) BIND({other} AS ?other) ?other rdfs:label ?label }} ORDER BY ?label"""
        seen = set()
        for row in store.select(query).rows:
            if row["other"] not in seen:
                seen.add(row["other"])
                related.append({"relatie": name, "iri": row["other"], "naam": row["label"]})
    return related
