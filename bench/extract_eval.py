"""Precision and recall of the facts layer on annotated documents, printed as tables.

    .venv/bin/python bench/extract_eval.py [--corpus-dir ../shared/corpus] [--only NAME ...] [--json]

Each document of ``tests/fixtures/extract/documenten`` (written for this evaluation, never seen by
the rules) and each annotated corpus part is read exactly as ``gezond-kg build FILE`` reads it
(``ingest.pipeline.extract_document``) and compared with ``tests/fixtures/extract/gold.yaml``:

- organisaties: P/R of the organisation entities (a gold *netwerk* that comes out as an
  organisation counts neither way), plus the share of found organisations with the right type;
- personen: P/R of the persons; person→organisatie: the share of gold persons with an organisation
  that are linked to (one of) the right one(s);
- programma's/projecten/netwerken: P/R;
- betrokkenheden+lidmaatschappen: P/R of (organisation, programme or network, role group) with the
  role groups trekker | financier | partner/uitvoerder/lid | contact; a membership matches a
  membership or a partner-like involvement in that network; status (voorgesteld/besloten) is the
  share of matched gold involvements with the right status;
- onderdelen: P/R of "project is part of programme/platform".

Names match after folding case, quotes, white space and a leading article, against the gold name,
its aliases and the aliases the lexicon gives the predicted entity.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import table  # noqa: E402
from ingest.facts import NETWORK_ROLES, Extraction  # noqa: E402
from ingest.lexicon import Entry, Lexicon  # noqa: E402
from ingest.pipeline import extract_document  # noqa: E402
from ingest.sources import read_document  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "extract"
GOLD_FILE = FIXTURES / "gold.yaml"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
ROLE_GROUPS = {"trekker": "trekker", "financier": "financier", "contact": "contact",
               "partner": "partner", "uitvoerder": "partner", "lid": "partner"}
MEASURES = ("organisaties", "personen", "persoon→organisatie", "programma's", "relaties", "onderdelen")


def fold(name: str) -> str:
    name = re.sub(r"[‘’'\"“”]", "", name).casefold()
    name = re.sub(r"\s+", " ", name).strip(" .,;:")
    return re.sub(r"^(?:de|het|the)\s+", "", name)


def names_of(item: dict, key: str = "naam") -> set[str]:
    value = item[key]
    values = value if isinstance(value, list) else [value]
    return {fold(v) for v in values} | {fold(a) for a in item.get("aliassen") or ()}


@dataclass
class Counts:
    """True positives among predictions, predictions, gold items found, gold items."""

    hit_pred: int = 0
    pred: int = 0
    hit_gold: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.hit_pred += other.hit_pred
        self.pred += other.pred
        self.hit_gold += other.hit_gold
        self.gold += other.gold

    @property
    def precision(self) -> float | None:
        return self.hit_pred / self.pred if self.pred else None

    @property
    def recall(self) -> float | None:
        return self.hit_gold / self.gold if self.gold else None


@dataclass
class Score:
    counts: dict[str, Counts] = field(default_factory=lambda: {m: Counts() for m in MEASURES})
    type_right: int = 0
    type_total: int = 0
    status_right: int = 0
    status_total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in MEASURES:
            self.counts[name].add(other.counts[name])
        self.type_right += other.type_right
        self.type_total += other.type_total
        self.status_right += other.status_right
        self.status_total += other.status_total
        self.misses += other.misses


def entry_names(entry: Entry, surfaces: dict[str, set[str]]) -> set[str]:
    return {fold(entry.name), *(fold(a) for a in entry.aliases), *surfaces.get(entry.key, set())}


class Document:
    """Predictions of one document, limited to the scored passages."""

    def __init__(self, extraction: Extraction, first_offset: int) -> None:
        inside = lambda passage: passage.start >= first_offset  # noqa: E731
        self.surfaces: dict[str, set[str]] = {}
        self.entries: dict[str, Entry] = {}
        for fact in extraction.entities:
            if inside(fact.passage):
                self.entries[fact.entry.key] = fact.entry
                self.surfaces.setdefault(fact.entry.key, set()).add(fold(fact.surface))
        self.involvements = [f for f in extraction.involvements if inside(f.passage)]
        self.memberships = [f for f in extraction.memberships if inside(f.passage)]
        self.part_of = [f for f in extraction.part_of if inside(f.passage)]
        for fact in self.involvements:
            self.entries.setdefault(fact.programme.key, fact.programme)
            self.entries.setdefault(fact.agent.key, fact.agent)
        for fact in self.memberships:
            self.entries.setdefault(fact.member.key, fact.member)
            self.entries.setdefault(fact.organisation.key, fact.organisation)

    def of_kind(self, kind: str) -> list[Entry]:
        return [entry for entry in self.entries.values() if entry.kind == kind]

    def names(self, entry: Entry) -> set[str]:
        return entry_names(entry, self.surfaces)


def matches(doc: Document, entry: Entry, gold_names: set[str]) -> bool:
    return bool(doc.names(entry) & gold_names)


def score_document(gold: dict, extraction: Extraction, first_offset: int) -> Score:
    doc = Document(extraction, first_offset)
    score = Score()
    label = gold["bestand"]
    networks = [item for item in gold.get("programmas") or () if item.get("soort") == "netwerk"]
    network_names = set().union(*(names_of(n) for n in networks)) if networks else set()

    def count(measure: str, predicted: list, gold_items: list, pred_hit, gold_hit, describe) -> None:
        counts = score.counts[measure]
        counts.pred += len(predicted)
        counts.hit_pred += sum(1 for p in predicted if pred_hit(p))
        counts.gold += len(gold_items)
        for item in gold_items:
            if gold_hit(item):
                counts.hit_gold += 1
            else:
                score.misses.append(f"{label}: {measure} mist {describe(item)}")
        for p in predicted:
            if not pred_hit(p):
                score.misses.append(f"{label}: {measure} onjuist {describe(p)}")

    # organisations
    gold_orgs = gold.get("organisaties") or []
    orgs = [e for e in doc.of_kind("organisatie") if not matches(doc, e, network_names)]
    org_gold_names = [names_of(item) for item in gold_orgs]
    count("organisaties", orgs, gold_orgs,
          lambda e: any(matches(doc, e, n) for n in org_gold_names),
          lambda item: any(matches(doc, e, names_of(item)) for e in orgs),
          lambda x: x["naam"] if isinstance(x, dict) else x.name)
    for item in gold_orgs:
        found = [e for e in orgs if matches(doc, e, names_of(item))]
        if found:
            score.type_total += 1
            score.type_right += any(e.org_type == item["type"] for e in found)

    # persons and their organisation
    gold_persons = gold.get("personen") or []
    persons = doc.of_kind("persoon")
    count("personen", persons, gold_persons,
          lambda e: any(matches(doc, e, names_of(item)) for item in gold_persons),
          lambda item: any(matches(doc, e, names_of(item)) for e in persons),
          lambda x: x["naam"] if isinstance(x, dict) else x.name)
    with_org = [item for item in gold_persons if item.get("organisatie")]
    linked = Counts(gold=len(with_org))
    for item in with_org:
        if any(matches(doc, m.member, names_of(item)) and matches(doc, m.organisation, names_of(item, "organisatie"))
               for m in doc.memberships):
            linked.hit_gold += 1
        else:
            score.misses.append(f"{label}: persoon→organisatie mist {item['naam']} → {item['organisatie']}")
    person_links = [m for m in doc.memberships if m.member.kind == "persoon"]
    linked.pred = len(person_links)
    linked.hit_pred = sum(
        1 for m in person_links
        if any(matches(doc, m.member, names_of(item)) and matches(doc, m.organisation, names_of(item, "organisatie"))
               for item in with_org)
    )
    score.counts["persoon→organisatie"] = linked

    # programmes, projects and networks
    gold_programmes = gold.get("programmas") or []
    programmes = doc.of_kind("programma")
    as_orgs = [e for e in doc.of_kind("organisatie") if matches(doc, e, network_names)]
    count("programma's", programmes, gold_programmes,
          lambda e: any(matches(doc, e, names_of(item)) for item in gold_programmes),
          lambda item: any(matches(doc, e, names_of(item)) for e in programmes + (as_orgs if item.get("soort") == "netwerk" else [])),
          lambda x: x["naam"] if isinstance(x, dict) else x.name)

    # involvements and memberships
    gold_involvements = gold.get("betrokkenheden") or []
    gold_memberships = gold.get("lidmaatschappen") or []
    predicted: list[tuple[Entry, Entry, str, str]] = [  # (agent, programme or network, role group, status)
        (f.agent, f.programme, ROLE_GROUPS.get(f.role, f.role), getattr(f, "status", "besloten"))
        for f in doc.involvements if f.agent.kind == "organisatie"
    ] + [(m.member, m.organisation, ROLE_GROUPS[m.function] if m.function in NETWORK_ROLES else "lid", "besloten")
         for m in doc.memberships if m.member.kind == "organisatie"]  # the trekker or financier of a network keeps its role

    def hits_involvement(p: tuple[Entry, Entry, str, str], item: dict) -> bool:
        group = ROLE_GROUPS[item["rol"]]
        role_ok = p[2] == group or (p[2] == "lid" and group == "partner")
        return role_ok and matches(doc, p[0], names_of(item, "organisatie")) and matches(doc, p[1], names_of(item, "programma"))

    def hits_membership(p: tuple[Entry, Entry, str, str], item: dict) -> bool:
        # a network's trekker is one of its members too (its financier is not)
        return p[2] in ("lid", "partner", "trekker") and matches(doc, p[0], names_of(item, "lid")) and matches(doc, p[1], names_of(item, "netwerk"))

    def pred_hit(p: tuple[Entry, Entry, str, str]) -> bool:
        return any(hits_involvement(p, i) for i in gold_involvements) or any(hits_membership(p, m) for m in gold_memberships)

    def gold_hit(item: dict) -> bool:
        if "lid" in item:
            return any(hits_membership(p, item) for p in predicted)
        found = [p for p in predicted if hits_involvement(p, item)]
        if found:
            score.status_total += 1
            score.status_right += any(p[3] == item.get("status", "besloten") for p in found)
        return bool(found)

    def describe(x: tuple | dict) -> str:
        if isinstance(x, dict):
            return " → ".join(str(v) for v in x.values())
        return f"{x[0].name} → {x[1].name} ({x[2]}, {x[3]})"

    count("relaties", predicted, gold_involvements + gold_memberships, pred_hit, gold_hit, describe)

    gold_parts = gold.get("onderdelen") or []
    count("onderdelen", doc.part_of, gold_parts,
          lambda f: any(matches(doc, f.child, names_of(i, "deel")) and matches(doc, f.parent, names_of(i, "van")) for i in gold_parts),
          lambda i: any(matches(doc, f.child, names_of(i, "deel")) and matches(doc, f.parent, names_of(i, "van")) for f in doc.part_of),
          lambda x: " → ".join(x.values()) if isinstance(x, dict) else f"{x.child.name} → {x.parent.name}")
    return score


def evaluate(gold_items: list[dict], directory: Path, lexicon: Lexicon) -> tuple[Score, dict[str, Score], float]:
    total, per_document, seconds = Score(), {}, 0.0
    for gold in gold_items:
        document = read_document(directory / gold["bestand"])
        started = time.perf_counter()
        extraction = extract_document(document, lexicon)
        seconds += time.perf_counter() - started
        first_offset = document.text.index(gold["vanaf"]) if gold.get("vanaf") else 0
        score = score_document(gold, extraction, first_offset)
        per_document[gold["bestand"]] = score
        total.add(score)
    return total, per_document, seconds


def fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def rows_of(score: Score) -> list[list[str]]:
    rows = []
    for name in MEASURES:
        counts = score.counts[name]
        rows.append([name, fmt(counts.precision), fmt(counts.recall), f"{counts.hit_gold}/{counts.gold}", f"{counts.hit_pred}/{counts.pred}"])
    rows.append(["type organisatie juist", "", fmt(score.type_right / score.type_total if score.type_total else None), f"{score.type_right}/{score.type_total}", ""])
    rows.append(["status juist", "", fmt(score.status_right / score.status_total if score.status_total else None), f"{score.status_right}/{score.status_total}", ""])
    return rows


def as_json(score: Score) -> dict:
    return {name: {"precision": c.precision, "recall": c.recall, "gold": c.gold, "predicted": c.pred}
            for name, c in score.counts.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description="Precisie en recall van de feitenlaag op geannoteerde documenten.")
    parser.add_argument("--corpus-dir", type=Path, default=DEFAULT_CORPUS, help="map met het corpus (voor de geannoteerde corpusdelen)")
    parser.add_argument("--only", nargs="*", default=None, help="alleen deze bestanden (namen uit gold.yaml)")
    parser.add_argument("--misses", action="store_true", help="toon wat gemist of onjuist is")
    parser.add_argument("--json", action="store_true", help="resultaat als JSON")
    args = parser.parse_args()
    gold = yaml.safe_load(GOLD_FILE.read_text(encoding="utf-8"))
    keep = lambda items: [g for g in items if args.only is None or g["bestand"] in args.only]  # noqa: E731
    lexicon = Lexicon.load()
    sets = {"eigen documenten": (keep(gold["documenten"]), FIXTURES / "documenten")}
    if args.corpus_dir.is_dir():
        sets["corpusdelen"] = (keep(gold["corpus"]), args.corpus_dir)
    results = {}
    for title, (items, directory) in sets.items():
        if not items:
            continue
        total, per_document, seconds = evaluate(items, directory, lexicon)
        results[title] = {"totaal": as_json(total), "documenten": {k: as_json(v) for k, v in per_document.items()}, "seconden": seconds}
        if not args.json:
            print(f"\n## {title} ({len(items)} documenten, extractie {seconds:.2f} s)\n")
            print(table(rows_of(total), ["maat", "P", "R", "gold gevonden", "voorspeld juist"]))
            if args.misses:
                print("\n" + "\n".join(total.misses))
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
