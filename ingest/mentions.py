"""Candidate mentions the curated lexicon does not give, read from the shape of the text.

- names after a kind word: "het project Beweegroute Veendam", "de coalitie Samen Zorgen Noord",
  "the programme 'Healthy Ageing at Home'" (a network kind word makes a network organisation, the
  others a programme);
- "de gemeente Het Hogeland", "de gemeenten Eemsdelta, Het Hogeland en Midden-Groningen" →
  Gemeente Het Hogeland, …;
- enumerations under a category head ("de woningcorporaties Acantus, Woonzorg Nederland en
  Wierden en Borgen") or after a partner phrase ("Partners zijn …", "Leden van het netwerk zijn …"),
  and lists in which most items are already known organisations: every name-like item is an
  organisation, typed from the category head or from its own words;
- references back to a programme or network by its kind word ("het platform", "the programme").

Each proposal says how sure it is (``confidence``); the extractor keeps the lexicon's mention where
both overlap.
"""

from __future__ import annotations

import itertools
import re

from rapidfuzz import fuzz

from ingest.lexicon import HEAD_RE, Entry, Lexicon, Mention, guess_type
from ingest.persons import find_persons
from ontology.vocabulary import ORGANISATION_NOUNS

CAP = r"[A-ZÀ-Þ][\w&'’!.-]*"
LINK = r"(?:in|op|het|de|van|voor|aan|en|at|of|the|&)"
# a name: capitalised words, lower-case link words only between capitalised ones
NAME = rf"{CAP}(?:\s+(?:{LINK}\s+){{0,2}}{CAP})*"
# after a kind word a name may hold prepositions too: "het project Koken met Kinderen", "de pilot Wandelen met de Wijkagent"
TITLE_LINK = r"(?:met|na|bij|zonder|tot|tegen|uit|over|naar|onder|door|om)"
TITLED_NAME = rf"{CAP}(?:\s+(?:(?:{LINK}|{TITLE_LINK})\s+){{0,2}}{CAP})*"
QUOTED = r"[‘'“\"](?P<quoted>[A-ZÀ-Þ][^’'”\"]{1,60})[’'”\"]"


def _spaced(word: str) -> str:
    """A kind word as OCR may split it ('Proj ect')."""
    return r"\s?".join(re.escape(ch) for ch in word)


PROGRAMME_WORDS = ("programma", "project", "pilot", "interventie", "platform", "convenant", "akkoord", "ketenaanpak", "programme", "initiatief",
                   "werkgroep", "cursus", "training", "traject", "regeling")
GENERIC_KIND_WORDS = ("programma", "project", "pilot", "interventie", "ketenaanpak", "programme", "initiatief", "cursus", "training", "traject")
NETWORK_WORDS = ("netwerk", "coalitie", "alliantie", "consortium", "stuurgroep", "samenwerkingsverband", "network", "coalition")
KIND_RE = re.compile(
    rf"\b(?P<kind>(?i:{'|'.join(_spaced(w) for w in (*PROGRAMME_WORDS, *NETWORK_WORDS))}))\b\s*(?P<colon>:?)\s*(?:\*{{1,2}}|_)?(?:{QUOTED}|(?P<plain>{TITLED_NAME}))"
)
REFERENCE_RE = re.compile(
    rf"\b(?i:het|de|dit|deze|the|this)\s+(?P<kind>(?i:{'|'.join((*PROGRAMME_WORDS, *NETWORK_WORDS))}))\b(?![’']s\b)(?!\s*[‘'“\"A-ZÀ-Þ])"
)


def is_reference(surface: str) -> bool:
    """'Dit programma', 'het platform': a reference back by kind word, not a name of what it refers to."""
    return REFERENCE_RE.fullmatch(surface.strip()) is not None


