"""Agreements and events per year as a bar chart (SVG/PNG), from the saved query `timeline`.

The query leaves undated facts out (a year cannot be guessed) and gives each fact once, with its
coop:earliestDate, so years of day, month and year precision count alike. Years without any fact
still get a slot on the axis, so gaps in cooperation show.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from typing import Any

from kg.viz.static import RC

SERIES = {"agreement": ("Agreements", "#404040"), "event": ("Events", "#0072B2")}


def query_timeline(store_path: str | os.PathLike[str] | None = None) -> list[dict[str, str]]:
    from kg import queries as Q
    from kg.store import KgStore

    cols, rows = Q.execute(KgStore(store_path).open_read(), Q.load_query("timeline").text)
    return [{c: Q.term_text(r.get(c)) for c in cols if r.get(c) is not None} for r in rows]


def counts_per_year(rows: Iterable[dict[str, str]]) -> dict[str, Counter[int]]:
    """{"agreement": {2019: 3, …}, "event": {…}}, each fact (?item) counted once."""
    out: dict[str, Counter[int]] = {k: Counter() for k in SERIES}
    seen: set[str] = set()
    for r in rows:
        date, kind, item = r.get("earliestDate", ""), r.get("kind", ""), r.get("item", "")
        if kind not in out or not date[:4].isdigit() or (item and item in seen):
            continue
        seen.add(item)
        out[kind][int(date[:4])] += 1
    return out


def render_timeline(rows: list[dict[str, str]], path: str | os.PathLike[str], fmt: str = "svg") -> None:
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    counts = counts_per_year(rows)
    years_seen = sorted({y for c in counts.values() for y in c})
    span = years_seen[-1] - years_seen[0] + 1 if years_seen else 0
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(max(8.0, min(24.0, 3 + 0.45 * span)), 5.0), facecolor="white")
        ax = fig.add_axes((0.08, 0.12, 0.9, 0.72))
        fig.text(0.08, 0.95, "Agreements and events per year", fontsize=15, weight="bold", va="top")
        total = sum(c.total() for c in counts.values())
        fig.text(0.08, 0.895, f"{total} dated facts; undated agreements and events are not shown",
                 fontsize=9, color="#555555", va="top")
        if not years_seen:
            ax.set_axis_off()
            ax.text(0.5, 0.5, "No dated agreement or event in the graph", ha="center", fontsize=13,
                    color="#666666")
        else:
            _bars(ax, counts, range(years_seen[0], years_seen[-1] + 1))
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=20))
        metadata: dict[str, Any] = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(path, format=fmt, dpi=150, metadata=metadata)


def _bars(ax: Any, counts: dict[str, Counter[int]], years: range) -> None:
    width = 0.8 / len(SERIES)
    for i, (kind, (label, colour)) in enumerate(SERIES.items()):
        xs = [y - 0.4 + width * (i + 0.5) for y in years]
        bars = ax.bar(xs, [counts[kind][y] for y in years], width=width, color=colour, label=label)
        ax.bar_label(bars, labels=[str(counts[kind][y] or "") for y in years], fontsize=8)
    ax.set_xlim(years[0] - 0.7, years[-1] + 0.7)
    ax.set_xlabel("Year (of signing, or of the event's start)")
    ax.set_ylabel("Number")
    ax.legend(frameon=False, loc="upper left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
