"""Programmes and organisations a document introduces without a kind word or head word, read from where
their names stand. Programmes:

- a heading whose name the section under it repeats, in a section where someone takes a role
  ("## Budgetcafé Zuidhorn" / "Het Budgetcafé Zuidhorn is … Humanitas is trekker van …") or that refers
  to "dit project", a numbered title in title case with lower-case words ("3 Ouder worden in de Wijk"), or a heading
  with role lines under it ("### 3.2 Gezond Gewicht Jeugd" / "Trekker: GGD Groningen");
- the items of a list announced as programmes or activities ("Overzicht van de activiteiten:" then
  "* Zwemvangnet Pekela"), or an item that says it is one ("- Maatjes voor Mantelzorgers – ons eigen project");
- the object of a role or of carrying out ("trekker van Moederkracht", "voert Taalstart uit",
  "start de gemeente met Taalstart"), and a name the text says something of that only a programme is: "X is een
  initiatief van", "X valt binnen actielijn 2", "X zijn bedoeld voor", "Met X willen we", "is de X geopend";
- a numbered section with sub-sections ("2. Dorpskamers Westerkwartier" / "2.1 Inhoud" … "Het project …"), the
  items of "De volgende projecten ontvangen …:" (the name before the dash), the actions of an action table
  ("Actie | Trekker | Partners") the text names again, "# Projectvoorstel: X". A short name the document gives a
  longer one ("X (GOED)", "hierna te noemen GOED") and the longer name without its place are that programme.
Organisations: who takes a role ("Humanitas Westerkwartier is trekker van …", "Trekker is Accare",
"Biblionet Groningen voert Taalstart uit", "Kraamzorg Groningen en het Centrum voor Jeugd en Gezin Oldambt
zijn partner", "… denken mee als partner") and a network that is a collaboration ("Het Sportloket Pekela is
een samenwerking van …").

A name qualifies when it looks like a name (capitalised, short), is not already known (organisation,
place, actielijn, opgave), does not look like an organisation (no head word such as Stichting or
-praktijk) and is not made of words the document also writes in lower case. The extractor then finds
every later mention of it, as it does for names it read after a kind word."""

from __future__ import annotations

import re

from ingest.layout import Passage, cell_name_and_note, first_column, join_lines, strip_marker, table_rows
from ingest.lexicon import HEAD_RE, Entry, Lexicon, guess_type
from ingest.mentions import COMPOUND_ORG_RE, LEGAL_FORMS, LINK, NAME, NOT_NAMES, TITLED_NAME, TRAILING_LABEL_RE, Proposer, clean_item, name_like, title_name
from ingest.persons import find_persons
from ontology.outline import is_under

NEWS_LABEL_RE = re.compile(r"^(?:nieuw|update|terugblik|vooruitblik|uitgelicht|in het kort|interview|column|agenda|"
                           r"factsheet|projectplan|projectbeschrijving|projectvoorstel|projectfiche|plan van aanpak|werkplan|"
                           r"evaluatie|subsidieaanvraag)\s*[:–-]\s+", re.IGNORECASE)  # "Factsheet: Lekker Fit Sappemeer"
