"""Issue 15's targets in one run: the engine, the diff and every command, then one table.

Run from the repository root (`make bench` runs it):

    .venv/bin/python bench/targets.py            # about three minutes on a 2-core machine
    .venv/bin/python bench/targets.py --runs 7   # bench_cli's runs per command and way

It runs `bench/bench_engine.py`, `bench/bench_diff.py` and `bench/bench_cli.py` one after the
other, each printing its own full output as it goes, and then prints the table the README's
"Performance" section shows: each target, what this run measured, and whether the figure met
the target. Every figure in that table comes from the three scripts' results (`--json`), and
every target from the scripts themselves, so the table and the scripts cannot disagree. The
verdicts are this run's: the machine is shared, and one run is a measurement, never a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def run(script: str, out: Path, *extra: str) -> dict[str, Any]:
    """Run one bench script with `--json out`, its output passed through; its results."""
    print(f"\n$ python bench/{script} {' '.join(extra)}".rstrip(), flush=True)
    subprocess.run([sys.executable, str(ROOT / "bench" / script), *extra, "--json", str(out)],
                   cwd=ROOT, check=True)
    result: dict[str, Any] = json.loads(out.read_text("utf-8"))
    return result


def met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                          capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return (done.stdout.strip() or "?") + (" with uncommitted changes" if dirty else "")


# bench_engine.py's names of the peers' ways, as the table says them
PEERS = {
    "cedarpy": "cedarpy's is_authorized, the export's hierarchy encoding",
    "cedarpy_batch": "cedarpy's is_authorized_batch, the export's hierarchy encoding",
    "cedarpy_literal": "cedarpy's is_authorized, literal lists",
    "casbin": "casbin's enforce",
    "regopy": "regopy on the OPA bundle",
    "regopy_batch": "regopy on the OPA bundle, 400 questions a query",
}


def engine_rows(e: dict[str, Any]) -> list[tuple[str, str, str]]:
    t, sc, c, p = e["targets"], e["scales"], e["cached"], e["peers"]
    one = sc["1"]["first_ns"]
    sizes = sorted(sc, key=int)
    growth = ", ".join(f"{s}×: {sc[s]['first_ns'] / one:.2f}×" for s in sizes[1:])
    top = sc[sizes[-1]]["first_ns"] / one
    mem = "; ".join(f"{s}×: memo {sc[s]['memory']['memo_bytes'] / 1e6:.1f} MB for "
                    f"{sc[s]['memory']['memo_entries']:,} decisions, bound "
                    f"{sc[s]['memory']['memo_limit']:,} ≈ "
                    f"{sc[s]['memory']['memo_bound_bytes'] / 1e6:.1f} MB"
                    for s in sizes if "memory" in sc[s])
    cold = {k: v["wall_ns"] for k, v in p.items() if not k.endswith("_memo")}
    fastest = min(cold, key=lambda k: cold[k])
    ratio = cold[fastest] / one
    a = e["agreement"]
    return [
        (f"the engine's first ask ≤ {t['first_us']:g} µs on the shipped policy "
         f"({e['rules']} rules)", f"{one / 1000:.2f} µs", met(one / 1000 <= t["first_us"])),
        (f"the first ask at {sizes[-1]}× the rules ≤ {t['scaling']:g}× the 1× figure "
         f"(sizes {', '.join(s + '×' for s in sizes)})", growth, met(top <= t["scaling"])),
        ("the memo's memory bounded and reported", mem,
         met(all(sc[s]["memory"]["memo_entries"] <= sc[s]["memory"]["memo_limit"]
                 for s in sizes if "memory" in sc[s]))),
        (f"a cached `allows` ≤ {t['cached_us']:g} µs", f"{c['cached_ns'] / 1000:.3f} µs, "
         f"{c['cached_ns'] / c['floor_ns']:.2f}× a plain dict lookup through a function "
         f"({c['floor_ns'] / 1000:.3f} µs)", met(c["cached_ns"] / 1000 <= t["cached_us"])),
        (f"the first ask ≥ {t['peer_ratio']:g}× faster than every peer's",
         f"{ratio:.1f}× the fastest peer ({PEERS.get(fastest, fastest)}, "
         f"{cold[fastest] / 1000:.1f} µs)",
         met(ratio >= t["peer_ratio"])),
        ("every peer agrees with the engine before anything is timed",
         f"{len(a['disagreements'])} disagreements on {a['mix_checked']:,} mixed and "
         f"{a['domain_checked']:,} leaf questions", met(not a["disagreements"])),
    ]


def diff_rows(d: dict[str, Any]) -> list[tuple[str, str, str]]:
    per = {s["copies"]: s["per_unit_edition_s"] for s in d["sizes"]}
    sizes = sorted(per)
    ratio = per[sizes[-1]] / per[sizes[-2]]
    return [(f"`policy diff` linear: per unit-edition, {sizes[-1]}× ≤ {d['target_linear']:g}× "
             f"the {sizes[-2]}× figure",
             ", ".join(f"{c}×: {per[c] * 1e6:.1f} µs" for c in sizes) + f"; ratio {ratio:.2f}",
             met(ratio <= d["target_linear"]))]


def wall(row: dict[str, Any], way: str) -> float:
    """A bench_cli row's median wall time one way, in seconds."""
    v = row[way]
    return float(v[0] if isinstance(v, list) else v)


def cli_rows(c: dict[str, Any]) -> list[tuple[str, str, str]]:
    rows = c["rows"]
    out = []
    for way, label in (("edited", "after an edit of the master"),
                       ("warm", "with nothing changed"),
                       ("served_edited", "after an edit, with `policy server start` running"),
                       ("cold", "the first run, every cache emptied"),
                       ("no_cache", "with the caches turned off (`POLICY_NO_CACHE=1`)")):
        over = [r for r in rows if wall(r, way) > r["target_s"]]
        worst = max(rows, key=lambda r: wall(r, way) / r["target_s"])
        figure = f"slowest: `{worst['command']}` {ms(wall(worst, way))}"
        if over:
            figure = "over: " + ", ".join(f"`{r['command']}` {ms(wall(r, way))}" for r in over)
        out.append((f"every command ≤ 0.15 s as a process (`revise --dry-run` ≤ 0.3 s), "
                    f"{label}", figure, met(not over)))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7, help="bench_cli.py's runs per command")
    args = ap.parse_args()
    started = dt.datetime.now(dt.UTC)
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-targets-") as name:
        tmp = Path(name)
        engine = run("bench_engine.py", tmp / "engine.json")
        diff = run("bench_diff.py", tmp / "diff.json")
        cli = run("bench_cli.py", tmp / "cli.json", "--runs", str(args.runs))
    rows = engine_rows(engine) + diff_rows(diff) + cli_rows(cli)
    print(f"\nIssue 15's targets, measured {started:%Y-%m-%d %H:%M} UTC on {commit()}, "
          f"{os.cpu_count()} CPUs, Python {engine['machine']['python']}; load average "
          f"{load[0]:.2f} before, {os.getloadavg()[0]:.2f} after; `python -c pass` "
          f"{ms(cli['python_pass_s'])}; command: python bench/targets.py --runs {args.runs}\n")
    print("| target | this run | |")
    print("|---|---|---|")
    for target, figure, verdict in rows:
        print(f"| {target} | {figure} | {verdict} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
