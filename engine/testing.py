"""`policy test`: the legal team's expected answers and properties, rule coverage and mutants.

The tables live beside the policy (`policy/tests/*.yaml`, schema `policy/schema.tests.json`):

* a **row** is one question with the answer the legal team expects, the clause that must decide
  it and, optionally, exactly the obligations it carries;
* a **property** is a statement checked over its whole finite scope: every action × data
  category × purpose it names, in every combination of the context flags it leaves free;
* **coverage** (like `opa test --coverage`): every rule of the policy must fire on some row;
* **mutation** (`--mutate`): each rule in turn is deleted, and has its effect flipped (permit ↔
  forbid; a duty becomes a prohibition); every such mutant must fail some row or property.

Results are values (`TestReport`); the formats (text, JSON, JUnit) live at the bottom; the CLI
only picks one and maps the report to an exit code.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .citation import cite
from .decide import CompiledPolicy, Decision, InvalidQueryError
from .findings import Diagnostic, Severity, did_you_mean, make
from .loader import Sources
from .model import (
    Expectation,
    PolicyProperty,
    TestRow,
    TestTable,
    rules_with_units,
)
from .read import Document, read_file
from .values import field, record, record_mutable

TESTS_FOLDER = "tests"
KINDS = ("actions", "data", "purposes")


# ------------------------------------------------------------------------------ loading


@record
class TableFile:
    path: str
    doc: Document
    table: TestTable


def load_tables(policy_dir: Path) -> tuple[list[TableFile], list[Diagnostic]]:
    """Read and shape-check every `tests/*.yaml` of a policy folder."""
    from .quickread import read_bytes_quickly
    from .schema import build_model, check_shape

    folder = Path(policy_dir) / TESTS_FOLDER
    files: list[TableFile] = []
    found: list[Diagnostic] = []
    if not folder.is_dir():
        found.append(make("TEST005", "no tests folder: the policy has no expected answers",
                          str(folder), hint="add policy/tests/*.yaml (see docs/format.md)"))
        return files, found
    for path in sorted(folder.glob("*.yaml")):
        # a clean table by the quickest path (the same document as engine.read gives)
        read = read_file(path, str(path), parse=read_bytes_quickly)
        found.extend(read.diagnostics)
        if read.document is None:
            continue
        shape = check_shape(read.document, "tests")
        found.extend(shape)
        if shape:
            continue
        model, errors = build_model(read.document, "tests")
        found.extend(errors)
        if isinstance(model, TestTable):
            files.append(TableFile(str(path), read.document, model))
    return files, found


# ------------------------------------------------------------------------------ results


@record
class RowResult:
    file: str
    line: int
    row: TestRow
    passed: bool
    problems: tuple[str, ...]  # in English, for CI; the explanations below are in `lang`
    expected: str  # the expected answer as a sentence in the report's language
    actual: str  # the engine's explanation in the report's language
    question: str = ""  # the row's question in the report's language, with its ids


@record
class PropertyResult:
    file: str
    line: int
    prop: PolicyProperty
    questions: int  # how many questions the property was checked on
    counterexample: str | None  # the first question where it fails, with the engine's answer


@record
class RuleInfo:
    index: int  # in the bundle
    clause: str  # dotted number
    number_in_clause: int  # 1-based
    effect: str
    file: str
    line: int

    def name(self) -> str:
        return f"rule {self.number_in_clause} of clause {self.clause} ({self.effect})"


@record
class Mutant:
    rule: RuleInfo
    kind: str  # "deleted" | "flipped to forbid" | "flipped to permit"
    caught_by: str | None  # the first row or property that failed on it


@record_mutable
class TestReport:
    rows: list[RowResult] = field(default_factory=list)
    properties: list[PropertyResult] = field(default_factory=list)
    rules: list[RuleInfo] = field(default_factory=list)
    covered: set[int] = field(default_factory=set)
    mutants: list[Mutant] | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)  # load problems and findings

    @property
    def failed_rows(self) -> list[RowResult]:
        return [r for r in self.rows if not r.passed]

    @property
    def failed_properties(self) -> list[PropertyResult]:
        return [p for p in self.properties if p.counterexample is not None]

    @property
    def uncovered(self) -> list[RuleInfo]:
        return [r for r in self.rules if r.index not in self.covered]

    @property
    def survivors(self) -> list[Mutant]:
        return [m for m in self.mutants or [] if m.caught_by is None]

    @property
    def loaded(self) -> bool:
        return not any(d.severity is Severity.ERROR and not d.code.startswith("TEST00")
                       for d in self.diagnostics)

    @property
    def ok(self) -> bool:
        return (self.loaded and not self.failed_rows and not self.failed_properties
                and not self.uncovered and not self.survivors
                and not any(d.severity is Severity.ERROR for d in self.diagnostics))


# ------------------------------------------------------------------------------ checking a row

WORDS = {
    "en": {"allow": "allowed", "deny": "denied", "by": "by {clause}",
           "obligations": "with the obligations: {items}", "none": "with no obligations"},
    "ru": {"allow": "разрешено", "deny": "запрещено", "by": "согласно {clause}",
           "obligations": "с обязанностями: {items}", "none": "без обязанностей"},
    "ja": {"allow": "許可", "deny": "不許可", "by": "（{clause}による）",
           "obligations": "遵守事項：{items}", "none": "遵守事項なし"},
}


# The text report's own words, per language (the explanations come from engine/messages.py).
REPORT = {
    "en": {"fail": "FAIL", "expected": "expected:", "actual": "actual:", "why": "why:",
           "counterexample": "counterexample:", "property": "property {id}: {says}",
           "rows": "rows: {ok} of {total} pass",
           "properties": "properties: {ok} of {total} hold ({questions} questions checked)",
           "coverage": "rule coverage: {covered} of {total} rules ({pct}%)",
           "mutation": "mutation score: {caught} of {total} mutants caught ({pct}%)",
           "ok": "OK", "failed": "FAILED",
           "given": ", given {flags}", "flags_join": " and ",
           "wrong_answer": "expected: {want}, but the answer is: {got}",
           "without": "allowed without the obligations: {items}",
           "same_as": "answered “{got}”, but {other} is answered “{other_got}”",
           "uncovered": "{rule} is not exercised by any row (add a row to policy/tests/ whose "
                        "question this rule decides)",
           "survivor": "no row or property notices when {rule} is {kind} (add a row that pins "
                       "down what this rule decides)",
           "rule": "rule {n} of {clause} ({effect})",
           "permit": "permit", "forbid": "forbid", "oblige": "obligation",
           "deleted": "removed", "flipped to forbid": "reversed into a prohibition",
           "flipped to permit": "reversed into a permission"},
    "ru": {"fail": "ОШИБКА", "expected": "ожидалось:", "actual": "получено:", "why": "почему:",
           "counterexample": "контрпример:", "property": "свойство {id}: {says}",
           "rows": "примеры: выполнено {ok} из {total}",
           "properties": "свойства: выполнено {ok} из {total} (проверено вопросов: "
                         "{questions})",
           "coverage": "охват правил: {covered} из {total} ({pct}%)",
           "mutation": "проверка изменениями правил: замечено {caught} из {total} ({pct}%)",
           "ok": "ВСЁ В ПОРЯДКЕ", "failed": "ЕСТЬ ОШИБКИ",
           "given": " при условии: {flags}", "flags_join": " и ",
           "wrong_answer": "ожидалось: {want}, а ответ: {got}",
           "without": "разрешено без обязанностей: {items}",
           "same_as": "ответ «{got}», но для {other} ответ «{other_got}»",
           "uncovered": "{rule} не проверяется ни одним примером (добавьте в policy/tests/ "
                        "пример с вопросом, который решает это правило)",
           "survivor": "ни один пример и ни одно свойство не заметят, если {rule} будет "
                       "{kind} (добавьте пример, который закрепляет решение этого правила)",
           "rule": "правило {n} из {clause} ({effect})",
           "permit": "разрешение", "forbid": "запрет", "oblige": "обязанность",
           "deleted": "удалено", "flipped to forbid": "заменено запретом",
           "flipped to permit": "заменено разрешением"},
    "ja": {"fail": "不合格", "expected": "期待する結果：", "actual": "実際の結果：",
           "why": "理由：", "counterexample": "反例：", "property": "性質「{id}」：{says}",
           "rows": "事例：{total}件中{ok}件合格",
           "properties": "性質：{total}件中{ok}件成立（確認した質問{questions}件）",
           "coverage": "規則の網羅：{total}件中{covered}件（{pct}%）",
           "mutation": "規則を変えた場合の検出：{total}件中{caught}件（{pct}%）",
           "ok": "すべて合格", "failed": "不合格あり",
           "given": "（前提：{flags}）", "flags_join": "、",
           "wrong_answer": "{want}のはずが、{got}でした",
           "without": "遵守事項（{items}）なしで許可されています",
           "same_as": "「{got}」でしたが、{other}は「{other_got}」です",
           "uncovered": "{rule}を試す事例がありません（この規則が決める質問の事例を"
                        "policy/tests/に追加してください）",
           "survivor": "{rule}が{kind}場合も、これに気付く事例又は性質がありません"
                       "（この規則の決める内容を確かめる事例を追加してください）",
           "rule": "{clause}の規則{n}（{effect}）",
           "permit": "許可", "forbid": "禁止", "oblige": "義務",
           "deleted": "削除された", "flipped to forbid": "禁止に反転された",
           "flipped to permit": "許可に反転された"},
}


def report_words(lang: str) -> dict[str, str]:
    return REPORT.get(lang, REPORT["en"])


def question_words(policy: CompiledPolicy, action: str, data: str, purpose: str,
                   given: Iterable[str], lang: str) -> str:
    """A question in `lang`, by its labels, with the ids in parentheses for the YAML:
    "“use” of “contact details” for “e-mail newsletters”, given “…” (use contact newsletter;
    opted_out)"."""
    from .messages import FRAMES

    f, w = FRAMES.get(lang, FRAMES["en"]), report_words(lang)

    def q(kind: str, term: str) -> str:
        known = term in policy.vocabulary.get(kind, {})
        return f["quote"].format(policy.label(kind, term, lang) if known else term)

    on = list(given)
    text = f["member"].format(action=q("actions", action), data=q("data", data),
                              purpose=q("purposes", purpose))
    if on:
        text += w["given"].format(flags=w["flags_join"].join(q("context", g) for g in on))
    ids = f"{action} {data} {purpose}" + (f"; {', '.join(on)}" if on else "")
    return f"{text} ({ids})" if lang != "ja" else f"{text}（{ids}）"


