"""The client side of the SPARQL protocols: query a remote endpoint, push the graph to a Graph Store.

* `remote_runner(url)` runs queries on a SPARQL 1.1 Protocol endpoint (Oxigraph `…/query`, Fuseki
  `…/DATASET/sparql`, GraphDB, Virtuoso, QLever…) and returns the same `(columns, rows of pyoxigraph
  terms)` as `kg.queries.execute`, so everything above it (saved queries, output formats) works unchanged.
  The protocol has no parameter substitution, so parameters are bound by a `VALUES` block made of the
  terms' own N-Triples serialization, checked token by token — user text is never pasted into a query.
* `push(url)` uploads the graph to a SPARQL 1.1 Graph Store HTTP Protocol endpoint (Oxigraph `…/store`,
  Fuseki `…/DATASET/data`), one `PUT ?graph=<document IRI>` per document. PUT replaces a graph, so a
  push can be repeated or resumed safely; `<store>/push-state.json` remembers, per endpoint, which
  content hash of each document was sent, so only changed documents travel again and documents removed
  locally are DELETEd remotely.

Only the standard library speaks HTTP here (urllib): a handful of request shapes do not justify a new
dependency, and `kg --help` must stay fast. Credentials come from the environment only
(KG_PUSH_USER/KG_PUSH_PASSWORD or KG_PUSH_TOKEN for push, KG_QUERY_… for queries), never from the
command line or the URL, where shell history and process lists would keep them.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import functools
import hashlib
import http.client
import ipaddress
import json
import os
import random
import re
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg import vocab as V
from kg.errors import KgError, QueryError, UsageError
from kg.sparql_text import inject_values, term_sparql  # noqa: F401  (term_sparql: part of this module's API)

Term = ox.NamedNode | ox.Literal | ox.BlankNode
Rows = tuple[list[str], list[dict]]

USER_AGENT = "coop-kg (+https://w3id.org/coop-kg)"
QUERY_EXAMPLES = "Oxigraph: http://HOST:7878/query, Fuseki: http://HOST:3030/DATASET/sparql"
STORE_EXAMPLES = "Oxigraph: http://HOST:7878/store, Fuseki: http://HOST:3030/DATASET/data"
# JSON first (the format the W3C recommends clients ask for); the RDF types answer CONSTRUCT/DESCRIBE.
ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
          "application/n-triples;q=0.9, text/turtle;q=0.8, application/rdf+xml;q=0.5")
STATE_FILE = "push-state.json"
DEFAULT_GRAPH = ""  # the key of the default graph in the push state (an IRI is never empty)


# ---- URLs, credentials, HTTP ------------------------------------------------------------------------

def check_url(url: str, examples: str, env: str = "KG_PUSH") -> str:
    """The URL in a canonical form (lower-case scheme and host) — it is also the push-state key — or a
    UsageError saying what an endpoint URL looks like. Credentials in the URL are refused: `env` names
    the environment variables to use instead."""
    raw = (url or "").strip()
    try:
        parts = urllib.parse.urlsplit(raw)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as e:
        raise UsageError(f"{raw!r} is not a valid URL ({e}) — e.g. {examples}") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{raw!r} is not an http(s) URL — e.g. {examples}")
    if parts.username is not None or parts.password is not None:
        raise UsageError(f"put no credentials in the endpoint URL (shell history and logs keep them) — set "
                         f"{env}_USER and {env}_PASSWORD, or {env}_TOKEN, in the environment instead")
    return urllib.parse.urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def is_loopback(host: str | None) -> bool:
    """True for 127.0.0.0/8, ::1 and names that resolve only to them (e.g. localhost)."""
    if not host:
        return False
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(str(i[4][0]).split("%")[0]).is_loopback for i in infos)


def auth_header(prefix: str) -> str | None:
    """The Authorization header from $PREFIX_TOKEN (bearer) or $PREFIX_USER + $PREFIX_PASSWORD (basic)."""
    token = os.environ.get(f"{prefix}_TOKEN")
    user, password = os.environ.get(f"{prefix}_USER"), os.environ.get(f"{prefix}_PASSWORD")
    if token:
        return f"Bearer {token.strip()}"
    if user is None and password is None:
        return None
    if not user or password is None:
        raise UsageError(f"set both {prefix}_USER and {prefix}_PASSWORD for basic authentication "
                         f"(or {prefix}_TOKEN for a bearer token)")
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


@functools.lru_cache(maxsize=32)
def _opener(host: str | None) -> urllib.request.OpenerDirector:
    """Loopback endpoints bypass any HTTP(S)_PROXY: a proxy cannot reach this machine's own servers.
    Cached per host, so a push of thousands of graphs resolves the name once."""
    if is_loopback(host):
        return urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener()


def _send(method: str, url: str, data: bytes | None, headers: dict[str, str], timeout: float,
          auth: str | None) -> tuple[int, str, bytes]:
    """One HTTP exchange: (status, content type, body). HTTP errors raise urllib.error.HTTPError."""
    req = urllib.request.Request(url, data=data, method=method, headers={"User-Agent": USER_AGENT, **headers})
    if auth:  # never forwarded to the target of a redirect
        req.add_unredirected_header("Authorization", auth)
    with _opener(urllib.parse.urlsplit(url).hostname).open(req, timeout=timeout) as resp:
        return resp.status, resp.headers.get("Content-Type", ""), resp.read()


def _server_message(e: urllib.error.HTTPError) -> str:
    """The server's own explanation, on one line and short (error pages can be whole HTML documents)."""
    try:
        body = e.read().decode("utf-8", "replace")
    except Exception:  # the body is a courtesy; the status code says enough
        body = ""
    if "<html" in body[:500].lower():
        body = re.sub(r"(?s)<(script|style).*?</\1>", " ", body)
        body = re.sub(r"<[^>]+>", " ", body)
    text = " ".join(body.split())
    return (text[:300] + "…") if len(text) > 300 else text


