"""The on-disk Oxigraph store, built by staging and swapping so a build applies whole or not at all.

Layout of a store directory (default `.kg/store`, or `--store PATH`, or `$KG_STORE`)::

    .kg/store/
        current -> gen-000007     symlink to the generation readers open
        gen-000007/               an Oxigraph (RocksDB) database
        build.lock                held (flock) by the one process that is building

A build takes the lock, makes a RocksDB checkpoint of the current generation (`Store.backup`:
hard links, so cheap), writes its changes there with bulk loading, closes it and then swaps
the `current` symlink atomically (`os.replace`). `kill -9` before the swap leaves `current`
untouched; the half-written generation is removed by the next build. Readers open `current`
read-only and never see a half-applied build.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg import vocab as V
from kg.errors import StoreError, StoreLockedError

DEFAULT_STORE = ".kg/store"
_GEN = re.compile(r"^gen-(\d{6})$")


def resolve_store_path(path: str | os.PathLike[str] | None = None) -> Path:
    return Path(path or os.environ.get("KG_STORE") or DEFAULT_STORE)


class KgStore:
    """A store directory holding generations of one Oxigraph database."""

    def __init__(self, path: str | os.PathLike[str] | None = None):
        self.path = resolve_store_path(path)

    # ---- reading -----------------------------------------------------------------------------
    @property
    def current(self) -> Path | None:
        link = self.path / "current"
        if not link.exists():
            return None
        return link.resolve()

    def exists(self) -> bool:
        return self.current is not None

    def open_read(self) -> ox.Store:
        """A read-only view of the current generation (an empty store when nothing was built)."""
        cur = self.current
        if cur is None:
            if self.path.exists() and any(self.path.iterdir()) and not (self.path / "build.lock").exists():
                raise StoreError(f"{self.path} is not a coop-kg store — pass another --store or remove it")
            return ox.Store()
        try:
            return ox.Store.read_only(str(cur))
        except OSError as e:
            raise StoreError(f"cannot open the store at {cur}: {e} — rebuild it with `kg build --full`") from None

    # ---- writing -----------------------------------------------------------------------------
    @contextlib.contextmanager
    def lock(self, wait: bool = False, timeout: float | None = None) -> Iterator[None]:
        self.path.mkdir(parents=True, exist_ok=True)
        lock_path = self.path / "build.lock"
        fh = open(lock_path, "a+")
        try:
            deadline = None if timeout is None else time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    fh.seek(0)
                    holder = fh.read().strip() or "another process"
                    if not wait or (deadline is not None and time.monotonic() > deadline):
                        raise StoreLockedError(
                            f"store {self.path} is being built by PID {holder} — wait for it, or pass --wait"
                        ) from None
                    time.sleep(0.2)
            fh.seek(0)
            fh.truncate()
            fh.write(str(os.getpid()))
            fh.flush()
            yield
        finally:
            with contextlib.suppress(OSError):
                fh.seek(0)
                fh.truncate()
            fcntl.flock(fh, fcntl.LOCK_UN)
            fh.close()

    def _generations(self) -> list[tuple[int, Path]]:
        if not self.path.exists():
            return []
        out = []
        for p in self.path.iterdir():
            m = _GEN.match(p.name)
            if m and p.is_dir():
                out.append((int(m.group(1)), p))
        return sorted(out)

    def remove_leftovers(self) -> None:
        """Generations left by a killed build are never current: remove them. Must hold the lock."""
        cur = self.current
        for _, p in self._generations():
            if cur is None or p.resolve() != cur:
                shutil.rmtree(p, ignore_errors=True)

    @contextlib.contextmanager
    def stage(self, fresh: bool = False) -> Iterator[ox.Store]:
        """A writable copy of the current generation (an empty store when `fresh`: a full rebuild loads
        into it faster than it replaces every graph of a copy); swapped in when the block ends without
        error. Must be called with the lock held.
        """
        cur = self.current
        self.remove_leftovers()
        gens = self._generations()
        number = (gens[-1][0] + 1) if gens else 1
        target = self.path / f"gen-{number:06d}"
        if cur is not None and not fresh:
            src = ox.Store(str(cur))
            src.backup(str(target))
            del src
        staged = ox.Store(str(target))
        try:
            yield staged
            staged.flush()
        except BaseException:
            del staged
            shutil.rmtree(target, ignore_errors=True)
            raise
        del staged
        self._swap(target)
        if cur is not None and cur != target.resolve():
            shutil.rmtree(cur, ignore_errors=True)

    def _swap(self, target: Path) -> None:
        link = self.path / "current"
        tmp = self.path / f".current.{os.getpid()}"
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        os.symlink(target.name, tmp)
        dir_fd = os.open(self.path, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
            os.replace(tmp, link)
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def carry_over_graphs(src: ox.Store, dst: ox.Store, loaded: set[str]) -> None:
    """Into a store built fresh, everything of `src` that this build did not load again: document graphs
    (with their bookkeeping) of files that failed this time, graphs added with `kg update`; and what they
    say about entities, into the entities graph."""
    from kg.mapping import entity_quads

    meta = ox.NamedNode(V.META_GRAPH)
    for g in src.named_graphs():
        if not isinstance(g, ox.NamedNode) or g.value in loaded or \
                g.value in {V.META_GRAPH, V.ENTITIES_GRAPH, V.STATS_GRAPH}:
            continue
        quads = list(src.quads_for_pattern(None, None, None, g))
        dst.extend(quads)
        dst.extend(list(src.quads_for_pattern(g, None, None, meta)))
        dst.extend(entity_quads(quads))
    default = list(src.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    if default:
        dst.extend(default)


def apply_update(kg_store: KgStore, text: str, wait: bool = False) -> None:
    """Run a SPARQL UPDATE on a staged copy and swap it in (all or nothing)."""
    from kg.errors import UsageError

    with kg_store.lock(wait=wait), kg_store.stage() as store:
        try:
            store.update(text)
        except SyntaxError as e:
            raise UsageError(f"SPARQL syntax error: {e}") from None
        refresh_entities(store)
        from kg.stats import refresh_stats

        refresh_stats(store)


def refresh_entities(store: ox.Store) -> None:
    """Recompute the entities graph (vocab.ENTITIES_GRAPH) from the named graphs: after an update that
    may have changed any of them, or for data loaded from elsewhere. Builds keep it up to date
    document by document instead."""
    from kg.mapping import entity_quads

    entities = ox.NamedNode(V.ENTITIES_GRAPH)
    meta = ox.NamedNode(V.META_GRAPH)
    if store.contains_named_graph(entities):
        store.remove_graph(entities)
    quads = entity_quads(q for q in store.quads_for_pattern(None, None, None, None)
                         if isinstance(q.graph_name, ox.NamedNode) and q.graph_name != meta)
    store.extend(quads)  # a store is a set: what several documents say is kept once


def document_hashes(store: ox.Store) -> dict[str, tuple[str, str]]:
    """doc IRI -> (content hash, source path) as recorded in the meta graph (read as quads: a third
    faster than a SPARQL join on 10k documents, and this runs on every build)."""
    meta = ox.NamedNode(V.META_GRAPH)
    hashes = {q.subject.value: q.object.value
              for q in store.quads_for_pattern(None, ox.NamedNode(V.COOP + "contentHash"), None, meta)}
    paths = {q.subject.value: q.object.value
             for q in store.quads_for_pattern(None, ox.NamedNode(V.COOP + "sourcePath"), None, meta)}
    return {doc: (h, paths[doc]) for doc, h in hashes.items() if doc in paths}


def forget_document(store: ox.Store, doc_iri: str, said: set | None = None) -> None:
    """Remove a document's graph and its bookkeeping (before loading its new version), and what only
    it said about entities from the entities graph. With `said`, what it said about entities is added
    there instead, for one `prune_entities` call after the batch is loaded: a statement many documents
    of the batch make is then checked once."""
    from kg.mapping import entity_quads

    g = ox.NamedNode(doc_iri)
    if store.contains_named_graph(g):
        stated = {(q.subject, q.predicate, q.object)
                  for q in entity_quads(store.quads_for_pattern(None, None, None, g))}
        store.remove_graph(g)
        if said is not None:
            said |= stated
        else:
            prune_entities(store, stated)
    meta = ox.NamedNode(V.META_GRAPH)
    for q in list(store.quads_for_pattern(g, None, None, meta)):
        store.remove(q)


def prune_entities(store: ox.Store, stated: set) -> None:
    """Take out of the entities graph the statements in `stated` that no document graph makes any more."""
    entities = ox.NamedNode(V.ENTITIES_GRAPH)
    meta = ox.NamedNode(V.META_GRAPH)
    for s, p, o in stated:
        if not any(isinstance(q.graph_name, ox.NamedNode) and q.graph_name not in (entities, meta)
                   for q in store.quads_for_pattern(s, p, o)):
            store.remove(ox.Quad(s, p, o, entities))


def document_meta_nquads(doc_iri: str, content_hash: str, source_path: str) -> bytes:
    meta = ox.NamedNode(V.META_GRAPH)
    g = ox.NamedNode(doc_iri)
    return ox.serialize([
        ox.Quad(g, ox.NamedNode(V.COOP + "contentHash"), ox.Literal(content_hash), meta),
        ox.Quad(g, ox.NamedNode(V.COOP + "sourcePath"), ox.Literal(source_path), meta),
    ], format=ox.RdfFormat.N_QUADS)


def remove_document(store: ox.Store, doc_iri: str) -> None:
    forget_document(store, doc_iri)


def last_build(store: ox.Store) -> str | None:
    """When the current generation was built (UTC, ISO 8601), from the meta graph."""
    q = f"""SELECT ?t WHERE {{ GRAPH <{V.META_GRAPH}> {{ <{V.KGID}build/last> <{V.PROV}endedAtTime> ?t }} }}"""
    rows = list(store.query(q))
    return rows[0]["t"].value if rows else None


def record_build(store: ox.Store, summary: dict[str, int]) -> None:
    meta = ox.NamedNode(V.META_GRAPH)
    build = ox.NamedNode(V.KGID + "build/last")
    for q in list(store.quads_for_pattern(build, None, None, meta)):
        store.remove(q)
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    quads = [ox.Quad(build, ox.NamedNode(V.PROV + "endedAtTime"),
                     ox.Literal(now, datatype=ox.NamedNode(V.XSD + "dateTime")), meta)]
    for k, v in summary.items():
        quads.append(ox.Quad(build, ox.NamedNode(V.COOP + "build" + k.capitalize()),
                             ox.Literal(str(v), datatype=ox.NamedNode(V.XSD + "integer")), meta))
    store.extend(quads)
