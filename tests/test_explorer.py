"""The network explorer and the site shell: communities and positions on small graphs, the network JSON
on the real corpus, and (full tier) journeys in Debian's chromium that start at the home page and only
click and type, axe-core on every main page, screenshots at desktop and phone width.

Screenshots and the journey/axe report (verslag.json, and reizen.md: per task the clicks, keystrokes and
seconds) go to $GEZOND_KG_SCREENSHOTS (default: <tmp>/gezond-kg-schermafdrukken), never into the repository."""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
import time
from pathlib import Path

import networkx as nx
import pytest

from graph.communities import communities
from graph.positions import MIN_DISTANCE, positions
from tests.test_e2e import browser  # noqa: F401 - the Chromium fixture

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
SHOTS = Path(os.environ.get("GEZOND_KG_SCREENSHOTS") or Path(tempfile.gettempdir()) / "gezond-kg-schermafdrukken")
KG = "https://kg.gezond-groningen.nl/id/"
GGD = KG + "organisatie/ggd-groningen"
SPORTAKKOORD = "Sportakkoord Een Leven Lang Bewegen"


def _two_cliques() -> nx.Graph:
    graph = nx.Graph()
    graph.add_edges_from((f"a{i}", f"a{j}") for i in range(6) for j in range(i + 1, 6))
    graph.add_edges_from((f"b{i}", f"b{j}") for i in range(5) for j in range(i + 1, 5))
    graph.add_edge("a0", "b0")
    graph.add_node("los")
    return graph


def test_communities_are_the_cliques_numbered_by_size_every_time():
    graph = _two_cliques()
    groups = communities(graph)
    assert {node for node, group in groups.items() if group == 0} == {f"a{i}" for i in range(6)}
    assert {node for node, group in groups.items() if group == 1} == {f"b{i}" for i in range(5)}
    assert groups["los"] == 2
    shuffled = nx.Graph()
    shuffled.add_nodes_from(sorted(graph, reverse=True))
    shuffled.add_edges_from(reversed(list(graph.edges)))
    assert communities(shuffled) == groups
    assert communities(nx.Graph()) == {}


def test_positions_are_the_same_every_time_apart_and_the_largest_part_on_top():
    graph = _two_cliques()
    graph.add_edge("c0", "c1")
    where = positions(graph)
    assert where == positions(graph.copy())
    assert set(where) == set(graph)
    nearest = min(math.dist(where[a], where[b]) for a in graph for b in graph if a < b)
    assert nearest >= MIN_DISTANCE * 0.9
    main_part = {n for n in graph if n[0] in "ab"}
    assert max(where[n][1] for n in main_part) < min(where[n][1] for n in graph if n not in main_part)


def test_network_json_names_shared_programmes_and_groups_the_sport_clique(client, kg):
    from graph.projections import partner_graphs

    two_mode, partners = partner_graphs(kg)
    first = client.get("/netwerk.json").json()
    assert client.get("/netwerk.json").json()["nodes"] == first["nodes"]  # same positions every load
    assert first["knopen"] == partners.number_of_nodes() and first["verbindingen"] == partners.number_of_edges()
    for edge in first["edges"]:
        shared = {two_mode.nodes[p]["label"] for p in set(two_mode[edge["from"]]) & set(two_mode[edge["to"]])}
        assert set(edge["programmas"]) == shared and edge["value"] == len(shared)
        assert all(name in edge["title"] for name in list(shared)[:15])
    cliques = [group for group in first["groepen"] if group["kliek"]]
    assert [group["programma"] for group in cliques] == [SPORTAKKOORD]
    members = {node["id"] for node in first["nodes"] if node["groep"] == cliques[0]["nummer"]}
    sport = next(p for p in two_mode if two_mode.nodes[p].get("label") == SPORTAKKOORD)
    assert members <= set(two_mode[sport]) and len(members) == cliques[0]["leden"] >= 15
    ego = client.get("/netwerk.json", params={"ego": GGD, "diepte": "2"}).json()
    assert [node["id"] for node in ego["nodes"] if node["ego"]] == [GGD]
    assert ego["knopen"] == len(nx.ego_graph(partners, GGD, radius=2))


