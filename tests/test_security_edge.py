"""Issue 11 at the edge of the service: bombs in uploads and imports are refused with 413/422 and a Dutch
reason, every CSV is escaped, uniqueness holds under concurrent writes, failures answer a clear 4xx/503/507
instead of 500, and every response carries the security headers."""

from __future__ import annotations

import csv
import errno
import io
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.attack import flate_bomb_pdf, xlsx_with_sheet
from graph.errors import TooLarge
from ingest.spreadsheets import SpreadsheetError, TableLimits, csv_text, read_table_file
from tests.conftest import KG, TOKEN, triples
from tests.test_e2e import browser  # noqa: F401 - the Chromium fixture

NOTE = "Test van issue 11"
HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>naam</t></is></c><c r="B1" t="inlineStr"><is><t>type</t></is></c></row>'


def _sheet(rows: str, prolog: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>')


def _import(client, name: str, content: bytes, **form: str):
    return client.post("/api/import", headers=TOKEN, files={"bestand": (name, content)}, data={"toelichting": NOTE, **form})


def _upload(client, name: str, content: bytes, **form: str):
    return client.post("/api/documenten", headers=TOKEN, files={"bestand": (name, content)}, data={"toelichting": NOTE, **form})


# --- 3. bombs in imports ------------------------------------------------------------------------------

BILLION_LAUGHS = ('<!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                  '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>')
XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize("sheet, status, reason", [
    # 20 M empty rows in the issue; here a jump to row 1,048,576 after the header: over the row limit
    (_sheet(HEADER_ROW + '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'), 413, "meer dan 4,000 rijen"),
    # 60 MB of XML that deflates to a few tens of kB: refused from the sizes the zip declares
    (_sheet(HEADER_ROW + " " * 60_000_000), 413, "uitgepakt"),
    (_sheet(HEADER_ROW.replace("<t>naam</t>", "<t>&lol2;</t>"), BILLION_LAUGHS), 422, "DTD"),
    (_sheet(HEADER_ROW.replace("<t>naam</t>", "<t>&xxe;</t>"), XXE), 422, "DTD"),
    (_sheet(HEADER_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>kapot'), 422, "leesbaar XLSX"),
], ids=["rows", "unzipped-size", "billion-laughs", "xxe", "truncated-xml"])
def test_xlsx_bombs_are_refused_with_a_reason_and_change_nothing(writable, sheet, status, reason):
    client, app, _ = writable
    before = triples(app)
    response = _import(client, "bom.xlsx", xlsx_with_sheet(sheet), proefdraai="false")
    assert response.status_code == status, response.text
    assert reason in response.json()["fout"] and "bom.xlsx" in response.json()["fout"]
    assert triples(app) == before
    assert client.get("/healthz").status_code == 200


def test_csv_row_limit_counts_empty_lines():
    raw = b"naam;type\n" + b";\n" * 1_001
    with pytest.raises(SpreadsheetError) as refused:
        read_table_file("lijst.csv", raw, TableLimits(max_rows=1_000))
    assert isinstance(refused.value, TooLarge) and "meer dan 1,000 rijen" in str(refused.value)
    assert len(read_table_file("lijst.csv", b"naam;type\nA;gemeente\n" + b";\n" * 998, TableLimits(max_rows=1_000))) == 1


def test_columns_beyond_the_limit_are_ignored():
    header = ",".join(["naam", "type"] + [f"extra{i}" for i in range(40)])
    rows = read_table_file("lijst.csv", f"{header}\nGGD,zorg{',x' * 40}\n".encode(), TableLimits(max_columns=3))
    assert [row.values for row in rows] == [{"naam": "GGD", "type": "zorg", "extra0": "x"}]


# --- 7. formula injection in every CSV -----------------------------------------------------------------

def test_one_escaping_function_for_every_csv():
    text = csv_text(["a", "b", "c"], [{"a": "=HYPERLINK(\"http://x\")", "b": 0.5, "c": "@SUM(1)"}, {"a": "\t=1", "b": "-2", "c": "gewoon"}])
    assert list(csv.reader(io.StringIO(text))) == [["a", "b", "c"], ["'=HYPERLINK(\"http://x\")", "0.5", "'@SUM(1)"],
                                                   ["'\t=1", "'-2", "gewoon"]]


def test_lacunes_csv_escapes_a_formula_in_a_programme_name(writable):
    client, app, _ = writable
    created = client.post("/api/programmas", headers=TOKEN,
                          json={"naam": "=HYPERLINK(\"http://x.nl\";\"klik\") programma", "actielijnen": [2], "toelichting": NOTE})
    assert created.status_code == 201, created.text
    app.state.analyses_keeper.wait()  # the analyses follow a write in the background
    body = client.get("/lacunes.csv").text
    lines = [line for line in body.splitlines() if "HYPERLINK" in line]
    assert lines and all("'=HYPERLINK" in line and ",=HYPERLINK" not in line for line in lines)


# --- 8. races: uniqueness checks inside the write lock -------------------------------------------------

def test_ten_simultaneous_uploads_of_one_name_give_one_201_and_409s(writable):
    client, app, data = writable
    contents = [f"Versie {i}: Stichting Welzijn Oldambt werkt aan Welzijn op Recept.\n".encode() for i in range(10)]
    with ThreadPoolExecutor(10) as pool:
        statuses = list(pool.map(lambda content: _upload(client, "race.txt", content).status_code, contents))
    assert sorted(statuses) == [201] + [409] * 9
    kept = (data / "documenten" / "race.txt").read_bytes()
    assert kept in contents
    graph = app.state.store.select(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{KG}document/race> ?p ?o }} }}").rows
    assert len({row["g"] for row in graph}) == 2  # the document's own graph and the graph of the one write


def test_the_same_organisation_posted_six_times_gives_one_201(writable):
    client, _, _ = writable
    body = {"naam": "Stichting Racetest", "type": "welzijn", "toelichting": NOTE}
    with ThreadPoolExecutor(6) as pool:
        responses = list(pool.map(lambda _: client.post("/api/organisaties", headers=TOKEN, json=body), range(6)))
    assert sorted(r.status_code for r in responses) == [201] + [422] * 5
    assert all("al een organisatie" in r.json()["fout"] for r in responses if r.status_code == 422)


# --- 9. clear 4xx/503/507 instead of 500 ----------------------------------------------------------------

def test_a_file_name_over_200_characters_is_refused(writable):
    client, _, data = writable
    response = _upload(client, "a" * 300 + ".txt", b"Tekst over Welzijn op Recept.\n")
    assert response.status_code == 422 and "hoogstens 200" in response.json()["fout"]
    assert not any(path.name.startswith("aaaa") for path in (data / "documenten").glob("*")) if (data / "documenten").exists() else True


def test_a_pdf_flate_bomb_is_refused_with_413(writable):
    client, app, _ = writable
    before = triples(app)
    bomb = flate_bomb_pdf(80_000_000)  # over pypdf's 75 MB limit for one stream, ~80 kB on the wire
    assert len(bomb) < 400_000
    response = _upload(client, "bom.pdf", bomb)
    assert response.status_code == 413, response.text
    assert "zip-bom" in response.json()["fout"] and triples(app) == before


def test_a_document_over_its_text_or_time_limit_is_refused_and_changes_nothing(kg_copy, lexicon, tmp_path):
    """What an upload may cost is bounded: its characters of text after reading, and the time for reading the
    file with its facts (checked between two passages); under both limits the same document is added."""
    from ingest.layout import split_passages
    from ingest.sources import PdfLimits
    from ingest.upload import UploadTooLarge, upload_document

    text = ("Stichting Welzijn Oldambt en de GGD Groningen werken samen aan Welzijn op Recept.\n\n" * 40).encode()
    before = kg_copy.triple_count()
    with pytest.raises(UploadTooLarge, match=r"tekens tekst; een document mag hoogstens 1,000 tekens hebben .* Splits het"):
        upload_document(kg_copy, tmp_path, lexicon, "anna", "lang.txt", text, "test", max_bytes=10_000_000, max_chars=1_000)
    with pytest.raises(UploadTooLarge, match=r"lang: het lezen van de feiten was na passage 0 van \d+ nog niet klaar"):
        upload_document(kg_copy, tmp_path, lexicon, "anna", "lang.txt", text, "test", max_bytes=10_000_000,
                        pdf_limits=PdfLimits(max_seconds=0))
    assert kg_copy.triple_count() == before and not (tmp_path / "documenten" / "lang.txt").exists()
    added = upload_document(kg_copy, tmp_path, lexicon, "anna", "lang.txt", text, "test", max_bytes=10_000_000, max_chars=10_000)
    assert added.passages == len(split_passages("lang", text.decode())) and kg_copy.triple_count() > before


def test_a_pdf_over_the_page_limit_is_refused_from_its_declared_count(tmp_path):
    """The page tree's /Count is read before the pages are counted (walking 72,000 pages took 100 s)."""
    from bench.memory_ingest import pdf
    from ingest.sources import DocumentTooLarge, PdfLimits, read_document

    path = tmp_path / "groot.pdf"
    path.write_bytes(pdf(3, declared=72_000))
    with pytest.raises(DocumentTooLarge, match="72,000 pagina's; een PDF mag er hoogstens 2,000"):
        read_document(path, PdfLimits(max_pages=2_000))
    path.write_bytes(pdf(3))
    with pytest.raises(DocumentTooLarge, match="3 pagina's; een PDF mag er hoogstens 2 hebben"):
        read_document(path, PdfLimits(max_pages=2))


def test_a_damaged_search_index_answers_503_and_the_service_goes_on(writable):
    client, app, data = writable
    for path in (data / "search").rglob("*"):
        if path.is_file() and path.suffix in (".npy", ".json"):
            path.write_bytes(b"kapot")
    app.state.engine = None
    response = client.get("/api/search", params={"q": "valpreventie"})
    assert response.status_code == 503 and "zoekindex is beschadigd" in response.json()["fout"]
    assert "Error" not in response.json()["fout"]
    assert client.get("/healthz").status_code == 200 and client.get("/api/organisaties").status_code == 200


def test_disk_full_during_a_write_answers_507_and_the_next_write_works(writable, monkeypatch):
    client, app, _ = writable
    store = app.state.store
    real = store.transact

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store, "transact", full)
    before = triples(app)
    response = client.post("/api/organisaties", headers=TOKEN, json={"naam": "Stichting Vol", "type": "welzijn", "toelichting": NOTE})
    assert response.status_code == 507 and "schijf is vol" in response.json()["fout"]
    assert triples(app) == before
    monkeypatch.setattr(store, "transact", real)
    again = client.post("/api/organisaties", headers=TOKEN, json={"naam": "Stichting Vol", "type": "welzijn", "toelichting": NOTE})
    assert again.status_code == 201


