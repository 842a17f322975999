"""`policy stamp`: record that a translated unit was translated from the current master text.

Each stamped unit gets two fingerprints: `source`, of the master text it now matches, and
`target`, of its own text at that moment. Units are named by key ("preamble",
"footer.signature"), id path ("collection.collection-consent"), slug ("collection-consent") or
printed number, as any edition prints or cites it ("3.2", "第3項第2号", "п. 3.2", "clause 3.2":
engine/citation.py `parse`); naming a unit stamps its items too. Naming none is refused: the caller
must name units or ask for all of them (`--all`), so a translation is never published as
current by accident.

A unit whose own text has not changed since its last stamp, while the master's has, is refused
unless `unchanged_ok` (a master typo fix may leave a translation right). A release note still
the placeholder `policy revise` drafted, in the translation or in the master, is never stamped:
it is to be written first (engine/releasenotes.py). The text at the last
stamp is known from `target`; a unit stamped before `target` existed is compared with the last
committed version of the file (git `HEAD`) when that version carries the same `source` stamp.
Only the `source`/`target` values change in the file (engine/edit.py), atomically.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import patterns
from ..citation import parse
from ..document import Document
from ..findings import Diagnostic, PolicyLoadError, make
from ..loader import Sources
from ..model import (
    DEFAULT_ORIGIN,
    Unit,
    fingerprint,
    master_units,
    translation_units,
    units_behind,
)
from ..names import closest
from ..releasenotes import is_placeholder
from ..wording import part_named, unit_label
from .naming import KEY_POINT as KEY_POINT
from .naming import RELEASE_NOTE as RELEASE_NOTE
from .naming import how_to_name, typed_names

# Not imported from .context (whose module loads the prose settings and markdown-it, which a
# stamp never needs): the same one line, how a unit is named in findings and waivers.


def unit_id(unit: Unit) -> str:
    return unit.id_path or unit.key


RELEASE_NOTES = "footer.revisions."  # the key of every release note starts so

# A new `source` goes before the first of these keys of its unit: it leads what it tracks.
SOURCE_BEFORE = ("origin", "waivers", "text", "items", "title")


@dataclass(frozen=True, slots=True)
class Stamped:
    """One unit as people know it: its printed number and title (or first words)."""

    key: str
    unit: str  # id path or key, for commands
    number: str  # dotted printed number ("10", "3.2"), "" for the title, preamble, footer
    title: str  # title in the edition's language, or its first words


@dataclass(frozen=True, slots=True)
class StampResult:
    lang: str
    file: Path
    stamped: tuple[Stamped, ...]  # units whose stamp was written
    unchanged: tuple[Stamped, ...]  # units already stamped with the current master
    missing: tuple[Stamped, ...]  # named units the translation does not have
    refused: tuple[Stamped, ...]  # master changed, translation did not: not stamped
    # release notes still the placeholder `policy revise` drafted: in the translation
    # (write it first) or in the master (nothing to translate from yet); not stamped
    drafted: tuple[Stamped, ...] = ()
    master_drafted: tuple[Stamped, ...] = ()
    # units stamped with words other than before (at their last stamp, else as committed) that
    # still take the origin `published`: written here, they need `origin: translated` by hand
    # (docs/format.md), which a stamp does not write; each with where its `target:` now is
    # (line and column counted from 1; 0, 0 when the file could not be read back)
    published: tuple[tuple[Stamped, int, int], ...] = ()

    def findings(self) -> list[Diagnostic]:
        """What the stamp leaves wrong, as the checks say it: each named unit the translation
        lacks (PARITY001), each refused as still stale (DRIFT001) and each refused as still
        the draft placeholder, here or in the master (NOTE002), at the edition's file."""
        drafts = (*self.drafted, *self.master_drafted)
        if not self.missing and not self.refused and not drafts:
            return []
        # The checks' own codes (their modules load only when there is something to say).
        from ..checks.drift import DRIFT001
        from ..checks.notes import NOTE002
        from ..checks.structure import PARITY001

        return ([make(PARITY001, f"{u.key} is not translated yet; not stamped", str(self.file))
                 for u in self.missing]
                + [make(DRIFT001, f"{u.key} did not change with the master; not stamped",
                        str(self.file)) for u in self.refused]
                + [make(NOTE002, f"{u.key} is still the draft placeholder; not stamped",
                        str(self.file)) for u in drafts])


