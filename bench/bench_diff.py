"""Benchmark: the exhaustive decision diff of the shipped policy (target ≤ 1 s).

    .venv/bin/python bench/bench_diff.py [--repeat N] [--policy DIR]

Prints the median wall time of
  1. diff_decisions(p, p): the shipped policy against itself (every question compared);
  2. diff_decisions(p, q): against a variant with one permit dropped and one forbid added, so
     that changed questions are grouped into statements as well;
  3. diff_sides: the whole four-part diff (decisions, vocabulary, text, facts) of the folder;
and the number of questions compared. Loading and compiling the YAML is measured apart.

Then the whole diff at three sizes, the policy with its clauses repeated 1, 10 and 100 times
(ids suffixed, renumbered, in every edition) against the same policy with two clauses of every
copy swapped, and reports the time per unit-edition (units of the master x editions). The diff
is linear when that time stays flat: the target is 100x ≤ 1.5 x 10x.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.decide import CompiledPolicy  # noqa: E402
from engine.diff import diff_decisions, diff_sides, side_from_folder  # noqa: E402
from engine.diff.decisions import _minimise  # noqa: E402
from engine.model import master_units  # noqa: E402
from engine.readfile import read_file  # noqa: E402

SCALES = (1, 10, 100)
TARGET_LINEAR = 1.5


def _rename(node: Any, suffix: str) -> Any:
    if isinstance(node, dict):
        return {k: (v + suffix if k == "id" else _rename(v, suffix)) for k, v in node.items()}
    if isinstance(node, list):
        return [_rename(v, suffix) for v in node]
    return node


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if hasattr(node, "isoformat"):
        return node.isoformat()
    return node


def generate(policy: Path, out: Path, copies: int, *, swap: bool) -> None:
    """The policy with its clauses repeated `copies` times in every edition (copy 0 keeps the
    original ids), renumbered; with `swap`, clauses 2 and 3 of every copy change places.
    JSON is valid YAML."""
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(policy.glob("*.yaml")):
        result = read_file(path, str(path))
        assert result.document is not None, result.diagnostics
        data = _plain(result.document.data)
        clauses = data["clauses"]
        big = []
        for copy in range(copies):
            block = [_rename(c, "" if copy == 0 else f"-x{copy}") for c in clauses]
            if swap:
                block[1], block[2] = block[2], block[1]
            big.extend(block)
        for n, c in enumerate(big, 1):
            c["number"] = n
        data["clauses"] = big
        (out / path.name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                                     "utf-8")
    for extra in policy.glob("*.toml"):
        (out / extra.name).write_text(extra.read_text("utf-8"), "utf-8")


def cold(fn: Callable[..., Any], *args: Any) -> Any:
    """`fn(*args)` with an empty cache of minimised conditions, as in a fresh process."""
    _minimise.cache_clear()
    return fn(*args)


def median_s(fn: Callable[[], Any], repeat: int, cpu: list[float] | None = None) -> float:
    """Median wall-clock seconds of `fn()`; the median CPU seconds is appended to `cpu`."""
    times, cpus = [], []
    for _ in range(repeat):
        c0, start = time.process_time(), time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        cpus.append(time.process_time() - c0)
    if cpu is not None:
        cpu.append(statistics.median(cpus))
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
    parser.add_argument("--json", type=Path, default=None,
                        help="also write the results here (bench/targets.py reads them)")
    args = parser.parse_args()
    load_before = os.getloadavg()

    start = time.perf_counter()
    side = side_from_folder(args.policy)
    load_s = time.perf_counter() - start
    p = side.policy
    q = variant(p)

    same = diff_decisions(p, p)
    changed = diff_decisions(p, q)
    assert not same.statements and changed.statements
    # Each run starts with an empty cache of minimised conditions, as a `policy diff` process does.
    t_same = median_s(lambda: cold(diff_decisions, p, p), args.repeat)
    t_changed = median_s(lambda: cold(diff_decisions, p, q), args.repeat)
    t_full = median_s(lambda: cold(diff_sides, side, side), max(5, args.repeat // 3))

    print(f"command: python bench/bench_diff.py {' '.join(sys.argv[1:])}; load average "
          f"{os.getloadavg()[0]:.1f}")
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
    sizes = scaling(args.policy, max(3, args.repeat // 7))
    if args.json is not None:
        results = {"command": "python bench/bench_diff.py " + " ".join(sys.argv[1:]),
                   "load_average_before": load_before, "load_average_after": os.getloadavg(),
                   "decision_diff_s": worst, "whole_diff_s": t_full,
                   "questions": same.questions_compared, "target_linear": TARGET_LINEAR,
                   "sizes": sizes}
        args.json.write_text(json.dumps(results, indent=1) + "\n", "utf-8")


def scaling(policy: Path, repeat: int) -> list[dict[str, float]]:
    """The whole diff at each of SCALES; per size: copies, units, editions, seconds, and
    seconds per unit-edition by wall clock and by CPU time."""
    sizes: list[dict[str, float]] = []
    per: dict[int, float] = {}
    per_cpu: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-diff-") as tmp:
        for copies in SCALES:
            generate(policy, Path(tmp) / f"base{copies}", copies, swap=False)
            generate(policy, Path(tmp) / f"head{copies}", copies, swap=True)
            base = side_from_folder(Path(tmp) / f"base{copies}")
            head = side_from_folder(Path(tmp) / f"head{copies}")
            assert base.master is not None
            units = sum(1 for _ in master_units(base.master))
            editions = 1 + len(base.translations)
            cpu: list[float] = []
            t = median_s(functools.partial(cold, diff_sides, base, head), repeat, cpu)
            changes = diff_sides(base, head)
            assert changes.text is not None and changes.text.structure
            per[copies] = t / (units * editions)
            per_cpu[copies] = cpu[0] / (units * editions)
            sizes.append({"copies": copies, "units": units, "editions": editions, "s": t,
                          "per_unit_edition_s": per[copies],
                          "per_unit_edition_cpu_s": per_cpu[copies]})
            print(f"whole diff at {copies:>3}x: {units} units x {editions} editions, "
                  f"{len(changes.text.structure)} structure changes: median {t * 1000:.1f} ms, "
                  f"{per[copies] * 1e6:.2f} µs per unit-edition (CPU time "
                  f"{per_cpu[copies] * 1e6:.2f} µs)")
    for name, p in (("wall clock", per), ("CPU time", per_cpu)):
        ratio = p[SCALES[-1]] / p[SCALES[-2]]
        print(f"per unit-edition by {name}, {SCALES[-1]}x / {SCALES[-2]}x = {ratio:.2f} "
              f"(target ≤ {TARGET_LINEAR}: {'met' if ratio <= TARGET_LINEAR else 'MISSED'}); "
              f"{SCALES[-2]}x / {SCALES[0]}x = {p[SCALES[-2]] / p[SCALES[0]]:.2f}")
    print(f"load average now {os.getloadavg()[0]:.1f}")
    return sizes


if __name__ == "__main__":
    main()
