"""Structure: every master unit and vocabulary label exists in each translation, in the same order and numbering.

Also: nothing extra, no empty text, and the facts the editions repeat agree with the master.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..citation import cite
from ..findings import Code, Diagnostic, Severity, make
from ..model import VOCABULARY_KINDS, Unit
from ..parity.context import Context, Edition, Pair, text_fields, unit_id
from ..parity.naming import first_words
from ..parity.renames import renames
from ..saying import texts, unit_param
from ..wording import unit_label
from .unit import Check, Scope

E = Severity.ERROR

PARITY001 = Code("PARITY001", E, "a master unit is missing from the translation")
PARITY002 = Code("PARITY002", E, "a translated unit does not exist in the master")
PARITY003 = Code("PARITY003", E, "a translated unit is out of the master's order")
PARITY004 = Code("PARITY004", E, "a translated unit's number differs from the master")
PARITY005 = Code("PARITY005", E, "a title or text is present in only one of master and translation")
PARITY006 = Code("PARITY006", E, "a vocabulary label of the master is missing from the translation")
PARITY007 = Code("PARITY007", E, "a vocabulary label names a term the master does not have")
PARITY008 = Code("PARITY008", E, "a shared fact (version, date, e-mail, URL) differs from the master")
PARITY009 = Code("PARITY009", E, "a text or label is empty")


def _where(unit: Unit) -> str:
    if unit.number:
        kind = {0: "clause", 1: "item", 2: "sub-item"}.get(unit.level, "unit")
        return f"{kind} {unit.number} ({unit.id_path.rsplit('.', 1)[-1]})"
    return unit.key


def _where_params(unit: Unit) -> dict[str, str]:
    """`_where` as the templates' parameters (engine/saying.py)."""
    if unit.number:
        return {"kind": {0: "clause", 1: "item", 2: "sub-item"}.get(unit.level, "unit"),
                "number": unit.number, "slug": unit.id_path.rsplit(".", 1)[-1]}
    return {"form": "part", "key": unit.key}


def _parent(key: str) -> str:
    return key.rsplit(".", 1)[0] if "." in key else ""


def check_missing(pair: Pair, ctx: Context) -> Iterator[Diagnostic]:
    """A master unit with no counterpart: reported where it should have been."""
    if pair.unit is not None:
        return
    ed, mu = pair.edition, pair.master
    if mu.key in renames(ctx).held_master.get(ed.lang, ()):
        return  # the same unit under a changed id: the ids check reports the change
    # Point at the next sibling the translation does have, else at the parent unit.
    keys = [u.key for u in ctx.master_units]
    parent = _parent(mu.key) if mu.level > 0 else None
    anchor = None
    for key in keys[keys.index(mu.key) + 1:]:
        if key in ed.units and (parent is None or _parent(key) == parent):
            anchor = ed.units[key][0]
            break
    if anchor is None and parent:
        anchor = ed.units.get(parent, (None, None))[0]
    pos = ed.doc.pos(anchor.data_path) if anchor is not None else ed.doc.pos(
        mu.data_path[:-1] if mu.level >= 0 else mu.data_path)
    mpos = ctx.master_doc.pos(mu.data_path)
    # Named as a reader cites it (clause 10, 第10項, п. 10), its title being the heading above;
    # the id stays in the finding's `unit`.
    part = unit_param(mu.number, first_words(mu), mu.key)
    where = cite(mu.number, "en") if mu.number else unit_label("", first_words(mu), mu.key)
    # another edition has it: taken out of this one (else it is new in the master)
    removed = any(mu.key in other.units for lang, other in ctx.editions.items()
                  if lang != ed.lang)
    at_master = f"{ctx.master_doc.file}:{mpos.line}"
    yield make(PARITY001, f"{where} of the master is missing here", ed.file, pos.line,
               pos.col, unit=unit_id(mu), lang=ed.lang,
               # a key point is named once, by its first words, not again in the hint
               hint=(f"{where} " if mu.number else "it ")
                    + ("was removed from the translation, or is not translated yet: "
                       "restore or translate it" if removed
                       else "is new in the master: translate it")
                    + f"; the master is at {at_master}",
               params={**_where_params(mu), "file": ctx.master_doc.file, "line": mpos.line,
                       "part": part, "removed": removed})


def check_number(pair: Pair, ctx: Context) -> Iterator[Diagnostic]:
    u, mu, ed = pair.unit, pair.master, pair.edition
    if u is None or not mu.number or u.number == mu.number:
        return
    pos = ed.doc.pos((*u.data_path, "number"))
    yield make(PARITY004, f"numbered {u.number}, but the master numbers it {mu.number}",
               ed.file, pos.line, pos.col, unit=unit_id(mu), lang=ed.lang,
               hint="run policy renumber: it numbers every edition as the master orders it",
               params={"have": u.number, "want": mu.number})


