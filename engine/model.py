"""Phase 3 — the typed model: pydantic v2 models of the Japanese master and its translations.

Models are frozen and forbid unknown fields; `Field(description=...)` flows into the committed
JSON Schemas (policy/schema.*.json) that editors use for completion. Constrained types are
declared once here. The walkers at the bottom give every phase after this one the same list of
translatable units, in document order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
)


def _skip_plugin_discovery() -> None:
    """With every pydantic plugin turned off (PYDANTIC_DISABLE_PLUGINS=__all__, which the CLI
    sets), pydantic's plugin loader answers "no plugins" without looking; but importing it
    imports importlib.metadata, about 30 ms of every command that validates a file. Until
    pydantic has loaded it, a stand-in whose get_plugins() gives the same answer takes its
    place (tests/test_lazy_imports.py holds the installed loader to that answer)."""
    import os
    import sys

    name = "pydantic.plugin._loader"
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") == "__all__" and name not in sys.modules:
        import types

        stand_in = types.ModuleType(name, "pydantic's plugin loader with every plugin off")
        stand_in.get_plugins = lambda: ()  # type: ignore[attr-defined]
        sys.modules[name] = stand_in


_skip_plugin_discovery()

SLUG_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
TERM_PATTERN = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"

Slug = Annotated[
    str,
    StringConstraints(strict=True, pattern=SLUG_PATTERN, max_length=64),
    Field(description="A stable English kebab-case id, unique in the document; never renumbered."),
]
TermId = Annotated[
    str,
    StringConstraints(strict=True, pattern=TERM_PATTERN, max_length=64),
    Field(description="A vocabulary id (snake_case); part of the engine's API."),
]
TermRef = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^(\*|[a-z][a-z0-9]*(_[a-z0-9]+)*)$", max_length=64),
    Field(description='A vocabulary id, a group id, or "*" for every term of that kind.'),
]
LangCode = Annotated[
    str, StringConstraints(strict=True, pattern=r"^[a-z]{2,3}$"), Field(description="ISO 639-1 code")
]
Fingerprint = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^[0-9a-f]{10}$"),
    Field(description="Fingerprint of the master text this unit was translated from "
                      "(written by `policy stamp`)."),
]
SemVer = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"),
    Field(description="Semantic version: MAJOR allows more, MINOR narrows or adds, PATCH words."),
]
Text = Annotated[
    str,
    StringConstraints(strict=True, min_length=1, max_length=100_000),
    Field(description="Markdown text (CommonMark; raw HTML is not allowed)."),
]
Email = Annotated[str, StringConstraints(strict=True, pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")]
Url = Annotated[str, StringConstraints(strict=True, pattern=r"^https?://[^\s]+$")]
CheckCode = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Z]+[0-9]{3}$")]
def _date_text(value: object) -> object:
    """Dates are written as YYYY-MM-DD; a number is not a date (lax pydantic would read 0 as
    1970-01-01). Keeps the model exactly as strict as the JSON Schema generated from it."""
    if not isinstance(value, str | dt.date):
        from .wording import DATE_HINT

        raise ValueError(f"this is not a date: {DATE_HINT}")
    return value


Date = Annotated[dt.date, BeforeValidator(_date_text)]
Number = Annotated[StrictInt, Field(ge=1, le=9999, description="The printed number (1-based).")]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=False,
                              defer_build=True)


Origin = Literal["published", "translated", "reconstructed"]
ORIGIN_DESCRIPTION = (
    "Where the words come from: published (as published to readers), translated (translated in "
    "this repository, not yet reviewed), reconstructed (rebuilt from other editions).")


class Approval(_Frozen):
    """A legal sign-off: a named lawyer approved this edition's text of one unit on a date."""

    by: Annotated[str, StringConstraints(strict=True, min_length=2, max_length=200)] = Field(
        description="Who approved the text (a person's name).")
    date: dt.date = Field(description="The day of the approval.")
    text: Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9a-f]{10}$")] = Field(
        description="Fingerprint of this edition's text as approved (written by `policy "
                    "approve`); the approval goes stale when the text changes.")


