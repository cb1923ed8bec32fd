"""The analyses the service serves: read at start from the store's analyses graph (computed at build),
kept while the store is unchanged, and computed again in the background after a write — requests
meanwhile get the previous result (marked ``bijgewerkt: false``), never a computation per request or
per parameter: every filter reads the kept result."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from graph.memory import release_memory
from search.analyses import AnalysisCancelled, compute, save, stored

if TYPE_CHECKING:
    from service.knowledge import Knowledge

log = logging.getLogger("gezond_kg.analyses")


class AnalysesKeeper:
    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self._lock = threading.Lock()
        self._result: dict[str, Any] | None = None
        self._version: object = None
        self._refresh: threading.Thread | None = None
        self._preloading: threading.Thread | None = None
        self._closing = threading.Event()  # shutting down: a running analysis stops at its next step

    def get(self) -> dict[str, Any]:
        store = self.knowledge.store
        result = self._result
        if result is not None and self._version is not None and store.version() == self._version:
            return result
        if result is not None:  # the store changed: analysed in the background, the previous state meanwhile
            self.refresh()
            return {**result, "bijgewerkt": False}
        with self._lock:
            if self._result is not None and self._version is not None and store.version() == self._version:
                return self._result
            result = stored(store, self.knowledge.settings.model) or self._compute()
            self._result, self._version = {**result, "bijgewerkt": True}, store.version()
            return self._result

    def preload(self, then: Callable[[], object] = lambda: None) -> None:
        """At start: read the stored result in the background, so the first request finds it ready; then ``then()``."""
        self._preloading = threading.Thread(target=self._preload, args=(then,), name="analyses-laden", daemon=True)
        self._preloading.start()

    def _preload(self, then: Callable[[], object]) -> None:
        try:
            self.get()
            then()
        except AnalysisCancelled:
            log.info("De analyses zijn niet geladen: de dienst stopt")
        except Exception as error:  # noqa: BLE001 - a background thread must report, not die silently
            log.error("De analyses konden niet worden geladen: %s (het eerste verzoek probeert het opnieuw)", error)

    def refresh(self) -> None:
        """After a write: analyse the new state in the background, once the search index has it."""
        with self._lock:
            if self._refresh is None:
                self._refresh = threading.Thread(target=self._run, name="analyses-verversen", daemon=True)
                self._refresh.start()

    def wait(self, timeout: float | None = None) -> None:
        """Until loading and analysing after a write are done (for tests)."""
        for thread in (self._preloading, self._refresh):
            if thread is not None:
                thread.join(timeout)

    def close(self, timeout: float | None = None) -> None:
        """At shutdown: stop an analysis at its next step instead of finishing it (the next start
        analyses the graph again), and wait for the thread to end."""
        self._closing.set()
        self.wait(timeout)

    def _run(self) -> None:
        try:
            self.knowledge.index_refresher.wait()
            result = self._compute()
            with self._lock:
                self._result, self._version = {**result, "bijgewerkt": True}, self.knowledge.store.version()
            release_memory()  # the previous result and the computation's intermediate tables
        except AnalysisCancelled:
            log.info("De analyses zijn niet ververst: de dienst stopt (de volgende start analyseert opnieuw)")
        except Exception as error:  # noqa: BLE001 - a background thread must report, not die silently
            log.error("De analyses konden niet worden ververst: %s (de vorige blijven gelden)", error)
        finally:
            self._refresh = None

    def _compute(self) -> dict[str, Any]:
        settings, store = self.knowledge.settings, self.knowledge.store
        result = compute(store, self.knowledge.engine, settings.model, self._closing.is_set)
        if settings.writers():  # a read-only service (or a command) keeps them in memory only
            with self.knowledge.write_lock:  # one write at a time, the saved analyses too
                save(store, result)
        return result