def _unreachable(url: str, err: BaseException, timeout: float) -> KgError:
    reason = getattr(err, "reason", err)
    if isinstance(reason, ConnectionRefusedError):
        return KgError(f"cannot reach {url}: connection refused — is the server running?")
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return KgError(f"{url} did not answer within {timeout:g} s — is the server overloaded, or the query too "
                       "broad? (raise --timeout, or narrow the query)")
    if isinstance(reason, socket.gaierror):
        return KgError(f"cannot reach {url}: unknown host — check the host name")
    if isinstance(reason, ssl.SSLCertVerificationError):
        return KgError(f"cannot reach {url}: its TLS certificate is not trusted ({reason.verify_message}) — "
                       "check the URL, or add the CA to the system's trust store")
    if isinstance(reason, (ConnectionResetError, http.client.RemoteDisconnected, BrokenPipeError)):
        return KgError(f"{url} closed the connection — is it an HTTP endpoint, and is the server healthy?")
    return KgError(f"cannot reach {url}: {reason} — is the server running, and is the URL right?")


# ---- queries ----------------------------------------------------------------------------------------

def parse_answer(payload: bytes, content_type: str, url: str) -> Rows:
    """(columns, rows of pyoxigraph terms) from a SPARQL results document or an RDF graph, with pyoxigraph's
    parsers, so literals keep their datatype and language exactly as `execute` returns them locally."""
    media = content_type.split(";")[0].strip().lower()
    if not media and payload.lstrip()[:1] == b"{":
        media = "application/sparql-results+json"
    results_format = ox.QueryResultsFormat.from_media_type(media) if media else None
    rdf_format = None if results_format else (ox.RdfFormat.from_media_type(media) if media else None)
    try:
        if results_format is not None:
            result = ox.parse_query_results(payload, results_format)
            if isinstance(result, ox.QueryBoolean):
                return ["result"], [{"result": ox.Literal(str(bool(result)).lower())}]
            cols = [v.value for v in result.variables]
            return cols, [{c: sol[c] for c in cols} for sol in result]
        if rdf_format is not None:
            return ["subject", "predicate", "object"], [
                {"subject": q.subject, "predicate": q.predicate, "object": q.object}
                for q in ox.parse(payload, rdf_format)]
    except (SyntaxError, ValueError) as e:
        raise QueryError(f"the answer of {url} is not valid {media}: {e}") from None
    shown = media or "no content type"
    raise QueryError(f"the answer of {url} is not SPARQL results ({shown}) — is it the query endpoint? "
                     f"({QUERY_EXAMPLES})")


