"""Peak memory of the service (its process and children, sampled every 0.1 s) and time for each large
input, each case on its own freshly started service (so one case's peak is not another's): a .txt upload
of 0.49 MB (just under GEZOND_KG_MAX_DOCUMENT_CHARS, read in full) and of 9.9 MB (refused), an import of
GEZOND_KG_MAX_TABLE_ROWS rows (4,000) as CSV and as XLSX (dry run and applied), and a PDF of many pages (refused over
GEZOND_KG_MAX_PDF_PAGES; while it is read, a small write is timed to see whether it waits). The peak
counts the background work after a write too (search index, analyses: until /api/overlaps says
``bijgewerkt``); an accepted .txt is checked afterwards (its passages reach its end; search finds its last
whole paragraph).
Target: under 500 MB each. Starts the service on a copy of a built data directory, loopback only.

    .venv/bin/python bench/memory_ingest.py [--data-dir data] [--cases txt,csv,xlsx,pdf] [--rows 4000]
                                           [--text-mb 0.49,9.9] [--pdf-pages 72000] [--achtergrond 1800]
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
from ingest.spreadsheets import TableLimits  # noqa: E402
from ingest.upload import MAX_DOCUMENT_CHARS  # noqa: E402
from ontology.namespaces import GGID, NIF  # noqa: E402

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
    """Exactly ``megabytes`` × 10⁶ bytes (ASCII, so as many characters) of numbered paragraphs, a heading every fifth."""
    size = int(megabytes * 1_000_000)
    paragraphs, length, number = [], 0, 0
    while length < size:
        paragraphs.append(f"{number}. {PARAGRAPH}\n\n" if number % 5 else f"## Deel {number}\n\n")
        length += len(paragraphs[-1])
        number += 1
    return "".join(paragraphs).encode()[:size]


def pdf(pages: int, declared: int | None = None) -> bytes:
    """A PDF of ``pages`` empty pages, written directly (pypdf's writer takes minutes for 72,000); its page
    tree says it has ``declared`` pages (default: ``pages``)."""
    bodies = [b"<< /Type /Catalog /Pages 2 0 R >>",
              b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (3 + n) for n in range(pages)) + b"] /Count %d >>" % (pages if declared is None else declared)]
    bodies += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"] * pages
    return pdf_of(bodies)


def settled(client: httpx.Client, limit: float) -> float:
    """Seconds until the background work after a write is done: the analyses are computed again once the
    search index holds the write, and say ``bijgewerkt`` (polled every 2 s, at most ``limit``)."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit and not client.get("/api/overlaps").json().get("bijgewerkt", True):
        time.sleep(2)
    return time.perf_counter() - started


def measure(pid: int, client: httpx.Client, label: str, send: Callable[[], httpx.Response],
            beside: Callable[[], str] | None = None, check: Callable[[httpx.Response], str] | None = None,
            follow: float = 1800) -> list[str]:
    """Run ``send`` while sampling the service's memory, then go on sampling until the background work
    after a write (search index, analyses) is done; ``beside`` runs meanwhile (after 1 s) and says what it
    saw; ``check`` says afterwards whether the write is all there; ``follow``: seconds to follow the background."""
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
        notes = [seen.result()] if seen else []
    answered = peak
    background = settled(client, follow)
    stop.set()
    watcher.join()
    if check is not None and response.status_code < 300:
        notes.append(check(response))
    note = "; ".join(notes)
    print(f"  {label}: {response.status_code} in {seconds:.1f} s (+ {background:.0f} s achtergrond) {note}", file=sys.stderr)
    return [label, str(response.status_code), f"{seconds:.1f}", f"{background:.0f}", f"{baseline / 2**20:,.0f}",
            f"{answered / 2**20:,.0f}", f"{peak / 2**20:,.0f}", "ja" if peak / 2**20 < TARGET_MIB else "NEE", note]


def searchable(client: httpx.Client, document: bytes) -> Callable[[httpx.Response], str]:
    """A check that the uploaded text is all in the graph and in the search index: its passages reach to
    the end of the text (SPARQL), and searching for the number of its last whole paragraph finds the
    passage that holds it (the cut-off last paragraph is a fragment, never a hit)."""
    text_sent = document.decode()
    last = [paragraph for paragraph in text_sent.split("\n\n")[:-1] if paragraph[:1].isdigit()][-1]
    number, at = last.split(".", 1)[0], text_sent.rindex(last)

    def check(response: httpx.Response) -> str:
        answer = response.json()
        query = (f"SELECT (MAX(?e) AS ?end) WHERE {{ ?p <{NIF.referenceContext}> <{GGID}document/{answer['document']}> ; "
                 f"<{NIF.endIndex}> ?e }}")
        rows = client.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}).json()
        end = int(rows["results"]["bindings"][0]["end"]["value"])
        hits = client.get("/api/search", params={"q": number, "document": answer["document"], "kind": "passage", "k": 100}).json()
        found = any(hit["start"] <= at < hit["end"] for hit in hits["resultaten"])
        return (f"{answer['passages']:,} passages, {answer['triples']:,} triples; passages tot teken {end:,} van {len(text_sent):,}; "
                f"laatste hele alinea ({number}) {'' if found else 'NIET '}gevonden")

    return check