PROJECT_LABEL_RE = re.compile(r"(?:factsheet|project\w+|plan van aanpak|subsidieaanvraag)\b", re.IGNORECASE)
ACTION_TABLE_RE = re.compile(r"^\W*(?:actie|acties|activiteit(?:en)?|project(?:en)?|wat)\W*$", re.IGNORECASE)  # a table's first header
ITEM_NAME_END_RE = re.compile(r"\s+[–—-]\s+|:\s|\s*\((?=[^)]*\)\s*[–—:-])")  # a dash, a colon, a place in brackets before them
ANNOUNCED_LIST_RE = re.compile(
    r"\b(?:programma'?s|projecten|activiteiten|initiatieven|interventies|pilots|programmes|projects|activities)\b[^:.]{0,60}:\s*$",
    re.IGNORECASE,
)
STARTED = r"(?:gestart|begonnen|opgezet|opgericht|geopend)"
# a local form of a programme: "X is de lokale uitwerking / invulling / uitvoering / onze groepsvariant van Y"
LOCAL_FORM_CUE = r"(?:is|vormt)\s+(?:de|een|onze|ons|hun)\s+(?:[a-z]\w*\s+)?\w*(?:uitwerking|invulling|uitvoering|variant)\s+van"
NAMED_FOR_AGE = rf"{NAME}(?:\s+\d+\+(?:\s+{NAME})?)?"  # "Sportmaatje 60+", "Beweegcoach 60+ Hogeland"
ROLE_OBJECT_RES = (
    re.compile(rf"\b(?:trekker|uitvoerder|financier|penvoerder|eigenaar|opdrachtgever|initiatiefnemer)\s+(?:is\s+)?van\s+"
               rf"(?:het\s+|de\s+)?(?P<name>{NAMED_FOR_AGE})"),
    re.compile(rf"\bvoer(?:t|en)\s+(?:het\s+|de\s+)?(?P<name>{NAMED_FOR_AGE})\s+uit\b"),
    re.compile(rf"\b(?:trekt|trekken|coördineert|coördineren|financiert|financieren)\s+(?:het\s+project\s+|de\s+)?(?P<name>{NAMED_FOR_AGE})\b"),
    re.compile(rf"\b(?:start|starten|begint|beginnen)\s+(?:\S+\s+){{0,4}}?met\s+(?:het\s+|de\s+)?(?P<name>{NAMED_FOR_AGE})"),
    # the whole a project is part of, and the project itself: "Dit project is onderdeel van Kansrijk Opgroeien Oldambt",
    # "Fietsmaatjes Pekela hoort bij het programma Valpreventie"
    re.compile(rf"\b(?:is|wordt|vormt)\s+(?:een\s+)?onderdeel\s+van\s+(?:het\s+programma\s+|de\s+aanpak\s+)?(?P<name>{NAME})"),
    re.compile(rf"(?P<name>{NAMED_FOR_AGE})\s+(?:is|wordt|vormt)\s+(?:een\s+)?onderdeel\s+van\b"),
    re.compile(rf"(?P<name>{NAMED_FOR_AGE})\s+(?:hoort|valt)\s+(?:bij|onder)\s+het\s+programma\b"),
    re.compile(rf"(?P<name>{NAMED_FOR_AGE})\s+is\s+(?:een|het)\s+(?:\w+\s+){{0,2}}?(?:programma|project|deelproject|pilot)\b"),  # "X is het lokale programma"
    # "X is in 2024 gestart"; "aan de Langestraat is donderdag de Gezondheidshub Winschoten geopend": the name after the verb
    re.compile(rf"(?P<name>{NAMED_FOR_AGE})\s+(?:is|werd)\s+(?:(?!(?:de|het)\s+[A-ZÀ-Þ])[a-z0-9]\S*\s+){{0,5}}?{STARTED}\b"),
    re.compile(rf"\b(?:is|werd)\s+(?:[a-z0-9]\S*\s+){{0,3}}?(?:de|het)\s+(?P<name>{NAMED_FOR_AGE})\s+{STARTED}\b"),
    # "Het Leefstijlloket Appingedam is een initiatief van …", "X valt binnen actielijn 2", "… is ondergebracht bij actielijn 4"
    re.compile(rf"(?P<name>{NAMED_FOR_AGE})\s+is\s+(?:een|het)\s+(?:\w+\s+)?initiatief\s+van\b"),
    # "… de kern van Koelte Dichtbij, een nieuw project dat …"; "X vormt de regionale uitwerking van het Nationaal Hitteplan"
    re.compile(rf"(?P<name>{NAMED_FOR_AGE}),\s+(?:een|het|ons|onze)\s+(?:[a-z]\w*\s+){{0,2}}?(?:project|programma|initiatief|pilot)\b"),
    re.compile(rf"(?P<name>{NAMED_FOR_AGE})\s+{LOCAL_FORM_CUE}\b"),
    re.compile(rf"\b{LOCAL_FORM_CUE}\s+(?:het\s+|de\s+)?(?:[a-z]\w*\s+){{0,2}}?"
               rf"(?P<name>{NAME})"),  # … and the whole it works out
    # what an offer is for, and what "we" do with it: "De Dorpskamers X zijn bedoeld voor …", "Met Stevig Starten willen we …"
    re.compile(rf"(?P<name>{NAMED_FOR_AGE})\s+(?:is|zijn)\s+(?:\w+\s+)?bedoeld\s+voor\b"),
    re.compile(rf"(?:^|[.!?]\s+)Met\s+(?:het\s+|de\s+)?(?P<name>{NAMED_FOR_AGE})\s+(?:willen|gaan|bouwen|helpen|bereiken|brengen)\s+we\b"),
    re.compile(rf"(?P<name>{NAMED_FOR_AGE})\s+(?:valt|hoort|is\s+ondergebracht|wordt\s+ondergebracht)\s+(?:binnen|onder|bij|in)\s+"
               rf"(?:de\s+)?actielijn\s+\d\b"),
)
NAME_WITHOUT_AND = NAME.replace("|en|", "|")  # the first of "A en B": it ends where "en" begins
ROLE_NOUNS = r"(?:trekker|uitvoerder|financier|penvoerder|eigenaar|initiatiefnemer|partner)s?"
ROLE_SUBJECT_RES = (
    re.compile(rf"\b(?i:{ROLE_NOUNS})\s+(?:is|zijn|wordt|worden)\s+(?:de\s+|het\s+)?(?P<name>{NAME})"),
    re.compile(rf"(?P<name>{NAME})\s+(?:is|wordt)\s+(?:de\s+|het\s+)?{ROLE_NOUNS}\b"),
    re.compile(rf"(?P<name>{NAME})\s+voer(?:t|en)\s+(?:[^.;]{{1,60}}?\s)?uit\b"),
    re.compile(rf"(?P<name>{NAME})\s+is\s+(?:\w+\s+){{0,3}}?(?:lid\s+van|aangesloten\s+bij)\b"),  # "X is sinds 2023 aangesloten bij …"
    # "SportStadskanaal heeft de leiding", "VSBfonds betaalt de eerste twee jaar": who does what is an organisation
    re.compile(rf"(?<![\w-])(?P<name>{NAME})\s+(?:heeft|hebben)\s+de\s+leiding\b"),
    re.compile(rf"(?:^|[,;:–]\s*|\ben\s+(?:het\s+|de\s+)?)(?P<name>{NAME})\s+(?:betaalt|financiert|subsidieert|trekt|coördineert|werft|levert)\b"),
    re.compile(rf"(?P<name>{NAME_WITHOUT_AND})\s+en\s+(?:het\s+|de\s+)?(?P<other>{NAME})\s+(?:zijn|worden|(?:[a-z]\w*\s+){{1,2}}als)\s+"
               rf"(?:de\s+)?{ROLE_NOUNS}\b"),
)
COLLABORATION_CUE = r"is\s+een\s+samenwerking(?:sverband)?\s+(?:van|tussen)\b"  # "X is een samenwerking van A, B en C"
COLLABORATION_RE = re.compile(rf"(?P<name>{NAME})\s+{COLLABORATION_CUE}")
ARTICLE_RE = re.compile(r"^(?:De|Het|The|Een)\s+(?=\S)")
ROLE_LABEL_RE = re.compile(r"^\s*(?:trekkers?|partners?|uitvoerders?|uitvoering|financiers?|financiering|penvoerder|projectleider|regie|"
                           r"coördinatie|bekostiging|betrokken\s+partijen|opdrachtgever)\s*:",
                           re.IGNORECASE)  # "Trekker: GGD Groningen" under a heading: the heading is what they work on
