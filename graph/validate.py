"""SHACL validation of the built graph against ``ontology/shapes.ttl`` (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef

from graph.store import Store
from ontology.namespaces import ONTOLOGY_FILE, SHAPES_FILE


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: int
    text: str
    graph: Graph


def validate_graph(data: Graph, focus_nodes: list[URIRef] | None = None) -> ValidationReport:
    """Validate all of ``data`` (with RDFS inference), or only ``focus_nodes`` (a write's nodes: no
    inference, the ontology is mixed in, which keeps a write's check under a second)."""
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    ontology = Graph().parse(ONTOLOGY_FILE, format="turtle")
    conforms, results_graph, text = shacl_validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none" if focus_nodes else "rdfs",
        focus_nodes=focus_nodes or None, abort_on_first=False, allow_warnings=True
    )
    from rdflib.namespace import SH

    violations = len(set(results_graph.subjects(predicate=SH.resultSeverity)))
    return ValidationReport(bool(conforms), violations, str(text), results_graph)


def validate_store(store: Store) -> ValidationReport:
    return validate_graph(store.union_graph())
