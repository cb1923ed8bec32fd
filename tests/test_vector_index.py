"""The vector index seam: the approximate index (faiss IVF) against brute force on vectors shaped
like e5 embeddings, persistence, the size threshold and the edge cases."""

from __future__ import annotations

import numpy as np
import pytest

from search.faiss_index import FaissIndex
from search.index import NumpyIndex
from search.indexes import load_vector_index, write_vector_index
from search.synthetic import clustered_vectors, perturbed

ROWS = 30_000
QUERIES = 200


@pytest.fixture(scope="module")
def vectors() -> tuple[np.ndarray, np.ndarray]:
    data = clustered_vectors(ROWS + QUERIES, seed=7)
    return data[:ROWS], data[ROWS:]


@pytest.fixture(scope="module")
def approximate(vectors: tuple[np.ndarray, np.ndarray]) -> FaissIndex:
    return FaissIndex.build(vectors[0])


def recall_at_10(index, exact: NumpyIndex, queries: np.ndarray, allowed: np.ndarray | None = None) -> float:
    found = [len(set(index.search(q, 10, allowed)[0]) & set(exact.search(q, 10, allowed)[0])) for q in queries]
    return sum(found) / (10 * len(queries))


def test_recall_at_10_against_brute_force(vectors, approximate):
    rows, queries = vectors
    assert approximate.size == ROWS and approximate.cells > 100
    assert recall_at_10(approximate, NumpyIndex(rows), queries) >= 0.95


def test_recall_on_noisy_copies_of_real_shaped_vectors():
    """Many near-duplicates (the same plan text in 27 regions): the hard case for an inverted file."""
    seeds = clustered_vectors(600, seed=3)
    rows, queries = perturbed(seeds, 20_000, noise=0.3, seed=4), perturbed(seeds, QUERIES, noise=0.3, seed=5)
    assert recall_at_10(FaissIndex.build(rows), NumpyIndex(rows), queries) >= 0.95


def test_scores_are_exact_cosines_best_first(vectors, approximate):
    rows, queries = vectors
    positions, scores = approximate.search(queries[0], 10)
    assert np.allclose(scores, rows[positions] @ queries[0], atol=1e-5)
    assert list(scores) == sorted(scores, reverse=True)


def test_a_filter_returns_only_allowed_rows_with_high_recall(vectors, approximate):
    rows, queries = vectors
    allowed = np.flatnonzero(np.random.default_rng(1).random(ROWS) < 0.1)
    for query in queries[:20]:
        assert set(approximate.search(query, 10, allowed)[0]) <= set(allowed)
    assert recall_at_10(approximate, NumpyIndex(rows), queries[:50], allowed) >= 0.95


def test_save_and_load_give_the_same_answers(tmp_path, vectors, approximate):
    rows, queries = vectors
    approximate.save(tmp_path / "vectors.faiss")
    loaded = FaissIndex.load(tmp_path / "vectors.faiss")
    (tmp_path / "vectors.faiss").unlink()  # as a rebuild does: the loaded index maps the file and keeps it
    assert loaded.size == ROWS and loaded.cells == approximate.cells
    allowed = np.arange(0, ROWS, 3)
    for query in queries[:20]:
        assert np.array_equal(loaded.search(query, 10)[0], approximate.search(query, 10)[0])
        assert np.array_equal(loaded.search(query, 10, allowed)[0], approximate.search(query, 10, allowed)[0])


def test_the_factory_switches_to_the_approximate_index_at_the_threshold(tmp_path, vectors):
    rows = vectors[0][:2_000]
    path = tmp_path / "vectors.faiss"
    write_vector_index(rows[:999], path, threshold=1_000)
    assert not path.exists()
    assert isinstance(load_vector_index(rows[:999], path, threshold=1_000), NumpyIndex)
    write_vector_index(rows, path, threshold=1_000)
    assert path.exists()
    assert isinstance(load_vector_index(rows, path, threshold=1_000), FaissIndex)


def test_a_stale_index_file_is_not_used(tmp_path, vectors):
    rows = vectors[0][:2_000]
    path = tmp_path / "vectors.faiss"
    write_vector_index(rows, path, threshold=1_000)
    grown = np.vstack([rows, vectors[1][:5]])
    index = load_vector_index(grown, path, threshold=1_000)
    assert index.size == len(grown)


def test_k_larger_than_the_index(vectors):
    rows = vectors[0][:500]
    for index in (NumpyIndex(rows), FaissIndex.build(rows)):
        positions, scores = index.search(vectors[1][0], 1_000)
        assert sorted(positions) == list(range(500)) and len(scores) == 500  # small index: every cell is probed


def test_an_empty_index_finds_nothing(tmp_path):
    empty = np.zeros((0, 384), dtype=np.float32)
    index = load_vector_index(empty, tmp_path / "vectors.faiss")
    positions, scores = index.search(np.ones(384, dtype=np.float32) / np.sqrt(384), 10)
    assert isinstance(index, NumpyIndex) and len(positions) == 0 and len(scores) == 0
    assert len(NumpyIndex(clustered_vectors(50)).search(np.ones(384, np.float32), 10, np.zeros(0, np.int64))[0]) == 0
