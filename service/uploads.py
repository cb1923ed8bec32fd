"""Documents and spreadsheets through the service: upload a document for ingest, import organisations
and involvements from CSV/XLSX (dry run first), export them in the same shape."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from graph.writes import WriteRejected
from ingest.lexicon import Lexicon
from ingest.sources import PdfLimits
from ingest.spreadsheets import SpreadsheetError, read_table_file, write_csv, write_xlsx
from ingest.table_import import apply_import, export_tables, plan_import
from ingest.upload import UploadRejected, commit_upload, prepare_upload
from service.deps import SettingsDep, StoreDep
from service.errors import ServiceError
from service.writes import Writer, after_write, locked, run_write

router = APIRouter(prefix="/api", tags=["Schrijven"])
UPLOAD_PATHS = ("/api/documenten", "/api/import")  # may carry a document-sized body
Explanation = Annotated[str, Form(min_length=1, max_length=5000, examples=["Verslag kerngroep 3 maart"])]


def lexicon_of(request: Request) -> Lexicon:
    if getattr(request.app.state, "lexicon", None) is None:
        request.app.state.lexicon = Lexicon.load()
    return request.app.state.lexicon


async def _read(upload: UploadFile, max_bytes: int) -> bytes:
    raw = await upload.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise ServiceError(413, f"{upload.filename}: een bestand mag hoogstens {max_bytes:,} bytes zijn.")
    return raw


@router.post("/documenten", status_code=201, summary="Document uploaden en inlezen (token nodig)")
async def post_document(request: Request, store: StoreDep, settings: SettingsDep, who: Writer,
                        bestand: Annotated[UploadFile, File(description=".txt, .md, .html of .pdf")],
                        toelichting: Explanation, vervang: Annotated[bool, Form()] = False) -> JSONResponse:
    raw = await _read(bestand, settings.max_document_bytes)
    try:
        prepared = await run_in_threadpool(
            prepare_upload, store, settings.data_dir, lexicon_of(request), who, bestand.filename or "", raw, toelichting,
            max_bytes=settings.max_document_bytes, replace=vervang,
            pdf_limits=PdfLimits(settings.max_pdf_pages, settings.max_parse_seconds))
        result = await run_write(request, commit_upload, store, settings.data_dir, prepared, replace=vervang)
    except UploadRejected as error:
        raise ServiceError(error.status, str(error)) from error
    return JSONResponse({"id": result.write.id, "graaf": result.write.graph, "document": result.slug, "bestand": result.file_name,
                         "passages": result.passages, "vervangen": result.replaced, "triples": result.write.triples},
                        status_code=200 if result.replaced else 201)


@router.post("/import", summary="Organisaties en betrokkenheden inlezen uit CSV of XLSX (standaard een proefdraai; token nodig)")
async def post_import(request: Request, store: StoreDep, settings: SettingsDep, who: Writer,
                      bestand: Annotated[UploadFile, File(description=".csv of .xlsx")], toelichting: Explanation,
                      proefdraai: Annotated[bool, Form()] = True) -> JSONResponse:
    raw = await _read(bestand, settings.max_document_bytes)
    file_name = bestand.filename or "tabel"
    try:
        rows = await run_in_threadpool(read_table_file, file_name, raw, settings.table_limits())
    except SpreadsheetError as error:
        raise ServiceError(error.status, str(error)) from error
    plan = await run_in_threadpool(plan_import, store, rows)
    answer = {"proefdraai": proefdraai, "toevoegen": plan.count("toevoegen"), "wijzigen": plan.count("wijzigen"),
              "ongewijzigd": plan.count("ongewijzigd"), "geweigerd": plan.count("geweigerd"),
              "rijen": [outcome.__dict__ for outcome in plan.outcomes], "invoer": None}
    if proefdraai:
        return JSONResponse(answer)
    try:
        result = await run_in_threadpool(locked, apply_import, store, who, plan, toelichting, file_name)
    except WriteRejected as error:
        return JSONResponse({**answer, "fout": str(error), "status": 422}, status_code=422)
    if result is not None:
        after_write(request)
        answer["invoer"] = {"id": result.id, "graaf": result.graph, "triples": result.triples}
    return JSONResponse(answer, status_code=201 if result is not None else 200)


@router.get("/export/{tabel}", summary="Organisaties of betrokkenheden als CSV, of beide als XLSX (zelfde vorm als de import)")
def export_table(store: StoreDep, tabel: Literal["organisaties.csv", "betrokkenheden.csv", "tabellen.xlsx"]) -> Response:
    tables = export_tables(store)
    if tabel == "tabellen.xlsx":
        return Response(write_xlsx(tables), media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers={"Content-Disposition": 'attachment; filename="gezond-groningen.xlsx"'})
    name = tabel.removesuffix(".csv")
    return Response(write_csv(name, tables[name]), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
