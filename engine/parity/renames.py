"""Changed ids: a unit that sits where its counterpart sits but under another id.

Units pair by id (`Unit.key`), so an id changed on one side looks like a unit missing from a
translation plus one that does not exist in the master, and a clause takes all its items and
sub-items with it. Following that advice deletes good translations. A missing master unit and
an extra translated unit are the same unit under a changed id when they sit at the same place
(same parent, same level, same printed number), the translation was made from the master's
present text (its recorded fingerprint, where it has one; a key point of the summary, which
has no number, must have one), and their children line up (each by id or by number). Then the check of changed ids (engine/checks/ids.py) reports the one
change, and the structure check holds back the missing/extra findings it would cause.

Where the change was made: in the master when every translation (at least two) has the same
old id there; else in the translation that differs.
"""

from __future__ import annotations

from ..model import Unit, fingerprint
from ..values import field, record_mutable
from .context import Context, Edition

MEMO = "renames"


def _parent(key: str) -> str:
    return key.rsplit(".", 1)[0] if "." in key else ""


def slug(unit: Unit) -> str:
    """The unit's own id (a key point's and a release note's is the last part of its key)."""
    return (unit.id_path or unit.key).rsplit(".", 1)[-1]


@record_mutable
class Rename:
    """One unit whose id differs between the master and one edition."""

    master: Unit
    unit: Unit
    lang: str
    held: int = 0  # missing/extra findings of this unit and its children not reported


@record_mutable
class Renames:
    """Every changed id of a run, and what the structure check holds back for them."""

    by_lang: dict[str, list[Rename]] = field(default_factory=dict)
    # per edition: master keys not reported missing, translated keys not reported extra
    held_master: dict[str, set[str]] = field(default_factory=dict)
    held_translated: dict[str, set[str]] = field(default_factory=dict)


# A key point of the summary has no printed number: one under another id is the same key point
# when the translation records the fingerprint of that key point's present master text.
_KEY_POINT = "summary."


def _paired_by_place(u: Unit) -> bool:
    return u.level >= 0 or u.key.startswith(_KEY_POINT)


def _children(key: str, units: list[Unit]) -> list[Unit]:
    return [u for u in units if _parent(u.key) == key]


def _children_match(mine: list[Unit], theirs: list[Unit]) -> bool:
    return len(mine) == len(theirs) and all(
        slug(a) == slug(b) or a.number == b.number for a, b in zip(mine, theirs, strict=True))


def _edition(ed: Edition, ctx: Context) -> tuple[list[Rename], set[str], set[str]]:
    master = {u.key: u for u in ctx.master_units}
    order = {key: i for i, key in enumerate(master)}
    master_list = [u for u in ctx.master_units if _paired_by_place(u)]
    theirs = [u for u, _ in ed.units.values() if _paired_by_place(u)]
    missing = {u.key for u in master_list if u.key not in ed.units}
    extra = sorted((u for u in theirs if u.key not in master), key=lambda u: u.level)
    if not missing or not extra:
        return [], set(), set()
    mapped: dict[str, str] = {}  # translated key -> master key, for a changed id and below
    found: list[Rename] = []
    owner: dict[str, Rename] = {}  # translated key -> the change it follows from
    for u in extra:
        parent = _parent(u.key)
        if parent in mapped:  # below a changed id: the same unit under the new path
            key = f"{mapped[parent]}.{slug(u)}"
            if key in missing:
                mapped[u.key] = key
                missing.discard(key)
                owner[u.key] = owner[parent]
                owner[u.key].held += 2
                continue
        want = mapped.get(parent, parent)
        source = getattr(ed.units[u.key][1], "source", None)
        for key in sorted(missing, key=order.__getitem__):
            mu = master[key]
            if (_parent(key) != want or mu.level != u.level or mu.number != u.number
                    or (source is not None and source != fingerprint(mu.source_text()))
                    or (not mu.number and source is None)
                    or not _children_match(_children(key, master_list),
                                           _children(u.key, theirs))):
                continue
            mapped[u.key] = key
            missing.discard(key)
            rename = owner[u.key] = Rename(mu, u, ed.lang, 2)
            found.append(rename)
            break
    return found, set(mapped.values()), set(mapped)


def renames(ctx: Context) -> Renames:
    """The changed ids of this run (worked out once, in `ctx.memo`)."""
    done = ctx.memo.get(MEMO)
    if isinstance(done, Renames):
        return done
    out = Renames()
    for lang, ed in ctx.editions.items():
        found, held_master, held_translated = _edition(ed, ctx)
        out.by_lang[lang] = found
        out.held_master[lang] = held_master
        out.held_translated[lang] = held_translated
    ctx.memo[MEMO] = out
    return out


def master_changes(found: Renames, ctx: Context) -> dict[str, list[Rename]]:
    """Master key -> its change in every edition, where every edition (at least two) has the
    same old id there: the master's id was changed."""
    if len(ctx.editions) < 2:
        return {}
    first, *rest = list(found.by_lang.values())
    out: dict[str, list[Rename]] = {}
    for r in first:
        same = [next((o for o in others if o.master.key == r.master.key
                      and o.unit.id_path == r.unit.id_path), None) for others in rest]
        if all(o is not None for o in same):
            out[r.master.key] = [r, *(o for o in same if o is not None)]
    return out
