"""Documents and spreadsheets through the service: upload a document for ingest, import organisations
and involvements from CSV/XLSX (dry run first), export them in the same shape."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, UploadFile
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from graph.errors import TooLarge
from graph.writes import WriteRejected
from ingest.spreadsheets import write_csv, write_xlsx
from service.deps import KnowledgeDep, SettingsDep
from service.errors import status_of
from service.writes import Writer

router = APIRouter(prefix="/api", tags=["Schrijven"])
UPLOAD_PATHS = ("/api/documenten", "/api/import")  # may carry a document-sized body
Explanation = Annotated[str, Form(min_length=1, max_length=5000, examples=["Verslag kerngroep 3 maart"])]


async def _read(upload: UploadFile, max_bytes: int) -> bytes:
    raw = await upload.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise TooLarge(f"{upload.filename}: een bestand mag hoogstens {max_bytes:,} bytes zijn.")
    return raw


@router.post("/documenten", status_code=201, summary="Document uploaden en inlezen (token nodig)")
async def post_document(kg: KnowledgeDep, settings: SettingsDep, who: Writer,
                        bestand: Annotated[UploadFile, File(description=".txt, .md, .html of .pdf")],
                        toelichting: Explanation, vervang: Annotated[bool, Form()] = False) -> JSONResponse:
    raw = await _read(bestand, settings.max_document_bytes)
    result = await run_in_threadpool(kg.upload, who, bestand.filename or "", raw, toelichting, replace=vervang)
    additions = await run_in_threadpool(kg.additions, result.slug)
    return JSONResponse({"id": result.write.id, "graaf": result.write.graph, "document": result.slug, "bestand": result.file_name,
                         "passages": result.passages, "vervangen": result.replaced, "triples": result.write.triples,
                         **additions}, status_code=200 if result.replaced else 201)


@router.post("/import", summary="Organisaties en betrokkenheden inlezen uit CSV of XLSX (standaard een proefdraai; token nodig)")
async def post_import(kg: KnowledgeDep, settings: SettingsDep, who: Writer,
                      bestand: Annotated[UploadFile, File(description=".csv of .xlsx")], toelichting: Explanation,
                      proefdraai: Annotated[bool, Form()] = True) -> JSONResponse:
    raw = await _read(bestand, settings.max_document_bytes)
    file_name = bestand.filename or "tabel"
    plan = await run_in_threadpool(kg.plan_import, file_name, raw)
    answer = {"proefdraai": proefdraai, "toevoegen": plan.count("toevoegen"), "wijzigen": plan.count("wijzigen"),
              "ongewijzigd": plan.count("ongewijzigd"), "geweigerd": plan.count("geweigerd"),
              "rijen": [outcome.__dict__ for outcome in plan.outcomes], "invoer": None}
    if proefdraai:
        return JSONResponse(answer)
    try:
        result = await run_in_threadpool(kg.apply_import, who, plan, toelichting, file_name)
    except WriteRejected as error:
        status, _ = status_of(error)
        return JSONResponse({**answer, "fout": str(error), "status": status}, status_code=status)
    if result is not None:
        answer["invoer"] = {"id": result.id, "graaf": result.graph, "triples": result.triples}
    return JSONResponse(answer, status_code=201 if result is not None else 200)


@router.get("/export/{tabel}", summary="Organisaties of betrokkenheden als CSV, of beide als XLSX (zelfde vorm als de import)")
def export_table(kg: KnowledgeDep, tabel: Literal["organisaties.csv", "betrokkenheden.csv", "tabellen.xlsx"]) -> Response:
    tables = kg.tables()
    if tabel == "tabellen.xlsx":
        return Response(write_xlsx(tables), media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers={"Content-Disposition": 'attachment; filename="gezond-groningen.xlsx"'})
    name = tabel.removesuffix(".csv")
    return Response(write_csv(name, tables[name]), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
