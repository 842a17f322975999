"""Phase 2 — the shape of each file: JSON Schemas from the models, and validation against them.

The schemas are committed as policy/schema.master.json, policy/schema.translation.json and
policy/schema.tests.json (the legal team's test tables) so that an editor completes fields
while the legal team types; a test keeps them in step with the models (`stale_schemas`).
Every schema violation becomes a SCHEMA diagnostic at the offending node.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from . import patterns
from .document import Document, Pos
from .findings import Diagnostic, did_you_mean, make, worded
from .model import Master, NotPlain, TestTable, Translation, from_data
from .names import closest
from .saying import listed

if TYPE_CHECKING:  # jsonschema is imported only when a file is checked against the schema
    import jsonschema
    from jsonschema.exceptions import ValidationError

Kind = Literal["master", "translation", "tests"]
SCHEMA_FILES: dict[Kind, str] = {
    "master": "schema.master.json",
    "translation": "schema.translation.json",
    "tests": "schema.tests.json",
}
_MODELS: dict[Kind, type[Master | Translation | TestTable]] = {"master": Master, "translation": Translation,
                                        "tests": TestTable}
_TITLES: dict[Kind, str] = {
    "master": "Japanese master edition",
    "translation": "translated edition",
    "tests": "expected answers and properties (policy/tests/*.yaml)",
}


@cache
def json_schema(kind: Kind) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a master or translation file."""
    from .pydmodel import mirror

    schema = mirror(_MODELS[kind]).model_json_schema(mode="validation")
    title = "Cafetalk privacy policy — " + _TITLES[kind]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_FILES[kind],
        **{k: v for k, v in schema.items() if k != "title"},
        "title": title,
    }


def schema_text(kind: Kind) -> str:
    """The committed form of a schema: sorted keys, two-space indent, final newline."""
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def stale_schemas(folder: Path) -> list[Diagnostic]:
    """`policy schema --check`: SCHEMA000 for each schema in `folder` that is missing or is not
    the one the models generate now."""
    return [make("SCHEMA000", "out of date", str(folder / name), hint="run `policy schema`")
            for kind, name in SCHEMA_FILES.items()
            if not (folder / name).is_file()
            or (folder / name).read_text("utf-8") != schema_text(kind)]


def write_schemas(folder: Path) -> list[Path]:
    from .atomic import write_text_atomic

    written = []
    for kind, name in SCHEMA_FILES.items():
        target = folder / name
        write_text_atomic(target, schema_text(kind))
        written.append(target)
    return written


# The committed schemas of the source tree (policy/schema.*.json); a test keeps them equal to
# json_schema(kind) (`policy schema --check`), so validation reads them instead of generating.
_COMMITTED = Path(__file__).resolve().parent.parent / "policy"


@cache
def validation_schema(kind: Kind) -> dict[str, Any]:
    """The schema files are checked against: the committed file when the source tree has it,
    else the one generated from the models (an installed wheel)."""
    try:
        committed = json.loads((_COMMITTED / SCHEMA_FILES[kind]).read_text("utf-8"))
    except (OSError, ValueError):
        return json_schema(kind)
    return committed if isinstance(committed, dict) else json_schema(kind)


@cache
def _validator(kind: Kind) -> jsonschema.protocols.Validator:
    import jsonschema

    schema = validation_schema(kind)
    return jsonschema.validators.validator_for(schema)(schema)


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "boolean", int: "integer", float: "number", str: "string",
            list: "list", dict: "mapping"}.get(type(value), type(value).__name__)


def _plain_kind(name: str, lang: str = "en") -> str:
    """A kind of YAML value in the legal team's words (engine/saying.py WORDS "type:…"), in
    `lang` (ja, ru or en): a finding never says "string" or "null"."""
    from .saying import WORDS

    forms = WORDS.get(f"type:{name}", {})
    return forms.get(lang) or forms.get("en", name)


def _expected_kinds(schema: dict[str, Any]) -> list[str]:
    """The kinds of value a schema takes ("other" when it names none)."""
    t = schema.get("type")
    kinds = {"object": "mapping", "array": "list"}
    if isinstance(t, list):
        return [kinds.get(str(x), str(x)) for x in t]
    if t:
        return [kinds.get(str(t), str(t))]
    options = schema.get("anyOf") or schema.get("oneOf") or []
    return [k for o in options if isinstance(o, dict) for k in _expected_kinds(o)] or ["other"]


def _expected(schema: dict[str, Any], lang: str = "en") -> str:
    """The kinds of value a schema accepts, in plain words (`lang`: en, ja or ru)."""
    joint = {"ja": "または", "ru": " или "}.get(lang, " or ")
    return joint.join(_plain_kind(k, lang) for k in _expected_kinds(schema))


