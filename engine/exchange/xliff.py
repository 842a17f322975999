"""XLIFF 1.2 for CAT tools: export an edition's texts beside the Japanese master, import translated targets back.

One trans-unit per text: the unit id (`definition`, `collection.collection-consent`,
`preamble`) for a unit's text, and `<unit id>#title` for a clause title. The notes give the
clause as each edition cites it (engine/citation.py) and the clause's title. The state comes
from the stamp and the legal sign-off:

    needs-translation   the unit is missing, unstamped, or stamped from an older master text
    translated          stamped from today's master text (approved="yes": the translation is
                        final, as CAT tools and translate-toolkit read the attribute)
    signed-off          also approved by the legal team for exactly the text it has now
                        (`approvals:` in the edition, engine/review.py; approved="yes")

Markdown stays text; link destinations, URLs and e-mail addresses in the source are wrapped
in `<mrk mtype="protected">` so that CAT tools show them as placeables not to be translated.
Every trans-unit is marked xml:space="preserve": in XLIFF 1.2 a text's whitespace counts only
there, and Markdown's line breaks make its lists and paragraphs.

Import reads a target as XLIFF 1.2 says: where xml:space is not "preserve" (on the trans-unit,
or the nearest <group>, <body> or <file> that says it) a CAT tool may indent or rewrap it, so
each run of spaces, tabs and line breaks is one space and the ends are trimmed; a target whose
master text has line breaks is refused there (XLIFF008) rather than flattened into one line,
unless it differs from the edition's text only in whitespace (then it is left alone). Where it
is "preserve", the spaces and line breaks at a target's ends are still an XML formatter's
layout, not the translation's: no text of the policy begins or ends with them. The
text of a target's <g> and <mrk> spans (a sentence a segmenting CAT tool marks, mtype="seg"; a
protected placeable copied from the source) is the translation's; any other inline element (a
placeholder <x/>, <bx/>, <ex/>; native code in <ph>, <bpt>, <ept>, <it>) stands for code of an
original document the export never had, which the edition's Markdown cannot receive: the
target is refused at its first tag (XLIFF009), never read without it or with its code as words.
A <source> holding such a tag is a CAT tool's doing (its filter protected a URL, an address or
Markdown's `**` as an inline code): the export writes none, and the master text has its words
as text, so a source with one cannot be compared with it. A segment that brings a translation
(a target that is not the edition's text) with such a source is refused at the source's first
tag (XLIFF010), said as what happened, never as a master text changed since the export
(XLIFF004) or a tag the target added (XLIFF009). So is a source with a <g> (a span of text, which
the export writes none of either) that lacks text of the master where its tags are: a
Markdown filter made the `**` around it the <g>'s formatting, or an empty <g/> stands for a
URL. A <g> around the master's own words, all of them there, leaves the source the master's.
An XLIFF 1.1 file (translate-toolkit writes one for a file it makes anew) is read as 1.2: every
element and attribute the import reads is the same in both.

Import writes targets back through the round-trip editor (engine/edit.py): only units whose
target differs from the edition change, a changed unit is stamped only when every text of it
in the file has today's master text as its source and the CAT tool no longer marks any of its
changed targets as untranslated or awaiting review (state `new`, `needs-translation`,
`needs-adaptation`, `needs-l10n` or `needs-review-*`, or `approved="no"`: a target not confirmed
yet is written, not stamped), and a unit whose master
changed since the export is refused by name; then nothing is written at all. A unit translated
from an earlier master text whose every text the file confirms as the edition has it (state
`translated`, `final`, `signed-off`, or approved="yes", under today's master text) is stamped
as `policy stamp --unchanged-ok` stamps it: the translator reviewed it in the CAT tool. A unit the master
has and the edition lacks is added where the master has it: a clause, an item (with its
clause, when the file brings that too), a key point of the summary, a release note. A unit
added or given a new text says `origin: translated` unless it (else its edition) says so
already: its words are no longer the published ones. A unit confirmed as it is keeps its origin.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from .. import citation
from ..diagnostics import Diagnostic, PolicyLoadError, make, texts_of
from ..edit import EditError, edit_yaml, set_key
from ..findings import unreadable
from ..loader import Sources
from ..model import Unit, fingerprint, master_units, normalize, translation_units
from ..parity.config import ParityConfig
from ..parity.context import text_fields, unit_id
from ..parity.naming import how_to_name, release_note_days, typed_names, unit_titles
from ..parity.stamp import SOURCE_BEFORE, resolve, unknown_names
from ..parity.text import EMAIL, LINK_DEST, URL
from ..releasenotes import is_placeholder
from ..review import approval_key, mark_translated, needs_translated_mark
from ..saying import Param, fill, listed, template, unit_param

NS = "urn:oasis:names:tc:xliff:document:1.2"
# What the import reads: XLIFF 1.2, and XLIFF 1.1 (as translate-toolkit writes a file it makes
# anew), whose every element and attribute the import reads is 1.2's (1.2 added <seg-source>,
# mrk mtype="seg", alt-trans's alttranstype, none of them read); the 1.2 schema itself allows
# version="1.1" in its namespace.
READ_NS = (NS, "urn:oasis:names:tc:xliff:document:1.1")
READ_VERSIONS = ("1.2", "1.1")
XML_NS = "http://www.w3.org/XML/1998/namespace"
TITLE_SUFFIX = "#title"

NEEDS_TRANSLATION, TRANSLATED, SIGNED_OFF = "needs-translation", "translated", "signed-off"


# ------------------------------------------------------------------------------ sign-off


def signed_off(src: Sources, lang: str) -> frozenset[str]:
    """The units of the `lang` edition the legal team approved for exactly the text they have
    now (`approvals:`, read through engine/review.py), by approval key (slug, `title`, …)."""
    from ..review import edition_states

    return frozenset(r.key for r in edition_states(src.translations[lang])
                     if r.state == "approved")


# The XLIFF 1.2 target states that say the text is not translated yet, or not reviewed yet (a
# fuzzy match, a machine suggestion): a target in one of them, or in a unit marked
# approved="no", is written into the edition (the translator's words are kept) but not stamped
# as translated.
UNCONFIRMED = frozenset({"new", "needs-translation", "needs-adaptation", "needs-l10n",
                         "needs-review-translation", "needs-review-adaptation",
                         "needs-review-l10n"})

# The XLIFF 1.2 target states by which a CAT tool says the translator (or a reviewer) confirmed
# a target: one of them, or approved="yes" on its trans-unit, confirms a target left as it was
# too, as a CAT tool does for a segment whose source changed when the translation still fits
# (translate-toolkit: approved="yes" state="translated").
CONFIRMED = frozenset({"translated", "final", "signed-off"})


def unit_state(master: Unit, unit: Unit | None, stamp: str | None, approved: bool) -> str:
    """The XLIFF state of one unit of an edition."""
    if unit is None or stamp is None or stamp != fingerprint(master.source_text()):
        return NEEDS_TRANSLATION
    return SIGNED_OFF if approved else TRANSLATED


# ------------------------------------------------------------------------------- export


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Where link destinations, URLs and e-mail addresses sit in a Markdown text, merged."""
    spans = sorted([(m.start(), m.end()) for m in LINK_DEST.finditer(text)]
                   + [(m.start(), m.end()) for m in EMAIL.finditer(text)]
                   + [(m.start(), m.end()) for m in URL.finditer(text)])
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _fill(element: ET.Element, text: str, *, protect: bool) -> None:
    """Put `text` into `element`, with protected spans as <mrk mtype="protected"> children."""
    spans = protected_spans(text) if protect else []
    element.text = text[: spans[0][0]] if spans else text
    last: ET.Element | None = None
    for i, (s, e) in enumerate(spans):
        last = ET.SubElement(element, "mrk", {"mtype": "protected"})
        last.text = text[s:e]
        end = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        last.tail = text[e:end]


# A part without a printed number, as each language names it in a note: the key points by
# their place in the summary (as `policy stamp LANG --key-point N` names them).
_KEY_POINT_N = {"ja": "要約の要点{n}", "ru": "тезис {n} краткого изложения",
                "en": "key point {n} of the summary"}


def _part(mu: Unit, lang: str, typed: Mapping[str, str]) -> str:
    from ..wording import unit_label

    if mu.key.startswith("summary.") and mu.key in typed:
        return _KEY_POINT_N.get(lang, _KEY_POINT_N["en"]).format(n=typed[mu.key].split()[-1])
    if mu.key.startswith("footer.revisions.") and mu.key in typed:  # by its revision's date
        return unit_label("", None, "footer.revisions." + typed[mu.key].split()[-1], say=lang)
    return unit_label("", None, mu.key, say=lang)


