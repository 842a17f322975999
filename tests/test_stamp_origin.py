"""`policy stamp` of a unit whose words were edited by hand while it still takes the origin
`published` (its own, else its edition's: the Russian edition's words are the published ones)
says, as a note, that the unit's `origin:` may now need to say `translated`, and where to write
it (docs/format.md: a text edited by hand in a published unit needs it by hand). The stamp
writes no origin itself, and says nothing when the words are the same as before."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.loader import load_folder

from .test_stamp_safety import _copy, _edit_master_title, _run

SAID = {
    "en": ("note: clause {n} ", "its Russian words changed, but the site still shows them as "
           "the published words (origin: published). If you wrote them yourselves rather than "
           "taking them from the published edition, add the line `origin: translated` below "
           "`target:` at {where}; the site then marks them as our translation, not yet "
           "reviewed."),
    "ja": ("参考：第{n}項 ", "ロシア語の文言が変わりましたが、公開ページでは引き続き公表済みの文言"
           "（origin: published）として表示されます。公表済みの文言ではなく新たに書いた文言であれば、"
           "{where} の「target:」の行の下に「origin: translated」の行を追加してください。追加すると、"
           "公開ページでは当社による翻訳（法務担当の確認前）として表示されます。"),
    "ru": ("примечание: п. {n} ", "текст перевода (русский) изменился, но на сайте он "
           "по-прежнему показан как уже опубликованный (origin: published). Если вы написали "
           "этот текст сами, а не взяли из опубликованной версии, добавьте строку «origin: "
           "translated» под строкой «target:» ({where}); тогда на сайте он будет помечен как "
           "наш перевод, ещё не проверенный юристами."),
}


def _reword_russian_title(folder: Path, number: str) -> str:
    """Edit by hand the Russian title of clause `number` (a unit of the published edition
    with no origin of its own); returns the new title."""
    src = load_folder(folder)
    clause = next(c for c in src.translations["ru"].clauses if str(c.number) == number)
    assert clause.origin is None and src.translations["ru"].origin == "published"
    ru = folder / "ru.yaml"
    text = ru.read_text("utf-8")
    old = f"    title: {clause.title}\n"
    assert text.count(old) == 1
    ru.write_text(text.replace(old, f"    title: {clause.title} и др.\n"), "utf-8")
    return f"{clause.title} и др."


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
def test_a_published_unit_reworded_by_hand_is_noted_where_to_mark_it(
        tmp_path: Path, lang: str) -> None:
    folder = _copy(tmp_path, git=True)
    number, _id, _title = _edit_master_title(folder)
    _reword_russian_title(folder, number)
    code, out, _err = _run("stamp", "ru", number, "--policy", str(folder), "--lang", lang)
    assert code == 0, out
    written = (folder / "ru.yaml").read_text("utf-8")
    lines = written.splitlines()
    at = next(i for i, ln in enumerate(lines)
              if ln.strip().startswith("target:") and i > 0
              and any(f"number: {number}" == lines[j].strip() for j in range(i - 4, i)))
    where = f"{folder / 'ru.yaml'}:{at + 1}:{len(lines[at]) - len(lines[at].lstrip()) + 1}"
    start, body = SAID[lang]
    note = next(ln for ln in out.splitlines() if ln.startswith(start.format(n=number)))
    assert body.format(where=where) in note, note
    assert not re.search(r"\b[0-9a-f]{10}\b", note)  # no fingerprint
    # the stamp wrote its stamps only: the origin is the legal team's to write
    assert "origin: translated" not in "\n".join(lines[at - 4:at + 3])
    # marked by hand as the note says, the unit is stamped and said nothing more of
    lines.insert(at + 1, " " * (len(lines[at]) - len(lines[at].lstrip())) + "origin: translated")
    (folder / "ru.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    ru_unit = next(c for c in load_folder(folder).translations["ru"].clauses
                   if str(c.number) == number)
    assert ru_unit.origin == "translated"


def test_words_that_did_not_change_are_not_noted(tmp_path: Path) -> None:
    """`--unchanged-ok` (the master changed, the translation is still right) keeps the
    published words: no note; nor is a unit stamped again after it was noted once."""
    folder = _copy(tmp_path, git=True)
    number, _id, _title = _edit_master_title(folder)
    code, out, _ = _run("stamp", "ru", number, "--unchanged-ok", "--policy", str(folder))
    assert code == 0 and "stamped clause" in out and "origin" not in out, out
    # reworded by hand after that stamp: the recorded target tells the words changed
    _reword_russian_title(folder, number)
    ja = folder / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace("等\n", "等々\n", 1), "utf-8")
    code, out, _ = _run("stamp", "ru", number, "--policy", str(folder))
    assert code == 0 and "origin: translated" in out, out
    code, out, _ = _run("stamp", "ru", number, "--policy", str(folder))
    assert code == 0 and "already up to date" in out and "origin" not in out, out

