"""Facts of one document -> RDF triples (one rdflib Graph per document), following the ontology."""

from __future__ import annotations

import re
from decimal import Decimal

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, XSD

from ingest.facts import NETWORK_ROLES, Extraction
from ingest.layout import Passage
from ingest.lexicon import Entry, Lexicon
from ingest.mentions import is_reference
from ingest.sources import SourceDocument
from ontology.namespaces import GG, GGID, entity_iri, slugify
from ontology.outline import SECTION_SEPARATOR
from ontology.passages import add_passage, cite
from ontology.vocabulary import digest, involvement_iri

ORG = Namespace("http://www.w3.org/ns/org#")
NL = "nl"

def iri_of(entry: Entry) -> URIRef:
    """Actielijnen by number; every other entity by its kind and name."""
    if entry.kind == "actielijn":
        return actielijn_iri(entry.number)
    return entity_iri(entry.kind, entry.name)


def actielijn_iri(number: int) -> URIRef:
    return GGID[f"actielijn/{number}"]


def theme_iri(name: str) -> URIRef:
    return entity_iri("thema", name)


def passage_iri(passage: Passage) -> URIRef:
    return GGID[f"passage/{passage.id}"]


def document_iri(slug: str) -> URIRef:
    return GGID[f"document/{slug}"]


def reference_graph(lexicon: Lexicon) -> Graph:
    """The frame every document refers to: the actielijnen, the opgaven and the theme scheme."""
    graph = Graph()
    for entry in lexicon.entries:
        if entry.kind == "actielijn":
            node = actielijn_iri(entry.number)
            graph.add((node, RDF.type, GG.Actielijn))
            graph.add((node, GG.nummer, Literal(entry.number)))
            graph.add((node, RDFS.label, Literal(f"Actielijn {entry.number}: {entry.name}", lang=NL)))
            graph.add((node, SKOS.prefLabel, Literal(entry.name, lang=NL)))
            graph.add((node, SKOS.notation, Literal(str(entry.number))))
            graph.add((node, SKOS.inScheme, GG.Actielijnen))
            for alias in entry.aliases:
                graph.add((node, SKOS.altLabel, Literal(alias, lang=NL)))
        elif entry.kind == "opgave":
            node = iri_of(entry)
            graph.add((node, RDF.type, GG.Opgave))
            graph.add((node, RDFS.label, Literal(entry.name, lang=NL)))
            graph.add((node, SKOS.prefLabel, Literal(entry.name, lang=NL)))
            graph.add((node, SKOS.inScheme, GG.Opgaven))
            for alias in entry.aliases:
                if alias != entry.name:
                    graph.add((node, SKOS.altLabel, Literal(alias, lang=NL)))
    for theme in lexicon.themes:
        node = theme_iri(theme.name)
        graph.add((node, RDF.type, GG.Thema))
        graph.add((node, RDFS.label, Literal(theme.name, lang=NL)))
        graph.add((node, SKOS.prefLabel, Literal(theme.name, lang=NL)))
        graph.add((node, SKOS.inScheme, GG.Themas))
        for term in theme.terms:
            graph.add((node, SKOS.hiddenLabel, Literal(term, lang=NL)))
    return graph


