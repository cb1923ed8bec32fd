"""Filters over the kept analyses (never a new computation): overlaps by score and actielijn (one
actielijn: everything touching it; two: the view of that pair; the same one twice: the overlaps within
it) with the actielijn × actielijn matrix of those views, gaps by kind, actielijn and source, and what
the analyses say about one entity or actielijn."""

from __future__ import annotations

from collections import Counter
from typing import Any

from graph.errors import Rejected
from ontology.vocabulary import ACTIELIJNEN


def _sides_touch(sides: list[list[int]], actielijnen: list[int]) -> bool:
    first, second = (set(side) for side in sides)
    if len(actielijnen) == 1:
        return actielijnen[0] in first | second
    a, b = actielijnen[:2]
    return (a in first and b in second) or (b in first and a in second)


def _relation_matches(relation: dict[str, Any], actielijnen: list[int]) -> bool:
    if len(actielijnen) == 1:
        return actielijnen[0] in (relation["first"], relation["second"])
    return not actielijnen or {relation["first"], relation["second"]} == set(actielijnen)


def _actielijnen(values: list[int | str]) -> list[int]:
    """One or two actielijnen (the same one twice: within it); an empty form field means none."""
    given = [str(v).strip() for v in values if str(v).strip()]
    if len(given) > 2 or any(v not in map(str, ACTIELIJNEN) for v in given):
        raise Rejected(f"Parameter 'actielijn': geef één of twee actielijnen van {ACTIELIJNEN[0]} tot en met {ACTIELIJNEN[-1]}, "
                       "bijvoorbeeld ?actielijn=2&actielijn=5.")
    return sorted(int(v) for v in given)


def _scored(result: dict[str, Any], min_score: float) -> list[dict[str, Any]]:
    return [o for o in result["overlaps"]["programmes"] if o["score"] >= min_score]


def _pairs(programmes: list[dict[str, Any]], a: int, b: int) -> int:
    """The number of programme pairs the filter of actielijnen ``a`` and ``b`` shows (a == b: within a)."""
    return sum(_sides_touch(o["actielijnen"], [a, b]) for o in programmes)


def overlap_matrix(programmes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per actielijn a row with, per actielijn, the number of programme pairs the pair filter shows."""
    return [{"actielijn": a, "cellen": [{"actielijn": b, "programmaparen": _pairs(programmes, a, b)} for b in ACTIELIJNEN]}
            for a in ACTIELIJNEN]


def overlap_view(result: dict[str, Any], min_score: float, actielijnen: list[int | str]) -> dict[str, Any]:
    report = result["overlaps"]
    wanted = _actielijnen(actielijnen)
    scored = _scored(result, min_score)
    programmes = [o for o in scored if not wanted or _sides_touch(o["actielijnen"], wanted)]
    relations = [r for r in report["actielijnen"] if _relation_matches(r, wanted)]
    return {**report, "programmes": programmes, "actielijnen": relations, "min_score": min_score,
            "filter_actielijnen": wanted, "matrix": overlap_matrix(scored), "bijgewerkt": result.get("bijgewerkt", True)}


def actielijn_overlaps(result: dict[str, Any], number: int, min_score: float) -> list[dict[str, Any]]:
    """The overlap of one actielijn with itself and with each other actielijn it has overlapping programmes
    with or a relation to: the number of programme pairs (as the pair filter shows them) and the relation
    between the two from the analyses (stated in the text or derived, with evidence and shared partners)."""
    scored = _scored(result, min_score)
    found = []
    for other in sorted(ACTIELIJNEN, key=lambda n: n != number):  # within itself first
        pairs = _pairs(scored, number, other)
        relation = next((r for r in result["overlaps"]["actielijnen"] if other != number and _relation_matches(r, [number, other])), None)
        if pairs or relation:
            found.append({"actielijn": other, "programmaparen": pairs, "relatie": relation})
    return found


def gap_view(result: dict[str, Any], soort: str = "", actielijn: str = "", bron: str = "") -> list[dict[str, Any]]:
    return [g for g in result["lacunes"]
            if (not soort or g["kind"] == soort) and (not actielijn or g["actielijn"] == actielijn) and (not bron or g["source"] == bron)]


def gap_groups(gaps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The kinds among ``gaps`` with their number, most first."""
    counts = Counter(gap["kind"] for gap in gaps)
    return [{"soort": kind, "aantal": n} for kind, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def gap_kinds(result: dict[str, Any]) -> list[str]:
    return sorted({g["kind"] for g in result["lacunes"]})


def entity_analyses(result: dict[str, Any], iri: str) -> dict[str, Any]:
    """What the analyses say about one entity: suggested collaborators and community of an
    organisation; the actielijnen and programmes of an opgave or goal (from the text), with indicator
    and data source; the stated gaps of a programme or actielijn."""
    found: dict[str, Any] = {}
    if iri in result["suggesties"]:
        found["suggesties"] = result["suggesties"][iri]
    community = next((c for c in result["gemeenschappen"] if any(m["iri"] == iri for m in c["organisations"])), None)
    if community:
        found["gemeenschap"] = community
    links = [link for link in result["doelkoppelingen"] if link["opgave"] == iri]
    if links:
        found["actielijnen"] = links
    goals = [goal for goal in result["doelen"] if iri in (goal["iri"], goal["opgave"])]
    if goals:
        found["doelen"] = goals
    number = iri.rsplit("/", 1)[-1] if "/actielijn/" in iri else None
    gaps = [g for g in result["lacunes"] if g["source"] == "tekst" and (g["programme"] == iri or g["actielijn"] == number)]
    if gaps:
        found["lacunes"] = gaps
    return found


def shared_text(overlap: dict[str, Any]) -> str:
    """What two overlapping programmes share, in one line: 'interventie: Beweegzorg Noord; partner: GGD Groningen'."""
    return "; ".join(f"{shared['kind']}: {shared['label']}" for shared in overlap["shared"])
