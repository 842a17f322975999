"""The model has two ways in, and they must agree (engine/schema.py build_model):

* the fast path: the committed schema's predicate (engine/jsonfit.py) accepts the file, and
  engine/model.py `from_data` builds the dataclasses straight from the data;
* the pydantic twin (engine/pydmodel.py), which decided every file before and still explains
  every file with a mistake.

For the shipped editions and test tables, the malformed corpus, and thousands of mutations of
the shipped files, the fast path must never accept what pydantic refuses, and must build
exactly the model pydantic builds. The twin must also generate the committed schemas."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from engine import model as m
from engine.document import Document
from engine.model import NotPlain, from_data
from engine.pydmodel import validate
from engine.readfile import read_file
from engine.schema import _MODELS, Kind, _fits, build_model, json_schema, validation_schema

from .conftest import POLICY

HERE = Path(__file__).resolve().parent
SHIPPED: list[tuple[Kind, Path]] = [
    ("master", POLICY / "ja.yaml"), ("translation", POLICY / "en.yaml"),
    ("translation", POLICY / "ru.yaml"),
    *(("tests", p) for p in sorted((POLICY / "tests").glob("*.yaml")))]


def _doc(path: Path) -> Document:
    doc = read_file(path).document
    assert doc is not None
    return doc


def _pydantic(kind: Kind, data: Any) -> m.Master | m.Translation | m.TestTable | None:
    try:
        return validate(_MODELS[kind], data)
    except ValidationError:
        return None


def _agree(kind: Kind, data: Any) -> None:
    """The fast path takes only what pydantic takes, and builds the same model."""
    want = _pydantic(kind, data)
    if _fits(kind)(data):
        try:
            fast = from_data(_MODELS[kind], data)
        except NotPlain:
            fast = None  # left to pydantic, as build_model does
        else:
            assert want is not None, "the fast path accepted what pydantic refuses"
            assert fast == want
            assert type(fast) is type(want)


@pytest.mark.parametrize(("kind", "path"), SHIPPED, ids=[p.name for _, p in SHIPPED])
def test_the_shipped_files_take_the_fast_path_to_the_same_model(kind: Kind, path: Path) -> None:
    data = _doc(path).data
    assert _fits(kind)(data), "a valid shipped file must not need pydantic"
    assert from_data(_MODELS[kind], data) == _pydantic(kind, data)


def _malformed() -> list[tuple[Kind, Path]]:
    from ruamel.yaml import YAML

    cases = YAML(typ="safe").load((HERE / "malformed" / "cases.yaml").read_text("utf-8"))
    out: list[tuple[Kind, Path]] = []
    for c in cases:
        path = HERE / "malformed" / "files" / str(c.get("file", ""))
        if c.get("slot") in ("master", "translation") and path.is_file():
            out.append(("master" if c["slot"] == "master" else "translation", path))
    return out


@pytest.mark.parametrize(("kind", "path"), _malformed(), ids=lambda x: getattr(x, "name", x))
def test_the_malformed_corpus_gets_the_same_verdict_and_findings(kind: Kind, path: Path) -> None:
    doc = read_file(path).document
    if doc is None or not isinstance(doc.data, dict):
        return
    _agree(kind, doc.data)
    model, found = build_model(doc, kind)
    assert model == _pydantic(kind, doc.data)
    assert (model is None) == bool(found)


def _paths(data: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [at]
    if isinstance(data, dict):
        for k, v in data.items():
            out.extend(_paths(v, (*at, k)))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.extend(_paths(v, (*at, i)))
    return out


# Values that sit on the edges between the two paths: strictness, dates, patterns, bounds.
TRICKY: list[Any] = [
    None, True, False, 0, 1, -1, 9999, 10000, 1.0, 2.5, "", " ", "x", "1", "true",
    "2026-02-30", "2026-12-01", "2026-12-01T00:00:00", "2026-1-5", dt.date(2026, 12, 1),
    "a\n", "use contact newsletter\n", "abc-def", "abc_def", "ABC", "*", "ja", "jpn",
    "0123456789", "0123456789\n", "1.2.3", "01.2.3", "a@b.co", "https://x", "permit",
    "forbid", "allow", "deny", "published", "JP", [], [1], ["x"], ["use"], {}, {"x": 1},
    {"text": "x"}, {"obligations": ["x"]}, {"same_as": {"purposes": "x"}},
]


@pytest.mark.parametrize(("kind", "path"), SHIPPED[:4], ids=[p.name for _, p in SHIPPED[:4]])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutations_of_the_shipped_files_get_the_same_verdict(kind: Kind, path: Path,
                                                              data: st.DataObject) -> None:
    original = _doc(path).data
    paths = [p for p in _paths(original) if p]
    mutated = copy.deepcopy(original)
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(paths))
        parent: Any = mutated
        try:
            for step in where[:-1]:
                parent = parent[step]
            action = data.draw(st.sampled_from(["replace", "replace", "drop", "add"]))
            if action == "replace":
                parent[where[-1]] = copy.deepcopy(data.draw(st.sampled_from(TRICKY)))
            elif action == "drop":
                del parent[where[-1]]
            elif isinstance(parent, dict):
                parent[data.draw(st.sampled_from(["except", "for", "extra", "id", "text"]))] = \
                    copy.deepcopy(data.draw(st.sampled_from(TRICKY)))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation moved this path
    _agree(kind, mutated)


@pytest.mark.parametrize("kind", ["master", "translation", "tests"])
def test_the_twin_generates_the_committed_schema(kind: Kind) -> None:
    assert json_schema(kind) == validation_schema(kind)
