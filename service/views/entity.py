"""Pages at the IRI path of everything the graph mints (/id/<soort>/<sleutel>): HTML for a browser,
Turtle, JSON-LD or N-Triples for programs (see service/views/linked_data.py), JSON at <path>.json. An
entity (organisation, programme, …) gets its overview; any other resource (a passage, involvement,
membership, function, move, write) its statements, and a passage its text and the facts that cite it.
Lists per kind at /<soorten> (one explicit route per kind and format)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from graph.errors import NotFound
from ontology.namespaces import BASE
from ontology.vocabulary import ENTITY_CLASSES, PLURALS
from service.deps import KnowledgeDep
from service.knowledge import Knowledge
from service.params import ActielijnForm
from service.views.linked_data import alternates, representation
from service.views.pages import EXPORT_TYPES, number_or_none, page, table_download, twin

router = APIRouter(include_in_schema=False)
EXPORT_LIMIT = 100_000  # an export is the whole filtered list
OVERVIEW_KINDS = (*ENTITY_CLASSES, "rol", "organisatietype")  # kinds with an entity overview (a label, relations)
Text = Annotated[str, Query(max_length=200)]
TypeFilter = Annotated[str, Query(max_length=50)]


@router.get("/id/{soort}/{sleutel:path}")
def entity_page(request: Request, kg: KnowledgeDep, soort: str, sleutel: str) -> Response:
    as_json = sleutel.endswith(".json")
    path = f"/id/{soort}/{sleutel.removesuffix('.json')}"
    path, media, headers = (path, "application/json", {}) if as_json else representation(request, path)
    iri = BASE + path[1:]
    if not kg.exists(iri):
        raise NotFound(f"Geen entiteit met IRI {iri}.")
    if media not in ("text/html", "application/json"):
        return Response(kg.describe(iri, media), media_type=media, headers=headers)
    if soort in OVERVIEW_KINDS:  # the twin is the API's JSON of the entity
        entity = kg.entity_json(iri)
        template, twin_json, data = "entity.html", entity, {"entiteit": entity, "analyse": entity["analyse"]}
    else:
        template, twin_json = "resource.html", asdict(kg.resource(iri))
        data = {"bron": twin_json, "analyse": None}
    response = page(request, template, {**data, "alternates": alternates(path)}, twin=twin_json)
    response.headers.update(headers)
    return response


def _list(kg: Knowledge, soort: str, q: str, type_: str, actielijn: int | None, limit: int, offset: int) -> dict:
    result = kg.entities(PLURALS[soort], q=q, org_type=type_, actielijn=actielijn, limit=limit, offset=offset)
    return {"soort": soort, "q": q, "type": type_, "actielijn": actielijn, "totaal": result.total,
            "limit": limit, "offset": offset, "items": result.items}


def _list_routes(soort: str) -> None:
    """/<soort> and /<soort>.json (a page of the list), /<soort>.csv and .xlsx (the whole filtered list)."""
    @twin(router, f"/{soort}")
    def list_page(request: Request, kg: KnowledgeDep, q: Text = "", type: TypeFilter = "",  # noqa: A002
                  actielijn: ActielijnForm = "", limit: Annotated[int, Query(ge=1, le=500)] = 200,
                  offset: Annotated[int, Query(ge=0)] = 0) -> Response:
        return page(request, "list.html", _list(kg, soort, q, type, number_or_none(actielijn), limit, offset))

    for fmt in EXPORT_TYPES:
        _export_route(soort, fmt)


def _export_route(soort: str, fmt: str) -> None:
    @router.get(f"/{soort}.{fmt}")
    def export(kg: KnowledgeDep, q: Text = "", type: TypeFilter = "", actielijn: ActielijnForm = "") -> Response:  # noqa: A002
        data = _list(kg, soort, q, type, number_or_none(actielijn), EXPORT_LIMIT, 0)
        rows = [[item["naam"], item["type"], ", ".join(map(str, item["actielijnen"])), item["iri"]] for item in data["items"]]
        return table_download(["Naam", "Type", "Actielijnen", "Adres"], rows, soort, fmt)


for plural in PLURALS:
    _list_routes(plural)
