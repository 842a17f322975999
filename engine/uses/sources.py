"""Read a folder of declaration files (one system per file) into values with positions.

Each file goes through the same phases as a policy edition: read (engine.read: safe YAML with
the line and column of every node; a file of the plainest YAML through engine/lineread.py,
without the YAML library, another clean file through engine/quickread.py, both of which give
the same document faster), shape (the JSON Schema, SCHEMA diagnostics at the node),
then duplicate ids. Nothing here needs the policy; checking terms and decisions is
engine.uses.check. Never raises for bad input: problems come back as diagnostics.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import MAX_FILE_BYTES, Document, Pos, ReadResult
from ..findings import Diagnostic, has_errors, make, sorted_unique
from .folder import DEFAULT_FOLDER as DEFAULT_FOLDER  # (re-exported)

SUFFIXES = (".yaml", ".yml")

PathKey = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class DeclaredUse:
    """One declared use of one system, with where it is written."""

    system: str
    id: str
    action: str
    data: tuple[str, ...]
    purpose: str
    when: tuple[tuple[str, bool], ...]
    obligations: tuple[str, ...]
    note: str | None
    file: str
    line: int
    col: int
    # The file it was read from and its index in `uses:`, for positions and the text as written.
    _doc: Document | None = field(default=None, compare=False, repr=False, hash=False)
    _index: int = field(default=0, compare=False, repr=False, hash=False)

    @property
    def key(self) -> str:
        """`system/use`, the use's name in every report."""
        return f"{self.system}/{self.id}"

    @property
    def context(self) -> dict[str, bool]:
        return dict(self.when)

    @property
    def source(self) -> str:
        """The entry as written (canonical JSON): a declaration "changed" when this differs."""
        raw = self._doc.data["uses"][self._index] if self._doc is not None else None
        return json.dumps(raw, sort_keys=True, ensure_ascii=False)

    def _path(self, path: tuple[str | int, ...]) -> tuple[PathKey, bool]:
        key = bool(path) and path[0] == "key"  # ("key", "when", flag): where the key is written
        return ("uses", self._index, *(path[1:] if key else path)), key

    def has(self, *path: str | int) -> bool:
        """Whether the node at `path` under this use is written in the file."""
        if self._doc is None:
            return False
        full, key = self._path(tuple(path))
        return full in (self._doc.key_positions if key else self._doc.positions)

    def pos(self, *path: str | int) -> tuple[int, int]:
        """Line and column of a node under this use (`"data", 1`), else of the use itself."""
        if self._doc is None:
            return (self.line, self.col)
        full, key = self._path(tuple(path))
        p = self._doc.pos(full, key=key)
        return (p.line, p.col)


@dataclass(frozen=True, slots=True)
class System:
    """One declaration file: a system, its names, owner and uses."""

    id: str
    names: tuple[tuple[str, str], ...]  # (lang, name), as written
    owner: str
    example: bool
    uses: tuple[DeclaredUse, ...]
    file: str
    line: int
    col: int

    def name(self, lang: str) -> tuple[str, str]:
        """The name in `lang`, else in the first language given: (text, its language)."""
        names = dict(self.names)
        if lang in names:
            return names[lang], lang
        first = self.names[0]
        return first[1], first[0]


@dataclass(slots=True)
class Declarations:
    """Every system read from a folder, plus the diagnostics of reading it."""

    folder: str
    systems: tuple[System, ...] = ()
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0

    @property
    def uses(self) -> tuple[DeclaredUse, ...]:
        return tuple(u for s in self.systems for u in s.uses)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)

    def find(self, key: str) -> DeclaredUse | None:
        for u in self.uses:
            if u.key == key:
                return u
        return None

    def __iter__(self) -> Iterator[DeclaredUse]:
        return iter(self.uses)


