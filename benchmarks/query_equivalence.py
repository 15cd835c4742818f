"""Equivalence harness for query optimizations: every saved query must answer row for row as before.

    python -m benchmarks.query_equivalence snapshot OUT.json [--workdir DIR] [--store NAME=PATH …]
    python -m benchmarks.query_equivalence compare OUT.json [--workdir DIR] [--store NAME=PATH …]

Stores (built with this tree's `kg.build.build` into --workdir, and built again whenever the code that
writes a store changes, so a build-time change is compared too):

- `sample`: tests/fixtures/sample.trig loaded as the tests load it (refresh_entities, refresh_stats);
- `fixtures`: every article under tests/fixtures;
- `corpus`: ../shared/corpus;
- `gen1k`: 1,000 generated articles (`benchmarks.generate`, seed 0), made in --workdir when missing;
- any `--store NAME=PATH` given: a store directory already built (e.g. the 10k one), used as it is.

Every saved query is run as the CLI runs it (`kg.queries.bind` with `resolve_entity`, then `execute`)
with its default parameters; the entity queries (`names`, `evidence`, `partners`) also with a few
entities picked from each store (a typical and a little-mentioned organization, a person, a role, an
agreement, an event, and an organization given by its acronym), `since` with a second date. The picks
are saved in the snapshot and reused by `compare`. Rows are kept in the order the query returns them,
each term in N-Triples form (datatype and language included). `compare` reports every query whose
columns or rows differ (saying when only the order of rows differs), with the first differing rows;
exit code 1 when any differs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SAMPLE = FIXTURES / "sample.trig"
SHARED = REPO.parent / "shared" / "corpus"
WORKDIR = Path("/tmp/query-equivalence")
ENTITY_QUERIES = ("names", "evidence", "partners")
# the code whose changes can change what a build writes (the extractor has its own fingerprint)
STORE_CODE = ("build.py", "store.py", "stats.py", "mapping.py", "vocab.py")

_PICKS = {
    # name: SPARQL returning ?e ordered so that one row can be picked by position
    "org_typical": ("SELECT ?e (COUNT(?m) AS ?n) WHERE { ?m <http://www.w3.org/2005/11/its/rdf#taIdentRef> ?e "
                    "FILTER(STRSTARTS(STR(?e), 'https://w3id.org/coop-kg/id/org/')) } GROUP BY ?e ORDER BY ?n ?e",
                    "median"),
    "org_rare": ("SELECT ?e (COUNT(?m) AS ?n) WHERE { ?m <http://www.w3.org/2005/11/its/rdf#taIdentRef> ?e "
                 "FILTER(STRSTARTS(STR(?e), 'https://w3id.org/coop-kg/id/org/')) } GROUP BY ?e ORDER BY ?n ?e",
                 "first"),
    "org_parties": ("SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a <https://w3id.org/coop-kg/ontology#party> ?e } "
                    "GROUP BY ?e ORDER BY DESC(?n) ?e", "second"),
    "person": ("SELECT ?e (COUNT(?m) AS ?n) WHERE { ?m <http://www.w3.org/2005/11/its/rdf#taIdentRef> ?e "
               "FILTER(STRSTARTS(STR(?e), 'https://w3id.org/coop-kg/id/person/')) } GROUP BY ?e ORDER BY DESC(?n) ?e",
               "first"),
    "role": ("SELECT DISTINCT ?e WHERE { ?x <http://www.w3.org/ns/org#role> ?e } ORDER BY ?e", "median"),
    "agreement": ("SELECT DISTINCT ?e WHERE { ?e a <https://w3id.org/coop-kg/ontology#Agreement> } ORDER BY ?e",
                  "median"),
    "event": ("SELECT DISTINCT ?e WHERE { ?e a <https://schema.org/Event> } ORDER BY ?e", "median"),
    "acronym": ("SELECT ?e (MIN(STR(?l)) AS ?name) (COUNT(DISTINCT ?a) AS ?n) WHERE { "
                "?a <https://w3id.org/coop-kg/ontology#party> ?e . "
                "GRAPH <https://w3id.org/coop-kg/id/graph/entities> { "
                "?e <https://w3id.org/coop-kg/ontology#acronym> ?l } "
                "} GROUP BY ?e ORDER BY DESC(?n) ?e", "third"),
}


# ---- stores ----------------------------------------------------------------------------------------------
def code_fingerprint() -> str:
    from kg.build import extractor_fingerprint

    h = hashlib.sha256(extractor_fingerprint().encode())
    for name in STORE_CODE:
        h.update((REPO / "kg" / name).read_bytes())
    return h.hexdigest()[:16]


def _built(name: str, inputs: list[Path], workdir: Path, fingerprint: str) -> Path:
    """A store of `inputs` built by this tree's code (built again when that code changed)."""
    from kg.build import build

    path = workdir / f"store-{name}"
    stamp = workdir / f"store-{name}.fingerprint"
    if path.is_dir() and stamp.exists() and stamp.read_text() == fingerprint:
        return path
    shutil.rmtree(path, ignore_errors=True)
    t = time.perf_counter()
    report = build(inputs, path)
    print(f"built {name}: {report.count('added')} documents, {len(report.problems)} problems, "
          f"{time.perf_counter() - t:.1f} s", file=sys.stderr)
    stamp.write_text(fingerprint)
    return path