def _contrast_with_white(colour: str) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 1.05 / (0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue) + 0.05)


def test_every_network_colour_has_3_to_1_contrast_and_legend_shapes_match_the_drawing(client):
    from visual.network import ACTIELIJN_COLOURS, PROGRAMME_COLOUR, TYPE_COLOURS

    for colour in [*TYPE_COLOURS.values(), *ACTIELIJN_COLOURS.values(), PROGRAMME_COLOUR]:
        assert _contrast_with_white(colour) >= 3, colour
    whole = client.get("/netwerk.json", params={"view": "geheel"}).json()
    drawn = {(node["soort"] if node["soort"] != "organisatie" else node["type"]): node["shape"] for node in whole["nodes"]}
    assert {name: whole["vormen"][name] for name in drawn} == drawn
    assert {whole["legenda"]["type"][name] for name in drawn} == {node["kleur_type"] for node in whole["nodes"]}


def test_empty_form_values_mean_no_filter(client):
    everything = client.get("/netwerk.json").json()["knopen"]
    empty = {"view": "partners", "actielijn": "", "programma": "", "thema": "", "type": "", "ego": "", "diepte": "", "grootte": ""}
    assert client.get("/netwerk.json", params=empty).json()["knopen"] == everything
    page = client.get("/netwerk", params=empty)
    assert page.status_code == 200 and '<main id="inhoud"' in page.text and 'name="viewport"' in page.text
    visible = re.sub(r"<script.*?</script>|<[^>]+>", " ", page.text, flags=re.S)
    assert "brugfunctie" in visible and not {"betweenness", "knopen", "stabiliseren"} & set(visible.lower().split())
    assert client.get("/netwerk.json", params={"actielijn": "7"}).status_code == 422
    assert client.get("/organisaties", params={"q": "", "actielijn": ""}).status_code == 200
    assert client.get("/static/site/favicon.svg").headers["content-type"].startswith("image/svg+xml")


def test_lists_show_actielijnen_through_programmes_and_export_to_excel(client, kg):
    import io

    from openpyxl import load_workbook

    from graph.projections import partner_graphs

    two_mode = partner_graphs(kg)[0]
    listed = client.get("/organisaties.json", params={"limit": 500}).json()["items"]
    for item in listed:
        if item["iri"] in two_mode:
            through = {int(n) for p in two_mode[item["iri"]] for n in two_mode.nodes[p]["actielijnen"].split(",") if n}
            assert set(item["actielijnen"]) == through, item["naam"]
    assert any(item["actielijnen"] for item in listed)
    line2 = client.get("/organisaties.json", params={"actielijn": "2", "limit": 500}).json()
    csv_file = client.get("/organisaties.csv", params={"actielijn": "2", "q": ""})
    assert csv_file.headers["content-disposition"] == 'attachment; filename="organisaties.csv"'
    lines = csv_file.content.decode("utf-8").splitlines()
    assert lines[0] == "\ufeffNaam;Type;Actielijnen;Adres" and len(lines) == line2["totaal"] + 1
    assert [line.split(";")[0] for line in lines[1:]] == [item["naam"] for item in line2["items"]]
    sheet = load_workbook(io.BytesIO(client.get("/programmas.xlsx").content)).active
    programmes = client.get("/programmas.json", params={"limit": 500}).json()
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [item["naam"] for item in programmes["items"]]
    page = client.get("/organisaties", params={"actielijn": "2"}).text
    assert 'href="/organisaties.xlsx?q=&amp;type=&amp;actielijn=2"' in page
    assert client.get("/organisaties.pdf").status_code == 404


# ---------------------------------------------------------------- in the browser (full tier)

JOURNEYS: dict[str, dict] = {}
AXE_COUNTS: dict[str, dict] = {}