def remote_query(endpoint: str, text: str, subs: dict[str, Term] | None = None, *, timeout: float = 60.0,
                 auth: str | None = None) -> Rows:
    """Run a read-only query on a SPARQL 1.1 Protocol endpoint; the answer as `kg.queries.execute` gives it.

    POSTed as a form (`query=…`), which every SPARQL 1.1 server accepts whatever the query's length, and
    which a server parses as a query only — an update sent this way is a syntax error, never run."""
    from kg.queries import check_read_only

    url = check_url(endpoint, QUERY_EXAMPLES, "KG_QUERY")
    check_read_only(text)
    data = urllib.parse.urlencode({"query": inject_values(text, subs)}).encode("utf-8")
    headers = {"Accept": ACCEPT, "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
    try:
        _, content_type, payload = _send("POST", url, data, headers, timeout, auth)
    except urllib.error.HTTPError as e:
        raise _query_http_error(e, url) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
        raise _unreachable(url, e, timeout) from None
    return parse_answer(payload, content_type, url)


def _query_http_error(e: urllib.error.HTTPError, url: str) -> KgError:
    msg = _server_message(e)
    if e.code == 400:
        return UsageError(f"{url} refused the query (HTTP 400): {msg or 'bad request'}")
    if e.code in (401, 403):
        return KgError(f"{url} refused access (HTTP {e.code}{': ' + msg if msg else ''}) — set KG_QUERY_USER and "
                       "KG_QUERY_PASSWORD, or KG_QUERY_TOKEN")
    if e.code in (404, 405, 415):
        return KgError(f"{url} is not a SPARQL query endpoint (HTTP {e.code}) — {QUERY_EXAMPLES}")
    return KgError(f"{url} answered HTTP {e.code}{': ' + msg if msg else ''}")


def remote_runner(endpoint: str, timeout: float = 60.0) -> Callable[[str, dict[str, Term] | None], Rows]:
    """A `run(query_text, substitutions) -> (columns, rows)` for kg.api.query, bound to one endpoint.

    The URL and credentials are checked once, here, so a mistake is reported before any query runs."""
    url = check_url(endpoint, QUERY_EXAMPLES, "KG_QUERY")
    auth = auth_header("KG_QUERY")

    def run(text: str, subs: dict[str, Term] | None = None) -> Rows:
        return remote_query(url, text, subs, timeout=timeout, auth=auth)

    return run


# ---- push -------------------------------------------------------------------------------------------

@dataclass
class PushReport:
    endpoint: str
    sent: list[str] = field(default_factory=list)  # graph IRIs PUT ("" = the default graph)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    bytes_sent: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        size = (f"{self.bytes_sent / 1e6:.1f} MB" if self.bytes_sent >= 1e5 else f"{self.bytes_sent / 1e3:.1f} kB")
        return (f"{len(self.sent)} graphs sent, {len(self.deleted)} deleted, {self.unchanged} unchanged "
                f"→ {self.endpoint} ({size} in {self.seconds:.1f} s)")


GraphFn = Callable[[str, str], None]  # (graph key, "sent" | "deleted")


def push(endpoint: str, store_path: str | os.PathLike[str] | None = None, *, resend_all: bool = False,
         jobs: int = 4, timeout: float = 60.0, tries: int = 5, backoff: float = 0.5,
         on_start: Callable[[int], None] | None = None, on_graph: GraphFn | None = None,
         warn: Callable[[str], None] | None = None) -> PushReport:
    """Make the Graph Store at `endpoint` hold the local graph: PUT each new or changed graph, DELETE the
    graphs of documents removed since the last push there. See the module docstring.

    The meta graph (build bookkeeping: local file paths, build times) stays local, as in `kg export`;
    queries do not depend on it. `resend_all` sends every graph again — for a server that lost its data
    or graphs changed with `kg update`, which does not change a document's recorded content hash."""
    from kg.store import KgStore

    url = check_url(endpoint, STORE_EXAMPLES)
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    auth = auth_header("KG_PUSH")
    host = urllib.parse.urlsplit(url).hostname
    if auth and url.startswith("http://") and not is_loopback(host) and warn:
        warn(f"sending credentials over plain HTTP to {host}: anyone on the way can read them — use https://")
    kg_store = KgStore(store_path)
    if not kg_store.exists():
        raise KgError(f"no graph in {kg_store.path} yet — build one first: kg build ARTICLES --store {kg_store.path}")
    store = kg_store.open_read()
    started = time.monotonic()
    report = PushReport(url)
    local = local_graphs(store, warn)
    state_path = kg_store.path / STATE_FILE
    remembered = load_state(state_path, warn).get(url, {})
    record = dict(remembered)  # what the endpoint holds, as far as we know; saved as we go
    to_send = sorted(k for k, h in local.items() if resend_all or remembered.get(k) != h)
    to_delete = sorted(k for k in remembered if k not in local)
    report.unchanged = len(local) - len(to_send)
    if on_start:
        on_start(len(to_send) + len(to_delete))
    stop = threading.Event()  # set when the push fails: workers give up retrying
    http_args = {"timeout": timeout, "tries": tries, "backoff": backoff, "auth": auth, "stop": stop}
    lock = threading.Lock()
    saved_at = time.monotonic()

    def put(key: str) -> str:
        body = graph_ntriples(store, key)
        _gsp("PUT", url, key, body, **http_args)
        with lock:
            report.bytes_sent += len(body)
        return "sent"

    def delete(key: str) -> str:
        _gsp("DELETE", url, key, None, **http_args)
        return "deleted"

    tasks: list[tuple[str, Callable[[str], str]]] = [(k, put) for k in to_send] + [(k, delete) for k in to_delete]
    finished = False
    try:
        for key, action in _run_all(tasks, jobs, stop):
            if action == "sent":
                record[key] = local[key]
                report.sent.append(key)
            else:
                record.pop(key, None)
                report.deleted.append(key)
            if on_graph:
                on_graph(key, action)
            if time.monotonic() - saved_at > 2.0:  # an interrupted push resumes where it stopped
                save_state(state_path, url, record)
                saved_at = time.monotonic()
        finished = True
        report.sent.sort()
        report.deleted.sort()
    finally:
        try:  # what did reach the server is recorded even when the push stops half-way
            save_state(state_path, url, record)
        except KgError:
            if finished:
                raise
    report.seconds = time.monotonic() - started
    return report


class _PushStopped(KgError):
    """A request not sent because another one of the same push failed first."""


def _run_all(tasks: list[tuple[str, Callable[[str], str]]], jobs: int, stop: threading.Event
             ) -> Iterator[tuple[str, str]]:
    """(key, outcome) as tasks finish, `jobs` at a time; the first error stops the rest and is raised.

    A few requests in flight hide the network's round trips; more would only queue at the server."""
    if not tasks:
        return
    pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="kg-push")
    pending: dict[Future[str], str] = {}
    todo = iter(tasks)
    try:
        while True:
            while len(pending) < jobs * 2:
                nxt = next(todo, None)
                if nxt is None:
                    break
                pending[pool.submit(nxt[1], nxt[0])] = nxt[0]
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in sorted(done, key=lambda f: f.exception() is not None):  # results before an error
                key = pending.pop(fut)
                if isinstance(fut.exception(), _PushStopped):
                    continue  # not sent because another request failed: that one's error is raised
                yield key, fut.result()  # raises the worker's error here
    finally:
        stop.set()
        for fut in pending:
            fut.cancel()
        pool.shutdown(wait=False, cancel_futures=True)


