"""Overlaps and gaps on the real corpus, with their evidence."""

from __future__ import annotations

from search.gaps import find_gaps
from search.overlaps import find_overlaps


def test_welzijn_op_recept_overlaps_across_actielijnen_2_and_5(kg, search_engine):
    report = find_overlaps(kg, search_engine)
    wor = [o for o in report.programmes if "Welzijn op Recept" in (o.first_label, o.second_label)]
    placed = [o for o in wor if o.actielijnen[0] and o.actielijnen[1]]
    assert placed and all(o.cross_actielijn for o in placed)  # moved: every pair with it crosses actielijnen
    sides = {n for o in wor for n in (*o.actielijnen[0], *o.actielijnen[1])}
    assert {2, 5} <= sides
    top = report.programmes[0]
    assert top.cross_actielijn and top.evidence is not None
    assert top.evidence[0].text and top.evidence[1].text and top.evidence[0].passage != top.evidence[1].passage
    assert 0 <= top.score <= 1 and abs(top.score - (0.5 * top.semantic + 0.3 * top.partners + 0.2 * top.themes)) < 0.01


def test_no_overlap_between_an_intervention_and_its_programme(kg, search_engine):
    report = find_overlaps(kg, search_engine, min_score=0.0)
    pairs = {frozenset((o.first_label, o.second_label)) for o in report.programmes}
    assert frozenset(("Antistolling", "Samenwerking in de keten")) not in pairs


def test_actielijn_overlaps_bridges_and_single_points(kg, search_engine):
    report = find_overlaps(kg, search_engine)
    assert any({a.first, a.second} == {2, 5} and a.programme_pairs > 0 for a in report.actielijnen)
    assert any(len(b.actielijnen) >= 2 for b in report.bridges)
    single = {p.label: p.organisation for p in report.single_points}
    assert single.get("GLI bij overgewicht en obesitas van volwassenen") == "Zorggroep ROEPNN"


def test_gaps_name_their_subject_evidence_and_candidates(kg, search_engine):
    gaps = find_gaps(kg, search_engine)
    kinds = {gap.kind for gap in gaps}
    assert {"programma-zonder-trekker", "programma-zonder-partner", "actielijn-zonder-domein"} <= kinds
    no_lead = {gap.subject_label for gap in gaps if gap.kind == "programma-zonder-trekker"}
    assert "Vitaal Groningen" in no_lead
    assert "Valpreventie bij ouderen" not in no_lead
    for gap in gaps:
        assert gap.subject and gap.evidence
        if gap.kind in ("doel-zonder-programma", "thema-zonder-programma"):
            assert gap.candidates and gap.passage
    domain = [gap for gap in gaps if gap.kind == "actielijn-zonder-domein"]
    assert all("samen met de inwoners, onderwijs" in gap.evidence for gap in domain)
