"""Issue 11, the store and the query path under attack: update injection through a write, SERVICE
(SSRF), quadratic query inspection, the pool of query workers, writes during a query and deep nesting.
Each test replays a finding with a small input on the same path."""

from __future__ import annotations

import http.server
import logging
import socketserver
import threading
import time
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from graph.oxigraph_store import OxigraphStore
from graph.sparql_scan import MAX_DEPTH, QueryRefused, check_public_query, scan
from graph.terms import InvalidTerm
from ontology.namespaces import DERIVED_GRAPH
from search.analyses import ANALYSES_GRAPH
from service.query_runner import IsolatedQueryRunner, QueryCancelled, QueryFailed, QueryTimeout, QueryTooHeavy, TooManyQueries
from tests.conftest import KG, TOKEN

# what an attacker puts in an IRI, a datatype or a language tag to end the term and add SPARQL
BREAKOUTS = ["> } } ; DROP ALL ; INSERT DATA { GRAPH <http://evil> { <http://a> <http://b> <http://c", "> . <http://x> <http://y> <http://z",
             "{" * 200, "\" ; LOAD <http://127.0.0.1:1/> ; #", "\n", " ", "\\", "^^", "@", "\x00", "\ud800"]
hostile_text = st.one_of(st.sampled_from(BREAKOUTS), st.text(max_size=40),
                         st.lists(st.sampled_from(BREAKOUTS + ["a", "/", ":", "#", "%41", "%zz"]), max_size=6).map("".join))
hostile_iri = st.one_of(hostile_text, hostile_text.map(lambda text: KG + "organisatie/" + text))
sendable = hostile_text.map(lambda text: text.encode("utf-8", "replace").decode("utf-8"))  # HTTP carries no lone surrogates
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(autouse=True, scope="module")
def quiet_rdflib_term_warnings():
    """rdflib logs every hostile IRI it is handed; a lone surrogate in such a log line cannot be sent
    from a pytest-xdist worker to the controller, so these warnings are not captured here."""
    logger = logging.getLogger("rdflib.term")
    level, logger.level = logger.level, logging.ERROR
    yield
    logger.setLevel(level)


def nquad_lines(nquads: bytes) -> list[str]:
    """The lines of an N-Quads dump: split on LF only (a literal may hold U+0085 or U+2028, which N-Quads
    leaves unescaped and str.splitlines would split on)."""
    return [line for line in nquads.decode("utf-8").split("\n") if line]


def quads_outside(store, graphs: set[str]) -> set[str]:
    """Every quad of the store outside ``graphs``, as N-Quads lines."""
    return {line for line in nquad_lines(store.nquads()) if not any(f"<{graph}> ." in line for graph in graphs)}


# -- 1. update injection through a write ----------------------------------------------------------

