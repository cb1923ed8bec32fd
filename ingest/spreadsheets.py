"""Coordinators' spreadsheets in and out: CSV (comma or semicolon, UTF-8 or Windows-1252) and XLSX
(openpyxl, one sheet per table). Rows keep their sheet and row number for error reports."""

from __future__ import annotations

import csv
import io
import time
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils.exceptions import InvalidFileException

from graph.errors import Rejected, TooLarge
from ingest.sources import DocumentError, decode_text

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "organisaties": ("sleutel", "naam", "type"),
    "betrokkenheden": ("programma", "programma_naam", "betrokkene", "betrokkene_naam", "rol"),
}
# a cell starting with these is a formula (or hides one) to a spreadsheet program
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DTD_MARKERS = (b"<!doctype", b"<!entity")  # an XLSX never needs a DTD; entities are how XML bombs and XXE work
ROW_MARKERS = (b"<row ", b"<row>", b"<row/")  # the row elements of a sheet's XML
CELL_MARKERS = (b"<c ", b"<c>", b"<c/")
SCAN_CHUNK = 1 << 20


@dataclass(frozen=True)
class TableLimits:
    """Hard limits for reading one uploaded table; a file over any of them is refused (413), not parsed."""

    max_rows: int = 4_000  # rows per file, empty ones included: at most 7 triples a row, within MAX_WRITE_TRIPLES
    max_columns: int = 30  # columns read per row; further columns are ignored
    max_unzipped_bytes: int = 100_000_000  # XLSX: all zip members together, uncompressed
    max_sheet_bytes: int = 50_000_000  # XLSX: one zip member (a sheet's XML), uncompressed
    max_members: int = 200  # XLSX: files in the zip
    max_seconds: float = 300.0  # reading the rows (a safety net: the row, cell and size limits bound the work)


class SpreadsheetError(Rejected):
    """A file that cannot be read as a table; the message names the file, sheet or line and what to do."""


class SpreadsheetTooLarge(TooLarge, SpreadsheetError):
    """A table over a limit (rows, members, unzipped bytes, parse time)."""


@dataclass(frozen=True)
class Row:
    table: str
    number: int  # the row number the coordinator sees in the spreadsheet (header = 1)
    values: dict[str, str]


def read_table_file(file_name: str, raw: bytes, limits: TableLimits = TableLimits()) -> list[Row]:
    lower = file_name.lower()
    if lower.endswith(".xlsx"):
        return _read_xlsx(file_name, raw, limits)
    if lower.endswith(".csv"):
        return _read_csv(file_name, raw, limits)
    raise SpreadsheetError(f"{file_name}: alleen .csv en .xlsx kunnen worden ingelezen.")


def _table_of(header: list[str], where: str, sheet: str = "") -> str:
    """Which table: the sheet's name, else the header ('type' for organisations, 'rol' for involvements)."""
    if sheet in TABLE_COLUMNS:
        table = sheet
    elif ("type" in header) != ("rol" in header):
        table = "organisaties" if "type" in header else "betrokkenheden"
    else:
        raise SpreadsheetError(
            f"{where}: onbekende tabel. Kolommen voor organisaties: {', '.join(TABLE_COLUMNS['organisaties'])}; "
            f"voor betrokkenheden: {', '.join(TABLE_COLUMNS['betrokkenheden'])}.")
    required = {"naam", "type"} if table == "organisaties" else {"programma", "betrokkene", "rol"}
    missing = sorted(required - set(header))
    if missing:
        raise SpreadsheetError(f"{where}: kolom {', '.join(missing)} ontbreekt (kolommen: {', '.join(TABLE_COLUMNS[table])}).")
    return table


def _clean(cell: object) -> str:
    text = "" if cell is None else str(cell).strip()
    if text.startswith("'") and text[1:2] in FORMULA_STARTS:  # written so by export_table
        text = text[1:]
    return text


