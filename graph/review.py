"""The review queue: what extraction read but is not sure of, waiting for a coordinator's decision.

Two kinds of proposal:
- an entity (organisation, person, programme) that might be an existing one: its names are the same
  as, an acronym of, the same without a legal form or place, a translation of, or nearly the same as
  the names of another entity of its kind (graph/name_matching.py). Of each such pair the entity
  cited by fewer passages is the proposal, the other its candidate;
- an extracted fact (an involvement with its role, a membership or a person's function) whose
  confidence (``gg:betrouwbaarheid``) is below the threshold.

Each proposal has a stable id (from its kind and the IRI it is about), the passage it was read from
with the span to highlight, and its candidates. A decision is a write (graph/writes.py: a named
graph with PROV who/when, SHACL-checked, re-applied by every build):
- accept: ``gg:bevestigt`` the entity or fact; for an entity also ``owl:differentFrom`` each candidate;
- reject: ``gg:trektIn`` (withdraw) the fact, or the entity with the facts it is part of;
- merge (entities only): ``gg:voegtSamen`` the entity, ``owl:sameAs`` the target; every build moves
  its facts to the target and keeps its names there as alternative names.
Decided proposals leave the queue: a confirmed fact or entity is not listed again, nor a pair of
entities declared different; a withdrawn or merged one no longer exists.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from rdflib import URIRef
from rdflib.namespace import OWL

from graph.errors import Invalid, NotFound
from graph.name_matching import NameMatcher, WordVectors, acronyms, content_words, is_acronym
from graph.queries import PREFIX_BLOCK, sparql_iri
from graph.store import Store, values_batches
from graph.writes import WRITE_GRAPH_PREFIX, WriteRejected, WriteResult, commit, new_write
from ontology.namespaces import GG
from ontology.vocabulary import FIRST_PERSON_RE, ORGANISATION_REFERENCE_RE, digest

DECISIONS = ("accepteren", "afwijzen", "samenvoegen")
KINDS = {"organisatie": "org:Organization", "persoon": "foaf:Person", "programma": "gg:Programma gg:Interventie"}
EXISTING = {"organisatie": "een bestaande organisatie", "persoon": "een bestaande persoon", "programma": "een bestaand programma"}
MAX_CANDIDATES = 5


@dataclass(frozen=True)
class Candidate:
    iri: str
    naam: str
    score: float  # 0-1
    reden: str  # zelfde naam | afkorting | zonder toevoeging | zelfde betekenis | lijkt op


@dataclass(frozen=True)
class Source:
    """The passage a proposal was read from; ``begin``..``eind`` is the span to highlight in ``tekst``."""

    passage: str
    document: str
    tekst: str
    begin: int
    eind: int


@dataclass(frozen=True)
class Proposal:
    id: str
    soort: str  # entiteit | betrokkenheid | lidmaatschap
    onderwerp: str  # IRI of the entity or fact
    naam: str  # what it says, in words
    reden: str  # why it waits
    entiteitsoort: str = ""  # organisatie | persoon | programma (an entity proposal)
    betrouwbaarheid: float | None = None
    bron: Source | None = None
    kandidaten: list[Candidate] = field(default_factory=list)


@dataclass(frozen=True)
class ReviewQueue:
    drempel: float
    voorstellen: list[Proposal]


@dataclass(frozen=True)
class Decision:
    voorstel: str
    besluit: str
    onderwerp: str
    doel: str
    invoer: WriteResult


# -- reading the graph -----------------------------------------------------------------------------

@dataclass
class _Entity:
    iri: str
    kind: str
    label: str = ""
    names: set[str] = field(default_factory=set)
    sources: int = 0


def _entities(store: Store) -> dict[str, _Entity]:
    values = " ".join(f'({cls} "{kind}")' for kind, classes in KINDS.items() for cls in classes.split())
    found: dict[str, _Entity] = {}
    for row in store.select(PREFIX_BLOCK + f"""SELECT DISTINCT ?e ?kind ?p ?name WHERE {{ VALUES (?class ?kind) {{ {values} }}
            ?e a ?class ; ?p ?name . VALUES ?p {{ rdfs:label skos:altLabel foaf:name }} }}""").rows:
        entity = found.setdefault(row["e"] or "", _Entity(row["e"] or "", row["kind"] or ""))
        name = " ".join((row["name"] or "").split())
        entity.names.add(name)
        if row["p"] == "http://www.w3.org/2000/01/rdf-schema#label" and (not entity.label or name < entity.label):
            entity.label = name
    for row in store.select(PREFIX_BLOCK + f"""SELECT ?e (COUNT(DISTINCT ?source) AS ?n) WHERE {{ VALUES ?class {{
            {" ".join(KINDS.values())} }} ?e a ?class ; dcterms:source ?source }} GROUP BY ?e""").rows:
        if row["e"] in found:
            found[row["e"] or ""].sources = int(row["n"] or 0)
    for entity in found.values():
        entity.label = entity.label or min(entity.names)
    return found


def entity_names(store: Store) -> list[str]:
    """Every name of the organisations, persons and programmes."""
    return sorted({name for entity in _entities(store).values() for name in entity.names})


def _decided(store: Store) -> tuple[set[str], set[frozenset[str]]]:
    """The confirmed nodes and the pairs of entities declared different, by coordinators' writes."""
    confirmed = {row["x"] or "" for row in store.select(PREFIX_BLOCK + f"""SELECT DISTINCT ?x WHERE {{
        GRAPH ?w {{ ?a gg:bevestigt ?x }} FILTER (STRSTARTS(STR(?w), "{WRITE_GRAPH_PREFIX}")) }}""").rows}
    different = {frozenset((row["a"] or "", row["b"] or "")) for row in store.select(PREFIX_BLOCK + f"""SELECT DISTINCT ?a ?b WHERE {{
        GRAPH ?w {{ ?a owl:differentFrom ?b }} FILTER (STRSTARTS(STR(?w), "{WRITE_GRAPH_PREFIX}")) }}""").rows}
    return confirmed, different