def open_stores(workdir: Path, extra: list[str]) -> dict[str, Any]:
    """name -> an open pyoxigraph Store (read-only for built ones)."""
    import pyoxigraph as ox

    from kg.stats import refresh_stats
    from kg.store import KgStore, refresh_entities

    workdir.mkdir(parents=True, exist_ok=True)
    fp = code_fingerprint()
    stores: dict[str, Any] = {}
    sample = ox.Store()
    sample.load(path=str(SAMPLE), format=ox.RdfFormat.TRIG)
    refresh_entities(sample)
    refresh_stats(sample)
    stores["sample"] = sample
    articles = [p for p in sorted(FIXTURES.iterdir()) if p.is_dir()]
    stores["fixtures"] = KgStore(_built("fixtures", articles, workdir, fp)).open_read()
    if SHARED.is_dir():
        stores["corpus"] = KgStore(_built("corpus", [SHARED], workdir, fp)).open_read()
    else:
        print(f"warning: {SHARED} is missing", file=sys.stderr)
    gen = workdir / "gen1k"
    if not gen.is_dir():
        from benchmarks.generate import generate

        generate(1000, gen)
    stores["gen1k"] = KgStore(_built("gen1k", [gen], workdir, fp)).open_read()
    for spec in extra:
        name, _, path = spec.partition("=")
        stores[name] = KgStore(path).open_read()
    return stores


