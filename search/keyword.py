"""Keyword ranking: BM25 (bm25s) with Dutch Snowball stemming and Dutch stop words."""

from __future__ import annotations

import bm25s
import numpy as np
import Stemmer

STEMMER = Stemmer.Stemmer("dutch")


class KeywordIndex:
    def __init__(self, texts: list[str]) -> None:
        self._retriever = bm25s.BM25()
        self._size = len(texts)
        tokens = bm25s.tokenize(texts, stopwords="nl", stemmer=STEMMER, show_progress=False)
        self._retriever.index(tokens, show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document for ``query`` (zeros when no query word is known)."""
        tokens = bm25s.tokenize([query], stopwords="nl", stemmer=STEMMER, show_progress=False, return_ids=False)[0]
        if not tokens:
            return np.zeros(self._size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(tokens), dtype=np.float32)


def stems(text: str) -> set[str]:
    """The stemmed content words of ``text`` (for snippets)."""
    tokens = bm25s.tokenize([text], stopwords="nl", stemmer=STEMMER, show_progress=False, return_ids=False)[0]
    return set(tokens)