class Journey:
    """Counts the clicks and keystrokes of one task (typing a text = its characters and the closing key)
    and its time; ``shot`` writes a screenshot of the page the task has reached."""

    def __init__(self, name: str, page) -> None:
        self.name, self.page, self.clicks, self.keys, self.start = name, page, 0, 0, time.monotonic()

    def click(self, selector: str, **options) -> None:
        self.clicks += 1
        self.page.click(selector, **options)

    def type(self, selector: str, text: str, then: str = "Tab") -> None:
        self.keys += len(text) + 1
        self.page.fill(selector, text)
        self.page.press(selector, then)

    def press(self, key: str) -> None:
        self.keys += 1
        self.page.keyboard.press(key)

    def select(self, selector: str, value: str) -> None:
        self.clicks += 1
        self.page.select_option(selector, value)

    def shot(self, name: str) -> None:
        width = self.page.viewport_size["width"]
        self.page.screenshot(path=str(SHOTS / f"reis-{name}-{width}px.png"), full_page=True)

    def done(self) -> None:
        JOURNEYS[self.name] = {"klikken": self.clicks, "toetsaanslagen": self.keys, "seconden": round(time.monotonic() - self.start, 2)}


def _drawn(page) -> int:
    page.wait_for_selector("body[data-stable='true']", timeout=90_000)
    return page.evaluate("window.gezondKg.knopen.length")


def _changed(page, action) -> int:
    """Do ``action`` (a filter change) and wait until the new network is drawn."""
    page.evaluate("document.body.dataset.stable = 'waiting'")
    action()
    page.wait_for_selector("body[data-stable='true']", timeout=90_000)
    return page.evaluate("window.gezondKg.knopen.length")


@pytest.fixture(scope="module")
def chromium(browser):  # noqa: F811 - the Chromium fixture of test_e2e, with this module's report
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield browser
    report = SHOTS / "verslag.json"  # kept across runs: a run of some tests updates their entries only
    earlier = json.loads(report.read_text()) if report.exists() else {"reizen": {}, "axe": {}}
    earlier["reizen"] = {name: entry for name, entry in earlier["reizen"].items() if "toetsaanslagen" in entry}  # an older form
    earlier["reizen"].update(JOURNEYS)
    earlier["axe"].update(AXE_COUNTS)
    report.write_text(json.dumps(earlier, indent=2, ensure_ascii=False))
    (SHOTS / "reizen.md").write_text(_markdown(earlier), encoding="utf-8")


def _markdown(report: dict) -> str:
    """The report as two tables for the closing note: the journeys, and axe per page and width."""
    lines = ["| taak | klikken | toetsaanslagen | seconden |", "| --- | --- | --- | --- |"]
    lines += [f"| {name} | {r['klikken']} | {r['toetsaanslagen']} | {r['seconden']} |" for name, r in sorted(report["reizen"].items())]
    lines += ["", "| pagina | breedte | kritiek | ernstig | matig | klein |", "| --- | --- | --- | --- | --- | --- |"]
    for page, counts in sorted(report["axe"].items()):
        for width in ("desktop", "390px"):
            c = counts[width]
            lines.append(f"| {page} | {width} | {c['critical']} | {c['serious']} | {c['moderate']} | {c['minor']} |")
    return "\n".join(lines) + "\n"