def _notes(mu: Unit, clause: Unit | None, lang: str, master_lang: str,
           titles: Mapping[str, str], typed: Mapping[str, str]) -> list[str]:
    if not mu.number:
        return [f"{_part(mu, lang, typed)} ({_part(mu, master_lang, typed)})"]
    notes = [f"{citation.cite(mu.number, lang)} ({citation.cite(mu.number, master_lang)})"]
    if clause is not None and clause.title:
        translated = titles.get(clause.key)
        notes.append(f"{translated} ({clause.title})" if translated else clause.title)
    return notes


# The file's note for its translator, in the language they translate into.
_HEADER = {
    "en": "Translate the {lang} targets; keep link targets, URLs and e-mail addresses as they "
          "are. Import with `policy xliff import FILE`, then run `policy check`.",
    "ru": "Переведите тексты на русский ({lang}); адреса ссылок, URL и адреса электронной "
          "почты оставьте как есть. Импорт: `policy xliff import FILE`, затем запустите "
          "`policy check`.",
    "ja": "日本語（{lang}）に翻訳してください。リンク先、URL、メールアドレスはそのまま残して"
          "ください。`policy xliff import FILE` で取り込み、その後 `policy check` を実行して"
          "ください。",
}


# The note beside a segment whose Japanese changed since it was translated, in the language
# it is translated into; the earlier Japanese and its translation follow as an <alt-trans>.
_CHANGED = {
    "en": "The Japanese changed since this was translated: the earlier Japanese and its "
          "translation are given beside it (alt-trans, previous version).",
    "ru": "Оригинал изменился после перевода: прежний текст оригинала и его перевод приведены "
          "рядом (alt-trans, предыдущая версия).",
    "ja": "翻訳した後に原文が変更されました。以前の原文とその翻訳を併記しています（alt-trans、"
          "以前のバージョン）。",
}


class _Earlier:
    """The master texts a translation was made from, by its stamp (engine/history.py: the
    master file's git history), split into the unit's fields; git is asked only for a stale
    unit, once per export."""

    def __init__(self, src: Sources) -> None:
        self._file = Path(src.master_doc.file) if src.master_doc is not None else None
        self._lookup: Any = None

    def fields(self, mu: Unit, stamp: str) -> dict[str, str]:
        if self._file is None:
            return {}
        if self._lookup is None:
            from ..history import History

            self._lookup = History(self._file)
        found = self._lookup(stamp)
        if found is None:
            return {}
        names = [n for n, _, _ in text_fields(mu, translation=False)]
        parts = found[0].split("\n", 1) if len(names) == 2 else [found[0]]
        return dict(zip(names, parts, strict=False)) if len(parts) == len(names) else {}


def export_xliff(src: Sources, lang: str, names: Sequence[str] = (), *,
                 stale_only: bool = False) -> str:
    """The XLIFF 1.2 document of the `lang` edition (the named units, or the ones that need
    translation, or all), as text."""
    if src.master is None or lang not in src.translations or lang == src.master.lang:
        editions = ", ".join(sorted(src.translations))
        master_lang = src.master.lang if src.master is not None else None
        problems = [d for d in src.diagnostics if d.severity.name == "ERROR"] or [
            make("XLIFF002", f"'{lang}' is the master, the text every edition is translated "
                 "from: a CAT tool gets the translations", str(src.folder),
                 hint=f"export one of them: {editions}",
                 params={"form": "export_master", "target": lang,
                         "editions": "\x1f".join(sorted(src.translations))})
            if lang == master_lang else
            make("XLIFF002", f"no valid '{lang}' edition to export", str(src.folder),
                 hint=f"the editions are: {editions}",
                 params={"form": "export", "target": lang,
                         "editions": "\x1f".join(sorted(src.translations))})]
        raise PolicyLoadError(problems)
    bad = unknown_names(src, names, lang)
    if bad:
        raise PolicyLoadError(bad)
    master = src.master
    units = list(master_units(master))
    typed = typed_names(master)
    chosen, _ = resolve(units, names, typed)
    theirs = {u.key: (u, tracked) for u, tracked in translation_units(src.translations[lang])}
    approved = signed_off(src, lang)
    clauses = {u.id_path: u for u in units if u.level == 0}
    titles = {k: u.title for k, (u, _) in theirs.items() if u.title}

    root = ET.Element("xliff", {"version": "1.2", "xmlns": NS})
    file_el = ET.SubElement(root, "file", {
        "original": Path(src.display_path(lang)).name,
        "source-language": master.lang,
        "target-language": lang,
        "datatype": "x-markdown",
        "product-name": master.facts.service,
        "product-version": master.facts.version,
    })
    header = ET.SubElement(file_el, "header")
    ET.SubElement(header, "note").text = _HEADER.get(lang, _HEADER["en"]).format(lang=lang)
    body = ET.SubElement(file_el, "body")
    earlier = _Earlier(src)
    for mu in chosen:
        unit, tracked = theirs.get(mu.key, (None, None))
        stamp = getattr(tracked, "source", None)
        state = unit_state(mu, unit, stamp, approval_key(mu) in approved)
        if stale_only and state != NEEDS_TRANSLATION:
            continue
        if any(is_placeholder(text) for _, text, _ in text_fields(mu, translation=False)):
            continue  # a release note the legal team has not written yet: nothing to translate
        # the edition's own placeholder (`policy revise` drafts one) is no translation to offer
        targets = {name: text for name, text, _ in text_fields(unit, translation=True)
                   if not is_placeholder(text)} if unit is not None else {}
        # translated from a master text that changed since: that text, beside the translation
        before = (earlier.fields(mu, stamp) if state == NEEDS_TRANSLATION and stamp
                  and targets else {})
        clause = clauses.get(mu.id_path.split(".", 1)[0]) if mu.id_path else None
        for name, text, _ in text_fields(mu, translation=False):
            tu = ET.SubElement(body, "trans-unit", {
                "id": unit_id(mu) + (TITLE_SUFFIX if name == "title" else ""),
                "resname": unit_id(mu),
                f"{{{XML_NS}}}space": "preserve",
            })
            if state in (TRANSLATED, SIGNED_OFF):
                tu.set("approved", "yes")
            source = ET.SubElement(tu, "source", {f"{{{XML_NS}}}lang": master.lang})
            _fill(source, text, protect=True)
            target = ET.SubElement(tu, "target", {f"{{{XML_NS}}}lang": lang, "state": state})
            _fill(target, targets.get(name, ""), protect=False)
            for note in _notes(mu, clause, lang, master.lang, titles, typed):
                ET.SubElement(tu, "note", {"from": "policy"}).text = note
            if before.get(name) not in (None, text) and targets.get(name):  # this text changed
                ET.SubElement(tu, "note", {"from": "policy"}).text = _CHANGED.get(
                    lang, _CHANGED["en"])
                alt = ET.SubElement(tu, "alt-trans", {"alttranstype": "previous-version"})
                _fill(ET.SubElement(alt, "source", {f"{{{XML_NS}}}lang": master.lang}),
                      before[name], protect=True)
                _fill(ET.SubElement(alt, "target", {f"{{{XML_NS}}}lang": lang}),
                      targets[name], protect=False)
    _indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(
        root, encoding="unicode") + "\n"


def _indent(el: ET.Element, level: int = 0) -> None:
    """Indent the structure for reading; <source>, <target> and <note> keep their text as is."""
    if el.tag in ("source", "target", "note") or len(el) == 0:
        return
    el.text = "\n" + "  " * (level + 1)
    for child in el:
        _indent(child, level + 1)
        child.tail = "\n" + "  " * (level + 1)
    el[-1].tail = "\n" + "  " * level


# ------------------------------------------------------------------------------- import


@dataclass(frozen=True, slots=True)
class ImportResult:
    lang: str
    file: Path
    written: tuple[str, ...]  # units whose text changed
    stamped: tuple[str, ...]  # of those, the ones stamped with today's master fingerprint
    unchanged: int  # trans-units whose target equals the edition's text
    unconfirmed: tuple[str, ...] = ()  # written, not stamped: the file marks them untranslated
    # stamped, not written: the Japanese changed since they were translated, and the file
    # confirms their translation as it is (the translator reviewed it in the CAT tool)
    confirmed: tuple[str, ...] = ()
    # neither written nor stamped: up to date, sent back unchanged, but marked in the file as
    # still to review or to translate (a reviewer's "no" the edition has no place for)
    flagged: tuple[str, ...] = ()
    added: tuple[str, ...] = ()  # of the written, the units the edition lacked (clauses, items,
    # key points, release notes)
    # not stamped: release notes still the placeholder `policy revise` drafted, in the edition
    # (`drafted`) or in the master (`master_drafted`: nothing to translate from yet)
    drafted: tuple[str, ...] = ()
    master_drafted: tuple[str, ...] = ()
    # unit id -> (the unit as a `{…:@unit}` parameter, what `policy stamp LANG` takes for it)
    names: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    # of the written, the units now marked `origin: translated` (their words were published,
    # or reconstructed: the pages now say "translated by us, not yet reviewed")
    marked: tuple[str, ...] = ()
    # not written: units whose translation the file sends back empty (or without a <target>)
    # while the edition has one; the edition's text is kept, and the translator is told
    emptied: tuple[str, ...] = ()


