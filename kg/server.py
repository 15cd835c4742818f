"""`kg serve`: the store as a read-only SPARQL 1.1 Protocol endpoint, answered by the Oxigraph server.

Why the real Oxigraph server in a child process: it is the same engine as pyoxigraph (so a saved query
gives the same rows over HTTP as locally), a multi-threaded Rust HTTP server, and ships its own query
page; the `oxigraph` package (the `server` extra) puts it next to the Python interpreter. It runs with
`--union-default-graph`, the remote equivalent of `use_default_graph_as_union=True` in
kg.queries.execute, so the saved queries see the union of the document graphs as they do locally.

Why a private snapshot instead of the `current` generation itself: a build opens the current generation
read-write to checkpoint it, then deletes it after swapping the `current` link — a server reading that
directory would have files pulled from under it (RocksDB calls read-only beside a writer undefined
behaviour). So the server gets a RocksDB checkpoint of the generation (hard links: instant, no extra
space) taken under the build lock, and when `current` moves it is restarted on a checkpoint of the new
generation: the endpoint follows `kg build` with well under a second of downtime.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError, StoreLockedError
from kg.store import KgStore

_SNAPSHOT = re.compile(r"^serve-(\d+)-")


@dataclass
class ServeInfo:
    """What the user needs to know once the endpoint answers."""

    store: Path
    generation: str
    base_url: str
    query_url: str


class _Stopped(Exception):
    """Raised inside serve() when a stop signal arrives while waiting (for a build, for the server)."""


def oxigraph_binary() -> str:
    """The `oxigraph` executable: the one installed with this Python (pip install 'coop-kg[server]'),
    else the first on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"  # not resolved: a venv's bin/, not the base Python's
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise KgError("the Oxigraph server is not installed — pip install 'coop-kg[server]' (or pip install oxigraph)")


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", ""):
        return socket.gethostname()
    if host == "::":
        return socket.gethostname()
    return f"[{host}]" if ":" in host else host


def _probe_host(host: str) -> str:
    """Where this machine reaches its own server: a wildcard bind is reached on loopback."""
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


def check_bind(host: str, port: int) -> None:
    """Fail with a message the user can act on when the address cannot be listened on — checked before the
    child starts, because its own error (a Rust io::Error) says less."""
    if not 1 <= port <= 65535:
        raise KgError(f"port {port} is out of range — use 1-65535, e.g. --port 7878")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        raise KgError(f"unknown host {host!r} — use an address of this machine, e.g. 127.0.0.1") from None
    family, _, _, _, addr = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does: TIME_WAIT is no conflict
        try:
            s.bind(addr)
        except PermissionError:
            raise KgError(f"cannot listen on port {port}: permission denied — ports below 1024 need root; "
                          "use e.g. --port 7878") from None
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                raise KgError(f"port {port} on {host} is already in use — is another `kg serve` or SPARQL server "
                              "running? Stop it, or pick another port with --port") from None
            if e.errno == errno.EADDRNOTAVAIL:
                raise KgError(f"{host} is not an address of this machine — use 127.0.0.1 (this machine only) or "
                              "0.0.0.0 (every interface)") from None
            raise KgError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None


# ---- snapshots --------------------------------------------------------------------------------------

def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_snapshots(kg_store: KgStore) -> None:
    """Snapshots left by a `kg serve` that was killed (kill -9 skips its clean-up)."""
    with contextlib.suppress(OSError):
        for p in kg_store.path.iterdir():
            m = _SNAPSHOT.match(p.name)
            if m and p.is_dir() and int(m.group(1)) != os.getpid() and not _pid_alive(int(m.group(1))):
                shutil.rmtree(p, ignore_errors=True)


def take_snapshot(kg_store: KgStore, stop: threading.Event, notify: Callable[[str], None]) -> tuple[Path, Path]:
    """(checkpoint directory, generation it copies). Taken under the build lock so no build is opening
    the generation meanwhile; a running build is waited for (a checkpoint itself takes milliseconds).
    Where the store directory is not writable, the generation itself is served, with a warning."""
    import pyoxigraph as ox

    told = False
    while True:
        try:
            with kg_store.lock():
                gen = kg_store.current
                if gen is None:
                    raise KgError(f"no graph in {kg_store.path} any more — rebuild it with `kg build`")
                target = kg_store.path / f"serve-{os.getpid()}-{gen.name}"
                shutil.rmtree(target, ignore_errors=True)
                src = ox.Store.read_only(str(gen))
                try:
                    src.backup(str(target))
                finally:
                    del src
                return target, gen
        except StoreLockedError:
            if not told:
                notify("a build is running: waiting for it to finish…")
                told = True
            if stop.wait(0.5):
                raise _Stopped from None
        except OSError as e:
            gen = kg_store.current
            if gen is None:
                raise KgError(f"cannot open the store at {kg_store.path}: {e}") from None
            notify(f"cannot write in {kg_store.path} ({e.strerror or e}): serving {gen.name} directly — restart "
                   "`kg serve` after each build")
            return gen, gen


# ---- the child process ------------------------------------------------------------------------------

