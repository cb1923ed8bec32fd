"""rdflib's in-memory Dataset behind the Store interface: the baseline of bench/graph_scale.py."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from graph.store import SelectResult, Store


class RdflibStore(Store):
    """Every named graph in one rdflib Dataset; queries see their union."""

    def __init__(self) -> None:
        self._dataset = Dataset(default_union=True)

    def replace_graph(self, graph_name: str, graph: Graph) -> None:
        self.transact({graph_name: graph})

    def transact(self, graphs: dict[str, Graph | None], updates: Sequence[str] = ()) -> None:
        for name, graph in graphs.items():
            self._dataset.remove_graph(URIRef(name))
            if graph is not None:
                target = self._dataset.graph(URIRef(name))
                for triple in graph:
                    target.add(triple)
        for update in updates:
            self._dataset.update(update)

    def bulk_load(self, nquads: Path) -> None:
        self._dataset.parse(nquads, format="nquads")

    def remove_graph(self, graph_name: str) -> None:
        self._dataset.remove_graph(URIRef(graph_name))

    def graph_names(self) -> list[str]:
        return sorted(str(graph.identifier) for graph in self._dataset.graphs() if isinstance(graph.identifier, URIRef))

    def select(self, sparql: str) -> SelectResult:
        result = self._dataset.query(sparql)
        variables = [str(variable) for variable in result.vars or []]
        rows = [{name: (None if row[name] is None else str(row[name])) for name in variables} for row in result]
        return SelectResult(variables, rows)

    def ask(self, sparql: str) -> bool:
        return bool(self._dataset.query(sparql).askAnswer)

    def construct(self, sparql: str) -> Graph:
        graph = Graph()
        for triple in self._dataset.query(sparql).graph or Graph():
            graph.add(triple)
        return graph

    def query_serialized(self, sparql: str, media_type: str) -> bytes:
        return self._dataset.query(sparql).serialize(format="json") or b""

    def union_graph(self) -> Graph:
        graph = Graph()
        for subject, predicate, value, _ in self._dataset.quads((None, None, None, None)):
            graph.add((subject, predicate, value))
        return graph

    def triple_count(self) -> int:
        return len(self.union_graph())
