"""Small value classes made cheaply: what `@dataclass(frozen=True, slots=True)` gives the engine's
own records (positional or keyword construction, defaults and default factories, equality by
value, a readable repr, immutability, pickling by value), from one set of methods shared by
every class; only `__init__` is the class's own, made when it makes its first object (a
dataclass compiles all its methods when the class is created).

That `__init__` is generated as source. The source of every record of the engine and render
packages is committed in engine/inits.py, each with a maker that defines it, so Python's
bytecode cache serves it and a process compiles nothing (compile() costs ~0.25 ms a class, some
twenty a command). A class that is not there, one changed since the module was generated or a
record a test defines, has its `__init__` compiled, the same either way. `python -m
engine.values` (`make inits`) writes engine/inits.py again; tests/test_values.py fails while
it is out of date.

A dataclass costs about 0.5 ms to create (dataclasses generates and compiles each method); the
check, status and build commands create some thirty at start-up. `@record` makes a frozen,
hashable class, `@record_mutable` one whose fields can be set (unhashable, as a dataclass with
`eq=True`). `__post_init__` runs after the fields are set, as a dataclass's does. Stdlib only.
tests/test_values.py holds them to dataclass behaviour.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter

TYPE_CHECKING = False  # without importing typing (2.5 ms a command; mypy knows the name)
if TYPE_CHECKING:
    from typing import Any, TypeVar, dataclass_transform

    Cls = TypeVar("Cls", bound=type)
    V = TypeVar("V")
else:
    def dataclass_transform(**_markers: object) -> object:
        """typing.dataclass_transform's runtime part, which only marks the function for type
        checkers: nothing reads the mark at run time."""
        return lambda f: f

MISSING: Any = type("_Missing", (), {"__repr__": lambda self: "MISSING", "__slots__": ()})()


class _Field:
    __slots__ = ("default", "default_factory")

    def __init__(self, default: Any, default_factory: Any) -> None:
        self.default = default
        self.default_factory = default_factory


def field(*, default: Any = MISSING, default_factory: Callable[[], Any] | Any = MISSING) -> Any:
    """A field's default or default factory (as dataclasses.field)."""
    return _Field(default, default_factory)


def _first_init(self: Any, *args: Any, **kwargs: Any) -> None:
    """A class's `__init__` until its first object: it puts the class's own `__init__` in its
    place (`_compiled_init`), then builds the object with it."""
    cls = self.__class__
    cls.__init__ = _compiled_init(cls)
    cls.__init__(self, *args, **kwargs)


def _init_source(cls: Any) -> tuple[str, dict[str, Any]]:
    """The source of the `__init__` a dataclass would have, and the names it needs (the
    scope): the fields as parameters in order, each default (`_d_<name>`), default factory
    (`_f_<name>`) and `__post_init__` as declared."""
    names: tuple[str, ...] = cls.__value_names__
    scope: dict[str, Any] = {"_set": object.__setattr__, "_MISSING": MISSING}
    params, body = [], []
    for name in names:
        default, factory = cls.__value_defaults__.get(name, (MISSING, MISSING))
        if default is not MISSING:
            scope[f"_d_{name}"] = default
            params.append(f"{name}=_d_{name}")
        elif factory is not MISSING:
            scope[f"_f_{name}"] = factory
            params.append(f"{name}=_MISSING")
            body.append(f"    if {name} is _MISSING:\n        {name} = _f_{name}()")
        else:
            params.append(name)
        body.append(f"    _set(self, {name!r}, {name})")
    if cls.__value_post__ is not None:
        body.append("    self.__post_init__()")
    source = (f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body or ["    pass"])
              + "\n")
    return source, scope


# The makers of engine/inits.py by the source they were generated from (None: not read yet).
_makers: dict[str, Any] | None = None


def _known_makers() -> dict[str, Any]:
    global _makers
    if _makers is None:
        try:
            from .inits import MAKERS
        except ModuleNotFoundError as exc:  # only before it is first generated
            if exc.name != f"{__package__}.inits":
                raise
            MAKERS = {}
        _makers = MAKERS
    return _makers


def _compiled_init(cls: Any) -> Callable[..., None]:
    """The class's own `__init__`, made when it makes its first object, and only for the
    classes a run uses (@dataclass compiles it, ~0.5 ms a class, at import). The generated
    module engine/inits.py holds the `__init__` of every record of the engine and render
    packages, keyed by its exact source, so Python's bytecode cache serves it; a class not
    there (a record changed since it was generated, one a test defines) is compiled here
    (~0.25 ms). Per object it is several times cheaper than a generic `__init__` (a pair or a
    field is made a thousand times a check)."""
    source, scope = _init_source(cls)
    maker = _known_makers().get(source)
    init: Callable[..., None]
    if maker is not None:
        init = maker(**scope)
    else:
        exec(compile(source, f"<init of {cls.__qualname__}>", "exec"), scope)
        init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


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
    for name, method in (("__init__", _first_init), ("__eq__", _eq), ("__repr__", _repr),
                         ("__reduce__", _reduce)):
        namespace.setdefault(name, method)
    if frozen:
        namespace.update(__setattr__=_frozen_setattr, __delattr__=_frozen_delattr)
    if "__hash__" not in cls.__dict__ or cls.__dict__["__hash__"] is None:
        namespace["__hash__"] = _hash if frozen else None
    made = type(cls.__name__, (object,), namespace)
    made.__qualname__ = cls.__qualname__
    return made