# a list item that opens with a name and says after a dash that it is a project: "Maatjes voor Mantelzorgers – ons eigen project"
ITEM_TITLE_RE = re.compile(rf"^(?P<name>{TITLED_NAME})\s+[–—-]\s+(?:\S+\s+){{0,6}}?(?:project|programma|initiatief|pilot|aanpak)\b",
                           re.IGNORECASE)
# a heading whose sub-headings are programmes or projects: "Onze projecten", "Activiteiten in 2026"
ANNOUNCING_HEADING_RE = re.compile(r"^\W*(?:onze\s+|lopende\s+|nieuwe\s+)?(?:projecten|programma'?s|activiteiten|initiatieven|interventies|pilots)\b",
                                   re.IGNORECASE)
# a name in sentence case the document repeats: after a kind word (also a compound: "preventieproject"), between quotes
# or in bold
SENTENCE_CASE_NAME_RE = re.compile(
    r"\b\w*(?:project|programma|initiatief|pilot)\s+(?:\*\*)?(?P<name>[A-ZÀ-Þ][\w-]*(?:\s+[a-zà-ÿ][\w-]*){1,4}(?:\s+[A-ZÀ-Þ][\w-]*)?)"
    r"|(?:[‘'“\"]|\*\*|(?<=\s)\*(?=[A-ZÀ-Þ]))(?P<quoted>[A-ZÀ-Þ][\w-]*(?:\s+[\w-]+){1,5})(?:[’'”\"]|\*\*|\*(?![\w*]))")  # also *italic*