def rule_words(rule: RuleInfo, lang: str) -> str:
    w = report_words(lang)
    return w["rule"].format(n=rule.number_in_clause, clause=cite(rule.clause, lang),
                            effect=w.get(rule.effect, rule.effect))


def _flags(policy: CompiledPolicy, given: Iterable[str]) -> dict[str, bool]:
    on = set(given)
    return {f: f in on for f in policy.flags}


def _obligation_pairs(d: Decision) -> list[tuple[str, str]]:
    return sorted((o.id, o.clause.number) for o in d.obligations)


def _expected_obligations(row: TestRow) -> tuple[list[tuple[str, str]], bool]:
    """(id, clause) pairs, and whether every entry named its clause."""
    pairs = []
    exact = True
    for entry in row.obligations or ():
        ident, _, number = entry.partition(" ")
        pairs.append((ident, number.strip()))
        exact = exact and bool(number.strip())
    return sorted(pairs), exact


def expected_sentence(policy: CompiledPolicy, row: TestRow, lang: str) -> str:
    w = WORDS.get(lang, WORDS["en"])
    parts = [w[row.expect]]
    if row.by:
        parts.append(w["by"].format(clause=cite(row.by, lang)))
    if row.obligations is not None and row.expect == "allow":
        names = [policy.label("obligations", e.split(" ")[0], lang)
                 if e.split(" ")[0] in policy.vocabulary["obligations"] else e
                 for e in row.obligations]
        parts.append(w["obligations"].format(items="; ".join(names)) if names else w["none"])
    sep = "" if lang == "ja" else " "
    return sep.join(parts)