def _wrong_kind(where: str, schema: dict[str, Any], instance: object, doc: Document,
                pos: Pos, place: str | None = None) -> Diagnostic:
    """A value of the wrong kind (text where a list goes, a number where text goes), said in
    each language's words for the kinds (engine/basewords.py SCHEMA003)."""
    from .saying import WORDS

    expected, got = _expected_kinds(schema), _type_name(instance)
    message = f"{where} must be {_expected(schema)}, not {_plain_kind(got)}"
    if not all(f"type:{k}" in WORDS for k in (*expected, got)):
        return make("SCHEMA003", message, doc.file, pos.line, pos.col)
    params = {"where": place or where, "expected": "\x1f".join(f"type:{k}" for k in expected),
              "got": f"type:{got}"}
    hint = None
    if expected == ["boolean"] and isinstance(instance, str):
        # `opted_out: yes` (YAML 1.1's boolean) or `"false"` in quotes: both are text here
        params["form"] = "text_for_boolean"
        hint = "yes, no, on, off and quoted values are read as text: write true or false " \
            "without quotes"
    return make("SCHEMA003", message, doc.file, pos.line, pos.col, hint=hint, params=params)


def _shape_of(schema: dict[str, Any]) -> str:
    """The name of what a string schema's pattern asks for (engine/model.py PATTERN_SHAPES)."""
    from .model import PATTERN_SHAPES

    return PATTERN_SHAPES.get(str(schema.get("pattern", "")), "other")


def _shape_words(instance: object, shape: str, doc: Document, pos: Pos,
                 code: str = "SCHEMA004") -> Diagnostic:
    """A value that does not fit its field's pattern, said by the pattern's name (engine/model.py
    PATTERN_SHAPES) with what to write and an example: never the regular expression. The
    place is the finding's line and column; `code` is SCHEMA004, or SCHEMA005 for an id
    (both say it in the words of engine/basewords.py SHAPE_FORMS)."""
    text = str(instance)
    params = {"form": shape,
              "value": text if len(text) <= 60 else text[:59] + "…"}
    if shape in ("term", "term_ref"):  # a term's label written where its id goes (個人情報)
        term = _labelled(doc.data, text)
        if term is not None:
            params.update(form="label", term=term)
    elif shape == "date":  # a real day written another way (2026/12/05, 5.12.2026)
        from .wording import parse_day

        try:
            day = parse_day(text)
        except ValueError:
            pass
        else:
            params.update(form="date_written", iso=day.isoformat())
    elif shape == "clause_number":  # a number as a page prints it (第3項第2号, п. 3.2)
        from .citation import parse

        dotted = parse(text)
        if dotted is not None and dotted != text.strip():
            params.update(form="clause_printed", number=dotted)
    return worded(code, params, doc.file, pos.line, pos.col)  # tests/test_schema_words.py


def _labelled(data: object, label: str) -> str | None:
    """The vocabulary id whose label (in the master) is `label`, if one is."""
    vocabulary = data.get("vocabulary") if isinstance(data, dict) else None
    for kind in vocabulary.values() if isinstance(vocabulary, dict) else ():
        for term, entry in kind.items() if isinstance(kind, dict) else ():
            if isinstance(entry, dict) and entry.get("label") == label.strip():
                return str(term)
    return None


def _unmatched_pattern(options: list[Any], text: str) -> dict[str, Any] | None:
    """The option of an anyOf that wants text of a pattern `text` does not fit, if any."""
    import re

    for option in options:
        if (isinstance(option, dict) and option.get("type") == "string"
                and isinstance(option.get("pattern"), str)
                and re.search(option["pattern"], text) is None):
            return option
    return None


Where = Callable[[tuple[str | int, ...]], str]


def _place_of(path: tuple[str | int, ...], data: Any) -> str | None:
    """A place in a policy file as a `place_param`: the clause or item it is in, by its printed
    number (as engine/wording.py place_in_words counts it) and that unit's own title, the rule
    of the unit it is in and the named fields under it, each entry of a list by its place in
    it (counted from 1); None for a list inside a list's entry."""
    from .saying import place_param

    numbers: list[str] = []
    title: str | None = None
    node: Any = data
    i = 0
    while (i + 1 < len(path) and path[i] in ("clauses", "items")
           and isinstance(path[i + 1], int)):
        index = path[i + 1]
        assert isinstance(index, int)
        seq = node.get(path[i]) if isinstance(node, dict) else None
        child = seq[index] if isinstance(seq, list) and index < len(seq) else None
        number = child.get("number") if isinstance(child, dict) else None
        numbers.append(str(number) if isinstance(number, int) and not isinstance(number, bool)
                       else str(index + 1))
        # the unit's own title: an item is not named by its clause's
        own = child.get("title") if isinstance(child, dict) else None
        title = own if isinstance(own, str) else None
        node = child
        i += 2
    rest = path[i:]
    rule = ""
    if numbers and len(rest) >= 2 and rest[0] == "rules" and isinstance(rest[1], int):
        rule, rest = str(rest[1] + 1), rest[2:]
    steps: list[str] = []
    for step in rest:
        if isinstance(step, int):  # an entry of the list just named: "#1", counted from 1
            if not steps or steps[-1].startswith("#"):
                return None  # a list inside a list: not said in words
            steps.append(f"#{step + 1}")
        else:
            steps.append(step)
    return place_param(english_place(path, data), ".".join(numbers), title, ".".join(steps),
                       rule)