@pytest.fixture()
def desk(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page
    context.close()
    assert errors == []


@pytest.mark.full
def test_network_filters_work_from_the_default_state_without_reload(desk, live_server):
    journey = Journey("05 partnernetwerk gefilterd", desk)
    desk.goto(live_server + "/")
    journey.click("main a:text-is('Partnernetwerk')")
    everything = _drawn(desk)
    assert everything > 50 and f"{everything} organisaties" in desk.inner_text("#status")
    desk.evaluate("window.zelfdePagina = true")
    assert _changed(desk, lambda: journey.click("#filter-toepassen")) == everything  # "Toon" with "alle": no error
    line1 = _changed(desk, lambda: journey.select("#filter-actielijn", "1"))
    assert 0 < line1 < everything and f"{line1} organisaties" in desk.inner_text("#status")
    assert "actielijn=1" in desk.url
    _changed(desk, lambda: journey.select("#filter-grootte", "betweenness"))
    whole = _changed(desk, lambda: journey.select("select[name=view]", "geheel"))
    assert whole > line1 and "programma's en actielijnen" in desk.inner_text("#status")
    assert desk.inner_text("h1") == "Heel het netwerk"
    assert desk.evaluate("window.zelfdePagina") is True  # never reloaded
    desk.screenshot(path=str(SHOTS / "netwerk-heel-actielijn-1.png"))
    journey.done()


@pytest.mark.full
def test_side_panel_shows_programmes_and_evidence_and_double_click_stays(desk, live_server):
    journey = Journey("extra: zijpaneel", desk)
    desk.goto(live_server + "/")
    journey.click("header a:text-is('Netwerk')")
    _drawn(desk)
    journey.type("#zoek-organisatie", "GGD Groningen")
    desk.wait_for_selector("#paneel blockquote")
    assert desk.inner_text("#paneel-titel") == "GGD Groningen"
    panel = desk.inner_text("#paneel")
    assert "Valpreventie bij ouderen" in panel and "actielijnen: 2" in panel
    address = desk.url
    box = desk.locator("#netwerk").bounding_box()
    journey.clicks += 2
    desk.mouse.dblclick(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # the focused organisation
    desk.wait_for_timeout(500)
    assert desk.url == address and desk.inner_text("#paneel-titel") == "GGD Groningen"
    desk.screenshot(path=str(SHOTS / "netwerk-paneel-ggd.png"))
    journey.click("#legenda button[data-groep='sport']")
    hidden = desk.evaluate("window.gezondKg.knopen.get({filter: n => n.hidden}).length")
    assert hidden == desk.evaluate("window.gezondKg.gegevens().nodes.filter(n => n.type === 'sport').length") > 0
    journey.click("input[name=kleur][value=actielijn]")
    assert "actielijn 2" in desk.inner_text("#legenda")
    journey.done()


@pytest.mark.full
def test_shortest_path_is_highlighted_with_the_connecting_programmes(desk, live_server, kg):
    from graph.projections import partner_graphs

    partners = partner_graphs(kg)[1]
    distance = nx.single_source_shortest_path_length(partners, GGD)
    target = min((n for n, d in distance.items() if d == 2), key=lambda n: partners.nodes[n]["label"])
    name = partners.nodes[target]["label"]
    journey = Journey("extra: kortste pad", desk)
    desk.goto(live_server + "/")
    journey.click("header a:text-is('Netwerk')")
    _drawn(desk)
    journey.type("#pad-van", "GGD Groningen")
    journey.type("#pad-naar", name)
    journey.click("#pad-zoek")
    steps = desk.locator("#pad-stappen li")
    assert steps.count() == 2
    assert steps.nth(0).inner_text().startswith("GGD Groningen → ") and steps.nth(1).inner_text().split(" via ")[0].endswith(name)
    assert all(" via " in steps.nth(i).inner_text() for i in range(2))
    assert desk.evaluate("window.gezondKg.lijnen.get({filter: l => l.color && l.color.color === '#b00020'}).length") == 2
    desk.screenshot(path=str(SHOTS / "netwerk-pad.png"))
    journey.done()


@pytest.mark.full
def test_png_and_csv_export_of_what_is_shown(desk, live_server):
    journey = Journey("08 export (PNG, CSV)", desk)
    desk.goto(live_server + "/")
    journey.click("main a:text-is('Partnernetwerk')")
    shown = _drawn(desk)
    with desk.expect_download() as download:
        journey.click("#export-png")
    png = Path(download.value.path()).read_bytes()
    width = desk.evaluate("document.querySelector('#netwerk canvas').width")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(png[16:20], "big") == width and len(png) > 20_000
    with desk.expect_download() as download:
        journey.click("#export-organisaties")
    text = Path(download.value.path()).read_bytes().decode("utf-8")
    assert text.startswith("\ufeffNaam;Soort;Type;Actielijnen;Groep;Adres") and len(text.strip().splitlines()) == shown + 1
    journey.done()


@pytest.mark.full
def test_search_suggests_names_while_typing(desk, live_server):
    journey = Journey("extra: zoeksuggesties", desk)
    desk.goto(live_server + "/")
    journey.keys += len("valprev")
    desk.type("main input[name=q]", "valprev", delay=40)
    # A slow machine may pause between keys long enough to ask for a shorter prefix first ("va"): wait
    # for the list that answers the whole word instead of the first list that appears.
    desk.wait_for_selector("#zoeksuggesties-1 option[value='Valpreventie bij ouderen']", state="attached")
    options = desk.eval_on_selector_all("#zoeksuggesties-1 option", "os => os.map(o => [o.value, o.label])")
    assert ["Valpreventie bij ouderen", "programma"] in options
    journey.done()


@pytest.mark.full
def test_ego_view_from_an_organisation_page(desk, live_server, kg):
    from graph.projections import partner_graphs

    partners = partner_graphs(kg)[1]
    journey = Journey("06 netwerk rond een organisatie", desk)
    desk.goto(live_server + "/")
    journey.type("main input[name=q]", "GGD Groningen", then="Enter")
    journey.click("#resultaten a:text-is('GGD Groningen')")
    journey.click("a:text-is('Netwerk rond GGD Groningen')")
    assert _drawn(desk) == len(nx.ego_graph(partners, GGD, radius=1))
    assert desk.inner_text("h1") == "Partnernetwerk rond GGD Groningen"
    assert desk.evaluate(f"window.gezondKg.knopen.get('{GGD}').borderWidth") == 6
    deeper = _changed(desk, lambda: journey.select("#filter-diepte", "2"))
    assert deeper == len(nx.ego_graph(partners, GGD, radius=2)) > len(nx.ego_graph(partners, GGD, radius=1))
    desk.screenshot(path=str(SHOTS / "netwerk-rond-ggd.png"))
    journey.done()


@pytest.mark.full
def test_the_explorer_works_under_a_strict_content_security_policy(chromium, live_server):
    """No inline script or handler: the page draws and filters with script-src 'self' (the header is added
    here, so this holds whatever the service sends)."""
    policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:"
    context = chromium.new_context(viewport={"width": 1280, "height": 900})

    def with_policy(route) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})

    context.route("**/*", with_policy)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(live_server + "/netwerk")
    everything = _drawn(page)
    assert 0 < _changed(page, lambda: page.select_option("#filter-actielijn", "2")) < everything
    context.unroute_all(behavior="ignoreErrors")  # a late request (the favicon) must not fail the next test
    context.close()
    assert errors == []


