"""`gezond-kg laad`: bulk loading an N-Quads file into an empty store (embedded, or a SPARQL server with
its own loader), with errors that name the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph import nquads
from graph.factory import open_store
from graph.store import Store
from ontology.namespaces import GRAPH_NAMESPACE
from service.cli import app
from tests.test_backends import SERVERS, _running

runner = CliRunner()
GRAPH = GRAPH_NAMESPACE + "document/"
QUADS = "".join(
    f'<https://gezond-groningen.nl/id/organisatie/o{n}> <http://www.w3.org/2000/01/rdf-schema#label> "Organisatie {n}" <{GRAPH}d{n % 3}> .\n'
    for n in range(30)) + "".join(
    f'<https://gezond-groningen.nl/id/regio> <http://www.w3.org/2000/01/rdf-schema#label> "Regio" <{GRAPH}d{n}> .\n'
    for n in range(3))  # 33 quads in 3 graphs; the regio triple in all three
LINES = QUADS.splitlines(keepends=True)


def _file(tmp_path: Path, text: str, name: str = "graaf.nq") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _contents(store: Store) -> tuple[dict[str, int], int]:
    """(quads per graph, triples of the default graph)."""
    rows = store.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").rows
    default = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
    return {str(row["g"]): int(row["n"] or 0) for row in rows}, int(default[0]["n"] or 0)


EXPECTED = ({f"{GRAPH}d0": 11, f"{GRAPH}d1": 11, f"{GRAPH}d2": 11}, 31)


def test_loads_into_the_embedded_store_and_refuses_a_second_load(tmp_path: Path) -> None:
    source = _file(tmp_path, QUADS)
    loaded = runner.invoke(app, ["laad", str(source), "--data-dir", str(tmp_path / "data")])
    assert loaded.exit_code == 0, loaded.output
    assert "33 quads in 3 grafen geladen uit" in loaded.output and "de store heeft nu 3 grafen" in loaded.output
    with open_store(tmp_path / "data", read_only=True) as store:
        assert _contents(store) == EXPECTED
    again = runner.invoke(app, ["laad", str(source), "--data-dir", str(tmp_path / "data")])
    assert again.exit_code == 2 and "De store heeft al 3 grafen" in again.output and "--toevoegen" in again.output


@pytest.mark.parametrize(("text", "line", "message"), [
    ("".join(LINES[:5]) + "<urn:x-test:s> <urn:x-test:p> \"open\n" + "".join(LINES[5:]), "6", "geen geldige N-Quads"),
    ("".join(LINES[:9]) + "<urn:x-test:s> <urn:x-test:p> <urn:x-test:o> <urn:x-test:g>\n" + "".join(LINES[9:]), "11 (of het einde van regel 10)",
     "geen geldige N-Quads (Quads must be followed by a dot)"),
    (QUADS + "<urn:x-test:s> <urn:x-test:p> <urn:x-test:o> .\n", "34", "de triple"),
    ("".join(LINES[:2]) + "<urn:x-test:s> <urn:x-test:p> <urn:x-test:o> <urn:x-test:g> .\n" + "".join(LINES[2:]), "3",
     "de graaf <urn:x-test:g> hoort niet bij dit project"),
])
def test_bad_input_names_the_file_and_line_and_loads_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             text: str, line: str, message: str) -> None:
    monkeypatch.setattr(nquads, "BLOCK_BYTES", 500)  # several blocks: the line is counted over them
    source = _file(tmp_path, text, "kapot.nq")
    result = runner.invoke(app, ["laad", str(source), "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 2
    unwrapped = "".join(result.output.split())  # the console wraps long paths anywhere, also inside a name
    assert "".join(f"kapot.nq, regel {line}: {message}".split()) in unwrapped
    assert not (tmp_path / "data" / "store").exists()


def test_a_server_directory_needs_a_server(tmp_path: Path) -> None:
    result = runner.invoke(app, ["laad", str(_file(tmp_path, QUADS)), "--server-dir", str(tmp_path), "--data-dir", str(tmp_path)])
    assert result.exit_code == 2 and "--server-dir" in result.output and "--store" in result.output


@pytest.mark.parametrize("server", SERVERS)
def test_loads_with_the_servers_own_loader(server: str, tmp_path: Path) -> None:
    data = tmp_path / server
    with _running(server, data) as location:
        loaded = runner.invoke(app, ["laad", str(_file(tmp_path, QUADS)), "--store", location, "--server-dir", str(data)])
        assert loaded.exit_code == 0, loaded.output
        assert "33 quads in 3 grafen" in loaded.output and "eigen lader van de server" in loaded.output
        with open_store(tmp_path, store_url=location, read_only=True) as store:
            assert _contents(store) == EXPECTED
