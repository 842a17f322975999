"""The `policy` console script: the command runs in the resident server when one is running (engine/resident.py), else here (engine/cli/cached.py).

Only built-in modules are imported before the server answers: with a server, a command's
process never imports click, the engine or any library.

Run here, a command ends as soon as its work is done (`end_now`): Python would otherwise
spend a sixth of a check's time after the last line, taking apart every module and object
the command built (measured in bench/README.md), which the operating system does at once.
Nor does it stop some seventy times to look for reference cycles among what it has just
built (`quiet_collector`). What a command keeps for the next one (its caches, a build's old
folder to remove: engine/inputs.py `later`) is done once the command has said everything,
with the tool's files walked and git's refs read once for all of it.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    """The console script `policy`."""
    quiet_collector()
    from ..resident import run_in_server

    code = run_in_server(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from .. import inputs
    from .cached import main as run_here

    inputs.begin_command()  # the caches are written after the answer, once it is said
    try:
        run_here()
    except SystemExit as done:
        after_answer()
        end_now(done)
        raise
    except BaseException:
        after_answer()
        raise
    after_answer()


def after_answer() -> None:
    """The work kept for after the command's answer (engine/inputs.py `later`: the caches,
    a build's old folder): a Ctrl-C while it runs stops it, and the command still ends with
    its own exit code, without a traceback (a cache not kept only costs the next run)."""
    from .. import inputs

    try:
        if inputs.run_cache_work_apart():  # a process of its own, which goes on after this one
            return
        inputs.hand_off_removals()  # a build's old folder: removed by a process of its own
        inputs.run_cache_work()
    except KeyboardInterrupt:
        pass


# Python looks for reference cycles each time the objects it tracks grow by 700 (the first
# generation's threshold): a command run here keeps some 50,000 of them (the modules, the
# policy read, its checks), so it would stop 50 to 95 times and find next to nothing, at 5
# to 15 ms a command (bench/collector_time.py; bench/README.md, eighteenth session). From this many on it looks: no
# command on the shipped policy reaches it, and a long one (`policy test --mutate`, the
# preview, a policy a hundred times larger) still has its cycles freed.
COLLECT_AFTER = 100_000


def quiet_collector() -> None:
    """Raise the garbage collector's first threshold to COLLECT_AFTER (the other two as
    they were) for this process: the console script's."""
    import gc

    gc.set_threshold(COLLECT_AFTER, *gc.get_threshold()[1:])


def end_now(done: SystemExit) -> None:
    """End the process with `done`'s exit code, without Python's teardown, when the code is a
    number: everything a normal exit does that anyone can see is done first, in its order:
    the threads that are not daemons are waited for, the exit handlers run (atexit), and the
    standard streams are flushed. Anything else (an exit with a message, output that cannot
    be flushed, a profiler or tracer attached) returns, and the caller exits the usual way."""
    code = 0 if done.code is None else done.code
    if not isinstance(code, int) or isinstance(code, bool):
        return
    if sys.getprofile() is not None or sys.gettrace() is not None:
        return  # a profiler, a debugger or coverage writes what it found after the script
    threading = sys.modules.get("threading")
    if threading is not None:
        # as the interpreter's exit: threading's own exit handlers first (they tell a thread
        # pool's idle workers to stop), then every thread that is not a daemon is waited for
        shutdown = getattr(threading, "_shutdown", None)
        if callable(shutdown) and threading.current_thread() is threading.main_thread():
            shutdown()
        else:
            main_thread = threading.main_thread()
            for thread in threading.enumerate():
                if thread is not main_thread and not thread.daemon:
                    thread.join()
    import atexit

    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):  # a closed pipe, a full disk: the usual exit says so
        return
    os._exit(code & 0xFF if code >= 0 else code % 256)


if __name__ == "__main__":  # `python -m engine.cli.client …` runs the command as `policy …` does
    main()
