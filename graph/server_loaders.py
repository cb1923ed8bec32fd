"""Bulk loading on a SPARQL server with the server's own loader, for initial and benchmark loads of an
N-Quads file into a server started by scripts/servers/<server> in a data directory on this machine.

Not a transaction: the loaders write outside the server's transaction log (Virtuoso's
``rdf_loader_run`` commits as it goes, ``oxigraph load`` while the server is stopped), they add to
the named graphs (a graph of the file that already exists gets the file's triples too) and a failure
half-way can leave part of the file loaded. Builds and edits keep going through
``SparqlStore.transact``.

The default graph stays a set (SPARQL 1.1): next to the file, a file of its triples (only those of the
project's graphs, as N-Triples; the loaders drop repeats) is loaded into the graph that holds the set
of the project's triples: Oxigraph's own default graph, Virtuoso's ``standaardgraaf`` graph."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pyoxigraph as ox

from graph.nquads import read_quads
from graph.store import StoreError

ROOT = Path(__file__).resolve().parents[1]
LOADER_SECONDS = 3600
ERROR_MARK = "LAADFOUT|"


def write_set_triples(nquads: Path, namespace: str, out: Path) -> None:
    """Write the triples of ``nquads`` whose graph name starts with ``namespace`` to ``out`` as
    N-Triples (a triple stated in several graphs more than once). A quad in the default graph or bad
    N-Quads is refused with the file and line (graph/nquads.py): every triple of the project belongs
    to a document's named graph."""
    triples = (quad.triple for quad in read_quads(nquads) if quad.graph_name.value.startswith(namespace))  # type: ignore[union-attr]
    with out.open("wb") as sink:
        ox.serialize(triples, sink, format=ox.RdfFormat.N_TRIPLES)


def _staged(server_dir: Path, nquads: Path) -> Path:
    """A new directory under the server's data directory (a directory the server may read) holding
    ``graphs.nq``: a hard link to ``nquads``, or a copy on another file system."""
    stage = server_dir / f"laden-{uuid.uuid4().hex[:12]}"
    stage.mkdir()
    try:
        os.link(nquads, stage / "graphs.nq")
    except OSError:
        shutil.copyfile(nquads, stage / "graphs.nq")
    return stage


def _run(command: list[str], what: str) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=LOADER_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise StoreError(f"{what} mislukte: {error}") from error
    if done.returncode:
        raise StoreError(f"{what} mislukte (exit {done.returncode}): {(done.stderr or done.stdout).strip()[-800:]}")
    return done.stdout


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def virtuoso_load(server_dir: Path, nquads: Path, namespace: str, set_graph: str) -> None:
    """Virtuoso's bulk loader through isql: ``ld_add`` the file (its quads name their graphs) and the
    set triples (into ``set_graph``), ``rdf_loader_run()``, ``checkpoint``; then ``DB.DBA.LOAD_LIST``
    says per file whether it loaded. The server's data directory is in its DirsAllowed."""
    isql = shutil.which("isql-vt") or shutil.which("isql")
    port_file = server_dir / "isql.port"
    if isql is None:
        raise StoreError("isql-vt ontbreekt; draai scripts/setup als root (apt-get install virtuoso-opensource).")
    if not port_file.exists():
        raise StoreError(f"{port_file} ontbreekt: {server_dir} is geen datamap van scripts/servers/virtuoso.")
    stage = _staged(server_dir, nquads)
    try:
        write_set_triples(nquads, namespace, stage / "standaardgraaf.nt")
        files = f"ll_file LIKE {_sql_string(str(stage) + '/%')}"
        script = (
            f"ld_add({_sql_string(str(stage / 'graphs.nq'))}, {_sql_string(set_graph)});"
            f"ld_add({_sql_string(str(stage / 'standaardgraaf.nt'))}, {_sql_string(set_graph)});"
            "rdf_loader_run();checkpoint;"
            f"SELECT concat('{ERROR_MARK}', ll_file, '|', coalesce(ll_error, 'niet geladen')) FROM DB.DBA.LOAD_LIST "
            f"WHERE {files} AND (ll_error IS NOT NULL OR ll_state <> 2);"
            f"DELETE FROM DB.DBA.LOAD_LIST WHERE {files};"
        )
        output = _run([isql, f"127.0.0.1:{port_file.read_text().strip()}", "dba", "dba", "VERBOSE=OFF",
                       "BANNER=OFF", f"exec={script}"], f"Virtuoso's bulkloader (isql) voor {nquads}")
        errors = [line.split("|", 2)[1:] for line in output.splitlines() if line.startswith(ERROR_MARK)]
        if errors:
            raise StoreError("Virtuoso laadde niet alles: " + "; ".join(
                f"{nquads if name.endswith('graphs.nq') else 'de standaardgraaf uit ' + str(nquads)}: {error}"
                for name, error in errors))
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def oxigraph_load(server_dir: Path, nquads: Path, namespace: str, port: int) -> None:
    """``oxigraph load`` into the server's database while the server is stopped: the script stops it,
    the file (into its named graphs) and the set triples (into the default graph) load in parallel,
    the script starts it again on ``port`` (also when loading failed)."""
    binary = Path(sys.executable).with_name("oxigraph")
    command = str(binary) if binary.exists() else shutil.which("oxigraph")
    if command is None:
        raise StoreError("oxigraph ontbreekt; draai scripts/setup (pip install oxigraph).")
    script = str(ROOT / "scripts" / "servers" / "oxigraph")
    stage = _staged(server_dir, nquads)
    try:
        write_set_triples(nquads, namespace, stage / "standaardgraaf.nt")
        _run([script, "stop", str(server_dir)], "De Oxigraph-server stoppen")
        try:
            # --lenient: write_set_triples has just parsed the file strictly
            _run([command, "load", "--lenient", "--location", str(server_dir / "db"), "--file", str(stage / "graphs.nq"),
                  str(stage / "standaardgraaf.nt")], f"oxigraph load van {nquads}")
        finally:
            _run([script, "start", str(server_dir), str(port)], "De Oxigraph-server weer starten")
    finally:
        shutil.rmtree(stage, ignore_errors=True)
