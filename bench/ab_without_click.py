"""An experiment, not the product: what `policy check` after an edit would save without click.

Run from the repository root:

    .venv/bin/python bench/ab_without_click.py --rounds 41
    .venv/bin/python bench/ab_without_click.py --callgrind     # instructions, once each way

In bench_cli.py's scratch repository (its master has one pending wording change), the master
is edited before every run (bench_cli.py's editor), and `policy check` runs as a fresh process
through the console script's own path (engine/cli/cached.py `main`: the result cache's key,
its lookup, a miss, the run, the store) in one of two ways, alternated run by run:

* **click**: the command as the console script runs it (click parses the command line and
  calls engine/cli/check.py `check`);
* **direct**: the same path, with the command's work called directly: load and check
  (engine/check.py `run_check`), the text for people (engine/humane.py `format_human`), the
  exit code of any error. Only a bare `policy check` is handled, and only its usual outcome.

The two print the same and exit alike (checked once at the end, on the same files, with the
result cache emptied before each). Printed: the load average,
the median wall time of each way and their difference; with `--callgrind`, the instructions
of one run each way after an edit (the Python process only). The session-17 note and
bench/README.md quote it as data for the decision whether the read-only commands should have
a path that does not import click. The machine is shared and noisy: this is a measurement,
never a test.
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

# The console script without click for a bare `policy check` (DIRECT=1), else as shipped.
SCRIPT = """
import os, sys
sys.argv[0] = "policy"
from engine.cli import cached
from engine.cli.client import end_now


def direct(args):
    assert args == ["check"], args
    record = []
    real_out, real_err = sys.stdout, sys.stderr
    sys.stdout = cached._Tee(real_out, "out", record)
    sys.stderr = cached._Tee(real_err, "err", record)
    try:
        from engine.check import run_check
        from engine.findings import Severity
        from engine.humane import format_human
        from engine.locate import find_policy_folder
        from engine.saying import language_from_env
        from engine.wording import use_colour

        result = run_check(find_policy_folder().folder)
        found = result.diagnostics
        sys.stdout.write(format_human(found, result.sources, colour=use_colour(), strict=False,
                                      lang=language_from_env(os.environ)))
        ended = SystemExit(1 if any(d.severity is Severity.ERROR for d in found) else 0)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdout, sys.stderr = real_out, real_err
    return ended, record


if os.environ.get("DIRECT") == "1":
    cached.run_recorded = direct
try:
    cached.main()
except SystemExit as done:
    end_now(done)
    raise
"""

WAYS = {"click": "0", "direct": "1"}


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
        script = tmp / "policy_without_click.py"
        script.write_text(SCRIPT, "utf-8")
        env = dict(bench_cli.ENV, XDG_CACHE_HOME=str(tmp / "cache"), PYTHONPATH=str(ROOT),
                   PYTHONHASHSEED="0")
        outputs: dict[str, set[tuple[int, str]]] = {way: set() for way in WAYS}

        def run(way: str, grind: bool = False) -> float:
            argv = [sys.executable, str(script), "check"]
            if grind:
                argv = ["setarch", os.uname().machine, "-R", "valgrind", "--tool=callgrind",
                        "--callgrind-out-file=/dev/null", *argv]
            start = time.perf_counter()
            done = subprocess.run(argv, cwd=repo, env=dict(env, DIRECT=WAYS[way]),
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
                print(f"{way:<7} after an edit of one master unit: {run(way, True):,.0f} M "
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
        assert outputs["click"] == outputs["direct"], "the two ways answered differently"
        medians = {way: statistics.median(t) * 1e3 for way, t in times.items()}
        print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {args.rounds} "
              "rounds, `policy check` after an edit, median wall ms: "
              + ", ".join(f"{way} {ms:.0f}" for way, ms in medians.items())
              + f"; direct - click {medians['direct'] - medians['click']:+.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
