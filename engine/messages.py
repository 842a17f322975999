"""Sentences that explain a decision in Japanese, Russian or English, filled from the policy's own labels.

Only the sentence frames live here; every clause title and vocabulary label comes from the
compiled policy, so the explanation follows the YAML. Clause numbers are cited in each
language's own form (`engine.citation`: "clause 4.2.6", "п. 4.2.6", "第4項第2号⑥"), and each
language punctuates in its own way (Japanese with 、 and full-width brackets).

Obligation labels are verb phrases ("limit use to what the law requires"), so the frames
introduce them as what the caller must do: "You must: …", "Необходимо: …", "遵守事項：…".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from .citation import cite, cite_many

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .decision import Decision


class PolicyText(Protocol):
    """What an explanation reads from the policy: labels and clause titles."""

    def label(self, kind: str, term: str, lang: str) -> str: ...
    def clause(self, id_path: str) -> Mapping[str, Any]: ...


# Frames per language. Fields: {clauses} {action} {data} {purpose} {conditions}
FRAMES: dict[str, dict[str, str]] = {
    "en": {
        "cited": "{citation} (“{title}”)",
        "clauses_join": "; ",
        "permitted": "Allowed by {clauses}: {action} of {data} for {purpose}.",
        "forbidden": "Denied by {clauses}: {action} of {data} for {purpose} is forbidden.",
        "condition_failed": "Denied: under {clauses}, {action} of {data} for {purpose} "
                            "is allowed only if {conditions}, and that is not the case.",
        "no_permission": "Denied: no clause permits {action} of {data} for {purpose} "
                         "(related: {clauses}).",
        "obligations": " You must: {obligations}.",
        "obligation": "{label} ({citation})",
        "obligations_join": "; ",
        "condition_true": "“{flag}”",
        "condition_false": "the absence of “{flag}”",
        "or": " or ",
        "members": " Denied for: {members}.",
        "member": "{action} of {data} for {purpose}",
        "members_join": "; ",
        "more": "; and {count} more",
        "quote": "“{}”",
    },
    "ru": {
        "cited": "{citation} («{title}»)",
        "clauses_join": "; ",
        "permitted": "Разрешено согласно {clauses}: действие {action} с данными {data} "
                     "для цели {purpose}.",
        "forbidden": "Запрещено согласно {clauses}: действие {action} с данными {data} "
                     "для цели {purpose}.",
        "condition_failed": "Запрещено: согласно {clauses} действие {action} с данными {data} "
                            "для цели {purpose} допускается только при условии: {conditions}; "
                            "это условие не выполнено.",
        "no_permission": "Запрещено: ни один пункт не допускает действие {action} с данными "
                         "{data} для цели {purpose}; ближайшие положения: {clauses}.",
        "obligations": " Необходимо: {obligations}.",
        "obligation": "{label} ({citation})",
        "obligations_join": "; ",
        "condition_true": "«{flag}»",
        "condition_false": "отсутствие «{flag}»",
        "or": " или ",
        "members": " Запрещено для: {members}.",
        "member": "{action} — {data} — {purpose}",
        "members_join": "; ",
        "more": " и ещё {count}",
        "quote": "«{}»",
    },
    "ja": {
        "cited": "{citation}（「{title}」）",
        "clauses_join": "、",
        "permitted": "許可：{clauses}により、{purpose}の目的での{data}の{action}は認められています。",
        "forbidden": "不許可：{clauses}により、{purpose}の目的での{data}の{action}は禁止されています。",
        "condition_failed": "不許可：{clauses}は、{purpose}の目的での{data}の{action}を"
                            "{conditions}場合に限り認めていますが、その条件を満たしていません。",
        "no_permission": "不許可：{purpose}の目的での{data}の{action}を認める条項はありません"
                         "（関連する条項：{clauses}）。",
        "obligations": "遵守事項：{obligations}。",
        "obligation": "{label}（{citation}）",
        "obligations_join": "、",
        "condition_true": "「{flag}」に該当する",
        "condition_false": "「{flag}」に該当しない",
        "or": "か、又は",
        "members": "不許可の対象：{members}。",
        "member": "{purpose}の目的での{data}の{action}",
        "members_join": "、",
        "more": "、ほか{count}件",
        "quote": "「{}」",
    },
}


def render_explanation(decision: Decision, lang: str, policy: PolicyText) -> str:
    f = FRAMES.get(lang, FRAMES["en"])
    q = decision.query

    def quoted(kind: str, term: str) -> str:
        return f["quote"].format(policy.label(kind, term, lang))

    # Clauses under the same heading are cited together: "clauses 4.2.1 and 4.2.2 (“…”)".
    by_title: dict[str, list[str]] = {}
    for ref in decision.clauses:
        title = str(policy.clause(ref.id)["title"].get(lang, ""))
        by_title.setdefault(title, []).append(ref.number)
    clauses = f["clauses_join"].join(
        f["cited"].format(citation=cite_many(numbers, lang), title=title)
        for title, numbers in by_title.items()
    )
    conditions = f["or"].join(dict.fromkeys(
        (f["condition_true"] if c.required else f["condition_false"]).format(
            flag=policy.label("context", c.flag, lang))
        for c in decision.failed_conditions
    ))
    text = f[decision.reason].format(
        clauses=clauses,
        action=quoted("actions", q.action),
        data=quoted("data", q.data),
        purpose=quoted("purposes", q.purpose),
        conditions=conditions,
    )
    if decision.denied_members:
        members = f["members_join"].join(
            f["member"].format(action=quoted("actions", a), data=quoted("data", d),
                               purpose=quoted("purposes", p))
            for a, d, p in decision.denied_members[:5])
        if len(decision.denied_members) > 5:
            members += f["more"].format(count=len(decision.denied_members) - 5)
        text += f["members"].format(members=members)
    if decision.allowed and decision.obligations:
        obligations = f["obligations_join"].join(
            f["obligation"].format(label=policy.label("obligations", o.id, lang),
                                   citation=cite(o.clause.number, lang))
            for o in decision.obligations)
        text += f["obligations"].format(obligations=obligations)
    return text
