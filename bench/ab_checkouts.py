"""Two checkouts of the tool, the same `policy` command, run by turns: what one change saves a command run in a process of its own.

Run from the repository root, with another checkout to compare with (a worktree at the
commit before the change):

    git worktree add --detach /tmp/base HEAD~3
    .venv/bin/python bench/ab_checkouts.py /tmp/base --command check --rounds 21
    .venv/bin/python bench/ab_checkouts.py /tmp/base --command "build (no PDFs)" --no-cache

In bench_cli.py's repository (a clone of this one; `--no-history`: one commit; its master has
one pending wording change), each round runs the command once with each checkout (this one, and
the other through PYTHONPATH; the same Python and libraries), in an order that alternates from
round to round so that a machine slowing down or speeding up weighs on both alike. Each
checkout has its own cache folder. By default the master is edited before every run
(bench_cli.py's editor: every cache keyed by its bytes misses, as after a lawyer's edit); with
`--no-cache`, POLICY_NO_CACHE=1 and no edit (the command does all its work); with `--cold`, the
caches bench_cli.py's cold column empties are emptied before every run, and no edit (a first
run after they were lost). No server. Before the rounds, each checkout runs the command twice
(the compiled-bundle cache, the OS's file cache).

Printed: the load average, then per checkout the median wall time and the median CPU time
(user + system, of the process and its children) in milliseconds, and the differences. The
machine is shared and noisy: this is a measurement, never a test; only figures of the same
run compare.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_cli

# The console script's own path (engine/cli/client.py), whichever checkout is on PYTHONPATH.
SCRIPT = "import sys; sys.argv[0] = 'policy'; from engine.cli.client import main; main()"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("other", help="the other checkout's root (its engine/ and render/)")
    ap.add_argument("--command", default="check", help="a command's name in bench_cli.py")
    ap.add_argument("--rounds", type=int, default=21)
    ap.add_argument("--no-history", action="store_true",
                    help="in bench_cli.py's repository of one commit, not a clone of this one")
    ap.add_argument("--no-cache", action="store_true",
                    help="POLICY_NO_CACHE=1 and no edit, instead of an edit before each run")
    ap.add_argument("--cold", action="store_true",
                    help="the caches bench_cli.py empties for its cold column emptied before "
                         "each run, and no edit")
    args = ap.parse_args()
    way = "no cache" if args.no_cache else "cold" if args.cold else "after an edit"
    [command] = [argv for label, argv, _ in bench_cli.COMMANDS if label == args.command]
    tools = [str(bench_cli.ROOT), str(Path(args.other).resolve())]
    # a kept-work child of the last run may still be writing in the scratch folder
    with tempfile.TemporaryDirectory(prefix="ab-checkouts-", ignore_cleanup_errors=True) as name:
        tmp = Path(name)
        repo = bench_cli.scratch(tmp, history=not args.no_history)
        edit = bench_cli.editor(repo)
        # -P: the working folder is not put on sys.path (PYTHONPATH names the tool)
        argv = [sys.executable, "-P", "-c", SCRIPT, *(a.replace("{tmp}", str(tmp)) for a in command)]
        envs = {}
        for i, tool in enumerate(tools):
            env = dict(bench_cli.ENV, XDG_CACHE_HOME=str(tmp / f"cache{i}"), PYTHONPATH=tool)
            if args.no_cache:
                env["POLICY_NO_CACHE"] = "1"
            envs[tool] = env
        for tool in tools:
            for _ in range(2):
                subprocess.run(argv, cwd=repo, env=envs[tool], capture_output=True)
                bench_cli.settle(argv, repo)
        wall: dict[str, list[float]] = {tool: [] for tool in tools}
        cpu: dict[str, list[float]] = {tool: [] for tool in tools}
        codes: dict[str, set[int]] = {tool: set() for tool in tools}
        print(f"{args.command}, {way}, "
              f"{args.rounds} rounds; load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        for r in range(args.rounds):
            for tool in tools if r % 2 == 0 else tools[::-1]:
                if args.cold:
                    cache = Path(envs[tool]["XDG_CACHE_HOME"]) / "cafetalk-policy"
                    for folder in bench_cli.COLD_CACHES:
                        shutil.rmtree(cache / folder, ignore_errors=True)
                elif not args.no_cache:
                    edit()
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                started = time.perf_counter()
                done = subprocess.run(argv, cwd=repo, env=envs[tool], capture_output=True)
                wall[tool].append(time.perf_counter() - started)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[tool].append(after.ru_utime - before.ru_utime
                                 + after.ru_stime - before.ru_stime)
                codes[tool].add(done.returncode)
                bench_cli.settle(argv, repo)  # a build's old folder gone: runs never overlap
        medians = {tool: (statistics.median(wall[tool]) * 1000,
                          statistics.median(cpu[tool]) * 1000) for tool in tools}
        for tool in tools:
            print(f"{tool:<40} wall {medians[tool][0]:6.1f} ms  CPU {medians[tool][1]:6.1f} ms  "
                  f"exit {sorted(codes[tool])}")
        this, other = medians[tools[0]], medians[tools[1]]
        print(f"this checkout minus the other: wall {this[0] - other[0]:+.1f} ms, "
              f"CPU {this[1] - other[1]:+.1f} ms; load average at the end "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
