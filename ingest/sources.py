"""Reading source documents (.txt, .md, .html, .pdf) from a corpus directory into plain text."""

from __future__ import annotations

import codecs
import hashlib
import re
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from graph.errors import Rejected, TooLarge
from ontology.namespaces import slugify

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")
SKIPPED_NAMES = {"readme.md"}
UPLOADS_FOLDER = "documenten"  # uploaded documents, under the data directory


class DocumentError(Rejected):
    """A document that cannot be read; the message names the file and what to do."""


class DocumentTooLarge(TooLarge, DocumentError):
    """A document over a reading limit (PDF pages, decompressed streams, time): refused, not a crash."""


@dataclass(frozen=True)
class PdfLimits:
    max_pages: int = 2_000
    max_seconds: float = 600.0  # extracting text of all pages


@dataclass(frozen=True)
class SourceDocument:
    """One document as plain text. Passage offsets index into ``text``."""

    slug: str
    path: Path
    title: str
    text: str
    media_type: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def discover(corpus_dir: Path) -> list[Path]:
    """The readable documents in a corpus directory, sorted by name (README.md is documentation)."""
    if not corpus_dir.is_dir():
        raise DocumentError(
            f"Corpusmap {corpus_dir} bestaat niet. Geef een map op met --corpus-dir of "
            "GEZOND_KG_CORPUS_DIR."
        )
    return sorted(
        path
        for path in corpus_dir.iterdir()
        if path.is_file()
        and path.suffix.lower() in SUPPORTED_SUFFIXES
        and path.name.lower() not in SKIPPED_NAMES
    )


def uploads_dir(data_dir: Path) -> Path:
    return data_dir / UPLOADS_FOLDER


def source_paths(corpus_dir: Path, data_dir: Path) -> list[Path]:
    """The corpus documents and the documents coordinators uploaded through the service."""
    uploaded = uploads_dir(data_dir)
    return discover(corpus_dir) + (discover(uploaded) if uploaded.is_dir() else [])


def read_document(path: Path, pdf_limits: PdfLimits = PdfLimits()) -> SourceDocument:
    """Read one document; raises DocumentError naming the file when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(
            f"{path.name}: type {suffix or '(geen extensie)'} wordt niet ondersteund; "
            f"gebruik {', '.join(SUPPORTED_SUFFIXES)}."
        )
    try:
        if suffix == ".pdf":
            text, media_type = _read_pdf(path, pdf_limits), "application/pdf"
        else:
            raw = path.read_bytes()
            decoded = decode_text(raw, path.name)
            if suffix in (".html", ".htm"):
                text, media_type = _html_to_text(decoded), "text/html"
            else:
                text = decoded
                media_type = "text/markdown" if suffix == ".md" else "text/plain"
    except DocumentError:
        raise
    except OSError as error:
        raise DocumentError(f"{path.name}: kan het bestand niet lezen ({error.strerror}).") from error
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    if not text.strip():
        raise DocumentError(f"{path.name}: het document bevat geen tekst.")
    return SourceDocument(
        slug=slugify(path.stem), path=path, title=_title(path, text), text=text, media_type=media_type
    )


def decode_text(raw: bytes, name: str) -> str:
    """Text in UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252; binary is refused."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as error:
            raise DocumentError(f"{name}: ongeldige UTF-16-tekst ({error.reason}); sla het op als UTF-8.") from error
    if b"\x00" in raw[:4096]:
        raise DocumentError(f"{name}: dit is een binair bestand, geen tekst.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError(f"{name}: onbekende tekencodering; sla het op als UTF-8.")


def _read_pdf(path: Path, limits: PdfLimits) -> str:
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PdfReadError

    deadline = time.monotonic() + limits.max_seconds
    try:
        reader = PdfReader(str(path))
        count = _declared_pages(reader)  # read at once; counting the pages walks the whole tree (100 s for 72,000)
        if count <= limits.max_pages:
            count = len(reader.pages)
        if count > limits.max_pages:
            raise DocumentTooLarge(f"{path.name}: {count:,} pagina's; een PDF mag er hoogstens "
                                   f"{limits.max_pages:,} hebben. Splits het document.")
        pages = []
        for number, page in enumerate(reader.pages, start=1):
            if time.monotonic() > deadline:
                raise DocumentTooLarge(f"{path.name}: de tekst lezen duurde langer dan {limits.max_seconds:g} s "
                                       f"(gestopt bij pagina {number}). Splits het document.")
            contents = page.get_contents()  # decoded (and kept) here: extract_text would hide a stream over the limit
            if contents is not None:
                contents.get_data()
            pages.append(page.extract_text() or "")
    except LimitReachedError as error:
        raise DocumentTooLarge(f"{path.name}: een onderdeel van de PDF pakt uit tot meer dan pypdf toestaat "
                               "(mogelijk een zip-bom). Sla de PDF opnieuw op of lever de tekst aan.") from error
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise DocumentError(f"{path.name}: geen leesbare PDF ({type(error).__name__}). Sla de PDF opnieuw op.") from error
    return "\n\n".join(pages)


def _declared_pages(reader) -> int:  # noqa: ANN001 - pypdf's PdfReader, imported lazily
    """The page count the PDF's page tree declares (/Count); 0 when it declares none that makes sense."""
    try:
        count = reader.trailer["/Root"]["/Pages"].get("/Count", 0)
        return int(count) if isinstance(count, int) else 0
    except (KeyError, TypeError, ValueError, AttributeError):
        return 0


# split as Markdown ('#' lines are headings, a blank line ends a paragraph): Markdown, and HTML as read here
MARKDOWN_TYPES = ("text/markdown", "text/html")
HEADING_LEVELS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6, "dt": 4}  # a term of a definition list heads its text
# (a one-word term is a label: "<dt>Financier</dt><dd>Menzis</dd>" reads "Financier: Menzis")


