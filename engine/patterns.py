"""Regular expressions compiled once per machine, not once per process (stdlib only).

Python compiles a regular expression with Python code (`re._parser`, `re._compiler`): the
eighty-odd patterns a build uses took 8 to 13 ms of every such process to compile
(bench/README.md, twenty-first session). What that compilation makes
is a list of numbers that the C engine (`_sre`) takes as it is. With the console script's
caches on (engine/inputs.py `caches_on`), `compile` keeps each pattern's list in the user's
cache, and a later process builds the pattern from the list in microseconds, as Python keeps
a module's bytecode in `__pycache__`.

Safety, in three steps:

* a list is kept only after the pattern built from it was found equal to the one
  `re.compile` made (a Pattern's equality compares its pattern, flags and code);
* the entry is read only when its head names this very interpreter (`sys.version`, the C
  engine's MAGIC and code size), from a folder and a file that nobody else can write (as
  every cache entry, engine/inputs.py `read_private_pickle`), and the C engine validates
  every list it is given;
* anything that goes wrong (an entry damaged, another Python's internals) gives the
  pattern `re.compile` gives.

Without the caches (a library, the tests, POLICY_NO_CACHE=1) `compile` is `re.compile`, and
it never stores anything outside a process that runs one command (`inputs.later`).
"""

from __future__ import annotations

import re
import sys

TYPE_CHECKING = False  # without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import Any, AnyStr

FORMAT = b"policy-patterns-1"
MAX_KEPT = 1024  # the entry holds no more patterns than this: those used last come first
_NAME = "patterns.marshal"

# (pattern, flags) -> the arguments of `_sre.compile` after the pattern: its flags as
# compiled, its code, the number of groups less one, group names to numbers, and back.
_Parts = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_Key = tuple[str | bytes, int]

# Callers pass the tool's own patterns (a pattern made of the policy's words goes to
# re.compile: engine/parity/context.py), so what is kept here stays bounded.
_made: dict[tuple[type, str | bytes, int], re.Pattern[Any]] = {}
_kept: dict[_Key, _Parts] | None = None  # the entry as read, once per process
_fresh: dict[_Key, _Parts] = {}  # compiled in this process, to be stored
_used: set[_Key] = set()


def compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """`re.compile(pattern, flags)`, from the list kept in the user's cache when the caches
    are on and it is there; within a process, each pattern is built once."""
    flags = int(flags)
    memo = (type(pattern), pattern, flags)
    made: re.Pattern[AnyStr] | None = _made.get(memo)
    if made is not None:
        return made
    from .inputs import caches_on

    if caches_on():
        made = _from_cache(pattern, flags)
    if made is None:
        made = re.compile(pattern, flags)
    _made[memo] = made
    return made


def _engine() -> Any:
    import importlib

    return importlib.import_module("_sre")


def _head() -> bytes:
    engine = _engine()
    return (FORMAT + b" " + f"{sys.version}|{engine.MAGIC}|{engine.CODESIZE}".encode()
            + b"\n")


def _from_cache(pattern: AnyStr, flags: int) -> re.Pattern[AnyStr] | None:
    """The pattern built from its kept list, else compiled (and its list kept for later)."""
    key: _Key = (pattern, flags)
    parts = _read().get(key)
    if parts is not None:
        try:
            made: re.Pattern[AnyStr] = _engine().compile(pattern, *parts)
        except Exception:  # damaged, or not this engine's code after all: compiled afresh
            pass
        else:
            _used.add(key)
            return made
    made = re.compile(pattern, flags)
    _remember(pattern, flags, made)
    return made


def _remember(pattern: str | bytes, flags: int, made: re.Pattern[Any]) -> None:
    """Keep the list `re.compile` made for `pattern`, if building the pattern from it gives
    exactly `made`; the store runs after the command's answer (`inputs.later`)."""
    try:
        import importlib

        parser: Any = importlib.import_module("re._parser")
        compiler: Any = importlib.import_module("re._compiler")
        parsed = parser.parse(pattern, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, number in groupindex.items():
            indexgroup[number] = name
        parts: _Parts = (flags | parsed.state.flags, [int(op) for op in compiler._code(parsed, flags)],
                         parsed.state.groups - 1, groupindex, tuple(indexgroup))
        if _engine().compile(pattern, *parts) != made:
            return
    except Exception:  # another Python's internals: this pattern is compiled every time
        return
    from . import inputs

    if not _fresh and inputs.deferring():
        inputs.later(store)
    _fresh[(pattern, flags)] = parts


def _read() -> dict[_Key, _Parts]:
    global _kept
    if _kept is None:
        _kept = {}
        from .inputs import cache_folder, read_private_bytes

        raw = read_private_bytes(cache_folder("patterns") / _NAME)
        head = _head()
        if raw is not None and raw.startswith(head):
            import marshal

            try:
                found = marshal.loads(raw[len(head):])
            except Exception:  # damaged: every pattern compiled afresh, and stored again
                found = None
            if isinstance(found, dict):
                _kept = found
    return _kept


def store() -> None:
    """Write the patterns compiled in this process into the entry, with the kept ones this
    process used and then the others, up to MAX_KEPT; a store that fails only costs speed."""
    if not _fresh:
        return
    import marshal

    from .inputs import cache_folder, write_private_bytes

    global _kept
    kept = _read()
    table = dict(_fresh)
    for key in _used:
        table.setdefault(key, kept[key])
    for key, parts in kept.items():
        if len(table) >= MAX_KEPT:
            break
        table.setdefault(key, parts)
    _kept = table
    _fresh.clear()
    write_private_bytes(cache_folder("patterns") / _NAME, _head() + marshal.dumps(table))
