"""The vocabulary for people: `policy terms` lists ids with their labels, and `policy ask`
lists the valid values when a misspelt term is close to none of them.

Standard library only: it reads a compiled policy (engine/decide.py), as `policy ask` does.
"""

from __future__ import annotations

from collections.abc import Iterable

from .decide import CompiledPolicy
from .findings import Diagnostic, make
from .names import closest
from .values import record

KIND_ORDER = ("actions", "data", "purposes", "context", "obligations")
KIND_WORDS = {"actions": "actions", "data": "data categories", "purposes": "purposes",
              "context": "context flags (ask --flag NAME)", "obligations": "obligations"}
# What the engine calls a kind in its errors -> the vocabulary kind.
ERROR_KINDS = {"action": "actions", "data category": "data", "purpose": "purposes",
               "context flag": "context"}
# Close enough to be a typo; anything further is not suggested, the valid values are listed.
CUTOFF = 0.75


def kinds_matching(word: str | None) -> tuple[str, ...]:
    """The kinds named by `word` ("purposes", "purpose", "flags"), all when None."""
    if word is None:
        return KIND_ORDER
    w = word.lower().rstrip("s")
    aliases = {"action": "actions", "data": "data", "datum": "data", "purpose": "purposes",
               "context": "context", "flag": "context", "obligation": "obligations"}
    return (aliases[w],) if w in aliases else ()


def term_rows(policy: CompiledPolicy, kind: str, lang: str) -> list[tuple[str, str]]:
    """(id, label in `lang`, with its members when it is a group) for one kind."""
    rows: list[tuple[str, str]] = []
    for tid, entry in policy.vocabulary[kind].items():
        label = policy.label(kind, tid, lang)
        members = entry.get("members")
        if members:
            label += GROUP.get(lang, GROUP["en"]).format(members=", ".join(members))
        rows.append((tid, label))
    return rows


# `policy terms` headings per language: {count} terms of a kind.
HEADINGS: dict[str, dict[str, str]] = {
    "en": {k: w + " ({count}):" for k, w in KIND_WORDS.items()},
    "ru": {"actions": "действия ({count}):", "data": "категории данных ({count}):",
           "purposes": "цели ({count}):",
           "context": "флаги контекста ({count}; в ask: --flag ИМЯ):",
           "obligations": "обязанности ({count}):"},
    "ja": {"actions": "行為（{count}件）：", "data": "情報の種類（{count}件）：",
           "purposes": "目的（{count}件）：",
           "context": "状況（{count}件。askでは --flag 名前）：",
           "obligations": "遵守事項（{count}件）："},
}
GROUP = {"en": "  (group: {members})", "ru": "  (группа: {members})", "ja": "（グループ：{members}）"}


def format_terms(policy: CompiledPolicy, kinds: Iterable[str], lang: str) -> str:
    lines: list[str] = []
    heads = HEADINGS.get(lang, HEADINGS["en"])
    for kind in kinds:
        rows = term_rows(policy, kind, lang)
        lines.append(heads[kind].format(count=len(rows)))
        width = max((len(t) for t, _ in rows), default=0)
        lines.extend(f"  {tid:<{width}}  {label}" for tid, label in rows)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def close_terms(term: str, known: Iterable[str]) -> list[str]:
    return closest(term, known, cutoff=CUTOFF)


