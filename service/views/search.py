"""Search results page: hits with their evidence sentence and links to the entity and the passage, in
groups (organisations, programmes, other entities, passages). Its twin /zoeken.json is the answer of
/api/search (``Search.answer``) plus the chosen filters ``kind`` and ``actielijn``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from service.deps import KnowledgeDep
from service.params import Actielijn
from service.views.pages import page, twin

router = APIRouter(include_in_schema=False)


@twin(router, "/zoeken")
def search_page(request: Request, kg: KnowledgeDep, q: Annotated[str, Query(max_length=500)] = "",
                k: Annotated[int, Query(ge=1, le=100)] = 10, kind: str | None = None,
                actielijn: Actielijn = None) -> Response:
    if not q.strip():
        return page(request, "search.html", {"q": "", "resultaten": [], "programmas": []})
    found = kg.search(q, k, kinds=[kind] if kind else None, actielijn=actielijn).answer()
    return page(request, "search.html", {**found, "kind": kind or "", "actielijn": actielijn})
