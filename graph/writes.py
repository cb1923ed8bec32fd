"""Writes by coordinators: add or correct an organisation or a programme, add or withdraw an
involvement, add a document's facts, or many of these at once (a spreadsheet import).

Each accepted write is its own named graph (``graph/invoer/<id>``) with a PROV record (who, when,
what) and a source passage holding the coordinator's explanation, so the facts it adds cite a
source like every other fact. A write is previewed on a scratch copy of the store, with the same
updates a build runs afterwards, and the touched nodes are validated against the SHACL shapes
there; only then is it committed, in one transaction. A rejected write changes nothing.

Withdrawals (``gg:trektIn``) and corrections (``gg:corrigeert``: the write graph holds the new
values of a name, type or actielijn) are re-applied after every build, so a rebuild from the
documents does not undo them.
"""

from __future__ import annotations

import hashlib
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SH, SKOS, XSD

from graph.derive import derive_updates
from graph.errors import Rejected, TooLarge
from graph.memory import release_memory
from graph.oxigraph_store import ScratchStore
from graph.queries import PREFIX_BLOCK, sparql_iri
from graph.store import Store
from graph.terms import InvalidTerm, Triples, ox_triples
from graph.validate import validate_graph
from ontology.namespaces import GG, GGID, GRAPH_NAMESPACE, ORG, entity_iri
from ontology.passages import add_passage, cite
from ontology.vocabulary import ROLES, involvement_iri

WRITE_GRAPH_PREFIX = GRAPH_NAMESPACE + "invoer/"
CORRECTABLE = (RDFS.label, SKOS.prefLabel, ORG.classification, GG.actielijn)
_write_lock = threading.Lock()  # one write at a time; reads go on
# Triples one write may hold. Oxigraph keeps a transaction in memory until its commit: ~4.5 KB a triple
# in its named graph and in the default graph, ~6.5 KB with the preview and the parse of the update
# (bench/memory_ingest.py); 30,000 triples keep the service (~270 MiB idle) under 500 MiB
MAX_WRITE_TRIPLES = 30_000


class WriteRejected(Rejected):
    """The write would break the graph; names the shape, the field and what is wrong."""

    def __init__(self, message: str, shape: str = "", field: str = "") -> None:
        super().__init__(message)
        self.shape, self.field = shape, field


class WriteTooLarge(TooLarge, WriteRejected):
    """The write holds more triples than one transaction may (MAX_WRITE_TRIPLES)."""


@dataclass(frozen=True)
class WriteResult:
    id: str
    graph: str
    subject: str
    triples: int


@dataclass
class PendingWrite:
    """A write being put together: its PROV activity, its source passage and the graphs it replaces."""

    id: str
    user: str
    activity: URIRef
    passage: URIRef
    graph: Graph
    other_graphs: dict[str, Graph] = field(default_factory=dict)  # e.g. an uploaded document's graph

    @property
    def graph_name(self) -> str:
        return WRITE_GRAPH_PREFIX + self.id

    @property
    def user_node(self) -> URIRef:
        return entity_iri("gebruiker", self.user)


def is_fact_graph(name: str) -> bool:
    return "/graph/document/" in name or name.startswith(WRITE_GRAPH_PREFIX)


FACT_GRAPH_FILTER = f'(CONTAINS(STR(?g), "/graph/document/") || STRSTARTS(STR(?g), "{WRITE_GRAPH_PREFIX}"))'
# what a decision says about a node; kept when the node is withdrawn or merged
DECISION_PREDICATES = "gg:trektIn gg:bevestigt gg:corrigeert gg:voegtSamen owl:sameAs prov:generated"


