"""Public SPARQL queries run in a small pool of worker processes, each with its own read-only store, so
that a query that runs too long can really be stopped (its worker is killed and replaced), not just
abandoned, and one slow query does not hold up the others.

- The time limit counts from submission: waiting for a free worker is part of it. A query stopped after
  running for at least half of it is too heavy (QueryTooHeavy, the query's own cost); one stopped
  sooner waited for the others (QueryTimeout: the service is busy, ask again later).
- One client runs at most ``workers - 1`` queries at a time; its further queries wait for its own
  earlier ones (TooManyQueries when their time runs out there), so one client's slow queries never hold
  every worker: another client's query always finds one free.
- A query whose client went away (or whose time is up) is cancelled: its worker is killed.
- After a write the workers reopen their store before their next query; a query that is running
  finishes on the state it started on (a write never kills it). When the writer's compaction removed
  files under a worker's read-only view, the worker reopens the store and asks again.
- A worker that was killed (time up, client gone, crash) is replaced at once, in the background.
- A worker on the embedded store runs in its own network namespace where the platform allows it
  (Linux, as root or with unprivileged user namespaces): even a query that slipped past the check for
  SERVICE could not reach another server. A worker on a SPARQL server needs the network to reach it.
- Queries run on a thread with a large stack: Oxigraph's parser recurses per nested operator and
  overflowed the 8 MB main stack on a 20 000-character query (a crash, not an error).
"""

from __future__ import annotations

import queue
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path

from graph.errors import Invalid, Rejected, TimedOut, TooLarge
from graph.store import QueryDataset

POLL_SECONDS = 0.1  # how often a waiting query looks whether its client is still there


class QueryTimeout(TimedOut):
    """The query ran (or waited) longer than allowed and was stopped."""


class QueryTooHeavy(Rejected):
    """The query ran for (most of) the time limit in its worker and was stopped: its own cost."""


class TooManyQueries(Rejected):
    """The client already runs as many queries as one client may at a time."""


class QueryCancelled(Invalid):
    """The client went away; the query was stopped."""


class QueryFailed(Invalid):
    """The store refused the query (syntax or evaluation error)."""


class ResultTooLarge(TooLarge):
    """The serialized result is larger than allowed."""


class _Worker:
    """One worker process and its pipe; started with the runner and again at once after it was killed."""

    def __init__(self, runner: IsolatedQueryRunner) -> None:
        self.runner = runner
        self.process: subprocess.Popen[bytes] | None = None
        self.connection: Connection | None = None
        self.isolated: bool | None = None

    def _start(self) -> None:
        """Start the process (service/query_worker.py, with its end of a socket pair); it says "klaar" (with
        whether it is cut off from the network) when ready. Not multiprocessing: its spawned child imports
        the parent's main module again (the whole service, 140 MiB per worker instead of 45)."""
        parent, child = socket.socketpair()
        runner = self.runner
        with child:
            self.process = subprocess.Popen([sys.executable, "-m", "service.query_worker", str(child.fileno()), runner.data_dir,
                                             runner.store_url, str(runner.max_result_bytes)], pass_fds=[child.fileno()],
                                            stdin=subprocess.DEVNULL)
        self.connection = Connection(parent.detach())

    def run(self, generation: int, query: str, media_type: str, dataset: QueryDataset, deadline: float,
            cancelled: threading.Event | None, queued_behind_own: bool) -> tuple[str, object]:
        if self.process is None or self.process.poll() is not None or self.connection is None:
            self.stop()
            self._start()
        assert self.connection is not None
        self.connection.send((generation, query, media_type, dataset))
        return self._answer(time.monotonic(), deadline, cancelled, queued_behind_own)

    def _answer(self, started: float, deadline: float, cancelled: threading.Event | None, queued_behind_own: bool) -> tuple[str, object]:
        assert self.connection is not None
        while not self.connection.poll(max(0.0, min(POLL_SECONDS, deadline - time.monotonic()))):
            if time.monotonic() >= deadline:
                self.restart()
                raise self.runner.time_up(time.monotonic() - started, queued_behind_own)
            if cancelled is not None and cancelled.is_set():
                self.restart()
                raise QueryCancelled("De vrager is weg; de query is gestopt.")
        try:
            status, payload = self.connection.recv()
        except (EOFError, OSError) as error:  # the process died: a crash in the engine
            self.restart()
            raise QueryFailed("De query liet het werkproces vastlopen; maak hem eenvoudiger.") from error
        if status == "klaar":  # the process has just started; the answer comes next
            self.isolated = bool(payload)
            return self._answer(started, deadline, cancelled, queued_behind_own)
        return status, payload

    def restart(self) -> None:
        """Kill the process and start its successor now, so that the next query need not wait for it."""
        self.stop()
        self._start()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=5)
        if self.connection is not None:
            self.connection.close()
        self.process, self.connection = None, None


