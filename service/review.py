"""Review queue endpoints (bearer token): list what waits for a decision, and take one decision."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from graph.review import DECISIONS
from service.deps import KnowledgeDep
from service.knowledge import to_json
from service.writes import Writer

router = APIRouter(prefix="/api", tags=["Beoordelen"])
DecisionKind = Literal[DECISIONS]  # type: ignore[valid-type]


class ReviewDecision(BaseModel):
    besluit: DecisionKind = Field(examples=["samenvoegen"])
    doel: str = Field("", max_length=500, description="Bij samenvoegen: de IRI van de bestaande entiteit.",
                      examples=["https://kg.gezond-groningen.nl/id/programma/kansrijke-start"])
    toelichting: str = Field("", max_length=5000, description="Reden; standaard het voorstel en zijn passage.")


@router.get("/beoordelen", summary="Wat op een besluit wacht: mogelijke dubbele entiteiten en onzekere feiten (token nodig)")
def get_review_queue(kg: KnowledgeDep, who: Writer,
                     document: Annotated[str, Query(max_length=200, description="Alleen uit dit document (slug).")] = "") -> JSONResponse:
    return JSONResponse(to_json(kg.review_queue(document)))


@router.post("/beoordelen/{voorstel}", status_code=201, summary="Een voorstel accepteren, afwijzen of samenvoegen (token nodig)")
async def post_review_decision(kg: KnowledgeDep, who: Writer, voorstel: str, body: ReviewDecision) -> JSONResponse:
    decision = await run_in_threadpool(kg.decide, who, voorstel, body.besluit, body.doel, body.toelichting)
    result = decision.invoer
    return JSONResponse({"voorstel": decision.voorstel, "besluit": decision.besluit, "onderwerp": decision.onderwerp,
                         "doel": decision.doel, "id": result.id, "graaf": result.graph, "triples": result.triples},
                        status_code=201)
