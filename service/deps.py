"""Dependencies as Annotated aliases: the settings, the store and the search engine of the app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from graph.store import Store
from search.engine import SearchEngine, SearchError
from search.embedder import EmbedderError
from search.embedders import make_embedder
from service.errors import ServiceError
from service.settings import Settings

T = TypeVar("T")


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_engine(request: Request) -> SearchEngine:
    state = request.app.state
    if state.engine is None:
        try:
            state.engine = SearchEngine(state.settings.data_dir, make_embedder(state.settings.model))
        except (SearchError, EmbedderError) as error:
            raise ServiceError(503, str(error)) from error
        except Exception as error:  # noqa: BLE001 - numpy, faiss, bm25s and json each fail their own way on a damaged file
            raise ServiceError(503, "De zoekindex is beschadigd of onvolledig; zoeken, overlap en lacunes zijn even niet "
                                    "beschikbaar. Bouw de index opnieuw met 'gezond-kg build --opnieuw'.") from error
    return state.engine


def remembered(request: Request, name: str, compute: Callable[[], T], *params: object) -> T:
    """``compute()`` once per state of the graph and search index (overlaps and gaps read the whole
    graph and every programme vector); a write or an index refresh makes it compute again. Not kept
    for a store that cannot tell its state (``Store.version()`` is None). ``params`` are what else the
    result depends on."""
    state = request.app.state
    version = state.store.version()
    if version is None:
        return compute()
    if getattr(state, "analyses", None) is None:
        state.analyses = {}
    key = (name, params, version, id(state.engine))  # one entry per name: a new parameter replaces it
    if key not in state.analyses:
        state.analyses = {k: v for k, v in state.analyses.items() if k[0] != name}
        state.analyses[key] = (state.engine, compute())  # holding the engine keeps its id unique
    return state.analyses[key][1]


def get_templates(request: Request) -> Jinja2Templates:
    return request.app.state.templates


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
EngineDep = Annotated[SearchEngine, Depends(get_engine)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
