"""Property tests of the decision engine (hypothesis) over generated rule sets and the shipped policy.

For any rule set: a prohibition that applies always wins; a permit that applies allows only if
no prohibition applies; a duty (oblige) never decides, and adds its obligations to an allow; every decision cites at least one clause of the policy; decisions are
deterministic; a group query is allowed only if it is allowed for every member; the generated
keyword fast path answers exactly as the generic method. On the shipped policy: `explain()`
works in ja, ru and en and cites the deciding clauses in each language's form.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from engine import CompiledPolicy, Decision, InvalidQueryError, citation, load
from engine.hashing import BUNDLE_FORMAT, content_hash

from .conftest import POLICY

LANGS = ("ja", "ru", "en")
ACTIONS = ("a0", "a1", "a2")
DATA = ("d0", "d1", "d2", "d3")
PURPOSES = ("p0", "p1", "p2")
FLAGS = ("f0", "f1", "f2")
OBLIGATIONS = ("o0", "o1")
DATA_GROUP = "dg"  # a group of data categories, drawn per example


def make_bundle(rules: list[dict[str, Any]], *, flags: tuple[str, ...] = FLAGS,
                data_group: tuple[str, ...] = ("d0", "d1"), version: str = "9.9.9",
                ) -> dict[str, Any]:
    """A valid compiled bundle (as engine.compile writes it) around the given expanded rules.

    Rule i is attached to clause `c<i>` numbered `i+1`, so every rule has its own clause."""

    def terms(ids: tuple[str, ...]) -> dict[str, Any]:
        return {t: {"labels": {lang: f"{t}-{lang}" for lang in LANGS}} for t in ids}

    data = terms(DATA)
    data[DATA_GROUP] = {"labels": {lang: f"group-{lang}" for lang in LANGS},
                        "members": list(data_group)}
    clauses = {
        f"c{i}": {"number": str(i + 1), "anchor": f"c{i}",
                  "title": {lang: f"title {i + 1} {lang}" for lang in LANGS},
                  "excerpt": {lang: "" for lang in LANGS}}
        for i in range(len(rules))
    }
    bundle: dict[str, Any] = {
        "format": BUNDLE_FORMAT,
        "version": version,
        "languages": list(LANGS),
        "prevailing_language": "ja",
        "revised": "2022-04-01",
        "vocabulary": {"actions": terms(ACTIONS), "data": data, "purposes": terms(PURPOSES),
                       "context": terms(flags), "obligations": terms(OBLIGATIONS)},
        "clauses": clauses,
        "rules": [dict(r, clause=f"c{i}") for i, r in enumerate(rules)],
    }
    bundle["hash"] = content_hash(bundle)
    return bundle


def subset(items: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(items), min_size=1, max_size=len(items), unique=True)


RULE = st.fixed_dictionaries({
    "effect": st.sampled_from(["permit", "forbid", "oblige"]),
    "actions": subset(ACTIONS),
    "data": subset(DATA),
    "purposes": subset(PURPOSES),
    "when": st.dictionaries(st.sampled_from(FLAGS), st.booleans(), max_size=2),
    "obligations": st.lists(st.sampled_from(OBLIGATIONS), max_size=2, unique=True),
})
RULES = st.lists(RULE, min_size=1, max_size=8)
GROUP = st.lists(st.sampled_from(DATA), min_size=1, max_size=4, unique=True).map(tuple)
MASKS = [dict(zip(FLAGS, bits, strict=True))
         for bits in itertools.product((False, True), repeat=len(FLAGS))]
LEAVES = list(itertools.product(ACTIONS, DATA, PURPOSES))

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def applies(rule: dict[str, Any], a: str, d: str, p: str, ctx: dict[str, bool]) -> bool:
    return (a in rule["actions"] and d in rule["data"] and p in rule["purposes"]
            and all(ctx.get(f, False) == v for f, v in rule["when"].items()))


def numbers(d: Decision) -> set[str]:
    return {c.number for c in d.clauses}


@SETTINGS
@given(RULES)
def test_prohibition_beats_permissions_and_permit_allows(rules: list[dict[str, Any]]) -> None:
    pol = CompiledPolicy(make_bundle(rules))
    for (a, d, p), ctx in itertools.product(LEAVES, MASKS):
        dec = pol.allows(a, d, p, **ctx)
        forbids = {str(i + 1) for i, r in enumerate(rules)
                   if r["effect"] == "forbid" and applies(r, a, d, p, ctx)}
        permits = {str(i + 1) for i, r in enumerate(rules)
                   if r["effect"] == "permit" and applies(r, a, d, p, ctx)}
        if forbids:
            assert not dec and dec.reason == "forbidden"
            assert numbers(dec) == forbids  # cites exactly the prohibitions that fired
            assert dec.obligations == ()
        elif permits:
            assert dec and dec.reason == "permitted"
            assert numbers(dec) == permits
            # the permits' obligations, and those of every duty (oblige) in scope
            expected = {(o, str(i + 1)) for i, r in enumerate(rules)
                        if r["effect"] in ("permit", "oblige") and applies(r, a, d, p, ctx)
                        for o in r["obligations"]}
            assert {(o.id, o.clause.number) for o in dec.obligations} == expected
        else:
            assert not dec and dec.reason in ("condition_failed", "no_permission")


@SETTINGS
@given(RULES)
def test_every_decision_cites_a_clause_of_the_policy(rules: list[dict[str, Any]]) -> None:
    bundle = make_bundle(rules)
    pol = CompiledPolicy(bundle)
    for (a, d, p), ctx in itertools.product(LEAVES, MASKS):
        dec = pol.allows(a, d, p, **ctx)
        assert dec.clauses, (a, d, p, ctx)
        for ref in dec.clauses:
            assert bundle["clauses"][ref.id]["number"] == ref.number
        if dec.reason == "condition_failed":
            # the permits that would have applied, and the flag values that were missing
            assert dec.failed_conditions
            for c in dec.failed_conditions:
                assert ctx.get(c.flag, False) == c.given != c.required


@SETTINGS
@given(RULES, st.randoms(use_true_random=False))
def test_decisions_are_deterministic(rules: list[dict[str, Any]], rnd: Any) -> None:
    """Two policies built from the same bundle, asked in different orders, answer identically;
    asking again returns the same (memoised) decision."""
    bundle = make_bundle(rules)
    first, second = CompiledPolicy(bundle), CompiledPolicy(bundle)
    questions = list(itertools.product(LEAVES, range(len(MASKS))))
    shuffled = questions[:]
    rnd.shuffle(shuffled)
    answers = {q: first.allows(*q[0], **MASKS[q[1]]) for q in questions}
    for q in shuffled:
        d = second.allows(*q[0], **MASKS[q[1]])
        assert d == answers[q]
        assert d.to_json("en") == answers[q].to_json("en")
        assert second.allows(*q[0], **MASKS[q[1]]) is d


@SETTINGS
@given(RULES, GROUP)
def test_group_allowed_only_if_every_member_is(rules: list[dict[str, Any]],
                                                group: tuple[str, ...]) -> None:
    pol = CompiledPolicy(make_bundle(rules, data_group=group))
    for a, p in itertools.product(ACTIONS, PURPOSES):
        for ctx in MASKS:
            dec = pol.allows(a, DATA_GROUP, p, **ctx)
            parts = [pol.allows(a, d, p, **ctx) for d in group]
            assert bool(dec) == all(parts)
            assert dec.clauses
            if not dec:
                assert sorted(dec.denied_members) == sorted(
                    (a, d, p) for d, part in zip(group, parts, strict=True) if not part)
                if any(part.reason == "forbidden" for part in parts):
                    assert dec.reason == "forbidden"


@SETTINGS
@given(RULES)
def test_fast_path_equals_generic_method(rules: list[dict[str, Any]]) -> None:
    """The per-policy keyword fast path answers as `CompiledPolicy.allows` itself."""
    fast, generic = CompiledPolicy(make_bundle(rules)), CompiledPolicy(make_bundle(rules))
    assert "allows" in vars(fast)  # the fast path is installed for identifier flags
    for (a, d, p), ctx in itertools.product([*LEAVES, (ACTIONS[0], DATA_GROUP, PURPOSES[0])],
                                            MASKS):
        assert fast.allows(a, d, p, **ctx) == CompiledPolicy.allows(generic, a, d, p, **ctx)


ODD = st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), st.text(max_size=6),
                st.lists(st.integers(), max_size=2), st.booleans())


@settings(max_examples=200, deadline=None)
@given(st.one_of(ODD, st.sampled_from(ACTIONS)), st.one_of(ODD, st.sampled_from(DATA)),
       st.one_of(ODD, st.sampled_from(PURPOSES)),
       # A keyword named like a positional argument (`data=`) given beside it is Python's own
       # TypeError ("got multiple values"), as for any call, raised before the engine runs: the
       # arguments may be given by keyword, so no flag may take those names (POLICY012).
       st.dictionaries(st.one_of(st.sampled_from(FLAGS), st.text(min_size=1, max_size=6).filter(
           lambda k: k not in ("action", "data", "purpose"))), ODD, max_size=3))
@example(None, None, None, {"self": None})  # a flag named like the method's own parameter
def test_bad_arguments_raise_the_same_error_on_both_paths(a: Any, d: Any, p: Any,
                                                          ctx: dict[str, Any]) -> None:
    """Whatever a caller passes, both paths either answer the same or raise InvalidQueryError
    (a ValueError) of the same class and message, whatever the keyword order; nothing else
    escapes, and no typo reads as a deny."""
    pol = CompiledPolicy(make_bundle([{"effect": "permit", "actions": ["a0"], "data": ["d0"],
                                       "purposes": ["p0"], "when": {}, "obligations": []}]))
    results = []
    for call in (pol.allows, lambda *args, **kw: CompiledPolicy.allows(pol, *args, **kw)):
        try:
            results.append(("ok", call(a, d, p, **ctx)))
        except InvalidQueryError as exc:
            assert isinstance(exc, ValueError)
            results.append(("error", type(exc), str(exc)))
    assert results[0] == results[1]
    if results[0][0] == "ok":
        assert {a, d, p} <= set(ACTIONS) | set(DATA) | {DATA_GROUP} | set(PURPOSES)
        assert all(v is True or v is False for v in ctx.values())


def test_a_keyword_given_twice_is_pythons_own_error_on_both_paths() -> None:
    """`allows("use", "contact", "newsletter", data=…)`: the same TypeError on both paths, as
    any Python function raises it, never an answer."""
    pol = CompiledPolicy(make_bundle([{"effect": "permit", "actions": ["a0"], "data": ["d0"],
                                       "purposes": ["p0"], "when": {}, "obligations": []}]))
    for call in (pol.allows, lambda *args, **kw: CompiledPolicy.allows(pol, *args, **kw)):
        with pytest.raises(TypeError, match="multiple values for argument 'data'"):
            call("a0", "d0", "p0", data=None)


def test_a_flag_that_cannot_be_a_parameter_uses_the_generic_path() -> None:
    rules = [{"effect": "permit", "actions": ["a0"], "data": ["d0"], "purposes": ["p0"],
              "when": {"class": True}, "obligations": []}]
    pol = CompiledPolicy(make_bundle(rules, flags=("class",)))
    assert "allows" not in vars(pol)
    assert pol.allows("a0", "d0", "p0", **{"class": True})
    assert not pol.allows("a0", "d0", "p0")


# -- the shipped policy ---------------------------------------------------------------------

SHIPPED = load(POLICY)
SCRIPTS = {"ja": re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]"), "ru": re.compile(r"[а-яА-Я]"),
           "en": re.compile(r"[a-zA-Z]")}


def vocabulary(kind: str) -> list[str]:
    return list(SHIPPED.terms(kind))


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(vocabulary("actions")), st.sampled_from(vocabulary("data")),
       st.sampled_from(vocabulary("purposes")),
       st.fixed_dictionaries({f: st.booleans() for f in SHIPPED.flags}))
def test_shipped_explanations_name_the_deciding_clauses(action: str, data: str, purpose: str,
                                                        ctx: dict[str, bool]) -> None:
    d = SHIPPED.allows(action, data, purpose, **ctx)
    assert d.clauses
    assert set(SHIPPED.languages) == set(LANGS)
    texts = {lang: d.explain(lang) for lang in LANGS}
    assert len(set(texts.values())) == 3
    for lang, text in texts.items():
        assert SCRIPTS[lang].search(text), (lang, text)
        for ref in d.clauses:  # cited in the language's own form: 4.2.6, 第4項第2号⑥
            assert citation.label(ref.number, lang) in text, (lang, ref.number, text)
        assert SHIPPED.label("actions", action, lang) in text
        if lang == "ja":  # the frames punctuate in Japanese: 、 and （）, never , or ()
            frame = text
            for kind, term in (("actions", action), ("data", data), ("purposes", purpose)):
                frame = frame.replace(SHIPPED.label(kind, term, lang), "")
            for ref in d.clauses:
                frame = frame.replace(SHIPPED.clause(ref.id)["title"][lang], "")
            for o in d.obligations:
                frame = frame.replace(SHIPPED.label("obligations", o.id, lang), "")
            assert not re.search(r"[,()]", frame), text


def test_shipped_explain_rejects_unknown_language() -> None:
    d = SHIPPED.allows("use", "contact", "newsletter")
    with pytest.raises(InvalidQueryError):
        d.explain("de")