# A place in the file: line and column, both from 1 (0, 0 where it is not known).
Place = tuple[int, int]


@dataclass(frozen=True, slots=True)
class _Entry:
    id: str
    source: str
    target: str | None  # as XLIFF 1.2 reads it: its whitespace collapsed unless preserved
    id_at: Place  # its id="…" attribute (the <trans-unit> tag where it has none)
    state: str | None = None  # the target's state, as the CAT tool left it
    preserved: bool = True  # the target's whitespace counts (xml:space="preserve")
    target_at: Place | None = None  # the <target> tag
    # the xml:space attribute that lets the target's whitespace go (on the <target>, the
    # <trans-unit>, or the nearest <group>, <body>, <file> that says it), else the
    # <trans-unit>, which the export marks xml:space="preserve"
    space_at: Place = (0, 0)
    space_by: str = ""  # the element whose xml:space that is (`target`, `group`; "" for none)
    space: str = ""  # and what it says (`default`)
    source_at: Place = (0, 0)  # the <source> tag (the <trans-unit> tag where it has none)
    approved: bool = False  # its trans-unit says approved="yes"
    # the elements in its target that stand for code of the original document (`<x id="1"/>`,
    # `<bpt id="2">`: no text of the translation), each with the place of its tag
    codes: tuple[tuple[str, Place], ...] = ()
    # and those in its source: a CAT tool's filter made them of the master text's words
    source_codes: tuple[tuple[str, Place], ...] = ()
    # every tag in its source the export never writes (those codes and any <g> span), in the
    # file's order, and the source as its pieces of text, None where such a tag stands, begins
    # or ends: where the CAT tool may have taken text of the master into a tag
    source_tags: tuple[tuple[str, Place], ...] = ()
    source_shape: tuple[str | None, ...] = ()

    def confirmed(self) -> bool:
        """The CAT tool marks the target confirmed: by its state, or by approved="yes" where
        its state does not say it is still to translate or to review."""
        return self.state not in UNCONFIRMED and (self.state in CONFIRMED or self.approved)


def _tags_finding(code: str, codes: Sequence[tuple[str, Place]], unit: str, title: bool,
                 name: str) -> Diagnostic:
    """XLIFF009 (tags in a target) or XLIFF010 (in a source) for one segment of `unit` (as
    named in messages; `title`: the segment is a clause's title): every tag named as the file
    writes it, at the first one."""
    said: dict[str, Param] = {"unit": unit, "n": len(codes),
                              "tags": listed([tag for tag, _ in codes])}
    if title:
        said["form"] = "title"
    message, hint = _said(code, said)
    return make(code, message, name, *codes[0][1], hint=hint, params=said)


def _text(el: ET.Element | None) -> str | None:
    return None if el is None else "".join(el.itertext())


# The inline elements of XLIFF 1.2 (and 1.1) whose content is text: <g>, a span the original
# formats (its text is the translation's, the formatting it stands for the edition cannot
# hold), and <mrk>, a marked span (a term, a protected placeable as the export marks link
# targets and addresses in a source, a segment as <seg-source> and segmenting CAT tools mark one with
# mtype="seg"). Every other element in a target or a source stands for code of the original
# document: an empty placeholder (<x/>, <bx/>, <ex/>), or native code held as its content
# (<ph>, <bpt>, <ept>, <it>, whose <sub> alone is text), or nothing XLIFF allows there at all.
_HOLDS_TEXT = ("g", "mrk")


def _inline_text(el: ET.Element, q: str) -> tuple[str, list[ET.Element]]:
    """A target's (a source's) text, the text of its <g> and <mrk> spans kept, and the elements
    in it that stand for code of the original document (whose content is no text of it)."""
    parts = [el.text or ""]
    codes: list[ET.Element] = []
    for child in el:
        if child.tag in {q + name for name in _HOLDS_TEXT}:
            text, inner = _inline_text(child, q)
            parts.append(text)
            codes.extend(inner)
        else:
            codes.append(child)
        parts.append(child.tail or "")
    return "".join(parts), codes


def _source_parts(el: ET.Element, q: str) -> tuple[list[str | None], list[ET.Element]]:
    """A source as its pieces of text, None where a tag the export never writes stands (a
    code) or where a <g> span begins and ends, and those tags in the file's order. The export's
    own <mrk> is text: its words are the master's as they are."""
    shape: list[str | None] = [el.text or ""]
    tags: list[ET.Element] = []
    for child in el:
        if child.tag in (q + "mrk", q + "g"):
            inner, inner_tags = _source_parts(child, q)
            if child.tag == q + "g":
                tags.append(child)
                inner = [None, *inner, None]
            shape.extend(inner)
            tags.extend(inner_tags)
        else:
            tags.append(child)
            shape.append(None)
        shape.append(child.tail or "")
    return shape, tags


def _made_of(shape: Sequence[str | None], master_text: str) -> bool:
    """The master text reads as the source `shape` with some text where its tags are: each
    piece of the source's own text in its place (its whitespace as the comparison of sources
    reads it), whatever stood where a tag stands or at a <g> span's ends (a URL a code took
    in, the `**` a Markdown filter made into the formatting of a <g>)."""
    pieces = [""]
    for part in shape:
        if part is None:
            pieces.append("")
        else:
            pieces[-1] += part
    pattern = ".*?".join(r"\s*" + r"\s+".join(map(re.escape, unicodedata.normalize(
        "NFKC", piece).split())) + r"\s*" for piece in pieces)
    return re.fullmatch(pattern, unicodedata.normalize("NFKC", master_text), re.S) is not None


def _as_tag(el: ET.Element) -> str:
    """An inline element as a translator may find it in the file: `<x id="1"/>`, `<bpt id="2">`."""
    name = el.tag.rsplit("}", 1)[-1]
    ident = el.get("id")
    said = f' id="{ident}"' if ident is not None else ""
    return f"<{name}{said}{'/' if not len(el) and not el.text else ''}>"


# XML's whitespace (not a no-break or an ideographic space, which are a text's own characters).
_XML_SPACE = re.compile(r"[ \t\r\n]+")


def _as_edition_has_it(e: _Entry, old: str | None) -> bool:
    """The entry's target is the edition's text `old` (but for whitespace the file lets go)."""
    return e.target == old or (not e.preserved and _collapsed(old or "") == e.target)


def _collapsed(text: str) -> str:
    """A text as XLIFF 1.2 reads it where whitespace is not preserved: each run of spaces, tabs
    and line breaks one space, none at either end."""
    return _XML_SPACE.sub(" ", text).strip(" ")


def _trans_units(el: ET.Element, space: str, q: str, by: ET.Element | None = None
                 ) -> Iterator[tuple[ET.Element, str, ET.Element | None]]:
    """Each trans-unit under `el` with the xml:space it is under (on it, or on the nearest of
    its <group>s, its <body>, its <file> that says it; XML's own rule: "default" where none
    does), and the element that says it (`by` for `el`; None where none does)."""
    for child in el:
        here = child.get(f"{{{XML_NS}}}space")
        own, said = (space, by) if here is None else (here, child)
        if child.tag == f"{q}trans-unit":
            yield child, own, said
        else:
            yield from _trans_units(child, own, q, said)


def _tag_offsets(data: bytes, root: ET.Element) -> dict[ET.Element, int]:
    """Where each element's start tag begins in the file (the byte offset of its `<`), as
    expat finds them: its start events come in the order `root.iter()` gives the elements
    (ElementTree keeps no comments or processing instructions). Empty when the two disagree,
    which a file ElementTree has read does not make them do."""
    from xml.parsers import expat

    parser = expat.ParserCreate()
    offsets: list[int] = []
    parser.StartElementHandler = lambda *_: offsets.append(parser.CurrentByteIndex)
    try:
        parser.Parse(data, True)
    except expat.ExpatError:
        return {}
    elements = list(root.iter())
    return dict(zip(elements, offsets, strict=True)) if len(elements) == len(offsets) else {}


