"""Small value classes made cheaply: what `@dataclass(frozen=True, slots=True)` gives the engine's
own records (positional or keyword construction, defaults and default factories, equality by
value, a readable repr, immutability, pickling by value), from one set of methods shared by
every class instead of code generated and compiled per class.

A dataclass costs about 0.5 ms to create (dataclasses generates and compiles each method); the
check, status and build commands create some thirty at start-up. `@record` makes a frozen,
hashable class, `@record_mutable` one whose fields can be set (unhashable, as a dataclass with
`eq=True`). `__post_init__` runs after the fields are set, as a dataclass's does. Stdlib only.
tests/test_values.py holds them to dataclass behaviour.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

MISSING: Any = type("_Missing", (), {"__repr__": lambda self: "MISSING", "__slots__": ()})()


class _Field:
    __slots__ = ("default", "default_factory")

    def __init__(self, default: Any, default_factory: Any) -> None:
        self.default = default
        self.default_factory = default_factory


def field(*, default: Any = MISSING, default_factory: Callable[[], Any] | Any = MISSING) -> Any:
    """A field's default or default factory (as dataclasses.field)."""
    return _Field(default, default_factory)


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    cls = self.__class__
    names: tuple[str, ...] = cls.__value_names__
    setter = object.__setattr__
    if not kwargs and len(args) == len(names):  # every field given in order: the usual call
        for name, arg in zip(names, args, strict=True):
            setter(self, name, arg)
        if cls.__value_post__ is not None:
            self.__post_init__()
        return
    if len(args) > len(names):
        raise TypeError(f"{cls.__name__}() takes {len(names)} positional arguments "
                        f"but {len(args)} were given")
    for name, arg in zip(names, args, strict=False):
        setter(self, name, arg)
    for name in names[len(args):]:
        if name in kwargs:
            setter(self, name, kwargs.pop(name))
            continue
        default, factory = cls.__value_defaults__.get(name, (MISSING, MISSING))
        if default is not MISSING:
            setter(self, name, default)
        elif factory is not MISSING:
            setter(self, name, factory())
        else:
            raise TypeError(f"{cls.__name__}() missing required argument: {name!r}")
    if kwargs:
        name = next(iter(kwargs))
        if name in names:
            raise TypeError(f"{cls.__name__}() got multiple values for argument {name!r}")
        raise TypeError(f"{cls.__name__}() got an unexpected keyword argument {name!r}")
    if cls.__value_post__ is not None:
        self.__post_init__()


def _values(self: Any) -> tuple[Any, ...]:
    values: tuple[Any, ...] = self.__value_get__(self)  # one attrgetter per class, in C
    return values


def _eq(self: Any, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented  # type: ignore[no-any-return]
    same: bool = _values(self) == _values(other)
    return same


def _hash(self: Any) -> int:
    return hash(_values(self))


def _repr(self: Any) -> str:
    return f"{self.__class__.__qualname__}(" + ", ".join(
        f"{name}={getattr(self, name)!r}" for name in self.__value_names__) + ")"


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise AttributeError(f"cannot assign to field {name!r}: {type(self).__name__} is frozen")


def _frozen_delattr(self: Any, name: str) -> None:
    raise AttributeError(f"cannot delete field {name!r}: {type(self).__name__} is frozen")


def _reduce(self: Any) -> tuple[Any, ...]:
    return _rebuild, (self.__class__, _values(self))


def _rebuild(cls: type, values: tuple[Any, ...]) -> Any:
    """An object from its field values in order (how pickle restores one: no __post_init__,
    as a dataclass's pickle does not run it)."""
    obj: Any = object.__new__(cls)
    setter = object.__setattr__
    for name, item in zip(cls.__value_names__, values, strict=True):  # type: ignore[attr-defined]
        setter(obj, name, item)
    return obj


class _Tuple:
    """The values of a class's one field (or none) as a tuple, as attrgetter gives several."""

    __slots__ = ("names",)

    def __init__(self, names: list[str]) -> None:
        self.names = names

    def __call__(self, obj: object) -> tuple[Any, ...]:
        return tuple([getattr(obj, name) for name in self.names])


def _is_classvar(annotation: object) -> bool:
    text = annotation if isinstance(annotation, str) else repr(annotation)
    return text.startswith(("ClassVar", "typing.ClassVar"))


def _make(cls: type, frozen: bool) -> type:
    if cls.__bases__ != (object,):
        raise TypeError(f"{cls.__name__}: value classes do not inherit")
    names: list[str] = []
    defaults: dict[str, tuple[Any, Any]] = {}
    # (not inspect.get_annotations: importing inspect costs more than the classes it makes)
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():  # noqa: RUF063
        if _is_classvar(annotation):
            continue
        names.append(name)
        given = cls.__dict__.get(name, MISSING)
        if isinstance(given, _Field):
            defaults[name] = (given.default, given.default_factory)
        elif given is not MISSING:
            defaults[name] = (given, MISSING)
        elif defaults:
            raise TypeError(f"{cls.__name__}: non-default argument {name!r} follows default "
                            "argument")
    namespace = {k: v for k, v in cls.__dict__.items()
                 if k not in names and k not in ("__dict__", "__weakref__")}
    # The field values as a tuple (an attrgetter of one name gives the value itself)
    get = attrgetter(*names) if len(names) > 1 else _Tuple(names)
    namespace.update(__slots__=tuple(names), __value_names__=tuple(names),
                     __value_defaults__=defaults, __value_get__=staticmethod(get),
                     __match_args__=tuple(names),
                     __value_post__=cls.__dict__.get("__post_init__"))
    # As a dataclass: a method the class defines itself is kept.
    for name, method in (("__init__", _init), ("__eq__", _eq), ("__repr__", _repr),
                         ("__reduce__", _reduce)):
        namespace.setdefault(name, method)
    if frozen:
        namespace.update(__setattr__=_frozen_setattr, __delattr__=_frozen_delattr)
    if "__hash__" not in cls.__dict__ or cls.__dict__["__hash__"] is None:
        namespace["__hash__"] = _hash if frozen else None
    made = type(cls.__name__, (object,), namespace)
    made.__qualname__ = cls.__qualname__
    return made


Cls = TypeVar("Cls", bound=type)


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: Cls) -> Cls:
    """A frozen, hashable, slotted value class (as @dataclass(frozen=True, slots=True))."""
    return _make(cls, frozen=True)  # type: ignore[return-value]


@dataclass_transform(field_specifiers=(field,))
def record_mutable(cls: Cls) -> Cls:
    """A slotted value class whose fields can be set (as @dataclass(slots=True))."""
    return _make(cls, frozen=False)  # type: ignore[return-value]


V = TypeVar("V")


def replace(obj: V, **changes: Any) -> V:
    """A copy of a value object with some fields changed (as dataclasses.replace)."""
    cls: Any = obj.__class__
    made: V = cls(**{name: changes.pop(name) if name in changes else getattr(obj, name)
                     for name in cls.__value_names__}, **changes)
    return made
