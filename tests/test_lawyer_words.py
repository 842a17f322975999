"""Issue 12 (fresh-eyes review): every message of `policy ask` is something a lawyer can act
on, in the language asked for. Expectations come from the policy itself (its decisions, labels
and texts), never from what the shipped policy happens to decide."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from engine import Decision, load
from engine.citation import cite_many
from engine.cli import main
from engine.decide import CompiledPolicy
from engine.messages import FRAMES, explained, headline, shorten

from .conftest import FIXTURES, POLICY

SHIPPED = load(POLICY)
LANGS = ("ja", "ru", "en")


def ask(*args: str) -> Result:
    return CliRunner().invoke(main, ["ask", *args])


def _questions(groups: bool = False) -> list[tuple[str, str, str]]:
    return list(itertools.product(SHIPPED.terms("actions", groups=groups),
                                  SHIPPED.terms("data", groups=groups),
                                  SHIPPED.terms("purposes", groups=groups)))


def _first(pred: object, groups: bool = False) -> Decision:
    for q in _questions(groups):
        d = SHIPPED.allows(*q)
        if pred(d):  # type: ignore[operator]
            return d
    pytest.skip("the policy has no such question")


def _number_key(n: str) -> tuple[int, ...]:
    return tuple(int(p) for p in n.split("."))


@pytest.mark.parametrize("reason", ["permitted", "forbidden", "no_permission"])
def test_headline_is_in_the_language_asked_for(reason: str) -> None:
    d = _first(lambda d: d.reason == reason)
    for lang in ("ja", "ru"):
        head = headline(d, lang)
        assert not any(word in head for word in ("ALLOW", "DENY", "clause", "policy"))
        assert d.policy_version in head
        assert cite_many([c.number for c in d.clauses], lang) in head
    result = ask(d.query.action, d.query.data, d.query.purpose, "--lang", "ja")
    assert result.stdout.splitlines()[0] == headline(d, "ja")


def test_nothing_permits_is_not_told_as_a_deciding_clause() -> None:
    d = _first(lambda d: d.reason == "no_permission" and d.clauses)
    forbidden = _first(lambda d: d.reason == "forbidden")
    for lang in LANGS:
        head = headline(d, lang)
        # a deny by a prohibition and a deny for want of a permission read differently
        assert head.split(cite_many([c.number for c in d.clauses], lang))[0] != \
            headline(forbidden, lang).split(cite_many(
                [c.number for c in forbidden.clauses], lang))[0]
    assert "no clause permits" in headline(d, "en") and "related" in headline(d, "en")


def test_an_item_is_quoted_by_its_own_words_not_its_clauses_title() -> None:
    real = SHIPPED._real() if not isinstance(SHIPPED, CompiledPolicy) else SHIPPED
    d = _first(lambda d: len(d.clauses) == 1 and "." in d.clauses[0].number)
    entry = real.clause(d.clauses[0].id)
    for lang in LANGS:
        text = d.explain(lang)
        assert shorten(str(entry["excerpt"][lang]), lang) in text
        title = str(entry["title"][lang])
        assert FRAMES[lang]["quote"].format(title) not in text
    whole = _first(lambda d: len(d.clauses) == 1 and "." not in d.clauses[0].number)
    for lang in LANGS:
        title = str(real.clause(whole.clauses[0].id)["title"][lang])
        assert title in whole.explain(lang)


def test_a_duty_owed_under_several_clauses_is_said_once() -> None:
    def repeated(d: Decision) -> bool:
        ids = [o.id for o in d.obligations]
        return d.allowed and len(ids) != len(set(ids))

    d = _first(repeated, groups=True)
    ids = [o.id for o in d.obligations]
    twice = next(i for i in ids if ids.count(i) > 1)
    numbers = sorted({o.clause.number for o in d.obligations if o.id == twice}, key=_number_key)
    for lang in LANGS:
        text = d.explain(lang)
        label = SHIPPED.label("obligations", twice, lang)
        assert text.count(label) == 1
        assert cite_many(numbers, lang) in text


def test_a_long_group_answer_says_how_to_see_every_member() -> None:
    """A group answer that names only the first members of a list says how to see them all,
    and `--all` names every denied member's terms."""
    real = SHIPPED._real() if not isinstance(SHIPPED, CompiledPolicy) else SHIPPED
    d = _first(lambda d: explained(d, "en", real)[1] is not None, groups=True)
    q = [d.query.action, d.query.data, d.query.purpose]
    for lang in LANGS:
        short = ask(*q, "--lang", lang)
        assert short.exit_code == 1
        assert short.stdout.splitlines()[-1] == explained(d, lang, real)[1]
        full = ask(*q, "--lang", lang, "--all")
        assert full.exit_code == 1
        assert "--all" not in full.stdout
        for a, data, p in d.denied_members:
            for kind, term in (("actions", a), ("data", data), ("purposes", p)):
                label = FRAMES[lang]["quote"].format(SHIPPED.label(kind, term, lang))
                assert label in full.stdout


