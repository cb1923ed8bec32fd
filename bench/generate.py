"""Synthetic Gezond-Groningen networks at ×N: the real graph (built from the corpus) is the template,
copied once per synthetic health region with renamed IRIs, regional names and rewired edges.

    .venv/bin/python bench/generate.py --scale 100 [--out /tmp/kg-bench] [--seed 7]

Region 0 is the real graph unchanged (so the real IRIs and names work at every scale); every other
region gets its own copies of the documents, passages (texts with the region's names, character
spans recomputed), actielijnen, programmes, organisations, persons, goals and involvements, in
exactly the shape ``ingest/to_rdf.py`` produces. National organisations (health insurers, national
government) are shared by all regions, and a fraction of the involvements is rewired by preferential
attachment (a new partner is drawn proportionally to its number of involvements so far), which gives
the few big hubs and many small partners of a real network. Output: one N-Quads file holding every
named graph, deterministic for a seed. The derived graph is not written: ``graph/derive.py`` makes it
after loading, as a build does.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from graph.factory import open_store
from ingest.lexicon import Lexicon
from ingest.pipeline import build_corpus
from ontology.namespaces import BASE, GG, GGID, NIF, ORG, slugify

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DOCUMENT_GRAPH_PREFIX = BASE + "graph/document/"
REFERENCE_GRAPH = BASE + "graph/referentie"
SHARED_KINDS = frozenset({"rol", "organisatietype", "thema", "opgave", "functie"})
NATIONAL_TYPES = frozenset({"zorgverzekeraar", "overheid"})
REWIRE_PROBABILITY = 0.15  # involvements that get a partner by preferential attachment
EXTRA_SENTENCE_PROBABILITY = 0.25  # passages that get one more (regionalised) corpus sentence
PLACE = "Groningen"
REGIONS = (
    "Groningen", "Fryslân", "Drenthe", "IJsselland", "Twente", "Noord- en Oost-Gelderland", "Gelderland-Midden",
    "Gelderland-Zuid", "Utrecht", "Gooi en Vechtstreek", "Flevoland", "Hollands Noorden", "Kennemerland",
    "Amsterdam-Amstelland", "Zaanstreek-Waterland", "Hollands Midden", "Haaglanden", "Rotterdam-Rijnmond",
    "Zuid-Holland Zuid", "Zeeland", "West-Brabant", "Hart voor Brabant", "Brabant-Zuidoost", "Limburg-Noord",
    "Zuid-Limburg", "Midden-Holland", "Noord-Veluwe",
)
FIRST_NAMES = ("Anna", "Bram", "Daan", "Eva", "Fleur", "Gert", "Hanna", "Ingrid", "Jeroen", "Karin", "Lotte", "Marco",
               "Nienke", "Pieter", "Roos", "Sander", "Tineke", "Wouter", "Yvonne", "Zeger")
SURNAMES = ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos", "Vos", "Dijkstra",
            "Hoekstra", "Postma", "Kuipers", "Wiersma", "van der Molen", "Huizinga", "Oosterhof", "Zijlstra", "Brouwer")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


# -- the template: the real graph -------------------------------------------------------------------

def template_graphs(corpus_dir: Path) -> dict[str, Graph]:
    """The real graph, one rdflib Graph per named graph (ontology, reference frame, documents)."""
    with tempfile.TemporaryDirectory(prefix="kg-template-") as tmp, open_store(Path(tmp)) as store:
        build_corpus(store, corpus_dir, Lexicon.load())
        return {
            name: store.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
            for name in store.graph_names() if not name.endswith("/afgeleid")
        }


def nt_term(term: object) -> str:
    """A term in N-Triples syntax (json.dumps escapes are valid N-Triples string escapes)."""
    if isinstance(term, Literal):
        text = json.dumps(str(term), ensure_ascii=False)
        if term.language:
            return f"{text}@{term.language}"
        return f"{text}^^<{term.datatype}>" if term.datatype else text
    return f"<{term}>"


Parts = tuple[str, ...]  # text, key, text, key, ..., text (odd positions: entity keys)


@dataclass
class Template:
    """The real graph taken apart for fast copying: names to substitute, passages, involvements."""

    graphs: dict[str, Graph]
    kinds: dict[str, str] = field(default_factory=dict)  # ggid IRI -> kind
    labels: dict[str, str] = field(default_factory=dict)  # organisation/person/programme IRI -> name
    org_types: dict[str, str] = field(default_factory=dict)
    name_pattern: re.Pattern[str] | None = None
    name_keys: dict[str, str] = field(default_factory=dict)  # surface name -> entity IRI (or PLACE)
    compiled: dict[str, Parts] = field(default_factory=dict)  # literal text -> parts
    sentences: list[str] = field(default_factory=list)
    passages: dict[str, list[tuple[URIRef, str]]] = field(default_factory=dict)  # doc graph -> [(passage, text)]
    involvements: dict[str, dict[URIRef, tuple[URIRef, URIRef, URIRef]]] = field(default_factory=dict)  # b -> (P, A, passage)

    @classmethod
    def from_graphs(cls, graphs: dict[str, Graph]) -> Template:
        template = cls(graphs)
        surfaces: dict[str, str] = {PLACE: PLACE}
        for graph in graphs.values():
            for subject in graph.subjects(RDF.type):
                if str(subject).startswith(str(GGID)):
                    template.kinds[str(subject)] = str(subject)[len(GGID):].split("/", 1)[0]
            for subject, label in graph.subject_objects(RDFS.label):
                if template.kinds.get(str(subject)) in ("organisatie", "persoon", "programma"):
                    template.labels[str(subject)] = str(label)
            for subject, kind in graph.subject_objects(ORG.classification):
                template.org_types[str(subject)] = str(kind).rsplit("/", 1)[-1]
            for predicate in (RDFS.label, SKOS.altLabel):
                for subject, name in graph.subject_objects(predicate):
                    if template.kinds.get(str(subject)) in ("organisatie", "persoon") and len(str(name)) >= 3:
                        surfaces.setdefault(str(name), str(subject))
        template.name_keys = surfaces
        alternation = "|".join(re.escape(name) for name in sorted(surfaces, key=len, reverse=True))
        template.name_pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")
        for name, graph in graphs.items():
            if name.startswith(DOCUMENT_GRAPH_PREFIX):
                template._read_document(name, graph)
        return template

    def _read_document(self, name: str, graph: Graph) -> None:
        passages = sorted(
            ((passage, str(graph.value(passage, NIF.anchorOf)), int(graph.value(passage, NIF.beginIndex)))
             for passage in graph.subjects(RDF.type, GG.Passage)), key=lambda item: item[2])
        self.passages[name] = [(passage, text) for passage, text, _ in passages]
        self.sentences.extend(s for _, text, _ in passages for s in SENTENCE_END.split(text) if 40 <= len(s) <= 300)
        table: dict[URIRef, tuple[URIRef, URIRef, URIRef]] = {}
        for programme, node in graph.subject_objects(PROV.qualifiedAssociation):
            table[node] = (programme, graph.value(node, PROV.agent), graph.value(node, DCTERMS.source))
        self.involvements[name] = table

    def parts(self, text: str) -> Parts:
        """``text`` split around the names it mentions (cached: every region reuses it)."""
        cached = self.compiled.get(text)
        if cached is None:
            pieces: list[str] = []
            position = 0
            assert self.name_pattern is not None
            for match in self.name_pattern.finditer(text):
                pieces += [text[position:match.start()], self.name_keys[match.group(0)]]
                position = match.end()
            cached = self.compiled[text] = (*pieces, text[position:])
        return cached


# -- one synthetic region ---------------------------------------------------------------------------

@dataclass
class Region:
    number: int
    name: str
    slug: str
    names: dict[str, str]  # entity key (IRI or PLACE) -> the region's name for it
    targets: dict[str, str]  # template organisation/person IRI -> the region's IRI


def region_name(number: int) -> str:
    base = REGIONS[number % len(REGIONS)]
    return base if number < len(REGIONS) else f"{base} {number // len(REGIONS) + 1}"


def regional_label(label: str, region: str) -> str:
    return label.replace(PLACE, region) if PLACE in label else f"{label} {region}"


def make_region(template: Template, number: int, rng: random.Random) -> Region:
    name = region_name(number)
    slug = slugify(name)
    names: dict[str, str] = {PLACE: name}
    targets: dict[str, str] = {}
    for index, (iri, label) in enumerate(sorted(template.labels.items())):
        kind = template.kinds[iri]
        if kind == "organisatie" and template.org_types.get(iri) in NATIONAL_TYPES and PLACE not in label:
            names[iri], targets[iri] = label, iri  # one national organisation for all regions
        elif kind == "organisatie":
            names[iri] = regional_label(label, name)
            targets[iri] = f"{GGID}organisatie/{slugify(names[iri])}"
        elif kind == "persoon":
            names[iri] = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
            targets[iri] = f"{GGID}persoon/{slugify(names[iri])}-{slug}-{index}"
    return Region(number, name, slug, names, targets)


@dataclass
class Network:
    """State shared by all regions: organisations that exist so far, and one entry per involvement
    of each (drawing uniformly from ``endpoints`` is drawing proportionally to degree)."""

    labels: dict[str, str] = field(default_factory=dict)
    endpoints: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("regio's", "organisaties", "programma's", "betrokkenheden", "passages", "quads"), 0))


class RegionWriter:
    """Writes one region's copy of every document graph (and its actielijnen) as N-Quads lines."""

    def __init__(self, template: Template, region: Region, network: Network, rng: random.Random) -> None:
        self.template, self.region, self.network, self.rng = template, region, network, rng
        self.iris: dict[str, str] = {}
        self.literal_overrides: dict[tuple[str, str], str] = {}  # (template subject, predicate) -> N-Triples literal

    def iri(self, term: URIRef) -> str:
        text = str(term)
        cached = self.iris.get(text)
        if cached is not None:
            return cached
        if text in self.region.targets:
            result = self.region.targets[text]
        elif text.startswith(str(GGID)):
            kind, _, rest = text[len(GGID):].partition("/")
            if kind in SHARED_KINDS:
                result = text
            elif kind == "actielijn":
                result = f"{GGID}actielijn/{self.region.slug}-{rest}"
            else:
                result = f"{text}--{self.region.slug}"
        else:
            result = text
        self.iris[text] = result
        return result

    def text(self, value: str, overrides: dict[str, str] | None = None) -> str:
        parts = self.template.parts(value)
        names = self.region.names if not overrides else {**self.region.names, **overrides}
        return "".join(part if index % 2 == 0 else names.get(part, self.template.labels.get(part, part))
                       for index, part in enumerate(parts))

    def literal(self, subject: URIRef, predicate: URIRef, value: Literal) -> str:
        override = self.literal_overrides.get((str(subject), str(predicate)))
        if override is not None:
            return override
        if value.datatype is not None and value.datatype != XSD.string:
            return nt_term(value)
        text = self.text(str(value))
        if predicate in (RDFS.label, SKOS.prefLabel) and self.template.kinds.get(str(subject)) == "programma":
            text = f"{text} ({self.region.name})"
        elif predicate == DCTERMS.identifier:
            text = f"{text}--{self.region.slug}"
        return nt_term(Literal(text, lang=value.language))

    def quads(self) -> Iterator[str]:
        for name, graph in self.template.graphs.items():
            if name == REFERENCE_GRAPH:
                yield from self._actielijnen(graph)
            elif name.startswith(DOCUMENT_GRAPH_PREFIX):
                yield from self._document(name, graph)

    def _actielijnen(self, graph: Graph) -> Iterator[str]:
        target = f"<{REFERENCE_GRAPH}/{self.region.slug}>"
        for actielijn in graph.subjects(RDF.type, GG.Actielijn):
            for predicate, value in graph.predicate_objects(actielijn):
                obj = f"<{value}>" if isinstance(value, URIRef) else self.literal(actielijn, predicate, value)
                yield f"<{self.iri(actielijn)}> <{predicate}> {obj} {target} .\n"

    def _document(self, name: str, graph: Graph) -> Iterator[str]:
        target = f"<{name}--{self.region.slug}>"
        agents, passage_names = self._rewire(name)
        self._lay_out_passages(name, passage_names)
        for subject, predicate, value in graph:
            if predicate == PROV.wasAssociatedWith:
                continue  # written below from the (rewired) involvements
            if predicate == PROV.agent and subject in agents:
                obj = f"<{agents[subject]}>"
            elif isinstance(value, Literal):
                obj = self.literal(subject, predicate, value)
            else:
                obj = f"<{self.iri(value)}>"
            yield f"<{self.iri(subject)}> <{predicate}> {obj} {target} .\n"
        associated = set()
        for node, (programme, agent, passage) in self.template.involvements[name].items():
            final = agents.get(node) or self.iri(agent)
            associated.add((self.iri(programme), final))
            if node in agents:
                yield f"<{final}> <{DCTERMS.source}> <{self.iri(passage)}> {target} .\n"
        for programme, agent in sorted(associated):
            yield f"<{programme}> <{PROV.wasAssociatedWith}> <{agent}> {target} .\n"
        counts = self.network.counts
        counts["betrokkenheden"] += len(self.template.involvements[name])
        counts["passages"] += len(self.template.passages[name])

    def _rewire(self, name: str) -> tuple[dict[URIRef, str], dict[URIRef, dict[str, str]]]:
        """Agents drawn by preferential attachment for some involvements, and per passage the name
        that now stands where the old partner was named."""
        agents: dict[URIRef, str] = {}
        passage_names: dict[URIRef, dict[str, str]] = {}
        taken = {(programme, self.iri(agent)) for programme, agent, _ in self.template.involvements[name].values()}
        for node, (programme, agent, passage) in sorted(self.template.involvements[name].items()):
            if self.template.kinds.get(str(agent)) != "organisatie":
                continue
            current = self.iri(agent)
            if self.network.endpoints and self.rng.random() < REWIRE_PROBABILITY:
                candidate = self.rng.choice(self.network.endpoints)
                if (programme, candidate) not in taken:
                    taken.add((programme, candidate))
                    agents[node] = current = candidate
                    passage_names.setdefault(passage, {})[str(agent)] = self.network.labels[candidate]
            self.network.endpoints.append(current)
            self.network.labels.setdefault(current, self.region.names.get(str(agent), ""))
        return agents, passage_names

    def _lay_out_passages(self, name: str, passage_names: dict[URIRef, dict[str, str]]) -> None:
        """New texts (regional names, sometimes one more corpus sentence) and spans, one after another."""
        slug = name[len(DOCUMENT_GRAPH_PREFIX):] + "--" + self.region.slug
        offset = 0
        for passage, text in self.template.passages[name]:
            new_text = self.text(text, passage_names.get(passage))
            if self.rng.random() < EXTRA_SENTENCE_PROBABILITY:
                new_text += " " + self.text(self.rng.choice(self.template.sentences))
            begin, end = offset, offset + len(new_text)
            offset = end + 2
            self.iris[str(passage)] = f"{GGID}passage/{slug}-{begin}-{end}"
            for predicate, value in ((NIF.anchorOf, Literal(new_text)), (NIF.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger)),
                                     (NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger))):
                self.literal_overrides[(str(passage), str(predicate))] = nt_term(value)