# category heads of an enumeration and the type their items get
CATEGORY_TYPES: tuple[tuple[str, str], ...] = (
    (r"gemeenten", "gemeente"),
    (r"zorgverzekeraars|verzekeraars", "zorgverzekeraar"),
    (r"ziekenhuizen", "ziekenhuis"),
    (r"welzijnsorganisaties|welzijnsinstellingen", "welzijn"),
    (r"huisartsenpraktijken|zorggroepen", "huisartsenzorg"),
    (r"onderwijsinstellingen|scholen|kennisinstellingen|hogescholen", "onderwijs-kennis"),
    (r"sportverenigingen|sportclubs", "sport"),
    (r"zorgaanbieders|zorginstellingen|woningcorporaties|organisaties|instellingen|partijen|fondsen|bedrijven", ""),
)
CATEGORY_RE = re.compile(rf"\b(?:de\s+)?(?P<head>{'|'.join(p for p, _ in CATEGORY_TYPES)})\s+(?=[A-ZÀ-Þ])")
PARTNER_INTRO_RE = re.compile(
    r"(?:\b(?:partners|leden|deelnemers|partijen|members)\b[^.:;]{0,40}?\b(?:zijn|are|is)|"
    r"^\s*(?:partners|leden|deelnemers|members)(?=\s*:)|\b(?:werken|werkt)\s+(?:\w+\s+)?samen(?=\s*:)|"  # "Partners: A, B", "Daarin werken samen: A, B"
    r"\btussen\b|\bsamen met\b|\btogether with\b|\bsamenwerking(?:sverband)?\s+van\b|\bmet\b(?=\s+[A-ZÀ-Þ][^.]*\b(?:en|and)\b))\s*:?\s+",
    re.IGNORECASE,
)
LIST_RE = re.compile(rf"(?:(?:de |het |the )?{NAME}\s*,\s*){{1,40}}(?:de |het |the )?{NAME}\s+(?:en|and)\s+(?:de |het |the )?{NAME}")
ARTICLE_RE = re.compile(r"^(?:de|het|the|een)\s+")
ARTICLE_BEFORE_RE = re.compile(r"\b(?:de|het|een|dit|deze|ons|onze|the|this|our)\s*$", re.IGNORECASE)
APPOSITION_RE = re.compile(
    rf"\b(?P<head>[a-zà-ÿ]*(?:praktijk|stichting|vereniging|organisatie|instelling|corporatie|verzekeraar|ziekenhuis|"
    rf"coöperatie|zorggroep|hogeschool|universiteit|kennisinstituut))\s+(?P<name>{NAME})"
)
# "ondergebracht bij Humanitas Groningen", "uitgevoerd door Buurtkracht Noord": who a role is given to
CUE_ARGUMENT_RE = re.compile(
    rf"\b(?:belegd|beleggen|ondergebracht|getrokken|uitgevoerd|gefinancierd|opgepakt|ingediend|gecoördineerd|led|funded)"
    rf"\s+(?:\w+\s+){{0,2}}?(?:bij|door|by)\s+(?:de\s+|het\s+|the\s+)?(?P<name>{NAME})"
)
# an item of a list or table cell, or an aside, that is a capitalised word and a place: "Menzis, Humanitas Groningen"
PLACE_HOLDER_RE = re.compile(r"(?:^|[,;:(•*]\s*|\s(?:en|and)\s+)(?P<word>[A-ZÀ-Þ][a-zà-ÿ]{2,}[\w'’-]*)\s+$")
LEGAL_FORMS = ("Stichting", "Vereniging", "Coöperatie")
COMPASS = {"Noord", "Oost", "Zuid", "West", "Midden", "Noordoost", "Noordwest", "Zuidoost", "Zuidwest", "Stad", "Regio", "Provincie"}
# the short name a document gives a name right after it: "X (GOED)", "X, hierna te noemen GOED", "X, hierna: de coalitie"
ALIAS_AFTER_RE = re.compile(r"\s*(?:\((?P<a1>[A-ZÀ-Þ][A-ZÀ-Þ0-9&-]{1,9})\)|,?\s+hierna(?:\s+te\s+noemen)?:?\s+(?P<a2>[A-ZÀ-Þ][\w&-]{1,30}))")
SENTENCE_END_DOT_RE = re.compile(r"(?<=[a-zà-ÿ]{3})\.$")  # the full stop after a name, not of an abbreviation ("Nic.")
TRAILING_LABEL_RE = re.compile(r"\s*(?::|\s[–—-])\s+[a-zà-ÿ][^:–—]*$")  # what a title says of its name: ": plan van aanpak", " – onze leden"
GEMEENTE_RE = re.compile(rf"\b(?:[Gg]emeente|GEMEENTE)\s+(?P<name>{CAP}(?:\s+{CAP})?)")  # also a letterhead "GEMEENTE PEKELA"
LINE_OPENING_RE = re.compile(r"\s*(?:\d{1,2}(?:\.\d+)*\.?|[-*•#]+)?\s*")  # what may stand before the first word of a line
COMPOUND_ORG_RE = re.compile(rf"\b[A-ZÀ-Þ][a-zà-ÿ]{{3,}}(?:{'|'.join(ORGANISATION_NOUNS)})\b")
OPENING_PREPOSITIONS = {"In", "Op", "Met", "Voor", "Bij", "Van"}  # a name after a kind word may open with one: "In Balans"
NOT_NAMES = {
    "De", "Het", "Een", "Dit", "Deze", "In", "Op", "Met", "Voor", "Van", "Bij", "Als", "Ook", "Er", "We", "Wij",
    "Zij", "Hij", "Zo", "Dat", "Die", "Ze", "Aanwezig", "Afwezig", "The", "This", "Partners", "Leden",
}


