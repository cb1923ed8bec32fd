"""Shared helpers of the page modules: render a template or its JSON twin from the same data."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import JSONResponse, Response
from openpyxl import Workbook

from ingest.spreadsheets import safe_cell

EXPORT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


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


def table_download(header: list[str], rows: list[list[object]], stem: str, fmt: str) -> Response:
    """A table as Excel-ready CSV (semicolons, UTF-8 with BOM) or as XLSX; no cell runs as a formula."""
    cells = [[safe_cell(str(value)) for value in row] for row in rows]
    if fmt == "csv":
        text = io.StringIO()
        writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(cells)
        body = text.getvalue().encode("utf-8-sig")
    else:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = stem[:31]
        sheet.append(header)
        for row in cells:
            sheet.append(row)
        binary = io.BytesIO()
        workbook.save(binary)
        body = binary.getvalue()
    return Response(body, media_type=EXPORT_TYPES[fmt], headers={"Content-Disposition": f'attachment; filename="{stem}.{fmt}"'})
