"""Benchmark: the exhaustive decision diff of the shipped policy (target ≤ 1 s).

    .venv/bin/python bench/bench_diff.py [--repeat N] [--policy DIR]

Prints the median wall time of
  1. diff_decisions(p, p): the shipped policy against itself (every question compared);
  2. diff_decisions(p, q): against a variant with one permit dropped and one forbid added, so
     that changed questions are grouped into statements as well;
  3. diff_sides: the whole four-part diff (decisions, vocabulary, text, facts) of the folder;
and the number of questions compared. Loading and compiling the YAML is measured apart.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.decide import CompiledPolicy  # noqa: E402
from engine.diff import diff_decisions, diff_sides, side_from_folder  # noqa: E402


def median_s(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def variant(policy: CompiledPolicy) -> CompiledPolicy:
    bundle: dict[str, Any] = policy.bundle_dict()
    permits = [i for i, r in enumerate(bundle["rules"]) if r["effect"] == "permit"]
    dropped = bundle["rules"].pop(permits[len(permits) // 2])
    bundle["rules"].append({**dropped, "effect": "forbid", "when": {"opted_out": True},
                            "obligations": []})
    return CompiledPolicy(bundle)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--policy", type=Path, default=ROOT / "policy")
    args = parser.parse_args()

    start = time.perf_counter()
    side = side_from_folder(args.policy)
    load_s = time.perf_counter() - start
    p = side.policy
    q = variant(p)

    same = diff_decisions(p, p)
    changed = diff_decisions(p, q)
    assert not same.statements and changed.statements
    t_same = median_s(lambda: diff_decisions(p, p), args.repeat)
    t_changed = median_s(lambda: diff_decisions(p, q), args.repeat)
    t_full = median_s(lambda: diff_sides(side, side), max(5, args.repeat // 3))

    print(f"policy: {args.policy} version {p.version}; {len(p.bundle['rules'])} rules; "
          f"flags {', '.join(same.flags)}")
    print(f"questions compared: {same.questions_compared} "
          "(action × data × purpose × flag combinations, groups included)")
    print(f"load + compile YAML (once, not part of the diff): {load_s * 1000:.1f} ms")
    print(f"decision diff, policy vs itself:  median {t_same * 1000:.2f} ms "
          f"over {args.repeat} runs")
    print(f"decision diff, policy vs variant: median {t_changed * 1000:.2f} ms "
          f"over {args.repeat} runs ({len(changed.newly_allowed)} newly allowed, "
          f"{len(changed.newly_denied)} newly denied, {len(changed.statements)} statements)")
    print(f"whole diff (decisions, vocabulary, text, facts): median {t_full * 1000:.2f} ms")
    worst = max(t_same, t_changed)
    print(f"target ≤ 1000 ms: {'met' if worst <= 1.0 else 'MISSED'} ({worst * 1000:.2f} ms)")


if __name__ == "__main__":
    main()
