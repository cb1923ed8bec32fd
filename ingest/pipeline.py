"""Corpus -> store: read, split, extract, convert and load each document in its own named graph."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal

from graph.derive import derived_count
from graph.store import Store
from graph.writes import maintenance_updates
from ingest.extract import extract
from ingest.extraction_version import extraction_version
from ingest.facts import Extraction
from ingest.layout import split_passages
from ingest.lexicon import Entry, Lexicon
from ingest.sources import MARKDOWN_TYPES, DocumentError, SourceDocument, discover, read_document
from ingest.to_rdf import document_graph, document_iri, reference_graph
from ontology.namespaces import DOC_GRAPH, GG, GRAPH_NAMESPACE, ONTOLOGY_FILE, ONTOLOGY_GRAPH, PREFIX_BLOCK, PREFIXES

REFERENCE_GRAPH = GRAPH_NAMESPACE + "referentie"
Progress = Callable[[str, int, int], None]  # (document name, done, total)


@dataclass
class DocumentOutcome:
    name: str
    status: str  # nieuw | gewijzigd | ongewijzigd | fout
    message: str = ""
    passages: int = 0
    triples: int = 0


@dataclass
class BuildReport:
    outcomes: list[DocumentOutcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    derived_triples: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> list[DocumentOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == "fout"]


def _stored_versions(store: Store) -> dict[str, tuple[str, str]]:
    rows = store.select(
        f"PREFIX gg: <{PREFIXES['gg']}> PREFIX dcterms: <{PREFIXES['dcterms']}> "
        "SELECT ?slug ?hash ?version WHERE { ?doc a gg:Document ; dcterms:identifier ?slug ; gg:inhoudHash ?hash ; "
        "gg:extractieVersie ?version }"
    ).rows
    return {row["slug"] or "": (row["hash"] or "", row["version"] or "") for row in rows}


def extract_document(document: SourceDocument, lexicon: Lexicon, deadline: float | None = None) -> Extraction:
    """Passages and facts of one document, exactly as a build reads them (an upload: until ``deadline``)."""
    return extract(document.slug, split_passages(document.slug, document.text, markdown=document.media_type in MARKDOWN_TYPES), lexicon, deadline)


def read_facts(document: SourceDocument, lexicon: Lexicon, version: str, deadline: float | None = None,
               store: Store | None = None) -> tuple[Graph, int, list[str]]:
    """The graph of one document's facts; returns (graph, passages, warnings). With ``store``, the
    names that its other documents introduced are known too."""
    if store is not None:
        lexicon = lexicon.with_names(names_in(document, _elsewhere(stored_names(store, lexicon), document)))
    extraction = extract_document(document, lexicon, deadline)
    return facts_graph(document, extraction, version), len(extraction.passages), extraction.warnings


def facts_graph(document: SourceDocument, extraction: Extraction, version: str) -> Graph:
    graph = document_graph(document, extraction)
    graph.add((document_iri(document.slug), GG.extractieVersie, Literal(version)))
    return graph


def new_names(extraction: Extraction, lexicon: Lexicon) -> list[Entry]:
    """The organisations and programmes a document introduced: names the lexicon does not know."""
    return list({fact.entry.key: fact.entry for fact in extraction.entities
                 if fact.entry.kind in ("organisatie", "programma") and fact.entry.key not in lexicon.by_key}.values())


def names_in(document: SourceDocument, entries: list[Entry], own: Sequence[Entry] = ()) -> list[Entry]:
    """Of ``entries``, those whose name the document's text contains (and that it did not introduce itself)."""
    text, mine = document.text.lower(), {entry.key for entry in own}
    unique = {e.key: e for e in sorted(entries, key=lambda e: (e.key, e.org_type, e.programme_kind))}  # the same order in every process
    return [entry for key, entry in sorted(unique.items()) if key not in mine and entry.name.lower() in text]


def _elsewhere(names: dict[str, list[Entry]], document: SourceDocument) -> list[Entry]:
    """The names of every document graph but ``document``'s own."""
    own = str(DOC_GRAPH(document.slug))
    return [entry for graph, entries in names.items() if graph != own for entry in entries]


