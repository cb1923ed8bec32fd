"""Export the graph: RDF syntaxes (TriG and N-Quads keep the named graph of each fact: its document or
write), an involvement table (CSV) and the partner network (GraphML, GEXF)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from graph.formats import CONTEXT_URL, jsonld_context
from graph.projections import organisation_graph, organisation_programme_graph
from graph.queries import PREFIX_BLOCK
from graph.store import Store
from ontology.namespaces import PREFIXES

RDF_FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}
DATASET_FORMATS = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}
FORMATS = ("ttl", "jsonld", "nt", "trig", "nq", "csv", "graphml", "gexf")

INVOLVEMENT_TABLE = PREFIX_BLOCK + """
SELECT DISTINCT ?organisatie ?type ?programma ?actielijn ?rol ?passage WHERE {
  ?p prov:qualifiedAssociation ?b ; rdfs:label ?programma .
  ?b prov:agent ?a ; prov:hadRole/skos:notation ?rol ; dcterms:source ?passage .
  ?a rdfs:label ?organisatie .
  OPTIONAL { ?a org:classification/skos:notation ?type }
  OPTIONAL { ?p gg:actielijn/gg:nummer ?actielijn }
} ORDER BY ?organisatie ?programma ?rol ?actielijn ?passage"""


def export(store: Store, fmt: str, out: Path) -> int:
    """Write the export to ``out``; returns the number of records (triples, rows or nodes)."""
    if fmt not in FORMATS:
        raise ValueError(f"Onbekend formaat '{fmt}'; kies uit {', '.join(FORMATS)}.")
    if fmt in DATASET_FORMATS:
        quads = list(ox.parse(store.nquads(), format=ox.RdfFormat.N_QUADS))
        out.write_bytes(ox.serialize(quads, format=DATASET_FORMATS[fmt], prefixes=PREFIXES) or b"")
        return len(quads)
    if fmt == "jsonld":
        graph = store.union_graph()
        document = json.loads(graph.serialize(format="json-ld", context=jsonld_context()["@context"], encoding="utf-8"))
        document["@context"] = CONTEXT_URL  # the same context, served by the service at that URL
        out.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
        return len(graph)
    if fmt in RDF_FORMATS:
        graph = store.union_graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        graph.serialize(destination=str(out), format=RDF_FORMATS[fmt], encoding="utf-8")
        return len(graph)
    if fmt == "csv":
        result = store.select(INVOLVEMENT_TABLE)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=result.variables)
        writer.writeheader()
        writer.writerows(result.rows)
        out.write_text(buffer.getvalue(), encoding="utf-8")
        return len(result.rows)
    network = organisation_graph(organisation_programme_graph(store))
    writer_fn = nx.write_graphml if fmt == "graphml" else nx.write_gexf
    writer_fn(network, str(out))
    return network.number_of_nodes()

