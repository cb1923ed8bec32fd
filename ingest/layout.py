"""Layout analysis: clean extraction noise and split a document into passages.

Works line by line on the raw text so that every passage keeps its character span in the source
(``start``/``end`` index into ``SourceDocument.text``). Each line gets a kind:

- ``heading``: a PDF heading (words separated by tabs), a numbered section title or a short
  stand-alone line that ends no sentence;
- ``item``: a bulleted or numbered list item;
- ``text``: running text; ``noise``: page furniture, URLs, OCR debris, pull quotes.

Consecutive text lines form paragraphs (also across the blank lines of double-spaced PDFs when a
line ends mid-sentence); consecutive items form one list passage. A line that starts with a single
space marks a new page in these extractions; ``Line.page_break`` records it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ontology.outline import MARKDOWN_HEADING_RE, section_path

BULLET_RE = re.compile(r"^\s*(?:[-•*¢«»▪◦●·–→➡►▶✓✔✅☑👉🔹🔸]\ufe0f?|e(?=\s+[A-Z]))\s+(?=\S)")  # also a post's "👉", "✅", "→"
NUMBER_RE = re.compile(r"^\s*(?P<num>\d{1,2}|[a-h])[.)]\s*(?=[A-Za-zÀ-ÿ‘'“\"])")
SECTION_NUMBER_RE = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})+\.?\s+[A-Z]")
FOOTNOTE_RE = re.compile(r"^\s*\d{1,2}\s{1,2}[A-Z]")
NOISE_RE = re.compile(
    r"^(?:naar inhoudsopgave|ga naar de inhoud|meer informatie|blijf op de hoogte.*|"
    r"https?://\S+|www\.\S+|\d{1,3}(?:\s+\d{1,3})?|gezond|f groningen|bron:.*|"
    r"figuur \d+.*|foto \d+.*|tabel \d+.*)$",
    re.IGNORECASE,
)
# a page footer: "Jaarverslag 2027 | pagina 1", "Raadsvoorstel X          pagina 1 van 3", "Pagina 2"
PAGE_FOOTER_RE = re.compile(r"(?:^|\||\s{3})\s*(?:pagina|page|blz\.?)\s+\d+(?:\s*(?:van|of|/)\s*\d+)?\s*$", re.IGNORECASE)
GLUED_FOOTNOTE_RE = re.compile(r"(?<=[a-zà-ÿ’')])(\d{1,2})(?=[\s,.;:]|$)")
FUNCTION_WORDS = {
    "de", "het", "een", "van", "en", "of", "in", "op", "te", "met", "voor", "aan", "die", "dat",
    "is", "zijn", "wordt", "worden", "door", "bij", "als", "om", "naar", "tot", "over", "uit",
    "the", "and", "to", "zich", "er", "ook", "we", "wij",
}
TABLE_CAPTION_RE = re.compile(r"^tabel \d+\b", re.IGNORECASE)
TABLE_CELL_WORDS = 8  # a line of running text has more words than a table cell
SENTENCE_END = (".", "!", "?", ":", ";", "”", '"', "’")
SECTION_TITLE_WORDS = 5  # "2 Projecten", "3.\tKnelpunten en open punten": a numbered title is short
LABEL_VALUE_RE = re.compile(r"^[A-ZÀ-Þ][\w-]*(?:\s+[a-zà-ÿ][\w-]*)?\s*:\s+\S")  # "Financier: Menzis", "Betrokken partijen: A, B"
RUNNING_HEADER_WORDS = 8  # a page header repeats a short line: a name, a title
MIN_TABLE_ROWS = 3  # a header and two rows: lines with aligned columns that make a table
TABLE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")  # a row as '| a | b |' (Markdown, HTML as read here, tables of text)
RULE_ROW_RE = re.compile(r"^[-+=|: ]*-{3}[-+=|: ]*$")  # "---+-------+----" or "|---|---|" between header and rows
NUMBER_HEADER_RE = re.compile(r"^\W*(?:nr|no|#)\W*$", re.IGNORECASE)  # a table's first column that only numbers the rows
RUN_IN_TITLE_WORDS = 6  # a paragraph's run-in title in PDF text ("Koffie met een praatje")
LETTER_LABEL_RE = re.compile(r"^\W*(?:onderwerp|betreft|kenmerk|ons kenmerk|uw kenmerk|datum|subject)\s*:", re.IGNORECASE)
MAX_SECTION_TITLE_WORDS = 9  # … or continues the numbering of the sections before it
MAX_PASSAGE_CHARS = 900
MIN_PARAGRAPH_CHARS = 350


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str
    kind: str  # heading | item | text | noise | blank
    page_break: bool = False
    numbered: bool = False
    indent: int = 0


@dataclass
class Passage:
    """A span of a document with its cleaned text and the lines it is made of."""

    doc_slug: str
    start: int
    end: int
    kind: str  # heading | list | paragraph | table
    lines: list[Line] = field(default_factory=list)
    heading: str = ""  # the nearest heading above the passage
    section: tuple[str, ...] = ()  # recent headings, outermost first

    @property
    def id(self) -> str:
        return f"{self.doc_slug}-{self.start}-{self.end}"

    @property
    def text(self) -> str:
        return join_lines(line.text for line in self.lines)

    @property
    def page_break(self) -> bool:
        return bool(self.lines) and self.lines[0].page_break


def join_lines(texts: Iterable[str]) -> str:
    """Join wrapped lines into running text, mending words hyphenated at a line end."""
    joined = ""
    for text in texts:
        if not joined:
            joined = text
        elif re.search(r"[a-zà-ÿ]-$", joined) and text[:1].islower():
            joined = joined[:-1] + text
        else:
            joined += " " + text
    return joined


def clean_line(raw: str) -> str:
    """Tabs and runs of spaces to one space, bullets kept, footnote numbers glued to words removed."""
    text = re.sub(r"[\t ]+", " ", raw.replace("\u00ad", "")).strip()
    return GLUED_FOOTNOTE_RE.sub("", text)


def strip_marker(text: str) -> str:
    """The text of a list item without its bullet or number."""
    text = MARKDOWN_HEADING_RE.sub("", BULLET_RE.sub("", text, count=1), count=1)
    return NUMBER_RE.sub("", text, count=1).strip()


def _is_noise(text: str, raw: str) -> bool:
    letters = sum(ch.isalpha() for ch in text)
    if letters < 3 or letters / max(len(text), 1) < 0.45:
        return True
    if NOISE_RE.match(text) or PAGE_FOOTER_RE.search(raw):
        return True
    return raw.lstrip().startswith(('"', "“")) and "\t" in raw  # PDF pull quote


def _looks_like_heading(text: str, raw: str) -> bool:
    if "\t" in raw.strip() or MARKDOWN_HEADING_RE.match(text):
        return True
    if (SECTION_NUMBER_RE.match(text) and len(text) <= 90 and not text.endswith((".", ",", ";"))
            and len(text.split()) <= MAX_SECTION_TITLE_WORDS and not re.search(r",\s+[a-zà-ÿ]", text)):
        # not the numbered clause of an agreement ("1.1 Partijen werken …", "2.1 De Gemeente X, gevestigd te …")
        return True
    if re.match(r"^(?:Thema|Bijlage|Actielijn|Hoofdstuk)\s+\d+\b", text) and len(text) <= 90:
        return True
    return False


def classify_lines(text: str) -> list[Line]:
    """Split raw text into classified lines with their offsets."""
    lines: list[Line] = []
    offset = 0
    in_pull_quote = False
    for raw in text.split("\n"):
        start, end = offset, offset + len(raw)
        offset = end + 1
        cleaned = clean_line(raw)
        if not cleaned:
            lines.append(Line(start, end, "", "blank"))
            continue
        # pull quotes in the PDF run over several tabbed lines until the closing quote
        if in_pull_quote or (raw.lstrip().startswith(('"', "“")) and "\t" in raw):
            in_pull_quote = not cleaned.endswith(('"', "”"))
            lines.append(Line(start, end, cleaned, "noise"))
            continue
        lead = len(raw) - len(raw.lstrip(" "))
        trail = len(raw.rstrip())
        start, end = start + lead, start + trail
        page_break = lead == 1 and not raw[1:2].isspace()
        if _is_noise(cleaned, raw):
            kind, numbered = "noise", False
        elif BULLET_RE.match(cleaned) or NUMBER_RE.match(cleaned):
            kind, numbered = "item", bool(NUMBER_RE.match(cleaned))
            if numbered and "\t" in raw:
                kind = "heading"  # "1.\tMeer\tdoen\tmet..." is a numbered PDF heading
        elif FOOTNOTE_RE.match(cleaned) and "\t" not in raw:
            # "1 Inleiding" is a section heading; "8 Ketenaanpak Welzijn op Recept wordt …" a footnote
            kind, numbered = ("heading", True) if _numbered_title(cleaned, lines) else ("text", False)
        elif _looks_like_heading(cleaned, raw):
            kind, numbered = "heading", False
        else:
            kind, numbered = "text", False
        lines.append(Line(start, end, cleaned, kind, page_break and kind != "item", numbered, lead if "\t" not in raw else 0))
    return _restore_lost_bullets(_promote_standalone_headings(_aligned_tables(_piped_tables(_running_headers(lines), text), text)))


def _running_headers(lines: list[Line]) -> list[Line]:
    """A short line on its own right after page furniture (a footer, a page number) that the document has written before
    word for word is a page header of PDF text ("Stichting Sport en Welzijn Oldambt" on top of every page): it is noise."""
    result = list(lines)
    written: set[str] = set()
    previous = "blank"  # the kind of the last line that is not blank
    for index, line in enumerate(lines):
        if line.kind == "blank":
            continue
        alone = index + 1 == len(lines) or lines[index + 1].kind == "blank"  # a slide title that wraps on is no page header
        if (previous == "noise" and alone and line.text in written and line.kind in ("text", "heading")
                and len(line.text.split()) <= RUNNING_HEADER_WORDS and not line.text.endswith(SENTENCE_END)
                and not line.numbered and not line.text[:1].isdigit()):  # a numbered heading the contents listed before
            result[index] = Line(line.start, line.end, line.text, "noise", line.page_break)
        written.add(line.text)
        previous = result[index].kind
    return result


def table_rows(lines: Iterable[str]) -> list[list[str]]:
    """The cells of the rows '| a | b |' among ``lines``, without rule rows ('|---|---|')."""
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines if TABLE_ROW_RE.match(line)]
    return [row for row in rows if not all(re.fullmatch(r":?-{2,}:?|", cell) for cell in row)]


def first_column(header: list[str]) -> int:
    """The first column that says something: the second when the first only numbers the rows ("Nr")."""
    return 1 if len(header) > 1 and NUMBER_HEADER_RE.match(header[0]) else 0


def cell_name_and_note(cell: str) -> tuple[str, str]:
    """'Kanaal Beweegt (onderdeel van JOGG)' -> ('Kanaal Beweegt', 'onderdeel van JOGG')."""
    found = re.fullmatch(r"(?P<name>[^()]*?)\s*\((?P<note>[^()]*)\)", cell)
    return (found["name"], found["note"]) if found and found["name"] else (cell, "")


def _piped_tables(lines: list[Line], text: str) -> list[Line]:
    """Plain text with '|' between the cells ("Nr | Activiteit | Uitvoerder", "---+----", "1  | Kansrijke Start | …"):
    rows '| a | b |'. A line whose '|' stand in the same columns and whose first cell is empty continues the row above,
    cell by cell ("Verloskundigen-" / "praktijk Kanaalstreek" is "Verloskundigenpraktijk Kanaalstreek"); it and the rule
    lines become noise. Rows that open with '|' (Markdown, HTML as read here) are left as they are."""
    result = list(lines)
    index = 0
    while index < len(lines):
        raw = text[lines[index].start:lines[index].end]
        if lines[index].kind not in ("text", "heading") or "|" not in raw or raw.lstrip().startswith("|"):
            index += 1
            continue
        width = raw.count("|") + 1
        columns = _pipe_columns(lines[index], text)
        rows: list[tuple[int, list[str]]] = []
        end = index
        while end < len(lines) and lines[end].kind != "blank":
            raw = text[lines[end].start:lines[end].end]
            if RULE_ROW_RE.match(raw.strip()):
                result[end] = Line(lines[end].start, lines[end].end, lines[end].text, "noise")
            elif raw.count("|") + 1 == width and _pipe_columns(lines[end], text) == columns:  # the columns line up
                cells = [cell.strip() for cell in raw.split("|")]
                if rows and not cells[0]:
                    rows[-1] = (rows[-1][0], [_joined(a, b) for a, b in zip(rows[-1][1], cells)])
                    result[end] = Line(lines[end].start, lines[end].end, lines[end].text, "noise")
                else:
                    rows.append((end, cells))
            else:
                break
            end += 1
        if len(rows) >= 2:
            for row, cells in rows:
                line = lines[row]
                result[row] = _row_line(line, cells)
        index = max(end, index + 1)
    return result


def _row_line(line: Line, cells: list[str]) -> Line:
    """``line`` written as a table row '| a | b |', as in Markdown."""
    return Line(line.start, line.end, "| " + " | ".join(cells) + " |", "text", line.page_break, indent=line.indent)


def _pipe_columns(line: Line, text: str) -> list[int]:
    """Where the '|' of a line stand, counted from the start of its line in ``text``."""
    begin = text.rfind("\n", 0, line.start) + 1
    return [offset for offset, char in enumerate(text[begin:line.end]) if char == "|"]


def _joined(first: str, second: str) -> str:
    """A cell and its continuation on the next line; a word broken at a hyphen is whole again."""
    if not first or not second:
        return first or second
    if first.endswith("-") and second[:1].islower():
        return first[:-1] + second
    return first + ("" if first.endswith("-") else " ") + second


def _aligned_tables(lines: list[Line], text: str) -> list[Line]:
    """Text from a PDF (pdftotext -layout) writes a table as columns aligned with runs of spaces: three or more
    lines in a row with the same number (two or more) of such columns become rows '| a | b |', as in Markdown. A
    line with fewer cells under a row continues the cells it stands under ("WIJ Groningen, Gezondheidscentrum" /
    "Vinkhuizen-Zuid"); it becomes noise and its words join that row."""
    cells = [re.split(r"\s{2,}|\t", text[line.start:line.end].strip())
             if line.kind in ("text", "heading") and not TABLE_ROW_RE.match(line.text) else [] for line in lines]
    result = list(lines)
    index = 0
    while index < len(lines):
        width, rows, end = len(cells[index]), [index], index + 1
        while width >= 2 and end < len(lines):
            if len(cells[end]) == width:
                rows.append(end)
            elif not (cells[end] and _continue_row(cells[rows[-1]], lines[rows[-1]], lines[end], text)):
                break
            end += 1
        labels = width == 2 and all(cells[row][0].endswith(":") for row in rows)  # "Regie:   Stichting X": labelled lines
        if len(rows) >= MIN_TABLE_ROWS and not labels:
            for row in range(index, end):
                line = lines[row]
                if row in rows:
                    result[row] = _row_line(line, cells[row])
                else:
                    result[row] = Line(line.start, line.end, line.text, "noise")
        index = max(end, index + 1)
    return result


def _column_starts(line: Line, text: str) -> list[int]:
    """Where each cell of a line starts, counted from the start of its line in ``text``."""
    begin = text.rfind("\n", 0, line.start) + 1
    return [line.start - begin + cell.start() for cell in re.finditer(r"\S+(?:[ ]\S+)*", text[line.start:line.end])]


def _continue_row(row_cells: list[str], row: Line, line: Line, text: str) -> bool:
    """``line`` holds fewer cells than ``row``, each starting where a cell of the row starts: the rest of those cells,
    added to ``row_cells``."""
    columns, own = _column_starts(row, text), _column_starts(line, text)
    if not own or len(own) >= len(columns):
        return False
    words = [cell.group() for cell in re.finditer(r"\S+(?:[ ]\S+)*", text[line.start:line.end])]
    targets = [j for start in own for j, column in enumerate(columns) if abs(column - start) <= 1]
    if len(targets) != len(own):
        return False  # a cell that starts under no cell of the row: no continuation
    for target, word in zip(targets, words):
        row_cells[target] = f"{row_cells[target]} {word}"
    return True


def _numbered_title(text: str, before: list[Line]) -> bool:
    """A numbered line that follows a blank line and ends no sentence, and is short ("2 Projecten") or
    takes the next number after the last numbered heading ("3 Ouder worden in de Wijk" after "2 …");
    a footnote's number does not continue the sections."""
    words = text.split()
    if text.endswith((".", ",", ";", ":")) or (before and before[-1].kind != "blank"):
        return False
    if len(words) <= SECTION_TITLE_WORDS:
        return True
    last = next((line for line in reversed(before) if line.kind == "heading" and line.numbered), None)
    return (len(words) <= MAX_SECTION_TITLE_WORDS and last is not None
            and int(words[0]) == int(re.match(r"\d+", last.text).group()) + 1)  # type: ignore[union-attr]