def clean_item(item: str) -> str:
    item = re.sub(r"\s*\([^)]*\)\s*$", "", item.strip()).strip(" .,;:")
    item = ARTICLE_RE.sub("", item)
    return re.sub(r"^(?:gemeente|zorgverzekeraar)\s+", "", item) if item[:1].islower() else item


def name_like(item: str, *, article: bool = False, titled: bool = False, after_kind: bool = False) -> bool:
    """A short capitalised phrase without sentence words: 'Woonzorg Nederland', not 'Wij willen';
    with ``article`` a name may start with 'De'/'Het' ('De Zijlen' inside a list); with ``titled``
    (after a kind word) it may hold a preposition ('Koken met Kinderen'); ``after_kind`` it may open with one before a
    capital ('de cursus In Balans', 'het project Op Koers')."""
    words = item.split()
    allowed_first = (article and words[:1] in (["De"], ["Het"]) and len(words) >= 2) or (
        after_kind and len(words) >= 2 and words[0] in OPENING_PREPOSITIONS and words[1][:1].isupper())
    if not (1 <= len(words) <= 7) or not item[:1].isupper() or (words[0] in NOT_NAMES and not allowed_first):
        return False
    lower = [w for w in words if w[:1].islower()]
    link = rf"{LINK}|{TITLE_LINK}" if titled else LINK
    return len(lower) <= len(words) // 2 and all(re.fullmatch(link, w) for w in lower)


def title_name(item: str) -> bool:
    """A title-cased name with lower-case words in it, as a heading gives one: 'Koken met Kinderen',
    'Ouder worden in de Wijk' (first and last word capitalised, at most three lower-case words)."""
    words = item.split()
    return (2 <= len(words) <= 7 and words[0] not in NOT_NAMES and all(re.fullmatch(r"[\w'’&+-]+", w) for w in words)
            and words[0][:1].isupper() and words[-1][:1].isupper() and sum(w[:1].islower() for w in words) <= 3)


MAX_ENUMERATION_CHARS = 4000  # an enumeration clause is read this far at most (a 280 kB line stays linear)