PROGRAMME = "Overgewicht en obesitas bij kinderen"
ROLES = """PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?programme ?agent ?role WHERE {
  ?p rdfs:label ?programme ; prov:qualifiedAssociation ?b . ?b prov:agent/rdfs:label ?agent ; prov:hadRole/skos:notation ?role }"""


def _roles(kg) -> list[dict]:
    return kg.select(ROLES).rows


@pytest.mark.full
def test_task_1_who_leads_a_programme(desk, live_server, kg):
    leaders = {row["agent"] for row in _roles(kg) if row["programme"] == PROGRAMME and row["role"] == "trekker"}
    journey = Journey("01 wie trekt een programma", desk)
    desk.goto(live_server + "/")
    journey.type("main input[name=q]", PROGRAMME, then="Enter")
    journey.click(f"#resultaten a.titel:text-is('{PROGRAMME}')")
    assert desk.inner_text("h1") == PROGRAMME
    rows = desk.locator("#betrokkenheden tr").all_inner_texts()
    shown = {row.split("\t")[0].strip() for row in rows if "\ttrekker\t" in row}
    assert leaders and shown == leaders
    journey.shot("trekker")
    journey.done()


@pytest.mark.full
def test_task_2_the_programmes_of_an_organisation(desk, live_server, kg):
    expected = {row["programme"] for row in _roles(kg) if row["agent"] == "Menzis"}
    journey = Journey("02 programma's van een organisatie", desk)
    desk.goto(live_server + "/")
    journey.click("main a.kaart:has-text('Partners')")
    journey.type("main input[name=q]", "Menzis", then="Enter")
    journey.click("main td a:text-is('Menzis')")
    assert desk.inner_text("h1") == "Menzis"
    shown = {row.split("\t")[0].strip() for row in desk.locator("#betrokkenheden tr").all_inner_texts()[1:]}
    assert len(expected) >= 3 and shown == expected
    journey.shot("menzis")
    journey.done()