def test_a_cut_group_answer_is_rendered_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """`policy ask` rendered a group's explanation a second time only to learn whether a list
    was cut (for the --all hint). It renders it once, and prints what it printed before: the
    headline, the explanation and the hint."""
    import engine.messages as messages

    real = SHIPPED._real() if not isinstance(SHIPPED, CompiledPolicy) else SHIPPED
    d = _first(lambda d: explained(d, "en", real)[1] is not None, groups=True)
    q = [d.query.action, d.query.data, d.query.purpose]
    rendered = messages._group_text
    calls: list[int] = []

    def counted(*args: object) -> tuple[str, bool]:
        calls.append(1)
        return rendered(*args)  # type: ignore[arg-type]

    for lang in LANGS:
        expected = [headline(d, lang), d.explain(lang), explained(d, lang, real)[1]]
        with monkeypatch.context() as m:
            m.setattr(messages, "_group_text", counted)
            calls.clear()
            result = ask(*q, "--lang", lang)
            assert len(calls) == 1
        assert result.exit_code == 1
        assert result.stdout.splitlines() == expected


@pytest.mark.parametrize("lang", LANGS)
def test_a_misspelt_term_is_answered_in_the_language_asked_for(lang: str) -> None:
    purpose = SHIPPED.terms("purposes")[0]
    typo = purpose[:-1] + purpose[-1] * 2
    result = ask(SHIPPED.terms("actions")[0], SHIPPED.terms("data")[0], typo, "--lang", lang)
    assert result.exit_code == 2
    assert SHIPPED.label("purposes", purpose, lang) in result.stderr
    assert f"policy terms purposes --lang {lang}" in result.stderr
    if lang != "en":
        assert "unknown" not in result.stderr and "did you mean" not in result.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_a_misspelt_flag_is_answered_in_the_language_asked_for(lang: str) -> None:
    flag = SHIPPED.flags[0]
    option = "--" + flag.replace("_", "-")
    result = ask(*_questions()[0], option + "x", "--lang", lang)
    assert result.exit_code == 2
    assert option in result.stderr
    assert SHIPPED.label("context", flag, lang) in result.stderr
    assert f"policy terms context --lang {lang}" in result.stderr


