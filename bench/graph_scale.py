"""Graph scale benchmark: load time, disk size, peak memory and the latency of the coordinator queries
on synthetic networks ×1, ×10, ×100 (and ×1000) for rdflib in memory (baseline), the embedded
Oxigraph store and any SPARQL server store, all through the same Store interface.

    .venv/bin/python bench/graph_scale.py [--scales 1 10 100] [--store virtuoso=virtuoso+http://localhost:8890/sparql]
                                          [--query-budget 10] [--analytics]

Each store × scale runs in a child process (peak memory = that process's RSS) with a time limit per
query; a query over budget is stopped and reported, the run goes on with the next query. The
networks come from bench/generate.py (made when missing). Queries, on IRIs of the real region that
exist at every scale:

  a  who works on "Kansrijke Start", with roles (find_programmes + involvements, as `gezond-kg who`)
  b  organisations active in both actielijn 2 and actielijn 5 (shared_organisations)
  c  programmes per theme (programmes_per_theme)
  d  ego network of GGD Groningen in the partner network, radius 1 (ego_network)
  e  bridging partners (bridging_partners: betweenness in the whole partner network)
  d and e read the partner network that graph/cache.py keeps per store version; their first, cold
  call (which builds it) is reported separately.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate import DEFAULT_CORPUS, Template, generate, template_graphs  # noqa: E402

GGID = "https://kg.gezond-groningen.nl/id/"
PROGRAMME_NAME = "Kansrijke Start"
ACTIELIJNEN = (GGID + "actielijn/2", GGID + "actielijn/5")
EGO = GGID + "organisatie/ggd-groningen"
QUERIES = ("a", "b", "c", "d", "e")
QUERY_NAMES = {"a": "wie (rollen)", "b": "gedeeld 2×5", "c": "per thema", "d": "ego", "e": "verbinders"}
RDFLIB_MAX_SCALE = 100  # ×1000 is about 7M quads: tens of GiB in rdflib's memory store, and derive took 56 s at ×10 already


# -- the child process: one store at one scale -----------------------------------------------------

def coordinator_queries(store) -> dict[str, Callable[[], object]]:  # noqa: ANN001 - any Store
    from graph.projections import bridging_partners, ego_network
    from graph.queries import find_programmes, involvements, programmes_per_theme, shared_organisations

    def who() -> object:
        return involvements(store, [iri for iri, _, _ in find_programmes(store, PROGRAMME_NAME)])

    return {
        "a": who,
        "b": lambda: shared_organisations(store, *ACTIELIJNEN),
        "c": lambda: programmes_per_theme(store),
        "d": lambda: ego_network(store, EGO, 1),
        "e": lambda: bridging_partners(store, top=10),
    }


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def emit(**record: object) -> None:
    print(json.dumps(record), flush=True)


def directory_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def worker(args: argparse.Namespace) -> None:
    from graph.derive import derive_updates
    from graph.factory import open_store
    from graph.store import StoreError

    data_dir = Path(args.data_dir)
    if args.store_url == "rdflib":
        from bench.rdflib_store import RdflibStore

        store = RdflibStore()
    else:
        try:
            store = open_store(data_dir, store_url="" if args.store_url == "embedded" else args.store_url)
        except StoreError as error:
            emit(unavailable=str(error).splitlines()[0])
            return
    if not args.reuse:
        started = time.perf_counter()
        store.bulk_load(Path(args.nquads))
        loaded = time.perf_counter()
        store.transact({}, derive_updates())
        emit(load=loaded - started, derive=time.perf_counter() - loaded, rss=peak_rss_mib(),
             disk=directory_size(data_dir) if data_dir.exists() else None)
    queries = coordinator_queries(store)
    for name in args.queries:
        emit(start=name)
        timings = []
        spent = 0.0
        while len(timings) < args.repeats + 1 and spent < 3 * args.query_budget:
            started = time.perf_counter()
            queries[name]()
            timings.append(time.perf_counter() - started)
            spent += timings[-1]
        warm = timings[1:] or timings
        emit(query=name, first=timings[0], p50=statistics.median(warm),
             p95=sorted(warm)[min(len(warm) - 1, round(0.95 * (len(warm) - 1)))], runs=len(warm), rss=peak_rss_mib())
    store.close()


# -- the parent: every scale × store, with time limits -----------------------------------------------

@dataclass
class Run:
    scale: int
    store: str
    load: str = ""
    disk: str = ""
    rss: float = 0.0
    results: dict[str, str] = field(default_factory=dict)
    note: str = ""


def run_store(scale: int, name: str, url: str, nquads: Path, work: Path, args: argparse.Namespace) -> Run:
    """Load once, then the queries; a query over budget kills the child, which is restarted on the
    loaded store (an in-memory store is loaded again) for the remaining queries."""
    run = Run(scale, name)
    data_dir = work / f"x{scale}-{name}"
    shutil.rmtree(data_dir, ignore_errors=True)
    remaining = list(QUERIES)
    reuse = False
    while remaining:
        command = [sys.executable, __file__, "--worker", "--store-url", url, "--data-dir", str(data_dir),
                   "--nquads", str(nquads), "--repeats", str(args.repeats), "--query-budget", str(args.query_budget),
                   "--queries", *remaining] + (["--reuse"] if reuse else [])
        child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
        deadline = time.monotonic() + args.load_budget
        current = None
        timed_out = False
        assert child.stdout is not None
        for line in _lines(child, lambda: deadline):
            if line is None:
                timed_out = True
                break
            record = json.loads(line)
            run.rss = max(run.rss, float(record.get("rss", 0.0)))
            if "unavailable" in record:
                run.note = f"niet beschikbaar: {record['unavailable']}"
                return run
            if "load" in record:
                run.load = f"{record['load']:.1f} + {record['derive']:.1f}"
                run.disk = _size(record["disk"]) if record["disk"] else ("in geheugen" if url == "rdflib" else "server")
                print(f"    geladen in {run.load} s (laden + afleiden)", file=sys.stderr, flush=True)
            elif "start" in record:
                current = record["start"]
                deadline = time.monotonic() + args.query_budget * 4 + 5  # warm-up, repeats, restart slack
            elif "query" in record:
                cold = f" (koud {record['first'] * 1000:.0f})" if record["query"] in ("d", "e") else ""
                run.results[record["query"]] = f"{record['p50'] * 1000:.1f} / {record['p95'] * 1000:.1f}{cold}"
                remaining.remove(record["query"])
                print(f"    {record['query']}: {run.results[record['query']]} ms", file=sys.stderr, flush=True)
        if timed_out:
            child.kill()
            child.wait()
            if current is None:
                run.note = f"laden duurde langer dan {args.load_budget:.0f} s"
                return run
            run.results[current] = f"> {args.query_budget:.0f} s (gestopt)"
            remaining.remove(current)
            print(f"    {current}: boven het tijdsbudget, gestopt", file=sys.stderr, flush=True)
            reuse = url != "rdflib"
        else:
            child.wait()
            if child.returncode:
                run.note = f"fout (exit {child.returncode})"
                return run
    if url == "embedded":
        shutil.rmtree(data_dir, ignore_errors=True)
    return run


def _lines(child: subprocess.Popen[str], deadline: Callable[[], float]):  # noqa: ANN202 - generator of str | None
    """The child's output lines; None once the current deadline has passed."""
    import selectors

    selector = selectors.DefaultSelector()
    assert child.stdout is not None
    selector.register(child.stdout, selectors.EVENT_READ)
    while True:
        remaining = deadline() - time.monotonic()
        if remaining <= 0 or not selector.select(timeout=remaining):
            yield None
            return
        line = child.stdout.readline()
        if not line:
            return
        yield line