def split_enumeration(text: str, known: list[Mention], offset: int) -> list[tuple[int, int]]:
    """Spans of the items of 'A, B, C en D' (up to the end of the clause). Inside the last part a
    name may contain 'en' ('Wierden en Borgen'): split where the right side starts an
    organisation name (head word or known name), else at the first 'en'."""
    stop = re.search(r"[.;:!?](?:\s|$)|\s(?:werken|zijn|is|slaan|wordt|worden|gaan|hebben|heeft)\b|,\s+(?:die|dat|waar\w*|wat|welke)\b", text)
    body = text[: stop.start()] if stop else text
    spans: list[tuple[int, int]] = []
    base = 0
    parts = body.split(",")
    for index, part in enumerate(parts):
        start, end = base + len(part) - len(part.lstrip()), base + len(part.rstrip())
        base += len(part) + 1
        joins = list(re.finditer(r"\s(?:en|and)\s", text[start:end])) if index == len(parts) - 1 else []
        if not joins:
            spans.append((start, end))
            continue
        chosen = joins[0]
        for join in joins:
            right = text[start + join.end() : end]
            if COMPOUND_ORG_RE.match(right) or any(m.start == offset + start + join.end() for m in known):
                chosen = join
                break
        spans += [(start, start + chosen.start()), (start + chosen.end(), end)]
    return [(s, e) for s, e in spans if e > s]


