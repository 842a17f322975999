"""Wrong arguments to the engine raise clear errors; decisions are immutable; threads agree.

Services call `policy.allows` with whatever their code passes. A typo or a wrong type must raise
(never read as a silent deny), an unknown term must be `UnknownTermError` (a `ValueError`, for
flags too), and what the engine returns must not be changeable by the caller.
"""

from __future__ import annotations

import copy
import itertools
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

import engine
from engine import InvalidQueryError, QueryTypeError, UnknownTermError
from engine.bundle import load as load_policy  # see test_engine_load_survives_a_folder_compile

from .conftest import FIXTURES, ROOT

MINI = FIXTURES / "mini"


@pytest.fixture(scope="module")
def pol() -> Any:
    return load_policy(MINI)


def _valid(pol: Any) -> tuple[str, str, str]:
    return pol.terms("actions")[0], pol.terms("data")[0], pol.terms("purposes")[0]


def _one_line(exc: BaseException) -> None:
    text = str(exc)
    assert text and "\n" not in text


def test_unknown_term_error_is_a_value_error() -> None:
    assert issubclass(UnknownTermError, ValueError)
    assert issubclass(UnknownTermError, InvalidQueryError)
    assert not issubclass(UnknownTermError, TypeError)
    assert issubclass(QueryTypeError, ValueError)


WRONG_TYPES: list[object] = [None, 0, 1, -1, 1.5, True, False, b"use", ["use"], ("use",),
                             {"use"}, {"use": 1}, object(), 10**100]


@pytest.mark.parametrize("position", [0, 1, 2], ids=["action", "data", "purpose"])
@pytest.mark.parametrize("value", WRONG_TYPES, ids=[repr(v)[:20] for v in WRONG_TYPES])
def test_wrong_type_of_term_raises_query_type_error(pol: Any, position: int, value: object) -> None:
    args: list[object] = list(_valid(pol))
    args[position] = value
    with pytest.raises(QueryTypeError) as info:
        pol.allows(*args)
    assert isinstance(info.value, ValueError)
    assert ("action", "data", "purpose")[position] in str(info.value)
    _one_line(info.value)


@pytest.mark.parametrize("position", [0, 1, 2], ids=["action", "data", "purpose"])
@pytest.mark.parametrize("value", ["", " ", "USE", "use ", "colect", "contact\n", "*", "%",
                                   "\u200buse", "ｕｓｅ", "a" * 10_000])
def test_unknown_or_empty_term_raises_unknown_term_error(pol: Any, position: int,
                                                         value: str) -> None:
    args: list[object] = list(_valid(pol))
    args[position] = value
    with pytest.raises(UnknownTermError) as info:
        pol.allows(*args)
    assert info.value.kind.startswith(("action", "data", "purpose"))
    _one_line(info.value)


def test_unknown_term_names_the_closest_known_ids(pol: Any) -> None:
    action, data, purpose = _valid(pol)
    with pytest.raises(UnknownTermError) as info:
        pol.allows(action[:-1], data, purpose)
    assert action in info.value.suggestions


def test_arguments_in_the_wrong_order_are_said_to_be_so(pol: Any) -> None:
    """A known term in another place is not a misspelling: the error says what it is, and
    suggests no look-alike of the wrong kind."""
    action, data, purpose = _valid(pol)
    flag = pol.flags[0]
    for args, said in [((data, action, purpose), f"{data!r} is a data category"),
                       ((action, purpose, data), f"{purpose!r} is a purpose"),
                       ((action, data, flag), f"{flag!r} is a context flag; pass it by name "
                                              f"({flag}=True)")]:
        with pytest.raises(UnknownTermError) as info:
            pol.allows(*args)
        assert said in str(info.value) and info.value.suggestions == ()
        _one_line(info.value)


@pytest.mark.parametrize("flag", ["consnt", "Consent", "", "opted-out", "consent ", "x" * 500])
def test_unknown_flag_is_unknown_term_error_not_type_error(pol: Any, flag: str) -> None:
    with pytest.raises(UnknownTermError) as info:
        pol.allows(*_valid(pol), **{flag: True})
    assert not isinstance(info.value, TypeError)
    _one_line(info.value)


