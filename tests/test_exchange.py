"""XLIFF and TBX through the real client: translate-toolkit reads every export, and a file it edits imports cleanly."""

from __future__ import annotations

import difflib
import itertools
import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from translate.storage import tbx, xliff

from engine.cli import main
from engine.exchange import xliff as exchange
from engine.loader import load_folder
from engine.model import Unit, fingerprint, master_units, translation_units
from engine.parity.context import text_fields, unit_id
from engine.wording import unit_label

from .conftest import POLICY

ID_SEP = "\x04"  # translate-toolkit joins <file original> and the trans-unit id with it


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def langs() -> list[str]:
    src = load_folder(POLICY)
    return sorted(src.translations)


def export(folder: Path, lang: str, out: Path, *extra: str) -> xliff.xlifffile:
    code, output = run("xliff", "export", lang, "--policy", str(folder), "--out", str(out),
                       *extra)
    assert code == 0, output
    return xliff.xlifffile.parsefile(str(out))


def local_id(unit: xliff.xliffunit) -> str:
    return str(unit.getid()).split(ID_SEP, 1)[-1]


def expected_texts(folder: Path, lang: str) -> dict[str, tuple[str, str]]:
    """trans-unit id -> (master text, edition text), derived from the policy itself."""
    src = load_folder(folder)
    assert src.master is not None
    theirs = {u.key: u for u, _ in translation_units(src.translations[lang])}
    out = {}
    for mu in master_units(src.master):
        mine = {n: t for n, t, _ in text_fields(theirs[mu.key], translation=True)}
        for name, text, _ in text_fields(mu, translation=False):
            out[unit_id(mu) + ("#title" if name == "title" else "")] = (text, mine[name])
    return out


@pytest.mark.parametrize("lang", langs())
def test_translate_toolkit_reads_every_text_of_the_export(policy_copy: Path, tmp_path: Path,
                                                          lang: str) -> None:
    store = export(policy_copy, lang, tmp_path / f"{lang}.xlf")
    want = expected_texts(policy_copy, lang)
    got = {local_id(u): (u.source, u.target) for u in store.units}
    assert got == want
    assert store.getsourcelanguage() == "ja"
    assert store.gettargetlanguage() == lang
    for u in store.units:
        assert u.getnotes(), local_id(u)
        state = u.getlanguageNode(lang=None, index=1).get("state")
        assert state in ("needs-translation", "translated", "signed-off")