def check_row(policy: CompiledPolicy, row: TestRow) -> tuple[Decision | None, list[str]]:
    """The engine's answer to a row and what differs from the expectation (empty: passed)."""
    action, data, purpose = row.ask.split(" ")
    try:
        d = policy.decide(action, data, purpose, _flags(policy, row.given))
    except InvalidQueryError as exc:
        return None, [str(exc)]
    problems = []
    if d.outcome != row.expect:
        problems.append(f"expected {row.expect}, got {d.outcome}")
    if row.by is not None and row.by not in {c.number for c in d.clauses}:
        problems.append(f"expected clause {row.by} to decide, but "
                        + ", ".join(c.number for c in d.clauses) + " decided")
    if row.obligations is not None and d.allowed:
        want, exact = _expected_obligations(row)
        got = _obligation_pairs(d)
        if not exact:
            got = sorted((i, "") for i, _ in got)
            want = sorted((i, "") for i, _ in want)
        if got != want:
            problems.append("expected obligations " + _show_pairs(want) + ", got "
                            + _show_pairs(got))
    return d, problems


def _show_pairs(pairs: Sequence[tuple[str, str]]) -> str:
    return "[" + ", ".join(f"{i} {n}".strip() for i, n in pairs) + "]" if pairs else "none"


def rule_fires(rule: Mapping[str, Any], action: str, data: str, purpose: str,
               context: Mapping[str, bool]) -> bool:
    return (action in rule["actions"] and data in rule["data"] and purpose in rule["purposes"]
            and all(context.get(f, False) == v for f, v in rule["when"].items()))