@given(subject=hostile_iri, predicate=hostile_iri, datatype=hostile_iri, language=hostile_text, value=hostile_text)
@settings(max_examples=150, deadline=None)
def test_a_transaction_changes_only_its_own_graph_whatever_the_terms(subject, predicate, datatype, language, value):
    store = OxigraphStore(None)
    keep = Graph()
    keep.add((URIRef(KG + "organisatie/menzis"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Menzis", lang="nl")))
    store.transact({KG.replace("/id/", "/graph/") + "document/a": keep})
    before = store.nquads()
    target = KG.replace("/id/", "/graph/") + "invoer/x"
    data = Graph()
    for obj in (Literal(value, datatype=URIRef(datatype)), Literal(value, lang=language) if _valid_rdflib_lang(language) else Literal(value),
                URIRef(subject)):
        data.add((URIRef(subject), URIRef(predicate), obj))
    try:
        store.transact({target: data})
    except InvalidTerm:
        assert store.nquads() == before  # refused: nothing changed
        return
    assert quads_outside(store, {target}) == set(nquad_lines(before))
    assert store.graph_names() == sorted({target, KG.replace("/id/", "/graph/") + "document/a"})
    assert len(store.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{target}> {{ ?s ?p ?o }} }}")) == len(data)


def _valid_rdflib_lang(language: str) -> bool:
    try:
        Literal("x", lang=language)
        return True
    except ValueError:
        return False


def test_the_reported_injection_through_a_datatype_is_refused_and_changes_nothing(writable):
    client, app, _ = writable
    before = app.state.store.nquads()
    payload = "http://a> } } ; DROP ALL ; INSERT DATA { GRAPH <http://g> { <http://a> <http://b> <http://c"
    escaped = "".join(char if char.isalnum() or char in ":/." else f"\\u{ord(char):04X}" for char in payload)
    turtle = f'<{KG}organisatie/menzis> <http://www.w3.org/2004/02/skos/core#altLabel> "x"^^<{escaped}> .'
    refused = client.post("/api/triples", params={"toelichting": "x"}, content=turtle, headers={**TOKEN, "Content-Type": "text/turtle"})
    assert refused.status_code == 422 and "Geen geldige IRI" in refused.json()["fout"], refused.text
    crafted_subject = f'<{KG}organisatie/x\\u003E\\u0020{"{" * 50}> <http://www.w3.org/2000/01/rdf-schema#label> "x" .'
    refused = client.post("/api/triples", params={"toelichting": "x"}, content=crafted_subject.replace("{", "\\u007B"),
                          headers={**TOKEN, "Content-Type": "text/turtle"})
    assert refused.status_code == 422, refused.text
    assert app.state.store.nquads() == before


@given(subject=sendable, datatype=st.one_of(sendable, sendable.map(lambda text: KG + text)), language=sendable, value=sendable)
@settings(max_examples=12, deadline=None, phases=[Phase.explicit, Phase.generate], suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_write_path_changes_only_its_own_graph_or_nothing(writable, subject, datatype, language, value):
    client, app, _ = writable
    store = app.state.store
    turtle_value = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    escaped = "".join(char if char.isalnum() else f"\\U{ord(char):08X}" for char in subject)  # any code point reaches the parser
    datatype_escaped = "".join(f"\\U{ord(char):08X}" for char in datatype)
    requests = [
        ("post", "/api/triples", {"params": {"toelichting": "x"}, "headers": {**TOKEN, "Content-Type": "text/turtle"},
                                  "content": (f'<{KG}organisatie/{escaped}> <http://www.w3.org/2004/02/skos/core#altLabel> '
                                              f'"{turtle_value}"^^<{datatype_escaped}> , '
                                              f'"{turtle_value}"@{language or "nl"} .').encode()}),
        ("post", "/api/organisaties", {"headers": TOKEN, "json": {"naam": value or "x", "type": "welzijn", "toelichting": subject or "x"}}),
        ("post", "/api/betrokkenheden", {"headers": TOKEN, "json": {"programma": KG + "programma/vitaal-groningen" + subject,
                                                                    "betrokkene": datatype, "rol": "partner", "toelichting": "x"}}),
        ("post", "/api/import", {"headers": TOKEN, "data": {"toelichting": "x", "proefdraai": "false"},
                                 "files": {"bestand": ("lijst.csv", _csv(subject, value, datatype))}}),
    ]
    for method, path, arguments in requests:
        before = nquad_lines(store.nquads())
        graphs_before = set(store.graph_names())
        response = getattr(client, method)(path, **arguments)
        assert response.status_code < 500, (path, response.text)
        new_graphs = set(store.graph_names()) - graphs_before
        if response.status_code >= 400 or response.json().get("invoer", True) is None:
            assert not new_graphs, (path, response.text)
        # whatever happened, the graphs that were there keep their quads (the derived graphs are recomputed)
        derived = {str(DERIVED_GRAPH), ANALYSES_GRAPH}
        assert quads_outside(store, new_graphs | derived) == set(before) - {
            line for line in before if any(f"<{graph}> ." in line for graph in derived)}, (path, response.text)


def _csv(key: str, name: str, agent: str) -> bytes:
    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    rows = ["sleutel,naam,type", f"{cell('zz-nieuw-' + key)},{cell(name or 'x')},welzijn"]  # a new key: no correction
    return "\n".join(rows).encode("utf-8", "replace")


# -- 2. SERVICE and other federation ---------------------------------------------------------------

@pytest.fixture()
def listener() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server that records every request (the target of an SSRF)."""
    hits: list[str] = []

    class Record(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args: object) -> None:
            pass

    server = socketserver.TCPServer(("127.0.0.1", 0), Record)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", hits
    server.shutdown()
    server.server_close()


def service_variants(url: str) -> list[str]:
    return [f"SELECT * WHERE {{ SERVICE <{url}a> {{ ?s ?p ?o }} }}",
            f"select * where {{ ?s ?p ?o . sErViCe SILENT <{url}b> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ ?s ?p 1SERVICE <{url}c> {{ ?s ?p ?o }} }}",  # Oxigraph reads 1 SERVICE
            f"SELECT * WHERE {{ ?s ?p ?o.SERVICE<{url}d>{{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ BIND(<{url}e> AS ?a) FILTER(?a<?b).SERVICE?a#>\n{{ ?s ?p ?o }} }}",  # '<' is 'less than' here
            f'DEFINE get:soft "replace" SELECT * FROM <{url}f> WHERE {{ ?s ?p ?o }}']


def test_service_is_refused_before_the_query_runs(client, listener):
    url, hits = listener
    for query in service_variants(url):
        response = client.get("/sparql", params={"query": query})
        assert response.status_code == 400 and ("niet toegestaan" in response.json()["fout"]
                                                 or "Dubbelzinnige IRI" in response.json()["fout"]), (query, response.text)
    assert hits == []
    # the word in a string, a comment, a variable or a prefixed name is no federation
    for query in ('SELECT ?service WHERE { ?service ?p "SERVICE <x> {}" } # SERVICE', "ASK { ?s ex:service ?o }"):
        assert check_public_query(query).federation == ""


def test_the_command_line_refuses_service_too(built, listener):
    from typer.testing import CliRunner

    from service.cli import app

    url, hits = listener
    result = CliRunner().invoke(app, ["sparql", service_variants(url)[0], "--data-dir", str(built[2])])
    assert result.exit_code != 0 and "Federatie" in result.output
    assert hits == []


def test_a_query_worker_has_no_network(built, listener):
    """Even a SERVICE query that reached the worker (past the check) cannot make a request."""
    url, hits = listener
    runner = IsolatedQueryRunner(built[2], timeout_seconds=30, workers=1)
    try:
        with pytest.raises(QueryFailed):
            runner.run(service_variants(url)[0], "application/sparql-results+json")
        if not runner._workers[0].isolated:
            pytest.skip("this platform cannot give a process its own network namespace")
        assert hits == []
    finally:
        runner.stop()


# -- 4. linear-time inspection, off the event loop ---------------------------------------------------

def test_a_hostile_prologue_is_answered_with_400(client):
    response = client.get("/sparql", params={"query": "PREFIX a:" + "<" * 19_990})
    assert response.status_code == 400
    unclosed = client.get("/sparql", params={"query": 'SELECT * WHERE { ?s ?p "open'})
    assert unclosed.status_code == 400 and "niet gesloten" in unclosed.json()["fout"]


def test_the_inspection_does_not_block_the_event_loop(client, monkeypatch):
    import service.sparql

    inspecting, release = threading.Event(), threading.Event()

    def slow_check(query: str):
        inspecting.set()
        release.wait(30)
        return check_public_query(query)

    monkeypatch.setattr(service.sparql, "check_public_query", slow_check)
    answers: list[int] = []
    query = threading.Thread(target=lambda: answers.append(client.get("/sparql", params={"query": "ASK {}"}).status_code))
    query.start()
    assert inspecting.wait(30)
    assert client.get("/healthz").status_code == 200  # answered while the inspection still runs
    release.set()
    query.join(30)
    assert answers == [200]


def test_the_scan_reads_kind_prefixes_and_depth():
    found = scan("PREFIX gg: <https://kg.gezond-groningen.nl/def#> # SELECT\nCONSTRUCT { ?s a gg:X } WHERE { ?s org:p (1 2) }")
    assert (found.kind, found.declared, found.used, found.depth) == ("CONSTRUCT", {"gg"}, {"gg", "org"}, 2)
    assert scan("WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }").kind == "UPDATE"
    assert scan('ASK { ?s ?p """SELECT\n""" }').kind == "ASK"


# -- 5. the pool: time counted from submission, abandoned queries stopped -----------------------------

def test_a_quick_query_is_answered_beside_a_slow_one_and_queued_ones_time_out_from_submission(built):
    """A query that used its time in a worker is too heavy (its own cost, 422); one that spent it waiting
    for a worker timed out (the pool was busy, 503)."""
    runner = IsolatedQueryRunner(built[2], timeout_seconds=4, workers=2)
    try:
        runner.run("ASK {}", "application/sparql-results+json")  # both workers started
        runner.run("ASK {}", "application/sparql-results+json")
        outcomes: dict[int, str] = {}

        def slow(number: int) -> None:
            try:
                runner.run(SLOW, "application/sparql-results+json")
                outcomes[number] = "ok"
            except (QueryTimeout, QueryTooHeavy) as error:
                outcomes[number] = f"{type(error).__name__}: {error}"

        first = threading.Thread(target=slow, args=(1,))
        first.start()
        time.sleep(0.5)
        assert b"true" in runner.run("ASK { ?s ?p ?o }", "application/sparql-results+json")  # the second worker answers
        second, queued = threading.Thread(target=slow, args=(2,)), threading.Thread(target=slow, args=(3,))
        second.start()
        time.sleep(0.3)
        submitted = time.monotonic()
        queued.start()
        for thread in (first, second, queued):
            thread.join(30)
        waited = time.monotonic() - submitted
        # its time counted from submission: stopped after the limit, not after the limit plus the wait for a worker
        assert outcomes[3].startswith("QueryTimeout: De query wachtte op een vrij werkproces") and waited < runner.timeout + 2
        assert outcomes[1].startswith("QueryTooHeavy: De query rekende 4 s (grens 4 s) en is gestopt.")
    finally:
        runner.stop()


def test_one_client_cannot_hold_every_worker(built):
    """Two workers: one client runs one query at a time. Its next queries wait for it and get
    TooManyQueries (429) when their time runs out there; another client's query is answered at once."""
    runner = IsolatedQueryRunner(built[2], timeout_seconds=3, workers=2)
    try:
        runner.run("ASK {}", "application/sparql-results+json", client="a")  # both workers started
        runner.run("ASK {}", "application/sparql-results+json", client="b")
        outcomes: dict[str, str] = {}

        def ask(name: str, query: str) -> None:
            try:
                runner.run(query, "application/sparql-results+json", client="a")
                outcomes[name] = "ok"
            except (QueryTooHeavy, TooManyQueries, QueryTimeout) as error:
                outcomes[name] = type(error).__name__

        threads = [threading.Thread(target=ask, args=(name, SLOW)) for name in ("slow-1", "slow-2", "slow-3")]
        for thread in threads:
            thread.start()
            time.sleep(0.2)
        started = time.monotonic()
        assert b"true" in runner.run("ASK { ?s ?p ?o }", "application/sparql-results+json", client="b")
        assert time.monotonic() - started < 2  # the other client found the second worker free
        for thread in threads:
            thread.join(30)
        assert outcomes == {"slow-1": "QueryTooHeavy", "slow-2": "TooManyQueries", "slow-3": "TooManyQueries"}
        assert "Uw eerdere query's hielden uw 1 plek(ken) 3 s bezet" in str(runner.time_up(None, True))
    finally:
        runner.stop()


def test_an_abandoned_query_is_stopped(built):
    runner = IsolatedQueryRunner(built[2], timeout_seconds=60, workers=1)
    try:
        runner.run("ASK {}", "application/sparql-results+json")
        process = runner._workers[0].process
        cancelled = threading.Event()
        threading.Timer(0.5, cancelled.set).start()
        started = time.monotonic()
        with pytest.raises(QueryCancelled):
            runner.run(SLOW, "application/sparql-results+json", cancelled=cancelled)
        assert time.monotonic() - started < 10 and process is not None and process.poll() is not None
        assert b"true" in runner.run("ASK { ?s ?p ?o }", "application/sparql-results+json")
    finally:
        runner.stop()


# -- 6. a write during a query, deep nesting ----------------------------------------------------------

def test_a_write_during_a_query_does_not_fail_it_and_the_next_query_sees_the_write(writable):
    client, _, _ = writable
    counting = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d a <http://www.w3.org/ns/org#Organization> }"
    answers: list[int] = []
    reader = threading.Thread(target=lambda: answers.append(client.get("/sparql", params={"query": counting}).status_code))
    client.get("/sparql", params={"query": "ASK {}"})
    reader.start()
    time.sleep(0.2)
    added = client.post("/api/organisaties", headers=TOKEN, json={"naam": "Stichting Tijdens Query", "type": "welzijn", "toelichting": "x"})
    assert added.status_code == 201, added.text
    reader.join(60)
    assert answers == [200]
    seen = client.get("/sparql", params={"query": f"ASK {{ <{KG}organisatie/stichting-tijdens-query> ?p ?o }}"})
    assert seen.json()["boolean"] is True


def test_deep_nesting_is_refused_with_400(client):
    for query in ("SELECT * WHERE " + "{" * 9000 + "}" * 9000, "ASK { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"):
        response = client.get("/sparql", params={"query": query})
        assert response.status_code == 400 and f"grens is {MAX_DEPTH}" in response.json()["fout"]
    within = client.get("/sparql", params={"query": "ASK " + "{" * 50 + "}" * 50})
    assert within.status_code == 200


def test_a_long_operator_chain_does_not_crash_the_worker(built):
    """1+1+…+1 parses recursively: 7 000 terms overflowed an 8 MB stack (a crash and a 500)."""
    runner = IsolatedQueryRunner(built[2], timeout_seconds=120, workers=1)
    try:
        answer = runner.run("ASK { FILTER(" + "+".join(["1"] * 7000) + ") }", "application/sparql-results+json")
        assert b'"boolean":true' in answer
    finally:
        runner.stop()


def test_unknown_terms_in_quads_around_are_refused_not_spliced():
    store = OxigraphStore(None)
    with pytest.raises(InvalidTerm):
        store.quads_around({KG + "organisatie/x> } " + "{" * 9000})
    with pytest.raises(QueryRefused):
        check_public_query("SELECT * WHERE { " + "[ ?p " * (MAX_DEPTH + 1) + "1" + " ]" * (MAX_DEPTH + 1) + " }")

