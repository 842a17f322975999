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
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from .decision import ClauseRef, Decision, Query


class PolicyText(Protocol):
    """What an explanation reads from the policy: labels, clause titles, the conditions of
    the rules that decide a question (`CompiledPolicy.rule_conditions`) and, for a group, the
    decision of each of its members (`CompiledPolicy.member_decisions`)."""

    def label(self, kind: str, term: str, lang: str) -> str: ...
    def clause(self, id_path: str) -> Mapping[str, Any]: ...
    def rule_conditions(self, query: Query) -> tuple[tuple[ClauseRef, Cube], ...]: ...
    def member_decisions(self, query: Query) -> tuple[Decision, ...]: ...


Cube = tuple[tuple[str, bool], ...]  # flag values that must all hold; () means "always"

# A condition in a reader's words, one builder for every surface (a decision's explanation,
# `policy report`, the redline page of `policy diff --format html`; the last two say the
# flags that must not hold by CHANGE_CONDITION_WORDS below). A context flag's label is
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


# The situation of a change (`policy report`, the redline page): the questions whose answer
# changed are those where the flags of `held` hold and none of `not_held` does. "Newly denied
# … when A, unless C" read as a ruling, "denied unless C", so as "allowed when C"; but when C
# holds the answer is only what it was (allowed, or denied by another clause). So the flags
# that must not hold are said as where the change does not reach: "when A, but not when C";
# Japanese already says which flags apply and which do not (「A」に該当し、かつ、「C」に該当しない).
CHANGE_CONDITION_WORDS: dict[str, dict[str, str]] = {
    "en": {**CONDITION_WORDS["en"], "not_held": "but not when {not_held}",
           "not_held_many": "but not when {not_held}",
           "both": "when {held}, but not when {not_held}",
           "both_many": "when {held}, but not when {not_held}"},
    "ru": {**CONDITION_WORDS["ru"], "not_held": "но не в тех случаях, когда {not_held}",
           "not_held_many": "но не в тех случаях, когда {not_held}",
           "both": "если {held}, но не в тех случаях, когда {not_held}",
           "both_many": "если {held}, но не в тех случаях, когда {not_held}"},
    "ja": CONDITION_WORDS["ja"],
}


def _series(items: list[str], sep: str, last: str) -> str:
    """"A, B and C" in the language's own joins."""
    return items[0] if len(items) == 1 else sep.join(items[:-1]) + last + items[-1]


def condition_cube(cube: Cube, label: Callable[[str], str], lang: str, *,
                   change: bool = False) -> str:
    """One conjunction of flag values in words: "when A and B, unless C" (empty for ()); the
    situation of a change (`change`): "when A and B, but not when C"."""
    w = (CHANGE_CONDITION_WORDS if change else CONDITION_WORDS)[lang]
    held = [w["flag"].format(flag=label(f)) for f, v in cube if v]
    not_held = [w["flag"].format(flag=label(f)) for f, v in cube if not v]
    if not held and not not_held:
        return ""
    form = "both" if held and not_held else "held" if held else "not_held"
    if not_held and len(not_held) > 1 and form != "held":
        form += "_many"
    return w[form].format(held=_series(held, w["and"], w["and_last"]) if held else "",
                          not_held=_series(not_held, w["or"], w["or_last"]) if not_held else "")


def condition_words(cubes: Sequence[Cube], label: Callable[[str], str], lang: str, *,
                    change: bool = False) -> str:
    """A disjunction of conjunctions in `lang` (ja, ru, en), each flag named by `label`: "when
    the user has consented and the user has opted out of mailings, unless the user has asked
    for their personal information to be erased; or when …"; with `change`, the situation of
    a newly allowed or denied question ("…, but not when the user has asked …"). The caller
    says "in any context" for a condition that always holds (an empty cube) in its own words."""
    return CONDITION_WORDS[lang]["either"].join(condition_cube(c, label, lang, change=change)
                                                for c in cubes)


