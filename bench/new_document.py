"""One new document, end to end (issue 13: at most 10 s from upload to searchable): each document is
uploaded through the façade on a copy of a built data directory, then the time until the search index
holds it and a search for its first heading finds it.

    .venv/bin/python bench/new_document.py --data-dir data [FILE ...]

Without files: the eleven own documents in tests/fixtures/extract/documenten/ (never tuned on the
corpus). Each document goes into its own fresh copy, so that every figure is one document on the
built corpus. Prints per document: graph (check, extraction, commit), index (embedding only the new
texts), total, and whether the search found it.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import percentiles, table  # noqa: E402
from service.knowledge import Knowledge  # noqa: E402
from service.settings import Settings  # noqa: E402

OWN_DOCUMENTS = ROOT / "tests" / "fixtures" / "extract" / "documenten"


def first_heading(text: str) -> str:
    """The first non-empty line without markdown marks: what a coordinator would type to find it."""
    line = next(line for line in text.splitlines() if line.strip())
    return line.strip("# ").strip()[:120]


def one_document(data_dir: Path, path: Path) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(data_dir, copy)
        with Knowledge.open(Settings(data_dir=copy, write_tokens="bench=bench"), read_only=False) as kg:
            kg.engine  # noqa: B018 - loaded before the clock starts, as in a running service
            started = time.perf_counter()
            result = kg.upload("bench", path.name, path.read_bytes(), "bench: nieuw document")
            graph_seconds = time.perf_counter() - started
            kg.index_refresher.wait()
            total = time.perf_counter() - started
            hits = kg.search(first_heading(path.read_text(encoding="utf-8", errors="replace")), 10).resultaten
    return {"document": path.name, "passages": result.passages, "graaf s": round(graph_seconds, 2),
            "index s": round(total - graph_seconds, 2), "totaal s": round(total, 2),
            "gevonden": any(hit.document == result.slug for hit in hits)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data", help="een gebouwde graaf met zoekindex")
    parser.add_argument("files", nargs="*", type=Path, help="documenten (standaard de eigen testdocumenten)")
    args = parser.parse_args()
    files = args.files or sorted(OWN_DOCUMENTS.iterdir())
    rows = []
    for number, path in enumerate(files, 1):
        print(f"[{number}/{len(files)}] {path.name}", file=sys.stderr, flush=True)
        rows.append(one_document(args.data_dir, path))
    print(table([list(row.values()) for row in rows], list(rows[0])))
    median, p95 = percentiles([float(str(row["totaal s"])) for row in rows])
    print(f"totaal: mediaan {median:.1f} s, p95 {p95:.1f} s; gevonden: {sum(bool(row['gevonden']) for row in rows)} van {len(rows)}")


if __name__ == "__main__":
    main()
