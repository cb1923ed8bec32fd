"""Peak memory of the service (its process and children, sampled every 0.1 s) and time for each large
input, each case on its own freshly started service (so one case's peak is not another's): a 10 MB .txt
upload, a 50,000-row import as CSV and as XLSX (dry run and applied), and a PDF of many pages (refused
over GEZOND_KG_MAX_PDF_PAGES; while it is read, a small write is timed to see whether it waits).
Target: under 500 MB each. Starts the service on a copy of a built data directory, loopback only.

    .venv/bin/python bench/memory_ingest.py [--data-dir data] [--cases txt,csv,xlsx,pdf] [--rows 50000]
                                           [--text-mb 9.9] [--pdf-pages 72000]
"""

from __future__ import annotations

import argparse
import io
import secrets
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.attack import pdf_of, started_service, tree_rss  # noqa: E402
from bench.common import ROOT, table  # noqa: E402

TARGET_MIB = 500
PARAGRAPH = ("De GGD Groningen en Stichting Welzijn Oldambt werken samen aan Welzijn op Recept in actielijn 2; "
             "het programma Kansrijke Start wordt getrokken door de gemeente Groningen met Menzis als financier. ")
HEADER = ["sleutel", "naam", "type"]


def organisation_rows(rows: int) -> list[list[str]]:
    return [["", f"Stichting Meting {number:06d}", "welzijn"] for number in range(rows)]


def sheet(rows: int) -> bytes:
    workbook = Workbook(write_only=True)
    organisations = workbook.create_sheet("organisaties")
    organisations.append(HEADER)
    for row in organisation_rows(rows):
        organisations.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_table(rows: int) -> bytes:
    return "\n".join(",".join(row) for row in [HEADER, *organisation_rows(rows)]).encode()


def text(megabytes: float) -> bytes:
    size = int(megabytes * 1_000_000)
    paragraphs = []
    for number in range(size // len(PARAGRAPH) + 1):
        paragraphs.append(f"{number}. {PARAGRAPH}\n\n" if number % 5 else f"## Deel {number}\n\n")
    return "".join(paragraphs).encode()[:size]


def pdf(pages: int, declared: int | None = None) -> bytes:
    """A PDF of ``pages`` empty pages, written directly (pypdf's writer takes minutes for 72,000); its page
    tree says it has ``declared`` pages (default: ``pages``)."""
    bodies = [b"<< /Type /Catalog /Pages 2 0 R >>",
              b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (3 + n) for n in range(pages)) + b"] /Count %d >>" % (pages if declared is None else declared)]
    bodies += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"] * pages
    return pdf_of(bodies)


def measure(pid: int, label: str, send: Callable[[], httpx.Response], beside: Callable[[], str] | None = None) -> list[str]:
    """Run ``send`` while sampling the service's memory; ``beside`` runs meanwhile (after 1 s) and says what it saw."""
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
    with ThreadPoolExecutor(1) as pool:
        seen = pool.submit(lambda: (time.sleep(1), beside())[1]) if beside else None
        response = send()
        seconds = time.perf_counter() - started
        note = seen.result() if seen else ""
    stop.set()
    watcher.join()
    print(f"  {label}: {response.status_code} in {seconds:.1f} s {note}", file=sys.stderr)
    return [label, str(response.status_code), f"{seconds:.1f}", f"{baseline / 2**20:,.0f}", f"{peak / 2**20:,.0f}",
            "ja" if peak / 2**20 < TARGET_MIB else "NEE", note]


def run_case(case: str, args: argparse.Namespace) -> list[list[str]]:
    token = secrets.token_urlsafe(16)
    auth = {"Authorization": f"Bearer {token}"}
    with started_service(args.data_dir, token) as (url, pid), httpx.Client(base_url=url, timeout=3600) as client:
        client.get("/healthz")
        upload = lambda name, content: client.post("/api/documenten", headers=auth, files={"bestand": (name, content)},  # noqa: E731
                                                   data={"toelichting": "meting"})
        if case == "txt":
            document = text(args.text_mb)
            return [measure(pid, f"upload .txt van {len(document) / 1e6:.1f} MB", lambda: upload("meting.txt", document))]
        if case == "pdf":
            document = pdf(args.pdf_pages)

            def small_write() -> str:
                started = time.perf_counter()
                answer = client.post("/api/organisaties", headers=auth,
                                     json={"naam": "Stichting Tijdens Pdf", "type": "welzijn", "toelichting": "meting"})
                return f"schrijfactie ernaast: {answer.status_code} in {time.perf_counter() - started:.1f} s"

            return [measure(pid, f"upload PDF {args.pdf_pages:,} pagina's ({len(document) / 1e6:.1f} MB)",
                            lambda: upload("meting.pdf", document), small_write)]
        raw, name = (sheet(args.rows), "meting.xlsx") if case == "xlsx" else (csv_table(args.rows), "meting.csv")
        post_import = lambda dry: client.post("/api/import", headers=auth, files={"bestand": (name, raw)},  # noqa: E731
                                              data={"toelichting": "meting", "proefdraai": "true" if dry else "false"})
        label = f"import {args.rows:,} rijen {case} ({len(raw) / 1e6:.1f} MB)"
        return [measure(pid, f"{label}, proefdraai", lambda: post_import(True)),
                measure(pid, f"{label}, inlezen", lambda: post_import(False))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    parser.add_argument("--cases", default="txt,csv,xlsx,pdf", help="welke gevallen, komma-gescheiden (txt, csv, xlsx, pdf)")
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--text-mb", type=float, default=9.9)
    parser.add_argument("--pdf-pages", type=int, default=72_000)
    args = parser.parse_args()
    rows = []
    for case in (name.strip() for name in args.cases.split(",") if name.strip()):
        rows += run_case(case, args)
    print(table(rows, ["wat", "status", "s", "dienst ervoor MiB", "piek MiB", f"< {TARGET_MIB} MB", "ernaast"]))


if __name__ == "__main__":
    main()
