"""Bulk-load benchmark on the SPARQL servers: the time to load a ×N network (bench/generate.py) into a
fresh Oxigraph server and a fresh Virtuoso, each started by its script in scripts/servers, with
the server's own loader ("lader", SparqlStore.bulk_load with server_dir) and, for comparison, the
transactional SPARQL path ("sparql", Graph Store PUTs + one update; stopped after --budget s) and
Oxigraph's HTTP bulk path ("http-post": the file as one POST application/n-quads to /store, the set
triples as one POST to /store?default).

    .venv/bin/python bench/bulk_load.py [--scales 100 1000] [--servers oxigraph virtuoso]
                                        [--paths lader sparql http-post] [--budget 900] [--out /tmp/kg-bench]
                                        [--corpus-dir ../shared/corpus]

Per run: load time, the quads on the server (COUNT over GRAPH ?g), the triples of the default graph
of public queries (each once) and the size of the server's data directory after the load.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate import DEFAULT_CORPUS, Template, generate, template_graphs  # noqa: E402
from graph.server_loaders import write_set_triples  # noqa: E402
from graph.sparql_dialects import parse_location  # noqa: E402
from graph.sparql_store import SparqlStore  # noqa: E402
from graph.store import RESULTS_JSON, QueryDataset  # noqa: E402
from ontology.namespaces import GRAPH_NAMESPACE  # noqa: E402

SERVERS = ("oxigraph", "virtuoso")
PATHS = ("lader", "sparql", "http-post")


@dataclass
class Result:
    seconds: float | None = None  # None: stopped or failed (note)
    quads: int = 0
    triples: int = 0
    disk: int = 0
    note: str = ""
    load_average: float = 0.0  # mean 1-minute load average of the machine during the load (other processes share its cores)
    load_average_max: float = 0.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _script(server: str, *arguments: str) -> str:
    done = subprocess.run([str(ROOT / "scripts" / "servers" / server), *arguments], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"scripts/servers/{server} {arguments[0]} mislukte: {done.stderr}")
    return done.stdout.strip()


def _load(location: str, data: Path, nquads: Path, path: str) -> None:
    """One load in a child process (so that a load over budget can be stopped)."""
    store = SparqlStore(parse_location(location), GRAPH_NAMESPACE, server_dir=data if path == "lader" else None)
    if path == "http-post":
        set_triples = data / "standaardgraaf.nt"
        write_set_triples(nquads, GRAPH_NAMESPACE, set_triples)
        for source, params, media in ((nquads, {}, "application/n-quads"), (set_triples, {"default": ""}, "application/n-triples")):
            with source.open("rb") as body:
                store._send("POST", store.location.store_url, params=params, content=body, headers={"Content-Type": media})
        set_triples.unlink()
    else:
        store.bulk_load(nquads)
    store.close()


def _counts(location: str) -> tuple[int, int]:
    """(quads in the named graphs of the project, triples in the default graph of public queries)."""
    with SparqlStore(parse_location(location), GRAPH_NAMESPACE) as store:
        # the store's own query (on Virtuoso kept to the project's graphs by filter, also at ×1000)
        rows = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        quads = int(rows[0]["n"] or 0)
        answer = json.loads(store.query_dataset("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", RESULTS_JSON, QueryDataset()))
        return quads, int(answer["results"]["bindings"][0]["n"]["value"])


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def run(server: str, path: str, nquads: Path, work: Path, budget: float) -> Result:
    data = work / f"{server}-{path}"
    shutil.rmtree(data, ignore_errors=True)
    ports = [str(_free_port()) for _ in range(2 if server == "virtuoso" else 1)]
    location = _script(server, "start", str(data), *ports).splitlines()[-1]
    try:
        child = multiprocessing.Process(target=_load, args=(location, data, nquads, path))
        started = time.perf_counter()
        child.start()
        loads = []
        while child.is_alive() and time.perf_counter() - started < budget:
            loads.append(os.getloadavg()[0])
            child.join(min(10.0, max(0.1, budget - (time.perf_counter() - started))))
        seconds = time.perf_counter() - started
        if child.is_alive():
            child.terminate()
            child.join()
            return Result(note=f"gestopt na {budget:.0f} s")
        if child.exitcode:
            return Result(note=f"fout (exit {child.exitcode})")
        quads, triples = _counts(location)
        return Result(round(seconds, 1), quads, triples, _size(data), load_average=round(sum(loads) / len(loads), 1),
                      load_average_max=round(max(loads), 1))
    finally:
        _script(server, "stop", str(data))
        shutil.rmtree(data, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--servers", nargs="+", choices=SERVERS, default=list(SERVERS))
    parser.add_argument("--paths", nargs="+", choices=PATHS, default=["lader"],
                        help="lader (de eigen bulkloader), sparql (transactioneel), http-post (alleen Oxigraph)")
    parser.add_argument("--budget", type=float, default=900.0, help="seconden per load; daarboven gestopt")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench", help="map voor netwerken en servers")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus-dir", type=Path, default=DEFAULT_CORPUS, help="corpus van de echte graaf (het sjabloon)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print("| schaal | regels N-Quads | server | pad | laden (min) | load average (gem. / max) | quads | triples standaardgraaf | schijf |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for scale in args.scales:
        nquads = args.out / f"graaf-x{scale}.nq"
        if not nquads.exists():
            print(f"×{scale} genereren → {nquads}", file=sys.stderr, flush=True)
            generate(Template.from_graphs(template_graphs(args.corpus_dir)), scale, nquads, seed=args.seed)
        lines = sum(1 for _ in nquads.open("rb"))
        for server in args.servers:
            for path in args.paths:
                if path == "http-post" and server != "oxigraph":
                    continue
                print(f"×{scale} {server} {path} …", file=sys.stderr, flush=True)
                result = run(server, path, nquads, args.out / "bulk", args.budget)
                print(json.dumps({"schaal": scale, "server": server, "pad": path, **asdict(result)}), file=sys.stderr, flush=True)
                if result.seconds is None:
                    print(f"| ×{scale} | {lines:,} | {server} | {path} | {result.note} | | | | |", flush=True)
                else:
                    print(f"| ×{scale} | {lines:,} | {server} | {path} | {result.seconds / 60:.1f} | "
                          f"{result.load_average} / {result.load_average_max} | {result.quads:,} | "
                          f"{result.triples:,} | {result.disk / 2**20:,.0f} MiB |", flush=True)


if __name__ == "__main__":
    main()
