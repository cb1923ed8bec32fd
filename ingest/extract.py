"""Rule-based extraction: passages -> entities and relations, each tied to its passage.

The rules read structure that documents of this kind share:

- an actielijn heading or list intro ("Actielijn 2 kent 8 programma's:") followed by lines that
  name programmes puts those programmes in that actielijn; a page break or an unrelated heading
  ends that context;
- "X wordt (een) onderdeel van actielijn N" moves X to actielijn N;
- "In actielijn N ... X, Y" puts X and Y in actielijn N;
- "P: A, B en C" (a programme followed by programmes) makes A, B, C part of P; an intervention
  heading below a programme heading is part of it;
- in a sentence about a programme, organisations and persons take the role of the nearest cue word
  (trekker, belegd bij, uitgevoerd door, gefinancierd door, samenwerking, ...);
- the items of a list introduced by "X:" are partners of X (members, when X is a network);
- goals: sentences with a year and a measure; their opgave comes from the section they stand in.
"""

from __future__ import annotations

import bisect
import re
import time
from dataclasses import dataclass, field

from ingest.facts import (
    NETWORK_ROLES,
    ActielijnFact,
    AreaFact,
    EntityFact,
    Extraction,
    GoalFact,
    InvolvementFact,
    MembershipFact,
    MoveFact,
    PartOfFact,
    RelatedFact,
    ThemeFact,
)
from ingest.introduced import ACTION_TABLE_RE, ARTICLE_RE, COLLABORATION_CUE, LOCAL_FORM_CUE, heading_title, introduced_organisations, introduced_programmes
from ingest.layout import TABLE_ROW_RE, Passage, cell_name_and_note, first_column, join_lines, strip_marker, table_rows
from ingest.lexicon import Entry, Lexicon, Mention, guess_type
from ingest.mentions import GENERIC_KIND_WORDS, KIND_RE, NETWORK_WORDS, Proposer, SeenOrganisations, is_reference, name_like
from ingest.persons import PersonMention, find_contacts, find_persons
from ingest.sources import DocumentTooLarge
from ontology.vocabulary import FIRST_PERSON_RE, ORGANISATION_REFERENCE_RE, ROLES

TABLE_CELL_REACH = 60  # characters either side of a name in a flattened table: its row and the cells beside it


class ExtractionTooSlow(DocumentTooLarge):
    """Reading the facts of an uploaded document took longer than its time limit."""


ROLE_CUES: tuple[tuple[str, str], ...] = (
    ("trekker", r"trekkers?|getrokken|trekt|(?:de\s+kar\s+)?trekken|penvoer\w*|voortouw|belegd bij|beleggen bij|opgepakt door|aanspreekpunt|projectleid\w*|regisseur|"
                r"hoofdaanvrager|(?<!\buw\s)(?<!\bonze\s)aanvraag|aanvrager(?=\s*:)|(?:is|zijn)\s+(?:de\s+)?aanvrager|(?<=\bals\s)aanvrager|eindverantwoordelijk|voorzitterschap|(?:is|wordt|zijn)\s+(?:de\s+)?voorzitter|coördineert|coördineerde|coördineerden|gecoördineerd|coördinatie\s+(?:\w+\s+){0,4}?(?:ligt|is|wordt|komt\s+te\s+liggen)\s+bij|"
                r"onder leiding van|leidt|leidde|leidden|geleid\s+door|trok|trokken|coördinatie(?=\s*:)|coördinatie\s+door|coördinatie\s+(?:\w+\s+){0,4}in\s+handen|"
                r"(?:heeft|hebben|had|houdt|neemt)\s+de\s+coördinatie\b|de\s+coördinatie\s+(?:heeft|hebben|had)\b|"
                r"(?:is|zijn|wordt|worden)\s+(?:\w+\s+)?verantwoordelijk\s+voor|(?:heeft|hebben|neemt|nemen)\s+de\s+leiding|"
                r"ondergebracht bij|regie|led by|lead|organiseert|organiseren|organiseerde|organiseerden|(?:heeft|hebben|had|hadden)\s+de\s+organisatie\b"),
    ("financier", r"gefinancierd|financier\w*|subsidie\w*|bekostig\w*|gesubsidieerd|betaal\w*|betalen|toegekend|kent\s+[^.;]{0,60}?\btoe\b|"
                  r"kosten\s+(?:\([^)]*\)\s+)?(?:delen|deelt|dragen|draagt|voor\s+(?:hun|zijn|haar)\s+rekening)|"
                  r"stel(?:t|len)\s+[^;]{0,80}?(?:middelen|geld|budget|euro|€\s?\d)[^;]{0,15}?\bbeschikbaar|"
                  r"(?:middelen|geld|budget)\s+beschikbaar\s+stel\w*|dra(?:agt|gen)\s+(?:\w+\s+){0,4}?bij\s+(?:met\s+(?:€|EUR|\d)|aan\s+(?:de\s+)?(?:exploitatie|kosten|financiering))|"
                  r"bijdrage\s+van\s+(?:€|EUR|\d)|(?:dankzij|met)\s+(?:een\s+)?(?:financiële\s+)?bijdrage\s+(?:van|uit)|financiële\s+(?:bijdrage|steun)|(?:worden|wordt)\s+gedragen\s+door|mogelijk\s+gemaakt\s+door|\w*(?:budget|geld|middelen)\s+(?:\w+\s+){0,4}?(?:wordt|werd|worden|werden)\s+beschikbaar\s+gesteld\s+door|"
                  r"leg(?:t|gen)\s+(?:\w+\s+){0,3}?(?:€\s?|EUR\s)?\d[\d.]*\s+(?:euro\s+)?bij\b"),
    ("uitvoerder", r"ge(?:eft|ven|af|aven)\s+(?:\w+\s+){0,3}?\w*(?:lessen|les|trainingen|training|bijeenkomsten|cursus|cursussen|workshops?)\b|"
                   r"zorg(?:t|en)\s+voor|verzorg\w*|gegeven\s+door|(?:de\s+)?uitvoering\s+(?:\w+\s+){0,5}?(?:beleggen|belegd|leggen)\s+bij|"
                   r"uitgevoerd door|uitvoer\w*|onder begeleiding|begeleid\w*|aan de slag|voert\b|"
                   r"lever(?:t|en)\s+(?:de\s+)?(?:menskracht|begeleiding|trainers|docenten|coaches)\b|"
                   r"(?:voeren|voerde|voerden)\s+(?:\w+\s+){0,6}?uit\b"),
    ("contact", r"contactperso\w*|contact op met"),
    ("partner", r"samen\w*|(?:kennis|onderzoeks|samenwerkings)?partner\w*|werkgroep|vertegenwoordigd|betrokken|aangesloten|verbinding|coalitie|"
                r"deelnem\w*|(?:neemt|nemen|nam|namen)\s+(?:\w+\s+){0,4}?deel\b|stuurgroep|kernteam|verenigd|verantwoordelijk|leden|lid|members?|evalueert|onderzoekt|"
                r"handen ineen|together|levert|initiatief\s+(?:komt\s+)?van|dank\s+(?:ook\s+)?aan|breng(?:t|en)\s+(?:de\s+|hun\s+)?(?:kennis|expertise)\s+in|"
                r"helpen\s+(?:mee|bij|met)\b|helpt\s+(?:mee|bij|met)\b|"
                r"(?:(?:werk|doe)(?:t|n|en)|werkte|werkten|deed|deden)\s+(?:\w+\s+){0,3}?mee\b|mee(?:doe|werk|denk)\w*|aansluit\w*|deelneem\w*|stel(?:t|len)\s+[^;.]{0,80}?\bbeschikbaar|sluit(?:en)?\s+aan\b|aan\s+te\s+sluiten|zit(?:ten)?\b|onderteken\w*|tekend\w*|teken(?:t|en)\b|denk(?:t|en)\s+(?:\S+\s+){0,8}?mee\b|ondersteun\w*|adviseer\w*"),
)
CUE_RE = re.compile("|".join(f"(?P<{role}>\\b(?:{pattern}))" for role, pattern in ROLE_CUES), re.IGNORECASE)
STATUS_PROPOSED_RE = re.compile(r"\bvoorstel\b|voorgesteld|stellen\s+voor|stelt\s+voor\s+(?:om|dat)\b|proposal|proposed|wordt\s+overwogen|"
                                r"\bzou(?:den)?\s+graag\b|\bverkenn?(?:en|ing)\b|\bvra(?:agt|gen)\s+[^.;]{0,60}?\bom\s+[^.;]{0,50}?\bte\s+\w+",
                                re.IGNORECASE)
COLLABORATION_OF_RE = re.compile(rf"\b{COLLABORATION_CUE}", re.IGNORECASE)
MEMBER_OF_RE = re.compile(r"\b(?:lid\s+van|aangesloten\s+bij|member\s+of|maakt\s+deel\s+uit\s+van)\b", re.IGNORECASE)
WORD_RE = re.compile(r"\w+")
HEADING_NUMBER_RE = re.compile(r"^\s*(\d{1,2})(?:[.)]|\s{1,2}(?=[A-ZÀ-Þ]))")  # "3.", "3)" or "3 " before a title
INSTRUMENT_WORDS = frozenset({"via", "naar", "door", "met"})  # "… worden via Welzijn op Recept verwezen": a programme named on the way
RELATION_WORDS = frozenset({"bij", "aan", "op"})  # "sluit aan bij Welzijn op Recept": related to, not about
WHO_TAKES_PART_RE = re.compile(r"\bwie\s+(?:doen|doet|werken|werkt)\s+(?:er\s+)?mee\b|\bbetrokken\s+(?:partijen|organisaties)\b", re.IGNORECASE)
ITEM_VERB_REACH = 20  # characters between an item's organisation and the verb that gives its role ("Menzis betaalt …")
ITEM_ROLE_RE = re.compile(r"^\s*[(,:–-]\s*(?:als\s+)?\w+\)?\s*$")  # "(trekker)", ", financier", "– uitvoerder" after the name
ATTENDANCE_RE = re.compile(r"^\s*(?:aanwezig|afwezig(?:\s+met\s+(?:bericht|kennisgeving))?|deelnemers|present|absent)\s*:", re.IGNORECASE)
NEXT_LABEL_RE = re.compile(r"^\s*[A-ZÀ-Þ][^:,()]{0,40}:")  # "Te gast bij punt 3:" ends the attendance list
WHAT_EACH_BRINGS_RE = re.compile(r"\bwie\s+doet\s+wat\b|\b(?:brengt|brengen)\s+(?:ieder|iedereen|elke\s+partner)\b|\binbreng\b|\bbijdragen\s+van\b|\brollen\b",
                                 re.IGNORECASE)  # a heading over "- **Org**: what it does"
ITEM_TITLE_DASH_RE = re.compile(r"\**\s*(?:\([^)]{1,40}\)\s*)?[–—:-]\s+")  # "**Naam** (Plaats) – …", "Welzijn op Recept: …"
WHOLE_BEFORE_RE = re.compile(r"\b(?:binnen|onder de vlag van)\s+(?:het\s+programma\s+|de\s+aanpak\s+)?$", re.IGNORECASE)
LABEL_ORGANISATION_RE = re.compile(r"^\W*[^:;.]{2,70}?\**\s*:\s+")  # "**Gemeente Eemsdelta**: …" as a list item
SUBJECT_LINE_RE = re.compile(r"^\W*(?:onderwerp|betreft|subject)\s*:", re.IGNORECASE)
REPRESENTED_BY_RE = re.compile(r"[^;.]{0,80}?\bvertegenwoordigd\s+door\s+(?:\w+\.\s+)?", re.IGNORECASE)  # an agreement's party
QUESTION_RE = re.compile(r"\bvra(?:agt|gen|ag)\s+(?:\w+\s+){0,3}?of\b(?P<clause>[^.;?]*)", re.IGNORECASE)  # "vraagt of X kan meedoen"
NEGATED_CUE_RE = re.compile(r"\b(?:niet|geen|nooit)\s+(?:meer\s+)?$", re.IGNORECASE)
NETWORK_REFERENCE_RE = re.compile(r"\b(?:het|dit|ons|onze|de|deze)\s+(?:netwerk|coalitie|samenwerkingsverband|stuurgroep|overleg|platform)\b",
                                  re.IGNORECASE)