def check_fields(pair: Pair, ctx: Context) -> Iterator[Diagnostic]:
    """Title and text present in the same places; no empty text."""
    u, mu, ed = pair.unit, pair.master, pair.edition
    if u is None:
        return
    mine = {name for name, _, _ in text_fields(mu, translation=False)}
    for name, text, path in text_fields(u, translation=True):
        pos = ctx.locator(ed.doc).start(path)
        if name not in mine:
            yield make(PARITY005, f"has a {name} the master does not have", ed.file,
                       pos.line, pos.col, unit=unit_id(mu), lang=ed.lang,
                       params={"field": name, "extra": True})
        elif not text.strip():
            yield make(PARITY009, f"the {name} is empty", ed.file, pos.line, pos.col,
                       unit=unit_id(mu), lang=ed.lang, params={"field": name})
    theirs = {name for name, _, _ in text_fields(u, translation=True)}
    for name in sorted(mine - theirs):
        pos = ed.doc.pos(u.data_path)
        yield make(PARITY005, f"lacks the {name} the master has", ed.file, pos.line,
                   pos.col, unit=unit_id(mu), lang=ed.lang,
                   params={"field": name, "extra": False})


PAIR_CHECKS = (check_missing, check_number, check_fields)


def _out_of_order(master_keys: list[str], their_keys: list[str]) -> list[str]:
    """Keys both share whose relative order differs (those outside a longest common run)."""
    common = set(master_keys) & set(their_keys)
    a = [k for k in master_keys if k in common]
    b = [k for k in their_keys if k in common]
    if a == b:
        return []
    import difflib  # here: only an edition whose units are out of order needs it (~2 ms)

    kept: set[str] = set()
    for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        kept.update(a[block.a: block.a + block.size])
    return [k for k in b if k not in kept]


def check_edition(ed: Edition, ctx: Context) -> Iterator[Diagnostic]:
    """Extra units, order among siblings, vocabulary labels and shared facts."""
    master_keys = {u.key: u for u in ctx.master_units}
    held = renames(ctx).held_translated.get(ed.lang, set())
    for key, (unit, _) in ed.units.items():
        if key not in master_keys and key not in held:
            pos = ed.doc.pos(unit.data_path)
            yield make(PARITY002, f"{_where(unit)} does not exist in the master", ed.file,
                       pos.line, pos.col, unit=unit_id(unit), lang=ed.lang,
                       hint="remove it, or add it to the master first",
                       params=_where_params(unit))
    siblings: dict[str, list[str]] = {}
    for u in ctx.master_units:
        siblings.setdefault(_parent(u.key), []).append(u.key)
    theirs: dict[str, list[str]] = {}
    for key in ed.units:
        theirs.setdefault(_parent(key), []).append(key)
    for parent, keys in sorted(siblings.items()):
        for key in _out_of_order(keys, theirs.get(parent, [])):
            unit = ed.units[key][0]
            mu = master_keys[key]
            pos = ed.doc.pos(unit.data_path)
            yield make(PARITY003, f"{_where(unit)} is out of order; in the master it comes "
                       f"at position {keys.index(key) + 1} of its siblings", ed.file, pos.line,
                       pos.col, unit=unit_id(mu), lang=ed.lang,
                       params={**_where_params(unit), "position": keys.index(key) + 1})
    yield from _vocabulary(ed, ctx)
    yield from _facts(ed, ctx)


def _vocabulary(ed: Edition, ctx: Context) -> Iterator[Diagnostic]:
    for kind in VOCABULARY_KINDS:
        master_terms = list(getattr(ctx.master.vocabulary, kind))
        labels: dict[str, str] = getattr(ed.model.vocabulary, kind)
        for term in master_terms:
            if term not in labels:
                pos = ed.doc.pos(("vocabulary", kind), key=True)
                yield make(PARITY006, f"no {kind} label for '{term}'", ed.file, pos.line,
                           pos.col, unit=f"vocabulary.{kind}.{term}", lang=ed.lang,
                           params={"kind": kind, "term": term})
            elif not labels[term].strip():
                pos = ed.doc.pos(("vocabulary", kind, term))
                yield make(PARITY009, f"the {kind} label of '{term}' is empty", ed.file,
                           pos.line, pos.col, unit=f"vocabulary.{kind}.{term}", lang=ed.lang,
                           params={"form": "label", "kind": kind, "term": term})
        for term in labels:
            if term not in master_terms:
                pos = ed.doc.pos(("vocabulary", kind, term), key=True)
                yield make(PARITY007, f"label for '{term}', which is not a {kind} term of "
                           "the master", ed.file, pos.line, pos.col,
                           unit=f"vocabulary.{kind}.{term}", lang=ed.lang,
                           params={"kind": kind, "term": term})
        for term in _out_of_order(master_terms, list(labels)):
            pos = ed.doc.pos(("vocabulary", kind, term), key=True)
            yield make(PARITY003, f"{kind} label '{term}' is out of the master's order",
                       ed.file, pos.line, pos.col, unit=f"vocabulary.{kind}.{term}",
                       lang=ed.lang, params={"form": "label", "kind": kind, "term": term})


