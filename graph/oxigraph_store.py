"""The embedded default store: Oxigraph on disk (pyoxigraph), no server needed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from graph.formats import graph_format, results_format
from graph.store import QueryDataset, SelectResult, Store, StoreError, set_graph_updates, update_request
from graph.terms import Triples, ntriples, ox_triples_of, rdflib_term, sparql_iri

# The store's own default graph holds every triple of the named graphs once: the default graph of every
# query, a set as SPARQL 1.1 requires (Oxigraph's union of the named graphs repeats a triple once per
# graph that states it). Every write re-synchronises it in the same transaction; dumps leave it out.
SYNC_DEFAULT_GRAPH = set_graph_updates(only_missing=True)


class OxigraphStore(Store):
    """An Oxigraph store in ``path``. ``read_only`` opens it beside a running writer."""

    def __init__(self, path: Path | None, *, read_only: bool = False) -> None:
        """``path`` None: a store in memory (a scratch copy to preview a write on)."""
        self.path = path
        self._writes = 0  # a read-only store sees the state at opening; a writable one is written only here
        if path is None:
            self._store = ox.Store()
            return
        try:
            if read_only:
                if not (path / "CURRENT").exists():
                    raise StoreError(
                        f"Er is nog geen graaf in {path}. Bouw hem eerst met 'gezond-kg build' "
                        "(of kies een andere map met --data-dir / GEZOND_KG_DATA_DIR)."
                    )
                self._store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as error:
            raise StoreError(
                f"De graaf in {path} kan niet worden geopend ({error}). Draait er al een 'gezond-kg build'? "
                "Wacht tot die klaar is."
            ) from error

    # -- writing ------------------------------------------------------------------------------

    def transact(self, graphs: Mapping[str, Triples | None], updates: Sequence[str] = ()) -> None:
        # one SPARQL update request is one transaction: readers and a crash see all of it or none. The
        # data in it is N-Triples that pyoxigraph wrote from checked terms (graph/terms.py): no IRI,
        # datatype or language tag can end the INSERT DATA block and add an operation of its own
        operations = []
        for name, graph in graphs.items():
            target = sparql_iri(name)
            operations.append(f"DROP SILENT GRAPH {target}")
            if graph is not None and len(graph):
                operations.append(f"INSERT DATA {{ GRAPH {target} {{ {ntriples(graph).decode('utf-8')} }} }}")
        if not (operations or updates):
            return
        request = update_request(operations, list(updates) + SYNC_DEFAULT_GRAPH)
        del operations  # the data is in the request now; not held twice while Oxigraph parses it
        try:
            self._store.update(request)
            self._writes += 1
        except SyntaxError as error:
            raise StoreError(f"Ongeldige update: {error}") from error
        self._store.flush()

    def bulk_load(self, nquads: Path) -> None:
        self._store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        self._store.update(SYNC_DEFAULT_GRAPH[1])
        self._writes += 1
        self._store.flush()

    # -- reading ------------------------------------------------------------------------------

    def query_dataset(self, sparql: str, media_type: str, dataset: QueryDataset) -> bytes:
        default_graph: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | ox.DefaultGraph | None = None
        named_graphs: list[ox.NamedNode | ox.BlankNode] | None = None
        if dataset.default_graphs or dataset.named_graphs:
            default_graph = [ox.NamedNode(iri) for iri in dataset.default_graphs] or ox.DefaultGraph()
            named_graphs = [ox.NamedNode(iri) for iri in dataset.named_graphs]
        try:
            result = self._store.query(sparql, base_iri=dataset.base_iri or None, default_graph=default_graph,
                                       named_graphs=named_graphs)
        except SyntaxError as error:
            raise StoreError(f"Ongeldige SPARQL-query: {error}") from error
        except OSError as error:
            raise StoreError(f"De query kon niet worden uitgevoerd: {error}") from error
        return _serialize(result, media_type)

    def graph_names(self) -> list[str]:
        return sorted(node.value for node in self._store.named_graphs())

    def _query(self, sparql: str):  # noqa: ANN202 - pyoxigraph result union
        try:
            return self._store.query(sparql)  # the default graph: every triple of the named graphs once
        except SyntaxError as error:
            raise StoreError(f"Ongeldige SPARQL-query: {error}") from error
        except OSError as error:
            raise StoreError(f"De query kon niet worden uitgevoerd: {error}") from error

    def select(self, sparql: str) -> SelectResult:
        result = self._query(sparql)
        if not isinstance(result, ox.QuerySolutions):
            raise StoreError("Dit is geen SELECT-query.")
        variables = [variable.value for variable in result.variables]
        rows = [
            {name: (None if solution[name] is None else solution[name].value) for name in variables}
            for solution in result
        ]
        return SelectResult(variables, rows)

    def ask(self, sparql: str) -> bool:
        result = self._query(sparql)
        if not isinstance(result, ox.QueryBoolean):
            raise StoreError("Dit is geen ASK-query.")
        return bool(result)

    def construct(self, sparql: str) -> Graph:
        result = self._query(sparql)
        if not isinstance(result, ox.QueryTriples):
            raise StoreError("Dit is geen CONSTRUCT- of DESCRIBE-query.")
        graph = Graph()  # term by term: N-Triples text and its parse held ~100 MiB for a 50,000-triple document
        for triple in result:
            graph.add((rdflib_term(triple.subject), rdflib_term(triple.predicate), rdflib_term(triple.object)))
        return graph

    def query_serialized(self, sparql: str, media_type: str) -> bytes:
        return _serialize(self._query(sparql), media_type)

    def nquads(self) -> bytes:
        named = (quad for quad in self._store if not isinstance(quad.graph_name, ox.DefaultGraph))
        return ox.serialize(named, format=ox.RdfFormat.N_QUADS) or b""

    def version(self) -> object | None:
        return (str(self.path), self._writes)

    def backup(self, target: Path) -> None:
        """A consistent copy of the store in ``target`` (a new directory; hard links on the same file
        system), usable while this store stays open."""
        self._store.backup(str(target))

    def close(self) -> None:
        if not getattr(self, "_closed", False):
            self._closed = True
            del self._store


class ScratchStore(OxigraphStore):
    """A store in memory to preview a write on: loaded in bulk (no transaction, nothing to undo) and
    without the default graph of every triple once (its union is read from the named graphs). Holding
    the write twice, in its graph and in the default graph, and the parse of an INSERT DATA text cost
    about 2 KB per triple of the write (100 MiB for a 10,000-row import)."""

    def __init__(self) -> None:
        super().__init__(None)

    def load_quads(self, quads: Iterable[ox.Quad]) -> None:
        """Add ``quads`` in one bulk load."""
        self._store.bulk_extend(quads)

    def transact(self, graphs: Mapping[str, Triples | None], updates: Sequence[str] = ()) -> None:
        for name, triples in graphs.items():
            graph = ox.NamedNode(name)
            if self._store.contains_named_graph(graph):
                self._store.remove_graph(graph)
            if triples:
                self._store.bulk_extend(ox.Quad(triple.subject, triple.predicate, triple.object, graph) for triple in ox_triples_of(triples))
        if updates:
            self._store.update(update_request([], list(updates)))

    def union_graph(self) -> Graph:
        return self.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


def _serialize(result, media_type: str) -> bytes:  # noqa: ANN001 - pyoxigraph result union
    if isinstance(result, ox.QueryTriples):
        return result.serialize(format=graph_format(media_type)) or b""
    return result.serialize(format=results_format(media_type)) or b""
