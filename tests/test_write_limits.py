"""What one write may hold is bounded, because Oxigraph keeps a transaction in memory until it commits
(issue 11, point 12): a write over MAX_WRITE_TRIPLES, and a table over the row limit, are refused with
413 and a Dutch reason that says how to split it, before anything is written."""

from __future__ import annotations

import graph.writes
from bench.memory_ingest import csv_table
from tests.conftest import TOKEN, triples

NOTE = "Test van de schrijfgrens"


def _organisation(client, name: str):
    return client.post("/api/organisaties", headers=TOKEN, json={"naam": name, "type": "welzijn", "toelichting": NOTE})


def test_a_write_over_the_triple_limit_is_refused_and_changes_nothing(writable, monkeypatch):
    client, app, _ = writable
    first = _organisation(client, "Stichting Grens Een")
    assert first.status_code == 201, first.text
    size = first.json()["triples"]  # the same for a name of the same length
    before = triples(app)
    monkeypatch.setattr(graph.writes, "MAX_WRITE_TRIPLES", size - 1)
    refused = _organisation(client, "Stichting Grens Twe")
    assert refused.status_code == 413, refused.text
    assert refused.json()["fout"] == (f"De wijziging heeft {size:,} triples; één schrijfactie mag er hoogstens {size - 1:,} hebben "
                                      "(het geheugen van de dienst). Er is niets vastgelegd: splits de invoer in kleinere delen.")
    assert triples(app) == before and client.get("/api/organisaties/stichting-grens-twe").status_code == 404
    monkeypatch.setattr(graph.writes, "MAX_WRITE_TRIPLES", size)
    assert _organisation(client, "Stichting Grens Twe").status_code == 201


def test_a_table_over_the_row_limit_is_refused_whole_with_how_to_split_it(writable):
    """The service's default row limit: one row more is refused in a dry run and in an import, with the
    size of the parts to make; a table of exactly the limit is read (dry run: nothing written)."""
    client, app, _ = writable
    limit = app.state.knowledge.settings.max_table_rows
    before = triples(app)
    for dry in ("true", "false"):
        refused = client.post("/api/import", headers=TOKEN, files={"bestand": ("groot.csv", csv_table(limit + 1))},
                              data={"toelichting": NOTE, "proefdraai": dry})
        assert refused.status_code == 413, refused.text
        assert refused.json()["fout"] == (f"groot.csv: meer dan {limit:,} rijen (lege rijen tellen mee). "
                                          f"Splits de tabel in delen van hoogstens {limit:,} rijen en lees ze na elkaar in.")
    assert triples(app) == before
    planned = client.post("/api/import", headers=TOKEN, files={"bestand": ("groot.csv", csv_table(limit))},
                          data={"toelichting": NOTE, "proefdraai": "true"})
    assert planned.status_code == 200, planned.text
    assert planned.json()["toevoegen"] == limit and triples(app) == before
