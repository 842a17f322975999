"""The `policy` command: a thin click layer (options, formatting, exit codes) over the library.

The group and the shared options live in app.py, the exit rule and what every command says in
output.py (without click, as plain.py: the work of the commands the legal team runs after
each edit, which the console script runs without click for their plainest command lines);
each command module registers its commands on `main` when imported, and the group imports a command's module when the
command is asked for (app.COMMAND_MODULES). The only modules of `engine` that import `render`.
Importing this package costs nothing: the console script (cached.py) may answer from its cache
without click; the first name read from here (`from engine.cli import main`) imports app.py.
"""

from __future__ import annotations

TYPE_CHECKING = False  # without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from .app import (
        AUDIENCES,
        DEFAULT_POLICY,
        EXIT_FINDINGS,
        EXIT_OK,
        EXIT_USAGE,
        emit_diagnostics,
        exit_for,
        exit_with,
        main,
        policy_option,
    )

__all__ = ["AUDIENCES", "DEFAULT_POLICY", "EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "emit_diagnostics", "exit_for",
           "exit_with", "main", "policy_option"]


def __getattr__(name: str) -> object:
    if name not in __all__:
        raise AttributeError(f"module 'engine.cli' has no attribute {name!r}")
    from . import app

    for public in __all__:
        globals()[public] = getattr(app, public)
    return getattr(app, name)
