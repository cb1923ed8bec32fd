"""A store on a SPARQL 1.1 server over HTTP: SPARQL Protocol for queries and updates, the Graph Store
Protocol for loading whole graphs.

Atomicity of ``transact``: every new graph is first loaded with one Graph Store Protocol PUT into a
temporary graph (``urn:x-gezond-kg:tijdelijk:…``); then ONE update request drops the old graphs, moves
the temporaries to their names and runs the derive updates. When loading fails the temporaries are
dropped and nothing else has changed.
- Oxigraph server runs one update request as one transaction: all of it or nothing, also on an error.
- Virtuoso runs one update request in one transaction that is committed at its end, so a crash or kill
  rolls all of it back; but an operation that fails at run time does not roll back the operations
  before it in the request (a syntax error is found before anything runs). It also refuses a request
  that replaces more than a few hundred graphs (SQ156), so above ``max_graphs_per_update`` graphs the
  replacement is split over several requests: a crash between them leaves some graphs new and some
  old (readers can see that mix for the seconds the requests take); running the build again repairs it.
- On Oxigraph server, readers see the temporaries in the union default graph while they are loaded
  (new facts beside the old ones, for the duration of the load); on Virtuoso every query reads the
  graph of the set of the project's triples as its default graph and only the project's graphs in
  GRAPH patterns, so temporaries are never seen.

The store's version (``Store.version()``, which keeps the partner network and its analytics between
queries) is the name of a graph that every update request of a transaction replaces first, so every
process on the same server sees a write of any of them: on Oxigraph an empty graph (it adds no
triple to the union default graph), on Virtuoso a graph with one triple (outside the project's
graphs, so outside the dataset of every query).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pyoxigraph as ox
from rdflib import Graph

from graph.formats import boolean_results, convert_graph, convert_results, graph_format, results_format
from graph.queries import query_kind, sparql_iri
from graph.server_loaders import oxigraph_load, virtuoso_load
from graph.sparql_dialects import Location
from graph.store import RESULTS_JSON, QueryDataset, SelectResult, Store, StoreError, StoreUnavailable, set_graph_updates, update_request
from graph.terms import Triples, ntriples

TEMPORARY_PREFIX = "urn:x-gezond-kg:tijdelijk:"
STALE_TEMPORARY_SECONDS = 3600  # temporaries of a write that was killed are dropped by a later write
N_TRIPLES = "application/n-triples"
EMPTY_DATASET = "urn:x-gezond-kg:leeg"  # a graph that never exists: an empty store answers from no graph
VERSION_PREFIX = "urn:x-gezond-kg:versie:"
VERSION_CLASS = "urn:x-gezond-kg:Versie"
SET_GRAPH_PREFIX = "urn:x-gezond-kg:standaardgraaf:"
FROM_CLAUSE = re.compile(r"(?i)\bFROM\s+(NAMED\s+)?<")
Graphs = tuple[list[str], list[str]]  # the default graphs and the named graphs of a query


class SparqlStore(Store):
    """The project's graphs (named graphs whose name starts with ``namespace``) on a SPARQL server."""

    def __init__(self, location: Location, namespace: str, *, read_only: bool = False,
                 server_dir: Path | None = None) -> None:
        """``server_dir``: the data directory the server was started in by scripts/servers/<server>
        (on this machine); with it ``bulk_load`` uses the server's own loader."""
        self.location, self.namespace, self.read_only = location, namespace, read_only
        self.server_dir = server_dir
        self.dialect = location.dialect
        self._version_prefix = f"{VERSION_PREFIX}{hashlib.sha1(namespace.encode()).hexdigest()[:12]}:"
        # the project's triples, each once: the default graph of public queries (see set_graph_updates)
        self._set_graph = "" if self.dialect.own_default_graph else SET_GRAPH_PREFIX + hashlib.sha1(namespace.encode()).hexdigest()[:12]
        self._graph_names: tuple[object, list[str]] = (None, [])
        self._http = httpx.Client(timeout=httpx.Timeout(600.0, connect=5.0), trust_env=False)
        if not self.graph_names() and read_only:  # also checks now that the server answers
            raise StoreError(
                f"Er is nog geen graaf op {location.base_url}. Bouw hem eerst met "
                f"'gezond-kg build --store {self.dialect.name}+{location.base_url}'."
            )

    # -- HTTP ---------------------------------------------------------------------------------

    def _send(self, method: str, url: str, **request: Any) -> httpx.Response:
        try:
            response = self._http.request(method, url, **request)
        except httpx.TransportError as error:
            raise StoreUnavailable(
                f"De SPARQL-server op {self.location.base_url} is niet bereikbaar ({error}). Start hem met "
                f"'{self.dialect.start_hint}' of kies een andere store met --store / GEZOND_KG_STORE."
            ) from error
        if response.status_code >= 400:
            message = response.text.split("\n\nSPARQL query:")[0].strip()[:600]  # Virtuoso repeats the query
            if response.status_code == 400:
                raise StoreError(f"Ongeldige SPARQL-query of -update: {message}")
            raise StoreUnavailable(f"De SPARQL-server op {self.location.base_url} gaf fout {response.status_code}: {message}")
        return response

    def _query(self, sparql: str, media_type: str, *, scoped: bool = True, dataset: Graphs | None = None) -> bytes:
        extra: dict[str, list[str]] = {}
        if dataset:  # a public query's own default and named graphs
            sparql, extra = self.dialect.dataset(sparql, *dataset)
        elif scoped and self.dialect.scoped_query:
            # the dataset: the set of the project's triples, and the project's graphs as named graphs
            sparql = self.dialect.scoped_query(sparql, self._set_graph, self.namespace)
        fields = {**self.dialect.query_fields, **extra, "query": sparql}
        return self._send("POST", self.location.query_url, data=fields, headers={"Accept": media_type}).content

    def query_dataset(self, sparql: str, media_type: str, dataset: QueryDataset) -> bytes:
        if dataset.base_iri:
            sparql = f"BASE <{dataset.base_iri}>\n{sparql}"
        default, named = list(dataset.default_graphs), list(dataset.named_graphs)
        graphs = (default or [EMPTY_DATASET], named or [EMPTY_DATASET]) if default or named else None
        # without a dataset of its own, the store's: as for the store's own queries
        own = graphs is None and not FROM_CLAUSE.search(sparql)
        return self._serialized(sparql, media_type, scoped=own, dataset=graphs)

    def _update(self, sparql: str) -> None:
        self._send("POST", self.location.update_url, data={"update": sparql})

    def _json(self, sparql: str, *, scoped: bool = True, dataset: Graphs | None = None) -> dict:
        try:
            return json.loads(self._query(sparql, RESULTS_JSON, scoped=scoped, dataset=dataset))
        except json.JSONDecodeError as error:
            raise StoreError(f"De SPARQL-server gaf geen geldige JSON-resultaten: {error}") from error

    # -- writing ------------------------------------------------------------------------------

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError("Deze store is alleen-lezen geopend: schrijven kan hier niet.")

    def _load(self, graph_name: str, ntriples: bytes) -> None:
        self._send("PUT", self.location.store_url, params={"graph": graph_name}, content=ntriples,
                   headers={"Content-Type": N_TRIPLES})

    def _drop(self, graph_names: list[str]) -> None:
        if graph_names:
            self._update(" ;\n".join(f"DROP SILENT GRAPH {sparql_iri(name)}" for name in graph_names))

    def transact(self, graphs: Mapping[str, Triples | None], updates: Sequence[str] = ()) -> None:
        # N-Triples written by pyoxigraph from checked terms (graph/terms.py): a bad IRI is refused here
        self._transact({name: ntriples(graph) if graph is not None and len(graph) else None
                        for name, graph in graphs.items()}, list(updates))

    def bulk_load(self, nquads: Path) -> None:
        """For initial and benchmark loads. With ``server_dir``, the server's own loader
        (graph/server_loaders.py: fast, not a transaction, adds to existing graphs); without it the
        file's graphs replace those on the server as one transaction (``transact``; pyoxigraph splits
        the file into its graphs), which at ×1000 takes longer than 15 minutes."""
        self._writable()
        if self.server_dir is None:
            triples: dict[str, list[ox.Triple]] = defaultdict(list)
            for quad in ox.parse(path=nquads, format=ox.RdfFormat.N_QUADS):
                if isinstance(quad.graph_name, ox.NamedNode):
                    triples[quad.graph_name.value].append(quad.triple)
            self._transact({name: ox.serialize(found, format=ox.RdfFormat.N_TRIPLES) for name, found in triples.items()}, [])
            return
        if self.dialect.name == "virtuoso":
            virtuoso_load(self.server_dir, nquads, self.namespace, self._set_graph)
        elif self.dialect.name == "oxigraph":
            oxigraph_load(self.server_dir, nquads, self.namespace, urlsplit(self.location.base_url).port or 80)
        else:
            raise StoreError(f"Voor {self.dialect.name} is er geen bulkloader; laat server_dir leeg.")
        self._update(update_request(self._new_version(self._version_graphs())[1], []))

    def _transact(self, graphs: dict[str, bytes | None], updates: list[str]) -> None:
        """``transact`` with each graph as N-Triples (None: drop it)."""
        self._writable()
        self._drop_stale_temporaries()
        batch = f"{TEMPORARY_PREFIX}{int(time.time())}:{uuid.uuid4().hex}:"
        temporaries: list[str] = []
        replacements: list[list[str]] = []  # per graph: drop the old one, move its temporary in (one request)
        try:
            for number, (name, ntriples) in enumerate(graphs.items()):
                replacements.append([f"DROP SILENT GRAPH {sparql_iri(name)}"])
                if ntriples:
                    temporaries.append(f"{batch}{number}")
                    self._load(temporaries[-1], ntriples)
                    replacements[-1].append(f"MOVE SILENT GRAPH <{temporaries[-1]}> TO GRAPH {sparql_iri(name)}")
            for request in self._update_requests(replacements, updates):
                self._update(request)
        except StoreError:
            self._drop(temporaries)
            raise

    def _update_requests(self, replacements: list[list[str]], updates: list[str]) -> list[str]:
        """One request, or on a server with a limit on its size, several: the replacements in groups of
        at most ``max_graphs_per_update`` graphs, the updates with the last group. Each request starts
        by replacing the version graph, so a request that changed anything (Virtuoso keeps what ran
        before an error) also changed the version."""
        size = self.dialect.max_graphs_per_update or len(replacements) or 1
        groups = [replacements[start : start + size] for start in range(0, len(replacements), size)] or [[]]
        versions = self._version_graphs()  # two writers at once may both leave one: each request drops all it knows
        requests = []
        for number, group in enumerate(groups):
            new, stamp = self._new_version(versions)
            versions = [new]
            last = number == len(groups) - 1
            requests.append(update_request([*stamp, *(op for graph in group for op in graph)],
                                           [*updates, *set_graph_updates(self._set_graph, self.namespace)] if last else []))
        return requests

    def _new_version(self, versions: list[str]) -> tuple[str, list[str]]:
        """A new version graph and the update operations that drop ``versions`` and create it."""
        new = f"{self._version_prefix}{time.time_ns()}:{uuid.uuid4().hex[:8]}"
        create = (f"CREATE GRAPH <{new}>" if self.dialect.keeps_empty_graphs
                  else f"INSERT DATA {{ GRAPH <{new}> {{ <{new}> a <{VERSION_CLASS}> }} }}")
        return new, [*(f"DROP SILENT GRAPH <{old}>" for old in versions), create]

    def _version_graphs(self) -> list[str]:
        pattern = "{}" if self.dialect.keeps_empty_graphs else f"{{ ?g a <{VERSION_CLASS}> }}"
        query = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {pattern} FILTER(STRSTARTS(STR(?g), "{self._version_prefix}")) }}'
        return sorted(row["g"]["value"] for row in self._json(query, scoped=False)["results"]["bindings"])

    def version(self) -> object | None:
        # None before the first transaction of this code (a store built earlier): nothing is kept
        return tuple(self._version_graphs()) or None

    def _drop_stale_temporaries(self) -> None:
        now = time.time()
        self._drop([name for name in self._all_graphs() if name.startswith(TEMPORARY_PREFIX)
                    and now - int(name.removeprefix(TEMPORARY_PREFIX).split(":")[0]) > STALE_TEMPORARY_SECONDS])

    # -- reading ------------------------------------------------------------------------------

    def _all_graphs(self) -> list[str]:
        # GROUP BY, not DISTINCT: Virtuoso answers this form in milliseconds, the DISTINCT one in seconds
        query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        rows = self._json(query, scoped=False)["results"]["bindings"]
        return [row["g"]["value"] for row in rows]

    def graph_names(self) -> list[str]:
        # listing the graphs reads every quad (1.4 s on Virtuoso at ×100), so the list is kept per version
        version = self.version()
        if version is None or self._graph_names[0] != version:
            self._graph_names = (version, sorted(name for name in self._all_graphs() if name.startswith(self.namespace)))
        return list(self._graph_names[1])

    def select(self, sparql: str) -> SelectResult:
        if query_kind(sparql) != "SELECT":
            raise StoreError("Dit is geen SELECT-query.")
        payload = self._json(sparql)
        variables = payload["head"]["vars"]
        rows = [{name: (row[name]["value"] if name in row else None) for name in variables}
                for row in payload["results"]["bindings"]]
        return SelectResult(variables, rows)

    def ask(self, sparql: str) -> bool:
        return self._ask(sparql, scoped=True)

    def _ask(self, sparql: str, *, scoped: bool, dataset: Graphs | None = None) -> bool:
        if query_kind(sparql) != "ASK":
            raise StoreError("Dit is geen ASK-query.")
        payload = self._json(sparql, scoped=scoped, dataset=dataset)
        if "boolean" in payload:
            return bool(payload["boolean"])
        # Virtuoso answers ASK as a one-column table: one row with 1 for yes, no row for no
        return any(value["value"] not in ("0", "false") for row in payload["results"]["bindings"] for value in row.values())

    def construct(self, sparql: str) -> Graph:
        if query_kind(sparql) not in ("CONSTRUCT", "DESCRIBE"):
            raise StoreError("Dit is geen CONSTRUCT- of DESCRIBE-query.")
        graph = Graph()
        data = self._query(sparql, N_TRIPLES)
        if data.strip():
            graph.parse(data=data.decode("utf-8"), format="nt")
        return graph

    def query_serialized(self, sparql: str, media_type: str) -> bytes:
        return self._serialized(sparql, media_type, scoped=True)

    def _serialized(self, sparql: str, media_type: str, *, scoped: bool, dataset: Graphs | None = None) -> bytes:
        kind = query_kind(sparql)

        def fetch(answer_type: str) -> bytes:
            return self._query(sparql, answer_type, scoped=scoped, dataset=dataset)

        if kind == "ASK":
            return boolean_results(self._ask(sparql, scoped=scoped, dataset=dataset), media_type)
        if kind in ("CONSTRUCT", "DESCRIBE"):
            graph_format(media_type)
            if media_type in self.dialect.native_formats:
                return fetch(media_type)
            return convert_graph(fetch(N_TRIPLES), N_TRIPLES, media_type)
        if kind != "SELECT":
            raise StoreError("Alleen SELECT-, ASK-, CONSTRUCT- en DESCRIBE-query's; updates gaan via gezond-kg build.")
        results_format(media_type)
        if media_type in self.dialect.native_formats:
            return fetch(media_type)
        via = self.dialect.results_via
        return convert_results(self.dialect.fix_results(fetch(via)), via, media_type)

    def close(self) -> None:
        self._http.close()
