"""Search filters (kind, actielijn, document) as precomputed row sets, so a filter costs a few set
operations on arrays instead of a Python test per document (1M documents: ~0.5 s per query)."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from search.documents import SearchDoc
from search.index import Rows

NO_ROWS = np.zeros(0, dtype=np.int64)


def _grouped(keys: list[list[str]] | list[list[int]]) -> dict:
    rows: dict = defaultdict(list)
    for position, values in enumerate(keys):
        for value in values:
            rows[value].append(position)
    return {value: np.asarray(positions, dtype=np.int64) for value, positions in rows.items()}


class DocFilter:
    def __init__(self, docs: list[SearchDoc]) -> None:
        self._size = len(docs)
        self._by_kind: dict[str, Rows] = _grouped([[d.kind] for d in docs])
        self._by_actielijn: dict[int, Rows] = _grouped([d.actielijnen for d in docs])
        self._by_document: dict[str, Rows] = _grouped([[d.document] for d in docs])

    def rows(self, kinds: list[str] | None, actielijn: int | None, document: str | None) -> Rows | None:
        """Sorted positions of the documents that pass; None when nothing is filtered."""
        selections: list[Rows] = []
        if kinds:
            # each document has one kind, so the row sets of distinct kinds are disjoint: no np.unique (35 ms at 100k)
            selections.append(np.sort(np.concatenate([NO_ROWS, *(self._by_kind.get(k, NO_ROWS) for k in set(kinds))])))
        if actielijn is not None:
            selections.append(self._by_actielijn.get(actielijn, NO_ROWS))
        if document:
            selections.append(self._by_document.get(document, NO_ROWS))
        if not selections:
            return None
        allowed = selections[0]
        for selection in selections[1:]:
            member = np.zeros(self._size, dtype=bool)
            member[selection] = True
            allowed = allowed[member[allowed]]
        return allowed