class _TextCollector(HTMLParser):
    """The text of a page without scripts, navigation and the page's footer; the footer of a quote (who said
    it: <blockquote><p>…</p><footer>aldus wethouder …</footer></blockquote>) is text."""

    BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote", "figcaption",
                  "dt", "dd", "dl", "ul", "ol", "table", "header", "main", "aside"}
    SKIP_TAGS = {"script", "style", "nav", "footer", "head"}
    QUOTE_TAGS = {"blockquote", "figure"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.quote_depth = 0
        self.term_at = -1  # where the heading marker of the open <dt> stands in parts
        self.label = False  # the last <dt> was a label ("Partners"): its <dd> goes on the same line

    def _skipped(self, tag: str) -> bool:
        return tag in self.SKIP_TAGS and not (tag == "footer" and self.quote_depth)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.quote_depth += tag in self.QUOTE_TAGS
        if self._skipped(tag):
            self.skip_depth += 1
        elif tag == "dd" and self.label:
            self.label = False  # "<dt>Financier</dt><dd>Menzis</dd>": "Financier: Menzis"
        elif tag in self.BLOCK_TAGS or tag == "footer":
            self.parts.append("\n\n")
            if tag == "dt":
                self.term_at = len(self.parts)
            if tag == "li":
                self.parts.append("- ")
            elif tag in HEADING_LEVELS:  # written as a Markdown heading: the page is split as Markdown
                self.parts.append("#" * HEADING_LEVELS[tag] + " ")
        elif tag in ("td", "th"):  # a table row becomes one line "| cel | cel |", as in Markdown
            self.parts.append("| ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "dt" and self.term_at >= 0 and not self._skipped(tag):
            words = "".join(self.parts[self.term_at + 1:]).split()
            if len(words) == 1 or (len(words) == 2 and words[1].islower()):  # a label, not a name that heads its text
                self.parts[self.term_at] = ""
                self.parts.append(": ")
                self.label = True
                self.term_at = -1
                return
            self.term_at = -1
        if self._skipped(tag):
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in self.BLOCK_TAGS or tag == "footer":
            self.parts.append("\n\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")
        elif tag == "tr":
            self.parts.append("|\n")
        self.quote_depth -= tag in self.QUOTE_TAGS and self.quote_depth > 0

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(re.sub(r"\s+", " ", data))


def _html_to_text(html: str) -> str:
    collector = _TextCollector()
    collector.feed(html)
    text = "".join(collector.parts)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _title(path: Path, text: str) -> str:
    """A readable title: the file name without dashes ('regioplan-gezond-groningen' -> 'Regioplan gezond groningen')."""
    del text
    words = re.sub(r"[-_]+", " ", path.stem).strip()
    return words[:1].upper() + words[1:]
