"""Public SPARQL queries run in a separate worker process with its own read-only store, so that a query
that runs too long can really be stopped (the worker is killed and replaced), not just abandoned."""

from __future__ import annotations

import multiprocessing as mp
import threading
from multiprocessing.connection import Connection
from pathlib import Path

from graph.store import QueryDataset


class QueryTimeout(Exception):
    """The query ran longer than allowed and was stopped."""


class QueryFailed(Exception):
    """The store refused the query (syntax or evaluation error)."""


class ResultTooLarge(Exception):
    """The serialized result is larger than allowed."""


def _worker(data_dir: str, store_url: str, max_bytes: int, connection: Connection) -> None:
    from graph.factory import open_store
    from graph.store import StoreError

    store = open_store(Path(data_dir), store_url=store_url, read_only=True)
    while True:
        try:
            query, media_type, dataset = connection.recv()
        except EOFError:
            return
        try:
            body = store.query_dataset(query, media_type, dataset)
            if len(body) > max_bytes:
                connection.send(("te-groot", f"Het resultaat is {len(body):,} bytes; de grens is {max_bytes:,}. Gebruik LIMIT."))
            else:
                connection.send(("ok", body))
        except StoreError as error:
            connection.send(("fout", str(error)))
        except Exception as error:  # noqa: BLE001 - reported to the caller, the worker lives on
            connection.send(("fout", f"{type(error).__name__}: {error}"))


class IsolatedQueryRunner:
    def __init__(self, data_dir: Path, store_url: str = "", timeout_seconds: float = 10.0,
                 max_result_bytes: int = 20_000_000) -> None:
        self.data_dir, self.store_url, self.timeout = str(data_dir), store_url, timeout_seconds
        self.max_result_bytes = max_result_bytes
        self._lock = threading.Lock()
        self._process: mp.process.BaseProcess | None = None
        self._connection: Connection | None = None

    def _start(self) -> None:
        context = mp.get_context("spawn")
        parent, child = context.Pipe()
        self._process = context.Process(target=_worker, args=(self.data_dir, self.store_url, self.max_result_bytes, child), daemon=True)
        self._process.start()
        self._connection = parent

    def run(self, query: str, media_type: str, dataset: QueryDataset = QueryDataset()) -> bytes:
        """Serialized result of ``query`` over ``dataset``; QueryTimeout when it takes longer than the limit."""
        with self._lock:  # one query at a time per worker keeps memory bounded
            if self._process is None or not self._process.is_alive():
                self._start()
            assert self._connection is not None
            self._connection.send((query, media_type, dataset))
            if not self._connection.poll(self.timeout):
                self.stop()
                raise QueryTimeout(f"De query duurde langer dan {self.timeout:g} s en is gestopt.")
            status, payload = self._connection.recv()
        if status == "te-groot":
            raise ResultTooLarge(payload)
        if status != "ok":
            raise QueryFailed(payload)
        return payload

    def stop(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join(timeout=5)
        self._process = None
        self._connection = None
