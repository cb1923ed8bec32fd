"""Bounded load test on loopback: the service in one process, this script as the client (a second
process) with a thread pool, mixing search, entity pages and SPARQL. Prints throughput and latency.

    .venv/bin/python bench/load.py [--data-dir data] [--requests 600] [--concurrency 8] [--seconds 120]
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEARCHES = ["valpreventie", "hoe voorkomen we dat ouderen vallen", "armoede en gezondheid", "mental health of young people",
            "rookvrije generatie", "wie is trekker van Tijd voor Toekomst", "personeelstekort zorg", "eenzaamheid"]
PAGES = ["/id/organisatie/ggd-groningen", "/id/organisatie/menzis", "/id/programma/welzijn-op-recept",
         "/id/actielijn/2", "/organisaties", "/programmas", "/id/programma/kansrijke-start"]
SPARQL = [
    "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a <http://www.w3.org/ns/org#Organization> }",
    "PREFIX gg: <https://kg.gezond-groningen.nl/def#> SELECT ?p ?n WHERE { ?p gg:actielijn/gg:nummer ?n } LIMIT 50",
    "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?p ?a WHERE { ?p prov:wasAssociatedWith ?a } LIMIT 100",
]


def request(base: str, kind: str) -> tuple[str, float, int]:
    if kind == "zoeken":
        url = f"{base}/api/search?" + urllib.parse.urlencode({"q": random.choice(SEARCHES), "k": 10})
    elif kind == "pagina":
        url = base + random.choice(PAGES)
    else:
        url = f"{base}/sparql?" + urllib.parse.urlencode({"query": random.choice(SPARQL)})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:
        status = 0
    return kind, (time.perf_counter() - started) * 1000, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=120.0)
    args = parser.parse_args()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([str(Path(sys.executable).parent / "gezond-kg"), "serve", "--port", str(port),
                               "--data-dir", str(args.data_dir)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        for kind in ("zoeken", "pagina", "sparql"):
            request(base, kind)  # warm up (model, worker process)
        kinds = [random.choice(["zoeken", "pagina", "sparql"]) for _ in range(args.requests)]
        deadline = time.monotonic() + args.seconds
        started = time.perf_counter()
        results = []
        with ThreadPoolExecutor(args.concurrency) as pool:
            for result in pool.map(lambda k: request(base, k) if time.monotonic() < deadline else (k, 0.0, -1), kinds):
                results.append(result)
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=20)
    done = [r for r in results if r[2] != -1]
    errors = [r for r in done if r[2] != 200]
    print(f"{len(done)} requests in {elapsed:.1f} s with {args.concurrency} clients: {len(done) / elapsed:.1f} req/s, "
          f"{len(errors)} errors")
    print("| kind | n | p50 ms | p95 ms |\n| --- | --- | --- | --- |")
    for kind in ("zoeken", "pagina", "sparql"):
        latencies = sorted(r[1] for r in done if r[0] == kind)
        if latencies:
            print(f"| {kind} | {len(latencies)} | {statistics.median(latencies):.1f} | {latencies[int(0.95 * (len(latencies) - 1))]:.1f} |")
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
