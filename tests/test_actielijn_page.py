"""The actielijn page (partners, trekkers, overlap, gaps, network), the actielijn × actielijn overlap
matrix, the gaps grouped by kind and the network's Excel export, on the real corpus: every expectation is
read from the graph (SPARQL here) or from the filtered lists the pages link to. Full tier: the journey
home → actielijn → matrix cell in Chromium, with axe at desktop and phone width (screenshots in
$GEZOND_KG_SCREENSHOTS), and the Excel export of what the explorer shows."""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from graph.queries import PREFIX_BLOCK
from ontology.vocabulary import ACTIELIJN_CHOICES, ACTIELIJNEN, actielijn_iri
from tests.test_e2e import browser  # noqa: F401 - the Chromium fixture

INVOLVEMENTS = PREFIX_BLOCK + """
SELECT DISTINCT ?org ?programme ?role ?passage WHERE {
  ?programme gg:actielijn <%s> ; prov:qualifiedAssociation ?b .
  ?b prov:agent ?org ; prov:hadRole/skos:notation ?role ; dcterms:source ?passage .
  ?org a org:Organization .
}"""


def _visible(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<script.*?</script>|<[^>]+>", " ", html, flags=re.S))


def _pair(client, a: int, b: int, **params) -> list[dict]:
    return client.get("/overlaps.json", params=[("actielijn", a), ("actielijn", b), *params.items()]).json()["programmes"]


def test_actielijnen_of_the_vocabulary_are_those_of_the_graph(kg):
    rows = kg.select(PREFIX_BLOCK + "SELECT DISTINCT ?n WHERE { ?a a gg:Actielijn ; gg:nummer ?n }").rows
    assert sorted(int(row["n"]) for row in rows) == list(ACTIELIJNEN)


@pytest.mark.parametrize("number", ACTIELIJNEN)
def test_partners_and_trekkers_are_the_organisations_in_its_programmes_with_their_passages(client, kg, number):
    rows = kg.select(INVOLVEMENTS % actielijn_iri(number)).rows
    overview = client.get(f"/id/actielijn/{number}.json").json()["actielijn"]
    assert client.get(f"/api/actielijnen/{number}").json()["actielijn"] == overview  # the JSON twin is the API's answer
    programmes: dict[str, set[str]] = {}
    roles: dict[str, set[str]] = {}
    for row in rows:
        programmes.setdefault(row["org"], set()).add(row["programme"])
        roles.setdefault(row["org"], set()).add(row["role"])
    partners = {p["iri"]: p for p in overview["partners"]}
    assert set(partners) == set(programmes)
    for org, partner in partners.items():
        assert partner["programmas"] == len(programmes[org]) and set(partner["rollen"]) == roles[org]
        cited = {(org, r["programma"], r["rol"], r["passage"]) for r in partner["betrokkenheden"]}
        assert cited <= {(row["org"], row["programme"], row["role"], row["passage"]) for row in rows}
        assert {(r["programma"], r["rol"]) for r in partner["betrokkenheden"]} == {
            (row["programme"], row["role"]) for row in rows if row["org"] == org}  # every programme and role cited
        assert all(r["tekst"] and r["document"] for r in partner["betrokkenheden"])
    leads = {row["org"] for row in rows if row["role"] == "trekker"}
    assert {p["iri"] for p in overview["trekkers"]} == leads
    assert all({r["rol"] for r in p["betrokkenheden"]} == {"trekker"} for p in overview["trekkers"])
    page = client.get(f"/id/actielijn/{number}")
    text = _visible(page.text)
    assert page.status_code == 200 and f"Trekkers ({len(leads)})" in text and f"Partners ({len(partners)})" in text
    assert all(p["naam"] in text for p in overview["partners"])
    assert f'href="/netwerk?actielijn={number}"' in page.text and overview["netwerk"] == f"/netwerk?actielijn={number}"
    network = client.get("/netwerk.json", params={"actielijn": number}).json()
    assert {p["iri"] for p in overview["partners"]} <= {node["id"] for node in network["nodes"]}


def test_the_command_line_gives_the_overview_of_the_page(client, built):
    import json

    from typer.testing import CliRunner

    from service.cli import app

    runner = CliRunner()
    answer = runner.invoke(app, ["actielijn", "2", "--json", "--data-dir", str(built[2])])
    assert answer.exit_code == 0, answer.output
    assert json.loads(answer.output) == client.get("/id/actielijn/2.json").json()["actielijn"]
    table = runner.invoke(app, ["actielijn", "2", "--data-dir", str(built[2])], terminal_width=200)
    assert "GGD Groningen" in table.output and "Overlap met actielijn 5" in table.output
    assert runner.invoke(app, ["actielijn", str(ACTIELIJNEN[-1] + 1), "--data-dir", str(built[2])]).exit_code == 2
    assert runner.invoke(app, ["actielijn", "--help"]).exit_code == 0


def test_some_actielijn_has_trekkers_and_partners(client, kg):
    with_leads = [n for n in ACTIELIJNEN if any(row["role"] == "trekker" for row in kg.select(INVOLVEMENTS % actielijn_iri(n)).rows)]
    assert with_leads  # the corpus names trekkers: the test above compares non-empty lists
    assert all(client.get(f"/id/actielijn/{n}.json").json()["actielijn"]["trekkers"] for n in with_leads)


@pytest.mark.parametrize("number", ACTIELIJNEN)
def test_overlap_and_gaps_of_an_actielijn_are_those_of_the_filtered_lists(client, number):
    overview = client.get(f"/id/actielijn/{number}.json").json()["actielijn"]
    relations = client.get("/api/overlaps", params={"actielijn": number}).json()["actielijnen"]
    related = {r["first"] + r["second"] - number for r in relations}
    shown = {o["actielijn"]: o for o in overview["overlap"]}
    for other in ACTIELIJNEN:
        pairs = len(_pair(client, number, other))
        assert (other in shown) == bool(pairs or other in related)
        if other in shown:
            assert shown[other]["programmaparen"] == pairs
            assert (shown[other]["relatie"] is not None) == (other in related)
    gaps = client.get("/api/gaps", params={"actielijn": str(number)}).json()
    assert overview["lacunes"] == gaps
    assert {g["soort"]: g["aantal"] for g in overview["lacunesoorten"]} == Counter(g["kind"] for g in gaps)
    text = _visible(client.get(f"/id/actielijn/{number}").text)
    assert f"Lacunes ({len(gaps)})" in text
    evidence = [e for o in overview["overlap"] if o["relatie"] for e in o["relatie"]["evidence"] if e["passage"]]
    assert all(client.get(f"/id/{e['passage'].split('/id/', 1)[1]}.json").status_code == 200 for e in evidence)


@pytest.mark.parametrize("min_score", [None, 0.5])
def test_overlap_matrix_cells_are_the_rows_of_the_pair_they_link_to(client, min_score):
    params = {"min_score": min_score} if min_score is not None else {}
    data = client.get("/overlaps.json", params=params).json()
    assert [row["actielijn"] for row in data["matrix"]] == list(ACTIELIJNEN)
    cells = {(row["actielijn"], cell["actielijn"]): cell["programmaparen"] for row in data["matrix"] for cell in row["cellen"]}
    assert set(cells) == {(a, b) for a in ACTIELIJNEN for b in ACTIELIJNEN}
    for (a, b), count in cells.items():
        assert cells[b, a] == count
        assert count == len(_pair(client, a, b, **params))
    assert sum(cells.values()) > 0
    whole = client.get("/overlaps", params=params).text
    matrix = whole.split('<table class="matrix"', 1)[1].split("</table>", 1)[0]
    score = data["min_score"]
    for (a, b), count in cells.items():
        link = f'href="/overlaps?min_score={score}&actielijn={min(a, b)}&actielijn={max(a, b)}#programmaparen"'
        assert matrix.count(link) == (0 if not count else 1 if a == b else 2)  # each pair in both halves
    a, b = max(cells, key=lambda pair: (cells[pair], pair))
    followed = client.get(f"/overlaps?min_score={score}&actielijn={min(a, b)}&actielijn={max(a, b)}").text
    table = followed.split('id="programmaparen-lijst"', 1)[1].split("</table>", 1)[0]
    assert table.count("<tr>") - 1 == cells[a, b]  # the header row and one row per programme pair
    assert 'class="gekozen"' in followed and 'aria-current="true"' in followed
    relations = whole.split("<h2>Relaties tussen actielijnen</h2>", 1)[1].split("</table>", 1)[0]
    for relation in data["actielijnen"]:  # the pairs column counts at the chosen score, as the matrix does
        link = f'#programmaparen">{relation["first"]} ↔ {relation["second"]}</a></td><td>'
        assert re.search(re.escape(link) + r"[a-z]+</td><td>(\d+)</td>", relations).group(1) == str(cells[relation["first"], relation["second"]])


def test_overlap_form_works_from_any_state(client):
    default = client.get("/overlaps.json").json()
    empty = client.get("/overlaps.json", params=[("actielijn", ""), ("actielijn", ""), ("min_score", "")]).json()
    assert empty["min_score"] == default["min_score"] and empty["programmes"] == default["programmes"]
    one = client.get("/overlaps.json", params=[("actielijn", "2"), ("actielijn", ""), ("min_score", "0,5")]).json()
    assert one["filter_actielijnen"] == [2] and one["min_score"] == 0.5
    assert client.get("/overlaps", params={"min_score": "1.5"}).status_code == 422
    page = client.get("/overlaps").text
    assert re.findall(r"<label>[^<]*<(?:select|input)[^>]*name=\"(\w+)\"", page) == ["actielijn", "actielijn", "min_score"]


def test_within_one_actielijn_means_both_programmes_in_it(client):
    for number in ACTIELIJNEN:
        pairs = _pair(client, number, number, min_score=0)
        assert all(number in o["actielijnen"][0] and number in o["actielijnen"][1] for o in pairs)
        touching = client.get("/overlaps.json", params={"actielijn": number, "min_score": 0}).json()["programmes"]
        assert len(pairs) == sum(number in o["actielijnen"][0] and number in o["actielijnen"][1] for o in touching)


def test_gaps_grouped_by_kind_with_counts_and_filters_from_any_state(client):
    everything = client.get("/lacunes.json").json()
    assert sum(g["aantal"] for g in everything["groepen"]) == len(everything["lacunes"]) > 0
    assert {g["soort"]: g["aantal"] for g in everything["groepen"]} == Counter(g["kind"] for g in everything["lacunes"])
    page = client.get("/lacunes", params={"soort": "", "actielijn": "", "bron": ""})
    assert page.status_code == 200
    headings = re.findall(r'<h2 id="soort-([^"]+)">[^<(]*\((\d+)\)</h2>', page.text)
    assert [(kind, int(n)) for kind, n in headings] == [(g["soort"], g["aantal"]) for g in everything["groepen"]]
    selects = re.findall(r"<label>[^<]*<select name=\"(\w+)\"", page.text)
    assert selects == ["soort", "actielijn", "bron"]  # every control inside its label
    for kind in [""] + [g["soort"] for g in everything["groepen"]]:
        for actielijn in ("", *ACTIELIJN_CHOICES):
            for source in ("", "tekst", "structuur"):
                params = {"soort": kind, "actielijn": actielijn, "bron": source}
                found = client.get("/lacunes.json", params=params).json()
                expected = [g for g in everything["lacunes"] if kind in ("", g["kind"]) and actielijn in ("", g["actielijn"])
                            and source in ("", g["source"])]
                assert found["lacunes"] == expected and sum(g["aantal"] for g in found["groepen"]) == len(expected)
    assert client.get("/lacunes", params={"actielijn": "7"}).status_code == 422
    assert client.get("/lacunes.csv", params={"soort": "", "actielijn": "", "bron": ""}).status_code == 200


def _sheets(content: bytes) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(content))
    return {sheet.title: list(sheet.iter_rows(min_row=2, values_only=True)) for sheet in workbook}