@pytest.mark.parametrize("lang", langs())
def test_export_then_unchanged_import_leaves_the_yaml_byte_identical(
        policy_copy: Path, tmp_path: Path, lang: str) -> None:
    before = {p.name: p.read_bytes() for p in policy_copy.iterdir() if p.is_file()}
    out = tmp_path / f"{lang}.xlf"
    export(policy_copy, lang, out)
    code, output = run("xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0, output
    assert "0 texts updated" in output
    assert {p.name: p.read_bytes() for p in policy_copy.iterdir() if p.is_file()} == before
    # the same holds after the file went through translate-toolkit unchanged
    store = xliff.xlifffile.parsefile(str(out))
    store.savefile(str(out))
    assert run("xliff", "import", str(out), "--policy", str(policy_copy))[0] == 0
    assert {p.name: p.read_bytes() for p in policy_copy.iterdir() if p.is_file()} == before


def _first_item(folder: Path) -> Unit:
    src = load_folder(folder)
    assert src.master is not None
    return next(u for u in master_units(src.master) if u.level == 1 and u.key.startswith("clause:"))


def named(unit: Unit, lang: str = "en") -> str:
    """A clause or an item as people read it: "clause 3.1", "第3項第1号", "п. 3.1"."""
    return unit_label(unit.number, None, unit.key, say=lang)


def test_a_target_edited_through_translate_toolkit_imports_and_is_stamped(
        policy_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "en.xlf"
    store = export(policy_copy, "en", out)
    item = _first_item(policy_copy)
    edited = "We collect personal information by lawful and fair means (as edited)."
    unit = next(u for u in store.units if local_id(u) == unit_id(item))
    unit.target = edited
    store.savefile(str(out))
    before = (policy_copy / "en.yaml").read_text("utf-8").splitlines()
    code, output = run("xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0, output
    assert f"updated {named(item)} (stamped)" in output and unit_id(item) not in output
    after = (policy_copy / "en.yaml").read_text("utf-8").splitlines()
    changed = [line[1:] for line in difflib.ndiff(before, after) if line.startswith("+ ")]
    # the text, and the stamp of the translation's own text (`target`), as `policy stamp` does
    assert len(changed) == 2 and edited in changed[1]
    assert changed[0].strip() == f"target: {fingerprint(edited)}"
    assert sum(line.startswith("- ") for line in difflib.ndiff(before, after)) == 1
    src = load_folder(policy_copy)
    tracked = {u.key: (u, t) for u, t in translation_units(src.translations["en"])}
    new_unit, node = tracked[item.key]
    assert new_unit.text == edited
    assert getattr(node, "source", None) == fingerprint(item.source_text())
    assert getattr(node, "target", None) == fingerprint(edited)
    assert run("check", "--policy", str(policy_copy))[0] == 0


def test_a_long_folded_text_stays_folded(policy_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "ru.xlf"
    store = export(policy_copy, "ru", out)
    unit = next(u for u in store.units if local_id(u) == "preamble")
    unit.target = unit.target + " Второе предложение."
    store.savefile(str(out))
    before = set((policy_copy / "ru.yaml").read_text("utf-8").splitlines())
    assert run("xliff", "import", str(out), "--policy", str(policy_copy))[0] == 0
    text = (policy_copy / "ru.yaml").read_text("utf-8")
    new_lines = [line for line in text.splitlines() if line not in before]
    assert new_lines and max(len(line) for line in new_lines) <= 110
    src = load_folder(policy_copy)
    assert src.translations["ru"].preamble.text.endswith(" Второе предложение.")


def test_a_unit_whose_master_changed_since_export_is_refused_by_name(
        policy_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "en.xlf"
    store = export(policy_copy, "en", out)
    item = _first_item(policy_copy)
    next(u for u in store.units if local_id(u) == unit_id(item)).target = "Changed."
    store.savefile(str(out))
    ja = policy_copy / "ja.yaml"
    assert item.text is not None
    ja.write_text(ja.read_text("utf-8").replace(item.text, item.text + "また、変更しました。"),
                  "utf-8")
    before = (policy_copy / "en.yaml").read_bytes()
    code, output = run("xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 1
    assert "XLIFF004" in output and named(item) in output and unit_id(item) not in output
    assert (policy_copy / "en.yaml").read_bytes() == before


def test_an_unchanged_target_of_a_changed_master_is_left_alone(policy_copy: Path,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "en.xlf"
    export(policy_copy, "en", out)
    item = _first_item(policy_copy)
    ja = policy_copy / "ja.yaml"
    assert item.text is not None
    ja.write_text(ja.read_text("utf-8").replace(item.text, item.text + "また、変更しました。"),
                  "utf-8")
    before = (policy_copy / "en.yaml").read_bytes()
    assert run("xliff", "import", str(out), "--policy", str(policy_copy))[0] == 0
    assert (policy_copy / "en.yaml").read_bytes() == before


def test_states_follow_the_stamp_and_the_sign_off(policy_copy: Path, tmp_path: Path) -> None:
    item = _first_item(policy_copy)
    ja = policy_copy / "ja.yaml"
    assert item.text is not None
    head, text, tail = ja.read_text("utf-8").rpartition(item.text)  # the item, not a summary
    ja.write_text(head + text + "また、変更しました。" + tail, "utf-8")
    store = export(policy_copy, "en", tmp_path / "a.xlf")
    states = {local_id(u): u.getlanguageNode(lang=None, index=1).get("state")
              for u in store.units}
    assert states[unit_id(item)] == "needs-translation"
    assert {s for k, s in states.items() if k != unit_id(item)} == {"translated"}
    stale = export(policy_copy, "en", tmp_path / "b.xlf", "--stale")
    assert [local_id(u) for u in stale.units] == [unit_id(item)]

    # the legal team approves the title and the preamble; then the preamble's text changes
    for unit in ("title", "preamble"):  # one at a time: see the report on `policy approve`
        code, output = run("approve", "en", unit, "--by", "Example Lawyer", "--date",
                           "2026-01-01", "--policy", str(policy_copy))
        assert code == 0, output
    en = policy_copy / "en.yaml"
    text = en.read_text("utf-8")
    assert text.count("considers ensuring") == 1
    en.write_text(text.replace("considers ensuring", "regards ensuring"), "utf-8")
    assert run("stamp", "en", "preamble", "--policy", str(policy_copy))[0] == 0
    signed = export(policy_copy, "en", tmp_path / "c.xlf")
    by_id = {local_id(u): u for u in signed.units}
    assert by_id["title"].getlanguageNode(lang=None, index=1).get("state") == "signed-off"
    assert by_id["title"].isapproved()
    # an approval of another text than the edition's now has does not sign it off
    assert by_id["preamble"].getlanguageNode(lang=None, index=1).get("state") == "translated"
    # translated is final for a CAT tool (translate-toolkit reads approved="yes" so); only the
    # state says whether the legal team signed it off
    assert by_id["preamble"].isapproved() and not by_id["preamble"].isfuzzy()
    stale_unit = {local_id(u): u for u in store.units}[unit_id(item)]
    assert not stale_unit.isapproved() and stale_unit.isfuzzy()


def test_link_targets_and_emails_are_protected_in_the_source(policy_copy: Path,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "en.xlf"
    export(policy_copy, "en", out)
    raw = out.read_text("utf-8")
    src = load_folder(policy_copy)
    assert src.master is not None
    email = src.master.facts.email
    assert f'<mrk mtype="protected">{email}</mrk>' in raw
    assert exchange.protected_spans("[x](https://a.example/b) y@example.com") == [
        (2, 24), (25, 38)]  # "](…)": the link markup and its target


def test_units_option_exports_a_clause_with_its_items(policy_copy: Path, tmp_path: Path) -> None:
    item = _first_item(policy_copy)
    clause = item.id_path.split(".")[0]
    store = export(policy_copy, "ru", tmp_path / "u.xlf", "--units", clause)
    ids = [local_id(u) for u in store.units]
    assert unit_id(item) in ids
    assert all(i.split("#")[0].split(".")[0] == clause for i in ids)
    code, output = run("xliff", "export", "ru", "--policy", str(policy_copy), "--units",
                       "no-such-unit")
    assert code == 2 and "PARITY011" in output


@pytest.mark.parametrize("content, code", [
    (b"not xml", "XLIFF001"),
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>', "XLIFF001"),
    (b'<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"/>', "XLIFF001"),
])
def test_unreadable_files_are_refused_with_exit_2(policy_copy: Path, tmp_path: Path,
                                                  content: bytes, code: str) -> None:
    bad = tmp_path / "bad.xlf"
    bad.write_bytes(content)
    exit_code, output = run("xliff", "import", str(bad), "--policy", str(policy_copy))
    assert exit_code == 2 and code in output and "Traceback" not in output


def test_unknown_trans_unit_is_refused(policy_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "en.xlf"
    export(policy_copy, "en", out, "--units", "title")
    out.write_text(out.read_text("utf-8").replace('id="title"', 'id="no-such"'), "utf-8")
    code, output = run("xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 1 and "XLIFF003" in output and "no-such" in output


def test_tbx_is_read_by_translate_toolkit_with_every_label(tmp_path: Path) -> None:
    out = tmp_path / "v.tbx"
    code, output = run("tbx", "export", "--policy", str(POLICY), "--out", str(out))
    assert code == 0, output
    store = tbx.tbxfile.parsefile(str(out))
    src = load_folder(POLICY)
    assert src.master is not None
    want = {}
    for kind in ("actions", "data", "purposes", "context", "obligations"):
        for term_id, term in getattr(src.master.vocabulary, kind).items():
            labels = {"ja": term.label}
            for lang, tr in src.translations.items():
                labels[lang] = getattr(tr.vocabulary, kind)[term_id]
            want[f"{kind}.{term_id}"] = labels
    got = {u.getid(): {lang: u.gettarget(lang) for lang in ("ja", *src.translations)}
           for u in store.units}
    assert got == want
    assert all(u.source == want[u.getid()]["ja"] for u in store.units)


def test_export_to_stdout_matches_out_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["xliff", "export", "ru", "--policy", str(POLICY)])
    assert result.exit_code == 0
    text = result.stdout
    out = tmp_path / "ru.xlf"
    run("xliff", "export", "ru", "--policy", str(POLICY), "--out", str(out))
    assert out.read_text("utf-8") == text


def test_a_file_in_other_languages_than_the_policys_is_refused(policy_copy: Path,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "en.xlf"
    export(policy_copy, "en", out, "--units", "title")
    out.write_text(out.read_text("utf-8").replace('target-language="en"',
                                                  'target-language="de"'), "utf-8")
    before = (policy_copy / "en.yaml").read_bytes()
    code, output = run("xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 2 and "XLIFF002" in output and "'de'" in output
    assert (policy_copy / "en.yaml").read_bytes() == before


@pytest.mark.parametrize(("lang", "words"), [
    ("ja", "書き出せる「de」の言語版がありません（言語版は en、ru です）"),
    ("ru", "нет версии «de», которую можно выгрузить (версии политики: en, ru)"),
    ("en", "no valid 'de' edition to export (the editions are: en, ru)")])
def test_exporting_a_language_the_policy_lacks_is_refused(policy_copy: Path,
                                                          tmp_path: Path, lang: str,
                                                          words: str) -> None:
    code, output = said(lang, "xliff", "export", "de", "--policy", str(policy_copy), "--out",
                        str(tmp_path / "de.xlf"))
    assert code == 2 and "XLIFF002" in output and words in output, output
    assert not (tmp_path / "de.xlf").exists()


def _last_item(folder: Path) -> Unit:
    """The last item of a clause with items (removing it keeps the numbering whole)."""
    src = load_folder(folder)
    assert src.master is not None
    units = list(master_units(src.master))
    return next(u for u, nxt in itertools.pairwise(units)
                if u.level == 1 and u.key.startswith("clause:") and nxt.level == 0)


def test_a_target_for_an_item_the_edition_lost_puts_it_back(policy_copy: Path,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "en.xlf"
    store = export(policy_copy, "en", out)
    item = _last_item(policy_copy)
    next(u for u in store.units if local_id(u) == unit_id(item)).target = "A new text."
    store.savefile(str(out))
    # the edition loses that item after the export (its lines cut out, as an editor would)
    en = policy_copy / "en.yaml"
    lines = en.read_text("utf-8").splitlines(keepends=True)
    item_id = unit_id(item).split(".")[-1]
    start = next(i for i, x in enumerate(lines) if x.strip() == f"- id: {item_id}")
    depth = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip()
                                or len(lines[end]) - len(lines[end].lstrip()) > depth):
        end += 1
    en.write_text("".join(lines[:start] + lines[end:]), "utf-8")
    assert f"- id: {item_id}\n" not in en.read_text("utf-8")
    code, output = run("xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0 and f"added {named(item)}, where the master has it" in output, output
    units = {u.key: u for u, _ in translation_units(load_folder(policy_copy).translations["en"])}
    assert units[item.key].text == "A new text." and units[item.key].number == item.number


def _marked(text: str, mark: str = "¶") -> tuple[str, int, int]:
    """The text without its one `mark`, and the line and column where the mark stood, as an
    editor counts them: from 1, a column in characters (a Japanese character or a tab is one),
    a line ended by LF or CRLF."""
    at = text.index(mark)
    before = text[:at].replace("\r\n", "\n")
    return text.replace(mark, "", 1), before.count("\n") + 1, len(before) - before.rfind("\n")


# The exported trans-unit of the title, and the same written as CAT tools and editors may
# write it: its attributes over three lines (tabs, single quotes, spaces around `=`; the file's
# lines then end in CRLF), or after a comment in Japanese on the same line. ¶ marks the id.
TITLE_TAG = '<trans-unit id="title" resname="title" xml:space="preserve" approved="yes">'
TAG_LAYOUTS = {
    "continuation line": ("<trans-unit\n\t\tresname='title'\txml:space='preserve'\n"
                          "\t\t¶id = '{id}' approved=\"yes\">"),
    "after Japanese": ('<!-- 第3項の表題 --><trans-unit ¶id="{id}" resname="title" '
                       'xml:space="preserve" approved="yes">'),
}


def _laid_out(text: str, layout: str, uid: str) -> str:
    assert text.count(TITLE_TAG) == 1
    text = text.replace(TITLE_TAG, TAG_LAYOUTS[layout].format(id=uid))
    return text.replace("\n", "\r\n") if layout == "continuation line" else text


@pytest.mark.parametrize("layout", sorted(TAG_LAYOUTS))
def test_an_unknown_id_is_said_where_its_id_attribute_is_written(
        policy_copy: Path, tmp_path: Path, layout: str) -> None:
    """XLIFF003 points at the id="…" of the trans-unit: its own line (not the tag's) and its
    column in characters, so that the editor opens the file on it."""
    out = tmp_path / "en.xlf"
    export(policy_copy, "en", out, "--units", "title")
    text, line, col = _marked(_laid_out(out.read_text("utf-8"), layout, "no-such"))
    out.write_bytes(text.encode("utf-8"))
    if layout == "after Japanese":  # 6 spaces, the comment (15 characters, 25 bytes), the tag
        assert (line, col) == (8, 6 + 15 + len("<trans-unit ") + 1)
    code, output = run("xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 1 and f"en.xlf:{line}:{col}: XLIFF003" in output, output


@pytest.mark.parametrize("layout", sorted(TAG_LAYOUTS))
def test_a_target_in_another_script_is_said_at_its_target_wherever_the_id_is_written(
        policy_copy: Path, tmp_path: Path, layout: str) -> None:
    """XLIFF007 points at the <target> also when the trans-unit's id is not written as the
    export wrote it (in single quotes, on a line of its own)."""
    out = tmp_path / "en.xlf"
    export(policy_copy, "en", out, "--units", "title")
    text = re.sub(r"<target ([^>]*)>[^<]*</target>", r"¶<target \1>個人情報保護方針</target>",
                  out.read_text("utf-8"), count=1)
    text = _laid_out(text, layout, "title").replace("¶", "", 1)  # the id's mark: the tag's first
    text, line, col = _marked(text)
    out.write_bytes(text.encode("utf-8"))
    code, output = run("xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 1 and f"en.xlf:{line}:{col}: XLIFF007" in output, output


def _id_place(out: Path, uid: str) -> tuple[int, int]:
    """Where the id="…" of trans-unit `uid` is written in the file `out`."""
    _, line, col = _marked(out.read_text("utf-8").replace(f' id="{uid}"', f' ¶id="{uid}"', 1))
    return line, col


TWICE = {"ja": "表題の翻訳単位「title」が、{first}行目にもあります",
         "ru": "заголовок повторяется в файле: единица перевода «title» есть и в строке {first}",
         "en": "the title is in the file more than once: trans-unit 'title' is also on line "
               "{first}"}


@pytest.mark.parametrize("lang", sorted(TWICE))
@pytest.mark.parametrize("layout", ["own lines", "one line", *sorted(TAG_LAYOUTS)])
def test_the_same_trans_unit_twice_is_refused_at_the_second_naming_the_first(
        policy_copy: Path, tmp_path: Path, layout: str, lang: str) -> None:
    """XLIFF006 points at the id="…" of the second trans-unit, and its words give the line of
    the first: on lines of their own, or written on one line after the first's Japanese."""
    out = tmp_path / "en.xlf"
    export(policy_copy, "en", out, "--units", "title")
    text = out.read_text("utf-8")
    first = text[: text.index(TITLE_TAG)].count("\n") + 1
    start, end = text.index("<trans-unit"), text.index("</trans-unit>") + len("</trans-unit>")
    unit = text[start:end]
    if layout == "one line":  # the first unit on one line, the second after it there
        flat = re.sub(r">\s+<", "><", unit)
        twice = text[:start] + flat + flat.replace(' id="title"', ' ¶id="title"') + text[end:]
    else:
        again = (unit.replace(' id="title"', ' ¶id="title"') if layout == "own lines"
                 else _laid_out(unit, layout, "title"))
        twice = text[:end] + "\n      " + again + text[end:]
        if layout == "continuation line":
            twice = twice.replace("\r\n", "\n").replace("\n", "\r\n")
    twice, line, col = _marked(twice)
    out.write_bytes(twice.encode("utf-8"))
    if layout == "one line":  # after the first, whose Japanese is more bytes than characters
        assert (line, col) == (first, 6 + len(flat) + len("<trans-unit ") + 1)
        assert len(flat.encode("utf-8")) > len(flat)
    before = (policy_copy / "en.yaml").read_bytes()
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 1 and f"en.xlf:{line}:{col}: XLIFF006" in output, output
    assert TWICE[lang].format(first=first) in output, output
    assert (policy_copy / "en.yaml").read_bytes() == before


# -- what a translator is told, in the language they read (POLICY_LANG) ---------------------


def said(lang: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env={"POLICY_LANG": lang})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def _edited_export(folder: Path, tmp_path: Path) -> tuple[Path, Unit]:
    """An export of the ru edition with the target of the first item of clause 3 changed."""
    out = tmp_path / "ru.xlf"
    export(folder, "ru", out)
    item = _first_item(folder)
    text = out.read_text("utf-8")
    head, tail = text.split(f'id="{unit_id(item)}"', 1)
    start = tail.index('state="translated">') + len('state="translated">')
    out.write_text(head + f'id="{unit_id(item)}"' + tail[:start] + "Новый текст. "
                   + tail[start:], "utf-8")
    return out, item


NOTHING_IMPORTED = {"ja": "何も取り込んでいません。", "ru": "Ничего не импортировано",
                    "en": "Nothing was imported"}
BROKEN = {  # what the file was given, what each language says about it (and where)
    "cut": ({"ja": "XMLが終わる前にファイルが途切れています", "ru": "файл обрывается",
             "en": "the file ends before its XML is complete"}),
    "tag": ({"ja": "閉じタグ「</g>」が、閉じるはずのタグと合っていません",
             "ru": "закрывающий тег «</g>» не соответствует",
             "en": "the closing tag </g> does not match the tag it closes"}),
    "character": ({"ja": "& は &amp; と書いてください", "ru": "а & — как &amp;",
                   "en": "write a < in a text as &lt; and an & as &amp;"}),
}


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
@pytest.mark.parametrize("broken", sorted(BROKEN))
def test_a_file_that_is_not_well_formed_is_said_plainly_and_nothing_is_written(
        policy_copy: Path, tmp_path: Path, lang: str, broken: str) -> None:
    out, _ = _edited_export(policy_copy, tmp_path)
    text = out.read_text("utf-8")
    if broken == "cut":
        text = text[: len(text) // 2]
    elif broken == "tag":
        text = text.replace("Новый текст. ", "<b>Новый</g> текст. ")
    else:
        text = text.replace("Новый текст. ", "Новый & текст. ")
    out.write_text(text, "utf-8")
    before = (policy_copy / "ru.yaml").read_bytes()
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 2 and "XLIFF001" in output and "Traceback" not in output
    assert BROKEN[broken][lang] in output, output
    assert NOTHING_IMPORTED[lang] in output
    assert "line " not in output and "column" not in output  # expat's own words, said once
    if broken == "tag":  # the place is the tag itself, as an editor counts columns
        line = next(i for i, ln in enumerate(text.splitlines(), 1) if "</g>" in ln)
        col = text.splitlines()[line - 1].index("</g>") + 1
        assert f"{out}:{line}:{col}: XLIFF001" in output
    assert (policy_copy / "ru.yaml").read_bytes() == before


@pytest.mark.parametrize(("lang", "words"), [
    ("ja", "「{id}」だったなら元に戻し"), ("ru", "если это был «{id}», верните его"),
    ("en", "if it was '{id}', change it back")])
def test_an_edited_id_is_answered_with_the_id_it_was_exported_as(
        policy_copy: Path, tmp_path: Path, lang: str, words: str) -> None:
    out, item = _edited_export(policy_copy, tmp_path)
    out.write_text(out.read_text("utf-8").replace(f'id="{unit_id(item)}"',
                                                  f'id="{unit_id(item)}x"'), "utf-8")
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 1 and "XLIFF003" in output
    assert words.format(id=unit_id(item)) in output and NOTHING_IMPORTED[lang] in output


@pytest.mark.parametrize(("lang", "words"), [
    ("ja", ["を更新し、翻訳済みとして記録しました", "更新1件", "ロシア語版を確認してください"]),
    ("ru", ["п. 3.1 — обновлено", "обновлено: 1", "проверить русскую версию"]),
    ("en", ["updated clause 3.1", "1 text updated", "check the Russian edition"])])
def test_an_import_says_what_it_did_in_the_readers_language(
        policy_copy: Path, tmp_path: Path, lang: str, words: list[str]) -> None:
    out, _ = _edited_export(policy_copy, tmp_path)
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0
    for w in words:
        assert w in output, output
    # The same file again: nothing to import, and it says why.
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0
    assert {"ja": "取り込むものはありません", "ru": "Импортировать нечего",
            "en": "Nothing to import"}[lang] in output


@pytest.mark.parametrize(("lang", "words"), [
    ("ja", ["の訳文が空で戻ってきました", "の訳文は変更していません",
            "空で戻ってきた訳文についても"]),
    ("ru", ["— перевод пуст; текст в", "а там, где перевод пуст, оставлен текст из",
            "впишите в CAT-программе новый перевод"]),
    ("en", ["came back without a translation", "the ones that came back empty stay"])])
def test_a_target_sent_back_empty_is_kept_and_said(
        policy_copy: Path, tmp_path: Path, lang: str, words: list[str]) -> None:
    """A translator who empties a segment (or a CAT tool that drops its <target>): the
    edition keeps its text, and the import says so, never "every translation is already in"
    the edition."""
    out = tmp_path / "ru.xlf"
    export(policy_copy, "ru", out)
    item = _first_item(policy_copy)
    before = (policy_copy / "ru.yaml").read_bytes()
    text = out.read_text("utf-8")
    head, tail = text.split(f'id="{unit_id(item)}"', 1)
    start = tail.index('state="translated">') + len('state="translated">')
    end = tail.index("</target>", start)
    out.write_text(head + f'id="{unit_id(item)}"' + tail[:start] + tail[end:], "utf-8")
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0
    assert (policy_copy / "ru.yaml").read_bytes() == before
    for w in words:
        assert w in output, output
    assert {"ja": "すべて既に", "ru": "все переводы из", "en": "every translation in"}[lang] \
        not in output


def test_a_target_language_with_its_region_is_the_edition(policy_copy: Path,
                                                          tmp_path: Path) -> None:
    """memoQ and Trados write ru-RU where the export said ru."""
    out, item = _edited_export(policy_copy, tmp_path)
    out.write_text(out.read_text("utf-8").replace('target-language="ru"',
                                                  'target-language="ru-RU"'), "utf-8")
    code, output = run("xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0, output
    assert f"updated {named(item)} (stamped)" in output


@pytest.mark.parametrize(("lang", "words"), [
    ("ja", "英語版に翻訳が必要な箇所はないため"), ("ru", "в английской версии нет текстов"),
    ("en", "no text of the English edition needs translation")])
def test_a_stale_export_with_nothing_stale_says_so(policy_copy: Path, tmp_path: Path,
                                                   lang: str, words: str) -> None:
    run("stamp", "en", "--all", "--unchanged-ok", "--policy", str(policy_copy))
    out = tmp_path / "en.xlf"
    code, output = said(lang, "xliff", "export", "en", "--stale", "--policy", str(policy_copy),
                        "--out", str(out))
    assert code == 0 and words in output, output
    assert "<trans-unit " not in out.read_text("utf-8")


@pytest.mark.parametrize(("lang", "header", "notes"), [
    ("ru", "Переведите тексты на русский (ru)",
     {"title": "заголовок (表題)", "preamble": "преамбула (前文)",
      "summary.{first}": "тезис 1 краткого изложения (要約の要点1)"}),
    ("en", "Translate the en targets",
     {"title": "the title (表題)", "preamble": "the preamble (前文)",
      "summary.{first}": "key point 1 of the summary (要約の要点1)"})])
def test_a_part_without_a_number_is_named_in_the_translators_words(
        tmp_path: Path, lang: str, header: str, notes: dict[str, str]) -> None:
    """What a CAT tool shows beside each segment: a part's name in the target language and in
    the master's, as a clause's number is, never only its internal id."""
    src = load_folder(POLICY)
    assert src.master is not None
    first = src.master.summary[0].id
    store = export(POLICY, lang, tmp_path / f"{lang}.xlf")
    assert header in (tmp_path / f"{lang}.xlf").read_text("utf-8").split("<body")[0]
    by_id = {local_id(u): u.getnotes() for u in store.units}
    for unit, note in notes.items():
        assert by_id[unit.format(first=first)] == note
    for unit, said_ in by_id.items():
        assert said_ != unit.split("#")[0], unit


WRONG_SCRIPT = {  # what a target holds, the edition it is imported into, what each language says
    "source copied": ("ru", None, {
        "ja": "の訳文に漢字とひらがながあります。ロシア語版では使わない文字です",
        "ru": "в переводе есть иероглифы и хирагана, а в русской версии таких знаков быть не",
        "en": "has Han and Hiragana letters, which the Russian edition does not use"}),
    "Russian in the English file": ("en", "Мы собираем персональную информацию законно.", {
        "ja": "の訳文にキリル文字があります。英語版では使わない文字です",
        "ru": "в переводе есть кириллица, а в английской версии таких знаков быть не должно",
        "en": "has Cyrillic letters, which the English edition does not use"}),
    "English in the Russian file": ("ru", "We collect personal information by lawful means.", {
        "ja": "の訳文は、ほとんどがラテン文字で書かれていて、ロシア語版の文字ではありません",
        "ru": "перевод написан в основном не тем алфавитом, что нужен для русской версии (больше "
              "всего: латиница)",
        "en": "is mostly in Latin letters, not in those of the Russian edition"}),
}


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
@pytest.mark.parametrize("case", sorted(WRONG_SCRIPT))
def test_a_target_in_another_script_is_refused_before_it_overwrites_the_edition(
        policy_copy: Path, tmp_path: Path, lang: str, case: str) -> None:
    edition, target, words = WRONG_SCRIPT[case]
    out = tmp_path / f"{edition}.xlf"
    store = export(policy_copy, edition, out)
    item = _first_item(policy_copy)
    unit = next(u for u in store.units if local_id(u) == unit_id(item))
    unit.target = target if target is not None else unit.source
    store.savefile(str(out))
    before = (policy_copy / f"{edition}.yaml").read_bytes()
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 1 and "XLIFF007" in output and named(item, lang) in output, output
    assert unit_id(item) not in output
    assert words[lang] in output and NOTHING_IMPORTED[lang] in output, output
    assert (policy_copy / f"{edition}.yaml").read_bytes() == before
    # at the <target> that holds the text to change, not at its <trans-unit>
    text = out.read_text("utf-8")
    opened = text.index(f'id="{unit_id(item)}"')
    at = text.index("<target", opened)
    line, col = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    assert text.count("\n", 0, opened) + 1 != line
    assert f"{out}:{line}:{col}: " in output, output


@pytest.mark.parametrize(("lang", "words"), [
    ("ja", "どの言語への翻訳かが書かれていません"), ("ru", "не указано, на какой язык он переводит"),
    ("en", "does not say which language it translates into")])
def test_a_file_without_its_target_language_is_said_so(policy_copy: Path, tmp_path: Path,
                                                       lang: str, words: str) -> None:
    out, _ = _edited_export(policy_copy, tmp_path)
    out.write_text(out.read_text("utf-8").replace(' target-language="ru"', ""), "utf-8")
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 2 and "XLIFF002" in output and words in output, output
    assert 'target-language="ru"' in output and "«»" not in output and "''" not in output


def test_a_broken_tag_is_found_on_its_line_after_a_line_separator_in_a_text(
        policy_copy: Path, tmp_path: Path) -> None:
    out, _ = _edited_export(policy_copy, tmp_path)
    text = out.read_text("utf-8").replace("Новый текст. ", "Новый\u2028текст. ", 1)
    head, sep, tail = text.rpartition("</target>")
    text = head + "<b>x</g>" + sep + tail  # a broken tag in the last target
    out.write_text(text, "utf-8")
    code, output = run("xliff", "import", str(out), "--policy", str(policy_copy))
    line = next(i for i, ln in enumerate(text.split("\n"), 1) if "<b>x</g>" in ln)
    col = text.split("\n")[line - 1].index("</g>") + 1
    assert code == 2 and f"{out}:{line}:{col}: XLIFF001 the closing tag </g>" in output, output


@pytest.mark.parametrize(("state", "approved"), [
    ("needs-translation", "yes"), ("new", "yes"), ("needs-l10n", "yes"),
    # a fuzzy match or a machine suggestion, as a CAT tool marks it: not reviewed yet
    ("needs-review-translation", "no"), ("translated", "no")])
def test_a_target_the_cat_tool_still_marks_untranslated_is_written_but_not_stamped(
        policy_copy: Path, tmp_path: Path, state: str, approved: str) -> None:
    """A segment the translator has not confirmed yet (its target's state says it is not
    translated or not reviewed, or the unit is not approved) keeps the translator's words in the
    edition, but is not stamped as translated: the stamp its old text had from today's
    Japanese goes with that text, so `policy status` and the next export count it as to
    translate (it kept the stamp, and came back state="translated" approved="yes"), and the
    import says what to do."""
    out, item = _edited_export(policy_copy, tmp_path)
    text = out.read_text("utf-8")
    head, tail = text.split(f'id="{unit_id(item)}"', 1)
    tail = tail.replace('approved="yes"', f'approved="{approved}"', 1)
    out.write_text(head + f'id="{unit_id(item)}"'
                   + tail.replace('state="translated">', f'state="{state}">', 1), "utf-8")
    before = {u.key: t for u, t in translation_units(load_folder(policy_copy).translations["ru"])}
    code, output = said("en", "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0, output
    assert (f"updated {named(item)} (not stamped: the file marks its translation as not "
            "confirmed yet;") in output, output
    assert f"`policy stamp ru {item.number}`" in output
    src = load_folder(policy_copy)
    tracked = {u.key: (u, t) for u, t in translation_units(src.translations["ru"])}
    unit, node = tracked[item.key]
    assert unit.text.startswith("Новый текст. ")
    assert getattr(before[item.key], "source", None) == fingerprint(item.source_text())
    assert getattr(node, "source", None) is None and getattr(node, "target", None) is None
    store = export(policy_copy, "ru", tmp_path / "again.xlf", "--stale")
    again = next(u for u in store.units if local_id(u) == unit_id(item))
    assert again.getlanguageNode(lang=None, index=1).get("state") == "needs-translation"
    assert str(again.target).startswith("Новый текст. ") and not again.isapproved()
    code, output = said("ja", "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0 and "取り込むものはありません" in output  # written once, as any target


def _add_to_master(folder: Path, after_id: str, block: str) -> None:
    """Insert `block` (YAML lines) into the master after the entry `after_id` and its lines."""
    ja = folder / "ja.yaml"
    lines = ja.read_text("utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {after_id}")
    depth = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1  # the entry's block ends at a line as shallow as its `- id:` (blank lines
    while end < len(lines) and (not lines[end].strip() or  # and comments inside it go with it)
                                len(lines[end]) - len(lines[end].lstrip()) > depth):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():  # blank lines stay before the next
        end -= 1
    ja.write_text("".join(lines[:end]) + block + "".join(lines[end:]), "utf-8")


def test_an_item_added_to_the_master_is_added_by_the_import_where_the_master_has_it(
        policy_copy: Path, tmp_path: Path) -> None:
    """The legal team adds item 3.3.6; the translator translates it in a CAT tool; the import
    puts it into the edition after 3.3.5, numbered as the master numbers it, and stamps it:
    nobody edits the YAML by hand."""
    _add_to_master(policy_copy, "sensitive-health",
                   "          - id: sensitive-biometric\n            number: 6\n"
                   "            text: 生体認証に関する情報\n")
    out = tmp_path / "ru.xlf"
    store = export(policy_copy, "ru", out, "--stale")
    assert [local_id(u) for u in store.units] == [
        "collection.collection-sensitive.sensitive-biometric"]
    store.units[0].target = "Информация о биометрических данных."
    store.units[0].markfuzzy(False)
    store.savefile(str(out))
    code, output = said("en", "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0 and "added clause 3.3.6, where the master has it (stamped)" in output, output
    ru = (policy_copy / "ru.yaml").read_text("utf-8")
    health = ru.index("- id: sensitive-health")
    assert ru.index("- id: sensitive-biometric", health) < ru.index("- id: collection-cookies")
    units = {u.key: (u, t) for u, t in translation_units(
        load_folder(policy_copy).translations["ru"])}
    unit, tracked = units["clause:collection.collection-sensitive.sensitive-biometric"]
    assert (unit.number, unit.text) == ("3.3.6", "Информация о биометрических данных.")
    assert getattr(tracked, "source", None)  # stamped from today's master text
    code, output = run("check", "--policy", str(policy_copy), "--format", "json")
    findings = [d for d in json.loads(output)["diagnostics"]
                if d["file"].endswith("ru.yaml") and d["severity"] == "error"]
    assert findings == [], findings
    code, output = said("ja", "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0 and "取り込むものはありません" in output  # added once


NEEDS_ITS_CLAUSE = {  # what each language says of an item whose clause the edition lacks too
    "ja": ("第{n}項第1号を {edition} に追加できません。第{n}項も {edition} になく、このファイルにも"
           "含まれていないためです", "上のとおり書き出し直して、新しいファイルを取り込んでください"),
    "ru": ("п. {n}.1 нельзя добавить в {edition}: там нет и п. {n}, а этот файл его не содержит",
           "выгрузите файл заново, как показано выше, и импортируйте новый файл"),
    "en": ("clause {n}.1 cannot be added to {edition}: clause {n} is not there either, and this "
           "file does not include it", "export again as shown above and import the new file"),
}


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_an_item_whose_clause_the_edition_lacks_is_refused_by_name(
        policy_copy: Path, tmp_path: Path, lang: str) -> None:
    """The one unit an import cannot place: an item of a clause the edition lacks too, in a
    file without that clause (a clause is never without its title). It says which clause, and
    the command that exports it whole; that file, translated, adds both."""
    clauses = len(load_folder(policy_copy).master.clauses)  # type: ignore[union-attr]
    n = clauses + 1
    _add_to_master(policy_copy, "language",
                   f"  - id: new-clause\n    number: {n}\n    title: 新しい条項\n"
                   "    items:\n      - id: new-item\n        number: 1\n"
                   "        text: 新しい号の本文\n")
    out = tmp_path / "ru.xlf"
    store = export(policy_copy, "ru", out, "--units", "new-clause.new-item")
    assert [local_id(u) for u in store.units] == ["new-clause.new-item"]
    store.units[0].target = "Текст нового подпункта."
    store.savefile(str(out))
    before = (policy_copy / "ru.yaml").read_bytes()
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    finding, closing = NEEDS_ITS_CLAUSE[lang]
    edition = str(policy_copy / "ru.yaml")
    line, col = _id_place(out, "new-clause.new-item")
    assert line == store.units[0].xmlelement.sourceline
    assert code == 1 and f"{out}:{line}:{col}: XLIFF005" in output, output
    assert finding.format(n=n, edition=edition) in output and closing in output, output
    assert (policy_copy / "ru.yaml").read_bytes() == before
    command = f"policy xliff export ru --units {n} --out ru-{n}.xlf"
    assert f"`{command}`" in output
    whole = tmp_path / f"ru-{n}.xlf"
    code, _ = run(*command.split()[1:-1], str(whole), "--policy", str(policy_copy))
    store = xliff.xlifffile.parsefile(str(whole))
    assert code == 0 and [local_id(u) for u in store.units] == [
        "new-clause#title", "new-clause.new-item"]
    store.units[0].target = "Новый пункт"
    store.units[1].target = "Текст нового подпункта."
    store.savefile(str(whole))
    code, output = said("en", "xliff", "import", str(whole), "--policy", str(policy_copy))
    assert code == 0 and f"added clause {n}, where" in output and f"added clause {n}.1, where" in (
        output), output
    assert _structure_errors(policy_copy, "ru.yaml") == []


@pytest.mark.parametrize(("lang", "words"), [
    ("ja", "第{n}項は表題がないと {edition} に追加できませんが、このファイルでは表題が翻訳されて"
           "いません（セグメント new-clause#title の表題も翻訳してから"),
    ("ru", "п. {n} нельзя добавить в {edition} без заголовка, а в этом файле заголовок не "
           "переведён (переведите и заголовок в сегменте new-clause#title"),
    ("en", "clause {n} cannot be added to {edition} without its title, and this file leaves the "
           "title untranslated (translate the title too, in segment new-clause#title")])
def test_a_clause_the_edition_lacks_is_not_added_without_its_title(
        policy_copy: Path, tmp_path: Path, lang: str, words: str) -> None:
    """A new clause whose text was translated and whose title was left empty would be an
    entry the edition cannot hold (every clause has its title): refused at the title's
    segment, and nothing is written."""
    n = len(load_folder(policy_copy).master.clauses) + 1  # type: ignore[union-attr]
    _add_to_master(policy_copy, "language",
                   f"  - id: new-clause\n    number: {n}\n    title: 新しい条項\n"
                   "    text: 新しい条項の本文です。\n")
    out = tmp_path / "ru.xlf"
    store = export(policy_copy, "ru", out, "--stale")
    title = next(u for u in store.units if local_id(u) == "new-clause#title")
    next(u for u in store.units if local_id(u) == "new-clause").target = "Текст нового пункта."
    store.savefile(str(out))
    before = (policy_copy / "ru.yaml").read_bytes()
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    line, col = _id_place(out, "new-clause#title")
    assert line == title.xmlelement.sourceline
    assert code == 1 and f"{out}:{line}:{col}: XLIFF005" in output, output
    assert words.format(n=n, edition=policy_copy / "ru.yaml") in output, output
    assert (policy_copy / "ru.yaml").read_bytes() == before


def _only_added(before: str, after: str) -> list[str]:
    """The lines `after` adds to `before`, which it must keep whole and in order (comments,
    blank lines and every other unit stay as they were)."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    assert not [line for line in diff if line.startswith("- ")], "\n".join(diff)
    return [line[2:] for line in diff if line.startswith("+ ")]


def _structure_errors(folder: Path, edition: str) -> list[dict[str, object]]:
    """The errors `policy check` finds in an edition's file as YAML, its shape and its units
    (not in the prose of a test's translation)."""
    _, output = run("check", "--policy", str(folder), "--format", "json")
    return [d for d in json.loads(output)["diagnostics"]
            if d["file"].endswith(edition) and d["severity"] == "error"
            and str(d["code"]).startswith(("YAML", "SCHEMA", "POLICY", "PARITY"))]


def test_a_clause_added_to_the_master_is_added_once_with_its_title_first(
        policy_copy: Path, tmp_path: Path) -> None:
    """The legal team adds a last clause; its title and its text are two segments of the same
    unit: the import adds the clause once, its keys in the order the edition writes a
    clause's, and the blank line that ended the list of clauses still ends it."""
    clauses = len(load_folder(policy_copy).master.clauses)  # type: ignore[union-attr]
    _add_to_master(policy_copy, "language",
                   f"  - id: new-clause\n    number: {clauses + 1}\n    title: 新しい条項\n"
                   "    text: 新しい条項の本文です。\n")
    out = tmp_path / "ru.xlf"
    store = export(policy_copy, "ru", out, "--units", "new-clause")
    assert sorted(local_id(u) for u in store.units) == ["new-clause", "new-clause#title"]
    for u in store.units:
        u.target = "Новый пункт" if local_id(u).endswith("#title") else "Текст нового пункта."
    store.savefile(str(out))
    before = (policy_copy / "ru.yaml").read_text("utf-8")
    code, output = said("en", "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0 and f"added clause {clauses + 1}, where the master has it (stamped)" in (
        output), output
    after = (policy_copy / "ru.yaml").read_text("utf-8")
    added = _only_added(before, after)
    assert [line.split(":")[0].strip() for line in added if ":" in line] == [
        "- id", "number", "title", "source", "target", "origin", "text"], added
    assert "    origin: translated" in added  # written here: not the published Russian
    assert after.count("- id: new-clause\n") == 1
    assert "Текст нового пункта.\n\nfooter:" in after  # the list's blank line ends it still
    units = {u.key: u for u, _ in translation_units(load_folder(policy_copy).translations["ru"])}
    assert (units["clause:new-clause"].title, units["clause:new-clause"].text) == (
        "Новый пункт", "Текст нового пункта.")
    assert _structure_errors(policy_copy, "ru.yaml") == []


def _cut_entry(path: Path, first_line: str) -> None:
    """Cut out of a YAML file the entry that starts with `first_line` and the lines under it."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    start = next(i for i, x in enumerate(lines) if x.strip() == first_line)
    depth = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and lines[end].strip() and (
            len(lines[end]) - len(lines[end].lstrip()) > depth):
        end += 1
    path.write_text("".join(lines[:start] + lines[end:]), "utf-8")


ADDED_PARTS = {  # what each language says the import did with a key point and a release note
    "ja": ("要点「当社は、利用者からのお問い合わせにお答えします。」を原文と同じ位置に追加し、"
           "翻訳済みとして記録しました", "{day}の改定のお知らせを原文と同じ位置に追加し、翻訳済み"
           "として記録しました"),
    "ru": ("тезис «Мы отвечаем на вопросы.» — добавлено на то же место, что "
           "и в оригинале, и отмечено как переведённое", "заметка о редакции от {day} — "
           "добавлено на то же место, что и в оригинале, и отмечено как переведённое"),
    "en": ("added the key point “Мы отвечаем на вопросы.”, where the master "
           "has it (stamped)", "added the release note of the revision of {day}, where the "
           "master has it (stamped)"),
}


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_a_key_point_and_a_release_note_the_edition_lacks_are_added_where_the_master_has_them(
        policy_copy: Path, tmp_path: Path, lang: str) -> None:
    """Document-level texts outside the clauses that an edition may lack (the schema requires
    the others): the legal team adds a last key point to the summary, and the edition lost a
    release note. The import puts each where the master has it, stamps it, and says so in the
    reader's language; the rest of the file stays line for line."""
    src = load_folder(policy_copy)
    assert src.master is not None
    notes = list(src.master.footer.revisions)
    lost = notes[len(notes) // 2]  # one in the middle
    day = next(r.date for r in src.master.facts.revisions if r.id == lost)
    last_point = src.master.summary[-1].id
    _add_to_master(policy_copy, last_point,
                   "  - id: new-point\n    clause: inquiries-procedures\n"
                   "    text: 当社は、利用者からのお問い合わせにお答えします。\n")
    _cut_entry(policy_copy / "ru.yaml", f"{lost}:")
    before = (policy_copy / "ru.yaml").read_text("utf-8")
    assert f"    {lost}:" not in before
    out = tmp_path / "ru.xlf"
    store = export(policy_copy, "ru", out, "--stale")
    assert [local_id(u) for u in store.units] == ["summary.new-point", f"footer.revisions.{lost}"]
    store.units[0].target = "Мы отвечаем на вопросы."
    store.units[1].target = f"Изменено (заметка {lost})."
    store.savefile(str(out))
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0, output
    point, note = ADDED_PARTS[lang]
    assert point in output and note.format(day=day) in output, output
    assert "XLIFF005" not in output
    after = (policy_copy / "ru.yaml").read_text("utf-8")
    added = _only_added(before, after)
    assert [line.split(":")[0].strip() for line in added if ":" in line] == [
        "- id", "source", "target", "origin", "text", lost, "source", "target", "origin",
        "text"], added
    # where the master has them: the key point last of the summary, before the blank line that
    # ends it; the note between the notes it stands between in the master
    assert after.index("- id: new-point") > after.index(f"- id: {last_point}")
    assert "Мы отвечаем на вопросы.\n\nclauses:" in after
    at = after.index(f"    {lost}:\n")
    assert after.rindex(f"    {notes[notes.index(lost) - 1]}:", 0, at) < at < after.index(
        f"    {notes[notes.index(lost) + 1]}:")
    tracked = {u.key: (u, t) for u, t in translation_units(
        load_folder(policy_copy).translations["ru"])}
    masters = {u.key: u for u in master_units(load_folder(policy_copy).master)}  # type: ignore[arg-type]
    for key, text in (("summary.new-point", "Мы отвечаем на вопросы."),
                      (f"footer.revisions.{lost}", f"Изменено (заметка {lost}).")):
        unit, node = tracked[key]
        assert unit.text == text
        assert getattr(node, "source", None) == fingerprint(masters[key].source_text())
        assert getattr(node, "target", None) == fingerprint(text)
        assert getattr(node, "origin", None) == "translated"  # written here, not published
    assert _structure_errors(policy_copy, "ru.yaml") == []
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0 and "XLIFF" not in output  # added once: nothing left to import


@pytest.mark.parametrize(("lang", "words"), [
    ("ja", "必ず書く項目「title:」がありません"), ("ru", "нет обязательного поля «title:»"),
    ("en", "required field 'title' is missing")])
def test_an_edition_that_cannot_be_read_is_said_as_check_says_it(
        policy_copy: Path, tmp_path: Path, lang: str, words: str) -> None:
    """A title every edition has (the schema requires it) cut out of the edition: the edition
    cannot be read, and the import says why as `policy check` does, never that the policy has
    no such edition."""
    out = tmp_path / "ru.xlf"
    store = export(policy_copy, "ru", out, "--units", "title")
    store.units[0].target = "Политика конфиденциальности (новая)"
    store.savefile(str(out))
    _cut_entry(policy_copy / "ru.yaml", "title:")
    before = (policy_copy / "ru.yaml").read_bytes()
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 2 and "SCHEMA002" in output and words in output, output
    assert "XLIFF002" not in output
    assert (policy_copy / "ru.yaml").read_bytes() == before


def test_a_stale_segment_carries_the_earlier_japanese_and_its_translation(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The translator sees what changed in the Japanese, as CAT tools show a previous version:
    an <alt-trans alttranstype="previous-version"> with the Japanese the translation was made
    from (read from git history by the stamp) beside today's source; only the changed text."""
    from .conftest import pending_repo

    root = pending_repo(tmp_path, monkeypatch)  # the first clause's title changed: 「…等」
    out = tmp_path / "ru.xlf"
    store = export(root / "policy", "ru", out, "--stale")
    first = list(master_units(load_folder(root / "policy").master))  # type: ignore[arg-type]
    clause = next(u for u in first if u.level == 0)
    by_id = {local_id(u): u for u in store.units}
    title = by_id[f"{unit_id(clause)}#title"]
    [earlier] = title.getalttrans()
    assert title.source == earlier.source + "等"
    assert earlier.target == title.target  # the translation made from the earlier Japanese
    assert "alttranstype=\"previous-version\"" in out.read_text("utf-8")
    assert not by_id[unit_id(clause)].getalttrans()  # its text did not change
    assert "Оригинал изменился после перевода" in out.read_text("utf-8")
    code, output = said("en", "xliff", "import", str(out), "--policy", str(root / "policy"))
    assert code == 0, output  # the alternative is never read back as the translation


CONFIRMED_AS_IS = {
    "en": "stamped clause 1 (its translation unchanged, confirmed in your CAT tool for the new "
          "Japanese)",
    "ja": "第1項を翻訳済みとして記録しました（訳文は変更なし。新しい原文に対して翻訳支援ツールで"
          "確定されています）",
    "ru": "п. 1 — отмечено как переведённое: перевод не изменился и подтверждён в CAT-программе "
          "для нового текста оригинала",
}


@pytest.mark.parametrize("lang", sorted(CONFIRMED_AS_IS))
def test_a_stale_translation_confirmed_unchanged_in_the_cat_tool_is_stamped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """The Japanese of a clause changed; the translator reads the change in the CAT tool (the
    earlier Japanese beside it), finds the translation still right and confirms its segments as
    they are (translate-toolkit: approved="yes", state="translated"). The import stamps the
    clause as `policy stamp --unchanged-ok` does; before, it said there was nothing to import
    and the clause stayed to translate. A segment of it left unconfirmed stamps nothing."""
    from .conftest import pending_repo

    root = pending_repo(tmp_path, monkeypatch)  # the first clause's title changed: 「…等」
    folder = root / "policy"
    clause = next(u for u in master_units(load_folder(folder).master)  # type: ignore[arg-type]
                  if u.level == 0)
    out = tmp_path / "ru.xlf"
    store = export(folder, "ru", out, "--stale")
    ids = {f"{unit_id(clause)}#title", unit_id(clause)}
    assert {local_id(u) for u in store.units} == ids
    assert all(u.isfuzzy() and not u.isapproved() for u in store.units)
    ru = folder / "ru.yaml"
    before = ru.read_bytes()

    # only the title confirmed: the clause's text is still to review, so nothing is stamped
    next(u for u in store.units if local_id(u).endswith("#title")).markfuzzy(False)
    store.savefile(str(out))
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(folder))
    assert code == 0 and ru.read_bytes() == before, output

    for unit in store.units:  # every segment confirmed as it is
        unit.markfuzzy(False)
    store.savefile(str(out))
    assert 'approved="yes"' in out.read_text("utf-8")
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(folder))
    assert code == 0 and CONFIRMED_AS_IS[lang] in output, output
    imported = ru.read_bytes()
    ru.write_bytes(before)
    code, output = run("stamp", "ru", clause.number or "", "--unchanged-ok", "--policy",
                       str(folder))
    assert code == 0, output
    assert imported == ru.read_bytes()  # what `policy stamp --unchanged-ok` writes
    assert not export(folder, "ru", tmp_path / "after.xlf", "--stale").units


def test_a_stale_text_confirmed_as_it_is_is_not_stamped_when_it_is_no_translation(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Japanese copied into the edition, confirmed in the CAT tool as it is: refused at its
    target (XLIFF007), as the same text typed into the target is, not stamped as translated."""
    from .conftest import pending_repo

    root = pending_repo(tmp_path, monkeypatch)  # the first clause's title changed: 「…等」
    folder = root / "policy"
    src = load_folder(folder)
    clause = next(u for u in master_units(src.master) if u.level == 0)  # type: ignore[arg-type]
    theirs = {u.key: u for u, _ in translation_units(src.translations["ru"])}
    ru = folder / "ru.yaml"
    text = ru.read_text("utf-8")
    title = f"title: {theirs[clause.key].title}\n"
    assert clause.title is not None and text.count(title) == 1
    ru.write_text(text.replace(title, f"title: {clause.title}\n"), "utf-8")
    before = ru.read_bytes()
    out = tmp_path / "ru.xlf"
    store = export(folder, "ru", out, "--stale")
    for unit in store.units:
        unit.markfuzzy(False)
    store.savefile(str(out))
    code, output = said("en", "xliff", "import", str(out), "--policy", str(folder))
    assert code == 1 and "XLIFF007" in output and "stamped" not in output, output
    assert ru.read_bytes() == before


TWO_FILES = {
    "en": "XLIFF001 the file holds 2 <file> elements; an export holds exactly one (keep only "
          "the <file> the policy exported, whose original names the edition's file, such as "
          "ru.yaml; delete the others or export the file again, then import it again)",
    "ru": "XLIFF001 в файле 2 элемента <file>, а в выгруженном файле такой элемент ровно один "
          "(оставьте только элемент <file>, выгруженный политикой, — тот, у которого original "
          "называет файл языковой версии, например ru.yaml; остальные удалите или выгрузите "
          "файл заново, затем импортируйте его ещё раз)",
    "ja": "XLIFF001 このファイルの <file> 要素は2個です。書き出したファイルには1個だけのはずです"
          "（ポリシーが書き出した <file>、つまり original が ru.yaml などの言語版のファイル名に"
          "なっているものだけを残して他を削除するか、ファイルを書き出し直してから、もう一度"
          "取り込んでください）",
}


@pytest.mark.parametrize("lang", sorted(TWO_FILES))
def test_a_second_file_element_is_said_where_it_starts_with_what_to_do(
        policy_copy: Path, tmp_path: Path, lang: str) -> None:
    """translate-toolkit's `po2xliff -t export.xlf` (and a file joined to another in an
    editor) adds a <file> to the export: said at that <file>, with what to do, as every other
    finding (it was said at no line, with no hint)."""
    out, _ = _edited_export(policy_copy, tmp_path)
    text = out.read_text("utf-8")
    head, tail = text.split("</file>", 1)
    joined = head + '</file>\n  <file original="ru.po" source-language="ja" ' \
        'target-language="ru" datatype="po"><body/></file>' + tail
    out.write_text(joined, "utf-8")
    line = joined[:joined.index('<file original="ru.po"')].count("\n") + 1
    before = (policy_copy / "ru.yaml").read_bytes()
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 2 and f"{out}:{line}:3: {TWO_FILES[lang]}" in output, output
    assert (policy_copy / "ru.yaml").read_bytes() == before


def _made_anew(policy_copy: Path, tmp_path: Path) -> tuple[Path, Unit]:
    """A file translate-toolkit makes anew, as `pofilter` writes the segments it flags (XLIFF
    1.1, file original="NoName", datatype="plaintext"), holding the first item of clause 3 with
    a new translation the tool marks translated and approved."""
    exported = export(policy_copy, "ru", tmp_path / "ru.xlf")
    item = _first_item(policy_copy)
    store = xliff.xlifffile(sourcelanguage="ja", targetlanguage="ru")
    for unit in exported.units:
        if local_id(unit) == unit_id(item):
            copy = store.addsourceunit(unit.source)
            copy.setid(local_id(unit))
            copy.target = "Новый текст пункта."
            copy.markfuzzy(False)
    made = tmp_path / "ru-filtered.xlf"
    store.savefile(str(made))
    return made, item


@pytest.mark.parametrize("namespace", ["1.1", "1.2"])
def test_an_xliff_1_1_file_is_read_as_xliff_1_2_reads(policy_copy: Path, tmp_path: Path,
                                                       namespace: str) -> None:
    """XLIFF 1.1, as translate-toolkit writes a file it makes anew: every element and
    attribute the import reads is 1.2's (1.2 added <seg-source> and alt-trans types, which it
    does not read), and the 1.2 schema allows version="1.1" in its own namespace too. It was
    refused (XLIFF001)."""
    made, item = _made_anew(policy_copy, tmp_path)
    text = made.read_text("utf-8")
    assert '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.1" version="1.1">' in text
    made.write_text(text.replace("document:1.1", f"document:{namespace}"), "utf-8")
    code, output = said("en", "xliff", "import", str(made), "--policy", str(policy_copy))
    assert code == 0 and f"updated {named(item)} (stamped)" in output, output
    tracked = {u.key: u for u, _ in translation_units(load_folder(policy_copy).translations["ru"])}
    assert tracked[item.key].text == "Новый текст пункта."


@pytest.mark.parametrize("root", [
    '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0">',
    '<xliff version="1.0">'])
def test_a_file_of_another_xliff_version_is_said_at_its_root_tag(
        policy_copy: Path, tmp_path: Path, root: str) -> None:
    """XLIFF 2.0, or 1.0 (no namespace): said at the <xliff> tag, at its line and column, as
    every other finding about the file, and nothing is written."""
    made, _ = _made_anew(policy_copy, tmp_path)
    text = made.read_text("utf-8").replace(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.1" version="1.1">', root)
    made.write_text(text, "utf-8")
    line = text[:text.index("<xliff")].count("\n") + 1
    before = (policy_copy / "ru.yaml").read_bytes()
    code, output = said("en", "xliff", "import", str(made), "--policy", str(policy_copy))
    assert code == 2 and f"{made}:{line}:1: XLIFF001 the file is not XLIFF 1.2 or 1.1" in output, (
        output)
    assert (policy_copy / "ru.yaml").read_bytes() == before


def test_a_file_the_cat_tool_saved_as_utf16_is_imported(policy_copy: Path,
                                                          tmp_path: Path) -> None:
    out, item = _edited_export(policy_copy, tmp_path)
    text = out.read_text("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
    out.write_bytes(text.encode("utf-16"))  # with its byte-order mark, as XML requires
    assert out.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    code, output = said("en", "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0 and f"updated {named(item)} (stamped)" in output, output
    tracked = {u.key: u for u, _ in translation_units(load_folder(policy_copy).translations["ru"])}
    assert tracked[item.key].text.startswith("Новый текст. ")


def test_a_confirmed_target_is_stamped_whatever_its_state_word(policy_copy: Path,
                                                                tmp_path: Path) -> None:
    out, item = _edited_export(policy_copy, tmp_path)
    text = out.read_text("utf-8").replace('state="translated">', 'state="final">')
    out.write_text(text, "utf-8")
    code, output = said("en", "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0 and f"updated {named(item)} (stamped)" in output, output


FLAGGED = {"en": "is marked there as still to review, but its translation is the same as in "
                 "the edition, so nothing changed",
           "ja": "はレビュー待ちとされていますが、訳文は言語版のものと同じなので、何も変更していません",
           "ru": "— в файле отмечено для проверки, но перевод тот же, что и в версии политики"}


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
@pytest.mark.parametrize("mark", ['state="needs-review-translation"', 'approved="no"',
                                  'state="translated" state-qualifier="rejected-inaccurate"'])
def test_a_translation_sent_back_unchanged_but_marked_to_review_is_said(
        policy_copy: Path, tmp_path: Path, lang: str, mark: str) -> None:
    """A reviewer in the CAT tool sets an up-to-date translation back to review without
    changing it: the import says so for that unit (once, for its title and text), not "nothing
    to import" in silence, and writes nothing."""
    out = tmp_path / "en.xlf"
    export(policy_copy, "en", out)
    item = _first_item(policy_copy)
    text = out.read_text("utf-8")
    at = text.index(f'id="{unit_id(item)}"')
    was = 'state="translated"' if mark.startswith("state") else 'approved="yes"'  # a reviewer's
    end = text.index(was, at)
    text = text[:end] + mark + text[end + len(was):]
    out.write_text(text, "utf-8")
    before = (policy_copy / "en.yaml").read_bytes()
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0, output
    assert output.count(FLAGGED[lang]) == 1, output
    assert named(item, lang) in output.splitlines()[0], output
    assert (policy_copy / "en.yaml").read_bytes() == before


def test_an_untouched_export_of_a_stale_translation_is_not_said_to_be_marked(
        policy_copy: Path, tmp_path: Path) -> None:
    """The export itself marks a stale unit `needs-translation`: importing it back untouched is
    not a reviewer's flag."""
    ja = policy_copy / "ja.yaml"
    body = ja.read_text("utf-8")
    at = body.index("\n    title: ") + len("\n    title: ")
    end = body.index("\n", at)
    ja.write_text(body[:end] + "等" + body[end:], "utf-8")
    out = tmp_path / "en.xlf"
    export(policy_copy, "en", out)
    code, output = said("en", "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0 and "still to review" not in output, output


# -- a wrong file, a stale export, a file marked with another language ------------------------

NOT_XLIFF = {"ja": "XLIFF001 XLIFF ファイルではありません。翻訳支援ツールで保存した .xlf ファイルを"
                   "指定してください",
             "ru": "XLIFF001 это не файл XLIFF. Импортируйте файл, сохранённый "
                   "CAT-программой (например, `ru.xlf`)",
             "en": "XLIFF001 not an XLIFF file. Import the file your CAT tool saved (for "
                   "example, `ru.xlf`)"}


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
@pytest.mark.parametrize("wrong", ["ru.yaml", "tbx", "html"])
def test_a_file_that_is_not_xliff_is_said_so_in_one_line(policy_copy: Path, tmp_path: Path,
                                                         lang: str, wrong: str) -> None:
    """The policy's own YAML (or a TBX glossary, or a web page) given to `xliff import`: which
    file to import instead, never where to edit the YAML as if it were broken XML."""
    if wrong == "ru.yaml":
        given = policy_copy / "ru.yaml"
    elif wrong == "tbx":
        given = tmp_path / "glossary.tbx"
        assert run("tbx", "export", "--policy", str(policy_copy), "--out", str(given))[0] == 0
    else:
        given = tmp_path / "page.xlf"
        given.write_text("<html><body><p>Privacy</p></body></html>\n", "utf-8")
    before = (policy_copy / "ru.yaml").read_bytes()
    code, output = said(lang, "xliff", "import", str(given), "--policy", str(policy_copy))
    assert code == 2 and output == f"{given}: {NOT_XLIFF[lang]}\n", output
    assert (policy_copy / "ru.yaml").read_bytes() == before


STALE = {"ja": ("このファイルを書き出した後に第3項第1号の原文が変更されたため",
                "上のとおり書き出し直して、新しいファイルを取り込んでください"),
         "ru": ("п. 3.1: текст оригинала изменился после выгрузки файла",
                "выгрузите файл заново, как показано выше, и импортируйте новый файл"),
         "en": ("the master text of clause 3.1 changed since this file was exported",
                "export again as shown above and import the new file")}


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_a_stale_unit_is_named_by_number_with_a_command_that_works_as_typed(
        policy_copy: Path, tmp_path: Path, lang: str) -> None:
    out, item = _edited_export(policy_copy, tmp_path)
    assert item.number == "3.1" and item.text is not None
    ja = policy_copy / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace(item.text, item.text + "また、変更しました。"),
                  "utf-8")
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 1 and "XLIFF004" in output, output
    finding, closing = STALE[lang]
    assert finding in output and closing in output, output
    assert unit_id(item) not in output and NOTHING_IMPORTED[lang] in output
    assert str(out) not in output.splitlines()[-1]  # nothing to fix in the file: export again
    command = "policy xliff export ru --units 3.1 --out ru-3.1.xlf"
    assert f"`{command}`" in output
    fresh = tmp_path / "ru-3.1.xlf"
    code, _ = run(*command.split()[1:-1], str(fresh), "--policy", str(policy_copy))
    store = xliff.xlifffile.parsefile(str(fresh))
    assert code == 0 and [local_id(u) for u in store.units] == [unit_id(item)]
    assert store.units[0].source.endswith("また、変更しました。")


# The stale unit's <source> as exported (on a line of its own, after the indent), and written
# after the trans-unit's Japanese comment on the same line, in a file with CRLF line ends. ¶
# marks the start tag XLIFF004 points at: the master text the file still holds is there.
SOURCE_LAYOUTS = {
    "own line": lambda unit: unit.replace("<source ", "¶<source ", 1),
    "after Japanese": lambda unit: re.sub(r">\s*<source ", "><!-- 第3項第1号 -->¶<source ",
                                          unit, count=1),
}


@pytest.mark.parametrize("layout", sorted(SOURCE_LAYOUTS))
def test_a_stale_unit_is_said_at_its_source(policy_copy: Path, tmp_path: Path,
                                            layout: str) -> None:
    """XLIFF004 points at the <source> whose master text changed since the export: its line
    and its column in characters, not column 1 of the trans-unit's line."""
    out, item = _edited_export(policy_copy, tmp_path)
    assert item.text is not None
    text = out.read_text("utf-8")
    start = text.index(f'<trans-unit id="{unit_id(item)}"')
    end = text.index("</trans-unit>", start)
    text = text[:start] + SOURCE_LAYOUTS[layout](text[start:end]) + text[end:]
    if layout == "after Japanese":
        text = text.replace("\n", "\r\n")
    text, line, col = _marked(text)
    out.write_bytes(text.encode("utf-8"))
    if layout == "after Japanese":  # the trans-unit's tag, then the comment: 15 characters
        tag = text.split("\r\n")[line - 1].split("<!--")[0]
        assert col == len(tag) + len("<!-- 第3項第1号 -->") + 1 == len(tag) + 16
    ja = policy_copy / "ja.yaml"
    ja.write_text(ja.read_text("utf-8").replace(item.text, item.text + "また、変更しました。"),
                  "utf-8")
    code, output = run("xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 1 and f"ru.xlf:{line}:{col}: XLIFF004" in output, output


MISLABELLED = {  # what to do keeps the translations: no new export
    "ja": "XLIFF002 このファイルは英語（target-language=\"en\"）と指定されていますが、訳文は"
          "ロシア語です。何も取り込んでいません（ロシア語版の翻訳であれば、ファイル内の <file> 要素の "
          "target-language を「ru」に直してから、もう一度取り込んでください。翻訳はそのまま使え"
          "ます。英語版の翻訳であれば、英語に翻訳してください）",
    "ru": "XLIFF002 файл помечен как английский (target-language=\"en\"), но переводы в нём "
          "написаны по-русски; ничего не импортировано (если это перевод для русской версии, "
          "исправьте в <file> target-language на «ru» и импортируйте файл снова — переводы "
          "сохранятся; если для английской версии — переведите тексты на английский язык)",
    "en": "XLIFF002 the file is marked as English (target-language=\"en\"), but its "
          "translations are in Russian; nothing was imported (if these are translations for "
          "the Russian edition, change the target-language of the file's <file> to \"ru\" and "
          "import it again: your translations stay as they are. If they are for the English "
          "edition, translate them into English)"}


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_a_file_marked_with_another_language_is_said_once(policy_copy: Path, tmp_path: Path,
                                                          lang: str) -> None:
    """A Russian file marked `en`: one line, not one XLIFF007 for every segment, at the
    attribute that names the wrong language (line and column from 1)."""
    out, _ = _edited_export(policy_copy, tmp_path)
    text = out.read_text("utf-8").replace('target-language="ru"', 'target-language="en"')
    out.write_text(text, "utf-8")
    line = text[:text.index('target-language="en"')].count("\n") + 1
    col = text.index('target-language="en"') - text.rfind("\n", 0, text.index(
        'target-language="en"'))
    before = (policy_copy / "en.yaml").read_bytes()
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 2 and output == f"{out}:{line}:{col}: {MISLABELLED[lang]}\n", output
    assert (policy_copy / "en.yaml").read_bytes() == before


@pytest.mark.parametrize(("lang", "words"), [
    ("ja", "表題の訳文にカタカナがあります"), ("ru", "заголовок: в переводе есть катакана"),
    ("en", "the translation of the title has Katakana letters")])
def test_a_part_without_a_number_is_named_in_words_in_a_refusal(
        policy_copy: Path, tmp_path: Path, lang: str, words: str) -> None:
    out = tmp_path / "ru.xlf"
    store = export(policy_copy, "ru", out, "--units", "title")
    store.units[0].target = "プライバシーポリシー"
    store.savefile(str(out))
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 1 and "XLIFF007" in output and words in output, output
    assert " title" not in output.replace("the title", "")


# -- a file the system would not read ---------------------------------------------------------

# IO001 (not found), as a missing file of the policy is; IO002 is a file there but unreadable
MISSING = {"ja": "IO001 ファイル「{f}」が見つかりません。名前と場所を確認してください",
           "ru": "IO001 файл «{f}» не найден: проверьте имя и папку",
           "en": "IO001 the file '{f}' does not exist: check its name and folder"}


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_a_missing_or_unreadable_file_is_said_in_the_readers_language(
        policy_copy: Path, tmp_path: Path, lang: str) -> None:
    gone = str(tmp_path / "nonexist.xlf")
    code, output = said(lang, "xliff", "import", gone, "--policy", str(policy_copy))
    assert code == 2 and output == f"{gone}: {MISSING[lang].format(f=gone)}\n", output
    assert "cannot read" not in output and "No such file" not in output
    # (a folder given as FILE is refused by the command line's usage words, before reading)


def test_each_common_system_error_is_said_in_every_language() -> None:
    """What the system says (in English) about a file, in the reader's words: no such file,
    no permission (not testable as root by chmod), a folder; another error keeps its words."""
    import errno

    from engine.findings import unreadable
    from engine.humane import finding_text

    said_ = {(e, lang): finding_text(unreadable(OSError(e, os.strerror(e)), "x.xlf"), lang)
             for e in (errno.ENOENT, errno.EACCES, errno.EISDIR, errno.EIO)
             for lang in ("ja", "ru", "en")}
    assert said_[errno.EACCES, "ja"].startswith("ファイル「x.xlf」を読む権限がありません")
    assert said_[errno.EACCES, "ru"].startswith("нет прав на чтение файла «x.xlf»")
    assert said_[errno.EACCES, "en"].startswith("you have no permission to read the file")
    assert said_[errno.EISDIR, "ru"] == "«x.xlf» — это папка, а не файл: укажите файл в ней"
    for lang in ("ja", "ru"):
        assert "such file" not in said_[errno.ENOENT, lang]
        assert "denied" not in said_[errno.EACCES, lang]
    assert "Input/output error" in said_[errno.EIO, "ru"]


# -- whitespace: XLIFF 1.2 keeps a text's spaces and line breaks only under xml:space="preserve"

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _multiline(folder: Path) -> list[str]:
    """The trans-units whose master text has line breaks (a list, paragraphs, a signature)."""
    src = load_folder(folder)
    assert src.master is not None
    return [unit_id(mu) + ("#title" if name == "title" else "")
            for mu in master_units(src.master)
            for name, text, _ in text_fields(mu, translation=False) if "\n" in text]


def _edition_text(folder: Path, uid: str, lang: str = "ru") -> str | None:
    for u, _ in translation_units(load_folder(folder).translations[lang]):
        if unit_id(u) == uid:
            return u.text
    return None


def _with_target(xlf: str, uid: str, target: str, space: str | None = "preserve") -> str:
    """The file with the target of trans-unit `uid` replaced (its markup as a CAT tool may
    write it) and its trans-unit's xml:space set to `space` (None: removed)."""
    head, tail = xlf.split(f'<trans-unit id="{uid}" ', 1)
    attrs, rest = tail.split(">", 1)
    attrs = attrs.replace(' xml:space="preserve"', "")
    if space is not None:
        attrs += f' xml:space="{space}"'
    start = rest.index('state="translated">') + len('state="translated">')
    end = rest.index("</target>", start)
    return (head + f'<trans-unit id="{uid}" ' + attrs + ">" + rest[:start] + target
            + rest[end:])


def test_a_target_an_xml_formatter_laid_out_on_lines_of_its_own_imports_as_its_text(
        policy_copy: Path, tmp_path: Path) -> None:
    """A text editor's XML formatter puts a <target> on lines of its own, indented, inside the
    xml:space="preserve" the export writes: the spaces and line breaks at its ends are layout,
    not the translation's (no text of the policy begins or ends with them). The new text is
    imported without them, stamped, and `policy check` finds no stray whitespace; a target so
    laid out that is the edition's text is unchanged."""
    item = _first_item(policy_copy)
    out = tmp_path / "ru.xlf"
    export(policy_copy, "ru", out)
    text = _with_target(out.read_text("utf-8"), unit_id(item),
                        "\n          Новый текст пункта.\n        ")
    old = load_folder(policy_copy).translations["ru"].preamble.text
    assert old is not None
    start = text.index('<trans-unit id="preamble"')
    text = text[:start] + text[start:].replace(old, f"\n          {old}\n        ", 1)
    out.write_text(text, "utf-8")
    code, output = said("en", "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0 and f"updated {named(item)} (stamped)" in output, output
    assert "1 text updated, 1 stamped" in output, output
    assert _edition_text(policy_copy, unit_id(item)) == "Новый текст пункта."
    assert load_folder(policy_copy).translations["ru"].preamble.text == old
    code, output = run("check", "--policy", str(policy_copy))
    assert "SENT001" not in output and "TYPO004" not in output, output


def test_a_text_with_line_breaks_is_exported_to_keep_them_and_they_come_back_as_written(
        policy_copy: Path, tmp_path: Path) -> None:
    """Every segment whose Japanese has line breaks is marked xml:space="preserve", and stays
    so after translate-toolkit saved the file (it reads an unmarked XLIFF text with its
    whitespace collapsed); a list the translator extends comes back line for line."""
    multiline = _multiline(policy_copy)
    assert multiline  # the policy has lists and paragraphs
    out = tmp_path / "ru.xlf"
    store = export(policy_copy, "ru", out)
    by_id = {local_id(u): u for u in store.units}
    assert {uid for uid in multiline if by_id[uid].xmlelement.get(XML_SPACE) == "preserve"} == (
        set(multiline))
    uid = multiline[0]
    before = _edition_text(policy_copy, uid)
    assert before is not None and "\n" in before
    assert by_id[uid].target == before  # read back with its line breaks
    extended = before + "\n- Новая строка списка."
    by_id[uid].target = extended
    store.savefile(str(out))
    again = {local_id(u): u for u in xliff.xlifffile.parsefile(str(out)).units}
    assert again[uid].xmlelement.get(XML_SPACE) == "preserve" and again[uid].target == extended
    code, output = run("xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0 and "1 text updated" in output, output
    assert _edition_text(policy_copy, uid) == extended


@pytest.mark.parametrize("space", [None, "default"])
def test_a_target_a_cat_tool_indented_where_whitespace_is_not_kept_is_read_as_one_line(
        policy_copy: Path, tmp_path: Path, space: str | None) -> None:
    """A CAT tool that drops xml:space="preserve" (or says "default") and pretty-prints the
    file: a one-line target is read as XLIFF 1.2 reads it (runs of spaces and line breaks one
    space, none at the ends; a no-break space is the text's own), and a text whose Japanese
    has line breaks, only re-indented, is left as the edition has it."""
    out, item = _edited_export(policy_copy, tmp_path)
    xlf = out.read_text("utf-8")
    xlf = _with_target(xlf, unit_id(item), "\n          Новый\u00a0текст\n          пункта,"
                                           "   и ещё.\n        ", space)
    multiline = _multiline(policy_copy)[0]
    kept = _edition_text(policy_copy, multiline)
    assert kept is not None
    xlf = _with_target(xlf, multiline, "\n          " + kept.replace("\n", "\n          ")
                       + "\n        ", space)
    out.write_text(xlf, "utf-8")
    code, output = run("xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0 and f"updated {named(item)} (stamped)" in output, output
    assert "1 text updated" in output and "XLIFF008" not in output
    assert _edition_text(policy_copy, unit_id(item)) == "Новый\u00a0текст пункта, и ещё."
    assert _edition_text(policy_copy, multiline) == kept


LINE_BREAKS_LOST = {  # what each language says of a list whose line breaks the file let go
    "ja": ("の原文には改行（箇条書きや段落）がありますが、このファイルでは改行を保つ指定"
           "（xml:space=\"preserve\"）が消えているため"),
    "ru": ("в оригинале есть переносы строк (список или абзацы), но в файле больше нет указания "
           "их сохранять (xml:space=\"preserve\")"),
    "en": ("has line breaks (a list or paragraphs), but the file no longer says to keep them "
           "(xml:space=\"preserve\" is gone), so the CAT tool may have moved the line breaks or "
           "joined the lines"),
}


def _a_list_grown_and_exported(policy_copy: Path, tmp_path: Path
                               ) -> tuple[str, str, str, Path]:
    """A unit whose master text has line breaks, its Russian text, that text with one more
    list line, and the Russian export (not yet holding it) at tmp_path/ru.xlf."""
    uid = _multiline(policy_copy)[0]
    old = _edition_text(policy_copy, uid)
    assert old is not None
    out = tmp_path / "ru.xlf"
    export(policy_copy, "ru", out)
    return uid, old, old + "\n- Новая строка списка.", out


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
def test_a_changed_list_whose_line_breaks_the_file_no_longer_keeps_is_refused(
        policy_copy: Path, tmp_path: Path, lang: str) -> None:
    """A changed target of a text with line breaks, in a segment no longer marked to keep
    them: never flattened into one line, said at its segment with what to do; done as said
    (the mark written back, the lines as the master's), it imports line for line."""
    uid, _, new, out = _a_list_grown_and_exported(policy_copy, tmp_path)
    xlf = out.read_text("utf-8")
    lost = _with_target(xlf, uid, "\n          " + new.replace("\n", "\n          ")
                        + "\n        ", None)
    # at the <trans-unit> that lost its xml:space="preserve"
    lost, line, col = _marked(lost.replace(f'<trans-unit id="{uid}"', f'¶<trans-unit id="{uid}"'))
    out.write_text(lost, "utf-8")
    before = (policy_copy / "ru.yaml").read_bytes()
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 1 and f"{out}:{line}:{col}: XLIFF008" in output, output
    assert LINE_BREAKS_LOST[lang] in output and NOTHING_IMPORTED[lang] in output, output
    assert uid not in output.replace(f'id="{uid}"', "")  # named by its number, not its id
    assert (policy_copy / "ru.yaml").read_bytes() == before
    out.write_text(_with_target(xlf, uid, new, "preserve"), "utf-8")
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0 and _edition_text(policy_copy, uid) == new, output


@pytest.mark.parametrize(("file_space", "unit_space", "kept"), [
    ("preserve", None, True),  # said once for the whole file
    ("preserve", "default", False),  # the trans-unit's own says otherwise
    ("default", None, False),  # the file's says otherwise
    (None, None, False)])
def test_xml_space_is_taken_from_the_nearest_element_that_says_it(
        policy_copy: Path, tmp_path: Path, file_space: str | None, unit_space: str | None,
        kept: bool) -> None:
    """…and XLIFF008 points at the xml:space that says so, or at the <trans-unit> that lost
    its own where none does."""
    uid, old, new, out = _a_list_grown_and_exported(policy_copy, tmp_path)
    xlf = out.read_text("utf-8").replace(' xml:space="preserve"', "")
    if file_space is not None:
        xlf = xlf.replace("<file ", f'<file ¶xml:space="{file_space}" ', 1)
    xlf = _with_target(xlf, uid, new, unit_space)
    if unit_space is not None:
        xlf = xlf.replace("¶", "").replace(f' xml:space="{unit_space}">',
                                           f' ¶xml:space="{unit_space}">', 1)
    elif file_space is None:
        xlf = xlf.replace(f'<trans-unit id="{uid}"', f'¶<trans-unit id="{uid}"')
    xlf, line, col = _marked(xlf)
    out.write_text(xlf, "utf-8")
    code, output = run("xliff", "import", str(out), "--policy", str(policy_copy))
    if kept:
        assert code == 0 and _edition_text(policy_copy, uid) == new, output
    else:
        assert code == 1 and f"ru.xlf:{line}:{col}: XLIFF008" in output, output
        assert _edition_text(policy_copy, uid) == old


# Where a CAT tool or an editor may have written the xml:space that lets a target's line breaks
# go, and what XLIFF008 points at (¶): the attribute on a continuation line of the tag, in
# single quotes, the file's lines ending in CRLF; on the <target> itself; none at all, the
# <trans-unit> written after a comment in Japanese on the same line.
SPACE_LAYOUTS = {
    "continuation line": lambda tag: tag[:-1] + "\n\t\t¶xml:space = 'default'>",
    "on the target": lambda tag: tag,
    "after Japanese": lambda tag: "<!-- 第9項の箇条書き -->¶" + tag,
}


@pytest.mark.parametrize("layout", sorted(SPACE_LAYOUTS))
def test_a_list_whose_line_breaks_the_file_lets_go_is_said_where_it_lets_them_go(
        policy_copy: Path, tmp_path: Path, layout: str) -> None:
    uid, old, new, out = _a_list_grown_and_exported(policy_copy, tmp_path)
    xlf = _with_target(out.read_text("utf-8"), uid, new, None)
    start = xlf.index(f'<trans-unit id="{uid}"')
    end = xlf.index(">", start) + 1
    xlf = xlf[:start] + SPACE_LAYOUTS[layout](xlf[start:end]) + xlf[end:]
    if layout == "on the target":
        at = xlf.index("<target ", end)
        xlf = xlf[:at] + '<target ¶xml:space="default" ' + xlf[at + len("<target "):]
    xlf, line, col = _marked(xlf)
    if layout == "continuation line":
        xlf = xlf.replace("\n", "\r\n")
    if layout == "after Japanese":  # 6 spaces and the comment: 17 characters, 31 bytes
        assert col == 6 + len("<!-- 第9項の箇条書き -->") + 1 == 24
    out.write_bytes(xlf.encode("utf-8"))
    code, output = run("xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 1 and f"ru.xlf:{line}:{col}: XLIFF008" in output, output
    assert _edition_text(policy_copy, uid) == old


@pytest.mark.parametrize("space", ["preserve", None])
def test_a_target_of_whitespace_only_is_no_translation(policy_copy: Path, tmp_path: Path,
                                                       space: str | None) -> None:
    """A target a CAT tool left holding only a line break and indentation is empty, as an
    empty target is: the edition keeps its text, whether or not whitespace is preserved."""
    out, item = _edited_export(policy_copy, tmp_path)
    kept = _edition_text(policy_copy, unit_id(item))
    out.write_text(_with_target(out.read_text("utf-8"), unit_id(item), "\n        ", space),
                   "utf-8")
    before = (policy_copy / "ru.yaml").read_bytes()
    code, output = run("xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0 and "0 texts updated" in output, output
    assert (policy_copy / "ru.yaml").read_bytes() == before
    assert _edition_text(policy_copy, unit_id(item)) == kept


def test_an_import_writes_a_stamp_as_policy_stamp_does(policy_copy: Path,
                                                        tmp_path: Path) -> None:
    """A stamp written over one that was quoted (a fingerprint that read as a number had to
    be) is quoted again only if it reads as a number itself, as `policy stamp` writes it."""
    ru = policy_copy / "ru.yaml"
    quoted = re.sub(r"(?m)^(\s+(?:source|target): )([0-9a-f]{10})$", r"\1'\2'",
                    ru.read_text("utf-8"))
    ru.write_text(quoted, "utf-8")
    uid, _, new, out = _a_list_grown_and_exported(policy_copy, tmp_path)
    out.write_text(_with_target(out.read_text("utf-8"), uid, new, "preserve"), "utf-8")
    code, output = run("xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0 and _edition_text(policy_copy, uid) == new, output
    before = set(quoted.splitlines())
    written = [line.strip() for line in ru.read_text("utf-8").splitlines()
               if line not in before and re.match(r"\s+(source|target): ", line)]
    assert written, "the import stamped nothing"
    for line in written:
        value = line.split(": ", 1)[1]
        number_like = re.fullmatch(r"'[0-9]+(e[0-9]+)?'", value) is not None
        assert value.startswith("'") is number_like, line


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "XLIFF001 the tag <target> opened here is not closed before </trans-unit> on line "
           "{closed}, so the markup of a text is broken here (close this tag where its text "
           "ends, or delete it"),
    ("ja", "XLIFF001 ここで開いたタグ「<target>」が、{closed}行目の「</trans-unit>」より前に"
           "閉じられていません"),
    ("ru", "XLIFF001 открытый здесь тег «<target>» не закрыт до «</trans-unit>» в строке "
           "{closed}"),
])
def test_a_target_whose_end_tag_was_deleted_is_found_where_it_opens(
        policy_copy: Path, tmp_path: Path, lang: str, words: str) -> None:
    """A translator deleted </target> in a text editor: expat stops at the </trans-unit> two
    lines below, but the place to mend is the <target> left open, and the finding says so,
    there, in the reader's language; nothing is imported."""
    out, _ = _edited_export(policy_copy, tmp_path)
    text = out.read_text("utf-8")
    at = text.index("Новый текст. ")
    end = text.index("</target>", at)
    text = text[:end] + text[end + len("</target>"):]
    out.write_text(text, "utf-8")
    before = (policy_copy / "ru.yaml").read_bytes()
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    lines = text.split("\n")
    opened = text.count("\n", 0, at) + 1
    col = lines[opened - 1].index("<target") + 1
    closed = next(i for i, ln in enumerate(lines, 1) if i > opened and "</trans-unit>" in ln)
    assert code == 2, output
    assert f"{out}:{opened}:{col}: " + words.format(closed=closed) in output, output
    assert (policy_copy / "ru.yaml").read_bytes() == before


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "'ja' is the master, the text every edition is translated from: a CAT tool gets the "
           "translations (export one of them: en, ru)"),
    ("ja", "「ja」は原文です（すべての言語版はここから翻訳します）。翻訳支援ツールに渡すのは翻訳の"
           "言語版です（次のいずれかを書き出してください：en、ru）"),
    ("ru", "«ja» — это оригинал, с которого переводятся все версии; в CAT-программу выгружают "
           "переводы (выгрузите один из них: en, ru)"),
])
def test_exporting_the_master_says_it_is_the_master(policy_copy: Path, tmp_path: Path,
                                                    lang: str, words: str) -> None:
    """`policy xliff export ja`: the master is what every edition is translated from, not
    'no valid ja edition' (it is the most valid of all)."""
    code, output = said(lang, "xliff", "export", "ja", "--out", str(tmp_path / "ja.xlf"),
                        "--policy", str(policy_copy))
    assert code == 2 and words in output, output
    assert not (tmp_path / "ja.xlf").exists()


# What XLIFF008 tells the translator to change, by where the xml:space that lets a list's line
# breaks go is written (or none is: the trans-unit lost the one the export wrote), in each
# language; and the change it names, done to the file, which then imports the list as written.
SPACE_HINTS = {
    "target": {"ja": 'この <target> の xml:space="default" を xml:space="preserve" に書き換え',
               "ru": 'замените в этом <target> xml:space="default" на xml:space="preserve"',
               "en": 'change xml:space="default" on this <target> to xml:space="preserve"'},
    "trans-unit": {
        "ja": 'この <trans-unit> の xml:space="default" を xml:space="preserve" に書き換え',
        "ru": 'замените в этом <trans-unit> xml:space="default" на xml:space="preserve"',
        "en": 'change xml:space="default" on this <trans-unit> to xml:space="preserve"'},
    "group": {"ja": 'この <group> の xml:space="default" は、その中のすべての翻訳単位に及びます。'
                    'テキストエディターで <trans-unit id="{id}"> に xml:space="preserve" を書き加え',
              "ru": 'атрибут xml:space="default" у этого <group> действует на все единицы перевода '
                    'внутри него: в любом текстовом редакторе добавьте в <trans-unit id="{id}"> '
                    'атрибут xml:space="preserve"',
              "en": 'the xml:space="default" of this <group> covers every segment inside it: in '
                    'any text editor, add xml:space="preserve" to <trans-unit id="{id}">'},
    "file": {"ja": 'この <file> の xml:space="default" は',
             "ru": 'атрибут xml:space="default" у этого <file> действует',
             "en": 'the xml:space="default" of this <file> covers every segment'},
    "lost": {"ja": 'この <trans-unit> に xml:space="preserve" を書き戻し',
             "ru": 'верните в этот <trans-unit> атрибут xml:space="preserve"',
             "en": 'write xml:space="preserve" back into this <trans-unit>'},
}


def _space_said_on(xlf: str, uid: str, new: str, place: str) -> tuple[str, str]:
    """The file with the target of `uid` changed to `new` and its line breaks let go at
    `place`, and the same file changed as XLIFF008's hint for that place says."""
    unit = f'<trans-unit id="{uid}" '
    if place in ("target", "trans-unit"):
        xlf = _with_target(xlf, uid, new, "preserve" if place == "target" else "default")
        if place == "target":
            at = xlf.index("<target ", xlf.index(unit))
            xlf = xlf[:at] + '<target xml:space="default" ' + xlf[at + len("<target "):]
        start = xlf.index("<target " if place == "target" else unit, xlf.index(unit))
        end = xlf.index(">", start)
        return xlf, (xlf[:start] + xlf[start:end].replace('"default"', '"preserve"')
                     + xlf[end:])
    xlf = _with_target(xlf, uid, new, None)
    if place == "group":
        start = xlf.index(unit)
        end = xlf.index("</trans-unit>", start) + len("</trans-unit>")
        xlf = (xlf[:start] + '<group xml:space="default">' + xlf[start:end] + "</group>"
               + xlf[end:])
    elif place == "file":
        xlf = xlf.replace("<file ", '<file xml:space="default" ', 1)
    return xlf, xlf.replace(unit, unit + 'xml:space="preserve" ', 1)


@pytest.mark.parametrize("lang", ["ja", "ru", "en"])
@pytest.mark.parametrize("place", sorted(SPACE_HINTS))
def test_the_hint_for_line_breaks_let_go_names_what_to_change_where_it_points(
        policy_copy: Path, tmp_path: Path, place: str, lang: str) -> None:
    """XLIFF008 points at the <target>'s xml:space, the <trans-unit>'s, the one of a <group>
    or <file> around it, or the <trans-unit> that lost its own; its hint says what to change
    there (a <target>'s own xml:space wins over anything written into its <trans-unit>), and
    doing it imports the list."""
    uid, old, new, out = _a_list_grown_and_exported(policy_copy, tmp_path)
    refused, fixed = _space_said_on(out.read_text("utf-8"), uid, new, place)
    out.write_text(refused, "utf-8")
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 1 and "XLIFF008" in output, output
    assert SPACE_HINTS[place][lang].format(id=uid) in output, output
    others = {w[lang] for p, w in SPACE_HINTS.items() if p != place and p not in (
        {"group", "file"} if place in ("group", "file") else set())}
    assert not [w for w in others if w.format(id=uid) in output], output
    assert _edition_text(policy_copy, uid) == old
    out.write_text(fixed, "utf-8")
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0 and _edition_text(policy_copy, uid) == new, output


@pytest.mark.parametrize("lang", sorted(TWICE))
def test_an_import_speaks_the_language_its_lang_option_names(
        policy_copy: Path, tmp_path: Path, lang: str) -> None:
    """`policy xliff import FILE --lang ru`, as the translator types it for `status` and
    `stamp`: the import has no LANG argument for --lang to be confused with."""
    out = tmp_path / "en.xlf"
    export(policy_copy, "en", out, "--units", "title")
    text = out.read_text("utf-8")
    start, end = text.index("<trans-unit"), text.index("</trans-unit>") + len("</trans-unit>")
    out.write_text(text[:end] + "\n      " + text[start:end] + text[end:], "utf-8")
    first = text[:start].count("\n") + 1
    result = CliRunner().invoke(main, ["xliff", "import", str(out), "--policy",
                                       str(policy_copy), "--lang", lang],
                                env={"POLICY_LANG": "ja" if lang != "ja" else "ru"})
    assert result.exit_code == 1 and TWICE[lang].format(first=first) in result.output, (
        result.output)


NO_MASTER = {"ja": "このフォルダーには原文", "ru": "в папке нет оригинала",
             "en": "no master edition (a file whose facts name the prevailing language)"}


@pytest.mark.parametrize("lang", sorted(NO_MASTER))
def test_a_glossary_of_a_folder_without_a_master_is_refused_in_the_readers_language(
        tmp_path: Path, lang: str) -> None:
    code, output = said(lang, "tbx", "export", "--policy", str(tmp_path))
    assert code == 2 and "POLICY009" in output and NO_MASTER[lang] in output, output
    assert "（詳細：" not in output and "(подробности:" not in output


TWICE_NAMED = {
    "ja": ("第3項第1号の翻訳単位「collection.collection-lawful」が、{first}行目にもあります",
           "第3項の表題の翻訳単位「collection#title」が、{title}行目にもあります",
           "使いたい訳文が入っていない方を削除してください。両方あるままでは、どちらも取り込めません"),
    "ru": ("п. 3.1 повторяется в файле: единица перевода «collection.collection-lawful» есть и "
           "в строке {first}",
           "заголовок п. 3 повторяется в файле: единица перевода «collection#title» есть и в "
           "строке {title}",
           "удалите ту копию, в которой нет нужного вам перевода: пока в файле обе копии, не "
           "импортируется ни одна"),
    "en": ("clause 3.1 is in the file more than once: trans-unit 'collection.collection-lawful' "
           "is also on line {first}",
           "the title of clause 3 is in the file more than once: trans-unit 'collection#title' "
           "is also on line {title}",
           "delete the copy that does not hold the translation you want: with both in the file, "
           "neither can be imported"),
}


@pytest.mark.parametrize("lang", sorted(TWICE_NAMED))
def test_a_segment_twice_is_named_as_printed_beside_its_id_and_says_which_to_delete(
        policy_copy: Path, tmp_path: Path, lang: str) -> None:
    """A translator finds the clause by its number (3.1, 第3項第1号, п. 3.1) and the segment by
    the id the file shows; of the two, the one to delete is the one without the translation
    they mean to keep (with both there, nothing is imported)."""
    out = tmp_path / "en.xlf"
    export(policy_copy, "en", out, "--units", "3")  # its title and its items
    text = out.read_text("utf-8")
    start, end = text.index("<trans-unit"), text.rindex("</trans-unit>") + len("</trans-unit>")
    title = text[:text.index('id="collection#title"')].count("\n") + 1
    first = text[:text.index('id="collection.collection-lawful"')].count("\n") + 1
    out.write_text(text[:end] + "\n      " + text[start:end] + text[end:], "utf-8")
    before = (policy_copy / "en.yaml").read_bytes()
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    item, heading, hint = TWICE_NAMED[lang]
    assert code == 1 and item.format(first=first) in output, output
    assert heading.format(title=title) in output and hint in output, output
    assert (policy_copy / "en.yaml").read_bytes() == before


UNCONFIRMED_SAID = {
    "ja": ("を更新しました（ファイルでは訳文がまだ未確定になっているため、翻訳済みとしては"
           "記録していません。翻訳支援ツールで訳文を確定してから", "未翻訳"),
    "ru": ("— обновлено, но не отмечено как переведённое: в файле перевод ещё не подтверждён; "
           "подтвердите его в CAT-программе", "незавершённ"),
    "en": ("(not stamped: the file marks its translation as not confirmed yet; confirm it in "
           "your CAT tool", "not done"),
}


@pytest.mark.parametrize("lang", sorted(UNCONFIRMED_SAID))
def test_a_fuzzy_segment_is_said_to_be_not_confirmed_not_untranslated(
        policy_copy: Path, tmp_path: Path, lang: str) -> None:
    """A fuzzy match awaiting review is translated, only not confirmed: 未確定, не
    подтверждён, not confirmed; not 未翻訳 (untranslated) or "not done"."""
    out, item = _edited_export(policy_copy, tmp_path)
    text = out.read_text("utf-8")
    head, tail = text.split(f'id="{unit_id(item)}"', 1)
    out.write_text(head + f'id="{unit_id(item)}"' + tail.replace(
        'state="translated">', 'state="needs-review-translation">', 1), "utf-8")
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    confirmed, untranslated = UNCONFIRMED_SAID[lang]
    assert code == 0 and confirmed in output and untranslated not in output, output


STALE_NONE = {"ja": "-：ロシア語版に翻訳が必要な箇所はないため",
              "ru": "-: в русской версии нет текстов, которым нужен перевод",
              "en": "-: no text of the Russian edition needs translation"}
NO_EDITION = {"ja": "書き出せる「de」の言語版がありません（言語版は en、ru です）",
              "ru": "нет версии «de», которую можно выгрузить (версии политики: en, ru)",
              "en": "no valid 'de' edition to export (the editions are: en, ru)"}


@pytest.mark.parametrize("lang", sorted(NO_EDITION))
def test_the_exports_speak_the_language_their_lang_option_names(
        policy_copy: Path, tmp_path: Path, lang: str) -> None:
    """`policy xliff export ru --lang ja`: LANG is the edition, --lang the language spoken, as
    for the import and every other command (they refused it: "no such option")."""
    other = {"POLICY_LANG": "ru" if lang != "ru" else "ja"}
    result = CliRunner().invoke(main, ["xliff", "export", "de", "--policy", str(policy_copy),
                                       "--lang", lang], env=other)
    assert result.exit_code == 2 and NO_EDITION[lang] in result.output, result.output
    result = CliRunner().invoke(main, ["xliff", "export", "ru", "--policy", str(policy_copy),
                                       "--lang", lang, "--stale"], env=other)
    assert result.exit_code == 0 and STALE_NONE[lang] in result.stderr, result.stderr
    result = CliRunner().invoke(main, ["tbx", "export", "--policy", str(tmp_path),
                                       "--lang", lang], env=other)
    assert result.exit_code == 2 and NO_MASTER[lang] in result.output, result.output


@pytest.mark.parametrize(("say", "drafted", "master_drafted"), [
    ("en", "is still the draft placeholder policy revise wrote, so it was not stamped: write "
           "the note in Russian in your CAT tool",
     "was not stamped: the Japanese note is still the draft placeholder policy revise wrote. "
     "Once the legal team has written it, export the note again (`policy xliff export ru "
     "--stale`)"),
    ("ja", "は policy revise が書いた下書きのままなので、翻訳済みとしては記録していません。",
     "原文（日本語）のお知らせが、policy revise が書いた下書きのままです。"),
    ("ru", "всё ещё черновик, который написала команда policy revise, поэтому не отмечено как "
           "переведённое: напишите заметку по-русски",
     "в японской версии (оригинале) эта заметка — всё ещё черновик")])
def test_a_release_note_left_as_the_placeholder_is_not_stamped_by_an_import(
        tmp_path: Path, say: str, drafted: str, master_drafted: str) -> None:
    """Right after `policy revise`, `xliff export --stale` gives the new release note with
    the placeholder as its target; confirmed as it is in the CAT tool, the import stamped it
    "translated from today's Japanese" (as `policy stamp` did): the placeholder of the edition,
    or one translated from the master's placeholder. Neither is stamped now, and the import
    says why and what to do."""
    from engine.releasenotes import draft

    from .test_draft_note_followons import JA_NOTE, _revised

    # The export no longer offers a placeholder (test_a_release_note_still_to_write_is_not_sent_
    # to_the_translator): the file is made as an older export made it, the placeholders in it.
    template = _revised(tmp_path / "template", ja=JA_NOTE, en=draft("en", "2026-12-06"),
                        ru=draft("ru", "2026-12-06"))
    exported = tmp_path / "template.xlf"
    export(template, "ru", exported, "--units", "footer.revisions.rev-2026-12-06")
    for ja, said_here in ((JA_NOTE, drafted), (draft("ja", "2026-12-06"), master_drafted)):
        root = tmp_path / ("written" if ja == JA_NOTE else "drafted")
        folder = _revised(root, ja=ja, en=draft("en", "2026-12-06"), ru=draft("ru", "2026-12-06"))
        out = root / "ru.xlf"
        text = exported.read_text("utf-8")
        assert text.count('state="needs-translation"') == 1
        text = re.sub(r'<target xml:lang="ru" state="needs-translation"\s*/>|'
                      r'<target xml:lang="ru" state="needs-translation">\s*</target>',
                      f'<target xml:lang="ru" state="translated">{draft("ru", "2026-12-06")}'
                      "</target>", text)
        assert draft("ru", "2026-12-06") in text, text
        out.write_text(text.replace(JA_NOTE, ja), "utf-8")
        code, output = run("xliff", "import", str(out), "--policy", str(folder), "--lang", say)
        assert code == 0, output
        assert said_here in output, output
        note = load_folder(folder).translations["ru"].footer.revisions["rev-2026-12-06"]
        assert note.source is None


@pytest.mark.parametrize(("say", "said"), [
    ("en", "{out}: 2 segments of the Russian edition, beside the Japanese. Translate them in "
           "your CAT tool, then import the file it saves: policy xliff import {out}"),
    ("ja", "{out}：ロシア語版の2か所を、原文（日本語）と並べて書き出しました。翻訳支援ツールで翻訳し、"
           "保存したファイルを取り込んでください：policy xliff import {out}"),
    ("ru", "{out}: 2 сегмента русской версии вместе с японским оригиналом. Переведите их в "
           "CAT-программе, затем импортируйте сохранённый файл: policy xliff import {out}")])
def test_an_export_says_what_it_wrote_and_what_comes_next(
        policy_copy: Path, tmp_path: Path, say: str, said: str) -> None:
    """The export said only the file's path, in no language: a translator after `policy
    status` is told how many segments the file holds and the command that brings it back, in
    the language of --lang (README: "says what it did in Japanese")."""
    out = tmp_path / "ru-1.xlf"
    result = CliRunner().invoke(main, ["xliff", "export", "ru", "--units", "1", "--out",
                                       str(out), "--policy", str(policy_copy), "--lang", say])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == said.format(out=out), result.stderr
    assert out.read_text("utf-8").count("<trans-unit ") == 2  # clause 1: its title and text


def test_a_long_one_line_text_comes_in_folded_as_the_editions_are(tmp_path: Path) -> None:
    """A release note written over `policy revise`'s one-line placeholder came in as one line
    of 216 characters: it is folded as the editions' texts are, and reads back the same."""
    from ruamel.yaml import YAML
    from ruamel.yaml.scalarstring import FoldedScalarString

    note = ("Revised: December 6, 2026 (clause 11 now says that we endeavor to correct "
            "personal information we hold without delay once we learn that it is wrong; "
            "the other clauses did not change)")
    styled = exchange._styled("✎ TO BE WRITTEN: the note", note)
    assert isinstance(styled, FoldedScalarString)
    path = tmp_path / "note.yaml"
    yaml = YAML()
    with path.open("w", encoding="utf-8") as out:
        yaml.dump({"note": styled}, out)
    lines = path.read_text("utf-8").splitlines()
    assert lines[0] == "note: >-" and all(len(line) <= 2 + exchange.FOLD_WIDTH + 20
                                         for line in lines[1:]), lines
    assert YAML(typ="safe").load(path.read_text("utf-8")) == {"note": note}
    # a short text, and a Japanese one without spaces, stay as they are
    assert type(exchange._styled("a", "a short note")) is str
    assert type(exchange._styled("a", "改定" * 60)) is str


def test_a_release_note_still_to_write_is_not_sent_to_the_translator(tmp_path: Path) -> None:
    """Right after `policy revise`: a note whose Japanese is still the placeholder is not
    exported (nothing to translate yet); once the Japanese is written, the note is exported
    with an empty target, not the edition's own placeholder as if it were a translation."""
    from engine.releasenotes import draft

    from .test_draft_note_followons import JA_NOTE, _revised

    for ja, exported in ((draft("ja", "2026-12-06"), False), (JA_NOTE, True)):
        folder = _revised(tmp_path / ("written" if exported else "draft"), ja=ja,
                          en=draft("en", "2026-12-06"), ru=draft("ru", "2026-12-06"))
        out = tmp_path / f"en-{exported}.xlf"
        code, output = run("xliff", "export", "en", "--stale", "--policy", str(folder),
                           "--out", str(out))
        assert code == 0, output
        store = xliff.xlifffile.parsefile(str(out))
        notes = [u for u in store.units if local_id(u).endswith("rev-2026-12-06")]
        assert len(notes) == (1 if exported else 0), [local_id(u) for u in store.units]
        for unit in notes:
            assert unit.source == JA_NOTE and not unit.target, unit.target


@pytest.mark.parametrize(("attribute", "value"), [("target-language", "de"),
                                                  ("source-language", "en")])
def test_a_language_the_policy_has_not_is_said_where_the_file_names_it(
        policy_copy: Path, tmp_path: Path, attribute: str, value: str) -> None:
    """XLIFF002 at the attribute naming the language the policy has not (it was said at no
    line), the file's other places untouched."""
    out, _ = _edited_export(policy_copy, tmp_path)
    old = re.search(f'{attribute}="[^"]*"', out.read_text("utf-8"))
    assert old is not None
    text = out.read_text("utf-8").replace(old.group(0), f'{attribute}="{value}"', 1)
    out.write_text(text, "utf-8")
    at = text.index(f'{attribute}="{value}"')
    line, col = text[:at].count("\n") + 1, at - text.rfind("\n", 0, at)
    code, output = said("en", "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 2 and output.startswith(f"{out}:{line}:{col}: XLIFF002 "), output


def test_a_doctype_is_said_at_its_line(policy_copy: Path, tmp_path: Path) -> None:
    out, _ = _edited_export(policy_copy, tmp_path)
    lines = out.read_text("utf-8").split("\n")
    lines.insert(1, '<!DOCTYPE xliff [<!ENTITY x "y">]>')
    out.write_text("\n".join(lines), "utf-8")
    code, output = said("en", "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 2 and output.startswith(f"{out}:2:1: XLIFF001 "), output


def test_a_target_a_reviewer_rejected_is_written_but_not_stamped(policy_copy: Path,
                                                                 tmp_path: Path) -> None:
    """`state-qualifier="rejected-…"` (XLIFF 1.2: a reviewer rejected the target) is not a
    confirmation, whatever the state says: the translator's words are kept, not stamped."""
    out, item = _edited_export(policy_copy, tmp_path)
    text = out.read_text("utf-8").replace(
        'state="translated">', 'state="translated" state-qualifier="rejected-grammar">')
    out.write_text(text, "utf-8")
    code, output = said("en", "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0 and f"updated {named(item)} (not stamped" in output, output


# -- inline elements in a target: tags, as a CAT tool shows them ------------------------------

# A target's tags as a CAT tool or a hand may leave them (¶ marks the first): each stands for
# code of the original document, which the policy's Markdown has nothing to map to. They
# vanished (<x/>, <bx/>, <ex/>), or their code was pasted into the text as words (<ph>,
# <bpt>, <ept>, <it>), without a word.
TAGGED = {
    "placeholder": 'Новый ¶<x id="1"/>текст пункта.',
    "paired placeholders": 'Новый ¶<bx id="1"/>текст<ex id="1"/> пункта.',
    "native code": 'Новый ¶<bpt id="1">&lt;b&gt;</bpt>текст<ept id="1">&lt;/b&gt;</ept> пункта.',
    "standalone code": 'Новый текст пункта.¶<ph id="1">&lt;br/&gt;</ph>',
    "isolated code": 'Новый ¶<it id="1" pos="open">&lt;i&gt;</it>текст пункта.',
    "code with a sub-flow": 'Новый ¶<ph id="1">&lt;img alt="<sub>картинка</sub>"/&gt;</ph> текст.',
    "inside a span": '<g id="1">Новый ¶<x id="2"/>текст</g> пункта.',
    "inside a segment": '<mrk mtype="seg" mid="1">Новый ¶<x id="2"/>текст пункта.</mrk>',
    "another vocabulary": 'Новый ¶<b xmlns="http://www.w3.org/1999/xhtml">текст</b> пункта.',
}
TAGS_SAID = {  # what each language says of a target with a tag its master text lacks
    "ja": "の訳文に、原文にないタグが1個あります（「<x id=\"1\"/>」）。ポリシーの文章にはタグ（書式など）"
          "を入れられないため、この訳文は取り込んでいません",
    "ru": "в переводе есть тег «<x id=\"1\"/>», которого нет в оригинале; в текстах политики тегов "
          "(например, форматирования) быть не может, поэтому перевод не импортирован",
    "en": "holds a tag its master text does not have (<x id=\"1\"/>); the policy's texts cannot "
          "hold tags (formatting and the like), so this translation was not imported",
}
TAGS_HINT = {
    "ja": "翻訳支援ツールで、訳文からこのタグを削除してください",
    "ru": "удалите этот тег из перевода в CAT-программе",
    "en": "in the CAT tool, delete the tag from the translation",
}


def _tagged(policy_copy: Path, tmp_path: Path, target: str, uid: str | None = None
            ) -> tuple[Path, int, int]:
    """The Russian export with the target of `uid` (the first item of clause 3) written as
    `target`, and the line and column of its ¶."""
    out = tmp_path / "ru.xlf"
    export(policy_copy, "ru", out)
    text, line, col = _marked(_with_target(out.read_text("utf-8"),
                                           uid or unit_id(_first_item(policy_copy)), target))
    out.write_text(text, "utf-8")
    return out, line, col


@pytest.mark.parametrize("shape", sorted(TAGGED))
def test_a_target_with_a_tag_its_master_text_lacks_is_refused_at_the_tag(
        policy_copy: Path, tmp_path: Path, shape: str) -> None:
    """XLIFF009 at the first tag of the target, naming the unit and the tags as the file
    writes them; nothing is written (the text of a <g> or <mrk> around a tag is no excuse)."""
    out, line, col = _tagged(policy_copy, tmp_path, TAGGED[shape])
    before = (policy_copy / "ru.yaml").read_bytes()
    code, output = said("en", "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 1 and f"{out}:{line}:{col}: XLIFF009 the translation of " in output, output
    assert f"{named(_first_item(policy_copy))} holds" in output, output
    assert NOTHING_IMPORTED["en"] in output, output
    assert (policy_copy / "ru.yaml").read_bytes() == before


@pytest.mark.parametrize("lang", sorted(TAGS_SAID))
def test_a_tag_in_a_target_is_said_in_the_translators_language(
        policy_copy: Path, tmp_path: Path, lang: str) -> None:
    out, line, col = _tagged(policy_copy, tmp_path, TAGGED["placeholder"])
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 1 and f"{out}:{line}:{col}: XLIFF009 " in output, output
    assert TAGS_SAID[lang] in output and TAGS_HINT[lang] in output, output
    assert NOTHING_IMPORTED[lang] in output, output


def test_every_tag_of_a_target_is_named_in_one_finding_and_a_title_as_a_title(
        policy_copy: Path, tmp_path: Path) -> None:
    """A paired code is two tags: one finding for the segment, listing both (the translator
    mends the segment, not each tag); a clause's title is said as its title."""
    src = load_folder(policy_copy)
    assert src.master is not None
    clause = next(u for u in master_units(src.master) if u.level == 0 and u.title)
    out, line, col = _tagged(policy_copy, tmp_path, TAGGED["native code"],
                             unit_id(clause) + "#title")
    code, output = said("en", "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 1 and output.count("XLIFF009") == 1, output
    assert (f"{out}:{line}:{col}: XLIFF009 the translation of the title of {named(clause)} "
            'holds tags its master text does not have (<bpt id="1">, <ept id="1">)') in output, (
        output)
    assert "delete the tags from the translation; type any words they stood for" in output
    code, output = said("ru", "xliff", "import", str(out), "--policy", str(policy_copy))
    assert 'в переводе заголовка есть теги «<bpt id="1">», «<ept id="1">», которых нет' in (
        output), output


def test_the_text_of_g_and_mrk_spans_in_a_target_is_the_translation(
        policy_copy: Path, tmp_path: Path) -> None:
    """<g> (a span the original formats) and <mrk> (a term, a protected placeable copied from
    the source) hold text: theirs is the translation's, imported and stamped as any other."""
    item = _first_item(policy_copy)
    out, _, _ = _tagged(policy_copy, tmp_path, (
        '¶<g id="1" ctype="bold">Новый</g> <mrk mtype="term">текст</mrk> пункта, см. '
        '<mrk mtype="protected">https://cafetalk.com</mrk>.'))
    code, output = said("en", "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0 and f"updated {named(item)} (stamped)" in output, output
    assert _edition_text(policy_copy, unit_id(item)) == (
        "Новый текст пункта, см. https://cafetalk.com.")


def test_a_segment_split_into_sentences_as_okapi_and_trados_write_it_imports_as_one_text(
        policy_copy: Path, tmp_path: Path) -> None:
    """A CAT tool that segments a text into sentences (Okapi, Trados) writes a <seg-source>
    beside the <source>, each sentence a <mrk mtype="seg" mid="…">, and the target's sentences
    in <mrk>s of the same mid with the space between them outside: the text is all of it, in
    its order, as it reads."""
    src = load_folder(policy_copy)
    assert src.master is not None
    item = next(u for u in master_units(src.master) if u.number and u.text
                and "\n" not in u.text and u.text.count("。") >= 2)
    sentences = [s + "。" for s in (item.text or "").split("。") if s]
    segmented = "".join(f'<mrk mtype="seg" mid="{i}">{s}</mrk>' for i, s in enumerate(sentences))
    russian = [f"Предложение {i + 1}." for i in range(len(sentences))]
    target = " ".join(f'<mrk mtype="seg" mid="{i}">{s}</mrk>' for i, s in enumerate(russian))
    out, _, _ = _tagged(policy_copy, tmp_path, "¶" + target, unit_id(item))
    text = out.read_text("utf-8")
    head, tail = text.split(f'<trans-unit id="{unit_id(item)}"', 1)
    source_end = tail.index("</source>") + len("</source>")
    out.write_text(head + f'<trans-unit id="{unit_id(item)}"' + tail[:source_end]
                   + f"\n        <seg-source>{segmented}</seg-source>" + tail[source_end:],
                   "utf-8")
    stored = {local_id(u): u for u in xliff.xlifffile.parsefile(str(out)).units}
    assert stored[unit_id(item)].target == " ".join(russian)  # as translate-toolkit reads it
    code, output = said("en", "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0 and f"updated {named(item)} (stamped)" in output, output
    assert _edition_text(policy_copy, unit_id(item)) == " ".join(russian)


# -- tags in a source: a CAT tool's filter made inline codes of the Japanese ------------------

# The preamble's URL (a protected placeable of the export) as a CAT tool whose filter protects
# URLs as inline codes writes it back: the <source>'s (¶ marks it) and the <target>'s, into a
# target the translator changed. The Japanese was read as all its text: the text an <x/>
# replaced was missing (XLIFF004, "export it again", which brings the same tags back), the
# code a <ph> holds the Japanese as it was, its target refused for a tag "its master text does
# not have" (XLIFF009).
SOURCE_TAGGED = {
    "URL in <ph>": (lambda url: f'<ph id="1">{url}</ph>', lambda url: f'<ph id="1">{url}</ph>'),
    "URL replaced by <x/>": (lambda url: '<x id="1"/>', lambda url: '<x id="1"/>'),
    "URL replaced by <x/>, typed in the target": (lambda url: '<x id="1"/>', lambda url: url),
    "URL in <ph>, typed in the target": (lambda url: f'<ph id="1">{url}</ph>', lambda url: url),
    # a <g> holds text, but an empty one stands for the text it replaced, as an <x/> does
    "URL replaced by an empty <g/>": (lambda url: '<g id="1"/>', lambda url: '<g id="1"/>'),
}
SOURCE_TAGS_SAID = {  # what each language says of it, and what to do
    "ja": ("翻訳支援ツールが、このファイルにある前文の原文の一部を1個のタグ（「<x id=\"1\"/>」）に置き換えて"
           "います", "XLIFF フィルター"),
    "ru": ("преамбула: CAT-программа заменила часть оригинала в этом файле тегом "
           "«<x id=\"1\"/>»", "фильтр XLIFF"),
    "en": ("the CAT tool turned part of the master text of the preamble in this file into a "
           "tag (<x id=\"1\"/>)", "XLIFF filter"),
}


def _source_tagged(policy_copy: Path, tmp_path: Path, shape: str) -> tuple[Path, int, int]:
    """The Russian export with the preamble's URL tagged as SOURCE_TAGGED[shape] writes it, in
    a target the translator changed; the line and column of the source's tag."""
    out = tmp_path / "ru.xlf"
    export(policy_copy, "ru", out)
    text = out.read_text("utf-8")
    start = text.index('<trans-unit id="preamble"')
    end = text.index("</trans-unit>", start)
    found = re.search(r'<mrk mtype="protected">([^<]+)</mrk>', text[start:end])
    assert found is not None  # the preamble names the service's site
    url = found[1]
    source, target = SOURCE_TAGGED[shape]
    head, tail = text[start:end].split("<target ", 1)
    attrs, words = tail.split(">", 1)
    assert url in words
    unit = (head.replace(found[0], "¶" + source(url), 1) + "<target " + attrs + ">Итак. "
            + words.replace(url, target(url), 1))
    text, line, col = _marked(text[:start] + unit + text[end:])
    out.write_text(text, "utf-8")
    return out, line, col


@pytest.mark.parametrize("shape", sorted(SOURCE_TAGGED))
def test_a_source_a_cat_tool_made_tags_of_is_said_so_at_its_first_tag(
        policy_copy: Path, tmp_path: Path, shape: str) -> None:
    """XLIFF010 at the source's first tag, once for the segment (not XLIFF004, not XLIFF009):
    the CAT tool turned part of the Japanese into tags; nothing is written."""
    out, line, col = _source_tagged(policy_copy, tmp_path, shape)
    before = (policy_copy / "ru.yaml").read_bytes()
    code, output = said("en", "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 1 and f"{out}:{line}:{col}: XLIFF010 the CAT tool turned part of " in output, (
        output)
    assert "XLIFF004" not in output and "XLIFF009" not in output, output
    assert NOTHING_IMPORTED["en"] in output, output
    assert (policy_copy / "ru.yaml").read_bytes() == before


@pytest.mark.parametrize("lang", sorted(SOURCE_TAGS_SAID))
def test_a_source_made_tags_of_is_said_in_the_translators_language(
        policy_copy: Path, tmp_path: Path, lang: str) -> None:
    out, line, col = _source_tagged(policy_copy, tmp_path, "URL replaced by <x/>")
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    message, hint = SOURCE_TAGS_SAID[lang]
    assert code == 1 and f"{out}:{line}:{col}: XLIFF010 " in output, output
    assert message in output and hint in output, output
    assert NOTHING_IMPORTED[lang] in output, output


def test_a_source_made_tags_of_in_a_segment_sent_back_as_it_was_stops_no_other(
        policy_copy: Path, tmp_path: Path) -> None:
    """A segment the translator did not change brings nothing to read, whatever its source
    holds: the translation of another segment is imported."""
    out, _, _ = _source_tagged(policy_copy, tmp_path, "URL in <ph>, typed in the target")
    text = out.read_text("utf-8")
    start = text.index('<trans-unit id="preamble"')
    text = text[:start] + text[start:].replace("Итак. ", "", 1)
    item = _first_item(policy_copy)
    out.write_text(_with_target(text, unit_id(item), "Новый текст пункта."), "utf-8")
    code, output = said("en", "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0 and f"updated {named(item)} (stamped)" in output, output
    assert _edition_text(policy_copy, unit_id(item)) == "Новый текст пункта."


def _g_in_source(policy_copy: Path, tmp_path: Path, bold: bool) -> tuple[Path, Unit, int, int]:
    """The Russian export, its first item's target changed through translate-toolkit, and the
    item's source as a CAT tool writes a span of it as formatting (¶ marks where): a <g> in
    place of Markdown's `**…**` around words of it (`bold`: the master has them bold), or a
    <g> around the same words, all of them there."""
    item = _first_item(policy_copy)
    assert item.text is not None
    words = item.text[4:9]
    if bold:  # the legal team writes these words bold
        ja = policy_copy / "ja.yaml"
        yaml = ja.read_text("utf-8")
        at = yaml.index(item.text, yaml.index(f"id: {item.id_path.rpartition('.')[2]}\n")) + 4
        ja.write_text(yaml[:at] + f"**{words}**" + yaml[at + len(words):], "utf-8")
    out = tmp_path / "ru.xlf"
    store = export(policy_copy, "ru", out)
    unit = next(u for u in store.units if local_id(u) == unit_id(item))
    unit.target = "Новый текст пункта."
    store.savefile(str(out))
    text = out.read_text("utf-8")
    start = text.index(f'<trans-unit id="{unit_id(item)}"')
    head, tail = text[:start], text[start:]
    spanned = f"**{words}**" if bold else words
    assert spanned in tail.split("</source>", 1)[0]
    text, line, col = _marked(head + tail.replace(
        spanned, f'¶<g id="1" ctype="bold">{words}</g>', 1))
    out.write_text(text, "utf-8")
    return out, item, line, col


def test_a_source_whose_markdown_a_cat_tool_made_a_g_span_is_said_so_at_the_span(
        policy_copy: Path, tmp_path: Path) -> None:
    """A CAT tool's Markdown filter writes `**…**` of the Japanese as the formatting of a <g>:
    the source lacks the `**`, as if the Japanese had changed, but it is the tool's doing,
    XLIFF010 at the <g> (it was XLIFF004, "export it again", which brings the <g> back)."""
    out, item, line, col = _g_in_source(policy_copy, tmp_path, bold=True)
    before = (policy_copy / "ru.yaml").read_bytes()
    code, output = said("en", "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 1 and (f"{out}:{line}:{col}: XLIFF010 the CAT tool turned part of the master "
                          f'text of {named(item)} in this file into a tag (<g id="1">)') in output, (
        output)
    assert "XLIFF004" not in output, output
    assert (policy_copy / "ru.yaml").read_bytes() == before


def test_a_g_span_around_the_masters_own_words_in_a_source_changes_nothing(
        policy_copy: Path, tmp_path: Path) -> None:
    """A <g> around words of the Japanese, every word there: the source is the master text, the
    translation is imported and stamped; and when the Japanese did change since the export, it
    is XLIFF004 as for any source, not the CAT tool's tags."""
    out, item, _, _ = _g_in_source(policy_copy, tmp_path, bold=False)
    kept = out.read_text("utf-8")
    code, output = said("en", "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0 and f"updated {named(item)} (stamped)" in output, output
    assert _edition_text(policy_copy, unit_id(item)) == "Новый текст пункта."
    ja = policy_copy / "ja.yaml"
    assert item.text is not None
    ja.write_text(ja.read_text("utf-8").replace(item.text, item.text + "また、変更しました。"),
                  "utf-8")
    out.write_text(kept.replace("Новый текст пункта.", "Другой текст пункта."), "utf-8")
    code, output = said("en", "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 1 and "XLIFF004" in output and "XLIFF010" not in output, output


def _origins(folder: Path, lang: str) -> dict[str, str | None]:
    """Each unit's own `origin:` in an edition (None: it takes the edition's)."""
    return {u.key: t.origin for u, t in translation_units(load_folder(folder).translations[lang])}


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return ([x[2:] for x in diff if x.startswith("- ")], [x[2:] for x in diff if x.startswith("+ ")])


def test_a_text_replaced_in_a_published_edition_is_marked_as_translated_here(
        policy_copy: Path, tmp_path: Path) -> None:
    """The Russian edition is the published one (`origin: published`): a text the import
    writes into it is no longer the published Russian, so its unit says `origin: translated`,
    written after its stamps as the edition writes it; every unit the file brings back as it
    is keeps its origin (the whole edition was exported)."""
    origins = _origins(policy_copy, "ru")
    out, item = _edited_export(policy_copy, tmp_path)
    before = (policy_copy / "ru.yaml").read_text("utf-8")
    code, output = run("xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0 and f"updated {named(item)} (stamped)" in output, output
    after = (policy_copy / "ru.yaml").read_text("utf-8")
    removed, added = _changed_lines(before, after)
    assert [x.strip() for x in added if x.strip().startswith("origin")] == ["origin: translated"]
    assert not [x for x in removed if "origin" in x]
    lines = after.splitlines()
    at = next(i for i, x in enumerate(lines) if "Новый текст." in x)
    assert [x.split(":")[0].strip() for x in lines[at - 3:at + 1]] == [
        "source", "target", "origin", "text"], lines[at - 3:at + 1]
    assert _origins(policy_copy, "ru") == {**origins, item.key: "translated"}
    from engine.review import edition_states

    states = {r.unit: r.origin for r in edition_states(load_folder(policy_copy).translations["ru"])}
    assert states[unit_id(item)] == "translated"
    # and the import says which units it marked so, in one line
    marked = [ln for ln in output.splitlines() if "marked as our translation" in ln]
    assert marked == [f"{policy_copy / 'ru.yaml'}: marked as our translation, not yet "
                      f"reviewed: {named(item)}"], output


@pytest.mark.parametrize(("lang", "words"), [
    ("ja", "：当社による翻訳（法務担当の確認前）と表示する部分："),
    ("ru", ": помечено как наш перевод, ещё не проверенный юристами: ")])
def test_the_units_marked_as_translated_here_are_named_in_the_readers_language(
        policy_copy: Path, tmp_path: Path, lang: str, words: str) -> None:
    out, item = _edited_export(policy_copy, tmp_path)
    code, output = said(lang, "xliff", "import", str(out), "--policy", str(policy_copy))
    assert code == 0, output
    line = next(ln for ln in output.splitlines() if words in ln)
    assert line.endswith(words + named(item, lang)), line


def test_a_text_replaced_where_its_origin_is_translated_already_gains_no_mark(
        policy_copy: Path, tmp_path: Path) -> None:
    """A unit that says `origin: translated` itself (a key point of the Russian edition), or
    whose edition does (the English), needs no mark: nothing is added but its text."""
    for lang, key in (("ru", "summary.lawful-collection"), ("en", _first_item(policy_copy).key)):
        assert (load_folder(policy_copy).translations[lang].origin == "translated") == (
            lang == "en")
        origins = _origins(policy_copy, lang)
        out = tmp_path / f"{lang}.xlf"
        store = export(policy_copy, lang, out)
        master = next(u for u in master_units(load_folder(policy_copy).master)  # type: ignore[arg-type]
                      if u.key == key)
        unit = next(u for u in store.units if local_id(u) == unit_id(master))
        unit.target = {"ru": "Новые слова. ", "en": "New words. "}[lang] + str(unit.target)
        store.savefile(str(out))
        before = (policy_copy / f"{lang}.yaml").read_text("utf-8")
        code, output = run("xliff", "import", str(out), "--policy", str(policy_copy))
        assert code == 0 and "updated" in output, output
        removed, added = _changed_lines(before, (policy_copy / f"{lang}.yaml").read_text("utf-8"))
        assert not [x for x in added + removed if "origin" in x], (removed, added)
        assert _origins(policy_copy, lang) == origins
        assert "marked as our translation" not in output, output  # nothing was marked
