"""Choose and open a store backend from a location string."""

from __future__ import annotations

from pathlib import Path

from graph.store import Store, StoreError

SERVER_HELP = (
    "Leeg = ingebouwde Oxigraph-store in de datamap; of een SPARQL 1.1-server: oxigraph+http://127.0.0.1:7878 "
    "(scripts/servers/oxigraph) of virtuoso+http://127.0.0.1:8890 (scripts/servers/virtuoso)."
)


def open_store(data_dir: Path, *, store_url: str = "", read_only: bool = False, server_dir: Path | None = None) -> Store:
    """The store for ``store_url``: empty means the embedded Oxigraph store under ``data_dir/store``;
    ``<server>+http://host:port`` a SPARQL 1.1 server (see graph/sparql_dialects.py). ``server_dir``:
    the data directory of a server started by scripts/servers (its bulk loads use its own loader)."""
    if not store_url or store_url == "embedded":
        from graph.oxigraph_store import OxigraphStore

        if server_dir is not None:
            raise StoreError("Een servermap (--server-dir) hoort bij een SPARQL-server; geef ook --store <server>+http://host:poort.")
        return OxigraphStore(data_dir / "store", read_only=read_only)
    from graph.sparql_dialects import is_server_location, parse_location

    if not is_server_location(store_url):
        raise StoreError(f"Onbekende store '{store_url}'. {SERVER_HELP}")
    from graph.sparql_store import SparqlStore
    from ontology.namespaces import GRAPH_NAMESPACE

    return SparqlStore(parse_location(store_url), GRAPH_NAMESPACE, read_only=read_only, server_dir=server_dir)
