"""Benchmark of `policy uses check`: 1,000 declared uses across 100 systems, as a process.

Run from the repository root:

    .venv/bin/python bench/bench_uses.py              # 15 process runs, 15 in-process
    .venv/bin/python bench/bench_uses.py --runs 31 --systems 100 --uses-per-system 10

Generates (seeded) 100 declaration files of 10 uses each from the shipped policy itself: 90% of
the uses are drawn from what a permit of the bundle speaks to (its action, one to three of its
data categories, a purpose, its `when`), 10% are uniform over the vocabulary; the obligations
the policy attaches are acknowledged for 90% of the uses. So the check finds some denied uses
and some missing obligations, as it would in real declarations. Then times
`policy uses check --uses DIR` as a fresh process (the shipped policy, warm compile cache, read
cache on, as in CI after the first run: this folder is read wholly line by line, which keeps no
entry; then again with POLICY_NO_CACHE=1, as on a first run), median wall and CPU time of `--runs` runs,
beside a bare `python -c pass` from the same run; and the same check in-process (read +
check, with and without the read cache). Target:
<= 0.300 s as a process. Prints the load average: the machine is shared and noisy, so this is a
measurement, never a test.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine import policy  # noqa: E402
from engine.uses import check_uses, load_uses  # noqa: E402

TARGET = 0.300


def generate(out: Path, systems: int, per_system: int, seed: int = 16) -> int:
    """Write `systems` declaration files; returns the number of (use, data) questions."""
    rng = random.Random(seed)
    v = policy.vocabulary
    actions, data, purposes = list(v["actions"]), list(v["data"]), list(v["purposes"])
    permits = [r for r in policy.bundle["rules"] if r["effect"] == "permit"]
    flags = list(policy.flags)
    questions = 0
    for s in range(systems):
        lines = [f"system: system-{s:03d}",
                 f"name: {{ja: システム{s}, ru: Система {s}, en: System {s}}}",
                 f"owner: team {s % 12}", "uses:"]
        for u in range(per_system):
            if rng.random() < 0.9:
                rule = rng.choice(permits)
                action, purpose = rng.choice(rule["actions"]), rng.choice(rule["purposes"])
                terms = rng.sample(list(rule["data"]), min(len(rule["data"]), rng.randint(1, 3)))
                when = dict(rule["when"])
            else:
                action, purpose = rng.choice(actions), rng.choice(purposes)
                terms = rng.sample(data, rng.randint(1, 3))
                when = {f: rng.random() < 0.5 for f in rng.sample(flags, rng.randint(0, 2))}
            obligations: list[str] = []
            if rng.random() < 0.9:
                for t in terms:
                    d = policy.decide(action, t, purpose, when)
                    obligations += [o.id for o in d.obligations if o.id not in obligations]
            questions += len(terms)
            lines += [f"  - id: use-{u:02d}", f"    action: {action}",
                      f"    data: [{', '.join(terms)}]", f"    purpose: {purpose}"]
            if when:
                lines.append("    when: {" + ", ".join(
                    f"{f}: {str(b).lower()}" for f, b in when.items()) + "}")
            if obligations:
                lines.append(f"    obligations: [{', '.join(obligations)}]")
        (out / f"system-{s:03d}.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    return questions


def process_times(cmd: list[str], runs: int, env: dict[str, str] | None = None,
                  ) -> tuple[float, float]:
    """Median wall and CPU (user + system of the child) seconds of `runs` runs."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=env)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--systems", type=int, default=100)
    ap.add_argument("--uses-per-system", type=int, default=10)
    args = ap.parse_args()
    exe = Path(sys.executable).with_name("policy")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        questions = generate(folder, args.systems, args.uses_per_system)
        decls = load_uses(folder)
        assert decls.ok, [str(d) for d in decls.diagnostics[:5]]
        result = check_uses(policy, decls)
        codes: dict[str, int] = {}
        for d in result.diagnostics:
            codes[d.code] = codes.get(d.code, 0) + 1
        cmd = [str(exe), "uses", "check", "--uses", str(folder)]
        subprocess.run(cmd, cwd=ROOT, capture_output=True)  # warm the policy's compile cache
        bare_wall, bare_cpu = process_times([sys.executable, "-c", "pass"], args.runs)
        wall, cpu = process_times(cmd, args.runs)
        cold_env = dict(os.environ, POLICY_NO_CACHE="1")
        cold_wall, cold_cpu = process_times(cmd, args.runs, cold_env)
        inproc, inproc_cold = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            check_uses(policy, load_uses(folder))
            inproc.append(time.perf_counter() - start)
            os.environ["POLICY_NO_CACHE"] = "1"
            start = time.perf_counter()
            check_uses(policy, load_uses(folder))
            inproc_cold.append(time.perf_counter() - start)
            del os.environ["POLICY_NO_CACHE"]
    load1, load5, _ = os.getloadavg()
    print(f"declared uses: {args.systems} systems x {args.uses_per_system} uses = "
          f"{len(decls.uses)} uses, {questions} (use, data) questions; findings: "
          + ", ".join(f"{c} {n}" for c, n in sorted(codes.items())))
    print(f"load average: {load1:.2f} (1 min), {load5:.2f} (5 min); {os.cpu_count()} CPUs")
    print(f"command: {' '.join(cmd[:3])} --uses <generated folder>   (from {ROOT})")
    print(f"policy uses check, process: median {wall * 1000:.0f} ms wall, "
          f"{cpu * 1000:.0f} ms CPU over {args.runs} runs (target <= {TARGET * 1000:.0f} ms); "
          "a repeat run (read cache on; a folder read wholly line by line keeps no entry)")
    print(f"  the same, POLICY_NO_CACHE=1 (every file read and parsed): median "
          f"{cold_wall * 1000:.0f} ms wall, {cold_cpu * 1000:.0f} ms CPU")
    print(f"python -c pass, same run:   median {bare_wall * 1000:.0f} ms wall, "
          f"{bare_cpu * 1000:.0f} ms CPU")
    print(f"in-process read + check:    median {statistics.median(inproc) * 1000:.1f} ms "
          f"(read cache warm), {statistics.median(inproc_cold) * 1000:.1f} ms (no cache)")
    for label, value in (("repeat run", wall), ("POLICY_NO_CACHE=1 (a first run)", cold_wall)):
        print(f"{label}: " + ("within target" if value <= TARGET else "OVER TARGET (wall); "
                              "compare CPU time and the load average before concluding"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
