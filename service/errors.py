"""One error type that carries its HTTP status, and one handler: JSON for programs, a page for people."""

from __future__ import annotations

import errno
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph.store import StoreError

log = logging.getLogger("gezond_kg.service")
DISK_FULL = ("De schijf is vol: de wijziging is niet opgeslagen en de graaf is onveranderd; lezen gaat door. Maak ruimte vrij "
             "en herstart de dienst (de store schrijft na een volle schijf pas weer na opnieuw openen).")


class ServiceError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _wants_json(request: Request) -> bool:
    path = request.url.path
    accept = request.headers.get("accept", "")
    return path.startswith(("/api", "/sparql", "/healthz")) or path.endswith(".json") or (
        "application/json" in accept and "text/html" not in accept
    )


def _respond(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"fout": message, "status": status}, status_code=status)
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message}, status_code=status)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ServiceError)
    async def service_error(request: Request, error: ServiceError) -> Response:
        return _respond(request, error.status, error.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = "Pagina niet gevonden." if error.status_code == 404 else str(error.detail)
        return _respond(request, error.status_code, message)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, error: StoreError) -> Response:
        return _respond(request, 400, f"De invoer kon niet worden verwerkt: {error}")

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


def is_disk_full(error: BaseException) -> bool:
    """ENOSPC from Python, or RocksDB's 'No space left on device' as pyoxigraph passes it on."""
    return getattr(error, "errno", None) == errno.ENOSPC or "no space left on device" in str(error).lower()


__all__ = ["ServiceError", "install_error_handlers", "HTMLResponse"]