# -- the whole network ------------------------------------------------------------------------------

def generate(template: Template, scale: int, out: Path, *, seed: int = 7, progress: bool = True) -> dict[str, int]:
    """Write the ×``scale`` network to ``out`` (N-Quads); returns the counts."""
    rng = random.Random(seed)
    network = Network()
    started = time.perf_counter()
    with out.open("w", encoding="utf-8") as sink:
        for name, graph in template.graphs.items():  # region 0: the real graph itself
            for subject, predicate, value in graph:
                sink.write(f"{nt_term(subject)} <{predicate}> {nt_term(value)} <{name}> .\n")
                network.counts["quads"] += 1
        for name, table in template.involvements.items():
            for _, agent, _ in table.values():
                if template.kinds.get(str(agent)) == "organisatie":
                    network.endpoints.append(str(agent))
                    network.labels.setdefault(str(agent), template.labels[str(agent)])
            network.counts["betrokkenheden"] += len(table)
            network.counts["passages"] += len(template.passages[name])
        for number in range(1, scale):
            region = make_region(template, number, rng)
            for line in RegionWriter(template, region, network, rng).quads():
                sink.write(line)
                network.counts["quads"] += 1
            if progress and (number % max(1, scale // 20) == 0 or number == scale - 1):
                print(f"  regio {number + 1}/{scale} ({region.name}): {network.counts['quads']:,} quads, "
                      f"{time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    organisations = {iri for iri, kind in template.kinds.items() if kind == "organisatie"}
    programmes = {iri for iri, kind in template.kinds.items() if kind == "programma"}
    national = sum(1 for iri in organisations if template.org_types.get(iri) in NATIONAL_TYPES and PLACE not in template.labels[iri])
    network.counts["regio's"] = scale
    network.counts["organisaties"] = len(organisations) + (scale - 1) * (len(organisations) - national)
    network.counts["programma's"] = len(programmes) * scale
    return network.counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, nargs="+", default=[10], help="één of meer factoren, bijv. 10 100 1000")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench", help="uitvoermap")
    parser.add_argument("--corpus-dir", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"sjabloon: de echte graaf uit {args.corpus_dir} …", file=sys.stderr)
    template = Template.from_graphs(template_graphs(args.corpus_dir))
    for scale in args.scale:
        path = args.out / f"graaf-x{scale}.nq"
        print(f"×{scale} → {path}", file=sys.stderr)
        counts = generate(template, scale, path, seed=args.seed)
        print(json.dumps({"bestand": str(path), **counts}, ensure_ascii=False))


if __name__ == "__main__":
    main()