def _facts(ed: Edition, ctx: Context) -> Iterator[Diagnostic]:
    mf, tf = ctx.master.facts, ed.model.facts
    latest = mf.revisions[-1].date if mf.revisions else None
    pairs: list[tuple[str, object, object]] = [
        ("version", mf.version, tf.version),
        ("url", mf.url, tf.url),
        ("email", mf.email, tf.email),
        ("effective", mf.effective, tf.effective),
        ("revised", latest, tf.revised),
    ]
    for name, want, have in pairs:
        if want != have:
            pos = ed.doc.pos(("facts", name)) if have is not None else ed.doc.pos(
                ("facts",), key=True)
            fact = f"facts.{name}"
            shown = "nothing" if have is None else f"“{have}”"
            said = unit_label("", None, fact)
            yield make(PARITY008, f"{said} is {shown}, but the master says “{want}”",
                       ed.file, pos.line, pos.col, unit=fact, lang=ed.lang,
                       hint=f"{'write' if have is None else 'change it to'} “{want}”, as in the "
                            "master: facts are the same in every edition",
                       params={"name": name, "fact": unit_param("", None, fact),
                               "nothing": have is None,
                               "have": "" if have is None else f"'{have}'",
                               "value": "" if have is None else str(have), "want": str(want)})


def run(ed: Edition, ctx: Context) -> Iterator[Diagnostic]:
    for pair in ctx.pairs(ed):
        for check in PAIR_CHECKS:
            yield from check(pair, ctx)
    yield from check_edition(ed, ctx)


