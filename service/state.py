"""``app.state`` of the service: the façade (``knowledge``), the settings and the page templates. The
parts the façade owns (store, engine, refresher, keeper, query runner) are read through to it under
their old names, so that code holding the app (tests, benches) reaches them; nothing else is kept."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import State

from service.settings import Settings

OWNED = ("store", "engine", "index_refresher", "analyses_keeper", "query_runner")


class FacadeState(State):
    def __init__(self, settings: Settings) -> None:
        super().__init__({"settings": settings, "knowledge": None, "templates": None})

    def __getattr__(self, name: str) -> Any:
        if name in OWNED:
            return getattr(self._state["knowledge"], name)
        return super().__getattr__(name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in OWNED:
            setattr(self._state["knowledge"], name, value)
        elif name == "_state" or name in self._state:
            super().__setattr__(name, value)
        else:
            raise AttributeError(f"app.state holds only the façade, the settings and the templates, not '{name}'")
