"""A document uploaded by a coordinator: checked (name, size, type by content), read, its facts
extracted and committed as one write with PROV, then kept in the uploads folder so that every later
build reads it again like a corpus document."""

from __future__ import annotations

import shutil
import time
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import PROV

from graph.errors import Conflict, Rejected, TooLarge, Unsupported
from graph.queries import PREFIX_BLOCK, sparql_literal
from graph.store import Store
from graph.writes import PendingWrite, WriteResult, commit, new_write
from ingest.lexicon import Lexicon
from ingest.pipeline import extraction_version, read_facts
from ingest.sources import SUPPORTED_SUFFIXES, DocumentError, DocumentTooLarge, PdfLimits, read_document, uploads_dir
from ingest.to_rdf import document_iri
from ontology.namespaces import DOC_GRAPH, GG, slugify

MAX_NAME_CHARS = 200  # file systems refuse names over 255 bytes (ENAMETOOLONG)
MAX_DOCUMENT_CHARS = 500_000  # characters of text after reading (about 200 pages; ~25,000 triples, see graph/writes.py)
CHARS_PER_PAGE = 2_500
BINARY_SIGNATURES = {
    b"PK\x03\x04": "een zip-bestand (bijvoorbeeld .docx of .xlsx)",
    b"\x7fELF": "een programma",
    b"MZ": "een programma",
    b"\x89PNG": "een afbeelding (PNG)",
    b"\xff\xd8\xff": "een afbeelding (JPEG)",
    b"GIF8": "een afbeelding (GIF)",
    b"\x1f\x8b": "een gzip-archief",
}


class UploadRejected(Rejected):
    """An upload that is refused; the subclass says why."""


class UploadTooLarge(TooLarge, UploadRejected):
    """Over the size or reading limits."""


class UploadUnsupported(Unsupported, UploadRejected):
    """Not a text, HTML or PDF document, or content that does not match its name."""


class UploadConflict(Conflict, UploadRejected):
    """A document with that name exists and may not be replaced."""


@dataclass(frozen=True)
class PreparedUpload:
    """A checked and read document with its facts, not yet in the store."""

    file_name: str
    slug: str
    raw: bytes
    write: PendingWrite
    passages: int


@dataclass(frozen=True)
class UploadResult:
    write: WriteResult
    file_name: str
    slug: str
    passages: int
    replaced: bool


def safe_file_name(name: str) -> str:
    """A file name that cannot leave the uploads folder: no folders, no hidden files, ASCII slug + a
    supported extension ('../../Verslag Één.TXT' is refused, 'Verslag Één.TXT' -> 'verslag-een.txt')."""
    name = unicodedata.normalize("NFC", name.strip())
    if not name:
        raise UploadRejected("Het bestand heeft geen naam.")
    if len(name) > MAX_NAME_CHARS:
        raise UploadRejected(f"De bestandsnaam is {len(name)} tekens lang; hoogstens {MAX_NAME_CHARS}. Geef het bestand een kortere naam.")
    if "/" in name or "\\" in name or "\x00" in name or name.startswith("."):
        raise UploadRejected(f"Ongeldige bestandsnaam '{name[:80]}': geef alleen een naam, zonder map of '..'.")
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UploadUnsupported(f"Type '{suffix or '(geen extensie)'}' wordt niet ondersteund; gebruik {', '.join(SUPPORTED_SUFFIXES)}.")
    return slugify(Path(name).stem) + suffix


def check_content(file_name: str, raw: bytes, max_bytes: int) -> None:
    """The type is checked by content, not only by extension."""
    if not raw:
        raise UploadRejected(f"{file_name}: het bestand is leeg.")
    if len(raw) > max_bytes:
        raise UploadTooLarge(f"{file_name}: {len(raw):,} bytes; een document mag hoogstens {max_bytes:,} bytes zijn.")
    is_pdf = raw.startswith(b"%PDF-")
    if file_name.endswith(".pdf") != is_pdf:
        found = "een PDF" if is_pdf else "geen PDF"
        raise UploadUnsupported(f"{file_name}: de inhoud is {found}, de naam zegt iets anders. Geef het de juiste extensie.")
    for signature, kind in BINARY_SIGNATURES.items():
        if raw.startswith(signature):
            raise UploadUnsupported(f"{file_name}: dit is {kind}, geen tekst, HTML of PDF.")


def _document_exists(store: Store, slug: str) -> bool:
    return store.ask(PREFIX_BLOCK + f"ASK {{ ?d a gg:Document ; dcterms:identifier {sparql_literal(slug)} }}")


