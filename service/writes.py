"""Write endpoints (bearer token): add or correct an organisation or a programme, add or withdraw an
involvement. Documents and spreadsheets are in service/uploads.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from rdflib import Graph
from starlette.concurrency import run_in_threadpool

from graph.writes import (
    WriteResult,
    add_involvement,
    add_organisation,
    add_programme,
    add_triples,
    correct_entity,
    withdraw_involvement,
)
from ontology.vocabulary import ACTIELIJNEN, ORGANISATION_TYPES, ROLES, iri_of
from service.deps import KnowledgeDep, SettingsDep
from service.errors import ServiceError
from service.knowledge import Knowledge

router = APIRouter(prefix="/api", tags=["Schrijven"])
OrganisationType = Literal[ORGANISATION_TYPES]  # type: ignore[valid-type]
Role = Literal[ROLES]  # type: ignore[valid-type]
Explanation = Annotated[str, Field(min_length=1, max_length=5000, examples=["Besluit stuurgroep 14 juni"])]
Name = Annotated[str, Field(min_length=1, max_length=200, examples=["Stichting Welzijn Oost"])]
Actielijnen = Annotated[list[Annotated[int, Field(ge=ACTIELIJNEN[0], le=ACTIELIJNEN[-1])]],
                        Field(min_length=1, max_length=len(ACTIELIJNEN), examples=[[2, 5]])]


def writer(settings: SettingsDep, authorization: Annotated[str | None, Header()] = None) -> str:
    """The name of who writes; 401 without a token, 403 with a wrong one or when writing is off."""
    tokens = settings.writers()
    if not tokens:
        raise ServiceError(403, "Schrijven staat uit: er is geen schrijftoken ingesteld (GEZOND_KG_WRITE_TOKENS).")
    if not authorization or not authorization.lower().startswith("bearer "):
        raise ServiceError(401, "Log in met 'Authorization: Bearer <token>'.")
    name = tokens.get(authorization[7:].strip())
    if name is None:
        raise ServiceError(403, "Dit token mag niet schrijven.")
    return name


Writer = Annotated[str, Depends(writer)]


class NewOrganisation(BaseModel):
    naam: Name
    type: OrganisationType = Field(examples=["welzijn"])
    toelichting: Explanation


class OrganisationCorrection(BaseModel):
    naam: Name | None = None
    type: OrganisationType | None = Field(default=None, examples=["welzijn"])
    toelichting: Explanation


class NewProgramme(BaseModel):
    naam: Name
    actielijnen: Actielijnen
    toelichting: Explanation


class ProgrammeCorrection(BaseModel):
    naam: Name | None = None
    actielijnen: Actielijnen | None = None
    toelichting: Explanation


class NewInvolvement(BaseModel):
    programma: str = Field(max_length=500, examples=["https://kg.gezond-groningen.nl/id/programma/vitaal-groningen"])
    betrokkene: str = Field(max_length=500, examples=["https://kg.gezond-groningen.nl/id/organisatie/menzis"])
    rol: Role = Field(examples=["trekker"])
    toelichting: Explanation


async def apply_write(kg: Knowledge, action: Callable[..., WriteResult], *args: object, status: int = 201,
                      **kwargs: object) -> JSONResponse:
    """The write off the event loop (reads go on), through the façade (lock, then the workers, index and
    analyses follow); a rejection is answered by service/errors.py."""
    result = await run_in_threadpool(kg.write, action, *args, **kwargs)
    return JSONResponse({"id": result.id, "graaf": result.graph, "onderwerp": result.subject, "triples": result.triples},
                        status_code=status)


@router.post("/organisaties", status_code=201, summary="Organisatie toevoegen (token nodig)")
async def post_organisation(kg: KnowledgeDep, who: Writer, body: NewOrganisation) -> JSONResponse:
    return await apply_write(kg, add_organisation, who, body.naam, body.type, body.toelichting)


@router.patch("/organisaties/{sleutel}", summary="Naam of type van een organisatie corrigeren (token nodig)")
async def patch_organisation(kg: KnowledgeDep, who: Writer, sleutel: str,
                             body: OrganisationCorrection) -> JSONResponse:
    return await apply_write(kg, correct_entity, who, iri_of("organisatie", sleutel), "org:Organization",
                             body.toelichting, name=body.naam, org_type=body.type, status=200)


@router.post("/programmas", status_code=201, summary="Programma toevoegen (token nodig)")
async def post_programme(kg: KnowledgeDep, who: Writer, body: NewProgramme) -> JSONResponse:
    return await apply_write(kg, add_programme, who, body.naam, body.actielijnen, body.toelichting)


@router.patch("/programmas/{sleutel}", summary="Naam of actielijnen van een programma corrigeren (token nodig)")
async def patch_programme(kg: KnowledgeDep, who: Writer, sleutel: str,
                          body: ProgrammeCorrection) -> JSONResponse:
    return await apply_write(kg, correct_entity, who, iri_of("programma", sleutel), "gg:Programma gg:Interventie",
                             body.toelichting, name=body.naam, actielijnen=body.actielijnen, status=200)


@router.post("/betrokkenheden", status_code=201, summary="Betrokkenheid (rol) toevoegen (token nodig)")
async def post_involvement(kg: KnowledgeDep, who: Writer, body: NewInvolvement) -> JSONResponse:
    return await apply_write(kg, add_involvement, who, body.programma, body.betrokkene, body.rol, body.toelichting)


@router.post("/triples", status_code=201, summary="Feiten in Turtle toevoegen (token nodig; gecontroleerd tegen de SHACL-vormen)",
             openapi_extra={"requestBody": {"required": True, "content": {"text/turtle": {"schema": {"type": "string"},
                            "example": "<https://kg.gezond-groningen.nl/id/organisatie/menzis> "
                                       "<http://www.w3.org/2004/02/skos/core#altLabel> \"Menzis Zorgverzekeraar\"@nl ."}}}})
async def post_triples(request: Request, kg: KnowledgeDep, who: Writer,
                       toelichting: Annotated[str, Query(min_length=1, max_length=5000)]) -> JSONResponse:
    content_type = request.headers.get("content-type", "").split(";")[0].strip()
    if content_type != "text/turtle":
        raise ServiceError(415, f"Stuur Turtle met 'Content-Type: text/turtle' (niet '{content_type or 'niets'}').")
    body = await request.body()
    try:
        data = Graph().parse(data=body.decode("utf-8"), format="turtle")
    except UnicodeDecodeError as error:
        raise ServiceError(400, f"De Turtle is geen UTF-8 (byte {error.start}).") from error
    except Exception as error:  # noqa: BLE001 - rdflib raises parser-specific types; the message names the line
        raise ServiceError(400, f"Ongeldige Turtle: {error}") from error
    return await apply_write(kg, add_triples, who, data, toelichting)


@router.delete("/betrokkenheden/{sleutel}", summary="Betrokkenheid intrekken (token nodig)")
async def delete_involvement(kg: KnowledgeDep, who: Writer, sleutel: str,
                             toelichting: Annotated[str, Query(min_length=1, max_length=5000)]) -> JSONResponse:
    return await apply_write(kg, withdraw_involvement, who, iri_of("betrokkenheid", sleutel), toelichting,
                             status=200)
