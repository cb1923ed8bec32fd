"""Synthetic unit vectors with the structure of e5 embeddings, for index tests and benchmarks.

Uniform random unit vectors make approximate search look worse (no structure to exploit) or, with
very tight clusters, better than it is. e5 vectors have a strong shared direction (unrelated Dutch
passages score 0.7–0.8), topics around it, and passages spread around their topic; queries sit
among the passages, not on them. ``clustered_vectors`` mimics that; ``perturbed`` spreads real
embeddings into many nearby ones.
"""

from __future__ import annotations

import numpy as np

from search.embedder import normalise

CHUNK = 100_000


def _noise(rng: np.random.Generator, rows: int, dim: int, scale: float | np.ndarray,
           amplitudes: np.ndarray | None = None) -> np.ndarray:
    """Gaussian rows of norm ≈ ``scale``; ``amplitudes`` shapes the variance per axis (default isotropic)."""
    amplitudes = np.full(dim, 1 / np.sqrt(dim), np.float32) if amplitudes is None else amplitudes
    return rng.standard_normal((rows, dim), dtype=np.float32) * amplitudes * scale


def power_law_amplitudes(dim: int, exponent: float = 1.0) -> np.ndarray:
    """Per-axis amplitudes whose variances fall as axis^-exponent, total variance 1: the principal
    component spectrum of e5 sentence embeddings of the corpus decays as i^-1.0 (top 10 of 384 axes
    hold 38 % of the variance, top 100 hold 82 %)."""
    variances = np.arange(1, dim + 1, dtype=np.float64) ** -exponent
    return np.sqrt(variances / variances.sum()).astype(np.float32)


def clustered_vectors(rows: int, dim: int = 384, *, topics: int | None = None, seed: int = 0,
                      topic_spread: float = 0.33, spread: tuple[float, float] = (0.2, 0.35)) -> np.ndarray:
    """``rows`` unit vectors: a shared unit direction (the corpus mean of e5 vectors has norm 0.91),
    ``topics`` centres around it (√rows by default) at distance ``topic_spread``, and rows around
    their centre at a per-topic distance drawn from ``spread``; all deviations with the power-law
    spectrum of real embeddings."""
    rng = np.random.default_rng(seed)
    topics = topics or max(8, int(np.sqrt(rows)))
    amplitudes = power_law_amplitudes(dim)
    common = normalise(rng.standard_normal(dim))[0]
    centres = common + _noise(rng, topics, dim, topic_spread, amplitudes)
    spreads = rng.uniform(*spread, size=topics).astype(np.float32)
    out = np.empty((rows, dim), dtype=np.float32)
    for start in range(0, rows, CHUNK):
        count = min(CHUNK, rows - start)
        topic = rng.integers(0, topics, count)
        out[start : start + count] = normalise(centres[topic] + _noise(rng, count, dim, spreads[topic, None], amplitudes))
    return out


def jittered(vectors: np.ndarray, noise: float, seed: int = 0) -> np.ndarray:
    """Each row of ``vectors`` plus Gaussian noise of norm ≈ ``noise``, normalised."""
    rng = np.random.default_rng(seed)
    return normalise(vectors + _noise(rng, len(vectors), vectors.shape[1], noise))


def perturbed(base: np.ndarray, rows: int, *, noise: float = 0.4, seed: int = 0) -> np.ndarray:
    """``rows`` unit vectors, each a random row of ``base`` jittered by noise of norm ≈ ``noise``."""
    rng = np.random.default_rng(seed)
    out = np.empty((rows, base.shape[1]), dtype=np.float32)
    for start in range(0, rows, CHUNK):
        count = min(CHUNK, rows - start)
        out[start : start + count] = jittered(base[rng.integers(0, len(base), count)], noise, seed + start + 1)
    return out
