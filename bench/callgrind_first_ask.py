"""The engine's first ask by instructions: how it grows with the number of rules (1x, 10x, 100x), measured where the machine's speed cannot move it.

Run from the repository root (about 2 minutes; valgrind must be installed):

    .venv/bin/python bench/callgrind_first_ask.py

bench_engine.py times the first ask; on a shared 2-core machine its 100x / 1x ratio moves
from run to run (0.84 to 2.05 in the eleventh and twelfth sessions' runs of the same code).
This script counts what the code does instead: for each size it runs, under callgrind, a child
that builds the policy three times and asks every distinct question of bench_engine.py's mix
once per policy (every call a first ask), and a child that only builds the policies; the
difference, divided by the calls, is the instructions of one first ask (the call itself, its
keyword flags and the memo's insertion included). The bundle is the shipped policy's, written
by `policy bundle`, scaled as bench_engine.py scales it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

POLICIES = 3


def _child(bundle_path: str, factor: int, ask: bool) -> None:
    import bench_engine as be

    from engine.decide import CompiledPolicy

    bundle = json.loads(Path(bundle_path).read_text("utf-8"))
    big = be.scaled(bundle, factor) if factor > 1 else bundle
    questions = be.distinct(be.query_mix(CompiledPolicy(bundle), 2000, 20100420))
    run = be.literal_calls(questions)
    for _ in range(POLICIES):
        policy = CompiledPolicy(big)
        if ask:
            run(policy.allows)
    print(len(questions))


def _instructions(bundle: Path, factor: int, ask: bool, folder: Path) -> tuple[int, int]:
    out = folder / f"callgrind.{factor}.{int(ask)}"
    machine = os.uname().machine
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run(
        ["setarch", machine, "-R", "valgrind", "--tool=callgrind",
         f"--callgrind-out-file={out}", sys.executable, __file__, "--child", str(bundle),
         str(factor), "ask" if ask else "build"],
        capture_output=True, text=True, env=env, check=True)
    questions = int(done.stdout.split()[-1])
    for line in out.read_text().splitlines():
        if line.startswith("totals:"):
            return int(line.split()[1]), questions
    raise ValueError(f"no totals in {out}")


def main() -> int:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        _child(sys.argv[2], int(sys.argv[3]), sys.argv[4] == "ask")
        return 0
    import bench_engine as be

    with tempfile.TemporaryDirectory(prefix="bench-first-ask-") as name:
        folder = Path(name)
        bundle = folder / "policy.json"
        subprocess.run([sys.executable, "-c", "from engine.cli import main; main()", "bundle",
                        "--policy", str(ROOT / "policy"), "--out", str(bundle)],
                       check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        print(f"Command: python bench/callgrind_first_ask.py; Python {sys.version.split()[0]}; "
              f"{POLICIES} policies per size, every distinct question of the mix asked once "
              "per policy (callgrind, instructions)")
        per: dict[int, float] = {}
        for factor in be.SCALES:
            _instructions(bundle, factor, False, folder)  # compiles what the children import
            base, _ = _instructions(bundle, factor, False, folder)
            total, questions = _instructions(bundle, factor, True, folder)
            per[factor] = (total - base) / (POLICIES * questions)
            print(f"first ask, {factor:>3}x: {per[factor]:9,.0f} instructions "
                  f"({questions} questions x {POLICIES} policies)")
        first, last = be.SCALES[0], be.SCALES[-1]
        ratio = per[last] / per[first]
        print(f"{last}x / {first}x = {ratio:.2f} by instructions (target <= 2.0: "
              f"{'meets' if ratio <= 2.0 else 'MISSES'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
