"""SHACL validation of the built graph against ``ontology/shapes.ttl`` (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH

from graph.store import Store
from ontology.namespaces import ONTOLOGY_FILE, SHAPES_FILE


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: int
    text: str
    graph: Graph


def validate_graph(data: Graph, focus_nodes: list[URIRef] | None = None) -> ValidationReport:
    """Validate all of ``data`` (with RDFS inference; the ontology and what is inferred are added to ``data``
    itself, which every caller builds for the validation: a copy of a large write's graph cost as much as the graph), or, for a write, ``data`` being the part of the
    store around it, report only the results about ``focus_nodes`` (no inference, the ontology is
    mixed in; the other nodes of the part lack facts that are elsewhere in the store). pyshacl's own
    focus_nodes option is not used: it also narrows the nested shapes of sh:or / sh:node to the focus
    nodes, so a value of the wrong class passes (pyshacl 0.40)."""
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    ontology = Graph().parse(ONTOLOGY_FILE, format="turtle")
    conforms, results_graph, text = shacl_validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none" if focus_nodes is not None else "rdfs",
        abort_on_first=False, allow_warnings=True, inplace=True
    )
    if focus_nodes is not None:
        results_graph = _results_about(results_graph, set(focus_nodes))
        conforms = not any(results_graph.subjects(SH.resultSeverity, SH.Violation))
        text = "\n".join(str(message) for message in results_graph.objects(None, SH.resultMessage))
    violations = len(set(results_graph.subjects(predicate=SH.resultSeverity)))
    return ValidationReport(bool(conforms), violations, str(text), results_graph)


def _results_about(results: Graph, focus_nodes: set[URIRef]) -> Graph:
    """The validation results whose focus node is one of ``focus_nodes``, with their paths."""
    kept = Graph()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        if results.value(result, SH.focusNode) in focus_nodes:
            for triple in results.triples((result, None, None)):
                kept.add(triple)
                if isinstance(triple[2], BNode):  # a path such as [ sh:inversePath … ]
                    for nested in results.triples((triple[2], None, None)):
                        kept.add(nested)
    return kept


def validate_store(store: Store) -> ValidationReport:
    return validate_graph(store.union_graph())