def _die_with_parent() -> Callable[[], None] | None:
    """A preexec function asking Linux to SIGTERM the server when `kg serve` dies (even by kill -9), so no
    orphan keeps the port. The libc function is looked up here, before fork, not in the child."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None

    def preexec() -> None:
        prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG

    return preexec


class _Child:
    """The Oxigraph server process and the last lines it printed (for error messages)."""

    def __init__(self, location: Path, host: str, port: int, timeout_s: int | None):
        bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        cmd = [oxigraph_binary(), "serve-read-only", "--location", str(location), "--bind", bind,
               "--union-default-graph"]
        if timeout_s:
            cmd += ["--timeout-s", str(timeout_s)]
        self.output: deque[str] = deque(maxlen=40)
        # Own session: a Ctrl-C in the terminal reaches only `kg serve`, which stops the server in order.
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     start_new_session=True, preexec_fn=_die_with_parent())
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in iter(self.proc.stdout.readline, b""):
            self.output.append(line.decode("utf-8", "replace").rstrip())

    def failure(self, port: int) -> KgError:
        self._reader.join(1.0)
        text = " ".join(self.output)
        if "in use" in text.lower():
            return KgError(f"port {port} is already in use — is another `kg serve` or SPARQL server running? "
                           "Stop it, or pick another port with --port")
        # its message is the "Error: …" line; a Rust backtrace may follow it
        said = next((ln[len("Error:"):].strip() for ln in self.output if ln.startswith("Error:")), None)
        tail = said or " / ".join(list(self.output)[-3:]) or f"exit code {self.proc.returncode}"
        return KgError(f"the Oxigraph server stopped: {tail}")

    def wait_ready(self, host: str, port: int, timeout: float, stop: threading.Event) -> None:
        """Bounded wait until the endpoint answers a query (the port opens before the store is loaded)."""
        url = f"http://{_probe_host(host)}:{port}/query?query=ASK%7B%7D"
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise self.failure(port)
            try:
                with opener.open(url, timeout=2):
                    pass
                return
            except urllib.error.HTTPError:
                return  # it answers HTTP: up
            except (urllib.error.URLError, OSError):
                pass
            if stop.wait(0.1):
                raise _Stopped
        raise KgError(f"the Oxigraph server did not answer within {timeout:g} s — "
                      + (" / ".join(list(self.output)[-3:]) or "no output"))

    def stop(self, grace: float = 10.0) -> None:
        """SIGTERM (what Oxigraph stops on, whatever signal `kg serve` received), then SIGKILL after `grace`."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(grace)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(1.0)
        if self.proc.stdout:
            self.proc.stdout.close()


# ---- serve ------------------------------------------------------------------------------------------

def serve(store_path: str | os.PathLike[str] | None = None, host: str = "127.0.0.1", port: int = 7878, *,
          timeout_s: int | None = None, follow: bool = True, poll: float = 1.0, startup_timeout: float = 30.0,
          on_ready: Callable[[ServeInfo], None] | None = None, notify: Callable[[str], None] | None = None,
          stop: threading.Event | None = None) -> int:
    """Serve the store read-only until SIGINT/SIGTERM (or `stop` is set); returns the exit code, 0.

    `notify` receives warnings and events (non-loopback bind, waiting for a build, reloads); `on_ready`
    the URLs once the endpoint answers. Signal handlers are installed only when called from the main
    thread; elsewhere, set `stop`."""
    from kg.remote import is_loopback

    say = notify or (lambda _msg: None)
    kg_store = KgStore(store_path)
    if kg_store.current is None:
        kg_store.open_read()  # raises for a directory that is not a coop-kg store
        raise KgError(f"no graph in {kg_store.path} yet — build one first: kg build ARTICLES --store {kg_store.path}")
    oxigraph_binary()
    check_bind(host, port)
    if not is_loopback(host):
        say(f"Warning: listening on {host} lets anyone who can reach this machine on port {port} read the whole "
            "graph (there is no authentication); use the default 127.0.0.1, or put an authenticating proxy in "
            "front")

    stop = stop or threading.Event()
    handlers = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            handlers[sig] = signal.signal(sig, lambda _signum, _frame: stop.set())
    child: _Child | None = None
    snapshot: Path | None = None
    gen: Path | None = None
    try:
        remove_stale_snapshots(kg_store)
        snapshot, gen = take_snapshot(kg_store, stop, say)
        child = _Child(snapshot, host, port, timeout_s)
        child.wait_ready(host, port, startup_timeout, stop)
        base = f"http://{_url_host(host)}:{port}/"
        if on_ready:
            on_ready(ServeInfo(kg_store.path, gen.name, base, base + "query"))
        while not stop.wait(poll):
            if child.proc.poll() is not None:
                raise child.failure(port)
            current = kg_store.current
            if not follow or current is None or current == gen:
                continue
            new_snapshot, new_gen = take_snapshot(kg_store, stop, say)
            child.stop()
            _drop_snapshot(snapshot, gen)
            snapshot, gen = new_snapshot, new_gen
            child = _Child(snapshot, host, port, timeout_s)
            child.wait_ready(host, port, startup_timeout, stop)
            say(f"the store was rebuilt: now serving {gen.name}")
    except _Stopped:
        pass
    finally:
        if child is not None:
            child.stop()
        _drop_snapshot(snapshot, gen)
        for sig, handler in handlers.items():
            if handler is not None:  # None: installed outside Python, cannot be put back
                signal.signal(sig, handler)
    return 0


def _drop_snapshot(snapshot: Path | None, gen: Path | None) -> None:
    if snapshot is not None and snapshot != gen:
        shutil.rmtree(snapshot, ignore_errors=True)
