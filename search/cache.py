"""Embeddings cached on disk, keyed by model name (with its role) and text hash: a rebuild only embeds what changed."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import numpy as np

from search.embedder import MAX_PASSAGE_CHARS, Embedder

BATCH = 32


def cache_file(data_dir: Path) -> Path:
    """The embedding cache of a data directory (passages, sentences and the words of names)."""
    return data_dir / "search" / "embeddings.sqlite"


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path))
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS embedding (model TEXT, key TEXT, vector BLOB, PRIMARY KEY (model, key))"
        )

    def passages(self, embedder: Embedder, texts: list[str], progress: Callable[[int, int], None] | None = None) -> tuple[np.ndarray, int]:
        """Vectors for ``texts`` (passage role); returns (vectors, number newly embedded)."""
        return self._vectors(embedder.name, embedder.encode_passages, embedder.dim, texts, progress)

    def queries(self, embedder: Embedder, texts: list[str]) -> np.ndarray:
        """Vectors for short ``texts`` in the query role (names and their words)."""
        return self._vectors(f"{embedder.name}#query", embedder.encode_queries, embedder.dim, texts, None)[0]

    def _vectors(self, model: str, encode: Callable[[list[str]], np.ndarray], dim: int, texts: list[str],
                 progress: Callable[[int, int], None] | None) -> tuple[np.ndarray, int]:
        keys = [text_key(text) for text in texts]
        known: dict[str, np.ndarray] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            rows = self._db.execute(
                f"SELECT key, vector FROM embedding WHERE model = ? AND key IN ({','.join('?' * len(chunk))})",
                [model, *chunk],
            )
            known.update((key, np.frombuffer(blob, dtype=np.float32)) for key, blob in rows)
        missing = sorted({key: text for key, text in zip(keys, texts) if key not in known}.items())
        try:
            for start in range(0, len(missing), BATCH):
                batch = missing[start : start + BATCH]
                vectors = encode([text[:MAX_PASSAGE_CHARS] for _, text in batch])
                self._db.executemany(
                    "INSERT OR REPLACE INTO embedding VALUES (?, ?, ?)",
                    [(model, key, vector.astype(np.float32).tobytes()) for (key, _), vector in zip(batch, vectors)],
                )
                known.update((key, vector) for (key, _), vector in zip(batch, vectors))
                if progress:
                    progress(min(start + BATCH, len(missing)), len(missing))  # may stop the embedding (a shutdown)
        finally:
            self._db.commit()  # what was embedded is kept, also when the progress callback stopped the rest
        matrix = np.vstack([known[key] for key in keys]) if keys else np.zeros((0, dim), np.float32)
        return matrix.astype(np.float32), len(missing)

    def close(self) -> None:
        self._db.close()
