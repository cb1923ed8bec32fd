"""The ontology of the Gezond Groningen knowledge graph: files, namespaces and IRI minting."""

from ontology.namespaces import (
    BASE,
    DERIVED_GRAPH,
    DOC_GRAPH,
    GG,
    GGID,
    NIF,
    ONTOLOGY_FILE,
    ONTOLOGY_GRAPH,
    PREFIXES,
    SHAPES_FILE,
    entity_iri,
    slugify,
)

__all__ = [
    "BASE",
    "DOC_GRAPH",
    "GG",
    "GGID",
    "NIF",
    "ONTOLOGY_FILE",
    "ONTOLOGY_GRAPH",
    "DERIVED_GRAPH",
    "SHAPES_FILE",
    "PREFIXES",
    "entity_iri",
    "slugify",
]
