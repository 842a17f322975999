"""engine/values.py's records behave as the dataclasses they replace: construction (positional,
keyword, defaults, factories, __post_init__), equality, hashing, repr, immutability, replace
and pickling, side by side with the same class made by @dataclass. The generated engine/inits.py
is current, gives each engine record its `__init__` without compile(), and gives the same
`__init__` as compile() does; a record it does not hold is compiled."""

from __future__ import annotations

import builtins
import copy
import dataclasses
import inspect
import pickle
from collections.abc import Callable
from typing import Any

import pytest

from engine import values
from engine.values import (
    INITS_COMMAND,
    field,
    inits_text,
    record,
    record_classes,
    record_mutable,
    replace,
)

from .conftest import ROOT


def _post(self: Any) -> None:
    if self.a < 0:
        raise ValueError("negative")


def pair(kind: str) -> tuple[type, type]:
    """The same class as a record and as a dataclass (frozen or mutable)."""
    ns: dict[str, Any] = {
        "__annotations__": {"a": "int", "b": "str", "c": "Any"},
        "b": "x", "__post_init__": _post,
        "total": property(lambda self: self.a + len(self.c)),
    }
    factory = list if kind == "mutable" else tuple
    mine = dict(ns, c=field(default_factory=factory))
    theirs = dict(ns, c=dataclasses.field(default_factory=factory))
    if kind == "frozen":
        return (record(type("R", (), mine)),
                dataclasses.dataclass(frozen=True, slots=True)(type("R", (), theirs)))
    return (record_mutable(type("R", (), mine)),
            dataclasses.dataclass(slots=True)(type("R", (), theirs)))


def _hash(obj: object) -> int | str:
    try:
        return hash(obj)
    except TypeError as exc:
        return str(exc)


CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((1,), {}), ((1, "y"), {}), ((1, "y", [2]), {}), ((), {"a": 3, "c": [1, 2]}),
    ((1,), {"b": "z"}), ((), {"b": "z", "a": 0}),
]
BAD_CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((), {}), ((1, "y", [], 4), {}), ((1,), {"a": 2}), ((1,), {"d": 2}), ((-1,), {}),
    ((-1, "y", []), {}),
]


@pytest.mark.parametrize("kind", ["frozen", "mutable"])
def test_a_record_is_built_compared_and_shown_as_a_dataclass(kind: str) -> None:
    mine, theirs = pair(kind)
    for args, kwargs in CALLS:
        r, d = mine(*args, **kwargs), theirs(*args, **kwargs)
        assert repr(r) == repr(d)
        assert r.total == d.total
        assert r == mine(*args, **kwargs) and r != mine(7) and r != d
        if kind == "frozen":
            assert _hash(r) == _hash(d)  # the hash of the field values, or unhashable
            assert _hash(mine(*args[:1], **{k: v for k, v in kwargs.items() if k != "c"})) \
                == _hash(theirs(*args[:1], **{k: v for k, v in kwargs.items() if k != "c"}))
            with pytest.raises(AttributeError):
                r.a = 5
        else:
            with pytest.raises(TypeError):
                hash(r)
            r.a = 5
            d.a = 5
            assert repr(r) == repr(d)
        assert not hasattr(r, "__dict__")
        if kind == "mutable":
            assert mine(1).c is not mine(1).c  # a fresh default from the factory each time
    for args, kwargs in BAD_CALLS:
        for cls in (mine, theirs):
            with pytest.raises((TypeError, ValueError)) as caught:
                cls(*args, **kwargs)
        assert caught.type is not None


@pytest.mark.parametrize("kind", ["frozen", "mutable"])
def test_a_record_survives_pickle_copy_and_replace(kind: str) -> None:
    mine, _ = pair(kind)
    globals()["R"] = mine  # pickle finds a class by its module and name
    mine.__module__ = __name__
    r = mine(1, "y", [2])
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(r, protocol=protocol))
        assert back == r and type(back) is mine
    assert copy.copy(r) == r and copy.deepcopy(r) == r
    changed = replace(r, b="z")
    assert (changed.a, changed.b, changed.c) == (1, "z", [2]) and r.b == "y"
    with pytest.raises(ValueError):
        replace(r, a=-1)  # __post_init__ runs, as with dataclasses.replace
    with pytest.raises(TypeError):
        replace(r, d=1)


def test_a_non_default_field_after_a_default_is_refused() -> None:
    with pytest.raises(TypeError):
        record(type("Bad", (), {"__annotations__": {"a": "int", "b": "int"}, "a": 1}))


