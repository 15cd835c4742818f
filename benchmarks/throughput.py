"""One-core extraction throughput on the generated articles, as the speed work measures it.

    python -m benchmarks.throughput [DIR] [--runs 3]

Total UTF-8 bytes of the articles / wall time of extracting them all in one process (documents read
beforehand; the reference data loaded by a warm-up extraction first), best of `--runs`. Also prints
the figure for the Vietnamese articles alone (their bytes / their summed extraction times), and by
the process's CPU time, which another busy process on the machine disturbs less than the wall time.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

MB = 1e6


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.throughput", description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", nargs="?", default="/tmp/speed-articles")
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args(argv)
    from kg.extract.pipeline import extract
    from kg.reader import read_document

    files = sorted(Path(a.dir).glob("*.txt"))
    if not files:
        sys.exit(f"no articles in {a.dir} (python -m benchmarks.generate 1000 {a.dir})")
    total = sum(len(f.read_bytes()) for f in files)
    vi_bytes = sum(len(f.read_bytes()) for f in files if f.name.endswith(".vi.txt"))
    extract(read_document(files[0]))  # warm-up: the reference data and the derived tables
    best = best_vi = best_cpu = None
    for _ in range(a.runs):
        docs = [(f.name.endswith(".vi.txt"), read_document(f)) for f in files]
        gc.collect()
        vi_time = 0.0
        t0 = time.perf_counter()
        c0 = time.process_time()
        for is_vi, doc in docs:
            t = time.perf_counter()
            extract(doc)
            if is_vi:
                vi_time += time.perf_counter() - t
        wall = time.perf_counter() - t0
        cpu = time.process_time() - c0
        best = wall if best is None else min(best, wall)
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
        best_vi = vi_time if best_vi is None else min(best_vi, vi_time)
        print(f"  run: {wall:.2f} s, {total / MB / wall:.2f} MB/s (vi {vi_bytes / MB / vi_time:.2f} MB/s), "
              f"CPU {cpu:.2f} s", file=sys.stderr)
    print(f"{len(files)} articles, {total / MB:.2f} MB: best {best:.2f} s = {total / MB / best:.2f} MB/s "
          f"(Vietnamese alone {vi_bytes / MB / best_vi:.2f} MB/s; by CPU time {total / MB / best_cpu:.2f} MB/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
