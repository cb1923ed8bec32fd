"""Choose and open a store backend from a location string."""

from __future__ import annotations

from pathlib import Path

from graph.store import Store, StoreError


def open_store(data_dir: Path, *, store_url: str = "", read_only: bool = False) -> Store:
    """The store for ``store_url``; empty means the embedded Oxigraph store under ``data_dir/store``."""
    if not store_url or store_url == "embedded":
        from graph.oxigraph_store import OxigraphStore

        return OxigraphStore(data_dir / "store", read_only=read_only)
    raise StoreError(
        f"Onbekende store '{store_url}'. Laat --store leeg voor de ingebouwde store (Oxigraph op schijf)."
    )
