"""Spreadsheets: export organisations and involvements, import them back (a round trip changes
nothing), a dry run that reports additions, changes and rejections by row and column, and an import
that is all-or-nothing."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

from tests.conftest import TOKEN, triples


def send(client, name: str, content: bytes, *, dry_run: bool = True):
    return client.post("/api/import", headers=TOKEN, files={"bestand": (name, content)},
                       data={"toelichting": "Ledenlijst kerngroep", "proefdraai": str(dry_run).lower()})


def test_export_then_import_changes_nothing(writable):
    client, app, _ = writable
    before = triples(app)
    organisations = client.get("/api/export/organisaties.csv")
    involvements = client.get("/api/export/betrokkenheden.csv")
    workbook = client.get("/api/export/tabellen.xlsx")
    assert organisations.status_code == involvements.status_code == workbook.status_code == 200
    lines = organisations.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "sleutel;naam;type"
    assert len(lines) - 1 == client.get("/api/stats").json()["aantallen"]["organisaties"]  # every organisation once
    assert "menzis;Menzis;zorgverzekeraar" in lines
    for name, content in (("organisaties.csv", organisations.content), ("betrokkenheden.csv", involvements.content),
                          ("tabellen.xlsx", workbook.content)):
        plan = send(client, name, content, dry_run=False).json()
        assert (plan["toevoegen"], plan["wijzigen"], plan["geweigerd"]) == (0, 0, 0), (name, plan["rijen"][:3])
        assert plan["ongewijzigd"] > 100 and plan["invoer"] is None
    assert triples(app) == before
    sheets = load_workbook(io.BytesIO(workbook.content)).sheetnames
    assert sheets == ["organisaties", "betrokkenheden"]


CSV = """sleutel;naam;type
;Stichting Één Oost;welzijn
menzis;Menzis;ziekenhuis
;Stichting Één Oost;welzijn
;Zonder Type;planeet
onbekend;Bestaat Niet;welzijn
;=HYPERLINK("http://x");overig
""".encode("cp1252")


def test_dry_run_reports_by_row_and_column_and_a_rejected_import_changes_nothing(writable):
    client, app, _ = writable
    before = triples(app)
    plan = send(client, "leden.csv", CSV).json()
    by_row = {row["row"]: row for row in plan["rijen"]}
    assert by_row[2]["status"] == "toevoegen" and by_row[2]["subject"] == "stichting-een-oost"
    assert by_row[3]["status"] == "wijzigen" and "zorgverzekeraar → ziekenhuis" in by_row[3]["reason"]
    assert (by_row[4]["status"], by_row[4]["column"]) == ("geweigerd", "naam") and "rij 2" in by_row[4]["reason"]
    assert (by_row[5]["status"], by_row[5]["column"]) == ("geweigerd", "type") and "planeet" in by_row[5]["reason"]
    assert (by_row[6]["status"], by_row[6]["column"]) == ("geweigerd", "sleutel")
    assert by_row[7]["status"] == "toevoegen"
    assert (plan["toevoegen"], plan["wijzigen"], plan["geweigerd"]) == (2, 1, 3)
    refused = send(client, "leden.csv", CSV, dry_run=False)
    assert refused.status_code == 422 and "niets ingelezen" in refused.json()["fout"]
    assert triples(app) == before


def test_an_import_adds_organisations_and_their_involvements_in_one_write(writable):
    client, app, _ = writable
    workbook = Workbook()
    organisations = workbook.active
    organisations.title = "organisaties"
    organisations.append(["sleutel", "naam", "type"])
    organisations.append([None, "Stichting Één Oost", "welzijn"])
    organisations.append([None, "+Plus Zorg", "overig"])
    involvements = workbook.create_sheet("betrokkenheden")
    involvements.append(["programma", "programma_naam", "betrokkene", "betrokkene_naam", "rol"])
    involvements.append(["vitaal-groningen", None, None, "Stichting Één Oost", "trekker"])
    involvements.append([None, "Welzijn op Recept", "organisatie/menzis", None, "financier"])
    involvements.append([None, "Bestaat niet", "organisatie/menzis", None, "partner"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    plan = send(client, "lijst.xlsx", buffer.getvalue()).json()
    assert [(r["table"], r["row"], r["status"], r["column"]) for r in plan["rijen"] if r["status"] == "geweigerd"] == [
        ("betrokkenheden", 4, "geweigerd", "programma")]
    involvements.delete_rows(4)
    buffer = io.BytesIO()
    workbook.save(buffer)
    applied = send(client, "lijst.xlsx", buffer.getvalue(), dry_run=False)
    assert applied.status_code == 201, applied.text
    assert (applied.json()["toevoegen"], applied.json()["geweigerd"]) == (4, 0)
    leads = client.get("/api/programmas/vitaal-groningen").json()["involvements"]
    assert [(i["betrokkene_naam"], i["rol"]) for i in leads] == [("Stichting Één Oost", "trekker")]

    exported = client.get("/api/export/organisaties.csv").content
    assert "'+Plus Zorg" in exported.decode("utf-8-sig")  # not a formula in a spreadsheet program
    again = send(client, "organisaties.csv", exported).json()
    assert (again["toevoegen"], again["wijzigen"], again["geweigerd"]) == (0, 0, 0)
    assert triples(app) > 0


def test_unreadable_spreadsheets_are_refused_with_a_reason(writable):
    client, _, _ = writable
    for name, content, reason in (
        ("kapot.xlsx", b"PK\x03\x04 geen echte werkmap", "XLSX"),
        ("leeg.csv", b"", "leeg"),
        ("binair.csv", b"\x00\x01\x02" * 10, "binair"),
        ("kolommen.csv", b"naam;rol\nMenzis;trekker\n", "ontbreekt"),
        ("onbekend.csv", b"a;b\n1;2\n", "onbekende tabel"),
        ("lijst.ods", b"iets", "alleen .csv en .xlsx"),
    ):
        response = send(client, name, content)
        assert response.status_code == 422, (name, response.text)
        assert reason in response.json()["fout"], (name, response.json()["fout"])
