"""Bottlenecks and open items the documents state themselves: "knelpunt", "gebrek aan",
"ontbreekt", "nog te ontwikkelen", "nog niet in beeld", "extra middelen nodig", financing that ends
or worries, and coverage figures ("maar 24 van de 77 scholen"). One gap per sentence, with its
passage, the actielijn (or "regio") and the programme where the text says so."""

from __future__ import annotations

import re
from dataclasses import dataclass

from search.profiles import Passage, Programme, name_pattern
from search.relations import SENTENCE, passage_actielijn

# kind -> cue phrases; the first kind whose cue a sentence contains names the gap
CUES: dict[str, str] = {
    "bereik": r"\b(?:maar|slechts) \d+ van de \d+\b|niet (?:alle|iedereen)\b[^.]{0,60}\bin beeld|\bniet in beeld|\b(?:nog )?niet alle \w+(?: \w+)? (?:hebben|doen|zijn|krijgen|kennen)\b(?!\s+te\b)"
              r"|\b(?:niet|laat) (?:\w+ ){0,2}(?:gevonden|bereikt)\b|\bweinig gebruik\b|\bnauwelijks\b|\b(?:blijft|blijven) achter\b"
              r"|\b(?:pas|nog maar) (?!20\d\d\b)\d{1,4}\b(?! (?:jaar|maanden|weken|dagen)\b)"
              r"|\b(?:maar|slechts)\b[^.]{0,20}\b(?:een )?(?:klein )?(?:deel|fractie|minderheid)\b|\bslechts \d+(?:[,.]\d+)? ?(?:%|procent)"
              r"|\bstagne\w+|\bvalt tegen\b|\bachterblijvend\w*",
    "extra-middelen": r"extra (?:middelen|geld) (?:\w+ ){0,4}nodig|(?:vraagt|vragen|nodig) (?:\w+ ){0,2}extra (?:middelen|geld)"
                      r"|(?:met|zonder) extra (?:middelen|geld)"
                      r"|beperkt door (?:het )?(?:budget|capaciteit|middelen)|(?:investering|middelen|budget|capaciteit) (?:\w+ ){0,2}nodig"
                      r"|\b(?:extra|meer) (?:formatie|fte|capaciteit|handen|uren)\b|\bfte (?:\w+ ){0,3}nodig\b|\bcapaciteit schiet\w* tekort\b",
    "financiering": r"zorgen over[^.]{0,20}financiering|financiering[^.]{0,20}aangevraagd|tot en met \d{4} gefinancierd"
                    r"|gefinancierd[^.]{0,30}tot en met \d{4}|kortlopende subsidies|niet[^.]{0,40}beschikking[^.]{0,20}(?:geld|middelen)"
                    r"|financiering[^.]{0,40}\bonzeker\b|\bsubsidie[^.]{0,30}\bloopt\b[^.]{0,30}\baf\b"
                    r"|\b(?:subsidie|financiering)[^.]{0,60}\b(?:afgelopen|stopt|eindigt|vervalt)\b|\b(?:afloop|einde) van de (?:subsidie|financiering)\b"
                    r"|\b(?:stopt|eindigt|vervalt)\b[^.]{0,20}\b(?:subsidie|financiering)\b"
                    r"|\bgeen (?:budget|geld|middelen|financiering|dekking)\b[^.]{0,20}\b(?:voorzien|beschikbaar|gevonden|geregeld)\b",
    "ontbreekt": r"\bontbre(?:ekt|kt|ken|kende)\b(?!\s+(?:geen|niets|niemand)\b)|\bontbrak\b|\bgebrek aan\b|\btekort(?:en)? aan\b"
                 r"|\b\w+tekort\b(?![^.]*\b20[2-9]\d\b)|\bte weinig\b|\bschaarste aan\b|(?<!ontbreekt )\bgeen enkele\b(?![^.;]{0,40}\bmeer\b)|(?<!ontbreekt )\bniemand\b(?!\s+hoeft\b)"
                 r"|\bwe missen\b|\bmissen we\b|\bwitte vlek\w*",
    "knelpunt": r"\b(?:is|zijn|vormt|vormen) (?:een |het )?knelpunt|\bknelpunt (?:is|bij|in|rond)\b"
                r"|\bonvoldoende (?!(?:om|over|te|in|op|aan|voor|bij)\b)\w+|\buitdaging(?:en)? lig(?:t|gen) in\b"
                r"|niet (?:goed )?van de grond|\bgefragmenteerd\b|\bnog beperkt\b|niet (?:\w+ )?georganiseerd\b|\bvraagt meer\b"
                r"|\b(?:gat|kloof) tussen\b|\bwacht(?:lijst|tijd)(?:en)?\b[^.]{0,60}\b(?:lang|weken|maanden)\b|\blange wacht(?:lijst|tijd)(?:en)?\b"
                r"|\b(?:een|het) probleem\b"
                r"|\b(?:blijkt|is|blijft|was|bleek) (?:nog |erg |vaak )?(?:lastig|moeilijk)\b|\bstroef\b|\bmoeizaam\b|\b(?:is|wat|blijft) kwetsbaar\b"
                r"|\bbelemmer\w*|\bremt\b|\bonvolledig\b|\bsluit\w* slecht aan\b|\bonvoldoende\b(?=\s*[.;,]|\s*$)"
                r"|\bwacht(?:en|t)\b[^.]{0,40}\b(?:maanden|weken|jaar)\b|\bwachttijden lopen op\b"
                r"|\b(?:leunt|leunen|rust|rusten|hangt|drijft|draait|draaien) (?:\w+ ){0,3}op (?:één|een enkele)\b|\bafhankelijk van (?:één|een enkele)\b"
                r"|\bin gevaar\b|\bzorgen over\b|\brisico dat\b|\bwacht(?:en|t) nog op\b",
    "nog-te-ontwikkelen": r"\bnog te ontwikkelen\b|\b(?:in|tot) ontwikkeling (?:komen|is|zijn)\b|\bmomenteel in ontwikkeling\b",
    "open-punt": r"\bnog (?:lang )?niet\b|\b(?:nog|verder|nader) (?:worden )?(?:uitgewerkt|geconcretiseerd|verkend|verkennen)\b"
                 r"|\bverdere concretisering\b|\bnog moeten worden\b|\bhet voorstel is\b|\bnog te (?:bepalen|uitwerken)\b"
                 r"|\bnog geen\b|\bonduidelijk\b|\bniet geregeld\b|\bniet (?:structureel )?geborgd\b|\bstaat nog open\b"
                 r"|\bmoet(?:en)? nog (?:worden )?(?:besloten|ontwikkeld|geregeld|gevonden)\b|\bgeen (?:zicht|inzicht) (?:op|in)\b"
                 r"|\bnog niet (?:bekend|duidelijk|aangesloten)\b|\blukt (?:het )?(?:nog )?niet\b|\bhet lukt niet\b|\bopen vraag\b",
}
IN_LINE = re.compile(r"(?:^|\b(?:in|binnen|voor|van|bij)\s+)a[ck]tielijn\s+(\d)\b", re.IGNORECASE)
_CUES = {kind: re.compile(pattern, re.IGNORECASE) for kind, pattern in CUES.items()}
BULLETS = ("•", "*", "-", "·", "«", "¢")


