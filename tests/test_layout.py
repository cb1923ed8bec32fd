"""Passage splitting keeps offsets into the source and repairs extraction noise."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.layout import classify_lines, clean_line, split_passages
from ingest.sources import read_document


def test_passages_point_into_the_source_text(corpus_dir):
    for path in sorted(corpus_dir.glob("*.txt")):
        document = read_document(path)
        passages = split_passages(document.slug, document.text)
        assert passages, path.name
        for passage in passages:
            source = document.text[passage.start : passage.end]
            # the first and last words of the cleaned passage stand at its ends in the source
            assert passage.lines[0].text.split()[0] in source.replace("\t", " ")
            assert passage.id == f"{document.slug}-{passage.start}-{passage.end}"


def test_page_furniture_and_pull_quotes_are_dropped(corpus_dir):
    document = read_document(corpus_dir / "regioplan-gezond-groningen.txt")
    texts = " ".join(p.text for p in split_passages(document.slug, document.text))
    assert "Naar inhoudsopgave" not in texts
    assert "http://www.gezond-groningen.nl" not in texts


def test_footnote_numbers_glued_to_words_are_removed():
    assert clean_line("Platform\tMentaal\tGezond\tGroningen9") == "Platform Mentaal Gezond Groningen"
    assert clean_line("de regiovisie1  die") == "de regiovisie die"
    assert clean_line("Sport050 (Kardinge)") == "Sport050 (Kardinge)"  # digits that belong to a name stay


def test_tabbed_pdf_lines_are_headings():
    lines = classify_lines("Tijd\tvoor\tToekomst\nTijd voor Toekomst is een programma dat inzet op kansen.\n")
    assert [line.kind for line in lines[:2]] == ["heading", "text"]


def test_lost_bullets_after_a_colon_become_items():
    text = "Kernpartners:  \n\n SKSG \n\n Menzis  \n\n GGD Groningen \n"
    kinds = [line.kind for line in classify_lines(text) if line.kind != "blank"]
    assert kinds == ["text", "item", "item", "item"]


def test_a_footnote_between_blank_lines_is_a_passage_of_its_own():
    """PDF text puts a footnote where the page ends, in the middle of a sentence: it is not part of the
    paragraph around it, and it runs on to the next blank line."""
    text = ("Het project helpt ouderen om langer thuis te wonen en werkt daarvoor met vrijwilligers uit het \n\n"
            "3 Het project wordt in 2027 onderdeel van het landelijke programma voor \nmantelzorg en welzijn.\n\n"
            "dorp zelf, die elke week op bezoek gaan.\n")
    passages = split_passages("plan", text)
    assert [(p.kind, p.text) for p in passages] == [
        ("paragraph", "Het project helpt ouderen om langer thuis te wonen en werkt daarvoor met vrijwilligers uit het"),
        ("paragraph", "3 Het project wordt in 2027 onderdeel van het landelijke programma voor mantelzorg en welzijn."),
        ("paragraph", "dorp zelf, die elke week op bezoek gaan."),
    ]
    for passage in passages:
        assert text[passage.start:passage.end].replace("\n", " ").startswith(passage.text[:20])
    # a number that opens a line inside a paragraph is no footnote
    inside = split_passages("plan", "Het budget groeit naar\n12 Gemeenten doen mee met het project.\n")
    assert len(inside) == 1


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_splitting_any_text_gives_ordered_spans_inside_it(text):
    passages = split_passages("x", text)
    previous_end = -1
    for passage in passages:
        assert 0 <= passage.start < passage.end <= len(text)
        assert passage.start > previous_end
        previous_end = passage.end


def test_numbered_sub_sections_keep_the_section_they_belong_to():
    """Own words: "2. Buurtmoestuinen" directly above "2.1 Wat" is a heading, and a paragraph under "2.3" still
    stands under it ("2.1" and "2.2" leave the path); a "##" after a "##" replaces it under the "#"."""
    text = ("1. Aanleiding\n\nDe raad vroeg om meer ontmoeting.\n\n2. Buurtmoestuinen\n\n2.1 Wat\n\nBewoners leggen een tuin aan.\n\n"
            "2.2 Wie\n\nStichting Groen Dichtbij is penvoerder.\n\n2.3 Samenhang\n\nHet project sluit aan op de voedselbank.\n")
    last = split_passages("memo", text)[-1]
    assert last.section == ("1. Aanleiding", "2. Buurtmoestuinen", "2.3 Samenhang")
    page = split_passages("pagina", "# Ons aanbod\n\n## Koffiemaatjes\n\nTekst een.\n\n## Jongerenpunt\n\nTekst twee.\n", markdown=True)
    assert page[-1].section == ("# Ons aanbod", "## Jongerenpunt")


def test_a_plain_text_table_with_pipes_and_wrapped_cells_is_one_passage_of_rows():
    text = (
        "Hieronder staat wie wat doet.\n\n"
        "Nr | Actie          | Uitvoerder        | Partners\n"
        "---+----------------+-------------------+------------------\n"
        "1  | Fit in de Wijk | Sportbedrijf      | Fysiotherapie-\n"
        "   |                | Noordhorn         | praktijk Zuidhorn\n"
        "2  | Samen Koken    | Welzijn Noordhorn | Delfzijl-\n"
        "   |                |                   | Appingedam Zorg\n\n"
        "Na de tabel gaat de tekst verder.\n"
    )
    passages = split_passages("plan", text)
    assert [[line.text for line in p.lines] for p in passages] == [
        ["Hieronder staat wie wat doet."],
        ["| Nr | Actie | Uitvoerder | Partners |",
         "| 1 | Fit in de Wijk | Sportbedrijf Noordhorn | Fysiotherapiepraktijk Zuidhorn |",
         "| 2 | Samen Koken | Welzijn Noordhorn | Delfzijl-Appingedam Zorg |"],
        ["Na de tabel gaat de tekst verder."],
    ]


def test_page_footers_and_a_running_header_of_pdf_text_are_noise():
    text = (
        "Stichting Beweeg Mee Haren\nJaarverslag 2027\n\n2.1 Fietsfit\n\n"
        "                                    Jaarverslag 2027 | pagina 1\n\nStichting Beweeg Mee Haren\n\n"
        "Fietsfit is ons fietsproject voor ouderen.\n\n5. Financiën\nDe baten stegen.\n"
        "Verslag Beweeg Mee                                   pagina 2 van 2\n"
    )
    assert [(line.text, line.kind) for line in classify_lines(text) if line.kind != "blank"] == [
        ("Stichting Beweeg Mee Haren", "text"), ("Jaarverslag 2027", "text"), ("2.1 Fietsfit", "heading"),
        ("Jaarverslag 2027 | pagina 1", "noise"), ("Stichting Beweeg Mee Haren", "noise"),
        ("Fietsfit is ons fietsproject voor ouderen.", "text"), ("5. Financiën", "heading"), ("De baten stegen.", "text"),
        ("Verslag Beweeg Mee pagina 2 van 2", "noise"),
    ]


def test_a_repeated_slide_title_that_wraps_on_is_no_page_header():
    text = "Wat weten we nu\nover bewegen?\n\nhttp://www.example.nl\nWat weten we nu\nover voeding?\n"
    assert [line.kind for line in classify_lines(text) if line.text == "Wat weten we nu"] == ["text", "text"]