def _rows(table: str, header: list[str], body: Iterable[tuple[int, Sequence[object]]]) -> list[Row]:
    rows = []
    for number, cells in body:
        values = {column: _clean(cell) for column, cell in zip(header, cells) if column}
        if any(values.values()):
            rows.append(Row(table, number, values))
    return rows


def _bounded(where: str, lines: Iterable[Sequence[object]], limits: TableLimits, deadline: float) -> Iterator[tuple[int, Sequence[object]]]:
    """Number the lines from 2 (after the header), refusing more rows than the limit or a read past the deadline."""
    for number, cells in enumerate(lines, start=2):
        if number > limits.max_rows + 1:
            raise SpreadsheetTooLarge(f"{where}: meer dan {limits.max_rows:,} rijen (lege rijen tellen mee). "
                                   f"Splits de tabel in delen van hoogstens {limits.max_rows:,} rijen en lees ze na elkaar in.")
        if number % 1000 == 0 and time.monotonic() > deadline:
            raise SpreadsheetTooLarge(f"{where}: inlezen duurde langer dan {limits.max_seconds:g} s en is gestopt. "
                                   "Splits de tabel in kleinere bestanden.")
        yield number, cells[:limits.max_columns]


def _read_csv(file_name: str, raw: bytes, limits: TableLimits) -> list[Row]:
    try:
        text = decode_text(raw, file_name)
    except DocumentError as error:
        raise SpreadsheetError(f"{error} Sla de tabel op als CSV (UTF-8) of XLSX.") from error
    if not text.strip():
        raise SpreadsheetError(f"{file_name}: het bestand is leeg.")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    lines = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [cell.strip().lower() for cell in next(lines)[:limits.max_columns]]
        table = _table_of(header, f"{file_name}, regel 1")
        return _rows(table, header, _bounded(file_name, lines, limits, time.monotonic() + limits.max_seconds))
    except csv.Error as error:
        raise SpreadsheetError(f"{file_name}: geen geldige CSV, regel {lines.line_num} ({error}).") from error


