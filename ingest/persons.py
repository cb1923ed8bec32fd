"""Person names, found only where the text marks them as people: next to their organisation in
parentheses, with 'van'/'vanuit' and an organisation, before 'is ... trekker', or as a contact block
(a name line followed by a function line)."""

from __future__ import annotations

import re
from dataclasses import dataclass

PARTICLES = r"(?:van|de|der|den|ter|ten|te|het|la|le|du|op|in\s+'t)"
GIVEN = r"[A-ZÀ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)?"
SURNAME = r"[A-ZÀ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)?"
INITIALS = r"(?:[A-ZÀ-Þ]\.){1,4}"  # "M. de Vries", "A.K. Hofman": initials in formal documents
NAME = rf"(?:{GIVEN}(?:\s+{GIVEN})?|{INITIALS})(?:\s+{PARTICLES})*\s+{SURNAME}"
FUNCTION_WORDS = (
    "coördinator", "coordinator", "manager", "secretaris", "directeur", "adviseur", "projectleider",
    "regisseur", "trekker", "voorzitter", "programmamanager", "beleidsmedewerker", "bestuurder",
    "kwartiermaker", "aanjager", "verbinder", "wethouder", "burgemeester", "gedeputeerde",
)
FUNCTION_RE = re.compile("|".join(FUNCTION_WORDS), re.IGNORECASE)
MAX_FUNCTION_WORDS = 8  # a function line under a name ("wethouder Zorg en Welzijn"), not a sentence that names a function
# a function or title written next to a name: compounds of the heads above ('bestuursvoorzitter',
# 'programmacoördinator', 'regiomanager') and titles that stand alone
TITLE = (
    r"(?:[a-zà-ÿ]+)?(?:coördinator|coordinator|manager|leider|adviseur|voorzitter|directeur|bestuurder|"
    r"regisseur|secretaris|medewerker|verpleegkundige|onderzoeker|docent|arts|therapeut|consulent|werker|coach|loog|specialist|voorlichter|"
    r"ondersteuner|deskundige|diëtist|kundige|verzorgende)|wethouder|leerkracht|leraar|penningmeester|apotheker|burgemeester|gedeputeerde|huisarts|lector|hoogleraar|internist|ambtenaar|"
    r"cardioloog|arts|contactpersoon|kwartiermaker|aanjager|verbinder|trekker|programme coordinator|chair|director"
)
TITLE_RE = re.compile(rf"(?i:\b(?:{TITLE})\b)")
HONORIFIC = r"(?:(?:dr|drs|prof|mr|ir|ing)\.\s+)?"
ORG_TEXT = r"[A-ZÀ-Þa-z][^,.;:()\"“”]*"
CAPITALISED_ORG_TEXT = r"[A-ZÀ-Þ][^,.;:()\"“”]*"
ORG_HEAD_START = r"(?:[A-Z]{2,}\b|Stichting\b|Vereniging\b|Gemeente\b|Provincie\b|Zorggroep\b)"  # "persvoorlichter GGD Groningen"  # after a function with words of its own: a name, not "en zijn team"

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
# "wethouder Marieke Bosma van de gemeente Het Hogeland", "Wethouder Jan de Vries (gemeente Groningen)"
TITLE_THEN_NAME = re.compile(
    rf"(?P<function>(?i:\b(?:{TITLE})))\s*:?\s+{HONORIFIC}(?P<name>{NAME})"
    rf"(?:\s*\((?P<org1>[^()]+)\)|\s+(?:van|bij|namens|vanuit|of)\s+(?:de\s+|het\s+|the\s+)?(?P<org2>{ORG_TEXT}))?"
)
# "Jan Smit, burgemeester van Eemsdelta", "Gerda Zwiers, coördinator van Stichting Sportief Veendam"
NAME_COMMA_TITLE = re.compile(
    rf"(?P<name>{NAME}),\s+(?P<function>(?:[a-zà-ÿ]+\s+)?(?i:(?:{TITLE})))\b(?:(?:\s+[a-zà-ÿ][\w-]*){{0,3}}?\s+(?:van|bij|of)\s+(?:de\s+|het\s+|the\s+)?(?P<org>{ORG_TEXT})"
    # "Ineke Scholtens, manager wijkverpleging bij Thuiszorg Noorderlicht", "Sanne Brouwer, persvoorlichter GGD Groningen"
    rf"|\s+(?P<org4>{ORG_HEAD_START}[^,.;:()\"“”]*)"
    # "Esther van der Laan, epidemioloog, GGD Groningen", "Gea Lubbers, beleidsadviseur ouderen, Gemeente Westerwolde"
    rf"|,\s+(?P<org2>{ORG_TEXT})|(?:\s+[a-zà-ÿ][\w-]*){{1,3}},\s+(?P<org3>{CAPITALISED_ORG_TEXT}))?"
)
# "Sietske van der Veen (voorzitter, gemeente Westerkwartier)", "Lisa de Boer (secretaris)"
NAME_TITLE_PARENS = re.compile(rf"{HONORIFIC}(?P<name>{NAME})\s*\((?P<function>[^(),]*(?i:{TITLE})[^(),]*)(?:,\s*(?P<org>[^()]+))?\)")
# "Petra Jansen (GGD Groningen, voorzitter)": organisation first, then the function
NAME_ORG_TITLE_PARENS = re.compile(rf"{HONORIFIC}(?P<name>{NAME})\s*\((?P<org>[^(),]+),\s*(?P<function>[^()]*(?i:{TITLE})[^()]*)\)")
# "onze JOGG-regisseur, Ilse Kremer": the function, then the name as an apposition
TITLE_COMMA_NAME = re.compile(rf"(?P<function>(?:[A-Za-zÀ-ÿ]+-)?(?i:\b(?:{TITLE}))),\s+{HONORIFIC}(?P<name>{NAME})(?=\s*[.,;:]|\s*$)")
# "- Fysiotherapie Vlagtwedde: Bert Hilbolling, fysiotherapeut geriatrie": an attendee line, organisation first
ORG_COLON_NAME = re.compile(rf"^\s*(?:[-*•]\s+)?(?P<org>[A-ZÀ-Þ][^:,.;()]{{1,60}}):\s+{HONORIFIC}(?P<name>{NAME}),\s+(?P<function>[^,;()]*(?i:{TITLE})[^,;()]*)")
# "Coördinator van het netwerk is Jolanda Bruining van Stichting ...", "The programme coordinator is Thomas Bakker of the UMCG"
TITLE_IS_NAME = re.compile(
    rf"(?P<function>(?i:\b(?:{TITLE})))(?:\s+(?:van|of|bij)\s+(?P<org0>(?:de|het|the)\s+\w+))?\s+is\s+{HONORIFIC}(?P<name>{NAME})"
    rf"(?:\s+(?:van|bij|of)\s+(?:de\s+|het\s+|the\s+)?(?P<org>{ORG_TEXT}))?"
)
# "Namens Harteraad is Wilma Hoekstra contactpersoon"
ON_BEHALF = re.compile(rf"\b[Nn]amens\s+(?:de\s+|het\s+)?(?P<org>[A-ZÀ-Þ][^,.;]*?)\s+is\s+(?P<name>{NAME})\s+(?P<function>(?i:(?:{TITLE})))")
NAME_LINE = re.compile(rf"^{NAME}$")
# the portfolio after a function ("beleidsadviseur Publieke Gezondheid", "wethouder Zorg en Welzijn"), no surname
PORTFOLIO_WORDS = {"Gezondheid", "Volksgezondheid", "Zorg", "Welzijn", "Sport", "Jeugd", "Onderwijs", "Preventie", "Domein",
                   "Zaken", "Beleid", "Cultuur", "Wonen", "Financiën", "Economie", "Bewegen", "Participatie", "Armoede"}
