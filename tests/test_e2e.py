"""As a person would: a real server, a real SPARQL client and a real browser (Debian's chromium
driven by Playwright). Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def test_sparqlwrapper_against_the_running_service(live_server):
    from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

    endpoint = SPARQLWrapper(live_server + "/sparql")
    endpoint.setQuery("""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX org: <http://www.w3.org/ns/org#>
        SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a org:Organization }""")
    endpoint.setReturnFormat(JSON)
    assert int(endpoint.query().convert()["results"]["bindings"][0]["n"]["value"]) >= 80
    endpoint.setMethod("POST")
    assert int(endpoint.query().convert()["results"]["bindings"][0]["n"]["value"]) >= 80
    endpoint.setQuery("CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://kg.gezond-groningen.nl/def#Actielijn> ; ?p ?o }")
    endpoint.setReturnFormat(TURTLE)
    graph = endpoint.queryAndConvert()
    assert b"Actielijn" in (graph if isinstance(graph, bytes) else graph.serialize(format="turtle").encode())


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed; run scripts/setup (it installs it).")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_search_valpreventie_and_follow_to_ggd(browser, live_server):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server + "/")
    page.screenshot(path=str(ARTIFACTS / "01-start.png"), full_page=True)
    page.fill("main input[name=q]", "valpreventie")
    page.press("main input[name=q]", "Enter")
    page.wait_for_selector("#resultaten li")
    page.screenshot(path=str(ARTIFACTS / "02-zoeken-valpreventie.png"), full_page=True)
    page.click("#resultaten a:text-is('GGD Groningen')")
    page.wait_for_selector("h1")
    assert page.inner_text("h1") == "GGD Groningen"
    assert "Valpreventie bij ouderen" in page.inner_text("#betrokkenheden")
    page.screenshot(path=str(ARTIFACTS / "03-ggd-groningen.png"), full_page=True)
    page.close()


def test_schemathesis_finds_no_server_error(live_server):
    """Property-based requests generated from our own OpenAPI document (bounded, fixed seed)."""
    import subprocess
    import sys

    command = [str(Path(sys.executable).parent / "schemathesis"), "run", live_server + "/openapi.json",
               "--checks", "not_a_server_error", "--max-examples", "25", "--seed", "20261123",
               "--request-timeout", "60"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]
