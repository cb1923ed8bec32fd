"""Person names, found only where the text marks them as people: next to their organisation in
parentheses, with 'van'/'vanuit' and an organisation, before 'is ... trekker', or as a contact block
(a name line followed by a function line)."""

from __future__ import annotations

import re
from dataclasses import dataclass

PARTICLES = r"(?:van|de|der|den|ter|ten|te|het|la|le|du|op|in\s+'t)"
GIVEN = r"[A-ZÀ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)?"
SURNAME = r"[A-ZÀ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)?"
NAME = rf"{GIVEN}(?:\s+{GIVEN})?(?:\s+{PARTICLES})*\s+{SURNAME}"
FUNCTION_WORDS = (
    "coördinator", "coordinator", "manager", "secretaris", "directeur", "adviseur", "projectleider",
    "regisseur", "trekker", "voorzitter", "programmamanager", "beleidsmedewerker", "bestuurder",
    "kwartiermaker", "aanjager", "verbinder",
)
FUNCTION_RE = re.compile("|".join(FUNCTION_WORDS), re.IGNORECASE)

# "Jan Pieter de Meer (Zorgadvies Groningen)"
NAME_THEN_ORG = re.compile(rf"(?P<name>{NAME})\s*\((?P<org>[^(),]+)\)")
# "bij de GGD (Anna Bakker)"
ORG_THEN_NAME = re.compile(rf"\((?P<name>{NAME})\)")
# "trekker (Mirjam Herder, JOGG regisseur)"
NAME_WITH_FUNCTION = re.compile(rf"\((?P<name>{NAME}),\s*(?P<function>[^()]+)\)")
# "Saskia Duursma van CMO STAMM", "Karin Kalverboer vanuit Zorg Innovatie Forum"
NAME_OF_ORG = re.compile(rf"(?P<name>{NAME})\s+(?:van|vanuit|namens|bij)\s+(?:de\s+|het\s+)?(?=(?P<org>[A-Z][^,.;()]*))")
# "Daphne Wiebing is regionaal trekker (projectleider) van LeGro"
NAME_IS_FUNCTION = re.compile(
    rf"(?P<name>{NAME})\s+is\s+(?:de\s+|het\s+)?(?:[a-z]+\s+){{0,2}}(?P<function>{'|'.join(FUNCTION_WORDS)})"
    r"(?:\s*\((?P<detail>[^)]+)\))?"
)
NAME_LINE = re.compile(rf"^{NAME}$")
NOT_A_NAME_START = {"De", "Het", "Een", "Dit", "Deze", "In", "Op", "Met", "Voor", "Van", "Bij", "Als", "Meer", "Ook"}


@dataclass(frozen=True)
class PersonMention:
    name: str
    start: int
    end: int
    org_text: str = ""  # the organisation named with the person, as written
    function: str = ""
    needs_org_before: bool = False  # "(Anna Bakker)": only a person right after an organisation


def plausible(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and words[0] not in NOT_A_NAME_START and not name.isupper()


def find_persons(sentence: str) -> list[PersonMention]:
    """Persons in one sentence, each with the organisation or function written beside it."""
    found: dict[tuple[int, int], PersonMention] = {}

    def add(mention: PersonMention) -> None:
        if plausible(mention.name):
            key = (mention.start, mention.end)
            existing = found.get(key)
            if existing is None or (not existing.org_text and mention.org_text) or (not existing.function and mention.function):
                found[key] = PersonMention(
                    mention.name, mention.start, mention.end,
                    mention.org_text or (existing.org_text if existing else ""),
                    mention.function or (existing.function if existing else ""),
                    mention.needs_org_before and (existing.needs_org_before if existing else True),
                )

    for match in NAME_WITH_FUNCTION.finditer(sentence):
        if FUNCTION_RE.search(match["function"]):
            add(PersonMention(match["name"], match.start("name"), match.end("name"), function=match["function"].strip()))
    for match in NAME_THEN_ORG.finditer(sentence):
        add(PersonMention(match["name"], match.start("name"), match.end("name"), org_text=match["org"].strip()))
    for match in ORG_THEN_NAME.finditer(sentence):
        add(PersonMention(match["name"], match.start("name"), match.end("name"), needs_org_before=True))
    for match in NAME_OF_ORG.finditer(sentence):
        add(PersonMention(match["name"], match.start("name"), match.end("name"), org_text=match["org"].strip()))
    for match in NAME_IS_FUNCTION.finditer(sentence):
        function = (match["detail"] or match["function"]).strip()
        add(PersonMention(match["name"], match.start("name"), match.end("name"), function=function))
    return sorted(found.values(), key=lambda m: m.start)


@dataclass(frozen=True)
class ContactBlock:
    name: str
    function: str
    line_index: int
    emails: tuple[str, ...]


def find_contacts(lines: list[str]) -> list[ContactBlock]:
    """Contact blocks: a line that is only a name, followed by function line(s) and e-mail addresses."""
    contacts: list[ContactBlock] = []
    for index, line in enumerate(lines):
        if not NAME_LINE.match(line) or not plausible(line):
            continue
        following = lines[index + 1 : index + 4]
        functions: list[str] = []
        emails: list[str] = []
        for other in following:
            if NAME_LINE.match(other) or other.rstrip().endswith(":"):
                break
            emails += re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", other)
            if FUNCTION_RE.search(other):
                functions.append(other.strip(" /"))
        if functions:
            contacts.append(ContactBlock(line, " / ".join(functions), index, tuple(emails)))
    return contacts
