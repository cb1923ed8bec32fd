"""Programme profiles read from the graph: actielijnen, partners, themes, passages, moves, parents.
Overlap and gap detection both start from these."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from graph.queries import PREFIX_BLOCK
from graph.store import Store

PROFILE_ROWS = PREFIX_BLOCK + """
SELECT DISTINCT ?p ?label ?line ?agent ?agentLabel ?agentKind ?role ?theme ?passage ?passageKind ?parent ?moved WHERE {
  ?p a gg:Programma ; rdfs:label ?label .
  { ?p gg:actielijn/gg:nummer ?line }
  UNION { ?p prov:qualifiedAssociation ?b . ?b prov:agent ?agent ; prov:hadRole/skos:notation ?role . ?agent rdfs:label ?agentLabel .
          OPTIONAL { ?agent a org:Organization . BIND("organisatie" AS ?orgKind) } BIND(COALESCE(?orgKind, "persoon") AS ?agentKind) }
  UNION { ?p dcterms:subject/skos:prefLabel ?theme }
  UNION { ?p dcterms:source ?passage . ?passage dcterms:type ?passageKind }
  UNION { ?p dcterms:isPartOf ?parent . ?parent a gg:Programma }
  UNION { ?m gg:programma ?p ; gg:naarActielijn ?to . BIND(true AS ?moved) }
}"""


@dataclass
class Programme:
    iri: str
    label: str
    actielijnen: set[int] = field(default_factory=set)
    organisations: dict[str, str] = field(default_factory=dict)  # iri -> label
    persons: dict[str, str] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # role -> agent labels
    themes: set[str] = field(default_factory=set)
    passages: dict[str, str] = field(default_factory=dict)  # passage iri -> passage kind
    parents: set[str] = field(default_factory=set)
    moved: bool = False

    @property
    def partners(self) -> set[str]:
        return set(self.organisations) | set(self.persons)


def programme_profiles(store: Store) -> dict[str, Programme]:
    profiles: dict[str, Programme] = {}
    for row in store.select(PROFILE_ROWS).rows:
        iri = row["p"] or ""
        profile = profiles.setdefault(iri, Programme(iri, row["label"] or ""))
        if row["line"]:
            profile.actielijnen.add(int(row["line"]))
        if row["agent"]:
            target = profile.organisations if row["agentKind"] == "organisatie" else profile.persons
            target[row["agent"]] = row["agentLabel"] or ""
            profile.roles[row["role"] or "partner"].add(row["agentLabel"] or "")
        if row["theme"]:
            profile.themes.add(row["theme"])
        if row["passage"]:
            profile.passages[row["passage"]] = row["passageKind"] or ""
        if row["parent"]:
            profile.parents.add(row["parent"])
        if row["moved"]:
            profile.moved = True
    return profiles
