"""Regular expressions compiled once per machine, not once per process (stdlib only).

Python compiles a regular expression with Python code (`re._parser`, `re._compiler`): the
eighty-odd patterns a build uses took 8 to 13 ms of every such process to compile
(bench/README.md, twenty-first session). What that compilation makes is a list of numbers
that the C engine (`_sre`) takes as it is. With the console script's caches on
(engine/inputs.py `caches_on`), `compile` keeps each pattern's list in the user's cache, and
a later process builds the pattern from the list in microseconds, as Python keeps a module's
bytecode in `__pycache__`.

What guards it:

* a list is kept only after the pattern built from it was found equal to the one
  `re.compile` made (a Pattern's equality compares its pattern, flags and code) and to have
  the same groups and group names (which equality does not compare);
* each interpreter has an entry of its own, named by and headed with its version and its
  engine's MAGIC and code size, and the head carries a BLAKE2b digest of the body: an entry
  damaged in any way (a flipped bit, a truncated write) is refused whole and written again;
  each list read is checked for its shape (its groups against its group names) before the C
  engine, which validates the code itself, is given it;
* as every cache entry of the tool (engine/inputs.py `read_private_bytes`), the entry is read
  only from a folder and a file that nobody but the user can write. Someone who can write
  there as the user can change the tool itself too: a forged entry is not guarded against
  beyond that;
* anything that goes wrong gives the pattern `re.compile` gives.

Without the caches (a library, the tests, POLICY_NO_CACHE=1) `compile` is `re.compile`. Lists
are kept for storing only in a process that runs one command (`inputs.deferring`), and stored
after its answer (`inputs.later`); the resident server's command process forgets what its
warm-up read (`forget`), as a new process would.
"""

from __future__ import annotations

import _thread  # built in: a lock without importing threading
import re
import sys

TYPE_CHECKING = False  # without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import Any, AnyStr

FORMAT = b"policy-patterns-2"
MAX_KEPT = 1024  # patterns per entry: those compiled last, then those used last, then others
KEEP_ENTRIES = 4  # entries in the folder: one per interpreter that ran the tool lately

# (pattern, flags) -> the arguments of `_sre.compile` after the pattern: its flags as
# compiled, its code, the number of groups less one, group names to numbers, and back.
_Parts = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_Key = tuple[str | bytes, int]


_LOCK = _thread.allocate_lock()  # the state below is shared with the build's history thread
# Callers pass the tool's own patterns (a pattern made of the policy's words goes to
# re.compile: engine/parity/context.py), so what is kept here stays bounded.
_made: dict[tuple[type, str | bytes, int], re.Pattern[Any]] = {}
_kept: dict[_Key, _Parts] | None = None  # the entry as read, once per process
_fresh: dict[_Key, _Parts] = {}  # compiled in this process, to be stored
_used: set[_Key] = set()
_queued = False  # a store waits in `inputs.later`


def compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:  # re.compile, by its name
    """`re.compile(pattern, flags)`, from the list kept in the user's cache when the caches
    are on and it is there; within a process, each pattern is built once."""
    flags = int(flags)
    memo = (type(pattern), pattern, flags)
    made: re.Pattern[AnyStr] | None = _made.get(memo)
    if made is not None:
        return made
    if type(pattern) in (str, bytes):  # a subclass is compiled as it is, never kept
        from .inputs import caches_on

        if caches_on():
            made = _from_cache(pattern, flags)
    if made is None:
        made = re.compile(pattern, flags)
    _made[memo] = made
    return made


def forget() -> None:
    """Forget the entry read and the lists kept so far (the resident server's command process,
    whose cache folder may not be the one its warm-up read): `compile` reads it afresh."""
    global _kept, _queued
    with _LOCK:
        _kept, _queued = None, False
        _fresh.clear()
        _used.clear()


def _engine() -> Any:
    import importlib

    return importlib.import_module("_sre")


def _interpreter() -> bytes:
    """What the lists depend on beyond the pattern: the Python and its engine."""
    engine = _engine()
    return f"{sys.version}|{engine.MAGIC}|{engine.CODESIZE}".encode()


def _entry_path() -> Any:
    from .hashing import key_hash
    from .inputs import cache_folder

    name = key_hash(_interpreter()).hexdigest()[:16]
    return cache_folder("patterns") / f"{name}.marshal"


def encode(table: dict[_Key, _Parts]) -> bytes:
    """The entry's bytes: its head (format, interpreter, digest of the body), then the body."""
    import marshal

    from .hashing import key_hash

    body = marshal.dumps(table)
    return (FORMAT + b" " + _interpreter() + b" " + key_hash(body).hexdigest().encode()
            + b"\n" + body)


