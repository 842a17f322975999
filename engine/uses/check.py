"""Check declared uses against a policy: every use, for every data category it lists, is asked
of the engine with its `when` (flags it does not list are false, as in `policy.allows`).

Findings are diagnostics at the use's nodes (USES001 denied, USES002 obligations not
acknowledged, USES003 unknown terms) beside the reading diagnostics; the decisions themselves
come back too, as values, for the ledger and for callers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..citation import cite_many
from ..decide import CompiledPolicy, Decision
from ..findings import Diagnostic, did_you_mean, has_errors, make, sorted_unique
from ..saying import english_of, in_every_language, listed
from .sources import Declarations, DeclaredUse


@dataclass(frozen=True, slots=True)
class UseResult:
    """The engine's answer for one declared use and one data category (or group) it lists."""

    use: DeclaredUse
    data: str
    decision: Decision

    @property
    def allowed(self) -> bool:
        return self.decision.allowed

    @property
    def missing_obligations(self) -> tuple[str, ...]:
        """Obligations the decision carries that the declaration does not acknowledge."""
        declared = set(self.use.obligations)
        return tuple(dict.fromkeys(o.id for o in self.decision.obligations
                                   if o.id not in declared))


@dataclass(slots=True)
class UsesCheck:
    """The outcome of checking a folder of declarations against one policy."""

    declarations: Declarations
    results: list[UseResult] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)

    @property
    def denied(self) -> list[UseResult]:
        return [r for r in self.results if not r.allowed]


class KnownTerms:
    """The ids the policy defines, by kind, as sets: the one test of whether a use names only
    known terms (a thousand uses ask several times each, and membership in a set is quicker
    than in the read-only mappings the policy hands out)."""

    __slots__ = ("actions", "data", "flags", "obligations", "policy", "purposes")

    def __init__(self, policy: CompiledPolicy) -> None:
        vocabulary = policy.vocabulary
        self.policy = policy
        self.actions, self.data, self.purposes, self.flags = (
            frozenset(vocabulary[k]) for k in ("actions", "data", "purposes", "context"))
        self.obligations = frozenset(vocabulary.get("obligations", {}))

    def askable(self, use: DeclaredUse) -> bool:
        """Can any question of the use be asked (its action, purpose and flags are known)?"""
        return (use.action in self.actions and use.purpose in self.purposes
                and (not use.when or self.flags.issuperset(f for f, _v in use.when)))

    def all_known(self, use: DeclaredUse) -> bool:
        """Does the use name only terms the policy defines (nothing to report)?"""
        return (self.askable(use) and self.data.issuperset(use.data)
                and self.obligations.issuperset(use.obligations))

    def unknown(self, use: DeclaredUse) -> list[Diagnostic]:
        """USES003 for every id of the use the policy does not define, at its node."""
        found: list[Diagnostic] = []

        def report(kind_name: str, term: str, known: Sequence[str], *path: str | int) -> None:
            from ..names import closest

            line, col = use.pos(*path)
            close = closest(term, known, 3)
            found.append(make("USES003", f"{use.key}: the policy has no {kind_name} '{term}'",
                              use.file, line, col, unit=use.key,
                              hint=did_you_mean(term, known) or f"use one of the "
                              f"{kind_name} ids that `policy terms` lists",
                              suggestions=tuple(close),  # as QUERY001 has them, for programs
                              params={"use": use.key, "kind": kind_name, "term": term,
                                      "close": bool(close), "options": listed(close)}))

        terms = self.policy.terms
        if use.action not in self.actions:
            report("action", use.action, terms("actions"), "action")
        if use.purpose not in self.purposes:
            report("purpose", use.purpose, terms("purposes"), "purpose")
        for i, term in enumerate(use.data):
            if term not in self.data:
                report("data category", term, terms("data"), "data", i)
        for flag, _value in use.when:
            if flag not in self.flags:
                report("context flag", flag, self.policy.flags, "key", "when", flag)
        for i, term in enumerate(use.obligations):
            if term not in self.obligations:
                report("obligation", term, tuple(self.policy.vocabulary.get("obligations", {})),
                       "obligations", i)
        return found


