"""Network analytics at scale on the embedded store: the partner network (cold: SPARQL + projection),
betweenness as the product computes it (igraph; exact within an edge budget, sampled source nodes
above it) against exact betweenness (none when that would take longer than the budget), and Louvain
communities (igraph's multilevel, weighted by shared programmes; not shown in the product).

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
TOP = 20


def top(scores: dict[str, float], count: int = TOP) -> set[str]:
    return {node for node, _ in sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:count]}


def measure(nquads: Path, data_dir: Path, exact_budget: float) -> dict[str, object]:
    import igraph as ig

    from graph.derive import derive_updates
    from graph.factory import open_store
    from graph.projections import betweenness, betweenness_sources, partner_betweenness, partner_graphs

    shutil.rmtree(data_dir, ignore_errors=True)
    store = open_store(data_dir)
    store.bulk_load(nquads)
    store.transact({}, derive_updates())
    started = time.perf_counter()
    _, partners = partner_graphs(store)
    network_cold = time.perf_counter() - started
    started = time.perf_counter()
    product_betweenness = partner_betweenness(store)  # the product's betweenness, cold
    product_seconds = time.perf_counter() - started
    started = time.perf_counter()
    partner_betweenness(store)
    warm = time.perf_counter() - started
    sources = betweenness_sources(partners)
    per_source = product_seconds / (sources or partners.number_of_nodes())
    if sources is None:
        reference, reference_name, reference_seconds = product_betweenness, "exact (= product)", product_seconds
    elif per_source * partners.number_of_nodes() <= exact_budget:
        started = time.perf_counter()
        reference, reference_name = betweenness(partners, sources=partners.number_of_nodes()), "exact"
        reference_seconds = time.perf_counter() - started
    else:
        reference, reference_name, reference_seconds = {}, f"geen (exact ≈ {per_source * partners.number_of_nodes():.0f} s)", 0.0
    nodes = list(partners)
    position = {node: index for index, node in enumerate(nodes)}
    linked = ig.Graph(n=len(nodes), edges=[(position[a], position[b]) for a, b in partners.edges()])
    weights = [data["weight"] for _, _, data in partners.edges(data=True)]
    started = time.perf_counter()
    communities = linked.community_multilevel(weights=weights)  # Louvain, in C
    louvain_seconds = time.perf_counter() - started
    store.close()
    shutil.rmtree(data_dir, ignore_errors=True)
    return {
        "organisations": partners.number_of_nodes(), "edges": partners.number_of_edges(),
        "network_cold": network_cold, "network_warm": warm, "sources": sources or "alle (exact)",
        "betweenness": product_seconds, "reference": reference_name, "reference_seconds": reference_seconds,
        "overlap": len(top(product_betweenness) & top(reference)) / TOP if reference else None,
        "louvain": louvain_seconds, "communities": len(communities), "modularity": communities.modularity,
    }


def analytics_table(scales: list[int], paths: dict[int, Path], work: Path, exact_budget: float = 300.0) -> None:
    """One child process per scale; prints a Markdown table."""
    print("\n| schaal | organisaties | partnerverbindingen | netwerk koud (s) | warm (ms) | betweenness-bronnen | tijd (s) "
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
              f"| {r['sources']} | {r['betweenness']:.2f} | {r['reference']} | {r['reference_seconds']:.1f} "
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
