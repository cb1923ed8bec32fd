"""Search results page: hits with their evidence sentence and links to the entity and the passage."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from graph.queries import find_programmes
from search.engine import SearchError
from service.deps import EngineDep, StoreDep
from service.errors import ServiceError
from service.views.pages import page

router = APIRouter(include_in_schema=False)


def _data(store, engine, q: str, k: int, kind: str | None, actielijn: int | None) -> dict:
    if not q.strip():
        return {"q": "", "resultaten": [], "programmas": []}
    try:
        hits = engine.search(q, k, kinds=[kind] if kind else None, actielijn=actielijn)
    except SearchError as error:
        raise ServiceError(400, str(error)) from error
    named = [{"iri": iri, "naam": name} for iri, name, _ in find_programmes(store, q)]
    return {"q": q, "kind": kind or "", "actielijn": actielijn, "programmas": named, "resultaten": [h.__dict__ for h in hits]}


@router.get("/zoeken")
def search_page(request: Request, store: StoreDep, engine: EngineDep, q: Annotated[str, Query(max_length=500)] = "",
                k: Annotated[int, Query(ge=1, le=100)] = 10, kind: str | None = None,
                actielijn: Annotated[int | None, Query(ge=1, le=5)] = None) -> Response:
    return page(request, "search.html", _data(store, engine, q, k, kind or None, actielijn))


@router.get("/zoeken.json")
def search_json(request: Request, store: StoreDep, engine: EngineDep, q: Annotated[str, Query(max_length=500)] = "",
                k: Annotated[int, Query(ge=1, le=100)] = 10, kind: str | None = None,
                actielijn: Annotated[int | None, Query(ge=1, le=5)] = None) -> Response:
    return page(request, "search.html", _data(store, engine, q, k, kind or None, actielijn), as_json=True)