def maintenance_updates(graph_names: list[str]) -> list[str]:
    """Updates to run in the same transaction as every ingest or write: re-apply the coordinators'
    merges, withdrawals and corrections, then recompute the derived graph from the fact graphs."""
    if not any(is_fact_graph(name) for name in graph_names):
        return []
    writes = f'STRSTARTS(STR(?w), "{WRITE_GRAPH_PREFIX}")'
    # a merged entity's facts move to the entity it is the same as, in every fact graph but the merge
    # itself; its names become alternative names there and its type of organisation goes
    merge = f"GRAPH ?w {{ ?activity gg:voegtSamen ?d . ?d owl:sameAs ?t }} FILTER ({writes} && ?g != ?w && {FACT_GRAPH_FILTER})"
    merges = [PREFIX_BLOCK + f"""
DELETE {{ GRAPH ?g {{ ?d org:classification ?c }} }} WHERE {{ {merge} GRAPH ?g {{ ?d org:classification ?c }} }}""",
              PREFIX_BLOCK + f"""
DELETE {{ GRAPH ?g {{ ?d ?p ?o }} }} INSERT {{ GRAPH ?g {{ ?t ?q ?o }} }}
WHERE {{ {merge} GRAPH ?g {{ ?d ?p ?o }} BIND (IF(?p IN (rdfs:label, skos:prefLabel, foaf:name), skos:altLabel, ?p) AS ?q) }}""",
              PREFIX_BLOCK + f"""
DELETE {{ GRAPH ?g {{ ?s ?p ?d }} }} INSERT {{ GRAPH ?g {{ ?s ?p ?t }} }}
WHERE {{ {merge} GRAPH ?g {{ ?s ?p ?d }} FILTER (?p NOT IN ({", ".join(DECISION_PREDICATES.split())})) }}"""]
    # a withdrawn node; for a withdrawn entity first the involvements and memberships it is part of.
    # Per node: its programme's association with the agent and its org:memberOf first, then what
    # points at it, then its own statements (the last step removes what found it)
    withdrawals = [update for withdrawn in (
        f"GRAPH ?w {{ ?activity gg:trektIn ?x }} GRAPH ?h {{ ?b prov:agent|org:member|org:organization ?x }} FILTER ({writes})",
        f"GRAPH ?w {{ ?activity gg:trektIn ?b }} FILTER ({writes})") for update in _withdraw(withdrawn)]
    # a later correction of a property replaces its values in the documents and in earlier writes
    corrections = PREFIX_BLOCK + f"""
DELETE {{ GRAPH ?g {{ ?s ?p ?old }} }}
WHERE {{ GRAPH ?w {{ ?activity gg:corrigeert ?s . ?s ?p ?new }}
        VALUES ?p {{ {" ".join(f"<{p}>" for p in CORRECTABLE)} }}
        GRAPH ?g {{ ?s ?p ?old }}
        FILTER ({writes} && ?g != ?w && (!STRSTARTS(STR(?g), "{WRITE_GRAPH_PREFIX}") || STR(?g) < STR(?w)))
        FILTER NOT EXISTS {{ GRAPH ?w {{ ?s ?p ?old }} }} }}"""
    return [*merges, *withdrawals, corrections, *derive_updates()]


def _withdraw(withdrawn: str) -> list[str]:
    """The updates that remove every node ?b that the pattern ``withdrawn`` finds, from the fact graphs."""
    return [PREFIX_BLOCK + f"""
DELETE {{ GRAPH ?g {{ ?programme prov:wasAssociatedWith ?agent }} }}
WHERE {{ {withdrawn} GRAPH ?g {{ ?programme prov:qualifiedAssociation ?b ; prov:wasAssociatedWith ?agent . ?b prov:agent ?agent
        FILTER NOT EXISTS {{ ?programme prov:qualifiedAssociation ?other . ?other prov:agent ?agent FILTER (?other != ?b) }} }} }}""",
            PREFIX_BLOCK + f"""
DELETE {{ GRAPH ?g {{ ?member org:memberOf ?organisation }} }}
WHERE {{ {withdrawn} GRAPH ?g {{ ?b org:member ?member ; org:organization ?organisation . ?member org:memberOf ?organisation }} }}""",
            PREFIX_BLOCK + f"""
DELETE {{ GRAPH ?g {{ ?s ?p ?b }} }}
WHERE {{ {withdrawn} GRAPH ?g {{ ?s ?p ?b }} FILTER ({FACT_GRAPH_FILTER} && ?p NOT IN ({", ".join(DECISION_PREDICATES.split())})) }}""",
            PREFIX_BLOCK + f"""
DELETE {{ GRAPH ?g {{ ?b ?p ?o }} }} WHERE {{ {withdrawn} GRAPH ?g {{ ?b ?p ?o }} FILTER ({FACT_GRAPH_FILTER}) }}"""]


# -- putting a write together --------------------------------------------------------------------