def _leaves(policy: CompiledPolicy, kind: str, term: str) -> tuple[str, ...]:
    entry = policy.vocabulary[kind].get(term)
    if entry is None:
        return ()
    return tuple(entry.get("members") or (term,))


# ------------------------------------------------------------------------------ properties


def scope_terms(policy: CompiledPolicy, prop: PolicyProperty, kind: str) -> list[str]:
    refs = getattr(prop.scope, kind)
    leaves = [t for t, e in policy.vocabulary[kind].items() if "members" not in e]
    out: list[str] = []
    for ref in refs:
        picked = leaves if ref == "*" else list(_leaves(policy, kind, ref))
        out.extend(p for p in picked if p not in out)
    if prop.scope.except_ is not None:
        drop = {leaf for ref in getattr(prop.scope.except_, kind)
                for leaf in _leaves(policy, kind, ref)}
        out = [t for t in out if t not in drop]
    return out


def _contexts(policy: CompiledPolicy, prop: PolicyProperty) -> list[dict[str, bool]]:
    fixed = {**dict.fromkeys(prop.given, True), **dict.fromkeys(prop.given_not, False)}
    free = [f for f in policy.flags if f not in fixed]
    return [{**fixed, **dict(zip(free, bits, strict=True))}
            for bits in itertools.product((False, True), repeat=len(free))]


def _mask(policy: CompiledPolicy, ctx: Mapping[str, bool]) -> int:
    return sum(1 << i for i, f in enumerate(policy.flags) if ctx.get(f, False))


class _Duties:
    """Per leaf question and obligation, the bit set of contexts in which a permit or a duty
    carrying that obligation fires (the same rule semantics as the engine: the obligation is on
    the answer wherever the answer is allow and such a rule fires)."""

    def __init__(self, policy: CompiledPolicy) -> None:
        # The contexts where each rule holds come from the decision table (engine/table.py),
        # the one definition of the rules.
        sets = policy.table.context_sets()
        self.bits: dict[tuple[str, str, str, str], int] = {}
        for rule in policy.table.rules:
            if rule.effect == "forbid" or not rule.obligations:
                continue
            holds = sets[rule.index]
            for key in itertools.product(rule.actions, rule.data, rule.purposes):
                for o in rule.obligations:
                    k = (*key, o)
                    self.bits[k] = self.bits.get(k, 0) | holds

    def missing(self, question: tuple[str, str, str], obligations: Iterable[str],
                allowed: int) -> int:
        """Contexts where the question is allowed without one of the obligations."""
        bad = 0
        for o in obligations:
            bad |= allowed & ~self.bits.get((*question, o), 0)
        return bad


def check_property(policy: CompiledPolicy, prop: PolicyProperty, lang: str = "en",
                   table: Any = None, duties: _Duties | None = None) -> tuple[int, str | None]:
    """How many questions were checked, and the first counterexample (None: it holds).

    Outcomes come from the decision table (a bit set over every context per question), so a
    property over the whole domain costs one lookup per question, not one per context; the
    engine itself is asked only where obligations matter and to explain a counterexample."""
    from .diff.decisions import Table

    tb = table if table is not None else Table(policy, policy.flags)
    axes = [scope_terms(policy, prop, k) for k in KINDS]
    contexts = _contexts(policy, prop)
    masks = [_mask(policy, ctx) for ctx in contexts]
    cmask = 0
    for m in masks:
        cmask |= 1 << m
    if duties is None and isinstance(prop.expect, Expectation) and prop.expect.obligations:
        duties = _Duties(policy)
    expect = prop.expect
    answer = expect if isinstance(expect, str) else expect.answer
    checked = 0
    for action, data, purpose in itertools.product(*axes):
        checked += len(contexts)
        bits = tb.answer(action, data, purpose) & cmask
        bad = 0
        if answer == "allow":
            bad = cmask & ~bits
        elif answer == "deny":
            bad = bits
        if isinstance(expect, Expectation) and expect.same_as:
            swapped = [action, data, purpose]
            for kind, term in expect.same_as.items():
                swapped[KINDS.index(kind)] = term
            bad |= (bits ^ tb.answer(swapped[0], swapped[1], swapped[2])) & cmask
        if duties is not None and isinstance(expect, Expectation) and expect.obligations:
            bad |= duties.missing((action, data, purpose), expect.obligations, bits)
        if bad:
            ctx = next(c for c, m in zip(contexts, masks, strict=True) if bad >> m & 1)
            d = policy.decide(action, data, purpose, ctx)
            wrong = _violates(policy, expect, d, (action, data, purpose), ctx, lang)
            on = [f for f, v in sorted(ctx.items()) if v]
            sep = "：" if lang == "ja" else ": "
            return checked, (f"{question_words(policy, action, data, purpose, on, lang)}{sep}"
                             f"{wrong} — " + d.explain(lang))
    return checked, None


