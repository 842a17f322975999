"""What the prose checks share: the (master text, translated text, where) of each field of a pair, and how a finding quotes and locates a phrase."""

from __future__ import annotations

from ..document import Pos
from ..model import Unit
from ..values import record
from .context import Context, Pair, Path_, text_fields


@record
class Field:
    name: str  # "title" or "text"
    master: str
    text: str
    path: Path_  # where the translated text sits in the edition's data


def fields(pair: Pair, ctx: Context) -> tuple[Field, ...]:
    """Each text the master unit and its translation both have (found once per run for each
    edition and unit, however many checks ask)."""
    if pair.unit is None:
        return ()
    # by the master unit itself, not its id: with an id used twice in the master, both units
    # pair with the one translated unit of that id, and each is compared on its own text
    # (by id, the second took the first's fields, and a run that answered the first from the
    # kept findings found more than one that did not)
    known: dict[tuple[str, int], tuple[Field, ...]] = ctx.memo.setdefault("fields", {})
    key = (pair.edition.lang, id(pair.master))
    found = known.get(key)
    if found is None:
        found = known[key] = _fields(pair.master, pair.unit)
    return found


def _fields(master: Unit, unit: Unit) -> tuple[Field, ...]:
    theirs = {n: (t, p) for n, t, p in text_fields(unit, translation=True)}
    out = []
    for name, text, _ in text_fields(master, translation=False):
        if name in theirs and theirs[name][0].strip():
            mine, path = theirs[name]
            out.append(Field(name, text, mine, path))
    return tuple(out)


def where(ctx: Context, pair: Pair, f: Field, phrase: str = "") -> Pos:
    """The line and column of `phrase` inside the translated text (its start without one)."""
    loc = ctx.locator(pair.edition.doc)
    return loc.find(f.path, phrase) if phrase.strip() else loc.start(f.path)


def quote(text: str, limit: int = 60) -> str:
    """A short quotation of a text for a message."""
    flat = " ".join(text.split())
    return f"“{flat if len(flat) <= limit else flat[: limit - 1] + '…'}”"


def around(text: str, start: int, end: int) -> str:
    """The words around an offset range, to locate it in the file (whole words only)."""
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end + 1)
    return text[left: len(text) if right < 0 else right]