def _display(path: Path, cwd: Path | None = None) -> str:
    """Relative to the working directory when below it, as the policy loader prints paths."""
    try:
        return str(path.absolute().relative_to(cwd or Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def load_uses(folder: Path | str = DEFAULT_FOLDER) -> Declarations:
    """Read every declaration file directly in `folder` (`*.yaml`, `*.yml`), sorted by name."""
    root = Path(folder)
    name = _display(root)
    if not root.exists():
        return Declarations(name, diagnostics=[make(
            "IO001", "declarations folder not found", name,
            hint="give the folder of declaration files with --uses DIR")])
    if not root.is_dir():
        return Declarations(name, diagnostics=[make("IO002", "not a folder", name)])
    try:
        paths = sorted(p for p in root.iterdir() if p.suffix in SUFFIXES)
    except OSError as exc:
        return Declarations(name, diagnostics=[make(
            "IO002", f"cannot list folder: {exc.strerror}", name)])
    cwd = Path.cwd().resolve()
    return _build(name, _read_all([(p, _display(p, cwd)) for p in paths]))


# -- the read cache ----------------------------------------------------------------------------
# Reading YAML with positions is most of the cost of checking a folder of declarations (a
# thousand uses in a hundred files). A folder whose files read cleanly (no finding at all) is
# kept, as plain data and positions, under a key made of every file's name and bytes and of the
# reader's own code, Python and ruamel.yaml versions: a changed byte anywhere, or a new reader,
# reads afresh. A folder whose every file is of the plainest YAML is read line by line
# (engine/lineread.py), which is quicker than finding and loading an entry: it keeps none.
# The shape check and everything after it run every time. `POLICY_NO_CACHE=1`
# turns the cache off. marshal, not pickle: it holds plain values only and runs no code.
READ_CACHE_FORMAT = b"uses-read-1"
READ_CACHE_ENTRIES = 64  # oldest entries are removed beyond this
NO_CACHE_ENV = "POLICY_NO_CACHE"


def _read_cache_dir() -> Path | None:
    if os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
        return None
    from ..inputs import cache_folder

    return cache_folder("uses-read")


def _read_key(files: list[tuple[str, bytes]]) -> str:
    """The key of a folder's entry. Computed without importing the reader or ruamel.yaml (a hit
    needs neither): the library's version and whether its C extension is there are found from
    their files, and the reader's own source is hashed from disk."""
    from importlib.util import find_spec

    from ..hashing import key_hash

    yaml_spec = find_spec("ruamel.yaml")
    yaml_init = (Path(yaml_spec.origin).read_bytes()
                 if yaml_spec is not None and yaml_spec.origin else b"none")
    digest = key_hash(READ_CACHE_FORMAT + b"\0" + sys.version.encode() + b"\0"
                      + yaml_init
                      + (b"C" if find_spec("_ruamel_yaml") is not None else b"pure"))
    engine_dir = Path(__file__).resolve().parent.parent
    for module in ("read.py", "quickread.py", "lineread.py", "yamlerrors.py", "findings.py",
                   "document.py"):
        digest.update((engine_dir / module).read_bytes())
    digest.update(Path(__file__).read_bytes())
    for display, raw in files:
        digest.update(b"\0" + display.encode() + b"\0" + raw)
    return digest.hexdigest()[:32]


def _read_all(paths: list[tuple[Path, str]]) -> list[ReadResult]:
    """read_file on each (path, display name), through the read cache when it can be used."""
    cache = _read_cache_dir()
    raws: list[bytes | None] = []
    for path, _display_name in paths:
        try:
            raw = path.read_bytes() if path.is_file() else None
        except OSError:
            raw = None
        if raw is None or len(raw) > MAX_FILE_BYTES:
            cache = None  # an odd file: read_file says what is wrong, as without a cache
            raw = None
        raws.append(raw)
    from .. import lineread

    if cache is None:
        return [_read_file(path, display) if raw is None else
                lineread.read_bytes_fastest(raw, display)
                for (path, display), raw in zip(paths, raws, strict=True)]
    # A folder of the plainest YAML reads faster line by line (engine/lineread.py) than its
    # cache entry is found and loaded: the cache is for the others.
    plain = [lineread.line_read_bytes(raw, display)
             for (_, display), raw in zip(paths, raws, strict=True) if raw is not None]
    if all(r is not None for r in plain):
        return [r for r in plain if r is not None]
    import marshal

    whole = [raw for raw in raws if raw is not None]  # every one, as the cache is on
    key = _read_key([(display, raw) for (_, display), raw in zip(paths, whole, strict=True)])
    entry = cache / f"{key}.marshal"
    stored: Any = None
    try:
        stored = marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        stored = None
    if isinstance(stored, list) and len(stored) == len(paths):
        out = []
        for (_, display), raw, kept in zip(paths, whole, stored, strict=True):
            if kept is None:  # a file that did not read cleanly: read it again
                out.append(lineread.read_bytes_fastest(raw, display))
                continue
            data, positions, key_positions = kept
            out.append(ReadResult(Document(
                display, data, raw.decode("utf-8"),
                {p: Pos(line, col) for p, (line, col) in positions.items()},
                {p: Pos(line, col) for p, (line, col) in key_positions.items()}), []))
        return out
    # a miss: the reader, and ruamel.yaml, only now (for the files not read line by line)
    from ..quickread import read_bytes_quickly

    out = [done or read_bytes_quickly(raw, display)
           for (_, display), raw, done in zip(paths, whole, plain, strict=True)]
    _store(cache, entry, [
        None if r.diagnostics or r.document is None else (
            r.document.data,
            {_interned(p): (q.line, q.col) for p, q in r.document.positions.items()},
            {_interned(p): (q.line, q.col) for p, q in r.document.key_positions.items()})
        for r in out])
    return out


def _read_file(path: Path, display: str) -> ReadResult:
    """engine.readfile.read_file, which says what is wrong with a file that cannot be read whole
    (the reader is imported only then)."""
    from ..readfile import read_file

    return read_file(path, display)


def _interned(path: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """The path with its names interned: marshal then writes each name once, by reference."""
    return tuple(sys.intern(k) if isinstance(k, str) else k for k in path)


def _store(cache: Path, entry: Path, value: list[Any]) -> None:
    """Write a cache entry atomically and keep the newest READ_CACHE_ENTRIES; a read-only or
    full disk only costs speed."""
    import marshal

    from ..atomic import write_bytes_atomic
    from ..inputs import keep_newest

    try:
        payload = marshal.dumps(value)
    except ValueError:  # a value marshal cannot hold: not worth keeping
        return
    try:
        cache.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(entry, payload, mode=0o600)  # a cache entry: the owner's only
    except OSError:
        return
    keep_newest(cache, ".marshal", READ_CACHE_ENTRIES)


def load_uses_texts(files: Mapping[str, bytes], folder: str = DEFAULT_FOLDER) -> Declarations:
    """Declarations given as bytes by file name (from `git show`, a test)."""
    from ..lineread import read_bytes_fastest

    return _build(folder, [read_bytes_fastest(data, f"{folder}/{n}" if folder else n)
                           for n, data in sorted(files.items()) if n.endswith(SUFFIXES)])


def _build(folder: str, results: list[ReadResult]) -> Declarations:
    from .schema import fits

    out = Declarations(folder, files=len(results))
    found = out.diagnostics
    systems: list[System] = []
    for result in results:
        found.extend(result.diagnostics)
        doc = result.document
        if doc is None:
            continue
        if not isinstance(doc.data, dict):
            line, col = _at(doc, ())
            kind = "a list" if isinstance(doc.data, list) else "a single value"
            found.append(make("SCHEMA003", f"a declaration file must be a mapping (system, "
                              f"name, owner, uses), not {kind}", doc.file, line, col))
            continue
        if not fits(doc.data):
            found.extend(shape_diagnostics(doc))
            continue
        systems.append(_system(doc))
    if not results and not found:
        found.append(make("USES005", "no declaration files (*.yaml) in the folder", folder,
                          hint="add one file per system; see docs/format.md"))
    found.extend(_duplicates(systems))
    out.systems = tuple(sorted(systems, key=lambda s: (s.id, s.file)))
    out.diagnostics = sorted_unique(found)
    return out


def shape_diagnostics(doc: Document) -> list[Diagnostic]:
    """Every schema error of a declaration file, at its node (jsonschema, as for the policy)."""
    from ..schema import _diagnose  # the policy files' mapping of schema errors to nodes
    from .schema import validator

    found = [d for e in validator().iter_errors(doc.data) for d in _shape(e, doc, _diagnose)]
    if not found:  # cannot happen while both validators read one schema; never pass silently
        found.append(make("SCHEMA004", "the file does not fit the declaration schema",
                          doc.file, 1, 1))
    return found


def _shape(error: Any, doc: Document, diagnose: Any) -> list[Diagnostic]:
    """Schema errors in the policy files' words (engine/schema.py), so a declaration is told
    in ja, ru and en as the policy is: a value that does not fit its pattern by the pattern's
    name (a language code, a vocabulary id; SCHEMA004), at its key when the key is wrong; the
    id of a system or a use keeps its code SCHEMA005 and gets the same words."""
    path: PathKey = tuple(error.absolute_path)
    if (error.validator == "pattern" and path and path[-1] in ("system", "id")
            and "propertyNames" not in error.relative_schema_path):
        from ..schema import _shape_of, _shape_words

        schema = error.schema if isinstance(error.schema, dict) else {}
        return [_shape_words(error.instance, _shape_of(schema), doc, doc.pos(path),
                             code="SCHEMA005")]
    if error.validator == "minItems":
        line, col = _at(doc, path)
        where = "/".join(str(p) for p in path) or "document"
        return [make("SCHEMA004", f"{where} must list at least one entry", doc.file, line,
                     col)]
    found: list[Diagnostic] = diagnose(error, doc)
    return found


def _at(doc: Document, path: PathKey, *, key: bool = False) -> tuple[int, int]:
    p = doc.pos(path, key=key)
    return p.line, p.col


def _system(doc: Document) -> System:
    data: dict[str, Any] = doc.data
    uses = []
    system, file, positions = data["system"], doc.file, doc.positions
    for i, raw in enumerate(data["uses"]):
        at = positions.get(("uses", i)) or doc.pos(("uses", i))  # every node has its own
        when = raw.get("when")
        uses.append(DeclaredUse(
            system=system, id=raw["id"], action=raw["action"],
            data=tuple(raw["data"]), purpose=raw["purpose"],
            when=tuple(sorted(when.items())) if when else (),
            obligations=tuple(raw.get("obligations", ())), note=raw.get("note"),
            file=file, line=at.line, col=at.col, _doc=doc, _index=i))
    line, col = _at(doc, ("system",))
    return System(id=data["system"], names=tuple(data["name"].items()), owner=data["owner"],
                  example=bool(data.get("example", False)), uses=tuple(uses), file=doc.file,
                  line=line, col=col)


def _duplicates(systems: list[System]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    first_system: dict[str, System] = {}
    for s in sorted(systems, key=lambda s: s.file):
        if s.id in first_system:
            other = first_system[s.id]
            found.append(make("USES004", f"system id '{s.id}' is already declared in "
                              f"{other.file} (line {other.line})", s.file, s.line, s.col,
                              hint="each system has one file and its own id",
                              params={"form": "system", "system": s.id, "file": other.file,
                                      "line": other.line}))
        else:
            first_system[s.id] = s
        first_use: dict[str, DeclaredUse] = {}
        for u in s.uses:
            if u.id in first_use:
                line, col = u.pos("id")
                found.append(make("USES004", f"use id '{u.id}' appears twice in system "
                                  f"'{s.id}' (first at line {first_use[u.id].line})",
                                  u.file, line, col, unit=u.key,
                                  hint="give each use of a system its own id",
                                  params={"form": "use", "id": u.id, "system": s.id,
                                          "line": first_use[u.id].line}))
            else:
                first_use[u.id] = u
    return found
