"""One SPARQL worker process of service/query_runner.py: ``python -m service.query_worker <fd> <data dir>
<store url> <max result bytes>``. It answers the queries that come over its end of a socket pair (file
descriptor ``fd``) from its own read-only store and ends when the service closes the other end (also
when the service is killed). It imports only the store, so that it costs ~45 MiB, not the service's ~140.
"""

from __future__ import annotations

import ctypes
import sys
import threading
from multiprocessing.connection import Connection
from pathlib import Path

CLONE_NEWNET, CLONE_NEWUSER = 0x40000000, 0x10000000
QUERY_STACK_BYTES = 256 * 1024 * 1024  # virtual: only the pages a deep query touches are used
READ_ATTEMPTS = 5
# a read-only RocksDB view beside the writer: the writer's compaction may delete files the view still
# lists; the view is reopened and the query asked again (seen as these words in RocksDB's error)
VANISHED = ("No such file or directory", "Corruption")


def without_network() -> bool:
    """Move this process into a new, empty network namespace (no interface, not even loopback)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(CLONE_NEWNET) == 0 or libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0
    except (OSError, AttributeError):  # no libc with unshare (not Linux)
        return False


def _worker(data_dir: str, store_url: str, max_bytes: int, connection: Connection) -> None:
    isolated = without_network() if not store_url else False
    threading.stack_size(QUERY_STACK_BYTES)
    thread = threading.Thread(target=_serve, args=(data_dir, store_url, max_bytes, connection, isolated))
    thread.start()
    thread.join()


def _serve(data_dir: str, store_url: str, max_bytes: int, connection: Connection, isolated: bool) -> None:
    from graph.factory import open_store
    from graph.store import StoreError

    store, opened_at = None, -1
    connection.send(("klaar", isolated))
    while True:
        try:
            generation, query, media_type, dataset = connection.recv()
        except (EOFError, ConnectionError):  # the service closed its end, or died
            return
        for attempt in range(READ_ATTEMPTS):
            try:
                if store is None or opened_at != generation:  # a write happened since: see it
                    if store is not None:
                        store.close()
                    store, opened_at = None, -1
                    store, opened_at = open_store(Path(data_dir), store_url=store_url, read_only=True), generation
                body = store.query_dataset(query, media_type, dataset)
            except Exception as error:  # noqa: BLE001 - reported to the caller, the worker lives on
                if attempt + 1 < READ_ATTEMPTS and any(sign in str(error) for sign in VANISHED):
                    opened_at = -1  # the writer compacted files away under this read-only view: reopen, ask again
                    continue
                connection.send(("fout", str(error) if isinstance(error, StoreError) else f"De query kon niet worden uitgevoerd: {error}"))
                break
            if len(body) > max_bytes:
                connection.send(("te-groot", f"Het resultaat is {len(body):,} bytes; de grens is {max_bytes:,}. Gebruik LIMIT."))
            else:
                connection.send(("ok", body))
            break


def main(arguments: list[str]) -> None:
    fd, data_dir, store_url, max_bytes = arguments
    _worker(data_dir, store_url, int(max_bytes), Connection(int(fd)))


if __name__ == "__main__":
    main(sys.argv[1:])
