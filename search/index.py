"""The vector index seam: brute-force cosine in NumPy (exact); an approximate index can replace it."""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np


class VectorIndex(ABC):
    @abstractmethod
    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(indices, scores) of the k most similar rows, best first."""

    @abstractmethod
    def scores(self, query: np.ndarray) -> np.ndarray:
        """Similarity of ``query`` to every row."""


class NumpyIndex(VectorIndex):
    def __init__(self, vectors: np.ndarray) -> None:
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)

    def scores(self, query: np.ndarray) -> np.ndarray:
        return self.vectors @ query.astype(np.float32).ravel()

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        scores = self.scores(query)
        k = min(k, len(scores))
        if k <= 0:
            return np.zeros(0, dtype=int), np.zeros(0, dtype=np.float32)
        top = np.argpartition(-scores, k - 1)[:k]
        order = top[np.argsort(-scores[top])]
        return order, scores[order]
