"""Writes by coordinators: add an organisation, add an involvement, withdraw an involvement.

Each accepted write is its own named graph (``graph/invoer/<id>``) with a PROV record (who, when,
what) and a source passage holding the coordinator's explanation, so the facts it adds cite a
source like every other fact. A write is validated against the SHACL shapes on the graph as it
would be after the write, and committed in one transaction; a rejected write changes nothing.
Withdrawals are kept as ``gg:trektIn`` statements and re-applied by every build.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from datetime import datetime, timezone

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SH, SKOS, XSD

from graph.derive import derive_updates
from graph.queries import PREFIX_BLOCK, sparql_iri
from graph.store import Store
from graph.validate import validate_graph
from ontology.namespaces import GG, GGID, GRAPH_NAMESPACE, NIF, ORG, entity_iri

WRITE_GRAPH_PREFIX = GRAPH_NAMESPACE + "invoer/"
ROLES = ("trekker", "partner", "uitvoerder", "financier", "contact")
_write_lock = threading.Lock()  # one write at a time; reads go on


class WriteRejected(Exception):
    """The write would break the graph; names the shape, the field and what is wrong."""

    def __init__(self, message: str, shape: str = "", field: str = "") -> None:
        super().__init__(message)
        self.shape, self.field = shape, field


@dataclass(frozen=True)
class WriteResult:
    id: str
    graph: str
    subject: str
    triples: int


def withdrawal_updates(graph_names: list[str]) -> list[str]:
    """Remove every withdrawn involvement from the document graphs (run after each ingest)."""
    return [PREFIX_BLOCK + f"""
