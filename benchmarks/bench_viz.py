"""Benchmark of `kg viz` on a synthetic network: 2,000 organizations and 8,000 agreements (plus 1,000
co-organized events and 100 roles), rows shaped like the output of the saved query `partner-network`.

Prints, per step and format, the wall time (best of `--repeat` runs, without tracing) and the peak of
Python-tracked memory (tracemalloc, a separate run), and the file size.

    python -m benchmarks.bench_viz [--orgs 2000] [--agreements 8000] [--repeat 1] [--out DIR]
"""

from __future__ import annotations

import argparse
import itertools
import random
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ORG = "https://w3id.org/coop-kg/id/org/"
KINDS = ["national-standards", "national-metrology", "certification", "testing", "international", "regional",
         "company", "government", "association", "other"]
AGREEMENT_KINDS = ["mou", "agreement", "plan", "protocol", "mra", "declaration"]
WORDS = ["Viện", "Tiêu chuẩn", "Đo lường", "Chất lượng", "Quốc gia", "Standards", "Institute", "Metrology",
         "Office", "Centre", "Korea", "Czech", "Hiệp hội", "Thử nghiệm", "Conformity", "Bureau"]


def synthetic_rows(n_orgs: int = 2000, n_agreements: int = 8000, seed: int = 7) -> list[dict[str, str]]:
    """Deterministic partner-network rows: a few hub organizations sign most agreements (Zipf-like weights),
    a tenth of the organizations are units of the first twenty, dates mix day, month and year precision,
    and one fact in ten is undated."""
    rng = random.Random(seed)
    orgs = []
    for i in range(n_orgs):
        unit = i >= 20 and rng.random() < 0.1
        name = " ".join(rng.sample(WORDS, 3)) + f" {i}"
        acronym = f"O{i}" if rng.random() < 0.6 else ""
        orgs.append({"iri": f"{ORG}syn-{i:05d}", "name": name, "acronym": acronym,
                     "kind": "unit" if unit else rng.choice(KINDS),
                     "parent": f"{ORG}syn-{rng.randrange(20):05d}" if unit else ""})
    cum = list(itertools.accumulate(1 / (i + 1) ** 0.8 for i in range(n_orgs)))
    rows: list[dict[str, str]] = []

    def end(prefix: str, o: dict[str, str]) -> dict[str, str]:
        parent = o["parent"]
        return {prefix: o["iri"], f"{prefix}Name": o["acronym"] or o["name"], f"{prefix}Label": o["name"],
                f"{prefix}Acronym": o["acronym"], f"{prefix}Kind": o["kind"], f"{prefix}Parent": parent,
                f"{prefix}ParentName": f"O{int(parent[-5:])}" if parent else ""}

    def add(relation: str, kind: str, n: int, label: str) -> None:
        a, b = rng.choices(orgs, cum_weights=cum)[0], rng.choice(orgs)
        while b is a:
            b = rng.choice(orgs)
        if relation != "role" and a["iri"] > b["iri"]:
            a, b = b, a
        year, r = rng.randrange(1995, 2025), rng.random()
        date = "" if r < 0.1 else str(year) if r < 0.3 else f"{year}-{rng.randrange(1, 13):02d}" if r < 0.5 \
            else f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        earliest = "" if not date else (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]
        rows.append({"relation": relation, "kind": kind, "date": date, "earliestDate": earliest,
                     "label": f"{label} {a['acronym'] or a['name']} – {b['acronym'] or b['name']}",
                     "evidence": f"Hai bên đã ký {label.lower()} về hợp tác trong lĩnh vực tiêu chuẩn, "
                                 f"đo lường, chất lượng (fact {n}).",
                     "sources": f"synthetic-{n % 97:03d}.vi.txt", "fact": f"{ORG}fact/{relation}-{n}",
                     **end("a", a), **end("b", b)})

    for n in range(n_agreements):
        add("agreement", rng.choice(AGREEMENT_KINDS), n, "Agreement")
    for n in range(n_agreements // 8):
        add("event", rng.choice(["workshop", "meeting", "conference"]), n, "Workshop")
    for n in range(n_orgs // 20):
        add("role", "current", n, "Vice President")
    return rows


def _measure(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """(best wall time in seconds without tracing, peak traced memory in MiB in one more run)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return best, peak / 2**20


def run(n_orgs: int = 2000, n_agreements: int = 8000, repeat: int = 1,
        out: Path | None = None) -> list[tuple[str, float, float, str]]:
    import resource

    from kg.viz import FORMATS, render
    from kg.viz.network import build_graph, layout

    out = out or Path(tempfile.mkdtemp(prefix="bench-viz-"))
    out.mkdir(parents=True, exist_ok=True)
    rows = synthetic_rows(n_orgs, n_agreements)
    results: list[tuple[str, float, float, str]] = []
    t, m = _measure(lambda: build_graph(rows), repeat)
    G = build_graph(rows)
    results.append(("rows -> graph", t, m, f"{len(G)} nodes, {G.number_of_edges()} edges"))
    t, m = _measure(lambda: layout(G), repeat)
    results.append(("layout (in every format but graphml/gexf/dot)", t, m, ""))
    for fmt in FORMATS:
        path = out / f"partners.{fmt}"
        t, m = _measure(lambda fmt=fmt, path=path: render(G, fmt, path), repeat)
        results.append((fmt, t, m, f"{path.stat().st_size / 2**20:.2f} MiB"))
    print(f"kg viz benchmark: {n_orgs} organizations, {n_agreements} agreements, {len(rows)} rows -> {out}")
    print(f"{'step / format':<48} {'time (s)':>9} {'peak MiB':>9}  output")
    for name, t, m, note in results:
        print(f"{name:<48} {t:>9.2f} {m:>9.1f}  {note}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"max resident set size of the process: {rss:.0f} MiB")
    return results


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--orgs", type=int, default=2000)
    p.add_argument("--agreements", type=int, default=8000)
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--out", type=Path, default=None)
    a = p.parse_args()
    run(a.orgs, a.agreements, a.repeat, a.out)


if __name__ == "__main__":
    main()
