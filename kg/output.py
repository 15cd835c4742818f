"""Rows of RDF terms -> table (rich), CSV, TSV or JSON on a text stream."""

from __future__ import annotations

import csv
import json
import sys
from typing import TextIO

from kg.queries import term_text

OUTPUT_FORMATS = ("table", "csv", "tsv", "json")


def write_rows(columns: list[str], rows: list[dict], fmt: str = "table", out: TextIO | None = None,
               title: str | None = None) -> None:
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
        Console(file=out, stderr=False).print(f"[dim]{len(rows)} row(s)[/dim]")
