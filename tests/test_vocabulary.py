"""ontology/vocabulary.py against the ontology: the roles and organisation types are the SKOS concepts of
gg:Rollen and gg:OrganisatieTypen (same notations, same order as in the Turtle), every gg: class of a
kind is declared, the built graph has exactly the actielijnen of the vocabulary, and an involvement
IRI is minted the same way by a document and by a write."""

from __future__ import annotations

import re

from rdflib import Graph
from rdflib.namespace import OWL, RDF, SKOS

from graph.queries import PREFIX_BLOCK
from ontology.namespaces import GG, ONTOLOGY_FILE
from ontology.vocabulary import ACTIELIJNEN, ENTITY_CLASSES, ORGANISATION_TYPES, PLURALS, ROLES, involvement_iri


def _notations(scheme: str) -> list[str]:
    """The notations of a scheme's concepts in the order the Turtle lists them."""
    text = ONTOLOGY_FILE.read_text(encoding="utf-8")
    return re.findall(rf'skos:inScheme gg:{scheme} ; skos:notation "([^"]+)"', text)


def test_roles_and_organisation_types_are_the_ontologys_concepts():
    graph = Graph().parse(ONTOLOGY_FILE)
    for scheme, values in (("Rollen", ROLES), ("OrganisatieTypen", ORGANISATION_TYPES)):
        in_graph = {str(graph.value(c, SKOS.notation)) for c in graph.subjects(SKOS.inScheme, GG[scheme])}
        assert in_graph == set(values), scheme
        assert _notations(scheme) == list(values), scheme


def test_every_kind_has_declared_classes_and_one_plural():
    graph = Graph().parse(ONTOLOGY_FILE)
    declared = {str(c) for c in graph.subjects(RDF.type, OWL.Class)}
    for kind, classes in ENTITY_CLASSES.items():
        for name in classes:
            if name.startswith("gg:"):
                assert str(GG[name[3:]]) in declared, (kind, name)
    assert sorted(PLURALS.values()) == sorted(ENTITY_CLASSES)


def test_the_built_graph_has_the_vocabularys_actielijnen(kg):
    rows = kg.select(PREFIX_BLOCK + "SELECT DISTINCT ?n WHERE { ?a a gg:Actielijn ; gg:nummer ?n }").rows
    assert sorted(int(row["n"]) for row in rows) == list(ACTIELIJNEN)


def test_a_document_and_a_write_mint_the_same_involvement(kg):
    rows = kg.select(PREFIX_BLOCK + """SELECT ?b ?p ?a ?r WHERE { ?b a gg:Betrokkenheid ; prov:agent ?a ; prov:hadRole ?role .
        BIND (STRAFTER(STR(?role), "/rol/") AS ?r) ?p prov:qualifiedAssociation ?b } LIMIT 20""").rows
    assert rows
    assert all(str(involvement_iri(row["p"], row["a"], row["r"])) == row["b"] for row in rows)