@pytest.mark.parametrize("value", [None, 0, 1, "true", "", "False", [], [True], 1.0, object()],
                         ids=lambda v: repr(v)[:20])
def test_non_bool_flag_value_raises(pol: Any, value: object) -> None:
    flag = pol.flags[0]
    with pytest.raises(QueryTypeError) as info:
        pol.allows(*_valid(pol), **{flag: value})
    assert flag in str(info.value)


def test_wrong_arity_raises_type_error(pol: Any) -> None:
    a, d, p = _valid(pol)
    with pytest.raises(TypeError):
        pol.allows(a, d)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        pol.allows(a, d, p, True)  # type: ignore[misc]
    with pytest.raises(TypeError):
        pol.allows(a, d, p, action=a)  # type: ignore[misc]


def test_decide_with_a_mapping_works_and_matches_allows(pol: Any) -> None:
    a, d, p = _valid(pol)
    flag = pol.flags[0]
    assert pol.decide(a, d, p, {flag: True}) == pol.allows(a, d, p, **{flag: True})
    assert pol.decide(a, d, p) == pol.allows(a, d, p)


@pytest.mark.parametrize("context", [["consent"], [1], "consent", 5])
def test_decide_with_a_non_mapping_context_raises_invalid_query(pol: Any, context: Any) -> None:
    with pytest.raises(InvalidQueryError):
        pol.decide(*_valid(pol), context)


def test_a_context_key_that_is_not_a_string_is_named_with_the_flags(pol: Any) -> None:
    """{1: True} said only "context flags must be strings": neither which key nor the flags."""
    with pytest.raises(QueryTypeError) as info:
        pol.decide(*_valid(pol), {pol.flags[0]: False, 1: True})
    said = str(info.value)
    assert "not int 1" in said and f"the flags are: {', '.join(pol.flags)}" in said


@pytest.mark.parametrize("lang", ["", "xx", "JA", 1, "ja "])
def test_explain_in_an_unknown_language_raises(pol: Any, lang: Any) -> None:
    d = pol.allows(*_valid(pol))
    with pytest.raises(UnknownTermError):
        d.explain(lang)
    assert d.explain(None) == d.explain()  # no language: the default (test_engine_api.py)


@pytest.mark.parametrize("path", [None, 123, 1.5, ["policy"], b"policy"],
                         ids=lambda v: repr(v)[:20])
def test_load_with_a_wrong_type_raises_type_error(path: Any) -> None:
    with pytest.raises(TypeError) as info:
        load_policy(path)
    _one_line(info.value)


@pytest.mark.parametrize("path", ["", "/nonexistent/policy", str(MINI / "ja.yaml" / "x")])
def test_load_of_a_missing_path_raises_policy_load_error(path: str) -> None:
    with pytest.raises(engine.PolicyLoadError) as info:
        load_policy(path)
    assert info.value.diagnostics and info.value.diagnostics[0].code.startswith("IO")


def test_load_of_a_broken_folder_lists_its_diagnostics(tmp_path: Path) -> None:
    folder = tmp_path / "policy"
    folder.mkdir()
    (folder / "ja.yaml").write_text("lang: [ja\n", "utf-8")
    with pytest.raises(engine.PolicyLoadError) as info:
        load_policy(folder)
    assert [(d.code, d.line) for d in info.value.diagnostics][:1] == [("YAML016", 1)]  # the [


def test_engine_load_survives_a_folder_compile(tmp_path: Path) -> None:
    """Compiling a folder imports the YAML phase; `engine.load` must stay the function."""
    code = (
        "import sys, engine\n"
        "try:\n    engine.load(sys.argv[1])\nexcept engine.PolicyLoadError:\n    pass\n"
        "print(callable(engine.load))\n"
    )
    (tmp_path / "ja.yaml").write_text("lang: [ja\n", "utf-8")
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip() == "True", proc.stdout + proc.stderr


# -- immutability ---------------------------------------------------------------------------


def _all_decisions(pol: Any) -> list[Any]:
    out = []
    flagsets = [dict(zip(pol.flags, values, strict=True))
                for values in itertools.product([False, True], repeat=len(pol.flags))]
    for a, d, p in itertools.product(pol.terms("actions"), pol.terms("data"),
                                     pol.terms("purposes")):
        for flags in flagsets:
            out.append(pol.allows(a, d, p, **flags))
    return out


