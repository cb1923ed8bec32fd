"""Crash safety: a build killed with SIGKILL at any moment leaves the store as it was before the
build or as it is after it, never in between (one transaction per build)."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from graph.factory import open_store
from ingest.pipeline import build_corpus


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
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        state = snapshot(victim)
        assert state in (before, after), f"killed after {delay} s: the store holds a half-written build"
        outcomes.append("voor" if state == before else "na")
    assert "voor" in outcomes  # the kills did land during the build
