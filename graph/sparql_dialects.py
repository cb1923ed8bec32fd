"""What differs between SPARQL 1.1 servers: where their endpoints are, which result formats they
serialise correctly, and how to make their default graph the union of the project's graphs.

A store location is ``<server>+http://host:port`` (or ``+https``), for example
``oxigraph+http://127.0.0.1:7878`` or ``virtuoso+http://127.0.0.1:8890``. Another SPARQL 1.1 server
needs one more ``Dialect`` here."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from graph.formats import GRAPH_FORMATS, RESULT_FORMATS
from graph.graph_scope import project_graphs_only
from graph.store import RESULTS_JSON, StoreError

RESULTS_XML = "application/sparql-results+xml"


def _unchanged(data: bytes) -> bytes:
    return data


def _virtuoso_scoped(query: str, set_graph: str, namespace: str) -> str:
    # the default graph: the graph that holds the set of the project's triples (one pragma, whatever the
    # number of graphs); the named graphs: every graph on the server, GRAPH patterns filtered to the
    # project's (graph/graph_scope.py: Virtuoso cannot take thousands of them as FROM NAMED)
    return f"define input:default-graph-uri <{set_graph}>\n" + project_graphs_only(query, namespace)


def _protocol_dataset(query: str, default: list[str], named: list[str]) -> tuple[str, dict[str, list[str]]]:
    return query, {"default-graph-uri": default, "named-graph-uri": named}


def _virtuoso_named_dataset(query: str, default: list[str], named: list[str]) -> tuple[str, dict[str, list[str]]]:
    # as pragmas, not as the protocol's default-graph-uri/named-graph-uri parameters: Virtuoso echoes
    # each of those as a response header (too many headers for an HTTP client at hundreds of graphs)
    pragmas = [f"define input:default-graph-uri <{g}>" for g in default] + [f"define input:named-graph-uri <{g}>" for g in named]
    return "\n".join(pragmas) + "\n" + query, {}


def _virtuoso_blank_nodes(data: bytes) -> bytes:
    # Virtuoso names blank nodes 'nodeID://b123' in result sets; a blank node label may not contain ':/'
    return re.sub(rb"<bnode>nodeID://", b"<bnode>", data)


@dataclass(frozen=True)
class Dialect:
    name: str  # the part before '+' in the location, and the name of the start script
    query_path: str
    update_path: str
    store_path: str  # SPARQL 1.1 Graph Store Protocol
    native_formats: frozenset[str]  # media types the server itself serialises correctly
    results_via: str = RESULTS_JSON  # fetched and converted for the other SELECT result formats
    query_fields: dict[str, str] = field(default_factory=dict)  # sent with every query
    # makes a query read the project's graphs only: (query, graph of the set of the project's triples,
    # namespace of the project's graphs) -> query (None: the server's own default graph holds the set)
    scoped_query: Callable[[str, str, str], str] | None = None
    # a public query over the given default and named graphs: (query, extra protocol fields)
    dataset: Callable[[str, list[str], list[str]], tuple[str, dict[str, list[str]]]] = _protocol_dataset
    fix_results: Callable[[bytes], bytes] = _unchanged
    # most graphs one update request may replace (0: no limit); more are split over several requests
    max_graphs_per_update: int = 0
    # it keeps a named graph that holds no triple (CREATE GRAPH), so a graph's name can carry the store's
    # version without adding a triple to the union default graph
    keeps_empty_graphs: bool = False
    # where the set of the project's triples (each once) is kept for public queries: in the server's own
    # default graph (True), or, where that graph also shows the server's system graphs, in a graph of its
    # own named as the default graph of each public query (False)
    own_default_graph: bool = False

    @property
    def start_hint(self) -> str:
        return f"scripts/servers/{self.name} start DATAMAP POORT"


DIALECTS = {
    "oxigraph": Dialect(
        "oxigraph", "/query", "/update", "/store",
        native_formats=frozenset(RESULT_FORMATS) | frozenset(GRAPH_FORMATS),
        keeps_empty_graphs=True,
        own_default_graph=True,  # every query reads it (no union-default-graph: that repeats triples)
    ),
    "virtuoso": Dialect(
        "virtuoso", "/sparql", "/sparql", "/sparql-graph-crud",
        # its JSON results use 'typed-literal' and answer ASK as a table, its CSV/TSV are not the
        # standard ones and its JSON-LD drops language tags: those are converted from XML / N-Triples
        native_formats=frozenset({"text/turtle", "application/n-triples", "application/rdf+xml"}),
        results_via=RESULTS_XML,
        # its default graph also holds its own system graphs (virtrdf#, ldp#, …); its DEFINE
        # input:default-graph-exclude pragma breaks GRAPH <iri> patterns, so the dataset is set per query
        scoped_query=_virtuoso_scoped,
        dataset=_virtuoso_named_dataset,
        fix_results=_virtuoso_blank_nodes,
        # one request compiles to one SQL procedure: ~500 MOVEs (a ×100 build) exceed its state limit (SQ156)
        max_graphs_per_update=100,
    ),
}


@dataclass(frozen=True)
class Location:
    dialect: Dialect
    base_url: str  # http(s)://host:port

    @property
    def query_url(self) -> str:
        return self.base_url + self.dialect.query_path

    @property
    def update_url(self) -> str:
        return self.base_url + self.dialect.update_path

    @property
    def store_url(self) -> str:
        return self.base_url + self.dialect.store_path


def is_server_location(location: str) -> bool:
    return bool(re.match(r"^[a-z]+\+https?://", location))


def parse_location(location: str) -> Location:
    """``oxigraph+http://127.0.0.1:7878`` -> the Oxigraph dialect at http://127.0.0.1:7878."""
    server, _, url = location.partition("+")
    parts = urlsplit(url)
    if server not in DIALECTS or parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(
            f"Onbekende store '{location}'. Gebruik <server>+http://host:poort met server "
            f"{' of '.join(DIALECTS)} (bijv. oxigraph+http://127.0.0.1:7878), of laat --store leeg voor de ingebouwde store."
        )
    return Location(DIALECTS[server], f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}")
