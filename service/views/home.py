"""Home: one search box and the ways into the graph."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.deps import KnowledgeDep
from service.views.pages import page, twin

router = APIRouter(include_in_schema=False)


@twin(router, "/")
def home(request: Request, kg: KnowledgeDep) -> Response:
    return page(request, "home.html", {"aantallen": kg.counts(), "actielijnen": kg.entities("actielijn", limit=5).items})
