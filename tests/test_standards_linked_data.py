"""Linked data: every IRI the graph mints dereferences, in HTML and in every RDF syntax, by content
negotiation at the IRI itself (Content-Location names the format's own URL, Vary: Accept) and at that
URL; HTML pages name their RDF twins. A crawl follows every project IRI of an export one hop."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urldefrag

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from graph.store import Store
from ontology.namespaces import BASE, GG, GGID, NIF

RDF_SYNTAXES = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt"}


def project_iris(graph: Graph) -> set[str]:
    """Every IRI under the project's base in an export, without its fragment (what a client fetches)."""
    found = set()
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef) and str(term).startswith(BASE):
                found.add(urldefrag(str(term))[0])
    return found


@pytest.fixture(scope="module")
def export(kg: Store) -> Graph:
    return kg.union_graph()


def test_crawl_every_iri_of_an_export_one_hop(client, export: Graph) -> None:
    iris = project_iris(export)
    kinds = Counter(iri.removeprefix(str(GGID)).split("/")[0] if iri.startswith(str(GGID)) else iri.removeprefix(BASE)
                    for iri in iris)
    assert {"passage", "betrokkenheid", "lidmaatschap", "functie", "verplaatsing", "organisatie", "def"} <= set(kinds)
    failures = {}
    for iri in sorted(iris):
        path = "/" + iri.removeprefix(BASE)
        response = client.get(path, headers={"Accept": "text/turtle"})
        if response.status_code != 200:
            failures[iri] = response.status_code
            continue
        graph = Graph().parse(data=response.text, format="turtle")
        if URIRef(iri) not in graph.subjects() and not iri.endswith("/def"):
            failures[iri] = "geen uitspraken over de IRI"
        if client.get(path).status_code != 200:  # HTML for a browser
            failures[iri] = "HTML"
    print(f"crawl: {len(iris)} IRI's ({dict(sorted(kinds.items()))}), {len(failures)} failing")  # the figures, with -s
    assert failures == {}, f"{len(failures)} of {len(iris)} IRIs fail: {dict(list(failures.items())[:10])}"


def test_negotiation_names_the_format_url_and_every_format_url_answers(client, export: Graph) -> None:
    passage = str(next(export.subjects(RDF.type, GG.Passage)))
    path = "/" + passage.removeprefix(BASE)
    for media, syntax in RDF_SYNTAXES.items():
        negotiated = client.get(path, headers={"Accept": media})
        assert negotiated.headers["content-type"].startswith(media)
        assert negotiated.headers["vary"] == "Accept"
        location = negotiated.headers["content-location"]
        direct = client.get(location)
        assert direct.status_code == 200 and direct.headers["content-type"].startswith(media)
        assert "vary" not in direct.headers
        graph = Graph().parse(data=direct.text, format=syntax)
        assert (URIRef(passage), NIF.anchorOf, export.value(URIRef(passage), NIF.anchorOf)) in graph
    assert client.head(path, headers={"Accept": "text/turtle"}).status_code == 200


def test_a_passage_page_shows_its_text_in_its_document_and_the_facts_that_cite_it(client, export: Graph) -> None:
    passage = Counter(export.objects(None, DCTERMS.source)).most_common(1)[0][0]
    served = client.app.state.knowledge.store.union_graph()  # the graph the service serves: the analyses cite passages too
    citations = len(set(served.subjects(DCTERMS.source, passage)))
    html = client.get("/" + str(passage).removeprefix(BASE)).text
    text = str(export.value(passage, NIF.anchorOf))
    assert text[:60].replace("&", "&amp;").replace("'", "&#39;").replace('"', "&#34;") in html
    slug = str(export.value(export.value(passage, NIF.referenceContext), DCTERMS.identifier))
    assert f'href="/document/{slug}?passage=' in html
    assert html.count("<li>", html.index('id="geciteerd"')) == citations
    for media in RDF_SYNTAXES:
        assert f'<link rel="alternate" type="{media}"' in html
    turtle = Graph().parse(data=client.get("/" + str(passage).removeprefix(BASE) + ".ttl").text, format="turtle")
    assert len(set(turtle.subjects(DCTERMS.source, passage))) == citations


def test_the_vocabulary_page_has_every_term_as_a_fragment(client) -> None:
    html = client.get("/def").text
    for term in ("Programma", "Betrokkenheid", "Passage", "bestandsnaam", "actiefInActielijn", "Actielijnen"):
        assert f'id="{term}"' in html
    turtle = Graph().parse(data=client.get("/def", headers={"Accept": "text/turtle"}).text, format="turtle")
    assert (GG.Programma, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in turtle
    assert client.get("/def.xyz").status_code == 404


def test_an_unknown_iri_is_404(client) -> None:
    assert client.get("/id/passage/bestaat-niet-0-1", headers={"Accept": "text/turtle"}).status_code == 404
    assert client.get("/id/organisatie/bestaat-niet").status_code == 404


def test_literal_values_and_links_on_a_generic_page(client, export: Graph) -> None:
    involvement = next(export.subjects(RDF.type, GG.Betrokkenheid))
    data = client.get("/" + str(involvement).removeprefix(BASE) + ".json").json()
    properties = {statement["property"] for statement in data["outgoing"]}
    assert {"rdf:type", "prov:agent", "prov:hadRole", "dcterms:source"} <= properties
    assert any(s["property"] == "prov:qualifiedAssociation" for s in data["incoming"])
    assert not any(isinstance(o, Literal) for o in export.objects(involvement, DCTERMS.source))


def test_exports_keep_named_graphs_and_have_no_duplicate_rows(kg: Store, tmp_path, client) -> None:
    import csv
    import json

    from rdflib import Dataset

    from graph.export import export
    from ontology.namespaces import GRAPH_NAMESPACE

    for fmt, syntax in (("trig", "trig"), ("nq", "nquads")):
        count = export(kg, fmt, tmp_path / f"kg.{fmt}")
        dataset = Dataset().parse(tmp_path / f"kg.{fmt}", format=syntax)
        graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
        assert graphs == set(kg.graph_names()) and all(g.startswith(GRAPH_NAMESPACE) for g in graphs)
        assert sum(len(graph) for graph in dataset.graphs()) == count > kg.triple_count()  # a triple stated in two documents is in both graphs
    export(kg, "csv", tmp_path / "kg.csv")
    rows = list(csv.reader((tmp_path / "kg.csv").open(encoding="utf-8")))
    assert len(rows) > 100 and len(rows) == len({tuple(row) for row in rows})
    export(kg, "jsonld", tmp_path / "kg.jsonld")
    document = json.loads((tmp_path / "kg.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == BASE + "context.jsonld"
    served = client.get("/context.jsonld")
    assert served.headers["content-type"] == "application/ld+json"
    document["@context"] = served.json()["@context"]
    assert len(Graph().parse(data=json.dumps(document), format="json-ld")) == kg.triple_count()