def _check_zip(file_name: str, raw: bytes, limits: TableLimits) -> None:
    """Refuse a zip bomb before openpyxl opens it: the sizes the zip declares bound what can be unpacked
    (zipfile never returns more than a member's declared size), and no member may carry a DTD."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError) as error:
        raise SpreadsheetError(f"{file_name}: geen leesbaar XLSX-bestand (geen zip: {error}). Sla het op als .xlsx.") from error
    with archive:
        members = archive.infolist()
        if len(members) > limits.max_members:
            raise SpreadsheetTooLarge(f"{file_name}: {len(members):,} onderdelen in het XLSX-bestand; hoogstens {limits.max_members}.")
        total = sum(member.file_size for member in members)
        largest = max(members, key=lambda member: member.file_size, default=None)
        if largest is not None and largest.file_size > limits.max_sheet_bytes:
            raise SpreadsheetTooLarge(f"{file_name}: onderdeel '{largest.filename}' is uitgepakt {largest.file_size:,} bytes; "
                                   f"hoogstens {limits.max_sheet_bytes:,}. Splits de tabel in kleinere bestanden.")
        if total > limits.max_unzipped_bytes:
            raise SpreadsheetTooLarge(f"{file_name}: uitgepakt {total:,} bytes; hoogstens {limits.max_unzipped_bytes:,}. "
                                   "Splits de tabel in kleinere bestanden.")
        for member in members:
            if member.filename.lower().endswith((".xml", ".rels", ".vml")):
                _check_no_dtd(file_name, archive, member, limits)


def _check_no_dtd(file_name: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: TableLimits) -> None:
    """No DTD, and no more row or cell elements than the limits allow (counted at C speed: openpyxl reads a
    whole sheet without a <dimension> once before the first row, so a sheet of empty rows must stop here)."""
    tails = {marker: b"" for marker in (*DTD_MARKERS, *ROW_MARKERS, *CELL_MARKERS)}
    counts = dict.fromkeys(tails, 0)
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(SCAN_CHUNK):
                lower = chunk.lower()
                for marker, tail in tails.items():
                    counts[marker] += (tail + lower).count(marker)
                    tails[marker] = lower[-(len(marker) - 1):]
                if any(counts[marker] for marker in DTD_MARKERS):
                    raise SpreadsheetError(f"{file_name}: onderdeel '{member.filename}' bevat een DTD of entiteiten "
                                           "(kan een XML-bom zijn); een gewoon XLSX-bestand heeft die niet. Sla het opnieuw op.")
                rows = sum(counts[marker] for marker in ROW_MARKERS)
                cells = sum(counts[marker] for marker in CELL_MARKERS)
                if rows > limits.max_rows + 1 or cells > (limits.max_rows + 1) * limits.max_columns:
                    raise SpreadsheetTooLarge(f"{file_name}, onderdeel '{member.filename}': meer dan {limits.max_rows:,} rijen of "
                                           f"{(limits.max_rows + 1) * limits.max_columns:,} cellen (lege tellen mee). "
                                           f"Splits de tabel in delen van hoogstens {limits.max_rows:,} rijen en lees ze na elkaar in.")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError) as error:
        raise SpreadsheetError(f"{file_name}: onderdeel '{member.filename}' is beschadigd ({type(error).__name__}).") from error


def _read_xlsx(file_name: str, raw: bytes, limits: TableLimits) -> list[Row]:
    _check_zip(file_name, raw, limits)
    deadline = time.monotonic() + limits.max_seconds
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, ParseError, TypeError) as error:
        raise SpreadsheetError(f"{file_name}: geen leesbaar XLSX-bestand ({error}).") from error
    rows: list[Row] = []
    try:
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()  # the declared size may be a lie: read only the rows that are there
            where = f"{file_name}, blad '{sheet.title}'"
            lines = sheet.iter_rows(max_col=limits.max_columns, values_only=True)
            first = next(lines, None)
            if not first or not any(first):
                continue
            header = [_clean(cell).lower() for cell in first]
            table = _table_of(header, f"{where}, rij 1", sheet.title.strip().lower())
            rows += _rows(table, header, _bounded(where, lines, limits, deadline))
            if len(rows) > limits.max_rows:
                raise SpreadsheetTooLarge(f"{file_name}: meer dan {limits.max_rows:,} rijen in alle bladen samen. "
                                          f"Splits de tabel in delen van hoogstens {limits.max_rows:,} rijen en lees ze na elkaar in.")
    except (ParseError, ValueError, KeyError, TypeError, zipfile.BadZipFile, OSError, EOFError) as error:
        raise SpreadsheetError(f"{file_name}: een blad is niet leesbaar ({error}). Sla het bestand opnieuw op als .xlsx.") from error
    finally:
        workbook.close()
    if not rows:
        raise SpreadsheetError(f"{file_name}: er staan geen rijen in.")
    return rows


def safe_cell(value: object) -> object:
    """Keep a spreadsheet program from running text as a formula (CSV injection); drop the control
    characters a worksheet cannot hold. Numbers and booleans stay as they are."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_text(columns: Sequence[str], records: Iterable[Mapping[str, object]], delimiter: str = ",") -> str:
    """Every CSV the project serves: a header and the records, each text cell made safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([safe_cell(record.get(column, "")) for column in columns])
    return buffer.getvalue()


def write_csv(table: str, records: list[dict[str, str]]) -> bytes:
    return csv_text(TABLE_COLUMNS[table], records, ";").encode("utf-8-sig")  # with BOM: Excel opens it as UTF-8


def write_xlsx(tables: dict[str, list[dict[str, str]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the empty sheet a new workbook starts with
    for table, records in tables.items():
        sheet = workbook.create_sheet(table)
        sheet.append(list(TABLE_COLUMNS[table]))
        for record in records:
            sheet.append([safe_cell(record.get(column, "")) for column in TABLE_COLUMNS[table]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
