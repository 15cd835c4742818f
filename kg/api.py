"""The library's front door: the functions the CLI calls, usable from Python without it."""

from __future__ import annotations

import os
from pathlib import Path

from kg.build import BuildReport
from kg.model import Extraction

DEFAULT_INPUT = Path("data") / "articles"


def build(paths=None, store_path: str | os.PathLike[str] | None = None, **options) -> BuildReport:
    """Build or update the store from files and folders (default: data/articles). See kg.build.build."""
    from kg import build as b

    return b.build(list(paths) if paths else [DEFAULT_INPUT], store_path, **options)


def extract_file(path: str | os.PathLike[str]) -> Extraction:
    """What would be extracted from one file, without touching any store."""
    from kg.extract.pipeline import extract
    from kg.reader import read_document

    return extract(read_document(Path(path)))


def extract_text(text: str, source: str = "text.txt") -> Extraction:
    from kg.extract.pipeline import extract_text as et

    return et(text, source)


def query(name_or_text: str, store_path: str | os.PathLike[str] | None = None,
          params: dict[str, str] | None = None, endpoint: str | None = None,
          is_text: bool | None = None) -> tuple[list[str], list[dict]]:
    """Run a saved query (by name or .rq path) or SPARQL text; returns (columns, rows of RDF terms).

    `is_text` says which it is; when None, anything with a "{" is taken as SPARQL text."""
    from kg import queries as Q

    if endpoint:
        from kg.remote import remote_runner

        run = remote_runner(endpoint)
    else:
        from kg.store import KgStore

        store = KgStore(store_path).open_read()

        def run(text, subs):
            return Q.execute(store, text, subs)

    if is_text is None:
        is_text = "{" in name_or_text
    if is_text:
        saved = Q.SavedQuery("inline", Path("-"), name_or_text)
    else:
        saved = Q.load_query(name_or_text)

    def resolve(value: str):
        return Q.resolve_entity(None, value, run=lambda t, s: run(t, s)[1])

    subs = Q.bind(saved, params or {}, resolve)
    return run(saved.text, subs)
