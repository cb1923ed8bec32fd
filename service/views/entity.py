"""Entity pages at their IRI path (/id/<soort>/<sleutel>): HTML for a browser, Turtle or JSON-LD for
programs (content negotiation), JSON at <path>.json. Lists per kind at /<soorten>."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from graph.entities import KINDS, PLURALS, describe, list_entities
from ontology.namespaces import GGID
from service.api import detail_or_404
from service.deps import StoreDep
from service.errors import ServiceError
from service.sparql import negotiate
from service.views.pages import EXPORT_TYPES, ActielijnParam, number_or_none, page, table_download

router = APIRouter(include_in_schema=False)
EXPORT_LIMIT = 100_000  # an export is the whole filtered list
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
    return page(request, "entity.html", {"entiteit": data})


def _list(store, soort: str, q: str, type_: str, actielijn: int | None, limit: int, offset: int) -> dict:
    kind = PLURALS.get(soort)
    if kind is None:
        raise ServiceError(404, "Pagina niet gevonden.")
    result = list_entities(store, kind, q=q, org_type=type_, actielijn=actielijn, limit=limit, offset=offset)
    return {"soort": soort, "q": q, "type": type_, "actielijn": actielijn, "totaal": result.total,
            "limit": limit, "offset": offset, "items": result.items}


@router.get("/{soort}")
def list_page(request: Request, store: StoreDep, soort: str, q: Annotated[str, Query(max_length=200)] = "",
              type: Annotated[str, Query(max_length=50)] = "",  # noqa: A002
              actielijn: ActielijnParam = "",
              limit: Annotated[int, Query(ge=1, le=500)] = 200, offset: Annotated[int, Query(ge=0)] = 0) -> Response:
    """A list page; at <soort>.json the same as JSON, at .csv (Excel-ready) and .xlsx the whole filtered list."""
    name, _, suffix = soort.partition(".")
    if suffix in EXPORT_TYPES:
        data = _list(store, name, q, type, number_or_none(actielijn), EXPORT_LIMIT, 0)
        rows = [[item["naam"], item["type"], ", ".join(map(str, item["actielijnen"])), item["iri"]] for item in data["items"]]
        return table_download(["Naam", "Type", "Actielijnen", "Adres"], rows, name, suffix)
    if suffix not in ("", "json"):
        raise ServiceError(404, "Pagina niet gevonden.")
    return page(request, "list.html", _list(store, name, q, type, number_or_none(actielijn), limit, offset), as_json=suffix == "json")
