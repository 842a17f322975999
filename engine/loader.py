"""Run the phases read → schema → model → validate over a policy folder and collect every finding.

A policy folder holds one master edition (`<lang>.yaml` whose facts name the prevailing
language) and one file per translation. `load_folder` never raises for bad input: callers get
whatever models could be built plus the sorted diagnostics.

The `policy` console script turns the sources cache on (POLICY_CACHE_SOURCES=1, unless
POLICY_NO_CACHE=1 or `--no-cache`): then a folder's loaded and validated
Sources are kept (pickled) in `$XDG_CACHE_HOME/cafetalk-policy/sources/`, keyed by the bytes
of every edition, the folder as named, the working folder (diagnostics name files relative to
it), the tool's own source files (engine/inputs.py `add_tool`, whose hash a later process
reads from the cache folder by the files' stamps) and the libraries installed; a command
that writes (stamp, build, revise) then skips reading, the schema and validation when the files did not change.
A missing, unreadable or corrupt entry is ignored and rewritten atomically; the cache is the
user's own, beside the compiled-bundle cache (engine/bundle.py), and an entry another user or
group could have written is never loaded (a pickle runs code when loaded).

When that whole-folder key misses (the legal team edited ja.yaml), each file still has its own
entry in `editions/` (`Editions`), under the same rules: kept by the file's bytes, its name as
shown, Python, the tool's source files and the libraries, it holds what reading the file gave
(its data and positions), its model and, for the master, what validate_master found. So only
the edited file is read and shaped again; each translation is still checked against the master.
A file with a finding in its reading or its shape is not kept, and nothing is stored when a
file changed while the folder was read. The resident server keeps the same in memory instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

from .document import Document, ReadResult
from .findings import Diagnostic, make, sorted_unique
from .inputs import CACHE_ENV as CACHE_ENV
from .inputs import (
    Digest,
    add_tool,
    caches_on,
    later,
    read_private_pickle,
    write_private_pickle,
)
from .model import Master, Translation, fields_of
from .values import field, record, record_mutable

T = TypeVar("T")


@record_mutable
class Sources:
    """Everything read from one policy folder."""

    folder: Path
    master: Master | None = None
    master_doc: Document | None = None
    translations: dict[str, Translation] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)  # by language
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        from .findings import has_errors

        return self.master is not None and not has_errors(self.diagnostics)

    def display_path(self, lang: str) -> str:
        doc = self.documents.get(lang)
        return doc.file if doc else str(self.folder / f"{lang}.yaml")


def _display(path: Path) -> str:
    """Paths print relative to the working directory when they are below it."""
    try:
        # absolute(), not resolve(): a symlinked edition is named as the user named it, not
        # as its target (a dangling ja.yaml -> x.yaml must be reported as ja.yaml).
        return str(path.absolute().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _master_lang(declared: str, lang: str, doc: Document) -> Diagnostic:
    """POLICY010 for a master whose lang: is not the language its file is named for, which its
    facts.prevailing_language names too: what lang: should say, at lang:."""
    from .saying import listed
    from .wording import edition_name

    pos = doc.pos(("lang",))
    name = edition_name(lang, "en")
    return make("POLICY010", f"lang: says '{declared}', but this file is the master, the {name} "
                "edition", doc.file, pos.line, pos.col,
                hint=f"write `lang: {lang}`, the language the file is named for and "
                     f"facts.prevailing_language names; until then the file is checked as the "
                     f"{name} edition",
                params={"form": "master_lang", "declared": declared, "expected": lang,
                        "edition": listed([lang, *(edition_name(lang, say)
                                                   for say in ("ja", "ru", "en"))])})


def _is_master(doc: Document) -> bool:
    data = doc.data
    return (
        isinstance(data, dict)
        and isinstance(data.get("facts"), dict)
        and "prevailing_language" in data["facts"]
    )


SOURCES_FORMAT = b"policy-sources-3"
MAX_CACHED_SOURCES = 32


def _sources_key(label: str, named: Iterable[tuple[str, bytes]]) -> str:
    """The cache key of editions given by name and bytes, as read in `label`'s way, by this
    tool (engine/inputs.py `add_tool`: its sources, Python and the libraries' folders, the
    source files' hash kept by their stamps, so a later process does not read them)."""
    digest = Digest(SOURCES_FORMAT.decode())
    digest.add("label", label)
    for name, data in named:
        digest.add(f"file:{name}", data)
    add_tool(digest)
    return digest.hexdigest()


def _cache_on(cache: bool | None) -> bool:
    return caches_on(cache)


def sources_cache_dir() -> Path:
    from .inputs import cache_folder

    return cache_folder("sources")


def _cached_sources(key: str, folder: Path | None = None,
                    read: Mapping[str, bytes] | None = None) -> Sources | None:
    """The folder stored under `key`, or None: whole, or (`_ByEdition`) put together from its
    files' entries in the per-file cache, from `read`, the files' bytes by name in `folder`."""
    found = _KEPT.get(("sources", key)) if keeping() else None
    if isinstance(found, Sources):
        return found
    entry = read_private_pickle(sources_cache_dir(), key, SOURCES_FORMAT)
    try:
        src = (entry.sources(folder, read) if isinstance(entry, _ByEdition)
               and folder is not None and read is not None else entry)
    except (TypeError, ValueError, AttributeError):  # an entry of another shape: read afresh
        return None
    if not isinstance(src, Sources):
        return None
    _keep_sources(key, src)
    return src


def _store_sources(key: str, src: Sources, editions: Editions | None = None) -> None:
    """Keep `src` under `key`: as the names of its files when `editions` stored every one of
    them with its model (a folder after an edit: its unchanged files are not pickled again),
    else whole."""
    _keep_sources(key, src)
    by_edition = editions.by_edition(src) if editions is not None else None
    write_private_pickle(sources_cache_dir(), key, SOURCES_FORMAT,
                         src if by_edition is None else by_edition, MAX_CACHED_SOURCES)


@record
class _ByEdition:
    """A folder's entry in the sources cache as its files' names (each file's own entry in the
    per-file cache holds its read, its model and, for the master, its validation), its
    master's language and what the load found across files."""

    master: str  # the master's language
    files: tuple[tuple[str, str], ...]  # (language, the file's name as shown)
    diagnostics: tuple[Diagnostic, ...]

    def sources(self, folder: Path, read: Mapping[str, bytes]) -> Sources | None:
        """The folder as loaded, from the files' entries (their bytes `read` by name), or
        None when an entry is missing, damaged or not what this entry says it was."""
        src = Sources(folder, diagnostics=list(self.diagnostics))
        used = []
        for lang, shown in self.files:
            raw = read.get(Path(shown).name)
            if raw is None:
                return None
            key = _sources_key(f"edition\0{shown}", ((shown, raw),))
            made = _stored_edition(key, raw, shown)
            used.append(key)
            if made is None or made.kind != ("master" if lang == self.master
                                             else "translation"):
                return None
            if lang == self.master:
                if not isinstance(made.model, Master) or made.model.lang != lang:
                    return None
                src.master, src.master_doc = made.model, made.doc
            elif not isinstance(made.model, Translation) or made.model.lang != lang:
                return None
            else:
                src.translations[lang] = made.model
            src.documents[lang] = made.doc
        if src.master is None:
            return None
        later(partial(_touch_editions, used))  # used now: the last the per-file cache drops
        return src


def _touch_editions(keys: list[str]) -> None:
    folder = editions_cache_dir()
    for key in keys:
        try:
            os.utime(folder / f"{key}.pickle")
        except OSError:
            pass


def _keep_sources(key: str, src: Sources) -> None:
    if keeping():
        _KEPT[("sources", key)] = src
        _trim(_KEPT)


# The per-file cache: when a folder's whole key misses (the legal team edited ja.yaml), each
# file that read cleanly and fits its model comes from its own entry, kept by the file's bytes
# and its name as shown (findings name it), read in the same way and by the same tool as the
# sources cache's key; the entry says which kind (master or translation) it was shaped as,
# which the file's facts decide. It holds the read (the data and positions; the text is the
# file's bytes, decoded), the model and, for the master, what validate_master found: only the
# edited file is read and shaped again, and each translation is still checked against the
# master. The server keeps files in memory instead (`keeping`).
EDITIONS_FORMAT = b"policy-edition-1"
MAX_CACHED_EDITIONS = 64  # a folder's three editions, and each new text of the edited one


def editions_cache_dir() -> Path:
    from .inputs import cache_folder

    return cache_folder("editions")


@record_mutable
class _Edition:
    """One file read (afresh or from its entry) over a load, and what was made of it."""

    key: str
    raw: bytes
    doc: Document
    kind: str = ""  # what it was shaped as; "" until shaped
    model: object | None = None  # the model, when it fits (else nothing is stored)
    checked: list[Diagnostic] | None = None  # validate_master's findings, for a master
    new: bool = True  # not as its entry holds it: to be stored


class Editions:
    """The per-file cache over one load: `read` is the reader for `read_file`, `shaped` and
    `validated` stand for `_shaped_model` and validate_master, and `store` (through
    `later`, once nothing changed) writes what was made afresh and marks the entries used as
    recent (the oldest beyond MAX_CACHED_EDITIONS go)."""

    def __init__(self) -> None:
        self._made: dict[int, _Edition] = {}  # by the id of the document read

    def _of(self, doc: Document) -> _Edition | None:
        made = self._made.get(id(doc))
        return made if made is not None and made.doc is doc else None

    def read(self, raw: bytes, name: str) -> ReadResult:
        """The read of `raw` named `name`: from its entry, else read afresh."""
        key = _sources_key(f"edition\0{name}", ((name, raw),))
        made = _stored_edition(key, raw, name)
        if made is not None:
            self._made[id(made.doc)] = made
            return ReadResult(made.doc, [])
        result = _read_quickly(raw, name)
        if result.document is not None and not result.diagnostics:  # a finding: not kept
            self._made[id(result.document)] = _Edition(key, raw, result.document)
        return result

    def shaped(self, doc: Document, kind: Literal["master", "translation"]
               ) -> tuple[object | None, list[Diagnostic]]:
        """`_shape(doc, kind)`, from the entry when it was shaped so."""
        made = self._of(doc)
        if made is None:
            return _shape(doc, kind)
        if made.kind != kind or made.model is None:
            model, errors = _shape(doc, kind)
            made.kind, made.checked, made.new = kind, None, True
            made.model = model if not errors else None
            return model, errors
        return made.model, []

    def validated(self, master: Master, doc: Document) -> list[Diagnostic]:
        """validate_master(master, doc), from the entry of a master shaped here."""
        from .validate import validate_master

        made = self._of(doc)
        if made is None or made.kind != "master" or made.model is not master:
            return validate_master(master, doc)
        if made.checked is None:
            made.checked, made.new = validate_master(master, doc), True
        return list(made.checked)  # the caller's own list

    def by_edition(self, src: Sources) -> _ByEdition | None:
        """`src` as the names of its files, when each of its documents was read here and
        shaped into the very model it holds, and stored (`store`): else None."""
        files = []
        for lang, doc in src.documents.items():  # in their order: master first
            made = self._of(doc)
            model = src.master if lang == (src.master.lang if src.master else None) \
                else src.translations.get(lang)
            if (made is None or model is None or made.model is not model
                    or (made.kind == "master" and made.checked is None)):
                return None
            files.append((lang, doc.file))
        if src.master is None or src.master_doc is None:
            return None
        return _ByEdition(src.master.lang, tuple(files), tuple(src.diagnostics))

    def store(self) -> None:
        """Write each file made afresh to its entry, and mark the entries used as recent."""
        folder = editions_cache_dir()
        for made in self._made.values():
            if made.model is None or (made.kind == "master" and made.checked is None):
                continue  # a file with a finding, or one not shaped: read again next time
            if not made.new:
                try:
                    os.utime(folder / f"{made.key}.pickle")
                except OSError:
                    pass
                continue
            from .document import _packed

            doc = made.doc
            text = None if doc.text == made.raw.decode("utf-8") else doc.text
            write_private_pickle(folder, made.key, EDITIONS_FORMAT, (
                made.kind, doc.data, *_packed(doc.positions), *_packed(doc.key_positions),
                text, made.model, made.checked), MAX_CACHED_EDITIONS)


def _stored_edition(key: str, raw: bytes, name: str) -> _Edition | None:
    """The file stored under `key` (its bytes `raw`, named `name`), or None when its entry is
    missing, damaged or not the user's own."""
    from .document import _document

    found: Any = read_private_pickle(editions_cache_dir(), key, EDITIONS_FORMAT)
    try:
        kind, data, paths, numbers, key_paths, key_numbers, text, model, checked = found
        shape = {"master": Master, "translation": Translation}[kind]
        if not isinstance(model, shape) or not (
                checked is None if kind == "translation" else isinstance(checked, list)
                and all(isinstance(d, Diagnostic) for d in checked)):
            return None
        doc = _document(name, data, raw.decode("utf-8") if text is None else text, paths,
                        numbers, key_paths, key_numbers)
    except Exception:  # another shape, positions that do not pair up: read it afresh
        return None
    return _Edition(key, raw, doc, kind, model, checked, new=False)


def load_folder(folder: Path | str, *, cache: bool | None = None) -> Sources:
    """Read every edition in a folder and validate each on its own (from the sources cache
    when `cache`, by default when the console script turned it on, and the files are as they
    were)."""
    folder = Path(folder)
    if not _cache_on(cache):
        return _load_folder(folder)

    read: dict[str, bytes] = {}  # each file's bytes as the key read them, by its name

    def key() -> str:
        files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
        if not all(p.is_file() for p in files):  # a fifo or a folder: read it the usual way
            raise OSError("not a regular file")
        read.clear()
        read.update((p.name, p.read_bytes()) for p in files)
        # Files are named relative to the working folder: it is part of the key.
        return _sources_key(f"folder\0{folder}\0{Path.cwd()}", read.items())

    try:
        before = key()
    except OSError:
        return _load_folder(folder)
    hit = _cached_sources(before, folder, read)
    if hit is not None:
        return hit
    editions = None if keeping() else Editions()  # the server keeps files in memory instead
    src = _load_folder(folder, editions)

    def store_unchanged() -> None:
        try:
            if key() == before:  # nothing changed while we read
                if editions is not None:
                    editions.store()
                _store_sources(before, src, editions)
        except OSError:
            pass

    later(store_unchanged)
    return src


def folder_not_found(shown: str) -> Diagnostic:
    """IO001 for a policy folder that does not exist, with what to do about it."""
    return make("IO001", "policy folder not found", shown,
                hint="check the folder given with --policy, or run the command in the project "
                     "folder, where the policy/ folder is found by itself",
                params={"form": "folder"})


def _load_folder(folder: Path, editions: Editions | None = None) -> Sources:
    """Read and validate a folder; each file through `editions`, the per-file cache, if
    given (the caller stores what it read afresh)."""
    src = Sources(folder)
    if not folder.exists():
        src.diagnostics.append(folder_not_found(_display(folder)))
        return src
    if not folder.is_dir():
        shown, parent = _display(folder), _display(folder.parent)
        src.diagnostics.append(make("IO002", f"{shown} is a file, not the policy folder",
                                    shown, hint="give the folder that holds ja.yaml, such as "
                                                f"--policy {parent}",
                                    params={"form": "not_folder", "path": shown,
                                            "parent": parent}))
        return src
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
    except OSError as exc:
        src.diagnostics.append(make("IO002", f"cannot list folder: {exc.strerror}",
                                    _display(folder)))
        return src
    # here: a folder served from the sources cache needs no reader
    from .readfile import read_file

    parse = _kept_read if keeping() else editions.read if editions else _read_quickly
    return load_documents({p.stem: read_file(p, _display(p), parse=parse) for p in files}, src,
                          editions)


def _read_quickly(raw: bytes, name: str) -> ReadResult:
    from .lineread import read_bytes_fastest

    return read_bytes_fastest(raw, name)


# Kept in memory only in the resident server (engine/resident.py calls `keep_reads()` before
# its warm-up) and the commands it forks, while the caches are on, by the whole input: what
# reading a file gave (by its bytes and its name as shown), whole loaded folders (by the
# sources cache's key, without unpickling them), the policy's test tables; and the model
# shaped from a document kept so (by that document). A command after an edit of the master
# then reads and shapes only the master; the translations are as the warm-up left them. A
# file whose bytes changed is a new key, read afresh; the oldest entries go first.
_KEEP = False
_KEPT: dict[tuple[str, Hashable], object] = {}
_KEPT_MODELS: dict[tuple[int, str], tuple[Document, tuple[object | None, list[Diagnostic]]]] = {}
MAX_KEPT = 48


def keep_reads() -> None:
    """Keep files' reads, shaped models and loaded folders in this process's memory from now
    on, whenever the caches are on (not with `--no-cache` or POLICY_NO_CACHE)."""
    global _KEEP
    _KEEP = True


def keeping() -> bool:
    """Whether `kept` keeps anything (the resident server, the caches on): a caller whose key
    costs a read computes it only then."""
    return _KEEP and caches_on()


def kept(kind: str, key: Hashable, compute: Callable[[], T],
         keep: Callable[[T], bool] | None = None) -> T:
    """`compute()`, kept in memory by `kind` and `key` (the whole input it reads) where the
    server keeps reads (`keep_reads`): a file's read, the policy's test tables. The caller
    must not change what it gets. `keep` says which results are kept (not a failure that
    may pass)."""
    if not keeping():
        return compute()
    found = _KEPT.get((kind, key), _MISSING)
    if found is _MISSING:
        computed = compute()
        if keep is not None and not keep(computed):
            return computed
        found = _KEPT[(kind, key)] = computed
        _trim(_KEPT)
    return cast(T, found)  # stored by this kind's compute


_MISSING = object()


def recall(kind: str, key: Hashable) -> Any:
    """What `kept` keeps by `kind` and `key`, or None when it keeps nothing there (a caller
    that computes it another way, on a thread, then hands it to `kept`)."""
    return _KEPT.get((kind, key)) if keeping() else None


def _kept_read(raw: bytes, name: str) -> ReadResult:
    return kept("read", (raw, name), lambda: _read_as(raw, name))


# Each copy of a clean read under another name: its document -> the document it was copied
# from (the clean reads themselves are kept by their bytes alone, in `_KEPT`): the same file
# read from another working folder, or a copy of the policy folder (`policy diff base
# policy`), is the same document under another name.
_COPIED_FROM: dict[int, tuple[Document, Document]] = {}


def _read_as(raw: bytes, name: str) -> ReadResult:
    """The read of `raw` named `name`: a clean read of the same bytes under another name, renamed
    (a read that found something is read again: its findings name the file)."""
    from .lineread import read_bytes_fastest

    if not keeping():
        return read_bytes_fastest(raw, name)
    same = _KEPT.get(("clean-read", raw))
    if isinstance(same, ReadResult) and same.document is not None:
        original = same.document
        doc = Document(name, original.data, original.text, original.positions,
                       original.key_positions)
        _COPIED_FROM[id(doc)] = (doc, original)
        _trim(_COPIED_FROM)
        return ReadResult(doc, [])
    result = read_bytes_fastest(raw, name)
    if result.document is not None and not result.diagnostics:
        _KEPT[("clean-read", raw)] = result
        _trim(_KEPT)
    return result


def _trim(kept: dict[Any, Any]) -> None:
    while len(kept) > MAX_KEPT:
        del kept[next(iter(kept))]


def load_texts(files: Mapping[str, bytes], folder: str = "policy", *,
               cache: bool | None = None) -> Sources:
    """Validate editions given as bytes (from `git show`, a test, a fuzzer); from the sources
    cache as `load_folder` when the same bytes were read before."""
    if not _cache_on(cache):
        return _load_texts(files, folder)
    key = _sources_key(f"texts\0{folder}", sorted(files.items()))
    hit = _cached_sources(key)
    if hit is not None:
        return hit
    editions = None if keeping() else Editions()
    src = _load_texts(files, folder, editions)
    _store_sources(key, src)
    if editions is not None:
        later(editions.store)  # the bytes were given: nothing could change while we read
    return src


def _load_texts(files: Mapping[str, bytes], folder: str,
                editions: Editions | None = None) -> Sources:
    src = Sources(Path(folder))
    parse = _kept_read if keeping() else editions.read if editions else _read_quickly
    return load_documents(
        {Path(n).stem: parse(b, f"{folder}/{n}") for n, b in sorted(files.items())}, src,
        editions)


def _shaped_model(doc: Document, kind: Literal["master", "translation"]
                  ) -> tuple[object | None, list[Diagnostic]]:
    """The model of a file, or its findings: schema violations at their nodes first (as the
    editor's schema shows them), else what only the model can tell. The models accept exactly
    what the schema generated from them accepts, so a file the model takes needs no schema
    pass: jsonschema is loaded only for a file with a mistake in it."""
    if keeping():  # a document read through _kept_read is shaped once
        kept = _KEPT_MODELS.get((id(doc), kind))
        if kept is None or kept[0] is not doc:
            kept = _KEPT_MODELS[(id(doc), kind)] = (doc, _shape_copy(doc, kind))
            _trim(_KEPT_MODELS)
        return kept[1]
    return _shape(doc, kind)


def _shape_copy(doc: Document, kind: Literal["master", "translation"]
                ) -> tuple[object | None, list[Diagnostic]]:
    """A renamed copy's model is its original's when that has no findings (a model holds no
    file name; findings do)."""
    copied = _COPIED_FROM.get(id(doc))
    if copied is not None and copied[0] is doc:
        original = _KEPT_MODELS.get((id(copied[1]), kind))
        if original is not None and original[0] is copied[1] and not original[1][1]:
            return original[1]
    return _shape(doc, kind)


def _shape(doc: Document, kind: Literal["master", "translation"]
           ) -> tuple[object | None, list[Diagnostic]]:
    from .schema import build_model, check_shape

    model, errors = build_model(doc, kind)
    if model is not None:
        return model, []
    shape = check_shape(doc, kind)
    return (None, shape) if shape else (None, errors)


def load_documents(results: Mapping[str, object], src: Sources,
                   editions: Editions | None = None) -> Sources:
    """Shape and validate the files read (by stem) into `src`: each file on its own (through
    `editions`, the per-file cache, when given), then each translation against the master."""
    # The schema and validation phases (the schema predicate, markdown-it; pydantic only for a
    # file with a mistake) are imported here, not at the top: a folder served from the sources
    # cache needs none of them.
    from .validate import checked_as, validate_master, validate_translation

    docs: dict[str, Document] = {}
    for stem, result in results.items():
        assert isinstance(result, ReadResult)
        src.diagnostics.extend(result.diagnostics)
        doc = result.document
        if doc is not None and not isinstance(doc.data, dict):
            # A list or a bare scalar can be neither edition; say so at the file's first node
            # rather than only "no master edition" with no position.
            pos = doc.pos(())
            kind = "list" if isinstance(doc.data, list) else type(doc.data).__name__
            src.diagnostics.append(make("SCHEMA003", f"a policy file must be a mapping, not "
                                        f"{kind}", doc.file, pos.line, pos.col))
        elif doc is not None:
            docs[stem] = doc
    masters = [stem for stem, doc in docs.items() if _is_master(doc)]
    if not masters:
        if not any(d.code.startswith(("YAML", "IO")) for d in src.diagnostics):
            src.diagnostics.append(make(
                "POLICY009", "no master edition (a file whose facts name the prevailing "
                "language) in the folder", _display(src.folder), params={"form": "none"}))
        src.diagnostics = sorted_unique(src.diagnostics)
        return src
    if len(masters) > 1:
        for stem in masters[1:]:
            doc = docs[stem]
            src.diagnostics.append(make("POLICY009", f"a second master edition; "
                                        f"{docs[masters[0]].file} is the master", doc.file, 1, 1,
                                        params={"form": "second",
                                                "master": docs[masters[0]].file}))
    mstem = masters[0]
    mdoc = docs[mstem]
    src.master_doc = mdoc
    shaped = editions.shaped if editions else _shaped_model
    model, errors = shaped(mdoc, "master")
    src.diagnostics.extend(errors)
    if model is not None:
        if isinstance(model, Master):
            declared = model.lang
            if declared != mstem and mstem == model.facts.prevailing_language:
                # The file's name and the facts agree: lang: is the slip (`jp` for `ja`). It is
                # told once, at lang:, and the master is checked meanwhile as its file's
                # language, not as `jp` (a finding for every name with no `jp` form).
                model = Master(**{f.name: getattr(model, f.name) for f in fields_of(model)}
                               | {"lang": mstem})
            src.master = model
            src.documents[model.lang] = mdoc
            src.diagnostics.extend(editions.validated(model, mdoc) if editions
                                   else validate_master(model, mdoc))
            if declared != mstem and model.lang == mstem:
                src.diagnostics.append(_master_lang(declared, mstem, mdoc))
            elif model.lang != mstem:
                src.diagnostics.append(make(
                    "POLICY010", f"the master's file is named '{mstem}', but its lang: is "
                    f"'{model.lang}'", mdoc.file, 1, 1,
                    hint=f"name the file {model.lang}.yaml; keep a copy of the master outside "
                         "the policy folder",
                    params={"form": "master", "stem": mstem, "lang": model.lang}))
    for stem, doc in sorted(docs.items()):
        if stem in masters:
            continue
        tmodel, errors = shaped(doc, "translation")
        src.diagnostics.extend(errors)
        if isinstance(tmodel, Translation):
            src.diagnostics.extend(validate_translation(tmodel, doc, src.master, stem))
            # A file whose lang: is not the language it is named for (POLICY010) is compared
            # as the edition of its name, or not at all: a Russian text compared as `lang: de`
            # would add a finding for every term and sentence, each only following from lang:.
            lang = checked_as(tmodel, src.master, stem)
            if lang is not None and lang not in src.translations:
                if lang != tmodel.lang:
                    tmodel = Translation(**{f.name: getattr(tmodel, f.name)
                                            for f in fields_of(tmodel)} | {"lang": lang})
                src.translations[lang] = tmodel
                src.documents[lang] = doc
    if src.master is not None:
        for lang in src.master.facts.translations:
            if lang not in src.translations and lang not in results:
                src.diagnostics.append(make(
                    "IO001", f"translation '{lang}' declared by the master has no file",
                    _display(src.folder / f"{lang}.yaml"),
                    hint=f"add {lang}.yaml to the folder, or remove '{lang}' from the master's "
                         "facts.translations",
                    params={"form": "translation", "lang": lang}))
    src.diagnostics = sorted_unique(src.diagnostics)
    return src