@dataclass
class StatedGap:
    kind: str
    sentence: str
    passage: str
    document: str
    actielijn: str  # "1".."5" or "regio"
    programme: str
    programme_label: str


# a goal for later ("In 2030 rookt geen enkele jongere"), a lesson's topic ("de les over een tekort aan vitamines") or
# whom a project looks for ("het signaleren van problemen bij ouderen die nog niet in beeld zijn") states no gap
GOAL_OR_TOPIC = re.compile(r"^\s*(?:in|vanaf|uiterlijk|tegen)\s+20[3-9]\d\b"
                           r"|\b(?:les|lessen|thema|onderwerp|workshop|cursus|voorlichting)\b[^.]{0,30}\b(?:over|was|is)\b"
                           r"|\b(?:signaleren|opsporen|bereiken|vinden|opzoeken)\b[^.]{0,60}\bdie (?:nog )?(?:niet|geen)\b", re.IGNORECASE)


def gap_kind(sentence: str) -> str | None:
    if GOAL_OR_TOPIC.search(sentence) or sentence.rstrip().endswith("?"):
        return None  # a question to the reader ("… ziet u eigenlijk niemand?") states no gap either
    return next((kind for kind, cue in _CUES.items() if cue.search(sentence)), None)


def stated_gaps(passages: dict[str, Passage], profiles: dict[str, Programme], labels: dict[int, str]) -> list[StatedGap]:
    patterns = {iri: name_pattern(p.names) for iri, p in profiles.items()}
    gaps = []
    for passage in sorted(passages.values(), key=lambda p: (p.document, p.iri)):
        if passage.kind == "heading":
            continue
        owners = [p for p in profiles.values() if passage.iri in p.own]
        for sentence in _statements(passage.text):
            named = [profiles[iri] for iri, pattern in patterns.items() if pattern is not None and pattern.search(sentence[1])]
            before = passage.text[:max(passage.text.find(sentence[1][:40]), 0)]
            programme = _one(named) or _one(owners) or _last_named(before, patterns, profiles)
            line = (_stated_line(sentence[1]) or (_one_line(programme.actielijnen) if programme else None)
                    or _one_line(passage_actielijn(passage, profiles, labels)))
            gaps.append(StatedGap(sentence[0], sentence[1], passage.iri, passage.document, str(line) if line else "regio",
                                  programme.iri if programme else "", programme.label if programme else ""))
    return gaps