def local_graphs(store: ox.Store, warn: Callable[[str], None] | None = None) -> dict[str, str]:
    """Graph key -> content hash for every graph to push (as `kg export` would write them: not the meta
    graph). A document's hash is the one the build recorded (no need to read its triples); other graphs
    (from `kg update`) are hashed from their sorted N-Triples."""
    from kg.store import document_hashes

    docs = {iri: h for iri, (h, _) in document_hashes(store).items()}
    out: dict[str, str] = {}
    for g in store.named_graphs():
        if isinstance(g, ox.BlankNode):
            if warn:
                warn(f"graph {g} is named by a blank node, which the Graph Store Protocol cannot address: not sent")
            continue
        if g.value == V.META_GRAPH:
            continue
        out[g.value] = docs.get(g.value) or _content_hash(store, g.value)
    for iri, h in docs.items():  # a document that gave no triples still exists (as an empty graph)
        out.setdefault(iri, h)
    if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        out[DEFAULT_GRAPH] = _content_hash(store, DEFAULT_GRAPH)
    return out


def graph_ntriples(store: ox.Store, key: str) -> bytes:
    """One graph's triples as N-Triples (UTF-8): the body of its PUT."""
    graph = ox.DefaultGraph() if key == DEFAULT_GRAPH else ox.NamedNode(key)
    return ox.serialize((ox.Triple(q.subject, q.predicate, q.object)
                         for q in store.quads_for_pattern(None, None, None, graph)), format=ox.RdfFormat.N_TRIPLES)


def _content_hash(store: ox.Store, key: str) -> str:
    lines = sorted(graph_ntriples(store, key).splitlines())
    return "nt-sha256:" + hashlib.sha256(b"\n".join(lines)).hexdigest()


def _graph_url(url: str, key: str) -> str:
    param = "default" if key == DEFAULT_GRAPH else "graph=" + urllib.parse.quote(key, safe="")
    return url + ("&" if "?" in url else "?") + param


