"""What extraction finds in one document: entities and the relations between them, each with the
passage it was read from. ``ingest.to_rdf`` turns these into triples."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.layout import Passage
from ingest.lexicon import Entry


@dataclass(frozen=True)
class EntityFact:
    entry: Entry
    passage: Passage
    surface: str
    confidence: float = 0.95


@dataclass(frozen=True)
class InvolvementFact:
    programme: Entry
    agent: Entry  # organisatie or persoon
    role: str
    passage: Passage
    theme: str = ""
    status: str = "besloten"  # besloten | voorgesteld ("Het voorstel is om ... te beleggen bij ...")
    confidence: float = 0.9


# who takes one of these roles in a network is a member of it (a financier excepted); the trekker, uitvoerder or financier
# of a network keeps its role as the membership's function (org:role)
NETWORK_ROLES = frozenset({"trekker", "uitvoerder", "financier"})


@dataclass(frozen=True)
class MembershipFact:
    member: Entry  # persoon or organisatie
    organisation: Entry
    passage: Passage
    function: str = ""
    confidence: float = 0.9


@dataclass(frozen=True)
class ActielijnFact:
    programme: Entry
    number: int
    passage: Passage


@dataclass(frozen=True)
class PartOfFact:
    child: Entry
    parent: Entry
    passage: Passage


@dataclass(frozen=True)
class MoveFact:
    programme: Entry
    to_number: int
    passage: Passage


@dataclass(frozen=True)
class RelatedFact:
    first: Entry
    second: Entry
    passage: Passage


@dataclass(frozen=True)
class ThemeFact:
    subject: Entry
    theme: str
    passage: Passage


@dataclass(frozen=True)
class AreaFact:
    subject: Entry
    area: Entry
    passage: Passage


@dataclass(frozen=True)
class GoalFact:
    kind: str  # ambitie | doelstelling
    indicator: str
    passage: Passage
    year: int | None = None
    data_source: str = ""
    opgave: Entry | None = None
    actielijn: int | None = None
    theme: str = ""


@dataclass
class Extraction:
    """Everything read from one document."""

    doc_slug: str
    passages: list[Passage]
    entities: list[EntityFact] = field(default_factory=list)
    involvements: list[InvolvementFact] = field(default_factory=list)
    memberships: list[MembershipFact] = field(default_factory=list)
    actielijnen: list[ActielijnFact] = field(default_factory=list)
    part_of: list[PartOfFact] = field(default_factory=list)
    moves: list[MoveFact] = field(default_factory=list)
    related: list[RelatedFact] = field(default_factory=list)
    themes: list[ThemeFact] = field(default_factory=list)
    areas: list[AreaFact] = field(default_factory=list)
    goals: list[GoalFact] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
