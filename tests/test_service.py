"""The service through FastAPI's test client: API, SPARQL protocol, dereferencing, pages."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote

GGD = "/id/organisatie/ggd-groningen"


def test_health_stats_and_openapi(client):
    assert client.get("/healthz").json()["status"] == "ok"
    assert client.get("/api/stats").json()["aantallen"]["actielijnen"] == 5
    spec = client.get("/openapi.json").json()
    for path in ("/api/who", "/api/search", "/api/overlaps", "/api/gaps", "/api/stats", "/api/{soort}", "/sparql"):
        assert path in spec["paths"], path
    search_params = {p["name"]: p for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert search_params["q"]["schema"].get("examples") or search_params["q"].get("examples")


def test_lists_filter_and_page(client):
    page = client.get("/api/organisaties", params={"type": "zorgverzekeraar"}).json()
    assert [item["naam"] for item in page["items"]] == ["Menzis"]
    first = client.get("/api/organisaties", params={"limit": 10}).json()
    second = client.get("/api/organisaties", params={"limit": 10, "offset": 10}).json()
    assert first["totaal"] >= 80 and len(first["items"]) == 10
    assert not {i["iri"] for i in first["items"]} & {i["iri"] for i in second["items"]}
    line2 = client.get("/api/programmas", params={"actielijn": 2}).json()
    assert "Vitaal Groningen" in {i["naam"] for i in line2["items"]}
    assert client.get("/api/organisaties", params={"limit": 0}).status_code == 422


def test_one_entity_with_relations_and_evidence(client):
    ggd = client.get("/api/organisaties/ggd-groningen").json()
    assert ggd["label"] == "GGD Groningen"
    assert "publieke gezondheid (GGD)" in ggd["properties"]["type"]
    rows = {(i["programma_naam"], i["rol"]) for i in ggd["involvements"]}
    assert ("Valpreventie bij ouderen", "trekker") in rows
    assert all(i["tekst"] and i["passage"] for i in ggd["involvements"])
    assert client.get("/api/organisaties/bestaat-niet").status_code == 404


def test_who_search_overlaps_gaps(client):
    who = client.get("/api/who", params={"q": "eenzaamheid onder ouderen"}).json()
    assert who["gevonden_via"] == "zoeken" and who["betrokkenen"]
    hits = client.get("/api/search", params={"q": "valpreventie", "k": 3, "kind": "passage"}).json()["resultaten"]
    assert len(hits) == 3 and {h["kind"] for h in hits} == {"passage"}
    assert client.get("/api/search", params={"q": "x", "k": 1000}).status_code == 422
    overlaps = client.get("/api/overlaps").json()
    assert any("Welzijn op Recept" in (o["first_label"], o["second_label"]) for o in overlaps["programmes"])
    assert any(g["kind"] == "programma-zonder-trekker" for g in client.get("/api/gaps").json())


def test_sparql_protocol_formats(client):
    query = "SELECT ?s WHERE { ?s a <http://www.w3.org/ns/org#Organization> } LIMIT 3"
    as_json = client.get("/sparql", params={"query": query})
    assert as_json.headers["content-type"].startswith("application/sparql-results+json")
    assert len(as_json.json()["results"]["bindings"]) == 3
    for accept, marker in (("application/sparql-results+xml", "<sparql"), ("text/csv", "s\r\n"), ("text/tab-separated-values", "?s")):
        response = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
        assert response.status_code == 200 and response.headers["content-type"].startswith(accept.split(";")[0])
        assert marker in response.text
    form = client.post("/sparql", data={"query": query})
    direct = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    assert form.json() == direct.json() == as_json.json()
    construct = f"CONSTRUCT {{ <{'https://kg.gezond-groningen.nl' + GGD}> ?p ?o }} WHERE {{ <{'https://kg.gezond-groningen.nl' + GGD}> ?p ?o }}"
    turtle = client.get("/sparql", params={"query": construct})
    assert turtle.headers["content-type"].startswith("text/turtle") and "GGD Groningen" in turtle.text
    jsonld = client.get("/sparql", params={"query": construct}, headers={"Accept": "application/ld+json"})
    assert json.loads(jsonld.text)
    ntriples = client.get("/sparql", params={"query": construct}, headers={"Accept": "application/n-triples"})
    assert ntriples.text.strip().endswith(".")


def test_sparql_is_read_only_and_reports_errors(client):
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    assert client.get("/sparql", params={"query": update}).status_code == 403
    assert client.post("/sparql", data={"update": update}).status_code == 403
    assert client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update"}).status_code == 403
    bad = client.get("/sparql", params={"query": "SELEC * WHERE"})
    assert bad.status_code == 400 and "SPARQL" in bad.json()["fout"]
    assert client.get("/sparql").status_code == 400
    unknown = client.get("/sparql", params={"query": "SELECT * WHERE { ?s onbekend:p ?o }"})
    assert unknown.status_code == 400 and "Prefix not found" in unknown.json()["fout"]


def test_sparql_knows_the_project_prefixes_and_a_query_may_redeclare_them(client):
    organisations = "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a org:Organization }"
    known = client.get("/sparql", params={"query": organisations}).json()["results"]["bindings"][0]["n"]["value"]
    assert int(known) > 40
    redeclared = "PREFIX org: <urn:x-ander:> " + organisations
    assert client.get("/sparql", params={"query": redeclared}).json()["results"]["bindings"][0]["n"]["value"] == "0"
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_entity_iris_dereference(client):
    html = client.get(GGD, headers={"Accept": "text/html"})
    assert html.headers["content-type"].startswith("text/html") and "<h1>GGD Groningen</h1>" in html.text
    turtle = client.get(GGD, headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle") and "org#Organization" in turtle.text
    jsonld = client.get(GGD, headers={"Accept": "application/ld+json"})
    assert any("GGD Groningen" in json.dumps(node) for node in jsonld.json())
    assert client.get(GGD + ".json").json()["label"] == "GGD Groningen"
    assert client.get("/id/organisatie/bestaat-niet").status_code == 404


def test_pages_in_dutch_with_json_twins_and_csv(client):
    home = client.get("/")
    assert "Wie werkt waaraan" in home.text and 'href="/netwerk"' in home.text
    search = client.get("/zoeken", params={"q": "valpreventie"})
    assert GGD in search.text or "Valpreventie bij ouderen" in search.text
    assert client.get("/zoeken.json", params={"q": "valpreventie"}).json()["resultaten"]
    document = client.get("/document/regioplan-gezond-groningen", params={"passage": "x"})
    assert document.status_code == 200 and "passage" in document.text
    for path in ("/organisaties", "/programmas", "/actielijnen", "/personen", "/themas", "/overlaps", "/lacunes", "/netwerk"):
        assert client.get(path).status_code == 200, path
    rows = list(csv.DictReader(io.StringIO(client.get("/overlaps.csv").text)))
    assert rows and {"programma_1", "programma_2", "score"} <= set(rows[0])
    gaps = list(csv.DictReader(io.StringIO(client.get("/lacunes.csv").text)))
    assert any(r["onderwerp"] == "Vitaal Groningen" for r in gaps)
    missing = client.get("/bestaat/niet/hier")
    assert missing.status_code == 404 and "niet gevonden" in missing.text


def test_network_views_are_offline_and_escape_names(client):
    page = client.get("/netwerk")
    assert "/static/vis/vis-network.min.js" in page.text and "cdn" not in page.text.lower()
    assert client.get("/static/vis/vis-network.min.js").status_code == 200
    whole = client.get("/netwerk.json", params={"view": "geheel"}).json()
    partners = client.get("/netwerk.json").json()
    line1 = client.get("/netwerk.json", params={"actielijn": 1}).json()
    assert whole["knopen"] > partners["knopen"] > line1["knopen"] > 0
    ego = client.get("/netwerk.json", params={"ego": "https://kg.gezond-groningen.nl" + GGD}).json()
    assert 0 < ego["knopen"] < partners["knopen"]
    assert quote("<") not in page.text or "\\u003c" in page.text


def test_a_network_too_large_to_draw_shows_its_largest_part_and_says_so(client, monkeypatch):
    import visual.network

    full = client.get("/netwerk.json").json()
    assert full["afgekapt"] == ""
    monkeypatch.setattr(visual.network, "MAX_VIEW_NODES", 12)
    monkeypatch.setattr(visual.network, "MAX_VIEW_EDGES", 30)
    capped = client.get("/netwerk.json").json()
    assert capped["knopen"] == 12 and capped["verbindingen"] == 30
    edges = f"{full['verbindingen']:,}".replace(",", ".")
    assert f"12 van {full['knopen']} organisaties" in capped["afgekapt"] and f"30 van {edges} verbindingen" in capped["afgekapt"]
    shown = {node["id"] for node in capped["nodes"]}
    size = {node["id"]: node["size"] for node in full["nodes"]}
    assert min(size[node] for node in shown) >= max(size[node] for node in size if node not in shown)
    assert all(edge["from"] in shown and edge["to"] in shown for edge in capped["edges"])
    weights = sorted((edge["value"] for edge in full["edges"] if edge["from"] in shown and edge["to"] in shown), reverse=True)
    assert sorted((edge["value"] for edge in capped["edges"]), reverse=True) == weights[:30]
    assert "Getoond: 12 van" in client.get("/netwerk").text


def test_a_query_that_runs_too_long_is_stopped(built, search_engine):
    from fastapi.testclient import TestClient

    from service.app import create_app
    from service.settings import Settings

    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with TestClient(create_app(Settings(data_dir=built[2], sparql_timeout=1.5))) as quick:
        response = quick.get("/sparql", params={"query": slow})
        # it ran its whole time in a worker: its own cost, 422 (503 is for a query that waited for a busy pool)
        assert response.status_code == 422 and "rekende" in response.json()["fout"] and "gestopt" in response.json()["fout"]
        # the worker was replaced: the next query answers
        assert quick.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_network_names_with_markup_are_text():
    from visual.network import NetworkView, render_html

    name = '<img src=x onerror="alert(1)">'
    view = NetworkView([{"id": "a", "label": name, "title": name}], [], {}, {name: "#fff"}, name)
    html = render_html(view, inline_assets=False)
    assert name not in html
    assert "\\u003cimg" in html and "&lt;img" in html


def test_hostile_parameters_never_reach_the_query_raw(client):
    """Found by schemathesis: newlines, quotes and control characters in filters and keys."""
    weird = 'Dëzñ\nG\x85"\\ 😀'
    assert client.get("/api/organisaties", params={"q": weird, "type": weird}).json()["totaal"] == 0
    assert client.get("/api/doelen/" + "%C3%9D%C2%85%22%3E").status_code == 404
    assert client.get("/document/" + "a%22%20%7D").status_code == 404


def test_limits_are_4xx_with_a_reason(built, search_engine):
    from fastapi.testclient import TestClient

    from service.app import create_app
    from service.settings import Settings

    settings = Settings(data_dir=built[2], max_body_bytes=2_000, sparql_max_result_bytes=5_000)
    with TestClient(create_app(settings)) as limited:
        big = limited.post("/sparql", content="SELECT * WHERE { ?s ?p ?o } #" + "x" * 5_000,
                           headers={"Content-Type": "application/sparql-query"})
        assert big.status_code == 413 and "groter" in big.json()["fout"]
        many = limited.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert many.status_code == 413 and "LIMIT" in many.json()["fout"]
        assert limited.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"}).status_code == 200
        assert limited.get("/api/search", params={"q": "roken", "k": 101}).status_code == 422


def test_search_results_are_grouped_organisations_programmes_then_passages(client):
    """The page groups the hits (organisations, programmes, other entities, passages); the JSON twin
    carries the same groups and the same hits in rank order."""
    from markupsafe import escape

    order = ["Organisaties", "Programma's en projecten", "Andere resultaten", "Passages"]
    data = client.get("/zoeken.json", params={"q": "GGD Groningen valpreventie", "k": 30}).json()
    titles = [group["titel"] for group in data["groepen"]]
    assert len(titles) >= 2 and titles == [title for title in order if title in titles]
    rank = {hit["id"]: number for number, hit in enumerate(data["resultaten"])}
    assert sorted(hit["id"] for group in data["groepen"] for hit in group["resultaten"]) == sorted(rank)
    for group in data["groepen"]:  # within a group the hits keep their rank order
        ranks = [rank[hit["id"]] for hit in group["resultaten"]]
        assert ranks == sorted(ranks)
    kinds = {group["titel"]: {hit["kind"] for hit in group["resultaten"]} for group in data["groepen"]}
    assert kinds.get("Organisaties", {"organisatie"}) == {"organisatie"} and kinds.get("Passages", {"passage"}) == {"passage"}
    html = client.get("/zoeken", params={"q": "GGD Groningen valpreventie", "k": 30}).text
    positions = [html.index(f">{escape(title)} <") for title in titles]
    assert positions == sorted(positions)
    api = client.get("/api/search", params={"q": "GGD Groningen valpreventie", "k": 30}).json()
    assert api == {key: value for key, value in data.items() if key not in ("kind", "actielijn")}  # one shape, plus the filters
    assert api["q"] == api["vraag"] == "GGD Groningen valpreventie"
