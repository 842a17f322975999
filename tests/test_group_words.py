"""A question on a group (`personal`, `stated_purposes`) is explained member by member: the
denied members are told in groups that are denied alike (their own reason, deciding clauses
and conditions), each with its own clause, so that a permission whose condition is not met is
never told as a prohibition, nor a clause that permits some members as "no clause permits".

Expectations are built from the policy's own decisions on each member (reasons, clauses,
failed conditions, labels), never from what the shipped policy happens to say."""

from __future__ import annotations

import itertools

import pytest
from click.testing import CliRunner

from engine import load
from engine.cli import main
from engine.decide import CompiledPolicy
from engine.decision import Decision
from engine.messages import (
    CONDITION_WORDS,
    FRAMES,
    cite_units,
    condition_cube,
    explained,
    render_explanation,
)

from .conftest import POLICY

SHIPPED = load(POLICY)
REAL: CompiledPolicy = SHIPPED._real() if not isinstance(SHIPPED, CompiledPolicy) else SHIPPED
LANGS = ("ja", "ru", "en")
# The two questions of the defect: clause 7 forbids some members while clause 5 allows the
# others with consent; clause 12.1 allows one member with consent and nothing permits the rest.
QUESTIONS = [("disclose", "personal", "service_operation"),
             ("collect", "personal", "log_records")]
ORDER = ("forbidden", "condition_failed", "no_permission")


def _series(items: list[str], lang: str) -> str:
    w = CONDITION_WORDS[lang]
    return items[0] if len(items) == 1 else w["and"].join(items[:-1]) + w["and_last"] + items[-1]


def _expected(d: Decision, lang: str) -> str:
    """The explanation, from each denied member's own decision: one sentence per reason and
    deciding clauses, naming its members' data categories (the action and purpose are one)."""
    f = FRAMES[lang]

    def quoted(kind: str, term: str) -> str:
        return f["quote"].format(REAL.label(kind, term, lang))

    kinds: dict[tuple[object, ...], list[Decision]] = {}
    for m in REAL.member_decisions(d.query):
        if not m.allowed:
            key = (m.reason,) if m.reason == "no_permission" else (m.reason, m.clauses)
            kinds.setdefault(key, []).append(m)
    sentences = [f["group_lead"]]
    for _key, members in sorted(kinds.items(), key=lambda kv: ORDER.index(str(kv[0][0]))):
        reason = members[0].reason
        clauses = dict.fromkeys(c for m in members for c in m.clauses)
        failed = list(dict.fromkeys((c.flag, c.required) for m in members
                                    for c in m.failed_conditions))
        assert len({(m.query.action, m.query.purpose) for m in members}) == 1
        subject = f["subject"].format(
            action=quoted("actions", d.query.action), action_noun=f["action_one"],
            data=_series([quoted("data", m.query.data) for m in members], lang),
            purpose=quoted("purposes", d.query.purpose), purpose_noun=f["purpose_one"])
        conditions = ""
        if reason == "condition_failed":
            assert len(failed) == 1
            conditions = CONDITION_WORDS[lang]["case"].format(condition=condition_cube(
                (failed[0],), lambda flag: REAL.label("context", flag, lang), lang))
        else:
            assert not failed
        sentences.append(f[f"group_{reason}"].format(
            clauses=cite_units([(c.number, c.id) for c in clauses], lang, REAL),
            subject=subject, conditions=conditions))
    return f["sentence_join"].join(sentences)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("question", QUESTIONS, ids=[" ".join(q) for q in QUESTIONS])
def test_a_group_is_explained_by_each_kind_of_denial_of_its_members(
        question: tuple[str, str, str], lang: str) -> None:
    d = SHIPPED.allows(*question)
    reasons = {m.reason for m in REAL.member_decisions(d.query) if not m.allowed}
    assert not d.allowed and len(reasons) > 1  # the policy still makes the point
    expected = _expected(d, lang)
    assert d.explain(lang) == expected
    assert render_explanation(d, lang, REAL, limit=None) == expected
    result = CliRunner().invoke(main, ["ask", *question, "--lang", lang])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:] == [expected]  # nothing cut: no --all hint