DELETE {{ GRAPH ?g {{ ?programme prov:qualifiedAssociation ?b . ?b ?p ?o }} }}
WHERE {{ GRAPH ?w {{ ?activity gg:trektIn ?b }} GRAPH ?g {{ ?b ?p ?o . OPTIONAL {{ ?programme prov:qualifiedAssociation ?b }} }}
        FILTER (STRSTARTS(STR(?w), "{WRITE_GRAPH_PREFIX}")) }}"""] if graph_names else []


def _new_write(user: str, action: str, explanation: str) -> tuple[str, Graph, URIRef, URIRef]:
    if not explanation.strip():
        raise WriteRejected("Geef een toelichting (bron of reden) bij elke wijziging.", field="toelichting")
    stamp = datetime.now(timezone.utc)
    write_id = stamp.strftime("%Y%m%dT%H%M%S%f") + "-" + hashlib.sha1(f"{user}{action}{explanation}".encode()).hexdigest()[:8]
    graph = Graph()
    activity = GGID[f"invoer/{write_id}"]
    document = GGID[f"document/invoer-{write_id}"]
    passage = GGID[f"passage/invoer-{write_id}-0-{len(explanation)}"]
    user_node = entity_iri("gebruiker", user)
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
    graph.add((passage, RDF.type, GG.Passage))
    graph.add((passage, DCTERMS.isPartOf, document))
    graph.add((passage, NIF.beginIndex, Literal(0)))
    graph.add((passage, NIF.endIndex, Literal(len(explanation))))
    graph.add((passage, NIF.isString, Literal(explanation)))
    return write_id, graph, activity, passage


def _exists(store: Store, iri: str, cls: str) -> bool:
    return store.ask(PREFIX_BLOCK + f"ASK {{ {sparql_iri(iri)} a ?c . VALUES ?c {{ {cls} }} }}")


def add_organisation(store: Store, user: str, name: str, org_type: str, explanation: str) -> WriteResult:
    name = " ".join(name.split())
    if not name:
        raise WriteRejected("De naam van de organisatie is leeg.", field="naam")
    write_id, graph, activity, passage = _new_write(user, f"organisatie toevoegen: {name}", explanation)
    node = entity_iri("organisatie", name)
    if _exists(store, str(node), "org:Organization"):
        raise WriteRejected(f"Er is al een organisatie met deze naam ({node}).", field="naam")
    graph.add((node, RDF.type, ORG.Organization))
    graph.add((node, RDFS.label, Literal(name, lang="nl")))
    graph.add((node, SKOS.prefLabel, Literal(name, lang="nl")))
    graph.add((node, ORG.classification, GGID[f"organisatietype/{org_type}"]))
    graph.add((node, PROV.wasDerivedFrom, passage))
    graph.add((activity, PROV.generated, node))
    return _commit(store, write_id, graph, str(node))


def add_involvement(store: Store, user: str, programme: str, agent: str, role: str, explanation: str) -> WriteResult:
    if role not in ROLES:
        raise WriteRejected(f"Onbekende rol '{role}'; kies uit {', '.join(ROLES)}.", field="rol")
    for iri, cls, field in ((programme, "gg:Programma gg:Interventie", "programma"), (agent, "org:Organization foaf:Person", "betrokkene")):
        try:
            found = _exists(store, iri, cls)
        except ValueError as error:
            raise WriteRejected(str(error), field=field) from error
        if not found:
            raise WriteRejected(f"{field}: geen bestaande entiteit met IRI {iri}.", field=field)
    write_id, graph, activity, passage = _new_write(user, f"betrokkenheid toevoegen: {role}", explanation)
    node = GGID[f"betrokkenheid/{hashlib.sha1(chr(31).join((programme, agent, role)).encode()).hexdigest()[:16]}"]
    graph.add((node, RDF.type, GG.Betrokkenheid))
    graph.add((node, PROV.agent, URIRef(agent)))
    graph.add((node, PROV.hadRole, GGID[f"rol/{role}"]))
    graph.add((node, PROV.wasDerivedFrom, passage))
    graph.add((URIRef(programme), PROV.qualifiedAssociation, node))
    graph.add((URIRef(programme), PROV.wasAssociatedWith, URIRef(agent)))
    graph.add((activity, PROV.generated, node))
    return _commit(store, write_id, graph, str(node))


def withdraw_involvement(store: Store, user: str, involvement: str, explanation: str) -> WriteResult:
    try:
        found = _exists(store, involvement, "gg:Betrokkenheid")
    except ValueError as error:
        raise WriteRejected(str(error), field="betrokkenheid") from error
    if not found:
        raise WriteRejected(f"Geen betrokkenheid met IRI {involvement}.", field="betrokkenheid")
    write_id, graph, activity, _ = _new_write(user, "betrokkenheid intrekken", explanation)
    graph.add((activity, GG.trektIn, URIRef(involvement)))
    return _commit(store, write_id, graph, involvement)


def _commit(store: Store, write_id: str, graph: Graph, subject: str) -> WriteResult:
    name = WRITE_GRAPH_PREFIX + write_id
    with _write_lock:
        after = store.union_graph() + graph
        for activity in graph.subjects(GG.trektIn, None):
            for involvement in graph.objects(activity, GG.trektIn):
                for triple in list(after.triples((involvement, None, None))) + list(after.triples((None, None, involvement))):
                    after.remove(triple)
        report = validate_graph(after)
        if not report.conforms:
            shape, field, message = _first_violation(report.graph)
            raise WriteRejected(f"De wijziging is geweigerd: {message}", shape, field)
        graphs = sorted({g for g in store.graph_names() if "/graph/document/" in g or g.startswith(WRITE_GRAPH_PREFIX)} | {name})
        store.transact({name: graph}, withdrawal_updates(graphs) + derive_updates(graphs))
    return WriteResult(write_id, name, subject, len(graph))


def _first_violation(results: Graph) -> tuple[str, str, str]:
    for result in results.subjects(RDF.type, SH.ValidationResult):
        shape = str(results.value(result, SH.sourceShape) or "")
        path = results.value(result, SH.resultPath)
        message = str(results.value(result, SH.resultMessage) or "")
        focus = results.value(result, SH.focusNode)
        return shape, str(path or ""), f"{message} (bij {focus}, veld {path})"
    return "", "", "onbekende schending"
