"""Filters over the kept analyses (never a new computation): overlaps by score and actielijn (one
actielijn: everything touching it; two: the view of that pair), gaps by kind, actielijn and source."""

from __future__ import annotations

from typing import Any

from graph.errors import Rejected
from ontology.vocabulary import ACTIELIJNEN


def _sides_touch(sides: list[list[int]], actielijnen: list[int]) -> bool:
    first, second = (set(side) for side in sides)
    if len(actielijnen) == 1:
        return actielijnen[0] in first | second
    a, b = actielijnen[:2]
    return (a in first and b in second) or (b in first and a in second)


def _actielijnen(values: list[int | str]) -> list[int]:
    """One or two actielijnen; an empty form field means none."""
    given = [str(v).strip() for v in values if str(v).strip()]
    if len(given) > 2 or any(v not in map(str, ACTIELIJNEN) for v in given):
        raise Rejected(f"Parameter 'actielijn': geef één of twee actielijnen van {ACTIELIJNEN[0]} tot en met {ACTIELIJNEN[-1]}, "
                       "bijvoorbeeld ?actielijn=2&actielijn=5.")
    return sorted({int(v) for v in given})


def overlap_view(result: dict[str, Any], min_score: float, actielijnen: list[int | str]) -> dict[str, Any]:
    report = result["overlaps"]
    wanted = _actielijnen(actielijnen)
    programmes = [o for o in report["programmes"] if o["score"] >= min_score and (not wanted or _sides_touch(o["actielijnen"], wanted))]
    relations = [r for r in report["actielijnen"] if not wanted or set(wanted) <= {r["first"], r["second"]}
                 or (len(wanted) == 1 and wanted[0] in (r["first"], r["second"]))]
    return {**report, "programmes": programmes, "actielijnen": relations, "min_score": min_score,
            "filter_actielijnen": wanted, "bijgewerkt": result.get("bijgewerkt", True)}


def gap_view(result: dict[str, Any], soort: str = "", actielijn: str = "", bron: str = "") -> list[dict[str, Any]]:
    return [g for g in result["lacunes"]
            if (not soort or g["kind"] == soort) and (not actielijn or g["actielijn"] == actielijn) and (not bron or g["source"] == bron)]


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
