"""The W3C SPARQL 1.1 Protocol query tests (tests/fixtures/w3c-protocol/manifest.ttl) against /sparql,
adapted to the read-only service: the test graphs become graphs the built store has, update tests expect
a refusal. Every test of the manifest runs; none is skipped."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import pytest
from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF

from graph.store import Store
from ontology.namespaces import GGID, GRAPH_NAMESPACE, ONTOLOGY_GRAPH

MANIFEST = Path(__file__).resolve().parent / "fixtures" / "w3c-protocol" / "manifest.ttl"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
KASEI = re.compile(r"http://kasei\.us/2009/09/sparql/data/data(\d)\.rdf")
GRAPH_PARAMETERS = ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri")
FORMATS = {
    "boolean": ("application/sparql-results+json", "application/sparql-results+xml"),
    "tabular": ("application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"),
    "RDF": ("text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"),
}


@dataclass(frozen=True)
class ProtocolRequest:
    method: str
    path: str  # after /sparql/, with its query string
    headers: dict[str, str]
    body: str | None
    encoding: str
    statuses: set[int]  # allowed status classes (2, 3, 4)
    boolean: bool | None
    format: str | None


def _requests(manifest: Graph, test) -> list[ProtocolRequest]:
    found = []
    for node in Collection(manifest, manifest.value(manifest.value(test, MF.action), HT.requests)):
        body = manifest.value(node, HT.body)
        header_list = manifest.value(node, HT.headers)
        headers = {str(manifest.value(h, HT.fieldName)): str(manifest.value(h, HT.fieldValue))
                   for h in (Collection(manifest, header_list) if header_list else [])}
        response = manifest.value(node, HT.resp)
        expected_boolean = manifest.value(response, MF.expectedBoolean)
        expected_format = manifest.value(response, MF.expectedFormat)
        found.append(ProtocolRequest(
            str(manifest.value(node, HT.methodName)), str(manifest.value(node, HT.absolutePath)), headers,
            None if body is None else str(manifest.value(body, CNT.chars)),
            "utf-8" if body is None else str(manifest.value(body, CNT.characterEncoding)).lower(),
            {int(str(status)[-3]) for status in manifest.objects(response, MF.expectedStatus)},
            None if expected_boolean is None else expected_boolean.toPython(),
            None if expected_format is None else str(expected_format)))
    return found


def manifest_tests() -> list[tuple[str, list[ProtocolRequest]]]:
    manifest = Graph().parse(MANIFEST, format="turtle")
    entries = Collection(manifest, manifest.value(next(manifest.subjects(RDF.type, MF.Manifest)), MF.entries))
    return [(str(test).rsplit("#", 1)[1], _requests(manifest, test)) for test in entries]


TESTS = manifest_tests()


@pytest.fixture(scope="module")
def test_graphs(kg: Store) -> list[str]:
    """data0 → the ontology graph, data1–3 → the first three document graphs."""
    documents = [name for name in kg.graph_names() if name.startswith(GRAPH_NAMESPACE + "document/")][:3]
    assert len(documents) == 3
    return [str(ONTOLOGY_GRAPH), *documents]


def _subject(graph: str) -> str:
    """The IRI typed in a test graph: the document of a document graph."""
    return str(GGID) + graph[len(GRAPH_NAMESPACE):]


def adapt_query(text: str, graphs: list[str]) -> str:
    text = re.sub(r"(FROM(?:\s+NAMED)?\s*<)" + KASEI.pattern + ">", lambda m: f"{m.group(1)}{graphs[int(m.group(2))]}>", text)
    return KASEI.sub(lambda m: _subject(graphs[int(m.group(1))]), text)


def adapt_pairs(pairs: list[tuple[str, str]], graphs: list[str]) -> list[tuple[str, str]]:
    def adapt(key: str, value: str) -> str:
        if key in GRAPH_PARAMETERS:
            return KASEI.sub(lambda m: graphs[int(m.group(1))], value)
        return adapt_query(value, graphs) if key in ("query", "update") else value
    return [(key, adapt(key, value)) for key, value in pairs]


def send(client, request: ProtocolRequest, graphs: list[str]):
    path, _, query_string = request.path.partition("?")
    assert path == "/sparql/"
    url = "/sparql?" + urlencode(adapt_pairs(parse_qsl(query_string, keep_blank_values=True), graphs))
    body = request.body
    if body is not None:
        if request.headers.get("content-type") == "application/x-www-form-urlencoded":
            body = urlencode(adapt_pairs(parse_qsl(body, keep_blank_values=True), graphs))
        else:
            body = adapt_query(body, graphs)
    content = None if body is None else body.encode(request.encoding)
    return client.request(request.method, url, headers=request.headers, content=content)


def is_update(request: ProtocolRequest) -> bool:
    return ("update=" in request.path or "update=" in (request.body or "")
            or request.headers.get("content-type", "").startswith("application/sparql-update"))


def check(response, request: ProtocolRequest, update_test: bool) -> None:
    """An update test's updates are refused (4xx) and its queries answered (2xx) without the update's
    effect, so their expected answers do not apply; every other request as the suite expects."""
    statuses = {4} if update_test and is_update(request) else request.statuses
    assert response.status_code // 100 in statuses, (response.status_code, response.text[:300])
    if update_test or response.status_code >= 300:
        return
    media = response.headers["content-type"].split(";")[0]
    if request.format:
        assert media in FORMATS[request.format]
    if request.boolean is not None:
        if media == "application/sparql-results+json":
            assert json.loads(response.content)["boolean"] is request.boolean
        else:
            assert f"<boolean>{str(request.boolean).lower()}</boolean>" in response.text


@pytest.mark.parametrize(("name", "requests"), TESTS, ids=[name for name, _ in TESTS])
def test_w3c_protocol(client, test_graphs: list[str], name: str, requests: list[ProtocolRequest]) -> None:
    for request in requests:
        check(send(client, request, test_graphs), request, update_test=name.startswith("update_"))


def test_manifest_is_complete() -> None:
    """All 34 tests of the suite run: 13 query, 7 update (refused here) and 14 bad-request tests."""
    names = [name for name, _ in TESTS]
    assert len(names) == 34
    assert sum(name.startswith("query_") for name in names) == 13
    assert sum(name.startswith("update_") for name in names) == 7
    assert all(any(is_update(request) for request in requests) for name, requests in TESTS if name.startswith("update_"))
