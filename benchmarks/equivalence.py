"""Equivalence harness for extractor optimizations: the output must not change by a single fact.

    python -m benchmarks.equivalence snapshot OUT.json [--generated DIR]
    python -m benchmarks.equivalence compare OUT.json [--generated DIR]

Extracts every article under tests/fixtures (.txt/.html, recursively), ../shared/corpus (recursively)
and the generated benchmark articles (`python -m benchmarks.generate 1000 DIR`, made when DIR is
missing), and writes a canonical dump of each `Extraction`: every dataclass field (organizations with
all names, keys and parents, people, mentions with offsets, roles, memberships, posts, agreements,
events, sentences, document metadata), dicts with sorted keys, sets sorted. `compare` extracts again
and reports every document whose dump differs, with a short diff; exit code 1 when any differs.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SHARED = REPO.parent / "shared" / "corpus"
GENERATED = Path("/tmp/speed-articles")
SUFFIXES = {".txt", ".html", ".htm"}


def _canon(x: Any) -> Any:
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return {f.name: _canon(getattr(x, f.name)) for f in dataclasses.fields(x)}
    if isinstance(x, dict):
        return {str(k): _canon(v) for k, v in sorted(x.items(), key=lambda kv: str(kv[0]))}
    if isinstance(x, (set, frozenset)):
        return sorted((_canon(v) for v in x), key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    if isinstance(x, (list, tuple)):
        return [_canon(v) for v in x]
    return x


def dump(ex) -> dict[str, Any]:
    """Every field of the Extraction; the document's text is stood for by its hash and length."""
    out = _canon(ex)
    doc = out["document"]
    text = doc.pop("text")
    doc["text_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc["text_len"] = len(text)
    return out


def files(generated: Path) -> list[tuple[str, Path]]:
    if not generated.is_dir():
        from benchmarks.generate import generate

        generate(1000, generated)
    out: list[tuple[str, Path]] = []
    for label, base in (("fixtures", FIXTURES), ("shared", SHARED), ("generated", generated)):
        if not base.is_dir():
            print(f"warning: {base} is missing", file=sys.stderr)
            continue
        for p in sorted(base.rglob("*")):
            if p.is_file() and p.suffix.lower() in SUFFIXES:
                out.append((f"{label}/{p.relative_to(base)}", p))
    return out


def extract_all(generated: Path) -> tuple[dict[str, Any], float]:
    from kg.errors import DocumentError
    from kg.extract.pipeline import extract
    from kg.reader import read_document

    result: dict[str, Any] = {}
    spent = 0.0
    for name, path in files(generated):
        try:
            doc = read_document(path)
        except DocumentError as e:
            result[name] = {"read_error": str(e)}
            continue
        t = time.perf_counter()
        try:
            ex = extract(doc)
        except Exception as e:  # noqa: BLE001 - an extractor crash is an output too
            result[name] = {"extract_error": f"{type(e).__name__}: {e}"}
            continue
        finally:
            spent += time.perf_counter() - t
        result[name] = dump(ex)
    return result, spent


def _pretty(x: Any) -> list[str]:
    return json.dumps(x, indent=1, sort_keys=True, ensure_ascii=False).splitlines()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.equivalence", description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=["snapshot", "compare"])
    ap.add_argument("file")
    ap.add_argument("--generated", default=str(GENERATED), help="the generated articles [/tmp/speed-articles]")
    ap.add_argument("--diff-lines", type=int, default=30, help="lines of diff shown per document")
    a = ap.parse_args(argv)
    import kg

    print(f"kg from {kg.__file__}", file=sys.stderr)
    now, spent = extract_all(Path(a.generated))
    print(f"{len(now)} documents extracted in {spent:.1f} s (extraction only)", file=sys.stderr)
    if a.command == "snapshot":
        Path(a.file).write_text(json.dumps(now, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"snapshot of {len(now)} documents written to {a.file}")
        return 0
    before = json.loads(Path(a.file).read_text(encoding="utf-8"))
    differ = 0
    for name in sorted(set(before) | set(now)):
        if name not in now:
            print(f"MISSING now: {name}")
            differ += 1
            continue
        if name not in before:
            print(f"NEW (not in snapshot): {name}")
            differ += 1
            continue
        # through JSON both ways, so tuples and lists compare alike
        if json.loads(json.dumps(now[name])) != before[name]:
            differ += 1
            print(f"DIFFERS: {name}")
            diff = list(difflib.unified_diff(_pretty(before[name]), _pretty(now[name]), "snapshot", "now",
                                             n=2, lineterm=""))
            for line in diff[: a.diff_lines]:
                print("    " + line)
            if len(diff) > a.diff_lines:
                print(f"    … {len(diff) - a.diff_lines} more diff lines")
    if differ:
        print(f"{differ} of {len(before)} documents differ")
        return 1
    print(f"all {len(before)} documents identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
