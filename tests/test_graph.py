"""Coverage the corpus must reach, asserted on the built graph (real documents, embedded store)."""

from __future__ import annotations

import networkx as nx
from networkx.algorithms import bipartite

from graph.projections import betweenness, partner_graphs
from graph.queries import PREFIX_BLOCK, class_counts, find_programmes, involvements
from graph.validate import validate_store


def rows(kg, query):
    return kg.select(PREFIX_BLOCK + query).rows


def programme_actielijnen(kg) -> dict[str, set[int]]:
    result: dict[str, set[int]] = {}
    for row in rows(kg, "SELECT ?label ?n WHERE { ?p rdfs:label ?label ; gg:actielijn/gg:nummer ?n }"):
        result.setdefault(row["label"], set()).add(int(row["n"]))
    return result


def test_every_document_loads(built):
    _, report, _ = built
    assert [o.status for o in report.outcomes] == ["nieuw"] * 5
    assert not report.warnings


def test_five_actielijnen_with_at_least_25_programmes(kg):
    lines = programme_actielijnen(kg)
    assert len(lines) >= 25
    assert {n for numbers in lines.values() for n in numbers} == {1, 2, 3, 4, 5}
    assert lines["Regionaal ziekenhuislandschap"] == {1}
    assert lines["Zorgvraag sturen met data"] == {3}
    assert lines["Verminderen uitstroom"] == {4}
    assert lines["Werken aan herstel"] == {5}
    assert lines["Beweegzorg Noord"] == {1}  # an intervention inherits nothing wrong


def test_moved_programmes_keep_both_actielijnen_and_the_move(kg):
    lines = programme_actielijnen(kg)
    assert lines["Welzijn op Recept"] == {2, 5}
    assert lines["Platform Mentaal Gezond Groningen"] == {2, 5}
    moves = rows(kg, """SELECT ?label ?from ?to WHERE { ?m a gg:Verplaatsing ; gg:programma/rdfs:label ?label ;
        gg:vanActielijn/gg:nummer ?from ; gg:naarActielijn/gg:nummer ?to ; dcterms:source ?passage }""")
    assert {(r["label"], r["from"], r["to"]) for r in moves} == {
        ("Welzijn op Recept", "2", "5"), ("Platform Mentaal Gezond Groningen", "2", "5")}


EIGHT_PROGRAMMES = {
    "Kansrijke Start": {"Zorgadvies Groningen", "Impology", "Jan Pieter de Meer"},
    "Overgewicht en obesitas bij kinderen": {"GGD Groningen", "Mirjam Herder"},
    "GLI bij overgewicht en obesitas van volwassenen": {"Zorggroep ROEPNN"},
    "Valpreventie bij ouderen": {"GGD Groningen", "Anna Bakker", "Menzis", "Lonneke Snoeren"},
    "Tijd voor Toekomst": {"Healthy Ageing Netwerk Noord-Nederland", "Danielle Bekkering"},
    "Veilige en gezonde leefomgeving": {"Leernetwerk Gezonde Leefomgeving Groningen", "Daphne Wiebing"},
    "Aanpak armoede en gezondheidspotentieel": {"CMO Stamm", "Saskia Duursma", "Zorg Innovatie Forum", "Karin Kalverboer"},
}


def test_the_eight_actielijn_2_programmes_and_their_trekkers(kg):
    lines = programme_actielijnen(kg)
    for name in [*EIGHT_PROGRAMMES, "Vitaal Groningen"]:
        assert 2 in lines[name], name
    for name, expected in EIGHT_PROGRAMMES.items():
        iri = find_programmes(kg, name)[0][0]
        trekkers = {row.agent_label for row in involvements(kg, [iri]) if row.role == "trekker"}
        assert expected <= trekkers, (name, trekkers)
    vitaal = find_programmes(kg, "Vitaal Groningen")[0][0]
    assert not [row for row in involvements(kg, [vitaal]) if row.role == "trekker"]  # the corpus names none


def test_every_involvement_cites_a_passage_that_names_its_agent_or_programme(kg):
    for row in rows(kg, """SELECT ?agentLabel ?text WHERE { ?p prov:qualifiedAssociation ?b . ?b prov:agent/rdfs:label ?agentLabel ;
            dcterms:source/nif:anchorOf ?text . FILTER (?agentLabel = "Impology") }"""):
        assert "Impology" in row["text"]
    roles = rows(kg, "SELECT DISTINCT ?role WHERE { ?b a gg:Betrokkenheid ; prov:hadRole/skos:notation ?role }")
    assert {"trekker", "partner", "uitvoerder", "financier"} <= {r["role"] for r in roles}
    funder = rows(kg, """SELECT DISTINCT ?org WHERE { ?p rdfs:label "Veilige en gezonde leefomgeving"@nl ; prov:qualifiedAssociation ?b .
        ?b prov:hadRole/skos:notation "financier" ; prov:agent/rdfs:label ?org }""")
    assert [r["org"] for r in funder] == ["ZonMw"]


