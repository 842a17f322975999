"""Names the engine's API reserves, and the one "did you mean" search: shared by validation and the engine.

Standard library only (difflib is imported on first use), so the service path can use it.
"""

from __future__ import annotations

from collections.abc import Iterable

# Context flags are keyword arguments of `allows(action, data, purpose, **flags)`: a flag may
# not take the name of a positional argument (or `self`). POLICY012 reports such a flag.
RESERVED_FLAGS = frozenset({"action", "data", "purpose", "self"})

CUTOFF = 0.6  # difflib similarity a known id needs to be offered as a correction


def closest(word: str, choices: Iterable[str], n: int = 3, cutoff: float = CUTOFF) -> list[str]:
    """The known ids closest to `word`, best first (at most `n`; none below `cutoff`)."""
    import difflib

    return difflib.get_close_matches(word, sorted(set(choices)), n=n, cutoff=cutoff)


def did_you_mean(word: str, choices: Iterable[str], n: int = 3) -> str | None:
    """A 'did you mean ...?' hint naming the closest known ids, or None."""
    close = closest(word, choices, n)
    if not close:
        return None
    return "did you mean " + " or ".join(repr(c) for c in close) + "?"