# A start tag's name, then each of its attributes (a well-formed one: the file has been read).
_TAG_NAME = re.compile(rb"<[^\s/>]+")
_ATTRIBUTE = re.compile(rb"""\s+([^\s=/>]+)\s*=\s*(?:"[^"]*"|'[^']*')""")


class _Places:
    """Lines and columns in the file, as an editor and every other finding count them: from
    1, a column in characters (not bytes: a Japanese character before it is one column, a tab
    too), a line ended by LF, CRLF or CR (as XML ends lines; expat counts them so too)."""

    def __init__(self, data: bytes, root: ET.Element) -> None:
        self._data = data
        self._offsets = _tag_offsets(data, root)
        self._lines = [0, *(m.end() for m in re.finditer(rb"\r\n?|\n", data))]  # their starts

    def _place(self, offset: int) -> Place:
        from bisect import bisect_right

        line = bisect_right(self._lines, offset)
        start = self._lines[line - 1]
        text = self._data[start:offset].decode("utf-8", "replace")
        return line, len(text.removeprefix("\ufeff") if start == 0 else text) + 1

    def tag(self, el: ET.Element) -> Place:
        """The place of the element's start tag (its `<`)."""
        offset = self._offsets.get(el)
        return (0, 0) if offset is None else self._place(offset)

    def attribute(self, el: ET.Element, name: str) -> Place:
        """The place of the element's attribute `name` (as written: `id`, `xml:space`), where
        its name starts, wherever in the tag it stands: on a line of its own, after a tab, in
        single quotes or double; else that of the element's tag."""
        offset = self._offsets.get(el)
        if offset is None:
            return (0, 0)
        found = _TAG_NAME.match(self._data, offset)
        at = found.end() if found is not None else offset
        wanted = name.encode("ascii")
        while (attribute := _ATTRIBUTE.match(self._data, at)) is not None:
            if attribute.group(1) == wanted:
                return self._place(attribute.start(1))
            at = attribute.end()
        return self._place(offset)


# What expat's errors mean to someone who edited a file in a CAT tool (xml.parsers.expat.errors).
_CUT = {"no element found", "unclosed token", "unclosed CDATA section"}
_BAD_CHARACTER = {"not well-formed (invalid token)", "undefined entity",
                  "reference to invalid character number"}
_NOT_WELL_FORMED = {
    "empty": "the file is empty",
    "cut": "the file ends before its XML is complete: it was cut off, or saved or copied only "
           "in part",
    "tag": "the closing tag {found} does not match the tag it closes, so the markup of a text "
           "is broken here",
    "tag_open": "the tag {opened} opened here is not closed before {found} on line {at}, so "
                "the markup of a text is broken here",
    "character": "a character here cannot stand in XML as it is: write a < in a text as &lt; "
                 "and an & as &amp;",
    "junk": "there is more after the end of the XLIFF document (two files joined, or text "
            "pasted after </xliff>)",
    "other": "not well-formed XML: {detail}",
}
_REDO = {
    "empty": "save the file again from the CAT tool, or copy it whole; then import it again",
    "cut": "save the file again from the CAT tool, or copy it whole; then import it again",
}
_CLOSE_TAG = "close this tag where its text ends, or delete it; then import the file again"
_FIX_LINE = ("correct this place in the CAT tool or a text editor, or save the file again from "
             "the CAT tool; then import it again")


_TAG = re.compile(r"<!--.*?-->|<\?.*?\?>|<!\[CDATA\[.*?\]\]>|<!.*?>"
                  r"|<(/?)([A-Za-z_][\w.:-]*)(?:\s[^<>]*?)?(/?)>", re.S)


def _left_open(raw: str, end: int, closing: str) -> tuple[str, int] | None:
    """The tag left open where the closing tag `closing` (its name) stands, at `end`: when
    `closing` closes a tag opened further out, the innermost tag still open (its name and
    where it starts) is the one that lacks its end. None when `closing` closes nothing open (a
    stray closing tag: it is the mistake) or the tags before cannot be followed."""
    stack: list[tuple[str, int]] = []
    for m in _TAG.finditer(raw, 0, end):
        ends, tag, empty = m.group(1), m.group(2), m.group(3)
        if tag is None or empty:
            continue
        if not ends:
            stack.append((tag, m.start()))
        elif stack and stack[-1][0] == tag:
            stack.pop()
        else:
            return None
    if len(stack) < 2 or stack[-1][0] == closing or all(t != closing for t, _ in stack[:-1]):
        return None
    return stack[-1]


def _not_well_formed(exc: ET.ParseError, raw: str, name: str) -> Diagnostic:
    """XLIFF001 for a file expat cannot read, said as what went wrong, at the place it did."""
    from xml.parsers.expat import errors

    line, col = exc.position
    what = errors.messages.get(exc.code, "") if isinstance(exc.code, int) else ""
    found = ""
    if not raw.strip():
        form, line, col = "empty", 1, 0
    elif what in _CUT:
        form = "cut"
    elif what == errors.XML_ERROR_TAG_MISMATCH:
        form = "tag"
        lines = raw.split("\n")  # as expat counts lines (not str.splitlines: U+2028 …)
        text = lines[line - 1].rstrip("\r") if 0 < line <= len(lines) else ""
        col = max(text.rfind("<", 0, col + 1), 0)  # expat points into the tag's name
        found = text[col:].split(">", 1)[0] + ">"
        opened = _left_open(raw, sum(len(x) + 1 for x in lines[:line - 1]) + col,
                            found.strip("</>").split()[0] if found.strip("</>") else "")
        if opened is not None:  # the tag left open is where to look: say that place
            tag, at = opened
            closed_at = line
            line = raw.count("\n", 0, at) + 1
            col = at - (raw.rfind("\n", 0, at) + 1)
            params = {"form": "tag_open", "found": found, "opened": f"<{tag}>",
                      "at": str(closed_at)}
            return make("XLIFF001", _NOT_WELL_FORMED["tag_open"].format(**params), name,
                        line, col + 1, hint=_CLOSE_TAG, params=params)
    elif what in _BAD_CHARACTER:
        form = "character"
    elif what == errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT:
        form = "junk"
    else:
        form = "other"
    detail = str(exc).split(": line ", 1)[0]
    params = {"form": form, "found": found, "detail": detail}
    return make("XLIFF001", _NOT_WELL_FORMED[form].format(**params), name, line, col + 1,
                hint=_REDO.get(form, _FIX_LINE), params=params)


def _said(code: str, params: Mapping[str, Param]) -> tuple[str, str | None]:
    """The English message and hint of a finding from its code's templates (engine/basewords.py),
    so that every language says it from the same parameters."""
    words = texts_of(code)
    hint = template(words.hint, "en", params)
    return (fill(template(words.message, "en", params) or "", "en", params),
            fill(hint, "en", params) if hint else None)


def _as_utf8(data: bytes) -> bytes:
    """A file a CAT tool saved as UTF-16 (with its byte-order mark, as XML requires), as UTF-8
    with its declaration saying so; any other file as it is. Lines stay where they were."""
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError:
        return data  # said as not well-formed, where expat stops
    text = re.sub(r"""^(<\?xml[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2""", r'\1"UTF-8"', text)
    return text.encode("utf-8")


def _not_xliff(name: str) -> Diagnostic:
    """XLIFF001 for a file that is plainly not an XLIFF file (not XML at all, or XML whose root
    is no <xliff>: a policy YAML file, say), in one line: which file to import instead."""
    params = {"form": "not_xliff"}
    return make("XLIFF001", _said("XLIFF001", params)[0], name, params=params)


