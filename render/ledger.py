"""The personal-information ledger (個人情報管理台帳) as a printable HTML page, CSV or JSON, with
labels in Japanese, Russian or English. Internal: never part of the published site.

The rows come from engine.uses.build_ledger; every label, clause title and number comes from
the policy (clauses cited with engine.citation); only the words around them live here.
"""

from __future__ import annotations

import base64
import csv
import io
import json
from typing import Any

from engine.citation import cite
from engine.hashing import small_sha256
from engine.uses import Ledger, LedgerRow

from .html import esc

STYLE = """
body{font:14px/1.5 system-ui,sans-serif;margin:0 auto;padding:1rem;max-width:90rem;color:#1b1b1b;background:#fff}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;margin:2rem 0 .5rem}
.meta{margin:.25rem 0;color:#333}
.internal{border:2px solid #8a4b00;padding:.5rem .75rem;background:#fff6e5}
nav ul{columns:16rem;padding-left:1.25rem;margin:.5rem 0}
.wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;min-width:72rem;table-layout:fixed}
th,td{border:1px solid #999;padding:.35rem .5rem;vertical-align:top;text-align:left;overflow-wrap:break-word;hyphens:auto}
.c-system{width:12%}.c-use{width:12%}.c-action{width:10%}.c-purpose{width:10%}.c-conditions{width:10%}
.c-decision{width:9%}.c-clauses{width:14%}.c-obligations{width:13%}.c-owner{width:10%}
thead th{background:#eef1f4}
tbody th{font-weight:600}
code{font-size:.85em;color:#333}
.denied td.decision{font-weight:700;color:#8b1a10}
.tag{display:inline-block;border:1px solid #555;border-radius:3px;padding:0 .3rem;font-size:.8em;font-weight:400}
.missing{font-weight:700;color:#8b1a10}
ul.cell{margin:0;padding-left:1.1rem}
@page{size:A4 landscape;margin:12mm}
@media print{body{max-width:none;padding:0;font-size:9pt}nav{display:none}.wrap{overflow:visible}
table{min-width:0}thead{display:table-header-group}tr{break-inside:avoid}h2{break-after:avoid}
a{color:inherit;text-decoration:none}}
""".strip()
STYLE_HASH = "sha256-" + base64.b64encode(small_sha256()(STYLE.encode("utf-8")).digest()).decode()
CSP = (f"default-src 'none'; style-src '{STYLE_HASH}'; img-src 'none'; base-uri 'none'; "
       "form-action 'none'")

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Personal information ledger",
        "internal": "Internal record for the company. Not part of the published privacy policy.",
        "source": "Built from the declared systems (systems: {systems}; uses: {uses}) and "
                  "policy version {version}.",
        "examples": "Systems marked “example” are illustrations of the declaration format, "
                    "not records of real systems.",
        "contents": "Data categories",
        "system": "System", "use": "Use", "action": "Action", "purpose": "Purpose",
        "conditions": "Conditions", "decision": "Policy", "clauses": "Clauses",
        "obligations": "Obligations", "owner": "Owner", "category": "Data category",
        "example": "example", "example_col": "Example", "allowed": "Allowed", "denied": "Denied",
        "none": "—", "yes": "{flag}: yes", "no": "{flag}: no",
        "via": "declared as “{group}”",
        "missing": "not listed in the declaration",
        "unused": "Data categories no declared system uses",
        "unused_none": "Every data category is used by at least one declared system.",
        "clause": "{cite} “{title}”",
        "obligation": "{label} ({cite})", "missing_note": " ({note})",
    },
    "ru": {
        "title": "Реестр персональной информации",
        "internal": "Внутренний документ компании. Не входит в опубликованную политику "
                    "конфиденциальности.",
        "source": "Составлен на основе деклараций систем (систем: {systems}; способов "
                  "использования: {uses}) и политики версии {version}.",
        "examples": "Системы с пометкой «пример» иллюстрируют формат декларации и не описывают "
                    "реальные системы.",
        "contents": "Категории данных",
        "system": "Система", "use": "Использование", "action": "Действие", "purpose": "Цель",
        "conditions": "Условия", "decision": "Политика", "clauses": "Пункты",
        "obligations": "Обязанности", "owner": "Ответственный", "category": "Категория данных",
        "example": "пример", "example_col": "Пример", "allowed": "Разрешено", "denied": "Запрещено",
        "none": "—", "yes": "{flag}: да", "no": "{flag}: нет",
        "via": "указано как «{group}»",
        "missing": "не указано в декларации",
        "unused": "Категории данных, которые не использует ни одна система",
        "unused_none": "Каждую категорию данных использует хотя бы одна система.",
        "clause": "{cite} «{title}»",
        "obligation": "{label} ({cite})", "missing_note": " ({note})",
    },
    "ja": {
        "title": "個人情報管理台帳",
        "internal": "社内用の記録です。公開している個人情報保護方針の一部ではありません。",
        "source": "申告されたシステム{systems}件（利用{uses}件）及び本ポリシーのバージョン{version}に"
                  "基づいて作成しました。",
        "examples": "「例」と表示したシステムは、申告の書式を示すための例であり、実在のシステムの記録で"
                    "はありません。",
        "contents": "個人情報の項目",
        "system": "システム", "use": "利用", "action": "取扱い", "purpose": "利用目的",
        "conditions": "条件", "decision": "ポリシー上の可否", "clauses": "根拠条項",
        "obligations": "遵守事項", "owner": "管理責任者", "category": "個人情報の項目",
        "example": "例", "example_col": "例示", "allowed": "可", "denied": "不可",
        "none": "―", "yes": "{flag}：あり", "no": "{flag}：なし",
        "via": "「{group}」として申告",
        "missing": "申告に記載なし",
        "unused": "申告されたシステムが利用していない個人情報の項目",
        "unused_none": "すべての項目が、申告されたいずれかのシステムで利用されています。",
        "clause": "{cite}「{title}」",
        "obligation": "{label}（{cite}）", "missing_note": "（{note}）",
    },
}
LANGUAGES = tuple(WORDS)