@pytest.mark.parametrize("params", [{}, {"actielijn": "2"}, {"view": "geheel", "actielijn": "1"}])
def test_network_workbook_holds_the_shown_nodes_and_edges_less_the_hidden_groups(client, params):
    network = client.get("/netwerk.json", params=params).json()
    labels = {node["id"]: node["label"] for node in network["nodes"]}
    sheets = _sheets(client.get("/netwerk.xlsx", params=params).content)
    assert [row[5] for row in sheets["Organisaties"]] == [n["id"] for n in sorted(network["nodes"], key=lambda n: (n["label"].casefold(), n["id"]))]
    assert [row[:2] for row in sheets["Verbindingen"]] == [(labels[e["from"]], labels[e["to"]]) for e in network["edges"]]
    largest = Counter(n["type"] for n in network["nodes"] if n["soort"] == "organisatie").most_common(1)[0][0]
    hidden = {n["id"] for n in network["nodes"] if n["soort"] == "organisatie" and n["type"] == largest}
    fewer = _sheets(client.get("/netwerk.xlsx", params=[*params.items(), ("kleur", "type"), ("verborgen", largest)]).content)
    assert {row[5] for row in fewer["Organisaties"]} == set(labels) - hidden
    assert len(fewer["Verbindingen"]) == sum(e["from"] not in hidden and e["to"] not in hidden for e in network["edges"])
    assert (sheets["Verbindingen"][0][3] or "") == "; ".join(network["edges"][0]["programmas"])


