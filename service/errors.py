"""How errors are answered: ONE table from the core's error kinds (graph/errors.py) to an HTTP status and
a Dutch message, one error type for what only HTTP knows (tokens, media types), and one answer: JSON for
programs, a page for people."""

from __future__ import annotations

import errno
import logging
import re
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph.errors import Conflict, Forbidden, Invalid, KgError, Moved, NotFound, Rejected, TooLarge, Unavailable, Unsupported
from graph.store import StoreError
from graph.writes import WriteRejected
from service.query_runner import QueryTimeout, TooManyQueries
from service.views.pages import wants_json

log = logging.getLogger("gezond_kg.service")
DISK_FULL = ("De schijf is vol: de wijziging is niet opgeslagen en de graaf is onveranderd; lezen gaat door. Maak ruimte vrij "
             "en herstart de dienst (de store schrijft na een volle schijf pas weer na opnieuw openen).")


class ServiceError(Exception):
    """What only HTTP knows (no token, a wrong media type, a protocol parameter); the core raises KgError."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _plain(error: BaseException) -> str:
    return str(error)


# the kind (or a more specific class) nearest in an error's MRO decides; subclasses name their kind first
STATUSES: dict[type[KgError], tuple[int, Callable[[Any], str]]] = {
    KgError: (400, _plain),
    NotFound: (404, _plain),
    Invalid: (400, _plain),
    StoreError: (400, lambda e: f"De invoer kon niet worden verwerkt: {e}"),
    Rejected: (422, _plain),
    WriteRejected: (422, lambda e: f"{e} [vorm: {e.shape or '-'}; veld: {e.field or '-'}]"),
    Unsupported: (415, _plain),
    TooLarge: (413, _plain),
    Conflict: (409, _plain),
    Forbidden: (403, _plain),
    Unavailable: (503, _plain),
    QueryTimeout: (503, _plain),
    TooManyQueries: (429, _plain),
}
RETRY_AFTER_SECONDS = {429: 2, 503: 5}  # when to ask again: a client's own query is done sooner than a busy pool


def status_of(error: KgError) -> tuple[int, str]:
    """The HTTP status and the Dutch message of a core error."""
    kind = next(cls for cls in type(error).__mro__ if cls in STATUSES)
    status, message = STATUSES[kind]
    return status, message(error)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(("/api", "/sparql", "/healthz")) or wants_json(request)


def _respond(request: Request, status: int, message: str) -> Response:
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS[status])} if status in RETRY_AFTER_SECONDS else None
    if _wants_json(request):
        return JSONResponse({"fout": message, "status": status}, status_code=status, headers=headers)
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message}, status_code=status,
                                      headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ServiceError)
    async def service_error(request: Request, error: ServiceError) -> Response:
        return _respond(request, error.status, error.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = "Pagina niet gevonden." if error.status_code == 404 else str(error.detail)
        return _respond(request, error.status_code, message)

    @app.exception_handler(KgError)
    async def core_error(request: Request, error: KgError) -> Response:
        if isinstance(error, Moved) and request.method in ("GET", "HEAD"):
            location = moved_location(request.url.path, request.url.query, error)
            if location:
                return RedirectResponse(location, status_code=301)
        return _respond(request, *status_of(error))

    @app.exception_handler(OSError)
    async def os_error(request: Request, error: OSError) -> Response:
        if is_disk_full(error):
            log.error("schijf vol bij %s %s: %s", request.method, request.url.path, error)
            return _respond(request, 507, DISK_FULL)
        return await unexpected(request, error)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        """No internal exception names or paths in the answer; the log has the traceback."""
        log.error("onverwachte fout bij %s %s", request.method, request.url.path, exc_info=error)
        return _respond(request, 500, "Er ging intern iets mis; de fout is gelogd. Probeer het later opnieuw of meld het beheer.")

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> Response:
        details = "; ".join(f"{'.'.join(map(str, e['loc'][1:])) or e['loc'][0]}: {e['msg']}" for e in error.errors())
        return _respond(request, 422, f"Ongeldige invoer – {details}")


def moved_location(path: str, query: str, error: Moved) -> str:
    """The same address (page, JSON twin or API) for the entity a merged one became: its key replaced in
    the last path segment; a path only, so the Host header is never reflected. '' when the path does
    not end in the old key."""
    old_key, new_key = error.iri.rsplit("/", 1)[-1], error.target.rsplit("/", 1)[-1]
    head, _, last = path.rpartition("/")
    if not last.startswith(old_key) or not re.fullmatch(r"(?:\.\w{2,7})?", last[len(old_key):]):
        return ""
    return f"{head}/{new_key}{last[len(old_key):]}" + (f"?{query}" if query else "")


def is_disk_full(error: BaseException) -> bool:
    """ENOSPC from Python, or RocksDB's 'No space left on device' as pyoxigraph passes it on."""
    return getattr(error, "errno", None) == errno.ENOSPC or "no space left on device" in str(error).lower()


__all__ = ["ServiceError", "STATUSES", "status_of", "install_error_handlers", "HTMLResponse"]
