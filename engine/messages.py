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
        "under": "{citation} (items of {clause} “{title}”)",
        "head_permitted": "ALLOW ({clauses}; policy {version})",
        "head_denied": "DENY ({clauses}; policy {version})",
        "head_no_permission": "DENY (no clause permits this; related: {clauses}; "
                              "policy {version})",
        "all_members": "To list all {count}, ask again with --all.",
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
        "under": "{citation} (подпункты {clause} «{title}»)",
        "head_permitted": "Разрешено ({clauses}; Политика, версия {version})",
        "head_denied": "Запрещено ({clauses}; Политика, версия {version})",
        "head_no_permission": "Запрещено (ни один пункт этого не допускает; связанные "
                              "положения: {clauses}; Политика, версия {version})",
        "all_members": "Чтобы увидеть все {count}, повторите запрос с --all.",
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
        "under": "{citation}（{clause}「{title}」の各号）",
        "head_permitted": "許可（{clauses}による。ポリシーのバージョン{version}）",
        "head_denied": "不許可（{clauses}による。ポリシーのバージョン{version}）",
        "head_no_permission": "不許可（これを認める条項はありません。関連する条項：{clauses}。"
                              "ポリシーのバージョン{version}）",
        "all_members": "全{count}件を表示するには、--all を付けて再度実行してください。",
    },
}


# Items of one clause cited together beyond this many are named under the clause's title.
MANY_ITEMS = 3
# How many members of a group a denial names before "and N more".
SHOWN_MEMBERS = 5


def shorten(text: str, lang: str) -> str:
    """The opening words of a unit's text: about 30 characters in Japanese, 60 otherwise."""
    flat = " ".join(text.split())
    limit = 30 if lang == "ja" else 60
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    if lang != "ja" and " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,、;:") + "…"


def _number_key(number: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in number.split("."))


def cite_units(numbers_ids: list[tuple[str, str]], lang: str, policy: PolicyText) -> str:
    """Clauses cited with their own words: a clause by its title, an item by its opening
    words (an item has no title of its own). Many items of one clause are cited together
    under that clause's title."""
    f = FRAMES.get(lang, FRAMES["en"])
    by_top: dict[str, list[tuple[str, str]]] = {}
    for number, id_path in numbers_ids:
        by_top.setdefault(number.split(".")[0], []).append((number, id_path))
    parts: list[str] = []
    for top, refs in by_top.items():
        if len(refs) >= MANY_ITEMS and all("." in n for n, _ in refs):
            title = str(policy.clause(refs[0][1])["title"].get(lang, ""))
            parts.append(f["under"].format(citation=cite_many([n for n, _ in refs], lang),
                                           clause=cite(top, lang), title=title))
            continue
        for number, id_path in refs:
            entry = policy.clause(id_path)
            words = (str(entry["title"].get(lang, "")) if "." not in number
                     else shorten(str(entry.get("excerpt", {}).get(lang, "")), lang))
            parts.append(f["cited"].format(citation=cite(number, lang), title=words)
                         if words else cite(number, lang))
    return f["clauses_join"].join(parts)


def headline(decision: Decision, lang: str) -> str:
    """The first line of an answer: the outcome, the clauses that decided it (or, when no
    clause permits the question, that none does and which are related), the policy version."""
    f = FRAMES.get(lang, FRAMES["en"])
    numbers = [c.number for c in decision.clauses]
    clauses = cite_many(numbers, lang) if numbers else "—"
    key = ("head_permitted" if decision.allowed else
           "head_no_permission" if decision.reason == "no_permission" else "head_denied")
    return f[key].format(clauses=clauses, version=decision.policy_version)


def all_members_hint(decision: Decision, lang: str) -> str | None:
    """How to see every member of a group the explanation cut short, or None."""
    count = len(decision.denied_members)
    if count <= SHOWN_MEMBERS:
        return None
    return FRAMES.get(lang, FRAMES["en"])["all_members"].format(count=count)


def render_explanation(decision: Decision, lang: str, policy: PolicyText,
                       limit: int | None = SHOWN_MEMBERS) -> str:
    """The explanation; `limit` members of a denied group are named (None: all of them)."""
    f = FRAMES.get(lang, FRAMES["en"])
    q = decision.query

    def quoted(kind: str, term: str) -> str:
        return f["quote"].format(policy.label(kind, term, lang))

    clauses = cite_units([(ref.number, ref.id) for ref in decision.clauses], lang, policy)
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
        shown = decision.denied_members if limit is None else decision.denied_members[:limit]
        members = f["members_join"].join(
            f["member"].format(action=quoted("actions", a), data=quoted("data", d),
                               purpose=quoted("purposes", p))
            for a, d, p in shown)
        if len(decision.denied_members) > len(shown):
            members += f["more"].format(count=len(decision.denied_members) - len(shown))
        text += f["members"].format(members=members)
    if decision.allowed and decision.obligations:
        # One line per duty, however many clauses impose it: "(clauses 12.4 and 14.2)".
        owed: dict[str, list[str]] = {}
        for o in decision.obligations:
            owed.setdefault(o.id, [])
            if o.clause.number not in owed[o.id]:
                owed[o.id].append(o.clause.number)
        obligations = f["obligations_join"].join(
            f["obligation"].format(label=policy.label("obligations", oid, lang),
                                   citation=cite_many(sorted(numbers, key=_number_key), lang))
            for oid, numbers in owed.items())
        text += f["obligations"].format(obligations=obligations)
    return text
