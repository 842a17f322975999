"""The rule forms beyond permit and forbid: `except:` narrows a rule's scope, `oblige` adds duties.

Each is checked end to end, from YAML through validation and compilation to a decision, on a
copy of the tiny fixture policy with one rule changed.
"""

from __future__ import annotations

from pathlib import Path

from engine import load
from engine.loader import load_folder


def _replace(folder: Path, old: str, new: str) -> None:
    path = folder / "ja.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


FORBID_HEALTH = """          - effect: forbid
            actions: ["*"]
            data: [health]
            purposes: ["*"]"""


def test_except_takes_terms_out_of_a_rule(mini_copy: Path) -> None:
    _replace(mini_copy, FORBID_HEALTH, FORBID_HEALTH + "\n            except: {actions: [use]}")
    pol = load(mini_copy)
    assert not pol.allows("collect", "health", "newsletter", consent=True)
    refs = [r for r in pol.bundle["rules"] if r["effect"] == "forbid"]
    assert [list(r["actions"]) for r in refs] == [["collect"]]


def test_except_naming_an_unknown_term_is_reported_at_its_line(mini_copy: Path) -> None:
    _replace(mini_copy, FORBID_HEALTH, FORBID_HEALTH + "\n            except: {actions: [usee]}")
    found = [d for d in load_folder(mini_copy).diagnostics if d.code == "POLICY002"]
    assert [(d.line, "did you mean 'use'" in (d.hint or "").lower()) for d in found] == [(40, True)]


def test_except_that_leaves_nothing_can_never_apply(mini_copy: Path) -> None:
    _replace(mini_copy, FORBID_HEALTH,
             FORBID_HEALTH + "\n            except: {actions: [collect, use]}")
    found = [d for d in load_folder(mini_copy).diagnostics if d.code == "POLICY011"]
    assert len(found) == 1 and "no actions" in found[0].message


def test_oblige_adds_its_obligations_to_an_allow_and_never_decides(mini_copy: Path) -> None:
    _replace(mini_copy, FORBID_HEALTH, """          - effect: oblige
            actions: ["*"]
            data: [contact]
            purposes: ["*"]
            when: {consent: true}
            obligations: [remove_attribution]""")
    pol = load(mini_copy)
    with_consent = pol.allows("collect", "contact", "newsletter", consent=True)
    assert with_consent and [(o.id, o.clause.number) for o in with_consent.obligations] == [
        ("remove_attribution", "1.2")]
    assert [c.number for c in with_consent.clauses] == ["1.1"]  # the duty does not decide
    # Without consent the duty does not hold; use is allowed by clause 2 with its own duty.
    used = pol.allows("use", "contact", "newsletter")
    assert [(o.id, o.clause.number) for o in used.obligations] == [("remove_attribution", "2")]
    # A duty never allows: nothing permits collecting health data.
    assert not pol.allows("collect", "health", "newsletter", consent=True)


def test_oblige_without_obligations_is_reported(mini_copy: Path) -> None:
    _replace(mini_copy, FORBID_HEALTH, FORBID_HEALTH.replace("forbid", "oblige"))
    found = [d for d in load_folder(mini_copy).diagnostics if d.code == "POLICY011"]
    assert len(found) == 1 and "oblige" in found[0].message


def test_a_rule_that_can_never_apply_is_said_in_every_language(mini_copy: Path) -> None:
    """POLICY011 in each of its shapes: said in ja and ru in their own words, the English
    exactly the message."""
    from .test_finding_words import _assert_says_its_message

    _replace(mini_copy, FORBID_HEALTH,
             FORBID_HEALTH + "\n            obligations: [remove_attribution]"
             "\n            except: {actions: [collect, use]}")
    found = [d for d in load_folder(mini_copy).diagnostics if d.code == "POLICY011"]
    assert sorted(dict(d.params)["form"] for d in found) == ["except_all", "forbid_obligations"]
    for d in found:
        _assert_says_its_message(d)
    _replace(mini_copy, FORBID_HEALTH + "\n            obligations: [remove_attribution]"
             "\n            except: {actions: [collect, use]}",
             FORBID_HEALTH.replace("forbid", "oblige"))
    [empty] = [d for d in load_folder(mini_copy).diagnostics if d.code == "POLICY011"]
    assert dict(empty.params)["form"] == "oblige_empty"
    _assert_says_its_message(empty)