# a capitalised word and one prepositional phrase after a kind word: a name even when the text says it once
PREPOSITIONAL_NAME_RE = re.compile(r"[A-ZÀ-Þ][\w-]+\s+(?:met|zonder|voor|in|op|aan|naar|bij|uit|onder|over|tegen|door)"
                                   r"(?:\s+(?:de|het|een|je|elkaar))?\s+[a-zà-ÿ][\w-]{2,}")
KIND_BEFORE_RE = re.compile(r"\b\w*(?:project|programma|initiatief|pilot|voorstel)(?!leid|coörd|coord|manag|medewerk)\w*\W{0,3}(?:\w+\W+){0,2}$",
                            re.IGNORECASE)  # not a function: "projectleider **Yvonne Brink**"
PARTNER_PAGE_RE = re.compile(r"\b(?:partners|partnerlijst|leden|deelnemers|aangesloten|wie\s+doen)\b", re.IGNORECASE)  # a heading
BOLD_ITEM_TITLE_RE = re.compile(r"^\*\*(?P<name>[A-ZÀ-Þ][^*]{1,60})\*\*\s*(?:\([^)]{1,40}\)\s*)?[–—-]\s+")  # a dash; "**Org**:" labels an organisation
NEXT_SENTENCE_PROJECT_RE = re.compile(r"\W{0,4}\s*(?:[A-ZÀ-Þ]\w*\s+)?(?:dit|het|dat)\s+(?:project|programma|initiatief)\b", re.IGNORECASE)
PROJECT_REFERENCE_RE = re.compile(r"(?:^|[.!?]\s+)(?:Dit|Het|Ons|Deze)\s+(?:project|programma|initiatief)\b")  # "Dit project is …"
MAX_SENTENCE_CASE_TITLE_WORDS = 6
# what a programme is made of, named after a colon: "bestaat uit vier deelprojecten: A, B, C en D."
PARTS_LIST_RE = re.compile(r"\bbesta(?:at|an)\s+uit\s+(?:\w+\s+)?(?:deel)?(?:projecten|programma'?s|onderdelen|pijlers|sporen)\s*:\s*"
                           r"(?P<items>[^.:;]+)")
# the sections of a report under "Activiteiten en projecten" that are no project ("3.1 Inleiding")
SECTION_WORDS = {"inleiding", "voorwoord", "aanleiding", "achtergrond", "samenvatting", "conclusie", "conclusies", "vooruitblik",
                 "terugblik", "resultaten", "evaluatie", "planning", "begroting", "financiën", "organisatie", "bijlage", "bijlagen",
                 "colofon", "overig", "overige", "algemeen"}