class Proposer:
    """Proposals for one sentence; remembers kind words of the document for references back."""

    def __init__(self, lexicon: Lexicon, seen: SeenOrganisations, common_words: frozenset[str] = frozenset()) -> None:
        self.lexicon = lexicon
        self.seen = seen
        self.common_words = common_words  # words the document also writes in lower case: not names
        self.anchors: dict[str, Entry] = {}  # kind word -> last programme or network named with it
        self.local: dict[str, Entry] = {}  # names this document introduced, found again later
        self.whole: set[str] = set()  # of those, names a name pattern's guesses inside give way to (introduced.title_organisation)
        self.replaced: list[Mention] = []  # mentions of the last call that a longer proposal replaces

    def _place(self, mention: Mention) -> bool:
        """A place, or a municipality named by its place only ("Groningen" in a list)."""
        return mention.entry.kind == "gebied" or (mention.entry.kind == "organisatie" and mention.surface in self.lexicon.list_only_aliases)

    def _proper(self, name: str) -> bool:
        """A one-word name the document also writes in lower case ('Stad', 'Leernetwerk') is a
        common noun at the start of a sentence or in a title, not a name."""
        return " " in name.strip() or name.lower() not in self.common_words

    def plain_name(self, name: str) -> bool:
        """A name by its words: not one word the document also writes in lower case, not only such words."""
        return self._proper(name) and not self._common_phrase(name)

    def _common_phrase(self, name: str) -> bool:
        """Every word one the document also writes in lower case ('Doel Voorbeeld'): common nouns."""
        words = [word.lower() for word in name.split() if not re.fullmatch(LINK, word)]
        return bool(words) and all(word in self.common_words for word in words)

    def _without_owner(self, name: str) -> str:
        """'Valpreventie van Gezond Groningen', 'Kansrijke Start met de GGD' after 'het programma': the
        programme, not who owns it or works with it (a known organisation or place, or a name with a head
        word, after 'van' or a preposition)."""
        if self.lexicon.lookup(name) is not None:
            return name
        for owner in re.finditer(rf"\s+(?:van|{TITLE_LINK})\s+(?:de\s+|het\s+)?", name):
            rest = name[owner.end():]
            if self.lexicon.lookup(rest, "organisatie") or self.lexicon.lookup(rest, "gebied") or HEAD_RE.match(rest):
                return name[: owner.start()]
        return name

    def _entry_for(self, name: str, kind_word: str) -> Entry:
        known = self.lexicon.lookup(name)
        if known is not None and known.kind in ("organisatie", "programma"):
            return known
        if kind_word in NETWORK_WORDS:
            if kind_word == "stuurgroep" and not name.lower().startswith("stuurgroep"):
                name = f"Stuurgroep {name}"
            return Entry("organisatie", name, org_type="netwerk-coalitie")
        return Entry("programma", name, programme_kind="programma")

    def _organisation(self, name: str, category_type: str = "") -> Entry:
        local = self.local.get(name)  # "SOBO" after "Stichting … (SOBO)"
        known = self.lexicon.lookup(name, "organisatie") or (local if local is not None and local.kind == "organisatie" else None)
        if known is not None:
            return known
        if category_type == "gemeente" and not name.lower().startswith("gemeente"):
            gemeente = self.lexicon.lookup(f"Gemeente {name}", "organisatie")
            return gemeente or Entry("organisatie", f"Gemeente {name}", org_type="gemeente")
        return Entry("organisatie", name, org_type=category_type or guess_type(name))

    def propose(self, text: str, known: list[Mention], weak: list[Mention], *, title: bool = False) -> list[Mention]:
        """Proposals for ``text`` that do not overlap ``known`` mentions (places excepted); a name
        after a kind word wins over an overlapping ``weak`` one (a name pattern's guess)."""
        proposals: list[Mention] = []
        taken = [m for m in known if m.entry.kind != "gebied"]  # a place may stand inside a name
        strong = [m for m in taken if m not in weak]
        self.replaced = []

        def free(start: int, end: int) -> bool:
            return not any(m.start < end and start < m.end for m in taken)

        def add(entry: Entry, start: int, end: int, confidence: float, kind_word: str = "") -> None:
            mention = Mention(entry, start, end, text[start:end], confidence, kind_word)
            proposals.append(mention)
            taken.append(mention)

        for match in KIND_RE.finditer(text):
            kind_word = re.sub(r"\s", "", match["kind"]).lower()
            group = "quoted" if match["quoted"] else "plain"
            start, end = match.span(group)
            name = re.split(r"\n[ \t]*\n", match[group])[0].strip(" .,;:")  # a name does not go on after a blank line
            end = start + len(name)
            mid_sentence = bool(re.search(r"[^\W\d_]", text[: match.start()])) and not text[: match.start()].rstrip().endswith(".")
            if title and not mid_sentence and group == "plain":
                # a title that starts with its kind word is the whole name: "Convenant Wonen, Welzijn en Zorg Eemsdelta 2026-2029"
                # (without a generic kind word: "Project Valpreventie Thuis" is the project "Valpreventie Thuis")
                start = match.start("plain") if kind_word in GENERIC_KIND_WORDS else match.start()
                name = re.sub(r"\s*\d{4}(?:\s*[-–]\s*\d{4})?\s*$", "", TRAILING_LABEL_RE.sub("", text[start:])).strip(" .,;:")
                end = start + len(name)
            elif (group == "plain" and match["kind"][0].isupper() and not match["colon"] and " " not in match["kind"]
                  and (mid_sentence or not ARTICLE_BEFORE_RE.search(text[: match.start()])) and self.lexicon.lookup(name) is None):
                if self._common_phrase(name) and not (mid_sentence and ARTICLE_BEFORE_RE.search(text[: match.start()])):
                    continue  # "Programma Doel Voorbeeld": a table's header row, not a name (but "uit de Regeling Gezonde Dorpen")
                # "Het Netwerk Mantelzorg Westerkwartier"; a sentence that opens with "Netwerk X brengt …" (no article) names it so
                start, name = match.start("kind"), text[match.start("kind") : end]
            longer = [local for local in self.local if len(local) > len(name) and text.startswith(local, start)]
            if group == "plain" and longer:
                name = max(longer, key=len)  # "het project Gezonde dorpskeuken Finsterwolde", a name the document introduced
                end = start + len(name)
            elif group == "plain" and not title:
                name = self._without_owner(name)
                end = start + len(name)
                if not name_like(name, titled=True, after_kind=True) or not self._proper(name) or self.lexicon.lookup(name, "gebied"):
                    continue
            if self.lexicon.lookup(name, "actielijn"):
                continue
            overlapping = [m for m in strong if m.start < end and start < m.end]
            if overlapping and all(start <= m.start and m.end <= end and m.end - m.start < end - start for m in overlapping):
                self.replaced += overlapping  # "Project Valpreventie Thuis" is not the programme "Valpreventie"
                overlapping = []
            if overlapping:
                entry = max(overlapping, key=lambda m: m.end - m.start).entry
                if entry.kind in ("programma", "organisatie"):
                    self.anchors[kind_word] = entry
                continue
            entry = self._entry_for(name, kind_word)
            self.replaced += [m for m in taken if m in weak and m.start < end and start < m.end]
            taken[:] = [m for m in taken if m not in self.replaced]
            add(entry, start, end, 0.8 if group == "quoted" else 0.7, kind_word)
            self.anchors[kind_word] = entry
        for match in GEMEENTE_RE.finditer(text):
            name = match["name"].rstrip(".")
            if name.split()[0].isupper():  # "GEMEENTE EEMSDELTA" and the next line "Postbus …": the capitals only
                name = " ".join(itertools.takewhile(str.isupper, name.split()))
            end = match.start("name") + len(name)
            capitals = self.lexicon.lookup(name, "gebied") if name.isupper() else None
            name = capitals.name if capitals is not None else name  # "GEMEENTE PEKELA": the place as it is written
            alone = [m for m in taken if m.start == match.start() and m.surface.lower() == "gemeente"]
            if alone and capitals is not None:  # "GEMEENTE" is not the list item "Gemeente" (Gemeente Groningen) before a place
                self.replaced += alone
                taken[:] = [m for m in taken if m not in alone]
            if not name_like(name, article=True) or not free(match.start(), end):
                continue
            if not self.lexicon.lookup(name, "gebied") and (not self._proper(name) or re.fullmatch(r"[A-Z][a-z]+en", name)):
                continue  # "gemeente Aandachtpunten": a plural noun after a line break, not a place
            add(self._organisation(name, "gemeente"), match.start(), end, 0.8)
        for place in [m for m in known if self._place(m)]:
            # "Humanitas Groningen": a name before a place name makes one organisation of both
            before = PLACE_HOLDER_RE.search(text, 0, place.start)
            if before is None or before["word"] in NOT_NAMES or before["word"] in COMPASS or not self._proper(before["word"]):
                continue
            aside = before.group().lstrip().startswith("(") and text[place.end:place.end + 1] == ")"
            if place.entry.kind == "gebied" and not aside:
                continue  # in running text "Zwemvangnet Pekela" may be a project: only "(Humanitas Groningen)" after a person
            if self.lexicon.lookup(before["word"]) is not None or not free(before.start("word"), before.end("word")):
                continue
            if place in taken:
                taken.remove(place)
                self.replaced.append(place)
            add(self._organisation(text[before.start("word"):place.end]), before.start("word"), place.end, 0.7)
        for place in [m for m in known if self._place(m)]:
            # "JOGG Eemsdelta", "Gezonde School Pekela": a known programme with a place is its local programme, part of it
            programme = next((m for m in strong if m.entry.kind == "programma" and m.end + 1 == place.start
                              and text[m.end:place.start] == " " and m.entry.programme_kind != "interventie"), None)
            if programme is None or not name_like(text[programme.start:place.end], titled=True):
                continue
            name = text[programme.start:place.end]
            entry = self.lexicon.lookup(name, "programma") or Entry("programma", name, programme_kind="programma", parent=programme.entry.name)
            for mention in (programme, place):
                if mention in taken:
                    taken.remove(mention)
                self.replaced.append(mention)
            add(entry, programme.start, place.end, 0.75)
        for match in APPOSITION_RE.finditer(text):
            start, end = match.span("name")
            if name_like(match["name"]) and self._proper(match["name"]) and free(start, end) and not self.lexicon.lookup(match["name"], "gebied"):
                add(self._organisation(match["name"], guess_type(match["head"] + " " + match["name"])), start, end, 0.7)
        persons = [(p.start, p.end) for p in find_persons(text)]
        for match in CUE_ARGUMENT_RE.finditer(text):
            start, end = match.span("name")
            name = SENTENCE_END_DOT_RE.sub("", match["name"])  # "ondergebracht bij Humanitas Groningen." ends a sentence
            end = start + len(name)
            if (len(name.split()) >= 2 and name_like(name) and free(start, end) and not self.lexicon.lookup(name)
                    and not any(s < end and start < e for s, e in persons)):
                add(self._organisation(name), start, end, 0.6)
        self._enumerations(text, taken, add, free)
        for match in COMPOUND_ORG_RE.finditer(text):
            # a single capitalised compound with an organisation head ('Oldambtfonds'), not at the start of the text or
            # of a line after its number or bullet ("2.2 Doelgroep en uitvoering")
            line_start = text[: match.start()].rsplit("\n", 1)[-1]
            if (LINE_OPENING_RE.fullmatch(line_start) or not free(match.start(), match.end())
                    or text[: match.start()].rstrip().endswith((".", ":"))):
                continue
            if re.match(r"\s+[A-ZÀ-Þ]", text[match.end() :]) or not self._proper(match.group()):
                continue  # the start of a longer name, or a common noun
            if self.lexicon.lookup(match.group()) is None and not re.fullmatch(rf"(?i)(?:{'|'.join(ORGANISATION_NOUNS)})", match.group()):
                entry = (self.local.get(match.group()) or self.seen.resolve(match.group())
                         or Entry("organisatie", match.group(), org_type=guess_type(match.group())))
                add(entry, match.start(), match.end(), 0.6)
        for name, entry in self.local.items():
            for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
                inside = [m for m in taken if m in weak and match.start() <= m.start and m.end <= match.end() and m.end - m.start < len(name)]
                if inside and name in self.whole:  # a name pattern's guesses inside "Stichting Sport en Welzijn X"
                    self.replaced += inside
                    taken[:] = [m for m in taken if m not in inside]
                if free(match.start(), match.end()):
                    add(entry, match.start(), match.end(), 0.8)
        for mention in proposals:
            if mention.entry.kind in ("organisatie", "programma") and mention.confidence >= 0.7 and len(mention.entry.name) >= 4:
                self.local.setdefault(mention.entry.name, mention.entry)
        for mention in taken:  # "Gezond Ouder Worden Eemsdelta (GOED)", "…, hierna te noemen GOED", "Stichting X (SOBO)"
            alias = ALIAS_AFTER_RE.match(text, mention.end)
            if alias and mention.entry.kind in ("organisatie", "programma") and self.lexicon.lookup(alias["a1"] or alias["a2"]) is None:
                self.local.setdefault(alias["a1"] or alias["a2"], mention.entry)
        programmes = sorted((m for m in (*strong, *proposals) if m.entry.kind == "programma"), key=lambda m: m.start)
        for match in REFERENCE_RE.finditer(text):
            kind_word = match["kind"].lower()
            earlier = [m for m in programmes if m.end <= match.start()] if kind_word in GENERIC_KIND_WORDS else []
            # the last one named before, the last one called so when there is one ("de cursus X, een onderdeel van het
            # programma Y. Menzis betaalt de cursus")
            named_before = [m.entry for m in earlier if m.kind_word == kind_word] or [m.entry for m in earlier]
            anchor = named_before[-1] if named_before else self.anchors.get(kind_word)  # "… Gezonde School. Dit programma helpt"
            if anchor is not None and free(match.start(), match.end()):
                add(anchor, match.start(), match.end(), 0.7, kind_word)
        if programmes:
            for kind_word in GENERIC_KIND_WORDS:  # the next sentence's "dit programma" is the last one named here (so called)
                self.anchors[kind_word] = ([m for m in programmes if m.kind_word == kind_word] or programmes)[-1].entry
        return proposals

    def _enumerations(self, text: str, taken: list[Mention], add, free) -> None:
        starts: list[tuple[int, str]] = []
        for match in CATEGORY_RE.finditer(text):
            head = match["head"].lower()
            category = next((code for pattern, code in CATEGORY_TYPES if re.fullmatch(pattern, head)), "")
            starts.append((match.end(), category))
        for match in PARTNER_INTRO_RE.finditer(text):
            explicit = re.match(r"partners|leden|deelnemers|partijen|members|werk", match.group().strip(), re.IGNORECASE)
            starts.append((match.end(), "" if explicit else "+"))
        if not starts:
            # a list whose items are mostly known organisations: the others are organisations too
            starts += [(match.start(), "?") for match in LIST_RE.finditer(text)]
        for begin, category in starts:
            spans = split_enumeration(text[begin : begin + MAX_ENUMERATION_CHARS], taken, begin)
            spans = [(begin + s, begin + e) for s, e in spans]
            if len(spans) < 2 and category == "?":
                continue
            known_items = sum(1 for s, e in spans if any(m.start >= s and m.end <= e and m.entry.kind == "organisatie" for m in taken))
            if category == "?" and (len(spans) < 3 or known_items < 2 or known_items < len(spans) / 2):
                continue
            if category == "+" and not known_items:
                continue  # "tussen Stad en Ommeland": a list after 'tussen' or 'met' names organisations only beside a known one
            for start, end in spans:
                raw = text[start:end]
                item = clean_item(raw)
                if not item or not name_like(item, article=True) or not self._proper(item):
                    if category != "?":
                        break  # an enumeration ends at its first item that is not a name
                    continue
                item_start = start + raw.index(item) if item in raw else start
                item_end = item_start + len(item)
                inside = [m for m in taken if item_start <= m.start and m.end <= item_end and m.end - m.start < item_end - item_start
                          and m.entry.kind == "organisatie" and (m.confidence < 0.8 or HEAD_RE.match(item))]
                if inside:
                    self.replaced += inside  # "Woonstichting Wierden" inside "Woonstichting Wierden en Borgen"
                    taken[:] = [m for m in taken if m not in inside]
                if not free(item_start, item_end) or self.lexicon.lookup(item, "programma") or self.lexicon.lookup(item, "actielijn"):
                    continue
                if self.lexicon.lookup(item, "gebied") and category != "gemeente":
                    continue
                add(self._organisation(item, "" if category in "?+" else category), item_start, item_end, 0.75)