def test_a_permission_with_a_condition_is_not_told_as_a_prohibition() -> None:
    """The clause that allows some members with consent is cited as allowing them, never in
    the sentence that says what is forbidden, and no condition is put on a prohibition."""
    d = SHIPPED.allows(*QUESTIONS[0])
    members = [m for m in REAL.member_decisions(d.query) if not m.allowed]
    permits = {c.number for m in members if m.reason == "condition_failed" for c in m.clauses}
    forbids = {c.number for m in members if m.reason == "forbidden" for c in m.clauses}
    assert permits and forbids and not permits & forbids
    text = d.explain("en")
    forbidden = next(s for s in text.split(". ") if "forbidden" in s)
    assert "consented" not in forbidden and "when" not in forbidden
    assert all(f"clause {n} " not in forbidden for n in permits)
    assert all(f"clause {n} " in forbidden for n in forbids)


def test_a_clause_that_permits_some_members_is_not_told_as_none() -> None:
    d = SHIPPED.allows(*QUESTIONS[1])
    members = [m for m in REAL.member_decisions(d.query) if not m.allowed]
    permitting = [m for m in members if m.reason == "condition_failed"]
    assert permitting and any(m.reason == "no_permission" for m in members)
    for lang in LANGS:
        text = d.explain(lang)
        default = FRAMES[lang]["group_no_permission"].split("{subject}")[0]
        told = text.split(default)[0] if default else text.split("を認める条項がない")[0]
        for m in permitting:  # said before what no clause permits, with its clause
            assert FRAMES[lang]["quote"].format(REAL.label("data", m.query.data, lang)) in told
            assert cite_units([(c.number, c.id) for c in m.clauses], lang, REAL) in told


def _alike() -> Decision:
    """A group question every member of which is denied, and denied alike."""
    for q in itertools.product(*(SHIPPED.terms(k) for k in ("actions", "data", "purposes"))):
        d = SHIPPED.allows(*q)
        members = REAL.member_decisions(d.query)
        if len(members) > 1 and not any(members) and len(
                {(m.reason, m.clauses, m.failed_conditions) for m in members}) == 1:
            return d
    pytest.skip("the policy has no such question")


@pytest.mark.parametrize("lang", LANGS)
def test_a_group_denied_alike_in_every_member_is_said_of_the_group(lang: str) -> None:
    d = _alike()
    text = d.explain(lang)
    q = d.query
    terms = (("actions", q.action), ("data", q.data), ("purposes", q.purpose))
    for kind, term in terms:
        assert FRAMES[lang]["quote"].format(REAL.label(kind, term, lang)) in text
    for m in REAL.member_decisions(q):  # no member is named: all of them are meant
        for (kind, term), member in zip(terms, (m.query.action, m.query.data, m.query.purpose),
                                        strict=True):
            if member != term:
                assert FRAMES[lang]["quote"].format(REAL.label(kind, member, lang)) not in text
    assert explained(d, lang, REAL)[1] is None


@pytest.mark.parametrize("lang", ["en", "ru", "ja"])
def test_the_hint_for_all_says_lists_were_cut_and_what_it_counts(lang: str) -> None:
    """The explanation cuts each list of terms at five ("… and 2 more"); the hint said "To
    list all 49, ask again with --all", 49 of nothing on the screen (the denied questions,
    which `--all` does not list one by one either). It says the lists were cut, and what the
    count counts."""
    d = next(d for d in (REAL.allows(a, data, p) for a, data, p in itertools.product(
        REAL.terms("actions"), REAL.terms("data"), REAL.terms("purposes")))
        if explained(d, lang, REAL)[1] is not None)
    hint = explained(d, lang, REAL)[1]
    assert hint is not None and str(len(d.denied_members)) in hint
    assert {"en": "lists above are cut short", "ru": "списки выше сокращены",
            "ja": "一覧は省略しています"}[lang] in hint
    assert {"en": f"{len(d.denied_members)} questions denied",
            "ru": f"запрещённых вопросов: {len(d.denied_members)}",
            "ja": f"許可されない問い合わせは全{len(d.denied_members)}件"}[lang] in hint
