"""The USES family of diagnostic codes: problems in declared data uses and what a policy change
does to them. Declared with every other family in engine/findings.py; listed here for this package."""

from __future__ import annotations

from ..findings import BASE_CODES, Code

USES_CODES: tuple[Code, ...] = tuple(c for name, c in BASE_CODES.items()
                                     if name.startswith("USES"))
