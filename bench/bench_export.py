"""Benchmark of the exports: build time of each, and the per-decision cost in regopy (OPA bundle)
and cedarpy (Cedar export) beside the engine's, measured in the same run.

    .venv/bin/python bench/bench_export.py [--policy DIR] [--queries 500] [--repeats 5]
                                           [--json results.json]

1. Loads the policy (folder or bundle) and times building each export (median of repeats):
   the OPA bundle (tar.gz), the Cedar folder's files, the decision table.
2. Draws a mix of leaf questions (random terms, random flags; seeded) and checks that regopy,
   cedarpy and the engine agree on every one before timing anything (exit 1 otherwise).
3. Times per decision, median over repeats: the engine (memoised, and a fresh policy that
   evaluates every question once), regopy (one query per decision, and the `decisions` entry
   point over the whole mix), cedarpy (is_authorized per question, and is_authorized_batch).

The machine is shared and noisy: the script prints the load average and CPU time beside wall
time; read medians, compare ratios from the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine import CompiledPolicy, load  # noqa: E402
from engine.atomic import write_text_atomic  # noqa: E402
from engine.export import rego  # noqa: E402
from engine.export.files import cedar_files  # noqa: E402
from engine.export.table import decision_table  # noqa: E402
from tests.export.runners import Cedar, Rego, engine_json, rego_query  # noqa: E402

Question = tuple[str, str, str, dict[str, bool]]


def mix(pol: CompiledPolicy, n: int, seed: int) -> list[Question]:
    rnd = random.Random(seed)
    terms = [pol.terms(k, groups=False) for k in ("actions", "data", "purposes")]
    return [(rnd.choice(terms[0]), rnd.choice(terms[1]), rnd.choice(terms[2]),
             {f: rnd.random() < 0.5 for f in pol.flags}) for _ in range(n)]


def timed(fn: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median wall and CPU seconds of `fn` over `repeats` runs."""
    wall, cpu = [], []
    for _ in range(repeats):
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--policy", type=Path, default=ROOT / "policy")
    ap.add_argument("--queries", type=int, default=500)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--seed", type=int, default=20100420)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    load_before = os.getloadavg()

    pol = load(args.policy)
    bundle = pol.bundle_dict()
    builds = {
        "rego_bundle": timed(lambda: rego.opa_bundle(bundle), args.repeats),
        "cedar_files": timed(lambda: cedar_files(bundle), args.repeats),
        "decision_table": timed(lambda: decision_table(bundle), args.repeats),
    }
    regopy_runner, cedar_runner = Rego(bundle), Cedar(bundle)
    qs = mix(pol, args.queries, args.seed)

    # Agreement first: nothing is timed unless all three answer alike.
    wrong = []
    rego_answers = regopy_runner.decide_many([rego_query(q) for q in qs])
    cedar_answers = cedar_runner.allowed_many(qs)
    for q, r, c in zip(qs, rego_answers, cedar_answers, strict=True):
        e = engine_json(pol, q)
        if r != e or c != e["allowed"]:
            wrong.append(q)

    n = len(qs)

    def engine_memo() -> None:
        allows = pol.allows
        for a, d, p, ctx in qs:
            allows(a, d, p, **ctx)

    def engine_fresh() -> None:
        fresh = CompiledPolicy(bundle)
        for a, d, p, ctx in qs:
            fresh.allows(a, d, p, **ctx)

    def regopy_each() -> None:
        for q in qs:
            regopy_runner.decide(rego_query(q))

    def regopy_batch() -> None:
        regopy_runner.decide_many([rego_query(q) for q in qs])

    def cedarpy_each() -> None:
        for q in qs:
            cedar_runner.allowed_many([q])

    def cedarpy_batch() -> None:
        cedar_runner.allowed_many(qs)

    engine_memo()
    per_decision = {}
    for name, fn, reps in (("engine (memoised)", engine_memo, args.repeats * 4),
                           ("engine (fresh policy, first asks)", engine_fresh, args.repeats),
                           ("regopy, one query per decision", regopy_each, args.repeats),
                           ("regopy, `decisions` over the mix", regopy_batch, args.repeats),
                           ("cedarpy, is_authorized_batch of one", cedarpy_each, args.repeats),
                           ("cedarpy, is_authorized_batch of the mix", cedarpy_batch,
                            args.repeats)):
        wall, cpu = timed(fn, reps)
        per_decision[name] = {"wall_us": wall / n * 1e6, "cpu_us": cpu / n * 1e6}

    results: dict[str, Any] = {
        "command": "python bench/bench_export.py " + " ".join(argv or sys.argv[1:]),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "load_average_before": load_before, "load_average_after": os.getloadavg()},
        "policy_version": pol.version,
        "rules": len(bundle["rules"]),
        "flags": len(pol.flags),
        "build_ms": {k: {"wall": w * 1e3, "cpu": c * 1e3} for k, (w, c) in builds.items()},
        "queries": n,
        "disagreements": [list(q) for q in wrong],
        "per_decision": per_decision,
    }
    report(results)
    if args.json is not None:
        write_text_atomic(args.json, json.dumps(results, indent=1, sort_keys=True) + "\n")
    return 1 if wrong else 0


def report(r: dict[str, Any]) -> None:
    m = r["machine"]
    print(f"policy {r['policy_version']}, {r['rules']} rules, {r['flags']} flags; Python "
          f"{m['python']} on {m['cpus']} CPUs; load average {m['load_average_before'][0]:.1f} "
          f"before, {m['load_average_after'][0]:.1f} after")
    print(f"command: {r['command']}")
    for name, t in r["build_ms"].items():
        print(f"build {name:16s}: {t['wall']:9.1f} ms median (CPU {t['cpu']:.1f} ms)")
    print(f"agreement on {r['queries']} questions (engine, regopy, cedarpy): "
          f"{len(r['disagreements'])} disagreement(s)")
    # Like with like: the peers evaluate every question, so they are set against the engine
    # deciding questions it has not seen (a fresh policy), never against its memo.
    engine = r["per_decision"]["engine (fresh policy, first asks)"]["cpu_us"]
    for name, t in r["per_decision"].items():
        ratio = t["cpu_us"] / engine if engine else float("nan")
        print(f"{name:42s}: {t['wall_us']:10.2f} µs/decision median (CPU {t['cpu_us']:.2f}; "
              f"{ratio:,.1f}x the engine's first asks, CPU)")


if __name__ == "__main__":
    sys.exit(main())