def _with_place(place: str | None, **params: str) -> dict[str, str]:
    """A finding's parameters with its place, or none when the place cannot be said in words
    (the finding is then told by its plain sentence and the English detail)."""
    return {"place": place, **params} if place is not None else {}


def data_path(path: tuple[str | int, ...]) -> str:
    """A place in a file as its data path (`clauses/2/items/1`, counted from zero): the key of
    a place, never said to people (`english_place` says it)."""
    return "/".join(str(p) for p in path) or "document"


def english_place(path: tuple[str | int, ...], data: Any) -> str:
    """A place in a file as English messages say it, every entry of a list counted from 1 and
    a clause or item by its printed number (engine/wording.py `place_in_words`; not by its
    title, which is in the file's language): "clause 3, item 2, rule 1, field effect", "entry
    1 of uses, field data"."""
    from .wording import place_in_words

    return (place_in_words(data_path(path), data, titles=False) if path
            else "the top level of the file")


def _diagnose(error: ValidationError, doc: Document,
              where_of: Where = data_path) -> list[Diagnostic]:
    """The findings of one schema error; `where_of` names a place in the message (the policy's
    files: the data path; the legal team's tables: the row or property, engine/testing.py)."""
    path = tuple(error.absolute_path)
    pos = doc.pos(path)
    v = error.validator
    instance = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    said = where_of is data_path  # a place in a file, said in words (english_place)
    where = english_place(path, doc.data) if said else where_of(path)
    out: list[Diagnostic] = []
    # a place in the policy's files is said in the reader's words (engine/basewords.py)
    place = _place_of(path, doc.data) if said else None
    if v == "additionalProperties" and isinstance(instance, dict):
        known = set(schema.get("properties", {}))
        for key in sorted(set(instance) - known):
            kpos = doc.pos((*path, key), key=True)
            close = closest(key, known, 3)
            out.append(make("SCHEMA001", f"unknown field '{key}' in {where}", doc.file,
                            kpos.line, kpos.col, hint=did_you_mean(key, known),
                            params=_with_place(place, key=str(key), **(
                                {"options": listed(close)} if close else {}))))
    elif v == "required" and isinstance(instance, dict):
        known = set(schema.get("properties", {}))
        # a field misspelt (nuber: 1) is one mistake: its SCHEMA001 says "did you mean
        # 'number'?", and the field it stands for is not said to be missing as well
        misspelt = ({closest(key, known, 1)[0] for key in set(instance) - known
                     if closest(key, known, 1)}
                    if known and schema.get("additionalProperties") is False else set())
        for key in sorted(set(schema.get("required", [])) - set(instance) - misspelt):
            out.append(make("SCHEMA002", f"required field '{key}' is missing in {where}: add "
                            f"the line '{key}: …'",
                            doc.file, pos.line, pos.col,
                            params=_with_place(place, key=str(key))))
    elif (v == "type" and schema.get("type") == "string" and "pattern" in schema
          and isinstance(instance, (int, float)) and not isinstance(instance, bool)):
        # YAML reads a version written 2.1 as a number: it gets the version's words
        out.append(_shape_words(instance, _shape_of(schema), doc, pos))
    elif v in ("anyOf", "oneOf") and isinstance(instance, str) and (
            option := _unmatched_pattern(schema.get(v, []), instance)) is not None:
        # text where text of a pattern, or nothing, may stand: the text does not fit the pattern
        out.append(_shape_words(instance, _shape_of(option), doc, pos))
    elif v in ("type", "anyOf", "oneOf") and not (
        v != "type" and _type_name(instance) in ("mapping", "list")
        and any(isinstance(o, dict) and o.get("type") in ("object", "array")
                for o in schema.get(v, []))
    ):
        out.append(_wrong_kind(where, schema, instance, doc, pos, place))
    elif v in ("anyOf", "oneOf"):
        from jsonschema.exceptions import best_match

        best = best_match(error.context or [])
        if best is not None and best is not error:
            out.extend(_diagnose(best, doc, where_of))
    elif (v == "pattern" and isinstance(instance, str)
          and "propertyNames" in error.relative_schema_path):
        # a key of a mapping whose keys have a pattern (a language code, a vocabulary id): said
        # at the key, by the pattern's name
        out.append(_shape_words(instance, _shape_of(schema), doc,
                                doc.pos((*path, instance), key=True)))
    elif v == "pattern" and path and path[-1] == "id":
        out.append(_shape_words(instance, "slug", doc, pos, code="SCHEMA005"))
    elif v == "pattern" and isinstance(instance, str):
        out.append(_shape_words(instance, _shape_of(schema), doc, pos))
    elif v == "propertyNames":
        bad = [k for k in (instance or {}) if isinstance(k, str)]
        pattern = schema.get("propertyNames", {}).get("pattern", "")

        for key in bad:
            if pattern and not patterns.compile(pattern).search(key):
                kpos = doc.pos((*path, key), key=True)
                out.append(make("SCHEMA004", f"key '{key}' in {where} is not a valid id",
                                doc.file, kpos.line, kpos.col,
                                hint="vocabulary ids are snake_case, clause ids kebab-case"))
    elif v in ("enum", "const"):
        allowed = [str(a) for a in (schema.get("enum") or [schema.get("const")])]
        close = closest(str(instance), allowed, 3)
        choice = {"form": "choice", "value": str(instance), "choices": listed(allowed),
                  **({"options": listed(close)} if close else {})}
        out.append(make("SCHEMA004", f"{where} is '{instance}'; expected "
                        + " or ".join(f"'{a}'" for a in allowed), doc.file, pos.line, pos.col,
                        hint=did_you_mean(str(instance), allowed),
                        params=_with_place(place, **choice)))
    elif v == "minLength":
        out.append(make("SCHEMA004", f"{where} must not be empty", doc.file, pos.line, pos.col,
                        hint="write its text",
                        params=_with_place(place, form="empty")))
    elif v in ("minimum", "maximum") and isinstance(instance, int) and not isinstance(
            instance, bool) and isinstance(schema.get(v), int):
        # a printed number 0 (numbers start at 1), or one past the largest allowed
        bound, at_least = schema[v], v == "minimum"
        out.append(make("SCHEMA004", f"{where} is {instance}; it must be {bound} or "
                        f"{'more' if at_least else 'less'}", doc.file, pos.line, pos.col,
                        params=_with_place(place, form="minimum" if at_least else "maximum",
                                           value=str(instance), bound=str(bound))))
    else:
        out.append(make("SCHEMA004", f"{where}: {error.message}", doc.file, pos.line, pos.col))
    return out