def _size(size: int) -> str:
    return f"{size / 2**20:.0f} MiB" if size < 2**30 else f"{size / 2**30:.2f} GiB"


def networks(scales: list[int], out: Path, seed: int) -> dict[int, Path]:
    paths = {scale: out / f"graaf-x{scale}.nq" for scale in scales}
    missing = [scale for scale, path in paths.items() if not path.exists()]
    if missing:
        print("sjabloon: de echte graaf …", file=sys.stderr, flush=True)
        template = Template.from_graphs(template_graphs(DEFAULT_CORPUS))
        for scale in missing:
            print(f"×{scale} genereren → {paths[scale]}", file=sys.stderr, flush=True)
            generate(template, scale, paths[scale], seed=seed)
    return paths


def print_table(runs: list[Run], quads: dict[int, int]) -> None:
    header = ["schaal", "quads", "store", "laden+afleiden (s)", "schijf", "piek RSS"] + [
        f"{q} {QUERY_NAMES[q]} p50/p95 ms" for q in QUERIES] + ["opmerking"]
    rows = [[f"×{r.scale}", f"{quads[r.scale]:,}", r.store, r.load, r.disk, f"{r.rss:.0f} MiB" if r.rss else ""]
            + [r.results.get(q, "") for q in QUERIES] + [r.note] for r in runs]
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--store", action="append", default=[], metavar="NAAM=URL",
                        help="een SPARQL-serverstore naast rdflib en de ingebouwde store (open_store(..., store_url=URL))")
    parser.add_argument("--zonder-rdflib", dest="rdflib", action="store_false", help="rdflib (in geheugen) overslaan")
    parser.add_argument("--repeats", type=int, default=15, help="herhalingen per query na één opwarmronde")
    parser.add_argument("--query-budget", type=float, default=10.0, help="seconden per query-uitvoering")
    parser.add_argument("--load-budget", type=float, default=1800.0, help="seconden voor laden + afleiden")
    parser.add_argument("--out", type=Path, default=Path("/tmp/kg-bench"), help="map voor netwerken en stores")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--analytics", action="store_true", help="ook betweenness (exact/steekproef) en louvain meten")
    # the child process
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--store-url", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    parser.add_argument("--nquads", help=argparse.SUPPRESS)
    parser.add_argument("--queries", nargs="+", default=list(QUERIES), help=argparse.SUPPRESS)
    parser.add_argument("--reuse", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    args.out.mkdir(parents=True, exist_ok=True)
    paths = networks(args.scales, args.out, args.seed)
    quads = {scale: sum(1 for _ in path.open("rb")) for scale, path in paths.items()}
    stores = ([("rdflib", "rdflib")] if args.rdflib else []) + [("ingebouwd", "embedded")] + [
        tuple(spec.split("=", 1)) for spec in args.store]  # type: ignore[misc]
    runs = []
    for scale in args.scales:
        for name, url in stores:
            print(f"×{scale} {name}", file=sys.stderr, flush=True)
            if url == "rdflib" and scale > RDFLIB_MAX_SCALE:
                runs.append(Run(scale, name, note=f"overgeslagen: rdflib boven ×{RDFLIB_MAX_SCALE} past niet in het geheugen"))
                continue
            runs.append(run_store(scale, name, url, paths[scale], args.out / "stores", args))
    print_table(runs, quads)
    if args.analytics:
        from bench.graph_analytics import analytics_table

        analytics_table(args.scales, paths, args.out / "stores")


if __name__ == "__main__":
    main()
