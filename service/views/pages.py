"""Shared helpers of the page modules. Every page has a JSON twin served the same way: the handler
builds its data once and calls ``page``, which answers JSON when the path ends in ``.json`` or the
Accept header asks for JSON rather than HTML, else renders the template. ``twin`` registers a page at
its path and at <path>.json (explicit routes, no catch-all)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from openpyxl import Workbook

from ingest.spreadsheets import csv_text, safe_cell

EXPORT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
F = TypeVar("F", bound=Callable[..., Any])


def wants_json(request: Request) -> bool:
    """The JSON twin: a path ending in .json, or an Accept header that names JSON and not HTML."""
    accept = request.headers.get("accept", "")
    return request.url.path.endswith(".json") or ("application/json" in accept and "text/html" not in accept)


def page(request: Request, template: str, data: dict[str, Any], *, twin: Any = None) -> Response:
    """The page for people, or its JSON twin: ``twin`` when the page's JSON differs from its template
    data (the network: what the explorer fetches), else the data itself."""
    if wants_json(request):
        return JSONResponse(data if twin is None else twin)
    return request.app.state.templates.TemplateResponse(request, template, data)


def twin(router: APIRouter, path: str) -> Callable[[F], F]:
    """Register a page handler at ``path`` and at ``path``.json."""
    def register(handler: F) -> F:
        router.get(path)(handler)
        router.get(f"{path.rstrip('/') or '/index'}.json")(handler)
        return handler
    return register


def number_or_none(value: str) -> int | None:
    """The number of a validated form value, None for an empty one."""
    return int(value) if value else None


def csv_download(rows: list[dict], filename: str) -> Response:
    """Rows as a CSV file (columns from the first row; no cell runs as a formula)."""
    return Response(csv_text(list(rows[0]), rows) if rows else "", media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _safe(rows: list[list[object]]) -> list[list[str]]:
    return [[safe_cell(str(value)) for value in row] for row in rows]


def workbook_download(sheets: dict[str, tuple[list[str], list[list[object]]]], stem: str) -> Response:
    """Tables as one XLSX file, a sheet each (name -> header and rows); no cell runs as a formula."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, (header, rows) in sheets.items():
        sheet = workbook.create_sheet(name[:31])
        sheet.append(header)
        for row in _safe(rows):
            sheet.append(row)
    binary = io.BytesIO()
    workbook.save(binary)
    return Response(binary.getvalue(), media_type=EXPORT_TYPES["xlsx"],
                    headers={"Content-Disposition": f'attachment; filename="{stem}.xlsx"'})


def table_download(header: list[str], rows: list[list[object]], stem: str, fmt: str) -> Response:
    """A table as Excel-ready CSV (semicolons, UTF-8 with BOM) or as XLSX; no cell runs as a formula."""
    if fmt == "xlsx":
        return workbook_download({stem: (header, rows)}, stem)
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(_safe(rows))
    return Response(text.getvalue().encode("utf-8-sig"), media_type=EXPORT_TYPES["csv"],
                    headers={"Content-Disposition": f'attachment; filename="{stem}.{fmt}"'})