class NoUnitsNamed(Exception):
    """`stamp` was called with no units and without `every=True`."""


def _names(unit: Unit) -> set[str]:
    names = {unit.key, unit_id(unit)}
    if unit.id_path:
        names.add(unit.anchor)
    if unit.number:
        names.add(unit.number)
    return names


def resolve(units: Sequence[Unit], names: Sequence[str],
            typed: Mapping[str, str] | None = None) -> tuple[list[Unit], list[str]]:
    """The units named (with their descendants), in document order, and the unknown names.
    No names means every unit. `typed` (from `typed_names`) gives the names typed with an
    option ("--key-point 3")."""
    if not names:
        return list(units), []
    by_typed = {v: k for k, v in (typed or {}).items()}
    chosen: set[str] = set()
    unknown: list[str] = []
    for given in names:
        # "第5項", "п. 5.1": 5, 5.1; "前文", "преамбула", "the signature": as the tool prints them
        name = by_typed.get(given) or parse(given) or part_named(given) or given
        hits = [u for u in units if name in _names(u)]
        if not hits and name in ("footer", "footer.revisions"):
            hits = [u for u in units if u.key.startswith(name + ".")]
        if not hits:
            unknown.append(given)
        for hit in hits:
            chosen.add(hit.key)
            if hit.id_path:
                chosen.update(u.key for u in units
                              if u.id_path.startswith(hit.id_path + "."))
    return [u for u in units if u.key in chosen], unknown


def _titles_by_lang(src: Sources) -> dict[str, dict[str, str]]:
    """Each clause's and item's title (or its text, for an item without one), by id path, in
    each edition's own words."""
    out: dict[str, dict[str, str]] = {}
    if src.master is None:
        return out
    editions: list[tuple[str, list[Unit]]] = [(src.master.lang, list(master_units(src.master)))]
    editions += [(lang, [u for u, _ in translation_units(tr)])
                 for lang, tr in src.translations.items()]
    for lang, units in editions:
        out[lang] = {u.id_path: " ".join((u.title or u.text or "").split())
                     for u in units if u.id_path}
    return out


NUMBER_HINT = "Use the printed numbers, such as 5 or 5.1"
NAME_HINT = ("Name clauses and items by their printed numbers, such as 5 or 5.1; the title, the "
             "preamble, the date of establishment and the signature by those words; a key point "
             "of the summary with `--key-point N` and a release note with `--release-note DATE`")


