"""Hybrid search: BM25 (Dutch stems) fused with dense e5 ranking by weighted reciprocal rank fusion.

The index lives under ``<data_dir>/search/<model>``: the documents and their sentences
(``documents.sqlite``, read a hit at a time: ``search/docstore.py``), their vectors and the vectors
of their sentences (for the snippet that proves a hit), the BM25 index (``bm25-<key>``) and, from
``ANN_THRESHOLD`` documents on, the approximate vector index (``vectors-<key>.faiss``), both named
after the content so a start never rebuilds them. Vectors and indexes are mapped, not read: a
start costs well under a second at 1M passages and memory holds what queries touch. Embeddings
come from the on-disk cache, so a rebuild only embeds new or changed texts.
"""

from __future__ import annotations

import ctypes
import hashlib
import platform
import re
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from graph.errors import Invalid, Unavailable
from graph.store import Store
from ontology.namespaces import slugify
from search.cache import EmbeddingCache, cache_file
from search.docstore import FILE_NAME as DOCSTORE_FILE
from search.docstore import DocStore, write_docstore
from search.documents import DOC_KINDS, SearchDoc, collect
from search.embedder import Embedder
from search.filters import NO_ROWS, DocFilter
from search.index import NumpyIndex, Rows, VectorIndex, top_indices
from search.indexes import load_vector_index, uses_ann, write_vector_index
from search.keyword import KeywordIndex, stems
from search.word_vectors import warm

SENTENCE_RE = re.compile(r"(?<=[.!?;:])\s+(?=[A-ZÀ-Þ‘'“(•\d])")
RRF_K = 60
CANDIDATES = 100
DENSE_WEIGHT = 1.0
KEYWORD_WEIGHT = 0.6
MAX_K = 100
Progress = Callable[[str, int, int], None]
GLIBC_TRIM_THRESHOLD, GLIBC_MMAP_THRESHOLD = -1, -3  # mallopt parameters (malloc.h)


class SearchError(Invalid):
    """A search that cannot run (bad question or filter); the message says what to do."""


class SearchUnavailable(Unavailable, SearchError):
    """No search index, or a damaged one: searching, overlaps and gaps wait for a rebuild."""


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
    """Collect the search documents from the graph, embed what the cache lacks, write the index; embed the
    words of the entity names the cache lacks too (the review queue compares names by their meaning)."""
    stats = index_documents(collect(store), embedder, data_dir, progress)
    warm(store, embedder, data_dir)
    return stats


