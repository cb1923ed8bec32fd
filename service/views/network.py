"""The network page: the explorer (visual/network.py) inside the site, with filters; its JSON twin
/netwerk.json is what the page fetches when a filter changes (the drawing and the communities, not the
page's form data); /netwerk.xlsx holds the shown organisations and connections (the same filters, less the
legend groups hidden on the page). An empty form value means no filter."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from service.deps import KnowledgeDep
from service.params import ActielijnForm
from service.views.pages import number_or_none, page, twin, wants_json, workbook_download
from visual.network import TYPE_COLOURS, NetworkFilter, render_body
from visual.network_export import EDGE_HEADER, NODE_HEADER, shown_tables

router = APIRouter(include_in_schema=False)


def network_filter(view: str = "partners", actielijn: ActielijnForm = "", programma: str = "", thema: str = "",
                   type: str = "", ego: str = "",  # noqa: A002
                   diepte: Annotated[str, Query(pattern=r"^[12]?$", description="leeg = 1")] = "",
                   grootte: str = "degree") -> NetworkFilter:
    return NetworkFilter(view if view in ("partners", "geheel") else "partners", number_or_none(actielijn),
                         programma, thema, type if type in TYPE_COLOURS else "", ego, int(diepte or 1),
                         grootte if grootte in ("degree", "betweenness") else "degree")


Filter = Annotated[NetworkFilter, Depends(network_filter)]


@twin(router, "/netwerk")
def network_page(request: Request, kg: KnowledgeDep, flt: Filter) -> Response:
    network = kg.network(flt)
    if wants_json(request):
        communities = {m["iri"]: c["number"] for c in kg.analyses()["gemeenschappen"] for m in c["organisations"]}
        return page(request, "network.html", {}, twin={**network.payload(), "gemeenschappen": communities})
    return page(request, "network.html", {
        "f": flt, "view": network, "verkenner": render_body(network), "types": list(TYPE_COLOURS),
        "programmas": kg.entities("programma", limit=500).items, "themas": kg.entities("thema", limit=100).items,
        "organisaties": kg.entities("organisatie", limit=500).items,
    })


@router.get("/netwerk.xlsx")
def network_xlsx(kg: KnowledgeDep, flt: Filter, kleur: Literal["type", "actielijn"] = "type",
                 verborgen: Annotated[list[str] | None, Query(description="verborgen legendagroepen")] = None) -> Response:
    nodes, edges = shown_tables(kg.network(flt), kleur, set(verborgen or []))
    return workbook_download({"Organisaties": (NODE_HEADER, nodes), "Verbindingen": (EDGE_HEADER, edges)}, "netwerk")