@pytest.mark.full
def test_task_3_the_overlap_of_two_actielijnen(desk, live_server):
    journey = Journey("03 overlap tussen twee actielijnen", desk)
    desk.goto(live_server + "/")
    journey.click("main a.kaart:has-text('Overlap')")
    cell = desk.locator("table.matrix a[aria-label$='tussen actielijn 2 en 5']")
    count = int(cell.inner_text())
    journey.clicks += 1
    cell.click()
    desk.wait_for_url("**actielijn=5**")
    assert desk.inner_text("#programmaparen") == f"Overlappende programma's: actielijn 2 en 5 ({count})"
    pairs = desk.locator("#programmaparen-lijst tr").all_inner_texts()[1:]
    assert count > 0 and len(pairs) == count
    journey.shot("overlap-2-5")
    journey.done()


@pytest.mark.full
def test_task_4_the_gaps_grouped_and_filtered(desk, live_server):
    journey = Journey("04 lacunes", desk)
    desk.goto(live_server + "/", timeout=180_000)
    journey.click("main a.kaart:has-text('Lacunes')", timeout=180_000)
    total = int(re.search(r"\((\d+)\)", desk.inner_text("h1")).group(1))
    groups = [int(re.search(r"\((\d+)\)$", text).group(1)) for text in desk.locator("section.lacunegroep h2").all_inner_texts()]
    assert len(groups) > 1 and sum(groups) == total
    journey.select("select[name=bron]", "tekst")
    journey.click("main form.filters button")
    stated = int(re.search(r"\((\d+)\)", desk.inner_text("h1")).group(1))
    assert 0 < stated < total and "bron=tekst" in desk.url
    journey.shot("lacunes-tekst")
    journey.done()


@pytest.mark.full
def test_task_7_english_and_paraphrased_search(desk, live_server, search_engine):
    from urllib.parse import parse_qs, urlparse

    journey = Journey("07 zoeken in het Engels en met een parafrase", desk)
    desk.goto(live_server + "/")
    journey.type("main input[name=q]", "who leads the programme for overweight children", then="Enter")
    assert "Mirjam Herder" in desk.inner_text("#resultaten")
    links = desk.eval_on_selector_all("#resultaten li.resultaat", "items => items.filter(li => li.querySelector('.soort')"
                                      ".textContent === 'passage').map(li => li.querySelector('.bewijs a').getAttribute('href'))")
    passages = [search_engine.doc(search_engine.position(parse_qs(urlparse(link).query)["passage"][0])) for link in links]
    assert passages and not any(doc.fragment for doc in passages)  # no heading, no fragment among the passages shown
    journey.shot("engels")
    journey.type("header input[name=q]", "hoe voorkomen we dat ouderen vallen", then="Enter")
    assert "Valpreventie bij ouderen" in desk.inner_text("#resultaten")
    journey.done()


@pytest.mark.full
def test_task_9_on_a_phone_the_network_comes_first_and_fits(chromium, live_server):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    journey = Journey("09 telefoon (390 px): netwerk en zijpaneel", phone)
    phone.goto(live_server + "/")
    journey.click("header a:text-is('Netwerk')")
    _drawn(phone)
    drawing = phone.locator("#netwerk").bounding_box()
    assert drawing["y"] + 300 <= 844 and drawing["width"] >= 350 and drawing["height"] >= 340  # in sight, full width
    scale = phone.evaluate("window.gezondKg.netwerk.getScale()")
    journey.click("#zoom-in")
    assert phone.evaluate("window.gezondKg.netwerk.getScale()") > scale
    journey.type("#zoek-organisatie", "GGD Groningen")
    phone.wait_for_selector("#paneel blockquote")
    drawing, panel = phone.locator("#netwerk").bounding_box(), phone.locator("#paneel").bounding_box()
    assert panel["y"] >= drawing["y"] + drawing["height"] and panel["width"] >= 350  # below the drawing, as wide
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    journey.shot("netwerk-ggd")
    journey.done()
    context.close()