def _violates(policy: CompiledPolicy, expect: str | Expectation, d: Decision,
              question: tuple[str, str, str], ctx: Mapping[str, bool],
              lang: str = "en") -> str | None:
    """What a counterexample gets wrong, in `lang`."""
    w, words = report_words(lang), WORDS.get(lang, WORDS["en"])
    answer = expect if isinstance(expect, str) else expect.answer
    if answer is not None and d.outcome != answer:
        return w["wrong_answer"].format(want=words[answer], got=words[d.outcome])
    if isinstance(expect, str):
        return None
    if expect.obligations is not None and d.allowed:
        have = {o.id for o in d.obligations}
        missing = [o for o in expect.obligations if o not in have]
        if missing:
            sep = "、" if lang == "ja" else ", "
            return w["without"].format(items=sep.join(
                policy.label("obligations", o, lang)
                if o in policy.vocabulary["obligations"] else o for o in missing))
    if expect.same_as:
        swapped = list(question)
        for kind, term in expect.same_as.items():
            swapped[KINDS.index(kind)] = term
        other = policy.decide(swapped[0], swapped[1], swapped[2], dict(ctx))
        if other.allowed != d.allowed:
            on = [f for f, v in sorted(ctx.items()) if v]
            return w["same_as"].format(
                got=words[d.outcome], other_got=words[other.outcome],
                other=question_words(policy, swapped[0], swapped[1], swapped[2], on, lang))
    return None


# ------------------------------------------------------------------------------ running


def _rule_infos(src: Sources) -> list[RuleInfo]:
    infos: list[RuleInfo] = []
    if src.master is None or src.master_doc is None:
        return infos
    for i, (unit, index, rule) in enumerate(rules_with_units(src.master)):
        pos = src.master_doc.pos((*unit.data_path, "rules", index))
        infos.append(RuleInfo(i, unit.number, index + 1, rule.effect, src.master_doc.file,
                              pos.line))
    return infos


def _validate(policy: CompiledPolicy, files: Sequence[TableFile]) -> list[Diagnostic]:
    """Rows and properties that name terms, flags or clauses the policy does not have."""
    found: list[Diagnostic] = []
    numbers = {str(c["number"]) for c in policy.bundle["clauses"].values()}
    flags = set(policy.flags)
    obligations = set(policy.vocabulary["obligations"])

    def bad(doc: Document, path: tuple[str | int, ...], what: str, word: str,
            choices: Iterable[str]) -> None:
        pos = doc.pos(path)
        found.append(make("TEST005", f"unknown {what} '{word}'", doc.file, pos.line, pos.col,
                          hint=did_you_mean(word, choices)))

    for tf in files:
        for i, row in enumerate(tf.table.cases):
            for kind, term in zip(KINDS, row.ask.split(" "), strict=True):
                if term not in policy.vocabulary[kind]:
                    bad(tf.doc, ("cases", i, "ask"), kind.rstrip("s") if kind != "data"
                        else "data category", term, policy.vocabulary[kind])
            for j, flag in enumerate(row.given):
                if flag not in flags:
                    bad(tf.doc, ("cases", i, "given", j), "context flag", flag, flags)
            if row.by is not None and row.by not in numbers:
                bad(tf.doc, ("cases", i, "by"), "clause", row.by, numbers)
            for j, entry in enumerate(row.obligations or ()):
                ident, _, number = entry.partition(" ")
                if ident not in obligations:
                    bad(tf.doc, ("cases", i, "obligations", j), "obligation", ident, obligations)
                if number and number not in numbers:
                    bad(tf.doc, ("cases", i, "obligations", j), "clause", number, numbers)
        for i, prop in enumerate(tf.table.properties):
            for kind in KINDS:
                refs = list(getattr(prop.scope, kind))
                if prop.scope.except_ is not None:
                    refs += list(getattr(prop.scope.except_, kind))
                for term in refs:
                    if term != "*" and term not in policy.vocabulary[kind]:
                        bad(tf.doc, ("properties", i, "for", kind), kind, term,
                            policy.vocabulary[kind])
            for flag in (*prop.given, *prop.given_not):
                if flag not in flags:
                    bad(tf.doc, ("properties", i), "context flag", flag, flags)
            expect = prop.expect
            if isinstance(expect, Expectation):
                for ob in expect.obligations or ():
                    if ob not in obligations:
                        bad(tf.doc, ("properties", i, "expect"), "obligation", ob, obligations)
                for kind, term in (expect.same_as or {}).items():
                    if term not in policy.vocabulary[kind]:
                        bad(tf.doc, ("properties", i, "expect"), kind, term,
                            policy.vocabulary[kind])
    return found