def unknown_names(src: Sources, names: Sequence[str], lang: str = "") -> list[Diagnostic]:
    """A finding for each name on the command line that names no clause or item of the `lang`
    edition (the master's when not given): in plain words, saying that every edition is
    numbered as the master, with the nearest printed numbers (titled in the reader's edition)
    when some are close. The finding carries its parameters, so it is said in ja, ru and en."""
    from ..saying import listed, word

    if src.master is None:
        return []
    units = list(master_units(src.master))
    typed = typed_names(src.master)
    _, unknown = resolve(units, names, typed)
    if not unknown:
        return []
    master = src.master.lang
    asked = lang or master
    by_number = {u.number: u for u in units if u.number}
    titles = _titles_by_lang(src)
    # printed numbers, the names a lawyer types, and the ids (still accepted: a mistyped id is
    # answered with the id meant)
    every = sorted({n for u in units for n in (u.number, how_to_name(u, typed), unit_id(u))
                    if n and ":" not in n})
    found: list[Diagnostic] = []
    for given in unknown:
        n = parse(given)
        if n is not None:
            close = closest(n, by_number, 2)
            parent = n.rpartition(".")[0]
            if parent in by_number:  # 10.1 where clause 10 has no item 1: that clause first
                close = [parent, *(c for c in close if c != parent)][:2]

            def titled(number: str, say: str) -> str:
                own = titles.get(say, {}).get(by_number[number].id_path)
                return own or titles.get(master, {}).get(by_number[number].id_path, "")

            options = [("\x1e".join([c, *(titled(c, say) for say in ("ja", "ru", "en"))]))
                       for c in close]
            english = [unit_label(c, titled(c, "en") or None, "", say="en") for c in close]
            message = (f"there is no clause or item {n} in the {word(asked, 'en')} edition "
                       f"(every edition is numbered as the master, the {word(master, 'en')} "
                       "edition)")
            hint = (f"Did you mean {' or '.join(english)}? " if close else "") + NUMBER_HINT
            params: dict[str, str | bool] = {
                "form": "number", "n": n, "lang": asked, "master": master,
                "close": bool(close), "options": listed(options)}
        elif (given.startswith(f"{KEY_POINT} ") and given.split()[-1].isdigit()
              and src.master.summary):
            # a place the summary does not have: how many it has, not the nearest-looking
            # numbers ("--key-point 9 or 8 or 7" for 99)
            count = len(src.master.summary)
            message = f"there is no key point {given.split()[-1]}: the summary has {count}"
            hint = (f"give a number from 1 to {count}, in the order the key points are listed "
                    "at the top of the page (such as --key-point 1)")
            params = {"form": "key_point", "n": given.split()[-1], "count": str(count)}
        else:
            close_names = closest(given, every, 3)
            message = f"there is no clause, item or part named '{given}'"
            hint = ((f"Did you mean {' or '.join(f'“{c}”' for c in close_names)}? "
                     if close_names else "") + NAME_HINT)
            params = {"form": "name", "name": given, "close": bool(close_names),
                      "options": listed(close_names)}
        found.append(make("PARITY011", message, src.display_path(src.master.lang),
                          hint=hint + ".", params=params))
    return found


def behind_master(src: Sources, lang: str) -> list[Stamped]:
    """The parts of the `lang` edition whose Japanese changed since they were translated (their
    stamp names an earlier master text), in the master's order, named as people name them."""
    if src.master is None or lang not in src.translations:
        return []
    return [describe(mu, own) for mu, own in units_behind(src.master, src.translations[lang])]


def first_words(text: str, n: int = 8) -> str:
    words = " ".join(text.split()).split(" ")
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def describe(unit: Unit, own: Unit | None = None) -> Stamped:
    """How people name a unit: number and title in the edition's words (`own`), else the
    master's."""
    shown = own or unit
    if unit.level >= 0 or unit.key.startswith("summary."):  # a key point by its first words
        title = shown.title or first_words(shown.text or "")
    else:
        title = unit.key
    return Stamped(unit.key, unit_id(unit), unit.number, title)


def titles_in(src: Sources, lang: str) -> dict[str, str]:
    """Each unit's title (or first words) in the `lang` edition, by key: how a reader of
    `lang` knows it (empty when there is no such edition)."""
    if src.master is not None and lang == src.master.lang:
        units = list(master_units(src.master))
    elif lang in src.translations:
        units = [u for u, _ in translation_units(src.translations[lang])]
    else:
        return {}
    return {u.key: describe(u).title for u in units}


def _committed_targets(file: Path) -> dict[str, tuple[str | None, str]]:
    """unit key -> (source stamp, fingerprint of its text) in the file as last committed
    (git HEAD); empty when there is no git history for it."""
    from .. import gitio
    from ..model import Translation
    from ..read import read_bytes

    try:
        repo = gitio.toplevel(file.resolve().parent)
        data = gitio.show(repo, "HEAD", gitio.repo_path(repo, file.resolve()))
    except (gitio.GitError, OSError, ValueError):
        return {}
    if data is None:
        return {}
    doc = read_bytes(data, str(file)).document
    if doc is None:
        return {}
    from ..schema import build_model

    tr, _ = build_model(doc, "translation")
    if not isinstance(tr, Translation):
        return {}
    return {u.key: (t.source, fingerprint(u.source_text())) for u, t in
            translation_units(tr)}


