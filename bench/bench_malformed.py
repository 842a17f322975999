"""Benchmark: how long `policy validate` takes to refuse each malformed input of the catalogue.

    .venv/bin/python bench/bench_malformed.py [--repeat 5] [--subprocess] [--near-limit]

In-process: the median time of `load_folder` per case over --repeat runs (imports excluded).
--subprocess adds the wall time of a real `policy validate` per case (imports included).
--near-limit also times a valid-looking file just under the reader's size limit (slow: this is
the worst case the size limit still admits). Prints one line per case, then the summary.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.loader import load_folder  # noqa: E402
from engine.read import MAX_FILE_BYTES, read_text  # noqa: E402
from tests.test_malformed import CASES, POLICY_BIN, prepare  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--subprocess", action="store_true")
    ap.add_argument("--near-limit", action="store_true")
    args = ap.parse_args()
    medians: dict[str, float] = {}
    walls: dict[str, float] = {}
    for case in CASES:
        if case.get("setup") == "master-chmod-000" and os.geteuid() == 0:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            prepare(case, work)
            os.chdir(work)
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                load_folder(Path("policy"))
                times.append(time.perf_counter() - start)
            medians[case["id"]] = statistics.median(times)
            if args.subprocess:
                start = time.perf_counter()
                subprocess.run([str(POLICY_BIN), "validate", "--policy", "policy"], cwd=work,
                               capture_output=True, timeout=60)
                walls[case["id"]] = time.perf_counter() - start
            os.chdir(ROOT)
        line = f"{case['id']:45s} {medians[case['id']] * 1000:9.1f} ms"
        if args.subprocess:
            line += f"   subprocess {walls[case['id']] * 1000:8.0f} ms"
        print(line)
    values = sorted(medians.values())
    print(f"\n{len(values)} cases; in-process load_folder: median {statistics.median(values) * 1000:.1f} ms, "
          f"max {values[-1] * 1000:.1f} ms ({max(medians, key=lambda k: medians[k])})")
    if walls:
        w = sorted(walls.values())
        print(f"subprocess `policy validate`: median {statistics.median(w) * 1000:.0f} ms, "
              f"max {w[-1] * 1000:.0f} ms ({max(walls, key=lambda k: walls[k])})")
    if args.near_limit:
        unit = "  - id: item-{i}\n    text: " + "x" * 60 + "\n"
        parts, size, i = ["items:\n"], 7, 0
        while size < MAX_FILE_BYTES - 200:
            s = unit.format(i=i)
            parts.append(s)
            size += len(s)
            i += 1
        text = "".join(parts)
        start = time.perf_counter()
        read_text(text, "near-limit.yaml")
        print(f"near-limit file ({len(text.encode()) / 1e6:.1f} MB, limit {MAX_FILE_BYTES}): "
              f"read in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