def run_case(case: str, args: argparse.Namespace, megabytes: float = 0.0) -> list[list[str]]:
    token = secrets.token_urlsafe(16)
    auth = {"Authorization": f"Bearer {token}"}
    with started_service(args.data_dir, token) as (url, pid), httpx.Client(base_url=url, timeout=3600) as client:
        client.get("/healthz")
        client.get("/api/overlaps")  # the analyses are loaded (at start, in the background)
        upload = lambda name, content: client.post("/api/documenten", headers=auth, files={"bestand": (name, content)},  # noqa: E731
                                                   data={"toelichting": "meting"})
        if case == "txt":
            document = text(megabytes)
            return [measure(pid, client, f"upload .txt van {len(document) / 1e6:.2f} MB", lambda: upload("meting.txt", document),
                            check=searchable(client, document), follow=args.achtergrond)]
        if case == "pdf":
            document = pdf(args.pdf_pages)

            def small_write() -> str:
                started = time.perf_counter()
                answer = client.post("/api/organisaties", headers=auth,
                                     json={"naam": "Stichting Tijdens Pdf", "type": "welzijn", "toelichting": "meting"})
                return f"schrijfactie ernaast: {answer.status_code} in {time.perf_counter() - started:.1f} s"

            return [measure(pid, client, f"upload PDF {args.pdf_pages:,} pagina's ({len(document) / 1e6:.1f} MB)",
                            lambda: upload("meting.pdf", document), small_write, follow=args.achtergrond)]
        raw, name = (sheet(args.rows), "meting.xlsx") if case == "xlsx" else (csv_table(args.rows), "meting.csv")
        post_import = lambda dry: client.post("/api/import", headers=auth, files={"bestand": (name, raw)},  # noqa: E731
                                              data={"toelichting": "meting", "proefdraai": "true" if dry else "false"})
        label = f"import {args.rows:,} rijen {case} ({len(raw) / 1e6:.1f} MB)"
        return [measure(pid, client, f"{label}, proefdraai", lambda: post_import(True), follow=args.achtergrond),
                measure(pid, client, f"{label}, inlezen", lambda: post_import(False),
                        check=lambda response: f"{response.json()['toevoegen']:,} toegevoegd, {response.json()['invoer']['triples']:,} triples",
                        follow=args.achtergrond)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    parser.add_argument("--cases", default="txt,csv,xlsx,pdf", help="welke gevallen, komma-gescheiden (txt, csv, xlsx, pdf)")
    parser.add_argument("--rows", type=int, default=TableLimits.max_rows, help="rijen van de tabel (standaard: de grens)")
    parser.add_argument("--text-mb", default=f"{MAX_DOCUMENT_CHARS / 1e6 - 0.01:.2f},9.9",
                        help="groottes van de .txt in MB (10⁶ tekens), komma-gescheiden; elk op een eigen dienst")
    parser.add_argument("--pdf-pages", type=int, default=72_000)
    parser.add_argument("--achtergrond", type=float, default=1800,
                        help="zoveel seconden na het antwoord het geheugen blijven volgen (zoekindex en analyses)")
    args = parser.parse_args()
    rows = []
    for case in (name.strip() for name in args.cases.split(",") if name.strip()):
        for megabytes in [float(size) for size in args.text_mb.split(",")] if case == "txt" else [0.0]:
            rows += run_case(case, args, megabytes)
    print(table(rows, ["wat", "status", "s", "achtergrond s", "dienst ervoor MiB", "piek tot antwoord MiB", "piek MiB",
                       f"< {TARGET_MIB} MB", "controle"]))


if __name__ == "__main__":
    main()