NETWORK_OBJECT_RE = re.compile(r"\b(?:voor|van|in|bij|aan)\s+(?:(?:de|het)\s+)?$", re.IGNORECASE)  # "… ondertekenden het convenant voor de Wijkcoalitie X"
NETWORK_BACK_RE = re.compile(r"^(?:daarin|hierin|daarbinnen|hierbinnen|in\s+(?:dit|dat|het|deze)\s+(?:netwerk|samenwerkingsverband|coalitie|overleg)"
                             r"|aan\s+tafel\s+(?:zitten|zit)|daaraan\s+nemen\s+deel)\b",
                             re.IGNORECASE)  # a sentence about the network the one before named
ROLE_OPENING_RE = re.compile(r"^(?:de\s+)?(?:trekkers?|partners?|deelnemers|leden|uitvoerders?)\s+(?:is|zijn)\b", re.IGNORECASE)
SUBJECT_WORDS = 3  # a programme named after at most this many words opens its sentence ("Binnen Beweegzorg Noord gaan …")
# "X is (een) onderdeel van Y", "X maakt deel uit van Y", "X valt onder het programma Y"
PART_NOTE_RE = re.compile(r"\b(?:onderdeel|deel)\s+van\b|\bbinnen\b|\bvalt\s+onder\b", re.IGNORECASE)  # "(onderdeel van JOGG)" in a cell
PART_OF_RE = re.compile(r"\b(?:is|zijn|vormt|vormen|wordt|worden)\s+(?:een\s+)?onderdeel\s+van\b|\bonderdeel\s+(?:is|wordt)\s+van\b"
                        r"|\bmaak?t\s+(?:een\s+)?deel\s+uit\s+van\b"
                        r"|\b(?:valt|vallen)\s+onder\b|\bhoort\s+bij\s+(?:het\s+programma|de\s+(?:ketenaanpak|aanpak|coalitie))\b"
                        r"|,\s*(?:een\s+)?onderdeel\s+van\b"  # "Het project Kanjers in de Kantine, onderdeel van JOGG, …"
                        r"|\bals\s+(?:een\s+)?(?:\w+\s+)?onderdeel\s+van\b"  # "X is opgezet als lokaal onderdeel van Y"
                        r"|\b(?:is|als)\s+(?:\w+\s+)?(?:een\s+)?(?:deelproject|deelprogramma)\s+van\b"  # "is bedoeld als deelproject van"
                        rf"|\b{LOCAL_FORM_CUE}\b"  # "X is de wijkuitwerking van de JOGG-aanpak"
                        r"|\b(?:is|wordt)\s+(?:\w+\s+){0,4}?opgenomen\s+in\b"  # "is in 2026 opgenomen in de ketenaanpak X"
                        r"|\bis\s+(?:een|het)\s+(?:\w+\s+)?(?:programma|project|deelproject)\s+binnen\b", re.IGNORECASE)
FUNDING_INTRO_RE = re.compile(r"^\W*(?:dekking|financiering|bekostiging|financiers|cofinanciering)\b[^:]{0,40}:\W*$", re.IGNORECASE)
PARTNERS_SECTION_RE = re.compile(r"^\W*(?:\d[\d.]*\s+)?(?:onze\s+|de\s+)?(?:samenwerkings)?partners\b|\bbetrokken\s+(?:partijen|organisaties)\b",
                                 re.IGNORECASE)
PROPOSAL_RE = re.compile(r"^\W*(?:project|raads|college)?voorstel\b|^\W*subsidieaanvraag\b|\bstatus\W{0,4}:?\W{0,4}(?:concept|voorstel|ter\s+besluitvorming)\b",
                         re.IGNORECASE | re.MULTILINE)
PARTS_LABEL_RE = re.compile(r"\b(?:programma[’']?s|projecten|onderdelen|interventies|deelprojecten)\s*$", re.IGNORECASE)
# "Binnen JOGG draait het project X": a project named in a sentence that opens inside a programme is part of it
WITHIN_RE = re.compile(r"(?:^\W*|\s)[Bb]innen\s+")  # then the programme (or "het programma" that refers to it)
PROJECT_KIND_WORDS = ("project", "pilot", "deelproject", "cursus", "training")
# a sentence that opens with a reference to the section's programme
REFERENCE_SUBJECT_RE = re.compile(r"^(?:het|dit|ons|deze)\s+(?:project|programma|initiatief|aanpak|interventie|loket)\b", re.IGNORECASE)
PARTS_RE = re.compile(r"\b(?:projecten|pilots|projects|deelprojecten|opgezet|gestart|start)\b", re.IGNORECASE)
BOLD_RE = re.compile(r"\*\*(?P<text>[^*]+?)\*\*")
NOT_PARTNERS_RE = re.compile(r"thema|doelen|doelstelling|activiteiten|speerpunt|pijler|stappen|ambities|onderwerpen|acties", re.IGNORECASE)
LABEL_LINE_RE = re.compile(r"^(?:\*\*)?[\w ]{2,30}\s*:\s*(?:\*\*\s*)?\S")  # also in bold: "**Indiener:** X"
LABEL_START_RE = re.compile(r"^(?:\*\*)?[A-ZÀ-Þ][\w-]*(?:\s+[\w-]+){0,2}\s*:\s*(?:\*\*\s*)?\S")  # "Partners: …", "Penvoerder: …" at the start of a line
WHO_HEADER_RE = re.compile(r"^\W*(?:partners?|organisaties?|partij(?:en)?|wie|deelnemers?|betrokkenen)\W*$", re.IGNORECASE)
ROLE_HEADER_RE = re.compile(r"^\W*(?:rol|taak|taken|bijdrage|inzet|verantwoordelijkheid|wat)\b", re.IGNORECASE)  # "Rol in het project"
TABLE_PROGRAMME_RE = re.compile(r"project|programma|pilot|initiatief|programme", re.IGNORECASE)
GROUP_SUBJECT_RE = re.compile(r"^(?:(?:de|alle|deze)\s+)?(?:partijen|partners|ondertekenaars|deelnemers)\b", re.IGNORECASE)
RELATION_CUE_RE = re.compile(r"verbinding|samenhang|in samenwerking met|aansl\w+ bij|koppeling", re.IGNORECASE)
ACTIELIJN_RE = re.compile(r"\b[Aa]k?c?tielijn\s+(\d)(?!\s*(?:,|en)\s*\d)\b")
ACTIELIJN_ANY_RE = re.compile(r"\b[Aa]k?c?tielijn(?:en)?\s+\d")
# "in actielijn 2", "valt onder actielijn 2", "hoort bij actielijn 1": what the sentence is about belongs to that actielijn
IN_ACTIELIJN_RE = re.compile(r"\b(?:(?:in|binnen|onder)\s+|(?:hoort|horen|valt|vallen)\s+(?:bij|onder)\s+)a[ck]tielijn\s+\d", re.IGNORECASE)
# an introduction: "de drie projecten waarmee wij bijdragen aan actielijn 2"
CONTRIBUTES_RE = re.compile(r"\b(?:bijdragen|bijdraagt|dragen\s+bij|draagt\s+bij|werken|werkt)\s+aan\s+a[ck]tielijn\s+\d", re.IGNORECASE)
NUMBERED_ACTIELIJN_RE = re.compile(r"^(?:actielijn\s+)?(?P<num>\d{1,2})\s*[.,]?\s*(?P<name>.*)$", re.IGNORECASE)
MOVE_RE = re.compile(r"wordt\s+(?:een\s+)?onderdeel\s+van\s+actielijn\s+(?P<num>\d)", re.IGNORECASE)
# a sentence ends at . ! ? ; before a capital, not after an initial or a title ("drs. K.L. Mulder", "dhr. P. Bakker")
SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?;])(?<!\b[A-ZÀ-Þ]\.)(?<!\bdrs\.)(?<!\bdr\.)(?<!\bmr\.)(?<!\bir\.)(?<!\bing\.)"
                               r"(?<!\bprof\.)(?<!\bdhr\.)(?<!\bmevr\.)\s+(?=[A-ZÀ-Þ‘'“(\d])")
MEMBERS_HEADING_RE = re.compile(r"^\W*(?:onze\s+)?(?:leden|deelnemers|partners|aangesloten\s+(?:partijen|organisaties))\W*$", re.IGNORECASE)
PARTNER_LIST_RE = re.compile(
    r"partner|organisaties|partijen|aangesloten|deelnemers|leden|samenwerking|coalitie|netwerk|overleg|aan tafel",
    re.IGNORECASE,
)
NAME_COLON_RE = re.compile(r"^\s*[^\s:][^:]{1,60}:\s*$")  # "Kansrijke start:" introduces its partners
INTERVENTION_INTRO_RE = re.compile(r"volgende\s+interventies", re.IGNORECASE)
YEAR_RE = re.compile(r"\b(20[2-9]\d)\b")
GOAL_MEASURE_RE = re.compile(
    r"verminder|gedaald|daling|verdubbel|gelijk of lager|minstens|niet hoger|toename|afname|binnen de|"
    r"evenredige|minder dan|\d+\s?%|procent",
    re.IGNORECASE,
)
GOAL_TIME_RE = re.compile(r"(?:\b(?:eind|in|voor)\s+(20[2-9]\d))|(?:horizon\s+voor\s+(20[2-9]\d))", re.IGNORECASE)
DATA_SOURCE_RE = re.compile(r"\(\s*data\s+([^)]+)\)", re.IGNORECASE)
AMBITION_INTRO_RE = re.compile(r"\bvolgende\s+ambities\b[^.]*:\s*$", re.IGNORECASE)
EMAIL_RE = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
PERSON_KIND = "persoon"
MUNICIPAL_FUNCTIONS = {"wethouder", "burgemeester", "gemeentesecretaris"}
# the government a function belongs to: a wethouder to a gemeente, a gedeputeerde to a provincie
GOVERNMENT_OF_FUNCTION = {**{function: "gemeente" for function in MUNICIPAL_FUNCTIONS}, "gedeputeerde": "provincie"}
# "het fonds", "gemeente": an organisation the document named before, by its common noun (OrganisationsSeen.referred_to)
COMMON_NOUN_RE = re.compile(r"(?:(?i:de|het)\s+)?(?P<head>[a-zà-ÿ]+)")


@dataclass
class Context:
    """What the text around a passage is about, carried from passage to passage."""

    actielijn: int | None = None
    programme: Entry | None = None  # programme or intervention the current section is about
    parent: Entry | None = None  # the programme that intervention headings belong to
    opgave: Entry | None = None
    theme: str = ""
    expect_interventions: bool = False
    list_owner: Entry | None = None  # whose partners the current list names
    recent: Entry | None = None  # the programme the running text of this section last named
    parts_of: Entry | None = None  # the programme or network whose projects the text names
    # a heading that named nothing known, with the actielijn before it: when the paragraph under it
    # names a new programme by that title ("Het programma 'X' ..."), the section is that programme's
    pending_title: tuple[str, int | None] | None = None
    section_number: int | None = None  # the number of the heading that made the section the programme's ("2.")

    def reset(self, *, keep_list: bool = False) -> None:
        self.pending_title = None
        self.section_number = None
        self.actielijn = None
        self.programme = None
        self.parent = None
        self.expect_interventions = False
        self.recent = None
        if not keep_list:
            self.list_owner = None