def decode(raw: bytes) -> dict[_Key, _Parts] | None:
    """The table `encode` wrote, or None when `raw` is not this interpreter's entry or was
    changed in any way since."""
    import marshal

    from .hashing import key_hash

    head, newline, body = raw.partition(b"\n")
    prefix = FORMAT + b" " + _interpreter() + b" "
    if not newline or not head.startswith(prefix):
        return None
    if head[len(prefix):] != key_hash(body).hexdigest().encode():
        return None
    try:
        found = marshal.loads(body)
    except Exception:  # pragma: no cover - a body that matches its digest loads
        return None
    return found if isinstance(found, dict) else None


def _sound(parts: object) -> bool:
    """Whether a kept list has the shape `_sre.compile` is given: five parts of their types,
    and its groups agreeing with its group names both ways."""
    if not (isinstance(parts, tuple) and len(parts) == 5):
        return False
    flags, code, groups, groupindex, indexgroup = parts
    if not (type(flags) is int and type(code) is list and type(groups) is int
            and type(groupindex) is dict and type(indexgroup) is tuple
            and groups == len(indexgroup) - 1 and indexgroup[:1] == (None,)):
        return False
    named = [(i, n) for i, n in enumerate(indexgroup) if n is not None]
    return len(named) == len(groupindex) and all(
        type(n) is str and groupindex.get(n) == i for i, n in named)


def _from_cache(pattern: AnyStr, flags: int) -> re.Pattern[AnyStr] | None:
    """The pattern built from its kept list, else compiled (and, in a process that runs one
    command, its list kept to be stored)."""
    key: _Key = (pattern, flags)
    with _LOCK:
        parts = _read().get(key)
    if parts is not None and _sound(parts):
        try:
            made: re.Pattern[AnyStr] = _engine().compile(pattern, *parts)
        except Exception:  # not this engine's code after all: compiled afresh
            pass
        else:
            with _LOCK:
                _used.add(key)
            return made
    made = re.compile(pattern, flags)
    from . import inputs

    if inputs.deferring():
        _remember(pattern, flags, made)
    return made


def _remember(pattern: str | bytes, flags: int, made: re.Pattern[Any]) -> None:
    """Keep the list `re.compile` made for `pattern`, if building the pattern from it gives
    exactly `made`; the store runs after the command's answer (`inputs.later`)."""
    global _queued
    try:
        import importlib

        parser: Any = importlib.import_module("re._parser")
        compiler: Any = importlib.import_module("re._compiler")
        parsed = parser.parse(pattern, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, number in groupindex.items():
            indexgroup[number] = name
        parts: _Parts = (flags | parsed.state.flags,
                         [int(op) for op in compiler._code(parsed, flags)],
                         parsed.state.groups - 1, groupindex, tuple(indexgroup))
        again = _engine().compile(pattern, *parts)
        if (again != made or again.groups != made.groups
                or again.groupindex != made.groupindex or not _sound(parts)):
            return
    except Exception:  # another Python's internals: this pattern is compiled every time
        return
    from . import inputs

    with _LOCK:
        _fresh[(pattern, flags)] = parts
        queue, _queued = not _queued, True
    if queue:
        inputs.later(store)


def _read() -> dict[_Key, _Parts]:
    """The entry as read (once per process, under `_LOCK`); empty when there is none fit."""
    global _kept
    if _kept is None:
        from .inputs import read_private_bytes

        raw = read_private_bytes(_entry_path())
        _kept = (decode(raw) if raw is not None else None) or {}
    return _kept


def store() -> None:
    """Write the patterns compiled in this process into the entry, with the kept ones this
    process used and then the others, up to MAX_KEPT; a store that fails only costs speed
    (what was compiled stays to be stored by a later store)."""
    global _kept, _queued
    from .inputs import keep_newest, write_private_bytes

    with _LOCK:
        _queued = False
        if not _fresh:
            return
        kept = _read()
        fresh = dict(_fresh)
        table: dict[_Key, _Parts] = {}
        for key, parts in (*fresh.items(), *((k, kept[k]) for k in _used if k in kept),
                           *kept.items()):
            if len(table) >= MAX_KEPT:
                break
            table.setdefault(key, parts)
    try:
        data = encode(table)
    except ValueError:  # pragma: no cover - a value marshal cannot write: kept in memory
        return
    path = _entry_path()
    if not write_private_bytes(path, data):
        return
    keep_newest(path.parent, ".marshal", KEEP_ENTRIES)
    with _LOCK:
        _kept = table
        for key in fresh:
            _fresh.pop(key, None)