def _covered(policy: CompiledPolicy, files: Sequence[TableFile]) -> set[int]:
    """Rules that fire on some row: the row's question is in the rule's scope and its
    condition holds in the row's context (group questions count for each member)."""
    rules = policy.bundle["rules"]
    covered: set[int] = set()
    for tf in files:
        for row in tf.table.cases:
            parts = row.ask.split(" ")
            ctx = _flags(policy, row.given)
            axes = [_leaves(policy, k, t) for k, t in zip(KINDS, parts, strict=True)]
            for a, d, p in itertools.product(*axes):
                for i, rule in enumerate(rules):
                    if i not in covered and rule_fires(rule, a, d, p, ctx):
                        covered.add(i)
    return covered


def _first_failure(policy: CompiledPolicy, files: Sequence[TableFile]) -> str | None:
    table: Any = None
    duties: _Duties | None = None
    for tf in files:
        for i, row in enumerate(tf.table.cases):
            _, problems = check_row(policy, row)
            if problems:
                return f"{tf.path}:{tf.doc.pos(('cases', i)).line} ({row.ask})"
        for i, prop in enumerate(tf.table.properties):
            if table is None:
                from .diff.decisions import Table

                table = Table(policy, policy.flags)
                duties = _Duties(policy)
            if check_property(policy, prop, table=table, duties=duties)[1] is not None:
                return f"{tf.path}:{tf.doc.pos(('properties', i)).line} (property {prop.id})"
    return None


def mutants(policy: CompiledPolicy, rules: Sequence[RuleInfo],
            files: Sequence[TableFile]) -> Iterator[Mutant]:
    """Each rule deleted, and each rule's effect flipped: which row or property catches it."""
    base = policy.bundle_dict()
    for info in rules:
        flipped = {"permit": "forbid", "forbid": "permit", "oblige": "forbid"}[info.effect]
        for kind in ("deleted", f"flipped to {flipped}"):
            bundle = dict(base)
            new_rules = [dict(r) for r in base["rules"]]
            if kind == "deleted":
                del new_rules[info.index]
            else:
                new_rules[info.index]["effect"] = flipped
                if flipped == "forbid":
                    new_rules[info.index]["obligations"] = []
            bundle["rules"] = new_rules
            yield Mutant(info, kind, _first_failure(CompiledPolicy(bundle), files))


def run_tests(src: Sources, policy: CompiledPolicy, policy_dir: Path, *, lang: str = "en",
              mutate: bool = False) -> TestReport:
    """Run every table of the policy folder against the compiled policy."""
    files, found = load_tables(policy_dir)
    report = TestReport(diagnostics=list(found))
    report.rules = _rule_infos(src)
    problems = _validate(policy, files)
    report.diagnostics.extend(problems)
    if problems:
        return report
    from .diff.decisions import Table

    table, duties = Table(policy, policy.flags), _Duties(policy)
    for tf in files:
        for i, row in enumerate(tf.table.cases):
            d, wrong = check_row(policy, row)
            line = tf.doc.pos(("cases", i)).line
            report.rows.append(RowResult(
                tf.path, line, row, not wrong, tuple(wrong),
                expected_sentence(policy, row, lang),
                d.explain(lang) if d is not None else "; ".join(wrong),
                _row_question(policy, row, lang)))
            if wrong:
                report.diagnostics.append(make(
                    "TEST001", f"{row.ask}{_given(row)}: " + "; ".join(wrong), tf.path, line, 1,
                    hint=row.why))
        for i, prop in enumerate(tf.table.properties):
            line = tf.doc.pos(("properties", i)).line
            checked, counter = check_property(policy, prop, lang, table, duties)
            report.properties.append(PropertyResult(tf.path, line, prop, checked, counter))
            if counter is not None:
                report.diagnostics.append(make(
                    "TEST002", f"property {prop.id} does not hold: {prop.says}", tf.path, line,
                    1, detail=(f"counterexample: {counter}",)))
    report.covered = _covered(policy, files)
    for rule in report.uncovered:
        report.diagnostics.append(make(
            "TEST003", f"{rule.name()} is not exercised by any row", rule.file, rule.line, 1,
            hint="add a row to policy/tests/ whose question this rule decides"))
    if mutate:
        report.mutants = list(mutants(policy, report.rules, files))
        for m in report.survivors:
            report.diagnostics.append(make(
                "TEST004", f"no row or property notices when {m.rule.name()} is {m.kind}",
                m.rule.file, m.rule.line, 1,
                hint="add a row that pins down what this rule decides"))
    return report


