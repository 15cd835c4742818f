"""Serving, pushing and querying over the SPARQL protocols, against the real Oxigraph server.

The shared corpus is built into a temporary store; `oxigraph serve` (read-write, in memory, with the
default graph as the union of the named graphs, as `kg serve` runs it) receives the pushes. Every server
listens on 127.0.0.1 only, on a free port, and is killed in its fixture's teardown.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import api
from kg import vocab as V
from kg.build import build
from kg.errors import KgError, QueryError, UsageError
from kg.queries import bind, execute, expand_iri, resolve_entity, saved_queries
from kg.remote import STATE_FILE, inject_values, parse_answer, push, remote_query, term_sparql
from kg.server import oxigraph_binary
from kg.server import serve as run_serve
from kg.store import KgStore, document_hashes
from tests.conftest import ROOT, SHARED

CORPUS = SHARED / "corpus"
COUNT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
HOSTILE = ['x" } DROP ALL { "', "} ; DROP ALL ; {", 'quote " and \\ backslash', "line1\nline2\r\tend",
           "'''", '"""', "\\u0022 not an escape", "\x00\x01\x7f control", "Tiêu chuẩn 🎉", "\u2028\u2029",
           "<http://evil/> } DROP ALL { <x>", "# not a comment {"]


def graph_count() -> int:
    """Graphs a push sends for the corpus: one per article, the shared entities graph and the stats graph."""
    return len(corpus_files()) + 2


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the repository")
    files = sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "dev").glob("*.txt"))
    if not files:
        pytest.skip("../shared/corpus holds no articles")
    return files


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_answers(url: str, proc: subprocess.Popen | None = None, timeout: float = 30.0) -> None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"server exited with {proc.returncode}")
        try:
            with opener.open(url + "?query=ASK%7B%7D", timeout=2):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"{url} did not answer within {timeout} s")


def stop_process(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def rows_as_text(cols: list[str], rows: list[dict]) -> list[tuple[str, ...]]:
    """Rows as sorted tuples of N-Triples term strings: datatype and language count, order does not."""
    return sorted(tuple("" if r.get(c) is None else str(r[c]) for c in cols) for r in rows)


def remote_count(server: OxigraphServer) -> int:
    return int(remote_query(server.query, COUNT_TRIPLES)[1][0]["n"].value)


@dataclass
class OxigraphServer:
    proc: subprocess.Popen
    port: int
    base: str = field(init=False)

    def __post_init__(self) -> None:
        self.base = f"http://127.0.0.1:{self.port}"

    @property
    def store(self) -> str:
        return self.base + "/store"

    @property
    def query(self) -> str:
        return self.base + "/query"


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory) -> Path:
    """The shared corpus built once, read by the tests that do not change it."""
    path = tmp_path_factory.mktemp("corpus") / "store"
    report = build(corpus_files(), path, jobs=1)
    assert report.count("added") == len(corpus_files()), [(d.path, d.error) for d in report.documents]
    return path


