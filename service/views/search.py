"""Search results page: hits with their evidence sentence and links to the entity and the passage. Its
twin /zoeken.json has the page's keys (``q``, ``kind``, ``actielijn``, ``programmas``, ``resultaten`` in rank
order and ``groepen``: organisations, programmes, other entities, passages, as the page shows them);
/api/search answers ``vraag`` and ``resultaten``: the same hits, kept in both shapes for compatibility."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from service.deps import KnowledgeDep
from service.params import Actielijn
from service.views.pages import page, twin

router = APIRouter(include_in_schema=False)
# the order of the groups on the page: the organisations and programmes a coordinator asks for first,
# then the other entities, the passages last
GROUPS = (("organisatie", "Organisaties"), ("programma", "Programma's en projecten"))
OTHER_ENTITIES, PASSAGES = "Andere resultaten", "Passages"


def grouped(hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The hits in groups (organisations, programmes, other entities, passages), each in rank order."""
    titles = dict(GROUPS)
    order = [*titles.values(), OTHER_ENTITIES, PASSAGES]
    groups: dict[str, list[dict[str, Any]]] = {title: [] for title in order}
    for hit in hits:
        kind = hit["kind"]
        groups[titles.get(kind, PASSAGES if kind == "passage" else OTHER_ENTITIES)].append(hit)
    return [{"titel": title, "resultaten": groups[title]} for title in order if groups[title]]


@twin(router, "/zoeken")
def search_page(request: Request, kg: KnowledgeDep, q: Annotated[str, Query(max_length=500)] = "",
                k: Annotated[int, Query(ge=1, le=100)] = 10, kind: str | None = None,
                actielijn: Actielijn = None) -> Response:
    if not q.strip():
        return page(request, "search.html", {"q": "", "resultaten": [], "programmas": []})
    found = asdict(kg.search(q, k, kinds=[kind] if kind else None, actielijn=actielijn, with_names=True))
    return page(request, "search.html", {"q": q, "kind": kind or "", "actielijn": actielijn, "programmas": found["programmas"],
                                         "resultaten": found["resultaten"], "groepen": grouped(found["resultaten"])})