def _gsp(method: str, url: str, key: str, body: bytes | None, *, timeout: float, tries: int, backoff: float,
         auth: str | None, stop: threading.Event | None = None) -> None:
    """One Graph Store request, retried with exponential backoff (and jitter, so parallel workers do not
    retry in step) on connection errors, timeouts, 429 and 5xx. PUT and DELETE are idempotent, so a
    retry after a lost answer is safe. A DELETE of a graph the server no longer has is a success."""
    target = _graph_url(url, key)
    headers = {"Content-Type": "application/n-triples"} if body is not None else {}
    stop = stop or threading.Event()
    tries = max(1, tries)
    for attempt in range(1, tries + 1):
        if stop.is_set():  # another request of this push failed: start nothing new
            raise _PushStopped(f"{method} {key or 'the default graph'} to {url} not sent: the push stopped")
        retry_after = None
        try:
            _send(method, target, body, headers, timeout, auth)
            return
        except urllib.error.HTTPError as e:
            if method == "DELETE" and e.code == 404:
                return
            if e.code < 500 and e.code != 429:
                stop.set()
                raise _push_http_error(e, url, method, key) from None
            msg = _server_message(e)
            failure = KgError(f"{url} answered HTTP {e.code} to {method} {key or 'the default graph'}"
                              f"{': ' + msg if msg else ''} (tried {attempt} times) — check the server's log")
            with contextlib.suppress(TypeError, ValueError):
                retry_after = float(e.headers.get("Retry-After", ""))
        except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
            failure = _unreachable(url, e, timeout)
        if attempt == tries:
            stop.set()  # set here, in the worker, so that no queued request starts before the caller sees this
            raise failure
        delay = retry_after if retry_after is not None else backoff * 2 ** (attempt - 1)
        if stop.wait(min(30.0, delay) * random.uniform(0.8, 1.2)):  # another request failed: give up too
            raise failure
    raise AssertionError("unreachable")


def _push_http_error(e: urllib.error.HTTPError, url: str, method: str, key: str) -> KgError:
    msg = _server_message(e)
    detail = f": {msg}" if msg else ""
    if e.code in (401, 403) and "read-only" in msg.lower():
        return KgError(f"{url} is read-only (HTTP {e.code}) — push to a server started read-write "
                       "(`oxigraph serve --location DIR`), not to `kg serve`")
    if e.code in (401, 403):
        return KgError(f"{url} refused the upload (HTTP {e.code}{detail}) — set KG_PUSH_USER and KG_PUSH_PASSWORD, "
                       "or KG_PUSH_TOKEN, to credentials allowed to write")
    if e.code in (404, 405):
        return KgError(f"{url} is not a writable Graph Store endpoint (HTTP {e.code} to {method}) — "
                       f"{STORE_EXAMPLES}")
    if 300 <= e.code < 400:
        where = e.headers.get("Location", "another URL")
        return KgError(f"{url} redirects to {where} — pass that URL as --endpoint")
    if e.code == 413:
        return KgError(f"{url} refused the graph {key} as too large (HTTP 413) — raise the server's upload limit")
    if e.code == 415:
        return KgError(f"{url} does not accept N-Triples (HTTP 415{detail})")
    return KgError(f"{url} refused {method} {key or 'the default graph'} (HTTP {e.code}{detail})")


# ---- push state -------------------------------------------------------------------------------------

def load_state(path: Path, warn: Callable[[str], None] | None = None) -> dict[str, dict[str, str]]:
    """endpoint URL -> {graph key -> content hash sent}. A damaged file counts as empty (everything is sent
    again, which PUT makes harmless), with a warning that removed documents will not be deleted remotely."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {url: dict(entry["graphs"]) for url, entry in data["endpoints"].items()}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        if warn:
            warn(f"{path} cannot be read ({e}): every graph is sent again, and graphs of documents removed since "
                 "the last push stay on the server")
        return {}


def save_state(path: Path, url: str, graphs: dict[str, str]) -> None:
    """Replace this endpoint's entry, under a lock and by atomic rename, so concurrent pushes to other
    endpoints keep theirs and a crash never leaves half a file."""
    lock_path = path.with_name(path.name + ".lock")
    try:
        with open(lock_path, "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if not isinstance(data.get("endpoints"), dict):
                    raise ValueError
            except (OSError, ValueError, AttributeError):
                data = {"version": 1, "endpoints": {}}
            data["endpoints"][url] = {"pushed_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                                      "graphs": dict(sorted(graphs.items()))}
            tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
            tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            os.replace(tmp, path)
    except OSError as e:
        raise KgError(f"cannot record what was pushed in {path}: {e.strerror or e} — the next push will send "
                      "those graphs again; make the store directory writable") from None
