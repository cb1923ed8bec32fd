"""Corpus -> store: read, split, extract, convert and load each document in its own named graph."""

from __future__ import annotations

import time
from collections.abc import Callable
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
from ingest.lexicon import Lexicon
from ingest.sources import DocumentError, SourceDocument, discover, read_document
from ingest.to_rdf import document_graph, document_iri, reference_graph
from ontology.namespaces import DOC_GRAPH, GG, GRAPH_NAMESPACE, ONTOLOGY_FILE, ONTOLOGY_GRAPH, PREFIXES

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
    return extract(document.slug, split_passages(document.slug, document.text, markdown=document.media_type == "text/markdown"), lexicon, deadline)


def read_facts(document: SourceDocument, lexicon: Lexicon, version: str, deadline: float | None = None) -> tuple[Graph, int, list[str]]:
    """The graph of one document's facts; returns (graph, passages, warnings)."""
    extraction = extract_document(document, lexicon, deadline)
    graph = document_graph(document, extraction)
    graph.add((document_iri(document.slug), GG.extractieVersie, Literal(version)))
    return graph, len(extraction.passages), extraction.warnings


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
        graph, passages, warnings = read_facts(document, lexicon, version)
        changes[str(DOC_GRAPH(document.slug))] = graph
        status = "nieuw" if previous is None else "gewijzigd"
        report.outcomes.append(DocumentOutcome(path.name, status, passages=passages, triples=len(graph)))
        report.warnings.extend(warnings)
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
