"""engine/model.py's `model` classes behave as frozen, keyword-only value objects: equal and
hashed by value, immutable, pickled by value (the sources cache), with every declared default."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from engine import model as m
from engine.loader import load_folder

from .conftest import POLICY


def test_a_model_object_is_a_frozen_value() -> None:
    a = m.RuleExcept(actions=("use",))
    b = m.RuleExcept(actions=("use",))
    assert a == b and hash(a) == hash(b)
    assert a != m.RuleExcept(data=("use",))
    assert a.data == () and a.purposes == ()
    with pytest.raises(AttributeError):
        a.actions = ()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del a.actions  # type: ignore[misc]
    assert not hasattr(a, "__dict__")
    assert repr(a) == "RuleExcept(actions=('use',), data=(), purposes=())"


def test_construction_is_by_keyword_with_the_declared_defaults() -> None:
    with pytest.raises(TypeError, match="missing 'id'"):
        m.Revision(date=None)  # type: ignore[call-arg, arg-type]
    with pytest.raises(TypeError, match="no field 'nope'"):
        m.RuleExcept(nope=1)  # type: ignore[call-arg]
    first, second = m.TVocabulary(), m.TVocabulary()
    assert first.actions == {} and first.actions is not second.actions  # a factory per object
    text = m.TText(text="x")  # inherited fields first, with their defaults
    assert [f.name for f in m.fields_of(text)] == ["source", "target", "origin", "waivers",
                                                  "text"]
    assert text.waivers == () and text.source is None


def test_the_loaded_policy_pickles_to_an_equal_policy() -> None:
    src = load_folder(POLICY, cache=False)
    assert src.master is not None
    again = pickle.loads(pickle.dumps(src, protocol=pickle.HIGHEST_PROTOCOL))
    assert again.master == src.master and again.translations == src.translations
    assert type(again.master.clauses[0]) is m.Clause


def _model_classes(cls: type) -> list[type]:
    return [c for sub in cls.__subclasses__() for c in (sub, *_model_classes(sub))]


def test_the_type_hints_of_every_model_class_are_what_get_type_hints_says() -> None:
    """from_data's plan evaluates each annotation's text once per process (m._type_hints)."""
    import typing

    classes = [m._Model, *_model_classes(m._Model)]
    assert len(classes) > 20
    for cls in classes:
        hints = m._type_hints(cls)
        assert hints is not None, cls
        assert list(hints.items()) == list(typing.get_type_hints(cls,
                                                                 include_extras=True).items())


def test_a_quoted_name_is_left_to_get_type_hints() -> None:
    @m.model
    class Quoted:
        items: tuple["Quoted", ...] = ()  # noqa: UP037

    assert m._type_hints(Quoted) is None


def test_units_are_kept_per_model_and_follow_each_model() -> None:
    """A model's units are worked out once (they are asked for a dozen times a check); a
    model with another text has its own, and more models than the memo holds each still
    give their own."""

    def replace(model: m.Master, title: str) -> m.Master:
        values = {f.name: getattr(model, f.name) for f in m.fields_of(model)}
        return m.Master(**{**values, "title": title})

    src = load_folder(POLICY)
    master, ru = src.master, src.translations["ru"]
    assert master is not None
    first, again = list(m.master_units(master)), list(m.master_units(master))
    assert first == again and all(a is b for a, b in zip(first, again, strict=True))
    assert list(m.translation_units(ru)) == list(m.translation_units(ru))
    titles = []
    for i in range(m.MAX_UNITS_KEPT + 4):
        edited = replace(master, f"{master.title} {i}")
        titles.append((edited, f"{master.title} {i}"))
        assert next(m.master_units(edited)).text == f"{master.title} {i}"
    for edited, title in titles:  # the oldest went from the memo: worked out again, right
        assert next(m.master_units(edited)).text == title
    assert next(m.master_units(master)).text == master.title
    assert len(m._UNITS) <= m.MAX_UNITS_KEPT


def test_units_of_a_model_gone_are_not_another_models_with_its_id() -> None:
    """A model let go may leave its id to the next one made (CPython reuses the memory): the
    units kept for the first are never given for the second."""
    src = load_folder(POLICY)
    master = src.master
    assert master is not None
    values = {f.name: getattr(master, f.name) for f in m.fields_of(master)}
    seen: set[int] = set()
    reused = False
    for i in range(3 * m.MAX_UNITS_KEPT):  # each made, asked and let go: ids come round
        edited = m.Master(**{**values, "title": f"{master.title} {i}"})
        reused = reused or id(edited) in seen
        seen.add(id(edited))
        assert next(m.master_units(edited)).text == f"{master.title} {i}"
        del edited
    assert reused, "no id came round again: the case is not exercised"


def test_the_units_asked_for_last_stay_while_many_other_models_come_and_go() -> None:
    """A build walks many past editions while it asks again and again for the current one's
    units: the memo lets go of the least recently asked, so the current one's stay worked
    out (the same unit objects), however many others came after it was first asked for."""
    src = load_folder(POLICY)
    master = src.master
    assert master is not None
    values = {f.name: getattr(master, f.name) for f in m.fields_of(master)}
    current = list(m.master_units(master))
    others = [m.Master(**{**values, "title": f"{master.title} {i}"})
              for i in range(3 * m.MAX_UNITS_KEPT)]
    for other in others:
        assert next(m.master_units(other)).text == other.title
        again = list(m.master_units(master))  # asked between every two others
        assert all(a is b for a, b in zip(current, again, strict=True))
    assert len(m._UNITS) <= m.MAX_UNITS_KEPT


def test_units_behind_are_the_stamped_units_whose_master_text_changed(policy_copy: Path) -> None:
    """One definition of a stale unit for `policy stamp` (parity.stamp.behind_master) and
    `policy revise`'s to-do (engine/cli/diff.py): a unit stamped against another master text;
    a unit never stamped is not behind."""
    from engine.parity.stamp import behind_master

    ja = policy_copy / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace("全従業者に対し", "全ての従業者に対し", 1), "utf-8")
    en = policy_copy / "en.yaml"
    text = en.read_text("utf-8")
    assert text.count("preamble:\n  source: 557cc292c0\n") == 1  # the English never stamped
    en.write_text(text.replace("preamble:\n  source: 557cc292c0\n", "preamble:\n"), "utf-8")
    src = load_folder(policy_copy)
    assert src.master is not None
    behind = {lang: [(mu.key, own.key) for mu, own in m.units_behind(src.master, tr)]
              for lang, tr in src.translations.items()}
    assert behind == {"en": [], "ru": [("preamble", "preamble")]}
    assert [u.key for u in behind_master(src, "ru")] == ["preamble"]
