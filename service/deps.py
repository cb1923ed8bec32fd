"""Dependencies as Annotated aliases: the settings, the store and the search engine of the app."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from graph.store import Store
from search.embedder import EmbedderError
from search.embedders import make_embedder
from search.engine import SearchEngine, SearchError
from service.errors import ServiceError
from service.settings import Settings


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


def get_analyses(request: Request) -> dict[str, Any]:
    """Overlaps, gaps, goals, communities and suggestions of the current graph (kept, see
    service/analyses_state.py): every analysis page and API route filters this one result."""
    return request.app.state.analyses_keeper.get()


def get_templates(request: Request) -> Jinja2Templates:
    return request.app.state.templates


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
EngineDep = Annotated[SearchEngine, Depends(get_engine)]
AnalysesDep = Annotated[dict[str, Any], Depends(get_analyses)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
