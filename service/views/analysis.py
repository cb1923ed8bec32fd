"""Overlaps and gaps pages, each with a JSON twin and a CSV export, filtered from the kept analyses."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ingest.spreadsheets import csv_text
from service.analysis_filters import gap_kinds, gap_view, overlap_view
from service.deps import AnalysesDep
from service.views.pages import page

router = APIRouter(include_in_schema=False)
Actielijn = Literal["1", "2", "3", "4", "5", "regio"]


def _csv(rows: list[dict], filename: str) -> Response:
    return Response(csv_text(list(rows[0]), rows) if rows else "", media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/overlaps{suffix:path}")
def overlaps_page(request: Request, analyses: AnalysesDep, suffix: str = "",
                  min_score: Annotated[float, Query(ge=0, le=1)] = 0.35,
                  actielijn: Annotated[list[str] | None, Query()] = None) -> Response:
    report = overlap_view(analyses, min_score, actielijn or [])
    if suffix == ".csv":
        return _csv([
            {"programma_1": o["first_label"], "actielijnen_1": " ".join(map(str, o["actielijnen"][0])),
             "programma_2": o["second_label"], "actielijnen_2": " ".join(map(str, o["actielijnen"][1])),
             "score": o["score"], "betekenis": o["semantic"], "genoemd": o["stated"], "partners": o["partners"],
             "themas": o["themes"], "over_actielijnen": o["cross_actielijn"], "gedeeld": "; ".join(
                 f"{s['kind']}: {s['label']}" for s in o["shared"]),
             "passage_1": o["evidence"][0]["passage"] if o["evidence"] else "",
             "passage_2": o["evidence"][1]["passage"] if o["evidence"] else ""}
            for o in report["programmes"]], "overlaps.csv")
    return page(request, "overlaps.html", report, as_json=suffix == ".json")


@router.get("/lacunes{suffix:path}")
def gaps_page(request: Request, analyses: AnalysesDep, suffix: str = "",
              soort: Annotated[str, Query(max_length=60)] = "", actielijn: Actielijn | None = None,
              bron: Literal["tekst", "structuur"] | None = None) -> Response:
    gaps = gap_view(analyses, soort, actielijn or "", bron or "")
    if suffix == ".csv":
        return _csv([
            {"soort": g["kind"], "bron": g["source"], "actielijn": g["actielijn"], "onderwerp": g["subject_label"],
             "iri": g["subject"], "bewijs": g["evidence"], "passage": g["passage"],
             "kandidaten": "; ".join(f"{c['label']} ({c['score']})" for c in g["candidates"])}
            for g in gaps], "lacunes.csv")
    return page(request, "gaps.html", {"lacunes": gaps, "soorten": gap_kinds(analyses), "soort": soort,
                                       "actielijn": actielijn or "", "bron": bron or "",
                                       "bijgewerkt": analyses.get("bijgewerkt", True)}, as_json=suffix == ".json")
