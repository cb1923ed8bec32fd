"""Entity pages at their IRI path (/id/<soort>/<sleutel>): HTML for a browser, Turtle or JSON-LD for
programs (content negotiation), JSON at <path>.json. Lists per kind at /<soorten>."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from graph.entities import KINDS, PLURALS, describe, list_entities
from ontology.namespaces import GGID
from service.analysis_filters import entity_analyses
from service.api import detail_or_404
from service.deps import StoreDep
from service.errors import ServiceError
from service.sparql import negotiate
from service.views.pages import page

router = APIRouter(include_in_schema=False)
RDF_TYPES = ("text/html", "text/turtle", "application/ld+json", "application/n-triples")


@router.get("/id/{soort}/{sleutel:path}")
def entity_page(request: Request, store: StoreDep, soort: str, sleutel: str) -> Response:
    if soort not in KINDS and soort not in ("rol", "organisatietype"):
        raise ServiceError(404, f"Onbekende soort '{soort}'.")
    as_json = sleutel.endswith(".json")
    iri = f"{GGID}{soort}/{sleutel.removesuffix('.json')}"
    media = "text/html" if as_json else negotiate(request.headers.get("accept", "text/html"), RDF_TYPES)
    data = detail_or_404(store, iri)
    if media != "text/html":
        return Response(describe(store, iri, media), media_type=media)
    if as_json:
        return JSONResponse(data)
    return page(request, "entity.html", {"entiteit": data, "analyse": entity_analyses(request.app.state.analyses_keeper.get(), iri)})


def _list(store, soort: str, q: str, type_: str, actielijn: int | None, limit: int, offset: int) -> dict:
    kind = PLURALS.get(soort.removesuffix(".json"))
    if kind is None:
        raise ServiceError(404, "Pagina niet gevonden.")
    result = list_entities(store, kind, q=q, org_type=type_, actielijn=actielijn, limit=limit, offset=offset)
    return {"soort": soort.removesuffix(".json"), "q": q, "type": type_, "actielijn": actielijn, "totaal": result.total,
            "limit": limit, "offset": offset, "items": result.items}


@router.get("/{soort}")
def list_page(request: Request, store: StoreDep, soort: str, q: Annotated[str, Query(max_length=200)] = "",
              type: Annotated[str, Query(max_length=50)] = "",  # noqa: A002
              actielijn: Annotated[int | None, Query(ge=1, le=5)] = None,
              limit: Annotated[int, Query(ge=1, le=500)] = 200, offset: Annotated[int, Query(ge=0)] = 0) -> Response:
    return page(request, "list.html", _list(store, soort, q, type, actielijn, limit, offset), as_json=soort.endswith(".json"))