def test_network_coordinators_and_their_organisations(kg):
    found = rows(kg, """SELECT ?name ?org WHERE { ?m a org:Membership ; org:member/foaf:name ?name ;
        org:organization/rdfs:label ?org ; org:role/rdfs:label ?function . FILTER (CONTAINS(LCASE(?function), "co"))
        FILTER (CONTAINS(LCASE(?function), "rdinator")) }""")
    pairs = {(r["name"].replace("é", "e"), r["org"]) for r in found}
    assert ("Suzanne Oostvogels", "Menzis") in pairs
    assert ("Chretien van den Akker", "Gemeente Groningen") in pairs


def test_at_least_80_organisations_each_typed_and_without_duplicates(kg):
    orgs = rows(kg, "SELECT DISTINCT ?o ?label ?type WHERE { ?o a org:Organization ; rdfs:label ?label ; org:classification ?type }")
    assert len({r["o"] for r in orgs}) >= 80
    labels = [r["label"].lower() for r in orgs]
    assert len(labels) == len(set(labels)), "two entities with one name"
    untyped = rows(kg, "SELECT ?o WHERE { ?o a org:Organization FILTER NOT EXISTS { ?o org:classification ?t } }")
    assert not untyped
    for alias_pair in (("GGD", "GGD Groningen"), ("Hann", "HANNN"), ("RUG", "Universiteit Groningen")):
        entities = rows(kg, f"""SELECT DISTINCT ?o WHERE {{ ?o a org:Organization ; rdfs:label|skos:altLabel ?l .
            FILTER (STR(?l) IN ("{alias_pair[0]}", "{alias_pair[1]}")) }}""")
        assert len(entities) <= 1, alias_pair


def test_ggd_is_involved_in_its_programmes(kg):
    programmes = rows(kg, """SELECT DISTINCT ?label WHERE { ?p prov:qualifiedAssociation/prov:agent ?o ; rdfs:label ?label .
        ?o rdfs:label "GGD Groningen"@nl }""")
    names = {r["label"] for r in programmes}
    assert {"Valpreventie bij ouderen", "Overgewicht en obesitas bij kinderen", "Rookvrije Generatie"} <= names


def test_targets_2027_and_ambitions_2050_per_opgave(kg):
    goals = rows(kg, """SELECT ?opgave ?kind ?year ?source ?indicator WHERE { ?g gg:opgave/skos:prefLabel ?opgave ; a ?kind ;
        gg:indicator ?indicator . OPTIONAL { ?g gg:jaar ?year } OPTIONAL { ?g gg:databron ?source }
        FILTER (?kind IN (gg:Ambitie, gg:Doelstelling)) }""")
    by_opgave: dict[str, list[dict]] = {}
    for row in goals:
        by_opgave.setdefault(row["opgave"], []).append(row)
    assert set(by_opgave) == {"Grote gezondheidsverschillen", "Veel mentale gezondheidsproblemen", "Stijgende zorgvraag", "Toenemende schaarste"}
    for opgave, items in by_opgave.items():
        assert any(r["kind"].endswith("Ambitie") for r in items), opgave
    for opgave in ("Grote gezondheidsverschillen", "Stijgende zorgvraag", "Toenemende schaarste"):
        assert any(r["kind"].endswith("Doelstelling") and r["year"] == "2027" for r in by_opgave[opgave]), opgave
        assert any(r["kind"].endswith("Ambitie") and r["year"] == "2050" for r in by_opgave[opgave]), opgave
    life = [r for r in by_opgave["Grote gezondheidsverschillen"] if "levensverwachting verminderd met 2 jaar" in r["indicator"]]
    assert life and life[0]["source"] == "CBS/RIVM" and life[0]["year"] == "2027"


def test_graph_conforms_to_the_shapes(kg):
    report = validate_store(kg)
    assert report.conforms, report.text[:2000]


def test_class_counts(kg):
    counts = class_counts(kg)
    assert counts["actielijnen"] == 5
    assert counts["opgaven"] == 4
    assert counts["documenten"] == 5
    assert counts["organisaties"] >= 80
    assert counts["personen"] >= 9


def test_partner_network_and_betweenness_equal_networkx(kg):
    two_mode, partners = partner_graphs(kg)
    organisations = [node for node, data in two_mode.nodes(data=True) if data["bipartite"] == 0]
    reference = bipartite.weighted_projected_graph(two_mode, organisations)
    assert {(frozenset((a, b)), data["weight"]) for a, b, data in partners.edges(data=True)} == {
        (frozenset((a, b)), data["weight"]) for a, b, data in reference.edges(data=True)}
    assert partners.number_of_edges() > 100
    exact = nx.betweenness_centrality(partners, weight=None)
    ours = betweenness(partners)
    assert ours.keys() == exact.keys() and max(abs(ours[node] - exact[node]) for node in exact) < 1e-9
    hub = max(exact, key=exact.__getitem__)
    estimate = betweenness(partners, sources=len(partners) // 4)  # a quarter of the sources still finds the hub
    assert max(estimate, key=estimate.__getitem__) == hub and estimate != ours
