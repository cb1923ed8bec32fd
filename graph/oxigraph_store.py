"""The embedded default store: Oxigraph on disk (pyoxigraph), no server needed."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from graph.store import SelectResult, Store, StoreError

PREFIX_RE = re.compile(r"(?im)^\s*PREFIX\s+([\w-]*):\s*<[^>]*>\s*$")
RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


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

    def replace_graph(self, graph_name: str, graph: Graph) -> None:
        self.transact({graph_name: graph})

    def transact(self, graphs: dict[str, Graph | None], updates: list[str] = ()) -> None:  # type: ignore[assignment]
        # one SPARQL update request is one transaction: readers and a crash see all of it or none
        operations = []
        for name, graph in graphs.items():
            operations.append(f"DROP SILENT GRAPH <{name}>")
            if graph is not None and len(graph):
                operations.append(f"INSERT DATA {{ GRAPH <{name}> {{ {graph.serialize(format='nt')} }} }}")
        prologue: dict[str, str] = {}
        for update in updates:
            # Oxigraph accepts a prologue only at the start of a request: hoist each PREFIX there
            for match in PREFIX_RE.finditer(update):
                prologue.setdefault(match.group(1), match.group(0).strip())
            operations.append(PREFIX_RE.sub("", update).strip())
        if operations:
            try:
                self._store.update("\n".join(prologue.values()) + "\n" + " ;\n".join(operations))
                self._writes += 1
            except SyntaxError as error:
                raise StoreError(f"Ongeldige update: {error}") from error
            self._store.flush()

    def bulk_load(self, nquads: Path) -> None:
        self._store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        self._writes += 1
        self._store.flush()

    def remove_graph(self, graph_name: str) -> None:
        self._store.update(f"DROP SILENT GRAPH <{graph_name}>")
        self._writes += 1
        self._store.flush()

    # -- reading ------------------------------------------------------------------------------

    def graph_names(self) -> list[str]:
        return sorted(node.value for node in self._store.named_graphs())

    def _query(self, sparql: str):  # noqa: ANN202 - pyoxigraph result union
        try:
            return self._store.query(sparql, use_default_graph_as_union=True)
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
        graph = Graph()
        data = result.serialize(format=ox.RdfFormat.N_TRIPLES)
        if data:
            graph.parse(data=data.decode("utf-8"), format="nt")
        return graph

    def query_serialized(self, sparql: str, media_type: str) -> bytes:
        result = self._query(sparql)
        if isinstance(result, ox.QueryTriples):
            rdf_format = GRAPH_FORMATS.get(media_type)
            if rdf_format is None:
                raise StoreError(f"Onbekend RDF-formaat {media_type}; kies uit {', '.join(GRAPH_FORMATS)}.")
            return result.serialize(format=rdf_format) or b""
        results_format = RESULT_FORMATS.get(media_type)
        if results_format is None:
            raise StoreError(f"Onbekend resultaatformaat {media_type}; kies uit {', '.join(RESULT_FORMATS)}.")
        return result.serialize(format=results_format) or b""

    def load_nquads(self, data: bytes) -> None:
        """Add all quads of ``data`` (N-Quads) in one bulk load."""
        self._store.bulk_load(data, format=ox.RdfFormat.N_QUADS)

    def nquads(self) -> bytes:
        return self._store.dump(format=ox.RdfFormat.N_QUADS) or b""

    def union_graph(self) -> Graph:
        return self.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")

    def triple_count(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }").rows
        return int(rows[0]["n"] or 0)

    def version(self) -> object | None:
        return (str(self.path), self._writes)

    def close(self) -> None:
        if not getattr(self, "_closed", False):
            self._closed = True
            del self._store