def _sources(store: Store, nodes: list[str]) -> dict[str, list[tuple[str, str, str]]]:
    """node -> its passages as (passage IRI, document slug, text), in passage order."""
    found: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for batch in values_batches(nodes):
        values = " ".join(sparql_iri(node) for node in batch)
        for row in store.select(PREFIX_BLOCK + f"""SELECT DISTINCT ?node ?p ?slug ?text WHERE {{ VALUES ?node {{ {values} }}
                ?node dcterms:source ?p . ?p nif:anchorOf ?text ; dcterms:isPartOf/dcterms:identifier ?slug }}
                ORDER BY ?node ?p""").rows:
            found[row["node"] or ""].append((row["p"] or "", row["slug"] or "", row["text"] or ""))
    return found


def region_places(store: Store) -> list[str]:
    """The names of the region's areas (municipalities, neighbourhoods): a place added to a name does not tell it apart."""
    return [row["name"] or "" for row in store.select(PREFIX_BLOCK + """SELECT DISTINCT ?name WHERE {
        ?area a/rdfs:subClassOf* gg:Gebied ; rdfs:label|skos:altLabel ?name }""").rows]


def _pairs(entities: dict[str, _Entity], matcher: NameMatcher) -> list[tuple[_Entity, _Entity, float, str]]:
    """Near-duplicate pairs of the same kind, (weaker, stronger, score, reason): the weaker is cited by
    fewer passages (a tie: the later IRI). A blocking key per name keeps the comparisons few: two
    entities are compared when they share a word, an initial-letter pattern or two words that mean the same."""
    blocks: dict[str, set[str]] = defaultdict(set)
    partners: dict[str, set[str]] = defaultdict(set)
    for one, other in matcher.meaning_partners():
        partners[one].add(f"{one}|{other}")
        partners[other].add(f"{one}|{other}")
    for entity in entities.values():
        for name in entity.names:
            for word in content_words(name):
                blocks[f"{entity.kind}:{word[:4]}"].add(entity.iri)
                for pair in partners.get(word, ()):
                    blocks[f"{entity.kind}:~{pair}"].add(entity.iri)
            for acronym in acronyms(name) | ({name.lower()} if is_acronym(name) else set()):
                blocks[f"{entity.kind}:#{acronym}"].add(entity.iri)
    compared: set[tuple[str, str]] = set()
    pairs = []
    for members in blocks.values():
        for a, b in combinations(sorted(members), 2):
            if (a, b) in compared:
                continue
            compared.add((a, b))
            found = matcher.match(entities[a].kind, entities[a].names, entities[b].names)
            if found:
                stronger, weaker = sorted((entities[a], entities[b]), key=lambda e: (-e.sources, e.iri))
                pairs.append((weaker, stronger, *found))
    return pairs


