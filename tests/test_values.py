"""engine/values.py's records behave as the dataclasses they replace: construction (positional,
keyword, defaults, factories, __post_init__), equality, hashing, repr, immutability, replace
and pickling, side by side with the same class made by @dataclass."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any

import pytest

from engine.values import field, record, record_mutable, replace


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

    from engine.read import read_file

    doc = read_file(Path(__file__).resolve().parent.parent / "policy" / "ja.yaml").document
    assert doc is not None and len(doc.positions) > 100 and doc.key_positions
    back = pickle.loads(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == doc and type(back) is type(doc)
    assert list(back.positions) == list(doc.positions)  # the same order
    assert list(back.key_positions.items()) == list(doc.key_positions.items())
    assert back.pos(("clauses", 0, "title")) == doc.pos(("clauses", 0, "title"))