def _restore_lost_bullets(lines: list[Line]) -> list[Line]:
    """PDF extraction drops symbol-font bullets and leaves the item indented by a space: short indented
    lines after a line ending in ':' (or after another such item) are list items. An item with an
    open parenthesis goes on over the unindented lines until it closes."""
    result = list(lines)
    previous: Line | None = None
    open_item = ""
    for index, line in enumerate(lines):
        if line.kind in ("blank", "noise"):
            continue
        if open_item and line.indent == 0 and line.kind == "text":
            open_item += " " + line.text
            if open_item.count("(") <= open_item.count(")"):
                open_item = ""
            continue
        lost_bullet = (
            line.kind in ("text", "heading")
            and line.indent in (1, 2)
            and len(line.text.split()) <= 10
            and not line.text.endswith((".", ":"))
            and previous is not None
            and (previous.text.endswith(":") or (previous.kind == "item" and previous.indent in (1, 2)))
        )
        if lost_bullet:
            line = Line(line.start, line.end, line.text, "item", False, False, line.indent)
            result[index] = line
            open_item = line.text if line.text.count("(") > line.text.count(")") else ""
        previous = line
    return result


def _promote_standalone_headings(lines: list[Line]) -> list[Line]:
    """A short text line that stands alone, follows a finished sentence and ends none is a heading;
    a numbered item followed by a paragraph is the title of that paragraph."""
    content = [i for i, line in enumerate(lines) if line.kind not in ("blank", "noise")]
    result = list(lines)
    for position, index in enumerate(content):
        line = lines[index]
        previous = lines[content[position - 1]] if position else None
        following = lines[content[position + 1]] if position + 1 < len(content) else None
        directly_after_heading = index > 0 and result[index - 1].kind == "heading"
        if (line.kind == "heading" and SECTION_NUMBER_RE.match(line.text) and following is not None and index + 1 < len(lines)
                and lines[index + 1] is following and following.kind == "text" and following.text[:1].islower()
                and following.text.endswith(".")):
            # "3.3 Stichting X voert de huisbezoeken en" / "de activiteiten in de dorpen uit.": a numbered clause
            result[index] = Line(line.start, line.end, line.text, "text", line.page_break, indent=line.indent)
            continue
        if line.kind == "text" and directly_after_heading and line.text[:1].islower() and len(line.text.split()) <= 4:
            result[index] = Line(line.start, line.end, line.text, "heading", False, indent=line.indent)  # "been’;" ends a heading
        elif line.kind == "text" and (_standalone_title(line, previous, following, lines, index)
                                      or _run_in_title(line, following, result, index)):
            result[index] = Line(line.start, line.end, line.text, "heading", line.page_break, indent=line.indent)
        elif (
            line.kind == "item"
            and line.numbered
            and following is not None
            and ((following.kind == "text" and (following.text[:1].isupper() or following.text.startswith("| ")))  # a paragraph or a table
                 or _first_subsection(line, following))
            and len(line.text) <= 90
            and not line.text.endswith((".", ";", ","))
        ):
            result[index] = Line(line.start, line.end, line.text, "heading", line.page_break, numbered=True, indent=line.indent)
    return result


