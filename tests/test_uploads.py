"""Documents uploaded through the service: ingested with PROV, kept for later builds, found by search;
bad files (empty, binary, wrong type, wrong encoding, too large, path traversal, markup) are refused
with a 4xx or shown as text, and change nothing."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from markupsafe import escape

from graph.factory import open_store
from graph.queries import PREFIX_BLOCK
from ingest.pipeline import build
from ingest.sources import source_paths
from tests.conftest import FIXTURES, KG, TOKEN, copy_of_built, triples

NOTE = "Kerngroep 3 maart"


def upload(client, name: str, content: bytes, **form: str):
    return client.post("/api/documenten", headers=TOKEN, files={"bestand": (name, content)},
                       data={"toelichting": NOTE, **form})


def test_an_uploaded_document_is_ingested_cited_found_and_kept(writable, corpus_dir, lexicon):
    client, app, data = writable
    content = (FIXTURES / "nieuw-netwerk-oost.md").read_bytes()
    response = upload(client, "Nieuw netwerk Oost.md", content)
    assert response.status_code == 201, response.text
    answer = response.json()
    assert answer["document"] == "nieuw-netwerk-oost" and answer["passages"] > 0
    assert (data / "documenten" / "nieuw-netwerk-oost.md").read_bytes() == content
    who = app.state.store.select(PREFIX_BLOCK + f"""SELECT ?name WHERE {{ ?a prov:generated <{KG}document/nieuw-netwerk-oost> ;
        prov:wasAssociatedWith/rdfs:label ?name }}""").rows
    assert [row["name"] for row in who] == ["anna"]
    assert client.get("/document/nieuw-netwerk-oost").status_code == 200
    assert client.get("/api/organisaties/stichting-welzijn-oldambt").status_code == 200  # a fact read from the upload

    app.state.index_refresher.wait()
    hits = client.get("/api/search", params={"q": "ketenaanpak Samen Sterk in de Wijk in Oldambt", "k": 5}).json()["resultaten"]
    assert "nieuw-netwerk-oost" in [hit["document"] for hit in hits]  # the index was refreshed after the upload

    again = upload(client, "nieuw-netwerk-oost.md", content)
    assert again.status_code == 409 and "vervang" in again.json()["fout"]
    replaced = upload(client, "nieuw-netwerk-oost.md", content + b"\n\nDe GGD Groningen sluit aan als partner.\n", vervang="true")
    assert replaced.status_code == 200 and replaced.json()["vervangen"]
    corpus_clash = upload(client, "regioplan-gezond-groningen.txt", b"Een andere tekst.")
    assert corpus_clash.status_code == 409 and "andere naam" in corpus_clash.json()["fout"]

    app.state.index_refresher.wait()
    app.state.analyses_keeper.wait()
    app.state.store.close()
    with open_store(data) as store:  # a later build reads the upload like a corpus document
        report = build(store, source_paths(corpus_dir, data), lexicon, force=True)
        assert "nieuw-netwerk-oost.md" in {outcome.name for outcome in report.outcomes}
        assert store.ask(PREFIX_BLOCK + f"ASK {{ <{KG}document/nieuw-netwerk-oost> a gg:Document }}")


CP1252_TEXT = "Het Oogst-café van Stichting Één doet mee aan Welzijn op Recept in Delfzijl.\n".encode("cp1252")
REFUSED = [
    ("leeg.txt", b"", 422, "leeg"),
    ("alleen-wit.txt", b"   \n\n  ", 422, "geen tekst"),
    ("foto.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), 415, "afbeelding"),
    ("binair.txt", b"abc\x00\x01\x02" * 50, 422, "binair"),
    ("verslag.pdf", b"Dit is gewoon tekst", 415, "geen PDF"),
    ("verslag.txt", b"%PDF-1.7\n...", 415, "een PDF"),
    ("kapot.pdf", b"%PDF-1.7\nniets", 422, "PDF"),
    ("tabel.docx", b"PK\x03\x04rest", 415, "niet ondersteund"),
    ("../../etc/passwd.txt", b"root:x:0:0", 422, "zonder map"),
    ("..\\..\\boot.ini.txt", b"[boot]", 422, "zonder map"),
    (".verborgen.txt", b"tekst", 422, "zonder map"),
    ("groot.txt", b"a" * 400_001, 413, "hoogstens"),
    ("utf16-kapot.txt", b"\xff\xfe" + b"\x00\xd8", 422, "UTF-16"),
]


@pytest.mark.parametrize(("name", "content", "status", "reason"), REFUSED, ids=[item[0] for item in REFUSED])
def test_bad_files_are_refused_and_change_nothing(writable, name, content, status, reason):
    client, app, data = writable
    before = triples(app)
    response = upload(client, name, content)
    assert response.status_code == status, response.text
    assert reason in response.json()["fout"]
    assert triples(app) == before
    assert not (data / "documenten").exists() or not any((data / "documenten").iterdir())
    assert not (data.parent / "etc").exists()


def test_encodings_long_lines_and_markup_are_read_as_text(writable):
    client, _, _ = writable
    assert upload(client, "oogst.txt", CP1252_TEXT).status_code == 201  # Windows-1252
    assert "Oogst-café van Stichting Één" in client.get("/document/oogst").text
    utf16 = "Verslag van ‘t Gorecht: Zorggroep Oost sluit aan.\n".encode("utf-16")
    assert upload(client, "gorecht.txt", utf16).status_code == 201
    assert "‘t Gorecht" in client.get("/document/gorecht").text

    long_line = ("De GGD Groningen werkt samen met Menzis aan Valpreventie in de regio " * 1000).encode()  # 70 kB, one line
    response = upload(client, "een-regel.txt", long_line)
    assert response.status_code == 201, response.text
    assert client.get("/document/een-regel").status_code == 200

    script = b"<script>alert('x')</script> De <b>Stichting</b> Kansrijk & Co doet mee.\n"
    assert upload(client, "markup.txt", script).status_code == 201
    page = client.get("/document/markup").text
    assert "<script>alert" not in page and str(escape("<script>alert('x')</script>")) in page
    html = b"<html><head><script>alert('x')</script></head><body><p>Stichting Kansrijk doet mee.</p></body></html>"
    assert upload(client, "pagina.html", html).status_code == 201
    assert "alert" not in client.get("/document/pagina").text.split("<main", 1)[1]


def test_uploads_need_a_token_and_an_explanation(writable):
    client, _, _ = writable
    assert client.post("/api/documenten", files={"bestand": ("a.txt", b"tekst")}, data={"toelichting": "x"}).status_code == 401
    missing = client.post("/api/documenten", headers=TOKEN, files={"bestand": ("a.txt", b"tekst")})
    assert missing.status_code == 422 and "toelichting" in missing.json()["fout"]
    no_file = client.post("/api/documenten", headers=TOKEN, data={"toelichting": "x"})
    assert no_file.status_code == 422


def test_reads_go_on_while_a_document_is_ingested(writable, corpus_dir):
    client, _, _ = writable
    content = (corpus_dir / "regioplan-gezond-groningen.txt").read_bytes()  # the largest document: a long ingest
    with ThreadPoolExecutor(1) as pool:
        started = time.perf_counter()
        pending = pool.submit(upload, client, "regioplan-kopie.txt", content)
        reads = []
        while not pending.done():
            reads.append(client.get("/api/organisaties/menzis").status_code)
        upload_seconds = time.perf_counter() - started
        assert pending.result().status_code == 201
    assert reads and set(reads) == {200}, reads
    assert len(reads) >= 3, f"only {len(reads)} reads answered during a {upload_seconds:.1f} s upload"


def test_a_writing_service_brings_a_search_index_behind_its_graph_up_to_date_at_start(analysed, lexicon, tmp_path):
    """A refresh after a write that a shutdown (or a crash) stopped leaves the index behind the graph:
    the next start finds that and rebuilds it, without a new write."""
    from fastapi.testclient import TestClient

    from ingest.upload import upload_document
    from service.app import create_app
    from service.settings import Settings

    data = copy_of_built(analysed, tmp_path / "kg")
    with open_store(data) as store:  # a write straight into the graph: the index does not know it
        upload_document(store, data, lexicon, "anna", "inhaalslag.txt",
                        b"Stichting Inhaalslag Oost begint het project Wolkenwandelen voor ouderen.\n", "test",
                        max_bytes=10_000)
    app = create_app(Settings(data_dir=data, write_tokens="anna=geheim-anna"))
    with TestClient(app) as client:
        deadline = time.monotonic() + 180
        while app.state.index_refresher.refreshes == 0 and time.monotonic() < deadline:
            time.sleep(0.5)
        app.state.index_refresher.wait(120)
        hits = client.get("/api/search", params={"q": "Wolkenwandelen Inhaalslag"}).json()["resultaten"]
        assert any(hit["document"] == "inhaalslag" for hit in hits), hits
        assert app.state.index_refresher.refreshes == 1


def test_a_document_that_restates_known_facts_with_its_own_confidence_is_added(writable):
    """A fact (an involvement or membership) that the corpus already holds, read again from a new document with another
    confidence: each document graph keeps its own value and the fact's confidence is the highest (before:
    a SHACL maxCount conflict refused the upload with 422)."""
    client, app, _ = writable
    store = app.state.knowledge.store
    content = (b"# Samenwerking\n\nDe GGD Groningen en Stichting Welzijn Oldambt werken samen aan Welzijn op Recept "
               b"in actielijn 2; het programma Kansrijke Start wordt getrokken door de gemeente Groningen met Menzis "
               b"als financier.\n")
    response = upload(client, "Herhaalde feiten.md", content)
    assert response.status_code == 201, response.text
    restated = store.select(PREFIX_BLOCK + """SELECT ?fact (COUNT(DISTINCT ?g) AS ?n) (MAX(?c) AS ?best) WHERE {
        GRAPH ?g { ?fact gg:betrouwbaarheid ?c } } GROUP BY ?fact HAVING (COUNT(DISTINCT ?g) > 1)""").rows
    assert restated, "the new document restates no known fact"
    queue = app.state.knowledge.review_queue()
    listed = {p.onderwerp: p.betrouwbaarheid for p in queue.voorstellen if p.soort != "entiteit"}
    for row in restated:  # a fact waits for review only when its best reading is below the threshold
        best = float(row["best"] or 0)
        assert (row["fact"] in listed) == (best < queue.drempel)
        if row["fact"] in listed:
            assert listed[row["fact"]] == best
