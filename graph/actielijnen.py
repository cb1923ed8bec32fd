"""One actielijn as a coordinator sees it: the organisations involved in its programmes (its partners),
each with its roles, the programmes it works on and the passage that says so; its trekkers are the
partners with a lead role. The page and the API get this through the façade (service/knowledge.py)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from graph.queries import PREFIX_BLOCK, property_values
from graph.store import Store
from graph.terms import sparql_iri
from ontology.vocabulary import ROLES, actielijn_iri

LEAD_ROLE = "trekker"

# one row per organisation, programme of the actielijn (interventions inherit it, graph/derive.py),
# role and passage; labels and documents are looked up per property afterwards (see graph/queries.py)
ACTIELIJN_INVOLVEMENTS = PREFIX_BLOCK + """
SELECT DISTINCT ?org ?programme ?role ?passage WHERE {
  ?programme gg:actielijn %s ; prov:qualifiedAssociation ?b .
  ?b prov:agent ?org ; prov:hadRole/skos:notation ?role ; dcterms:source ?passage .
  ?org a org:Organization .
}"""


@dataclass
class Role:
    """One role of an organisation in one programme, with the passage that states it."""
    programma: str
    programma_naam: str
    rol: str
    passage: str
    document: str
    tekst: str


@dataclass
class Partner:
    iri: str
    naam: str
    type: str
    rollen: list[str]  # its distinct roles in this actielijn, in the vocabulary's order
    programmas: int  # the number of programmes of this actielijn it works on
    betrokkenheden: list[Role] = field(default_factory=list)  # one per programme and role, with its passage


def _first(values: dict[str, list[str]], key: str) -> str:
    return values.get(key, [""])[0]


def actielijn_partners(store: Store, number: int) -> list[Partner]:
    """The organisations involved in programmes of actielijn ``number``, most programmes first. Each
    programme and role is cited once (its first passage in document order)."""
    rows = store.select(ACTIELIJN_INVOLVEMENTS % sparql_iri(str(actielijn_iri(number)))).rows
    cited: dict[tuple[str, str, str], str] = {}
    for row in sorted(rows, key=lambda r: r["passage"] or ""):
        cited.setdefault((row["org"] or "", row["programme"] or "", row["role"] or ""), row["passage"] or "")
    organisations = {org for org, _, _ in cited}
    programmes = {programme for _, programme, _ in cited}
    passages = set(cited.values())
    org_labels = property_values(store, organisations, "rdfs:label")
    org_types = property_values(store, organisations, "org:classification/skos:prefLabel")
    programme_labels = property_values(store, programmes, "rdfs:label")
    texts = property_values(store, passages, "nif:anchorOf")
    documents = property_values(store, passages, "dcterms:isPartOf/dcterms:identifier")
    roles: dict[str, list[Role]] = {}
    for (org, programme, role), passage in cited.items():
        roles.setdefault(org, []).append(Role(programme, _first(programme_labels, programme), role, passage,
                                              _first(documents, passage), _first(texts, passage)))
    partners = []
    for org, found in roles.items():
        found.sort(key=lambda r: (r.programma_naam.lower(), _role_order(r.rol)))
        partners.append(Partner(org, _first(org_labels, org), _first(org_types, org),
                                sorted({r.rol for r in found}, key=_role_order), len({r.programma for r in found}), found))
    partners.sort(key=lambda p: (-p.programmas, p.naam.lower(), p.iri))
    return partners


def _role_order(role: str) -> int:
    return ROLES.index(role) if role in ROLES else len(ROLES)


def leads(partners: list[Partner]) -> list[Partner]:
    """The partners with a lead role (trekker), each with only its lead roles."""
    found = []
    for partner in partners:
        lead = [r for r in partner.betrokkenheden if r.rol == LEAD_ROLE]
        if lead:
            found.append(replace(partner, rollen=[LEAD_ROLE], programmas=len({r.programma for r in lead}), betrokkenheden=lead))
    return found