def document_graph(document: SourceDocument, extraction: Extraction) -> Graph:
    """Every fact read from one document, each pointing at its passage."""
    graph = Graph()
    doc = document_iri(document.slug)
    graph.add((doc, RDF.type, GG.Document))
    graph.add((doc, DCTERMS.title, Literal(document.title, lang=NL)))
    graph.add((doc, RDFS.label, Literal(document.title, lang=NL)))
    graph.add((doc, DCTERMS.identifier, Literal(document.slug)))
    graph.add((doc, GG.bestandsnaam, Literal(document.path.name)))
    graph.add((doc, DCTERMS.format, Literal(document.media_type)))
    graph.add((doc, GG.inhoudHash, Literal(document.sha256)))
    for passage in extraction.passages:
        node = passage_iri(passage)
        add_passage(graph, node, doc, passage.start, passage.end, passage.text)
        graph.add((node, DCTERMS.type, Literal(passage.kind)))
        if passage.section:
            graph.add((node, GG.sectie, Literal(SECTION_SEPARATOR.join(passage.section))))

    def source(node: URIRef, passage: Passage) -> None:
        cite(graph, node, passage_iri(passage))

    for mention in extraction.entities:
        _entity(graph, mention.entry, mention.surface)
        source(iri_of(mention.entry), mention.passage)
    def relation_ends(first: Entry, second: Entry, passage: Passage) -> tuple[URIRef, URIRef]:
        """Both ends of a relation as entities, each cited by the passage that relates them."""
        ends = []
        for entry in (first, second):
            _entity(graph, entry)
            ends.append(iri_of(entry))
            source(ends[-1], passage)
        return ends[0], ends[1]

    confidences: dict[URIRef, list[float]] = {}
    statuses: dict[URIRef, set[str]] = {}
    for involvement in extraction.involvements:
        programme, agent = relation_ends(involvement.programme, involvement.agent, involvement.passage)
        node = involvement_iri(str(programme), str(agent), involvement.role)
        graph.add((node, RDF.type, GG.Betrokkenheid))
        graph.add((node, PROV.agent, agent))
        graph.add((node, PROV.hadRole, GGID[f"rol/{involvement.role}"]))
        graph.add((programme, PROV.qualifiedAssociation, node))
        graph.add((programme, PROV.wasAssociatedWith, agent))
        if involvement.theme:
            graph.add((node, DCTERMS.subject, theme_iri(involvement.theme)))
        statuses.setdefault(node, set()).add(involvement.status)
        confidences.setdefault(node, []).append(involvement.confidence)
        source(node, involvement.passage)
    for membership in extraction.memberships:
        member, organisation = relation_ends(membership.member, membership.organisation, membership.passage)
        node = GGID[f"lidmaatschap/{digest(str(member), str(organisation))}"]
        graph.add((node, RDF.type, ORG.Membership))
        graph.add((node, ORG.member, member))
        graph.add((node, ORG.organization, organisation))
        if membership.function != "financier":  # who pays for a network is not one of its members
            graph.add((member, ORG.memberOf, organisation))
        if membership.function in NETWORK_ROLES:  # the trekker or financier of a network: one of the roles (gg:Rol)
            graph.add((node, ORG.role, GGID[f"rol/{membership.function}"]))
        elif membership.function:
            role = GGID[f"functie/{slugify(membership.function)}"]
            graph.add((role, RDF.type, ORG.Role))
            graph.add((role, RDFS.label, Literal(membership.function, lang=NL)))
            graph.add((node, ORG.role, role))
        confidences.setdefault(node, []).append(membership.confidence)
        source(node, membership.passage)
    for node, values in confidences.items():  # one fact read from several passages: its best reading
        graph.add((node, GG.betrouwbaarheid, Literal(Decimal(str(max(values))))))
    for node, found in statuses.items():  # decided in one passage: decided
        graph.add((node, GG.status, Literal("besloten" if "besloten" in found else "voorgesteld")))
    for placement in extraction.actielijnen:
        programme = iri_of(placement.programme)
        _entity(graph, placement.programme)
        graph.add((programme, GG.actielijn, actielijn_iri(placement.number)))
        source(programme, placement.passage)
    for part in extraction.part_of:
        child, parent = iri_of(part.child), iri_of(part.parent)
        _entity(graph, part.child)
        _entity(graph, part.parent)
        graph.add((child, DCTERMS.isPartOf, parent))
        graph.add((parent, DCTERMS.hasPart, child))
        source(child, part.passage)
    for move in extraction.moves:
        programme = iri_of(move.programme)
        node = GGID[f"verplaatsing/{slugify(move.programme.name)}-naar-{move.to_number}"]
        graph.add((node, RDF.type, GG.Verplaatsing))
        graph.add((node, RDFS.label, Literal(f"{move.programme.name} naar actielijn {move.to_number}", lang=NL)))
        graph.add((node, GG.programma, programme))
        graph.add((node, GG.naarActielijn, actielijn_iri(move.to_number)))
        source(node, move.passage)
    for relation in extraction.related:
        first, second = relation_ends(relation.first, relation.second, relation.passage)
        graph.add((first, DCTERMS.relation, second))
        graph.add((second, DCTERMS.relation, first))
    for tagged in extraction.themes:
        node = theme_iri(tagged.theme)
        graph.add((iri_of(tagged.subject), DCTERMS.subject, node))
        source(node, tagged.passage)
    for located in extraction.areas:
        _entity(graph, located.area)
        graph.add((iri_of(located.subject), DCTERMS.spatial, iri_of(located.area)))
        source(iri_of(located.area), located.passage)
    for goal in extraction.goals:
        link = goal.opgave.name if goal.opgave else (f"actielijn-{goal.actielijn}" if goal.actielijn else goal.theme)
        node = GGID[f"doel/{slugify(link)}-{goal.year or 'zonder-jaar'}-{digest(_normalise(goal.indicator))[:8]}"]
        graph.add((node, RDF.type, GG.Ambitie if goal.kind == "ambitie" else GG.Doelstelling))
        graph.add((node, RDFS.label, Literal(_short(goal.indicator), lang=NL)))
        graph.add((node, GG.indicator, Literal(goal.indicator)))
        if goal.year:
            graph.add((node, GG.jaar, Literal(str(goal.year), datatype=XSD.gYear)))
        if goal.data_source:
            graph.add((node, GG.databron, Literal(re.sub(r"\s*/\s*", "/", goal.data_source))))
        if goal.opgave is not None:
            graph.add((node, GG.opgave, iri_of(goal.opgave)))
        elif goal.actielijn is not None:
            graph.add((node, GG.doelActielijn, actielijn_iri(goal.actielijn)))
        elif goal.theme:
            graph.add((node, DCTERMS.subject, theme_iri(goal.theme)))
        source(node, goal.passage)
    return graph


