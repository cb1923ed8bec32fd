"""Namespaces, file locations and stable IRIs.

Every entity IRI is ``BASE + "id/" + kind + "/" + slug``: the same name always gives the same IRI,
so the same corpus gives the same graph and a new document adds to existing entities.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from rdflib import Namespace, URIRef

BASE = "https://kg.gezond-groningen.nl/"
GG = Namespace(BASE + "def#")
GGID = Namespace(BASE + "id/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ORG = Namespace("http://www.w3.org/ns/org#")

ONTOLOGY_DIR = Path(__file__).resolve().parent
ONTOLOGY_FILE = ONTOLOGY_DIR / "gezond-groningen.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"

GRAPH_NAMESPACE = BASE + "graph/"  # every named graph of the project; a server store sees only these
ONTOLOGY_GRAPH = URIRef(GRAPH_NAMESPACE + "ontologie")
DERIVED_GRAPH = URIRef(GRAPH_NAMESPACE + "afgeleid")

PREFIXES: dict[str, str] = {
    "gg": str(GG),
    "ggid": str(GGID),
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "nif": str(NIF),
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
PREFIX_BLOCK = "\n".join(f"PREFIX {prefix}: <{iri}>" for prefix, iri in PREFIXES.items())  # for SPARQL queries


def slugify(text: str) -> str:
    """Lower-case ASCII slug: 'Chrétien van den Akker' -> 'chretien-van-den-akker'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug or "x"


def entity_iri(kind: str, name: str) -> URIRef:
    """The stable IRI of an entity of ``kind`` (organisatie, persoon, programma, ...) named ``name``."""
    return GGID[f"{kind}/{slugify(name)}"]


def DOC_GRAPH(doc_slug: str) -> URIRef:  # noqa: N802 - reads as a constant-like constructor
    """The named graph holding every fact extracted from one document."""
    return URIRef(f"{GRAPH_NAMESPACE}document/{doc_slug}")