def new_write(user: str, action: str, explanation: str) -> PendingWrite:
    explanation = explanation.strip()
    if not explanation:
        raise WriteRejected("Geef een toelichting (bron of reden) bij elke wijziging.", field="toelichting")
    stamp = datetime.now(UTC)
    write_id = stamp.strftime("%Y%m%dT%H%M%S%f") + "-" + hashlib.sha1(f"{user}{action}{explanation}".encode()).hexdigest()[:8]
    graph = Graph()
    activity = GGID[f"invoer/{write_id}"]
    document = GGID[f"document/invoer-{write_id}"]
    passage = GGID[f"passage/invoer-{write_id}-0-{len(explanation)}"]
    write = PendingWrite(write_id, user, activity, passage, graph)
    user_node = write.user_node
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, RDFS.label, Literal(action, lang="nl")))
    graph.add((activity, PROV.wasAssociatedWith, user_node))
    graph.add((activity, PROV.startedAtTime, Literal(stamp.isoformat(), datatype=XSD.dateTime)))
    graph.add((user_node, RDF.type, PROV.Agent))
    graph.add((user_node, RDFS.label, Literal(user)))
    graph.add((document, RDF.type, GG.Document))
    graph.add((document, DCTERMS.title, Literal(f"Invoer door {user}: {action}", lang="nl")))
    graph.add((document, DCTERMS.identifier, Literal(f"invoer-{write_id}")))
    graph.add((document, GG.inhoudHash, Literal(hashlib.sha256(explanation.encode()).hexdigest())))
    graph.add((document, PROV.wasGeneratedBy, activity))
    add_passage(graph, passage, document, 0, len(explanation), explanation)
    return write


def _clean_name(name: str, field_name: str) -> str:
    name = unicodedata.normalize("NFC", " ".join(name.split()))
    if not name:
        raise WriteRejected("De naam is leeg.", field=field_name)
    if any(unicodedata.category(char) in ("Cc", "Cs") for char in name):
        raise WriteRejected("De naam bevat stuurtekens; typ hem opnieuw zonder onzichtbare tekens.", field=field_name)
    return name


def _exists(store: Store, iri: str, classes: str, field_name: str) -> bool:
    try:
        return store.ask(PREFIX_BLOCK + f"ASK {{ {sparql_iri(iri)} a ?c . VALUES ?c {{ {classes} }} }}")
    except ValueError as error:
        raise WriteRejected(str(error), field=field_name) from error


def _require(store: Store, iri: str, classes: str, field_name: str) -> None:
    if not _exists(store, iri, classes, field_name):
        raise WriteRejected(f"{field_name}: geen bestaande entiteit met IRI {iri}.", field=field_name)


def _name_statements(write: PendingWrite, node: URIRef, name: str) -> None:
    write.graph.add((node, RDFS.label, Literal(name, lang="nl")))
    write.graph.add((node, SKOS.prefLabel, Literal(name, lang="nl")))


ACTIVITY_CLASSES = (GG.Programma, GG.Interventie, GG.Verplaatsing, PROV.Activity)


def _record(write: PendingWrite, node: URIRef) -> None:
    """The write made ``node``: prov:generated for an entity; an activity (a programme) cannot be
    generated (PROV-O: Activity and Entity are disjoint), so it was informed by the write."""
    if any((node, RDF.type, cls) in write.graph for cls in ACTIVITY_CLASSES):
        write.graph.add((node, PROV.wasInformedBy, write.activity))
    else:
        write.graph.add((write.activity, PROV.generated, node))


def stage_organisation(store: Store, write: PendingWrite, name: str, org_type: str) -> URIRef:
    name = _clean_name(name, "naam")
    node = entity_iri("organisatie", name)
    if _exists(store, str(node), "org:Organization", "naam") or (node, RDF.type, ORG.Organization) in write.graph:
        raise WriteRejected(f"Er is al een organisatie met deze naam ({node}).", field="naam")
    write.graph.add((node, RDF.type, ORG.Organization))
    _name_statements(write, node, name)
    write.graph.add((node, ORG.classification, GGID[f"organisatietype/{org_type}"]))
    cite(write.graph, node, write.passage)
    _record(write, node)
    return node


def stage_programme(store: Store, write: PendingWrite, name: str, actielijnen: list[int]) -> URIRef:
    name = _clean_name(name, "naam")
    node = entity_iri("programma", name)
    if _exists(store, str(node), "gg:Programma gg:Interventie", "naam"):
        raise WriteRejected(f"Er is al een programma met deze naam ({node}).", field="naam")
    write.graph.add((node, RDF.type, GG.Programma))
    _name_statements(write, node, name)
    for number in actielijnen:
        write.graph.add((node, GG.actielijn, GGID[f"actielijn/{number}"]))
    cite(write.graph, node, write.passage)
    _record(write, node)
    return node


