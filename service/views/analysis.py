"""Overlaps and gaps pages, each with a JSON twin and a CSV export."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ingest.spreadsheets import csv_text
from search.gaps import find_gaps
from search.overlaps import find_overlaps
from service.deps import EngineDep, StoreDep, remembered
from service.views.pages import page

router = APIRouter(include_in_schema=False)


def _csv(rows: list[dict], filename: str) -> Response:
    return Response(csv_text(list(rows[0]), rows) if rows else "", media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/overlaps{suffix:path}")
def overlaps_page(request: Request, store: StoreDep, engine: EngineDep, suffix: str = "",
                  min_score: Annotated[float, Query(ge=0, le=1)] = 0.35) -> Response:
    report = remembered(request, "overlaps", lambda: asdict(find_overlaps(store, engine, min_score=min_score)), min_score)
    if suffix == ".csv":
        return _csv([
            {"programma_1": o["first_label"], "actielijnen_1": " ".join(map(str, o["actielijnen"][0])),
             "programma_2": o["second_label"], "actielijnen_2": " ".join(map(str, o["actielijnen"][1])),
             "score": o["score"], "betekenis": o["semantic"], "partners": o["partners"], "themas": o["themes"],
             "over_actielijnen": o["cross_actielijn"], "gedeelde_partners": "; ".join(o["shared_partners"]),
             "passage_1": o["evidence"][0]["passage"] if o["evidence"] else "",
             "passage_2": o["evidence"][1]["passage"] if o["evidence"] else ""}
            for o in report["programmes"]], "overlaps.csv")
    return page(request, "overlaps.html", {"min_score": min_score, **report}, as_json=suffix == ".json")


@router.get("/lacunes{suffix:path}")
def gaps_page(request: Request, store: StoreDep, engine: EngineDep, suffix: str = "") -> Response:
    gaps = remembered(request, "lacunes", lambda: [asdict(gap) for gap in find_gaps(store, engine)])
    if suffix == ".csv":
        return _csv([
            {"soort": g["kind"], "onderwerp": g["subject_label"], "iri": g["subject"], "bewijs": g["evidence"],
             "passage": g["passage"], "kandidaten": "; ".join(f"{c['label']} ({c['score']})" for c in g["candidates"])}
            for g in gaps], "lacunes.csv")
    return page(request, "gaps.html", {"lacunes": gaps}, as_json=suffix == ".json")
