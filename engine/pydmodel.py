"""The model's pydantic twin: validators and JSON Schemas made from engine/model.py's classes.

engine/model.py declares each class once, as a frozen dataclass whose field types carry their
constraints as markers (`Str`, `Int`, `Doc`, `Before`, `info(...)`). This module turns those
declarations into pydantic models, class by class, on first use:

* `json_schema`-making (engine/schema.py) asks these models for the committed schemas;
* a file that the fast path of engine/schema.py cannot take (it breaks the schema, or holds
  something only pydantic can judge, such as the 30th of February) is validated here, and
  pydantic's errors become the diagnostics, exactly as when the model itself was pydantic.

A valid file never reaches this module, so most commands never import pydantic.
"""

from __future__ import annotations

import functools
import operator
import types
import typing
from typing import Annotated, Any, Literal, TypeVar, get_args, get_origin, get_type_hints

from .model import MISSING, Before, Doc, Int, Str, fields_of, is_model


def _skip_plugin_discovery() -> None:
    """With every pydantic plugin turned off (PYDANTIC_DISABLE_PLUGINS=__all__, which the CLI
    sets), pydantic's plugin loader answers "no plugins" without looking; but importing it
    imports importlib.metadata, about 30 ms of every command that validates a file with
    pydantic. Until pydantic has loaded it, a stand-in whose get_plugins() gives the same
    answer takes its place (tests/test_lazy_imports.py holds the installed loader to that
    answer)."""
    import os
    import sys

    name = "pydantic.plugin._loader"
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") == "__all__" and name not in sys.modules:
        stand_in = types.ModuleType(name, "pydantic's plugin loader with every plugin off")
        stand_in.get_plugins = lambda: ()  # type: ignore[attr-defined]
        sys.modules[name] = stand_in


_skip_plugin_discovery()

from pydantic import (  # noqa: E402  (after the stand-in)
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    create_model,
)

__all__ = ["mirror", "to_plain", "validate"]

T = TypeVar("T")


def _marker(meta: object) -> object:
    """The pydantic form of one `Annotated` marker of engine/model.py."""
    if isinstance(meta, Str):
        given = {k: v for k, v in (("pattern", meta.pattern), ("min_length", meta.min_length),
                                   ("max_length", meta.max_length)) if v is not None}
        return StringConstraints(strict=True, **given)  # type: ignore[arg-type]
    if isinstance(meta, Int):
        return Field(ge=meta.ge, le=meta.le)
    if isinstance(meta, Doc):
        return Field(description=meta.text)
    if isinstance(meta, Before):
        return BeforeValidator(meta.check)
    raise TypeError(f"engine/model.py declares an unknown marker {meta!r}")


def _type(tp: Any) -> Any:
    """The pydantic form of a field's type: markers translated, dataclasses mirrored, and
    every int and bool strict (the model has no lax ones)."""
    if tp is int:
        return StrictInt
    if tp is bool:
        return StrictBool
    if is_model(tp):
        return mirror(tp)
    origin = get_origin(tp)
    if origin is Annotated:
        base, *metas = get_args(tp)
        return Annotated[(_type(base), *(_marker(x) for x in metas))]
    if origin is Literal or origin is None:
        return tp
    args = tuple(a if a is Ellipsis else _type(a) for a in get_args(tp))
    if origin is types.UnionType or origin is typing.Union:
        return functools.reduce(operator.or_, args)
    if origin is tuple or origin is dict:
        return origin.__class_getitem__(args)
    raise TypeError(f"engine/model.py declares a type the mirror does not know: {tp!r}")




def mirror(cls: type) -> type[BaseModel]:
    """The pydantic model of one dataclass of engine/model.py (built once)."""
    made = _MIRRORS.get(cls)
    if made is not None:
        return made
    hints = get_type_hints(cls, include_extras=True)
    fields: dict[str, Any] = {}
    aliased = False
    for f in fields_of(cls):
        declared = dict(f.metadata.get("pydantic", {}))
        aliased = aliased or "alias" in declared
        if f.default is not MISSING:
            declared["default"] = f.default
        elif f.default_factory is not MISSING:
            factory = f.default_factory
            declared["default_factory"] = mirror(factory) if is_model(factory) else factory
        fields[f.name] = (_type(hints[f.name]), Field(**declared) if declared else ...)
    config = ConfigDict(frozen=True, extra="forbid", validate_default=False,
                        populate_by_name=aliased)
    made = create_model(cls.__name__, __config__=config, __doc__=cls.__doc__,
                        __module__=cls.__module__, **fields)
    _MIRRORS[cls], _PLAIN[made] = made, cls
    return made


_MIRRORS: dict[type, type[BaseModel]] = {}
_PLAIN: dict[type[BaseModel], type] = {}


def to_plain(value: Any) -> Any:
    """A validated pydantic value as engine/model.py's classes (tuples and dicts kept)."""
    if isinstance(value, BaseModel):
        cls = _PLAIN[type(value)]
        return cls(**{f.name: to_plain(getattr(value, f.name)) for f in fields_of(cls)})
    if isinstance(value, tuple):
        return tuple(to_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value


def validate(cls: type[T], data: object) -> T:
    """`data` validated as `cls` by pydantic; raises pydantic.ValidationError."""
    plain = to_plain(mirror(cls).model_validate(data))
    assert isinstance(plain, cls)
    return plain