Approvals = Annotated[
    dict[str, Approval],
    Field(default_factory=dict,
          description="Legal sign-off per unit, keyed by the unit's id (or title, preamble, "
                      "footer.established, footer.revisions.<id>, footer.signature)."),
]


# ----------------------------------------------------------------------------------- master


class RuleExcept(_Frozen):
    """Terms a rule leaves out of its scope: subtracted after `*` and groups are expanded."""

    actions: tuple[TermId, ...] = ()
    data: tuple[TermId, ...] = ()
    purposes: tuple[TermId, ...] = ()


class Rule(_Frozen):
    """A permission, prohibition or duty stated by the clause it is attached to."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=False, defer_build=True,
                              populate_by_name=True)

    effect: Literal["permit", "forbid", "oblige"] = Field(
        description="permit allows; forbid denies and beats every permit; oblige never decides "
                    "but adds its obligations to every allowed question in its scope.")
    actions: tuple[TermRef, ...] = Field(min_length=1)
    data: tuple[TermRef, ...] = Field(min_length=1)
    purposes: tuple[TermRef, ...] = Field(min_length=1)
    except_: RuleExcept | None = Field(
        default=None, alias="except",
        description="Actions, data or purposes taken out of the scope above.")
    when: dict[TermId, StrictBool] = Field(
        default_factory=dict,
        description="Context flags and the value each must have for the rule to apply.")
    obligations: tuple[TermId, ...] = Field(
        default=(), description="What the caller must do when this rule's question is allowed.")
    note: StrictStr | None = Field(
        default=None,
        description="Why the rule reads its clause this way (for reviewers; never published).")


class SubItem(_Frozen):
    id: Slug
    number: Number
    text: Text
    rules: tuple[Rule, ...] = ()


class Item(_Frozen):
    id: Slug
    number: Number
    text: Text
    rules: tuple[Rule, ...] = ()
    items: tuple[SubItem, ...] = Field(default=(), description="Circled sub-items ①, ②, …")


class Clause(_Frozen):
    id: Slug
    number: Number
    title: Text
    text: Text | None = Field(default=None, description="Body text before the items.")
    rules: tuple[Rule, ...] = ()
    items: tuple[Item, ...] = Field(default=(), description="Numbered items 1), 2), …")


class Revision(_Frozen):
    id: Slug
    date: Date


class Facts(_Frozen):
    """Facts shared by every edition. Translations repeat the checked ones."""

    version: SemVer
    service: StrictStr
    company: StrictStr
    representative: StrictStr
    url: Url
    email: Email
    governing_law: Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Z]{2}$")]
    courts: tuple[StrictStr, ...] = ()
    effective: Date
    revisions: tuple[Revision, ...] = Field(default=(), description="Oldest first.")
    prevailing_language: LangCode
    translations: tuple[LangCode, ...] = ()


class SummaryPoint(_Frozen):
    """One key point of the summary at the top of the page, pointing to the clause it sums up."""

    id: Slug
    clause: Slug = Field(description="The id of the clause, item or sub-item this point sums up.")
    text: Text = Field(description="The point in a sentence or two, in the policy's own words.")


class Footer(_Frozen):
    established: Text
    revisions: dict[Slug, Text] = Field(default_factory=dict,
                                        description="Revision notes keyed by facts.revisions ids.")
    signature: Text


class Term(_Frozen):
    label: Annotated[str, StringConstraints(strict=True, min_length=1)]
    description: StrictStr | None = None
    members: tuple[TermId, ...] | None = Field(
        default=None, description="Makes this term a group of the listed terms.")


class Vocabulary(_Frozen):
    actions: dict[TermId, Term]
    data: dict[TermId, Term]
    purposes: dict[TermId, Term]
    context: dict[TermId, Term]
    obligations: dict[TermId, Term] = Field(default_factory=dict)


class Master(_Frozen):
    """The Japanese master edition: text, facts, vocabulary and the rules."""

    lang: LangCode
    facts: Facts
    title: Text
    preamble: Text
    summary: tuple[SummaryPoint, ...] = Field(
        default=(), description="Key points shown above the text; each links to its clause and "
                                "never replaces it.")
    clauses: tuple[Clause, ...] = Field(min_length=1)
    footer: Footer
    vocabulary: Vocabulary
    origin: Origin | None = Field(default=None, description=ORIGIN_DESCRIPTION)
    approvals: Approvals


# ----------------------------------------------------------------------------- translation


class Waiver(_Frozen):
    check: CheckCode = Field(description="The check code waived on this unit.")
    reason: Annotated[str, StringConstraints(strict=True, min_length=5)] = Field(
        description="Why the finding does not apply; required.")


Target = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^[0-9a-f]{10}$"),
    Field(description="Fingerprint of this unit's own text when it was last stamped (written "
                      "by `policy stamp`): a new stamp is refused while the text still matches "
                      "it, unless --unchanged-ok."),
]


class _Tracked(_Frozen):
    source: Fingerprint | None = None
    target: Target | None = None
    origin: Origin | None = Field(
        default=None, description="Overrides the edition's origin for this unit. "
        + ORIGIN_DESCRIPTION)
    waivers: tuple[Waiver, ...] = ()


class TText(_Tracked):
    text: Text


class TSummaryPoint(_Tracked):
    id: Slug
    text: Text


class TSubItem(_Tracked):
    id: Slug
    number: Number
    text: Text


class TItem(_Tracked):
    id: Slug
    number: Number
    text: Text
    items: tuple[TSubItem, ...] = ()


class TClause(_Tracked):
    id: Slug
    number: Number
    title: Text
    text: Text | None = None
    items: tuple[TItem, ...] = ()


class TFacts(_Frozen):
    version: SemVer
    url: Url
    email: Email
    effective: Date
    revised: Date | None = None


class TFooter(_Frozen):
    established: TText
    revisions: dict[Slug, TText] = Field(default_factory=dict)
    signature: TText


Label = Annotated[str, StringConstraints(strict=True)]


class TVocabulary(_Frozen):
    actions: dict[TermId, Label] = Field(default_factory=dict)
    data: dict[TermId, Label] = Field(default_factory=dict)
    purposes: dict[TermId, Label] = Field(default_factory=dict)
    context: dict[TermId, Label] = Field(default_factory=dict)
    obligations: dict[TermId, Label] = Field(default_factory=dict)


class Translation(_Frozen):
    """A translated edition: text only, keyed by the master's ids."""

    lang: LangCode
    facts: TFacts
    title: TText
    preamble: TText
    summary: tuple[TSummaryPoint, ...] = ()
    clauses: tuple[TClause, ...] = ()
    footer: TFooter
    vocabulary: TVocabulary = Field(default_factory=TVocabulary)
    origin: Origin | None = Field(default=None, description=ORIGIN_DESCRIPTION)
    approvals: Approvals