SECTION_NUMBER_RE = re.compile(r"^\d{1,2}(?:\.\d+)*\.?\s+(?=[A-ZÀ-Þ])")  # "3.1 ", "2 " before a title


def introduced_programmes(passages: list[Passage], lexicon: Lexicon, proposer: Proposer, role_cue: re.Pattern[str]) -> dict[str, Entry]:
    """Name -> programme entry for every programme the document introduces by one of the forms above."""
    found: dict[str, Entry] = {}
    text = "\n".join(passage.text for passage in passages)

    def consider(name: str, *, heading: bool = False, repeated: bool = False, announced: bool = False) -> None:
        name = re.split(r"[.!?]\s", name)[0]  # a name pattern may run on into the next sentence
        name = re.sub(r"\s*\([^)]*\)\s*$", "", name).strip(" .,;:‘’'\"“”")
        name = ARTICLE_RE.sub("", name)
        if re.search(rf"\(\s*{re.escape(name)}\s*\)|\bhierna(?:\s+te\s+noemen)?:?\s+{re.escape(name)}(?![\w-])", text):
            return  # the short name of a longer one ("Gezond Ouder Worden Eemsdelta (GOED)"): the longer one's alias
        if name not in found and (_new_programme_name(name, lexicon, proposer, heading=heading)
                                  or (repeated and _repeated_title(name, lexicon, proposer, common_words=announced))):
            found[name] = Entry("programma", name, programme_kind="programma")

    document_title = next((p for p in passages if p.kind == "heading"), None)
    label = NEWS_LABEL_RE.match(strip_marker(document_title.lines[-1].text)) if document_title is not None else None
    if document_title is not None and label:
        # a project's own document: "Projectvoorstel: X" says what X is, "Nieuw: X" when the text names X again
        name = heading_title(document_title.lines[-1].text)
        if PROJECT_LABEL_RE.match(label.group()) or sum(_names(name, p.text) for p in passages) >= 2:
            consider(name, heading=True)
    for match in PARTS_LIST_RE.finditer(text):  # "De aanpak bestaat uit vier deelprojecten: De Dorpskamer, …, Jong en Verbonden en Samen op Pad."
        *leading, last = re.split(r",\s*", join_lines([match["items"]]))
        for item in [*leading, *re.split(r"\s+en\s+(?=[A-ZÀ-Þ])(?!.*\sen\s+[A-ZÀ-Þ])", last)]:  # "A, B, Jong en Verbonden en D"
            if item[:1].isupper():
                consider(item, heading=True, repeated=True, announced=True)
    for match in SENTENCE_CASE_NAME_RE.finditer(text):  # "het project Gezonde dorpskeuken Finsterwolde", "**Sterk op de been**"
        words = (match["name"] or match["quoted"]).strip(" .,;:").split()
        # a quoted or bold name right after its kind word ("een nieuw project voor: **Fris op het plein**") needs no repeat,
        # nor one the next sentence calls "dit project" ("… toegekend aan **Beweegmaatjes Veendam**. In dit project …")
        announced = bool(match["quoted"]) and (KIND_BEFORE_RE.search(text[max(0, match.start() - 40):match.start()]) is not None
                                               or NEXT_SENTENCE_PROJECT_RE.match(text, match.end()) is not None)
        if announced and not any(w[:1].islower() and not re.fullmatch(LINK, w) for w in words[1:]):
            consider(" ".join(words), heading=True, repeated=True, announced=True)  # title case: the whole name
            continue
        for size in range(min(len(words), MAX_SENTENCE_CASE_TITLE_WORDS), 1, -1):  # the longest start of it the text repeats
            name = " ".join(words[:size])
            if not any(w[:1].islower() and not re.fullmatch(LINK, w) for w in words[1:size]):
                break  # title case ("Buurt in Beweging Musselkanaal") is read as a name elsewhere, whole
            phrase = bool(match["name"]) and PREPOSITIONAL_NAME_RE.fullmatch(name) is not None  # "project Sporten zonder drempels"
            if (announced and size == len(words)) or phrase or len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)) >= 2:
                consider(name, heading=True, repeated=True)
                break
    for passage in passages:  # "| Actie | Trekker | Partners |" then "| Vinkhuizen Beweegt | …": an action the text names again
        rows = [[cell.strip(" *") for cell in row] for row in table_rows(line.text for line in passage.lines)]
        first = first_column(rows[0]) if rows else 0
        if len(rows) >= 2 and ACTION_TABLE_RE.match(rows[0][first]) and any(role_cue.search(cell) for cell in rows[0][first + 1:]):
            for row in rows[1:]:
                name = cell_name_and_note(row[first])[0]  # "Kanaal Beweegt (onderdeel van JOGG)"
                if name and len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)) >= 2:
                    consider(name, heading=True, repeated=True)
    levels: dict[int, str] = {}  # Markdown heading level -> the last title at that level
    for index, passage in enumerate(passages):
        if passage.kind == "heading":
            section = _section(passages, index)
            title = heading_title(passage.lines[-1].text)  # two heading lines in a row: the last one heads the section
            level = len(passage.lines[-1].text.strip()) - len(passage.lines[-1].text.strip().lstrip("#"))
            if level:
                levels = {depth: name for depth, name in levels.items() if depth < level}
                parent = levels[max(levels)] if levels else ""
                levels[level] = title
            else:  # "2. Onze projecten" / "2.2 Beweegkriebels": a numbered sub-section
                above = passage.section[-2] if len(passage.section) >= 2 else ""
                parent = heading_title(above) if above and is_under(above, passage.lines[-1].text) else ""
            if ANNOUNCING_HEADING_RE.match(parent) and section and title.lower() not in SECTION_WORDS:  # "## Onze projecten" / "### Zwemfit"
                consider(title, heading=True, repeated=True, announced=True)
                continue
            labelled = any(ROLE_LABEL_RE.match(line.text) for p in section for line in p.lines)
            if labelled or (any(_names(title, p.text) for p in section)
                            and any(role_cue.search(p.text) or PROJECT_REFERENCE_RE.search(p.text) for p in section)):
                consider(title, heading=True, repeated=any(_named_mid_sentence(title, p.text) for p in section))
            continue
        for number, line in enumerate(passage.lines):
            if line.kind == "item" and number and _announced(passage, number):
                # "- Dorpsfit (Nieuwolda) – aanvrager: …": the item's name, before what it says of it
                consider(ITEM_NAME_END_RE.split(strip_marker(line.text), maxsplit=1)[0], heading=True, repeated=True, announced=True)
            titled = ITEM_TITLE_RE.match(strip_marker(line.text)) if line.kind == "item" else None
            if titled:  # "- Maatjes voor Mantelzorgers – ons eigen project. …"
                consider(titled["name"], heading=True)
            bold = BOLD_ITEM_TITLE_RE.match(strip_marker(line.text)) if line.kind == "item" else None
            # not on a partner page ("## Partners" > "### Zorg" > "- **Accare** – …"): its items are organisations
            if bold and role_cue.search(line.text[bold.end():]) and not any(PARTNER_PAGE_RE.search(h) for h in passage.section):  # "- **Jongeren aan zet** (Westerwolde) – … geleid door …"
                consider(bold["name"], heading=True, repeated=True, announced=True)
        for pattern in ROLE_OBJECT_RES:
            for match in pattern.finditer(passage.text):
                consider(match["name"])
    for short in list(found):  # "Met Stevig Starten willen we …" in the proposal for "Stevig Starten Ter Apel": that one
        longer = [entry for name, entry in found.items() if name.startswith(short + " ")]
        if len(longer) == 1:
            found[short] = longer[0]
    return found


