"""The SPARQL 1.1 semantics of /sparql on both SPARQL servers (Oxigraph server, Virtuoso), as on the
embedded store: the W3C protocol tests, a set as default graph, FROM and the protocol's graphs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from graph.store import Store
from ontology.namespaces import GRAPH_NAMESPACE, ONTOLOGY_GRAPH
from service.app import create_app
from service.settings import Settings
from tests.test_backends import server, server_kg  # noqa: F401 - the servers and their built graphs
from tests.test_standards_protocol import TESTS, ProtocolRequest, check, send
from tests.test_standards_sparql import _count, _select


@pytest.fixture(scope="session")
def server_client(server_kg: Store, server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:  # noqa: F811
    with TestClient(create_app(Settings(data_dir=tmp_path_factory.mktemp("dienst"), store=server))) as client:
        yield client


@pytest.mark.parametrize(("name", "requests"), TESTS, ids=[name for name, _ in TESTS])
def test_w3c_protocol_on_servers(server_client: TestClient, server_kg: Store, name: str,  # noqa: F811
                                 requests: list[ProtocolRequest]) -> None:
    documents = [g for g in server_kg.graph_names() if g.startswith(GRAPH_NAMESPACE + "document/")][:3]
    for request in requests:
        check(send(server_client, request, [str(ONTOLOGY_GRAPH), *documents]), request, update_test=name.startswith("update_"))


def test_dataset_semantics_on_servers(server_client: TestClient, server_kg: Store, kg: Store) -> None:  # noqa: F811
    assert _count(server_client, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == kg.triple_count()
    first = next(g for g in server_kg.graph_names() if g.startswith(GRAPH_NAMESPACE + "document/"))
    in_first = _count(server_client, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{first}> {{ ?s ?p ?o }} }}")
    assert 0 < in_first < kg.triple_count()
    assert _count(server_client, f"SELECT (COUNT(*) AS ?n) FROM <{first}> WHERE {{ ?s ?p ?o }}") == in_first
    assert _count(server_client, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", **{"default-graph-uri": first}) == in_first
    names = _select(server_client, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", **{"named-graph-uri": first})
    assert [row["g"]["value"] for row in names] == [first]
    rows = _select(server_client, "SELECT ?x WHERE { BIND(<id/organisatie/ggd-groningen> AS ?x) }")
    assert rows[0]["x"]["value"] == "http://testserver/id/organisatie/ggd-groningen"