def stage_correction(store: Store, write: PendingWrite, subject: str, classes: str, *, name: str | None = None,
                     org_type: str | None = None, actielijnen: list[int] | None = None) -> URIRef:
    """New values for the name, the type or the actielijnen of an existing entity; the old name
    stays findable as an alternative name."""
    _require(store, subject, classes, "sleutel")
    node = URIRef(subject)
    if name is not None:
        name = _clean_name(name, "naam")
        for old in store.select(PREFIX_BLOCK + f"SELECT DISTINCT ?n WHERE {{ {sparql_iri(subject)} skos:prefLabel ?n }}").rows:
            if old["n"] and old["n"] != name:
                write.graph.add((node, SKOS.altLabel, Literal(old["n"], lang="nl")))
        _name_statements(write, node, name)
    if org_type is not None:
        write.graph.add((node, ORG.classification, GGID[f"organisatietype/{org_type}"]))
    for number in actielijnen or ():
        write.graph.add((node, GG.actielijn, GGID[f"actielijn/{number}"]))
    if name is None and org_type is None and actielijnen is None:
        raise WriteRejected("Er is niets te corrigeren: geef een nieuwe naam, type of actielijn.", field="naam")
    write.graph.add((write.activity, GG.corrigeert, node))
    return node




def stage_involvement(store: Store, write: PendingWrite, programme: str, agent: str, role: str) -> URIRef:
    if role not in ROLES:
        raise WriteRejected(f"Onbekende rol '{role}'; kies uit {', '.join(ROLES)}.", field="rol")
    _require(store, programme, "gg:Programma gg:Interventie", "programma")
    if (URIRef(agent), RDF.type, ORG.Organization) not in write.graph:  # else: added by this same write
        _require(store, agent, "org:Organization foaf:Person", "betrokkene")
    node = involvement_iri(programme, agent, role)
    write.graph.add((node, RDF.type, GG.Betrokkenheid))
    write.graph.add((node, PROV.agent, URIRef(agent)))
    write.graph.add((node, PROV.hadRole, GGID[f"rol/{role}"]))
    cite(write.graph, node, write.passage)
    write.graph.add((URIRef(programme), PROV.qualifiedAssociation, node))
    write.graph.add((URIRef(programme), PROV.wasAssociatedWith, URIRef(agent)))
    _record(write, node)
    return node


def stage_triples(write: PendingWrite, data: Graph) -> int:
    """Facts in RDF from a coordinator: only about entities under the id namespace and without blank
    nodes; every typed entity cites the write's passage. Returns the number of entities."""
    for triple in data:
        subject, _, obj = triple
        if not isinstance(subject, URIRef) or not str(subject).startswith(str(GGID)):
            raise WriteRejected(f"Alleen feiten over entiteiten onder {GGID} mogen worden toegevoegd, niet over {subject}.",
                                field="onderwerp")
        if not isinstance(obj, (URIRef, Literal)):
            raise WriteRejected("Lege knopen (blank nodes) worden niet aangenomen; geef elke entiteit een IRI.", field="object")
        write.graph.add(triple)
    entities = {node for node in data.subjects(RDF.type, None) if isinstance(node, URIRef)}  # all, checked above
    for node in entities:
        cite(write.graph, node, write.passage)
        _record(write, node)
    return len(entities)


# -- single writes -------------------------------------------------------------------------------

def add_organisation(store: Store, user: str, name: str, org_type: str, explanation: str) -> WriteResult:
    write = new_write(user, f"organisatie toevoegen: {' '.join(name.split())}", explanation)
    return commit(store, write, str(stage_organisation(store, write, name, org_type)))


def add_programme(store: Store, user: str, name: str, actielijnen: list[int], explanation: str) -> WriteResult:
    write = new_write(user, f"programma toevoegen: {' '.join(name.split())}", explanation)
    return commit(store, write, str(stage_programme(store, write, name, actielijnen)))


def correct_entity(store: Store, user: str, subject: str, classes: str, explanation: str, *, name: str | None = None,
                   org_type: str | None = None, actielijnen: list[int] | None = None) -> WriteResult:
    write = new_write(user, f"corrigeren: {subject.rsplit('/', 1)[-1]}", explanation)
    staged = stage_correction(store, write, subject, classes, name=name, org_type=org_type, actielijnen=actielijnen)
    return commit(store, write, str(staged))


def add_involvement(store: Store, user: str, programme: str, agent: str, role: str, explanation: str) -> WriteResult:
    write = new_write(user, f"betrokkenheid toevoegen: {role}", explanation)
    return commit(store, write, str(stage_involvement(store, write, programme, agent, role)))