def introduced_organisations(passages: list[Passage], lexicon: Lexicon, proposer: Proposer, programmes: dict[str, Entry]) -> dict[str, Entry]:
    """Name -> organisation entry for every unknown name that takes a role in the document."""
    found: dict[str, Entry] = {}
    text = "\n".join(passage.text for passage in passages)
    for match in ABBREVIATED_RE.finditer(text):  # "Huisartsen Coöperatie Noord (HCN)": HCN is that one, also before this line
        name, short = match["name"], match["short"]
        if _abbreviates(short, name) and lexicon.lookup(short) is None and (HEAD_RE.search(name) or COMPOUND_ORG_RE.search(name)):
            entry = lexicon.lookup(name, "organisatie") or found.get(name) or Entry("organisatie", name, org_type=guess_type(name))
            found.setdefault(name, entry)
            found.setdefault(short, entry)
    for passage in passages:
        for pattern in ROLE_SUBJECT_RES:
            for match in pattern.finditer(passage.text):
                for name in (match["name"], match.groupdict().get("other")):
                    name = _bare(name or "")
                    if name and name not in found and name not in programmes and _new_name(name, lexicon, proposer):
                        # "Welzijn Westerwolde is lid van …" in the annual report of Stichting Welzijn Westerwolde: that one
                        legal = re.search(rf"\b(?:{'|'.join(LEGAL_FORMS)})\s+{re.escape(name)}(?![\w-])", text)
                        full = legal.group() if legal else name
                        found[name] = Entry("organisatie", full, org_type=guess_type(full))
        for match in COLLABORATION_RE.finditer(passage.text):  # "Het Sportloket Pekela is een samenwerking van …": a network
            name = _bare(match["name"])
            if name not in programmes and _new_name(name, lexicon, proposer):
                found[name] = Entry("organisatie", name, org_type="netwerk-coalitie")
    title = title_organisation(passages)
    if title:  # the organisation the document's first line names, whole (its parts give way to it: Proposer.whole)
        found.setdefault(title, lexicon.lookup(title, "organisatie") or Entry("organisatie", title, org_type=guess_type(title)))
        proposer.whole.add(title)
    for short in list(found):  # "Humanitas is penvoerder" after "Humanitas Oost-Groningen is lid van …": the same one
        longer = [entry for name, entry in found.items() if name.startswith(short + " ")]
        written = {match.group() for match in re.finditer(rf"(?<![\w-]){re.escape(short)}(?:\s+[A-ZÀ-Þ][\w&-]+)+", text)}
        if len(longer) == 1:
            found[short] = longer[0]
        elif len(written) == 1 and " " not in short:  # "Buurtwerk heeft de leiding" on the page that names "Buurtwerk Delfzijl-Appingedam"
            full = written.pop()
            found[short] = Entry("organisatie", full, org_type=guess_type(full))
    return found


