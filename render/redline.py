"""The redline page: a policy diff as one self-contained HTML page, insertions and deletions marked.

Written for a lawyer, every line in the page's language (ja, ru, en): the sides as `policy
report` names them (never a commit's hash), the questions by the vocabulary's labels, units as
`policy check` names them (第4項, п. 4, clause 4 with their titles; a key point by its words, a
release note by its revision's date), languages and fields by name; never ids or keys. Each
changed unit is shown inline (one text with <del> and <ins>) and side by side (before |
after). Everything from the policy is escaped; the page runs no script: its
Content-Security-Policy allows no script source and only its own inline stylesheet, pinned by
hash. `render_diff_page(diff, lang)` is what `policy diff --format html` calls (the site's
pages of changes, `policy build --since REV` among them, are render/versions.py's).
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from engine.change_report import STRINGS as REPORT_WORDS
from engine.change_report import bump_reasons, origin_line, side_name
from engine.citation import cite
from engine.decide import CompiledPolicy
from engine.diff import PolicyDiff, Statement, TextChange, bump, required_level
from engine.diff.decisions import Cube
from engine.diff.format import IdWording, UseChange, format_text
from engine.hashing import small_sha256
from engine.messages import condition_words
from engine.parity.naming import edition_titles
from engine.saying import count as _count
from engine.saying import word
from engine.wording import capital, edition_name, language_name, unit_label

from .assets import cued
from .strings import format_date, labelled

if TYPE_CHECKING:
    from engine.diff import FactChange, OriginChange, StructureChange, TermChange
    from engine.diff.result import Side
    from engine.diff.text import UnitRef
    from engine.findings import Diagnostic

STYLE = """
body{font:16px/1.55 system-ui,sans-serif;max-width:72rem;margin:0 auto;padding:1rem;color:#1b1b1b}
h1{font-size:1.5rem}h2{font-size:1.25rem;margin-top:2rem}h3{font-size:1rem;margin-bottom:.25rem}
del{background:#ffd7d5;color:#5c0000;text-decoration:line-through}
ins{background:#ccf2d1;color:#003d0b;text-decoration:none}
.allowed{border-left:4px solid #1a7f37;padding-left:.5rem}
.denied{border-left:4px solid #b42318;padding-left:.5rem}
.summary dt{font-weight:600}.summary dd{margin:0 0 .5rem 0}
table{border-collapse:collapse;width:100%;table-layout:fixed}
td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top;text-align:left;overflow-wrap:anywhere}
.inline{white-space:pre-wrap;overflow-wrap:anywhere;padding:.4rem;border:1px solid #ccc}
.sbs td{white-space:pre-wrap}
@media (max-width:40rem){.sbs,.sbs tbody,.sbs tr,.sbs td,.sbs th{display:block;width:auto}}
@media print{body{max-width:none}a{color:inherit}}
.cue{position:absolute;width:1px;height:1px;overflow:hidden;white-space:nowrap;
clip:rect(1px,1px,1px,1px);clip-path:inset(100%);-webkit-user-select:none;user-select:none}
""".strip()
# The last rule: what a screen reader says where deleted and inserted words start and end
# ("deletion start", in the page's language and voice, render/assets.py `cued`), never shown,
# as on the site: most screen readers say nothing of <del> and <ins>, and read "WeTo improve".

STYLE_HASH = "sha256-" + base64.b64encode(small_sha256()(STYLE.encode("utf-8")).digest()).decode()
CSP = (f"default-src 'none'; style-src '{STYLE_HASH}'; img-src 'none'; base-uri 'none'; "
       "form-action 'none'")

WORDS: dict[str, dict[str, str]] = {
    "en": {"title": "What changed in the privacy policy", "decisions": "What the change does",
           "allowed": "Now allowed", "denied": "Now denied", "none": "No change to what is "
           "allowed.", "vocabulary": "Vocabulary", "text": "Text", "facts": "Facts",
           "origins": REPORT_WORDS["en"]["origins"],
           "inline": "Inline", "before": "Before", "after": "After", "version": "Version",
           "classification": "Classification", "bump": "Required version bump",
           "compared": "questions compared", "was": "before",
           "answers_none": "the same answers", "answers_expands": "allows more",
           "answers_narrows": "allows less", "answers_both": "allows more and less",
           "any": "in any context", "structure": "Clauses added, removed or moved",
           "when": "{conds}", "fact": "Fact", "edition": "Edition",
           "nothing": "No changes.", "uses": "Declared data uses affected",
           "paren": " ({})", "refs": " ({cite}{was})", "was_refs": "; before: {clauses}",
           "bumped": "{level} ({version})", "dates_sep": "; ",
           "line": "{change}: {action} — {data} — {purposes}; {condition}",
           "lang_field": "{language}, {field}",
           "added": "Added: {unit}", "removed": "Removed: {unit}",
           "moved": "Moved: {unit}", "renumbered": "Renumbered: {unit}",
           "term_added": "Added to the vocabulary: the {kind} “{label}”",
           "term_removed": "Removed from the vocabulary: the {kind} “{label}”",
           "term_members": "The group “{label}” ({kind}) now holds {new} (before: {old})",
           "term_relabelled": "The {edition} label of the {kind} “{label}” changed from "
                              "“{old}” to “{new}”"},
    "ru": {"title": "Что изменилось в политике конфиденциальности",
           "decisions": "К чему приводит изменение", "allowed": "Теперь разрешено",
           "denied": "Теперь запрещено", "none": "Разрешённое не изменилось.",
           "vocabulary": "Словарь", "text": "Текст", "facts": "Сведения", "inline": "Вместе",
           "origins": REPORT_WORDS["ru"]["origins"],
           "before": "Было", "after": "Стало", "version": "Версия",
           "classification": "Классификация", "bump": "Требуемое повышение версии",
           "compared": "вопросов сравнено", "was": "ранее",
           "answers_none": "ответы те же", "answers_expands": "разрешает больше",
           "answers_narrows": "разрешает меньше",
           "answers_both": "в одном разрешает больше, в другом меньше",
           "any": "в любом контексте", "structure": "Добавленные, удалённые и перемещённые пункты",
           "when": "{conds}", "fact": "Сведения", "edition": "Языковая версия",
           "nothing": "Изменений нет.",
           "uses": "Заявленные виды использования данных, которых касается изменение",
           "paren": " ({})", "refs": " ({cite}{was})", "was_refs": "; ранее: {clauses}",
           "bumped": "{level} → {version}", "dates_sep": ", ",
           "line": "{change}: {action} — {data} — {purposes}; {condition}",
           "lang_field": "{language}, {field}",
           "added": "Добавлено: {unit}", "removed": "Удалено: {unit}",
           "moved": "Перемещено: {unit}", "renumbered": "Изменён номер: {unit}",
           "term_added": "Добавлен термин словаря: {kind} «{label}»",
           "term_removed": "Удалён термин словаря: {kind} «{label}»",
           "term_members": "Изменён состав группы «{label}» ({kind}): {new} (ранее: {old})",
           "term_relabelled": "Изменено название в {edition}: {kind} «{label}» — было "
                              "«{old}», стало «{new}»"},
    "ja": {"title": "個人情報保護方針の変更点", "decisions": "変更の内容", "allowed": "新たに許可",
           "denied": "新たに禁止", "none": "許可される内容に変更はありません。",
           "vocabulary": "用語", "text": "本文", "facts": "基本情報", "inline": "差分",
           "origins": REPORT_WORDS["ja"]["origins"],
           "before": "変更前", "after": "変更後", "version": "バージョン", "classification": "分類",
           "bump": "必要なバージョンの上げ方", "compared": "件の問いを比較", "was": "変更前",
           "answers_none": "回答に変更なし", "answers_expands": "許可される範囲が広がる",
           "answers_narrows": "許可される範囲が狭まる",
           "answers_both": "許可される範囲が広がる部分と狭まる部分がある",
           "any": "常に", "structure": "追加・削除・移動された条項", "when": "条件：{conds}",
           "fact": "項目", "edition": "言語版", "nothing": "変更はありません。",
           "uses": "変更の影響を受ける申告済みの利用",
           "paren": "（{}）", "refs": "（{cite}{was}）", "was_refs": "。変更前：{clauses}",
           "bumped": "{level}→{version}", "dates_sep": "、",
           "line": "{change}：{action} — {data} — {purposes}。{condition}",
           "lang_field": "{language}・{field}",
           "added": "追加：{unit}", "removed": "削除：{unit}",
           "moved": "移動：{unit}", "renumbered": "番号の変更：{unit}",
           "term_added": "用語を追加：{kind}「{label}」",
           "term_removed": "用語を削除：{kind}「{label}」",
           "term_members": "{kind}のグループ「{label}」の構成を変更：{new}（変更前：{old}）",
           "term_relabelled": "{kind}「{label}」の{edition}での表示名を変更："
                              "「{old}」→「{new}」"},
}


def _same(text: str) -> str:
    return text


def esc(text: str) -> str:
    """Escape for text and for double-quoted attribute values."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


def _label(diff: PolicyDiff, kind: str, term: str, lang: str) -> str:
    for side in (diff.head, diff.base):
        vocab = side.policy.vocabulary.get(kind, {})
        if term in vocab:
            labels = vocab[term].get("labels", {})
            return str(labels.get(lang) or next(iter(labels.values()), term))
    return term


def _condition(cubes: Sequence[Cube], diff: PolicyDiff, lang: str) -> str:
    w = WORDS[lang]
    if any(len(c) == 0 for c in cubes):
        return w["any"]
    words = condition_words(cubes, lambda flag: _label(diff, "context", flag, lang), lang,
                            change=True)
    return w["when"].format(conds=words)




def _refs(refs: Sequence[tuple[str, str]], diff: PolicyDiff, lang: str,
          html: bool = True) -> str:
    """Clauses cited as the edition prints them, each with its title in `lang` on hover
    (`html`; else the citations alone)."""
    sep = REPORT_WORDS[lang]["list_sep"]
    if not html:
        return sep.join(cite(number, lang) for _id, number in refs)
    out = []
    for id_path, number in refs:
        clause: Mapping[str, object] = {}
        for side in (diff.head, diff.base):
            found = side.policy.bundle.get("clauses", {}).get(id_path)
            if found:
                clause = found
                break
        titles = clause.get("title")
        title = str(titles.get(lang) or "") if isinstance(titles, dict) else ""
        hint = f' title="{esc(title)}"' if title else ""
        out.append(f"<span{hint}>{esc(cite(number, lang))}</span>")
    return sep.join(out)


def statement_sentence(s: Statement, diff: PolicyDiff, lang: str, html: bool = False) -> str:
    """What a statement of the diff says, in `lang`: the change, the action, data and purposes
    by the vocabulary's labels, the condition, and the clauses cited as the edition prints
    them; `html`: escaped, the change in bold and each clause with its title on hover."""
    w = WORDS[lang]
    sep = REPORT_WORDS[lang]["list_sep"]
    said: Callable[[str], str] = esc if html else _same
    line = w["line"].format(
        change=f"<strong>{esc(w[s.change])}</strong>" if html else w[s.change],
        action=said(_label(diff, "actions", s.action, lang)),
        data=sep.join(said(_label(diff, "data", d, lang)) for d in s.data),
        purposes=sep.join(said(_label(diff, "purposes", p, lang)) for p in s.purposes),
        condition=said(_condition(s.when, diff, lang)))
    cited = _refs(s.clauses, diff, lang, html)
    was = _refs(s.was, diff, lang, html)
    if cited or was:
        line += w["refs"].format(cite=cited or "—",
                                 was=w["was_refs"].format(clauses=was) if was else "")
    return line


def _statement(s: Statement, diff: PolicyDiff, lang: str) -> str:
    return f'<li class="{esc(s.change)}">{statement_sentence(s, diff, lang, html=True)}</li>'


def _inline(change: TextChange, lang: str) -> str:
    """The change as one text, its deleted and inserted words told in `lang`, the page's."""
    return cued(change.ops, lang, esc)


def _side(change: TextChange, keep: str, lang: str) -> str:
    return cued(change.ops, lang, esc, keep)


_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _dates(text: str, lang: str) -> str:
    """Dates written YYYY-MM-DD, as readers of `lang` write them (2026年12月5日)."""
    return _ISO_DAY.sub(lambda m: format_date(dt.date.fromisoformat(m.group(0)), lang), text)


class _Units:
    """How the page names a unit: by its printed number (第4項, п. 4, clause 4) and its title in
    the page's edition, a key point by its first words, a release note by its revision's date,
    as `policy check` names them (engine/wording.py unit_label); never by its key."""

    def __init__(self, diff: PolicyDiff, lang: str) -> None:
        self.lang = lang
        self.titles = {which: edition_titles(side.master, side.translations)
                       for which, side in (("head", diff.head), ("base", diff.base))
                       if side.master is not None}

    def name(self, which: str, unit: str, number: str, key: str) -> str:
        """The unit as it is on side `which` (head, base); `unit`: the id path of a clause,
        else the key of a document part (`summary.x`)."""
        titles = self.titles.get(which, {}).get(unit, {})
        # a reader knows a clause by its title in their own edition, by its number alone when
        # that edition lacks it; a part without a number by its words in any edition
        title = titles.get(self.lang) or (None if number else next(iter(titles.values()), None))
        return _dates(unit_label(number, title, key, say=self.lang), self.lang)

    def of(self, head: UnitRef | None, base: UnitRef | None) -> str:
        which, ref = ("head", head) if head is not None else ("base", base)
        assert ref is not None
        key = ref.key if not ref.id_path else ""
        return self.name(which, ref.id_path or ref.key, ref.number, key)


def _structure(change: StructureChange, units: _Units) -> str:
    w, lang = WORDS[units.lang], units.lang
    unit = units.of(change.head, change.base)
    said = w[change.change].format(unit=unit)
    old = change.base.number if change.base is not None else ""
    if change.change in ("added", "removed") or not old:
        return said
    return said + w["paren"].format(labelled(w["was"], lang) + cite(old, lang))


def _term(change: TermChange, diff: PolicyDiff, lang: str) -> str:
    w = WORDS[lang]
    kind = word(_KINDS.get(change.kind, change.kind), lang)
    said = {"kind": kind, "label": _label(diff, change.kind, change.term, lang)}
    if change.change == "members":
        sep = REPORT_WORDS[lang]["list_sep"]
        said.update({name: sep.join(_label(diff, change.kind, t, lang)
                                    for t in getattr(change, name) or ()) or "—"
                     for name in ("old", "new")})
    elif change.change == "relabelled":
        said.update(old=str(change.old), new=str(change.new),
                    edition=word(change.lang or "", lang, "ed_loc" if lang == "ru" else "ed"))
    text = w[f"term_{change.change}"].format(**said)
    return capital(text) if lang == "ru" else text


# each kind of vocabulary by the word for one of its terms (engine/saying.py WORDS)
_KINDS = {"actions": "action", "data": "data category", "purposes": "purpose",
          "context": "context flag", "obligations": "obligation"}


def _bump(diff: PolicyDiff, level: str, lang: str) -> str:
    """The version bump the change needs, as `policy report` names it, and the version it
    gives: "minor (2.2.0)", "マイナー（minor）→2.2.0"."""
    said = REPORT_WORDS[lang][f"level_{level}"]
    if level == "none":
        return said
    return WORDS[lang]["bumped"].format(level=said, version=bump(diff.base.version, level))


def _fact(change: FactChange, diff: PolicyDiff, lang: str) -> str:
    edition, field, old, new = _fact_cells(change, diff, lang)
    return "<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in (edition, capital(field), old, new)) \
        + "</tr>"


def _fact_cells(change: FactChange, diff: PolicyDiff, lang: str) -> tuple[str, str, str, str]:
    """A changed fact in `lang`: the edition (capitalised), the fact, its value before and
    after."""
    edition = edition_name(change.lang, lang)
    # "the version number" heads its row as "Version number"
    field = unit_label("", None, f"facts.{change.field}", say=lang).removeprefix("the ")

    def value(side: Side, given: str | None) -> str:
        if given is None:
            return "-"
        sep = REPORT_WORDS[lang]["list_sep"]
        if change.field == "revisions" and side.master is not None:
            # the revisions by their dates, as the footer lists them (not by their ids)
            return WORDS[lang]["dates_sep"].join(format_date(r.date, lang)
                                                 for r in side.master.facts.revisions)
        if change.field in ("prevailing_language", "translations"):
            return sep.join(language_name(c.strip(), lang) for c in given.split(","))
        return _dates(given, lang)

    return (capital(edition), field, value(diff.base, change.old),
            value(diff.head, change.new))


def _origin(change: OriginChange, units: _Units) -> str:
    """An origin that changed, in `units.lang`, its unit named as the page names it."""
    unit = "" if change.edition else units.of(change.head, change.base)
    return origin_line(change, units.lang, unit)


def _text_where(change: TextChange, units: _Units) -> tuple[str, str]:
    """The unit a text change is in, as `policy check` names it, and its language and field
    in `units.lang`'s words ("第4項「…」", "英語・本文")."""
    lang = units.lang
    return (capital(units.of(change.head, change.base)), WORDS[lang]["lang_field"].format(
        language=language_name(change.lang, lang), field=word(change.field, lang)))


def _text_change(change: TextChange, units: _Units) -> str:
    w = WORDS[units.lang]
    ref = change.head or change.base
    anchor = ref.id_path.rsplit(".", 1)[-1] if ref and ref.id_path else change.key
    title, said = _text_where(change, units)
    lang = units.lang
    return "\n".join([
        f'<section id="{esc(anchor)}-{esc(change.lang)}-{esc(change.field)}">',
        f"<h3>{esc(title)}{' ' if lang != 'ja' else ''}<small>"
        f"{esc(w['paren'].format(said).strip())}</small></h3>",
        f'<p><strong>{esc(w["inline"])}</strong></p>',
        f'<div class="inline" lang="{esc(change.lang)}">{_inline(change, lang)}</div>',
        '<table class="sbs">',
        f'<thead><tr><th scope="col">{esc(w["before"])}</th>'
        f'<th scope="col">{esc(w["after"])}</th></tr></thead>',
        f'<tbody><tr><td lang="{esc(change.lang)}">{_side(change, "-", lang)}</td>'
        f'<td lang="{esc(change.lang)}">{_side(change, "+", lang)}</td></tr></tbody>',
        "</table>",
        "</section>",
    ])


class UseSentence(Protocol):
    """A declared use the change affects (engine.uses.AffectedUse), told in a language."""

    def sentence(self, lang: str, policy: CompiledPolicy) -> str: ...


def render_diff_page(diff: PolicyDiff, lang: str = "en",
                     uses: Sequence[UseSentence] = ()) -> str:
    """One complete HTML page for the diff, in `lang` (ja, ru, en): statements with labels in
    that language, and the text changes of that edition (all editions for the master's page)."""
    if lang not in WORDS:
        raise ValueError(f"no redline wording for language {lang!r}; use one of "
                         f"{', '.join(sorted(WORDS))}")
    w = WORDS[lang]
    level, _reasons = required_level(diff)
    d = diff.decisions
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{esc(w['title'])}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{esc(w['title'])}</h1>",
        '<dl class="summary">',
        f"<dt>{esc(w['version'])}</dt><dd>{esc(diff.base.version)} → {esc(diff.head.version)}"
        + esc(w["paren"].format(f"{side_name(diff.base, lang)} → {side_name(diff.head, lang)}"))
        + "</dd>",
        f"<dt>{esc(w['classification'])}</dt>"
        f"<dd>{esc(w.get('answers_' + diff.classification, diff.classification))}</dd>",
        f"<dt>{esc(w['bump'])}</dt><dd>{esc(_bump(diff, level, lang))}</dd>",
        "</dl>",
        f"<h2>{esc(w['decisions'])}</h2>",
        f"<p>{esc(_count(d.questions_compared, lang))}{'' if lang == 'ja' else ' '}"
        f"{esc(w['compared'])}{'。' if lang == 'ja' else '.'}</p>",
    ]
    if d.statements:
        out.append("<ul>")
        out.extend(_statement(s, diff, lang) for s in d.statements)
        out.append("</ul>")
    else:
        out.append(f"<p>{esc(w['none'])}</p>")
    if uses:
        out += [f"<h2>{esc(w['uses'])}</h2>", "<ul>"]
        out.extend(f"<li>{esc(u.sentence(lang, diff.head.policy))}</li>" for u in uses)
        out.append("</ul>")
    units = _Units(diff, lang)
    if diff.text is not None and diff.text.structure:
        out += [f"<h2>{esc(w['structure'])}</h2>", "<ul>"]
        out.extend(f"<li>{esc(_structure(s, units))}</li>" for s in diff.text.structure)
        out.append("</ul>")
    master_lang = diff.head.master.lang if diff.head.master else lang
    if diff.text is not None:
        changes = [c for c in diff.text.changes if lang == master_lang or c.lang == lang]
        if changes:
            out.append(f"<h2>{esc(w['text'])}</h2>")
            out.extend(_text_change(c, units) for c in changes)
    if diff.vocabulary:
        out += [f"<h2>{esc(w['vocabulary'])}</h2>", "<ul>"]
        out.extend(f"<li>{esc(_term(v, diff, lang))}</li>" for v in diff.vocabulary)
        out.append("</ul>")
    if diff.facts:
        out += [f"<h2>{esc(w['facts'])}</h2>", "<table>",
                f'<thead><tr><th scope="col">{esc(w["edition"])}</th><th scope="col">'
                f'{esc(w["fact"])}</th><th scope="col">{esc(w["before"])}</th>'
                f'<th scope="col">{esc(w["after"])}</th></tr></thead>', "<tbody>"]
        out.extend(_fact(f, diff, lang) for f in diff.facts)
        out += ["</tbody>", "</table>"]
    # the master's page tells every edition's, a translation's page its own
    origins = [o for o in diff.origins if lang == master_lang or o.lang == lang]
    if origins:
        out += [f"<h2>{esc(w['origins'])}</h2>",
                f"<p>{esc(REPORT_WORDS[lang]['origins_intro'])}</p>", "<ul>"]
        out.extend(f"<li>{esc(_origin(o, units))}</li>" for o in origins)
        out.append("</ul>")
    if diff.empty:
        out.append(f"<p>{esc(w['nothing'])}</p>")
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def render_diff_text(diff: PolicyDiff, lang: str = "en", findings: Sequence[Diagnostic] = (),
                     uses: Sequence[UseChange] = (),
                     line: Callable[[Diagnostic], str] = str, check: bool = False) -> str:
    """`policy diff`'s text in `lang` (ja, ru, en), laid out by engine/diff/format.py
    `format_text`: the sides as `policy report` names them (never a commit's hash: `--format
    json` keeps it). In English, statements, terms and units are said by their ids, as CI and
    the engine's API name them (`IdWording`); in Japanese and Russian in the reader's words,
    as this page says them (`ReaderWording`)."""
    names = (side_name(diff.base, lang), side_name(diff.head, lang))
    wording = ReaderWording(diff, lang) if lang in ("ja", "ru") else IdWording(diff)
    return format_text(diff, findings, uses, line, names, wording, check)


class ReaderWording:
    """The diff's text in the reader's words (ja, ru): the statements and terms by the
    vocabulary's labels, the clauses cited as the edition prints them, units as `policy check`
    names them, the reasons for the bump as `policy report` gives them."""

    def __init__(self, diff: PolicyDiff, lang: str) -> None:
        self.diff, self.lang = diff, lang
        self.words = WORDS[lang]
        self.label_sep = REPORT_WORDS[lang]["label_sep"]
        self.nothing = self.words["nothing"]

    @cached_property
    def units(self) -> _Units:
        return _Units(self.diff, self.lang)

    def heading(self, part: str) -> str | None:
        if part == "why":
            return REPORT_WORDS[self.lang]["why"]
        return self.words[part] + self.label_sep.rstrip()

    def answers(self, classification: str) -> str:
        return self.words["answers_" + classification]

    def bump(self, level: str) -> str:
        return _bump(self.diff, level, self.lang)

    def why(self, reasons: Sequence[str]) -> Sequence[str]:
        return bump_reasons(self.diff, self.lang)

    def statement(self, s: Statement) -> str:
        return statement_sentence(s, self.diff, self.lang)

    def use(self, u: UseChange) -> str:
        return u.sentence(self.lang, self.diff.head.policy)

    def term(self, v: TermChange) -> str:
        return _term(v, self.diff, self.lang)

    def structure(self, s: StructureChange) -> str:
        return _structure(s, self.units)

    def where(self, c: TextChange) -> str:
        where, said = _text_where(c, self.units)
        return where + self.words["paren"].format(said)

    def fact(self, f: FactChange) -> str:
        edition, fact, old, new = _fact_cells(f, self.diff, self.lang)
        return (self.words["lang_field"].format(language=edition, field=fact)
                + f"{self.label_sep}{old} → {new}")

    def origin(self, o: OriginChange) -> str:
        return _origin(o, self.units)