# What each kind is called in a sentence, per language: (as "there is no …", the valid …,
# the list of …); Russian declines each differently.
KIND_NAMES: dict[str, dict[str, tuple[str, str, str]]] = {
    "en": {"actions": ("action", "actions", "actions"),
           "data": ("data category", "data categories", "data categories"),
           "purposes": ("purpose", "purposes", "purposes"),
           "context": ("context flag", "context flags", "context flags")},
    "ru": {"actions": ("действия", "действия", "действий"),
           "data": ("категории данных", "категории данных", "категорий данных"),
           "purposes": ("цели", "цели", "целей"),
           "context": ("флага контекста", "флаги контекста", "флагов контекста")},
    "ja": {"actions": ("行為", "行為", "行為"), "data": ("情報の種類", "情報の種類", "情報の種類"),
           "purposes": ("目的", "目的", "目的"), "context": ("状況", "状況", "状況")},
}
UNKNOWN_FRAMES: dict[str, dict[str, str]] = {
    "en": {"unknown": "there is no {kind} {term!r} in the policy.",
           "suggest": " Did you mean {options}?",
           "option": "'{id}' ({label})",
           "or": " or ",
           "none_close": " No {kind} is spelt like it; the {kinds} are:",
           "list": " To list the {listed}: policy terms {kind_id} --lang {lang}"},
    "ru": {"unknown": "в политике нет {kind} «{term}».",
           "suggest": " Возможно, имелось в виду {options}?",
           "option": "«{id}» ({label})",
           "or": " или ",
           "none_close": " Похожих по написанию нет; допустимые {kinds}:",
           "list": " Список {listed}: policy terms {kind_id} --lang {lang}"},
    "ja": {"unknown": "ポリシーに「{term}」という{kind}はありません。",
           "suggest": "{options}のことですか。",
           "option": "「{id}」（{label}）",
           "or": "または",
           "none_close": "綴りの近いものもありません。使える{kinds}は次のとおりです：",
           "list": "{listed}の一覧：policy terms {kind_id} --lang {lang}"},
}


# A term of another kind in this place (`policy ask use newsletter contact`): what it is, as a
# subject (nominative in Russian), and the order of the arguments, or how a flag is given.
KIND_SUBJECTS: dict[str, dict[str, str]] = {
    "en": {"actions": "an action", "data": "a data category", "purposes": "a purpose",
           "context": "a context flag"},
    "ru": {"actions": "действие", "data": "категория данных", "purposes": "цель",
           "context": "флаг контекста"},
    "ja": {"actions": "行為", "data": "情報の種類", "purposes": "目的", "context": "状況フラグ"},
}
# (what is wrong, what to do), said one after the other with the language's JOIN.
WRONG_PLACE: dict[str, dict[str, tuple[str, str]]] = {
    "en": {"term": ("'{term}' is {is_a}, not {kind}",
                    "the arguments are ACTION DATA PURPOSE, in that order."),
           "flag": ("'{term}' is {is_a}, not {kind}", "give it as the option {option}.")},
    "ru": {"term": ("«{term}» — это {is_a}, а не {kind}",
                    "аргументы указываются в порядке ACTION DATA PURPOSE (действие, данные, "
                    "цель)."),
           "flag": ("«{term}» — это {is_a}, а не {kind}", "укажите его как параметр {option}.")},
    "ja": {"term": ("「{term}」は{is_a}であり、{kind}ではありません。",
                    "引数は ACTION DATA PURPOSE（行為、情報の種類、目的）の順に指定してください。"),
           "flag": ("「{term}」は{is_a}であり、{kind}ではありません。",
                    "オプション {option} として指定してください。")},
}
JOIN = {"en": ": ", "ru": ": ", "ja": ""}


@record
class Said:
    """A refused question or command line in one language: its code, what is wrong
    (`message`), what follows it for people after `join` (`after`: what to do, or the close
    terms and how to list them, or the words before `listing`, the valid values one a line
    with their labels), and the ids or options most likely meant."""

    code: str
    message: str
    after: str = ""
    listing: str = ""
    suggestions: tuple[str, ...] = ()
    valid: tuple[str, ...] = ()  # every valid id, when none is close (`listing` shows them)
    join: str = ""

    def text(self) -> str:
        """For people: everything, as one text."""
        return self.message + self.join + self.after + self.listing

    def finding(self, lang: str) -> Diagnostic:
        """For programs: the message, the hint on one line (every valid id named where
        `listing` lists them), and the suggestions."""
        hint = self.after.strip()
        if self.valid:
            hint += ("" if lang == "ja" else " ") + ("、" if lang == "ja" else ", ").join(
                self.valid)
        return make(self.code, self.message.strip().rstrip(".。"), hint=hint or None,
                    suggestions=self.suggestions)