def _denied(use: DeclaredUse, index: int, result: UseResult, policy: CompiledPolicy,
            said: dict[tuple[int, str | None], tuple[str, str]]) -> Diagnostic:
    """USES001 at the data category; `said` keeps each decision's explanation and hint (by the
    decision's identity: the engine hands out one object per question), so a denial that many
    uses share is explained once."""
    d = result.decision
    line, col = use.pos("data", index)
    # A forbid that fires only because of a flag the use declares under `when:` (it runs for
    # users who opted out): the flag is the cause, said at its line.
    cause = _declared_cause(use, result, policy) if d.reason == "forbidden" else None
    if cause is not None and use.has("key", "when", cause):
        line, col = use.pos("key", "when", cause)
    key = (id(d), cause)
    words = said.get(key)
    if words is None:
        words = said[key] = (in_every_language(d.explain),
                             in_every_language(lambda lang: _denial_hint(d, lang, cause)))
    explanation, hint = words
    return make("USES001", f"{use.key} is denied for {result.data}: {english_of(explanation)}",
                use.file, line, col, unit=use.key, hint=english_of(hint),
                params={"use": use.key, "data": result.data, "explanation": explanation,
                        "advice": hint})


def _declared_cause(use: DeclaredUse, result: UseResult, policy: CompiledPolicy) -> str | None:
    """The flag the use declares true under `when:` without which the policy would not forbid
    it, if there is one."""
    declared = dict(use.when)
    for flag, value in use.when:
        if value:
            without = {**declared, flag: False}
            if policy.allows(use.action, result.data, use.purpose, **without).reason != "forbidden":
                return flag
    return None


_HINTS = {  # what to do about a denial, by its reason (the clauses and flags filled in)
    "forbidden": {
        "en": "the policy forbids this ({cited}): stop the use or remove this data category "
              "from it",
        "ja": "ポリシーがこの利用を禁止しています（{cited}）。利用をやめるか、このデータの種類を"
              "申告から外してください",
        "ru": "политика это запрещает ({cited}): прекратите использование или уберите эту "
              "категорию данных из декларации"},
    "forbidden_when": {
        "en": "the policy forbids this while {flag} is true ({cited}), and the use declares that "
              "it runs then: such a use must not run; stop it, or remove {flag} from `when:` "
              "if the system never runs in that situation",
        "ja": "{flag} が true の間はポリシーがこの利用を禁止しています（{cited}）。この申告は、"
              "その状況でも利用が行われるとしています。そのような利用はやめてください。その状況"
              "では動かないシステムであれば、`when:` から {flag} を外してください",
        "ru": "пока флаг {flag} равен true, политика это запрещает ({cited}), а в декларации указано, "
              "что использование выполняется именно тогда: такое использование недопустимо; "
              "прекратите его или уберите {flag} из `when:`, если система в этой ситуации не "
              "работает"},
    "condition_failed": {
        "en": "if the use only runs when {options}, declare that under `when:`; otherwise change "
              "the use or ask the legal team about {cited}",
        "ja": "この利用が {options}の場合にだけ行われるなら、そのことを `when:` に書いて"
              "ください。そうでなければ、利用を変えるか、{cited}について法務チームに相談して"
              "ください",
        "ru": "если использование выполняется только при {options}, укажите это в `when:`; "
              "иначе измените использование или обратитесь к юристам по поводу {cited}"},
    "no_permission": {
        "en": "no clause allows this: change the action, data or purpose, or ask the legal team "
              "whether the policy should allow it",
        "ja": "これを認める条項はありません。行為・データ・目的を見直すか、ポリシーで認めるべきか"
              "法務チームに相談してください",
        "ru": "ни один пункт этого не разрешает: измените действие, данные или цель либо "
              "спросите юристов, должна ли политика это разрешать"},
}
_OR = {"en": " or ", "ja": "または", "ru": " или "}


