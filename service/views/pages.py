"""Shared helpers of the page modules: render a template or its JSON twin from the same data."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import JSONResponse, Response


def page(request: Request, template: str, data: dict[str, Any], *, as_json: bool = False) -> Response:
    """The page for people, or the same data as JSON (the page's twin at <path>.json)."""
    if as_json:
        return JSONResponse(data)
    return request.app.state.templates.TemplateResponse(request, template, data)


# a form sends an empty value for "alle": that is no filter, not an error (a number outside 1–5 is one)
ActielijnParam = Annotated[str, Query(pattern=r"^[1-5]?$", description="actielijn 1–5; leeg = alle")]


def number_or_none(value: str) -> int | None:
    """The number of a validated form value, None for an empty one."""
    return int(value) if value else None
