"""Every organisation in the corpus graph is a name, not a sentence fragment or heading."""

from __future__ import annotations

import re

from graph.store import Store
from ontology.namespaces import PREFIXES

LINK_WORDS = {"van", "de", "der", "den", "het", "voor", "en", "in", "op", "aan", "bij", "&", "of", "the", "and", "for", "zu"}
SENTENCE_STARTS = {"Een", "In", "Te", "Om", "Met", "Voor", "Bij", "Door", "Dit", "Deze", "Dat", "Die", "We", "Wij", "Zo", "Ook"}
# found on main before issue 13; each must stay gone
KNOWN_FRAGMENTS = {
    "Een cultuurveranderingstraject gericht op positieve gezondheid", "In te zetten op domeinoverstijgende samenwerking",
    "Verhogen van de beroepsvitaliteit", "Nic.", "Vereniging Groninger", "Gezinssysteem",
}


def organisation_labels(store: Store) -> dict[str, list[str]]:
    rows = store.select(
        f"PREFIX org: <{PREFIXES['org']}> PREFIX rdfs: <{PREFIXES['rdfs']}> PREFIX skos: <{PREFIXES['skos']}> "
        "SELECT ?o ?label ?alt WHERE { ?o a org:Organization ; rdfs:label ?label . OPTIONAL { ?o skos:altLabel ?alt } }"
    ).rows
    labels: dict[str, list[str]] = {}
    for row in rows:
        labels.setdefault(row["label"] or "", []).extend([row["alt"]] if row["alt"] else [])
    return labels


def why_not_a_name(label: str, corpus_text: str, curated: frozenset[str] = frozenset()) -> str:
    """'' for a name; else what gives the label away as a fragment. ``curated`` names (the seed
    list, written by people) may be everyday words ('Inbegrepen')."""
    if label in curated:
        return ""
    words = label.split()
    if words[0] in SENTENCE_STARTS:
        return "begint als een zin"
    content = [w for w in words[1:] if w[:1].islower() and w not in LINK_WORDS and len(w) > 3]
    if content:
        return f"bevat gewone woorden ({', '.join(content)})"
    if len(words) == 1 and label.endswith(".") and label.count(".") == 1:
        return "afgebroken woord"
    last = words[-1]
    stem = last[:-2]
    if len(words) >= 2 and re.fullmatch(r"[A-Z][a-z]+(?:er|se)", last) and re.search(rf"\b(?:{stem}en|{stem})\b", corpus_text):
        return f"eindigt op een bijvoeglijk naamwoord van een plaats ({last})"  # "Vereniging Groninger"
    if len(words) == 1 and label not in curated and re.search(rf"(?<![\w-]){re.escape(label.lower())}(?![\w-])", corpus_text):
        return "staat elders in het corpus als gewoon woord (kleine letter)"
    return ""


def test_every_organisation_label_is_a_name(kg: Store, corpus_dir, lexicon):
    corpus_text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(corpus_dir.glob("*.txt")))
    labels = organisation_labels(kg)
    assert len(labels) > 80
    curated = frozenset(entry.name for entry in lexicon.entries if entry.kind == "organisatie")
    fragments = {label: reason for label in labels if (reason := why_not_a_name(label, corpus_text, curated))}
    assert fragments == {}
    assert not (KNOWN_FRAGMENTS | {"Stichting Kinderopvang Stad"}) & set(labels)


def test_sksg_is_one_organisation(kg: Store):
    labels = organisation_labels(kg)
    sksg = [label for label, alts in labels.items() if "SKSG" in alts or "Kinderopvang" in label]
    assert sksg == ["Stichting Kinderopvang Stad Groningen"]


def test_the_name_check_catches_the_fragments_of_main():
    text = "het gezinssysteem en de stad Groningen"
    assert all(why_not_a_name(label, text) for label in KNOWN_FRAGMENTS)
    assert not any(why_not_a_name(label, text) for label in ("De Noorderbrug", "Korfbalvereniging Nic.", "vv Helpman", "Huis voor de Sport Groningen"))