@dataclass
class Extractor:
    lexicon: Lexicon
    result: Extraction
    proposer: Proposer
    context: Context = field(default_factory=Context)
    organisations_seen: SeenOrganisations = field(default_factory=lambda: SeenOrganisations())
    previous_organisations: list[Entry] = field(default_factory=list)  # named in the sentence before
    group: list[Entry] = field(default_factory=list)  # the parties of the last list of organisations
    _next_line: dict[tuple[str, str], str] = field(default_factory=dict)
    document_programme: Entry | None = None
    theme_hits: dict[tuple[str, str], list[Passage]] = field(default_factory=dict)
    _seen_involvements: set[tuple[str, str, str, str]] = field(default_factory=set)
    introduced: dict[str, Entry] = field(default_factory=dict)  # programmes the document names without a kind word
    subject_network: Entry | None = None  # the network the last sentence that opened with one was about
    last_network: Entry | None = None  # the network the sentence before named with its kind word
    speaker: Entry | None = None  # the organisation the document speaks for ("we", "wij"): see _speaker
    title_network: Entry | None = None  # the network the title names ("Verslag stuurgroep …"): see _attendees
    last_programme: Entry | None = None  # the programme the running text named last (headings do not forget it)

    # -- driver -------------------------------------------------------------------------------

    def run(self, deadline: float | None = None) -> Extraction:
        passages = self.result.passages
        self._next_line = _next_lines(passages)
        self.introduced = introduced_programmes(passages, self.lexicon, self.proposer, CUE_RE)
        self.document_programme = self._document_programme(passages)
        # a proposal ("# Projectvoorstel: X", "Status: concept"): every role it gives is proposed
        self.proposal = any(PROPOSAL_RE.search(passage.text) for passage in passages[:3])
        introduced = {**introduced_organisations(passages, self.lexicon, self.proposer, self.introduced), **self.introduced}
        for name, entry in introduced.items():
            self.proposer.local.setdefault(name, entry)
        for number, passage in enumerate(passages):
            if deadline is not None and time.monotonic() > deadline:
                raise ExtractionTooSlow(f"{self.result.doc_slug}: het lezen van de feiten was na passage {number} van "
                                        f"{len(passages)} nog niet klaar binnen de tijd die een upload mag kosten. "
                                        "Splits het document in delen en stuur die apart.")
            if passage.page_break and passage.kind != "table":  # a table stands inside its section
                self.context.reset(keep_list=True)
            if passage.kind == "heading":
                self._heading(passage)
            else:
                self._body(passage)
            if number == 0 or (number == 1 and self.speaker is None and FIRST_PERSON_RE.search(passage.text)):
                # the title, or a first paragraph that names one organisation and speaks as "we" ("2026 was voor
                # Stichting Welzijn Kwartier een jaar van verdieping. We hebben …")
                self.speaker = self._speaker(passage)
            if number == 0 or (number == 1 and passage.kind == "heading" and self.title_network is None):
                # the network the page is about: its title, or the heading under a generic one ("# Over ons" / "## Coalitie X")
                self.title_network = next((f.entry for f in self.result.entities if f.passage is passage
                                           and f.entry.org_type == "netwerk-coalitie"), None)
        self._assign_themes()
        self._check_corrections()
        self._title_actielijn(passages)
        return self.result

    def _attendees(self, passage: Passage) -> None:
        """Minutes of a network ("Verslag stuurgroep Vitaal Stadskanaal"): the organisations of those present,
        or absent with notice, are its members ("Aanwezig: Gerda Mulder (wethouder, Gemeente Stadskanaal), …");
        guests are not."""
        if self.title_network is None:
            return
        listed, attending = [], False
        for line in passage.lines:  # the attendance line, and the lines it wraps onto up to the next label
            text = line.text.replace("*", "")
            attendance = ATTENDANCE_RE.match(text)
            attending = attendance is not None or (attending and not NEXT_LABEL_RE.match(text))
            if attending:
                listed.append(text[attendance.end():] if attendance else text)
        attendees = " ".join(listed)
        if attendees:  # only then the organisations this passage named (every passage would make it quadratic)
            organisations = [f for f in self.result.entities if f.passage is passage and f.entry.kind == "organisatie"
                             and f.entry.key != self.title_network.key]
            for fact in organisations:
                if fact.surface and fact.surface in attendees and not any(
                        m.member.key == fact.entry.key and m.organisation.key == self.title_network.key for m in self.result.memberships):
                    self.result.memberships.append(MembershipFact(fact.entry, self.title_network, passage, confidence=0.8))

    def _speaker(self, title: Passage) -> Entry | None:
        """The one organisation (not a network) the document's title names: on its own page, in its annual
        report or letter, "we" and "wij" are that organisation ("Partner in beeld: Humanitas Oost-Groningen")."""
        named = {fact.entry.key: fact.entry for fact in self.result.entities if fact.passage is title
                 and fact.entry.kind == "organisatie" and fact.entry.org_type != "netwerk-coalitie"}
        return next(iter(named.values())) if len(named) == 1 else None

    def _title_actielijn(self, passages: list[Passage]) -> None:
        """A document whose title names one actielijn ("Verslag stuurgroep actielijn 2") places the new
        programmes it introduces there, unless the text gives them another one."""
        title = next((p for p in passages if p.kind == "heading"), None)
        numbers = {int(found[-1]) for found in ACTIELIJN_ANY_RE.findall(title.text)} if title is not None else set()
        if len(numbers) != 1:
            return
        number = numbers.pop()
        placed = {fact.programme.key for fact in self.result.actielijnen}
        for fact in self.result.entities:
            entry = fact.entry
            if entry.kind == "programma" and entry.key not in placed and self.lexicon.lookup(entry.name, "programma") is None:
                self.result.actielijnen.append(ActielijnFact(entry, number, fact.passage))
                placed.add(entry.key)

    def _document_programme(self, passages: list[Passage]) -> Entry | None:
        """The programme a document is about, by its title: a known one, or one the document introduces
        ("Factsheet: Lekker Fit Sappemeer")."""
        for passage in passages[:2]:
            for mention in self.lexicon.find(passage.lines[0].text, heading=True):
                if mention.entry.kind == "programma":
                    return mention.entry
        title = passages[0].lines[-1].text if passages and passages[0].kind == "heading" else ""
        labelled = heading_title(title) != strip_marker(title).strip()  # "Factsheet: X", not the first section's title
        if labelled and heading_title(title) in self.introduced:
            return self.introduced[heading_title(title)]
        first_line = passages[0].lines[0].text.casefold() if passages and passages[0].lines else ""
        subject = next((line.text for passage in passages[:6] for line in passage.lines if SUBJECT_LINE_RE.match(line.text)), "")
        first_line = f"{first_line}\n{subject.casefold()}"  # a letter's "Onderwerp: Beschikking subsidie X"
        for match in KIND_RE.finditer(subject):  # "Onderwerp: besluit op uw aanvraag voor het project Eerste Stapjes Winschoten"
            name = (match["plain"] or "").split("\n")[0].strip(" .,;:")
            if match["kind"].lower() in GENERIC_KIND_WORDS and name_like(name, titled=True):
                entry = self.lexicon.lookup(name, "programma") or self.introduced.setdefault(name, Entry("programma", name, programme_kind="programma"))
                return entry
        named = [entry for name, entry in self.introduced.items() if len(name) >= 8 and (found := re.search(
            rf"(?<![\w-])(?P<before>\w+\s+)?{re.escape(name.casefold())}(?![\w-])", first_line))
            and (found["before"] or "").strip() not in NETWORK_WORDS]  # not "Verslag stuurgroep Vitaal Stadskanaal"
        return named[0] if len(named) == 1 else None  # "EVALUATIE BEWEEGCOACH 60+ HOGELAND 2024-2026"

    # -- headings -----------------------------------------------------------------------------

    def _heading(self, passage: Passage) -> None:
        text = heading_title(passage.text) if passage.lines[0].numbered else strip_marker(passage.text)  # without "## "
        title = _title_text(text)
        mentions = self._entities(passage, passage.text, title=True)
        number = self._actielijn_of_title(passage.text)
        if number is not None:
            self.context.reset()
            self.context.actielijn = number
            self.context.theme = ""
            return
        programme = self._programme_of_title(title) or next(
            (m.entry for m in mentions if m.kind_word and m.entry.kind == "programma"
                                     and m.end - m.start + len(m.kind_word) + 1 >= 0.6 * len(title)), None
        )
        if programme is None and self.context.expect_interventions and passage.text.rstrip().endswith(";"):
            programme = Entry("programma", title, programme_kind="interventie")
            self._entity(programme, passage, title)
        if programme is not None:
            self._title_programme(programme, passage)
            return
        opgave = self._opgave_at_start(passage.text)
        if opgave is not None:
            self.context.opgave = opgave
            return
        number = _heading_number(passage)
        if passage.lines[0].numbered and not (number and self.context.section_number and number == self.context.section_number + 1):
            if self.context.programme is None:
                self.context.recent = None  # the next agenda item of minutes is not about the programme the last one named
            return  # a numbered sub-section ("2. Gezinssysteem" under "7. Aanpak armoede") stays in its programme
        # the next number after the programme's own ("3." after "2. Gezond Zwanger Oldambt") starts a section of its own
        theme = re.match(r"^Thema\s+\d+\s*:\s*(?P<name>.+)$", passage.text)
        before = self.context.actielijn
        self.context.reset()
        self.context.pending_title = (_fold_title(title), before)
        self.context.opgave = None
        self.context.theme = self._theme_named(theme["name"]) if theme else self._theme_named(title)

    def _section_programme(self, programmes: list[Entry], passage: Passage) -> None:
        """Under a heading that named nothing known, the first text that names a programme by the
        heading's title makes the section that programme's, in the actielijn that held before it."""
        pending = self.context.pending_title
        if pending is None or not programmes:
            return
        self.context.pending_title = None
        title, actielijn = pending
        programme = next((p for p in programmes if _fold_title(p.name) == title), None)
        if programme is not None:
            self.context.actielijn = actielijn
            self._title_programme(programme, passage)

    def _title_programme(self, programme: Entry, passage: Passage) -> None:
        ctx = self.context
        ctx.section_number = _heading_number(passage) if passage.kind == "heading" else None
        if ctx.actielijn is not None:
            self.result.actielijnen.append(ActielijnFact(programme, ctx.actielijn, passage))
        if programme.programme_kind == "interventie":
            parent_entry = ctx.parent
            correction = self.lexicon.intervention_parents.get(programme.name)
            if isinstance(correction, str):
                parent_entry = self.lexicon.lookup(correction, "programma")
            elif isinstance(correction, dict) and ctx.parent is not None and ctx.parent.name == correction.get("in_plaats_van"):
                parent_entry = self.lexicon.lookup(correction["wordt"], "programma")
            if parent_entry is not None and parent_entry.key != programme.key:
                self.result.part_of.append(PartOfFact(programme, parent_entry, passage))
        else:
            ctx.parent = programme
            ctx.expect_interventions = False
            ctx.parts_of = None  # the projects a network started before this programme's own section are not its parts
        ctx.programme = programme

    def _actielijn_of_title(self, text: str) -> int | None:
        match = NUMBERED_ACTIELIJN_RE.match(strip_marker(text) if not text[:1].isdigit() else text)
        if match:
            number, name = int(match["num"]), match["name"].strip(" .,:;")
            entry = self.lexicon.actielijn(number)
            if entry is not None:
                if re.match(r"^a[ck]tielijn\s", strip_marker(text), re.IGNORECASE):
                    return number  # "Actielijn 3", "## Actielijn 3: …": the number is said, whatever the subtitle
                lowered = name.lower()
                if lowered and any(lowered.startswith(alias.lower()) for alias in (entry.name, *entry.aliases)):
                    return number
        stripped = strip_marker(text).strip(" .,:;").lower()
        for entry in self.lexicon.entries:
            if entry.kind == "actielijn" and stripped in {entry.name.lower(), *(a.lower() for a in entry.aliases)}:
                return entry.number
        return None

    def _programme_of_title(self, title: str) -> Entry | None:
        name = heading_title(title)
        entry = self.lexicon.lookup(title, "programma") or self.introduced.get(name) or self.introduced.get(ARTICLE_RE.sub("", name))  # "3.1 De Dorpskamer"
        if entry is not None:
            return entry
        mentions = [m for m in self.lexicon.find(title, heading=True) if m.entry.kind == "programma"]
        if mentions and (mentions[0].end - mentions[0].start) >= 0.6 * len(title.strip(" ‘’'")):
            return mentions[0].entry
        return None

    def _opgave_at_start(self, text: str) -> Entry | None:
        for mention in self.lexicon.find(text[:120]):
            if mention.entry.kind == "opgave" and mention.start <= 2:
                return mention.entry
        return None

    def _theme_of(self, text: str) -> str:
        """The theme a short label is about ('Overgewicht/sport akkoord:' -> Overgewicht)."""
        hits = self.lexicon.themes_in(text)
        return max(hits, key=lambda name: hits[name]) if hits else self.context.theme

    def _theme_named(self, text: str) -> str:
        folded = text.strip(" :").lower()
        for theme in self.lexicon.themes:
            if folded == theme.name.lower() or folded in (t.lower() for t in theme.terms):
                return theme.name
        return ""

    # -- bodies -------------------------------------------------------------------------------

    def _body(self, passage: Passage) -> None:
        ctx = self.context
        if passage.kind == "table":
            self._flattened_table(passage)
            return
        if self._table(passage):
            return
        opgave = self._opgave_at_start(passage.text)
        if opgave is not None:
            ctx.opgave = opgave
        intro = lead = ""
        if passage.kind == "list":
            before_items = [line.text for line in passage.lines[: next((i for i, line in enumerate(passage.lines) if line.kind == "item"), 0)]]
            # the sentence that introduces the items, also when it wraps ("Aan de coalitie nemen" / "deel:")
            lead = join_lines(before_items)
            intro = SENTENCE_SPLIT_RE.split(lead)[-1] if before_items else ""
        intro_number = self._intro_actielijn(passage)
        if intro_number is not None:
            ctx.actielijn = intro_number
        if INTERVENTION_INTRO_RE.search(passage.text):
            ctx.expect_interventions = True
        units = self._units(passage)
        funding = FUNDING_INTRO_RE.search(intro) is not None  # "Dekking:" then "- Gemeente X: € 44.000"
        if passage.kind != "list":
            owner = ctx.list_owner = None
        elif intro:
            owner = ctx.list_owner = self._list_owner(passage, intro, lead)
        else:  # the list goes on after a page break, or stands in a section about partners ("# Partners van X" / "## Zorg")
            owner = ctx.list_owner = ctx.list_owner or self._section_list_owner(passage)
        previous_programmes: list[Entry] = []
        ambitions_follow = False
        self.previous_organisations = []
        bold = {m["text"].strip(" .:") for m in BOLD_RE.finditer(passage.text)}
        passage_orgs = False
        for text, is_item in units:
            if is_item and self._title_line(text):
                continue
            if text.strip(" .:") in bold and self._run_in_heading(text.strip(" .:"), passage):
                previous_programmes = [self.context.programme] if self.context.programme else []
                continue
            parts_before = len(self.result.part_of)
            mentions = self._entities(passage, text, list_context=is_item and len(text.split()) <= 6)
            programmes = [m.entry for m in mentions if m.entry.kind == "programma"]
            self._section_programme(programmes, passage)
            self._sentence_relations(text, mentions, passage)
            if is_item and ctx.actielijn is not None:
                for programme in programmes:
                    self.result.actielijnen.append(ActielijnFact(programme, ctx.actielijn, passage))
            if is_item and funding:  # "Dekking:" then "- Menzis (aanvraag preventiebudget): € 25.000": each one pays
                self._involvements(text, mentions, self._role_targets(text, mentions, programmes, previous_programmes, passage), passage,
                                   only_role="financier")
                continue
            header = NAME_COLON_RE.match(text) if is_item else None
            if header and (owner is not None or PARTNER_LIST_RE.search(passage.heading)):
                owner = ctx.list_owner = self._sub_list_owner(text, mentions)
                continue
            if is_item and (titled := self._item_programme(text, mentions, passage)) is not None:
                self._involvements(text, mentions, [titled], passage)  # the item is about the project its bold title names
            elif is_item and owner is not None:
                self._list_item(text, mentions, owner, passage)
                if programmes:  # "- Stichting X – trekker van Y": a role in a programme beside the membership
                    self._involvements(text, mentions, programmes, passage)
                else:
                    self._persons(text, mentions, passage)
            elif (is_item and self._clauses_of_label(text, mentions, passage)) or (
                    not is_item and self._members_in_running_text(text, mentions, passage)):
                self._persons(text, mentions, passage)  # "… Tjamsweer vertegenwoordigt de eerstelijnszorg, en huisarts X is …"
            else:
                self._involvements(text, mentions, self._role_targets(text, mentions, programmes, previous_programmes, passage), passage,
                                   default_role="partner" if is_item and PARTNERS_SECTION_RE.search(passage.heading) else "")
            self._goal(text, passage, ambition=ambitions_follow and is_item)
            ambitions_follow = bool(AMBITION_INTRO_RE.search(text)) or (ambitions_follow and is_item)
            named = [m for m in mentions if m.entry.kind == "programma" and m.entry in programmes]
            subjects = [m.entry for m in named if not _on_the_way(text, m, INSTRUMENT_WORDS | RELATION_WORDS)]
            if subjects:  # not a programme named on the way ("sluit aan bij Welzijn op Recept")
                self.last_programme = subjects[-1]
            if programmes:
                # a next sentence without a name ("De Kompanije is trekker.") goes on about the programmes this
                # one opens with, not one it names on the way ("… worden via Welzijn op Recept verwezen")
                previous_programmes = [m.entry for m in named if len(WORD_RE.findall(text[:m.start])) <= SUBJECT_WORDS
                                       and not _on_the_way(text, m)]
                wholes = {fact.parent.key for fact in self.result.part_of[parts_before:]}  # "X is onderdeel van Y": X goes on
                ctx.recent = next((p for p in reversed(programmes) if p.key not in wholes), programmes[-1])
            self._theme_hits(text, programmes or ([ctx.programme] if ctx.programme else []), passage)
            self.previous_organisations = list({m.entry.key: m.entry for m in mentions if m.entry.kind == "organisatie" and not m.kind_word}.values())
            listed = [m.entry for m in mentions if m.entry.kind == "organisatie" and not m.kind_word]
            if is_item or len(listed) >= 3:
                self.group = (self.group if is_item or passage_orgs else []) + [e for e in listed if e not in self.group]
                passage_orgs = True
        self._contacts(passage)
        self._attendees(passage)

    def _continued(self, mention: Mention, text: str, passage: Passage) -> Mention:
        """A name cut off at the end of a line or table cell ('Stichting Kinderopvang Stad' /
        'Groningen (SKSG)') is the known organisation the next line completes."""
        if text[mention.end :].strip():
            return mention
        line = next((line.text.strip() for line in passage.lines if line.text.strip().endswith(mention.surface)), "")
        following = self._next_line.get((passage.id, line), "")
        for found in self.lexicon.find(f"{mention.surface} {following}", list_context=True):
            if found.start == 0 and found.end > len(mention.surface) and found.entry.kind == "organisatie":
                return Mention(found.entry, mention.start, mention.end, mention.surface, found.confidence)
        return mention

    def _table(self, passage: Passage) -> bool:
        """A table with a programme or project column and role columns (Trekker, Partners,
        Financier, …): each row gives its programme the organisations of its role cells (rows as '| a | b |':
        Markdown, HTML as read here, columns aligned with spaces in text from a PDF)."""
        lines = [line.text for line in passage.lines if line.text.strip()]
        if len(lines) < 2 or not all(TABLE_ROW_RE.match(line) for line in lines):
            return False
        rows = table_rows(lines)
        if self._role_table(rows, passage):
            return True
        columns = []
        for cell in rows[0]:
            cue = CUE_RE.search(cell)
            columns.append("programma" if TABLE_PROGRAMME_RE.search(cell) else (cue.lastgroup or "") if cue else "")
        # "(Nr |) Actie | Trekker | Partners": an action that is a programme the document names elsewhere, or a known one
        first = first_column(rows[0])
        actions = "programma" not in columns and ACTION_TABLE_RE.match(rows[0][first]) is not None and any(c in ROLES for c in columns)
        if actions:
            columns[first] = "programma"
        if "programma" not in columns:
            return False
        status = self._status(passage.text)
        for row in rows[1:]:
            cell = row[columns.index("programma")].strip(" *")
            name, note = cell_name_and_note(cell)
            if not name or (actions and self.lexicon.lookup(name, "programma") is None and name not in self.introduced):
                continue  # an action the text names nowhere else (introduced_programmes read the ones it does)
            programme = self.lexicon.lookup(name, "programma") or Entry("programma", name, programme_kind="programma")
            self._entity(programme, passage, name, 0.85)
            self.proposer.local.setdefault(name, programme)  # found again in the text after the table
            whole = [m.entry for m in self.lexicon.find(note) if m.entry.kind == "programma" and m.entry.key != programme.key]
            if whole and PART_NOTE_RE.search(note):  # "Kanaal Beweegt (onderdeel van JOGG)"
                self.result.part_of.append(PartOfFact(programme, whole[0], passage))
            for cell, role in zip(row, columns):
                if role not in ROLES:
                    continue
                for item in re.split(r"\s*[,;]\s*|\s+en\s+", cell):
                    for mention in self._table_organisations(item.strip(" *."), passage):
                        self._involve(programme, mention.entry, role, passage, status=status, confidence=round(0.9 * mention.confidence, 2))
        return True

    def _item_programme(self, text: str, mentions: list[Mention], passage: Passage) -> Entry | None:
        """'- Jongeren aan zet (Westerwolde) – dit project binnen Tijd voor Toekomst wordt geleid door …' (its bold
        title made plain): the programme the item opens with; another one it names 'binnen' or 'onder de vlag van' is
        the whole it is part of."""
        first = next((m for m in mentions if m.entry.kind == "programma" and not text[:m.start].strip("* ")), None)
        if first is None or not ITEM_TITLE_DASH_RE.match(text, first.end):
            return None
        for other in mentions:
            if other.entry.kind == "programma" and other.entry.key != first.entry.key and (
                    WHOLE_BEFORE_RE.search(text[:other.start]) or PART_OF_RE.search(text, first.end, other.start)):
                self.result.part_of.append(PartOfFact(first.entry, other.entry, passage))
        return first.entry

    def _clauses_of_label(self, text: str, mentions: list[Mention], passage: Passage) -> bool:
        """'- Gemeente Eemsdelta: is trekker van de coalitie; financiert JOGG Eemsdelta': the organisation before the
        colon takes, clause by clause, the role each clause gives it in the programmes that clause names."""
        label = LABEL_ORGANISATION_RE.match(text)
        if label is None:
            return False
        name = text[: label.end()].strip(" *:–-")
        agents = [m for m in mentions if m.entry.kind == "organisatie" and not m.kind_word and m.end <= label.end()]
        if not agents and WHAT_EACH_BRINGS_RE.search(passage.heading) and name_like(name) and self.lexicon.lookup(name) is None:
            agents = [Mention(Entry("organisatie", name, org_type=guess_type(name)), 0, len(name), name, 0.7)]  # "Eemsdelta Sport"
            self._entity(agents[0].entry, passage, name, 0.7)
        if len(agents) != 1 or name != agents[0].surface:
            return False  # the label is the organisation's name and nothing else
        status = self._status(text)
        offset = label.end()
        for clause in text[label.end():].split(";"):
            start, end = offset, offset + len(clause)
            offset = end + 1
            cues = [(start + cue.start(), cue.lastgroup or "partner") for cue in CUE_RE.finditer(clause)]
            positions = [position for position, _ in cues]
            named = [m for m in mentions if m.entry.kind == "programma" and start <= m.start and m.end <= end]
            networks = [m for m in mentions if m.kind_word and m.entry.kind == "organisatie" and start <= m.start and m.end <= end]
            if not named and not networks and self.context.programme is not None:
                named = [Mention(self.context.programme, start, start, "")]
            for mention in named + networks:  # each named programme takes the role of the cue nearest before it
                role = _role_at(cues, positions, mention.start, mention.end) or "partner"
                if mention.entry.kind == "programma":
                    self._involve(mention.entry, agents[0].entry, role, passage, status=status, confidence=0.8)
                else:
                    self._in_network(agents[0].entry, mention.entry, role, passage, 0.8)
        return True

    def _role_table(self, rows: list[list[str]], passage: Passage) -> bool:
        """A table of who does what in the programme the section or document is about ("| Partner | Rol in het
        project |"): each row's organisation takes the role its description says ("penvoerder" → trekker, "betaalt"
        → financier, anything else partner), proposed where the cell says so."""
        header = rows[0]
        who = next((i for i, cell in enumerate(header) if WHO_HEADER_RE.match(cell)), None)
        what = next((i for i, cell in enumerate(header) if ROLE_HEADER_RE.match(cell)), None)
        programme = self.context.programme or self.document_programme
        if who is None or what is None or programme is None:
            return False
        for row in rows[1:]:
            if max(who, what) >= len(row):
                continue
            cue = CUE_RE.search(row[what])
            role = (cue.lastgroup or "partner") if cue else "partner"
            status = "voorgesteld" if STATUS_PROPOSED_RE.search(row[what]) else "besloten"
            for mention in self._table_organisations(row[who].strip(" *."), passage):
                self._involve(programme, mention.entry, role, passage, status=status, confidence=round(0.9 * mention.confidence, 2))
        return True

    def _flattened_table(self, passage: Passage) -> None:
        """A table of PDF text, its cells run together ("Interventies Programma's Doelgroep Rookvrije
        zwangerschap Zorgpad zwangeren Kansrijke Start …"): which row and column a name stands in is
        lost, so it only says which known names it mentions, and a theme of a programme only when the
        theme stands close to the name (in its row, or a cell beside it); no roles, parts or new names."""
        text = passage.text
        for mention in self.lexicon.find(text):
            if mention.entry.kind == "actielijn":
                continue
            self._entity(mention.entry, passage, mention.surface, mention.confidence)
            if mention.entry.kind == "programma":
                near = text[max(0, mention.start - TABLE_CELL_REACH):mention.end + TABLE_CELL_REACH]
                self._theme_hits(near, [mention.entry], passage)

    def _table_organisations(self, item: str, passage: Passage) -> list[Mention]:
        if not item:
            return []
        known = [m for m in self.lexicon.find(item, list_context=True) if m.entry.kind == "organisatie"]
        whole_cell = (len(known) == 1 and known[0].start == 0 and known[0].end < len(item) and name_like(item, article=True)
                      and self.lexicon.lookup(item) is None)  # the whole cell is the name: "CBS De Zaaier" is a school, not the CBS
        mentions = [] if whole_cell else [m for m in self._entities(passage, item, list_context=True) if m.entry.kind == "organisatie"]
        if mentions:
            return mentions
        noun = COMMON_NOUN_RE.fullmatch(cell_name_and_note(item)[0])
        referred = self.organisations_seen.referred_to(noun["head"]) if noun else None
        if referred is not None:  # "gemeente (SPUK GALA)" in a column Financiering: the one gemeente of the document
            return [Mention(referred, 0, len(item), item, 0.7)]
        if not name_like(item, article=True):
            return []
        entry = self.organisations_seen.resolve(item) or Entry("organisatie", item, org_type=guess_type(item))
        self._entity(entry, passage, item, 0.7)
        return [Mention(entry, 0, len(item), item, 0.7)]

    def _run_in_heading(self, name: str, passage: Passage) -> bool:
        """'**Beweegmaatje.** Trekker van Beweegmaatje is …': a bold name at the start of a paragraph
        under a heading about programmes or projects names the programme the sentences after it
        are about."""
        if not re.search(r"programma|project|pilot|initiatie", passage.heading, re.IGNORECASE) or len(name.split()) > 7:
            return False
        programme = self.lexicon.lookup(name, "programma") or Entry("programma", name, programme_kind="programma")
        self._entity(programme, passage, name, 0.75)
        self.context.programme = self.context.recent = programme
        self.proposer.anchors["programma"] = programme  # "Het programma werd uitgevoerd …"
        return True

    def _units(self, passage: Passage) -> list[tuple[str, bool]]:
        """Sentences of a paragraph; items (with their wrapped lines) of a list."""
        if passage.kind != "list":
            lines = [line.text.strip() for line in passage.lines if line.text.strip()]
            short = sum(len(line) < 60 for line in lines) >= 0.75 * len(lines)
            labels = sum(bool(LABEL_LINE_RE.match(line)) for line in lines)
            if (len(lines) >= 3 and short and labels >= 0.5 * len(lines)) or (len(lines) == 2 and labels == 2):
                return [(line, False) for line in lines]  # slides, role lines ("trekker: …", "financiering: …"): each stands on its own
            chunks: list[list[str]] = []  # a wrapped paragraph with a label line in it ("… buurthuis." / "Partners: A, B"): the label starts a unit
            for text in lines:
                if chunks and not LABEL_START_RE.match(text):
                    chunks[-1].append(text)
                else:
                    chunks.append([text])
            return [(s, False) for chunk in chunks for s in SENTENCE_SPLIT_RE.split(BOLD_RE.sub(r"\g<text>", join_lines(chunk))) if s.strip()]
        units: list[tuple[str, bool]] = []
        running: list[str] = []

        def flush() -> None:
            units.extend((s, False) for s in SENTENCE_SPLIT_RE.split(join_lines(running)) if s.strip())
            running.clear()

        for line in passage.lines:
            if line.kind == "item":
                flush()
                units.append((strip_marker(line.text), True))
            elif units and units[-1][1] and not running and self._actielijn_of_title(units[-1][0]) is None:
                units[-1] = (join_lines([units[-1][0], line.text]), True)
            else:
                running.append(line.text)
        flush()
        return units

    def _intro_actielijn(self, passage: Passage) -> int | None:
        """'Actielijn 2 kent 8 programma's:' sets the actielijn of the list that follows; a paragraph
        outside any programme that places the work of the text in one actielijn ("De gemeente werkt in
        actielijn 2 aan drie programma's.") sets it for the programme sections after it, up to the next
        heading that is no programme."""
        text = passage.text
        if passage.kind == "list":
            first_item = next((i for i, line in enumerate(passage.lines) if line.kind == "item"), 0)
            text = passage.lines[first_item - 1].text if first_item else ""
        numbers = {int(n) for n in ACTIELIJN_RE.findall(text)}
        if len(numbers) != 1:
            return None
        if text.rstrip().endswith(":"):
            return numbers.pop()
        if (passage.kind != "list" and self.context.programme is None and (IN_ACTIELIJN_RE.search(text) or CONTRIBUTES_RE.search(text))
                and len(ACTIELIJN_ANY_RE.findall(text)) == 1):
            return numbers.pop()
        return None

    def _title_line(self, item: str) -> bool:
        """A list item that names an actielijn sets the actielijn of the items after it."""
        number = self._actielijn_of_title(item)
        if number is None:
            return False
        self.context.actielijn = number
        return True

    def _entities(self, passage: Passage, text: str, *, list_context: bool = False, title: bool = False) -> list[Mention]:
        mentions = self.lexicon.find(text, list_context=list_context, whole_line=title or list_context, heading=title)
        unknown = [self._continued(m, text, passage) for m in self.lexicon.unknown_organisations(text, mentions) if _unbroken(m.surface, passage)]
        mentions = [m for m in mentions if not any(m.start >= u.start and m.end <= u.end for u in unknown)] + unknown
        proposals = [m for m in self.proposer.propose(text, mentions, unknown, title=title) if _unbroken(m.surface, passage)]
        replaced = self.proposer.replaced
        mentions = [
            m for m in mentions
            if m not in replaced and not any(m.start < p.end and p.start < m.end and m.entry.kind == "gebied" for p in proposals)
        ] + proposals
        mentions = self._drop_parenthesised_programmes(text, mentions)
        network = self.title_network
        if network is not None:  # "het netwerk" on a network's own page is that network, not another one it named
            mentions = [Mention(network, m.start, m.end, m.surface, m.confidence, m.kind_word)
                        if is_reference(m.surface) and m.entry.org_type == "netwerk-coalitie" else m for m in mentions]
        mentions = [Mention(self.organisations_seen.with_legal_form(m.entry), m.start, m.end, m.surface, m.confidence, m.kind_word)
                    if m.entry.kind == "organisatie" and self.lexicon.lookup(m.entry.name) is None else m for m in mentions]
        for mention in mentions:
            if mention.entry.kind != "actielijn":
                self._entity(mention.entry, passage, mention.surface, mention.confidence)
            parent = self.lexicon.lookup(mention.entry.parent, "programma") if mention.entry.kind == "programma" and mention.entry.parent else None
            if parent is not None and parent.key != mention.entry.key:
                self.result.part_of.append(PartOfFact(mention.entry, parent, passage))  # "JOGG Eemsdelta" is part of JOGG
        for match in ORGANISATION_REFERENCE_RE.finditer(text):  # "De regie ligt bij de gemeente." (not "in de gemeente": a place)
            if re.search(r"\b(?:in|binnen|buiten|uit|naar|over)\s+$", text[:match.start()], re.IGNORECASE):
                continue
            entry = self.organisations_seen.referred_to(match["head"])
            if entry is not None and not any(o.start < match.end() and match.start() < o.end for o in mentions):
                mentions.append(Mention(entry, match.start(), match.end(), match.group(), 0.6))
        if self.speaker is not None:  # "werken we mee aan Welzijn op Recept": the organisation the document speaks for
            mentions += [Mention(self.speaker, m.start(), m.end(), m.group(), 0.6) for m in FIRST_PERSON_RE.finditer(text)
                         if not any(o.start < m.end() and m.start() < o.end for o in mentions)]
        mentions.sort(key=lambda m: m.start)
        return mentions

    @staticmethod
    def _drop_parenthesised_programmes(text: str, mentions: list[Mention]) -> list[Mention]:
        """'(Mirjam Herder, JOGG regisseur)': a programme inside parentheses is an aside when the
        sentence names another programme outside them."""
        def inside(mention: Mention) -> bool:
            return text[: mention.start].count("(") > text[: mention.start].count(")")

        outside = [m for m in mentions if m.entry.kind == "programma" and not inside(m)]
        if not outside:
            return mentions
        return [m for m in mentions if not (m.entry.kind == "programma" and inside(m))]

    def _list_item_organisation(self, text: str) -> list[Mention]:
        """A short capitalised list item in a partner list names an organisation."""
        name = re.sub(r"\s*\(.*?\)\s*$", "", text).strip(" ,;:.")
        if ":" in name or "http" in name or not name_like(name, article=True):
            return []
        words = name.split()
        if not (1 <= len(words) <= 6) or not name[:1].isupper() or name.endswith(":"):
            return []
        if any(self.lexicon.lookup(name, kind) for kind in ("programma", "gebied", "actielijn")):
            return []
        if self.lexicon.themes_in(name) and len(words) <= 2:
            return []
        entry = Entry("organisatie", name, org_type=guess_type(name))
        start = text.index(name)
        return [Mention(entry, start, start + len(name), name)]

    def _entity(self, entry: Entry, passage: Passage, surface: str, confidence: float = 0.95) -> None:
        self.result.entities.append(EntityFact(entry, passage, surface, confidence))
        if entry.kind == "organisatie":
            self.organisations_seen.add(entry)

    # -- relations ------------------------------------------------------------------------------

    def _sentence_relations(self, text: str, mentions: list[Mention], passage: Passage) -> None:
        programmes = [m for m in mentions if m.entry.kind == "programma"]
        move = MOVE_RE.search(text)
        if move and programmes:
            number = int(move["num"])
            for mention in programmes:
                if mention.start < move.start():
                    self.result.moves.append(MoveFact(mention.entry, number, passage))
                    self.result.actielijnen.append(ActielijnFact(mention.entry, number, passage))
        elif programmes:
            single = ACTIELIJN_RE.search(text)  # "in actielijn 2", not "actielijn 1, 2 en 5"
            only_reference = len(ACTIELIJN_ANY_RE.findall(text)) == 1
            if single and only_reference and IN_ACTIELIJN_RE.search(text):
                for mention in programmes:
                    self.result.actielijnen.append(ActielijnFact(mention.entry, int(single.group(1)), passage))
        colon = text.find(":")
        if colon > 0:
            owners = [m for m in programmes if m.end <= colon]
            members = [m for m in programmes if m.start > colon]
            between = re.sub(r"\([^)]*\)", "", text[owners[-1].end:colon]) if owners else ""
            if owners and members and (not WORD_RE.findall(between) or PARTS_LABEL_RE.search(between)):
                # "Kansrijke Start: A en B", "in dit LPA … twee programma's: A en B" (not "X – aanvrager: …")
                for member in members:
                    if member.entry.key != owners[-1].entry.key:
                        self.result.part_of.append(PartOfFact(member.entry, owners[-1].entry, passage))
        if RELATION_CUE_RE.search(text):
            current = self.context.programme
            related = {m.entry.key: m.entry for m in programmes}
            if current is not None and len(related) == 1 and current.key not in related:
                self.result.related.append(RelatedFact(current, next(iter(related.values())), passage))
            elif len(related) >= 2:
                entries = list(related.values())
                for other in entries[1:]:
                    self.result.related.append(RelatedFact(entries[0], other, passage))
        for area in (m for m in mentions if m.entry.kind == "gebied"):
            subjects = [m.entry for m in programmes] or ([self.context.programme] if self.context.programme else [])
            for programme in subjects:
                self.result.areas.append(AreaFact(programme, area.entry, passage))

    def _status(self, text: str) -> str:
        """Proposed when the document is a proposal or the sentence says so, else decided."""
        return "voorgesteld" if self.proposal or STATUS_PROPOSED_RE.search(text) else "besloten"

    def _government(self, function: str) -> Entry | None:
        """A wethouder or burgemeester belongs to the one municipality the document names ("Hilde Ottens, wethouder"),
        a gedeputeerde to the one provincie."""
        head = GOVERNMENT_OF_FUNCTION.get(function)
        return self.organisations_seen.referred_to(head) if head else None

    def _involvements(self, text: str, mentions: list[Mention], targets: list[Entry], passage: Passage, *,
                      only_role: str = "", default_role: str = "") -> None:
        """The roles the organisations and persons of ``text`` take in ``targets``: ``only_role`` for every one (an item
        of a list of funders), ``default_role`` where the text names none (an item under "## Partners")."""
        organisations = [m for m in mentions if m.entry.kind == "organisatie" and not m.kind_word]
        if GROUP_SUBJECT_RE.match(text.strip()) and not organisations:
            # "Partijen werken samen in het netwerk X": the parties the document listed before (not "Deelnemers: A, B")
            organisations += [Mention(entry, 0, 0, "", 0.75) for entry in self.group if entry.key not in {m.entry.key for m in organisations}]
        self._member_of(text, mentions, passage)
        self._parts(text, mentions, passage)
        if not targets:
            self._persons(text, mentions, passage)
            return
        persons = self._persons(text, mentions, passage)
        if not (organisations or persons):
            return
        status = self._status(text)
        named = [(m.start, m.end) for m in mentions if m.end > m.start]
        cues = [(match.start(), match.lastgroup or "partner") for match in CUE_RE.finditer(text)
                if not any(start <= match.start() < end for start, end in named)  # "Samen Fit Veendam" is a name, not a cue
                and not NEGATED_CUE_RE.search(text, max(0, match.start() - 12), match.start())]  # "heeft … niet ondertekend"
        cue_positions = [position for position, _ in cues]
        programme_mentions = [m for m in mentions if m.entry.kind == "programma"]
        member_cue = MEMBER_OF_RE.search(text)
        programme_ends = sorted(m.end for m in programme_mentions)
        targets = list({target.key: target for target in targets}.values())
        asked = [(found.start(), found.end("clause")) for found in QUESTION_RE.finditer(text)]
        relative_clauses = _relative_clauses(text, programme_mentions)
        for mention in organisations:
            if any(start <= mention.start < end for start, end in asked):
                continue  # "Een lid vraagt of het UMCG ook kan meedoen": a question, no role
            nearest = bisect.bisect_right(programme_ends, mention.start)  # only the nearest programme before can be adjacent
            if (nearest and mention.entry.org_type in ACTIVITY_TYPES
                    and ACTIVITY_AFTER_PROGRAMME_RE.fullmatch(text[programme_ends[nearest - 1] : mention.start])):
                continue  # "Tijd voor Toekomst ... en het Leernetwerk": named as an activity, not a partner (an insurer is none)
            if member_cue and mention.end <= member_cue.start():
                continue  # "X is lid van Y": a membership (_member_of), not a role in the programme
            role = only_role or _role_at(cues, cue_positions, mention.start, mention.end, text) or default_role
            if not role:
                continue
            confidence = round(min(mention.confidence, 0.95) * (0.95 if any(p < mention.start for p, _ in cues) else 0.85), 2)
            own = [programme for start, end, programme in relative_clauses if start <= mention.start < end]
            for target in own[:1] or targets:  # "…, Welzijn op Recept, dat … wordt uitgevoerd door X": X in that programme
                if target.kind == "programma":
                    self._involve(target, mention.entry, role, passage, status=status, confidence=confidence)
                else:
                    self._in_network(mention.entry, target, role, passage, confidence)
        for person in persons:
            role = _role_at(cues, cue_positions, person.start, person.end)
            if role:
                for target in targets:
                    if target.kind == "programma":
                        self._involve(target, self._person_entry(person.name), role, passage, status=status, confidence=0.8)

    def _member_of(self, text: str, mentions: list[Mention], passage: Passage) -> None:
        """'Stichting X is sinds september lid van de stuurgroep', 'Het netwerk is aangesloten bij
        de coalitie Y': the organisation before the cue is a member of the network after it; 'Het
        Sportloket is een samenwerking van A, B en C': the organisations after it are members of the one before."""
        collaboration = COLLABORATION_OF_RE.search(text)
        if collaboration is not None:
            before = [m for m in mentions if m.entry.kind == "organisatie" and m.end <= collaboration.start()]
            after = [m for m in mentions if m.entry.kind == "organisatie" and m.start >= collaboration.end()]
            if before and before[-1].entry.org_type == "netwerk-coalitie":
                for member in after:
                    if member.entry.key != before[-1].entry.key:
                        self.result.memberships.append(MembershipFact(member.entry, before[-1].entry, passage, confidence=0.85))
        cue = MEMBER_OF_RE.search(text)
        if cue is None:
            return
        members = [m for m in mentions if m.entry.kind == "organisatie" and m.end <= cue.start()]
        networks = [m for m in mentions if m.entry.kind == "organisatie" and m.start >= cue.end()
                    and (m.kind_word or m.entry.org_type == "netwerk-coalitie")]
        if members and networks and members[-1].entry.key != networks[0].entry.key:
            self.result.memberships.append(MembershipFact(members[-1].entry, networks[0].entry, passage, confidence=0.85))

    def _role_targets(self, text: str, mentions: list[Mention], programmes: list[Entry], previous: list[Entry],
                      passage: Passage) -> list[Entry]:
        """Whose roles a sentence gives: the programmes it names, less those named on the way ("in samenwerking
        met Kansrijke Start") or as the whole it is part of; else the programmes the sentence before opened with;
        else the section's programme; else the network the text is about; plus networks it names with a kind word."""
        ctx = self.context
        section = [ctx.programme] if ctx.programme else []
        # networks named with their kind word, or a network the document introduces named as the object ("het convenant
        # voor de Wijkcoalitie X"; a known umbrella such as Gezond Groningen after "van" or "in" is context)
        networks = [m.entry for m in mentions if m.entry.kind == "organisatie" and (m.kind_word or (
            m.entry.org_type == "netwerk-coalitie" and NETWORK_OBJECT_RE.search(text[:m.start])
            and self.lexicon.lookup(m.entry.name) is None))]
        on_the_way = [m.entry for m in mentions if m.entry.kind == "programma" and _on_the_way(text, m)]
        named = programmes
        if on_the_way and (section or set(on_the_way) != set(programmes)):
            named = [p for p in named if p not in on_the_way] or section
        parent = self._part_of_named(text, mentions, passage)
        if parent is not None:  # "Het project is onderdeel van Kansrijke Start en wordt getrokken door …"
            named = [p for p in named if p.key != parent.key] or section
        own = self.document_programme if self.document_programme in self.introduced.values() else None  # "Factsheet: X"
        fallback = ctx.programme or own or ctx.recent
        targets = named or previous or ([fallback] if fallback and not networks else [])
        if not targets and not networks and self.subject_network is not None and ROLE_OPENING_RE.match(text.strip()):
            targets = [self.subject_network]  # "Trekker is X. Partners zijn …" in a text about a network
        if not programmes and not networks and self.last_network is not None and NETWORK_BACK_RE.match(text.strip()):
            targets = [self.last_network]  # "… het Netwerk Gezond Eemsdelta. Daarin werken samen: A, B en C"
        named_networks = [m.entry for m in mentions if m.entry.kind == "organisatie" and (m.kind_word or m.entry.org_type == "netwerk-coalitie")]
        self.last_network = named_networks[-1] if named_networks else None
        opening = [m.entry for m in mentions if m.entry.org_type == "netwerk-coalitie" and len(WORD_RE.findall(text[:m.start])) <= SUBJECT_WORDS]
        if opening and not programmes:
            self.subject_network = opening[0]
        return targets + networks

    def _part_of_named(self, text: str, mentions: list[Mention], passage: Passage) -> Entry | None:
        """'Het project is onderdeel van de lokale coalitie Kansrijke Start', 'X maakt deel uit van Y':
        the programme after the cue is the parent of the one before it (or of the section's programme
        when the sentence refers back to it); returns the parent."""
        starts = {found.end() for found in WITHIN_RE.finditer(text)}
        parent = next((m for m in mentions if m.entry.kind == "programma" and m.start in starts), None)
        projects = [m.entry for m in mentions if parent and m.start > parent.end and m.entry.kind == "programma"
                    and m.kind_word in PROJECT_KIND_WORDS and m.entry.key != parent.entry.key]
        if parent is not None and projects:  # "Binnen JOGG draait het project Waterfit Hoogezand"
            self.result.part_of.extend(PartOfFact(project, parent.entry, passage) for project in projects)
            return parent.entry
        cue = PART_OF_RE.search(text)
        if cue is None:
            return None
        after = [m.entry for m in mentions if m.entry.kind == "programma" and m.start >= cue.end()]
        before = [m.entry for m in mentions if m.entry.kind == "programma" and m.end <= cue.start()]
        child = before[-1] if before else self.context.programme if REFERENCE_SUBJECT_RE.match(text.strip()) else None
        if not after or child is None or child.key == after[0].key:
            return None
        self.result.part_of.append(PartOfFact(child, after[0], passage))
        for kind_word in GENERIC_KIND_WORDS:  # "X is de lokale invulling van Y. … het project …": X, not Y
            self.proposer.anchors[kind_word] = child
        return after[0]

    def _parts(self, text: str, mentions: list[Mention], passage: Passage) -> None:
        """'Het platform start met twee projecten. Het project X …', 'Het netwerk heeft de pilot Y
        opgezet': a project named after a programme or network that starts projects is part of it."""
        named = [m for m in mentions if m.kind_word in ("project", "pilot", "projecten") and m.entry.kind == "programma"]
        owners = [m for m in mentions if m.kind_word and m.kind_word not in ("project", "pilot") and m not in named]
        named_spans = [(m.start, m.end) for m in mentions]
        says_parts = any(not any(start <= cue.start() < end for start, end in named_spans) for cue in PARTS_RE.finditer(text))
        if owners and says_parts:  # "start" inside "Kansrijke Start" is a name, not a start
            self.context.parts_of = owners[0].entry
        parent = self.context.parts_of
        if PART_OF_RE.search(text):
            return  # "Het project X maakt deel uit van Y": the sentence says whose part it is (_part_of_named)
        for mention in named:
            if parent is not None and parent.key != mention.entry.key:
                self.result.part_of.append(PartOfFact(mention.entry, parent, passage))

    def _involve(self, programme: Entry, agent: Entry, role: str, passage: Passage, theme: str = "", *,
                 status: str = "besloten", confidence: float = 0.9) -> None:
        if programme.key == agent.key:
            return
        key = (programme.key, agent.key, role, passage.id)
        if key not in self._seen_involvements:
            self._seen_involvements.add(key)
            self.result.involvements.append(InvolvementFact(programme, agent, role, passage, theme, status, confidence))

    def _in_network(self, agent: Entry, network: Entry, role: str, passage: Passage, confidence: float) -> None:
        """A role in a network: a membership, with the role when it is more than taking part ("de coördinatie van het
        netwerk is bij GGD Groningen belegd, de gemeente betaalt de uren": its trekker and its financier)."""
        if (role == "partner" or role in NETWORK_ROLES) and network.key != agent.key:
            self.result.memberships.append(MembershipFact(agent, network, passage, "" if role == "partner" else role, confidence))

    def _credible_person(self, text: str, person, mentions: list[Mention]) -> bool:
        """A name is a person only when the text says so: its organisation beside it, a function,
        and no organisation, programme or place name inside it."""
        if self._known_name(person.name):
            return False
        if any(m.start < person.end and person.start < m.end for m in mentions if m.entry.kind != "gebied"):
            return False
        if any(self.lexicon.lookup(word, "gebied") for word in person.name.split()[1:]):
            return False  # "Medical Center Groningen"
        if person.titled:
            return True
        if person.org_text and not any(m.entry.kind == "organisatie" for m in self.lexicon.find(person.org_text, list_context=True)):
            return bool(person.function)
        if person.needs_org_before and not person.org_text and not person.function:
            before = text[: person.start].rstrip()
            return before.endswith("(") and any(
                m.entry.kind == "organisatie" and re.fullmatch(r"\s*\(", text[m.end : person.start]) for m in mentions
            )
        return True

    def _known_name(self, name: str) -> bool:
        return any(m.end - m.start == len(name) for m in self.lexicon.find(name, list_context=True))

    def _person_entry(self, name: str) -> Entry:
        return Entry(PERSON_KIND, re.sub(r"\s+", " ", name).strip())

    def _persons(self, text: str, mentions: list[Mention], passage: Passage) -> list[PersonMention]:
        """The persons ``text`` names, each tied to the organisation the text gives them."""
        persons = [p for p in find_persons(text) if self._credible_person(text, p, mentions)]
        organisations = [m for m in mentions if m.entry.kind == "organisatie" and not m.kind_word]
        for person in persons:
            entry = self._person_entry(person.name)
            self._entity(entry, passage, person.name)
            organisation = self._organisation_for_person(text, person, organisations)
            if organisation is not None:
                self.result.memberships.append(MembershipFact(entry, organisation, passage, person.function))
        return persons

    def _organisation_for_person(self, text: str, person: PersonMention, organisations: list[Mention]) -> Entry | None:
        if person.org_start >= 0:
            written = [m for m in organisations if person.org_start <= m.start < person.org_start + max(len(person.org_text), 1)]
            if written:
                return written[0].entry
        if person.org_text:
            exact = [m for m in organisations if m.surface == person.org_text.strip()]
            if exact:
                return exact[0].entry
            for mention in self.lexicon.find(person.org_text, list_context=True):
                part_is_place = mention.surface in self.lexicon.list_only_aliases and mention.end - mention.start < len(person.org_text.strip())
                if mention.entry.kind == "organisatie" and not part_is_place:  # "(Humanitas Groningen)" is not the gemeente
                    return mention.entry
            seen = self.organisations_seen.resolve(person.org_text, municipal=person.function in MUNICIPAL_FUNCTIONS)
            referred = COMMON_NOUN_RE.fullmatch(person.org_text.strip())
            if seen is None and referred:  # "contactpersoon bij het fonds is …": the one fund the document named
                seen = self.organisations_seen.referred_to(referred["head"])
            if seen is not None:
                return seen
        represented = [m for m in organisations if m.end <= person.start and REPRESENTED_BY_RE.fullmatch(text[m.end : person.start])]
        if represented:  # "2.2 Menzis Zorgverzekeraar N.V., hierna Menzis, vertegenwoordigd door Anke Visscher"
            return represented[-1].entry
        # "bij de GGD (Anna Bakker)", "De GGD wordt de regionale trekker (Mirjam Herder, ...)"
        before = [m for m in organisations if m.end <= person.start and text[m.end : person.start].count(")") == 0]
        if before:
            gap = text[before[-1].end : person.start]
            if gap.strip().startswith("(") or ("(" in gap and len(gap) < 60):
                return before[-1].entry
        after = [m for m in organisations if m.start >= person.end and re.match(r"^[^.;]{0,40}\b(?:van|vanuit|bij)\s+(?:de\s+|het\s+)?$", text[person.end : m.start])]
        if after:
            return after[0].entry
        government = self._government(person.function)
        if government is not None:
            return government  # "Hilde Ottens, wethouder": of the one municipality the document names
        if (person.titled and not person.org_text and len(self.previous_organisations) == 1 and not organisations
                and person.function.lower() in text[max(0, person.start - 40):person.start].lower()):
            # "Ook Menzis is positief. Regiomanager Annemiek Folkerts: ...", "… GGZ Horizon Noord … Meestal is dat
            # GZ-psycholoog Jelmer Nienhuis": a function before the name; not "… kunnen naar Roel Hiddema, coördinator"
            return self.previous_organisations[0]
        if self.speaker is not None and (person.function or person.titled):
            return self.speaker  # "onze voorzitter Bert Sikkema" on the organisation's own page or in its letter
        return None

    def _list_owner(self, passage: Passage, intro: str, lead: str = "") -> Entry | None:
        """The programme or network whose partners a list names (``lead``: the text before the items, its last
        sentence the ``intro``)."""
        heading = passage.heading
        if self.lexicon.themes_in(intro):
            self.context.theme = self._theme_of(intro)
        named_intro = bool(intro) and bool(NAME_COLON_RE.match(intro)) and any(
            m.entry.kind in ("programma", "organisatie") and (m.end - m.start) >= 0.5 * len(intro.strip(" :"))
            for m in self.lexicon.find(intro, heading=True)
        )
        if NOT_PARTNERS_RE.search(intro):
            return None
        if named_intro or PARTNER_LIST_RE.search(intro):
            for text in (intro, heading):
                found = self.lexicon.find(text, heading=True) if text else []
                mentions = [m for m in found + self.lexicon.unknown_organisations(text, found) if _can_own_list(m.entry)]
                if mentions:
                    return mentions[-1].entry
            if NETWORK_REFERENCE_RE.search(intro):  # "Op dit moment bestaat het netwerk uit:" after "… ons netwerk Samen Gezond X"
                found = self.lexicon.find(lead)
                named = [m.entry for m in found + self.lexicon.unknown_organisations(lead, found) if m.entry.org_type == "netwerk-coalitie"]
                # "De Lokale Coalitie X komt bijeen … Aan de coalitie nemen deel:": the network named just before
                network = (named[-1] if named else None) or self.last_network or self.subject_network or self.title_network
                if network is not None:
                    return network
            return self.context.programme or self.document_programme
        # a heading that is itself the name of a network or programme: the list names its members
        found = self.lexicon.find(heading, heading=True)
        owners = [m for m in found + self.lexicon.unknown_organisations(heading, found) if _can_own_list(m.entry)]
        if owners and (owners[-1].end - owners[-1].start) >= 0.5 * len(heading):
            return owners[-1].entry
        return None

    def _section_list_owner(self, passage: Passage) -> Entry | None:
        """A list without an introduction under a heading (or a heading above it) that announces partners
        of a network or programme: 'Partners van Gezond Groningen' > 'Zorg' > '- Zorggroep X'."""
        for heading in reversed(passage.section):
            if (PARTNER_LIST_RE.search(heading) or WHO_TAKES_PART_RE.search(heading)) and not NOT_PARTNERS_RE.search(heading):
                found = self.lexicon.find(heading, heading=True)
                owners = [m.entry for m in found + self.lexicon.unknown_organisations(heading, found) if _can_own_list(m.entry)]
                if owners:
                    return owners[-1]
                if WHO_TAKES_PART_RE.search(heading):  # "Wie doen er mee?" in an item about one programme
                    return self.context.programme or self.last_programme
                if MEMBERS_HEADING_RE.match(heading):  # "Leden" on the page of a network: its members
                    return self.title_network or self.subject_network
        return None

    def _members_in_running_text(self, text: str, mentions: list[Mention], passage: Passage) -> bool:
        """On a network's page, under "Wie doen er mee?" or "Leden", the organisations a sentence names are members of
        the network (also in running text: "Vanzelfsprekend zitten de Gemeente X en GGD Groningen aan tafel")."""
        network = self.title_network
        if network is None or not (WHO_TAKES_PART_RE.search(passage.heading) or MEMBERS_HEADING_RE.match(passage.heading)):
            return False
        if any(m.entry.kind == "programma" for m in mentions) or PART_OF_RE.search(text):
            return False  # a sentence about a programme gives roles in it; "Het netwerk maakt deel uit van Gezond Groningen"
        for mention in mentions:
            if mention.entry.kind == "organisatie" and not mention.kind_word and mention.entry.key != network.key:
                self.result.memberships.append(MembershipFact(mention.entry, network, passage, confidence=0.8))
        return True

    def _sub_list_owner(self, header: str, mentions: list[Mention]) -> Entry | None:
        """'Rookvrije generatie:' inside a partner list: the items after it are its partners;
        'Weerbaarheid:' names a theme; 'Gemeenten:' only groups items."""
        named = [m.entry for m in mentions if m.entry.kind in ("programma", "organisatie")]
        if named:
            return named[-1]
        theme = self._theme_named(header)
        self.context.theme = theme or self._theme_of(header)
        if theme:
            return self.context.programme or self.document_programme
        return self.context.list_owner or self.context.programme or self.document_programme

    def _list_item(self, text: str, mentions: list[Mention], owner: Entry, passage: Passage) -> None:
        named = [m for m in mentions if m.entry.kind in ("organisatie", "programma")]
        if all(self.lexicon.lookup(m.surface, "gebied") for m in named):  # none, or only a place ("Humanitas Groningen"): the item is the name
            mentions = self._list_item_organisation(text) or mentions
            for mention in mentions:
                self._entity(mention.entry, passage, mention.surface)
        for mention in mentions:
            if mention.entry.kind != "organisatie" or mention.entry.key == owner.key or (mention.kind_word and mention.surface[:1].islower()):
                continue  # "… – opdrachtgever van het netwerk": a reference back, not a member
            if owner.kind == "organisatie":
                self.result.memberships.append(MembershipFact(mention.entry, owner, passage))
            else:  # "- Menzis (financier)": the role the item gives, else partner
                rest = text[mention.end:]
                cue = CUE_RE.search(rest)
                # "- Menzis (financier)", "- Menzis betaalt de vergoeding": the role the item gives it, else partner
                given = cue is not None and (ITEM_ROLE_RE.match(rest) is not None or (
                    cue.start() <= ITEM_VERB_REACH and not any(mention.end <= m.start < mention.end + cue.start() for m in mentions)))
                role = cue.lastgroup if cue and given and cue.lastgroup else "partner"
                self._involve(owner, mention.entry, role, passage, self.context.theme)

    def _contacts(self, passage: Passage) -> None:
        lines = [line.text for line in passage.lines]
        for contact in find_contacts(lines):
            if self._known_name(contact.name):
                continue
            person = self._person_entry(contact.name)
            self._entity(person, passage, contact.name)
            organisations: dict[str, Entry] = {}
            context_lines = lines[max(0, contact.line_index - 1) : contact.line_index] + [contact.function]
            for text in context_lines:
                for mention in self.lexicon.find(text, list_context=True):
                    if mention.entry.kind == "organisatie":
                        organisations[mention.entry.key] = mention.entry
            for email in contact.emails:
                domain = EMAIL_RE.match(email)
                entry = self.lexicon.organisation_by_domain(domain.group(1)) if domain else None
                if entry is not None:
                    organisations[entry.key] = entry
                    self._entity(entry, passage, email)
            government = self._government((contact.function.split() or [""])[0].lower())
            if not organisations and government is not None:
                organisations[government.key] = government  # "Hilde Ottens / wethouder Zorg en Welzijn" under a letter
            if not organisations:
                hints = [*re.findall(r"[A-ZÀ-Þ][\w-]+(?:\s+[A-ZÀ-Þ][\w-]+)*", contact.function),
                         *(address.group(1).split(".")[0] for email in contact.emails if (address := EMAIL_RE.match(email)))]
                for hint in hints:
                    entry = self.organisations_seen.resolve(hint)
                    if entry is not None:
                        organisations[entry.key] = entry
                        break
            for organisation in organisations.values():
                self.result.memberships.append(MembershipFact(person, organisation, passage, contact.function, confidence=0.8))

    # -- goals and themes -----------------------------------------------------------------------

    def _goal(self, text: str, passage: Passage, *, ambition: bool) -> None:
        ctx = self.context
        time = GOAL_TIME_RE.search(text)
        measured = GOAL_MEASURE_RE.search(text)
        horizon_statement = bool(re.search(r"stip op de horizon voor 20\d\d is:\s*\S", text, re.IGNORECASE))
        if not ((time and measured) or ambition or horizon_statement):
            return
        indicator = re.sub(r"^.*?stip op de horizon voor 20\d\d is:\s*", "", text, flags=re.IGNORECASE).strip(" ;•")
        indicator = re.sub(r"^\d+\.\s*", "", indicator)
        year_text = (time.group(1) or time.group(2)) if time else None
        year = int(year_text) if year_text else None
        horizon = bool(re.search(r"stip op de horizon", text, re.IGNORECASE)) or (year is not None and year >= 2040)
        kind = "ambitie" if horizon or (ambition and year is None) else "doelstelling"
        source = DATA_SOURCE_RE.search(text)
        if ctx.opgave is None and ctx.actielijn is None and not ctx.theme:
            return
        self.result.goals.append(
            GoalFact(kind, indicator, passage, year, source.group(1).strip() if source else "",
                     ctx.opgave, None if ctx.opgave else ctx.actielijn, "" if (ctx.opgave or ctx.actielijn) else ctx.theme)
        )

    def _theme_hits(self, text: str, programmes: list[Entry], passage: Passage) -> None:
        if not programmes:
            return
        for theme in self.lexicon.themes_in(text):
            for programme in programmes:
                hits = self.theme_hits.setdefault((programme.key, theme), [])
                hits.append(passage)

    def _assign_themes(self) -> None:
        programmes = {fact.entry.key: fact.entry for fact in self.result.entities if fact.entry.kind == "programma"}
        for (programme_key, theme), passages in self.theme_hits.items():
            if len(passages) >= 2 and programme_key in programmes:
                for passage in {p.id: p for p in passages}.values():
                    self.result.themes.append(ThemeFact(programmes[programme_key], theme, passage))

    def _check_corrections(self) -> None:
        found = {f.entry.name for f in self.result.entities if f.entry.kind == "programma" and f.passage.kind == "heading"}
        for child in self.lexicon.intervention_parents:
            if child in found and not any(f.child.name == child for f in self.result.part_of):
                self.result.warnings.append(
                    f"correcties.yaml: '{child}' staat in {self.result.doc_slug}, maar niet als kop van een interventie."
                )