VOCABULARY_KINDS: tuple[str, ...] = ("actions", "data", "purposes", "context", "obligations")

# ------------------------------------------------------------------------- units and prints

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def printed_number(level: int, number: int) -> str:
    """How a number is printed at its level: `7.`, `1)`, `①`."""
    if level == 0:
        return f"{number}."
    if level == 1:
        return f"{number})"
    return CIRCLED[number - 1] if 1 <= number <= len(CIRCLED) else f"({number})"


@dataclass(frozen=True, slots=True)
class Unit:
    """One translatable unit in document order, with where it sits in the YAML data tree."""

    key: str  # stable unit key: "title", "preamble", "summary.<id>", "clause:<id path>",
    # "footer.revisions.<id>"
    id_path: str  # dotted id path for clauses/items ("" for document-level units)
    number: str  # dotted printed position "3.3.5" ("" for document-level units)
    level: int  # 0 clause, 1 item, 2 sub-item, -1 document-level text
    title: str | None
    text: str | None
    data_path: tuple[str | int, ...]  # where the unit's mapping sits in the file's data

    @property
    def anchor(self) -> str:
        return self.id_path.rsplit(".", 1)[-1] if self.id_path else self.key

    def source_text(self) -> str:
        """The text that the fingerprint covers."""
        return "\n".join(t for t in (self.title, self.text) if t)


