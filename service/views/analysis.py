"""Overlaps and gaps pages, each with a JSON twin and a CSV export, filtered from the kept analyses."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from search.overlaps import MIN_SCORE
from service.analysis_filters import gap_groups, shared_text
from service.deps import KnowledgeDep
from service.params import ActielijnOrRegioForm
from service.views.pages import csv_download, page, twin

router = APIRouter(include_in_schema=False)
# a form's minimum score from 0 to 1: empty = the standard (search/overlaps.py:MIN_SCORE), a decimal comma allowed
MinScore = Annotated[str, Query(pattern=r"^(?:0(?:[.,]\d*)?|1(?:[.,]0*)?)?$", description=f"0–1; leeg = {MIN_SCORE}")]
ActielijnPair = Annotated[list[str] | None, Query()]
GapKind = Annotated[str, Query(max_length=60)]
Source = Literal["tekst", "structuur", ""]  # empty: both (a form's "alle")


def _score(value: str) -> float:
    return float(value.replace(",", ".")) if value else MIN_SCORE


@twin(router, "/overlaps")
def overlaps_page(request: Request, kg: KnowledgeDep, min_score: MinScore = "", actielijn: ActielijnPair = None) -> Response:
    return page(request, "overlaps.html", kg.overlaps(_score(min_score), actielijn or []))


@router.get("/overlaps.csv")
def overlaps_csv(kg: KnowledgeDep, min_score: MinScore = "", actielijn: ActielijnPair = None) -> Response:
    return csv_download([
        {"programma_1": o["first_label"], "actielijnen_1": " ".join(map(str, o["actielijnen"][0])),
         "programma_2": o["second_label"], "actielijnen_2": " ".join(map(str, o["actielijnen"][1])),
         "score": o["score"], "betekenis": o["semantic"], "genoemd": o["stated"], "partners": o["partners"],
         "themas": o["themes"], "over_actielijnen": o["cross_actielijn"], "gedeeld": shared_text(o),
         "passage_1": o["evidence"][0]["passage"] if o["evidence"] else "",
         "passage_2": o["evidence"][1]["passage"] if o["evidence"] else ""}
        for o in kg.overlaps(_score(min_score), actielijn or [])["programmes"]], "overlaps.csv")


@twin(router, "/lacunes")
def gaps_page(request: Request, kg: KnowledgeDep, soort: GapKind = "", actielijn: ActielijnOrRegioForm = "", bron: Source = "") -> Response:
    gaps = kg.gaps(soort, actielijn, bron)
    return page(request, "gaps.html", {"lacunes": gaps, "groepen": gap_groups(gaps), "soorten": kg.gap_kinds(),
                                       "soort": soort, "actielijn": actielijn, "bron": bron,
                                       "bijgewerkt": kg.analyses().get("bijgewerkt", True)})


@router.get("/lacunes.csv")
def gaps_csv(kg: KnowledgeDep, soort: GapKind = "", actielijn: ActielijnOrRegioForm = "", bron: Source = "") -> Response:
    return csv_download([
        {"soort": g["kind"], "bron": g["source"], "actielijn": g["actielijn"], "onderwerp": g["subject_label"],
         "iri": g["subject"], "bewijs": g["evidence"], "passage": g["passage"],
         "kandidaten": "; ".join(f"{c['label']} ({c['score']})" for c in g["candidates"])}
        for g in kg.gaps(soort, actielijn, bron)], "lacunes.csv")