def _first_subsection(line: Line, following: Line) -> bool:
    """"2. Dorpskamers" directly above the heading "2.1 Inhoud": the title of the section that holds it."""
    number = NUMBER_RE.match(line.text)
    return (following.kind == "heading" and number is not None
            and re.match(rf"{number['num']}\.\d", following.text) is not None)


def _run_in_title(line: Line, following: Line | None, lines: list[Line], index: int) -> bool:
    """PDF text: a short line after a blank line or a heading, directly above a paragraph whose first line is much
    longer, that ends no sentence: the title of that paragraph ("Stevig Staan" / "Stevig Staan is onze valcursus …")."""
    words = line.text.split()
    before = lines[index - 1].kind if index else "blank"
    return (1 <= len(words) <= RUN_IN_TITLE_WORDS and line.text[:1].isupper() and before in ("blank", "heading")
            and not line.text.endswith((*SENTENCE_END, ",", ":", ";")) and words[-1].lower() not in FUNCTION_WORDS
            and following is not None and following.kind == "text" and index + 1 < len(lines) and lines[index + 1] is following
            and following.text[:1].isupper() and len(line.text) < 0.5 * len(following.text))


def _standalone_title(line: Line, previous: Line | None, following: Line | None, lines: list[Line], index: int) -> bool:
    text = line.text
    words = text.split()
    if len(text) > 70 or len(words) > 9 or text.endswith((".", ",", ":")):
        return False
    if text.endswith(";") and len(words) > 6:
        return False
    if not (text[:1].isupper() or text[:1].isdigit()):
        return False
    if words[-1].lower().strip("’'") in FUNCTION_WORDS or LABEL_VALUE_RE.match(text):
        return False  # "Financier: Menzis", "Looptijd: 2027 – 2029" is a label and its value, no title
    blank_before = index == 0 or lines[index - 1].kind in ("blank", "noise")
    blank_after = index + 1 >= len(lines) or lines[index + 1].kind in ("blank", "noise")
    if not (blank_before and (blank_after or text.endswith(";"))):
        return False
    if previous is not None and previous.kind == "text" and not previous.text.endswith(SENTENCE_END):
        return False
    if following is not None and following.kind == "text" and not (
        following.text[:1].isupper() or following.text[:1].isdigit()
    ):
        return False
    return True


