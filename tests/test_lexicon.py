"""Name resolution: spellings and acronyms resolve to one organisation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.lexicon import Lexicon, guess_type

LEXICON = Lexicon.load()

SAME_ORGANISATION = [
    ("GGD", "GGD Groningen"),
    ("HANNN", "Hann"),
    ("HANNN", "Healthy Ageing Netwerk Noord-Nederland"),
    ("ZIF", "Zorg Innovatie Forum"),
    ("OZG", "Ommelander Ziekenhuis Groep"),
    ("RUG", "Universiteit Groningen"),
    ("Alfa-college", "Alfacollege"),
    ("Alfa-college", "Alfa College"),
    ("Huis voor de Sport", "Huis vd Sport"),
    ("Huis voor de Sport", "Huis van de Sport"),
    ("LeGro", "LEGrO"),
]


@pytest.mark.parametrize(("first", "second"), SAME_ORGANISATION)
def test_aliases_resolve_to_one_entity(lexicon, first, second):
    a = lexicon.find(f"Partners zijn {first} en anderen.")
    b = lexicon.find(f"Partners zijn {second} en anderen.")
    assert a and b
    assert a[0].entry.key == b[0].entry.key
    assert a[0].entry.kind == "organisatie"


def test_acronyms_keep_their_capitals(lexicon):
    assert not [m for m in lexicon.find("Hij had last van zijn rug.") if m.entry.kind == "organisatie"]


def test_place_names_are_organisations_only_in_lists(lexicon):
    running = lexicon.find("Een inwoner van Oldambt leeft korter.")
    listed = lexicon.find("Oldambt", list_context=True)
    assert [m.entry.kind for m in running] == ["gebied"]
    assert listed[0].entry.kind == "organisatie" and listed[0].entry.name == "Gemeente Oldambt"


def test_everyday_phrases_are_programmes_only_as_titles(lexicon):
    assert not lexicon.find("Wij leveren passende zorg aan iedereen.")
    assert lexicon.find("Passende zorg;", heading=True)[0].entry.name == "Passende zorg"


def test_unknown_organisations_are_found_by_their_head_word(lexicon):
    text = "Stichting Welzijn Oost werkt samen met Zorggroep Meander."
    names = [m.surface for m in lexicon.unknown_organisations(text, lexicon.find(text))]
    assert names == ["Stichting Welzijn Oost", "Zorggroep Meander"]
    assert guess_type("Zorggroep Meander") == "huisartsenzorg"
    assert guess_type("Stichting Welzijn Oost") == "welzijn"


@given(st.sampled_from(SAME_ORGANISATION), st.sampled_from(["", "de ", "het "]), st.sampled_from([".", ",", ")", " en"]))
def test_alias_resolution_does_not_depend_on_context(pair, article, after):
    first, second = pair
    found = [LEXICON.find(f"Met {article}{name}{after} verder")[0].entry.key for name in (first, second)]
    assert found[0] == found[1]
