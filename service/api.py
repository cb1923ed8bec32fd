"""The JSON API under /api: lists with filters and paging, one entity with its relations and
evidence, who/search/stats, and the kept analyses: overlaps, gaps, goals, suggestions, communities, matrix."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, FastAPI, Query
from fastapi.openapi.utils import get_openapi

from ontology.namespaces import GGID
from ontology.vocabulary import PLURALS, iri_of
from search.documents import DOC_KINDS
from search.overlaps import MIN_SCORE
from service.deps import KnowledgeDep
from service.knowledge import to_json
from service.params import Actielijn, ActielijnOrRegio

router = APIRouter(prefix="/api", tags=["API"])
Plural = Literal[tuple(PLURALS)]  # type: ignore[valid-type]


@router.get("/stats", summary="Aantallen per klasse en de partners die actielijnen verbinden")
def stats(kg: KnowledgeDep) -> dict:
    return to_json(kg.stats())


@router.get("/who", summary="Wie werkt aan een programma of onderwerp (met rol, actielijn en bronpassage)")
def who(kg: KnowledgeDep,
        q: Annotated[str, Query(min_length=1, max_length=300, examples=["Valpreventie", "eenzaamheid onder ouderen"])]) -> dict:
    return to_json(kg.who(q))


@router.get("/search", summary="Hybride zoeken (trefwoorden + betekenis) met bewijszin")
def search(kg: KnowledgeDep,
           q: Annotated[str, Query(min_length=1, max_length=500, examples=["hoe voorkomen we dat ouderen vallen"])],
           k: Annotated[int, Query(ge=1, le=100, examples=[10])] = 10,
           kind: Annotated[list[Literal[DOC_KINDS]] | None, Query(examples=[["passage"]])] = None,  # type: ignore[valid-type]
           actielijn: Actielijn = None,
           document: Annotated[str | None, Query(max_length=200, examples=["regioplan-gezond-groningen"])] = None) -> dict:
    found = kg.search(q, k, kinds=kind, actielijn=actielijn, document=document)
    return found.answer()


@router.get("/overlaps", summary="Overlap tussen programma's en relaties tussen actielijnen, met bewijs")
def overlaps(kg: KnowledgeDep,
             min_score: Annotated[float, Query(ge=0, le=1, examples=[MIN_SCORE])] = MIN_SCORE,
             actielijn: Annotated[list[int] | None, Query(examples=[[2, 5]],
                                                          description="één actielijn: alles wat haar raakt; twee: de overlap van dat paar")] = None) -> dict:
    return kg.overlaps(min_score, actielijn or [])


@router.get("/gaps", summary="Lacunes (genoemd in de tekst en structureel), met soort, actielijn en bewijs")
def gaps(kg: KnowledgeDep, soort: Annotated[str, Query(max_length=60, examples=["knelpunt"])] = "",
         actielijn: ActielijnOrRegio | None = None,
         bron: Literal["tekst", "structuur"] | None = None) -> list[dict]:
    return kg.gaps(soort, actielijn or "", bron or "")


@router.get("/goals", summary="Opgaven en doelen → actielijnen (uit de tekst) → programma's, met indicator en databron")
def goals(kg: KnowledgeDep, actielijn: Actielijn = None) -> dict:
    return kg.goals(actielijn)


@router.get("/suggestions", summary="Mogelijke samenwerkingspartners van een organisatie, elk met twee passages")
def suggestions(kg: KnowledgeDep,
                organisatie: Annotated[str, Query(max_length=300, examples=[f"{GGID}organisatie/ggd-groningen"])]) -> dict:
    return kg.suggestions(organisatie)


@router.get("/communities", summary="Gemeenschappen in het partnernetwerk (Louvain)")
def communities(kg: KnowledgeDep) -> dict:
    return kg.communities()


@router.get("/matrix", summary="Lacunematrix: actielijn × doelgroep × gebied, met programma's en organisaties per cel")
def matrix(kg: KnowledgeDep, actielijn: Actielijn = None,
           leeg: Annotated[bool, Query(description="alleen lege cellen")] = False) -> list[dict]:
    return kg.matrix(actielijn, empty_only=leeg)


@router.get("/{soort}", summary="Lijst van entiteiten met filters en paginering")
def list_kind(kg: KnowledgeDep, soort: Plural,
              q: Annotated[str, Query(max_length=200, examples=["ggd"])] = "",
              type: Annotated[str, Query(max_length=50, examples=["zorgverzekeraar"])] = "",  # noqa: A002
              actielijn: Actielijn = None,
              limit: Annotated[int, Query(ge=1, le=200)] = 50,
              offset: Annotated[int, Query(ge=0)] = 0) -> dict:
    page = kg.entities(PLURALS[soort], q=q, org_type=type, actielijn=actielijn, limit=limit, offset=offset)
    return {"totaal": page.total, "limit": page.limit, "offset": page.offset, "items": page.items}


@router.get("/{soort}/{sleutel:path}", summary="Eén entiteit met al haar relaties en bronpassages")
def one(kg: KnowledgeDep, soort: Plural, sleutel: str) -> dict:
    iri = iri_of(PLURALS[soort], sleutel)
    return kg.entity_json(iri)


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


__all__ = ["router", "openapi_schema"]