@contextlib.contextmanager
def running_oxigraph() -> Iterator[OxigraphServer]:
    """A fresh read-write Oxigraph server (in memory) with the union default graph, as a shared server
    for coop-kg should be started; stopped when the block ends."""
    port = free_port()
    proc = subprocess.Popen([oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        server = OxigraphServer(proc, port)
        wait_until_answers(server.query, proc)
        yield server
    finally:
        stop_process(proc)


@pytest.fixture
def oxigraph_rw(tmp_path) -> Iterator[OxigraphServer]:
    with running_oxigraph() as server:
        yield server


@pytest.fixture
def store_copy(corpus_store, tmp_path) -> Path:
    """A private copy of the corpus store (push writes push-state.json into it)."""
    dst = tmp_path / "store"
    shutil.copytree(corpus_store, dst, symlinks=True)
    return dst


# ---- push and query against a real server ---------------------------------------------------------

def test_every_saved_query_gives_the_same_rows_remotely(store_copy, oxigraph_rw):
    report = push(oxigraph_rw.store, store_copy)
    assert len(report.sent) == graph_count() and not report.deleted
    queries = saved_queries()
    assert len(queries) >= 10
    for q in queries:
        local_cols, local_rows = api.query(q.name, store_copy, is_text=False)
        remote_cols, remote_rows = api.query(q.name, endpoint=oxigraph_rw.query, is_text=False)
        assert remote_cols == local_cols, q.name
        assert rows_as_text(remote_cols, remote_rows) == rows_as_text(local_cols, local_rows), q.name
    # a parameter given as a name is resolved remotely too (the lookup query, bound with VALUES)
    local = api.query("partners", store_copy, params={"org": "STAMEQ"}, is_text=False)
    remote = api.query("partners", params={"org": "STAMEQ"}, endpoint=oxigraph_rw.query, is_text=False)
    assert local[1] and rows_as_text(*remote) == rows_as_text(*local)


def test_pushing_twice_sends_nothing_and_changes_nothing(store_copy, oxigraph_rw, tmp_path):
    first = push(oxigraph_rw.store, store_copy)
    count = remote_count(oxigraph_rw)
    assert count > 1000
    second = push(oxigraph_rw.store, store_copy)
    assert second.sent == [] and second.deleted == [] and second.unchanged == len(first.sent)
    assert second.bytes_sent == 0
    assert remote_count(oxigraph_rw) == count
    again = push(oxigraph_rw.store, store_copy, resend_all=True)  # PUT replaces: resending changes nothing
    assert sorted(again.sent) == sorted(first.sent)
    assert remote_count(oxigraph_rw) == count
    state = json.loads((store_copy / STATE_FILE).read_text(encoding="utf-8"))
    graphs = state["endpoints"][oxigraph_rw.store]["graphs"]
    hashes = document_hashes(KgStore(store_copy).open_read())
    # the meta graph stays local; the entities and stats graphs are sent, hashed from their content
    assert set(graphs) == set(hashes) | {V.ENTITIES_GRAPH, V.STATS_GRAPH}
    assert all(graphs[iri] == h for iri, (h, _) in hashes.items())
    assert graphs[V.ENTITIES_GRAPH].startswith("nt-sha256:") and graphs[V.STATS_GRAPH].startswith("nt-sha256:")


def test_only_the_changed_document_is_sent_again_and_removed_ones_are_deleted(tmp_path, oxigraph_rw):
    docs = tmp_path / "docs"
    docs.mkdir()
    for f in corpus_files():
        shutil.copy(f, docs / f.name)
    store = tmp_path / "store"
    build([docs], store, jobs=1)
    assert len(push(oxigraph_rw.store, store).sent) == graph_count()

    changed = docs / corpus_files()[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\nMột câu mới được thêm vào.\n", encoding="utf-8")
    assert build([docs], store, jobs=1).count("updated") == 1
    changed_iri = next(iri for iri, (_, src) in document_hashes(KgStore(store).open_read()).items()
                       if Path(src).name == changed.name)
    report = push(oxigraph_rw.store, store)
    # the changed article, and the entities graph when what it says about entities changed
    assert set(report.sent) - {V.ENTITIES_GRAPH, V.STATS_GRAPH} == {changed_iri} and report.deleted == []

    removed = docs / corpus_files()[-1].name
    removed_iri = next(iri for iri, (_, src) in document_hashes(KgStore(store).open_read()).items()
                       if Path(src).name == removed.name)
    removed.unlink()
    assert build([docs], store, jobs=1, prune=True).count("removed") == 1
    report = push(oxigraph_rw.store, store)
    # what only the removed article said about its organizations leaves the entities graph
    assert report.sent == sorted([V.ENTITIES_GRAPH, V.STATS_GRAPH]) and report.deleted == [removed_iri]
    ask = f"ASK {{ GRAPH <{removed_iri}> {{ ?s ?p ?o }} }}"
    assert remote_query(oxigraph_rw.query, ask)[1][0]["result"].value == "false"
    local = api.query("stats", store, is_text=False)
    assert rows_as_text(*api.query("stats", endpoint=oxigraph_rw.query, is_text=False)) == rows_as_text(*local)


def test_each_endpoint_keeps_its_own_push_state(store_copy, oxigraph_rw, tmp_path):
    with running_oxigraph() as second:
        n = len(push(oxigraph_rw.store, store_copy).sent)
        assert len(push(second.store, store_copy).sent) == n  # a new endpoint gets everything
        assert push(oxigraph_rw.store, store_copy).sent == [] and push(second.store, store_copy).sent == []
        assert remote_count(second) == remote_count(oxigraph_rw)


def test_hostile_parameter_values_arrive_as_data(store_copy, oxigraph_rw):
    push(oxigraph_rw.store, store_copy)
    count = remote_count(oxigraph_rw)
    xsd_string = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")
    for value in HOSTILE:
        for term in (ox.Literal(value), ox.Literal(value, language="vi"), ox.Literal(value, datatype=xsd_string)):
            cols, rows = remote_query(oxigraph_rw.query, "SELECT ?v WHERE { }", {"v": term})
            assert cols == ["v"] and rows == [{"v": term}], value
    iri = ox.NamedNode("https://w3id.org/coop-kg/id/org/x?a=1&b=%7B")
    assert remote_query(oxigraph_rw.query, "SELECT ?v WHERE { }", {"v": iri})[1] == [{"v": iri}]
    # through the saved query and the name lookup, as `kg query partners --param org=…` does (values shaped
    # like an IRI are turned into a NamedNode by kg.queries before any of this, locally as remotely)
    for value in (v for v in HOSTILE if expand_iri(v) is None):
        with pytest.raises(UsageError, match="no organization or person is named"):
            api.query("partners", params={"org": value}, endpoint=oxigraph_rw.query, is_text=False)
    assert remote_count(oxigraph_rw) == count


def test_updates_are_refused_before_anything_is_sent():
    dead = f"http://127.0.0.1:{free_port()}/query"
    for text in ("DELETE WHERE { ?s ?p ?o }", "PREFIX x: <http://x/>\nINSERT DATA { x:a x:b x:c }", "DROP ALL",
                 "# a comment\nCLEAR DEFAULT"):
        with pytest.raises(UsageError, match="only reads"):
            remote_query(dead, text)


def test_server_errors_are_one_clear_line(store_copy, oxigraph_rw):
    with pytest.raises(UsageError, match=r"refused the query \(HTTP 400\): error at 1:"):
        remote_query(oxigraph_rw.query, "SELECT * WHERE { ?s ?p }")
    with pytest.raises(KgError, match="is not a SPARQL query endpoint"):
        remote_query(oxigraph_rw.base + "/nothing-here", "ASK {}")
    with pytest.raises(KgError, match="is not a writable Graph Store endpoint"):
        push(oxigraph_rw.query, store_copy)  # the query URL given where the store URL belongs
    with pytest.raises(UsageError, match="put no credentials in the endpoint URL"):
        push(f"http://user:secret@127.0.0.1:{oxigraph_rw.port}/store", store_copy)
    with pytest.raises(UsageError, match="not an http"):
        remote_query("ftp://127.0.0.1/query", "ASK {}")


def test_a_stopped_server_gives_a_clear_error_not_a_traceback(store_copy, oxigraph_rw):
    stop_process(oxigraph_rw.proc)
    with pytest.raises(KgError, match=r"cannot reach http://127\.0\.0\.1:\d+/query: connection refused — is the "
                                      r"server running\?"):
        api.query("stats", endpoint=oxigraph_rw.query, is_text=False)
    started = time.monotonic()
    with pytest.raises(KgError, match="connection refused — is the server running"):
        push(oxigraph_rw.store, store_copy, backoff=0.01)
    assert time.monotonic() - started < 10
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    p = subprocess.run([sys.executable, "-m", "kg.cli", "query", "stats", "--endpoint", oxigraph_rw.query],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert p.returncode == 1, p.stderr
    assert "Traceback" not in p.stderr
    assert p.stderr.strip().count("\n") == 0 and "connection refused" in p.stderr
    # nothing was recorded as pushed: the next push to a live server sends everything
    state = json.loads((store_copy / STATE_FILE).read_text(encoding="utf-8"))
    assert state["endpoints"][oxigraph_rw.store]["graphs"] == {}


# ---- binding parameters and reading answers (no server) --------------------------------------------

def test_values_binding_gives_the_same_rows_as_substitutions(corpus_store):
    """VALUES first in the outermost WHERE group means what pyoxigraph's substitutions mean, for every
    saved query with parameters."""
    store = KgStore(corpus_store).open_read()
    with_params = [q for q in saved_queries() if q.params]
    assert with_params
    for q in with_params:
        subs = bind(q, {}, lambda v: resolve_entity(store, v))
        expected = execute(store, q.text, subs)
        got = execute(store, inject_values(q.text, subs), None)
        assert got[0] == expected[0] and rows_as_text(*got) == rows_as_text(*expected), q.name


@pytest.mark.parametrize("query", [
    "SELECT ?v WHERE { }",
    "PREFIX ex: <http://e/x> # a comment with a brace {\nSELECT ?v (EXISTS { ?a ?b ?c } AS ?e) WHERE { "
    "FILTER(\"{\" != \"}\") }",
    "SELECT * { SELECT ?v WHERE { } }",
    "ASK { FILTER(BOUND(?v)) }",
    "CONSTRUCT { <http://a> <http://b> ?v } WHERE { }",
    "SELECT ?v WHERE { BIND('''a { b''' AS ?z) }",
    "SELECT ?select ?v WHERE { BIND(1 AS ?select) }",
])
def test_values_block_lands_in_the_where_group(query):
    term = ox.Literal(HOSTILE[0])
    result = ox.Store().query(inject_values(query, {"v": term}))
    if isinstance(result, ox.QueryBoolean):
        assert bool(result)
    elif isinstance(result, ox.QueryTriples):
        assert [t.object for t in result] == [term]
    else:
        assert [s["v"] for s in result] == [term]


def test_queries_without_a_where_group_or_bad_parameters_are_refused():
    v = {"v": ox.Literal("x")}
    for q in ("CONSTRUCT WHERE { ?s ?p ?o }", "DESCRIBE <http://x>"):
        with pytest.raises(UsageError, match="no WHERE"):
            inject_values(q, v)
    with pytest.raises(UsageError, match="blank node"):
        inject_values("SELECT ?v WHERE {}", {"v": ox.BlankNode()})
    with pytest.raises(UsageError, match="not a SPARQL variable"):
        inject_values("SELECT ?v WHERE {}", {"v) } DROP ALL { (?x": ox.Literal("x")})
    assert inject_values("SELECT ?v WHERE {}", {}) == "SELECT ?v WHERE {}"
    for value in HOSTILE:  # always exactly one token, however hostile the value
        text = term_sparql(ox.Literal(value))
        assert "\n" not in text and "\r" not in text
        assert ox.Store().query(f"SELECT ?v WHERE {{ VALUES ?v {{ {text} }} }}").__next__()["v"].value == value


def test_sparql_json_answers_become_pyoxigraph_terms():
    body = json.dumps({"head": {"vars": ["a", "b", "c", "d", "e"]}, "results": {"bindings": [
        {"a": {"type": "uri", "value": "http://x/a"},
         "b": {"type": "literal", "value": "2019-04", "datatype": "http://www.w3.org/2001/XMLSchema#gYearMonth"},
         "c": {"type": "literal", "value": "Tổng cục", "xml:lang": "vi"},
         "d": {"type": "bnode", "value": "b0"}}]}}).encode()
    cols, rows = parse_answer(body, "application/sparql-results+json; charset=utf-8", "http://x/query")
    assert cols == ["a", "b", "c", "d", "e"]
    row = rows[0]
    assert row["a"] == ox.NamedNode("http://x/a")
    assert row["b"] == ox.Literal("2019-04", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYearMonth"))
    assert row["c"] == ox.Literal("Tổng cục", language="vi")
    assert isinstance(row["d"], ox.BlankNode) and row["e"] is None
    assert parse_answer(b'{"head":{},"boolean":true}', "application/sparql-results+json", "u") == (
        ["result"], [{"result": ox.Literal("true")}])
    with pytest.raises(QueryError, match="not SPARQL results"):
        parse_answer(b"<html><body>Welcome</body></html>", "text/html", "http://x/")
    with pytest.raises(QueryError, match="not valid"):
        parse_answer(b'{"head": {"vars": ["a"]}, "results": ', "application/sparql-results+json", "http://x/")


# ---- retries, credentials and odd servers (a scripted stand-in server) -----------------------------

class FakeServer:
    """A tiny HTTP server answering from a script: a list of (status, content type, body) per request."""

    def __init__(self, answers: list[tuple[int, str, bytes]], default: tuple[int, str, bytes]):
        self.answers, self.default, self.requests = list(answers), default, []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                fake.requests.append((self.command, self.path, dict(self.headers), body))
                status, ctype, data = fake.answers.pop(0) if fake.answers else fake.default
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = _answer

            def log_message(self, *args) -> None:  # keep test output clean
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def fake_server() -> Iterator[type[FakeServer]]:
    servers: list[FakeServer] = []

    class Factory(FakeServer):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            servers.append(self)

    yield Factory
    for s in servers:
        s.close()


def test_push_retries_server_errors_then_succeeds(store_copy, fake_server):
    server = fake_server([(503, "text/plain", b"busy"), (502, "text/plain", b"gateway")], (204, "text/plain", b""))
    report = push(server.url + "/store", store_copy, jobs=1, backoff=0.01)
    n = graph_count()
    assert len(report.sent) == n
    puts = [r for r in server.requests if r[0] == "PUT"]
    assert len(puts) == n + 2
    assert all(r[2]["Content-Type"] == "application/n-triples" for r in puts)
    assert all(r[1].startswith("/store?graph=https%3A%2F%2Fw3id.org%2Fcoop-kg%2Fid%2Fdoc%2F") or
               r[1].startswith("/store?graph=https%3A%2F%2Fw3id.org%2Fcoop-kg%2Fid%2Fgraph%2F") for r in puts)
    assert "Authorization" not in puts[0][2]


def test_push_gives_up_after_bounded_retries(store_copy, fake_server):
    server = fake_server([], (500, "text/plain", b"disk full"))
    with pytest.raises(KgError, match=r"answered HTTP 500 to PUT .*disk full \(tried 5 times\)"):
        push(server.url + "/store", store_copy, jobs=1, backoff=0.01)
    assert len(server.requests) == 5


def test_credentials_come_from_the_environment(store_copy, fake_server, monkeypatch):
    server = fake_server([], (204, "text/plain", b""))
    monkeypatch.setenv("KG_PUSH_TOKEN", "t0ken")
    push(server.url + "/store", store_copy, jobs=1)
    assert {r[2].get("Authorization") for r in server.requests} == {"Bearer t0ken"}
    monkeypatch.delenv("KG_PUSH_TOKEN")
    monkeypatch.setenv("KG_PUSH_USER", "alice")
    monkeypatch.setenv("KG_PUSH_PASSWORD", "s3cret")
    server.requests.clear()
    push(server.url + "/store", store_copy, jobs=1, resend_all=True)
    assert {r[2].get("Authorization") for r in server.requests} == {"Basic YWxpY2U6czNjcmV0"}
    monkeypatch.delenv("KG_PUSH_PASSWORD")
    with pytest.raises(UsageError, match="set both KG_PUSH_USER and KG_PUSH_PASSWORD"):
        push(server.url + "/store", store_copy)


def test_refusals_say_what_to_do(store_copy, fake_server):
    server = fake_server([], (401, "text/plain", b"Unauthorized"))
    with pytest.raises(KgError, match="set KG_PUSH_USER and KG_PUSH_PASSWORD, or KG_PUSH_TOKEN"):
        push(server.url + "/store", store_copy, backoff=0.01)
    assert len(server.requests) <= 8  # no retries on a 4xx (up to `jobs * 2` were already in flight)
    html = fake_server([], (200, "text/html", b"<html>Fuseki</html>"))
    with pytest.raises(QueryError, match=r"not SPARQL results \(text/html\) — is it the query endpoint\?"):
        remote_query(html.url + "/", "ASK {}")


# ---- the commands, as kg/cli.py registers them -----------------------------------------------------

def kg_app():
    import typer

    from kg.remote_cli import push as push_cmd
    from kg.remote_cli import serve as serve_cmd

    app = typer.Typer()
    app.command()(serve_cmd)
    app.command()(push_cmd)
    return app


def test_push_command_prints_one_summary_line(store_copy, oxigraph_rw):
    from typer.testing import CliRunner

    runner = CliRunner()
    result = runner.invoke(kg_app(), ["push", "--endpoint", oxigraph_rw.store, "--store", str(store_copy)])
    assert result.exit_code == 0, result.output
    assert f"{graph_count()} graphs sent, 0 deleted, 0 unchanged → {oxigraph_rw.store}" in result.output
    again = runner.invoke(kg_app(), ["push", "--endpoint", oxigraph_rw.store, "--store", str(store_copy)])
    assert f"0 graphs sent, 0 deleted, {graph_count()} unchanged" in again.output
    stop_process(oxigraph_rw.proc)
    dead = runner.invoke(kg_app(), ["push", "--endpoint", oxigraph_rw.store, "--store", str(store_copy), "--all"])
    assert dead.exit_code == 1 and "Error: cannot reach" in dead.output and "Traceback" not in dead.output


SERVE = [sys.executable, "-c", "import typer; from kg.remote_cli import serve; typer.run(serve)"]


def read_until(proc: subprocess.Popen, marker: str, timeout: float = 60.0) -> str:
    """stdout lines until one contains `marker` (bounded: a reader thread, so a silent child cannot hang us)."""
    lines: list[str] = []
    found = threading.Event()

    def reader() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            if marker in line:
                found.set()
                return

    threading.Thread(target=reader, daemon=True).start()
    assert found.wait(timeout), f"no {marker!r} in {lines!r}"
    return "".join(lines)


def test_kg_serve_answers_follows_rebuilds_and_stops_on_ctrl_c(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    files = corpus_files()
    for f in files[:-1]:
        shutil.copy(f, docs / f.name)
    store = tmp_path / "store"
    build([docs], store, jobs=1)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(SERVE + ["--port", str(port), "--store", str(store)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        out = read_until(proc, "SPARQL endpoint:")
        url = f"http://127.0.0.1:{port}/query"
        assert url in out
        for name in ("stats", "agreements", "people-roles"):
            local = api.query(name, store, is_text=False)
            assert rows_as_text(*api.query(name, endpoint=url, is_text=False)) == rows_as_text(*local), name
        with pytest.raises(KgError, match="is read-only"):
            push(f"http://127.0.0.1:{port}/store", store)
        snapshots = [p for p in store.iterdir() if p.name.startswith("serve-")]
        assert len(snapshots) == 1

        shutil.copy(files[-1], docs / files[-1].name)  # a build while serving: the endpoint follows it
        build([docs], store, jobs=1)
        expected = rows_as_text(*api.query("stats", store, is_text=False))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if rows_as_text(*api.query("stats", endpoint=url, is_text=False)) == expected:
                    break
            except KgError:  # the moment of the restart
                pass
            time.sleep(0.2)
        else:
            raise AssertionError("kg serve did not follow the rebuild")

        proc.send_signal(signal.SIGINT)
        assert proc.wait(20) == 0
        assert not [p for p in store.iterdir() if p.name.startswith("serve-")]  # snapshot removed
        with socket.socket() as s:  # the Oxigraph child is gone: the port is free again
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", port))
    finally:
        stop_process(proc)


def test_kg_serve_stops_on_sigterm_too(corpus_store):
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(SERVE + ["--port", str(port), "--store", str(corpus_store)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        read_until(proc, "SPARQL endpoint:")
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(20) == 0
    finally:
        stop_process(proc)


def test_kg_serve_errors_are_clear(tmp_path, corpus_store):
    with pytest.raises(KgError, match="no graph in .* yet — build one first"):
        run_serve(tmp_path / "nothing", "127.0.0.1", free_port())
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(KgError, match=f"port {port} on 127.0.0.1 is already in use"):
            run_serve(corpus_store, "127.0.0.1", port)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    p = subprocess.run(SERVE + ["--port", str(free_port()), "--store", str(tmp_path / "nothing")],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert p.returncode == 1 and p.stderr.startswith("Error: no graph in") and "Traceback" not in p.stderr


def test_kg_serve_in_process_stops_when_asked(corpus_store):
    """The library function, from a thread (no signal handlers there): `stop` ends it and it returns 0."""
    stop = threading.Event()
    ready: list[str] = []
    result: list[int] = []
    port = free_port()
    t = threading.Thread(target=lambda: result.append(run_serve(
        corpus_store, "127.0.0.1", port, stop=stop, on_ready=lambda info: ready.append(info.query_url))))
    t.start()
    try:
        deadline = time.monotonic() + 30
        while not ready and t.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ready == [f"http://127.0.0.1:{port}/query"]
        assert int(remote_query(ready[0], COUNT_TRIPLES)[1][0]["n"].value) > 1000
    finally:
        stop.set()
        t.join(30)
    assert result == [0]



def test_only_loopback_addresses_count_as_private():
    """`kg serve` warns unless the address is loopback; credentials over plain HTTP warn the same way."""
    from kg.remote import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("[::1]") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("::") and not is_loopback("192.168.1.10")
    assert not is_loopback("") and not is_loopback(None)



def test_a_server_that_cannot_start_is_reported_in_one_line(tmp_path):
    from kg.server import _Child

    (tmp_path / "not-a-store").write_text("x")
    port = free_port()
    child = _Child(tmp_path / "not-a-store", "127.0.0.1", port, None)
    try:
        with pytest.raises(KgError, match="the Oxigraph server stopped: IO error") as err:
            child.wait_ready("127.0.0.1", port, 30, threading.Event())
        assert "\n" not in str(err.value) and "backtrace" not in str(err.value).lower()
    finally:
        child.stop()
