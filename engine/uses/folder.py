"""Where the declared uses live: the folder `policy diff` and `policy uses` read by default.

Its own module, standard library only: a diff of a repository without declarations asks only
this, and imports none of the modules that read or compare declarations.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_FOLDER = "uses"


def default_uses_dir(given: Path | None) -> Path | None:
    """The folder `policy diff` reads: the one given, else uses/ when it exists, else none."""
    if given is not None:
        return given
    return Path(DEFAULT_FOLDER) if Path(DEFAULT_FOLDER).is_dir() else None
