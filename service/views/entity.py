"""Pages at the IRI path of everything the graph mints (/id/<soort>/<sleutel>): HTML for a browser,
Turtle, JSON-LD or N-Triples for programs (see service/views/linked_data.py), JSON at <path>.json. An
entity (organisation, programme, …) gets its overview; any other resource (a passage, involvement,
membership, function, move, write) its statements, and a passage its text and the facts that cite it.
Lists per kind at /<soorten>."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from graph.entities import KINDS, PLURALS, list_entities
from graph.resources import describe, exists, resource
from ontology.namespaces import BASE
from service.analysis_filters import entity_analyses
from service.api import detail_or_404
from service.deps import StoreDep
from service.errors import ServiceError
from service.views.linked_data import alternates, representation
from service.views.pages import (
    EXPORT_TYPES,
    ActielijnParam,
    number_or_none,
    page,
    table_download,
)

router = APIRouter(include_in_schema=False)
EXPORT_LIMIT = 100_000  # an export is the whole filtered list
OVERVIEW_KINDS = (*KINDS, "rol", "organisatietype")  # kinds with an entity overview (a label, relations)


@router.get("/id/{soort}/{sleutel:path}")
def entity_page(request: Request, store: StoreDep, soort: str, sleutel: str) -> Response:
    as_json = sleutel.endswith(".json")
    path = f"/id/{soort}/{sleutel.removesuffix('.json')}"
    path, media, headers = (path, "application/json", {}) if as_json else representation(request, path)
    iri = BASE + path[1:]
    if not exists(store, iri):
        raise ServiceError(404, f"Geen entiteit met IRI {iri}.")
    if media not in ("text/html", "application/json"):
        return Response(describe(store, iri, media), media_type=media, headers=headers)
    if soort in OVERVIEW_KINDS:
        data, template = {"entiteit": detail_or_404(store, iri)}, "entity.html"
    else:
        data, template = {"bron": asdict(resource(store, iri))}, "resource.html"
    if as_json:
        return JSONResponse(next(iter(data.values())))
    analyse = entity_analyses(request.app.state.analyses_keeper.get(), iri) if soort in OVERVIEW_KINDS else None
    response = page(request, template, {**data, "alternates": alternates(path), "analyse": analyse})
    response.headers.update(headers)
    return response


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
