"""What a decision says, as a native reader and a privacy lawyer read it, in ja, ru and en.

The conditions are taken from the loaded policy (every rule's `when`, every flag in every
combination of "and", "or" and "unless"), never restated here: a condition must read as the
language reads (a label is a statement, "the user has opted out of mailings"), a denial cites
the clause of the rule that decided it, and a denial by default says so and what to do.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from engine import load
from engine.citation import cite
from engine.cli import main
from engine.decision import Decision
from engine.messages import CONDITION_WORDS, condition_cube, condition_words

from .conftest import POLICY

SHIPPED = load(POLICY)
LANGS = ("en", "ru", "ja")
LEAVES = {kind: SHIPPED.terms(kind, groups=False) for kind in ("actions", "data", "purposes")}


def label(lang: str) -> object:
    return lambda flag: SHIPPED.label("context", flag, lang)


def policy_cubes() -> list[tuple[tuple[str, bool], ...]]:
    """Every rule's `when`, and every flag of the policy in pairs and threes of every sign."""
    cubes = {tuple(r["when"].items()) for r in SHIPPED.bundle["rules"] if r["when"]}
    for n in (1, 2, 3):
        for flags in itertools.combinations(SHIPPED.flags, n):
            for signs in itertools.product((True, False), repeat=n):
                cubes.add(tuple(zip(flags, signs, strict=True)))
    return sorted(cubes)


def leaf_decisions(flag_sets: tuple[dict[str, bool], ...] = (
        {}, {"consent": True}, {"opted_out": True}, {"erasure_requested": True},
        {"recipient_abroad": True}, {"from_third_party": True}, {"cookies_disabled": True},
        {"ad_cookies_disabled": True})) -> Iterator[Decision]:
    for a, d, p in itertools.product(*LEAVES.values()):
        for flags in flag_sets:
            yield SHIPPED.allows(a, d, p, **flags)


@pytest.mark.parametrize("lang", LANGS)
def test_every_condition_reads_as_the_language_reads(lang: str) -> None:
    """The flags that must hold follow "when"/«если» and are joined by "and"; those that must
    not follow "unless"/«кроме случаев, когда» and are joined by "or"; in Japanese each label
    is quoted and said to apply (に該当する) or not (に該当しない; several: のいずれにも)."""
    words = label(lang)
    for cube in policy_cubes():
        held = [str(words(f)) for f, v in cube if v]  # type: ignore[operator]
        not_held = [str(words(f)) for f, v in cube if not v]  # type: ignore[operator]
        text = condition_cube(cube, words, lang)  # type: ignore[arg-type]
        assert "absence" not in text and "отсутств" not in text and "not:" not in text
        if lang == "ja":
            for name in held + not_held:
                assert f"「{name}」" in text, text
            if held and not_held:
                split = text.index(f"「{held[-1]}」に該当し、かつ、")
                assert all(text.index(f"「{n}」") > split for n in not_held), text
            if not_held:
                assert text.endswith("のいずれにも該当しない" if len(not_held) > 1
                                     else "に該当しない"), text
            else:
                assert text.endswith("に該当する"), text
            assert "、、" not in text
            continue
        opener, unless, join_and, join_or = {
            "en": ("when ", "unless ", " and ", " or "),
            "ru": ("если ", "кроме случаев, когда ", " и ", " или "),
        }[lang]
        assert text.startswith(opener if held else unless), text
        if held:
            assert text.startswith(opener + held[0]), text
            assert (join_and + held[-1]) in text or len(held) == 1, text
        if not_held:
            tail = text[text.index(unless) + len(unless):]
            assert tail.startswith(not_held[0]) and tail.endswith(not_held[-1]), text
            assert (join_or + not_held[-1]) in tail or len(not_held) == 1, text
            assert all(name not in text[:text.index(unless)] for name in not_held), text


@pytest.mark.parametrize("lang", LANGS)
def test_ways_of_meeting_a_condition_are_joined_by_or(lang: str) -> None:
    cubes = [tuple(r["when"].items()) for r in SHIPPED.bundle["rules"]
             if r["when"] and r["effect"] == "permit"][:2]
    text = condition_words(cubes, label(lang), lang)  # type: ignore[arg-type]
    assert text == CONDITION_WORDS[lang]["either"].join(
        condition_cube(c, label(lang), lang) for c in cubes)  # type: ignore[arg-type]
    assert {"en": "; or ", "ru": "; или ", "ja": "か、又は"}[lang] in text


@pytest.mark.parametrize("lang", LANGS)
def test_a_failed_condition_is_said_in_words_and_cites_each_clause(lang: str) -> None:
    """"allowed only if the absence of “the information is obtained through a third party”"
    (ru «при условии: отсутствие «информация получена…»») was no sentence; two ways from two
    clauses named no clause each, and the Russian said «это условие» of two conditions."""
    found_not, found_many = False, False
    for d in leaf_decisions():
        if d.reason != "condition_failed":
            continue
        ways = SHIPPED.rule_conditions(d.query)
        assert ways and {ref for ref, _ in ways} == set(d.clauses)
        text = d.explain(lang)
        for _ref, cube in ways:
            assert condition_cube(cube, label(lang), lang) in text  # type: ignore[arg-type]
        assert "absence" not in text and "отсутствие" not in text
        if any(not v for _, cube in ways for _, v in cube):
            found_not = True
            assert {"en": " unless ", "ru": "кроме случаев, когда", "ja": "に該当しない場合"}[
                lang] in text
        if len({ref.number for ref, _ in ways}) > 1:
            found_many = True
            for ref, _ in ways:
                assert f"({cite(ref.number, lang)})" in text or \
                    f"（{cite(ref.number, lang)}）" in text, text
            assert {"en": "none of these conditions is met",
                    "ru": "ни одно из этих условий не выполнено",
                    "ja": "いずれの条件も満たしていません"}[lang] in text
    assert found_not and found_many


