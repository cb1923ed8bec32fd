"""Shared by the benchmarks: Markdown tables, latency percentiles, a clock and progress lines."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows)]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def percentiles(milliseconds: list[float]) -> tuple[float, float]:
    """(p50, p95) of a list of timings."""
    ordered = sorted(milliseconds)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def timed_ms(call: Callable[[], object], repeat: int) -> list[float]:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


@contextmanager
def step(label: str) -> Iterator[dict[str, float]]:
    """Print ``label``, run the block, print and keep its duration in seconds (``result["seconds"]``)."""
    print(f"  {label} …", end="", flush=True, file=sys.stderr)
    result: dict[str, float] = {}
    started = time.perf_counter()
    yield result
    result["seconds"] = time.perf_counter() - started
    print(f" {result['seconds']:.1f} s", file=sys.stderr)


def scales(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
