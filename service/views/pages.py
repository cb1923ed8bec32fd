"""Shared helpers of the page modules: render a template or its JSON twin from the same data."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, Response


def page(request: Request, template: str, data: dict[str, Any], *, as_json: bool = False) -> Response:
    """The page for people, or the same data as JSON (the page's twin at <path>.json)."""
    if as_json:
        return JSONResponse(data)
    return request.app.state.templates.TemplateResponse(request, template, data)
