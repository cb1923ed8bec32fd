"""Document view: the passages of one document in order, the cited passage highlighted."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.deps import KnowledgeDep
from service.views.pages import page

router = APIRouter(include_in_schema=False)


@router.get("/document/{slug}")
def document_page(request: Request, kg: KnowledgeDep, slug: str, passage: str = "") -> Response:
    """At /document/<slug>.json the JSON twin (a slug never ends in .json: slugs have no dots)."""
    return page(request, "document.html", asdict(kg.document(slug.removesuffix(".json"), passage)))
