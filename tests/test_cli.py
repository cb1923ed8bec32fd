"""The gezond-kg command line on the real corpus."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from service.cli import app

runner = CliRunner()


def test_build_stats_who_sparql_validate_export(corpus_dir, tmp_path):
    data = ["--data-dir", str(tmp_path / "data")]
    built = runner.invoke(app, ["build", "--zonder-zoekindex", "--corpus-dir", str(corpus_dir), *data])
    assert built.exit_code == 0, built.output
    assert "Graaf gebouwd" in built.output

    stats = runner.invoke(app, ["stats", "--json", *data])
    assert stats.exit_code == 0, stats.output
    payload = json.loads(stats.output)
    assert payload["aantallen"]["actielijnen"] == 5
    assert payload["verbinders"][0]["actielijnen"]

    who = runner.invoke(app, ["who", "Valpreventie", "--json", *data])
    found = json.loads(who.output)
    assert {"GGD Groningen", "Menzis"} <= {b["agent_label"] for b in found["betrokkenen"] if b["role"] == "trekker"}
    assert all(b["passage_text"] for b in found["betrokkenen"])

    sparql = runner.invoke(app, ["sparql", "--json", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", *data])
    assert json.loads(sparql.output)["head"]["vars"] == ["n"]
    # the project's prefixes need no PREFIX lines
    lines = runner.invoke(app, ["sparql", "--json", "SELECT ?n WHERE { ?a a gg:Actielijn ; gg:nummer ?n } ORDER BY ?n", *data])
    assert lines.exit_code == 0, lines.output
    assert [row["n"]["value"] for row in json.loads(lines.output)["results"]["bindings"]] == ["1", "2", "3", "4", "5"]
    bad = runner.invoke(app, ["sparql", "SELEC nonsense", *data])
    assert bad.exit_code == 2 and "SPARQL" in bad.output

    assert runner.invoke(app, ["validate", *data]).exit_code == 0
    standalone = tmp_path / "netwerk.html"
    drawn = runner.invoke(app, ["graph", "--out", str(standalone), "--ego", "GGD Groningen", "--diepte", "2", *data])
    assert drawn.exit_code == 0, drawn.output
    html = standalone.read_text(encoding="utf-8")
    assert "vis.Network" in html and "<script src=" not in html  # vis-network inlined: works offline
    assert runner.invoke(app, ["graph", "--out", str(standalone), "--ego", "Bestaat Niet", *data]).exit_code == 2
    for fmt in ("ttl", "jsonld", "nt", "csv", "graphml", "gexf"):
        out = tmp_path / f"export.{fmt}"
        result = runner.invoke(app, ["export", "--format", fmt, "--out", str(out), *data])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 1000


def test_commands_before_a_build_say_what_to_do(tmp_path):
    result = runner.invoke(app, ["stats", "--data-dir", str(tmp_path / "leeg")])
    assert result.exit_code == 2
    assert "gezond-kg build" in result.output


def test_every_command_has_help():
    for command in ("build", "stats", "who", "search", "overlaps", "gaps", "sparql", "validate", "export", "serve", "graph"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output


def test_search_and_topic_questions(built, search_engine):
    data = ["--data-dir", str(built[2])]
    result = runner.invoke(app, ["search", "hoe voorkomen we dat ouderen vallen", "-k", "3", "--json", *data])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.output)["resultaten"]
    assert len(hits) == 3 and all(h["snippet"] and h["document"] for h in hits)
    programmes = json.loads(runner.invoke(app, ["search", "Tijd voor Toekomst", "--kind", "programma", "--json", *data]).output)
    assert programmes["resultaten"][0]["title"] == "Tijd voor Toekomst"
    assert {h["kind"] for h in programmes["resultaten"]} == {"programma"}
    table = runner.invoke(app, ["search", "Tijd voor Toekomst", *data])
    assert table.exit_code == 0 and "score" in table.output
    refused = runner.invoke(app, ["search", "roken", "-k", "500", *data])
    assert refused.exit_code == 2 and "k moet" in refused.output

    topic = json.loads(runner.invoke(app, ["who", "eenzaamheid onder ouderen", "--json", *data]).output)
    assert topic["gevonden_via"] == "zoeken" and topic["betrokkenen"]