def _denial_hint(d: Decision, lang: str, cause: str | None = None) -> str:
    failed = d.failed_conditions
    cited = cite_many([c.number for c in d.clauses], lang) if d.clauses else ""
    if d.reason == "condition_failed" and failed:
        # Each clause that would allow the use names its own condition; any one of them will do.
        by_clause: dict[str, list[str]] = {}
        for c in failed:
            wanted = f"{c.flag}: {'true' if c.required else 'false'}"
            if wanted not in by_clause.setdefault(c.clause.number, []):
                by_clause[c.clause.number].append(wanted)
        left, right = ("（", "）") if lang == "ja" else (" (", ")")
        options = _OR[lang].join(f"{{{', '.join(w)}}}{left}{cite_many([n], lang)}{right}"
                                 for n, w in by_clause.items())
        return _HINTS["condition_failed"][lang].format(options=options, cited=cited)
    if d.reason == "forbidden":
        form = "forbidden_when" if cause is not None else "forbidden"
        return _HINTS[form][lang].format(cited=cited, flag=cause)
    return _HINTS["no_permission"][lang]


def _unacknowledged(use: DeclaredUse, results: list[UseResult], policy: CompiledPolicy,
                    ) -> Diagnostic | None:
    missing: dict[str, list[str]] = {}
    for r in results:
        for o in r.decision.obligations:
            if o.id not in use.obligations:
                missing.setdefault(o.id, [])
                if o.clause.number not in missing[o.id]:
                    missing[o.id].append(o.clause.number)
    if not missing:
        return None
    def duties(lang: str) -> str:
        sep, left, right = ("；", "（", "）") if lang == "ja" else ("; ", " (", ")")
        return sep.join(f"{o} — {policy.label('obligations', o, lang)}{left}"
                        f"{cite_many(n, lang)}{right}" for o, n in missing.items())

    said = in_every_language(duties)
    line, col = use.pos("key", "obligations") if use.has("key", "obligations") else use.pos("id")
    return make("USES002", f"{use.key}: the policy allows this use only with obligations the "
                f"declaration does not list: {english_of(said)}", use.file, line, col,
                unit=use.key, hint="once the system fulfils them, add them under "
                "`obligations:` (" + ", ".join(missing) + ")",
                # the ids side by side as the reader's language lists them (ja 、)
                params={"use": use.key, "duties": said, "ids": listed(list(missing))})


def check_uses(policy: CompiledPolicy, declarations: Declarations) -> UsesCheck:
    """Ask the policy about every declared use; collect the decisions and the findings."""
    out = UsesCheck(declarations)
    found = list(declarations.diagnostics)
    # `engine.policy` stands in for the shipped policy and forwards each attribute through a
    # lock; a thousand uses ask for the vocabulary thousands of times, so use the real one.
    real = getattr(policy, "_real", None)
    if callable(real):
        policy = real()
    known = KnownTerms(policy)
    data_terms = known.data
    ask = policy.allows  # the terms and flags are known (checked above), the values are bools
    said: dict[tuple[int, str | None], tuple[str, str]] = {}
    results = out.results
    for use in declarations.uses:
        if not known.all_known(use):
            found.extend(known.unknown(use))
            if not known.askable(use):
                continue  # no question can be asked; its unknown terms are reported above
        context = use.context
        allowed: list[UseResult] = []
        for i, term in enumerate(use.data):
            if term not in data_terms:
                continue
            result = UseResult(use, term, ask(use.action, term, use.purpose, **context))
            results.append(result)
            if result.decision.allowed:
                allowed.append(result)
            else:
                found.append(_denied(use, i, result, policy, said))
        if allowed:
            missing = _unacknowledged(use, allowed, policy)
            if missing is not None:
                found.append(missing)
    out.diagnostics = sorted_unique(found)
    return out
