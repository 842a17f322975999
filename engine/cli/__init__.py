"""The `policy` command: a thin click layer (options, formatting, exit codes) over the library.

The group, the exit rule and the shared options live in app.py; each command module registers
its commands on `main` when imported. The only modules of `engine` that import `render`.
"""

from __future__ import annotations

from . import basic, build, check, diff, exchange, export, legal, test, uses  # noqa: F401
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
