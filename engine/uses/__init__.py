"""Declared data uses: services say what they do with personal data, and the policy answers.

    from engine import load
    from engine.uses import load_uses, check_uses

    result = check_uses(load("policy"), load_uses("uses"))
    result.diagnostics   # USES001 denied, USES002 obligations not acknowledged, ... as values
    result.results       # the engine's Decision for every use and data category

Modules: model.py (the pydantic models the JSON Schema comes from), schema.py, sources.py
(read a folder with positions), check.py, affected.py (what a policy change does to the
declared uses), gate.py (the uses in `policy diff` and its `--check` gate), ledger.py (the
personal-information ledger), folder.py (where the declarations live by default). The USES
codes are declared with every other family in engine/findings.py.
"""

from __future__ import annotations

TYPE_CHECKING = False  # without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from .affected import AffectedUse, affected_between, affected_uses, breaking_uses
    from .check import UseResult, UsesCheck, check_uses
    from .folder import DEFAULT_FOLDER
    from .ledger import Ledger, LedgerRow, build_ledger
    from .sources import (
        Declarations,
        DeclaredUse,
        System,
        load_uses,
        load_uses_texts,
    )

# Each name is imported from its module when first asked for: `policy uses check` needs
# sources and check only, not affected (the diff) nor the ledger.
_MODULES = {
    "AffectedUse": "affected", "affected_between": "affected", "affected_uses": "affected",
    "breaking_uses": "affected",
    "UseResult": "check", "UsesCheck": "check", "check_uses": "check",
    "Ledger": "ledger", "LedgerRow": "ledger", "build_ledger": "ledger",
    "DEFAULT_FOLDER": "folder", "Declarations": "sources", "DeclaredUse": "sources",
    "System": "sources", "load_uses": "sources", "load_uses_texts": "sources",
}

__all__ = [
    "DEFAULT_FOLDER",
    "AffectedUse",
    "Declarations",
    "DeclaredUse",
    "Ledger",
    "LedgerRow",
    "System",
    "UseResult",
    "UsesCheck",
    "affected_between",
    "affected_uses",
    "breaking_uses",
    "build_ledger",
    "check_uses",
    "load_uses",
    "load_uses_texts",
]


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'engine.uses' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