def test_decisions_and_their_parts_cannot_be_changed(pol: Any) -> None:
    decisions = _all_decisions(pol)
    assert any(d.allowed for d in decisions) and any(not d.allowed for d in decisions)
    assert any(d.obligations for d in decisions)
    for d in decisions:
        for target, name in [(d, "allowed"), (d, "clauses"), (d, "policy_version"),
                             (d, "new_attribute"), (d.query, "action"), (d.query, "context")]:
            with pytest.raises(AttributeError):
                setattr(target, name, None)
        with pytest.raises(AttributeError):
            del d.allowed
        assert isinstance(d.clauses, tuple) and isinstance(d.obligations, tuple)
        assert isinstance(d.failed_conditions, tuple) and isinstance(d.query.context, tuple)
        for ref in d.clauses:
            with pytest.raises(AttributeError):
                ref.number = "1"
        for ob in d.obligations:
            with pytest.raises(AttributeError):
                ob.id = "x"
        for cond in d.failed_conditions:
            with pytest.raises(AttributeError):
                cond.given = True
        hash(d)  # a value: usable as a key


def test_mutating_json_of_a_decision_does_not_change_the_decision(pol: Any) -> None:
    d = next(x for x in _all_decisions(pol) if x.clauses)
    before = copy.deepcopy(d.to_json("en"))
    mangled = d.to_json("en")
    mangled["allowed"] = not mangled["allowed"]
    mangled["clauses"].clear()
    mangled["query"]["context"]["injected"] = True
    again = pol.allows(d.query.action, d.query.data, d.query.purpose, **dict(d.query.context))
    assert again.to_json("en") == before


def test_what_the_policy_hands_out_cannot_change_it(pol: Any) -> None:
    d = next(x for x in _all_decisions(pol) if x.clauses)
    before = d.explain("en")
    path = d.clauses[0].id
    try:
        pol.clause(path)["title"] = {lang: "HACKED" for lang in pol.languages}
        pol.clause(path)["number"] = "999"
    except TypeError:
        pass  # read-only: what we want
    try:
        pol.vocabulary["actions"].clear()
    except (TypeError, AttributeError):
        pass
    assert d.explain("en") == before
    assert pol.terms("actions")


# -- threads --------------------------------------------------------------------------------


def test_concurrent_calls_give_the_serial_answers() -> None:
    reference = load_policy(MINI)
    expected = [d.to_json("en") for d in _all_decisions(reference)]
    shared = load_policy(MINI)  # a cold cache: threads race to fill it
    queries = [(d["query"]["action"], d["query"]["data"], d["query"]["purpose"],
                d["query"]["context"]) for d in expected]
    n_threads = 8
    barrier = threading.Barrier(n_threads)
    results: list[list[dict[str, Any]] | None] = [None] * n_threads
    errors: list[BaseException] = []

    def worker(k: int) -> None:
        try:
            barrier.wait()
            order = queries[k:] + queries[:k]  # each thread starts somewhere else
            got = {(*q[:3], tuple(sorted(q[3].items()))): shared.allows(q[0], q[1], q[2], **q[3])
                   for q in order for _ in range(3)}
            results[k] = [got[(*q[:3], tuple(sorted(q[3].items())))].to_json("en")
                          for q in queries]
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for got in results:
        assert got == expected


def test_first_use_of_the_shipped_policy_from_many_threads() -> None:
    """The shipped policy loads lazily; many threads asking at once must all get answers."""
    code = """
import threading, json
from engine import policy
start = threading.Barrier(8)
out, errors = [], []
def ask():
    try:
        start.wait()
        a, d, p = policy.terms("actions")[0], policy.terms("data")[0], policy.terms("purposes")[0]
        out.append(json.dumps(policy.allows(a, d, p).to_json("en"), sort_keys=True))
    except BaseException as exc:
        errors.append(repr(exc))
ts = [threading.Thread(target=ask) for _ in range(8)]
[t.start() for t in ts]; [t.join() for t in ts]
print(len(out), len(set(out)), errors)
"""
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["8", "1", "[]"]
