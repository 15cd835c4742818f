"""Rows of RDF terms -> table (rich), CSV, TSV or JSON on a text stream."""

from __future__ import annotations

import csv
import json
import sys
from typing import TextIO

from kg.queries import term_text

OUTPUT_FORMATS = ("table", "csv", "tsv", "json")
# Rows a table shows when no --limit is given: a table is read in a terminal, and drawing one takes about
# 2 ms a row (an agreements listing of 27k rows took a minute and 1.6 GB). csv, tsv and json give every row.
TABLE_ROWS = 100


def page(rows: list[dict], fmt: str, limit: int | None = None, offset: int = 0) -> list[dict]:
    """The rows to write: from `offset`, at most `limit` (0: no limit; None: TABLE_ROWS for a table,
    all for the other formats)."""
    if limit is None:
        limit = TABLE_ROWS if fmt == "table" else 0
    return rows[offset:offset + limit] if limit else rows[offset:]


def write_rows(columns: list[str], rows: list[dict], fmt: str = "table", out: TextIO | None = None,
               title: str | None = None, total: int | None = None, offset: int = 0) -> None:
    """Write `rows`; for a table, `total` (the rows of the whole result) and `offset` (where `rows` start
    in it) make the footer say which part is shown."""
    out = out or sys.stdout
    if fmt == "json":
        data = [{c: term_text(r.get(c)) for c in columns if r.get(c) is not None} for r in rows]
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt in {"csv", "tsv"}:
        w = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([term_text(r.get(c)) for c in columns])
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, show_lines=False, header_style="bold")
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*[term_text(r.get(c), compact=True) for c in columns])
        Console(file=out, width=max(120, Console().width)).print(table)
        total = len(rows) if total is None else total
        if len(rows) == total:
            footer = f"{total} row(s)"
        elif rows:
            footer = f"rows {offset + 1}–{offset + len(rows)} of {total} (--limit 0: all; --offset N: more)"
        else:
            footer = f"no rows after {offset} of {total} (--limit 0: all; --offset N: more)"
        Console(file=out, stderr=False).print(f"[dim]{footer}[/dim]")
