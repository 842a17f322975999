"""The `policy` console script: the command runs in the resident server when one is running (engine/resident.py), else here (engine/cli/cached.py).

Only built-in modules are imported before the server answers: with a server, a command's
process never imports click, the engine or any library.
"""

from __future__ import annotations

import sys


def main() -> None:
    """The console script `policy`."""
    from ..resident import run_in_server

    code = run_in_server(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from .cached import main as run_here

    run_here()
