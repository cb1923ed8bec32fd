"""Document view: the passages of one document in order, the cited passage highlighted."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from graph.queries import PREFIX_BLOCK, sparql_literal
from service.deps import StoreDep
from service.errors import ServiceError
from service.views.pages import page

router = APIRouter(include_in_schema=False)


def _data(store, slug: str, passage: str) -> dict:
    rows = store.select(PREFIX_BLOCK + f"""
        SELECT DISTINCT ?p ?text ?b ?e ?title ?section WHERE {{ ?d dcterms:identifier {sparql_literal(slug)} ; dcterms:title ?title .
          ?p dcterms:isPartOf ?d ; nif:anchorOf ?text ; nif:beginIndex ?b ; nif:endIndex ?e .
          OPTIONAL {{ ?p gg:sectie ?section }} }} ORDER BY ?b""").rows
    if not rows:
        raise ServiceError(404, f"Geen document '{slug}'.")
    return {"document": slug, "titel": rows[0]["title"], "gemarkeerd": passage,
            "passages": [{"iri": r["p"], "tekst": r["text"], "begin": int(r["b"] or 0), "eind": int(r["e"] or 0),
                          "sectie": r["section"] or ""} for r in rows]}


@router.get("/document/{slug}")
def document_page(request: Request, store: StoreDep, slug: str, passage: str = "") -> Response:
    as_json = slug.endswith(".json")
    return page(request, "document.html", _data(store, slug.removesuffix(".json"), passage), as_json=as_json)
