"""Hybrid search: BM25 (Dutch stems) fused with dense e5 ranking by weighted reciprocal rank fusion.

The index lives under ``<data_dir>/search``: the documents (JSON), their vectors and the vectors of
their sentences (for the snippet that proves a hit), per model. Embeddings come from the on-disk
cache, so a rebuild only embeds new or changed texts.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from graph.store import Store
from ontology.namespaces import slugify
from search.cache import EmbeddingCache
from search.documents import KINDS, SearchDoc, collect
from search.embedder import Embedder
from search.index import NumpyIndex, VectorIndex
from search.keyword import KeywordIndex, stems

SENTENCE_RE = re.compile(r"(?<=[.!?;:])\s+(?=[A-ZÀ-Þ‘'“(•\d])")
RRF_K = 60
CANDIDATES = 100
DENSE_WEIGHT = 1.0
KEYWORD_WEIGHT = 0.6
MAX_K = 100
Progress = Callable[[str, int, int], None]


class SearchError(Exception):
    """A search that cannot run (no index, bad filter); the message says what to do."""


@dataclass
class Hit:
    score: float
    kind: str
    title: str
    snippet: str
    document: str
    passage: str
    start: int
    end: int
    id: str
    actielijnen: list[int] = field(default_factory=list)
    entities: list[dict[str, str]] = field(default_factory=list)
    dense_rank: int | None = None
    keyword_rank: int | None = None


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_RE.split(text) if len(s.strip()) > 2] or [text]


def index_dir(data_dir: Path, embedder: Embedder) -> Path:
    return data_dir / "search" / slugify(embedder.name)


@dataclass
class BuildStats:
    documents: int
    sentences: int
    embedded: int
    seconds: float


def build_index(store: Store, embedder: Embedder, data_dir: Path, progress: Progress | None = None) -> BuildStats:
    """Collect the search documents from the graph, embed what the cache lacks, write the index."""
    started = time.perf_counter()
    docs = collect(store)
    cache = EmbeddingCache(data_dir / "search" / "embeddings.sqlite")
    try:
        doc_vectors, new_docs = cache.passages(
            embedder, [f"{d.title}. {d.text}" for d in docs], lambda done, total: progress and progress("documenten", done, total)
        )
        sentence_texts: list[str] = []
        owners: list[int] = []
        for position, doc in enumerate(docs):
            for sentence in sentences(doc.text):
                sentence_texts.append(sentence)
                owners.append(position)
        sentence_vectors, new_sentences = cache.passages(
            embedder, sentence_texts, lambda done, total: progress and progress("zinnen", done, total)
        )
    finally:
        cache.close()
    target = index_dir(data_dir, embedder)
    target.mkdir(parents=True, exist_ok=True)
    np.save(target / "documents.npy", doc_vectors)
    np.save(target / "sentences.npy", sentence_vectors)
    (target / "documents.json").write_text(
        json.dumps({"model": embedder.name, "documents": [d.to_dict() for d in docs], "sentences": sentence_texts,
                    "owners": owners}, ensure_ascii=False),
        encoding="utf-8",
    )
    return BuildStats(len(docs), len(sentence_texts), new_docs + new_sentences, time.perf_counter() - started)


class SearchEngine:
    """A loaded index: ``search`` answers in a few milliseconds once warm."""

    def __init__(self, data_dir: Path, embedder: Embedder, *, dense_weight: float = DENSE_WEIGHT,
                 keyword_weight: float = KEYWORD_WEIGHT) -> None:
        folder = index_dir(data_dir, embedder)
        meta_path = folder / "documents.json"
        if not meta_path.exists():
            raise SearchError(
                f"Er is nog geen zoekindex voor model {embedder.name} in {folder}. Bouw hem met 'gezond-kg build'."
            )
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        self.embedder = embedder
        self.docs = [SearchDoc(**d) for d in meta["documents"]]
        self.sentence_texts: list[str] = meta["sentences"]
        owners = np.asarray(meta["owners"], dtype=int)
        self.sentence_rows: list[np.ndarray] = [np.flatnonzero(owners == i) for i in range(len(self.docs))]
        self.doc_vectors = np.load(folder / "documents.npy")
        self.positions = {doc.id: position for position, doc in enumerate(self.docs)}
        self.dense: VectorIndex = NumpyIndex(self.doc_vectors)
        self.sentence_vectors = np.load(folder / "sentences.npy")
        self.keyword = KeywordIndex([f"{d.title} {d.text}" for d in self.docs])
        self.dense_weight = dense_weight
        self.keyword_weight = keyword_weight

    def search(self, query: str, k: int = 10, *, kinds: list[str] | None = None, actielijn: int | None = None,
               document: str | None = None) -> list[Hit]:
        query = query.strip()
        if not query:
            raise SearchError("Geef een zoekvraag op.")
        if not 1 <= k <= MAX_K:
            raise SearchError(f"k moet tussen 1 en {MAX_K} liggen.")
        for kind in kinds or []:
            if kind not in KINDS:
                raise SearchError(f"Onbekende soort '{kind}'; kies uit {', '.join(KINDS)}.")
        allowed = np.array([self._passes(d, kinds, actielijn, document) for d in self.docs], dtype=bool)
        query_vector = self.embedder.encode_queries([query])[0]
        dense_scores = np.where(allowed, self.dense.scores(query_vector), -np.inf)
        keyword_scores = np.where(allowed, self.keyword.scores(query), 0.0)
        dense_order = [i for i in np.argsort(-dense_scores)[:CANDIDATES] if np.isfinite(dense_scores[i])]
        keyword_order = [i for i in np.argsort(-keyword_scores)[:CANDIDATES] if keyword_scores[i] > 0]
        fused: dict[int, float] = {}
        for rank, i in enumerate(dense_order):
            fused[i] = fused.get(i, 0.0) + self.dense_weight / (RRF_K + rank + 1)
        keyword_weight = self.keyword_weight * self.keyword.coverage(query)
        for rank, i in enumerate(keyword_order):
            fused[i] = fused.get(i, 0.0) + keyword_weight / (RRF_K + rank + 1)
        dense_rank = {i: r + 1 for r, i in enumerate(dense_order)}
        keyword_rank = {i: r + 1 for r, i in enumerate(keyword_order)}
        best = sorted(fused.items(), key=lambda item: -item[1])[:k]
        query_stems = stems(query)
        return [self._hit(i, score, query_vector, query_stems, dense_rank.get(i), keyword_rank.get(i)) for i, score in best]

    def vector(self, doc_id: str) -> np.ndarray | None:
        """The stored vector of a passage or entity document, or None when it is not indexed."""
        position = self.positions.get(doc_id)
        return None if position is None else self.doc_vectors[position]

    def rank_only(self, query: str, mode: str, k: int = 10) -> list[int]:
        """Document positions by one ranker alone ('dense' or 'keyword'), for evaluation."""
        if mode == "dense":
            return list(self.dense.search(self.embedder.encode_queries([query])[0], k)[0])
        scores = self.keyword.scores(query)
        return [int(i) for i in np.argsort(-scores)[:k] if scores[i] > 0]

    @staticmethod
    def _passes(doc: SearchDoc, kinds: list[str] | None, actielijn: int | None, document: str | None) -> bool:
        return (not kinds or doc.kind in kinds) and (actielijn is None or actielijn in doc.actielijnen) and (
            not document or doc.document == document
        )

    def _hit(self, i: int, score: float, query_vector: np.ndarray, query_stems: set[str],
             dense_rank: int | None, keyword_rank: int | None) -> Hit:
        doc = self.docs[i]
        return Hit(round(float(score), 5), doc.kind, doc.title, self._snippet(i, query_vector, query_stems), doc.document,
                   doc.passage, doc.start, doc.end, doc.id, doc.actielijnen, doc.entities, dense_rank, keyword_rank)

    def _snippet(self, i: int, query_vector: np.ndarray, query_stems: set[str]) -> str:
        """The sentence of the document that best matches the query: meaning, then shared words."""
        rows = self.sentence_rows[i]
        if len(rows) == 0:
            return self.docs[i].text[:300]
        similarity = self.sentence_vectors[rows] @ query_vector
        overlap = np.array([len(query_stems & stems(self.sentence_texts[r])) for r in rows], dtype=np.float32)
        best = rows[int(np.argmax(similarity + 0.05 * overlap))]
        return self.sentence_texts[best]
