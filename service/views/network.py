"""The network page: the explorer (visual/network.py) inside the site, with filters; its JSON twin
/netwerk.json is what the page fetches when a filter changes (the drawing and the communities, not the
page's form data). An empty form value means no filter."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from service.deps import KnowledgeDep
from service.params import ActielijnForm
from service.views.pages import number_or_none, page, twin, wants_json
from visual.network import TYPE_COLOURS, NetworkFilter, render_body

router = APIRouter(include_in_schema=False)


def _filter(view: str, actielijn: str, programma: str, thema: str, type_: str, ego: str, diepte: str, grootte: str) -> NetworkFilter:
    return NetworkFilter(view if view in ("partners", "geheel") else "partners", number_or_none(actielijn),
                         programma, thema, type_ if type_ in TYPE_COLOURS else "", ego, int(diepte or 1),
                         grootte if grootte in ("degree", "betweenness") else "degree")


@twin(router, "/netwerk")
def network_page(request: Request, kg: KnowledgeDep, view: str = "partners", actielijn: ActielijnForm = "",
                 programma: str = "", thema: str = "", type: str = "", ego: str = "",  # noqa: A002
                 diepte: Annotated[str, Query(pattern=r"^[12]?$", description="leeg = 1")] = "", grootte: str = "degree") -> Response:
    flt = _filter(view, actielijn, programma, thema, type, ego, diepte, grootte)
    network = kg.network(flt)
    if wants_json(request):
        communities = {m["iri"]: c["number"] for c in kg.analyses()["gemeenschappen"] for m in c["organisations"]}
        return page(request, "network.html", {}, twin={**network.payload(), "gemeenschappen": communities})
    return page(request, "network.html", {
        "f": flt, "view": network, "verkenner": render_body(network), "types": list(TYPE_COLOURS),
        "programmas": kg.entities("programma", limit=500).items, "themas": kg.entities("thema", limit=100).items,
        "organisaties": kg.entities("organisatie", limit=500).items,
    })