def _row_question(policy: CompiledPolicy, row: TestRow, lang: str) -> str:
    parts = row.ask.split(" ")
    if len(parts) != 3:
        return row.ask + _given(row)
    return question_words(policy, parts[0], parts[1], parts[2], row.given, lang)


def _given(row: TestRow) -> str:
    return f" (given: {', '.join(row.given)})" if row.given else ""


# ------------------------------------------------------------------------------ formats


def format_text(report: TestReport, lang: str = "en") -> str:
    """The report for people, in `lang`: failures with the question in words, then the
    counts. The JSON and JUnit formats keep the ids and English codes for tools."""
    w = report_words(lang)
    lines: list[str] = []
    for d in report.diagnostics:
        if d.code in ("TEST001", "TEST002", "TEST003", "TEST004"):
            continue
        lines.append(str(d))
        lines.extend(f"    {x}" for x in d.detail)
    for rule in report.uncovered:
        lines.append(f"{rule.file}:{rule.line}:1: TEST003 " + w["uncovered"].format(
            rule=rule_words(rule, lang)))
    for m in report.survivors if report.mutants is not None else ():
        lines.append(f"{m.rule.file}:{m.rule.line}:1: TEST004 " + w["survivor"].format(
            rule=rule_words(m.rule, lang), kind=w.get(m.kind, m.kind)))
    # Japanese labels end in a full-width colon and are not padded (their width is not len()).
    pad = 0 if lang == "ja" else max(len(w[k]) for k in ("expected", "actual", "why")) + 1
    gap = "" if lang == "ja" else " "
    for r in report.failed_rows:
        lines.append(f"{w['fail']} {r.file}:{r.line}: {r.question or r.row.ask + _given(r.row)}")
        lines.append(f"    {w['expected']:<{pad}}{r.expected}")
        lines.append(f"    {w['actual']:<{pad}}{r.actual}")
        if r.row.why:
            lines.append(f"    {w['why']:<{pad}}{r.row.why}")
    for p in report.failed_properties:
        lines.append(f"{w['fail']} {p.file}:{p.line}: "
                     + w["property"].format(id=p.prop.id, says=p.prop.says))
        lines.append(f"    {w['counterexample']}{gap}{p.counterexample}")
    rows_ok = len(report.rows) - len(report.failed_rows)
    props_ok = len(report.properties) - len(report.failed_properties)
    covered = len(report.rules) - len(report.uncovered)
    pct = 100.0 * covered / len(report.rules) if report.rules else 100.0
    lines.append(w["rows"].format(ok=rows_ok, total=len(report.rows)))
    lines.append(w["properties"].format(
        ok=props_ok, total=len(report.properties),
        questions=sum(p.questions for p in report.properties)))
    lines.append(w["coverage"].format(covered=covered, total=len(report.rules),
                                      pct=f"{pct:.0f}"))
    if report.mutants is not None:
        caught = len(report.mutants) - len(report.survivors)
        score = 100.0 * caught / len(report.mutants) if report.mutants else 100.0
        lines.append(w["mutation"].format(caught=caught, total=len(report.mutants),
                                          pct=f"{score:.0f}"))
    lines.append(w["ok"] if report.ok else w["failed"])
    return "\n".join(lines) + "\n"


def format_json(report: TestReport) -> str:
    out: dict[str, Any] = {
        "ok": report.ok,
        "rows": [{"file": r.file, "line": r.line, "ask": r.row.ask, "given": list(r.row.given),
                  "expect": r.row.expect, "by": r.row.by, "passed": r.passed,
                  "problems": list(r.problems), "expected": r.expected, "actual": r.actual}
                 for r in report.rows],
        "properties": [{"file": p.file, "line": p.line, "id": p.prop.id, "says": p.prop.says,
                        "questions": p.questions, "holds": p.counterexample is None,
                        "counterexample": p.counterexample} for p in report.properties],
        "coverage": {"rules": len(report.rules),
                     "covered": len(report.rules) - len(report.uncovered),
                     "uncovered": [{"rule": r.name(), "file": r.file, "line": r.line}
                                   for r in report.uncovered]},
        "diagnostics": [d.to_json() for d in report.diagnostics],
    }
    if report.mutants is not None:
        out["mutation"] = {
            "mutants": len(report.mutants),
            "caught": len(report.mutants) - len(report.survivors),
            "survivors": [{"rule": m.rule.name(), "mutant": m.kind, "line": m.rule.line}
                          for m in report.survivors]}
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


_CASE_CODES = frozenset({"TEST001", "TEST002", "TEST003", "TEST004"})  # a case of their own