class IsolatedQueryRunner:
    """``workers`` worker processes; ``run`` takes a free one or waits for one until its time is up."""

    def __init__(self, data_dir: Path, store_url: str = "", timeout_seconds: float = 10.0,
                 max_result_bytes: int = 20_000_000, workers: int = 2) -> None:
        self.data_dir, self.store_url, self.timeout = str(data_dir), store_url, timeout_seconds
        self.max_result_bytes = max_result_bytes
        self._workers = [_Worker(self) for _ in range(workers)]
        self._free: queue.Queue[_Worker] = queue.Queue()
        for worker in self._workers:
            worker.restart()  # started now: the first queries do not wait for a process to start
            self._free.put(worker)
        self._generation = 0
        self.per_client = max(1, workers - 1)
        self._running: Counter[str] = Counter()
        self._slots = threading.Condition()

    @contextmanager
    def _client_slot(self, client: str, deadline: float, cancelled: threading.Event | None) -> Iterator[bool]:
        """Hold one of ``client``'s ``per_client`` query slots while its query waits for a worker and runs;
        wait for one while the client's earlier queries hold them all. Yields whether it had to wait."""
        if not client:
            yield False
            return
        waited = False
        with self._slots:
            while self._running[client] >= self.per_client:
                waited = True
                if time.monotonic() >= deadline:
                    raise self.time_up(None, True)
                if cancelled is not None and cancelled.is_set():
                    raise QueryCancelled("De vrager is weg; de query is niet gestart.")
                self._slots.wait(max(0.0, min(POLL_SECONDS, deadline - time.monotonic())))
            self._running[client] += 1
        try:
            yield waited
        finally:
            with self._slots:
                self._running[client] -= 1
                if not self._running[client]:
                    del self._running[client]
                self._slots.notify_all()

    def time_up(self, ran: float | None, queued_behind_own: bool) -> QueryTooHeavy | TooManyQueries | QueryTimeout:
        """What a query whose time ran out gets, by where its time went: ``ran`` seconds in a worker (None: it
        never got one) for at least half the limit → its own cost; else waiting behind the same client's
        queries → too many at once; else waiting for a busy pool."""
        if ran is not None and ran >= self.timeout / 2:
            return QueryTooHeavy(f"De query rekende {ran:.0f} s (grens {self.timeout:g} s) en is gestopt. Maak hem specifieker "
                                 "of gebruik LIMIT.")
        if queued_behind_own:
            return TooManyQueries(f"Uw eerdere query's hielden uw {self.per_client} plek(ken) {self.timeout:g} s bezet; deze is niet "
                                  "uitgevoerd. Wacht op hun antwoord (één vrager heeft er hoogstens zoveel tegelijk) en vraag dan opnieuw.")
        if ran is None:
            return QueryTimeout(f"Alle werkprocessen waren {self.timeout:g} s bezet; probeer het later opnieuw.")
        return QueryTimeout(f"De query wachtte op een vrij werkproces en was niet binnen {self.timeout:g} s klaar; "
                            "probeer het later opnieuw.")

    def deadline(self) -> float:
        """The moment a query submitted now must be answered by (``time.monotonic()`` clock)."""
        return time.monotonic() + self.timeout

    def run(self, query: str, media_type: str, deadline: float | None = None, cancelled: threading.Event | None = None,
            dataset: QueryDataset = QueryDataset(), client: str = "") -> bytes:
        """Serialized result of ``query`` over ``dataset``, asked by ``client`` (an address; '' for none). When
        it is not answered by ``deadline`` (default: the time limit from now): QueryTooHeavy if it ran half of
        that, TooManyQueries if it waited for the client's own earlier queries, else QueryTimeout.
        QueryCancelled when ``cancelled`` is set before it is answered."""
        deadline = self.deadline() if deadline is None else deadline
        with self._client_slot(client, deadline, cancelled) as queued_behind_own:
            worker = self._take(deadline, cancelled, queued_behind_own)
            try:
                status, payload = worker.run(self._generation, query, media_type, dataset, deadline, cancelled, queued_behind_own)
            finally:
                self._free.put(worker)
        if status == "te-groot":
            raise ResultTooLarge(payload)
        if status != "ok":
            raise QueryFailed(payload)
        return payload  # type: ignore[return-value]

    def _take(self, deadline: float, cancelled: threading.Event | None, queued_behind_own: bool) -> _Worker:
        while True:
            try:
                return self._free.get(timeout=max(0.0, min(POLL_SECONDS, deadline - time.monotonic())))
            except queue.Empty:
                if time.monotonic() >= deadline:
                    raise self.time_up(None, queued_behind_own) from None
                if cancelled is not None and cancelled.is_set():
                    raise QueryCancelled("De vrager is weg; de query is niet gestart.") from None

    def refresh(self) -> None:
        """The store changed: every worker reopens it before its next query (a running query finishes)."""
        self._generation += 1

    def stop(self) -> None:
        """Stop every worker (at shutdown)."""
        for worker in self._workers:
            worker.stop()
