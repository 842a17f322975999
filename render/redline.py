"""The redline page: a policy diff as one self-contained HTML page, insertions and deletions marked.

Each changed unit is shown inline (one text with <del> and <ins>) and side by side (before |
after). Everything from the policy is escaped; the page runs no script: its
Content-Security-Policy allows no script source and only its own inline stylesheet, pinned by
hash. `render_diff_page(diff, lang)` is what `policy diff --format html` calls (the site's
pages of changes, `policy build --since REV` among them, are render/versions.py's).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Protocol

from engine.citation import cite
from engine.decide import CompiledPolicy
from engine.diff import PolicyDiff, Statement, TextChange, bump, required_level
from engine.diff.decisions import Cube, condition_words
from engine.hashing import small_sha256

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
""".strip()

STYLE_HASH = "sha256-" + base64.b64encode(small_sha256()(STYLE.encode("utf-8")).digest()).decode()
CSP = (f"default-src 'none'; style-src '{STYLE_HASH}'; img-src 'none'; base-uri 'none'; "
       "form-action 'none'")

WORDS: dict[str, dict[str, str]] = {
    "en": {"title": "What changed in the privacy policy", "decisions": "What the change does",
           "allowed": "Now allowed", "denied": "Now denied", "none": "No change to what is "
           "allowed.", "vocabulary": "Vocabulary", "text": "Text", "facts": "Facts",
           "inline": "Inline", "before": "Before", "after": "After", "version": "Version",
           "classification": "Classification", "bump": "Required version bump",
           "compared": "questions compared", "was": "before",
           "answers_none": "the same answers", "answers_expands": "allows more",
           "answers_narrows": "allows less", "answers_both": "allows more and less",
           "any": "in any context", "structure": "Clauses added, removed or moved",
           "when": "{conds}", "fact": "Fact", "edition": "Edition",
           "nothing": "No changes.", "uses": "Declared data uses affected"},
    "ru": {"title": "Что изменилось в политике конфиденциальности",
           "decisions": "Что меняет изменение", "allowed": "Теперь разрешено",
           "denied": "Теперь запрещено", "none": "Разрешённое не изменилось.",
           "vocabulary": "Словарь", "text": "Текст", "facts": "Сведения", "inline": "Вместе",
           "before": "Было", "after": "Стало", "version": "Версия",
           "classification": "Классификация", "bump": "Требуемое повышение версии",
           "compared": "вопросов сравнено", "was": "ранее",
           "answers_none": "ответы те же", "answers_expands": "разрешает больше",
           "answers_narrows": "разрешает меньше",
           "answers_both": "в одном разрешает больше, в другом меньше",
           "any": "в любом контексте", "structure": "Добавленные, удалённые и перемещённые пункты",
           "when": "{conds}", "fact": "Сведение", "edition": "Редакция",
           "nothing": "Изменений нет.",
           "uses": "Заявленные способы использования данных, которых касается изменение"},
    "ja": {"title": "個人情報保護方針の変更点", "decisions": "変更の内容", "allowed": "新たに許可",
           "denied": "新たに禁止", "none": "許可される内容に変更はありません。",
           "vocabulary": "用語", "text": "本文", "facts": "基本情報", "inline": "差分",
           "before": "変更前", "after": "変更後", "version": "版", "classification": "分類",
           "bump": "必要な版の更新", "compared": "件の問いを比較", "was": "変更前",
           "answers_none": "回答に変更なし", "answers_expands": "許可される範囲が広がる",
           "answers_narrows": "許可される範囲が狭まる",
           "answers_both": "許可される範囲が広がる部分と狭まる部分がある",
           "any": "常に", "structure": "追加・削除・移動された条項", "when": "条件：{conds}",
           "fact": "項目", "edition": "版", "nothing": "変更はありません。",
           "uses": "変更の影響を受ける申告済みの利用"},
}


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
        return esc(w["any"])
    words = condition_words(cubes, lambda flag: _label(diff, "context", flag, lang), lang)
    return esc(w["when"].format(conds=words))


def _count(n: int, lang: str) -> str:
    """1,920,000; in Russian 1 920 000 (no-break spaces)."""
    return f"{n:,}".replace(",", "\u00a0") if lang == "ru" else f"{n:,}"


def _refs(refs: Sequence[tuple[str, str]], lang: str) -> str:
    return ", ".join(f'<span title="{esc(i)}">{esc(cite(n, lang))}</span>' for i, n in refs)