def _entity(graph: Graph, entry: Entry, surface: str = "") -> None:
    """Type, name and classification of an entity; the surface form as an alternative label."""
    node = iri_of(entry)
    label = Literal(entry.name, lang=NL)
    if entry.kind == "organisatie":
        graph.add((node, RDF.type, ORG.Organization))
        graph.add((node, RDFS.label, label))
        graph.add((node, SKOS.prefLabel, label))
        graph.add((node, ORG.classification, GGID[f"organisatietype/{entry.org_type or 'overig'}"]))
    elif entry.kind == "persoon":
        graph.add((node, RDF.type, FOAF.Person))
        graph.add((node, RDFS.label, label))
        graph.add((node, FOAF.name, Literal(entry.name)))
    elif entry.kind == "programma":
        graph.add((node, RDF.type, GG.Interventie if entry.programme_kind == "interventie" else GG.Programma))
        graph.add((node, RDFS.label, label))
        graph.add((node, SKOS.prefLabel, label))
    elif entry.kind == "gebied":
        area_class = {"gemeentegebied": GG.Gemeentegebied, "wijk": GG.Wijk}.get(entry.area_kind, GG.Gebied)
        graph.add((node, RDF.type, area_class))
        graph.add((node, RDFS.label, label))
        if entry.parent:
            graph.add((node, DCTERMS.isPartOf, entity_iri("gebied", entry.parent)))
    elif entry.kind == "opgave":
        graph.add((node, RDF.type, GG.Opgave))
    surface = re.sub(r"\s+", " ", surface).strip()
    if surface and surface != entry.name and entry.kind in ("organisatie", "programma") and "@" not in surface and not is_reference(surface):
        graph.add((node, SKOS.altLabel, Literal(surface, lang=NL)))


def _normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _short(text: str, limit: int = 120) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


__all__ = ["document_graph", "reference_graph", "iri_of", "actielijn_iri", "theme_iri", "passage_iri", "document_iri"]
