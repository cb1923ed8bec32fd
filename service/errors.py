"""One error type that carries its HTTP status, and one handler: JSON for programs, a page for people."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph.store import StoreError


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

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> Response:
        details = "; ".join(f"{'.'.join(map(str, e['loc'][1:])) or e['loc'][0]}: {e['msg']}" for e in error.errors())
        return _respond(request, 422, f"Ongeldige invoer – {details}")


__all__ = ["ServiceError", "install_error_handlers", "HTMLResponse"]