def _words(lang: str) -> dict[str, str]:
    if lang not in WORDS:
        raise ValueError(f"no ledger wording for language {lang!r}; use one of "
                         f"{', '.join(LANGUAGES)}")
    return WORDS[lang]


# ------------------------------------------------------------------------ one row, as values


def _label(ledger: Ledger, kind: str, term: str, lang: str) -> str:
    return ledger.policy.label(kind, term, lang)


def _conditions(ledger: Ledger, row: LedgerRow, lang: str) -> list[str]:
    w = _words(lang)
    return [w["yes" if value else "no"].format(flag=_label(ledger, "context", flag, lang))
            for flag, value in row.use.when]


def _clauses(ledger: Ledger, row: LedgerRow, lang: str) -> list[str]:
    w = _words(lang)
    out = []
    for ref in row.decision.clauses:
        title = ledger.policy.clause(ref.id)["title"]
        text = str(title.get(lang) or next(iter(title.values()), ""))
        out.append(w["clause"].format(cite=cite(ref.number, lang), title=text))
    return out


def _obligations(ledger: Ledger, row: LedgerRow, lang: str) -> list[tuple[str, bool]]:
    """(label with its clause, acknowledged by the declaration) for each obligation."""
    out: dict[str, tuple[str, bool]] = {}
    for o in row.decision.obligations:
        if o.id not in out:
            text = _words(lang)["obligation"].format(
                label=_label(ledger, "obligations", o.id, lang), cite=cite(o.clause.number, lang))
            out[o.id] = (text, o.id in row.use.obligations)
    return list(out.values())


