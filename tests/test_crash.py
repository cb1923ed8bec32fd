"""Crash safety: a build, or the service in the middle of a write, killed with SIGKILL at any moment
leaves the store as it was before or as it is after, never in between (one transaction each)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from graph.factory import open_store
from graph.writes import WRITE_GRAPH_PREFIX
from ingest.pipeline import build_corpus
from ingest.upload import upload_document
from tests.conftest import copy_of_built


def snapshot(data_dir: Path) -> frozenset:
    with open_store(data_dir, read_only=True) as store:
        return frozenset(tuple(map(str, t)) for t in store.union_graph())


def test_sigkill_during_a_build_loses_nothing(corpus_dir, lexicon, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir, corpus)
    data = tmp_path / "kg"
    with open_store(data) as store:
        build_corpus(store, corpus, lexicon)
    before = snapshot(data)

    changed = corpus / "actielijn-2-preventie-welzijn-samenleving.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Impology", "Stichting Nieuwe Start Oost"), encoding="utf-8")
    (corpus / "extra.md").write_text("# Extra\n\nDe ketenaanpak ‘Samen Sterk’ wordt belegd bij Zorggroep Oost.\n", encoding="utf-8")
    expected = tmp_path / "expected"
    shutil.copytree(data, expected)
    with open_store(expected) as store:
        build_corpus(store, corpus, lexicon)
    after = snapshot(expected)
    assert before != after

    gezond_kg = str(Path(sys.executable).parent / "gezond-kg")
    outcomes = []
    for delay in (0.3, 0.8, 1.4, 2.0, 2.6, 3.2, 4.0):
        victim = tmp_path / f"victim-{delay}"
        shutil.copytree(data, victim)
        process = subprocess.Popen([gezond_kg, "build", "--zonder-zoekindex", "--corpus-dir", str(corpus),
                                    "--data-dir", str(victim)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        outcomes.append(kill_and_compare(process, delay, lambda: snapshot(victim), before, after))
    assert "voor" in outcomes  # the kills did land during the build


def kill_and_compare(process: subprocess.Popen, delay: float, state_of, before, after) -> str:  # noqa: ANN001
    """Kill ``process`` with SIGKILL after ``delay`` s; the store must be in the before or the after state."""
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    state = state_of()
    assert state in (before, after), f"killed after {delay} s: the store holds a half-written operation"
    return "voor" if state == before else "na"


def fact_quads(data_dir: Path) -> tuple[frozenset, int]:
    """The quads outside the coordinators' write graphs, and how many quads are in write graphs (their
    names carry a timestamp, so two runs of the same write differ only there)."""
    with open_store(data_dir, read_only=True) as store:
        lines = store.nquads().decode("utf-8").splitlines()
    in_writes = [line for line in lines if f"<{WRITE_GRAPH_PREFIX}" in line.rsplit(" ", 2)[-2]]
    return frozenset(set(lines) - set(in_writes)), len(in_writes)


def test_sigkill_during_a_write_through_the_service_loses_nothing(analysed, corpus_dir, lexicon, tmp_path):
    data = copy_of_built(analysed, tmp_path / "kg")  # the built graph with its analyses, as a build leaves it
    before = fact_quads(data)
    content = (corpus_dir / "regioplan-gezond-groningen.txt").read_bytes()  # a large document: ingest takes a while
    expected = tmp_path / "expected"
    shutil.copytree(data, expected)
    with open_store(expected) as store:
        started = time.monotonic()
        upload_document(store, expected, lexicon, "anna", "upload-groot.txt", content, "test", max_bytes=10_000_000)
        duration = time.monotonic() - started  # the kills are spread over this (the service adds HTTP and its start)
    after = fact_quads(expected)
    assert before != after

    gezond_kg = str(Path(sys.executable).parent / "gezond-kg")
    outcomes = []
    # kills spread over the measured time, and a last one once the service has answered (the write is committed,
    # however slow the machine): the outcomes must hold both states
    delays: list[float | None] = [round(duration * share, 2) for share in (0.05, 0.5, 0.9, 1.3)]
    for number, delay in enumerate([*delays, None]):
        victim = tmp_path / f"victim-{number}"
        shutil.copytree(data, victim)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen([gezond_kg, "serve", "--port", str(port), "--data-dir", str(victim)],
                                  env={**os.environ, "GEZOND_KG_WRITE_TOKENS": "anna=geheim"},
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                httpx.get(url + "/healthz", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        writer = threading.Thread(target=lambda: _post_quietly(url, content), daemon=True)
        writer.start()
        if delay is None:
            writer.join(300)
        outcomes.append(kill_and_compare(server, delay or 0.0, lambda: fact_quads(victim), before, after))
    assert "voor" in outcomes and "na" in outcomes, outcomes  # kills landed during and after the write


def _post_quietly(url: str, content: bytes) -> None:
    try:
        httpx.post(url + "/api/documenten", headers={"Authorization": "Bearer geheim"}, timeout=300,
                   files={"bestand": ("upload-groot.txt", content)}, data={"toelichting": "test"})
    except httpx.HTTPError:
        pass  # the server was killed
