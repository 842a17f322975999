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
    from collections.abc import Callable, Mapping, Sequence

    from .decision import ClauseRef, Decision, Query


class PolicyText(Protocol):
    """What an explanation reads from the policy: labels, clause titles and the conditions of
    the rules that decide a question (`CompiledPolicy.rule_conditions`)."""

    def label(self, kind: str, term: str, lang: str) -> str: ...
    def clause(self, id_path: str) -> Mapping[str, Any]: ...
    def rule_conditions(self, query: Query) -> tuple[tuple[ClauseRef, Cube], ...]: ...


Cube = tuple[tuple[str, bool], ...]  # flag values that must all hold; () means "always"

# A condition in a reader's words, one builder for every surface (a decision's explanation,
# `policy report`, the redline page of `policy diff --format html`). A context flag's label is
# a statement ("the user has opted out of mailings", «пользователь отказался от рассылки»,
# 「本人がメール配信の停止を申し出ていること」), so the flags that must hold follow "when" and
# those that must not follow "unless": "when A and B, unless C or D" (C or D ruins it).
# Japanese quotes each label and says of it 「…」に該当する / に該当しない, so that one list
# never reads as covering the flags after a negation. `either` joins the ways a condition can
# be met. (A "not:" list, "when A, not: B, C", read as covering every flag after it; a noun
# such as "the absence of “…”" before a statement read as broken English.)
CONDITION_WORDS: dict[str, dict[str, str]] = {
    "en": {"flag": "{flag}", "and": ", ", "and_last": " and ", "or": ", ", "or_last": " or ",
           "held": "when {held}", "not_held": "unless {not_held}",
           "not_held_many": "unless {not_held}", "both": "when {held}, unless {not_held}",
           "both_many": "when {held}, unless {not_held}", "either": "; or ", "case": "{condition}"},
    "ru": {"flag": "{flag}", "and": ", ", "and_last": " и ", "or": ", ", "or_last": " или ",
           "held": "если {held}", "not_held": "кроме случаев, когда {not_held}",
           "not_held_many": "кроме случаев, когда {not_held}",
           "both": "если {held}, кроме случаев, когда {not_held}",
           "both_many": "если {held}, кроме случаев, когда {not_held}", "either": "; или ",
           "case": "{condition}"},
    # 「A」及び「B」に該当し、かつ、「C」に該当しない; several that must not hold: のいずれにも.
    "ja": {"flag": "「{flag}」", "and": "、", "and_last": "及び", "or": "、", "or_last": "及び",
           "held": "{held}に該当する", "not_held": "{not_held}に該当しない",
           "not_held_many": "{not_held}のいずれにも該当しない",
           "both": "{held}に該当し、かつ、{not_held}に該当しない",
           "both_many": "{held}に該当し、かつ、{not_held}のいずれにも該当しない",
           "either": "か、又は", "case": "{condition}場合"},
}


def _series(items: list[str], sep: str, last: str) -> str:
    """"A, B and C" in the language's own joins."""
    return items[0] if len(items) == 1 else sep.join(items[:-1]) + last + items[-1]


def condition_cube(cube: Cube, label: Callable[[str], str], lang: str) -> str:
    """One conjunction of flag values in words: "when A and B, unless C" (empty for ())."""
    w = CONDITION_WORDS[lang]
    held = [w["flag"].format(flag=label(f)) for f, v in cube if v]
    not_held = [w["flag"].format(flag=label(f)) for f, v in cube if not v]
    if not held and not not_held:
        return ""
    form = "both" if held and not_held else "held" if held else "not_held"
    if not_held and len(not_held) > 1 and form != "held":
        form += "_many"
    return w[form].format(held=_series(held, w["and"], w["and_last"]) if held else "",
                          not_held=_series(not_held, w["or"], w["or_last"]) if not_held else "")


def condition_words(cubes: Sequence[Cube], label: Callable[[str], str], lang: str) -> str:
    """A disjunction of conjunctions in `lang` (ja, ru, en), each flag named by `label`: "when
    the user has consented and the user has opted out of mailings, unless the user has asked
    for their personal information to be erased; or when …". The caller says "in any context"
    for a condition that always holds (an empty cube) in its own words."""
    return CONDITION_WORDS[lang]["either"].join(condition_cube(c, label, lang) for c in cubes)


