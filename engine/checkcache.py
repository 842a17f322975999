"""Check results kept by a content hash of everything they depend on, so a second run skips the checks.

`policy check`, `status`, `build` (its parity gate) and the preview run the same checks over
the same folder. When the console script turned the caches on (POLICY_CACHE_SOURCES=1, set by
engine/cli/cached.py unless POLICY_NO_CACHE=1 or `--no-cache`), `check_sources` stores what
it found (the findings, each unit's state per language and the parity settings) under a key
that hashes everything the checks read (engine/inputs.py):

* the loaded sources: each edition's text and file name, the loading's findings, the folder
  as named and the working folder (findings name files relative to it);
* every file of the policy folder (parity.toml, the editions, tests/ ...);
* every pyproject.toml from the working folder up, or the one named (`[tool.policy.severity]`);
* the git refs (`git show-ref --head` in the master's folder: drift findings read the master's
  history from HEAD) and the GIT_* environment;
* the tool: every source file of engine/ and render/, the Python version and the libraries'
  folders; and the day.

A run with `--previous` (a stored copy read besides git), a subset of the checks or its own
history lookup is never stored nor answered from here. Entries live in
`$XDG_CACHE_HOME/cafetalk-policy/checks/` with the sources cache's rules (engine/loader.py):
the user's own folder and files only, written atomically, a damaged entry ignored. A result
is stored only if the key is the same after the run (nothing changed while it ran).
tests/test_check_cache.py holds a reused result equal to a fresh one and every input a miss.

After an edit that result is a miss, but most of what the checks find has not changed. So the
findings of the pair checks that declare what they `reads` (engine/checks/unit.py) are also
kept per pair, in `$XDG_CACHE_HOME/cafetalk-policy/pairs/`, where the server does not keep them
in memory (a fresh `policy check` with the caches on): one file per edition, named by a hash of
the tool (as above), the master's language, the settings' file name and text, and the
edition's language, file name and whole text; in it, per check, a hash of what its `reads`
gives and its findings by master unit, each unit named by a hash of its contents (the same in
every process: `stable_digest`). After an edit of one master unit the checks run again only on
that unit, in every edition; after an edit of a translation, on that edition's units. Each
file holds the units of the run that wrote it; the newest MAX_CACHED_PAIR_FILES files are kept.
A file is written (atomically, by `later`) only when a pair was checked afresh and the tool is
the same as when the run began; a damaged or foreign file is ignored. Beside them, in
`$XDG_CACHE_HOME/cafetalk-policy/master-units/`, one file per tool, master's language and
settings' file holds, per check that works per master unit (`Check.per_master_unit`), the
hashes of the master units it found nothing in: after an edit of the master it runs again on
the edited units and on those it found something in (their lines in the master's file may
have moved), after an edit of a translation on those only.
tests/test_pair_cache.py holds the reused findings equal to fresh ones after each kind of edit.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .findings import Diagnostic
from .inputs import (
    Digest,
    Uncacheable,
    add_pyprojects,
    add_tool,
    cache_folder,
    caches_on,
    command_refs,
    git_environment,
    later,
    read_private_pickle,
    start_git_state,
    write_private_pickle,
)
from .loader import Sources
from .values import record

if TYPE_CHECKING:
    from .parity.config import ParityConfig
    from .parity.context import Context, Edition

CHECKS_FORMAT = "policy-checks-1"
MAX_CACHED_CHECKS = 32
MAX_INPUT_BYTES = 64 << 20  # a folder bigger than this is not worth hashing on every run


@record
class StoredCheck:
    """What `check_sources` found, without the sources (the caller has them)."""

    diagnostics: tuple[Diagnostic, ...]
    states: dict[str, dict[str, str]]
    config: ParityConfig


def checks_cache_dir() -> Path:
    return cache_folder("checks")


def check_key(src: Sources, pyproject: Path | None = None, *,
              refs_read: bool = False) -> str | None:
    """The hash of everything `check_sources(src, pyproject=pyproject)` reads, or None when
    its result is not to be kept (no master edition, an input that is not a regular file,
    more input than is worth hashing). With `refs_read`, the repository's refs as the console
    script read them for its own key just before the command ran (`command_refs`, taken once),
    when it did; else git is asked (as a check that nothing changed while the checks ran must)."""
    if src.master_doc is None:
        return None
    try:
        return _check_key(src, pyproject, refs_read)
    except (Uncacheable, OSError):
        return None


def _check_key(src: Sources, pyproject: Path | None, refs_read: bool) -> str | None:
    import datetime as dt

    assert src.master_doc is not None
    folder = Path(src.master_doc.file).resolve().parent
    refs = command_refs(folder) if refs_read else None
    git = start_git_state(folder) if refs is None else (lambda: refs)  # git runs while we hash
    try:
        digest = Digest(CHECKS_FORMAT)
        cwd = Path.cwd()
        digest.add("cwd", str(cwd))
        digest.add("day", dt.date.today().isoformat())
        digest.add("env", git_environment())  # beside the refs: which repository, how
        add_tool(digest)
        digest.add("folder", str(src.folder))
        digest.path(src.folder, "policy")
        for lang, doc in sorted(src.documents.items()):
            digest.add(f"edition:{lang}:{doc.file}", doc.text)
        digest.add("master", src.master_doc.file)
        digest.add("loaded", "\n".join(repr(d) for d in src.diagnostics))
        if pyproject is not None:
            digest.add("pyproject", str(pyproject))
            digest.path(pyproject, "pyproject:named")
        else:
            add_pyprojects(digest, cwd.resolve())
    finally:
        state = git()
    digest.add("git", state)
    if digest.size > MAX_INPUT_BYTES:
        return None
    return digest.hexdigest()


def lookup(key: str) -> StoredCheck | None:
    """The result stored under `key`, or None (missing, damaged, or not the user's own)."""
    found = read_private_pickle(checks_cache_dir(), key, CHECKS_FORMAT.encode())
    if not isinstance(found, StoredCheck) or not all(
            isinstance(d, Diagnostic) for d in found.diagnostics):
        return None
    return found


def store(key: str, found: StoredCheck) -> None:
    write_private_pickle(checks_cache_dir(), key, CHECKS_FORMAT.encode(), found,
                         MAX_CACHED_CHECKS)


def cache_on(cache: bool | None) -> bool:
    """`cache` if given, else whether the console script turned the caches on (as for the
    sources cache: POLICY_CACHE_SOURCES=1 and no POLICY_NO_CACHE)."""
    return caches_on(cache)



# ------------------------------------------------------- the pair checks' findings, per pair

PAIRS_FORMAT = "policy-pairs-1"
MAX_CACHED_PAIR_FILES = 64  # one per edition and text: the shipped policy has two editions
MAX_STORED_PAIRS = 4096  # units per check and edition (as the server's MAX_KEPT_PAIRS)

# What a file holds: per check's name, (the hash of what its `reads` gave, its findings by the
# hash of a master unit).
Stored = dict[str, tuple[str, dict[Hashable, tuple[Diagnostic, ...]]]]


def pairs_cache_dir() -> Path:
    return cache_folder("pairs")


# The master units a check's `per_master_unit` found nothing in: per check's name, their
# digests (`stable_digest`), in one file per tool, master's language and settings.
StoredClean = dict[str, frozenset[bytes]]
MASTER_UNITS_FORMAT = "policy-master-units-1"
MAX_CACHED_MASTER_FILES = 16  # one per tool, master's language and settings' text


def master_units_cache_dir() -> Path:
    return cache_folder("master-units")


def stable_digest(value: object) -> bytes:
    """A hash of `value` (`key_hash`) that is the same in every process, for a key on disk.
    Python's hash() of a text differs from process to process and a set has no fixed order,
    so the value is written out (`_stable`) and that is hashed. A TypeError for a value of a kind
    `_stable` does not know: it cannot be part of a key."""
    from .hashing import key_hash

    out: list[bytes] = []
    _stable(value, out)
    return key_hash(b"".join(out)).digest()


def _stable(value: object, out: list[bytes]) -> None:
    """Append `value`, written out, to `out`: each text and bytes with its kind and length,
    numbers, True, False and None as repr gives them, tuples, lists, enums and records
    (engine.values) part by part, sets and mappings in the order of their parts' digests."""
    kind = type(value)
    if kind is str:
        data = value.encode("utf-8", "surrogatepass")  # type: ignore[attr-defined]
        out.append(b"s%d:" % len(data))
        out.append(data)
    elif value is None:
        out.append(b"None;")
    elif kind in _NUMBERS:
        out.append(b"%s:%s;" % (kind.__name__.encode(), repr(value).encode()))
    elif kind is bytes:
        out.append(b"b%d:" % len(value))  # type: ignore[arg-type]
        out.append(value)  # type: ignore[arg-type]
    elif kind is tuple or kind is list:
        out.append(b"%s%d(" % (kind.__name__.encode(), len(value)))  # type: ignore[arg-type]
        for item in value:  # type: ignore[attr-defined]
            _stable(item, out)
        out.append(b")")
    elif kind is set or kind is frozenset:
        parts = sorted(stable_digest(item) for item in value)  # type: ignore[attr-defined]
        out.append(b"set%d(" % len(parts))
        out.extend(parts)
        out.append(b")")
    elif kind is dict:
        pairs = sorted(stable_digest(k) + stable_digest(v)
                       for k, v in value.items())  # type: ignore[attr-defined]
        out.append(b"dict%d(" % len(pairs))
        out.extend(pairs)
        out.append(b")")
    elif isinstance(value, enum.Enum):
        out.append(f"enum:{kind.__module__}.{kind.__qualname__}.{value.name};".encode())
    else:
        names: tuple[str, ...] | None = getattr(kind, "__value_names__", None)  # a record
        if names is None:
            raise TypeError(f"no stable form for a {kind.__qualname__}")
        out.append(f"record:{kind.__module__}.{kind.__qualname__}{len(names)}(".encode())
        for name in names:
            field = getattr(value, name)
            if type(field) is str:  # most fields of a unit: as above, without a call
                data = field.encode("utf-8", "surrogatepass")
                out.append(b"s%d:" % len(data))
                out.append(data)
            else:
                _stable(field, out)
        out.append(b")")


_NUMBERS = (int, float, bool)


def tool_digest() -> str:
    """The hash of the tool itself (`add_tool`: its sources, Python and the libraries)."""
    digest = Digest("tool")
    add_tool(digest)
    return digest.hexdigest()


class PairFindings:
    """The pair checks' findings of one run, by edition, check and master unit, read from the
    files earlier runs wrote and written back after the run (`store_later`).

    Made by `pair_findings`; `run_checks` asks `table(name, edition)` for a check's findings
    by the digest of each master unit (`digests`, by the unit's id), as far as they are known,
    and adds what it checks afresh."""

    def __init__(self, ctx: Context, reads: dict[str, str], run: str, tool: str,
                 masters: Iterable[str] = ()) -> None:
        self.reads = reads  # check name -> the hash of what its `reads` gives
        self.masters = frozenset(masters)  # the checks that work per master unit
        self.run = run  # the hash of what every edition's file shares (tool, master, settings)
        self.tool = tool
        self.units = [stable_digest(mu) for mu in ctx.master_units]
        self.digests: dict[int, Hashable] = {
            id(mu): digest for mu, digest in zip(ctx.master_units, self.units, strict=True)}
        self.editions: dict[str, tuple[str, Stored]] = {}  # lang -> (file key, as read)
        self.tables: dict[str, dict[str, tuple[int, dict[Hashable, tuple[Diagnostic, ...]]]]] = {}
        self.master: tuple[str, StoredClean] | None = None  # (file key, as read)
        self.cleans: dict[str, tuple[int, set[Hashable]]] = {}  # name -> (as read, now)

    def _edition(self, ed: Edition) -> tuple[str, Stored]:
        found = self.editions.get(ed.lang)
        if found is None:
            digest = Digest(PAIRS_FORMAT)
            digest.add("run", self.run)
            digest.add("lang", ed.lang)
            digest.add("file", ed.file)
            digest.add("text", ed.doc.text)
            key = digest.hexdigest()
            found = self.editions[ed.lang] = (key, _read_pairs(key))
        return found

    def table(self, name: str, ed: Edition) -> dict[Hashable, tuple[Diagnostic, ...]] | None:
        """The findings of check `name` in `ed` by master unit digest, as far as they are
        known; the caller adds the others. None for a check whose findings are not kept."""
        reads = self.reads.get(name)
        if reads is None:
            return None
        _, stored = self._edition(ed)
        entry = stored.get(name)
        table: dict[Hashable, tuple[Diagnostic, ...]] = \
            dict(entry[1]) if entry is not None and entry[0] == reads else {}
        self.tables.setdefault(ed.lang, {})[name] = (len(table), table)
        return table

    def clean(self, name: str) -> set[Hashable] | None:
        """The master units (by digest) check `name`'s `per_master_unit` found nothing in, as
        far as they are known; the caller adds the others. None for a check that does not
        work per master unit."""
        if name not in self.masters:
            return None
        if self.master is None:
            digest = Digest(MASTER_UNITS_FORMAT)
            digest.add("run", self.run)
            key = digest.hexdigest()
            self.master = (key, _read_clean(key))
        clean: set[Hashable] = set(self.master[1].get(name, ()))
        self.cleans[name] = (len(clean), clean)
        return clean

    def store_later(self, editions: Iterable[Edition]) -> None:
        """Write the files of the editions where a pair was checked afresh, and the master
        units' file when a unit was found clean afresh, by `later`."""
        changed = [ed for ed in editions
                   if any(len(table) != known
                          for known, table in self.tables.get(ed.lang, {}).values())]
        master = any(len(clean) != known for known, clean in self.cleans.values())
        if changed or master:
            later(partial(self._store, changed, master))

    def _store(self, editions: list[Edition], master: bool) -> None:
        if tool_digest() != self.tool:  # the tool changed while it ran: its findings may not
            return
        if master and self.master is not None:
            file, known = self.master
            # the other checks' units stay as they were; this run's units only: an edited
            # unit's old digest goes
            units: StoredClean = {name: found for name, found in known.items()
                                  if name not in self.cleans}
            for name, (_, clean) in self.cleans.items():
                units[name] = frozenset(digest for digest in self.units[:MAX_STORED_PAIRS]
                                        if digest in clean)
            write_private_pickle(master_units_cache_dir(), file, MASTER_UNITS_FORMAT.encode(),
                                 units, MAX_CACHED_MASTER_FILES)
        for ed in editions:
            key, stored = self._edition(ed)
            # the other checks' findings (a run of some checks only) stay as they were
            kept: Stored = {name: entry for name, entry in stored.items()
                            if name not in self.tables[ed.lang]}
            for name, (_, table) in self.tables[ed.lang].items():
                # this run's units only: an edited unit's old findings go
                kept[name] = (self.reads[name],
                              {digest: table[digest] for digest in self.units[:MAX_STORED_PAIRS]
                               if digest in table})
            write_private_pickle(pairs_cache_dir(), key, PAIRS_FORMAT.encode(), kept,
                                 MAX_CACHED_PAIR_FILES)


def pair_findings(ctx: Context, reads: dict[str, Hashable],
                  masters: Iterable[str] = ()) -> PairFindings | None:
    """The pair findings kept on disk for a run whose checks (by name) read what `reads`
    gives beyond their pairs, and the master units that the checks named in `masters` found
    clean (`Check.per_master_unit`); None when the run's settings have no key (made in code,
    or a file that could not be parsed). A check whose `reads` gives what `stable_digest`
    cannot hash is not kept."""
    settings = ctx.config.made_from
    if settings is None:
        return None
    tool = tool_digest()
    run = Digest(PAIRS_FORMAT)
    run.add("tool", tool)
    try:
        run.add("master", stable_digest(ctx.master.lang))
        run.add("settings", stable_digest(settings))
    except TypeError:
        return None
    hashed: dict[str, str] = {}
    for name, value in reads.items():
        try:
            hashed[name] = stable_digest(value).hex()
        except TypeError:
            continue
    return PairFindings(ctx, hashed, run.hexdigest(), tool, masters)


def _read_pairs(key: str) -> Stored:
    """What the file `key` holds, or nothing (missing, damaged, not the user's own)."""
    found = read_private_pickle(pairs_cache_dir(), key, PAIRS_FORMAT.encode())
    if not isinstance(found, dict):
        return {}
    return {name: entry for name, entry in found.items()
            if isinstance(name, str) and _well_formed(entry)}


def _well_formed(entry: object) -> bool:
    """Whether `entry` is what `PairFindings._store` writes for a check."""
    if not (type(entry) is tuple and len(entry) == 2 and type(entry[0]) is str
            and type(entry[1]) is dict):
        return False
    for unit, found in entry[1].items():
        if type(unit) is not bytes or type(found) is not tuple:
            return False
        for d in found:  # most pairs have no finding: no generator per pair
            if type(d) is not Diagnostic:
                return False
    return True


def _read_clean(key: str) -> StoredClean:
    """What the master units' file `key` holds, or nothing (missing, damaged, not the user's
    own)."""
    found = read_private_pickle(master_units_cache_dir(), key, MASTER_UNITS_FORMAT.encode())
    if not isinstance(found, dict):
        return {}
    return {name: units for name, units in found.items()
            if type(name) is str and type(units) is frozenset
            and all(type(unit) is bytes for unit in units)}