def _refuse_existing(store: Store, folder: Path, file_name: str, slug: str, replace: bool) -> bool:
    """Whether the document replaces an earlier upload; 409 when it exists and may not be replaced."""
    uploaded = (folder / file_name).exists()
    exists = _document_exists(store, slug)
    if exists and not (replace and uploaded):
        raise UploadConflict(f"Er is al een document '{slug}'"
                             + (". Stuur het opnieuw met vervang=true om het te vervangen." if uploaded
                                else " in het corpus. Geef het bestand een andere naam."))
    return exists


def prepare_upload(store: Store, data_dir: Path, lexicon: Lexicon, user: str, name: str, raw: bytes, explanation: str, *,
                   max_bytes: int, max_chars: int = MAX_DOCUMENT_CHARS, replace: bool = False,
                   pdf_limits: PdfLimits = PdfLimits()) -> PreparedUpload:
    """Check the name and content and read the facts (slow, done outside the write lock); a name that is
    taken is refused here already, and again by ``commit_upload``. Limits: ``max_bytes`` of file,
    ``max_chars`` of text, and ``pdf_limits.max_seconds`` for reading the file and its facts together."""
    started = time.monotonic()
    file_name = safe_file_name(name)
    check_content(file_name, raw, max_bytes)
    folder = uploads_dir(data_dir)
    slug = slugify(Path(file_name).stem)
    replaced = _refuse_existing(store, folder, file_name, slug, replace)
    receiving = folder / f".ontvangst-{uuid.uuid4().hex}"  # not read by builds (hidden, no supported suffix)
    receiving.mkdir(parents=True)
    try:
        (receiving / file_name).write_bytes(raw)
        document = read_document(receiving / file_name, pdf_limits)
    except DocumentTooLarge as error:
        raise UploadTooLarge(str(error)) from error
    except DocumentError as error:
        raise UploadRejected(str(error)) from error
    finally:
        shutil.rmtree(receiving, ignore_errors=True)
    if len(document.text) > max_chars:
        raise UploadTooLarge(f"{file_name}: {len(document.text):,} tekens tekst; een document mag hoogstens {max_chars:,} "
                             f"tekens hebben (ongeveer {max_chars // CHARS_PER_PAGE:,} bladzijden). Splits het in delen en stuur die apart.")
    try:
        graph, passages, _ = read_facts(document, lexicon, extraction_version(), started + pdf_limits.max_seconds, store)
    except DocumentTooLarge as error:
        raise UploadTooLarge(str(error)) from error
    write = new_write(user, f"document {'vervangen' if replaced else 'toevoegen'}: {file_name}", explanation)
    write.other_graphs[str(DOC_GRAPH(slug))] = graph
    return PreparedUpload(file_name, slug, raw, write, passages)


def commit_upload(store: Store, data_dir: Path, prepared: PreparedUpload, *, replace: bool = False) -> UploadResult:
    """Commit a prepared document and keep its file for later builds. Run it inside the service's write
    lock: the check whether the name is taken and the commit must not interleave with another upload."""
    folder = uploads_dir(data_dir)
    replaced = _refuse_existing(store, folder, prepared.file_name, prepared.slug, replace)
    write = prepared.write
    document_node = URIRef(document_iri(prepared.slug))
    write.graph.add((write.activity, PROV.generated, document_node))
    write.graph.add((document_node, PROV.wasAttributedTo, write.user_node))
    write.graph.add((document_node, GG.bestandsnaam, Literal(prepared.file_name)))
    result = commit(store, write, str(document_node))
    # committed: keep the file for later builds (a kill before the rename leaves only the graph)
    receiving = folder / f".ontvangst-{uuid.uuid4().hex}"
    try:
        receiving.write_bytes(prepared.raw)
        receiving.replace(folder / prepared.file_name)
    finally:
        receiving.unlink(missing_ok=True)
    return UploadResult(result, prepared.file_name, prepared.slug, prepared.passages, replaced)


def upload_document(store: Store, data_dir: Path, lexicon: Lexicon, user: str, name: str, raw: bytes,
                    explanation: str, *, max_bytes: int, max_chars: int = MAX_DOCUMENT_CHARS, replace: bool = False,
                    pdf_limits: PdfLimits = PdfLimits()) -> UploadResult:
    """Check, read and commit an uploaded document. Only an earlier upload can be replaced."""
    prepared = prepare_upload(store, data_dir, lexicon, user, name, raw, explanation, max_bytes=max_bytes, max_chars=max_chars,
                              replace=replace, pdf_limits=pdf_limits)
    return commit_upload(store, data_dir, prepared, replace=replace)