# ---- parameters ------------------------------------------------------------------------------------------
def pick_params(store) -> dict[str, str]:
    """A few entities of this store, by role (see _PICKS); values as `--param` would give them."""
    out: dict[str, str] = {}
    for key, (text, where) in _PICKS.items():
        rows = list(store.query(text, use_default_graph_as_union=True))
        if not rows:
            continue
        i = {"first": 0, "second": 1, "third": 2, "median": len(rows) // 2}[where]
        row = rows[min(i, len(rows) - 1)]
        out[key] = row["name"].value if key == "acronym" else f"<{row['e'].value}>"
    return out


def runs_for(q, picks: dict[str, str]) -> list[tuple[str, dict[str, str]]]:
    """(key, given parameters) for one saved query: its defaults, and more for the entity queries."""
    out: list[tuple[str, dict[str, str]]] = [(q.name, {})]
    if q.name in ENTITY_QUERIES and q.params:
        param = q.params[0].name
        for key, value in picks.items():
            out.append((f"{q.name} {param}={key}", {param: value}))
    if q.name == "since":
        out.append(("since from=2021-06-15", {"from": "2021-06-15"}))
    return out


# ---- running ---------------------------------------------------------------------------------------------
def answer(store, q, given: dict[str, str]) -> dict[str, Any]:
    from kg import queries as Q
    from kg.errors import KgError

    try:
        subs = Q.bind(q, given, lambda v: Q.resolve_entity(store, v))
        t = time.perf_counter()
        cols, rows = Q.execute(store, q.text, subs)
        dt = time.perf_counter() - t
    except KgError as e:
        return {"error": f"{type(e).__name__}: {e}"}
    return {"cols": cols, "rows": [[None if r[c] is None else str(r[c]) for c in cols] for r in rows],
            "seconds": round(dt, 3)}


def answer_all(stores: dict[str, Any], saved_picks: dict[str, dict[str, str]] | None
               ) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, str]]]:
    from kg.queries import saved_queries

    results: dict[str, dict[str, Any]] = {}
    picks_used: dict[str, dict[str, str]] = {}
    for sname, store in stores.items():
        picks = (saved_picks or {}).get(sname) or pick_params(store)
        picks_used[sname] = picks
        results[sname] = {}
        t = time.perf_counter()
        for q in saved_queries():
            for key, given in runs_for(q, picks):
                results[sname][key] = answer(store, q, given)
        print(f"{sname}: {len(results[sname])} answers in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return results, picks_used


# ---- comparing -------------------------------------------------------------------------------------------
def _show(row: list | None) -> str:
    return json.dumps(row, ensure_ascii=False)[:400]


def compare(before: dict[str, Any], now: dict[str, Any], lines: int) -> int:
    differ = same = 0
    for sname in sorted(set(before) | set(now)):
        b_store, n_store = before.get(sname), now.get(sname)
        if b_store is None or n_store is None:
            print(f"{sname}: store only in {'now' if b_store is None else 'the snapshot'}")
            continue
        for key in sorted(set(b_store) | set(n_store)):
            b, n = b_store.get(key), n_store.get(key)
            label = f"{sname} / {key}"
            if b is None or n is None:
                print(f"{label}: only in {'now' if b is None else 'the snapshot'}")
                differ += 1
                continue
            if b.get("error") or n.get("error"):
                if b.get("error") != n.get("error"):
                    print(f"{label}: error before {b.get('error')!r}, now {n.get('error')!r}")
                    differ += 1
                else:
                    same += 1
                continue
            if b["cols"] != n["cols"]:
                print(f"{label}: columns differ: {b['cols']} -> {n['cols']}")
                differ += 1
                continue
            if b["rows"] == n["rows"]:
                same += 1
                continue
            differ += 1
            key_of = json.dumps
            if sorted(map(key_of, b["rows"])) == sorted(map(key_of, n["rows"])):
                print(f"{label}: same {len(b['rows'])} rows, in another ORDER")
            else:
                print(f"{label}: rows differ ({len(b['rows'])} before, {len(n['rows'])} now)")
            shown = 0
            for i in range(max(len(b["rows"]), len(n["rows"]))):
                br = b["rows"][i] if i < len(b["rows"]) else None
                nr = n["rows"][i] if i < len(n["rows"]) else None
                if br != nr:
                    print(f"    row {i}:\n      before {_show(br)}\n      now    {_show(nr)}")
                    shown += 1
                    if shown >= lines:
                        break
    total = same + differ
    if differ:
        print(f"{differ} of {total} answers differ")
        return 1
    print(f"all {total} answers identical")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.query_equivalence",
                                 description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=["snapshot", "compare"])
    ap.add_argument("file")
    ap.add_argument("--workdir", default=str(WORKDIR), help=f"where the stores are built [{WORKDIR}]")
    ap.add_argument("--store", action="append", default=[], metavar="NAME=PATH",
                    help="also answer on this built store (repeatable)")
    ap.add_argument("--only", action="append", default=[], metavar="QUERY",
                    help="compare: only these saved queries (repeatable); the others are not run")
    ap.add_argument("--diff-lines", type=int, default=5, help="differing rows shown per answer")
    a = ap.parse_args(argv)
    import kg

    print(f"kg from {kg.__file__}", file=sys.stderr)
    stores = open_stores(Path(a.workdir), a.store)
    if a.command == "snapshot":
        results, picks = answer_all(stores, None)
        Path(a.file).write_text(json.dumps({"picks": picks, "answers": results}, ensure_ascii=False) + "\n",
                                encoding="utf-8")
        n = sum(len(v) for v in results.values())
        print(f"snapshot of {n} answers on {len(results)} stores written to {a.file}")
        return 0
    snap = json.loads(Path(a.file).read_text(encoding="utf-8"))
    if a.only:
        from kg import queries as Q

        keep = set(a.only)
        orig = Q.saved_queries
        Q.saved_queries = lambda: [q for q in orig() if q.name in keep]  # type: ignore[assignment]
        for s in snap["answers"].values():
            for key in [k for k in s if k.split(" ", 1)[0] not in keep]:
                del s[key]
    before = {k: v for k, v in snap["answers"].items() if k in stores}
    now, _ = answer_all(stores, snap["picks"])
    return compare(before, now, a.diff_lines)


if __name__ == "__main__":
    sys.exit(main())
