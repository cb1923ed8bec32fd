"""The curated names (organisations, programmes, actielijnen, opgaven, themes, areas) and the matcher
that finds their mentions in text.

Only names, spellings and organisation types live in ``ingest/resources``; every fact is read from
the passages. Names the lexicon does not know are still found by patterns (``unknown_organisations``)
so that a document the pipeline has never seen yields its own organisations.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NotRequired, TypedDict, cast

import yaml

from ontology.namespaces import slugify
from ontology.vocabulary import ORGANISATION_NOUNS, ORGANISATION_TYPES

RESOURCES = Path(__file__).resolve().parent / "resources"


# Words that make a capitalised name an organisation, with the type they suggest.
TYPE_KEYWORDS: tuple[tuple[str, str], ...] = (
    (r"gemeente", "gemeente"),
    (r"zorgverzekeraar|verzekeraar|zorgkantoor|menzis|zilveren kruis|cz\b", "zorgverzekeraar"),
    (r"ziekenhuis|umc|medisch centrum|kliniek", "ziekenhuis"),
    (r"\bggd\b|jeugdgezondheidszorg", "publieke-gezondheid"),
    (r"huisarts|zorggroep|apothe", "huisartsenzorg"),
    (r"welzijn|\bwij\b|sociaal werk|buurtwerk", "welzijn"),
    (r"ouderen|thuiszorg|verpleeg|vvt|kraamzorg|woonzorg", "ouderenzorg"),
    (r"ggz|verslaving|psychiatr|lentis", "ggz-verslavingszorg"),
    (r"universiteit|hogeschool|college|school|academie|instituut|onderzoek|kennis", "onderwijs-kennis"),
    (r"sport|voetbal|zwem|roei|volley|tennis|hockey|atletiek|\bfc\b|\bsv\b|\bvv\b|club", "sport"),
    (r"bewoners|inwoners|dorpen|patiënt|ervaringsdeskund|cliënt", "inwonersorganisatie"),
    (r"netwerk|alliantie|coalitie|platform|consortium|overleg|samenwerkingsverband|tafel", "netwerk-coalitie"),
    (r"\bb\.?v\.?\b|bureau|advies|events|handel|winkel", "bedrijf"),
    (r"provincie|ministerie|rijksoverheid|rivm|zonmw", "overheid"),
)
SCHOOL_HEADS = ("OBS", "CBS", "PCBS", "RKBS")  # a school's name: "CBS De Zaaier" (not the CBS, the statistics bureau)
ORGANISATION_HEAD_WORDS = (
    "Stichting", "Vereniging", "Coöperatie", "Zorggroep", "Ziekenhuis", "Hogeschool", "Universiteit",
    "College", "Academie", "Instituut", "Centrum", "Federatie", "Fonds", "Netwerk", "Alliantie",
    "Consortium", "GGD", "Welzijn", "Thuiszorg", "Huisartsen", "Apotheek", "Sportvereniging",
    "Woningcorporatie", "Groep", "Coalitie", "Gemeente", "Bibliotheek", "Voedselbank", "Kinderopvang", "Basisschool", "GGZ",
    "Fysiotherapie", "Sportcentrum", "IKC", "Kindcentrum", *SCHOOL_HEADS,
)
NAME_TOKEN = r"[A-ZÀ-Þ][\w&'’!.-]*"
SENTENCE_BREAK_RE = re.compile(r"(?<=[a-zà-ÿ]{3}\.)\s")  # the space after a sentence's full stop (not after "N.V.")
SENTENCE_OPENERS = {"Ook", "Daarnaast", "Verder", "Bovendien", "Namens", "Volgens", "Samen", "Tijdens", "Sinds",  # no part of a name
                    "Aan", "Bij", "Voor", "Door", "Naar", "Binnen", "Team", "Op", "Tot", "Uit", "Over", "Onder", "Na"}  # "Aan de Regiotafel Oost-Groningen nemen deel: …"
COMPOUND_HEAD = rf"[A-ZÀ-Þ][a-zà-ÿ]{{2,}}(?:{'|'.join(ORGANISATION_NOUNS)})"
HEAD_RE = re.compile(rf"\b(?:{'|'.join(ORGANISATION_HEAD_WORDS)}|{COMPOUND_HEAD})\b")
UNKNOWN_ORG_RE = re.compile(
    rf"(?<![\w-])(?:{NAME_TOKEN}\s+(?:(?:van|voor|de|het|in|op|&)\s+){{0,2}}){{0,4}}"
    rf"(?:{COMPOUND_HEAD}|{'|'.join(ORGANISATION_HEAD_WORDS)})(?![\w-])(?:\s+(?:(?:van|voor|de|het|&|tegen)\s+){{0,2}}{NAME_TOKEN}){{0,4}}"
)


def guess_type(name: str) -> str:
    """An organisation type from the words of its name; 'overig' when nothing fits."""
    lowered = name.lower()
    for pattern, code in TYPE_KEYWORDS:
        if re.search(pattern, lowered):
            return code
    return "overig"


@dataclass(frozen=True)
class Entry:
    kind: str  # organisatie | programma | actielijn | opgave | gebied
    name: str
    aliases: tuple[str, ...] = ()
    org_type: str = ""
    programme_kind: str = ""  # programma | interventie
    strict: bool = False  # only as a whole line, a heading or between quotes
    number: int = 0  # actielijn number
    area_kind: str = ""  # gemeentegebied | wijk | regio
    parent: str = ""  # wijk -> gemeente; a local programme -> the programme it is the local form of ("JOGG Eemsdelta" -> JOGG)
    domains: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.kind}:{slugify(self.name)}"


@dataclass(frozen=True)
class Mention:
    entry: Entry
    start: int
    end: int
    surface: str
    confidence: float = 0.95  # a curated name; patterns and proposals are less sure
    kind_word: str = ""  # "het platform X", "de coalitie Y": named with this kind word


@dataclass(frozen=True)
class Theme:
    name: str
    terms: tuple[str, ...]


# The shapes of the curated YAML files in ``ingest/resources`` (Dutch keys, as written there).
class _NamedItem(TypedDict):
    naam: str
    aliassen: NotRequired[list[str] | None]


class OrganisationItem(_NamedItem):
    type: NotRequired[str]
    domeinen: NotRequired[list[str] | None]


class ProgrammeItem(_NamedItem):
    soort: NotRequired[str]  # programma | interventie
    strikt: NotRequired[bool]


class ActielijnItem(_NamedItem):
    nummer: int


class AreasFile(TypedDict, total=False):
    gemeenten: list[str] | None
    aliassen: dict[str, str] | None  # alias -> gemeente
    wijken: dict[str, list[str]] | None  # gemeente -> wijken
    regio: list[str] | None


class ThemeItem(TypedDict):
    naam: str
    termen: list[str]


class ParentReplacement(TypedDict):
    """Only where the document puts an intervention under ``in_plaats_van``: it belongs to ``wordt``."""

    in_plaats_van: str
    wordt: str


class CorrectionsFile(TypedDict, total=False):
    interventie_van_programma: dict[str, str | ParentReplacement] | None


@dataclass
class Lexicon:
    entries: list[Entry]
    themes: list[Theme]
    intervention_parents: dict[str, str | ParentReplacement] = field(default_factory=dict)
    list_only_aliases: frozenset[str] = frozenset()

    @classmethod
    def load(cls, resources: Path = RESOURCES) -> Lexicon:
        def read(name: str) -> object:
            path = resources / name
            try:
                return yaml.safe_load(path.read_text(encoding="utf-8"))
            except yaml.YAMLError as error:
                raise ValueError(f"{path}: ongeldige YAML ({error}).") from error

        # the files are curated by hand in the shapes typed above; a missing key fails on load
        entries: list[Entry] = []
        for position, organisation in enumerate(cast(list[OrganisationItem], read("organisaties.yaml")), start=1):
            org_type = organisation.get("type", "")
            if org_type not in ORGANISATION_TYPES:
                raise ValueError(
                    f"{resources / 'organisaties.yaml'}: item {position} ({organisation.get('naam')}): "
                    f"type '{org_type}' is onbekend; kies uit {', '.join(ORGANISATION_TYPES)}."
                )
            entries.append(
                Entry("organisatie", organisation["naam"], tuple(organisation.get("aliassen") or ()), org_type=org_type,
                      domains=tuple(organisation.get("domeinen") or ()))
            )
        for programme in cast(list[ProgrammeItem], read("programmas.yaml")):
            entries.append(
                Entry("programma", programme["naam"], tuple(programme.get("aliassen") or ()),
                      programme_kind=programme.get("soort", "programma"), strict=bool(programme.get("strikt")))
            )
        for actielijn in cast(list[ActielijnItem], read("actielijnen.yaml")):
            entries.append(Entry("actielijn", actielijn["naam"], tuple(actielijn.get("aliassen") or ()), number=int(actielijn["nummer"])))
        for opgave in cast(list[_NamedItem], read("opgaven.yaml")):
            entries.append(Entry("opgave", opgave["naam"], tuple(opgave.get("aliassen") or ())))
        areas = cast(AreasFile, read("gebieden.yaml"))
        area_aliases: dict[str, list[str]] = {}
        for alias, target in (areas.get("aliassen") or {}).items():
            area_aliases.setdefault(target, []).append(alias)
        gemeenten = list(areas.get("gemeenten") or ())
        for name in gemeenten:
            entries.append(Entry("gebied", name, tuple(area_aliases.get(name, ())), area_kind="gemeentegebied"))
        for parent, wijken in (areas.get("wijken") or {}).items():
            for name in wijken:
                entries.append(Entry("gebied", name, area_kind="wijk", parent=parent))
        for name in areas.get("regio") or ():
            entries.append(Entry("gebied", name, area_kind="regio"))
        place_names = {name.lower() for name in gemeenten}
        place_names |= {alias.lower() for aliases in area_aliases.values() for alias in aliases}
        themes = [Theme(item["naam"], tuple(item["termen"])) for item in cast(list[ThemeItem], read("themas.yaml"))]
        corrections = cast(CorrectionsFile | None, read("correcties.yaml")) or {}
        list_only = frozenset(
            alias for entry in entries if entry.kind == "organisatie"
            for alias in entry.aliases if alias.lower() in place_names or alias.lower() == "gemeente"
        )
        return cls(entries, themes, dict(corrections.get("interventie_van_programma") or {}), list_only)

    def with_names(self, entries: Iterable[Entry]) -> Lexicon:
        """This lexicon with names that other documents introduced ("Samen Fit Veendam" from a report,
        found again in a press release); a name it already knows keeps its curated entry."""
        known = {entry.key for entry in self.entries} | {f"{entry.kind}:{slugify(alias)}" for entry in self.entries for alias in entry.aliases}
        added = [entry for entry in entries if entry.key not in known and entry.kind in ("organisatie", "programma")]
        if not added:
            return self
        return Lexicon([*self.entries, *added], self.themes, self.intervention_parents, self.list_only_aliases)

    # -- lookup -------------------------------------------------------------------------------

    @cached_property
    def by_key(self) -> dict[str, Entry]:
        return {entry.key: entry for entry in self.entries}

    @cached_property
    def _surface_index(self) -> dict[str, list[tuple[str, Entry]]]:
        index: dict[str, list[tuple[str, Entry]]] = {}
        for entry in self.entries:
            for surface in (entry.name, *entry.aliases):
                index.setdefault(_fold(surface), []).append((surface, entry))
        return index

    def lookup(self, text: str, kind: str | None = None) -> Entry | None:
        """The entry whose name or alias is exactly ``text`` (quotes, case and 'Ketenaanpak' ignored)."""
        for candidate in (text, re.sub(r"^(?:de |het )?(?:ketenaanpak|programma|project|aanpak)\s+", "", text, flags=re.I)):
            for _surface, entry in self._surface_index.get(_fold(candidate), []):
                if kind is None or entry.kind == kind:
                    return entry
        return None

    def organisation_by_domain(self, domain: str) -> Entry | None:
        domain = domain.lower()
        for entry in self.entries:
            if entry.kind == "organisatie" and any(domain == d or domain.endswith("." + d) for d in entry.domains):
                return entry
        return None

    def actielijn(self, number: int) -> Entry | None:
        for entry in self.entries:
            if entry.kind == "actielijn" and entry.number == number:
                return entry
        return None

    # -- matching -----------------------------------------------------------------------------

    @cached_property
    def _surface_chunks(self) -> list[list[tuple[str, list[Entry]]]]:
        """All surfaces with their entries, longest first, in chunks of at most 400 (Python's re caps the
        number of named groups per pattern); each chunk is one alternation, each alternative matched with
        its own case rule."""
        by_surface: dict[str, list[Entry]] = {}
        for entry in self.entries:
            if entry.kind == "actielijn" and entry.number == 5:
                continue  # 'mentale gezondheid' is everyday language: only "actielijn 5" counts
            for surface in (entry.name, *entry.aliases):
                if entry not in by_surface.setdefault(surface, []):
                    by_surface[surface].append(entry)
        surfaces = sorted(by_surface.items(), key=lambda pair: len(pair[0]), reverse=True)
        return [surfaces[begin : begin + 400] for begin in range(0, len(surfaces), 400)]

    @cached_property
    def _dispatch(self) -> list[tuple[re.Pattern[str], dict[str, tuple[re.Pattern[str], list[tuple[str, list[Entry]]]]]]]:
        """Per chunk of ``_surface_chunks``: where a name can start, and per first character the alternation of
        the surfaces that can start with it, in the same order. Python's re tries every alternative at every
        word start (280 kB of text: 4 s); here only those that can match there are tried, so the first one
        that matches is the one the whole alternation would find."""
        result = []
        for surfaces in self._surface_chunks:
            alternatives = [_surface_regex(surface) for surface, _ in surfaces]
            by_char: dict[str, list[int]] = {}
            anywhere: list[int] = []  # names whose first character may be left out (an opening quote)
            for number, (surface, _entries) in enumerate(surfaces):
                starts = _first_characters(surface, alternatives[number])
                if starts is None:
                    anywhere.append(number)
                for char in starts or ():
                    by_char.setdefault(char, []).append(number)
            for numbers in by_char.values():
                numbers.extend(anywhere)
                numbers.sort()
            dispatch = {char: (_alternation([alternatives[n] for n in numbers]), [surfaces[n] for n in numbers])
                        for char, numbers in by_char.items()}
            if anywhere:
                starts_at = re.compile(r"(?<![\w@.-])")
                dispatch[""] = (_alternation([alternatives[n] for n in anywhere]), [surfaces[n] for n in anywhere])
            else:
                starts_at = re.compile(r"(?<![\w@.-])[" + "".join(re.escape(char) for char in sorted(by_char)) + "]")
            result.append((starts_at, dispatch))
        return result

    def _matches(self, text: str) -> Iterator[tuple[re.Match[str], list[tuple[str, list[Entry]]]]]:
        """What ``finditer`` of each chunk's whole alternation finds, with the surfaces its group numbers index."""
        for starts_at, dispatch in self._dispatch:
            resume = 0
            for start in starts_at.finditer(text):
                position = start.start()
                if position < resume:
                    continue
                pattern, surfaces = dispatch.get(text[position : position + 1]) or dispatch.get("") or (None, [])
                match = pattern.match(text, position) if pattern is not None else None
                if match is not None:
                    resume = match.end()
                    yield match, surfaces

    def find(self, text: str, *, list_context: bool = False, whole_line: bool = False, heading: bool = False) -> list[Mention]:
        """Mentions in ``text``, longest first, without overlaps.

        ``list_context``: ``text`` is a list item, so place names may stand for their municipality;
        ``whole_line``/``heading``: strict names (everyday phrases) may match.
        """
        found: list[Mention] = []
        for match, surfaces in self._matches(text):
            group = match.lastgroup
            if group is None:
                continue
            _surface, entries = surfaces[int(group[1:])]
            for entry in entries:
                candidate = Mention(entry, match.start(), match.end(), match.group())
                if self._allowed(text, candidate, list_context, whole_line or heading):
                    found.append(candidate)
                    break
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        return _without_overlaps(found)

    def _allowed(self, text: str, mention: Mention, list_context: bool, title: bool) -> bool:
        if mention.entry.strict and not (_quoted(text, mention) or (title and _whole(text, mention))):
            return False
        if mention.entry.kind == "organisatie" and mention.surface in self.list_only_aliases:
            return list_context
        return True

    def unknown_organisations(self, text: str, known: list[Mention]) -> list[Mention]:
        """Capitalised names built around an organisation word ('Stichting Welzijn Oost') that the
        lexicon does not know, as new organisation entries with a guessed type."""
        result: list[Mention] = []
        # a name does not run over the end of a sentence ("… door Fysiotherapie Wadden. Gemeente Het Hogeland legt …")
        for match in UNKNOWN_ORG_RE.finditer(SENTENCE_BREAK_RE.sub("¶", text)):
            name = match.group().strip(" .,-")
            start = match.start() + match.group().index(name)
            end = start + len(name)
            blocking = [m for m in known if m.start < end and start < m.end and not self._place_inside(m, start, end)
                        and not (m.start == start and m.surface in SCHOOL_HEADS and m.end < end)]
            if len(name.split()) < 2 or blocking:
                continue
            first = name.split()[0]
            if first in SENTENCE_OPENERS and len(name.split()) >= 3:
                start, name = start + len(first) + 1, name[len(first) + 1 :]  # "Ook Zorgcentrum De Bolster neemt deel"
                first = name.split()[0]
                if first in ("de", "het") and len(name.split()) >= 3:
                    start, name = start + len(first) + 1, name[len(first) + 1 :]
                    first = name.split()[0]
            if first in ("De", "Het") and len(name.split()) >= 3:
                start, name = start + len(first) + 1, name[len(first) + 1 :]  # "Het Fonds Gezond Platteland", "Het Oranje Fonds"
            elif first in ("De", "Het", "Een", "Dit", "Deze", "In", "Met", "Zorg"):
                continue
            # "Projectleider Tjeerd Hofstra van Stichting Welzijn Hogeland": the name is what follows 'van'
            parts = re.split(r"\s+(?:van|bij|vanuit|namens)\s+(?:de\s+|het\s+)?", name, maxsplit=1)
            if len(parts) == 2 and not HEAD_RE.search(parts[0]) and HEAD_RE.search(parts[1]):
                start, name = end - len(parts[1]), parts[1]
            if len(name.split()) < 2:
                continue
            entry = Entry("organisatie", name, org_type=guess_type(name))
            result.append(Mention(entry, start, end, name, confidence=0.75))
        return result

    def _place_inside(self, mention: Mention, start: int, end: int) -> bool:
        """A place name inside a longer organisation name ('Stichting Welzijn Oldambt')."""
        inside = start <= mention.start and mention.end <= end and (mention.end - mention.start) < (end - start)
        return inside and (mention.entry.kind == "gebied" or mention.surface in self.list_only_aliases)

    def themes_in(self, text: str) -> dict[str, int]:
        """How often each theme's terms occur in ``text``."""
        counts: dict[str, int] = {}
        lowered = text.lower()
        for theme in self.themes:
            hits = sum(len(re.findall(rf"(?<![\w]){re.escape(term.lower())}", lowered)) for term in theme.terms)
            if hits:
                counts[theme.name] = hits
        return counts