def split_passages(doc_slug: str, text: str, *, markdown: bool = False) -> list[Passage]:
    """Group classified lines into passages, each with its heading context. In ``markdown`` every '#'
    line is a heading of its own and a blank line ends a paragraph (in text from a PDF a blank line
    may fall inside a sentence, and a heading may wrap over two lines)."""
    lines = classify_lines(text)
    passages: list[Passage] = []
    headings: list[str] = []
    current: Passage | None = None
    pending_break = False
    after_blank = False
    line_after_blank = True
    in_footnote = False  # a PDF footnote is a passage of its own, up to the next blank line
    in_table = False  # after a caption "Tabel 2: …" PDF text gives the cells as short lines

    def close() -> None:
        nonlocal current
        if current is not None and current.lines:
            current.start = current.lines[0].start
            current.end = current.lines[-1].end
            passages.append(current)
        current = None

    for index, line in enumerate(lines):
        if line.kind == "blank":
            after_blank, line_after_blank = markdown, True
            if current is not None and current.kind == "paragraph" and LETTER_LABEL_RE.match(current.lines[-1].text):
                close()  # "Onderwerp: …" and a blank line: the salutation and the letter start a new paragraph
            continue
        stands_alone, line_after_blank = line_after_blank, False
        if line.kind == "noise":
            pending_break = pending_break or line.page_break
            if TABLE_CAPTION_RE.match(line.text):
                close()  # a table in the middle of a sentence is not part of it
                in_table = True
            continue
        section_heading = line.kind == "heading" and (line.numbered or SECTION_NUMBER_RE.match(line.text) is not None)
        if in_table and len(line.text.split()) < TABLE_CELL_WORDS and not section_heading:
            if current is None:
                current = Passage(doc_slug, line.start, line.end, "table", [line], headings[-1] if headings else "", tuple(headings))
            else:
                current.lines.append(line)
            continue
        if in_table:
            close()  # the first line of running text, or a numbered heading, ends the table
            in_table = False
        if pending_break and not line.page_break:
            line = Line(line.start, line.end, line.text, line.kind, True, line.numbered, line.indent)
        pending_break = False
        footnote = not markdown and line.kind == "text" and stands_alone and FOOTNOTE_RE.match(line.text) is not None
        if in_footnote and (footnote or stands_alone or line.kind != "text"):
            close()  # a footnote ends at a blank line; the paragraph it interrupted goes on in a passage of its own
        in_footnote = footnote or (in_footnote and current is not None)
        if footnote:
            close()
            current = Passage(doc_slug, line.start, line.end, "paragraph", [line], headings[-1] if headings else "", tuple(headings))
            continue
        if in_footnote:
            assert current is not None
            current.lines.append(line)
            continue
        if line.kind == "heading":
            previous_line = _previous_content(lines, index)
            own = markdown and MARKDOWN_HEADING_RE.match(line.text) is not None
            if (current is not None and current.kind == "heading" and previous_line is not None and previous_line.kind == "heading"
                    and not line.numbered and not current.lines[-1].numbered and not own):
                current.lines.append(line)  # a heading broken over two lines
                headings[-1] = current.text
                continue
            close()
            headings = section_path(headings, line.text)
            current = Passage(doc_slug, line.start, line.end, "heading", [line], line.text, tuple(headings))
            continue
        kind = "list" if line.kind == "item" else "paragraph"
        blank_before, after_blank = after_blank, False
        if current is not None and _continues(current, kind, line) and not (blank_before and _new_block(current, kind)):
            current.lines.append(line)
            continue
        close()
        heading = headings[-1] if headings else ""
        current = Passage(doc_slug, line.start, line.end, kind, [line], heading, tuple(headings))
    close()
    return passages


