"""Phase 3 — the typed model: frozen value classes of the Japanese master and its translations.

The model is plain Python (`@model` classes: keyword-only, immutable, equal by value, pickled
by value): loading a policy, or reading it back from the sources cache, needs neither pydantic
nor jsonschema. Each field's type carries its constraints and its words for
editors as `Annotated` markers (`Str`, `Int`, `Doc`, `Before`, and `info(...)` in a field's
metadata); engine/pydmodel.py turns the same declarations into pydantic models, which generate
the committed JSON Schemas (policy/schema.*.json) and explain a file with a mistake in it.
Constrained types are declared once here. The walkers at the bottom give every phase after
this one the same list of translatable units, in document order.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Annotated, Any, Literal, TypeVar, dataclass_transform

from . import patterns
from .hashing import small_sha256
from .values import record

# ------------------------------------------------------------------ how a model class is made

MISSING: Any = type("_Missing", (), {"__repr__": lambda self: "MISSING", "__slots__": ()})()


class FieldSpec:
    """One field of a model class: its name, its default or default factory, and what it
    declares for the pydantic twin (`info(...)`)."""

    __slots__ = ("default", "default_factory", "metadata", "name")

    def __init__(self, default: Any = MISSING, default_factory: Any = MISSING,
                 metadata: Mapping[str, Any] | None = None) -> None:
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.metadata: Mapping[str, Any] = metadata or {}

    @property
    def required(self) -> bool:
        return self.default is MISSING and self.default_factory is MISSING


def field(*, default: Any = MISSING, default_factory: Any = MISSING,
          metadata: Mapping[str, Any] | None = None) -> Any:
    """A field's default (or default factory) and declarations, as dataclasses.field."""
    return FieldSpec(default, default_factory, metadata)


