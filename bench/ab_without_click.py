"""What running `policy check` without click saves after an edit (engine/cli/plain.py): the shipped console script against the same script with that path turned off.

Run from the repository root:

    .venv/bin/python bench/ab_without_click.py --rounds 41
    .venv/bin/python bench/ab_without_click.py --callgrind     # instructions, once each way

In bench_cli.py's scratch repository (its master has one pending wording change), the master
is edited before every run (bench_cli.py's editor), and `policy check` runs as a fresh process
through the console script's own path (engine/cli/cached.py `main`: the result cache's key,
its lookup, a miss, the run, the store) in one of two ways, alternated run by run:

* **click**: as before the seventeenth session: `run_without_click` turned off, so click reads
  the command line and calls engine/cli/check.py `check`, which calls plain.check;
* **without click**: the console script as shipped.

The two print the same and exit alike (checked once at the end, on the same files, with the
result cache emptied before each). Printed: the load average, the median wall time of each way
and their difference; with `--callgrind`, the instructions of one run each way after an edit
(the Python process only). The machine is shared and noisy: this is a measurement, never a
test.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_cli

ROOT = bench_cli.ROOT

# The console script, with the path without click turned off when CLICK=1.
SCRIPT = """
import os, sys
sys.argv[0] = "policy"
from engine.cli import cached
from engine.cli.client import end_now

if os.environ.get("CLICK") == "1":
    cached.run_without_click = lambda args: None
try:
    cached.main()
except SystemExit as done:
    end_now(done)
    raise
"""

WAYS = {"click": "1", "without click": "0"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=31)
    ap.add_argument("--callgrind", action="store_true",
                    help="count the instructions of one run each way instead of timing")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ab-without-click-") as name:
        tmp = Path(name)
        repo = bench_cli.scratch(tmp)
        edit = bench_cli.editor(repo)
        script = tmp / "policy_script.py"
        script.write_text(SCRIPT, "utf-8")
        env = dict(bench_cli.ENV, XDG_CACHE_HOME=str(tmp / "cache"), PYTHONPATH=str(ROOT),
                   PYTHONHASHSEED="0")
        outputs: dict[str, set[tuple[int, str]]] = {way: set() for way in WAYS}

        def run(way: str, grind: bool = False) -> float:
            argv = [sys.executable, str(script), "check"]
            if grind:
                argv = ["setarch", os.uname().machine, "-R", "valgrind", "--tool=callgrind",
                        "--child-silent-after-fork=yes",
                        "--callgrind-out-file=/dev/null", *argv]
            start = time.perf_counter()
            done = subprocess.run(argv, cwd=repo, env=dict(env, CLICK=WAYS[way]),
                                  capture_output=True, text=True)
            wall = time.perf_counter() - start
            assert done.returncode in (0, 1), done.stderr[-2000:]  # 1: the pending change
            if grind:
                found = re.search(r"Collected : (\d+)", done.stderr)
                return int(found.group(1)) / 1e6 if found else 0.0
            outputs[way].add((done.returncode, done.stdout + done.stderr))
            return wall

        for way in WAYS:  # fill the caches, as a second run on any machine would
            run(way)
            run(way)
        if args.callgrind:
            for way in WAYS:
                edit()
                run(way)  # the caches as after a first run after the edit
                edit()
                print(f"{way:<13} after an edit of one master unit: {run(way, True):,.0f} M "
                      "instructions")
            return 0
        times: dict[str, list[float]] = {way: [] for way in WAYS}
        order = list(WAYS)
        for i in range(args.rounds):
            for way in order if i % 2 == 0 else order[::-1]:
                edit()
                times[way].append(run(way))
        # The same answer both ways: after one more edit, each way runs with the result cache
        # emptied before it (the other caches as they are), on the same files.
        edit()
        for way in WAYS:
            shutil.rmtree(tmp / "cache" / "cafetalk-policy" / "results", ignore_errors=True)
            outputs[way].clear()
            run(way)
        assert outputs["click"] == outputs["without click"], "the two ways answered differently"
        medians = {way: statistics.median(t) * 1e3 for way, t in times.items()}
        print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {args.rounds} "
              "rounds, `policy check` after an edit, median wall ms: "
              + ", ".join(f"{way} {ms:.0f}" for way, ms in medians.items())
              + f"; without click - click {medians['without click'] - medians['click']:+.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
