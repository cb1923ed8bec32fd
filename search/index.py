"""The vector index seam: one interface, one module per backend (``index.py`` exact NumPy,
``faiss_index.py`` approximate IVF), one factory (``indexes.py``) that picks by size."""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

Rows = np.ndarray  # sorted positions of the rows a search may return


def top_indices(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` highest scores, best first, without sorting everything."""
    k = min(k, len(scores))
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    top = np.argpartition(-scores, k - 1)[:k]
    return top[np.argsort(-scores[top], kind="stable")]


class VectorIndex(ABC):
    """Inner-product search over L2-normalised float32 rows (cosine similarity)."""

    @property
    @abstractmethod
    def size(self) -> int:
        """Number of indexed rows."""

    @abstractmethod
    def search(self, query: np.ndarray, k: int, allowed: Rows | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(positions, scores) of at most k most similar rows, best first; only ``allowed`` rows when given."""


class NumpyIndex(VectorIndex):
    """Brute-force cosine: exact, no build, linear in the number of rows (about 14 ms at 100k on 2 cores)."""

    def __init__(self, vectors: np.ndarray) -> None:
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)

    @property
    def size(self) -> int:
        return len(self.vectors)

    def search(self, query: np.ndarray, k: int, allowed: Rows | None = None) -> tuple[np.ndarray, np.ndarray]:
        query = query.astype(np.float32).ravel()
        if allowed is None:
            scores = self.vectors @ query
            order = top_indices(scores, k)
            return order, scores[order]
        scores = self.vectors[allowed] @ query
        order = top_indices(scores, k)
        return allowed[order], scores[order]
