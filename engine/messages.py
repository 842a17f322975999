"""Sentences that explain a decision in Japanese, Russian or English, filled from the policy's own labels.

Only the sentence frames live here; every clause number, clause title and vocabulary label
comes from the compiled policy, so the explanation follows the YAML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .decide import CompiledPolicy, Decision

# Frames per language. Fields: {clauses} {action} {data} {purpose} {conditions} {obligations}
FRAMES: dict[str, dict[str, str]] = {
    "en": {
        "clause": "clause {number} (“{title}”)",
        "clauses": "clauses {numbers} (“{title}”)",
        "numbers_join": ", ",
        "clauses_join": "; ",
        "permitted": "Allowed by {clauses}: {action} of {data} for {purpose}.",
        "forbidden": "Denied by {clauses}: {action} of {data} for {purpose} is forbidden.",
        "condition_failed": "Denied: under {clauses}, {action} of {data} for {purpose} "
                            "requires {conditions}, which was not given.",
        "no_permission": "Denied: no clause permits {action} of {data} for {purpose} "
                         "(related: {clauses}).",
        "obligations": " The caller must: {obligations}.",
        "condition_true": "{flag}",
        "condition_false": "the absence of {flag}",
        "and": " and ",
        "or": " or ",
        "members": " Denied for: {members}.",
        "more": ", and {count} more",
        "quote": "“{}”",
    },
    "ru": {
        "clause": "п. {number} («{title}»)",
        "clauses": "пп. {numbers} («{title}»)",
        "numbers_join": ", ",
        "clauses_join": "; ",
        "permitted": "Разрешено согласно {clauses}: действие {action} с данными {data} "
                     "для цели {purpose}.",
        "forbidden": "Запрещено согласно {clauses}: действие {action} с данными {data} "
                     "для цели {purpose}.",
        "condition_failed": "Запрещено: согласно {clauses} действие {action} с данными {data} "
                            "для цели {purpose} допускается только при условии: {conditions}; "
                            "условие не выполнено.",
        "no_permission": "Запрещено: ни один пункт не допускает действие {action} с данными "
                         "{data} для цели {purpose}; ближайшие правила: {clauses}.",
        "obligations": " Обязанности: {obligations}.",
        "condition_true": "{flag}",
        "condition_false": "нет условия «{flag}»",
        "and": " и ",
        "or": " или ",
        "members": " Запрещено для: {members}.",
        "more": " и ещё {count}",
        "quote": "«{}»",
    },
    "ja": {
        "clause": "第{number}項（「{title}」）",
        "clauses": "第{numbers}項（「{title}」）",
        "numbers_join": "・",
        "clauses_join": "、",
        "permitted": "許可：{clauses}により、{purpose}の目的での{data}の{action}は認められています。",
        "forbidden": "不許可：{clauses}により、{purpose}の目的での{data}の{action}は禁止されています。",
        "condition_failed": "不許可：{clauses}は、{purpose}の目的での{data}の{action}を"
                            "{conditions}場合に限り認めていますが、その条件を満たしていません。",
        "no_permission": "不許可：{purpose}の目的での{data}の{action}を認める条項はありません"
                         "（関連する条項：{clauses}）。",
        "obligations": "遵守事項：{obligations}。",
        "condition_true": "「{flag}」に該当する",
        "condition_false": "「{flag}」に該当しない",
        "and": "かつ",
        "or": "か、又は",
        "members": "不許可の対象：{members}。",
        "more": "、ほか{count}件",
        "quote": "「{}」",
    },
}


def render_explanation(decision: Decision, lang: str, policy: CompiledPolicy) -> str:
    f = FRAMES.get(lang, FRAMES["en"])
    q = decision.query

    def quoted(kind: str, term: str) -> str:
        return f["quote"].format(policy.label(kind, term, lang))

    # Clauses under the same heading are cited together: "clauses 4.2.1, 4.2.2 (“…”)".
    by_title: dict[str, list[str]] = {}
    for ref in decision.clauses:
        title = str(policy.clause(ref.id)["title"].get(lang, ""))
        by_title.setdefault(title, []).append(ref.number)
    clauses = f["clauses_join"].join(
        f["clause"].format(number=numbers[0], title=title) if len(numbers) == 1
        else f["clauses"].format(numbers=f["numbers_join"].join(numbers), title=title)
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
        members = ", ".join(
            "/".join(policy.label(k, t, lang) for k, t in zip(("actions", "data", "purposes"), m,
                                                               strict=True))
            for m in decision.denied_members[:5])
        if len(decision.denied_members) > 5:
            members += f["more"].format(count=len(decision.denied_members) - 5)
        text += f["members"].format(members=members)
    if decision.allowed and decision.obligations:
        obligations = ", ".join(
            f"{policy.label('obligations', o.id, lang)} ({o.clause.number})"
            for o in decision.obligations)
        text += f["obligations"].format(obligations=obligations)
    return text
