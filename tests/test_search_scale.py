"""The engine above the approximate-index threshold, its persisted indexes, and incremental rebuilds,
on synthetic documents with a cheap deterministic embedder (no model needed)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from search.cache import text_key
from search.documents import SearchDoc
from search.embedder import Embedder, normalise
from search.engine import SearchEngine, SearchError, SentenceIndex, index_dir, index_documents, write_index
from search.faiss_index import FaissIndex
from search.index import NumpyIndex
from search.indexes import ANN_THRESHOLD
from search.keyword import KeywordIndex

WORDS = "zorg preventie ouderen jeugd bewegen roken eenzaamheid wijk gemeente huisarts school sport voeding armoede".split()


class HashEmbedder(Embedder):
    """A random unit vector per text (seeded by its hash); counts the texts it embeds."""

    name = "test/hash"
    dim = 384

    def __init__(self) -> None:
        self.embedded = 0

    def _vectors(self, texts: list[str]) -> np.ndarray:
        self.embedded += len(texts)
        rows = [np.random.default_rng(int(text_key(t)[:12], 16)).standard_normal(self.dim) for t in texts]
        return normalise(np.array(rows)) if rows else np.zeros((0, self.dim), np.float32)

    encode_queries = encode_passages = _vectors


def synthetic_docs(count: int) -> list[SearchDoc]:
    rng = np.random.default_rng(0)
    return [
        SearchDoc(f"urn:test:{i}", "passage" if i % 10 else "organisatie", f"Plan {i % 50}",
                  f"{' '.join(rng.choice(WORDS, 10))} kenmerk{i}.", f"plan-{i % 50}", f"urn:test:{i}", 0, 40, [i % 6 + 1])
        for i in range(count)
    ]


def write_synthetic_index(data_dir, embedder: HashEmbedder, docs: list[SearchDoc]) -> None:
    texts = [d.text for d in docs]
    vectors = embedder.encode_passages(texts)
    write_index(index_dir(data_dir, embedder), embedder.name, docs, vectors, SentenceIndex(texts, list(range(len(docs))), vectors))


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> tuple[SearchEngine, list[SearchDoc]]:
    data_dir = tmp_path_factory.mktemp("large")
    docs = synthetic_docs(ANN_THRESHOLD + 500)
    write_synthetic_index(data_dir, HashEmbedder(), docs)
    return data_dir, docs


def test_a_large_index_loads_its_persisted_indexes_without_rebuilding(large, monkeypatch):
    data_dir, docs = large
    folder = index_dir(data_dir, HashEmbedder())
    assert len(list(folder.glob("vectors-*.faiss"))) == 1 and len(list(folder.glob("bm25-*"))) == 1

    def refuse(*_):
        raise AssertionError("rebuilt at start")

    monkeypatch.setattr(FaissIndex, "build", refuse)
    monkeypatch.setattr(KeywordIndex, "build", refuse)
    engine = SearchEngine(data_dir, HashEmbedder())
    assert isinstance(engine.dense, FaissIndex) and engine.dense.size == len(docs)
    assert engine.search(docs[1234].text, 5)[0].id == docs[1234].id


def test_filters_on_a_large_index(large):
    data_dir, docs = large
    engine = SearchEngine(data_dir, HashEmbedder())
    query = docs[77].text
    by_document = engine.search(query, 10, document="plan-27")  # ~400 rows: searched exactly
    assert by_document[0].id == docs[77].id and {h.document for h in by_document} == {"plan-27"}
    by_kind = engine.search(query, 10, kinds=["passage"], actielijn=6)  # ~3,000 rows
    assert by_kind[0].id == docs[77].id and all(h.kind == "passage" and 6 in h.actielijnen for h in by_kind)
    organisations = engine.search("zorg preventie", 10, kinds=["organisatie"])
    assert len(organisations) == 10 and {h.kind for h in organisations} == {"organisatie"}


def test_a_small_index_is_searched_exactly_and_writes_no_approximate_index(tmp_path):
    embedder = HashEmbedder()
    docs = synthetic_docs(300)
    write_synthetic_index(tmp_path, embedder, docs)
    assert not list(index_dir(tmp_path, embedder).glob("vectors-*.faiss"))
    engine = SearchEngine(tmp_path, embedder)
    assert isinstance(engine.dense, NumpyIndex)
    assert engine.search(docs[5].text, 3)[0].id == docs[5].id


def test_adding_one_document_embeds_only_that_document(tmp_path):
    docs = synthetic_docs(2_000)
    embedder = HashEmbedder()
    first = index_documents(docs, embedder, tmp_path)
    assert first.embedded == embedder.embedded == 2 * len(docs)  # every document and its one sentence
    docs.append(SearchDoc("urn:test:new", "passage", "Nieuw plan", "Valpreventie in de wijk voor ouderen.", "nieuw"))
    embedder.embedded = 0
    second = index_documents(docs, embedder, tmp_path)
    assert second.embedded == embedder.embedded == 2  # the new document and its sentence, nothing else
    folder = index_dir(tmp_path, embedder)
    assert len(list(folder.glob("bm25-*"))) == 1  # the keyword index of the old content is gone
    assert SearchEngine(tmp_path, embedder).search("Nieuw plan. Valpreventie in de wijk voor ouderen.", 1)[0].id == "urn:test:new"


def test_documents_are_read_by_position_from_the_document_store(tmp_path):
    docs = synthetic_docs(300)
    docs[7].entities = [{"iri": "urn:test:org", "label": "GGD Groningen", "kind": "organisatie"}]
    write_synthetic_index(tmp_path, HashEmbedder(), docs)
    engine = SearchEngine(tmp_path, HashEmbedder())
    assert engine.size == len(docs)
    assert engine.position(docs[7].id) == 7 and engine.position("urn:test:onbekend") is None
    assert engine.doc(7) == docs[7]
    hit = engine.search(docs[7].text, 1)[0]
    assert (hit.id, hit.snippet, hit.actielijnen, hit.entities) == (docs[7].id, docs[7].text, docs[7].actielijnen, docs[7].entities)


def test_a_loaded_engine_keeps_answering_from_its_files_while_a_rebuild_replaces_them(tmp_path):
    embedder = HashEmbedder()
    old, new = synthetic_docs(300), synthetic_docs(301)[1:]
    write_synthetic_index(tmp_path, embedder, old)
    engine = SearchEngine(tmp_path, embedder)
    write_synthetic_index(tmp_path, embedder, new)  # another content key: the old derived indexes are deleted
    assert sorted(p.name for p in index_dir(tmp_path, embedder).glob(".tmp-*")) == []
    with ThreadPoolExecutor(4) as pool:  # as from the service's worker threads
        hits = list(pool.map(lambda doc: engine.search(doc.text, 1)[0], old[:40]))
    assert [(h.id, h.snippet) for h in hits] == [(d.id, d.text) for d in old[:40]]
    assert SearchEngine(tmp_path, embedder).search(new[-1].text, 1)[0].id == new[-1].id


def test_an_index_from_before_the_document_store_asks_for_a_rebuild(tmp_path):
    folder = index_dir(tmp_path, HashEmbedder())
    folder.mkdir(parents=True)
    (folder / "documents.json").write_text("{}", encoding="utf-8")
    with pytest.raises(SearchError, match="gezond-kg build"):
        SearchEngine(tmp_path, HashEmbedder())
    write_synthetic_index(tmp_path, HashEmbedder(), synthetic_docs(10))
    assert not (folder / "documents.json").exists()


def test_query_tokens_match_the_tokens_bm25s_indexes():
    import bm25s

    from search.keyword import STEMMER, _tokens

    for text in ("Wie is regionaal trekker van Tijd voor Toekomst?", "De GGD en 12 gemeenten: valpreventie bij ouderen, 2027."):
        assert _tokens(text) == bm25s.tokenize([text], stopwords="nl", stemmer=STEMMER, show_progress=False, return_ids=False)[0]