def _record(ledger: Ledger, row: LedgerRow, lang: str) -> dict[str, Any]:
    name, name_lang = row.system.name(lang)
    return {
        "category": row.category,
        "category_label": _label(ledger, "data", row.category, lang),
        "system": row.system.id,
        "system_name": name,
        "system_name_lang": name_lang,
        "example": row.system.example,
        "owner": row.system.owner,
        "use": row.use.id,
        "declared_as": row.listed_as,
        "declared_as_label": _label(ledger, "data", row.listed_as, lang),
        "action": row.use.action,
        "action_label": _label(ledger, "actions", row.use.action, lang),
        "purpose": row.use.purpose,
        "purpose_label": _label(ledger, "purposes", row.use.purpose, lang),
        "when": dict(row.use.when),
        "conditions": _conditions(ledger, row, lang),
        "allowed": row.decision.allowed,
        "clauses": [{"id": c.id, "number": c.number, "cited": text} for c, text in
                    zip(row.decision.clauses, _clauses(ledger, row, lang), strict=True)],
        "obligations": [{"id": o, "label": text, "acknowledged": ack} for o, (text, ack) in
                        zip(dict.fromkeys(x.id for x in row.decision.obligations),
                            _obligations(ledger, row, lang), strict=True)],
        "file": row.use.file,
        "line": row.use.line,
    }


# ------------------------------------------------------------------------------- formats


def render_json(ledger: Ledger, lang: str) -> str:
    _words(lang)
    body = {
        "policy_version": ledger.policy.version,
        "lang": lang,
        "categories": [
            {"id": c, "label": _label(ledger, "data", c, lang),
             "uses": [_record(ledger, r, lang) for r in rows]}
            for c, rows in ledger.categories],
        "unused": [{"id": c, "label": _label(ledger, "data", c, lang)} for c in ledger.unused],
    }
    return json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """A spreadsheet cell that cannot start a formula: free text from a declaration (a name,
    an owner) beginning with = + - @ is prefixed with an apostrophe, as OWASP advises."""
    return "'" + text if text.startswith(_FORMULA) else text


def render_csv(ledger: Ledger, lang: str) -> str:
    """One row per data category and use; headers and values in `lang`. Starts with a UTF-8
    byte-order mark so that spreadsheet programs read Japanese and Russian correctly."""
    w = _words(lang)
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow([w["category"], w["system"], w["use"], w["action"], w["purpose"],
                  w["conditions"], w["decision"], w["clauses"], w["obligations"], w["owner"],
                  w["example_col"]])
    for row in ledger.rows:
        r = _record(ledger, row, lang)
        obligations = [text if ack else text + w["missing_note"].format(note=w["missing"])
                       for text, ack in _obligations(ledger, row, lang)]
        out.writerow([_cell(x) for x in (
            f"{r['category_label']} ({row.category})", f"{r['system_name']} ({row.system.id})",
            row.use.id, r["action_label"], r["purpose_label"],
            "; ".join(r["conditions"]), w["allowed" if row.decision.allowed else "denied"],
            "; ".join(c["cited"] for c in r["clauses"]), "; ".join(obligations),
            row.system.owner, w["example"] if row.system.example else "")])
    return "\ufeff" + buf.getvalue()


