"""The embedder seam: one small interface, one module per backend, one factory."""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

from graph.errors import Unavailable


class EmbedderError(Unavailable):
    """A model that cannot be loaded; the message says how to configure one."""


class Embedder(ABC):
    """Turns texts into L2-normalised float32 vectors. Queries and passages are encoded separately
    because asymmetric models (e5) embed them with different roles."""

    name: str
    dim: int

    @abstractmethod
    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) vectors for search queries."""

    @abstractmethod
    def encode_passages(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) vectors for the texts that are searched."""


def normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)
