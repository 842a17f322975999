"""The example declarations in examples/uses/: marked as examples, shaped right, and checked
against the shipped policy. What the check must report is derived from the policy itself
(terms it does not define, answers it gives, obligations it attaches), so the test follows the
policy as its vocabulary and rules change; it also insists that at least one example use is
denied, so readers see what the check reports."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from engine import policy
from engine.cli import main
from engine.uses import check_uses, load_uses

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "uses"


def expected_findings() -> set[tuple[str, str, str]]:
    """(code, system/use, term) the policy implies for every example use."""
    out: set[tuple[str, str, str]] = set()
    v = policy.vocabulary
    for use in load_uses(EXAMPLES).uses:
        unknown = [t for t, kind in ((use.action, "actions"), (use.purpose, "purposes"))
                   if t not in v[kind]]
        unknown += [f for f, _ in use.when if f not in v["context"]]
        unknown += [o for o in use.obligations if o not in v.get("obligations", {})]
        unknown += [d for d in use.data if d not in v["data"]]
        out |= {("USES003", use.key, t) for t in unknown}
        if any(t in unknown for t in (use.action, use.purpose, *dict(use.when))):
            continue
        missing = False
        for d in use.data:
            if d in unknown:
                continue
            decision = policy.decide(use.action, d, use.purpose, dict(use.when))
            if not decision.allowed:
                out.add(("USES001", use.key, d))
            elif any(o.id not in use.obligations for o in decision.obligations):
                missing = True
        if missing:
            out.add(("USES002", use.key, ""))
    return out


def test_every_example_is_marked_as_one() -> None:
    decls = load_uses(EXAMPLES)
    assert decls.ok, [str(d) for d in decls.diagnostics]
    assert len(decls.systems) >= 6
    for s in decls.systems:
        assert s.example, s.file
        text = Path(s.file if Path(s.file).is_absolute() else ROOT / s.file).read_text("utf-8")
        assert "EXAMPLE" in text.split("system:")[0]
        assert "not a record of Cafetalk's real systems" in text
        assert {lang for lang, _ in s.names} == {"ja", "ru", "en"}


def test_the_check_reports_what_the_policy_implies() -> None:
    result = check_uses(policy, load_uses(EXAMPLES))
    got = set()
    for d in result.diagnostics:
        if d.code == "USES001":
            term = re.search(r"is denied for (\w+):", d.message)
            assert term is not None
            got.add((d.code, d.unit, term.group(1)))
        elif d.code == "USES003":
            got.add((d.code, d.unit, d.message.rsplit("'", 2)[-2]))
        elif d.code == "USES002":
            got.add((d.code, d.unit, ""))
        else:
            raise AssertionError(f"unexpected finding {d}")
    want = expected_findings()
    assert got == want
    assert any(code == "USES001" for code, _key, _term in want), (
        "the examples must include a use the policy denies")


def test_cli_reports_the_denied_example_use() -> None:
    result = CliRunner().invoke(main, ["uses", "check", "--uses", str(EXAMPLES)])
    denied = sorted({key for code, key, _ in expected_findings() if code == "USES001"})
    assert result.exit_code == 1
    for key in denied:
        assert re.search(rf"examples/uses/\S+\.yaml:\d+:\d+: USES001 {re.escape(key)} ",
                         result.output), result.output


def test_only_the_deliberately_wrong_examples_are_reported() -> None:
    """The README promises one deliberately wrong example; every other example is a use done
    right, so a reader who copies it gets a clean check."""
    decls = load_uses(EXAMPLES)
    wrong = {use.key for use in decls.uses if (use.note or "").startswith("Deliberately wrong")}
    reported = {d.unit for d in check_uses(policy, decls).diagnostics}
    assert reported == wrong