# ---------------------------------------------------------------- in the browser (full tier)

@pytest.mark.full
def test_excel_export_of_the_network_is_what_the_explorer_shows(browser, live_server):  # noqa: F811
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page.goto(live_server + "/netwerk?actielijn=2")
    page.wait_for_selector("body[data-stable='true']", timeout=90_000)
    page.click("#legenda button[data-groep='netwerk-coalitie']")
    shown = page.evaluate("window.gezondKg.knopen.get({filter: n => !n.hidden}).length")
    lines = page.evaluate("window.gezondKg.gegevens().edges.filter(l => !window.gezondKg.knopen.get(l.from).hidden"
                          " && !window.gezondKg.knopen.get(l.to).hidden).length")
    with page.expect_download() as download:
        page.click("#export-xlsx")
    sheets = _sheets(Path(download.value.path()).read_bytes())
    assert len(sheets["Organisaties"]) == shown > 0 and len(sheets["Verbindingen"]) == lines
    assert all(row[2] != "netwerk-coalitie" for row in sheets["Organisaties"])
    page.close()


@pytest.mark.full
def test_journey_from_home_to_an_actielijn_a_matrix_cell_and_a_kind_of_gap_with_axe(browser, live_server, kg, client):  # noqa: F811
    from tests.test_explorer import AXE, JOURNEYS, SHOTS, Journey

    client_gaps = client.get("/lacunes.json").json()["lacunes"]
    leads = {row["org"] for row in kg.select(INVOLVEMENTS % actielijn_iri(2)).rows if row["role"] == "trekker"}
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    journey = Journey("actielijn en matrix", page)
    page.goto(live_server + "/")
    journey.click("header a:text-is('Actielijnen')")
    journey.click("main a:has-text('Actielijn 2')")
    assert page.inner_text("h2#trekkers") == f"Trekkers ({len(leads)})"
    assert "GGD Groningen" in page.inner_text("h2#trekkers + div table")
    journey.click("a:text-is('Overlap met actielijn 2')")
    cell = page.locator("table.matrix a[aria-label*='tussen actielijn 2 en 5']")
    count = int(cell.inner_text())
    journey.click("table.matrix a[aria-label*='tussen actielijn 2 en 5']")
    assert "actielijn=2&actielijn=5" in page.url
    assert page.locator("#programmaparen-lijst tr").count() - 1 == count > 0
    journey.done()
    gaps = Journey("lacunes per soort", page)
    page.goto(live_server + "/")
    gaps.click("header a:text-is('Lacunes')")
    gaps.select("select[name=soort]", "knelpunt")
    gaps.select("select[name=bron]", "tekst")
    gaps.click("main form button")
    stated = [g for g in client_gaps if g["kind"] == "knelpunt" and g["source"] == "tekst"]
    assert page.inner_text("main h2") == f"Knelpunt ({len(stated)})" and len(stated) > 0
    gaps.select("select[name=soort]", "")  # back to every kind, from the filtered state
    gaps.click("main form button")
    assert page.locator("main h2").count() == len({g["kind"] for g in client_gaps if g["source"] == "tekst"})
    gaps.done()
    print({name: JOURNEYS[name] for name in ("actielijn en matrix", "lacunes per soort")})
    page.close()
    bad = {}
    for name, path in (("actielijn-2", "/id/actielijn/2"), ("overlap-2-5", "/overlaps?actielijn=2&actielijn=5")):  # /lacunes: test_explorer
        for label, viewport in (("desktop", {"width": 1280, "height": 900}), ("390px", {"width": 390, "height": 844})):
            context = browser.new_context(viewport=viewport, bypass_csp=True)
            tab = context.new_page()
            tab.goto(live_server + path)
            tab.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
            tab.add_script_tag(path=str(AXE))
            violations = tab.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map("
                                      "v => ({id: v.id, impact: v.impact})))")
            bad[f"{name} {label}"] = [v["id"] for v in violations if v["impact"] in ("critical", "serious")]
            assert tab.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, (name, label)
            context.close()
    assert all(not found for found in bad.values()), bad


def test_a_link_through_a_shared_intervention_is_shown_as_one(client):
    """Two programmes that hold the same intervention: the page says they share it (not that a text names
    them together), and the CSV and CLI list it with what else they share."""
    programmes = client.get("/overlaps.json", params={"min_score": 0}).json()["programmes"]
    through = [o for o in programmes if o["joint"] and any(
        s["kind"] == "interventie" and s["passages"] == [o["joint"]["passage"]] * 2 for s in o["shared"])]
    assert through, "the corpus has programmes that share an intervention (Beweegzorg Noord)"
    page = client.get("/overlaps", params={"min_score": 0}).text
    for overlap in through:
        label = next(s["label"] for s in overlap["shared"] if s["kind"] == "interventie")
        assert f"Delen de interventie {label}:" in page
    rows = client.get("/overlaps.csv", params={"min_score": 0}).text.splitlines()
    assert any(f"interventie: {label}" in row for row in rows)