def read_xliff(path: Path, display: str | None = None
               ) -> tuple[str, str, list[_Entry], dict[str, Place]]:
    """(source language, target language, trans-units, where the file says its languages) of
    an XLIFF 1.2 (or 1.1) file: the places of its <file>'s `source-language` and
    `target-language` attributes (the <file> tag's where one is missing)."""
    name = display if display is not None else str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise PolicyLoadError([unreadable(exc, name)]) from exc
    data = _as_utf8(data)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] not in (b"", b"<"):  # not XML (a YAML file)
        raise PolicyLoadError([_not_xliff(name)])
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        at = min(i for i in (data.find(b"<!DOCTYPE"), data.find(b"<!ENTITY")) if i >= 0)
        line_start = data.rfind(b"\n", 0, at) + 1  # said where it is: line, character from 1
        where = (data.count(b"\n", 0, at) + 1,
                 len(data[line_start:at].decode("utf-8", "replace")) + 1)
        raise PolicyLoadError([make("XLIFF001", "the file declares a DOCTYPE or entities, which "
                                    "an XLIFF 1.2 file from a CAT tool never needs", name,
                                    *where, hint="export the file again from the CAT tool",
                                    params={"form": "doctype"})])
    raw = data.decode("utf-8", "replace")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise PolicyLoadError([_not_well_formed(exc, raw, name)]) from exc
    if root.tag.rsplit("}", 1)[-1] != "xliff":  # XML, but another kind of document
        raise PolicyLoadError([_not_xliff(name)])
    places = _Places(data, root)
    ns = root.tag[1:].partition("}")[0] if root.tag.startswith("{") else ""
    if ns not in READ_NS or root.get("version") not in READ_VERSIONS:  # said at its <xliff>
        version: dict[str, Param] = {"form": "version"}
        message, hint = _said("XLIFF001", version)
        raise PolicyLoadError([make("XLIFF001", message, name, *places.tag(root), hint=hint,
                                    params=version)])
    q = f"{{{ns}}}"
    files = root.findall(f"{q}file")
    if len(files) != 1:  # said at the second <file> (a file joined to the export), else <xliff>
        params: dict[str, Param] = {"form": "files", "n": len(files)}
        message, hint = _said("XLIFF001", params)
        raise PolicyLoadError([make("XLIFF001", message, name,
                                    *places.tag(files[1] if files else root), hint=hint,
                                    params=params)])
    f = files[0]
    entries: list[_Entry] = []
    space = f"{{{XML_NS}}}space"
    in_file, file_holder = "default", None  # the xml:space of the <file>, and who says it
    for el in (root, f):
        if el.get(space) is not None:
            in_file, file_holder = el.get(space, ""), el
    for tu, space_of, holder in _trans_units(f, in_file, q, file_holder):
        uid = tu.get("id", "")
        source_el = tu.find(f"{q}source")
        source = _text(source_el)
        target = tu.find(f"{q}target")
        state = target.get("state") if target is not None else None
        if tu.get("approved") == "no" and state not in UNCONFIRMED:
            state = "needs-review-translation"  # not approved: as a CAT tool marks a fuzzy one
        qualifier = target.get("state-qualifier", "") if target is not None else ""
        if qualifier.startswith("rejected-") and state not in UNCONFIRMED:
            # a reviewer rejected it (XLIFF 1.2: rejected-inaccurate, -grammar, -length,
            # -spelling), whatever its state says: not confirmed
            state = "needs-review-translation"
        # XLIFF 1.2: a text's whitespace counts only under xml:space="preserve"; elsewhere a CAT
        # tool may indent or rewrap it (a <target> may say so itself, beyond the strict schema)
        if target is not None and target.get(space) is not None:
            space_of, holder = target.get(space, ""), target
        preserved = space_of == "preserve"
        text, codes = _inline_text(target, q) if target is not None else (None, [])
        if text is not None and preserved:
            # the spaces and line breaks at its ends are an XML formatter's layout (the
            # <target> on lines of its own, indented), never the translation's: no text of the
            # policy begins or ends with them (TYPO004 would say so)
            text = text.strip(" \t\r\n")
        # the source is read as all its text, as it was (a tag in it is said, not read); its
        # codes are its tags but the <g> spans
        shape, source_tags = (_source_parts(source_el, q) if source_el is not None
                              else ([], []))
        source_codes = [t for t in source_tags if t.tag != q + "g"]
        entries.append(_Entry(
            uid, source or "", text if preserved or text is None else _collapsed(text),
            places.attribute(tu, "id"), state, preserved,
            places.tag(target) if target is not None else None,
            space_at=(places.attribute(holder, "xml:space") if holder is not None
                      else places.tag(tu)),
            space_by="" if holder is None else holder.tag.rsplit("}", 1)[-1], space=space_of,
            source_at=places.tag(source_el if source_el is not None else tu),
            approved=tu.get("approved") == "yes",
            codes=tuple((_as_tag(c), places.tag(c)) for c in codes),
            source_codes=tuple((_as_tag(c), places.tag(c)) for c in source_codes),
            source_tags=tuple((_as_tag(c), places.tag(c)) for c in source_tags),
            source_shape=tuple(shape)))
    langs_at = {name: (places.attribute(f, name) if f.get(name) is not None
                       else places.tag(f)) for name in ("source-language", "target-language")}
    return f.get("source-language", ""), f.get("target-language", ""), entries, langs_at


@dataclass(slots=True)
class _Added:
    """The entries an import puts into the edition for the units it lacked: each by its unit's
    key, the entry beside it (whose texts' style its texts take), and each entry that ended
    its list or mapping with the new one put after it (`_hand_on_tail`)."""

    made: dict[str, CommentedMap] = field(default_factory=dict)
    beside: dict[str, Any] = field(default_factory=dict)
    tails: list[tuple[Any, CommentedMap]] = field(default_factory=list)

    def put(self, unit: str, container: Any, at: int, made: CommentedMap,
            key: str | None = None) -> None:
        """Insert `made` at `at` in a list, or under `key` in a mapping."""
        entries = list(container) if key is None else list(container.values())
        if key is None:
            container.insert(at, made)
        else:
            container.insert(at, key, made)
        self.made[unit] = made
        self.beside[unit] = entries[at - 1] if at else entries[0] if entries else None
        if at == len(entries) and entries:
            self.tails.append((entries[-1], made))

    def style_of(self, unit: str, name: str, text: str) -> Any:
        """The scalar a new text of `unit` takes its style from: its neighbour's text of the
        same name, else a block as the editions write a text."""
        near = self.beside.get(unit)
        old = near.get(name) if isinstance(near, dict) else None
        if isinstance(old, str):
            return old
        return LiteralScalarString("") if "\n" in text else FoldedScalarString("")


def _add_unit(data: CommentedMap, mu: Unit, masters: Sequence[Unit],
              master_data: Any, added: _Added) -> None:
    """A new, empty entry for master unit `mu` (a clause or item the edition lacks), put where
    the master has it: in its parent's list, after the last sibling the edition has that comes
    before it in the master; with its id and number as the master writes them. The caller
    sets its texts (its parent is in the edition, or was added just before: checked first)."""
    from ruamel.yaml.comments import CommentedSeq

    ids = mu.id_path.split(".")
    node: Any = data
    field_name = "clauses"
    for ident in ids[:-1]:
        node = next(e for e in node[field_name] if isinstance(e, dict) and e.get("id") == ident)
        field_name = "items"
    entries = node.get(field_name)
    if entries is None:
        entries = CommentedSeq()
        set_key(node, field_name, entries, before=SOURCE_BEFORE)
    parent = mu.id_path.rpartition(".")[0]
    siblings = [m.id_path.rpartition(".")[2] for m in masters
                if m.id_path and m.id_path.rpartition(".")[0] == parent]
    raw: Any = master_data
    for step in mu.data_path:
        raw = raw[step]
    made = CommentedMap()
    made["id"] = ids[-1]
    if isinstance(raw, dict) and "number" in raw:
        made["number"] = raw["number"]
    added.put(mu.key, entries, _after_earlier([e.get("id") if isinstance(e, dict) else None
                                               for e in entries], siblings, ids[-1]), made)


def _after_earlier(present: Sequence[object], order: Sequence[str], new: str) -> int:
    """Where `new` goes among the `present` entries: after the last of them that comes before
    it in the master's `order`, else first."""
    earlier = set(order[:order.index(new)])
    return max((i + 1 for i, e in enumerate(present) if e in earlier), default=0)


# The document-level texts an edition may lack and still load (the schema makes the others,
# the title, the preamble, the footer's date and signature, required): a key point of the
# summary, a release note of a revision.
SUMMARY, RELEASE_NOTES = "summary.", "footer.revisions."


def _add_document_unit(data: CommentedMap, mu: Unit, masters: Sequence[Unit],
                       added: _Added) -> None:
    """A new, empty entry for a key point or a release note the edition lacks, put where the
    master has it: a key point in the summary's list with its id, a release note in the
    footer's revisions under its revision's id, after the last one the edition has that comes
    before it in the master (the list, or the mapping, made where the master has it when the
    edition has none yet). The caller sets its text."""
    from ruamel.yaml.comments import CommentedSeq

    made = CommentedMap()
    if mu.key.startswith(SUMMARY):
        ident = mu.key.removeprefix(SUMMARY)
        points = data.get("summary")
        if not isinstance(points, CommentedSeq):
            points = CommentedSeq()
            set_key(data, "summary", points, before=("clauses", "footer", "vocabulary",
                                                      "approvals"))
        if not points:  # `summary: []`: written as a block list from now on
            points.fa.set_block_style()
        made["id"] = ident
        order = [m.key.removeprefix(SUMMARY) for m in masters if m.key.startswith(SUMMARY)]
        added.put(mu.key, points, _after_earlier([e.get("id") if isinstance(e, dict) else None
                                                  for e in points], order, ident), made)
        return
    ident = mu.key.removeprefix(RELEASE_NOTES)
    footer = data["footer"]  # every edition that loads has its footer
    notes = footer.get("revisions")
    if not isinstance(notes, CommentedMap):
        notes = CommentedMap()
        set_key(footer, "revisions", notes, before=("signature",))
    if not notes:
        notes.fa.set_block_style()
    order = [m.key.removeprefix(RELEASE_NOTES) for m in masters
             if m.key.startswith(RELEASE_NOTES)]
    added.put(mu.key, notes, _after_earlier(list(notes), order, ident), made, key=ident)