@cache
def _fits(kind: Kind) -> Callable[[Any], bool]:
    from .jsonfit import compile_schema

    schema = validation_schema(kind)
    return compile_schema(schema, schema, rust_end=True)


def shape_errors(doc: Document, kind: Kind) -> list[ValidationError]:
    """The schema errors of one file, as jsonschema gives them. A file the small compiler of
    engine/jsonfit.py finds valid has none (it is never looser than jsonschema), so jsonschema
    is imported only for a file with a mistake in it."""
    if _fits(kind)(doc.data):
        return []
    return list(_validator(kind).iter_errors(doc.data))


def check_shape(doc: Document, kind: Kind, where_of: Where = data_path) -> list[Diagnostic]:
    """All schema violations of one file, as diagnostics at their nodes."""
    return [d for error in shape_errors(doc, kind) for d in _diagnose(error, doc, where_of)]


def build_model(doc: Document, kind: Kind, where_of: Where = data_path
                ) -> tuple[Master | Translation | TestTable | None, list[Diagnostic]]:
    """Construct the frozen model; errors jsonschema cannot express are mapped here too.

    A file the schema predicate accepts is built straight from its data (engine/model.py
    `from_data`), without pydantic; anything else, and anything `from_data` will not judge
    (a date that does not exist), is validated by the pydantic twin (engine/pydmodel.py),
    whose errors become the diagnostics. tests/test_model_paths.py holds the two paths to the
    same models and the same verdicts."""
    if _fits(kind)(doc.data):
        try:
            return from_data(_MODELS[kind], doc.data), []
        except NotPlain:
            pass
    from pydantic import ValidationError as PydanticError

    from .pydmodel import validate

    try:
        return validate(_MODELS[kind], doc.data), []
    except PydanticError as exc:
        out = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            pos = doc.pos(loc)
            where = (english_place(loc, doc.data) if where_of is data_path
                     else where_of(loc))
            code = {"missing": "SCHEMA002", "extra_forbidden": "SCHEMA001"}.get(
                err["type"], "SCHEMA003" if err["type"].endswith("_type") else "SCHEMA004")
            if str(err["type"]).startswith("date") and isinstance(err.get("input"), str):
                # a date that does not exist or is not written year-month-day: said in words
                out.append(_shape_words(err["input"], "date", doc, pos))
                continue
            out.append(make(code, f"{where}: {err['msg']}", doc.file, pos.line, pos.col))
        return None, out
