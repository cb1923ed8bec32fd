"""The domain vocabulary in one place: the kinds of entity with their classes and URL plurals, the roles,
the organisation types, the actielijnen, and the minting of IRIs (one function per IRI kind). The
ontology (ontology/gezond-groningen.ttl) holds roles, organisation types and actielijnen as SKOS
concepts; tests/test_vocabulary.py checks these tuples against it, so the two cannot drift apart."""

from __future__ import annotations

import hashlib
import re

from rdflib import URIRef

from ontology.namespaces import GGID

# URL kind (Dutch, as in the IRIs) -> RDF classes of the entities with an overview page
ENTITY_CLASSES: dict[str, tuple[str, ...]] = {
    "organisatie": ("org:Organization",),
    "persoon": ("foaf:Person",),
    "programma": ("gg:Programma", "gg:Interventie"),
    "actielijn": ("gg:Actielijn",),
    "thema": ("gg:Thema",),
    "doel": ("gg:Ambitie", "gg:Doelstelling"),
    "opgave": ("gg:Opgave",),
    "gebied": ("gg:Gemeentegebied", "gg:Wijk", "gg:Gebied"),
    "document": ("gg:Document",),
}
# the list of a kind is at /<plural> (pages) and /api/<plural>
PLURALS = {
    "organisaties": "organisatie", "personen": "persoon", "programmas": "programma", "actielijnen": "actielijn",
    "themas": "thema", "doelen": "doel", "opgaven": "opgave", "gebieden": "gebied", "documenten": "document",
}
# gg:Rollen, in the ontology's order (what forms and error messages offer)
ROLES = ("trekker", "partner", "uitvoerder", "financier", "contact")
# gg:OrganisatieTypen (skos:notation)
ORGANISATION_TYPES = (
    "gemeente", "zorgverzekeraar", "ziekenhuis", "publieke-gezondheid", "huisartsenzorg", "welzijn",
    "ouderenzorg", "ggz-verslavingszorg", "onderwijs-kennis", "sport", "inwonersorganisatie",
    "netwerk-coalitie", "bedrijf", "overheid", "overig",
)
# the nouns that end Dutch organisation names written as one word: Huisartsenpraktijk, Sportbedrijf, Zonnehuisgroep
ORGANISATION_NOUNS = (
    "stichting", "vereniging", "praktijk", "kring", "bedrijf", "centrum", "fonds", "groep", "corporatie",
    "netwerk", "ziekenhuis", "apotheek", "thuiszorg", "school", "college", "academie", "instituut", "bond",
    "kantoor", "bureau", "handel", "coalitie", "alliantie", "coöperatie", "team", "tafel",
)
# how a text refers to an organisation without its name: the document's own "we" (its speaker) and a common noun
# for the one such organisation named before ("de gemeente", "het college", "het sportbedrijf"); ingest/extract.py
# resolves them, graph/review.py highlights them in the passage a fact was read from
FIRST_PERSON_RE = re.compile(  # the subject and "onze stichting", not "onze inzet" (what someone else pays for)
    r"\b(?:[Ww]e|[Ww]ij|[Oo]nze\s+(?:stichting|organisatie|vereniging|instelling|gemeente))\b")
ORGANISATION_REFERENCE_RE = re.compile(
    rf"\b(?:[Dd]e|[Hh]et)\s+(?P<head>gemeente|college|\w*(?:{'|'.join(ORGANISATION_NOUNS)}))\b(?!\s+[A-ZÀ-Þ])")
# gg:Actielijnen (gg:nummer); "regio" is the region as a whole, for gaps that belong to no actielijn
ACTIELIJNEN = (1, 2, 3, 4, 5)
ACTIELIJN_CHOICES = (*map(str, ACTIELIJNEN), "regio")


def digest(*parts: str) -> str:
    """The stable key of an IRI minted from its parts (16 hex digits of SHA-1 over the parts, joined by US)."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def involvement_iri(programme: str, agent: str, role: str) -> URIRef:
    """The IRI of an involvement (gg:Betrokkenheid): the same for a document, a write and an import."""
    return GGID[f"betrokkenheid/{digest(programme, agent, role)}"]


def actielijn_iri(number: int | str) -> URIRef:
    return GGID[f"actielijn/{number}"]


def iri_of(kind: str, key: str) -> str:
    """The IRI of an entity of ``kind`` (a key of ENTITY_CLASSES) with this key (its slug)."""
    return f"{GGID}{kind}/{key}"
