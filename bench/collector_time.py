"""What the cyclic garbage collector costs a command run after an edit, with Python's own threshold and with the console script's (engine/cli/client.py `quiet_collector`).

Run from the repository root:

    .venv/bin/python bench/collector_time.py --rounds 15
    .venv/bin/python bench/collector_time.py --rounds 15 --only "build (no PDFs)"

In bench_cli.py's scratch repository (its master has one pending wording change), each
command of bench_cli.py's list that reads the policy runs as a fresh process through the
console script, without a server, after an edit of the master (bench_cli.py's editor), in one
of two ways, alternated run by run:

* **700**: `quiet_collector` turned off: Python's own first threshold (700 objects);
* **shipped**: the console script as shipped (COLLECT_AFTER).

Printed per command and way: the collections (first, second, third generation) and the time
spent in them (gc.callbacks: from the start of each collection to its end, so independent of
the machine's other work but for the clock), then the medians of the run's wall time. The
machine is shared and noisy: this is a measurement, never a test.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_cli

# The console script, with a report of every collection written to the file named by
# COLLECTOR_REPORT, and quiet_collector turned off when DEFAULT=1.
SCRIPT = """
import gc, os, sys, time
report = open(os.environ["COLLECTOR_REPORT"], "a")
started = [0.0]
def seen(phase, info):
    if phase == "start":
        started[0] = time.perf_counter()
    else:
        report.write(f"{info['generation']} {time.perf_counter() - started[0]:.9f}\\n")
        report.flush()
gc.callbacks.append(seen)
sys.argv[0] = "policy"
from engine.cli import client
if os.environ.get("DEFAULT") == "1":
    client.quiet_collector = lambda: None
client.main()
"""

WAYS = ("700", "shipped")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--only", default=None, help="only the command with this name")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="collector-") as name:
        tmp = Path(name)
        repo = bench_cli.scratch(tmp)
        edit = bench_cli.editor(repo)
        report = tmp / "report"
        env = dict(bench_cli.ENV, XDG_CACHE_HOME=str(tmp / "cache"),
                   PYTHONPATH=str(bench_cli.ROOT), COLLECTOR_REPORT=str(report))
        print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
              f"{args.rounds} rounds per command, after an edit of the master, no server")
        print(f"{'command':<23} {'way':<8} {'collections':>14} {'in them':>9} {'wall':>7}")
        for label, argv, cacheable in bench_cli.COMMANDS:
            if (args.only and label != args.only) or (not args.only and not cacheable
                                                      and not label.startswith("build")):
                continue
            full = [sys.executable, "-P", "-c", SCRIPT,  # -P: not the working folder's code
                    *(a.replace("{tmp}", str(tmp)) for a in argv)]
            for _ in range(2):  # fills the caches
                subprocess.run(full, cwd=repo, env=env, capture_output=True)
            counts: dict[str, list[tuple[int, int, int]]] = {w: [] for w in WAYS}
            spent: dict[str, list[float]] = {w: [] for w in WAYS}
            walls: dict[str, list[float]] = {w: [] for w in WAYS}
            for n in range(args.rounds):
                for way in WAYS if n % 2 == 0 else WAYS[::-1]:
                    edit()
                    report.write_text("")
                    start = time.perf_counter()
                    subprocess.run(full, cwd=repo, capture_output=True,
                                   env={**env, "DEFAULT": "1" if way == "700" else "0"})
                    walls[way].append(time.perf_counter() - start)
                    gens = [0, 0, 0]
                    total = 0.0
                    for line in report.read_text().splitlines():
                        gen, took = line.split()
                        gens[int(gen)] += 1
                        total += float(took)
                    counts[way].append((gens[0], gens[1], gens[2]))
                    spent[way].append(total)
            for way in WAYS:
                gens = tuple(int(statistics.median(c[i] for c in counts[way])) for i in range(3))
                print(f"{label:<23} {way:<8} {gens!s:>14} "
                      f"{statistics.median(spent[way]) * 1000:>6.1f} ms "
                      f"{statistics.median(walls[way]) * 1000:>4.0f} ms")


if __name__ == "__main__":
    main()
