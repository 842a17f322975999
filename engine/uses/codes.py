"""The USES family of diagnostic codes: problems in declared data uses and what a policy change
does to them. Registered once, here."""

from __future__ import annotations

from ..diagnostics import Code, Severity, register

USES_CODES = (
    Code("USES001", Severity.ERROR, "the policy denies a declared use"),
    Code("USES002", Severity.ERROR,
         "an allowed use carries obligations its declaration does not acknowledge"),
    Code("USES003", Severity.ERROR, "a declared use names a term the policy does not define"),
    Code("USES004", Severity.ERROR, "duplicate system or use id"),
    Code("USES005", Severity.WARNING, "no declaration files in the folder"),
    Code("USES006", Severity.ERROR,
         "a policy change denies a declared use whose declaration did not change"),
)

register(*USES_CODES)