# Frames per language. Fields: {clauses} {action} {data} {purpose} {conditions}
FRAMES: dict[str, dict[str, str]] = {
    "en": {
        "cited": "{citation} (“{title}”)",
        "clauses_join": "; ",
        "permitted": "Allowed by {clauses}: {action} of {data} for {purpose}.",
        "forbidden": "Denied by {clauses}: {action} of {data} for {purpose} is forbidden.",
        "forbidden_when": "Denied by {clauses}: {action} of {data} for {purpose} is forbidden "
                          "{conditions}.",
        "condition_failed": "Denied: under {clauses}, {action} of {data} for {purpose} "
                            "is allowed {conditions}; that condition is not met.",
        "condition_failed_any": "Denied: under {clauses}, {action} of {data} for {purpose} "
                                "is allowed {conditions}; none of these conditions is met.",
        "no_permission": "Denied: no clause permits {action} of {data} for {purpose}, so it "
                         "is denied by default (related: {clauses}). If the service needs it, "
                         "ask the legal team whether the policy should allow it.",
        "obligations": " You must: {obligations}.",
        "obligation": "{label} ({citation})",
        "obligations_join": "; ",
        "cited_condition": "{condition} ({citation})",
        "forbidden_join": ", and ",
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
        "forbidden_when": "Запрещено согласно {clauses}: действие {action} с данными {data} "
                          "для цели {purpose}, {conditions}.",
        "condition_failed": "Запрещено: согласно {clauses} действие {action} с данными {data} "
                            "для цели {purpose} допускается, {conditions}; это условие не "
                            "выполнено.",
        "condition_failed_any": "Запрещено: согласно {clauses} действие {action} с данными "
                                "{data} для цели {purpose} допускается, {conditions}; ни одно "
                                "из этих условий не выполнено.",
        "no_permission": "Запрещено: ни один пункт не допускает действие {action} с данными "
                         "{data} для цели {purpose}, поэтому оно запрещено по умолчанию "
                         "(связанные положения: {clauses}). Если это нужно сервису, спросите "
                         "юристов, должна ли политика это разрешать.",
        "obligations": " Необходимо: {obligations}.",
        "obligation": "{label} ({citation})",
        "obligations_join": "; ",
        "cited_condition": "{condition} ({citation})",
        "forbidden_join": ", а также ",
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
        "forbidden_when": "不許可：{clauses}により、{conditions}には、{purpose}の目的での{data}の"
                          "{action}は禁止されています。",
        "condition_failed": "不許可：{clauses}は、{purpose}の目的での{data}の{action}を"
                            "{conditions}に限り認めていますが、その条件を満たしていません。",
        "condition_failed_any": "不許可：{clauses}は、{purpose}の目的での{data}の{action}を"
                                "{conditions}に限り認めていますが、いずれの条件も満たしていません。",
        "no_permission": "不許可：{purpose}の目的での{data}の{action}を認める条項がないため、"
                         "許可されません（関連する条項：{clauses}）。必要な場合は、ポリシーで"
                         "認めるべきかどうか法務チームに相談してください。",
        "obligations": "遵守事項：{obligations}。",
        "obligation": "{label}（{citation}）",
        "obligations_join": "、",
        "cited_condition": "{condition}（{citation}）",
        "forbidden_join": "及び",
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


def _conditions(decision: Decision, lang: str, policy: PolicyText) -> tuple[str, str]:
    """The frame of the explanation and its conditions: for a prohibition with a condition,
    "forbidden when …"; for a permission whose condition failed, each way the question would
    be allowed ("allowed when …; or when …"), each citing its clause when they are several."""
    reason = decision.reason
    if reason not in ("forbidden", "condition_failed"):
        return reason, ""
    w = CONDITION_WORDS.get(lang, CONDITION_WORDS["en"])
    f = FRAMES.get(lang, FRAMES["en"])

    def label(flag: str) -> str:
        return policy.label("context", flag, lang)

    ways: list[tuple[ClauseRef, Cube]]
    if decision.denied_members:  # a group: the failed flags of its members, each one way
        ways = [(c.clause, ((c.flag, c.required),)) for c in decision.failed_conditions]
    else:
        ways = list(policy.rule_conditions(decision.query))
    if reason == "forbidden" and (not ways or any(not cube for _, cube in ways)):
        return reason, ""  # forbidden in any context
    words = list(dict.fromkeys(
        (w["case"].format(condition=condition_cube(cube, label, lang)), ref.number)
        for ref, cube in ways))
    if not words:
        return reason, ""
    cited = len({number for _, number in words}) > 1
    parts = [f["cited_condition"].format(condition=text, citation=cite(number, lang))
             if cited else text for text, number in dict.fromkeys(words)]
    parts = list(dict.fromkeys(parts))
    if reason == "forbidden":
        return "forbidden_when", f["forbidden_join"].join(parts)
    return ("condition_failed" if len(parts) == 1 else "condition_failed_any",
            w["either"].join(parts))


def render_explanation(decision: Decision, lang: str, policy: PolicyText,
                       limit: int | None = SHOWN_MEMBERS) -> str:
    """The explanation; `limit` members of a denied group are named (None: all of them)."""
    f = FRAMES.get(lang, FRAMES["en"])
    q = decision.query

    def quoted(kind: str, term: str) -> str:
        return f["quote"].format(policy.label(kind, term, lang))

    clauses = cite_units([(ref.number, ref.id) for ref in decision.clauses], lang, policy)
    key, conditions = _conditions(decision, lang, policy)
    text = f[key].format(
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
