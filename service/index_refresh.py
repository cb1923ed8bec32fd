"""After a write the search index is rebuilt in a background thread (only new texts are embedded,
the rest comes from the cache); searches use the previous index until the new one is loaded."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from search.embedders import make_embedder
from search.engine import SearchEngine, build_index

if TYPE_CHECKING:
    from service.knowledge import Knowledge

log = logging.getLogger("gezond_kg.zoekindex")


class IndexRefresher:
    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self._wanted = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
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

    def _run(self) -> None:
        while True:
            with self._lock:
                if not self._wanted.is_set():
                    self._thread = None
                    return
                self._wanted.clear()
            settings, loaded = self.knowledge.settings, self.knowledge.loaded_engine
            try:
                embedder = loaded.embedder if loaded is not None else make_embedder(settings.model)
                build_index(self.knowledge.store, embedder, settings.data_dir)
                self.knowledge.engine = SearchEngine(settings.data_dir, embedder)
                self.refreshes += 1
            except Exception as error:  # noqa: BLE001 - a background thread must report, not die silently
                log.error("De zoekindex kon niet worden ververst: %s (zoeken gebruikt de vorige index)", error)