def _next_lines(passages: list[Passage]) -> dict[tuple[str, str], str]:
    """(passage id, a line's text without trailing space) -> the text of the line after it, also
    across passages."""
    lines = [(passage.id, line.text) for passage in passages for line in passage.lines if line.text.strip()]
    return {(pid, text.strip()): following.strip() for (pid, text), (_, following) in zip(lines, lines[1:])}


def _unbroken(surface: str, passage: Passage) -> bool:
    """A new name does not run over a line break, unless running text wraps there."""
    if any(surface in line.text for line in passage.lines):
        return True
    for first, second in zip(passage.lines, passage.lines[1:]):
        wrapped = first.kind == second.kind == "text" and len(first.text) >= 50 and not first.text.rstrip().endswith((".", ":", ";"))
        if wrapped and surface in f"{first.text.strip()} {second.text.strip()}":
            return True
    return False


def _can_own_list(entry: Entry) -> bool:
    """A list of partners belongs to a programme or to a network, not to a single organisation."""
    return entry.kind == "programma" or (entry.kind == "organisatie" and entry.org_type == "netwerk-coalitie")


def _fold_title(name: str) -> str:
    """A title or name compared without case, quotes and spacing."""
    return " ".join(re.sub(r"[‘’'\"“”]", "", strip_marker(name)).lower().split())


