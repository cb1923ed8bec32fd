"""The network page: the explorer (visual/network.py) inside the site, with filters; its JSON twin
/netwerk.json is what the page fetches when a filter changes. An empty form value means no filter."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from graph.entities import list_entities
from service.deps import AnalysesDep, StoreDep
from service.views.pages import ActielijnParam, number_or_none, page
from visual.network import TYPE_COLOURS, NetworkFilter, build_view, render_body

router = APIRouter(include_in_schema=False)


def _filter(view: str, actielijn: str, programma: str, thema: str, type_: str, ego: str, diepte: str, grootte: str) -> NetworkFilter:
    return NetworkFilter(view if view in ("partners", "geheel") else "partners", number_or_none(actielijn),
                         programma, thema, type_ if type_ in TYPE_COLOURS else "", ego, int(diepte or 1),
                         grootte if grootte in ("degree", "betweenness") else "degree")


@router.get("/netwerk{suffix:path}")
def network_page(request: Request, store: StoreDep, analyses: AnalysesDep, suffix: str = "", view: str = "partners", actielijn: ActielijnParam = "",
                 programma: str = "", thema: str = "", type: str = "", ego: str = "",  # noqa: A002
                 diepte: Annotated[str, Query(pattern=r"^[12]?$", description="leeg = 1")] = "", grootte: str = "degree") -> Response:
    flt = _filter(view, actielijn, programma, thema, type, ego, diepte, grootte)
    network = build_view(store, flt)
    if suffix == ".json":
        communities = {m["iri"]: c["number"] for c in analyses["gemeenschappen"] for m in c["organisations"]}
        return JSONResponse({**network.payload(), "gemeenschappen": communities})
    return page(request, "network.html", {
        "f": flt, "view": network, "verkenner": render_body(network), "types": list(TYPE_COLOURS),
        "programmas": list_entities(store, "programma", limit=500).items, "themas": list_entities(store, "thema", limit=100).items,
        "organisaties": list_entities(store, "organisatie", limit=500).items,
    })
