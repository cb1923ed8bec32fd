"""Quality of overlaps, gaps and goal links against a hand-written gold standard
(tests/fixtures/analyses/gold.yaml), printed as a table.

    .venv/bin/python bench/analyses_eval.py [--data-dir data | --build] [--code DIR] [--details]

- overlaps between programmes: precision and recall at 20 (the first 20 of the ranked list; fewer
  when the list is shorter); a pair matches when both sides match the gold aliases;
- relations between actielijnen: precision and recall over every pair the system reports;
- stated gaps: a reported gap matches when its passage overlaps the gold quote's span in the same
  document. Precision counts every reported gap except the structural kinds whose truth is a graph
  fact (no trekker, no partner, no description, theme without programme, actielijn without a domain);
  a "goal without programme" counts as wrong when the regioplan gives the goal's opgave to an
  actielijn (gold goal_links);
- goal links: opgave → actielijn links stated in the graph (gg:werktAanOpgave) against gold;
- evidence: share of the top-20 overlaps whose two evidence passages both have >= 12 words.

``--code DIR`` measures another checkout (e.g. main, for the figures before a change) with the same
gold and data.

``--zinnen [set]`` scores the stated-gap cues on held-out single sentences (tests/fixtures/analyses/lacunezinnen.yaml, or
lacunezinnen-controle / lacunezinnen-3).
``--ongezien [ongezien2]`` measures on material the analyses were not tuned on: the corpus plus the documents in
tests/fixtures/analyses/<set>/ is built in a temporary directory, and the first overlaps that involve
one of their programmes are scored against tests/fixtures/analyses/<set>.yaml (``must`` for recall,
``must`` and ``also_right`` for precision).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "analyses" / "gold.yaml"
UNSEEN_SETS = ("ongezien", "ongezien2", "ongezien3", "ongezien4")  # tests/fixtures/analyses/<set>/ with its gold <set>.yaml
GAP_SENTENCE_SETS = ("lacunezinnen", "lacunezinnen-controle", "lacunezinnen-3", "lacunezinnen-4")  # tests/fixtures/analyses/<set>.yaml
HEADER = ["wat", "precisie", "recall", "juist/gemeld", "gevonden/gold"]
STRUCTURAL = {"programma-zonder-trekker", "programma-zonder-partner", "programma-zonder-beschrijving",
              "thema-zonder-programma", "actielijn-zonder-domein"}
GOAL_GAPS = {"doel-zonder-programma", "opgave-zonder-programma"}
TOP = 20


def _names(label: str) -> str:
    return re.sub(r"[‘’'\"“”]", "", label).lower().strip()


def side_matches(label: str, aliases: list[str]) -> bool:
    name = _names(label)
    return any(alias in name or (len(name) > 6 and name in alias) for alias in aliases)


def pair_matches(first: str, second: str, sides: list[list[str]]) -> bool:
    a, b = sides
    return (side_matches(first, a) and side_matches(second, b)) or (side_matches(first, b) and side_matches(second, a))


def quote_span(text: str, quote: str) -> tuple[int, int]:
    """Where ``quote`` stands in ``text``; runs of whitespace and quote marks may differ."""
    parts = [re.escape(word) for word in quote.split()]
    pattern = r"\s+".join(parts).replace("’", "[’']").replace("‘", "[‘']")
    found = re.search(pattern, text)
    if not found:
        raise SystemExit(f"{GOLD}: citaat niet gevonden in het document: {quote!r}")
    return found.start(), found.end()


def passage_span(passage_iri: str) -> tuple[str, int, int] | None:
    found = re.search(r"/([a-z0-9-]+?)-(\d+)-(\d+)$", passage_iri or "")
    return (found.group(1), int(found.group(2)), int(found.group(3))) if found else None


@dataclass
class Score:
    name: str
    found: int
    reported: int
    gold_found: int
    gold: int

    @property
    def precision(self) -> float:
        return self.found / self.reported if self.reported else 0.0

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold if self.gold else 0.0

    def row(self) -> list[str]:
        return [self.name, f"{self.precision:.2f}", f"{self.recall:.2f}", f"{self.found}/{self.reported}", f"{self.gold_found}/{self.gold}"]


def score_overlaps(report: object, gold: dict, details: bool) -> tuple[Score, Score, float]:
    programmes = list(report.programmes)[:TOP]
    gold_pairs = gold["overlaps"]["programmes"]
    hits = [any(pair_matches(o.first_label, o.second_label, g["sides"]) for g in gold_pairs) for o in programmes]
    found_gold = [any(pair_matches(o.first_label, o.second_label, g["sides"]) for o in programmes) for g in gold_pairs]
    if details:
        for o, hit in zip(programmes, hits):
            print(f"  {'+' if hit else '-'} {o.first_label} ↔ {o.second_label} ({o.score})", file=sys.stderr)
        for g, hit in zip(gold_pairs, found_gold):
            if not hit:
                print(f"  gemist: {g['sides']}", file=sys.stderr)
    lines = {frozenset((a.first, a.second)) for a in report.actielijnen}
    gold_lines = {frozenset(item["pair"]) for item in gold["overlaps"]["actielijnen"]}
    substantive = sum(
        1 for o in programmes
        if o.evidence and all(len(e.text.split()) >= 12 for e in o.evidence)
    )
    return (Score("overlap programma's (@20)", sum(hits), len(programmes), sum(found_gold), len(gold_pairs)),
            Score("relaties tussen actielijnen", len(lines & gold_lines), len(lines), len(lines & gold_lines), len(gold_lines)),
            substantive / len(programmes) if programmes else 0.0)


def score_unseen_overlaps(report: object, gold: dict, details: bool) -> Score:
    """The first ``gold["top"]`` overlaps that involve a programme of the unseen documents."""
    new = [name.lower() for name in gold["programmes"]]
    involved = [o for o in report.programmes
                if any(side_matches(label, new) for label in (o.first_label, o.second_label))][: gold["top"]]
    right = gold["must"] + [[sides[0], [alias]] for sides in gold["also_right"] for alias in sides[1]]
    hits = [any(pair_matches(o.first_label, o.second_label, g) for g in right) for o in involved]
    found = [any(pair_matches(o.first_label, o.second_label, g) for o in involved) for g in gold["must"]]
    if details:
        for o, hit in zip(involved, hits):
            print(f"  {'+' if hit else '-'} {o.first_label} ↔ {o.second_label} ({o.score})", file=sys.stderr)
        for g, hit in zip(gold["must"], found):
            if not hit:
                print(f"  gemist: {g}", file=sys.stderr)
    return Score(f"overlap ongeziene programma's (@{gold['top']})", sum(hits), len(involved), sum(found), len(gold["must"]))


def score_unseen_gaps(gaps: list, gold: dict, corpus: Path, details: bool) -> Score:
    """Stated gaps reported for the unseen documents: right when their passage holds a gold quote (found in the text as
    the pipeline reads it: HTML and Markdown offsets are those of the converted text)."""
    from ingest.sources import read_document

    wanted = []
    for item in gold.get("gaps", []):
        path = next(corpus.glob(f"{item['document']}.*"))
        wanted.append((item["document"], *quote_span(read_document(path).text, item["quote"])))  # the offsets passages have
    documents = {doc for doc, _, _ in wanted}
    reported = [(g, passage_span(g.passage)) for g in gaps if g.kind not in STRUCTURAL | GOAL_GAPS]
    reported = [(g, where) for g, where in reported if where and where[0] in documents]
    quotes = [item["quote"] for item in gold.get("gaps", [])]
    hits = [next((i for i, (doc, start, end) in enumerate(wanted) if doc == where[0] and where[1] < end and start < where[2]
                  and _same_sentence(getattr(gap, "quote", ""), quotes[i])), None)
            for gap, where in reported]
    if details:
        for (gap, _), hit in zip(reported, hits):
            print(f"  {'+' if hit is not None else '-'} {gap.kind}: {getattr(gap, 'quote', '')[:90]}", file=sys.stderr)
    found = {hit for hit in hits if hit is not None}
    return Score("lacunes ongeziene documenten", sum(hit is not None for hit in hits), len(reported), len(found), len(wanted))


def _same_sentence(reported: str, quote: str) -> bool:
    """A gap that quotes its sentence must quote the gold one (half of the gold words or more); a gap
    without a quote is judged by its passage alone."""
    if not reported:
        return True
    words = set(re.findall(r"\w+", quote.lower()))
    return len(words & set(re.findall(r"\w+", reported.lower()))) >= len(words) / 2


def score_gaps(gaps: list, gold: dict, corpus: Path, details: bool) -> tuple[Score, float, float]:
    stated = gold["gaps"]["stated"]
    spans = []
    for item in stated:
        text = (corpus / f"{item['document']}.txt").read_text(encoding="utf-8")
        spans.append((item["document"], *quote_span(text, item["quote"])))
    evaluated = [g for g in gaps if g.kind not in STRUCTURAL]
    found, matched, right_line, named_programme, right_programme = 0, set(), 0, 0, 0
    for gap in evaluated:
        where = passage_span(gap.passage)
        hit = None
        if gap.kind not in GOAL_GAPS and where:
            hit = next((i for i, (doc, start, end) in enumerate(spans)
                        if doc == where[0] and where[1] < end and start < where[2]
                        and _same_sentence(getattr(gap, "quote", ""), stated[i]["quote"])), None)
        if hit is not None:
            found += 1
            matched.add(hit)
            line = getattr(gap, "actielijn", None)
            right_line += str(line) == str(stated[hit]["actielijn"])
            if stated[hit].get("programme"):
                named_programme += 1
                right_programme += side_matches(getattr(gap, "programme_label", "") or "", [stated[hit]["programme"]])
        if details:
            print(f"  {'+' if hit is not None else '-'} {gap.kind}: {gap.subject_label[:70]} ({gap.passage.rsplit('/', 1)[-1]})",
                  file=sys.stderr)
    if details:
        for i, item in enumerate(stated):
            if i not in matched:
                print(f"  gemist: {item['id']}", file=sys.stderr)
    return Score("lacunes (genoemd in de tekst)", found, len(evaluated), len(matched), len(stated)), (
        right_line / found if found else 0.0), (right_programme / named_programme if named_programme else 0.0)


def score_goal_links(store: object, gold: dict) -> Score:
    from graph.queries import PREFIX_BLOCK

    rows = store.select(PREFIX_BLOCK + """
        SELECT DISTINCT ?label ?n WHERE { ?a gg:werktAanOpgave ?o ; gg:nummer ?n . ?o skos:prefLabel ?label }""").rows
    links = {(row["label"].lower(), int(row["n"])) for row in rows}
    wanted = [(item["opgave"], item["actielijn"]) for item in gold["goal_links"]]
    hits = sum(any(key in label and n == number for label, n in links) for key, number in wanted)
    correct = sum(any(key in label and n == number for key, number in wanted) for label, n in links)
    return Score("doelen → actielijn (uit de tekst)", correct, len(links), hits, len(wanted))


def score_gap_sentences(path: Path, details: bool) -> Score:
    """Held-out single sentences: is a stated gap recognised (any kind), and is a plain statement left alone?"""
    from search.stated_gaps import gap_kind

    sentences = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = [sentence for sentence in sentences["lacune"] if gap_kind(sentence)]
    wrong = [sentence for sentence in sentences["geen"] if gap_kind(sentence)]
    if details:
        for sentence in sentences["lacune"]:
            print(f"  {'+' if sentence in found else 'gemist'}: {sentence} [{gap_kind(sentence)}]", file=sys.stderr)
        for sentence in wrong:
            print(f"  onterecht: {sentence} [{gap_kind(sentence)}]", file=sys.stderr)
    return Score(f"lacunezinnen ({path.stem})", len(found), len(found) + len(wrong), len(found), len(sentences["lacune"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data", help="gebouwde graaf + zoekindex")
    parser.add_argument("--build", action="store_true", help="eerst graaf en zoekindex bouwen in een tijdelijke map")
    parser.add_argument("--corpus-dir", type=Path,
                        default=Path(os.environ.get("GEZOND_KG_CORPUS_DIR", ROOT.parent / "shared" / "corpus")))
    parser.add_argument("--code", type=Path, default=ROOT, help="de checkout waarvan de code gemeten wordt")
    parser.add_argument("--details", action="store_true", help="elke overlap en lacune met +/- op stderr")
    parser.add_argument("--zinnen", nargs="?", const="lacunezinnen", choices=GAP_SENTENCE_SETS,
                        help="alleen losse zinnen (tests/fixtures/analyses/<set>.yaml, standaard lacunezinnen): "
                             "herkent de lacunedetectie ze (geen bouw nodig)")
    parser.add_argument("--ongezien", nargs="?", const="ongezien", choices=UNSEEN_SETS,
                        help="bouw corpus + tests/fixtures/analyses/<set>/ (standaard ongezien) en meet alleen de overlappen "
                             "(en genoemde lacunes) van die documenten")
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    sys.path.insert(1, str(ROOT))

    from bench.common import table
    from graph.factory import open_store
    from search.embedders import make_embedder
    from search.engine import SearchEngine
    from search.gaps import find_gaps
    from search.overlaps import KEPT_FLOOR, find_overlaps

    if args.zinnen:
        print(table([score_gap_sentences(GOLD.with_name(f"{args.zinnen}.yaml"), args.details).row()], HEADER))
        return
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    if args.ongezien:  # the corpus with the unseen documents beside it, built fresh
        corpus = Path(tempfile.mkdtemp(prefix="analyses-ongezien-corpus-"))
        for source in [*args.corpus_dir.iterdir(), *GOLD.with_name(args.ongezien).iterdir()]:
            (corpus / source.name).symlink_to(source.resolve())
        args.corpus_dir, args.build = corpus, True
    data_dir = Path(tempfile.mkdtemp(prefix="analyses-eval-")) if args.build else args.data_dir
    if args.build:  # the checkout's own build: graph, search index and (where it has them) the stored analyses
        seed = os.environ.get("GEZOND_KG_TEST_EMBEDDING_CACHE")  # as in the tests: reuse earlier embeddings
        if seed:
            (data_dir / "search").mkdir(parents=True, exist_ok=True)
            shutil.copy(seed, data_dir / "search" / "embeddings.sqlite")
        subprocess.run([str(args.code / ".venv" / "bin" / "gezond-kg"), "build", "--data-dir", str(data_dir),
                        "--corpus-dir", str(args.corpus_dir)], check=True, stdout=subprocess.DEVNULL)
    embedder = make_embedder()
    store = open_store(data_dir)
    engine = SearchEngine(data_dir, embedder)
    if args.ongezien:
        unseen_gold = yaml.safe_load(GOLD.with_name(f"{args.ongezien}.yaml").read_text(encoding="utf-8"))
        rows = [score_unseen_overlaps(find_overlaps(store, engine, min_score=KEPT_FLOOR), unseen_gold, args.details).row()]
        if "gaps" in unseen_gold:
            rows.append(score_unseen_gaps(find_gaps(store, engine), unseen_gold, args.corpus_dir, args.details).row())
        print(table(rows, HEADER))
        store.close()
        return
    programmes, actielijnen, substantive = score_overlaps(find_overlaps(store, engine, min_score=KEPT_FLOOR), gold, args.details)
    gaps, line_accuracy, programme_accuracy = score_gaps(find_gaps(store, engine), gold, args.corpus_dir, args.details)
    goals = score_goal_links(store, gold)
    rows = [s.row() for s in (programmes, actielijnen, gaps, goals)]
    combined = Score("overlap samen (programma's + actielijnen)", programmes.found + actielijnen.found,
                     programmes.reported + actielijnen.reported, programmes.gold_found + actielijnen.gold_found,
                     programmes.gold + actielijnen.gold)
    rows.insert(2, combined.row())
    print(table(rows, HEADER))
    print(f"\nbewijs met >= 12 woorden aan beide kanten (top-{TOP}): {substantive:.2f}; "
          f"lacunes met de juiste actielijn: {line_accuracy:.2f}; met het juiste programma (waar de gold er een noemt): "
          f"{programme_accuracy:.2f}")
    store.close()


if __name__ == "__main__":
    main()