def _span(text: str, names: list[str]) -> tuple[int, int]:
    """Where the first of ``names`` that occurs stands in ``text`` (any case, any spacing); (0, 0) if none."""
    for name in names:
        pattern = r"\s+".join(map(re.escape, name.split()))
        found = re.search(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE) if pattern else None
        if found:
            return found.start(), found.end()
    return 0, 0


def _reference_span(text: str) -> tuple[int, int]:
    """A fact read from "we" or "de gemeente" (the passage does not name the organisation): that reference."""
    found = [match for match in (ORGANISATION_REFERENCE_RE.search(text), FIRST_PERSON_RE.search(text)) if match]
    return min(match.span() for match in found) if found else (0, 0)


def _source(passages: list[tuple[str, str, str]], names: list[str]) -> Source | None:
    """The first passage that names one of ``names``, with its span; else the first passage, with the words that
    refer to the organisation there."""
    best: Source | None = None
    for passage, slug, text in passages:
        begin, end = _span(text, names)
        if end:
            return Source(passage, slug, text, begin, end)
        best = best or Source(passage, slug, text, *_reference_span(text))
    return best


def proposal_id(kind: str, subject: str) -> str:
    return digest(kind, subject)[:12]


# -- the queue -------------------------------------------------------------------------------------

def _entity_proposals(store: Store, entities: dict[str, _Entity], confirmed: set[str],
                      different: set[frozenset[str]], word_vectors: WordVectors | None) -> list[Proposal]:
    names = [name for entity in entities.values() for name in entity.names]
    matcher = NameMatcher.for_names(names, region_places(store), word_vectors)
    candidates: dict[str, list[Candidate]] = defaultdict(list)
    for weaker, stronger, score, reason in _pairs(entities, matcher):
        if weaker.iri not in confirmed and frozenset((weaker.iri, stronger.iri)) not in different:
            candidates[weaker.iri].append(Candidate(stronger.iri, stronger.label, score, reason))
    sources = _sources(store, sorted(candidates))
    proposals = []
    for iri, found in candidates.items():
        entity = entities[iri]
        found.sort(key=lambda c: (-c.score, c.naam))
        names = sorted(entity.names, key=lambda n: (-len(n), n))
        proposals.append(Proposal(proposal_id("entiteit", iri), "entiteit", iri, entity.label,
                                  f"lijkt op {EXISTING[entity.kind]}", entity.kind, None,
                                  _source(sources.get(iri, []), names), found[:MAX_CANDIDATES]))
    return proposals


def _fact_proposals(store: Store, entities: dict[str, _Entity], confirmed: set[str], threshold: float) -> list[Proposal]:
    rows = store.select(PREFIX_BLOCK + f"""SELECT ?fact ?kind ?c ?agent ?other ?detail ?status WHERE {{
        {{ ?fact a gg:Betrokkenheid ; prov:agent ?agent ; prov:hadRole ?role . ?other prov:qualifiedAssociation ?fact .
           BIND (STRAFTER(STR(?role), "/rol/") AS ?detail) BIND ("betrokkenheid" AS ?kind) OPTIONAL {{ ?fact gg:status ?status }} }}
        UNION
        {{ ?fact a org:Membership ; org:member ?agent ; org:organization ?other . BIND ("lidmaatschap" AS ?kind)
           OPTIONAL {{ ?fact org:role/rdfs:label ?detail }} }}
        {{ SELECT ?fact (MAX(?value) AS ?c) WHERE {{ ?fact gg:betrouwbaarheid ?value }} GROUP BY ?fact }}
        FILTER (?c < {float(threshold)}) }}""").rows
    # each document that states a fact gives its own confidence and status: the fact's are the highest
    # and 'besloten' when one document decided it
    facts: dict[str, dict[str, str | None]] = {}
    details: dict[str, set[str]] = defaultdict(set)  # a membership may name several functions
    statuses: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row["fact"] not in confirmed:
            facts.setdefault(row["fact"] or "", row)
            details[row["fact"] or ""].add(row["detail"] or "")
            statuses[row["fact"] or ""].add(row["status"] or "")
    sources = _sources(store, sorted(facts))
    proposals = []
    for fact, row in facts.items():
        agent, other = row["agent"] or "", row["other"] or ""
        agent_name, other_name = _label(entities, agent), _label(entities, other)
        detail = " / ".join(sorted(details[fact] - {""}))
        status = "besloten" if "besloten" in statuses[fact] else max(statuses[fact])
        if row["kind"] == "betrokkenheid":
            text = f"{agent_name} is {detail} van {other_name}" + (f" ({status})" if status else "")
        else:
            text = f"{agent_name} is {detail + ' bij' if detail else 'lid van'} {other_name}"
        names = sorted(entities[agent].names, key=lambda n: (-len(n), n)) if agent in entities else [agent_name]
        proposals.append(Proposal(proposal_id(row["kind"] or "", fact), row["kind"] or "", fact, text,
                                  "lage betrouwbaarheid", "", float(row["c"] or 0), _source(sources.get(fact, []), names)))
    return proposals