def test_serve_on_a_truncated_sst_exits_with_a_dutch_message(built, tmp_path):
    data = tmp_path / "kg"
    shutil.copytree(built[2] / "store", data / "store", ignore=shutil.ignore_patterns("LOCK"))
    sst = max((data / "store").glob("*.sst"), key=lambda path: path.stat().st_size)
    sst.write_bytes(sst.read_bytes()[: sst.stat().st_size // 2])
    command = [str(Path(sys.executable).parent / "gezond-kg"), "serve", "--port", "1", "--data-dir", str(data)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "beschadigd" in output and "Traceback" not in output


# --- 11. headers ------------------------------------------------------------------------------------------

SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy")


@pytest.mark.parametrize("path", ["/", "/healthz", "/netwerk", "/docs", "/openapi.json", "/static/vis/vis-network.css",
                                  "/bestaat-niet", "/api/organisaties?limit=abc", "/lacunes.csv"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert all(name in response.headers for name in SECURITY_HEADERS), (path, response.status_code, dict(response.headers))
    assert response.headers["x-content-type-options"] == "nosniff" and response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_a_413_from_the_body_limit_carries_the_headers_too(client):
    response = client.post("/sparql", content=b"x" * 2_000_000, headers={"content-type": "application/sparql-query"})
    assert response.status_code == 413 and response.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("accept, shape", [("application/json", '"fout"'), ("text/html", "<h1>")])
def test_a_500_from_an_uncaught_error_carries_the_headers_and_no_internal_names(tmp_path, accept, shape):
    """The answer of Starlette's outermost error middleware (an exception no handler caught) has the
    security headers too, and says nothing about the exception."""
    from fastapi.testclient import TestClient

    from service.app import create_app
    from service.settings import Settings

    app = create_app(Settings(data_dir=tmp_path))

    @app.get("/kapot")
    def broken() -> None:
        raise RuntimeError("geheime-interne-naam")

    response = TestClient(app, raise_server_exceptions=False).get("/kapot", headers={"accept": accept})
    assert response.status_code == 500 and shape in response.text
    assert all(name in response.headers for name in SECURITY_HEADERS), dict(response.headers)
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert "RuntimeError" not in response.text and "geheime-interne-naam" not in response.text and "intern" in response.text


def test_redirects_do_not_reflect_the_host_header(client):
    response = client.get("/zoeken/?q=valpreventie", headers={"host": "aanvaller.example"}, follow_redirects=False)
    assert response.status_code in (307, 308)
    assert response.headers["location"] == "/zoeken?q=valpreventie"


def test_inline_scripts_carry_the_nonce_of_their_policy_and_pages_have_none(client):
    response = client.get("/docs")
    nonce = response.headers["content-security-policy"].split("'nonce-", 1)[1].split("'", 1)[0]
    assert f'<script nonce="{nonce}">' in response.text
    assert client.get("/docs").headers["content-security-policy"] != response.headers["content-security-policy"]
    network = client.get("/netwerk").text  # the explorer's scripts are files; its data is JSON, not code
    inline = [tag for tag in re.findall(r"<script[^>]*>", network) if "src=" not in tag and 'type="application/json"' not in tag]
    assert inline == []


def test_docs_load_swagger_ui_from_the_service_itself(client):
    page = client.get("/docs")
    assert page.status_code == 200 and "cdn" not in page.text.lower() and "/static/swagger/swagger-ui-bundle.js" in page.text
    bundle = client.get("/static/swagger/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and len(bundle.content) > 1_000_000
    assert client.get("/static/swagger/swagger-ui.css").status_code == 200
    assert "Apache License" in (Path(__file__).resolve().parents[1] / "service" / "static" / "swagger" / "LICENSE").read_text()


@pytest.mark.parametrize("location, relative", [("http://aanvaller.example/zoeken?q=1", "/zoeken?q=1"),
                                                ("http://h//elders.nl/x", "/elders.nl/x"), ("//elders.nl/x", "/x"),
                                                ("/zoeken?q=1", "/zoeken?q=1"), ("https://h", "/")])
def test_a_location_never_names_a_host(location, relative):
    from service.headers import relative_location

    assert relative_location(location) == relative


@pytest.mark.parametrize("path, ready", [("/", "main input[name=q]"), ("/netwerk", "body[data-stable=true]"),
                                         ("/docs", ".swagger-ui .opblock"), ("/id/organisatie/ggd-groningen", "h1")])
def test_pages_work_under_the_content_security_policy(browser, live_server, path, ready):  # noqa: F811 - the fixture imported above
    """In Chromium: the page (vis-network, Swagger UI) draws, and the browser reports no CSP violation."""
    page = browser.new_page()
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(live_server + path)
    page.wait_for_selector(ready, timeout=60_000)
    page.close()
    assert violations == []
    assert all(url.startswith(live_server) or url.startswith("data:") for url in requests), requests
