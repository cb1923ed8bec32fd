"""List filters find an entity by any of its names (issue 13: /api/organisaties?q=HANNN)."""

from __future__ import annotations

from graph.entities import list_entities
from graph.store import Store


def test_an_alias_finds_the_organisation(kg: Store):
    page = list_entities(kg, "organisatie", q="HANNN")
    assert [item["naam"] for item in page.items] == ["Healthy Ageing Netwerk Noord-Nederland"]
    assert page.total == 1


def test_a_part_of_the_name_still_finds_it(kg: Store):
    names = {item["naam"] for item in list_entities(kg, "organisatie", q="ziekenhuis", limit=100).items}
    assert {"Martini Ziekenhuis", "Ommelander Ziekenhuis Groningen"} <= names
