"""The synthetic network generator (bench/generate.py) and the scaled product queries: the fast
queries return the same rows as the straightforward joins they replace."""

from __future__ import annotations

import sys
from itertools import combinations
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph

from graph.derive import derive_updates
from graph.factory import open_store
from graph.projections import ego_network, organisation_graph, organisation_programme_graph
from graph.queries import PREFIX_BLOCK, involvements, programmes_per_theme, shared_organisations
from graph.store import Store
from graph.validate import validate_graph

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.generate import Template, generate, template_graphs  # noqa: E402

GGID = "https://kg.gezond-groningen.nl/id/"
# the queries as they were before scaling: one join each
STRAIGHT_SHARED = PREFIX_BLOCK + """
SELECT DISTINCT ?org WHERE {
  ?p1 gg:actielijn %s ; prov:qualifiedAssociation/prov:agent ?org . ?p2 gg:actielijn %s ; prov:qualifiedAssociation/prov:agent ?org .
  ?org a org:Organization }"""
STRAIGHT_THEMES = PREFIX_BLOCK + """
SELECT ?theme (COUNT(DISTINCT ?p) AS ?n) WHERE {
  ?p dcterms:subject ?theme ; a ?class . ?theme a gg:Thema . VALUES ?class { gg:Programma gg:Interventie } } GROUP BY ?theme"""
STRAIGHT_INVOLVEMENTS = PREFIX_BLOCK + """
SELECT ?programme ?programmeLabel ?agent ?agentLabel ?kind ?type ?role ?passage ?text ?doc
       (GROUP_CONCAT(DISTINCT STR(?number); separator=",") AS ?actielijnen)
WHERE {
  ?programme prov:qualifiedAssociation ?b ; rdfs:label ?programmeLabel .
  ?b prov:agent ?agent ; prov:hadRole/skos:notation ?role ; dcterms:source ?passage .
  ?agent rdfs:label ?agentLabel .
  OPTIONAL { ?agent a org:Organization ; org:classification/skos:prefLabel ?type . BIND("organisatie" AS ?orgKind) }
  BIND(COALESCE(?orgKind, "persoon") AS ?kind)
  ?passage nif:anchorOf ?text ; dcterms:isPartOf/dcterms:identifier ?doc .
  OPTIONAL { ?programme gg:actielijn/gg:nummer ?number }
  FILTER (?programme = <%s>)
}
GROUP BY ?programme ?programmeLabel ?agent ?agentLabel ?kind ?type ?role ?passage ?text ?doc"""


@pytest.fixture(scope="module")
def template(corpus_dir: Path) -> Template:
    return Template.from_graphs(template_graphs(corpus_dir))


@pytest.fixture(scope="module")
def doubled(template: Template, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("scale") / "graaf-x2.nq"
    return path, generate(template, 2, path, seed=3, progress=False)


@pytest.fixture(scope="module")
def doubled_store(doubled: tuple[Path, dict[str, int]], tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = open_store(tmp_path_factory.mktemp("scale-store"))
    store.bulk_load(doubled[0])
    store.transact({}, derive_updates())
    return store


def test_doubling_copies_every_entity_once_more_and_validates(template, doubled):
    path, counts = doubled
    kinds = list(template.kinds.values())
    assert counts["programma's"] == 2 * kinds.count("programma")
    assert counts["passages"] == 2 * kinds.count("passage")
    assert counts["betrokkenheden"] == 2 * kinds.count("betrokkenheid")
    dataset = Dataset()
    dataset.parse(path, format="nquads")
    union = Graph()
    for subject, predicate, value, _ in dataset.quads((None, None, None, None)):
        union.add((subject, predicate, value))
    report = validate_graph(union)
    assert report.conforms, report.text[:2000]
    regional = [(s, o) for s, p, o, _ in dataset.quads((None, None, None, None))
                if str(s).startswith(GGID + "passage/") and "--" in str(s) and str(p).endswith("#anchorOf")]
    assert len(regional) == kinds.count("passage")
    for passage, text in regional:  # the IRI's span is the text's span in the synthetic document
        begin, end = map(int, str(passage).rsplit("-", 2)[1:])
        assert end - begin == len(str(text))


def test_generation_is_deterministic(template, doubled, tmp_path):
    again = tmp_path / "again.nq"
    generate(template, 2, again, seed=3, progress=False)
    assert set(again.read_text(encoding="utf-8").splitlines()) == set(doubled[0].read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("which", ["real", "doubled"])
def test_fast_queries_return_the_rows_of_the_straightforward_joins(which, kg, doubled_store):
    store = kg if which == "real" else doubled_store
    lines = [f"{GGID}actielijn/{n}" for n in range(1, 6)]
    for first, second in combinations(lines, 2):
        straight = {row["org"] for row in store.select(STRAIGHT_SHARED % (f"<{first}>", f"<{second}>")).rows}
        assert {iri for iri, _ in shared_organisations(store, first, second)} == straight
    straight_themes = {row["theme"]: int(row["n"] or 0) for row in store.select(STRAIGHT_THEMES).rows}
    assert {theme: count for theme, _, count in programmes_per_theme(store)} == straight_themes
    whole = organisation_graph(organisation_programme_graph(store))
    for org in [f"{GGID}organisatie/ggd-groningen", f"{GGID}organisatie/menzis"]:
        expected = nx.ego_graph(whole, org, radius=1)
        around = nx.ego_graph(organisation_graph(organisation_programme_graph(store, around=org)), org, radius=1)
        for graph in (ego_network(store, org), around):
            assert set(graph.nodes) == set(expected.nodes)
            assert {frozenset(e) for e in graph.edges} == {frozenset(e) for e in expected.edges}


def test_involvements_match_the_single_join(kg):
    programme = f"{GGID}programma/kansrijke-start"
    straight = {
        (row["agent"], row["agentLabel"], row["kind"], row["type"] or "", row["role"], row["passage"], row["text"], row["doc"],
         tuple(sorted(int(n) for n in (row["actielijnen"] or "").split(",") if n)))
        for row in kg.select(STRAIGHT_INVOLVEMENTS % programme).rows
    }
    fast = {(i.agent, i.agent_label, i.agent_kind, i.agent_type, i.role, i.passage, i.passage_text, i.document, i.actielijnen)
            for i in involvements(kg, [programme])}
    assert fast == straight and len(fast) >= 5
