"""Benchmark of the read phase alone: the shipped YAML files through engine.read, fast and pure.

Run from the repository root:

    .venv/bin/python bench/bench_read.py              # 30 runs per file set
    .venv/bin/python bench/bench_read.py --runs 100

Prints, for the three shipped editions together, the median time of `read_text` as the loader
calls it (the libyaml fast path when ruamel.yaml.clib is installed) and with the fast path
switched off (the pure parser alone), their ratio from the same run, and the load average.
The machine is shared and noisy: this is a measurement, never a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine import read  # noqa: E402


def median_ms(texts: dict[str, str], runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds to read all the texts once."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        for name, text in texts.items():
            result = read.read_text(text, name)
            assert result.document is not None, [str(d) for d in result.diagnostics]
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--policy", type=Path, default=ROOT / "policy")
    args = ap.parse_args()
    texts = {p.name: p.read_text("utf-8") for p in sorted(args.policy.glob("*.yaml"))}
    size = sum(len(t.encode()) for t in texts.values())
    print(f"files: {', '.join(texts)} ({size / 1024:.0f} kB); load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    fast_c = read.CParser
    median_ms(texts, 3)  # warm-up
    nan = (float("nan"), float("nan"))
    fast = median_ms(texts, args.runs) if fast_c is not None else nan
    read.CParser = None
    pure = median_ms(texts, max(3, args.runs // 5))
    read.CParser = fast_c
    print(f"read, fast path (libyaml): {fast[0]:8.1f} ms wall, {fast[1]:8.1f} ms CPU  "
          f"median of {args.runs}")
    print(f"read, pure parser only   : {pure[0]:8.1f} ms wall, {pure[1]:8.1f} ms CPU  "
          f"median of {max(3, args.runs // 5)}")
    print(f"pure / fast              : {pure[0] / fast[0]:8.1f}x wall, "
          f"{pure[1] / fast[1]:8.1f}x CPU")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