def _statement(s: Statement, diff: PolicyDiff, lang: str) -> str:
    w = WORDS[lang]
    action = esc(_label(diff, "actions", s.action, lang))
    data = ", ".join(esc(_label(diff, "data", d, lang)) for d in s.data)
    purposes = ", ".join(esc(_label(diff, "purposes", p, lang)) for p in s.purposes)
    ids = esc(f"{s.action} · {', '.join(s.data)} · {', '.join(s.purposes)}")
    cite = _refs(s.clauses, lang)
    was = _refs(s.was, lang)
    extra = f"; {esc(w['was'])}: {was}" if was else ""
    return (f'<li class="{esc(s.change)}"><strong>{esc(w[s.change])}</strong>: {action} — '
            f"{data} — {purposes}; {_condition(s.when, diff, lang)}"
            f"{' (' + cite + extra + ')' if cite or extra else ''}"
            f" <code>{ids}</code></li>")


def _inline(change: TextChange) -> str:
    parts = []
    for tag, text in change.ops:
        if tag == "=":
            parts.append(esc(text))
        elif tag == "-":
            parts.append(f"<del>{esc(text)}</del>")
        else:
            parts.append(f"<ins>{esc(text)}</ins>")
    return "".join(parts)


def _side(change: TextChange, keep: str) -> str:
    parts = []
    for tag, text in change.ops:
        if tag == "=":
            parts.append(esc(text))
        elif tag == keep:
            el = "del" if tag == "-" else "ins"
            parts.append(f"<{el}>{esc(text)}</{el}>")
    return "".join(parts)


def _text_change(change: TextChange, lang: str) -> str:
    w = WORDS[lang]
    ref = change.head or change.base
    anchor = ref.id_path.rsplit(".", 1)[-1] if ref and ref.id_path else change.key
    title = cite(change.number, lang) if change.number else change.key
    return "\n".join([
        f'<section id="{esc(anchor)}-{esc(change.lang)}-{esc(change.field)}">',
        f'<h3>{esc(title)} <small>[{esc(change.lang)}, {esc(change.field)}]'
        "</small></h3>",
        f'<p><strong>{esc(w["inline"])}</strong></p>',
        f'<div class="inline" lang="{esc(change.lang)}">{_inline(change)}</div>',
        '<table class="sbs">',
        f'<thead><tr><th scope="col">{esc(w["before"])}</th>'
        f'<th scope="col">{esc(w["after"])}</th></tr></thead>',
        f'<tbody><tr><td lang="{esc(change.lang)}">{_side(change, "-")}</td>'
        f'<td lang="{esc(change.lang)}">{_side(change, "+")}</td></tr></tbody>',
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
        f" ({esc(diff.base.label)} → {esc(diff.head.label)})</dd>",
        f"<dt>{esc(w['classification'])}</dt>"
        f"<dd>{esc(w.get('answers_' + diff.classification, diff.classification))}</dd>",
        f"<dt>{esc(w['bump'])}</dt><dd>{esc(level.upper())}"
        + (f" ({esc(bump(diff.base.version, level))})" if level != "none" else "") + "</dd>",
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
    if diff.text is not None and diff.text.structure:
        out += [f"<h2>{esc(w['structure'])}</h2>", "<ul>"]
        out.extend(f"<li>{esc(s.text())}</li>" for s in diff.text.structure)
        out.append("</ul>")
    if diff.text is not None:
        master_lang = diff.head.master.lang if diff.head.master else lang
        changes = [c for c in diff.text.changes if lang == master_lang or c.lang == lang]
        if changes:
            out.append(f"<h2>{esc(w['text'])}</h2>")
            out.extend(_text_change(c, lang) for c in changes)
    if diff.vocabulary:
        out += [f"<h2>{esc(w['vocabulary'])}</h2>", "<ul>"]
        out.extend(f"<li>{esc(v.text())}</li>" for v in diff.vocabulary)
        out.append("</ul>")
    if diff.facts:
        out += [f"<h2>{esc(w['facts'])}</h2>", "<table>",
                f'<thead><tr><th scope="col">{esc(w["edition"])}</th><th scope="col">'
                f'{esc(w["fact"])}</th><th scope="col">{esc(w["before"])}</th>'
                f'<th scope="col">{esc(w["after"])}</th></tr></thead>', "<tbody>"]
        out.extend(f"<tr><td>{esc(f.lang)}</td><td>{esc(f.field)}</td><td>{esc(f.old or '-')}"
                   f"</td><td>{esc(f.new or '-')}</td></tr>" for f in diff.facts)
        out += ["</tbody>", "</table>"]
    if diff.empty:
        out.append(f"<p>{esc(w['nothing'])}</p>")
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)
