"""Build: files -> extraction (parallel workers) -> N-Quads -> staged store -> swap.

Incremental by default: a document whose bytes and extractor fingerprint are unchanged is skipped;
a changed one replaces only its named graph; `prune` removes graphs of files no longer given.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import DocumentError, UsageError
from kg.reader import SUPPORTED, document_id

ProgressFn = Callable[[str, "DocReport"], None]
_COUNTED_CHANGES = 200  # up to this many documents changed, the statements are not counted again (see _apply)


@dataclass
class DocReport:
    path: str
    status: str  # added | updated | unchanged | skipped | removed
    counts: dict[str, int] = field(default_factory=dict)
    error: str | None = None


@dataclass
class BuildReport:
    store: str
    documents: list[DocReport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # inputs that are not documents at all

    def count(self, status: str) -> int:
        return sum(1 for d in self.documents if d.status == status)

    @property
    def ok(self) -> bool:
        return not self.problems and self.count("skipped") == 0


def collect_inputs(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[str]]:
    """Files to read (folders walked, symlink loops and unsupported files left out) and problems."""
    files: list[Path] = []
    problems: list[str] = []
    seen: set = set()
    for raw in paths:
        p = Path(raw)
        if not p.exists() and not p.is_symlink():
            problems.append(f"{p}: does not exist — check the path")
            continue
        if p.is_file():
            _add(p, files, seen)
            continue
        if p.is_dir():
            _walk(p, files, seen, problems, set())
            continue
        problems.append(f"{p}: is a broken link or not a regular file")
    return files, problems


def _add(p: Path, files: list[Path], seen: set) -> None:
    """Once per file, however many links lead to it: keyed by device and inode (one stat call, where
    resolving the path costs one per path component)."""
    try:
        st = os.stat(p)
        key = (st.st_dev, st.st_ino)
    except OSError:
        key = str(p)  # unreadable: kept, and reported when it is read
    if key not in seen:
        seen.add(key)
        files.append(p)


def _walk(folder: Path, files: list[Path], seen: set, problems: list[str], visited: set[tuple[int, int]]) -> None:
    """The supported files under `folder`: its own files first (by name), then each sub-folder (by name),
    hidden ones left out, each folder once however many links lead to it. One `scandir` per folder: a
    file's identity comes from its directory entry (no `stat` call unless it is a link), which on 10k
    files is most of the time of a build where nothing changed."""
    try:
        st = os.stat(folder)
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        problems.append(f"{e.filename or folder}: cannot be listed ({e.strerror})")
        return
    if (st.st_dev, st.st_ino) in visited:
        problems.append(f"{folder}: links back to a folder already read (symlink loop) — skipped")
        return
    visited.add((st.st_dev, st.st_ino))
    folders = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()  # (follows links)
        except OSError:
            is_dir = False
        if is_dir:
            folders.append(Path(entry.path))
            continue
        if Path(entry.name).suffix.lower() not in SUPPORTED:
            continue
        f = Path(entry.path)
        key: tuple[int, int] | str
        try:
            if entry.is_symlink():
                target = entry.stat()
                key = (target.st_dev, target.st_ino)
            else:
                key = (st.st_dev, entry.inode())
        except OSError:
            if not os.path.exists(f):
                problems.append(f"{f}: is a broken link — remove it or fix its target")
                continue
            key = str(f)  # unreadable: kept, and reported when it is read
        if key not in seen:
            seen.add(key)
            files.append(f)
    for sub in folders:
        _walk(sub, files, seen, problems, visited)


def extractor_fingerprint() -> str:
    """Changes whenever the rules or the reference data change, so documents are re-extracted."""
    from kg.extract.reference import DEFAULT_REFERENCE_DIR

    h = hashlib.sha256()
    base = Path(__file__).resolve().parent
    for f in sorted(list((base / "extract").glob("*.py")) + [base / "mapping.py", base / "reader.py"]):
        h.update(f.read_bytes())
    for f in sorted(DEFAULT_REFERENCE_DIR.glob("*.csv")):
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def process_file(path: str, fingerprint: str = "") -> tuple[str, str | None, bytes | None, bytes | None,
                                                            dict[str, int], str | None]:
    """Worker: (path, doc IRI, N-Quads of the document's graph and of its bookkeeping with the stored hash,
    N-Quads of what it says about entities, counts, error). Pure: reads one file, touches no store."""
    import pyoxigraph as ox

    from kg.extract.pipeline import extract
    from kg.mapping import entity_quads, to_quads
    from kg.reader import read_document
    from kg.store import document_meta_nquads
    from kg.vocab import doc_iri

    try:
        doc = read_document(Path(path))
        digest = doc.content_hash + "/" + fingerprint
        ex = extract(doc)
        quads = to_quads(ex)
        iri = doc_iri(doc.slug)
        data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) + document_meta_nquads(iri, digest, path)
        entities = ox.serialize(entity_quads(quads), format=ox.RdfFormat.N_QUADS)
        counts = {"organizations": len(ex.organizations), "people": len(ex.people),
                  "agreements": len(ex.agreements), "events": len(ex.events),
                  "roles": len(ex.memberships), "triples": len(quads)}
        return path, iri, data, entities, counts, None
    except DocumentError as e:
        return path, None, None, None, {}, f"{e.problem}" + (f" — {e.hint}" if e.hint else "")
    except Exception as e:  # a bug must not cost the rest of the build
        return path, None, None, None, {}, f"could not be processed ({type(e).__name__}: {e}) — please report it"


def build(paths: Iterable[str | os.PathLike[str]], store_path: str | os.PathLike[str] | None = None, *,
          full: bool = False, prune: bool = False, jobs: int | None = None, wait: bool = False,
          strict: bool = False, progress: ProgressFn | None = None,
          on_start: Callable[[int], None] | None = None) -> BuildReport:
    """Build (or update) the store from files and folders. See the module docstring."""

    import pyoxigraph as ox

    from kg import vocab as V
    from kg.store import KgStore, document_hashes

    files, problems = collect_inputs(paths)
    kg_store = KgStore(store_path)
    report = BuildReport(store=str(kg_store.path), problems=problems)
    if not files and problems:
        return report
    fingerprint = extractor_fingerprint()
    with kg_store.lock(wait=wait):
        # Plan on the current generation, read-only: when nothing changed, no copy is staged at all.
        current_exists = kg_store.exists()
        current = kg_store.open_read() if current_exists else None
        known = document_hashes(current) if current is not None else {}
        complete = current is not None and current.contains_named_graph(ox.NamedNode(V.STATS_GRAPH))
        del current
        by_source = {path: iri for iri, (_, path) in known.items()}
        todo: list[Path] = []
        todo_iris: set[str] = set()
        first_with: dict[str, Path] = {}
        for f in files:
            iri_guess = _doc_iri_for(f)
            if iri_guess in first_with:  # the document id comes from the file name
                report.problems.append(f"{f}: has the same name as {first_with[iri_guess]}, so it would replace "
                                       "that document — rename one of them; skipped")
                continue
            first_with[iri_guess] = f
            try:
                digest = "sha256:" + hashlib.sha256(f.read_bytes()).hexdigest() + "/" + fingerprint
            except OSError:
                digest = ""  # unreadable: it will be read again, and reported, below
            prev = known.get(iri_guess)
            if not full and prev and prev[0] == digest:
                report.documents.append(DocReport(str(f), "unchanged"))
                if progress:
                    progress(str(f), report.documents[-1])
                continue
            todo.append(f)
            todo_iris.add(iri_guess)
        given = {str(f) for f in files}
        # a file moved to another folder keeps its document (same name, same id): not a removal
        removals = [(src, iri) for src, iri in by_source.items()
                    if src not in given and iri not in first_with and (not Path(src).exists() or _under(src, paths))
                    ] if prune else []
        if not todo and not removals and complete and not strict:
            kg_store.remove_leftovers()
            if on_start:
                on_start(0)
            return report
        # Every document of the store replaced (--full, or new rules): load into an empty store, which is
        # faster than replacing each graph of a copy (10k articles: 111 s instead of 180 s)
        fresh = bool(known) and set(known) <= todo_iris
        with kg_store.stage(fresh=fresh) as store:
            _apply(store, report, todo, removals, jobs, fingerprint, known, strict, progress, on_start,
                   carry_over=kg_store if fresh else None, empty=fresh or not current_exists)
    return report


def _apply(store, report: BuildReport, todo: list[Path], removals: list[tuple[str, str]], jobs: int | None,
           fingerprint: str, known: dict[str, tuple[str, str]], strict: bool, progress: ProgressFn | None,
           on_start: Callable[[int], None] | None, carry_over=None, empty: bool = False) -> set[str]:
    """Extract the documents to do into the staged store, remove the pruned ones, count, check. With
    `carry_over` (the KgStore, when staging into an empty store), everything of the current generation
    that was not loaded again is copied over: documents that failed this time, graphs from `kg update`.
    `empty`: the staged store starts empty (nothing built yet, or a full rebuild), so the documents have
    no previous version in it to take out. Returns the IRIs of the documents loaded."""
    import pyoxigraph as ox

    from kg import vocab as V
    from kg.stats import graph_size, refresh_stats
    from kg.store import carry_over_graphs, record_build, remove_document

    if on_start:
        on_start(len(todo))
    # A few documents changed: the statements figure is updated by the sizes of their graphs, before and
    # after, instead of counted again over the whole store
    tracked = carry_over is None and len(todo) + len(removals) <= _COUNTED_CHANGES
    statements_change = 0
    loader = BatchLoader(store, empty=empty)
    loaded: set[str] = set()
    for path, iri, data, entities, counts, error in _run(todo, jobs, fingerprint):
        if error or iri is None or data is None or entities is None:
            rep = DocReport(path, "skipped", error=error)
        else:
            status = "updated" if iri in known else "added"
            if tracked:
                statements_change -= graph_size(store, iri)
            loader.replace(iri, data, entities, counts["triples"] + 2, again=iri in loaded)
            loaded.add(iri)
            rep = DocReport(path, status, counts)
        report.documents.append(rep)
        if progress:
            progress(path, rep)
    loader.flush()
    if tracked:
        statements_change += sum(graph_size(store, iri) for iri in loaded)
    if carry_over is not None:
        carry_over_graphs(carry_over.open_read(), store, loaded)
    for src, iri in removals:
        if tracked:
            statements_change -= graph_size(store, iri)
        remove_document(store, iri)
        report.documents.append(DocReport(src, "removed"))
    if strict:
        from kg.validate import validate_store

        violations = validate_store(store)
        if violations:
            raise UsageError(f"--strict: {len(violations)} SHACL violation(s); the store was not changed. "
                             f"First: {violations[0]}")
    if report.count("added") or report.count("updated") or report.count("removed") or \
            not store.contains_named_graph(ox.NamedNode(V.STATS_GRAPH)):
        refresh_stats(store, statements_change if tracked else None)
    record_build(store, {"added": report.count("added"), "updated": report.count("updated"),
                         "unchanged": report.count("unchanged"), "skipped": report.count("skipped")})
    return loaded


def _under(src: str, paths: Iterable[str | os.PathLike[str]]) -> bool:
    s = Path(src).resolve()
    for p in paths:
        pp = Path(p).resolve()
        if pp.is_dir() and pp in s.parents:
            return True
    return False


def _doc_iri_for(path: Path) -> str:
    from kg.vocab import doc_iri

    return doc_iri(document_id(path))


def _run(files: list[Path], jobs: int | None, fingerprint: str = ""):
    """Extraction results in input order; worker processes when there is enough work for them."""
    if not files:
        return
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(files) < 8:
        for f in files:
            yield process_file(str(f), fingerprint)
        return
    import functools
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        yield from pool.map(functools.partial(process_file, fingerprint=fingerprint), [str(f) for f in files],
                            chunksize=16)


class BatchLoader:
    """Streams documents' quads into the staged store in large batches: one bulk load per batch of
    quads instead of one per document (each bulk load writes new files), so memory stays bounded
    and thousands of small documents load fast. Each bulk load adds files that RocksDB then merges
    with everything loaded before (compaction, in background threads of this process, competing with
    the extraction workers for the cores), so a batch grows with what is loaded already, from
    `first_batch` up to `batch_quads` quads: few merges of a large store (10k articles: 44 loads of
    100k quads cost 39 s of compaction, 13 loads 100k → 400k 12 s), yet a small build's last load,
    made while no worker runs any more, stays small."""

    def __init__(self, store, batch_quads: int = 400_000, first_batch: int = 100_000, empty: bool = False):
        self.store = store
        self.batch_quads = batch_quads
        self.first_batch = first_batch
        self.loaded = 0  # quads given to the store so far
        self.empty = empty  # the store held no document when this build began
        self.buffer: list[bytes] = []
        self.size = 0
        self.said: set = set()  # what the documents replaced in this batch said about entities
        self.entity_lines: set[bytes] = set()  # entities graph statements already given to the store

    def replace(self, iri: str, nquads: bytes, entities: bytes, lines: int, again: bool = False) -> None:
        """Queue a document's graph and bookkeeping (`nquads`, `lines` statements) and what it says about
        entities, after taking its previous version out of the store: not needed when the store began
        empty, unless this build loaded the document already (`again`). A statement of the entities graph
        that this build gave the store already is not queued again: documents repeat the same names of
        the same organizations and people (10k articles: 625k such statements, 38.5k distinct)."""
        from kg.store import forget_document

        if again or not self.empty:
            forget_document(self.store, iri, self.said)
        self.buffer.append(nquads)
        self.size += lines
        seen = self.entity_lines
        new = [line for line in entities.splitlines(keepends=True) if line not in seen]
        if new:
            seen.update(new)
            self.buffer.append(b"".join(new))
            self.size += len(new)
        if self.size >= min(self.batch_quads, max(self.first_batch, self.loaded // 2)):
            self.flush()

    def flush(self) -> None:
        """Load what is buffered, then drop from the entities graph what the documents replaced in this
        batch said and no document says any more (checked per batch: memory stays bounded)."""
        import pyoxigraph as ox

        from kg.store import prune_entities

        if self.buffer:
            self.loaded += self.size
            data = b"".join(self.buffer)
            self.buffer = []  # not kept alongside the copy while it loads
            # lenient: no IRI checks while parsing; the N-Quads come from ox.serialize of terms checked when made
            self.store.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True)
            del data
        prune_entities(self.store, self.said)
        self.buffer, self.size, self.said = [], 0, set()