def format_junit(report: TestReport) -> str:
    """JUnit XML: one test suite per table file, plus one for coverage and mutation."""
    # Here, not at the top: xml.sax.saxutils imports urllib.request (http, ssl, email), which
    # every other report and the diff would pay for.
    from xml.sax.saxutils import escape, quoteattr

    suites: dict[str, list[str]] = {}
    failures: dict[str, int] = {}

    def case(suite: str, name: str, failure: str | None) -> None:
        body = (f"<failure message={quoteattr(failure.splitlines()[0])}>{escape(failure)}"
                "</failure>") if failure else ""
        suites.setdefault(suite, []).append(
            f'    <testcase classname={quoteattr(suite)} name={quoteattr(name)}>{body}'
            "</testcase>")
        failures[suite] = failures.get(suite, 0) + (1 if failure else 0)

    for r in report.rows:
        case(r.file, f"line {r.line}: {r.row.ask}{_given(r.row)}",
             None if r.passed else "\n".join([*r.problems, f"expected: {r.expected}",
                                              f"actual: {r.actual}"]))
    for p in report.properties:
        case(p.file, f"property {p.prop.id}", p.counterexample)
    for rule in report.rules:
        case("coverage", rule.name(), None if rule.index in report.covered
             else "not exercised by any row")
    for m in report.mutants or []:
        case("mutation", f"{m.rule.name()} {m.kind}",
             None if m.caught_by else "no row or property fails on this mutant")
    # What kept the tables or the policy from being read (a failing row or property is its
    # own case above): one failing case each, so a CI report never shows an empty green run.
    for d in report.diagnostics:
        if d.severity is Severity.ERROR and d.code not in _CASE_CODES:
            case("problems", f"{d.location}: {d.code}", "\n".join([str(d), *d.detail]))
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<testsuites>"]
    for suite, cases in suites.items():
        out.append(f"  <testsuite name={quoteattr(suite)} tests=\"{len(cases)}\" "
                   f"failures=\"{failures[suite]}\">")
        out.extend(cases)
        out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out) + "\n"


# What only words a policy: no question's answer, duty or cited clause depends on these.
_WORDING_KEYS = frozenset({"title", "excerpt", "labels"})
_WORDING_TOP = frozenset({"version", "revised", "hash", "languages", "prevailing_language"})


def _answering(node: Any) -> Any:
    if isinstance(node, Mapping):
        return {k: _answering(v) for k, v in node.items() if k not in _WORDING_KEYS}
    if isinstance(node, (list, tuple)):
        return [_answering(v) for v in node]
    return node


def answers_alike(a: CompiledPolicy, b: CompiledPolicy) -> bool:
    """Whether two policies give the same answer, duties and clause to every question in every
    context: their bundles are equal once titles, excerpts, labels, version, dates and hash
    (the words) are left out. A compiled policy is made from its bundle alone."""
    return bool(_answering({k: v for k, v in a.bundle.items() if k not in _WORDING_TOP})
                == _answering({k: v for k, v in b.bundle.items() if k not in _WORDING_TOP}))


def broken_properties(base: CompiledPolicy, head: CompiledPolicy,
                      policy_dir: Path) -> list[Diagnostic]:
    """TEST006 for each property of the folder's tables that holds on `base` and fails on
    `head`: what `policy diff` says when a change breaks a property the legal team wrote."""
    folder = Path(policy_dir) / TESTS_FOLDER
    if not folder.is_dir():
        return []
    if answers_alike(base, head):
        # Same rules, terms and clause numbers: every property holds on `head` exactly when it
        # holds on `base`, so no change can break one (the common case: a wording change).
        return []
    files, problems = load_tables(policy_dir)
    if problems or _validate(head, files):
        return []
    found: list[Diagnostic] = []
    base_ok = not _validate(base, files)
    # Each policy's decision table and duties, built once for all its properties (as
    # run_tests does), not once per property.
    from .diff.decisions import Table

    tables: dict[int, tuple[Any, _Duties]] = {}

    def counterexample(policy: CompiledPolicy, prop: PolicyProperty) -> str | None:
        if id(policy) not in tables:
            tables[id(policy)] = (Table(policy, policy.flags), _Duties(policy))
        table, duties = tables[id(policy)]
        return check_property(policy, prop, table=table, duties=duties)[1]

    for tf in files:
        for i, prop in enumerate(tf.table.properties):
            counter = counterexample(head, prop)
            if counter is None:
                continue
            if base_ok and counterexample(base, prop) is not None:
                continue  # it did not hold before either: not this change's doing
            line = tf.doc.pos(("properties", i)).line
            found.append(make("TEST006", f"this change breaks the property {prop.id}: "
                              f"{prop.says}", tf.path, line, 1,
                              detail=(f"counterexample: {counter}",),
                              hint="change the rules back, or have the legal team change the "
                                   "property"))
    return found