def index_documents(docs: list[SearchDoc], embedder: Embedder, data_dir: Path, progress: Progress | None = None) -> BuildStats:
    """Embed what the cache lacks of ``docs`` and their sentences, write the index."""
    started = time.perf_counter()
    cache = EmbeddingCache(cache_file(data_dir))
    try:
        doc_vectors, new_docs = cache.passages(
            embedder, [embedding_text(d) for d in docs], lambda done, total: progress and progress("documenten", done, total)
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
    write_index(index_dir(data_dir, embedder), embedder.name, docs, doc_vectors, SentenceIndex(sentence_texts, owners, sentence_vectors))
    return BuildStats(len(docs), len(sentence_texts), new_docs + new_sentences, time.perf_counter() - started)


@dataclass
class SentenceIndex:
    """The sentences of the documents (for snippets): text, owning document position, vector."""

    texts: list[str]
    owners: list[int]
    vectors: np.ndarray


def embedding_text(doc: SearchDoc) -> str:
    return f"{doc.title}. {doc.text}"


def keyword_text(doc: SearchDoc) -> str:
    return f"{doc.title} {doc.text}"


def key_texts(docs: Iterable[SearchDoc]) -> Iterable[str]:
    """What names an index: the searched text of each document and whether it can be a hit."""
    return (f"{keyword_text(d)}\x1f{int(d.fragment)}" for d in docs)


def content_key(texts: Iterable[str]) -> str:
    """Hash of the texts joined by a record separator, without holding the joined copy."""
    digest = hashlib.sha256()
    for number, text in enumerate(texts):
        if number:
            digest.update(b"\x1e")
        digest.update(text.encode("utf-8"))
    return digest.hexdigest()[:16]


def _replace(path: Path, write: Callable[[Path], None]) -> None:
    """Write via a temporary name and rename: a crash leaves the old file, and a reader that has the
    old file mapped keeps it."""
    temporary = path.with_name(f".tmp-{path.name}")
    write(temporary)
    if temporary.exists():  # a writer may find nothing to write (no approximate index for a small set)
        temporary.replace(path)


def write_index(target: Path, model: str, docs: list[SearchDoc], doc_vectors: np.ndarray, sentence_index: SentenceIndex) -> None:
    """Write vectors, the derived indexes (BM25, approximate vector index) and the document store.
    The derived ones are named after the content (``key``), so an unchanged index is reused as is and
    the document store, written last, always names indexes that match it."""
    target.mkdir(parents=True, exist_ok=True)
    key = content_key(key_texts(docs))
    keyword_path, vector_path = target / f"bm25-{key}", target / f"vectors-{key}.faiss"
    _replace(target / "documents.npy", lambda path: np.save(path, doc_vectors))
    _replace(target / "sentences.npy", lambda path: np.save(path, sentence_index.vectors))
    if not keyword_path.exists():
        _replace(keyword_path, lambda path: KeywordIndex.build([keyword_text(d) for d in docs]).save(path))
    if not vector_path.exists():
        _replace(vector_path, lambda path: write_vector_index(doc_vectors, path))
    _replace(target / DOCSTORE_FILE, lambda path: write_docstore(
        path, {"model": model, "key": key}, docs, sentence_index.texts, sentence_index.owners))
    for stale in [*target.glob("bm25-*"), *target.glob("vectors-*.faiss"), *target.glob("documents.json")]:
        if stale not in (keyword_path, vector_path):  # documents.json: the document store before documents.sqlite
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()


def keep_query_buffers() -> None:
    """A query allocates a few arrays of one number per document (BM25 scores, the top-k partition:
    16 MB at 1M). glibc gives blocks that large out as fresh mappings and unmaps them at free, so each
    query faults them in again: 7 of its 13 ms at 1M. Serve them from the heap and keep freed heap
    memory (up to 256 MB), so that they are reused."""
    if platform.libc_ver()[0] != "glibc":
        return
    mallopt = ctypes.CDLL(None).mallopt
    mallopt(GLIBC_MMAP_THRESHOLD, 64 << 20)
    mallopt(GLIBC_TRIM_THRESHOLD, 256 << 20)


class SearchEngine:
    """A loaded index: ``search`` answers in a few milliseconds once warm. Passages that are only a heading
    or a fragment (``search/documents.py:is_fragment``) are never a hit unless ``fragments`` is set (for
    ``bench/search_eval.py``, which compares); they stay indexed, for the analyses that read their vectors."""

    def __init__(self, data_dir: Path, embedder: Embedder, *, dense_weight: float = DENSE_WEIGHT,
                 keyword_weight: float = KEYWORD_WEIGHT, fragments: bool = False) -> None:
        folder = index_dir(data_dir, embedder)
        if not (folder / DOCSTORE_FILE).exists():
            raise SearchUnavailable(
                f"Er is nog geen zoekindex voor model {embedder.name} in {folder}. Bouw hem met 'gezond-kg build'."
            )
        self._docs = DocStore(folder / DOCSTORE_FILE)
        key = self._docs.meta["key"]
        self.doc_vectors = np.load(folder / "documents.npy", mmap_mode="r")
        self.sentence_vectors = np.load(folder / "sentences.npy", mmap_mode="r")
        self.exact = NumpyIndex(self.doc_vectors)
        self.dense: VectorIndex = load_vector_index(self.doc_vectors, folder / f"vectors-{key}.faiss")
        self.keyword = KeywordIndex.load(folder / f"bm25-{key}")
        self.filters = DocFilter(self.size, kinds=self._docs.facet("kind"), actielijnen=self._docs.facet("actielijn"),
                                 documents=self._docs.facet("document"))
        self.no_hit = np.zeros(self.size, dtype=bool)
        if not fragments:
            self.no_hit[self._docs.facet("fragment").get(1, NO_ROWS)] = True
        self.embedder = embedder
        self.dense_weight = dense_weight
        self.keyword_weight = keyword_weight
        keep_query_buffers()

    def holds(self, docs: list[SearchDoc]) -> bool:
        """Whether this index was built from exactly these search documents (``collect`` of a graph)."""
        return self._docs.meta["key"] == content_key(key_texts(docs))

    @property
    def size(self) -> int:
        """Number of indexed documents; their positions are 0 … size - 1."""
        return self._docs.size

    def doc(self, position: int) -> SearchDoc:
        return self._docs.doc(position)

    def position(self, doc_id: str) -> int | None:
        """The position of a passage or entity document, or None when it is not indexed."""
        return self._docs.position(doc_id)

    def search(self, query: str, k: int = 10, *, kinds: list[str] | None = None, actielijn: int | None = None,
               document: str | None = None) -> list[Hit]:
        query = query.strip()
        if not query:
            raise SearchError("Geef een zoekvraag op.")
        if not 1 <= k <= MAX_K:
            raise SearchError(f"k moet tussen 1 en {MAX_K} liggen.")
        for kind in kinds or []:
            if kind not in DOC_KINDS:
                raise SearchError(f"Onbekende soort '{kind}'; kies uit {', '.join(DOC_KINDS)}.")
        allowed = self.filters.rows(kinds, actielijn, document)
        query_vector = self.embedder.encode_queries([query])[0]
        dense_order = self._hits_only(self._dense_candidates(query_vector, allowed, CANDIDATES))
        keyword_order = self._hits_only(self._keyword_candidates(query, allowed, CANDIDATES))
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
        position = self.position(doc_id)
        return None if position is None else self.doc_vectors[position]

    def rank_only(self, query: str, mode: str, k: int = 10) -> list[int]:
        """Document positions by one ranker alone ('dense' or 'keyword'), for evaluation."""
        if mode == "dense":
            return self._hits_only(self._dense_candidates(self.embedder.encode_queries([query])[0], None, CANDIDATES))[:k]
        return self._hits_only(self._keyword_candidates(query, None, CANDIDATES))[:k]

    def _hits_only(self, positions: list[int]) -> list[int]:
        """``positions`` without the passages that are no hit (a heading or a fragment), order kept."""
        return [i for i in positions if not self.no_hit[i]]

    def _dense_candidates(self, query_vector: np.ndarray, allowed: Rows | None, k: int) -> list[int]:
        """Nearest documents; a filter that leaves few rows is searched exactly over just those rows."""
        index = self.exact if allowed is not None and not uses_ann(len(allowed)) else self.dense
        return [int(i) for i in index.search(query_vector, k, allowed)[0]]

    def _keyword_candidates(self, query: str, allowed: Rows | None, k: int) -> list[int]:
        scores = self.keyword.scores(query)
        rows = top_indices(scores, k) if allowed is None else allowed[top_indices(scores[allowed], k)]
        return [int(i) for i in rows if scores[i] > 0]

    def _hit(self, i: int, score: float, query_vector: np.ndarray, query_stems: set[str],
             dense_rank: int | None, keyword_rank: int | None) -> Hit:
        doc = self.doc(i)
        return Hit(round(float(score), 5), doc.kind, doc.title, self._snippet(doc, i, query_vector, query_stems), doc.document,
                   doc.passage, doc.start, doc.end, doc.id, doc.actielijnen, doc.entities, dense_rank, keyword_rank)

    def _snippet(self, doc: SearchDoc, i: int, query_vector: np.ndarray, query_stems: set[str]) -> str:
        """The sentence of the document that best matches the query: meaning, then shared words."""
        sentences = self._docs.sentences(i)
        if not sentences:
            return doc.text[:300]
        similarity = self.sentence_vectors[[row for row, _ in sentences]] @ query_vector
        overlap = np.array([len(query_stems & stems(text)) for _, text in sentences], dtype=np.float32)
        return sentences[int(np.argmax(similarity + 0.05 * overlap))][1]
