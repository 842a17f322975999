"""`policy terms`, `policy renumber` and `policy preview`: the legal team's helpers."""

from __future__ import annotations

from . import main  # noqa: F401