def _fold(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"[‘’'\"“”]", "", text)
    return re.sub(r"\s+", " ", text).strip(" .,;:").lower()


def _alternation(alternatives: list[str]) -> re.Pattern[str]:
    """The alternatives as named groups g0, g1, … in their order, as whole words."""
    pattern = "|".join(f"(?P<g{i}>{alt})" for i, alt in enumerate(alternatives))
    return re.compile(rf"(?<![\w@.-])(?:{pattern})(?![\w-])")


def _first_characters(surface: str, regex: str) -> set[str] | None:
    """The characters a match of ``regex`` (``_surface_regex(surface)``) can start with; None: any (it opens
    with a quote, which may be left out)."""
    first = surface[:1]
    if first in "’‘'":
        return None
    if not regex.startswith("(?i:"):
        return {first}
    return {first, first.lower(), first.upper(), first.swapcase(), first.casefold()} - {""}


def _surface_regex(surface: str) -> str:
    """Acronyms and one-word names match with their capitals; longer names ignore case.
    Quotes and spaces in a name match any quote and any run of white space."""
    words = surface.split()
    body = r"\s+".join(re.escape(word) for word in words)
    body = body.replace("’", "['’‘]?").replace("‘", "['’‘]?").replace("\\'", "['’‘]?")
    letters = [ch for ch in surface if ch.isalpha()]
    is_acronym = len(letters) >= 2 and all(ch.isupper() for ch in letters) and len(surface) <= 8 and " " not in surface
    if is_acronym:
        return body
    if surface[:1].isupper() and not surface.startswith("Gemeente "):
        # a capital at the start is part of the name ("Provincie Groningen" is not "provincie Groningen")
        return re.escape(surface[0]) + f"(?i:{body[len(re.escape(surface[0])):]})"
    return f"(?i:{body})"


def _whole(text: str, mention: Mention) -> bool:
    """Is the mention all there is of ``text`` (bar numbering, quotes and punctuation)?"""
    rest = text[: mention.start] + text[mention.end :]
    return not re.sub(r"[\d\s.,;:()‘’'\"“”•*#-]|ketenaanpak", "", rest, flags=re.IGNORECASE)


def _quoted(text: str, mention: Mention) -> bool:
    before = text[max(0, mention.start - 1) : mention.start]
    after = text[mention.end : mention.end + 1]
    return before in ("‘", "'", "“", '"') and after in ("’", "'", "”", '"')


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Each mention in turn unless it overlaps one chosen before, in text order. The chosen spans never
    overlap, so one binary search over their starts finds the only neighbours that could."""
    starts: list[int] = []
    chosen: list[Mention] = []
    for mention in mentions:
        at = bisect.bisect_left(starts, mention.start)
        if at < len(chosen) and chosen[at].start < mention.end:
            continue  # the first chosen span starting at or after this one begins inside it
        if at and chosen[at - 1].end > mention.start:
            continue  # the chosen span before this one runs into it
        starts.insert(at, mention.start)
        chosen.insert(at, mention)
    return chosen
