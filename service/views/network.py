"""The network page: pyvis views of the partner network or the whole network, with filters."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from graph.entities import list_entities
from service.deps import AnalysesDep, StoreDep
from visual.network import TYPE_COLOURS, NetworkFilter, build_view, render_html

router = APIRouter(include_in_schema=False)


def _filter(view: str, actielijn: int | None, programma: str, thema: str, type_: str, ego: str, diepte: int, grootte: str) -> NetworkFilter:
    return NetworkFilter(view if view in ("partners", "geheel") else "partners", actielijn, programma, thema,
                         type_ if type_ in TYPE_COLOURS else "", ego, diepte, grootte if grootte in ("degree", "betweenness") else "degree")


@router.get("/netwerk{suffix:path}")
def network_page(request: Request, store: StoreDep, analyses: AnalysesDep, suffix: str = "", view: str = "partners",
                 actielijn: Annotated[int | None, Query(ge=1, le=5)] = None, programma: str = "", thema: str = "",
                 type: str = "", ego: str = "", diepte: Annotated[int, Query(ge=1, le=2)] = 1,  # noqa: A002
                 grootte: str = "degree") -> Response:
    flt = _filter(view, actielijn, programma, thema, type, ego, diepte, grootte)
    network = build_view(store, flt)
    if suffix == ".json":
        return JSONResponse({"filters": asdict(flt), "knopen": len(network.nodes), "verbindingen": len(network.edges),
                             "afgekapt": network.notice, "nodes": network.nodes, "edges": network.edges,
                             "gemeenschappen": {m["iri"]: c["number"] for c in analyses["gemeenschappen"] for m in c["organisations"]}})
    form = request.app.state.templates.get_template("network_form.html").render(
        f=flt, types=list(TYPE_COLOURS), programmas=list_entities(store, "programma", limit=500).items,
        themas=list_entities(store, "thema", limit=100).items, organisaties=list_entities(store, "organisatie", limit=500).items,
    )
    return HTMLResponse(render_html(network, inline_assets=False, form_html=form))