class SeenOrganisations:
    """The organisations a document has named so far, to link a later short or partial mention:
    'burgemeester van Eemsdelta' -> Gemeente Eemsdelta, 'programmacoördinator Leefstijlnetwerk' ->
    Leefstijlnetwerk Groningen-Oost, an e-mail domain 'zorggroep-oost.nl' -> Zorggroep Oost-Groningen."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}

    def add(self, entry: Entry) -> None:
        self.entries.setdefault(entry.key, entry)

    def with_legal_form(self, entry: Entry) -> Entry:
        """'Welzijn Westerwolde' after 'Stichting Welzijn Westerwolde' was named: that one."""
        for form in LEGAL_FORMS:
            seen = self.entries.get(Entry("organisatie", f"{form} {entry.name}").key)
            if seen is not None:
                return seen
        return entry

    def referred_to(self, head: str) -> Entry | None:
        """'de gemeente', 'het college', 'het sportbedrijf': the one organisation seen so far that the common
        noun fits (a municipality; a name with that word: 'Sportbedrijf Stadskanaal'); none when more fit."""
        if head in ("gemeente", "college"):
            fitting = [e for e in self.entries.values() if e.org_type == "gemeente"]
        else:
            fitting = [e for e in self.entries.values() if re.search(rf"(?i)\b\w*{re.escape(head)}\b", e.name)]
        return fitting[0] if len(fitting) == 1 else None

    def resolve(self, text: str, *, municipal: bool = False) -> Entry | None:
        wanted = re.sub(r"[^\w\s]", " ", text).lower().strip()
        if len(wanted) < 3:
            return None
        scored = []
        for entry in self.entries.values():
            name = re.sub(r"[^\w\s]", " ", entry.name).lower()
            score = max(fuzz.token_set_ratio(wanted, name), fuzz.partial_ratio(wanted.replace(" ", ""), name.replace(" ", "")))
            if score >= 90:
                preferred = municipal and entry.org_type == "gemeente"
                scored.append((preferred, score, fuzz.ratio(wanted, name), entry))
        if not scored:
            return None
        return max(scored, key=lambda item: item[:3])[3]
