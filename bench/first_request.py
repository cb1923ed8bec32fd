"""First-request times of the analysis pages after `gezond-kg serve` starts (target <= 300 ms), the
cost of a new filter value, and /lacunes right after a write.

    .venv/bin/python bench/first_request.py --data-dir data [--runs 3]

The data directory must hold a built graph and search index (`gezond-kg build`, which also computes
and stores the analyses). Each run starts a fresh server (loopback, free port) per address and
times its first request, then a second one; `/overlaps.json?min_score=0.301, 0.302, …` shows
that a new parameter does not compute again; with a write token it posts an organisation and times
/lacunes directly after (served from the previous state while the new one is analysed) and until
the analyses of the new state are there.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import table  # noqa: E402

ADDRESSES = ["/lacunes", "/overlaps", "/api/gaps", "/api/overlaps"]
TOKEN = "bench-geheim"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, data_dir: Path, *, writer: bool = False) -> None:
        self.port = free_port()
        env = {**os.environ, **({"GEZOND_KG_WRITE_TOKENS": f"bench={TOKEN}"} if writer else {})}
        self.process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gezond-kg"), "serve", "--data-dir", str(data_dir), "--host", "127.0.0.1",
             "--port", str(self.port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.client = httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=120)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if self.client.get("/healthz").status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise SystemExit("De dienst startte niet binnen 120 s.")

    def timed(self, path: str, **options: object) -> float:
        started = time.perf_counter()
        response = self.client.get(path, **options)
        response.raise_for_status()
        return (time.perf_counter() - started) * 1000

    def stop(self) -> None:
        self.client.close()
        self.process.terminate()
        self.process.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for path in ADDRESSES:
        first, second = [], []
        for _ in range(args.runs):
            server = Server(args.data_dir)
            try:
                first.append(server.timed(path))
                second.append(server.timed(path))
            finally:
                server.stop()
        rows.append([path, f"{statistics.median(first):.0f}", f"{max(first):.0f}", f"{statistics.median(second):.0f}"])
    print(table(rows, ["adres", "eerste verzoek (ms, mediaan)", "eerste (max)", "tweede (ms)"]))

    copy = Path(tempfile.mkdtemp(prefix="first-request-")) / "data"  # the write goes to a copy
    shutil.copytree(args.data_dir, copy)
    server = Server(copy, writer=True)
    try:
        server.timed("/overlaps.json")
        filters = [server.timed("/overlaps.json", params={"min_score": round(0.301 + i / 1000, 3)}) for i in range(24)]
        print(f"\n24 nieuwe waarden van min_score: mediaan {statistics.median(filters):.0f} ms, max {max(filters):.0f} ms")
        response = server.client.post("/api/organisaties", headers={"Authorization": f"Bearer {TOKEN}"},
                                      json={"naam": f"Benchstichting {time.time_ns()}", "type": "welzijn",
                                            "toelichting": "meting van bench/first_request.py"})
        response.raise_for_status()
        after = server.timed("/lacunes")
        started = time.perf_counter()
        while not server.client.get("/lacunes.json").json().get("bijgewerkt", True):
            time.sleep(0.5)
        print(f"/lacunes direct na een schrijfactie: {after:.0f} ms (vorige stand); nieuwe analyses na "
              f"{time.perf_counter() - started:.1f} s")
    finally:
        server.stop()
        shutil.rmtree(copy.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
