"""The query path under attack (issue 11), measured on a copy of a built graph: the time to inspect
hostile queries, how long a quick query waits behind slow ones and behind abandoned ones, and how
many SPARQL reads fail while writes happen. Loopback only; bounded in count and time.

    .venv/bin/python bench/sparql_guard.py --data-dir data [--timeout 10] [--slow 5]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import threading
import time
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from graph.oxigraph_store import OxigraphStore
from graph.sparql_scan import QueryRefused, check_public_query
from service.query_runner import IsolatedQueryRunner, QueryCancelled, QueryFailed, QueryTimeout

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
JSON = "application/sparql-results+json"
HOSTILE = {
    "PREFIX a:<<<… (20 000)": "PREFIX a:" + "<" * 19_990,
    "<a<a<a… (20 000)": "<a" * 10_000,
    "{ × 9 000": "SELECT * WHERE " + "{" * 9_000 + "}" * 9_000,
    "( × 20 000": "(" * 20_000,
    "SERVICE": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
}


def inspection() -> None:
    print("| query | inspection (ms) | outcome |\n| --- | --- | --- |")
    for name, query in HOSTILE.items():
        started = time.perf_counter()
        try:
            check_public_query(query)
            outcome = "wordt uitgevoerd"
        except QueryRefused as error:
            outcome = f"400 ({error.reason})"
        print(f"| {name} | {(time.perf_counter() - started) * 1000:.1f} | {outcome} |")


def _slow(runner: IsolatedQueryRunner, cancelled: threading.Event | None = None) -> None:
    try:
        runner.run(SLOW, JSON, cancelled=cancelled)
    except (QueryTimeout, QueryCancelled):
        pass


def queueing(runner: IsolatedQueryRunner, slow: int) -> None:
    threads = [threading.Thread(target=_slow, args=(runner,)) for _ in range(slow)]
    for thread in threads:
        thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    try:
        runner.run("ASK {}", JSON)
        outcome = "beantwoord"
    except QueryTimeout:
        outcome = "503 (tijd op)"
    print(f"ASK {{}} behind {slow} slow queries: {time.monotonic() - started:.1f} s, {outcome} (limit {runner.timeout:g} s)")
    for thread in threads:
        thread.join()
    abandoned = threading.Event()
    threads = [threading.Thread(target=_slow, args=(runner, abandoned)) for _ in range(15)]
    for thread in threads:
        thread.start()
    time.sleep(0.3)
    abandoned.set()  # fifteen clients go away
    started = time.monotonic()
    runner.run("ASK {}", JSON)
    print(f"ASK {{}} after 15 abandoned slow queries: {time.monotonic() - started:.1f} s")
    for thread in threads:
        thread.join()


def writes_during_reads(data_dir: Path, runner: IsolatedQueryRunner, readers: int = 20, writes: int = 10) -> None:
    store = OxigraphStore(data_dir)
    failures: list[str] = []
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?o a ?c }"

    def read() -> None:
        try:
            runner.run(query, JSON)
        except (QueryFailed, QueryTimeout) as error:
            failures.append(str(error))

    threads = [threading.Thread(target=read) for _ in range(readers)]
    for thread in threads:
        thread.start()
    for number in range(writes):
        graph = Graph()
        graph.add((URIRef(f"https://kg.gezond-groningen.nl/id/bench/{number}"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
                   Literal(f"schrijfactie {number}")))
        store.transact({f"https://kg.gezond-groningen.nl/graph/invoer/bench-{number}": graph})
        runner.refresh()  # what the service does after every write
        time.sleep(0.1)
    for thread in threads:
        thread.join()
    store.close()
    print(f"{readers} SPARQL reads during {writes} writes: {len(failures)} failed", *sorted(set(failures))[:3], sep="\n  ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("data"), help="a built graph (copied first; not changed)")
    parser.add_argument("--timeout", type=float, default=10.0, help="the SPARQL time limit in seconds")
    parser.add_argument("--slow", type=int, default=5, help="slow queries in front of the quick one")
    args = parser.parse_args()
    inspection()
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "kg"
        shutil.copytree(args.data_dir / "store", copy / "store", ignore=shutil.ignore_patterns("LOCK"))
        runner = IsolatedQueryRunner(copy, timeout_seconds=args.timeout, workers=2)
        try:
            runner.run("ASK {}", JSON)
            queueing(runner, args.slow)
            writes_during_reads(copy / "store", runner)
        finally:
            runner.stop()


if __name__ == "__main__":
    main()
