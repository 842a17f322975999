"""A fixed amount of `policy check` work for valgrind: N cold runs of load + check on the shipped policy, with or without the prose checks.

Instruction counts do not depend on the machine's load, unlike times. Run it under callgrind
with 1 and with 1 + N runs, for each set of checks, and take the difference per run (the first
run imports what the checks import lazily and is left out that way):

    for checks in base full; do for runs in 1 4; do
      PYTHONHASHSEED=0 setarch $(uname -m) -R valgrind --tool=callgrind \\
        --callgrind-out-file=/dev/null .venv/bin/python bench/callgrind_check.py $checks $runs
    done; done
    # per run = (I(4) - I(1)) / 3; the prose checks' share: per run(full) / per run(base)

Instruction counts move by about 1% with the length of the checkout's path (the layout of
dicts and strings); compare checkouts at paths of the same length.

`base` is every registered check but the prose checks (sentences, length, negation,
terminology, names, brackets, typography; bench_check.py's BASE), `full` every check. Each run
starts cold (bench_check.cold()), as a `policy check` process does. Import the modules once
before (`python bench/callgrind_check.py base 0`) so no run compiles them.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_check as b


def main() -> None:
    which, runs = sys.argv[1], int(sys.argv[2])
    checks = {"full": b.CHECKS, "base": b.BASE}[which]
    for _ in range(runs):
        b.cold()
        b.check_sources(b.load_folder(b.ROOT / "policy"), pyproject=b.NO_PYPROJECT,
                        checks=checks)


if __name__ == "__main__":
    main()