# Frames per language. Fields: {clauses} {action} {data} {purpose} {conditions}
FRAMES: dict[str, dict[str, str]] = {
    "en": {
        "cited": "{citation} (“{title}”)",
        # "clause 9 (“…”) and clause 10 (“…”)"; three or more "A; B; and C" (titles have commas)
        "clauses_join": "; ", "clauses_pair": " and ", "clauses_last": "; and ",
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
        # Each prohibition forbids on its own: the verb is said again, so that the next one
        # never reads as one more exception after "unless".
        "forbidden_join": ", and also forbidden ",
        "member": "{action} of {data} for {purpose}",
        "members_join": "; ",
        "quote": "“{}”",
        "under": "{citation} (items of {clause} “{title}”)",
        "head_permitted": "ALLOW ({clauses}; policy {version})",
        "head_denied": "DENY ({clauses}; policy {version})",
        "head_no_permission": "DENY (no clause permits this; related: {clauses}; "
                              "policy {version})",
        # said when a list above was cut ("… and 2 more"): the count is of the denied
        # questions, which no list shows ("To list all 49" named 49 of nothing on screen)
        "all_members": "Some lists above are cut short ({count} questions denied in all); to "
                       "see them in full, ask again with --all.",
        # A group denied in more than one way: one sentence per kind of denial.
        "group_lead": "Denied.",
        "sentence_join": " ",
        "group_forbidden": "Under {clauses}, {subject} is forbidden.",
        "group_forbidden_when": "Under {clauses}, {subject} is forbidden {conditions}.",
        "group_condition_failed": "Under {clauses}, {subject} is allowed {conditions}; that "
                                  "condition is not met.",
        "group_condition_failed_any": "Under {clauses}, {subject} is allowed {conditions}; "
                                      "none of these conditions is met.",
        "group_no_permission": "No clause permits {subject}, so it is denied by default "
                               "(related: {clauses}). If the service needs it, ask the legal "
                               "team whether the policy should allow it.",
        "subject": "{action} of {data} for {purpose}",
        "series_more": "{items} and {count} more",
        "action_one": "", "action_many": "", "purpose_one": "", "purpose_many": "",
    },
    "ru": {
        "cited": "{citation} («{title}»)",
        "clauses_join": "; ", "clauses_pair": " и ", "clauses_last": " и ",
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
        # «…, кроме случаев, когда A, а также если B» read B as one more exception (the user
        # who opted out as allowed): the verb is said again.
        "forbidden_join": ", а также запрещено, ",
        "member": "{action} — {data} — {purpose}",
        "members_join": "; ",
        "quote": "«{}»",
        "under": "{citation} (подпункты {clause} «{title}»)",
        "head_permitted": "Разрешено ({clauses}; Политика, версия {version})",
        "head_denied": "Запрещено ({clauses}; Политика, версия {version})",
        "head_no_permission": "Запрещено (ни один пункт этого не допускает; связанные "
                              "положения: {clauses}; Политика, версия {version})",
        "all_members": "Некоторые списки выше сокращены (всего запрещённых вопросов: "
                       "{count}); чтобы увидеть их полностью, повторите запрос с --all.",
        "group_lead": "Запрещено.",
        "sentence_join": " ",
        "group_forbidden": "Согласно {clauses} запрещено: {subject}.",
        "group_forbidden_when": "Согласно {clauses} запрещено, {conditions}: {subject}.",
        "group_condition_failed": "Согласно {clauses} допускается, {conditions}: {subject}; это "
                                  "условие не выполнено.",
        "group_condition_failed_any": "Согласно {clauses} допускается, {conditions}: "
                                      "{subject}; ни одно из этих условий не выполнено.",
        "group_no_permission": "Ни один пункт не допускает {subject}, поэтому это запрещено по "
                               "умолчанию (связанные положения: {clauses}). Если это нужно "
                               "сервису, спросите юристов, должна ли политика это разрешать.",
        "subject": "{action_noun} {action} с данными {data} для {purpose_noun} {purpose}",
        "series_more": "{items} и ещё {count}",
        "action_one": "действие", "action_many": "действия",
        "purpose_one": "цели", "purpose_many": "целей",
    },
    "ja": {
        "cited": "{citation}（「{title}」）",
        "clauses_join": "、", "clauses_pair": "、", "clauses_last": "、",
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
        "member": "{purpose}の目的での{data}の{action}",
        "members_join": "、",
        "quote": "「{}」",
        "under": "{citation}（{clause}「{title}」の各号）",
        "head_permitted": "許可（{clauses}による。ポリシーのバージョン{version}）",
        "head_denied": "不許可（{clauses}による。ポリシーのバージョン{version}）",
        "head_no_permission": "不許可（これを認める条項はありません。関連する条項：{clauses}。"
                              "ポリシーのバージョン{version}）",
        "all_members": "一部の一覧は省略しています（許可されない問い合わせは全{count}件）。"
                       "すべて表示するには、--all を付けて再度実行してください。",
        "group_lead": "不許可：",
        "sentence_join": "",
        "group_forbidden": "{clauses}により、{subject}は禁止されています。",
        "group_forbidden_when": "{clauses}により、{conditions}には、{subject}は禁止されています。",
        "group_condition_failed": "{clauses}は、{subject}を{conditions}に限り認めていますが、"
                                  "その条件を満たしていません。",
        "group_condition_failed_any": "{clauses}は、{subject}を{conditions}に限り認めていますが、"
                                      "いずれの条件も満たしていません。",
        "group_no_permission": "{subject}を認める条項がないため、許可されません（関連する条項："
                               "{clauses}）。必要な場合は、ポリシーで認めるべきかどうか法務チーム"
                               "に相談してください。",
        "subject": "{purpose}の目的での{data}の{action}",
        "series_more": "{items}ほか{count}件",
        "action_one": "", "action_many": "", "purpose_one": "", "purpose_many": "",
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
    # "Denied by clause 9 (“…”); clause 10 (“…”): …" read as two sentences: the last is joined
    # by "and", as a series ("clause 9 (“…”) and clause 10 (“…”)").
    if len(parts) == 2:
        return f["clauses_pair"].join(parts)
    return _series(parts, f["clauses_join"], f["clauses_last"]) if parts else ""


def headline(decision: Decision, lang: str) -> str:
    """The first line of an answer: the outcome, the clauses that decided it (or, when no
    clause permits the question, that none does and which are related), the policy version."""
    f = FRAMES.get(lang, FRAMES["en"])
    numbers = [c.number for c in decision.clauses]
    clauses = cite_many(numbers, lang) if numbers else "—"
    key = ("head_permitted" if decision.allowed else
           "head_no_permission" if decision.reason == "no_permission" else "head_denied")
    return f[key].format(clauses=clauses, version=decision.policy_version)


def explained(decision: Decision, lang: str, policy: PolicyText,
              limit: int | None = SHOWN_MEMBERS) -> tuple[str, str | None]:
    """The explanation (`render_explanation`) and, when it cut a group's lists short, how to
    see every member (else None), from one rendering: `policy ask` prints both."""
    if not decision.denied_members:
        return render_explanation(decision, lang, policy, limit), None
    text, cut = _group_text(decision, lang, policy, limit)
    if not cut:
        return text, None
    count = len(decision.denied_members)
    return text, FRAMES.get(lang, FRAMES["en"])["all_members"].format(count=count)


Way = tuple["ClauseRef", Cube]  # a rule's clause and its `when`


def _conditions(reason: str, ways: Sequence[Way], lang: str, policy: PolicyText
                ) -> tuple[str, str]:
    """The frame of the explanation and its conditions: for a prohibition with a condition,
    "forbidden when …"; for a permission whose condition failed, each way the question would
    be allowed ("allowed when …; or when …"), each citing its clause when they are several.
    `ways` are the rules that decide (`CompiledPolicy.rule_conditions`)."""
    if reason not in ("forbidden", "condition_failed"):
        return reason, ""
    w = CONDITION_WORDS.get(lang, CONDITION_WORDS["en"])
    f = FRAMES.get(lang, FRAMES["en"])

    def label(flag: str) -> str:
        return policy.label("context", flag, lang)

    if reason == "forbidden" and (not ways or any(not cube for _, cube in ways)):
        return reason, ""  # forbidden in any context
    words = list(dict.fromkeys(
        (w["case"].format(condition=condition_cube(cube, label, lang)), ref.number)
        for ref, cube in ways))
    if not words:
        return reason, ""
    cited = len({number for _, number in words}) > 1
    parts = list(dict.fromkeys(
        f["cited_condition"].format(condition=text, citation=cite(number, lang)) if cited
        else text for text, number in words))
    if reason == "forbidden":
        return "forbidden_when", f["forbidden_join"].join(parts)
    return ("condition_failed" if len(parts) == 1 else "condition_failed_any",
            w["either"].join(parts))


# The order in which a group's kinds of denial are told: prohibitions, then permissions whose
# condition is not met, then what no clause permits.
_REASON_ORDER = {"forbidden": 0, "condition_failed": 1, "no_permission": 2}


class _Kind:
    """Denied members of a group that are denied alike: one reason, the same deciding clauses
    and the same rules' conditions (every member denied by default is of one kind)."""

    def __init__(self, reason: str, clauses: tuple[ClauseRef, ...], ways: tuple[Way, ...]
                 ) -> None:
        self.reason = reason
        self.clauses: dict[ClauseRef, None] = dict.fromkeys(clauses)
        self.ways = ways
        self.members: list[Query] = []


def _denied_kinds(decision: Decision, policy: PolicyText) -> tuple[list[_Kind], int]:
    """A denied group's denied members, grouped by their own reason, deciding clauses and
    conditions, from each member's own decision (`PolicyText.member_decisions`); with how
    many members the group has."""
    kinds: dict[tuple[object, ...], _Kind] = {}
    members = policy.member_decisions(decision.query)
    for member in members:
        if member.allowed:
            continue
        if member.reason == "no_permission":
            key: tuple[object, ...] = (member.reason,)
            ways: tuple[Way, ...] = ()
        else:
            ways = policy.rule_conditions(member.query)
            key = (member.reason, member.clauses, ways)
        kind = kinds.get(key)
        if kind is None:
            kind = kinds[key] = _Kind(member.reason, member.clauses, ways)
        kind.clauses.update(dict.fromkeys(member.clauses))  # related clauses: every member's
        kind.members.append(member.query)
    return sorted(kinds.values(), key=lambda k: _REASON_ORDER[k.reason]), len(members)


def _group_text(decision: Decision, lang: str, policy: PolicyText, limit: int | None
                ) -> tuple[str, bool]:
    """The explanation of a denied group, and whether it named fewer members than it has.

    Denied alike in every member: said of the group's own terms, as of one question. Else one
    sentence per kind of denial, each naming its members (`_subject`)."""
    f = FRAMES.get(lang, FRAMES["en"])
    kinds, total = _denied_kinds(decision, policy)
    q = decision.query
    if len(kinds) == 1 and len(kinds[0].members) == total:
        kind = kinds[0]
        key, conditions = _conditions(kind.reason, kind.ways, lang, policy)
        return _leaf_text(key, conditions, q.action, q.data, q.purpose, kind.clauses, lang,
                          policy), False
    cut = False
    sentences = [f["group_lead"]]
    for kind in kinds:
        key, conditions = _conditions(kind.reason, kind.ways, lang, policy)
        subject, short = _subject(kind.members, f, lang, policy, limit)
        cut = cut or short
        sentences.append(f["group_" + key].format(
            clauses=_cited(kind.clauses, lang, policy), subject=subject, conditions=conditions))
    return f["sentence_join"].join(sentences), cut


def _cited(clauses: Iterable[ClauseRef], lang: str, policy: PolicyText) -> str:
    return cite_units([(ref.number, ref.id) for ref in clauses], lang, policy)


def _subject(members: list[Query], f: Mapping[str, str], lang: str, policy: PolicyText,
             limit: int | None) -> tuple[str, bool]:
    """Members of a group in words: the terms they share and the lists of those they differ
    in ("“disclosure” of “messages” and “logs” for “operating the service”"); members that
    are not every combination of their terms are said as several such phrases."""
    axes = [list(dict.fromkeys(getattr(m, k) for m in members))
            for k in ("action", "data", "purpose")]
    if len(members) == len(axes[0]) * len(axes[1]) * len(axes[2]):
        chunks = [axes]
    else:  # by action and purpose, each with its data categories
        by: dict[tuple[str, str], list[str]] = {}
        for m in members:
            by.setdefault((m.action, m.purpose), []).append(m.data)
        chunks = [[[a], data, [p]] for (a, p), data in by.items()]
    phrases: list[str] = []
    cut = False
    for chunk in chunks:
        words, short = _axes(chunk, f, lang, policy, limit)
        cut = cut or short
        phrases.append(f["subject"].format(**words))
    return f["members_join"].join(phrases), cut


_KIND_OF = ("actions", "data", "purposes")


def _axes(axes: list[list[str]], f: Mapping[str, str], lang: str, policy: PolicyText,
          limit: int | None) -> tuple[dict[str, str], bool]:
    """The words of each term list of a subject: quoted labels in a series ("“A”, “B” and
    “C”"), the first `limit` and how many more; with the nouns that agree with them."""
    w = CONDITION_WORDS.get(lang, CONDITION_WORDS["en"])
    words: dict[str, str] = {}
    cut = False
    for name, kind, terms in zip(("action", "data", "purpose"), _KIND_OF, axes, strict=True):
        labels = [f["quote"].format(policy.label(kind, t, lang)) for t in terms]
        if limit is not None and len(labels) > limit + 1:  # never "and 1 more"
            cut = True
            words[name] = f["series_more"].format(items=w["and"].join(labels[:limit]),
                                                  count=len(labels) - limit)
        else:
            words[name] = _series(labels, w["and"], w["and_last"])
        if name != "data":  # "с данными" is said of one category or many alike
            words[name + "_noun"] = f[name + ("_many" if len(labels) > 1 else "_one")]
    return words, cut


def _leaf_text(key: str, conditions: str, action: str, data: str, purpose: str,
               clauses: Iterable[ClauseRef], lang: str, policy: PolicyText) -> str:
    f = FRAMES.get(lang, FRAMES["en"])

    def quoted(kind: str, term: str) -> str:
        return f["quote"].format(policy.label(kind, term, lang))

    return f[key].format(clauses=_cited(clauses, lang, policy),
                         action=quoted("actions", action), data=quoted("data", data),
                         purpose=quoted("purposes", purpose), conditions=conditions)


def render_explanation(decision: Decision, lang: str, policy: PolicyText,
                       limit: int | None = SHOWN_MEMBERS) -> str:
    """The explanation; `limit` members of a denied group are named per list (None: all)."""
    f = FRAMES.get(lang, FRAMES["en"])
    q = decision.query
    if decision.denied_members:
        return _group_text(decision, lang, policy, limit)[0]
    ways = policy.rule_conditions(q) if not decision.allowed else ()
    key, conditions = _conditions(decision.reason, ways, lang, policy)
    text = _leaf_text(key, conditions, q.action, q.data, q.purpose, decision.clauses, lang,
                      policy)
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
