"""What a translation check is: one registered unit with a name, its codes, its scope, its settings and its `run`.

Modelled on a sqlfluff rule or a markdown-it rule: everything about a check sits in its own
file (engine/checks/<name>.py), which ends with

    CHECK = Check(name="…", scope=Scope.PAIR, codes=(CODE1, CODE2), run=run, settings=("…",))

and one ordered list (engine/checks/__init__.py) runs them all. The codes a check declares
are what it may report; `engine.diagnostics` registers them from that list, so every command
sees the same codes. Severities (`[tool.policy.severity]`, engine/severities.py) and per-unit
waivers (engine/waivers.py) are applied afterwards to every check's findings alike.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from ..findings import Code, Diagnostic
from ..saying import Texts
from ..values import field, record

if TYPE_CHECKING:
    from ..parity.context import Context


class Scope(enum.Enum):
    """What one call of a check's `run` looks at."""

    PAIR = "pair"  # run(pair, ctx): one master unit and its translation in one edition
    EDITION = "edition"  # run(edition, ctx): one translated edition as a whole
    RUN = "run"  # run(ctx): the whole run (the master, every edition, across editions)


Run = Callable[..., Iterable[Diagnostic]]


@record
class Check:
    """A registered translation check.

    `settings` names the tables of policy/parity.toml the check reads (through
    `ctx.config`); `codes` are every code its `run` reports, each with its one-line meaning;
    `words` what each code says to people in ja, ru and en (engine/saying.py): a plain
    sentence, and the message and hint as templates filled from the finding's `params`.
    """

    name: str
    scope: Scope
    codes: tuple[Code, ...]
    run: Run
    settings: tuple[str, ...] = ()
    summary: str = ""
    words: Mapping[str, Texts] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.codes:
            raise ValueError(f"check {self.name} declares no codes")
        if set(self.words) - self.code_names:
            raise ValueError(f"check {self.name} has words for codes it does not declare")

    @property
    def code_names(self) -> frozenset[str]:
        return frozenset(c.code for c in self.codes)


def run_checks(checks: Iterable[Check], ctx: Context) -> Iterator[Diagnostic]:
    """Every finding of `checks` over one run, in list order per scope: for each edition the
    pair checks over every master unit, then the edition checks; then the run checks."""
    listed = list(checks)
    # (check, its codes) once per run, not once per call; each finding is checked against
    # its check's codes inline (a wrapping generator per call costs more than the check
    # itself for the many pairs where nothing is found)
    pair = [(c, c.code_names) for c in listed if c.scope is Scope.PAIR]
    edition = [(c, c.code_names) for c in listed if c.scope is Scope.EDITION]
    whole = [(c, c.code_names) for c in listed if c.scope is Scope.RUN]
    for ed in ctx.editions.values():
        if pair:
            for p in ctx.pairs(ed):
                for check, allowed in pair:
                    for d in check.run(p, ctx):
                        if d.code not in allowed:
                            _undeclared(check, d)
                        yield d
        for check, allowed in edition:
            for d in check.run(ed, ctx):
                if d.code not in allowed:
                    _undeclared(check, d)
                yield d
    for check, allowed in whole:
        for d in check.run(ctx):
            if d.code not in allowed:
                _undeclared(check, d)
            yield d


def _undeclared(check: Check, d: Diagnostic) -> None:
    """A check reports only the codes it declares (so the registry and the fixtures cover it)."""
    raise AssertionError(f"check {check.name} reported {d.code}, which it does not declare")
