"""Precision and recall of the review queue's candidate links between names (graph/name_matching.py).

    .venv/bin/python bench/name_linking_eval.py [--pairs FILE ...] [--show-errors]

Each pairs file (``tests/fixtures/extract/name_pairs*.yaml``, written for this evaluation) lists per
kind pairs of names that are one entity (``same``) and pairs that are not (``different``). A pair is
predicted the same when the matcher gives it a reason. Reported per file and kind: precision and
recall of ``same``, with the meaning of words (e5 vectors of single words, as the service uses) and
without (names compared by spelling, acronyms and additions only), and how many links each reason made.
Places are the region's areas of the lexicon (what ``gg:Gebied`` holds in a built graph).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import table  # noqa: E402
from graph.name_matching import NameMatcher, WordVectors  # noqa: E402
from ingest.lexicon import Lexicon  # noqa: E402

PAIRS = sorted((ROOT / "tests" / "fixtures" / "extract").glob("name_pairs*.yaml"))


def region_places() -> list[str]:
    return [name for entry in Lexicon.load().entries if entry.kind == "gebied" for name in (entry.name, *entry.aliases)]


def evaluate(path: Path, word_vectors: WordVectors | None) -> tuple[list[list[str]], Counter[str], list[str]]:
    """Rows (kind, same, different, TP, FP, FN, P, R), links per reason, and the wrong predictions."""
    gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    names = [name for groups in gold.values() for pairs in groups.values() for pair in pairs for name in pair]
    matcher = NameMatcher.for_names(names, region_places(), word_vectors)
    rows, reasons, errors = [], Counter(), []
    for kind, groups in gold.items():
        counts = Counter()
        for label, pairs in groups.items():
            for one, other in pairs:
                found = matcher.match(kind, {one}, {other})
                if found:
                    reasons[found[1]] += 1
                if bool(found) != (label == "same"):
                    errors.append(f"{kind}: {one} | {other}: {'gemist' if label == 'same' else found}")
                counts[("TP" if found else "FN") if label == "same" else ("FP" if found else "TN")] += 1
        precision = counts["TP"] / (counts["TP"] + counts["FP"]) if counts["TP"] + counts["FP"] else 1.0
        recall = counts["TP"] / len(groups.get("same", [])) if groups.get("same") else 1.0
        rows.append([kind, str(len(groups.get("same", []))), str(len(groups.get("different", []))), str(counts["TP"]),
                     str(counts["FP"]), str(counts["FN"]), f"{precision:.2f}", f"{recall:.2f}"])
    return rows, reasons, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=Path, nargs="*", default=PAIRS, help="pairs files (standaard: alle name_pairs*.yaml)")
    parser.add_argument("--show-errors", action="store_true", help="toon de gemiste en de onterechte koppelingen")
    args = parser.parse_args()
    from search.embedders import make_embedder
    from search.word_vectors import WordVectors as Vectors

    vectors = Vectors(make_embedder(), Path(tempfile.mkdtemp(prefix="namen-")))
    for path in args.pairs:
        for label, word_vectors in (("met betekenis van woorden", vectors), ("zonder (spelling, afkorting, toevoeging)", None)):
            rows, reasons, errors = evaluate(path, word_vectors)
            print(f"\n{path.name} — {label}")
            print(table(rows, ["soort", "zelfde", "verschillend", "TP", "FP", "FN", "P", "R"]))
            print("koppelingen per reden: " + ", ".join(f"{reason} {n}" for reason, n in sorted(reasons.items())))
            if args.show_errors:
                print("\n".join(f"  - {error}" for error in errors))


if __name__ == "__main__":
    main()