def stored_names(store: Store, lexicon: Lexicon) -> dict[str, list[Entry]]:
    """Per document graph of ``store``: the organisations and programmes it holds that the lexicon does not know."""
    found: dict[str, dict[str, Entry]] = {}
    for row in store.select(STORED_NAMES).rows:
        cls, label = row["cls"] or "", row["label"] or ""
        if cls.endswith("Organization"):
            entry = Entry("organisatie", label, org_type=(row["type"] or "").rsplit("/", 1)[-1])
        else:
            entry = Entry("programma", label, programme_kind="interventie" if cls.endswith("Interventie") else "programma")
        if entry.key not in lexicon.by_key:
            found.setdefault(row["g"] or "", {})[entry.key] = entry
    return {graph: list(entries.values()) for graph, entries in found.items()}


STORED_NAMES = PREFIX_BLOCK + f"""
SELECT DISTINCT ?g ?label ?cls ?type WHERE {{
  GRAPH ?g {{ ?e a ?cls ; rdfs:label ?label . OPTIONAL {{ ?e org:classification ?type }} }}
  VALUES ?cls {{ org:Organization gg:Programma gg:Interventie }}
  FILTER(STRSTARTS(STR(?g), "{DOC_GRAPH("")}"))
}}"""


def frame_graphs(lexicon: Lexicon) -> dict[str, Graph]:
    """The ontology and the reference frame (actielijnen, opgaven, themes)."""
    ontology = Graph()
    ontology.parse(ONTOLOGY_FILE, format="turtle")
    return {str(ONTOLOGY_GRAPH): ontology, REFERENCE_GRAPH: reference_graph(lexicon)}


def build(
    store: Store,
    paths: list[Path],
    lexicon: Lexicon,
    *,
    force: bool = False,
    progress: Progress | None = None,
) -> BuildReport:
    """Ingest ``paths``; unchanged documents are skipped unless ``force``. A document that cannot be
    read is reported and the others still load."""
    started = time.perf_counter()
    report = BuildReport()
    changes: dict[str, Graph | None] = dict(frame_graphs(lexicon))
    version = extraction_version()
    known = _stored_versions(store)
    to_read: list[tuple[Path, SourceDocument, str]] = []
    extractions: dict[str, Extraction] = {}
    for done, path in enumerate(paths):
        if progress:
            progress(path.name, done, len(paths))
        try:
            document = read_document(path)
        except DocumentError as error:
            report.outcomes.append(DocumentOutcome(path.name, "fout", str(error)))
            continue
        previous = known.get(document.slug)
        if previous == (document.sha256, version) and not force:
            report.outcomes.append(DocumentOutcome(path.name, "ongewijzigd"))
            continue
        to_read.append((path, document, "nieuw" if previous is None else "gewijzigd"))
        extractions[document.slug] = extract_document(document, lexicon)
    # a name one document introduces is known in the others ("Samen Fit Veendam" of a report, named in
    # a press release): documents that name another document's new names are read again knowing them
    introduced = stored_names(store, lexicon)
    introduced.update({str(DOC_GRAPH(slug)): new_names(extraction, lexicon) for slug, extraction in extractions.items()})
    for path, document, status in to_read:
        elsewhere = names_in(document, _elsewhere(introduced, document), own=new_names(extractions[document.slug], lexicon))
        extraction = extract_document(document, lexicon.with_names(elsewhere)) if elsewhere else extractions[document.slug]
        graph = facts_graph(document, extraction, version)
        changes[str(DOC_GRAPH(document.slug))] = graph
        report.outcomes.append(DocumentOutcome(path.name, status, passages=len(extraction.passages), triples=len(graph)))
        report.warnings.extend(extraction.warnings)
    if progress:
        progress("vastleggen en afleiden", len(paths), len(paths))
    # everything at once: a crash or kill leaves the graph exactly as it was before this build;
    # coordinators' withdrawals and corrections survive a rebuild of the documents they were read from
    store.transact(changes, maintenance_updates(sorted(set(store.graph_names()) | set(changes))))
    report.derived_triples = derived_count(store)
    report.seconds = time.perf_counter() - started
    return report


def build_corpus(store: Store, corpus_dir: Path, lexicon: Lexicon, *, force: bool = False,
                 progress: Progress | None = None) -> BuildReport:
    return build(store, discover(corpus_dir), lexicon, force=force, progress=progress)