NOT_A_NAME_START = {"De", "Het", "Een", "Dit", "Deze", "In", "Op", "Met", "Voor", "Van", "Bij", "Als", "Meer", "Ook", "Volgens",
                    "Namens", "Door", "Na", "Om", "Uit", "Tijdens", "Sinds", "Daarnaast", "Verder", "Samen", "Via", "Over",
                    "Mail", "Bel", "Neem", "Vraag"}  # "Mail Ingrid Meijer": a verb before a name


@dataclass(frozen=True)
class PersonMention:
    name: str
    start: int
    end: int
    org_text: str = ""  # the organisation named with the person, as written
    function: str = ""
    needs_org_before: bool = False  # "(Anna Bakker)": only a person right after an organisation
    org_start: int = -1  # where org_text starts in the sentence
    titled: bool = False  # found beside a function or title: a person without further evidence


def plausible(name: str) -> bool:
    words = name.split()
    return (len(words) >= 2 and words[0] not in NOT_A_NAME_START and not name.isupper() and not ORG_START_RE.match(name)
            and words[-1] not in PORTFOLIO_WORDS)


def find_persons(sentence: str) -> list[PersonMention]:
    """Persons in one sentence, each with the organisation or function written beside it."""
    found: dict[tuple[int, int], PersonMention] = {}

    def add(mention: PersonMention) -> None:
        mention = _trimmed(sentence, mention)
        first, _, rest = mention.name.partition(" ")
        if first in NOT_A_NAME_START and len(rest.split()) >= 2 and rest[:1].isupper():  # "Ook Ineke Scholtens, manager …": the name after the first word
            start = mention.start + len(first) + 1
            mention = PersonMention(rest, start, mention.end, mention.org_text, mention.function, mention.needs_org_before,
                                    mention.org_start, mention.titled)
        if plausible(mention.name):
            key = (mention.start, mention.end)
            existing = found.get(key)
            if existing is None or (not existing.org_text and mention.org_text) or (not existing.function and mention.function):
                found[key] = PersonMention(
                    mention.name, mention.start, mention.end,
                    mention.org_text or (existing.org_text if existing else ""),
                    mention.function or (existing.function if existing else ""),
                    mention.needs_org_before and (existing.needs_org_before if existing else True),
                    mention.org_start if mention.org_text else (existing.org_start if existing else -1),
                    mention.titled or bool(existing and existing.titled),
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
    for pattern in (TITLE_THEN_NAME, NAME_COMMA_TITLE, NAME_TITLE_PARENS, NAME_ORG_TITLE_PARENS, TITLE_IS_NAME, ON_BEHALF,
                    TITLE_COMMA_NAME, ORG_COLON_NAME):
        for match in pattern.finditer(sentence):
            groups = match.groupdict()
            org_group = next((g for g in ("org", "org1", "org2", "org3", "org4", "org0") if groups.get(g)), "")
            add(PersonMention(
                match["name"], match.start("name"), match.end("name"),
                org_text=match[org_group].strip() if org_group else "",
                function=match["function"].strip().lower(),
                org_start=match.start(org_group) if org_group else -1,
                titled=True,
            ))
    return _without_overlaps(found.values())


ORG_START_RE = re.compile(r"(?:Stichting|Vereniging|Coöperatie|Gemeente|Provincie|Zorggroep|[A-ZÀ-Þ][a-zà-ÿ]{2,}(?:stichting|praktijk|kring|bedrijf|centrum|groep|ziekenhuis))\b")


def _trimmed(sentence: str, mention: PersonMention) -> PersonMention:
    """'Tjeerd Hofstra van Stichting' -> 'Tjeerd Hofstra', organisation 'Stichting …': a name runs
    into an organisation when 'van'/'bij' follows two capitalised words and an organisation word or a
    longer capitalised name comes after it."""
    if TITLE_RE.fullmatch(mention.org_text.strip()):
        mention = PersonMention(mention.name, mention.start, mention.end, function=mention.org_text.strip(), titled=True)
    cut = re.search(r"^(\S+\s+\S+)\s+(?:van|bij)\s+(?:(?:de|het)\s+)?(?=[A-ZÀ-Þ])", mention.name)
    if not cut:
        return mention
    rest_start = mention.start + cut.end()
    rest = sentence[rest_start:]
    if not (ORG_START_RE.match(rest) or re.match(r"[A-ZÀ-Þ]\S*\s+[A-ZÀ-Þ]", rest)):
        return mention
    org = re.split(r"[,.;:()\"“”]", rest, maxsplit=1)[0].strip()
    return PersonMention(cut.group(1), mention.start, mention.start + len(cut.group(1)), org, mention.function,
                         False, rest_start, mention.titled)


def _without_overlaps(mentions) -> list[PersonMention]:
    """'Wethouder Jan de Vries' and 'Jan de Vries': the name without the title wins."""
    chosen: list[PersonMention] = []
    for mention in sorted(mentions, key=lambda m: (not m.titled, m.end - m.start)):
        if TITLE_RE.match(mention.name.split()[0]):
            continue
        if not any(m.start < mention.end and mention.start < m.end for m in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)


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
            if FUNCTION_RE.search(other) and len(other.split()) <= MAX_FUNCTION_WORDS:
                functions.append(other.strip(" /"))
        if functions:
            contacts.append(ContactBlock(line, " / ".join(functions), index, tuple(emails)))
    return contacts