# Ten hex digits YAML reads as a number when plain: an integer, or a float with an exponent.
_NUMBER_LIKE = patterns.compile(r"[0-9]+(?:e[0-9]+)?")


def _restamp_in_place(file: Path, doc: Document | None,
                      writes: Sequence[tuple[tuple[str | int, ...], str, str]]) -> bool:
    """Restamp without the round-trip editor when every unit written already carries both
    stamps: each is ten hex digits, replaced by ten others where the reader found it (nothing
    else in the file moves). The result must read back as exactly the intended data, and the
    file must still be the one loaded; then it is written atomically and True is returned.
    Otherwise nothing is written and False is returned: the editor (engine/edit.py) does it."""
    import copy

    from ..atomic import write_text_atomic
    from ..read import read_text

    if doc is None:
        return False
    try:
        if file.read_bytes().decode("utf-8") != doc.text:
            return False  # changed since it was loaded
    except (OSError, UnicodeDecodeError):
        return False
    # the stamp as written: quoted or plain (the closing quote matches the opening one)
    hex10 = patterns.compile(r"([\"']?)([0-9a-f]{10})\1")
    starts = [0]
    for line in doc.text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    text = doc.text
    want = copy.deepcopy(doc.data)
    spans: list[tuple[int, int, str]] = []  # in the text as loaded: start, end, new stamp
    for path, source, own in writes:
        node = want
        for step in path:
            node = node[step]
        if not isinstance(node, dict):
            return False
        for key, value in (("source", source), ("target", own)):
            old, pos = node.get(key), doc.positions.get((*path, key))
            if not isinstance(old, str) or pos is None or pos.line >= len(starts):
                return False
            at = starts[pos.line - 1] + pos.col - 1
            m = hex10.match(text, at)
            if m is None or m.group(2) != old or len(value) != 10:
                return False
            # written as the editor writes a new stamp: quoted only when YAML would read it
            # as a number (75477e2234 is a float), so a restamp and a first stamp agree; a
            # stamp may so gain or lose its quotes, and the later ones move by as much
            written = f"'{value}'" if _NUMBER_LIKE.fullmatch(value) else value
            spans.append((m.start(), m.end(), written))
            node[key] = value
    for start, end, written in sorted(spans, reverse=True):  # the last first: none moves
        text = text[:start] + written + text[end:]
    back = read_text(text, doc.file)
    if back.document is None or back.document.data != want:
        return False
    write_text_atomic(file, text)
    return True


