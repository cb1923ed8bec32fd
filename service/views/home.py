"""Home: one search box and the ways into the graph."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from graph.entities import list_entities
from graph.queries import class_counts
from service.deps import StoreDep
from service.views.pages import page

router = APIRouter(include_in_schema=False)


def _data(store) -> dict:
    return {"aantallen": class_counts(store), "actielijnen": list_entities(store, "actielijn", limit=5).items}


@router.get("/")
def home(request: Request, store: StoreDep) -> Response:
    return page(request, "home.html", _data(store))


@router.get("/index.json")
def home_json(request: Request, store: StoreDep) -> Response:
    return page(request, "home.html", _data(store), as_json=True)
