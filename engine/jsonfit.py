"""A small compiler of JSON Schema into a predicate: whether a value is valid, never looser
than jsonschema.

jsonschema explains every error, but importing it and building its validator costs tens of
milliseconds per command; most files are valid, and a valid file needs only a yes. So a shape
check first asks `compile_schema`'s predicate, built once per schema, and only a file it
rejects goes through jsonschema, which says why. The predicate knows the keywords pydantic
generates for the tool's models; any other keyword (or type) compiles to "no", so it can be
stricter than jsonschema, never looser: a yes is always jsonschema's yes.
tests/test_uses_schema_agreement.py and tests/test_jsonfit.py hold the two to the same
verdicts. Standard library only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import patterns

# Keywords that only describe; they never change a verdict.
# "format" asserts nothing in jsonschema unless a format checker is given (engine/schema.py
# gives none); the model parses dates itself.
_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "title", "description", "default",
                          "format"})


Check = Callable[[Any], bool]
_TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    # jsonschema also takes 1.0 as an integer; pydantic's strict int does not, nor does this.
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
}


def _never(_value: Any) -> bool:
    return False


def _always(_value: Any) -> bool:
    return True


def compile_schema(schema: dict[str, Any], root: dict[str, Any], *,
                   rust_end: bool = False) -> Check:
    """A predicate for `schema`, built once: one closure per keyword, all of which must hold.
    An unknown keyword (or type) compiles to a predicate that is never satisfied.

    `rust_end`: a pattern's final `$` matches only at the very end of the text, as in pydantic
    (Rust's regex), not also before a final line break, as in Python's and jsonschema's; the
    predicate is then never looser than pydantic either (engine/schema.py's fast path)."""
    string = _string(schema, rust_end)
    if string is not None:
        return string
    checks: list[Check] = []
    for key, want in schema.items():
        if key in _ANNOTATIONS:
            continue
        checks.append(_keyword(key, want, schema, root, rust_end))
    if len(checks) == 1:
        return checks[0]
    # Loops, not all(generator): the same order and the same first "no", without a generator
    # per value (a check of a thousand declared uses calls these tens of thousands of times).

    def every(v: Any) -> bool:
        for c in checks:
            if not c(v):
                return False
        return True

    return every


_STRING_KEYWORDS = frozenset({"type", "pattern", "minLength", "maxLength"})


def _string(schema: dict[str, Any], rust_end: bool) -> Check | None:
    """A string schema bounded only by length and pattern (most of the tool's ids and texts),
    as one predicate instead of one per keyword: the same verdict, one call."""
    if schema.get("type") != "string" or not {
            k for k in schema if k not in _ANNOTATIONS} <= _STRING_KEYWORDS:
        return None
    low, high, pattern = schema.get("minLength"), schema.get("maxLength"), schema.get("pattern")
    if any(b is not None and (isinstance(b, bool) or not isinstance(b, int))
           for b in (low, high)) or (pattern is not None and not isinstance(pattern, str)):
        return None  # an odd bound: each keyword's own check decides
    match = _matcher(pattern, rust_end) if pattern is not None else None

    # Short texts already found to fit: ids and vocabulary terms repeat (a thousand declared
    # uses name a few dozen terms); a set of at most 10,000 texts of at most 64 characters.
    fitting: set[str] = set()

    def string(v: Any) -> bool:
        if not isinstance(v, str):
            return False
        if v in fitting:
            return True
        if (low is not None and len(v) < low) or (high is not None and len(v) > high):
            return False
        if match is None or match(v):
            if len(v) <= 64 and len(fitting) < 10_000:
                fitting.add(v)
            return True
        return False

    return string


def _matcher(pattern: str, rust_end: bool) -> Callable[[str], bool]:
    """Whether a text matches a schema pattern (searched, as JSON Schema says); with
    `rust_end`, a final `$` only at the very end of the text, as pydantic reads it."""
    search = patterns.compile(pattern).search
    if rust_end and pattern.endswith("$"):
        return lambda v: search(v) is not None and not v.endswith("\n")
    return lambda v: search(v) is not None


def _keyword(key: str, want: Any, schema: dict[str, Any], root: dict[str, Any],
             rust_end: bool) -> Check:
    if key == "$ref":
        name = want[len("#/$defs/"):] if isinstance(want, str) and want.startswith(
            "#/$defs/") else None
        target = root.get("$defs", {}).get(name) if name else None
        if not isinstance(target, dict):
            return _never
        cell: list[Check] = []  # resolved on first use: definitions may refer to themselves

        def ref(v: Any) -> bool:
            if not cell:
                cell.append(compile_schema(target, root, rust_end=rust_end))
            return cell[0](v)

        return ref
    if key == "type":
        return _TYPES.get(want, _never) if isinstance(want, str) else _never
    if key == "anyOf":
        options = [compile_schema(o, root, rust_end=rust_end) for o in want]

        def any_of(v: Any) -> bool:
            for o in options:
                if o(v):
                    return True
            return False

        return any_of
    if key == "properties":
        subs = {k: compile_schema(sub, root, rust_end=rust_end) for k, sub in want.items()}

        def properties(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            for k, c in subs.items():
                if k in v and not c(v[k]):
                    return False
            return True

        return properties
    if key == "required":
        names = tuple(want)

        def required(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            for k in names:
                if k not in v:
                    return False
            return True

        return required
    if key == "minProperties":
        return lambda v: not isinstance(v, dict) or len(v) >= want
    if key == "propertyNames":
        names_ok = compile_schema(want, root, rust_end=rust_end)

        def property_names(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            for k in v:
                if not names_ok(k):
                    return False
            return True

        return property_names
    if key == "patternProperties":
        pairs = [(patterns.compile(p), compile_schema(sub, root, rust_end=rust_end))
                 for p, sub in want.items()]

        def pattern_properties(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            for k, x in v.items():
                for p, c in pairs:
                    if p.search(k) and not c(x):
                        return False
            return True

        return pattern_properties
    if key == "additionalProperties":
        named = frozenset(schema.get("properties", {}))
        compiled = [patterns.compile(p) for p in schema.get("patternProperties", {})]
        rest: Check = _never if want is False else _always if want is True \
            else compile_schema(want, root, rust_end=rust_end)

        def additional(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            for k, x in v.items():
                if k in named or (compiled and any(p.search(k) for p in compiled)):
                    continue
                if not rest(x):
                    return False
            return True

        return additional
    if key == "items":
        item = compile_schema(want, root, rust_end=rust_end)

        def items(v: Any) -> bool:
            if not isinstance(v, list):
                return True
            for x in v:
                if not item(x):
                    return False
            return True

        return items
    if key == "minItems":
        return lambda v: not isinstance(v, list) or len(v) >= want
    if key == "pattern":
        if not isinstance(want, str):
            return _never
        match = _matcher(want, rust_end)
        return lambda v: not isinstance(v, str) or match(v)
    if key == "enum":
        if not all(isinstance(e, str) for e in want):
            return _never  # jsonschema's equality of numbers and booleans is its own
        values = frozenset(want)
        return lambda v: isinstance(v, str) and v in values
    if key in ("minimum", "maximum"):
        if not isinstance(want, int) or isinstance(want, bool):
            return _never
        low = key == "minimum"
        return lambda v: (not isinstance(v, int | float) or isinstance(v, bool)
                          or (v >= want if low else v <= want))
    if key == "minLength":
        return lambda v: not isinstance(v, str) or len(v) >= want
    if key == "maxLength":
        return lambda v: not isinstance(v, str) or len(v) <= want
    return _never  # a keyword this interpreter does not know: let jsonschema judge