def _title_text(text: str) -> str:
    """A heading without its parenthetical remark and closing punctuation:
    'Beweegzorg Noord; (zorgvraag afbuigen)' -> 'Beweegzorg Noord'."""
    return re.sub(r"\s*\([^)]*\)\s*", " ", text).strip(" ;:.,")


ACTIVITY_TYPES = {"netwerk-coalitie", "overig", ""}  # organisations that may be an activity listed among programmes
ACTIVITY_AFTER_PROGRAMME_RE = re.compile(r"\s*(?:,|en|,?\s*en\s+(?:het|de))?\s*(?:het|de)?\s*")
# a clause an organisation opens ("…, het UMCG werkt als partner mee en de gemeente verleent subsidie"): its role follows it
CLAUSE_OPENING_RE = re.compile(r"(?:^|[,;:.!?]|\s[–—-]|\s(?:en|terwijl|waarbij|maar|dat))\s*(?:(?:en|terwijl|waarbij|maar|ook|dat)\s+)?"
                               r"(?:(?:de|het)\s+)?$",
                               re.IGNORECASE)
CLAUSE_END_RE = re.compile(r"[,;]|\s[–—-]\s|\s(?:en|terwijl|maar)\s+(?:de\s+|het\s+)?[A-ZÀ-Þ]")
RELATIVE_PROGRAMME_RE = re.compile(r"\s*,\s+(?:dat|die|waarvan|waarin)\s")  # a relative clause right after a programme's name
AS_ROLE_RE = re.compile(r"\s+als(\s+)")
# a relative clause after the mention (and the names beside it): Dutch puts its verb last
RELATIVE_CLAUSE_RE = re.compile(r"[^.;:!?,]{0,80}?,\s+die\s+(?P<clause>[^.;:!?,]{1,80})")
# "X (en Y) zijn partners", "X is trekker", "X denkt mee als partner", "X financiert": after the subjects of
# a clause, its verb and then the role, or the role as its verb
# (bounded: a clause names a few subjects, and a long list must not make each mention scan the rest of it)
CO_SUBJECT = r"\s*(?:,|\ben\b|\band\b)\s*(?:de\s+|het\s+)?[A-ZÀ-Þ][\w&'’.-]*(?:\s+(?:van|voor|de|het|&|[A-ZÀ-Þ][\w&'’.-]*)){0,6}"
PREDICATE_ROLE_RE = re.compile(
    rf"(?:{CO_SUBJECT}){{0,6}}\s+(?:(?:zijn|is|worden|wordt|are)\s+(?:de\s+|het\s+|een\s+)?|(?:[a-z]\w*\s+){{1,2}}als\s+)?")


