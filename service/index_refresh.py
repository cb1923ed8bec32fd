"""After a write the search index is rebuilt in a background thread (only new texts are embedded,
the rest comes from the cache); searches use the previous index until the new one is loaded. A
service that stops ends a rebuild between two embedding batches; at its next start it finds the index
behind the graph and rebuilds it then (``catch_up``)."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from graph.memory import release_memory
from search.documents import collect
from search.engine import SearchEngine, build_index

if TYPE_CHECKING:
    from service.knowledge import Knowledge

log = logging.getLogger("gezond_kg.zoekindex")


class IndexCancelled(Exception):
    """The rebuild was stopped between two embedding batches (the service is shutting down)."""


class IndexRefresher:
    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self._wanted = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._closing = threading.Event()
        self.refreshes = 0

    def request(self) -> None:
        """Ask for a rebuild; writes that arrive during a rebuild lead to one more rebuild."""
        with self._lock:
            self._wanted.set()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="zoekindex-verversen", daemon=True)
                self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until no rebuild is running or wanted (for tests and shutdown)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return self._thread is None

    def close(self, timeout: float | None = None) -> None:
        """At shutdown: stop a rebuild after its current embedding batch, and wait for the thread."""
        self._closing.set()
        self.wait(timeout)

    def catch_up(self) -> None:
        """At start, in the background: rebuild the index if it does not hold the graph (a rebuild
        after a write was stopped by a shutdown or a crash)."""
        threading.Thread(target=self._catch_up, name="zoekindex-controleren", daemon=True).start()

    def _catch_up(self) -> None:
        try:
            if not self.knowledge.engine.holds(collect(self.knowledge.store)):
                log.info("De zoekindex loopt achter op de graaf; hij wordt bijgewerkt")
                self.request()
        except Exception as error:  # noqa: BLE001 - a background thread must report, not die silently
            log.error("De zoekindex kon niet worden vergeleken met de graaf: %s", error)

    def _unless_closing(self, stage: str, done: int, total: int) -> None:
        if self._closing.is_set():
            raise IndexCancelled(f"{stage}: {done} van {total} ingebed")

    def _run(self) -> None:
        while True:
            with self._lock:
                if not self._wanted.is_set():
                    self._thread = None
                    return
                self._wanted.clear()
            knowledge = self.knowledge
            try:
                build_index(knowledge.store, knowledge.embedder, knowledge.settings.data_dir, self._unless_closing)
                release_memory()  # the embedding batches and the collected texts
                knowledge.engine = SearchEngine(knowledge.settings.data_dir, knowledge.embedder)
                self.refreshes += 1
            except IndexCancelled as stopped:
                log.info("De zoekindex is niet bijgewerkt: de dienst stopt (%s); de volgende start werkt hem bij", stopped)
                with self._lock:
                    self._thread = None
                return
            except Exception as error:  # noqa: BLE001 - a background thread must report, not die silently
                log.error("De zoekindex kon niet worden ververst: %s (zoeken gebruikt de vorige index)", error)
