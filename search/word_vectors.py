"""Vectors of single words, for comparing names by meaning (graph/name_matching.py): e5's query role,
kept in memory and in the embedding cache of the data directory. The index build embeds the words of
every entity name (``warm``), so a review queue, also one in a fresh process, embeds only new words."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from graph.name_matching import meaning_words
from graph.review import entity_names
from graph.store import Store
from search.cache import EmbeddingCache, cache_file
from search.embedder import Embedder


class WordVectors:
    def __init__(self, embedder: Embedder, data_dir: Path) -> None:
        self._embedder, self._cache_path = embedder, cache_file(data_dir)
        self._known: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def __call__(self, words: list[str]) -> np.ndarray:
        """(len(words), dim) unit vectors."""
        with self._lock:
            missing = sorted(set(words) - self._known.keys())
            if missing:
                cache = EmbeddingCache(self._cache_path)
                try:
                    self._known.update(zip(missing, cache.queries(self._embedder, missing)))
                finally:
                    cache.close()
            if not words:
                return np.zeros((0, self._embedder.dim), np.float32)
            return np.vstack([self._known[word] for word in words]).astype(np.float32)


def warm(store: Store, embedder: Embedder, data_dir: Path) -> int:
    """Embed the words of every entity name that the cache lacks; returns how many words there are."""
    words = meaning_words(entity_names(store))
    WordVectors(embedder, data_dir)(words)
    return len(words)