DataPath = tuple[str | int, ...]


def text_fields(unit: Unit, *, translation: bool) -> list[tuple[str, str, DataPath]]:
    """(field name, text, data path) of each text a unit has: a title and/or a text.

    A document-level text (title, preamble, footer) is a plain string in the master and a
    mapping with a `text` key in a translation.
    """
    out: list[tuple[str, str, DataPath]] = []
    if unit.level >= 0:
        if unit.title is not None:
            out.append(("title", unit.title, (*unit.data_path, "title")))
        if unit.text is not None:
            out.append(("text", unit.text, (*unit.data_path, "text")))
    elif unit.text is not None:
        out.append(("text", unit.text,
                    (*unit.data_path, "text") if translation else unit.data_path))
    return out


_WS = re.compile(r"\s+")


def normalize(text: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def fingerprint(text: str) -> str:
    """A short hash of the normalized text: 10 hex digits of SHA-256."""
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()[:10]


def _clause_units(clauses: Sequence[Clause | TClause]) -> Iterator[Unit]:
    for ci, clause in enumerate(clauses):
        cpath = clause.id
        cnum = str(clause.number)
        yield Unit(f"clause:{cpath}", cpath, cnum, 0, clause.title, clause.text, ("clauses", ci))
        items: Sequence[Item | TItem] = clause.items
        for ii, item in enumerate(items):
            ipath = f"{cpath}.{item.id}"
            inum = f"{cnum}.{item.number}"
            yield Unit(f"clause:{ipath}", ipath, inum, 1, None, item.text,
                       ("clauses", ci, "items", ii))
            subs: Sequence[SubItem | TSubItem] = item.items
            for si, sub in enumerate(subs):
                spath = f"{ipath}.{sub.id}"
                yield Unit(f"clause:{spath}", spath, f"{inum}.{sub.number}", 2, None, sub.text,
                           ("clauses", ci, "items", ii, "items", si))


def master_units(master: Master) -> Iterator[Unit]:
    """Every translatable unit of the master, in document order."""
    yield Unit("title", "", "", -1, None, master.title, ("title",))
    yield Unit("preamble", "", "", -1, None, master.preamble, ("preamble",))
    for i, point in enumerate(master.summary):
        yield Unit(f"summary.{point.id}", "", "", -1, None, point.text, ("summary", i, "text"))
    yield from _clause_units(master.clauses)
    f = master.footer
    yield Unit("footer.established", "", "", -1, None, f.established, ("footer", "established"))
    for rid, note in f.revisions.items():
        yield Unit(f"footer.revisions.{rid}", "", "", -1, None, note, ("footer", "revisions", rid))
    yield Unit("footer.signature", "", "", -1, None, f.signature, ("footer", "signature"))


def translation_units(tr: Translation) -> Iterator[tuple[Unit, _Tracked]]:
    """Every unit of a translation with its tracked node (source fingerprint and waivers)."""
    yield Unit("title", "", "", -1, None, tr.title.text, ("title",)), tr.title
    yield Unit("preamble", "", "", -1, None, tr.preamble.text, ("preamble",)), tr.preamble
    for i, point in enumerate(tr.summary):
        yield Unit(f"summary.{point.id}", "", "", -1, None, point.text, ("summary", i)), point
    nodes: list[_Tracked] = []
    for clause in tr.clauses:
        nodes.append(clause)
        for item in clause.items:
            nodes.append(item)
            nodes.extend(item.items)
    yield from zip(_clause_units(tr.clauses), nodes, strict=True)
    f = tr.footer
    yield (Unit("footer.established", "", "", -1, None, f.established.text,
                ("footer", "established")), f.established)
    for rid, note in f.revisions.items():
        yield (Unit(f"footer.revisions.{rid}", "", "", -1, None, note.text,
                    ("footer", "revisions", rid)), note)
    yield (Unit("footer.signature", "", "", -1, None, f.signature.text,
                ("footer", "signature")), f.signature)


def rules_with_units(master: Master) -> Iterator[tuple[Unit, int, Rule]]:
    """Every rule with the unit that states it and its index there."""
    by_key = {u.key: u for u in master_units(master)}
    for clause in master.clauses:
        for i, rule in enumerate(clause.rules):
            yield by_key[f"clause:{clause.id}"], i, rule
        for item in clause.items:
            for i, rule in enumerate(item.rules):
                yield by_key[f"clause:{clause.id}.{item.id}"], i, rule
            for sub in item.items:
                for i, rule in enumerate(sub.rules):
                    yield by_key[f"clause:{clause.id}.{item.id}.{sub.id}"], i, rule


def outline(clauses: Sequence[Clause | TClause]) -> Iterator[tuple[int, str, int, tuple[str | int, ...]]]:
    """(level, id, number, data path) of every clause, item and sub-item, in document order."""
    for ci, clause in enumerate(clauses):
        yield 0, clause.id, clause.number, ("clauses", ci)
        items: Sequence[Item | TItem] = clause.items
        for ii, item in enumerate(items):
            yield 1, item.id, item.number, ("clauses", ci, "items", ii)
            subs: Sequence[SubItem | TSubItem] = item.items
            for si, sub in enumerate(subs):
                yield 2, sub.id, sub.number, ("clauses", ci, "items", ii, "items", si)


# ------------------------------------------------------------------------ the legal team's tests

Flag = Annotated[str, StringConstraints(strict=True, pattern=TERM_PATTERN, max_length=64)]
ClauseNumber = Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9]+(\.[0-9]+){0,2}$"),
                         Field(description='A printed dotted number, e.g. "4.2.6".')]


