"""Keyword ranking: BM25 (bm25s) with Dutch Snowball stemming and Dutch stop words.

Tokenising and indexing costs about 0.1 ms a passage, so the build writes the index (bm25s's own
sparse-matrix files) and a start maps it instead of indexing again."""

from __future__ import annotations

import re
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH

STEMMER = Stemmer.Stemmer("dutch")
TOKEN_RE = re.compile(r"(?u)\b\w\w+\b")  # bm25s.tokenize's default pattern
STOPWORDS = frozenset(STOPWORDS_DUTCH)  # what bm25s.tokenize uses for stopwords="nl"


class KeywordIndex:
    def __init__(self, retriever: bm25s.BM25, size: int) -> None:
        self._retriever = retriever
        self._size = size

    @classmethod
    def build(cls, texts: list[str]) -> KeywordIndex:
        retriever = bm25s.BM25()
        tokens = bm25s.tokenize(texts, stopwords="nl", stemmer=STEMMER, show_progress=False)
        retriever.index(tokens, show_progress=False)
        return cls(retriever, len(texts))

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex:
        retriever = bm25s.BM25.load(str(folder), mmap=True, show_progress=False)
        return cls(retriever, int(retriever.scores["num_docs"]))

    def save(self, folder: Path) -> None:
        self._retriever.save(str(folder), show_progress=False)

    @property
    def size(self) -> int:
        return self._size

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document for ``query`` (zeros when no query word is known)."""
        tokens = [t for t in _tokens(query) if t in self._retriever.vocab_dict]
        if not tokens:
            return np.zeros(self._size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(tokens), dtype=np.float32)

    def coverage(self, query: str) -> float:
        """Share of the query's content words that occur in the corpus: near 0 for a question in
        another language, so keyword ranking should weigh little."""
        tokens = _tokens(query)
        return sum(t in self._retriever.vocab_dict for t in tokens) / len(tokens) if tokens else 0.0


def _tokens(text: str) -> list[str]:
    """bm25s.tokenize's steps for one text (lower case, its token pattern, Dutch stop words, stems)
    without its per-call overhead: snippets tokenise every sentence of every hit."""
    return STEMMER.stemWords([token for token in TOKEN_RE.findall(text.lower()) if token not in STOPWORDS])


def stems(text: str) -> set[str]:
    """The stemmed content words of ``text`` (for snippets)."""
    return set(_tokens(text))