LEGAL_FORM_LINE_RE = re.compile(rf"(?:{'|'.join(LEGAL_FORMS)})(?:\s+[\w&'’-]+){{1,7}}")  # a line that is an organisation's name


ABBREVIATED_RE = re.compile(r"(?P<name>[A-ZÀ-Þ][\w&'’-]*(?:\s+(?:(?:van|voor|de|het|en|&)\s+)?[A-ZÀ-Þ][\w&'’-]*){1,6})\s+"
                            r"\((?P<short>[A-ZÀ-Þ]{2,8})\)")


def _abbreviates(short: str, name: str) -> bool:
    """'HCN' for 'Huisartsen Coöperatie Noord', 'SOBO' for 'Stichting Ommelander Basisonderwijs': the name starts with the
    first letter and holds the others in order."""
    letters = iter(name.lower())
    return name[:1].lower() == short[:1].lower() and all(letter in letters for letter in short.lower())


def title_organisation(passages: list[Passage]) -> str:
    """A first line that is an organisation with a legal form is one name: "Stichting Sport en Welzijn Oldambt" on top
    of its annual report (not "Stichting Sport" and "Welzijn Oldambt"; but "Stichting A en Sportbedrijf B" are two)."""
    first_line = strip_marker(passages[0].lines[0].text.strip()) if passages and passages[0].lines else ""
    second = re.split(r"\s(?:en|&)\s", first_line)[1:]
    if LEGAL_FORM_LINE_RE.fullmatch(first_line) and name_like(first_line, titled=True) and not any(COMPOUND_ORG_RE.search(p) for p in second):
        return first_line
    return ""