def unknown_term_said(policy: CompiledPolicy, error_kind: str, term: str, lang: str,
                      is_a: str | None = None) -> Said:
    """In `lang`: there is no such term; the close ones with their labels ("did you mean
    'newsletter' (e-mail newsletters)?") or, when nothing is close, the valid values; and how
    to list them all (`policy terms KIND --lang LANG`). A term of another kind (`is_a`, as
    UnknownTermError names it) is said to be one, with the order of the arguments. For
    programs (`policy ask --format json`, `Said.finding`): QUERY002 for a term of another kind
    in this place, else QUERY001, with the ids (or options) most likely meant."""
    kind = ERROR_KINDS.get(error_kind)
    f = UNKNOWN_FRAMES.get(lang, UNKNOWN_FRAMES["en"])
    if kind is None:
        return Said("QUERY001", f"unknown {error_kind} {term!r}")
    other = ERROR_KINDS.get(is_a or "")
    if other is not None:
        subjects = KIND_SUBJECTS.get(lang, KIND_SUBJECTS["en"])
        wrong, todo = WRONG_PLACE.get(lang, WRONG_PLACE["en"])[
            "flag" if other == "context" else "term"]
        option = "--" + term.replace("_", "-")
        fields = {"term": term, "is_a": subjects[other], "kind": subjects[kind],
                  "option": option}
        return Said("QUERY002", wrong.format(**fields), todo.format(**fields),
                    suggestions=(option,) if other == "context" else (),
                    join=JOIN.get(lang, JOIN["en"]))
    one, many, listed = KIND_NAMES.get(lang, KIND_NAMES["en"])[kind]
    message = f["unknown"].format(kind=one, term=term)
    close = close_terms(term, policy.vocabulary[kind])
    if close:
        after = f["suggest"].format(options=f["or"].join(
            f["option"].format(id=c, label=policy.label(kind, c, lang)) for c in close))
        return Said("QUERY001", message,
                    after + f["list"].format(listed=listed, kind_id=kind, lang=lang),
                    suggestions=tuple(close))
    rows = term_rows(policy, kind, lang)
    width = max((len(t) for t, _ in rows), default=0)
    listing = "\n".join(f"  {tid:<{width}}  {label}" for tid, label in rows)
    return Said("QUERY001", message, f["none_close"].format(kind=one, kinds=many),
                "\n" + listing, valid=tuple(tid for tid, _ in rows))


FLAG_FRAMES: dict[str, dict[str, str]] = {
    "en": {"not_flag": "'{arg}' is not a context flag of this policy.",
           "argument": "unexpected argument '{arg}'.",
           "suggest": " Did you mean {options}?", "option": "{flag} ({label})", "or": " or ",
           "list": " To list the context flags: policy terms context --lang {lang}"},
    "ru": {"not_flag": "«{arg}» — не флаг контекста этой политики.",
           "argument": "лишний аргумент «{arg}».",
           "suggest": " Возможно, имелось в виду {options}?", "option": "{flag} ({label})",
           "or": " или ",
           "list": " Список флагов контекста: policy terms context --lang {lang}"},
    "ja": {"not_flag": "「{arg}」はこのポリシーの状況フラグではありません。",
           "argument": "余分な引数「{arg}」があります。",
           "suggest": "{options}のことですか。", "option": "{flag}（{label}）", "or": "または",
           "list": "状況の一覧：policy terms context --lang {lang}"},
}


def unknown_flag_said(policy: CompiledPolicy, arg: str, lang: str) -> Said:
    """`policy ask` was given an option that names no context flag (or a stray argument): in
    `lang`, the nearest flags as options with their labels, and how to list them. For
    programs (`Said.finding`): QUERY001 for an option that names no context flag, with the
    options most likely meant; USAGE001 for a stray argument."""
    f = FLAG_FRAMES.get(lang, FLAG_FRAMES["en"])
    if not arg.startswith("--"):
        return Said("USAGE001", f["argument"].format(arg=arg), f["list"].format(lang=lang))
    options = {f"--{flag.replace('_', '-')}": flag for flag in policy.flags}
    close = closest(arg, options, 3)
    after = ""
    if close:
        after = f["suggest"].format(options=f["or"].join(
            f["option"].format(flag=c, label=policy.label("context", options[c], lang))
            for c in close))
    return Said("QUERY001", f["not_flag"].format(arg=arg), after + f["list"].format(lang=lang),
                suggestions=tuple(close))