@pytest.mark.parametrize("lang", LANGS)
def test_a_conditional_prohibition_says_when_it_forbids(lang: str) -> None:
    """"Denied by clause 4.1: disclosure … is forbidden" said nothing of the recipient abroad
    or of consent: the reader took it for a prohibition in every case."""
    seen = 0
    for d in leaf_decisions():
        if d.reason != "forbidden":
            continue
        ways = SHIPPED.rule_conditions(d.query)
        assert {ref for ref, _ in ways} == set(d.clauses)  # the rule's clause is cited
        text = d.explain(lang)
        if all(cube for _, cube in ways):
            seen += 1
            for _, cube in ways:
                assert condition_cube(cube, label(lang), lang) in text  # type: ignore[arg-type]
    assert seen


@pytest.mark.parametrize("lang", LANGS)
def test_the_cited_clause_is_the_deciding_rules_in_the_glossarys_form(lang: str) -> None:
    for d in leaf_decisions(({}, {"opted_out": True}, {"erasure_requested": True})):
        if len(d.clauses) > 2:
            continue  # many items of one clause are cited together under its title
        text = d.explain(lang)
        for ref in d.clauses:
            assert cite(ref.number, lang) in text
    assert cite("15", lang) == {"en": "clause 15", "ru": "п. 15", "ja": "第15項"}[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_a_denial_by_default_says_so_and_what_to_do(lang: str) -> None:
    d = next(d for d in leaf_decisions(({},)) if d.reason == "no_permission")
    text = d.explain(lang)
    assert {"en": "so it is denied by default", "ru": "поэтому оно запрещено по умолчанию",
            "ja": "認める条項がないため、許可されません"}[lang] in text
    assert {"en": "ask the legal team whether the policy should allow it",
            "ru": "спросите юристов, должна ли политика это разрешать",
            "ja": "法務チームに相談してください"}[lang] in text
    # the related clauses are named as the headline names them
    assert {"en": "related:", "ru": "связанные положения:", "ja": "関連する条項："}[lang] in text


def test_policy_ask_says_the_condition_in_russian() -> None:
    """The known case: the cookie data of 3.4 for a user whose data came through a third
    party, asked from the shell."""
    d = next(d for d in leaf_decisions(({"from_third_party": True},))
             if d.reason == "condition_failed"
             and any(not v for _, cube in SHIPPED.rule_conditions(d.query) for _, v in cube))
    q = d.query
    result = CliRunner().invoke(main, ["ask", q.action, q.data, q.purpose, "--from-third-party",
                                       "--lang", "ru", "--policy", str(POLICY)])
    assert result.exit_code == 1, result.output
    flag = SHIPPED.label("context", "from_third_party", "ru")
    assert f"допускается, кроме случаев, когда {flag}; это условие не выполнено." in result.output


@pytest.mark.parametrize("lang", LANGS)
def test_several_prohibitions_each_forbid_on_their_own(lang: str) -> None:
    """Two conditional prohibitions that hold at once (4.2 "unless the user has consented" and
    10 "when the user has opted out") were joined «кроме случаев, когда пользователь дал
    согласие (п. 4.2), а также если пользователь отказался от рассылки (п. 10)»: the Russian
    reads the second as one more exception, so a user who opted out as allowed. The verb is
    said again before each further prohibition."""
    flag_sets = (*({f: True} for f in SHIPPED.flags), {})
    seen = 0
    for d in leaf_decisions(flag_sets):
        ways = SHIPPED.rule_conditions(d.query) if d.reason == "forbidden" else ()
        if len({ref.number for ref, _ in ways}) < 2 or not all(cube for _, cube in ways):
            continue
        seen += 1
        text = d.explain(lang)
        for _ref, cube in ways[1:]:
            said = condition_cube(cube, label(lang), lang)  # type: ignore[arg-type]
            before = {"en": "and also forbidden ", "ru": "а также запрещено, ",
                      "ja": "及び"}[lang]
            assert before + said in text, text
    assert seen



@pytest.mark.parametrize("lang", LANGS)
def test_deciding_clauses_are_joined_as_a_series(lang: str) -> None:
    """"Denied by clause 9 (“Data Erasure”); clause 10 (“Opting Out of Mailings”): …" (ru «п. 9
    («…»); п. 10 («…»): …») read as a sentence cut in two: two clauses are joined by "and"
    («и»), three or more as a series whose last is joined by it (Japanese keeps 、)."""
    from engine.messages import FRAMES, cite_units

    f = FRAMES[lang]
    pair = next(d for d in leaf_decisions(({"erasure_requested": True, "opted_out": True},))
                if len({c.number.split(".")[0] for c in d.clauses}) == 2 == len(d.clauses))
    one, other = (cite_units([(c.number, c.id)], lang, SHIPPED)  # type: ignore[arg-type]
                  for c in pair.clauses)
    assert one + f["clauses_pair"] + other in pair.explain(lang)
    many = next(d for d in leaf_decisions(({},)) if d.reason == "no_permission"
                and len({c.number.split(".")[0] for c in d.clauses}) >= 4)
    last = many.clauses[-1]
    assert f["clauses_last"] + cite_units([(last.number, last.id)], lang,  # type: ignore[arg-type]
                                          SHIPPED) in many.explain(lang)
    if lang != "ja":
        assert f["clauses_pair"] != f["clauses_join"] and f["clauses_last"] != f["clauses_join"]