@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: Cls) -> Cls:
    """A frozen, hashable, slotted value class (as @dataclass(frozen=True, slots=True))."""
    return _make(cls, frozen=True)  # type: ignore[return-value]


@dataclass_transform(field_specifiers=(field,))
def record_mutable(cls: Cls) -> Cls:
    """A slotted value class whose fields can be set (as @dataclass(slots=True))."""
    return _make(cls, frozen=False)  # type: ignore[return-value]



def replace(obj: V, **changes: Any) -> V:
    """A copy of a value object with some fields changed (as dataclasses.replace)."""
    cls: Any = obj.__class__
    made: V = cls(**{name: changes.pop(name) if name in changes else getattr(obj, name)
                     for name in cls.__value_names__}, **changes)
    return made


# engine/inits.py: the packages whose records it holds, and the command that writes it again.
INIT_PACKAGES = ("engine", "render")
INITS_COMMAND = "python -m engine.values"


def record_classes(packages: tuple[str, ...] = INIT_PACKAGES) -> list[type]:
    """Every record class of the packages (classes with `__value_names__`, nested ones
    included), after importing each of their modules: a module that fails to import is an
    error, not a module left out. The packages are named, not imported here: this is tooling,
    and a module of this layer imports no later one."""
    import importlib
    import pkgutil

    def fail(name: str) -> None:
        raise ImportError(f"cannot import {name}")  # (walk_packages would skip the package)

    found: dict[str, type] = {}
    seen: set[type] = set()

    def collect(namespace: dict[str, Any], module: str) -> None:
        for item in namespace.values():
            if isinstance(item, type) and item.__module__ == module and item not in seen:
                seen.add(item)
                if "__value_names__" in item.__dict__:
                    found[f"{module}.{item.__qualname__}"] = item
                collect(dict(item.__dict__), module)

    for package in packages:
        top = importlib.import_module(package)
        names = [package] + [info.name for info in pkgutil.walk_packages(
            top.__path__, f"{package}.", onerror=fail)]
        for name in names:
            collect(vars(importlib.import_module(name)), name)
    return [found[key] for key in sorted(found)]


def inits_text(classes: list[type]) -> str:
    """The text of engine/inits.py for these classes: for each distinct `__init__` source, a
    maker that defines it with `_init_source`'s scope as its parameters and returns it; MAKERS
    by that exact source (a class whose fields change no longer finds its entry). Sorted, so
    the same classes always give the same text."""
    import textwrap
    from hashlib import sha256

    users: dict[str, list[str]] = {}
    params: dict[str, list[str]] = {}
    for cls in classes:
        source, scope = _init_source(cls)
        users.setdefault(source, []).append(f"{cls.__module__}.{cls.__qualname__}")
        params[source] = list(scope)
    lines = [
        f"# GENERATED by `{INITS_COMMAND}` (make inits) from the record classes of the",
        f"# {' and '.join(INIT_PACKAGES)} packages: do not edit by hand (tests/test_values.py "
        "fails when it",
        "# is out of date).",
        "# mypy: ignore-errors",
        '"""The `__init__` of every record class (engine/values.py), as source, so that Python\'s',
        "bytecode cache serves it instead of compile() in each process: `_compiled_init` looks a",
        "class's generated source up in MAKERS and calls the maker with its scope. Stdlib only,",
        'imports nothing."""',
    ]
    sources = sorted(users)
    # A maker is named by its source's hash, so a class added or changed renames no other one.
    maker = {source: f"_m_{sha256(source.encode()).hexdigest()[:10]}" for source in sources}
    for source in sources:
        lines += ["", ""]
        lines += textwrap.wrap(", ".join(sorted(users[source])), 96, initial_indent="# ",
                               subsequent_indent="# ", break_on_hyphens=False)
        lines.append(f"def {maker[source]}({', '.join(params[source])}):")
        lines += [f"    {line}" for line in source.splitlines()]
        lines.append("    return __init__")
    lines += ["", "", "MAKERS = {"]
    lines += [f"    {source!r}: {maker[source]}," for source in sources]
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> None:
    """`python -m engine.values`: write engine/inits.py again from the records there are now."""
    from pathlib import Path

    classes = record_classes()
    text = inits_text(classes)
    path = Path(__file__).with_name("inits.py")
    if path.exists() and path.read_text("utf-8") == text:
        print(f"{path}: up to date ({len(classes)} records)")
        return
    path.write_text(text, "utf-8")
    print(f"{path}: written ({len(classes)} records, {text.count(chr(10) + 'def ')} makers)")


if __name__ == "__main__":  # this file runs as __main__, a copy apart from engine.values's
    from engine.values import main as _main

    _main()
