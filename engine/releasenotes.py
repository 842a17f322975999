"""Release notes: every revision in `facts.revisions` needs its note, `footer.revisions.<id>`,
in every edition, written by the legal team in that edition's language.

`policy revise` drafts a clearly marked placeholder in each edition (`draft`); the check unit
engine/checks/notes.py refuses a missing note (NOTE001) and a placeholder left as drafted
(NOTE002) in `policy check`, `policy build` and `policy diff --check` until someone writes the
note. The site shows these notes as the public release notes, so nothing machine-written
may reach it.
"""

from __future__ import annotations

# The mark that starts every drafted note, per language; a note holding any of them is a draft.
MARKS = {"ja": "【要記入】", "ru": "✎ НАПИСАТЬ", "en": "✎ TO BE WRITTEN"}
_DRAFTS = {
    "ja": "{mark} {date}改定：改定の内容をここに書いてください（policy revise による下書きです）。",
    "ru": "{mark} — изменено {date}; опишите здесь, что изменилось (черновик от policy revise).",
    "en": "{mark} — revised {date}; say here what changed (a draft by policy revise).",
}


def draft(lang: str, date: str) -> str:
    """The placeholder `policy revise` writes for a new revision's note in `lang`."""
    template = _DRAFTS.get(lang, _DRAFTS["en"])
    return template.format(mark=MARKS.get(lang, MARKS["en"]), date=date)


def is_placeholder(text: str) -> bool:
    return any(mark in text for mark in MARKS.values())