# The keys of an entry the import adds, in the order the editions write them.
_KEY_ORDER = ("id", "number", "title", "source", "target", "origin", "text", "items")


def _tail_slot(node: Any) -> tuple[Any, Any, int] | None:
    """Where ruamel.yaml keeps the lines that follow an entry (blank lines, comments up to the
    next key): on the comment of its last value, the last value of its last entry, and so on
    down; (holder, key or index, position in its comment list)."""
    from ruamel.yaml.comments import CommentedSeq

    if isinstance(node, CommentedMap) and node:
        key = list(node)[-1]
        deeper = _tail_slot(node[key])
        return deeper if deeper is not None else (node, key, 2)
    if isinstance(node, CommentedSeq) and node:
        deeper = _tail_slot(node[-1])
        return deeper if deeper is not None else (node, len(node) - 1, 0)
    return None


def _hand_on_tail(before: Any, made: Any) -> None:
    """The blank lines and comments that followed `before` when it ended its list or mapping
    (a blank line and the heading comment of the next part) follow `made`, put after it, so
    that the new entry does not stand apart from its siblings below them. A comment at the end
    of `before`'s own last line stays there."""
    from ruamel.yaml.tokens import CommentToken

    held, into = _tail_slot(before), _tail_slot(made)
    if held is None or into is None:
        return
    holder, key, at = held
    comments = holder.ca.items.get(key)
    token = comments[at] if comments and len(comments) > at else None
    if not isinstance(token, CommentToken) or not token.value.endswith("\n"):
        return
    # After a plain or quoted value the comment begins with the end of the value's own line (a
    # comment there, or just its line break); a block text ends its own last line.
    block = (LiteralScalarString, FoldedScalarString)
    own, after = ("", token.value) if isinstance(holder[key], block) else (
        token.value.partition("\n")[0], token.value.partition("\n")[2])
    if not after:
        return  # nothing follows the entry's own line
    if own:
        token.value = own + "\n"
    else:
        comments[at] = None
    target, tkey, tat = into
    slots = target.ca.items.setdefault(tkey, [None, None, None, None])
    slots[tat] = CommentToken(after if isinstance(target[tkey], block) else "\n" + after,
                              token.start_mark, token.end_mark)


# How wide the editions' folded texts run: a long one-line text comes in folded this wide.
FOLD_WIDTH = 90


def _styled(old: Any, new: str) -> str:
    """The new text in the old scalar's style: a folded block stays folded (wrapped about as
    wide as it was), a literal block stays literal; a one-line text that comes back longer
    than the editions' lines (a release note written over `policy revise`'s placeholder) is
    folded as they are, not left as one line of hundreds of characters."""
    long_line = (not isinstance(old, (LiteralScalarString, FoldedScalarString))
                 and len(new) > FOLD_WIDTH and " " in new.strip())
    if (isinstance(old, FoldedScalarString) or long_line) and "\n" not in new:
        folds = getattr(old, "fold_pos", []) if not long_line else []
        width, start = 0, 0
        for p in [*folds, len(str(old))]:
            width, start = max(width, p - start), p + 1
        if long_line:
            width = FOLD_WIDTH
        elif not folds:  # written on one line: as wide as it is, or as the editions' lines run
            width = max(width, FOLD_WIDTH)
        positions: list[int] = []
        line_start = 0
        last_space = -1
        for i, ch in enumerate(new):
            if ch == " " and 0 < i < len(new) - 1 and new[i - 1] != " " and new[i + 1] != " ":
                if i - line_start > width and last_space > line_start:
                    positions.append(last_space)
                    line_start = last_space + 1
                last_space = i
        if len(new) - line_start > width and last_space > line_start:
            positions.append(last_space)
        folded: Any = FoldedScalarString(new)
        folded.fold_pos = positions
        styled: str = folded
        return styled
    if isinstance(old, (LiteralScalarString, FoldedScalarString)) or "\n" in new:
        literal: str = LiteralScalarString(new)
        return literal
    return new


def _in_wrong_script(text: str, lang: str, config: ParityConfig, unit: str, name: str,
                     at: tuple[int, int]) -> Diagnostic | None:
    """XLIFF007 for a target not written in its edition's script (parity.toml `[scripts]`,
    as L10N003 reads it): the Japanese source copied into the target, or a translation made
    in a file for another edition. Refused at the import, so that it never overwrites the
    edition's text."""
    from ..checks.scripts import wrong_script

    wrong = wrong_script(text, lang, config)
    if not wrong:
        return None
    sentence, reason = wrong[0]
    mostly = reason.startswith("mostly ")
    params: dict[str, str | int] = {
        "unit": unit, "lang": lang, "sentence": " ".join(sentence.split())[:60],
        "scripts": listed(reason.removeprefix("mostly ").removesuffix(" letters")
                          .split(" and ")),
        **({"form": "mostly"} if mostly else {})}
    message, hint = _said("XLIFF007", params)
    return make("XLIFF007", message, name, *at, hint=hint, params=params)


def _written_in(entries: Sequence[_Entry], lang: str, editions: Sequence[str],
                config: ParityConfig) -> str | None:
    """The edition whose script most of the file's targets are in, when that is not `lang`'s:
    a file marked with the wrong target-language (a Russian translation marked `en`). A file
    of one or two such targets is told target by target (XLIFF007): a few lines, and a text
    typed in the wrong language is as likely there as a wrong mark."""
    from ..checks.scripts import wrong_script

    targets = [e.target for e in entries if e.target and e.target.strip()]
    wrong = [t for t in targets if wrong_script(t, lang, config)]
    if len(wrong) < 3 or len(wrong) * 2 <= len(targets):
        return None
    for other in editions:
        if other != lang and sum(not wrong_script(t, other, config) for t in wrong) * 2 > len(
                wrong):
            return other
    return None


def _named(mu: Unit, unit: Unit | None, days: Mapping[str, str],
           titles: Mapping[str, Mapping[str, str]]) -> str:
    """A unit as people know it (`{…:@unit}`: 第3項第1号, п. 3.1, clause 3.1; 表題, заголовок,
    the title), as the check's findings name it: a clause or an item by its printed number, a
    release note by its revision's date, a key point by its first words in the reader's own
    edition (`titles`, engine/parity/naming.py `unit_titles`), else in this edition (else the
    master's, where the edition lacks it)."""
    if mu.number:
        return unit_param(mu.number, None, mu.key)
    if mu.key in days:
        return unit_param("", days[mu.key], mu.key)
    if mu.key.startswith("summary."):
        mine = (unit.title or unit.text) if unit is not None else None
        return unit_param("", mine or mu.title or mu.text, mu.key, titles.get(unit_id(mu)))
    return unit_param("", None, mu.key)


def _language(tag: str) -> str:
    """The language of an xml:lang-style tag: `ru-RU`, `ru_RU` and `RU` are `ru`."""
    return tag.strip().replace("_", "-").split("-", 1)[0].lower()


