"""A/B benchmark of `policy build` as a process: two checkouts' builds, alternated run by run.

Run from a checkout (its .venv's Python runs both sides):

    .venv/bin/python bench/ab_build.py /path/to/checkout-A /path/to/checkout-B --runs 21
    .venv/bin/python bench/ab_build.py A B --cold     # caches on, emptied before every run

Each run is a fresh `python -c "...engine.cli.cached.main()"` (what the console script runs)
with the checkout as working folder and first on the import path, building that checkout's own
`policy/` (its git history gives the version archive) into a fresh folder, with
POLICY_NO_CACHE=1 (all the work; default) or, with `--cold`, with the caches on and emptied
before the run (the first build after every file changed: it also stores what it found). A
and B take turns (A B B A A B ...), so a change of load on the machine falls on both alike.
Printed: the load average, the median wall and CPU time (user + system of the process and its
children, git included) of each side, and the median of the per-round differences B - A, with
their spread. The two sites are compared byte for byte once at the end. The machine is shared
and noisy: this is a measurement, never a test.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CODE = ("import sys\nsys.argv = ['policy', 'build', '--out', {out!r}, '--allow-drift']\n"
        "from engine.cli.cached import main\nmain()\n")


def run_once(checkout: Path, out: Path, cache: Path, *, cold: bool) -> tuple[float, float, int]:
    """Wall and CPU seconds of one build, and its exit code."""
    shutil.rmtree(out, ignore_errors=True)
    env = {k: v for k, v in os.environ.items()
           if k not in ("POLICY_NO_CACHE", "POLICY_CACHE_SOURCES", "PYTHONDONTWRITEBYTECODE")}
    env.update(PYTHONPATH=str(checkout), XDG_CACHE_HOME=str(cache))
    if cold:
        shutil.rmtree(cache, ignore_errors=True)
    else:
        env["POLICY_NO_CACHE"] = "1"
    argv = [sys.executable, "-c", CODE.format(out=str(out))]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=checkout, env=env, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, done.returncode


def _same_tree(a: Path, b: Path) -> bool:
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only or cmp.funny_files:
        return False
    _match, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    return not mismatch and not errors and all(
        _same_tree(a / d, b / d) for d in cmp.common_dirs)


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:6.1f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a", type=Path, help="checkout A (e.g. a worktree of main)")
    ap.add_argument("b", type=Path, help="checkout B (e.g. this branch)")
    ap.add_argument("--runs", type=int, default=15, help="runs of each side")
    ap.add_argument("--cold", action="store_true",
                    help="caches on and emptied before every run, instead of POLICY_NO_CACHE=1")
    args = ap.parse_args()
    sides = {"A": args.a.resolve(), "B": args.b.resolve()}
    with tempfile.TemporaryDirectory(prefix="ab-build-") as tmp:
        root = Path(tmp)
        for name, checkout in sides.items():  # bytecode and the OS file cache, not measured
            run_once(checkout, root / f"site-{name}", root / f"cache-{name}", cold=args.cold)
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
              flush=True)
        walls: dict[str, list[float]] = {"A": [], "B": []}
        cpus: dict[str, list[float]] = {"A": [], "B": []}
        codes: dict[str, set[int]] = {"A": set(), "B": set()}
        for i in range(args.runs):
            order = ("A", "B") if i % 2 == 0 else ("B", "A")
            for name in order:
                wall, cpu, code = run_once(sides[name], root / f"site-{name}",
                                           root / f"cache-{name}", cold=args.cold)
                walls[name].append(wall)
                cpus[name].append(cpu)
                codes[name].add(code)
        print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        how = "cold (caches emptied)" if args.cold else "POLICY_NO_CACHE=1"
        print(f"policy build, {how}, {args.runs} alternated runs of each side")
        for name, checkout in sides.items():
            print(f"  {name} {checkout}: wall {_ms(walls[name])} ms, CPU {_ms(cpus[name])} ms "
                  f"(median), exit {sorted(codes[name])}")
        dw = [b - a for a, b in zip(walls["A"], walls["B"], strict=True)]
        dc = [b - a for a, b in zip(cpus["A"], cpus["B"], strict=True)]
        q = statistics.quantiles(dc, n=4) if len(dc) >= 2 else [dc[0]] * 3
        print(f"  B - A per round: wall {_ms(dw)} ms, CPU {_ms(dc)} ms (median; CPU quartiles "
              f"{q[0] * 1000:.1f} .. {q[2] * 1000:.1f} ms)")
        same = _same_tree(root / "site-A", root / "site-B")
        print(f"  the two sites are {'byte-identical' if same else 'DIFFERENT'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
