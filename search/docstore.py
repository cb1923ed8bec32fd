"""The search documents on disk (``documents.sqlite``), read a hit at a time instead of all at start.

Parsing every document at start cost 46 s and most of 10.8 GiB at 1M passages. Here a start reads
only what every query needs over all rows: the positions per value of the filter facets (kind,
actielijn, document) and of the passages that are no hit (``fragment``), stored at index time as ready-made arrays. A hit reads its document and its
sentences by position. The file is written under a temporary name and renamed, and never changed
after that; so SQLite reads it as immutable, and a reader keeps the file it opened while a rebuild
writes a new one.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from array import array
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import closing
from pathlib import Path
from typing import Literal, overload

import numpy as np

from search.documents import SearchDoc
from search.index import Rows

FILE_NAME = "documents.sqlite"
FACETS = ("kind", "actielijn", "document", "fragment")
FacetValue = str | int

SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
  position INTEGER PRIMARY KEY, id TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL,
  document TEXT NOT NULL, passage TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
  actielijnen TEXT NOT NULL, entities TEXT NOT NULL, fragment INTEGER NOT NULL);
CREATE TABLE sentences (
  owner INTEGER NOT NULL, vector_row INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (owner, vector_row)
) WITHOUT ROWID;
CREATE TABLE facets (facet TEXT NOT NULL, value NOT NULL, positions BLOB NOT NULL, PRIMARY KEY (facet, value));
"""
DOCUMENT_COLUMNS = 'id, kind, title, text, document, passage, start, "end", actielijnen, entities, fragment'


def write_docstore(path: Path, meta: dict[str, str], docs: Sequence[SearchDoc], sentence_texts: Sequence[str],
                   owners: Sequence[int]) -> None:
    """Write a new store at ``path``: ``meta`` (model, content key), the documents by position, sentence
    ``i`` (the row of its vector) with its owning document ``owners[i]``, and the facets."""
    path.unlink(missing_ok=True)
    with closing(sqlite3.connect(path)) as db:
        # no journal, no syncs: the caller renames the file into place only once it is complete
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.executescript(SCHEMA)
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.executemany(f"INSERT INTO documents (position, {DOCUMENT_COLUMNS}) VALUES ({', '.join('?' * 12)})",
                       (_document_row(position, doc) for position, doc in enumerate(docs)))
        db.executemany("INSERT INTO sentences VALUES (?, ?, ?)", zip(owners, range(len(sentence_texts)), sentence_texts))
        db.executemany("INSERT INTO facets VALUES (?, ?, ?)", _facet_rows(docs))
        db.execute("CREATE INDEX documents_id ON documents (id)")
        db.commit()


def _document_row(position: int, doc: SearchDoc) -> tuple:
    return (position, doc.id, doc.kind, doc.title, doc.text, doc.document, doc.passage, doc.start, doc.end,
            json.dumps(doc.actielijnen), json.dumps(doc.entities, ensure_ascii=False), int(doc.fragment))


def _facet_rows(docs: Sequence[SearchDoc]) -> Iterator[tuple[str, FacetValue, bytes]]:
    """(facet, value, positions of the documents with that value as int64 bytes, ascending)."""
    positions: dict[str, defaultdict[FacetValue, array]] = {facet: defaultdict(lambda: array("q")) for facet in FACETS}
    for position, doc in enumerate(docs):
        positions["kind"][doc.kind].append(position)
        positions["document"][doc.document].append(position)
        for number in set(doc.actielijnen):
            positions["actielijn"][number].append(position)
        if doc.fragment:
            positions["fragment"][1].append(position)
    for facet, by_value in positions.items():
        for value, rows in by_value.items():
            yield facet, value, rows.tobytes()


class DocStore:
    """A written store, read only; one connection shared by the threads that serve searches."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._rows(f"SELECT {DOCUMENT_COLUMNS} FROM documents LIMIT 0")  # a store of an older layout fails at start, not at a hit
        self.meta: dict[str, str] = dict(self._rows("SELECT name, value FROM meta"))
        self.size: int = self._rows("SELECT coalesce(max(position) + 1, 0) FROM documents")[0][0]

    def _rows(self, sql: str, *parameters: object) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, parameters).fetchall()

    @overload
    def facet(self, name: Literal["kind", "document"]) -> dict[str, Rows]: ...
    @overload
    def facet(self, name: Literal["actielijn", "fragment"]) -> dict[int, Rows]: ...
    def facet(self, name: str) -> dict[str, Rows] | dict[int, Rows]:
        """Per value of facet ``name`` (one of FACETS): the ascending positions of its documents."""
        rows = self._rows("SELECT value, positions FROM facets WHERE facet = ?", name)
        return {value: np.frombuffer(positions, dtype=np.int64) for value, positions in rows}

    def doc(self, position: int) -> SearchDoc:
        rows = self._rows(f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE position = ?", position)
        if not rows:
            raise IndexError(f"no search document at position {position}")
        doc_id, kind, title, text, document, passage, start, end, actielijnen, entities, fragment = rows[0]
        return SearchDoc(doc_id, kind, title, text, document, passage, start, end, json.loads(actielijnen), json.loads(entities),
                         bool(fragment))

    def position(self, doc_id: str) -> int | None:
        rows = self._rows("SELECT position FROM documents WHERE id = ? ORDER BY position LIMIT 1", doc_id)
        return rows[0][0] if rows else None

    def sentences(self, position: int) -> list[tuple[int, str]]:
        """(row of the sentence vector, text) of the sentences of the document at ``position``, in order."""
        return self._rows("SELECT vector_row, text FROM sentences WHERE owner = ? ORDER BY vector_row", position)