@pytest.mark.full
def test_task_10_keyboard_only_from_search_to_a_programme(desk, live_server):
    journey = Journey("10 toetsenbord: zoeken en doorklikken", desk)
    desk.goto(live_server + "/")
    assert desk.evaluate("document.activeElement.name") == "q"  # the search box has the focus on arrival
    for key in "valpreventie":
        journey.press(key)
    journey.press("Enter")
    desk.wait_for_selector("#resultaten")
    for _ in range(60):
        journey.press("Tab")
        if desk.evaluate("document.activeElement.textContent") == "Valpreventie bij ouderen":
            break
    outline = desk.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")  # visible focus
    journey.press("Enter")
    desk.wait_for_selector("#betrokkenheden")
    assert desk.inner_text("h1") == "Valpreventie bij ouderen"
    journey.shot("toetsenbord")
    journey.done()


MAIN_PAGES = {"start": "/", "zoeken": "/zoeken?q=valpreventie", "zoeken-engels": "/zoeken?q=who+leads+the+programme+for+overweight+children",
              "organisaties": "/organisaties?q=Menzis", "programmas": "/programmas", "personen": "/personen", "actielijnen": "/actielijnen",
              "actielijn-2": "/id/actielijn/2", "ggd-groningen": "/id/organisatie/ggd-groningen",
              "programma": "/id/programma/overgewicht-en-obesitas-bij-kinderen", "persoon": "/id/persoon/mirjam-herder",
              "document": "/document/actielijn-2-preventie-welzijn-samenleving", "overlap": "/overlaps",
              "overlap-2-5": "/overlaps?actielijn=2&actielijn=5", "lacunes": "/lacunes", "lacunes-tekst": "/lacunes?bron=tekst",
              "netwerk": "/netwerk", "netwerk-heel": "/netwerk?view=geheel", "netwerk-rond-ggd": f"/netwerk?ego={GGD}&diepte=2"}


@pytest.mark.full
@pytest.mark.parametrize("name", list(MAIN_PAGES))
def test_axe_finds_nothing_critical_or_serious_and_the_page_fits_a_phone(chromium, live_server, name):
    found = {}
    for label, viewport in (("desktop", {"width": 1280, "height": 900}), ("390px", {"width": 390, "height": 844})):
        # axe is injected as a script: bypass the page's Content-Security-Policy for it only
        context = chromium.new_context(viewport=viewport, bypass_csp=True)
        page = context.new_page()
        page.goto(live_server + MAIN_PAGES[name], timeout=180_000)  # /lacunes computes the gaps on first use
        if name.startswith("netwerk"):
            _drawn(page)
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map("
                                   "v => ({id: v.id, impact: v.impact, nodes: v.nodes.length})))")
        found[label] = violations
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        found[label + "-overflow-px"] = overflow
        # tables of records (who works on a programme) put each cell under the other on a phone: none out of sight
        found[label + "-cells-out-of-sight"] = page.evaluate(
            "[...document.querySelectorAll('table.stapel td')].filter(td => td.getBoundingClientRect().right > window.innerWidth + 1).length")
        context.close()
    AXE_COUNTS[name] = {label: {impact: sum(1 for v in found[label] if v["impact"] == impact)
                                for impact in ("critical", "serious", "moderate", "minor")} for label in ("desktop", "390px")}
    AXE_COUNTS[name]["overloop-390px"] = found["390px-overflow-px"]
    bad = [v for label in ("desktop", "390px") for v in found[label] if v["impact"] in ("critical", "serious")]
    assert bad == []
    assert found["390px-overflow-px"] <= 0  # nothing wider than the phone: no sideways scrolling
    assert found["390px-cells-out-of-sight"] == 0