class TestRow(_Frozen):
    """One question and the answer the legal team expects (policy/tests/*.yaml)."""

    ask: Annotated[str, StringConstraints(strict=True, pattern=r"^\S+ \S+ \S+$")] = Field(
        description='"action data purpose", ids as in policy.allows(), e.g. "use contact '
                    'newsletter".')
    given: tuple[Flag, ...] = Field(
        default=(), description="The context flags that are true; every other flag is false.")
    expect: Literal["allow", "deny"]
    by: ClauseNumber | None = Field(
        default=None, description="The clause that must decide (be cited by the answer).")
    obligations: tuple[str, ...] | None = Field(
        default=None, description='Exactly these obligations on an allow, each "id" or '
                                  '"id clause" (e.g. "supervise_contractor 12.4").')
    why: StrictStr | None = Field(default=None, description="Why this is the right answer.")


class Scope(_Frozen):
    """Which questions a property speaks about: terms, groups or "*", minus `except`."""

    actions: tuple[TermRef, ...] = ("*",)
    data: tuple[TermRef, ...] = ("*",)
    purposes: tuple[TermRef, ...] = ("*",)
    except_: RuleExcept | None = Field(default=None, alias="except")

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=False,
                              populate_by_name=True)


class Expectation(_Frozen):
    """What must hold of every question in scope (exactly one of the fields)."""

    answer: Literal["allow", "deny"] | None = None
    obligations: tuple[TermId, ...] | None = Field(
        default=None, description="Every allowed answer carries these obligations.")
    same_as: dict[Literal["actions", "data", "purposes"], TermId] | None = Field(
        default=None, description="Every answer equals the answer with this term instead.")


class PolicyProperty(_Frozen):
    """A statement that must hold for every question in its scope, in every context."""

    id: Slug
    says: StrictStr = Field(description="The property in plain words.")
    clause: ClauseNumber | None = None
    scope: Scope = Field(default_factory=Scope, alias="for")
    given: tuple[Flag, ...] = Field(default=(), description="Flags fixed to true.")
    given_not: tuple[Flag, ...] = Field(default=(), description="Flags fixed to false.")
    expect: Literal["allow", "deny"] | Expectation = Field(
        description='"allow" or "deny" for every question, or {obligations: [...]} or '
                    '{same_as: {purposes: id}}.')

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=False,
                              populate_by_name=True)


class TestTable(_Frozen):
    """A file of expected answers and properties, owned by the legal team."""

    about: StrictStr | None = Field(default=None, description="What this file covers.")
    cases: tuple[TestRow, ...] = ()
    properties: tuple[PolicyProperty, ...] = ()
