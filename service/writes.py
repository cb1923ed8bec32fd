"""Write endpoints (bearer token): add an organisation, add or withdraw an involvement."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from graph.writes import WriteRejected, add_involvement, add_organisation, withdraw_involvement
from ingest.lexicon import ORGANISATION_TYPES
from ontology.namespaces import GGID
from service.deps import SettingsDep, StoreDep
from service.errors import ServiceError

router = APIRouter(prefix="/api", tags=["Schrijven"])


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
    naam: str = Field(min_length=1, max_length=200, examples=["Stichting Welzijn Oost"])
    type: Literal[ORGANISATION_TYPES] = Field(examples=["welzijn"])  # type: ignore[valid-type]
    toelichting: str = Field(min_length=1, max_length=5000, examples=["Genoemd in het verslag van de kerngroep van 3 maart"])


class NewInvolvement(BaseModel):
    programma: str = Field(max_length=500, examples=["https://kg.gezond-groningen.nl/id/programma/vitaal-groningen"])
    betrokkene: str = Field(max_length=500, examples=["https://kg.gezond-groningen.nl/id/organisatie/menzis"])
    rol: Literal["trekker", "partner", "uitvoerder", "financier", "contact"] = Field(examples=["trekker"])
    toelichting: str = Field(min_length=1, max_length=5000, examples=["Besluit stuurgroep 14 juni"])


def _result(request: Request, result, status: int = 201) -> JSONResponse:  # noqa: ANN001
    request.app.state.query_runner.stop()  # the SPARQL worker reopens and sees the write
    return JSONResponse({"id": result.id, "graaf": result.graph, "onderwerp": result.subject, "triples": result.triples},
                        status_code=status)


def _rejected(error: WriteRejected) -> ServiceError:
    return ServiceError(422, f"{error} [vorm: {error.shape or '-'}; veld: {error.field or '-'}]")


@router.post("/organisaties", status_code=201, summary="Organisatie toevoegen (token nodig)")
async def post_organisation(request: Request, store: StoreDep, who: Writer, body: NewOrganisation) -> JSONResponse:
    try:
        result = await run_in_threadpool(add_organisation, store, who, body.naam, body.type, body.toelichting)
    except WriteRejected as error:
        raise _rejected(error) from error
    return _result(request, result)


@router.post("/betrokkenheden", status_code=201, summary="Betrokkenheid (rol) toevoegen (token nodig)")
async def post_involvement(request: Request, store: StoreDep, who: Writer, body: NewInvolvement) -> JSONResponse:
    try:
        result = await run_in_threadpool(add_involvement, store, who, body.programma, body.betrokkene, body.rol, body.toelichting)
    except WriteRejected as error:
        raise _rejected(error) from error
    return _result(request, result)


@router.delete("/betrokkenheden/{sleutel}", summary="Betrokkenheid intrekken (token nodig)")
async def delete_involvement(request: Request, store: StoreDep, who: Writer, sleutel: str,
                             toelichting: Annotated[str, Query(min_length=1, max_length=5000)]) -> JSONResponse:
    try:
        result = await run_in_threadpool(withdraw_involvement, store, who, f"{GGID}betrokkenheid/{sleutel}", toelichting)
    except WriteRejected as error:
        raise _rejected(error) from error
    return _result(request, result, 200)