def import_xliff(src: Sources, path: Path, display: str | None = None) -> ImportResult:
    """Write the changed targets of an exported XLIFF file into its edition, atomically."""
    name = display if display is not None else str(path)
    source_lang, lang, entries, langs_at = read_xliff(path, name)
    if src.master is None:
        raise PolicyLoadError([d for d in src.diagnostics if d.severity.name == "ERROR"] or [
            make("POLICY009", "no valid master edition", str(src.folder))])
    # A CAT tool may write the language with its region (ru-RU, ja_JP): the edition is the
    # language itself.
    source_lang, lang = _language(source_lang), _language(lang)
    if not lang:
        editions = ", ".join(sorted(src.translations))
        raise PolicyLoadError([make(
            "XLIFF002", "the file does not say which language it translates into (its <file> "
            "has no target-language)", name, *langs_at["target-language"],
            hint=f"write the edition's language there, as the export did (target-language=\"ru\" "
                 f"for the Russian edition; the editions are {editions}), or export the file "
                 "again", params={"form": "no_target", "editions": editions})])
    if source_lang == src.master.lang and lang not in src.translations:
        # the edition's file is there but cannot be read as an edition (a text every edition
        # has is missing, a YAML mistake): said as `policy check` says it, not as a language
        # the policy lacks
        broken = [d for d in src.diagnostics if d.severity.name == "ERROR"
                  and Path(d.file).resolve() == (src.folder / f"{lang}.yaml").resolve()]
        if broken:
            raise PolicyLoadError(broken)
    if source_lang != src.master.lang or lang not in src.translations:
        editions = ", ".join(sorted(src.translations)) or "none"
        params = {"source": source_lang, "target": lang, "master": src.master.lang,
                  "editions": editions}
        # said where the file names the language that is wrong (the target's, when both are)
        at = langs_at["source-language" if lang in src.translations else "target-language"]
        raise PolicyLoadError([make(
            "XLIFF002", "the file translates '{source}' into '{target}', but the policy's "
            "master is '{master}' and its editions are {editions}".format(**params), name, *at,
            hint="import a file this policy exported for one of its editions, with the "
                 "languages it was exported with: `policy xliff export LANG --out FILE`",
            params=params)])
    edition = src.display_path(lang)
    errors = [d for d in src.diagnostics if d.severity.name == "ERROR"
              and d.file in (edition, src.display_path(src.master.lang))]
    if errors:
        raise PolicyLoadError(errors)
    masters = list(master_units(src.master))
    fields: dict[str, tuple[Unit, str, str]] = {}  # trans-unit id -> (master unit, field, text)
    for mu in masters:
        for fname, text, _ in text_fields(mu, translation=False):
            fields[unit_id(mu) + (TITLE_SUFFIX if fname == "title" else "")] = (mu, fname, text)
    theirs = {u.key: (u, tracked) for u, tracked in translation_units(src.translations[lang])}

    from ..parity.config import load_config

    scripts_config, _ = load_config(src.folder)
    actual = _written_in(entries, lang, sorted(src.translations), scripts_config)
    if actual is not None:
        params = {"form": "mislabelled", "target": lang, "actual": actual}
        message, hint = _said("XLIFF002", params)
        raise PolicyLoadError([make("XLIFF002", message, name, *langs_at["target-language"],
                                    hint=hint, params=params)])
    typed = typed_names(src.master)
    days = release_note_days(src.master)

    titles = unit_titles(src)

    def named(mu: Unit) -> str:
        return _named(mu, theirs.get(mu.key, (None, None))[0], days, titles)

    problems: list[Diagnostic] = []
    added: list[str] = []  # units the master has and the edition lacks, in the file's order
    first: dict[str, Place] = {}  # trans-unit id -> the place of its first id="…"
    in_file = {e.id for e in entries}
    changes: dict[str, dict[str, str]] = {}  # unit key -> field -> new text
    sources_ok: dict[str, set[str]] = {}  # unit key -> fields whose file source is today's
    unconfirmed: set[str] = set()  # unit keys with a changed target the file marks untranslated
    # unit key -> field -> the entry, for a target the file confirms as the edition has it
    as_is: dict[str, dict[str, _Entry]] = {}
    emptied: list[str] = []  # the edition's text sent back with no translation: kept as it is
    flagged: list[str] = []  # up to date, sent back unchanged, but marked still to review
    for e in entries:
        if e.id in first:  # said at the second, with the line of the first
            twice: dict[str, Param] = {"id": e.id, "first": first[e.id][0]}
            if e.id in fields:  # named as printed, beside the id the translator sees
                mu, fname, _ = fields[e.id]
                twice["unit"] = named(mu)
                if fname == "title" and mu.id_path:  # a clause's title, not the policy's
                    twice["form"] = "title"
            else:
                twice["form"] = "id"
            message, hint = _said("XLIFF006", twice)
            problems.append(make("XLIFF006", message, name, *e.id_at, hint=hint, params=twice))
            continue
        first[e.id] = e.id_at
        if e.id not in fields:
            from ..names import closest

            near = closest(e.id, [f for f in fields if f not in in_file], 1, cutoff=0.6)
            params = {"id": e.id, "near": near[0] if near else ""}
            problems.append(make(
                "XLIFF003", f"trans-unit '{e.id}' names no unit of the master", name, *e.id_at,
                hint=(f"an id must stay as it was exported: if it was '{near[0]}', change it "
                      "back; if the file is from an older version of the policy, export it again"
                      if near else "an id must stay as it was exported; if the file is from an "
                      "older version of the policy, export it again and copy your translations "
                      "into it"),
                params={**params, "form": "near" if near else "none"}))
            continue
        mu, fname, master_text = fields[e.id]
        clause_title = fname == "title" and bool(mu.id_path)  # a clause's, not the policy's
        unit = theirs.get(mu.key, (None, None))[0]
        old = {n: t for n, t, _ in text_fields(unit, translation=True)} if unit else {}
        current = normalize(e.source) == normalize(master_text)
        if (e.codes or (e.target is not None and _collapsed(e.target)
                        and not _as_edition_has_it(e, old.get(fname)))) and (
                e.source_codes or (e.source_tags and not current
                                   and _made_of(e.source_shape, master_text))):
            # the CAT tool made tags of the master text's words (its filter protects URLs,
            # addresses, Markdown as inline codes, or makes `**` the formatting of a <g>
            # span): the source is no longer the master text as exported, nor a text that
            # changed since, and a tag in the target is the source's, not the translator's;
            # said once for the segment, at the source's first tag (a segment sent back as
            # the edition has it brings nothing to read; a <g> around the master's own words,
            # all of them there, changes nothing: its source is the master text)
            problems.append(_tags_finding("XLIFF010", e.source_tags, named(mu), clause_title,
                                          name))
            continue
        if e.codes:
            # tags (formatting, placeholders) the export never put there: the edition's
            # Markdown has nothing to map them to, and their content is no text of the
            # translation; said once for the segment, at its first tag
            problems.append(_tags_finding("XLIFF009", e.codes, named(mu), clause_title, name))
            continue
        if current:
            sources_ok.setdefault(mu.key, set()).add(fname)
        if e.target is None or not _collapsed(e.target):
            if current and old.get(fname) and mu.key not in emptied:
                emptied.append(mu.key)  # the edition has a text the file sends back without
            continue  # no translation
        if _as_edition_has_it(e, old.get(fname)):
            if current and e.confirmed():  # the edition's, confirmed for today's Japanese
                as_is.setdefault(mu.key, {})[fname] = e
            elif (current and e.state in UNCONFIRMED and getattr(theirs[mu.key][1], "source",
                                                                   None)
                  == fingerprint(mu.source_text()) and mu.key not in flagged):
                # up to date (exported as translated), sent back unchanged but marked to
                # review or to translate: a reviewer's "no" the edition cannot hold; said,
                # never dropped in silence (the stamp stays: the text is what was checked)
                flagged.append(mu.key)
            continue  # the edition's (but for whitespace the file lets go)
        said: dict[str, Param] = {"unit": named(mu), "edition": edition, "field": fname,
                                  "lang": lang}
        if not mu.id_path and fname not in old and (
                unit is not None or not mu.key.startswith((SUMMARY, RELEASE_NOTES))):
            # a document-level text every edition that loads has (the schema requires it): a
            # key point or a release note the edition lacks is added below, where the master
            # has it
            said["form"] = "unit" if unit is None else "field"
            message, hint = _said("XLIFF005", said)
            problems.append(make("XLIFF005", message, name, *e.id_at, hint=hint, params=said))
            continue
        if not current:
            # what `--units` takes for it (a printed number, else its id), and a file to write
            units = mu.number or unit_id(mu)
            said.update(units=units, out=f"{lang}-{units}.xlf")
            message, hint = _said("XLIFF004", said)
            problems.append(make("XLIFF004", message, name, *e.source_at, hint=hint,
                                 params=said))
            continue
        if not e.preserved and "\n" in master_text:
            # the master's line breaks make its lists and paragraphs: a text read as one line
            # would lose them, and the file's own line breaks no longer say where they were
            # what to change, and where: the xml:space that lets them go, or the trans-unit
            by = {"": None, "target": "target", "trans-unit": "unit"}.get(e.space_by, "around")
            if by is not None:
                said.update(form=by, value=e.space, element=f"<{e.space_by}>", id=e.id)
            message, hint = _said("XLIFF008", said)
            problems.append(make("XLIFF008", message, name, *e.space_at, hint=hint,
                                 params=said))
            continue
        wrong = _in_wrong_script(e.target, lang, scripts_config, named(mu), name,
                                 e.target_at or e.id_at)
        if wrong is not None:
            problems.append(wrong)
            continue
        changes.setdefault(mu.key, {})[fname] = e.target
        if unit is None and mu.key not in added:  # once for a clause's title and text
            added.append(mu.key)
        if e.state in UNCONFIRMED:
            unconfirmed.add(mu.key)
    for key in added:  # what a unit the edition lacks needs before it can be added
        mu = next(m for m in masters if m.key == key)
        at = first.get(unit_id(mu), first.get(unit_id(mu) + TITLE_SUFFIX, (0, 0)))
        parent = next((m for m in masters if m.id_path == mu.id_path.rpartition(".")[0]), None)
        if parent is not None and parent.key not in theirs and parent.key not in changes:
            # an item whose clause (a sub-item whose item) the edition lacks too, and the
            # file does not bring: a new export of that clause (item) brings both
            units = parent.number or unit_id(parent)
            said = {"unit": named(mu), "edition": edition, "parent": named(parent),
                    "lang": lang, "units": units, "out": f"{lang}-{units}.xlf",
                    "form": "parent"}
        elif mu.title is not None and "title" not in changes[key]:
            # a clause is never without its title: the file left it untranslated
            at = first.get(unit_id(mu) + TITLE_SUFFIX, at)
            said = {"unit": named(mu), "edition": edition, "id": unit_id(mu) + TITLE_SUFFIX,
                    "form": "title"}
        else:
            continue
        message, hint = _said("XLIFF005", said)
        problems.append(make("XLIFF005", message, name, *at, hint=hint,
                             params=said))
    by_key = {mu.key: mu for mu in masters}
    # A unit translated from an earlier Japanese whose every text the file confirms as the
    # edition has it, under today's Japanese: the translator reviewed it in the CAT tool and
    # kept it, so it is stamped as `policy stamp` would (its texts stay as they are).
    reviewed: list[str] = []
    for key, got in as_is.items():
        mu = by_key[key]
        tracked = theirs[key][1]
        if (key in changes or getattr(tracked, "source", None) == fingerprint(mu.source_text())
                or {n for n, _, _ in text_fields(mu, translation=False)} - set(got)):
            continue
        texts = {n: t for n, t, _ in text_fields(theirs[key][0], translation=True)}
        untranslated = [d for fname, e in got.items() if (d := _in_wrong_script(
            texts[fname], lang, scripts_config, named(mu), name, e.target_at or e.id_at))
            is not None]
        if untranslated:  # the edition's own text is not a translation: not stamped as one
            problems.extend(untranslated)
        else:
            reviewed.append(key)
    if problems:
        raise PolicyLoadError(problems)

    # A stamp says "translated from this master text": never of a release note still the
    # placeholder `policy revise` drafted, nor from one (as `policy stamp` refuses them).
    master_drafted = [k for k in [*changes, *reviewed] if k.startswith(RELEASE_NOTES)
                      and is_placeholder(by_key[k].source_text())]
    drafted = [k for k in [*changes, *reviewed] if k.startswith(RELEASE_NOTES)
               and k not in master_drafted and is_placeholder(
                   changes.get(k, {}).get("text") or theirs[k][0].source_text())]
    # (a unit in `reviewed` is the edition's; one in `changes` without a text is a title)
    reviewed = [k for k in reviewed if k not in master_drafted and k not in drafted]
    stamps: dict[str, str] = {}
    for key in changes:
        mu = by_key[key]
        wanted = {n for n, _, _ in text_fields(mu, translation=False)}
        if (wanted <= sources_ok.get(key, set()) and key not in unconfirmed
                and key not in master_drafted and key not in drafted):
            stamps[key] = fingerprint(mu.source_text())
    for key in reviewed:
        stamps[key] = fingerprint(by_key[key].source_text())
    # A text written but not stamped (the file does not confirm it, or confirms it under an
    # earlier Japanese) loses a stamp that says it was translated from today's Japanese: that
    # stamp was the old text's, and kept it would count the new one as translated (`policy
    # status`, the next export's state="translated" approved="yes", which drops the CAT tool's
    # "not confirmed" on the way back). A stamp of an earlier Japanese says "stale" as it is.
    unstamped = [k for k in changes if k not in stamps and getattr(
        theirs.get(k, (None, None))[1], "source", None) == fingerprint(by_key[k].source_text())]

    master_data = src.master_doc.data if src.master_doc is not None else {}
    # A unit given new words here (added, or a text replaced) is no longer as published: in an
    # edition whose words are the published ones it says so, `origin: translated`. A unit the
    # file confirms as it is (`reviewed`) keeps its origin: its words are still the same.
    edition_origin = src.translations[lang].origin
    marked = [k for k in changes if needs_translated_mark(
        edition_origin, getattr(theirs.get(k, (None, None))[1], "origin", None))]

    def mutate(data: CommentedMap) -> None:
        new_entries = _Added()
        made = new_entries.made
        for key in sorted(added, key=[m.key for m in masters].index):  # a clause before its items
            if by_key[key].id_path:
                _add_unit(data, by_key[key], masters, master_data, new_entries)
            else:
                _add_document_unit(data, by_key[key], masters, new_entries)
        for key, new in [*changes.items(), *((k, {}) for k in reviewed)]:
            node: Any
            if key in made:
                node = made[key]
                unit = by_key[key]
            else:
                unit = theirs[key][0]
                node = data
                for step in unit.data_path:
                    node = node[step]
            if not isinstance(node, CommentedMap):
                raise EditError(f"{'/'.join(map(str, unit.data_path))} is not a mapping")
            for fname, text in new.items():
                if fname in node:
                    node[fname] = _styled(node.get(fname), text)
                else:  # a text the edition lacked, in the style of its neighbour's
                    set_key(node, fname, _styled(new_entries.style_of(key, fname, text), text),
                            before=("text", "items", *SOURCE_BEFORE) if fname == "title"
                            else ("items", *SOURCE_BEFORE))
            if key in stamps:
                # written as `policy stamp` writes a stamp, whatever the old one looked like
                set_key(node, "source", stamps[key], before=SOURCE_BEFORE, restyle=True)
                # and, as `policy stamp` does, the fingerprint of the text it now has (a unit
                # added now has only the texts the file gave it)
                kept = (None, None) if key in made else (unit.title, unit.text)
                set_key(node, "target", fingerprint("\n".join(
                    t for t in (new.get("title", kept[0]), new.get("text", kept[1])) if t)),
                    before=SOURCE_BEFORE, restyle=True)
            elif key in unstamped:
                for stamp in ("source", "target"):
                    if stamp in node:
                        del node[stamp]
            if key in marked:
                mark_translated(node)
        for node in made.values():  # in the order the edition's own entries have their keys
            for k in _KEY_ORDER:
                if k in node:
                    node[k] = node.pop(k)
        for before, after in new_entries.tails:  # once the new entries have their texts
            _hand_on_tail(before, after)

    file = Path(edition)
    if changes or reviewed:
        try:
            edit_yaml(file, mutate)
        except EditError as exc:
            raise PolicyLoadError([exc.diagnostic(str(file))]) from exc
    written = tuple(unit_id(by_key[k]) for k in changes)
    stamped = tuple(unit_id(by_key[k]) for k in [*changes, *reviewed] if k in stamps)
    unchanged = sum(1 for e in entries if e.id in fields) - sum(len(v) for v in changes.values())
    held = tuple(unit_id(by_key[k]) for k in changes if k in unconfirmed)
    # an added key point by its first words in the edition now (its translation) to a reader
    # of this edition's language, as the edition's own key points are named; to the others as
    # their editions name it
    for k in added:
        if k.startswith(SUMMARY) and changes[k].get("text"):
            titles.setdefault(unit_id(by_key[k]), {})[lang] = changes[k]["text"]
    names = {unit_id(by_key[k]): (unit_param("", changes[k].get("text"), k,
                                             titles.get(unit_id(by_key[k])))
                                  if k in added and k.startswith(SUMMARY) else named(by_key[k]),
                                  how_to_name(by_key[k], typed))
             for k in [*changes, *reviewed, *flagged, *drafted, *master_drafted, *emptied]}
    return ImportResult(lang, file, written, stamped, unchanged, held,
                        drafted=tuple(unit_id(by_key[k]) for k in drafted),
                        master_drafted=tuple(unit_id(by_key[k]) for k in master_drafted),
                        added=tuple(unit_id(by_key[k]) for k in added), names=names,
                        confirmed=tuple(unit_id(by_key[k]) for k in reviewed),
                        flagged=tuple(unit_id(by_key[k]) for k in flagged),
                        marked=tuple(unit_id(by_key[k]) for k in marked),
                        emptied=tuple(unit_id(by_key[k]) for k in emptied))

