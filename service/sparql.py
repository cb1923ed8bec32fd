"""The SPARQL 1.1 Protocol endpoint as a mountable router: query by GET and POST (form or direct),
results by content negotiation, read-only, with a time limit. Every query is first checked by a
linear-time scan off the event loop (graph/sparql_scan.py: no updates, no SERVICE, no deep nesting),
then run by the pool of query workers (one client at most ``workers - 1`` at a time; its further queries
wait for its own, 429 when their time runs out there); a query whose client goes away is stopped."""

from __future__ import annotations

import asyncio
import threading
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from graph.queries import with_known_prefixes
from graph.sparql_scan import QueryScan, check_public_query
from graph.store import QueryDataset
from service.errors import ServiceError

RESULT_TYPES = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)
GRAPH_TYPES = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")
ALIASES = {"application/json": "application/sparql-results+json", "application/xml": "application/sparql-results+xml",
           "text/xml": "application/sparql-results+xml", "application/json+ld": "application/ld+json",
           "text/plain": "application/n-triples"}
MAX_QUERY_LENGTH = 20_000

router = APIRouter(tags=["SPARQL"])


def negotiate(accept: str, offered: tuple[str, ...]) -> str:
    """The offered media type the Accept header prefers most (first offer when none matches)."""
    ranked = []
    for position, part in enumerate(accept.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = ALIASES.get(pieces[0].lower(), pieces[0].lower())
        quality = next((float(p[2:]) for p in pieces[1:] if p.startswith("q=") and p[2:].replace(".", "", 1).isdigit()), 1.0)
        ranked.append((-quality, position, media))
    for _, _, media in sorted(ranked):
        if media in offered:
            return media
        if media in ("*/*", "") or (media.endswith("/*") and any(o.startswith(media[:-1]) for o in offered)):
            return next(o for o in offered if media in ("*/*", "") or o.startswith(media[:-1]))
    return offered[0]


def _protocol(request: Request, pairs: list[tuple[str, str]]) -> tuple[str, QueryDataset]:
    """The one query of a request and its dataset (default-graph-uri / named-graph-uri); relative IRIs
    resolve against the endpoint's URL."""
    if any(key == "update" for key, _ in pairs):
        raise ServiceError(403, "Dit endpoint is alleen-lezen: SPARQL Update is niet toegestaan.")
    queries = [value for key, value in pairs if key == "query"]
    if len(queries) > 1:
        raise ServiceError(400, "Geef precies één query mee: de parameter 'query' staat er meer dan eens in.")
    dataset = QueryDataset(tuple(value for key, value in pairs if key == "default-graph-uri"),
                           tuple(value for key, value in pairs if key == "named-graph-uri"),
                           str(request.url.replace(query="", fragment="")))
    return (queries or [""])[0], dataset


async def _run(request: Request, query: str, dataset: QueryDataset) -> Response:
    if not query.strip():
        raise ServiceError(400, "Geef een SPARQL-query mee in de parameter 'query'.")
    if len(query) > MAX_QUERY_LENGTH:
        raise ServiceError(413, f"De query is langer dan {MAX_QUERY_LENGTH} tekens.")
    runner = request.app.state.knowledge.query_runner
    deadline = runner.deadline()  # the time limit counts from here
    found: QueryScan = await run_in_threadpool(check_public_query, query)
    media = negotiate(request.headers.get("accept", ""), GRAPH_TYPES if found.kind in ("CONSTRUCT", "DESCRIBE") else RESULT_TYPES)
    cancelled = threading.Event()
    watcher = asyncio.create_task(_watch_client(request, cancelled))
    try:
        body = await run_in_threadpool(runner.run, with_known_prefixes(query, found), media, deadline, cancelled, dataset,
                                       request.client.host if request.client else "")
    finally:
        watcher.cancel()
    return Response(body, media_type=media + ("; charset=utf-8" if media.startswith("text/") else ""),
                    headers={"Vary": "Accept"})


async def _watch_client(request: Request, cancelled: threading.Event) -> None:
    """Set ``cancelled`` when the client disconnects, so that its query stops."""
    while not await request.is_disconnected():
        await asyncio.sleep(0.25)
    cancelled.set()


@router.get("/sparql", summary="SPARQL-query via GET", response_class=Response)
async def sparql_get(request: Request, query: str = "") -> Response:
    return await _run(request, *_protocol(request, request.query_params.multi_items()))


@router.post("/sparql", summary="SPARQL-query via POST (formulier of application/sparql-query)", response_class=Response)
async def sparql_post(request: Request) -> Response:
    content_type, _, parameters = request.headers.get("content-type", "").partition(";")
    content_type = content_type.strip().lower()
    charset = parameters.lower().replace(" ", "").partition("charset=")[2].split(";")[0].strip('"')
    if charset not in ("", "utf-8"):
        raise ServiceError(415, f"De query moet in UTF-8 staan, niet in {charset}.")
    try:
        raw = (await request.body()).decode("utf-8")
    except UnicodeDecodeError as error:
        raise ServiceError(400, f"De query is geen geldige UTF-8 (byte {error.start}).") from error
    pairs = request.query_params.multi_items()
    if content_type == "application/sparql-update":
        raise ServiceError(403, "Dit endpoint is alleen-lezen: SPARQL Update is niet toegestaan.")
    if content_type == "application/sparql-query":
        if any(key == "query" for key, _ in pairs):
            raise ServiceError(400, "Geef precies één query mee: in de body of in de parameter 'query', niet allebei.")
        pairs = [*pairs, ("query", raw)]
    elif content_type == "application/x-www-form-urlencoded":
        pairs = [*pairs, *parse_qsl(raw, keep_blank_values=True)]
    else:
        raise ServiceError(415, "Stuur de query als application/sparql-query of als formulier met het veld 'query'.")
    return await _run(request, *_protocol(request, pairs))