def add_triples(store: Store, user: str, data: Graph, explanation: str) -> WriteResult:
    if not len(data):
        raise WriteRejected("Er staan geen triples in de invoer.", field="body")
    write = new_write(user, f"triples toevoegen ({len(data)})", explanation)
    stage_triples(write, data)
    return commit(store, write, str(write.activity))


def withdraw_involvement(store: Store, user: str, involvement: str, explanation: str) -> WriteResult:
    _require(store, involvement, "gg:Betrokkenheid", "betrokkenheid")
    write = new_write(user, "betrokkenheid intrekken", explanation)
    write.graph.add((write.activity, GG.trektIn, URIRef(involvement)))
    return commit(store, write, involvement)


# -- committing ----------------------------------------------------------------------------------

def commit(store: Store, write: PendingWrite, subject: str) -> WriteResult:
    """Preview the write on a scratch copy of the part of the store it touches, validate the nodes it
    touches there, then commit it in one transaction. The write's graphs are handed over: once their
    terms are checked they are let go (only the checked triples are kept), so a large document or table
    is not held twice while the stores take it in."""
    graphs: dict[str, Graph | None] = {write.graph_name: write.graph, **write.other_graphs}
    try:  # every IRI, datatype and language tag is checked before it reaches a query or the store
        checked: dict[str, Triples | None] = {name: None if graph is None else ox_triples(graph) for name, graph in graphs.items()}
    except InvalidTerm as error:
        raise WriteRejected(f"De wijziging is geweigerd: {error}", field="term") from error
    del graphs
    write.graph, write.other_graphs = Graph(), {}
    release_memory()  # the rdflib graphs, before the preview and the transaction
    size = sum(len(triples) for triples in checked.values() if triples is not None)
    if size > MAX_WRITE_TRIPLES:
        raise WriteTooLarge(f"De wijziging heeft {size:,} triples; één schrijfactie mag er hoogstens {MAX_WRITE_TRIPLES:,} hebben "
                            "(het geheugen van de dienst). Er is niets vastgelegd: splits de invoer in kleinere delen.", field="body")
    with _write_lock:
        updates = maintenance_updates(sorted(set(store.graph_names()) | set(checked)))
        touched = {term.value for triples in checked.values() if triples for term in _terms(triples, "subject")}
        scratch = ScratchStore()
        scratch.load_quads(_neighbourhood(store, checked, touched))
        scratch.transact(checked, updates)
        report = validate_graph(scratch.union_graph(), focus_nodes=[URIRef(node) for node in sorted(touched)])
        scratch.close()
        if not report.conforms:
            shape, path, message = first_violation(report.graph)
            raise WriteRejected(f"De wijziging is geweigerd: {message}", shape, path)
        del report
        release_memory()  # the scratch store and the validation, before the store takes the write
        store.transact(checked, updates)
    return WriteResult(write.id, write.graph_name, subject, size)


def _terms(triples: Triples, position: str) -> Iterator[ox.NamedNode]:
    """The IRIs at ``position`` (subject or object) of checked triples."""
    return (term for triple in triples if isinstance(term := getattr(triple, position), ox.NamedNode))


def _neighbourhood(store: Store, checked: dict[str, Triples | None], touched: set[str]) -> list[ox.Quad]:
    """What validating the touched nodes after the write needs, with the graphs it is in: every fact
    about the touched nodes and the entities the write names, every fact pointing at a touched node
    (a programme's association with an involvement, earlier corrections), and the classes of every
    node those facts reach. A whole copy of the store would cost minutes at ×100."""
    named = {term.value for triples in checked.values() if triples for term in _terms(triples, "object")
             if term.value.startswith(str(GGID))}
    around = store.quads_around(touched | named, touched)
    reached = {term.value for quad in around for term in (quad.subject, quad.object) if isinstance(term, ox.NamedNode)}
    types = store.quads_around(reached - named - touched, predicate=str(RDF.type))
    return around + types


def first_violation(results: Graph) -> tuple[str, str, str]:
    """(shape, field, message) of the first SHACL violation in a results graph."""
    for result in results.subjects(RDF.type, SH.ValidationResult):
        shape = str(results.value(result, SH.sourceShape) or "")
        path = results.value(result, SH.resultPath)
        message = str(results.value(result, SH.resultMessage) or "")
        focus = results.value(result, SH.focusNode)
        return shape, str(path or ""), f"{message} (bij {focus}, veld {path})"
    return "", "", "onbekende schending"
