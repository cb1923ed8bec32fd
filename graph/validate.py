"""SHACL validation of the built graph against ``ontology/shapes.ttl`` (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import Graph

from graph.store import Store
from ontology.namespaces import ONTOLOGY_FILE, SHAPES_FILE


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: int
    text: str
    graph: Graph


def validate_graph(data: Graph) -> ValidationReport:
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    ontology = Graph().parse(ONTOLOGY_FILE, format="turtle")
    conforms, results_graph, text = shacl_validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="rdfs", abort_on_first=False, allow_warnings=True
    )
    from rdflib.namespace import SH

    violations = len(set(results_graph.subjects(predicate=SH.resultSeverity)))
    return ValidationReport(bool(conforms), violations, str(text), results_graph)


def validate_store(store: Store) -> ValidationReport:
    return validate_graph(store.union_graph())
