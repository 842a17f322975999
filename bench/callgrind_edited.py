"""Instructions of one fresh `policy check` process (no server) after an edit, the caches filled before: callgrind, so independent of the machine's load.

Run from the repository root, for this checkout or another one's tool (PYTHONPATH), for
`policy check` or another command of bench_cli.py's list (by its name there):

    .venv/bin/python bench/callgrind_edited.py                # this checkout
    .venv/bin/python bench/callgrind_edited.py /path/to/other/checkout
    .venv/bin/python bench/callgrind_edited.py /path/to/other/checkout --command status

In bench_cli.py's repository (a clone of this one; `--no-history`: one commit; its master has
one pending wording change), `policy check` runs twice (filling every cache), then under
callgrind after each edit: twice after an edit of one master unit (bench_cli.py's editor: the
pending change's last character), then once after an edit of ru.yaml. With `--way cold`, twice
with bench_cli.py's cold caches emptied before each run (nothing edited); with `--way
no-cache`, twice with POLICY_NO_CACHE=1. Git's processes are not counted. Instruction counts move
by about 1% with the length of the checkout's path: compare checkouts at paths of the same
length.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_cli


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tool", nargs="?", default=None, help="another checkout's root")
    ap.add_argument("--command", default="check", help="a command's name in bench_cli.py")
    ap.add_argument("--no-history", action="store_true",
                    help="in bench_cli.py's repository of one commit, not a clone of this one")
    ap.add_argument("--way", choices=("edited", "cold", "no-cache"), default="edited",
                    help="after an edit (default); cold: bench_cli.py's cold caches emptied "
                         "before the run, nothing edited; no-cache: POLICY_NO_CACHE=1")
    args = ap.parse_args()
    tool = Path(args.tool).resolve() if args.tool else bench_cli.ROOT
    [command] = [argv for label, argv, _ in bench_cli.COMMANDS if label == args.command]
    with tempfile.TemporaryDirectory(prefix="callgrind-edited-") as name:
        tmp = Path(name)
        repo = bench_cli.scratch(tmp, history=not args.no_history)
        edit = bench_cli.editor(repo)
        env = dict(bench_cli.ENV, XDG_CACHE_HOME=str(tmp / "cache"), PYTHONPATH=str(tool),
                   PYTHONHASHSEED="0")

        def run(grind: bool = False) -> int:
            argv = [sys.executable, str(bench_cli.POLICY_BIN),
                    *(a.replace("{tmp}", str(tmp)) for a in command)]
            if grind:
                argv = ["setarch", os.uname().machine, "-R", "valgrind", "--tool=callgrind",
                        "--child-silent-after-fork=yes",
                        "--callgrind-out-file=/dev/null", *argv]
            done = subprocess.run(argv, cwd=repo, env=env, capture_output=True, text=True)
            assert done.returncode in (0, 1), done.stderr[-2000:]  # 1: the pending change
            found = re.search(r"Collected : (\d+)", done.stderr)
            return int(found.group(1)) if found else 0

        run()
        run()
        print(f"tool: {tool}; policy {' '.join(command)}")
        if args.way != "edited":
            for _ in range(2):
                if args.way == "cold":
                    for folder in bench_cli.COLD_CACHES:
                        shutil.rmtree(tmp / "cache" / "cafetalk-policy" / folder,
                                      ignore_errors=True)
                else:
                    env["POLICY_NO_CACHE"] = "1"
                print(f"{args.way}: {run(True) / 1e6:,.0f} M instructions")
            return
        for _ in range(2):
            edit()
            print(f"after an edit of one master unit: {run(True) / 1e6:,.0f} M instructions")
            run()
        ru = repo / "policy" / "ru.yaml"
        text = ru.read_text("utf-8")
        at = text.index("\n    title: ") + len("\n    title: ")
        ru.write_text(text[:at] + "Х" + text[at:], "utf-8")
        print(f"after an edit of ru.yaml:         {run(True) / 1e6:,.0f} M instructions")


if __name__ == "__main__":
    main()
