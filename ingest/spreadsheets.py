"""Coordinators' spreadsheets in and out: CSV (comma or semicolon, UTF-8 or Windows-1252) and XLSX
(openpyxl, one sheet per table). Rows keep their sheet and row number for error reports."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils.exceptions import InvalidFileException

from ingest.sources import DocumentError, decode_text

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "organisaties": ("sleutel", "naam", "type"),
    "betrokkenheden": ("programma", "programma_naam", "betrokkene", "betrokkene_naam", "rol"),
}
FORMULA_STARTS = ("=", "+", "-", "@")  # a cell starting with these is a formula to a spreadsheet program


class SpreadsheetError(Exception):
    """A file that cannot be read as a table; the message names the file, sheet or line and what to do."""


@dataclass(frozen=True)
class Row:
    table: str
    number: int  # the row number the coordinator sees in the spreadsheet (header = 1)
    values: dict[str, str]


def read_table_file(file_name: str, raw: bytes) -> list[Row]:
    lower = file_name.lower()
    if lower.endswith(".xlsx"):
        return _read_xlsx(file_name, raw)
    if lower.endswith(".csv"):
        return _read_csv(file_name, raw)
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


def _rows(table: str, header: list[str], body: list[tuple[int, list[object]]]) -> list[Row]:
    rows = []
    for number, cells in body:
        values = {column: _clean(cell) for column, cell in zip(header, cells) if column}
        if any(values.values()):
            rows.append(Row(table, number, values))
    return rows


def _read_csv(file_name: str, raw: bytes) -> list[Row]:
    try:
        text = decode_text(raw, file_name)
    except DocumentError as error:
        raise SpreadsheetError(f"{error} Sla de tabel op als CSV (UTF-8) of XLSX.") from error
    if not text.strip():
        raise SpreadsheetError(f"{file_name}: het bestand is leeg.")
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        lines = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as error:
        raise SpreadsheetError(f"{file_name}: geen geldige CSV ({error}).") from error
    header = [cell.strip().lower() for cell in lines[0]]
    table = _table_of(header, f"{file_name}, regel 1")
    return _rows(table, header, [(number, list(cells)) for number, cells in enumerate(lines[1:], start=2)])


def _read_xlsx(file_name: str, raw: bytes) -> list[Row]:
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise SpreadsheetError(f"{file_name}: geen leesbaar XLSX-bestand ({error}).") from error
    rows: list[Row] = []
    for sheet in workbook.worksheets:
        lines = list(sheet.iter_rows(values_only=True))
        if not lines or not any(lines[0]):
            continue
        header = [_clean(cell).lower() for cell in lines[0]]
        table = _table_of(header, f"{file_name}, blad '{sheet.title}', rij 1", sheet.title.strip().lower())
        rows += _rows(table, header, [(number, list(cells)) for number, cells in enumerate(lines[1:], start=2)])
    workbook.close()
    if not rows:
        raise SpreadsheetError(f"{file_name}: er staan geen rijen in.")
    return rows


def safe_cell(value: str) -> str:
    """Keep a spreadsheet program from running a name as a formula (CSV injection); drop the control
    characters a worksheet cannot hold."""
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def write_csv(table: str, records: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(TABLE_COLUMNS[table])
    for record in records:
        writer.writerow([safe_cell(record.get(column, "")) for column in TABLE_COLUMNS[table]])
    return buffer.getvalue().encode("utf-8-sig")  # with BOM: Excel opens it as UTF-8


def write_xlsx(tables: dict[str, list[dict[str, str]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table, records in tables.items():
        sheet = workbook.create_sheet(table)
        sheet.append(list(TABLE_COLUMNS[table]))
        for record in records:
            sheet.append([safe_cell(record.get(column, "")) for column in TABLE_COLUMNS[table]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
