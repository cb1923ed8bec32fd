"""Do two names denote the same entity? The candidates of the review queue, between entities of one kind.

The reasons, strongest first:
- ``zelfde naam``: equal once accents, case and punctuation are folded;
- ``afkorting``: one is the acronym of the other ('UMCG' ~ 'Universitair Medisch Centrum Groningen');
- ``zonder toevoeging``: equal once a legal form, a kind word, an organisation-type noun or a place of
  the region is left off one side ('Coöperatie Menzis' ~ 'Menzis', 'Kansrijke Start Groningen' ~
  'Kansrijke Start');
- ``zelfde betekenis``: every word has a counterpart in the other name that is spelt nearly the same
  or, between an English and a Dutch name, means the same (two words of at least five letters whose
  single-word embeddings have a cosine of at least ``MEANING_MIN``), so a translation links ('Welzijn op
  Recept' ~ 'Welfare on Prescription'), while two compounds that share a part do not
  ('Valpreventie' / 'Schuldpreventie'): near-synonymous words that share a stem but are spelt
  differently are siblings, not translations;
- ``lijkt op``: nearly the same spelling (rapidfuzz).
Words left over on both sides always separate two names ('GGD Groningen' / 'GGD Drenthe'), and a
place alone is no common core ('Provincie Groningen' / 'Groningen').
Persons are matched by the first, second and last reason only: their names do not translate.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz

# unit vectors (one row per word) of single words; None: the meaning of words is not compared
WordVectors = Callable[[list[str]], np.ndarray]

FUZZY_MIN = 90  # rapidfuzz score (0-100) from which two names, or two words, are spelt nearly the same
MEANING_MIN = 0.88  # cosine of two single words (e5, query role) from which they may mean the same
MEANING_WORD_MIN = 5  # shorter words (acronyms, 'zorg') are not compared by meaning: their vectors say little
SIBLING_STEM = 4  # two words that share a prefix or suffix this long ...
SIBLING_SPELLING_MAX = 80  # ... and are spelt less alike than this are different compounds, not a translation
WITHOUT_ADDITION_SCORE = 0.9
SMALL_WORDS = frozenset({"de", "het", "een", "van", "voor", "en", "der", "den", "in", "op", "te", "the", "of", "and",
                         "on", "for", "at", "a", "an"})
# words that add a legal form, a kind or an organisation type to a name without telling it apart
ADDITIONS = frozenset({
    "stichting", "vereniging", "cooperatie", "cooperatief", "ua", "bv", "nv", "foundation", "association", "cooperative",
    "programma", "programme", "program", "project", "aanpak", "pilot", "initiatief", "interventie", "platform",
    "netwerk", "network", "gemeente", "municipality", "provincie", "province", "woningcorporatie", "zorgverzekeraar",
    "verzekeraar", "ziekenhuis", "hospital", "college", "organisatie", "organisation",
})
MEANING_KINDS = frozenset({"organisatie", "programma"})
# an English name says so by its function words; words are compared by meaning only between an English
# and a Dutch name: within Dutch, single-word vectors put unrelated words as close as translations
# (measured: 'gemeente'~'vereniging' 0.90, 'gemeente'~'gezond' 0.90, 'welzijn'~'welfare' 0.91)
ENGLISH_WORDS = frozenset({"of", "on", "the", "and", "for", "at", "with", "to"})


def normalise(name: str) -> str:
    """'Coöperatie  Menzis' -> 'cooperatie menzis': no accents, lower case, words only."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.findall(r"[a-z0-9]+", folded.lower()))


def acronyms(name: str) -> set[str]:
    """The acronyms a name may be written as: initials of all words and of the words that are not small."""
    words = normalise(name).split()
    if len(words) < 2:
        return set()
    return {"".join(word[0] for word in words), "".join(word[0] for word in words if word not in SMALL_WORDS)}


def is_acronym(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Za-z]{1,7}", name)) and sum(char.isupper() for char in name) >= 2


def content_words(name: str) -> list[str]:
    return [word for word in normalise(name).split() if word not in SMALL_WORDS]


def _siblings(one: str, other: str) -> bool:
    """Two compounds that share a part ('ouderenzorg' / 'jeugdzorg'), unlike a cognate ('provincie' / 'province')."""
    if one.startswith(other) or other.startswith(one) or one.endswith(other) or other.endswith(one):
        return True  # 'valpreventie' holds 'preventie'
    shared = one[:SIBLING_STEM] == other[:SIBLING_STEM] or one[-SIBLING_STEM:] == other[-SIBLING_STEM:]
    return shared and fuzz.ratio(one, other) < SIBLING_SPELLING_MAX