def test_ask_answers_from_the_policy_folder_it_is_run_in(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mini = tmp_path / "project" / "policy"
    shutil.copytree(FIXTURES / "mini", mini)
    local = load(mini)
    q = (local.terms("actions")[0], local.terms("data")[0], local.terms("purposes")[0])
    monkeypatch.chdir(mini.parent)
    result = ask(*q)
    assert result.exit_code in (0, 1)
    assert result.stdout.splitlines()[0] == headline(local.allows(*q), "en")
    assert local.version in result.stdout.splitlines()[0]


@pytest.mark.parametrize(("typed", "meant"), [("explain", "ask"), ("chek", "check"),
                                           ("help", "--help"), ("version", "--version")])
def test_an_unknown_command_gets_the_nearest_one(typed: str, meant: str) -> None:
    result = CliRunner().invoke(main, [typed])
    assert result.exit_code == 2
    assert f"policy {meant}" in result.output


# -- stamp, approve and check: clause numbers, dates and the closing summary -----------------

def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _master_numbers(folder: Path) -> dict[str, list[str]]:
    """Each top-level clause number -> its items' numbers, read from the master."""
    from engine.loader import load_folder
    from engine.model import master_units

    src = load_folder(folder)
    assert src.master is not None
    out: dict[str, list[str]] = {}
    for u in master_units(src.master):
        if u.number:
            out.setdefault(u.number.split(".")[0], [])
            if "." in u.number:
                out[u.number.split(".")[0]].append(u.number)
    return out


def test_an_unknown_clause_number_is_told_as_a_clause_with_the_nearest_one(
        policy_copy: Path) -> None:
    from engine.names import closest

    numbers = _master_numbers(policy_copy)
    every = {n for top, items in numbers.items() for n in (top, *items)}
    typo = next(t + t for t in numbers if t + t not in every)
    for command in (["stamp", "ru", typo], ["approve", "ja", typo, "--by", "A Name"]):
        result = _run(*command, "--policy", str(policy_copy))
        assert result.exit_code == 2
        assert f"there is no clause or item {typo}" in result.output
        assert "printed numbers, such as" in result.output
        assert "unit" not in result.output
        for near in closest(typo, every, 2):
            assert f"clause {near}" in result.output


def test_stamp_without_names_asks_for_clauses_not_units(policy_copy: Path) -> None:
    result = _run("stamp", "ru", "--policy", str(policy_copy))
    assert result.exit_code == 2
    assert "Name the clauses or items you translated, by their printed number" in result.output
    assert "units" not in result.output


def test_approving_a_clause_says_who_when_in_which_edition_and_that_items_came_along(
        policy_copy: Path) -> None:
    numbers = _master_numbers(policy_copy)
    clause = next(top for top, items in numbers.items() if items)
    result = _run("approve", "ja", clause, "--by", "Example Lawyer", "--date", "2026-12-03",
                  "--policy", str(policy_copy))
    assert result.exit_code == 0, result.output
    approved = [line for line in result.output.splitlines() if ": approved " in line]
    assert len(approved) == 1 + len(numbers[clause])
    assert all(line.endswith("(Japanese) — Example Lawyer, 2026-12-03") for line in approved)
    assert (f"Naming clause {clause} approved its items too: {', '.join(numbers[clause])}."
            in result.output)
    help_text = _run("approve", "--help").output
    assert "Naming a clause approves its items too." in " ".join(help_text.split())


def test_approve_asks_for_the_approver_and_a_date_in_one_wording(policy_copy: Path) -> None:
    from engine.wording import DATE_HINT

    clause = next(iter(_master_numbers(policy_copy)))
    before = (policy_copy / "ja.yaml").read_bytes()
    missing = _run("approve", "ja", clause, "--policy", str(policy_copy))
    assert missing.exit_code == 2
    assert 'Say who approved the text: --by "NAME"' in missing.output
    bad = _run("approve", "ja", clause, "--by", "A Name", "--date", "12/03/2026",  # month first?
               "--policy", str(policy_copy))
    assert bad.exit_code == 2
    assert DATE_HINT in bad.output
    assert (policy_copy / "ja.yaml").read_bytes() == before


def test_a_clean_check_does_not_claim_more_than_it_checked(policy_copy: Path) -> None:
    from engine.loader import load_folder
    from engine.review import review_states
    from engine.wording import language_name

    result = _run("check", "--policy", str(policy_copy))
    out = result.output
    assert "All clear" not in out and "Ready to publish" not in out
    if result.exit_code == 0:
        assert "No problems found in what the tool checks" in out
        states = review_states(load_folder(policy_copy))
        for lang, units in states.items():
            done = sum(1 for s in units if s.state == "approved")
            if done < len(units):
                assert f"{language_name(lang)} {done} of {len(units)} parts" in out
