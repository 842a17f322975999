"""What a command costs inside the resident server after an edit of the master: the command's own process, by wall, CPU and (with --callgrind) instructions.

Run from the repository root:

    .venv/bin/python bench/bench_server_child.py                    # check status test diff build
    .venv/bin/python bench/bench_server_child.py --callgrind check  # instructions, ~2 min

bench_cli.py measures a command as the legal team waits for it: the client's start, the socket,
the command and its exit, on a noisy machine. This script leaves out the client and times only
what runs in the server's child, the part the code decides: it prepares the scratch repository
of bench_cli.py, imports and warms up in this process exactly as `policy server start` does
(engine/resident.py: preimport, keep_reads, warm_up, gc.freeze), then per run forks a child
ahead, as the server forks the command's process ahead of its client (which copies the pages
of the server's memory that earlier commands wrote while it waits, resident.own_pages and
learn_pages; the first run learns them), edits the master's pending
change (a new character: every cache keyed by the master misses) and tells the child to go;
the child runs the command as the server's command process does (deferred cache work, the
exit code said through a pipe). Timed: from the go to the exit code said (what the client
waits for), and the child's CPU time after the go (the cache work after the answer included).

With --callgrind the script runs itself under valgrind (callgrind). Each command's child is
preceded by a child that exits at once; the difference of the two processes' instruction
counts is the command's, up to its answer (the cache work after it is skipped). Instruction
counts do not move with the machine's speed, so they compare two checkouts fairly: run the
script of each checkout with its own venv.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE / "bench"))


def _checkout(argv: list[str]) -> Path:
    """The checkout measured: --root, else this one (its engine/ and render/ are imported)."""
    for i, arg in enumerate(argv):
        if arg == "--root" and i + 1 < len(argv):
            return Path(argv[i + 1]).resolve()
    return HERE


ROOT = _checkout(sys.argv)
sys.path.insert(0, str(ROOT))

DEFAULT = ["check", "status", "test", "diff base policy", "diff", "build --out {tmp}/site --allow-drift"]


def _child(argv: list[str], report: int, skip_cache_work: bool) -> None:  # pragma: no cover
    from engine import inputs, resident

    fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    sys.argv = ["policy", *argv]
    if not hasattr(inputs, "defer_cache_work"):  # a checkout before the answer came first
        code = resident._run_command()
        os.write(report, code.to_bytes(8, "big", signed=True))
        os._exit(code)
    inputs.defer_cache_work()
    if skip_cache_work:
        inputs.run_cache_work = lambda: None  # counted up to the answer only
    code = resident._run_command(report=report)
    if PAGES is not None and not skip_cache_work:  # as _command does, after the answer
        resident.learn_pages(PAGES, resident.written_pages())
    os._exit(code)


# The pages the commands wrote, learnt after each and copied ahead by the next, as the server
# does (resident.learn_pages, read_pages); None for a checkout that copies all it shares.
PAGES: str | None = None


def run(commands: list[str], runs: int, callgrind: bool, order: Path | None) -> None:
    import gc

    import bench_cli

    from engine import loader, resident

    tmp = Path(tempfile.mkdtemp(prefix="bench-server-child-"))
    repo = bench_cli.scratch(tmp)
    edit = bench_cli.editor(repo)
    os.environ["XDG_CACHE_HOME"] = str(tmp / "cache")
    for key in ("POLICY_NO_CACHE", "POLICY_NO_SERVER"):
        os.environ.pop(key, None)
    os.chdir(repo)
    resident.preimport()
    if hasattr(loader, "keep_reads"):  # as the server of this checkout does
        loader.keep_reads()
    resident.warm_up(str(repo / "policy"))
    gc.collect()
    gc.freeze()
    os.environ["POLICY_CACHE_SOURCES"] = "1"  # as the console script sets it
    global PAGES
    if hasattr(resident, "learn_pages"):
        PAGES = str(tmp / "server.pages")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {runs} runs per "
          "command; the command's process after an edit of the master, up to its answer")
    for command in commands:
        argv = command.format(tmp=tmp).split()
        walls: list[float] = []
        cpus: list[float] = []
        for _ in range(runs):
            null = 0
            if callgrind:
                null = os.fork()
                if null == 0:
                    os._exit(0)
                os.waitpid(null, 0)
            read, write = os.pipe()
            go_read, go_write = os.pipe()
            ready_read, ready_write = os.pipe()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            pid = os.fork()
            if pid == 0:  # forked ahead, as the server's command process is
                os.close(read)
                os.close(go_write)
                os.close(ready_read)
                own = getattr(resident, "own_pages", None)
                if own is not None and not callgrind:  # as _await_command does, by now
                    if PAGES is None:
                        own()
                    else:
                        own(only=resident.read_pages(PAGES) or [])
                spent = resource.getrusage(resource.RUSAGE_SELF)
                os.write(ready_write, int((spent.ru_utime + spent.ru_stime) * 1e6).to_bytes(8, "big"))
                os.read(go_read, 1)
                _child(argv, write, skip_cache_work=callgrind)
            os.close(write)
            os.close(go_read)
            os.close(ready_write)
            # the client comes once the process waits for it; its CPU time until then is not
            # the command's
            ahead = int.from_bytes(os.read(ready_read, 8), "big") / 1e6
            os.close(ready_read)
            edit()
            started = time.perf_counter()
            os.write(go_write, b"g")
            os.close(go_write)
            os.read(read, 8)
            answered = time.perf_counter()
            os.close(read)
            os.waitpid(pid, 0)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            walls.append((answered - started) * 1000)
            cpus.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                         - ahead) * 1000)
            if order is not None:
                with order.open("a") as fh:
                    fh.write(f"{null} {pid} {' '.join(argv)}\n")
        if not callgrind:
            print(f"{' '.join(argv):<48} answer {statistics.median(walls):6.1f} ms wall, "
                  f"process {statistics.median(cpus):6.1f} ms CPU (medians)")


def under_callgrind(commands: list[str], runs: int) -> int:
    with tempfile.TemporaryDirectory(prefix="bench-server-child-cg-") as name:
        folder = Path(name)
        order = folder / "order"
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        machine = subprocess.run(["uname", "-m"], capture_output=True, text=True).stdout.strip()
        done = subprocess.run(
            ["setarch", machine, "-R", "valgrind", "--tool=callgrind",
             f"--callgrind-out-file={folder}/out.%p", sys.executable, __file__,
             "--root", str(ROOT), "--runs", str(runs), "--order", str(order), *commands],
            env=env, capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stderr[-2000:], file=sys.stderr)
            return done.returncode

        def total(pid: str) -> int:
            for line in (folder / f"out.{pid}").read_text().splitlines():
                if line.startswith("totals:"):
                    return int(line.split()[1])
            raise ValueError(f"no totals for {pid}")

        print(f"instructions of the command's process after an edit of the master, up to its "
              f"answer (callgrind, {runs} runs; the last is quoted: the first may fill a cache "
              f"of the warm-up)")
        last: dict[str, int] = {}
        for line in order.read_text().splitlines():
            null, pid, command = line.split(" ", 2)
            last[command] = total(pid) - total(null)
        for command, count in last.items():
            print(f"{command:<48} {count / 1e6:8.0f} M")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("commands", nargs="*", help="commands as typed after `policy` "
                    "({tmp} is the scratch folder)")
    ap.add_argument("--runs", type=int, default=None)
    ap.add_argument("--callgrind", action="store_true")
    ap.add_argument("--root", type=Path, default=HERE,
                    help="the checkout to measure (its engine/ and render/; default this one)")
    ap.add_argument("--order", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    commands = args.commands or DEFAULT
    if args.callgrind:
        return under_callgrind(commands, args.runs or 2)
    run(commands, args.runs or (2 if args.order else 9), callgrind=args.order is not None,
        order=args.order)
    return 0


if __name__ == "__main__":
    sys.exit(main())
