"""Ingest behaviour: stable IRIs, incremental documents, replacement, unreadable input, unseen documents."""

from __future__ import annotations

import shutil
from pathlib import Path

from graph.factory import open_store
from graph.queries import PREFIX_BLOCK, find_programmes, involvements
from ingest.pipeline import build, build_corpus, read_facts
from ingest.sources import read_document
from search.analyses import ANALYSES_GRAPH
from tests.conftest import FIXTURES


def all_triples(store) -> set[tuple[str, str, str]]:
    """The triples of every graph but the analyses (computed after a build, from the search index)."""
    rows = store.select(f"SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != <{ANALYSES_GRAPH}>) }}").rows
    return {(row["s"], row["p"], row["o"]) for row in rows}


def organisation_count(store) -> int:
    return int(store.select(PREFIX_BLOCK + "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a org:Organization }").rows[0]["n"])


def test_same_corpus_gives_the_same_graph(kg, corpus_dir, lexicon, tmp_path):
    second = open_store(tmp_path / "again")
    build_corpus(second, corpus_dir, lexicon)
    assert all_triples(second) == all_triples(kg)


def test_unchanged_documents_are_skipped(kg_copy, corpus_dir, lexicon):
    again = build_corpus(kg_copy, corpus_dir, lexicon)  # a copy of the store the session built from the corpus
    assert {o.status for o in again.outcomes} == {"ongewijzigd"}


def test_a_document_never_seen_adds_to_the_graph_without_duplicates(kg_copy, lexicon):
    store = kg_copy  # a copy of the store the session built from the corpus
    before = organisation_count(store)
    report = build(store, [FIXTURES / "nieuw-netwerk-oost.md"], lexicon)
    assert report.outcomes[0].status == "nieuw"
    after = organisation_count(store)
    # two new organisations (Stichting Welzijn Oldambt, Fonds Gezond Oost); GGD, Hann and Menzis already exist
    assert after == before + 2
    iri = find_programmes(store, "Samen Sterk in de Wijk")[0][0]
    rows = {(r.agent_label, r.role) for r in involvements(store, [iri])}
    assert ("Stichting Welzijn Oldambt", "trekker") in rows
    assert ("Femke de Vries", "trekker") in rows
    assert ("Fonds Gezond Oost", "financier") in rows
    assert ("GGD Groningen", "partner") in rows
    welzijn_type = store.select(PREFIX_BLOCK + """SELECT ?t WHERE { ?o rdfs:label "Stichting Welzijn Oldambt"@nl ;
        org:classification/skos:notation ?t }""").rows
    assert welzijn_type[0]["t"] == "welzijn"


def test_a_changed_document_replaces_its_facts(lexicon, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    document = corpus / "oost.md"
    shutil.copy(FIXTURES / "nieuw-netwerk-oost.md", document)
    store = open_store(tmp_path / "kg")
    build_corpus(store, corpus, lexicon)
    assert find_programmes(store, "Samen Sterk in de Wijk")
    document.write_text(document.read_text(encoding="utf-8").replace("Samen Sterk in de Wijk", "Sterk Samen Oost"), encoding="utf-8")
    report = build_corpus(store, corpus, lexicon)
    assert report.outcomes[0].status == "gewijzigd"
    assert not find_programmes(store, "Samen Sterk in de Wijk")
    assert find_programmes(store, "Sterk Samen Oost")


NAMED_IN = PREFIX_BLOCK + """
SELECT DISTINCT ?doc WHERE {
  ?p a gg:Programma ; rdfs:label ?label ; dcterms:source/dcterms:isPartOf/dcterms:identifier ?doc FILTER(STR(?label) = "Samen Fit Veendam")
}"""


def test_a_name_one_document_introduces_is_known_in_the_others(lexicon, tmp_path):
    """Own words: a report introduces a programme; a press release of the same build, and a document
    uploaded later, that only name it are linked to it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "rapport.md").write_text(
        "# Rapport 2026\n\n## Samen Fit Veendam\n\nSamen Fit Veendam biedt ouderen elke week een beweegles. "
        "Sportbedrijf Veendam is trekker van Samen Fit Veendam.\n", encoding="utf-8")
    (corpus / "persbericht.md").write_text(
        "# Nieuw beweegaanbod\n\nHet wijkteam verwijst ouderen voortaan naar Samen Fit Veendam in het dorpshuis.\n",
        encoding="utf-8")
    store = open_store(tmp_path / "kg")
    build_corpus(store, corpus, lexicon)
    assert {row["doc"] for row in store.select(NAMED_IN).rows} == {"rapport", "persbericht"}
    later = tmp_path / "later.md"
    later.write_text("# Brief\n\nDe huisarts noemt Samen Fit Veendam als goed voorbeeld voor de regio.\n", encoding="utf-8")
    graph, _, _ = read_facts(read_document(later), lexicon, "test", store=store)
    assert any("samen-fit-veendam" in str(s) for s in graph.subjects())
    graph, _, _ = read_facts(read_document(later), lexicon, "test")  # without the store it is unknown
    assert not any("samen-fit-veendam" in str(s) for s in graph.subjects())


def test_an_unreadable_document_is_named_and_the_rest_loads(lexicon, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(FIXTURES / "nieuw-netwerk-oost.md", corpus / "goed.md")
    (corpus / "kapot.pdf").write_bytes(b"%PDF-1.4 dit is geen echte pdf")
    (corpus / "leeg.txt").write_text("   \n", encoding="utf-8")
    (corpus / "binair.txt").write_bytes(b"\x00\x01\x02" * 100)
    report = build_corpus(open_store(tmp_path / "kg"), corpus, lexicon)
    statuses = {o.name: (o.status, o.message) for o in report.outcomes}
    assert statuses["goed.md"][0] == "nieuw"
    for name in ("kapot.pdf", "leeg.txt", "binair.txt"):
        assert statuses[name][0] == "fout" and name in statuses[name][1]


def test_html_documents_are_read(lexicon, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "pagina.html").write_text(
        "<html><head><title>x</title><script>var a=1;</script></head><body><h2>Valpreventie</h2>"
        "<p>De ketenaanpak ‘Valpreventie bij ouderen’ wordt regionaal belegd bij de GGD (Anna Bakker).</p></body></html>",
        encoding="utf-8",
    )
    store = open_store(tmp_path / "kg")
    build_corpus(store, corpus, lexicon)
    iri = find_programmes(store, "Valpreventie")[0][0]
    assert ("GGD Groningen", "trekker") in {(r.agent_label, r.role) for r in involvements(store, [iri])}


def test_fixture_is_not_part_of_the_corpus(corpus_dir):
    assert not (corpus_dir / "nieuw-netwerk-oost.md").exists()
    assert Path(FIXTURES / "nieuw-netwerk-oost.md").exists()
