"""Writes through the service: tokens, SHACL-validated all-or-nothing writes with PROV, withdrawals
that survive a rebuild, and concurrent writes that lose nothing."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient

from graph.factory import open_store
from graph.queries import PREFIX_BLOCK
from ingest.pipeline import build_corpus
from service.app import create_app
from service.settings import Settings

KG = "https://kg.gezond-groningen.nl/id/"
TOKEN = {"Authorization": "Bearer geheim-anna"}


@pytest.fixture()
def writable(corpus_dir, lexicon, tmp_path):
    data = tmp_path / "kg"
    with open_store(data) as store:
        build_corpus(store, corpus_dir, lexicon)
    app = create_app(Settings(data_dir=data, write_tokens="anna=geheim-anna,bert=geheim-bert"))
    with TestClient(app) as client:
        yield client, app, data


def triples(app) -> int:
    return app.state.store.triple_count()


def test_tokens_are_required(built, writable):
    client, _, _ = writable
    body = {"naam": "Stichting Test", "type": "welzijn", "toelichting": "test"}
    assert client.post("/api/organisaties", json=body).status_code == 401
    assert client.post("/api/organisaties", json=body, headers={"Authorization": "Bearer fout"}).status_code == 403
    with TestClient(create_app(Settings(data_dir=built[2]))) as read_only:
        refused = read_only.post("/api/organisaties", json=body, headers=TOKEN)
        assert refused.status_code == 403 and "uit" in refused.json()["fout"]


def test_add_organisation_with_provenance(writable):
    client, app, _ = writable
    response = client.post("/api/organisaties", headers=TOKEN,
                           json={"naam": "Stichting Welzijn Oost", "type": "welzijn", "toelichting": "Kerngroep 3 maart"})
    assert response.status_code == 201, response.text
    detail = client.get("/api/organisaties/stichting-welzijn-oost").json()
    assert detail["label"] == "Stichting Welzijn Oost" and detail["properties"]["type"] == ["welzijn"]
    assert detail["passages"][0]["text"] == "Kerngroep 3 maart"
    who = app.state.store.select(PREFIX_BLOCK + f"""SELECT ?name ?time WHERE {{ ?a prov:generated <{KG}organisatie/stichting-welzijn-oost> ;
        prov:wasAssociatedWith/rdfs:label ?name ; prov:startedAtTime ?time }}""").rows
    assert who[0]["name"] == "anna" and who[0]["time"]
    duplicate = client.post("/api/organisaties", headers=TOKEN,
                            json={"naam": "Stichting Welzijn Oost", "type": "welzijn", "toelichting": "nogmaals"})
    assert duplicate.status_code == 422 and "naam" in duplicate.json()["fout"]


def test_rejected_writes_change_nothing(writable):
    client, app, _ = writable
    before = triples(app)
    bad_programme = client.post("/api/betrokkenheden", headers=TOKEN, json={
        "programma": KG + "programma/bestaat-niet", "betrokkene": KG + "organisatie/menzis", "rol": "trekker", "toelichting": "x"})
    assert bad_programme.status_code == 422 and "programma" in bad_programme.json()["fout"]
    bad_type = client.post("/api/organisaties", headers=TOKEN, json={"naam": "X", "type": "planeet", "toelichting": "x"})
    assert bad_type.status_code == 422
    injected = client.post("/api/betrokkenheden", headers=TOKEN, json={
        "programma": KG + "programma/vitaal-groningen> } ; DROP ALL ; {", "betrokkene": KG + "organisatie/menzis",
        "rol": "trekker", "toelichting": "x"})
    assert injected.status_code == 422
    assert triples(app) == before


def test_involvement_added_then_withdrawn_and_a_rebuild_keeps_the_withdrawal(writable, corpus_dir, lexicon):
    client, app, data = writable
    added = client.post("/api/betrokkenheden", headers=TOKEN, json={
        "programma": KG + "programma/vitaal-groningen", "betrokkene": KG + "organisatie/menzis", "rol": "trekker",
        "toelichting": "Besluit stuurgroep 14 juni"})
    assert added.status_code == 201, added.text
    who = client.get("/api/programmas/vitaal-groningen").json()["involvements"]
    assert [(i["betrokkene_naam"], i["rol"], i["tekst"]) for i in who] == [("Menzis", "trekker", "Besluit stuurgroep 14 juni")]

    funders = [i for i in client.get("/api/programmas/veilige-en-gezonde-leefomgeving").json()["involvements"] if i["rol"] == "financier"]
    involvement = app.state.store.select(PREFIX_BLOCK + f"""SELECT ?b WHERE {{ <{KG}programma/veilige-en-gezonde-leefomgeving>
        prov:qualifiedAssociation ?b . ?b prov:hadRole/skos:notation "financier" }}""").rows[0]["b"]
    assert funders
    withdrawn = client.delete("/api/betrokkenheden/" + involvement.rsplit("/", 1)[1], headers=TOKEN,
                              params={"toelichting": "ZonMw financiert niet meer na 2025"})
    assert withdrawn.status_code == 200, withdrawn.text
    assert not [i for i in client.get("/api/programmas/veilige-en-gezonde-leefomgeving").json()["involvements"] if i["rol"] == "financier"]
    app.state.store.close()  # a rebuild from the documents, as `gezond-kg build --opnieuw` would
    with open_store(data) as store:
        build_corpus(store, corpus_dir, lexicon, force=True)
        assert not store.ask(PREFIX_BLOCK + f"ASK {{ <{involvement}> ?p ?o }}")
        assert store.ask(PREFIX_BLOCK + f"ASK {{ <{KG}programma/vitaal-groningen> prov:wasAssociatedWith <{KG}organisatie/menzis> }}")


def test_concurrent_writes_lose_nothing(writable):
    client, _, _ = writable
    organisations = ["gemeente-groningen", "menzis", "ggd-groningen", "zorg-innovatie-forum"]

    def write(slug: str) -> int:
        return client.post("/api/betrokkenheden", headers=TOKEN, json={
            "programma": KG + "programma/vitaal-groningen", "betrokkene": KG + f"organisatie/{slug}", "rol": "partner",
            "toelichting": f"partner {slug}"}).status_code

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(write, organisations)) == [201] * 4
    partners = {i["betrokkene"].rsplit("/", 1)[1] for i in client.get("/api/programmas/vitaal-groningen").json()["involvements"]}
    assert set(organisations) <= partners