def stamp(src: Sources, lang: str, names: Sequence[str] = (), *, every: bool = False,
          unchanged_ok: bool = False) -> StampResult:
    """Stamp the named units (all when `every`) of the `lang` edition as translated from the
    current master."""
    if not names and not every:
        raise NoUnitsNamed(lang)
    if src.master is None or lang not in src.translations:
        problems = [d for d in src.diagnostics if d.severity.name == "ERROR"] or [
            make("IO001", f"no valid '{lang}' edition to stamp", str(src.folder))]
        raise PolicyLoadError(problems)
    errors = [d for d in src.diagnostics
              if d.severity.name == "ERROR" and d.file in (src.display_path(lang),
                                                           src.display_path(src.master.lang))]
    if errors:
        raise PolicyLoadError(errors)
    bad = unknown_names(src, names, lang)
    if bad:
        raise PolicyLoadError(bad)
    targets, _ = resolve(list(master_units(src.master)), names, typed_names(src.master))
    theirs = {u.key: (u, tracked) for u, tracked in translation_units(src.translations[lang])}
    file = Path(src.display_path(lang))
    committed: dict[str, tuple[str | None, str]] | None = None
    stamped: list[Stamped] = []
    unchanged: list[Stamped] = []
    missing: list[Stamped] = []
    refused: list[Stamped] = []
    drafted: list[Stamped] = []
    master_drafted: list[Stamped] = []
    writes: list[tuple[tuple[str | int, ...], str, str]] = []
    edition_origin = src.translations[lang].origin
    reworded: list[tuple[Stamped, tuple[str | int, ...]]] = []
    for mu in targets:
        if mu.key not in theirs:
            missing.append(describe(mu))
            continue
        unit, tracked = theirs[mu.key]
        # a stamp says "translated from this master text": never of a placeholder, nor from one
        if mu.key.startswith(RELEASE_NOTES) and is_placeholder(mu.source_text()):
            master_drafted.append(describe(mu, unit))
            continue
        if mu.key.startswith(RELEASE_NOTES) and is_placeholder(unit.source_text()):
            drafted.append(describe(mu, unit))
            continue
        source = fingerprint(mu.source_text())
        own = fingerprint(unit.source_text())
        if tracked.source == source:
            if tracked.target is None or tracked.target == own:
                unchanged.append(describe(mu, unit))
                continue
        elif tracked.source is not None and not unchanged_ok:
            then = tracked.target
            if then is None:
                if committed is None:
                    committed = _committed_targets(file)
                old = committed.get(mu.key)
                then = old[1] if old is not None and old[0] == tracked.source else None
            if then == own:
                refused.append(describe(mu, unit))
                continue
        stamped.append(describe(mu, unit))
        writes.append((unit.data_path, source, own))
        if (tracked.origin or edition_origin or DEFAULT_ORIGIN) == DEFAULT_ORIGIN:
            before = tracked.target
            if before is None:
                if committed is None:
                    committed = _committed_targets(file)
                old = committed.get(mu.key)
                # a unit the committed file lacks was added since: its words are new too
                before = old[1] if old is not None else ("" if committed else None)
            if before is not None and before != own:
                reworded.append((stamped[-1], unit.data_path))

    if writes and not _restamp_in_place(file, src.documents.get(lang), writes):
        _write(file, writes)
    return StampResult(lang, file, tuple(stamped), tuple(unchanged), tuple(missing),
                       tuple(refused), tuple(drafted), tuple(master_drafted),
                       _placed(file, reworded))


def _placed(file: Path, units: Sequence[tuple[Stamped, tuple[str | int, ...]]]
            ) -> tuple[tuple[Stamped, int, int], ...]:
    """Each unit with where its `target:` line starts in the file as now written (the column
    of the key, where a line added below it starts too; 0, 0 if unread)."""
    if not units:
        return ()
    from ..read import read_text

    try:
        doc = read_text(file.read_bytes().decode("utf-8"), str(file)).document
    except (OSError, UnicodeDecodeError):
        doc = None
    out: list[tuple[Stamped, int, int]] = []
    for unit, path in units:
        pos = doc.positions.get((*path, "target")) if doc is not None else None
        if doc is None or pos is None:
            out.append((unit, 0, 0))
            continue
        line = doc.text.splitlines()[pos.line - 1]
        out.append((unit, pos.line, len(line) - len(line.lstrip(" ")) + 1))
    return tuple(out)


def _write(file: Path, writes: list[tuple[tuple[str | int, ...], str, str]]) -> None:
    """Set `source` and `target` at each path with the round-trip editor, atomically (it, and
    so ruamel.yaml, is loaded only for a first stamp: a stamp with nothing to do never)."""
    from ruamel.yaml.comments import CommentedMap

    from ..edit import EditError, edit_yaml, set_key

    def mutate(data: CommentedMap) -> None:
        for path, source, own in writes:
            node = data
            for step in path:
                node = node[step]
            if not isinstance(node, CommentedMap):
                raise EditError(f"{'/'.join(map(str, path))} is not a mapping")
            # a stamp is written the same whatever the one it replaces looked like
            set_key(node, "source", source, before=SOURCE_BEFORE, restyle=True)
            set_key(node, "target", own, before=SOURCE_BEFORE, restyle=True)

    try:
        edit_yaml(file, mutate)
    except EditError as exc:
        raise PolicyLoadError([exc.diagnostic(str(file))]) from exc
