"""Peak memory of the service (its process and children, sampled every 0.1 s) while it imports a
50,000-row sheet (dry run, then applied) and ingests a 10 MB .txt upload; target: under 500 MB each.
Starts the service on a copy of a built data directory, loopback only, and stops it.

    .venv/bin/python bench/memory_ingest.py [--data-dir data] [--rows 50000] [--text-mb 9.9] [--apply]
"""

from __future__ import annotations

import argparse
import io
import secrets
import sys
import threading
import time
from pathlib import Path

import httpx
from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.attack import started_service, tree_rss  # noqa: E402
from bench.common import ROOT, table  # noqa: E402

TARGET_MIB = 500
PARAGRAPH = ("De GGD Groningen en Stichting Welzijn Oldambt werken samen aan Welzijn op Recept in actielijn 2; "
             "het programma Kansrijke Start wordt getrokken door de gemeente Groningen met Menzis als financier. ")


def sheet(rows: int) -> bytes:
    workbook = Workbook(write_only=True)
    organisations = workbook.create_sheet("organisaties")
    organisations.append(["sleutel", "naam", "type"])
    for number in range(rows):
        organisations.append(["", f"Stichting Meting {number:06d}", "welzijn"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def text(megabytes: float) -> bytes:
    size = int(megabytes * 1_000_000)
    paragraphs = []
    for number in range(size // len(PARAGRAPH) + 1):
        paragraphs.append(f"{number}. {PARAGRAPH}\n\n" if number % 5 else f"## Deel {number}\n\n")
    return "".join(paragraphs).encode()[:size]


def measure(url: str, pid: int, label: str, send: callable) -> list[str]:
    peak, stop = tree_rss(pid), threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss(pid))
            stop.wait(0.1)

    baseline = tree_rss(pid)
    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    started = time.perf_counter()
    response = send()
    seconds = time.perf_counter() - started
    stop.set()
    watcher.join()
    print(f"  {label}: {response.status_code} in {seconds:.1f} s", file=sys.stderr)
    return [label, str(response.status_code), f"{seconds:.1f}", f"{baseline / 2**20:,.0f}", f"{peak / 2**20:,.0f}",
            "ja" if peak / 2**20 < TARGET_MIB else "NEE"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--text-mb", type=float, default=9.9)
    parser.add_argument("--apply", action="store_true", help="de import ook echt inlezen (één schrijfactie met alle rijen)")
    args = parser.parse_args()
    workbook, document = sheet(args.rows), text(args.text_mb)
    token = secrets.token_urlsafe(16)
    auth = {"Authorization": f"Bearer {token}"}
    rows = []
    with started_service(args.data_dir, token) as (url, pid), httpx.Client(base_url=url, timeout=1800) as client:
        client.get("/healthz")
        post_import = lambda dry: client.post("/api/import", headers=auth, files={"bestand": ("meting.xlsx", workbook)},  # noqa: E731
                                              data={"toelichting": "meting", "proefdraai": "true" if dry else "false"})
        rows.append(measure(url, pid, f"import {args.rows:,} rijen, proefdraai ({len(workbook) / 1e6:.1f} MB xlsx)",
                            lambda: post_import(True)))
        if args.apply:
            rows.append(measure(url, pid, f"import {args.rows:,} rijen, inlezen", lambda: post_import(False)))
        rows.append(measure(url, pid, f"upload .txt van {len(document) / 1e6:.1f} MB", lambda: client.post(
            "/api/documenten", headers=auth, files={"bestand": ("meting.txt", document)}, data={"toelichting": "meting"})))
    print(table(rows, ["wat", "status", "s", "dienst ervoor MiB", "piek MiB", f"< {TARGET_MIB} MB"]))


if __name__ == "__main__":
    main()
