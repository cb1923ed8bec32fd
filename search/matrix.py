"""The gap matrix: actielijn × life stage / target group × area (stad / ommelanden / gemeente / not named),
counting the programmes and organisations per cell from what the passages about each programme say;
a cell that rests on a single organisation is marked, an empty cell is a gap."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

from ontology.vocabulary import ACTIELIJNEN
from search.facets import AREAS, TARGET_GROUPS, facets
from search.profiles import Passage, Programme

PROFILE_DEPTH = 8
UNNAMED = "niet genoemd"  # the passages name no area: the programme still counts


@dataclass
class MatrixCell:
    actielijn: int
    doelgroep: str
    gebied: str
    programmes: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)

    @property
    def single_organisation(self) -> bool:
        return len(self.organisations) == 1


def gap_matrix(profiles: dict[str, Programme], passages: dict[str, Passage]) -> list[dict]:
    cells = {key: MatrixCell(*key) for key in product(ACTIELIJNEN, TARGET_GROUPS, [*AREAS, UNNAMED])}
    for profile in sorted(profiles.values(), key=lambda p: p.label):
        texts = [passages[iri].text for iri in profile.about[:PROFILE_DEPTH]]
        groups = set().union(*(facets(text, "doelgroep") for text in texts)) if texts else set()
        areas = set().union(*(facets(text, "gebied") for text in texts)) if texts else set()
        areas = areas or {UNNAMED}
        for key in product(sorted(profile.actielijnen), sorted(groups), sorted(areas)):
            cell = cells[key]
            cell.programmes.append(profile.label)
            cell.organisations = sorted(set(cell.organisations) | set(profile.organisations.values()))
    return [{"actielijn": c.actielijn, "doelgroep": c.doelgroep, "gebied": c.gebied, "programmas": c.programmes,
             "aantal_programmas": len(c.programmes), "organisaties": c.organisations,
             "aantal_organisaties": len(c.organisations), "een_organisatie": c.single_organisation}
            for c in cells.values()]