def _bare(name: str) -> str:
    """A name a pattern found before a verb, without the sentence before it and without its article."""
    return ARTICLE_RE.sub("", clean_item(re.split(r"[.!?]\s", name)[-1]))


def heading_title(text: str) -> str:
    """A heading line as a name: without its marker, section number ("### 3.1 Beweegkuur Noord"), the
    label of a newsletter item ("## Nieuw: de Beweegbus") and what the section says of it ("2. Leerwerkplaats
    Dorpszorg: plan van aanpak")."""
    return TRAILING_LABEL_RE.sub("", NEWS_LABEL_RE.sub("", SECTION_NUMBER_RE.sub("", strip_marker(text)).strip()))


def _section(passages: list[Passage], heading: int) -> list[Passage]:
    """The passages under a heading, up to the next heading that is not one of its sub-headings ("2.1 Inhoud"
    under "2. Dorpskamers Westerkwartier", "###" under "##")."""
    section = []
    for passage in passages[heading + 1:]:
        if passage.kind == "heading" and not is_under(passages[heading].lines[-1].text, passage.lines[-1].text):
            break
        section.append(passage)
    return section


def _names(title: str, text: str) -> bool:
    return bool(title) and re.search(rf"(?<![\w-]){re.escape(title)}(?![\w-])", text) is not None


def _announced(passage: Passage, item: int) -> bool:
    """The item belongs to a list whose introduction (the line before its first item) announces programmes."""
    first = next(i for i, line in enumerate(passage.lines) if line.kind == "item")
    return 0 < first <= item and ANNOUNCED_LIST_RE.search(passage.lines[first - 1].text) is not None


def _named_mid_sentence(title: str, text: str) -> bool:
    """The section writes the title with its capital inside a sentence ("De penvoering van Koffie met een praatje
    ligt bij …"): a name, even in sentence case."""
    return re.search(rf"(?<=[a-zà-ÿ,] ){re.escape(title)}(?![\w-])", text) is not None


def _repeated_title(name: str, lexicon: Lexicon, proposer: Proposer, *, common_words: bool = False) -> bool:
    """A sentence-case title; with ``common_words`` (a heading under "Onze projecten") it may be made of words the
    document also writes in lower case ("Buiten spelen")."""
    words = name.split()
    return (1 <= len(words) <= MAX_SENTENCE_CASE_TITLE_WORDS and name[:1].isupper() and words[0] not in NOT_NAMES
            and (len(words) >= 2 or common_words) and not HEAD_RE.search(name) and lexicon.lookup(name) is None
            and (common_words or proposer.plain_name(name)))


def _new_programme_name(name: str, lexicon: Lexicon, proposer: Proposer, *, heading: bool = False) -> bool:
    """With ``heading`` the name may be a title with lower-case words ("Ouder worden in de Wijk")."""
    if HEAD_RE.search(name) or COMPOUND_ORG_RE.search(name):
        return False  # Stichting …, Sportbedrijf …: an organisation
    return _new_name(name, lexicon, proposer, title=heading)


def _new_name(name: str, lexicon: Lexicon, proposer: Proposer, *, title: bool = False) -> bool:
    """A name (not a phrase of common words), not known yet (the network itself is), not a person."""
    if not (name_like(name) or (title and title_name(name))) or not proposer.plain_name(name) or lexicon.lookup(name) is not None:
        return False
    return not any(person.start == 0 and person.end == len(name) for person in find_persons(name))
