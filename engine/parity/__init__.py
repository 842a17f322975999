"""Translation checks: each module is a generator of findings over (master unit, translated unit) pairs.

structure (PARITY), drift (DRIFT), scripts (L10N), invariants (INV), prevailing (LANG); their
codes are registered in codes.py, their data read from parity.toml (config.py). engine/check.py
runs them all after validation.
"""

from . import codes as codes  # registers the codes on import