class _Model:
    """What every model class shares: keyword construction, immutability, equality and hash
    by value, a readable repr, and pickling by value (the sources cache). One set of methods
    for every class, instead of code generated per class as @dataclass does (about 1 ms a
    class, paid by every command at start-up)."""

    __slots__ = ()
    __model_fields__: tuple[FieldSpec, ...] = ()

    def __init__(self, **given: Any) -> None:
        for f in self.__model_fields__:
            if f.name in given:
                value = given.pop(f.name)
            elif f.default is not MISSING:
                value = f.default
            elif f.default_factory is not MISSING:
                value = f.default_factory()
            else:
                raise TypeError(f"{type(self).__name__}() is missing {f.name!r}")
            object.__setattr__(self, f.name, value)
        if given:
            raise TypeError(f"{type(self).__name__}() has no field {next(iter(given))!r}")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f.name) for f in self.__model_fields__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, _Model)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(" + ", ".join(
            f"{f.name}={getattr(self, f.name)!r}" for f in self.__model_fields__) + ")"

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot delete {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (type(self), self._values())


def _rebuild(cls: type[_Model], values: tuple[Any, ...]) -> _Model:
    """A model object from its field values in order (how pickle restores one)."""
    obj = object.__new__(cls)
    for f, value in zip(cls.__model_fields__, values, strict=True):
        object.__setattr__(obj, f.name, value)
    return obj


def fields_of(cls: type | object) -> tuple[FieldSpec, ...]:
    """The fields of a model class (or of its instance), inherited ones first."""
    return getattr(cls, "__model_fields__", ())


def is_model(tp: object) -> bool:
    return isinstance(tp, type) and issubclass(tp, _Model)


ModelClass = TypeVar("ModelClass", bound=type)


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
def model(cls: ModelClass) -> ModelClass:
    """Make `cls` a model class: immutable, keyword-only (as a file writes them), slotted."""
    inherited = {f.name: f for base in reversed(cls.__mro__[1:]) for f in fields_of(base)}
    own: dict[str, FieldSpec] = {}
    # the class's own annotations, as inspect.get_annotations(cls) reads them: importing
    # inspect (ast, dis, tokenize) would cost a command that does not import click 5 %
    for name in cls.__dict__.get("__annotations__", {}):  # noqa: RUF063
        value = cls.__dict__.get(name, MISSING)
        spec = value if isinstance(value, FieldSpec) else FieldSpec(default=value)
        spec.name = name
        own[name] = spec
    specs = {**inherited, **own}
    namespace = {k: v for k, v in cls.__dict__.items()
                 if k not in own and k not in ("__dict__", "__weakref__")}
    namespace["__slots__"] = tuple(n for n in own if n not in inherited)
    namespace["__model_fields__"] = tuple(specs.values())
    bases = cls.__bases__ if cls.__bases__ != (object,) else (_Model,)
    made = type(cls.__name__, bases, namespace)
    made.__qualname__ = cls.__qualname__
    return made  # type: ignore[return-value]


# ------------------------------------------------------------ what a field's type declares


@model
class Str:
    """A strict string (never a number read as text), with an optional pattern and bounds."""

    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None


@model
class Int:
    """A strict integer (never a boolean or a float) within bounds."""

    ge: int | None = None
    le: int | None = None


class Doc:
    """The description editors see for a type (the JSON Schema's "description")."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class Before:
    """A check run on the raw value before its type is validated."""

    __slots__ = ("check",)

    def __init__(self, check: Callable[[object], object]) -> None:
        self.check = check


def info(description: str | None = None, *, alias: str | None = None,
          min_length: int | None = None) -> Mapping[str, Any]:
    """A field's own declarations, kept in its dataclass metadata: its description, the key
    it is written under when that is a Python keyword (`except`, `for`), a minimum length."""
    return {"pydantic": {k: v for k, v in (("description", description), ("alias", alias),
                                          ("min_length", min_length)) if v is not None}}


SLUG_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
TERM_PATTERN = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"
TERM_REF_PATTERN = r"^(\*|[a-z][a-z0-9]*(_[a-z0-9]+)*)$"
LANG_PATTERN = r"^[a-z]{2,3}$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"
FINGERPRINT_PATTERN = r"^[0-9a-f]{10}$"
VERSION_PATTERN = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$"
URL_PATTERN = r"^https?://[^\s]+$"
CODE_PATTERN = r"^[A-Z]+[0-9]{3}$"
CLAUSE_NUMBER_PATTERN = r"^[0-9]+(\.[0-9]+){0,2}$"
ASK_PATTERN = r"^\S+ \S+ \S+$"
# What each pattern asks for, by name: a value that does not fit is explained in words with an
# example (SCHEMA004's forms, engine/basewords.py), never by the regular expression.
PATTERN_SHAPES: dict[str, str] = {
    SLUG_PATTERN: "slug", TERM_PATTERN: "term", TERM_REF_PATTERN: "term_ref",
    LANG_PATTERN: "lang", COUNTRY_PATTERN: "country", FINGERPRINT_PATTERN: "fingerprint",
    VERSION_PATTERN: "version", EMAIL_PATTERN: "email", URL_PATTERN: "url", CODE_PATTERN: "code",
    CLAUSE_NUMBER_PATTERN: "clause_number", ASK_PATTERN: "ask",
}

StrictStr = Annotated[str, Str()]
StrictBool = bool  # every bool and int of the model is strict (engine/pydmodel.py)
Slug = Annotated[
    str,
    Str(pattern=SLUG_PATTERN, max_length=64),
    Doc("A stable English kebab-case id, unique in the document; never renumbered."),
]
TermId = Annotated[
    str,
    Str(pattern=TERM_PATTERN, max_length=64),
    Doc("A vocabulary id (snake_case); part of the engine's API."),
]
TermRef = Annotated[
    str,
    Str(pattern=TERM_REF_PATTERN, max_length=64),
    Doc('A vocabulary id, a group id, or "*" for every term of that kind.'),
]
LangCode = Annotated[str, Str(pattern=LANG_PATTERN), Doc("ISO 639-1 code")]
Fingerprint = Annotated[
    str,
    Str(pattern=FINGERPRINT_PATTERN),
    Doc("Fingerprint of the master text this unit was translated from "
        "(written by `policy stamp`)."),
]
SemVer = Annotated[
    str,
    Str(pattern=VERSION_PATTERN),
    Doc("Semantic version: MAJOR allows more, MINOR narrows or adds, PATCH words."),
]
Text = Annotated[
    str,
    Str(min_length=1, max_length=100_000),
    Doc("Markdown text (CommonMark; raw HTML is not allowed)."),
]
Email = Annotated[str, Str(pattern=EMAIL_PATTERN)]
Url = Annotated[str, Str(pattern=URL_PATTERN)]
CheckCode = Annotated[str, Str(pattern=CODE_PATTERN)]


def _date_text(value: object) -> object:
    """Dates are written as YYYY-MM-DD; a number is not a date (lax pydantic would read 0 as
    1970-01-01). Keeps the model exactly as strict as the JSON Schema generated from it."""
    if not isinstance(value, str | dt.date):
        from .wording import DATE_HINT

        raise ValueError(f"this is not a date: {DATE_HINT}")
    return value


Date = Annotated[dt.date, Before(_date_text)]
Number = Annotated[int, Int(ge=1, le=9999), Doc("The printed number (1-based).")]

Origin = Literal["published", "translated", "reconstructed"]
DEFAULT_ORIGIN: Origin = "published"  # the origin of an edition or unit that writes none
ORIGIN_DESCRIPTION = (
    "Where the words come from: published (as published to readers), translated (translated in "
    "this repository, not yet reviewed), reconstructed (rebuilt from other editions).")


@model
class Approval:
    """A legal sign-off: a named lawyer approved this edition's text of one unit on a date."""

    by: Annotated[str, Str(min_length=2, max_length=200)] = field(
        metadata=info("Who approved the text (a person's name)."))
    date: dt.date = field(metadata=info("The day of the approval."))
    text: Annotated[str, Str(pattern=FINGERPRINT_PATTERN)] = field(metadata=info(
        "Fingerprint of this edition's text as approved (written by `policy approve`); the "
        "approval goes stale when the text changes."))


Approvals = Annotated[
    dict[str, Approval],
    Doc("Legal sign-off per unit, keyed by the unit's id (or title, preamble, "
        "footer.established, footer.revisions.<id>, footer.signature)."),
]


# ----------------------------------------------------------------------------------- master


@model
class RuleExcept:
    """Terms a rule leaves out of its scope: subtracted after `*` and groups are expanded."""

    actions: tuple[TermId, ...] = ()
    data: tuple[TermId, ...] = ()
    purposes: tuple[TermId, ...] = ()


@model
class Rule:
    """A permission, prohibition or duty stated by the clause it is attached to."""

    effect: Literal["permit", "forbid", "oblige"] = field(metadata=info(
        "permit allows; forbid denies and beats every permit; oblige never decides but adds "
        "its obligations to every allowed question in its scope."))
    actions: tuple[TermRef, ...] = field(metadata=info(min_length=1))
    data: tuple[TermRef, ...] = field(metadata=info(min_length=1))
    purposes: tuple[TermRef, ...] = field(metadata=info(min_length=1))
    except_: RuleExcept | None = field(default=None, metadata=info(
        "Actions, data or purposes taken out of the scope above.", alias="except"))
    when: dict[TermId, StrictBool] = field(default_factory=dict, metadata=info(
        "Context flags and the value each must have for the rule to apply."))
    obligations: tuple[TermId, ...] = field(default=(), metadata=info(
        "What the caller must do when this rule's question is allowed."))
    note: StrictStr | None = field(default=None, metadata=info(
        "Why the rule reads its clause this way (for reviewers; never published)."))


@model
class SubItem:
    id: Slug
    number: Number
    text: Text
    rules: tuple[Rule, ...] = ()


@model
class Item:
    id: Slug
    number: Number
    text: Text
    rules: tuple[Rule, ...] = ()
    items: tuple[SubItem, ...] = field(default=(), metadata=info("Circled sub-items ①, ②, …"))


@model
class Clause:
    id: Slug
    number: Number
    title: Text
    text: Text | None = field(default=None, metadata=info("Body text before the items."))
    rules: tuple[Rule, ...] = ()
    items: tuple[Item, ...] = field(default=(), metadata=info("Numbered items 1), 2), …"))


@model
class Revision:
    id: Slug
    date: Date


@model
class Facts:
    """Facts shared by every edition. Translations repeat the checked ones."""

    version: SemVer
    service: StrictStr
    company: StrictStr
    representative: StrictStr
    url: Url
    email: Email
    governing_law: Annotated[str, Str(pattern=COUNTRY_PATTERN)]
    courts: tuple[StrictStr, ...] = ()
    effective: Date
    revisions: tuple[Revision, ...] = field(default=(), metadata=info("Oldest first."))
    prevailing_language: LangCode
    translations: tuple[LangCode, ...] = ()


@model
class SummaryPoint:
    """One key point of the summary at the top of the page, pointing to the clause it sums up."""

    id: Slug
    clause: Slug = field(metadata=info(
        "The id of the clause, item or sub-item this point sums up."))
    text: Text = field(metadata=info(
        "The point in a sentence or two, in the policy's own words."))


@model
class Footer:
    established: Text
    revisions: dict[Slug, Text] = field(default_factory=dict, metadata=info(
        "Release notes keyed by facts.revisions ids."))
    signature: Text


@model
class Term:
    label: Annotated[str, Str(min_length=1)]
    description: StrictStr | None = None
    members: tuple[TermId, ...] | None = field(default=None, metadata=info(
        "Makes this term a group of the listed terms."))


@model
class Vocabulary:
    actions: dict[TermId, Term]
    data: dict[TermId, Term]
    purposes: dict[TermId, Term]
    context: dict[TermId, Term]
    obligations: dict[TermId, Term] = field(default_factory=dict)


@model
class Master:
    """The Japanese master edition: text, facts, vocabulary and the rules."""

    lang: LangCode
    facts: Facts
    title: Text
    preamble: Text
    summary: tuple[SummaryPoint, ...] = field(default=(), metadata=info(
        "Key points shown above the text; each links to its clause and never replaces it."))
    clauses: tuple[Clause, ...] = field(metadata=info(min_length=1))
    footer: Footer
    vocabulary: Vocabulary
    origin: Origin | None = field(default=None, metadata=info(ORIGIN_DESCRIPTION))
    approvals: Approvals = field(default_factory=dict)


# ----------------------------------------------------------------------------- translation


Reason = Annotated[str, Str(min_length=5)]


@model
class WaiverReason:
    en: Reason = field(metadata=info("The reason in English (machine formats, English readers)."))
    ja: Reason | None = field(default=None, metadata=info("The reason in Japanese."))
    ru: Reason | None = field(default=None, metadata=info("The reason in Russian."))


@model
class Waiver:
    check: CheckCode = field(metadata=info("The check code waived on this unit."))
    reason: Reason | WaiverReason = field(metadata=info(
        "Why the finding does not apply; required. One text, or one per language "
        "({en: ..., ja: ..., ru: ...}, en required) so each reader reads it in their own."))

    def reason_in(self, lang: str) -> str | None:
        """The reason in `lang`, None when it is not given in that language (a plain text is
        taken as English, the language the checker's own messages are in)."""
        if isinstance(self.reason, str):
            return self.reason if lang == "en" else None
        found: str | None = getattr(self.reason, lang, None)
        return found


Target = Annotated[
    str,
    Str(pattern=FINGERPRINT_PATTERN),
    Doc("Fingerprint of this unit's own text when it was last stamped (written by `policy "
        "stamp`): a new stamp is refused while the text still matches it, unless "
        "--unchanged-ok."),
]


@model
class _Tracked:
    source: Fingerprint | None = None
    target: Target | None = None
    origin: Origin | None = field(default=None, metadata=info(
        "Overrides the edition's origin for this unit. " + ORIGIN_DESCRIPTION))
    waivers: tuple[Waiver, ...] = ()


@model
class TText(_Tracked):
    text: Text


@model
class TSummaryPoint(_Tracked):
    id: Slug
    text: Text


@model
class TSubItem(_Tracked):
    id: Slug
    number: Number
    text: Text


@model
class TItem(_Tracked):
    id: Slug
    number: Number
    text: Text
    items: tuple[TSubItem, ...] = ()


@model
class TClause(_Tracked):
    id: Slug
    number: Number
    title: Text
    text: Text | None = None
    items: tuple[TItem, ...] = ()


@model
class TFacts:
    version: SemVer
    url: Url
    email: Email
    effective: Date
    revised: Date | None = None


@model
class TFooter:
    established: TText
    revisions: dict[Slug, TText] = field(default_factory=dict)
    signature: TText


Label = Annotated[str, Str()]


@model
class TVocabulary:
    actions: dict[TermId, Label] = field(default_factory=dict)
    data: dict[TermId, Label] = field(default_factory=dict)
    purposes: dict[TermId, Label] = field(default_factory=dict)
    context: dict[TermId, Label] = field(default_factory=dict)
    obligations: dict[TermId, Label] = field(default_factory=dict)


@model
class Translation:
    """A translated edition: text only, keyed by the master's ids."""

    lang: LangCode
    facts: TFacts
    title: TText
    preamble: TText
    summary: tuple[TSummaryPoint, ...] = ()
    clauses: tuple[TClause, ...] = ()
    footer: TFooter
    vocabulary: TVocabulary = field(default_factory=TVocabulary)
    origin: Origin | None = field(default=None, metadata=info(ORIGIN_DESCRIPTION))
    approvals: Approvals = field(default_factory=dict)


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


@record
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
_U = TypeVar("_U")


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


_WS = patterns.compile(r"\s+")


def normalize(text: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip()


_SHA256 = small_sha256()  # SHA-256, without loading OpenSSL for it (engine/hashing.py)


@lru_cache(maxsize=65536)  # a check asks for each master text's up to four times
def fingerprint(text: str) -> str:
    """A short hash of the normalized text: 10 hex digits of SHA-256."""
    digest: str = _SHA256(normalize(text).encode("utf-8")).hexdigest()
    return digest[:10]


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


# The units of the models asked last, by identity: a model is frozen, so its units never
# change, and a check or a build asks for each edition's a dozen times (some 0.2 ms each).
# The model is held with its units, so its id is not another's while it is here. The least
# recently asked go first: a build that walks many past editions keeps the current ones.
_UNITS: dict[int, tuple[object, tuple[Any, ...]]] = {}
MAX_UNITS_KEPT = 16


def _kept_units(model: object, make: Callable[[], Iterator[_U]]) -> Iterator[_U]:
    key = id(model)
    found = _UNITS.pop(key, None)  # put back below, as the one asked last
    if found is None or found[0] is not model:
        found = (model, tuple(make()))
    _UNITS[key] = found
    try:
        while len(_UNITS) > MAX_UNITS_KEPT:
            del _UNITS[next(iter(_UNITS))]
    except (KeyError, RuntimeError):  # another thread trimmed it meanwhile
        pass
    return iter(found[1])


def master_units(master: Master) -> Iterator[Unit]:
    """Every translatable unit of the master, in document order."""
    return _kept_units(master, lambda: _master_units(master))


def translation_units(tr: Translation) -> Iterator[tuple[Unit, _Tracked]]:
    """Every unit of a translation with its tracked node (source fingerprint and waivers)."""
    return _kept_units(tr, lambda: _translation_units(tr))


def units_behind(master: Master, tr: Translation) -> list[tuple[Unit, Unit]]:
    """The units of `tr` whose stamp names an earlier master text than the master's now
    (stale), each as (master unit, translated unit), in the master's order. A unit never
    stamped (no fingerprint) is not behind: it was never held against any master text."""
    theirs = {u.key: (u, tracked.source) for u, tracked in translation_units(tr)}
    return [(mu, theirs[mu.key][0]) for mu in master_units(master)
            if mu.key in theirs and theirs[mu.key][1] is not None
            and theirs[mu.key][1] != fingerprint(mu.source_text())]


def _master_units(master: Master) -> Iterator[Unit]:
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


def _translation_units(tr: Translation) -> Iterator[tuple[Unit, _Tracked]]:
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

Flag = Annotated[str, Str(pattern=TERM_PATTERN, max_length=64)]
ClauseNumber = Annotated[str, Str(pattern=CLAUSE_NUMBER_PATTERN),
                         Doc('A printed dotted number, e.g. "4.2.6".')]


@model
class TestRow:
    """One question and the answer the legal team expects (policy/tests/*.yaml)."""

    ask: Annotated[str, Str(pattern=ASK_PATTERN)] = field(metadata=info(
        '"action data purpose", ids as in policy.allows(), e.g. "use contact newsletter".'))
    given: tuple[Flag, ...] = field(default=(), metadata=info(
        "The context flags that are true; every other flag is false."))
    expect: Literal["allow", "deny"]
    by: ClauseNumber | None = field(default=None, metadata=info(
        "The clause that must decide (be cited by the answer)."))
    obligations: tuple[str, ...] | None = field(default=None, metadata=info(
        'Exactly these obligations on an allow, each "id" or "id clause" (e.g. '
        '"supervise_contractor 12.4").'))
    why: StrictStr | None = field(default=None, metadata=info("Why this is the right answer."))


@model
class Scope:
    """Which questions a property speaks about: terms, groups or "*", minus `except`."""

    actions: tuple[TermRef, ...] = ("*",)
    data: tuple[TermRef, ...] = ("*",)
    purposes: tuple[TermRef, ...] = ("*",)
    except_: RuleExcept | None = field(default=None, metadata=info(alias="except"))


@model
class Expectation:
    """What must hold of every question in scope (exactly one of the fields)."""

    answer: Literal["allow", "deny"] | None = None
    obligations: tuple[TermId, ...] | None = field(default=None, metadata=info(
        "Every allowed answer carries these obligations."))
    same_as: dict[Literal["actions", "data", "purposes"], TermId] | None = field(
        default=None, metadata=info("Every answer equals the answer with this term instead."))


@model
class PolicyProperty:
    """A statement that must hold for every question in its scope, in every context."""

    id: Slug
    says: StrictStr = field(metadata=info("The property in plain words."))
    clause: ClauseNumber | None = None
    scope: Scope = field(default_factory=Scope, metadata=info(alias="for"))
    given: tuple[Flag, ...] = field(default=(), metadata=info("Flags fixed to true."))
    given_not: tuple[Flag, ...] = field(default=(), metadata=info("Flags fixed to false."))
    expect: Literal["allow", "deny"] | Expectation = field(metadata=info(
        '"allow" or "deny" for every question, or {obligations: [...]} or '
        '{same_as: {purposes: id}}.'))


@model
class TestTable:
    """A file of expected answers and properties, owned by the legal team."""

    about: StrictStr | None = field(default=None, metadata=info("What this file covers."))
    cases: tuple[TestRow, ...] = ()
    properties: tuple[PolicyProperty, ...] = ()


# ------------------------------------------------------ building the model from checked data


class NotPlain(ValueError):
    """Data `from_data` will not judge (pydantic decides: engine/pydmodel.py)."""


_DAY = patterns.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
Convert = Callable[[Any], Any]
ModelT = TypeVar("ModelT")


def _as_date(value: Any) -> dt.date:
    if isinstance(value, str) and _DAY.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass  # the 30th of February: pydantic says why
    raise NotPlain(value)


def _same(value: Any) -> Any:
    return value


def _converter(tp: Any) -> Convert:
    """How a value of type `tp` is made from data already checked against the schema."""
    import types
    import typing

    if is_model(tp):
        return lambda v: from_data(tp, v)
    if tp is dt.date:
        return _as_date
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is Annotated:
        return _converter(args[0])
    if origin is tuple:
        item = _converter(args[0])
        return (lambda v: tuple(v)) if item is _same else (lambda v: tuple(item(x) for x in v))
    if origin is dict:
        value = _converter(args[1])
        return _same if value is _same else (lambda v: {k: value(x) for k, x in v.items()})
    if origin is types.UnionType or origin is typing.Union:
        options = [(a, _converter(a)) for a in args if a is not type(None)]
        made = [c for a, c in options if c is not _same]
        if not made:
            return _same
        if len(options) == 1:
            only = made[0]
            return lambda v: None if v is None else only(v)
        # A literal or a model (PolicyProperty.expect): a mapping is the model.
        objects = [c for a, c in options if is_model(a)]
        if len(objects) == 1 and len(made) == 1:
            obj = objects[0]
            return lambda v: obj(v) if isinstance(v, dict) else v
        raise TypeError(f"from_data does not know the union {tp!r}")
    return _same


def _plan(cls: type) -> tuple[tuple[str, str, Convert], ...]:
    """(key in the file, field name, converter) of every field of a model class."""
    import typing

    plan = _PLANS.get(cls)
    if plan is None:
        hints = _type_hints(cls)
        if hints is None:
            hints = typing.get_type_hints(cls, include_extras=True)
        plan = tuple((f.metadata.get("pydantic", {}).get("alias", f.name), f.name,
                      _converter(hints[f.name])) for f in fields_of(cls))
        _PLANS[cls] = plan
    return plan


_PLANS: dict[type, tuple[tuple[str, str, Convert], ...]] = {}
_ANNOTATIONS: dict[str, Any] = {}  # each annotation's text, compiled once


def _type_hints(cls: type) -> dict[str, Any] | None:
    """typing.get_type_hints(cls, include_extras=True) for annotations written as plain
    expressions (`from __future__ import annotations`): each evaluated as get_type_hints does
    (the module's names first, then the class's), its text compiled once per process rather
    than once per class (get_type_hints compiles and checks each; the model's classes cost a
    run ~8 ms). None when an annotation holds a quoted name (get_type_hints resolves those)."""
    import sys

    hints: dict[str, Any] = {}
    for base in reversed(cls.__mro__):
        annotations = base.__dict__.get("__annotations__", {})  # noqa: RUF063
        if not annotations:
            continue
        module = getattr(sys.modules.get(base.__module__), "__dict__", {})
        local = dict(vars(base))
        for name, text in annotations.items():
            if not isinstance(text, str):
                return None
            code = _ANNOTATIONS.get(text)
            if code is None:
                code = _ANNOTATIONS[text] = compile(text, "<annotation>", "eval")
            value = eval(code, local, module)
            if not _resolved(value):
                return None
            hints[name] = type(None) if value is None else value
    return hints


def _resolved(tp: Any) -> bool:
    """Whether a type holds no name left to resolve (a quoted one: get_type_hints resolves
    those); an Annotated's metadata and a Literal's values are values, not types."""
    import types
    import typing

    if isinstance(tp, (str, typing.ForwardRef)):
        return False
    origin = typing.get_origin(tp)
    if origin is Literal:
        return True
    if origin is Annotated:
        return _resolved(typing.get_args(tp)[0])
    if isinstance(tp, (types.GenericAlias, types.UnionType)) or origin is not None:
        return all(_resolved(a) for a in typing.get_args(tp) if a is not Ellipsis)
    return True


def from_data(cls: type[ModelT], data: Mapping[str, Any]) -> ModelT:
    """An instance of `cls` from a file's data that fits the schema generated from `cls`
    (engine/schema.py asks engine/jsonfit.py first). Lists become tuples, dates are parsed,
    keys written as Python keywords (`except`, `for`) find their fields; raises NotPlain
    where only pydantic can say whether the value is valid."""
    return cls(**{name: convert(data[key]) for key, name, convert in _plan(cls) if key in data})