def _new_block(current: Passage, kind: str) -> bool:
    """After a blank line in markdown: a new paragraph, unless items follow their list or its "…:" line."""
    return not (kind == "list" and (current.kind == "list" or current.lines[-1].text.endswith(":")))


def _previous_content(lines: list[Line], index: int) -> Line | None:
    for line in reversed(lines[:index]):
        if line.kind not in ("blank", "noise"):
            return line
    return None


def _continues(current: Passage, kind: str, line: Line) -> bool:
    """Does ``line`` belong to the passage being built?"""
    if current.kind == "heading" or line.page_break and kind == "list":
        return False
    size = sum(len(existing.text) + 1 for existing in current.lines)
    last = current.lines[-1].text
    table = all(TABLE_ROW_RE.match(existing.text) for existing in current.lines)
    if TABLE_ROW_RE.match(line.text):
        if table:
            return True
        if last.endswith(SENTENCE_END):
            return False  # a table after a finished sentence is a passage of its own
    elif table:
        return False  # and so is the text after it
    if kind == "list":
        # items join the list before them, or the sentence that introduces them ("...:")
        if (current.kind == "list" or last.endswith(":")) and size < MAX_PASSAGE_CHARS:
            current.kind = "list"
            return True
        return False
    if current.kind == "list":
        # an item's wrapped continuation line
        return not last.endswith((".", ";", ":", "?", "!")) and (
            line.text[:1].islower()
            or last.count("(") > last.count(")")
            or last.split()[-1].lower() in FUNCTION_WORDS
            or not line.text[:1].isalpha()
        )
    unfinished = not last.endswith(SENTENCE_END) or line.text[:1].islower()
    if unfinished:
        return size < MAX_PASSAGE_CHARS * 2
    return size < MIN_PARAGRAPH_CHARS and not line.page_break
