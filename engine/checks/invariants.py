"""Invariants: numbers, dates, e-mails, URLs, clause references, enumerations, links and list items agree.

Each is compared as a multiset between the master unit and its translation (dates as dates,
however each language writes them). Kept names (parity.toml) present in the master unit
must be present in the translation.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator

from .. import patterns
from ..document import Pos
from ..findings import Code, Diagnostic, Severity, make
from ..parity.config import Keep
from ..parity.context import Context, Pair, text_fields, unit_id
from ..parity.text import (
    circled,
    clause_refs,
    dates,
    emails,
    external_links,
    kept_names,
    list_items,
    numbers,
    urls,
)
from ..saying import texts
from .unit import Check, Scope, pair_only

E = Severity.ERROR

INV001 = Code("INV001", E, "the numbers differ from the master")
INV002 = Code("INV002", E, "the dates differ from the master")
INV003 = Code("INV003", E, "the e-mail addresses differ from the master")
INV004 = Code("INV004", E, "the URLs differ from the master")
INV005 = Code("INV005", E, "the references to other clauses differ from the master")
INV006 = Code("INV006", E, "the circled enumeration (①…) differs from the master")
INV007 = Code("INV007", E, "the Markdown links differ from the master")
INV008 = Code("INV008", E, "the number of Markdown list items differs from the master")
INV009 = Code("INV009", E, "a do-not-translate name of the master is missing")


def _fmt(values: Counter[str]) -> str:
    return ", ".join(sorted(values.elements()))


def _iso(d: dt.date) -> str:
    return d.isoformat()


# What a mangled e-mail address or URL still looks like.
_NEAR: dict[str, str] = {  # compiled on first use (engine/patterns.py)
    "INV003": r"[^\s@]*@[^\s@]*|[\w.+-]+\s*[\[(]at[\])]\s*[\w.-]+",
    "INV004": r"h\S*tps?:\S+|www\.\S+",
}

Extract = Callable[[str, Context], list[str]]

# code, what is compared, how to extract it from one text (as comparable strings)
COMPARED: tuple[tuple[Code, str, Extract], ...] = (
    (INV001, "numbers", lambda t, c: [s.value for s in numbers(t, c.config.keep_forms())]),
    (INV002, "dates", lambda t, c: [_iso(d) for d, _ in dates(t)]),
    (INV003, "e-mail addresses", lambda t, c: [s.value.lower() for s in emails(t)]),
    (INV004, "URLs", lambda t, c: [s.value for s in urls(t)]),
    (INV005, "clause references", lambda t, c: clause_refs(t)),
    (INV006, "circled enumeration", lambda t, c: circled(t)),
    (INV007, "Markdown links", lambda t, c: external_links(t)),
)


def _written(code: Code, value: str, text: str, ctx: Context) -> str | None:
    """How a compared value is written in this text (to find its line)."""
    if code is INV002:
        for d, span in dates(text):
            if d.isoformat() == value:
                return span.value
        return None
    if code in (INV005, INV007):
        return f"({value}"
    if code is INV003:
        for span in emails(text):
            if span.value.lower() == value:
                return span.value
    return value


def _locate(pair: Pair, ctx: Context, code: Code, value: str | None) -> Pos:
    u = pair.unit
    assert u is not None
    fields = text_fields(u, translation=True)
    loc = ctx.locator(pair.edition.doc)
    for _, text, path in fields:
        if value is not None:
            written = _written(code, value, text, ctx)
        else:  # something is missing: point at what looks like a mangled form of it
            near = _NEAR.get(code.code)
            m = patterns.compile(near).search(text) if near else None
            written = m.group() if m else None
        if written and written in text:
            return loc.find(path, written)
    if not fields:
        return pair.edition.doc.pos(u.data_path)
    return loc.start(fields[-1][2])


def check_invariants(pair: Pair, ctx: Context) -> Iterator[Diagnostic]:
    u, mu, ed = pair.unit, pair.master, pair.edition
    if u is None:
        return
    master_texts = [t for _, t, _ in text_fields(mu, translation=False)]
    their_texts = [t for _, t, _ in text_fields(u, translation=True)]
    for code, what, extract in COMPARED:
        want_list = [v for t in master_texts for v in extract(t, ctx)]
        have_list = [v for t in their_texts for v in extract(t, ctx)]
        if (want_list == have_list if len(want_list) < 2 else
                sorted(want_list) == sorted(have_list)):
            continue
        want, have = Counter(want_list), Counter(have_list)
        missing, extra = want - have, have - want
        parts = []
        if missing:
            parts.append(f"missing {_fmt(missing)}")
        if extra:
            parts.append(f"not in the master: {_fmt(extra)}")
        pos = _locate(pair, ctx, code, min(extra) if extra else None)
        shape = {"form": "missing"} if not extra else {"form": "extra"} if not missing else {}
        yield make(code, f"{what} differ from the master: {'; '.join(parts)}", ed.file,
                   pos.line, pos.col, unit=unit_id(mu), lang=ed.lang, hint=_HINTS[code.code][2],
                   params={**shape, "missing": _fmt(missing), "extra": _fmt(extra)})
    want_items = sum(list_items(t) for t in master_texts)
    have_items = sum(list_items(t) for t in their_texts)
    if want_items != have_items:
        pos = _locate(pair, ctx, INV008, None)
        yield make(INV008, f"{have_items} list {'item' if have_items == 1 else 'items'}, but "
                   f"the master has {want_items}",
                   ed.file, pos.line, pos.col, unit=unit_id(mu), lang=ed.lang,
                   params={"have": have_items, "want": want_items})
    yield from _kept(pair, ctx, master_texts, their_texts)


def _kept(pair: Pair, ctx: Context, master_texts: list[str],
          their_texts: list[str]) -> Iterator[Diagnostic]:
    u, mu, ed = pair.unit, pair.master, pair.edition
    assert u is not None
    forms = ctx.config.keep_forms()
    canonical = _canonical(ctx.config.keep)
    wanted = {canonical[s.value] for t in master_texts for s in kept_names(t, forms)}
    present = {canonical[s.value] for t in their_texts for s in kept_names(t, forms)}
    for name in sorted(wanted - present):
        pos = _locate(pair, ctx, INV009, None)
        yield make(INV009, f"'{name}' is in the master but not here", ed.file, pos.line,
                   pos.col, unit=unit_id(mu), lang=ed.lang,
                   hint="names on the do-not-translate list stay as written",
                   params={"name": name})


# Each kept form's name, per list of kept names (one list a run: made once, not per unit)
_CANONICAL: dict[int, tuple[tuple[Keep, ...], dict[str, str]]] = {}


def _canonical(keep: tuple[Keep, ...]) -> dict[str, str]:
    known = _CANONICAL.get(id(keep))
    if known is not None and known[0] is keep:
        return known[1]
    made = {f: k.name for k in keep for f in k.forms}
    _CANONICAL[id(keep)] = (keep, made)
    return made


# What to do about a value that differs from the master (INV001-INV007), per code: ja, ru, en.
_HINTS = {
    "INV001": ("原文と同じ数字に直してください",
               "исправьте числа, как в оригинале",
               "make the numbers the same as in the master"),
    "INV002": ("原文と同じ日付に直してください",
               "исправьте дату, как в оригинале",
               "make the dates the same as in the master"),
    "INV003": ("原文と同じメールアドレスに直してください",
               "исправьте адрес электронной почты, как в оригинале",
               "make the e-mail addresses the same as in the master"),
    "INV004": ("原文と同じURLに直してください",
               "исправьте адрес сайта, как в оригинале",
               "make the URLs the same as in the master"),
    "INV005": ("原文と同じ条項を参照するように直してください",
               "исправьте ссылки на пункты, как в оригинале",
               "make the clause references the same as in the master"),
    "INV006": ("原文と同じ丸数字で列挙してください",
               "исправьте нумерацию кружками, как в оригинале",
               "make the circled enumeration the same as in the master"),
    "INV007": ("原文と同じリンクに直してください",
               "исправьте ссылки, как в оригинале",
               "make the links the same as in the master"),
}


# What each code says to people, in ja, ru and en (engine/saying.py): an INV001-007
# finding lists what is missing, what the master does not have, or both.
WORDS = {
    "INV001": texts(
        "数字が原文と一致しません。",
        "Числа не совпадают с оригиналом.",
        "The numbers differ from the master.",
        message=("数字が原文と一致しません。原文にあってここにないもの：{missing}。原文にないもの：{extra}",
                 "числа не совпадают с оригиналом: не хватает: {missing}; нет в оригинале: {extra}",
                 "numbers differ from the master: missing {missing}; not in the master: {extra}"),
        forms={"missing": ("原文にある数字がここにありません：{missing}{extra}",
                            "числа не совпадают с оригиналом: не хватает: {missing}{extra}",
                            "numbers differ from the master: missing {missing}{extra}"),
               "extra": ("原文にない数字があります：{extra}{missing}",
                          "числа не совпадают с оригиналом: нет в оригинале: {extra}{missing}",
                          "numbers differ from the master: not in the master: {extra}{missing}")},
        hint=_HINTS["INV001"]),
    "INV002": texts(
        "日付が原文と一致しません。",
        "Даты не совпадают с оригиналом.",
        "The dates differ from the master.",
        message=("日付が原文と一致しません。原文にあってここにないもの：{missing}。原文にないもの：{extra}",
                 "даты не совпадают с оригиналом: не хватает: {missing}; нет в оригинале: {extra}",
                 "dates differ from the master: missing {missing}; not in the master: {extra}"),
        forms={"missing": ("原文にある日付がここにありません：{missing}{extra}",
                            "даты не совпадают с оригиналом: не хватает: {missing}{extra}",
                            "dates differ from the master: missing {missing}{extra}"),
               "extra": ("原文にない日付があります：{extra}{missing}",
                          "даты не совпадают с оригиналом: нет в оригинале: {extra}{missing}",
                          "dates differ from the master: not in the master: {extra}{missing}")},
        hint=_HINTS["INV002"]),
    "INV003": texts(
        "メールアドレスが原文と一致しません。",
        "Адреса электронной почты не совпадают с оригиналом.",
        "The e-mail addresses differ from the master.",
        message=("メールアドレスが原文と一致しません。原文にあってここにないもの：{missing}。原文にないもの：{extra}",
                 "адреса электронной почты не совпадают с оригиналом: не хватает: {missing}; нет в оригинале: {extra}",
                 "e-mail addresses differ from the master: missing {missing}; not in the master: {extra}"),
        forms={"missing": ("原文にあるメールアドレスがここにありません：{missing}{extra}",
                            "адреса электронной почты не совпадают с оригиналом: не хватает: {missing}{extra}",
                            "e-mail addresses differ from the master: missing {missing}{extra}"),
               "extra": ("原文にないメールアドレスがあります：{extra}{missing}",
                          "адреса электронной почты не совпадают с оригиналом: нет в оригинале: {extra}{missing}",
                          "e-mail addresses differ from the master: not in the master: {extra}{missing}")},
        hint=_HINTS["INV003"]),
    "INV004": texts(
        "URLが原文と一致しません。",
        "Адреса сайтов не совпадают с оригиналом.",
        "The web addresses differ from the master.",
        message=("URLが原文と一致しません。原文にあってここにないもの：{missing}。原文にないもの：{extra}",
                 "адреса сайтов не совпадают с оригиналом: не хватает: {missing}; нет в оригинале: {extra}",
                 "URLs differ from the master: missing {missing}; not in the master: {extra}"),
        forms={"missing": ("原文にあるURLがここにありません：{missing}{extra}",
                            "адреса сайтов не совпадают с оригиналом: не хватает: {missing}{extra}",
                            "URLs differ from the master: missing {missing}{extra}"),
               "extra": ("原文にないURLがあります：{extra}{missing}",
                          "адреса сайтов не совпадают с оригиналом: нет в оригинале: {extra}{missing}",
                          "URLs differ from the master: not in the master: {extra}{missing}")},
        hint=_HINTS["INV004"]),
    "INV005": texts(
        "他の条項への参照が原文と一致しません。",
        "Ссылки на другие пункты не совпадают с оригиналом.",
        "The references to other clauses differ from the master.",
        message=("条項への参照が原文と一致しません。原文にあってここにないもの：{missing}。原文にないもの：{extra}",
                 "ссылки на пункты не совпадают с оригиналом: не хватает: {missing}; нет в оригинале: {extra}",
                 "clause references differ from the master: missing {missing}; not in the master: {extra}"),
        forms={"missing": ("原文にある条項への参照がここにありません：{missing}{extra}",
                            "ссылки на пункты не совпадают с оригиналом: не хватает: {missing}{extra}",
                            "clause references differ from the master: missing {missing}{extra}"),
               "extra": ("原文にない条項への参照があります：{extra}{missing}",
                          "ссылки на пункты не совпадают с оригиналом: нет в оригинале: {extra}{missing}",
                          "clause references differ from the master: not in the master: {extra}{missing}")},
        hint=_HINTS["INV005"]),
    "INV006": texts(
        "丸数字の列挙（①…）が原文と一致しません。",
        "Нумерация кружками (①…) не совпадает с оригиналом.",
        "The circled enumeration (①…) differs from the master.",
        message=("丸数字の列挙が原文と一致しません。原文にあってここにないもの：{missing}。原文にないもの：{extra}",
                 "нумерация кружками не совпадает с оригиналом: не хватает: {missing}; нет в оригинале: {extra}",
                 "circled enumeration differ from the master: missing {missing}; not in the master: {extra}"),
        forms={"missing": ("原文にある丸数字の列挙がここにありません：{missing}{extra}",
                            "нумерация кружками не совпадает с оригиналом: не хватает: {missing}{extra}",
                            "circled enumeration differ from the master: missing {missing}{extra}"),
               "extra": ("原文にない丸数字の列挙があります：{extra}{missing}",
                          "нумерация кружками не совпадает с оригиналом: нет в оригинале: {extra}{missing}",
                          "circled enumeration differ from the master: not in the master: {extra}{missing}")},
        hint=_HINTS["INV006"]),
    "INV007": texts(
        "リンクが原文と一致しません。",
        "Ссылки Markdown не совпадают с оригиналом.",
        "The links differ from the master.",
        message=("リンクが原文と一致しません。原文にあってここにないもの：{missing}。原文にないもの：{extra}",
                 "ссылки Markdown не совпадают с оригиналом: не хватает: {missing}; нет в оригинале: {extra}",
                 "Markdown links differ from the master: missing {missing}; not in the master: {extra}"),
        forms={"missing": ("原文にあるリンクがここにありません：{missing}{extra}",
                            "ссылки Markdown не совпадают с оригиналом: не хватает: {missing}{extra}",
                            "Markdown links differ from the master: missing {missing}{extra}"),
               "extra": ("原文にないリンクがあります：{extra}{missing}",
                          "ссылки Markdown не совпадают с оригиналом: нет в оригинале: {extra}{missing}",
                          "Markdown links differ from the master: not in the master: {extra}{missing}")},
        hint=_HINTS["INV007"]),
    "INV008": texts(
        "箇条書きの項目数が原文と一致しません。", "Число пунктов списка не совпадает с оригиналом.",
        "The number of list items differs from the master.",
        message=("箇条書きの項目が{have}個ありますが、原文では{want}個です",
                 "{have} {have:пункт|пункта|пунктов} списка, а в оригинале {want}",
                 "{have} list {have:item|items}, but the master has {want}")),
    "INV009": texts(
        "原文にある固有名詞が見当たりません。",
        "Нет названия, которое есть в оригинале и не переводится.",
        "A name from the master (kept as written) is missing.",
        message=("原文にある「{name}」が、ここにありません",
                 "«{name}» есть в оригинале, но нет здесь",
                 "'{name}' is in the master but not here"),
        hint=("翻訳しない名前の一覧にある名前は、そのまま書いてください",
              "имена из списка непереводимых пишутся как есть",
              "names on the do-not-translate list stay as written")),
}


CHECK = Check(
    name="invariants",
    scope=Scope.PAIR,
    codes=(INV001, INV002, INV003, INV004, INV005, INV006, INV007, INV008, INV009),
    run=check_invariants,
    settings=("keep",),
    summary="numbers, dates, addresses, links, references and kept names agree with the master",
    words=WORDS,
    reads=pair_only,
    # every code holds the translation to what its master unit's text has (its numbers, its
    # dates, its kept names): on a stale translation, to a text it was not translated from
    compares=(INV001, INV002, INV003, INV004, INV005, INV006, INV007, INV008, INV009),
    follows_master=True,
)
