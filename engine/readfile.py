"""Reading one YAML file from disk into a ReadResult, by a given reader: the file's size and
kind checked, its bytes read, any problem a finding. Apart from engine/read.py (which needs
ruamel.yaml) so that a file one of the fast readers takes (engine/lineread.py) never loads the
YAML library."""

from __future__ import annotations

from .document import MAX_FILE_BYTES, ReadResult
from .findings import make, unreadable

TYPE_CHECKING = False  # without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def read_file(path: Path, display: str | None = None, *,
              parse: Callable[[bytes, str], ReadResult] | None = None) -> ReadResult:
    """Read one YAML file from disk. Never raises for bad input: problems come back as findings.
    `parse` reads the bytes (by default engine.read.read_bytes; the fast readers,
    engine/lineread.py and engine/quickread.py, give the same result)."""
    name = display if display is not None else str(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            return ReadResult(None, [make("IO002", "not a regular file", name)])
    except FileNotFoundError:
        return ReadResult(None, [make("IO001", "file not found", name)])
    except OSError as exc:
        return ReadResult(None, [unreadable(exc, name, "file")])
    if size > MAX_FILE_BYTES:
        return ReadResult(
            None,
            [make("IO003", f"file is {size} bytes; the limit is {MAX_FILE_BYTES}", name, 1, 1)],
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return ReadResult(None, [unreadable(exc, name, "file")])
    if parse is not None:
        return parse(raw, name)
    from .read import read_bytes

    return read_bytes(raw, name)