def _statements(text: str) -> list[tuple[str, str]]:
    """(kind, text) per statement of a gap: a sentence with a cue, joined by the sentences that carry
    it on (a piece split off at ";" or " - " that starts in lower case, or a next sentence with a cue of
    the same kind that is not a new list item)."""
    found: list[tuple[str, str]] = []
    previous_gap = False
    for sentence in (s.strip() for s in SENTENCE.split(text)):
        if not sentence:
            continue
        kind = gap_kind(sentence) if len(sentence.split()) >= 5 else None
        continues = previous_gap and sentence.removeprefix("- ")[:1].islower()
        same = previous_gap and kind == found[-1][0] and not sentence.startswith(BULLETS)
        if continues or same:
            found[-1] = (found[-1][0], f"{found[-1][1]} {sentence}")
        elif kind:
            found.append((kind, sentence))
        previous_gap = bool(kind) or continues or same
    return found


def _last_named(text: str, patterns: dict[str, re.Pattern[str] | None], profiles: dict[str, Programme]) -> Programme | None:
    """The programme named last before a sentence that names none ("Dit programma ...")."""
    ends = {iri: max((m.end() for m in pattern.finditer(text)), default=-1) for iri, pattern in patterns.items() if pattern is not None}
    best = max(ends.items(), key=lambda item: item[1], default=("", -1))
    return profiles[best[0]] if best[1] >= 0 else None


def _one(programmes: list[Programme]) -> Programme | None:
    """The programme when exactly one (an intervention counts as its programme)."""
    tops = {p.iri: p for p in programmes if not (p.parents & {q.iri for q in programmes})}
    return next(iter(tops.values())) if len(tops) == 1 else None


def _stated_line(sentence: str) -> int | None:
    """The actielijn a sentence places itself in ("In actielijn 2 zullen …", "Actielijn 4 mist …"); not
    one it works with ("in samenspraak met actielijn 3")."""
    lines = {int(found.group(1)) for found in IN_LINE.finditer(sentence)}
    return lines.pop() if len(lines) == 1 else None


def _one_line(lines: set[int]) -> int | None:
    """The actielijn when there is one; a programme moved from one to another belongs to the latest."""
    return max(lines) if lines else None
