"""Benchmark of every `policy` command as the legal team runs it: a real process, wall time.

Run from the repository root:

    .venv/bin/python bench/bench_cli.py              # 7 runs per command
    .venv/bin/python bench/bench_cli.py --runs 15 --only "revise --dry-run"

Each command runs as `policy ...` (the installed console script) in a scratch git copy of the
repository whose master has one pending wording change, so `revise --dry-run`, `diff` and
`check` have something to say. Every command is run once first (that fills the compiled-bundle
cache, as any second run on a machine would), then `--runs` times; the script prints the median
wall time, the median of `python -c pass` from the same run (the floor every process pays),
their difference, the median CPU time of the process (user + system: far less sensitive to
other jobs on the machine than wall time) and the load average. Target for the legal team's commands: <= 0.3 s on the
shipped policy. The machine is shared and noisy: this is a measurement, never a test.
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

ROOT = Path(__file__).resolve().parent.parent
POLICY_BIN = Path(sys.executable).with_name("policy")

COMMANDS: list[tuple[str, list[str]]] = [
    ("--help", ["--help"]),
    ("--version", ["--version"]),
    ("terms", ["terms"]),
    ("ask", ["ask", "use", "contact", "newsletter", "--opted-out"]),
    ("validate", ["validate"]),
    ("check", ["check"]),
    ("status", ["status"]),
    ("stamp (nothing to do)", ["stamp", "ru", "title"]),
    ("renumber --dry-run", ["renumber", "--dry-run"]),
    ("revise --dry-run", ["revise", "--date", "2099-01-01", "--dry-run"]),
    ("diff", ["diff"]),
    ("build", ["build", "--out", "{tmp}/site", "--allow-drift"]),
    ("bundle", ["bundle", "--out", "{tmp}/policy.json"]),
]


def scratch(tmp: Path) -> Path:
    repo = tmp / "repo"
    repo.mkdir()
    shutil.copytree(ROOT / "policy", repo / "policy")
    shutil.copy(ROOT / "CHANGELOG.md", repo / "CHANGELOG.md")
    shutil.copy(ROOT / "pyproject.toml", repo / "pyproject.toml")
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.com",
           "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.com"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "base"]):
        subprocess.run(["git", *args], cwd=repo, check=True, env=env, capture_output=True)
    ja = repo / "policy" / "ja.yaml"
    text = ja.read_text("utf-8")
    at = text.index("\n    title: ") + len("\n    title: ")
    end = text.index("\n", at)
    ja.write_text(text[:end] + "等" + text[end:], "utf-8")  # one pending wording change
    return repo


# Measure as a user's machine runs it: Python keeps compiled bytecode (some sandboxes set
# PYTHONDONTWRITEBYTECODE, which recompiles every module of the tool on every run).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(argv: list[str], cwd: Path, runs: int) -> tuple[float, float, int]:
    """Median wall time, median CPU time (user + system, of the process) and the exit code."""
    times, cpu = [], []
    code = 0
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(argv, cwd=cwd, capture_output=True, env=ENV)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        code = done.returncode
    return statistics.median(times), statistics.median(cpu), code


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--only", default=None, help="run only the command with this name")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as name:
        tmp = Path(name)
        repo = scratch(tmp)
        floor, floor_cpu, _ = timed([sys.executable, "-c", "pass"], repo, args.runs)
        print(f"load average {os.getloadavg()[0]:.2f}; {args.runs} runs per command; "
              f"python -c pass: {floor * 1000:.0f} ms wall, {floor_cpu * 1000:.0f} ms CPU "
              "(medians)")
        print(f"{'command':<24} {'wall':>8} {'minus python':>13} {'CPU':>8}  exit")
        for label, argv in COMMANDS:
            if args.only and label != args.only:
                continue
            full = [str(POLICY_BIN), *(a.replace("{tmp}", str(tmp)) for a in argv)]
            timed(full, repo, 1)  # warm: the compiled-bundle cache, the OS file cache
            median, cpu, code = timed(full, repo, args.runs)
            print(f"{label:<24} {median * 1000:>6.0f} ms {(median - floor) * 1000:>10.0f} ms"
                  f" {cpu * 1000:>5.0f} ms  {code}")
        if not args.only or args.only == "preview rebuild":
            # The preview keeps everything imported: a save costs only the rebuild.
            sys.path.insert(0, str(ROOT))
            from render.preview import Preview

            preview = Preview(repo / "policy")
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                preview.rebuild()
                times.append(time.perf_counter() - start)
            print(f"{'preview rebuild':<24} {statistics.median(times) * 1000:>6.0f} ms "
                  f"{'(in the running server, after a save)':>30}")
        print(f"load average {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