# What each code says to people, in ja, ru and en (engine/saying.py).
WORDS = {
    "PARITY001": texts(
        "原文にある箇所がこの言語版にありません。", "Этого места из оригинала нет в этой версии.",
        "This part of the master is missing from this edition.",
        # named as the reader cites it (第10項, п. 10), not by its id; the heading above gives
        # its title
        message=("原文の{number:@cite}が、ここにありません",
                 "здесь нет части оригинала: {number:@cite}",
                 "{number:@cite} of the master is missing here"),
        forms={"part": ("原文の{part:@unit}が、ここにありません",
                        "здесь нет части оригинала: {part:@unit}",
                        "{part:@unit} of the master is missing here")},
        # a part another edition has was taken out of this one; else it is new in the master
        hint=("{number:@cite}{removed:が翻訳から削除されたか、まだ翻訳されていません。元に戻すか、"
              "翻訳してください|は原文に新しく加わった箇所です。翻訳してください}。"
              "原文：{file}:{line}",
              "{number:@cite} {removed:удалён из перевода или ещё не переведён: верните или "
              "переведите его|есть только в оригинале: переведите его}; оригинал — "
              "{file}:{line}",
              "{number:@cite} {removed:was removed from the translation, or is not translated "
              "yet: restore or translate it|is new in the master: translate it}; the master "
              "is at {file}:{line}"),
        # the part named once, in the message: its first words are not quoted again here
        hint_forms={"part": (
            "{removed:翻訳から削除されたか、まだ翻訳されていません。元に戻すか、"
            "翻訳してください|原文に新しく加わった箇所です。翻訳してください}。"
            "原文：{file}:{line}",
            "{removed:эта часть удалена из перевода или ещё не переведена: "
            "верните или переведите её|эта часть есть только в оригинале: переведите её}; "
            "оригинал — {file}:{line}",
            "{removed:it was removed from the translation, or is not translated yet: "
            "restore or translate it|it is new in the master: translate it}; the master is "
            "at {file}:{line}")}),
    "PARITY002": texts(
        "原文にない箇所です。", "Этого места нет в оригинале.",
        "This part does not exist in the master.",
        message=("{number:@cite}（{slug}）は原文にありません",
                 "в оригинале нет такой части: {kind:@} {number} ({slug})",
                 "{kind} {number} ({slug}) does not exist in the master"),
        forms={"part": ("{key} は原文にありません", "в оригинале нет такой части: {key}",
                        "{key} does not exist in the master")},
        hint=("削除するか、先に原文に追加してください",
              "удалите эту часть или сначала добавьте её в оригинал",
              "remove it, or add it to the master first")),
    "PARITY003": texts(
        "原文と順番が異なります。", "Порядок не совпадает с оригиналом.",
        "This part is out of the master's order.",
        message=("{number:@cite}（{slug}）の順番が違います。原文では同じ階層の{position}番目"
                 "です",
                 "{kind:@} {number} ({slug}) стоит не на своём месте: в оригинале он "
                 "{position}-й среди соседних",
                 "{kind} {number} ({slug}) is out of order; in the master it comes at position "
                 "{position} of its siblings"),
        forms={"part": ("{key} の順番が違います。原文では同じ階層の{position}番目です",
                        "{key} стоит не на своём месте: в оригинале это {position}-я часть "
                        "среди соседних",
                        "{key} is out of order; in the master it comes at position {position} "
                        "of its siblings"),
               "label": ("{kind:@}の用語「{term}」の表示名が、原文と違う順番に並んでいます",
                         "название термина «{term}» ({kind:@}) стоит не в том порядке, что в "
                         "оригинале",
                         "{kind} label '{term}' is out of the master's order")}),
    "PARITY004": texts(
        "番号が原文と一致しません。", "Номер не совпадает с оригиналом.",
        "The number differs from the master.",
        message=("番号が {have} ですが、原文では {want} です",
                 "номер {have}, а в оригинале {want}",
                 "numbered {have}, but the master numbers it {want}"),
        hint=("policy renumber を実行してください。原文の順番どおりに、すべての言語版の番号を付け直します",
              "выполните policy renumber: он пронумерует все версии в порядке оригинала",
              "run policy renumber: it numbers every edition as the master orders it")),
    "PARITY005": texts(
        "見出しか本文が、原文と翻訳の片方にしかありません。",
        "Заголовок или текст есть только в оригинале или только в переводе.",
        "A title or text is present in only one of the master and the translation.",
        message=("{field:@}：{extra:ここにはありますが、原文にはありません|原文にはありますが、"
                 "ここにはありません}",
                 "{field:@}: {extra:есть здесь, но нет в оригинале|есть в оригинале, но нет "
                 "здесь}",
                 "{extra:has a|lacks the} {field} the master {extra:does not have|has}")),
    "PARITY006": texts(
        "原文の用語の表示名が翻訳にありません。", "В переводе нет названия термина из оригинала.",
        "A term's label from the master is missing from the translation.",
        message=("{kind:@}の用語「{term}」の表示名がありません",
                 "нет названия термина «{term}» ({kind:@})",
                 "no {kind} label for '{term}'")),
    "PARITY007": texts(
        "原文にない用語の表示名です。", "Название дано термину, которого нет в оригинале.",
        "This label names a term the master does not have.",
        message=("「{term}」の表示名がありますが、原文に{kind:@}の用語「{term}」はありません",
                 "есть название для «{term}», но в оригинале нет такого термина ({kind:@})",
                 "label for '{term}', which is not a {kind} term of the master")),
    "PARITY008": texts(
        "共通の基本情報（バージョン番号、日付、連絡先）が原文と一致しません。",
        "Общие сведения (версия, дата, контакты) не совпадают с оригиналом.",
        "A shared fact (version, date, contact) differs from the master.",
        message=("{fact:@unit}が{nothing:未記入|}{value:@quoted}ですが、原文では「{want}」です",
                 "{fact:@unit}{nothing:: здесь пусто| здесь — }{value:@quoted}, а в оригинале — «{want}»",
                 "{fact:@unit} is {nothing:nothing|}{value:@quoted}, but the master says “{want}”"),
        hint=("原文と同じ「{want}」{nothing:を書いて|に直して}ください。共通の基本情報は、すべての言語版で"
              "同じです",
              "{nothing:укажите|исправьте на} «{want}», как в оригинале: общие сведения во всех "
              "версиях одинаковы",
              "{nothing:write|change it to} “{want}”, as in the master: facts are the same in "
              "every edition")),
    "PARITY009": texts(
        "本文か表示名が空です。", "Текст или название пусты.", "A text or label is empty.",
        message=("{field:@}が空です", "{field:@} пуст", "the {field} is empty"),
        forms={"label": ("{kind:@}の用語「{term}」の表示名が空です",
                         "название термина «{term}» ({kind:@}) пусто",
                         "the {kind} label of '{term}' is empty")}),
}


CHECK = Check(
    name="structure",
    scope=Scope.EDITION,
    codes=(PARITY001, PARITY002, PARITY003, PARITY004, PARITY005, PARITY006, PARITY007,
           PARITY008, PARITY009),
    run=run,
    summary="every master unit and label exists in each edition, in order, numbered alike",
    words=WORDS,
    # PARITY005: a title or text the master unit has and its translation lacks (or the other
    # way), as an edit adding or removing the master's title makes. Not the rest: a missing
    # unit has no translation to be stale (PARITY001); order, numbers (not in the
    # fingerprinted text: `policy renumber` fixes them), labels, facts and an empty text are
    # wrong in an edition whatever its master's text says.
    compares=(PARITY005,),
    # a missing unit: the site shows the master's text under the banner "not translated yet"
    lagging=(PARITY001,),
    follows_master=True,
)
