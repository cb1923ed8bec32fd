"""The JSON API under /api: lists with filters and paging, one entity with its relations and
evidence, who/search/overlaps/gaps/stats."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Literal

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.openapi.utils import get_openapi

from graph.entities import KINDS, PLURALS, UnknownEntity, entity_detail, list_entities
from graph.projections import bridging_partners
from graph.queries import class_counts, find_programmes, involvements
from ontology.namespaces import GGID
from search.documents import KINDS as SEARCH_KINDS
from search.engine import SearchError
from search.gaps import find_gaps
from search.overlaps import find_overlaps
from search.topics import programmes_for_topic
from service.deps import EngineDep, StoreDep, remembered
from service.errors import ServiceError

router = APIRouter(prefix="/api", tags=["API"])
Plural = Literal["organisaties", "personen", "programmas", "actielijnen", "themas", "doelen", "opgaven", "gebieden", "documenten"]


@router.get("/stats", summary="Aantallen per klasse en de partners die actielijnen verbinden")
def stats(store: StoreDep) -> dict:
    counts = class_counts(store)
    counts["triples"] = store.triple_count()
    return {"aantallen": counts, "verbinders": [asdict(b) for b in bridging_partners(store, top=10)]}


@router.get("/who", summary="Wie werkt aan een programma of onderwerp (met rol, actielijn en bronpassage)")
def who(store: StoreDep, engine: EngineDep,
        q: Annotated[str, Query(min_length=1, max_length=300, examples=["Valpreventie", "eenzaamheid onder ouderen"])]) -> dict:
    matches = find_programmes(store, q)
    via = "naam"
    if not matches:
        matches, via = programmes_for_topic(engine, q), "zoeken"
    rows = involvements(store, [iri for iri, _, _ in matches])
    return {"vraag": q, "gevonden_via": via, "programmas": [{"iri": i, "naam": n} for i, n, _ in matches],
            "betrokkenen": [row.__dict__ for row in rows]}


@router.get("/search", summary="Hybride zoeken (trefwoorden + betekenis) met bewijszin")
def search(engine: EngineDep,
           q: Annotated[str, Query(min_length=1, max_length=500, examples=["hoe voorkomen we dat ouderen vallen"])],
           k: Annotated[int, Query(ge=1, le=100, examples=[10])] = 10,
           kind: Annotated[list[Literal[SEARCH_KINDS]] | None, Query(examples=[["passage"]])] = None,  # type: ignore[valid-type]
           actielijn: Annotated[int | None, Query(ge=1, le=5, examples=[2])] = None,
           document: Annotated[str | None, Query(max_length=200, examples=["regioplan-gezond-groningen"])] = None) -> dict:
    try:
        hits = engine.search(q, k, kinds=list(kind) if kind else None, actielijn=actielijn, document=document)
    except SearchError as error:
        raise ServiceError(400, str(error)) from error
    return {"vraag": q, "resultaten": [hit.__dict__ for hit in hits]}


@router.get("/overlaps", summary="Overlap tussen programma's en actielijnen, met bewijs")
def overlaps(request: Request, store: StoreDep, engine: EngineDep,
             min_score: Annotated[float, Query(ge=0, le=1, examples=[0.35])] = 0.35) -> dict:
    return remembered(request, "overlaps", lambda: asdict(find_overlaps(store, engine, min_score=min_score)), min_score)


@router.get("/gaps", summary="Lacunes in het plan, met bewijs en dichtstbijzijnde programma's")
def gaps(request: Request, store: StoreDep, engine: EngineDep) -> list[dict]:
    return remembered(request, "lacunes", lambda: [asdict(gap) for gap in find_gaps(store, engine)])


@router.get("/{soort}", summary="Lijst van entiteiten met filters en paginering")
def list_kind(store: StoreDep, soort: Plural,
              q: Annotated[str, Query(max_length=200, examples=["ggd"])] = "",
              type: Annotated[str, Query(max_length=50, examples=["zorgverzekeraar"])] = "",  # noqa: A002
              actielijn: Annotated[int | None, Query(ge=1, le=5)] = None,
              limit: Annotated[int, Query(ge=1, le=200)] = 50,
              offset: Annotated[int, Query(ge=0)] = 0) -> dict:
    page = list_entities(store, PLURALS[soort], q=q, org_type=type, actielijn=actielijn, limit=limit, offset=offset)
    return {"totaal": page.total, "limit": page.limit, "offset": page.offset, "items": page.items}


@router.get("/{soort}/{sleutel:path}", summary="Eén entiteit met al haar relaties en bronpassages")
def one(store: StoreDep, soort: Plural, sleutel: str) -> dict:
    return detail_or_404(store, f"{GGID}{PLURALS[soort]}/{sleutel}")


def detail_or_404(store, iri: str) -> dict:
    try:
        return asdict(entity_detail(store, iri))
    except UnknownEntity as error:
        raise ServiceError(404, f"Geen entiteit met IRI {iri}.") from error


ERROR = {"$ref": "#/components/schemas/Fout"}
ERROR_SCHEMA = {
    "type": "object", "required": ["fout", "status"],
    "properties": {"fout": {"type": "string", "description": "Wat er mis is en wat te doen (Nederlands)."},
                   "status": {"type": "integer", "description": "De HTTP-status."}},
}
ERRORS = {"400": "Ongeldig verzoek", "401": "Geen token meegestuurd", "403": "Dit token mag niet schrijven, of schrijven staat uit",
          "404": "Niet gevonden", "413": "Te groot", "415": "Verkeerd mediatype", "422": "Ongeldige invoer",
          "503": "De query duurde te lang en is gestopt"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SPARQL_RESULTS = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values",
                  "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")
TEXT = {"type": "string"}
BINARY = {"type": "string", "format": "binary"}


def _errors(operation: dict, statuses: list[str]) -> None:
    for status in statuses:
        operation["responses"][status] = {"description": ERRORS[status], "content": {"application/json": {"schema": ERROR}}}


def _secure(operation: dict) -> bool:
    """Replace the Authorization header parameter by the bearer security scheme; True when secured."""
    parameters = operation.get("parameters", [])
    kept = [p for p in parameters if not (p["in"] == "header" and p["name"].lower() == "authorization")]
    if len(kept) == len(parameters):
        return False
    operation["parameters"] = kept
    operation["security"] = [{"token": []}]
    return True


def openapi_schema(app: FastAPI) -> dict:
    """FastAPI's OpenAPI document, completed for generated clients: bearer auth as a security scheme,
    the error body (Fout) of every error status, and the real media types of the CSV/XLSX exports and
    of /sparql."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {})["Fout"] = ERROR_SCHEMA
    components["securitySchemes"] = {"token": {"type": "http", "scheme": "bearer",
                                               "description": "Schrijftoken uit GEZOND_KG_WRITE_TOKENS."}}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            statuses = ["422"] if operation.get("parameters") or "requestBody" in operation else []
            if "{" in path:
                statuses.append("404")
            if _secure(operation):
                statuses += ["401", "403"]
            if path == "/sparql":
                statuses = ["400", "403", "413", "415", "503"]
                if method == "get":
                    operation["parameters"] += [{"name": name, "in": "query", "required": False, "explode": True,
                                                 "schema": {"type": "array", "items": TEXT}}
                                                for name in ("default-graph-uri", "named-graph-uri")]
                operation["responses"]["200"]["content"] = {media: {"schema": TEXT} for media in SPARQL_RESULTS}
                if method == "post":
                    operation["requestBody"] = {"required": True, "content": {
                        "application/sparql-query": {"schema": TEXT},
                        "application/x-www-form-urlencoded": {"schema": {"type": "object", "required": ["query"], "properties": {
                            "query": TEXT, "default-graph-uri": {"type": "array", "items": TEXT},
                            "named-graph-uri": {"type": "array", "items": TEXT}}}}}}
            if path == "/api/export/{tabel}":
                operation["responses"]["200"]["content"] = {"text/csv": {"schema": TEXT}, XLSX: {"schema": BINARY}}
            operation["responses"].pop("422", None)
            _errors(operation, statuses)
    components["schemas"].pop("HTTPValidationError", None)
    components["schemas"].pop("ValidationError", None)
    app.openapi_schema = schema
    return schema


__all__ = ["router", "KINDS", "detail_or_404", "openapi_schema"]