def _on_the_way(text: str, mention: Mention, words: frozenset[str] = INSTRUMENT_WORDS) -> bool:
    """Is the name right after one of ``words`` ("via Welzijn op Recept"): named on the way, not the subject?"""
    return bool(words & set(WORD_RE.findall(text[: mention.start].lower())[-1:]))


def _heading_number(passage: Passage) -> int | None:
    """The number of a numbered heading ("3.\tZorgnetwerk Oldambt" → 3)."""
    found = HEADING_NUMBER_RE.match(passage.lines[0].text) if passage.lines and passage.lines[0].numbered else None
    return int(found.group(1)) if found else None


def _relative_clauses(text: str, programmes: list[Mention]) -> list[tuple[int, int, Entry]]:
    """The relative clauses about a programme ("Welzijn op Recept, dat in Pekela wordt uitgevoerd door X;"): where each
    starts and ends, and the programme it is about."""
    clauses = []
    for mention in programmes:
        opening = RELATIVE_PROGRAMME_RE.match(text, mention.end)
        if opening:
            end = re.compile(r"[,;.:]").search(text, opening.end())
            clauses.append((opening.end(), end.start() if end else len(text), mention.entry))
    return clauses


def _role_at(cues: list[tuple[int, str]], positions: list[int], start: int, end: int, text: str = "") -> str:
    """The role of a cue right after a mention ('met X als kennispartner') or after the verb of which it is
    the subject ('X en Y zijn partners'); else of the cue nearest
    before it; else of the first cue after it. ``cues`` are in text order and ``positions`` are their
    starts; each look-up is a binary search, so a passage with thousands of mentions stays fast."""
    as_role = AS_ROLE_RE.match(text, end) if text else None
    if as_role:  # a cue that starts after ' als ' (with any whitespace around it)
        first = bisect.bisect_left(positions, as_role.start(1) + 1)
        if first < len(cues) and positions[first] <= as_role.end():
            return cues[first][1]
    relative = RELATIVE_CLAUSE_RE.match(text, end) if text else None
    if relative:  # "… de gemeente en het OZG, die samen de kar trekken": the verb that ends the clause about them
        last = bisect.bisect_left(positions, relative.end("clause")) - 1
        if last >= 0 and positions[last] >= relative.start("clause"):
            return cues[last][1]
    opens_clause = bool(text) and CLAUSE_OPENING_RE.search(text, 0, start) is not None
    predicate = PREDICATE_ROLE_RE.match(text, end) if opens_clause else None
    if predicate:  # the mention is the subject: "… en Noorderpoort zijn partners"
        first = bisect.bisect_left(positions, predicate.end())
        if first < len(cues) and positions[first] == predicate.end():
            return cues[first][1]
    if opens_clause:  # the mention opens its clause: "…, het UMCG werkt als partner mee"
        clause_end = CLAUSE_END_RE.search(text, end)
        first = bisect.bisect_left(positions, end)
        if first < len(cues) and positions[first] < (clause_end.start() if clause_end else len(text)):
            return cues[first][1]
    before = bisect.bisect_left(positions, start)
    if before:
        return cues[before - 1][1]
    after = bisect.bisect_left(positions, end)
    return cues[after][1] if after < len(cues) else ""


def extract(doc_slug: str, passages: list[Passage], lexicon: Lexicon, deadline: float | None = None) -> Extraction:
    """All facts of one document; past ``deadline`` (``time.monotonic()``) the reading stops with ExtractionTooSlow."""
    seen = SeenOrganisations()
    common = frozenset(re.findall(r"(?<![\w-])[a-zà-ÿ][\w-]+", "\n".join(p.text for p in passages)))
    extractor = Extractor(lexicon, Extraction(doc_slug, passages), Proposer(lexicon, seen, common), organisations_seen=seen)
    return extractor.run(deadline)


__all__ = ["extract"]