def _list(items: list[str], none: str) -> str:
    if not items:
        return esc(none)
    if len(items) == 1:
        return items[0]
    return '<ul class="cell">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def _row_html(ledger: Ledger, row: LedgerRow, lang: str) -> str:
    w = _words(lang)
    name, name_lang = row.system.name(lang)
    name_html = esc(name) if name_lang == lang else f'<span lang="{esc(name_lang)}">{esc(name)}</span>'
    if row.system.example:
        name_html += f' <span class="tag">{esc(w["example"])}</span>'
    use_html = f"<code>{esc(row.use.id)}</code>"
    if row.listed_as != row.category:
        group = _label(ledger, "data", row.listed_as, lang)
        use_html += f"<br>{esc(w['via'].format(group=group))}"
    missing = esc(w["missing_note"].format(note=w["missing"]))
    obligations = [esc(text) if ack else f'{esc(text)}<span class="missing">{missing}</span>'
                   for text, ack in _obligations(ledger, row, lang)]
    allowed = row.decision.allowed
    cells = [
        f'<th scope="row">{name_html}<br><code>{esc(row.system.id)}</code></th>',
        f"<td>{use_html}</td>",
        f"<td>{esc(_label(ledger, 'actions', row.use.action, lang))}</td>",
        f"<td>{esc(_label(ledger, 'purposes', row.use.purpose, lang))}</td>",
        f"<td>{_list([esc(c) for c in _conditions(ledger, row, lang)], w['none'])}</td>",
        f'<td class="decision">{esc(w["allowed" if allowed else "denied"])}</td>',
        f"<td>{_list([esc(c) for c in _clauses(ledger, row, lang)], w['none'])}</td>",
        f"<td>{_list(obligations, w['none'])}</td>",
        f"<td>{esc(row.system.owner)}</td>",
    ]
    cls = "" if allowed else ' class="denied"'
    return f"<tr{cls}>" + "".join(cells) + "</tr>"


def render_html(ledger: Ledger, lang: str) -> str:
    """One self-contained, printable page: a table per data category."""
    w = _words(lang)
    systems = {r.system.id for r in ledger.rows}
    uses = {r.use.key for r in ledger.rows}
    columns = ("system", "use", "action", "purpose", "conditions", "decision", "clauses",
               "obligations", "owner")
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex, nofollow">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{esc(w['title'])}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{esc(w['title'])}</h1>",
        f'<p class="internal">{esc(w["internal"])}</p>',
        f'<p class="meta">{esc(w["source"].format(systems=len(systems), uses=len(uses), version=ledger.policy.version))}</p>',
    ]
    if any(r.system.example for r in ledger.rows):
        out.append(f'<p class="meta">{esc(w["examples"])}</p>')
    if ledger.categories:
        out += [f'<nav aria-label="{esc(w["contents"])}"><ul>']
        out += [f'<li><a href="#data-{esc(c)}">{esc(_label(ledger, "data", c, lang))}</a></li>'
                for c, _rows in ledger.categories]
        out += ["</ul></nav>"]
    for c, rows in ledger.categories:
        out += [
            f'<section id="data-{esc(c)}" aria-labelledby="h-{esc(c)}">',
            f'<h2 id="h-{esc(c)}">{esc(_label(ledger, "data", c, lang))} <code>{esc(c)}</code></h2>',
            f'<div class="wrap" role="region" aria-labelledby="h-{esc(c)}" tabindex="0">',
            f'<table aria-labelledby="h-{esc(c)}">',
            "<colgroup>" + "".join(f'<col class="c-{c}">' for c in columns) + "</colgroup>",
            "<thead><tr>" + "".join(f'<th scope="col">{esc(w[c])}</th>' for c in columns)
            + "</tr></thead>",
            "<tbody>",
            *(_row_html(ledger, r, lang) for r in rows),
            "</tbody>",
            "</table>",
            "</div>",
            "</section>",
        ]
    out.append(f"<h2>{esc(w['unused'])}</h2>")
    if ledger.unused:
        out.append("<ul>" + "".join(
            f"<li>{esc(_label(ledger, 'data', c, lang))} <code>{esc(c)}</code></li>"
            for c in ledger.unused) + "</ul>")
    else:
        out.append(f"<p>{esc(w['unused_none'])}</p>")
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


RENDERERS = {"html": render_html, "csv": render_csv, "json": render_json}


def render_ledger(ledger: Ledger, lang: str, fmt: str) -> str:
    """The ledger in `fmt` (html, csv, json) with labels in `lang` (ja, ru, en)."""
    if fmt not in RENDERERS:
        raise ValueError(f"unknown ledger format {fmt!r}; use one of {', '.join(RENDERERS)}")
    return RENDERERS[fmt](ledger, lang)