def _label(entities: dict[str, _Entity], iri: str) -> str:
    return entities[iri].label if iri in entities else iri.rsplit("/", 1)[-1]


def review_queue(store: Store, threshold: float, *, document: str = "", word_vectors: WordVectors | None = None) -> ReviewQueue:
    """Every proposal waiting for a decision (of one document's passages when ``document`` is a slug):
    entities first (most likely duplicates first), then facts (least sure first). Without
    ``word_vectors`` names are not compared by meaning."""
    entities = _entities(store)
    confirmed, different = _decided(store)
    proposals = (sorted(_entity_proposals(store, entities, confirmed, different, word_vectors),
                        key=lambda p: (-p.kandidaten[0].score, p.naam))
                 + sorted(_fact_proposals(store, entities, confirmed, threshold),
                          key=lambda p: (p.betrouwbaarheid or 0, p.naam, p.id)))
    if document:
        proposals = [p for p in proposals if p.bron is not None and p.bron.document == document]
    return ReviewQueue(threshold, proposals)


# -- deciding --------------------------------------------------------------------------------------

def find_proposal(store: Store, threshold: float, proposal: str, word_vectors: WordVectors | None = None) -> Proposal:
    for found in review_queue(store, threshold, word_vectors=word_vectors).voorstellen:
        if found.id == proposal:
            return found
    raise NotFound(f"Geen voorstel '{proposal}' in de beoordelingslijst: het bestaat niet of is al beoordeeld. "
                   "Vraag de lijst opnieuw op (gezond-kg beoordeel lijst, GET /api/beoordelen).")


def decide(store: Store, threshold: float, user: str, proposal: str, decision: str, target: str = "",
           explanation: str = "", word_vectors: WordVectors | None = None) -> Decision:
    """Take one decision on a proposal of the queue, as one write with PROV (who, when)."""
    if decision not in DECISIONS:
        raise Invalid(f"Onbekend besluit '{decision}'; kies uit {', '.join(DECISIONS)}.")
    found = find_proposal(store, threshold, proposal, word_vectors)
    subject = URIRef(found.onderwerp)
    if decision == "samenvoegen":
        if found.soort != "entiteit":
            raise WriteRejected("Alleen een entiteit kan worden samengevoegd; een feit accepteer of wijs je af.", field="besluit")
        if not target or target == found.onderwerp:
            raise WriteRejected("Geef bij samenvoegen de entiteit om mee samen te voegen (doel), bijvoorbeeld een van de "
                                "kandidaten.", field="doel")
        if not store.ask(PREFIX_BLOCK + f"ASK {{ {sparql_iri(target)} a ?c . VALUES ?c {{ {KINDS[found.entiteitsoort]} }} }}"):
            raise WriteRejected(f"doel: geen bestaande {found.entiteitsoort} met IRI {target}.", field="doel")
    where = f" (passage {found.bron.passage})" if found.bron else ""
    explanation = explanation.strip() or f"Beoordeeld in de beoordelingslijst: {found.naam}{where}."
    write = new_write(user, f"beoordeling: {decision} – {found.naam}", explanation)
    if decision == "accepteren":
        write.graph.add((write.activity, GG.bevestigt, subject))
        for candidate in found.kandidaten:
            write.graph.add((subject, OWL.differentFrom, URIRef(candidate.iri)))
    elif decision == "afwijzen":
        write.graph.add((write.activity, GG.trektIn, subject))
    else:
        write.graph.add((write.activity, GG.voegtSamen, subject))
        write.graph.add((subject, OWL.sameAs, URIRef(target)))
    return Decision(found.id, decision, found.onderwerp, target, commit(store, write, found.onderwerp))
