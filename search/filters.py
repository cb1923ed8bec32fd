"""Search filters (kind, actielijn, document) as row sets made at index time (``search/docstore.py``),
so a filter costs a few set operations on arrays instead of a Python test per document (1M
documents: ~0.5 s per query)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from search.index import Rows

NO_ROWS = np.zeros(0, dtype=np.int64)


class DocFilter:
    def __init__(self, size: int, *, kinds: Mapping[str, Rows], actielijnen: Mapping[int, Rows],
                 documents: Mapping[str, Rows]) -> None:
        """``size`` documents; per kind, actielijn number and document slug the ascending positions of its documents."""
        self._size = size
        self._by_kind = kinds
        self._by_actielijn = actielijnen
        self._by_document = documents

    def rows(self, kinds: list[str] | None, actielijn: int | None, document: str | None) -> Rows | None:
        """Sorted positions of the documents that pass; None when nothing is filtered."""
        selections: list[Rows] = []
        if kinds:
            # each document has one kind, so the row sets of distinct kinds are disjoint: no np.unique (35 ms at 100k);
            # a stable sort merges the sorted runs (1.5 ms for 1M rows, the default sort takes 25 ms)
            kind_rows = [self._by_kind.get(k, NO_ROWS) for k in set(kinds)]
            selections.append(np.sort(np.concatenate([NO_ROWS, *kind_rows]), kind="stable"))
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
