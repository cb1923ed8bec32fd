"""One error model: every refusal of the core is a KgError of one kind, and service/errors.py maps the
kinds to an HTTP status in one table (no status inside the core)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from graph.errors import Conflict, Forbidden, Invalid, KgError, NotFound, Rejected, TooLarge, Unavailable, Unsupported
from graph.factory import open_store
from graph.sparql_scan import QueryRefused, check_public_query
from graph.store import StoreError, StoreUnavailable
from graph.writes import WriteRejected
from ingest.spreadsheets import SpreadsheetTooLarge
from ingest.upload import UploadConflict, UploadRejected, UploadTooLarge, UploadUnsupported
from search.engine import SearchError, SearchUnavailable
from service.errors import STATUSES, status_of
from service.query_runner import QueryTimeout, QueryTooHeavy, TooManyQueries


@pytest.mark.parametrize(("error", "status"), [
    (NotFound("x"), 404), (Invalid("x"), 400), (Rejected("x"), 422), (Unsupported("x"), 415), (TooLarge("x"), 413),
    (Conflict("x"), 409), (Forbidden("x"), 403), (Unavailable("x"), 503),
    (StoreError("x"), 400), (StoreUnavailable("x"), 503), (SearchError("x"), 400), (SearchUnavailable("x"), 503),
    (UploadRejected("x"), 422), (UploadTooLarge("x"), 413), (UploadUnsupported("x"), 415), (UploadConflict("x"), 409),
    (SpreadsheetTooLarge("x"), 413), (WriteRejected("x"), 422), (QueryTimeout("x"), 503),
    (QueryTooHeavy("x"), 422), (TooManyQueries("x"), 429),
])
def test_each_kind_has_one_status(error, status):
    assert status_of(error)[0] == status


def test_messages_keep_their_context():
    assert status_of(StoreError("kapot"))[1] == "De invoer kon niet worden verwerkt: kapot"
    assert status_of(StoreUnavailable("weg"))[1] == "weg"
    assert status_of(WriteRejected("fout", "shape", "naam"))[1] == "fout [vorm: shape; veld: naam]"
    assert all(issubclass(kind, KgError) for kind in STATUSES)


def test_updates_are_forbidden_and_other_refusals_invalid():
    with pytest.raises(QueryRefused) as update:
        check_public_query("INSERT DATA { <a:b> <a:c> <a:d> }")
    with pytest.raises(QueryRefused) as federated:
        check_public_query("SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }")
    assert status_of(update.value)[0] == 403 and status_of(federated.value)[0] == 400


def test_an_unreachable_store_server_is_unavailable_not_a_bad_request():
    with socket.socket() as probe:  # a free loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(StoreUnavailable) as refused:
        open_store(Path("."), store_url=f"oxigraph+http://127.0.0.1:{port}", read_only=True)
    assert status_of(refused.value) == (503, str(refused.value)) and "niet bereikbaar" in str(refused.value)
