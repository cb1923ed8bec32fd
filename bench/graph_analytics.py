"""Network analytics at scale on the embedded store: the partner network, betweenness as the product
computes it (exact up to 400 organisations, sampled above) against exact betweenness (or, when that
would take longer than the budget, a 256-pivot estimate as reference, or none when even that is over
budget), and Louvain communities.

    .venv/bin/python bench/graph_analytics.py --nquads /tmp/kg-bench/graaf-x100.nq [--exact-budget 300]

Normally run through ``bench/graph_scale.py --analytics`` (one child process per scale).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE_PIVOTS = 256
TOP = 20


def top(scores: dict[str, float], count: int = TOP) -> set[str]:
    return {node for node, _ in sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:count]}


def measure(nquads: Path, data_dir: Path, exact_budget: float) -> dict[str, object]:
    import networkx as nx

    from graph.derive import derive_updates
    from graph.factory import open_store
    from graph.projections import approximate_betweenness, betweenness_samples, partner_betweenness, partner_graphs

    shutil.rmtree(data_dir, ignore_errors=True)
    store = open_store(data_dir)
    store.bulk_load(nquads)
    store.transact({}, derive_updates())
    started = time.perf_counter()
    _, partners = partner_graphs(store)
    product_betweenness = partner_betweenness(store)  # projection + the product's betweenness, cold
    cold = time.perf_counter() - started
    started = time.perf_counter()
    partner_betweenness(store)
    warm = time.perf_counter() - started
    pivots = betweenness_samples(partners)
    started = time.perf_counter()
    approximate_betweenness(partners)
    product_seconds = time.perf_counter() - started
    per_pivot = product_seconds / (pivots or partners.number_of_nodes())
    if pivots is None:
        reference, reference_name, reference_seconds = product_betweenness, "exact (= product)", product_seconds
    elif per_pivot * partners.number_of_nodes() <= exact_budget:
        started = time.perf_counter()
        reference, reference_name = nx.betweenness_centrality(partners, weight=None), "exact"
        reference_seconds = time.perf_counter() - started
    elif per_pivot * REFERENCE_PIVOTS <= exact_budget:
        started = time.perf_counter()
        reference = approximate_betweenness(partners, samples=REFERENCE_PIVOTS)
        reference_name, reference_seconds = f"k={REFERENCE_PIVOTS}", time.perf_counter() - started
    else:
        reference, reference_name, reference_seconds = {}, f"geen (k={REFERENCE_PIVOTS} > {exact_budget:.0f} s)", 0.0
    started = time.perf_counter()
    communities = nx.community.louvain_communities(partners, weight="weight", seed=0)
    louvain_seconds = time.perf_counter() - started
    store.close()
    shutil.rmtree(data_dir, ignore_errors=True)
    return {
        "organisations": partners.number_of_nodes(), "edges": partners.number_of_edges(),
        "network_cold": cold, "network_warm": warm, "pivots": pivots or "exact", "betweenness": product_seconds,
        "reference": reference_name, "reference_seconds": reference_seconds,
        "overlap": len(top(product_betweenness) & top(reference)) / TOP if reference else None,
        "louvain": louvain_seconds, "communities": len(communities),
        "modularity": nx.community.modularity(partners, communities, weight="weight"),
    }


def analytics_table(scales: list[int], paths: dict[int, Path], work: Path, exact_budget: float = 300.0) -> None:
    """One child process per scale; prints a Markdown table."""
    print("\n| schaal | organisaties | partnerverbindingen | netwerk koud (s) | warm (ms) | betweenness | tijd (s) "
          f"| referentie | tijd ref. (s) | top-{TOP} overlap | louvain (s) | gemeenschappen | modulariteit |")
    print("|" + " --- |" * 13)
    for scale in scales:
        print(f"analyse ×{scale} …", file=sys.stderr, flush=True)
        command = [sys.executable, __file__, "--nquads", str(paths[scale]), "--data-dir", str(work / f"analyse-x{scale}"),
                   "--exact-budget", str(exact_budget)]
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=exact_budget * 4 + 600)
        if done.returncode:
            print(f"| ×{scale} | fout: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode} |")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"| ×{scale} | {r['organisations']:,} | {r['edges']:,} | {r['network_cold']:.1f} | {r['network_warm'] * 1000:.2f} "
              f"| k={r['pivots']} | {r['betweenness']:.2f} | {r['reference']} | {r['reference_seconds']:.1f} "
              f"| {'—' if r['overlap'] is None else format(r['overlap'], '.2f')} | {r['louvain']:.2f} | {r['communities']} | {r['modularity']:.3f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nquads", type=Path, required=True)
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/kg-bench/stores/analyse"))
    parser.add_argument("--exact-budget", type=float, default=300.0, help="seconden die exacte betweenness mag kosten")
    args = parser.parse_args()
    print(json.dumps(measure(args.nquads, args.data_dir, args.exact_budget)))


if __name__ == "__main__":
    main()
