"""The review page (/beoordelen): what waits for a decision, each proposal with its passage and the span
highlighted, its candidates, and one-click accept / merge / reject. Behind the write token: a browser
cannot send a bearer header from a link, so the page asks for the token once (a password field) and
carries it in the body of every decision form (never in a URL); a client that sends
'Authorization: Bearer …' gets the list at once. The JSON twin (/beoordelen.json) needs the header."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Header, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from service.deps import KnowledgeDep, SettingsDep
from service.knowledge import Knowledge, to_json
from service.settings import Settings
from service.views.pages import page, twin, wants_json
from service.writes import writer

router = APIRouter(include_in_schema=False)
Token = Annotated[str, Form(max_length=500)]
DocumentForm = Annotated[str, Form(max_length=200)]
Authorization = Annotated[str | None, Header()]


def _who(settings: Settings, authorization: str | None, token: str) -> str:
    """The writer of a form's token, else of the bearer header (401/403 as for every write)."""
    return writer(settings, f"Bearer {token}" if token else authorization)


def _queue_page(request: Request, kg: Knowledge, token: str, document: str, message: str = "") -> Response:
    """The queue (of one document's passages when ``document`` is its slug: what an upload left to review)."""
    queue = kg.review_queue(document)
    data: dict[str, Any] = {**to_json(queue), "token": token, "ingelogd": True, "melding": message, "document": document}
    return page(request, "review.html", data, twin=to_json(queue))


@twin(router, "/beoordelen")
def review_page(request: Request, kg: KnowledgeDep, settings: SettingsDep, authorization: Authorization = None,
                document: Annotated[str, Query(max_length=200)] = "") -> Response:
    if authorization or wants_json(request):
        _who(settings, authorization, "")
        return _queue_page(request, kg, "", document)
    return page(request, "review.html", {"ingelogd": False, "voorstellen": [], "token": "", "melding": "", "document": document})


@router.post("/beoordelen")
def review_login(request: Request, kg: KnowledgeDep, settings: SettingsDep, token: Token, document: DocumentForm = "") -> Response:
    _who(settings, None, token)
    return _queue_page(request, kg, token, document)


@router.post("/beoordelen/{voorstel}")
async def review_decision(request: Request, kg: KnowledgeDep, settings: SettingsDep, voorstel: str,
                          besluit: Annotated[str, Form(max_length=20)], token: Token = "",
                          doel: Annotated[str, Form(max_length=500)] = "", document: DocumentForm = "",
                          authorization: Authorization = None) -> Response:
    who = _who(settings, authorization, token)
    decision = await run_in_threadpool(kg.decide, who, voorstel, besluit, doel, "")
    verb = {"accepteren": "geaccepteerd", "afwijzen": "afgewezen", "samenvoegen": "samengevoegd"}[decision.besluit]
    message = f"Voorstel {decision.voorstel} {verb} door {who} ({decision.invoer.graph})."
    return await run_in_threadpool(_queue_page, request, kg, token, document, message)