def _singular_and_plural(one: str, other: str) -> bool:
    """One word is the plural of the other ('gemeenten', 'gemeente'): a name in the plural names a group
    ("Groninger Gemeenten"), not one organisation spelt a little differently."""
    short, long = sorted((one, other), key=len)
    return len(short) >= 4 and long in {short + "en", short + "n", short + "s", short + "'s"}


def meaning_words(names: Iterable[str]) -> list[str]:
    """The words of ``names`` that are compared by meaning."""
    return sorted({word for name in names for word in content_words(name) if len(word) >= MEANING_WORD_MIN and word.isalpha()})


def _english(name: str) -> bool:
    return not ENGLISH_WORDS.isdisjoint(normalise(name).split())


@dataclass
class NameMatcher:
    """Compares the names of entities; built once per review queue for all names it will compare."""

    places: frozenset[str] = frozenset()  # normalised words of the region's place names
    meaning: dict[frozenset[str], float] = field(default_factory=dict)  # word pairs that mean the same -> cosine

    @classmethod
    def for_names(cls, names: Iterable[str], places: Iterable[str], word_vectors: WordVectors | None) -> NameMatcher:
        place_words = frozenset(word for place in places for word in content_words(place))
        matcher = cls(place_words)
        names = list(names)
        english = meaning_words(name for name in names if _english(name))
        dutch = meaning_words(name for name in names if not _english(name))
        if word_vectors is None or not english or not dutch:
            return matcher
        similarity = word_vectors(english) @ word_vectors(dutch).T  # an English word beside a Dutch one
        for i, j in np.argwhere(similarity >= MEANING_MIN):
            one, other = english[i], dutch[j]
            if one != other and fuzz.ratio(one, other) < FUZZY_MIN and not _siblings(one, other):
                matcher.meaning[frozenset((one, other))] = float(similarity[i, j])
        return matcher

    def meaning_partners(self) -> Iterable[tuple[str, str]]:
        """The word pairs that mean the same: entities that hold one each are worth comparing."""
        for pair in self.meaning:
            one, other = sorted(pair)
            yield one, other

    def _word_score(self, one: str, other: str) -> tuple[float, bool] | None:
        """How well two words correspond, and whether by meaning; None when they do not."""
        if one == other:
            return 1.0, False
        if _singular_and_plural(one, other):
            return None
        spelling = fuzz.ratio(one, other)
        if spelling >= FUZZY_MIN:
            return spelling / 100, False
        cosine = self.meaning.get(frozenset((one, other)))
        return (cosine, True) if cosine is not None else None

    def _aligned(self, first: str, second: str, *, translation: bool) -> tuple[float, str] | None:
        """Pair the words of ``first`` with counterparts in ``second``, by spelling first and then by
        meaning among the words still free; the words left over may be additions or places on one side only."""
        left_one, left_other = content_words(first), content_words(second)
        if not left_one or not left_other:
            return None
        spelt: list[float] = []
        meant: list[float] = []
        core = False
        for by_meaning in (False, True) if translation else (False,):
            for word in list(left_one):
                scored = [(found[0], partner) for partner in left_other
                          if (found := self._word_score(word, partner)) and found[1] == by_meaning]
                if not scored:
                    continue
                score, partner = max(scored)
                left_one.remove(word)
                left_other.remove(partner)
                core = core or (word not in self.places and partner not in self.places and (by_meaning or word not in ADDITIONS))
                (meant if by_meaning else spelt).append(score)
        if not core or (left_one and left_other):
            return None
        if any(word not in ADDITIONS and word not in self.places for word in left_one + left_other):
            return None
        if meant:
            return round(min(meant), 2), "zelfde betekenis"
        if left_one or left_other:
            return WITHOUT_ADDITION_SCORE, "zonder toevoeging"
        return round(min(spelt), 2), "lijkt op"  # the same words, some spelt a little differently

    def match(self, kind: str, first: set[str], second: set[str]) -> tuple[float, str] | None:
        """How much two entities of ``kind`` with these names look the same, and why; None when they do not."""
        one, other = {normalise(n) for n in first} - {""}, {normalise(n) for n in second} - {""}
        if one & other:
            return 1.0, "zelfde naam"
        for short, long in ((first, second), (second, first)):
            if any(is_acronym(name) and name.lower() in set().union(*map(acronyms, long)) for name in short):
                return 0.95, "afkorting"
        if kind in MEANING_KINDS:
            found = [hit for a in first for b in second if (hit := self._aligned(a, b, translation=_english(a) != _english(b)))]
            if found:
                return max(found, key=lambda hit: (hit[1] == "zonder toevoeging", hit[0]))
        pairs = [(a, b) for a in one for b in other
                 if not any(_singular_and_plural(x, y) for x in a.split() for y in b.split())]
        best = max((fuzz.token_sort_ratio(a, b) for a, b in pairs), default=0)
        if best >= FUZZY_MIN:
            return round(best / 100, 2), "lijkt op"
        return None
