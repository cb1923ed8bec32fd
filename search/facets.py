"""Life stage / target group and area of a text, from the words the documents use for them.
Overlaps name a shared target group or area with its passage; the gap matrix counts programmes per
actielijn × target group × area."""

from __future__ import annotations

import re

# from the first 1000 days to older people, then groups the plan names across ages
TARGET_GROUPS: dict[str, str] = {
    "eerste 1000 dagen": r"eerste 1000 dagen|zwanger\w*|geboorte\w*|baby'?s?|jonge gezin\w*|kraamzorg|verloskund\w*",
    "kinderen": r"kinderen|kind\b|basisschool\w*|basisscholen|(?-i:\bPO\b)|kinderopvang|voorschool",
    "jongeren": r"jongeren|jeugd\w*|leerlingen|(?-i:\bVO\b)|voortgezet onderwijs|scholieren",
    "volwassenen": r"volwassenen|werknemers|werkenden|medewerkers|zorgprofessionals?",
    "ouderen": r"ouderen|65 jaar|vergrijzing|ouderenzorg|kwetsbare ouderen",
    "lage inkomens en armoede": r"armoede|lage? (?:inkomen|SES|SEP)\b|laag inkomen|schulden|bestaanszekerheid|minimuminkomen",
    "psychische kwetsbaarheid": r"psychische? \w*|mentale (?:kwetsbaarheid|problemen|problematiek|klachten)|GGZ",
}
AREAS: dict[str, str] = {
    "stad": r"gemeente Groningen|stad Groningen|(?-i:\bStad\b)|wijken?\b|Selwerd|Beijum|Paddepoel|Vinkhuizen|Lewenborg",
    "ommelanden": r"Ommeland\w*|dorpen|dorp\b|provincie\w*|provinciaal|provinciedekkend|Oldambt|Pekela|Stadskanaal|Westerkwartier|Veenkoloni\w*",
    "gemeente": r"per gemeente|gemeenten|lokale? ",
}
_COMPILED = {
    "doelgroep": {name: re.compile(pattern, re.IGNORECASE) for name, pattern in TARGET_GROUPS.items()},
    "gebied": {name: re.compile(pattern, re.IGNORECASE) for name, pattern in AREAS.items()},
}


def facets(text: str, facet: str) -> set[str]:
    """The target groups (``facet="doelgroep"``) or areas (``"gebied"``) a text speaks of."""
    return {name for name, pattern in _COMPILED[facet].items() if pattern.search(text)}