def test_a_read_document_survives_pickle() -> None:
    """engine.document.Document pickles its positions as numbers (the sources cache)."""
    from pathlib import Path

    from engine.readfile import read_file

    doc = read_file(Path(__file__).resolve().parent.parent / "policy" / "ja.yaml").document
    assert doc is not None and len(doc.positions) > 100 and doc.key_positions
    back = pickle.loads(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == doc and type(back) is type(doc)
    assert list(back.positions) == list(doc.positions)  # the same order
    assert list(back.key_positions.items()) == list(doc.key_positions.items())
    assert back.pos(("clauses", 0, "title")) == doc.pos(("clauses", 0, "title"))


# engine/inits.py: the records' __init__ from committed source (Python's bytecode cache), not compile()

ENGINE_RECORDS = record_classes()


def test_the_committed_inits_module_is_current() -> None:
    committed = (ROOT / "engine" / "inits.py").read_text("utf-8")
    assert inits_text(ENGINE_RECORDS) == committed, (
        f"engine/inits.py is out of date: run `{INITS_COMMAND}` (make inits) and commit it")
    assert len(ENGINE_RECORDS) > 50  # the engine's and render's records were found
    assert {"engine.findings.Diagnostic", "render.view.Edition"} <= {
        f"{cls.__module__}.{cls.__qualname__}" for cls in ENGINE_RECORDS}


def _no_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("compile() called")

    monkeypatch.setattr(values, "compile", refuse, raising=False)  # (engine.values's only)


def test_every_engine_record_takes_its_init_from_the_module(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _no_compile(monkeypatch)
    for cls in ENGINE_RECORDS:
        init = values._compiled_init(cls)
        assert init.__code__.co_filename.endswith("inits.py"), cls
        assert init.__qualname__ == f"{cls.__qualname__}.__init__"


def test_a_known_records_first_object_compiles_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    from engine.findings import Code, Severity

    monkeypatch.setattr(Code, "__init__", values._first_init)  # as before its first object
    _no_compile(monkeypatch)
    code = Code("TEST999", Severity.ERROR, "a test code")
    assert Code.__init__ is not values._first_init
    assert Code.__init__.__code__.co_filename.endswith("inits.py")
    assert (code.code, code.severity) == ("TEST999", Severity.ERROR)


def _compiled(cls: Any, monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """The class's `__init__` as compile() makes it (no makers)."""
    with monkeypatch.context() as patch:
        patch.setattr(values, "_makers", {})
        init = values._compiled_init(cls)
    assert not init.__code__.co_filename.endswith("inits.py")
    return init


@pytest.mark.parametrize("cls", ENGINE_RECORDS, ids=lambda cls: cls.__qualname__)
def test_an_engine_records_init_is_the_compiled_one(
        cls: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same parameters, defaults (the very objects) and fields set, either way."""
    compiled, made = _compiled(cls, monkeypatch), values._compiled_init(cls)
    assert inspect.signature(made) == inspect.signature(compiled)
    assert made.__defaults__ == compiled.__defaults__
    assert all(a is b for a, b in zip(made.__defaults__ or (), compiled.__defaults__ or (),
                                      strict=True))
    assert made.__qualname__ == compiled.__qualname__
    if cls.__value_post__ is not None:
        return  # (its __post_init__ wants real values)
    required = [name for name in cls.__value_names__ if name not in cls.__value_defaults__]
    args = [object() for _ in required]
    objects = []
    for init in (made, compiled):
        obj = object.__new__(cls)
        init(obj, *args)
        objects.append([getattr(obj, name) for name in cls.__value_names__])
    assert objects[0] == objects[1]


def _error(cls: type, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    try:
        cls(*args, **kwargs)
    except (TypeError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}"
    raise AssertionError("no error")


@pytest.mark.parametrize("kind", ["frozen", "mutable"])
def test_a_generated_maker_gives_what_compile_gives(
        kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test's record (defaults, a factory, __post_init__) through a maker that inits_text
    wrote, and the same record compiled: the same objects and the same errors."""
    compiled, _ = pair(kind)
    compiled(1)  # its first object: not in the module, so compiled
    assert compiled.__init__.__code__.co_filename == "<init of R>"
    generated, _ = pair(kind)
    namespace: dict[str, Any] = {}
    exec(inits_text([generated]), namespace)
    monkeypatch.setattr(values, "_makers", namespace["MAKERS"])
    _no_compile(monkeypatch)
    generated(1)
    assert generated.__init__.__code__.co_filename == "<string>"  # the maker's
    assert generated.__init__.__qualname__ == compiled.__init__.__qualname__ == "R.__init__"
    for args, kwargs in CALLS:
        a, b = generated(*args, **kwargs), compiled(*args, **kwargs)
        assert repr(a) == repr(b)
        assert a == generated(*args, **kwargs) and a != generated(7)
    if kind == "mutable":
        assert generated(1).c is not generated(1).c  # a fresh default from the factory
    for args, kwargs in BAD_CALLS:
        assert _error(generated, args, kwargs) == _error(compiled, args, kwargs)


def test_a_record_the_module_does_not_hold_is_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = builtins.compile

    def counted(source: Any, filename: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(filename)
        return real(source, filename, *args, **kwargs)

    @record
    class Local:
        first_of_its_kind_in_this_test: int
        tags: tuple[str, ...] = field(default_factory=tuple)

    monkeypatch.setattr(values, "compile", counted, raising=False)
    assert Local(1) == Local(1, ()) and Local(2, ("x",)).tags == ("x",)
    assert calls == ["<init of test_a_record_the_module_does_not_hold_is_compiled.<locals>.Local>"]
    with pytest.raises(TypeError, match=r"Local.__init__\(\) missing 1 required positional"):
        Local()
