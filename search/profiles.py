"""Programme profiles read from the graph: actielijnen, partners, themes, moves, parents, and every
passage that says something about the programme (not only its heading): the passages it was read
from, the passages under its heading and the passages that name it. Overlaps, gaps, suggestions and
the gap matrix all start from these."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.queries import PREFIX_BLOCK
from graph.store import Store
from ontology.outline import SECTION_SEPARATOR, enclosing_headings

MIN_WORDS = 12  # evidence must say something: a heading or a list label is no evidence
FOOTNOTE = re.compile(r"^\d{1,2}\s{1,2}[A-Z]")  # a footnote of PDF text (ingest/layout.py makes it a passage of its own)
WORD = re.compile(r"\w*[^\W\d_]{2}\w*")  # a word: two letters or more
EXAMPLE_WORDS = r"\b(?:o\.a\.|onder andere|zoals|bijvoorbeeld|bijv\.|bv\.|waaronder|such as|including)"  # "o.a. X, Y en Z"
EXAMPLE_CUE = re.compile(EXAMPLE_WORDS, re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
VOWELS = {"a": "[aáàäâ]", "e": "[eéèëê]", "i": "[iíìïî]", "o": "[oóòöô]", "u": "[uúùüû]"}
MAX_NAMED = 3  # a passage naming more programmes is an enumeration: it says what none of them does
PROGRAMME_CLASSES = "VALUES ?cls { gg:Programma gg:Interventie }"

PROFILE_ROWS = PREFIX_BLOCK + """
SELECT DISTINCT ?p ?cls ?label ?line ?agent ?agentLabel ?agentKind ?role ?agentPassage ?theme ?passage ?parent ?moved ?alt WHERE {
  ?p a ?cls ; rdfs:label ?label . """ + PROGRAMME_CLASSES + """
  { ?p gg:actielijn/gg:nummer ?line }
  UNION { ?p prov:qualifiedAssociation ?b . ?b prov:agent ?agent ; prov:hadRole/skos:notation ?role . ?agent rdfs:label ?agentLabel .
          OPTIONAL { ?agent a org:Organization . BIND("organisatie" AS ?orgKind) } BIND(COALESCE(?orgKind, "persoon") AS ?agentKind)
          OPTIONAL { ?b dcterms:source ?agentPassage } }
  UNION { ?p dcterms:subject/skos:prefLabel ?theme }
  UNION { ?p dcterms:source ?passage }
  UNION { ?p dcterms:isPartOf ?parent . ?parent a ?parentCls . VALUES ?parentCls { gg:Programma gg:Interventie } }
  UNION { ?m gg:programma ?p ; gg:naarActielijn ?to . BIND(true AS ?moved) }
  UNION { ?p skos:altLabel ?alt }
}"""

PASSAGE_ROWS = PREFIX_BLOCK + """
SELECT ?p ?text ?kind ?section ?doc WHERE {
  ?p a gg:Passage ; nif:anchorOf ?text .
  OPTIONAL { ?p dcterms:type ?kind } OPTIONAL { ?p gg:sectie ?section } OPTIONAL { ?p dcterms:isPartOf/dcterms:identifier ?doc }
}"""


@dataclass
class Passage:
    iri: str
    text: str
    kind: str
    section: str
    document: str

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def substantive(self) -> bool:
        """Says what something is or does: no heading, no list label, no table of PDF text (its cells
        run together), no footnote (it speaks of the document: "8 Welzijn op Recept wordt een onderdeel
        van actielijn 5")."""
        return self.kind not in ("heading", "table") and self.words >= MIN_WORDS and not FOOTNOTE.match(self.text)

    @property
    def heading(self) -> str:
        """The nearest heading above the passage."""
        return self.section.rsplit(SECTION_SEPARATOR, 1)[-1] if self.section else ""

    @property
    def headings(self) -> list[str]:
        """The nearest heading and the headings it stands under ("2.3 Samenhang", "2. Dorpskamers")."""
        return enclosing_headings(self.section)


@dataclass
class Programme:
    iri: str
    label: str
    actielijnen: set[int] = field(default_factory=set)
    organisations: dict[str, str] = field(default_factory=dict)  # iri -> label
    persons: dict[str, str] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # role -> agent labels
    agent_passages: dict[str, str] = field(default_factory=dict)  # agent iri -> a passage naming it
    themes: set[str] = field(default_factory=set)
    passages: dict[str, str] = field(default_factory=dict)  # passage iri -> passage kind (read from)
    about: list[str] = field(default_factory=list)  # substantive passages about the programme, best first
    own: set[str] = field(default_factory=set)  # passages read from it or under its heading
    names: set[str] = field(default_factory=set)
    parents: set[str] = field(default_factory=set)
    moved: bool = False
    intervention: bool = False  # a gg:Interventie: a piece of work inside a programme


    @property
    def partners(self) -> set[str]:
        return set(self.organisations) | set(self.persons)


def load_passages(store: Store) -> dict[str, Passage]:
    return {
        row["p"] or "": Passage(row["p"] or "", row["text"] or "", row["kind"] or "", row["section"] or "", row["doc"] or "")
        for row in store.select(PASSAGE_ROWS).rows
    }


def usable_name(name: str) -> bool:
    """Names that identify a programme in running text: several words, an acronym or a name with a
    capital inside ("JOGG", "HartNet"), or one long word ("Valpreventie"); not a common single word
    such as "Preventie"."""
    words = name.split()
    return len(words) >= 2 or (len(name) >= 3 and any(c.isupper() for c in name[1:])) or len(name) >= 10


def descriptive_name(name: str) -> bool:
    """A name made of ordinary words ("Passende zorg", "Juiste zorg op de juiste plek"): in running
    text the same words in lower case are a phrase, not the programme."""
    words = name.split()
    return len(words) >= 2 and name[:1].isupper() and all(word.islower() or not word[:1].isalpha() for word in words[1:])


def name_pattern(names: set[str]) -> re.Pattern[str] | None:
    """Where any of ``names`` stands in a text, in any case; a descriptive name only when it is
    written as a name: with its capital or between quotes."""
    usable = sorted((n for n in names if usable_name(n)), key=len, reverse=True)
    if not usable:
        return None
    parts = []
    for name in usable:
        part = re.escape(name).replace(r"\ ", r"\s+").replace("’", "[’']").replace("‘", "[‘']")
        if descriptive_name(name):
            part = f"(?:(?-i:{re.escape(name[0])})|(?<=[‘'\"“]){re.escape(name[0].lower())}){_accents(part[1:])}"
        else:
            part = _accents(part)
        parts.append(part)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def _accents(pattern: str) -> str:
    """A vowel with or without its accent: "Meer Tijd voor de Patient" is written "Patiënt" too."""
    return re.sub(r"[aeiouáàäâéèëêíìïîóòöôúùüû]", lambda m: VOWELS[unicodedata.normalize("NFD", m.group())[0]], pattern)


def _clean(name: str) -> str:
    return re.sub(r"[‘’'\"“”]", "", name).strip()


def programme_profiles(store: Store, passages: dict[str, Passage] | None = None) -> dict[str, Programme]:
    profiles: dict[str, Programme] = {}
    for row in store.select(PROFILE_ROWS).rows:
        iri = row["p"] or ""
        profile = profiles.setdefault(iri, Programme(iri, row["label"] or ""))
        profile.names.add(_clean(profile.label))
        profile.intervention = profile.intervention or (row["cls"] or "").endswith("#Interventie")
        if row["line"]:
            profile.actielijnen.add(int(row["line"]))
        if row["agent"]:
            target = profile.organisations if row["agentKind"] == "organisatie" else profile.persons
            target[row["agent"]] = row["agentLabel"] or ""
            profile.roles[row["role"] or "partner"].add(row["agentLabel"] or "")
            if row["agentPassage"]:
                profile.agent_passages.setdefault(row["agent"], row["agentPassage"])
                profile.passages[row["agentPassage"]] = ""
        if row["theme"]:
            profile.themes.add(row["theme"])
        if row["passage"]:
            profile.passages[row["passage"]] = ""
        if row["parent"]:
            profile.parents.add(row["parent"])
        if row["moved"]:
            profile.moved = True
        if row["alt"]:
            profile.names.add(_clean(row["alt"]))
    passages = passages if passages is not None else load_passages(store)
    patterns = {iri: name_pattern(profile.names) for iri, profile in profiles.items()}
    enumerations = {iri for iri, passage in passages.items() if _enumeration(passage.text, patterns.values())}
    headed = headings_of(passages, patterns)
    for profile in profiles.values():
        _attach_passages(profile, passages, patterns[profile.iri], enumerations, headed, list(patterns.values()))
    return profiles


def _enumeration(text: str, patterns: Iterable[re.Pattern[str] | None]) -> bool:
    """A list of programmes rather than a statement: it names more than ``MAX_NAMED`` of them, or
    their names are most of its words (bullets, numbers and OCR debris are no words)."""
    matches = [m.group(0) for pattern in patterns if pattern is not None for m in pattern.finditer(text)]
    named = {m.lower() for m in matches}
    return len(named) > MAX_NAMED or sum(len(m.split()) for m in matches) * 2 > len(WORD.findall(text))


def headings_of(passages: dict[str, Passage], patterns: dict[str, re.Pattern[str] | None]) -> dict[str, set[str]]:
    """Passage -> the programmes whose name its nearest heading holds (the section it stands in), or else the
    nearest heading above that one in the outline ("2. Dorpskamers Westerkwartier" above "2.3 Samenhang")."""
    headed: dict[str, set[str]] = {}
    for passage in passages.values():
        for heading in passage.headings:
            named = {iri for iri, pattern in patterns.items() if pattern is not None and pattern.search(heading)}
            if named or heading == passage.heading:
                headed[passage.iri] = named
            if named:
                break
    return headed


def _only_as_example(text: str, pattern: re.Pattern[str], patterns: Iterable[re.Pattern[str] | None]) -> bool:
    """Every sentence that names the programme gives it as one of several examples of something else ("raakvlakken
    met andere onderdelen, bijvoorbeeld Kansrijke Start, HartNet en …"): the passage says nothing of what it does."""
    naming = [sentence for sentence in SENTENCE_END.split(text) if pattern.search(sentence)]
    return all(
        (cue := EXAMPLE_CUE.search(sentence)) is not None and cue.start() < pattern.search(sentence).start()  # type: ignore[union-attr]
        and sum(1 for other in patterns if other is not None and other.search(sentence)) >= 2
        for sentence in naming
    )


def _attach_passages(profile: Programme, passages: dict[str, Passage], pattern: re.Pattern[str] | None,
                     enumerations: set[str], headed: dict[str, set[str]], patterns: Iterable[re.Pattern[str] | None]) -> None:
    """Passages about the programme, ranked: read from it, under its heading, naming it; never an
    enumeration of programmes. A passage under another programme's heading that only names this one
    ("… verwijzen ouderen naar Beweegmaatjes 65+") says what the other does."""
    ranked: dict[str, int] = {}
    for iri in profile.passages:
        passage = passages.get(iri)
        if passage is not None:
            profile.passages[iri] = passage.kind
            if passage.substantive and iri not in enumerations:
                other_section = passage.kind == "paragraph" and headed.get(iri) and profile.iri not in headed[iri]
                ranked[iri] = 2 if other_section else 0
    for passage in passages.values():
        if not passage.substantive or passage.iri in ranked or passage.iri in enumerations or pattern is None:
            continue
        if profile.iri in headed.get(passage.iri, ()):
            ranked[passage.iri] = 1
        elif pattern.search(passage.text) and not _only_as_example(passage.text, pattern, patterns):
            ranked[passage.iri] = 2
    profile.own = {iri for iri, rank in ranked.items() if rank <= 1}
    # what the programme does: its own passages; the passages it was read from when it has none
    profile.about = sorted(profile.own) or sorted(iri for iri in ranked if iri in profile.passages)
