"""Phase 4 — meaning and cross-references of an edition: ids, numbering, vocabulary, links.

Each check is a small generator of diagnostics; `validate_master` and `validate_translation`
run them all. Structural agreement between editions is the parity checker's job, not this one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .citation import cite
from .document import Document, Pos
from .findings import Diagnostic, did_you_mean, make
from .markup import is_safe_href, scan
from .model import (
    VOCABULARY_KINDS,
    DataPath,
    Master,
    Term,
    Translation,
    Unit,
    Vocabulary,
    master_units,
    outline,
    rules_with_units,
    text_fields,
    translation_units,
)
from .names import RESERVED_FLAGS
from .wording import short

RULE_FIELDS = {"actions": "actions", "data": "data", "purposes": "purposes"}


def _at(doc: Document, path: tuple[str | int, ...]) -> Pos:
    return doc.pos(path)


def _nearest(word: str, choices: Iterable[str]) -> dict[str, str | bool]:
    """did_you_mean's ids as parameters (engine/saying.py: `{options:@ids}`)."""
    from .names import closest
    from .saying import listed  # only when there is a finding: `terms` never loads it

    close = closest(word, choices, 3)
    return {"close": bool(close), "options": listed(close)}


def check_unique_ids(master_or_tr: Master | Translation, doc: Document) -> Iterator[Diagnostic]:
    seen: dict[str, tuple[str | int, ...]] = {}
    numbers: list[str] = []  # the printed number of each level down to this unit
    for level, ident, number, path in outline(master_or_tr.clauses):
        numbers[level:] = [str(number)]
        id_path = (*path, "id")
        if ident in seen:
            first = _at(doc, seen[ident])
            pos = _at(doc, id_path)
            # named by its number, as a reader finds it (its id names the first one too)
            printed = ".".join(numbers)
            yield make("POLICY001", f"the id '{ident}' of {cite(printed, 'en')} is already used "
                       f"at line {first.line}", doc.file, pos.line, pos.col,
                       hint="ids must be unique in the whole document",
                       params={"id": ident, "first": first.line, "number": printed})
        else:
            seen[ident] = id_path


def check_numbering(master_or_tr: Master | Translation, doc: Document) -> Iterator[Diagnostic]:
    """Siblings are numbered 1, 2, 3… in order, as printed."""
    expected: dict[tuple[str | int, ...], int] = {}  # parent list path -> next number
    reported: set[tuple[str | int, ...]] = set()
    for level, _ident, number, path in outline(master_or_tr.clauses):
        siblings = path[:-1]
        want = expected.get(siblings, 1)
        expected[siblings] = want + 1
        if number != want and siblings not in reported:
            reported.add(siblings)
            what = ("clause", "item", "sub-item")[level]
            pos = _at(doc, (*path, "number"))
            yield make("POLICY005", f"{what} number {number} should be {want}", doc.file,
                       pos.line, pos.col, hint="policy renumber fixes it",
                       params={"form": what, "number": number, "want": want})


def check_groups(vocab: Vocabulary, doc: Document) -> Iterator[Diagnostic]:
    for kind in VOCABULARY_KINDS:
        terms = getattr(vocab, kind)
        for tid, term in terms.items():
            if term.members is None:
                continue
            pos = _at(doc, ("vocabulary", kind, tid, "members"))
            if not term.members:
                yield make("POLICY006", f"group '{tid}' has no members", doc.file, pos.line,
                           pos.col)
            for mi, member in enumerate(term.members):
                mpos = _at(doc, ("vocabulary", kind, tid, "members", mi))
                if member == tid:
                    yield make("POLICY006", f"group '{tid}' contains itself", doc.file,
                               mpos.line, mpos.col)
                elif member not in terms:
                    message, hint, params = _not_in_vocabulary(
                        f"the group '{tid}'", kind, member, terms,
                        {"form": "group", "group": tid})
                    yield make("POLICY002", message, doc.file, mpos.line, mpos.col,
                               hint=hint, params=params)
                elif terms[member].members is not None:
                    yield make("POLICY006", f"group '{tid}' contains group '{member}'; "
                               "list its members instead", doc.file, mpos.line, mpos.col)


def check_reserved_flags(vocab: Vocabulary, doc: Document) -> Iterator[Diagnostic]:
    """Flags are keyword arguments of `allows(action, data, purpose, **flags)`."""
    for flag in vocab.context:
        if flag in RESERVED_FLAGS:
            pos = doc.pos(("vocabulary", "context", flag), key=True)
            yield make("POLICY012", f"context flag '{flag}' collides with an argument of "
                       "allows()", doc.file, pos.line, pos.col, hint="choose another id")


# How a vocabulary kind is named in a sentence, and the `policy terms` kind that lists it.
_TERM_WORDS = {"actions": "action", "data": "data category", "purposes": "purpose",
               "context": "context flag", "obligations": "obligation"}


def _not_in_vocabulary(where: str, kind: str, ref: str, terms: Mapping[str, Any],
                       shape: dict[str, str]) -> tuple[str, str, dict[str, str | bool]]:
    """The message and hint for a term a rule or group uses that the vocabulary lacks:
    what is wrong, the nearest term with its label, and how to list them all; and the
    parameters that say it in ja, ru and en (`shape`: where it is used)."""
    from .names import closest
    from .saying import listed

    message = (f"{where} uses the {_TERM_WORDS.get(kind, kind)} '{ref}', which is not in the "
               "vocabulary")
    # a term's label written where its id goes (個人情報 for `personal`): that id first
    labelled = [t for t, e in terms.items() if getattr(e, "label", None) == ref.strip()]
    close = labelled or closest(ref, terms, 3)
    items = [f"'{c}' ({getattr(terms[c], 'label', c)})" for c in close]
    params: dict[str, str | bool] = {**shape, "term_word": _TERM_WORDS.get(kind, kind),
                                     "ref": ref, "kind": kind, "close": bool(close),
                                     "options": listed([f"{c}\x1e{getattr(terms[c], 'label', c)}"
                                                             for c in close])}
    listing = f"list them all: policy terms {kind}"
    if not close:
        return message, listing[0].upper() + listing[1:], params
    options = " or ".join(items)
    return message, f"Did you mean {options}? To {listing}", params


def check_rule_references(master: Master, doc: Document) -> Iterator[Diagnostic]:
    vocab = master.vocabulary
    for unit, index, rule in rules_with_units(master):
        base = (*unit.data_path, "rules", index)
        for field in RULE_FIELDS:
            terms = getattr(vocab, field)
            for ri, ref in enumerate(getattr(rule, field)):
                if ref != "*" and ref not in terms:
                    pos = _at(doc, (*base, field, ri))
                    other = next((f for f in RULE_FIELDS if f != field
                                  and ref in getattr(vocab, f)), None)
                    if other is not None:  # a purpose under data:, say: said as that
                        yield make(
                            "POLICY002", f"a rule of {cite(unit.number, 'en')} lists the "
                            f"{_TERM_WORDS[other]} '{ref}' under {field}:", doc.file, pos.line,
                            pos.col, unit=unit.id_path,
                            hint=f"'{ref}' is a {_TERM_WORDS[other]}: move it to {other}:, or "
                                 f"write a {_TERM_WORDS[field]} here; policy terms {field} "
                                 "lists them",
                            params={"form": "kind", "number": unit.number, "ref": ref,
                                    "field": field, "other": other,
                                    "term_word": _TERM_WORDS[field],
                                    "other_word": _TERM_WORDS[other]})
                        continue
                    message, hint, params = _not_in_vocabulary(
                        f"a rule of {cite(unit.number, 'en')}", field, ref, terms,
                        {"form": "rule", "number": unit.number})
                    yield make("POLICY002", message, doc.file, pos.line, pos.col,
                               unit=unit.id_path, hint=hint, params=params)
        if rule.except_ is not None:
            for field in RULE_FIELDS:
                terms = getattr(vocab, field)
                for ri, ref in enumerate(getattr(rule.except_, field)):
                    if ref not in terms:
                        pos = _at(doc, (*base, "except", field, ri))
                        message, hint, params = _not_in_vocabulary(
                            f"the `except:` of a rule of {cite(unit.number, 'en')}", field,
                            ref, terms, {"form": "except", "number": unit.number})
                        yield make("POLICY002", message, doc.file, pos.line, pos.col,
                                   unit=unit.id_path, hint=hint, params=params)
        for flag in rule.when:
            if flag not in vocab.context:
                pos = doc.pos((*base, "when", flag), key=True)
                message, hint, params = _not_in_vocabulary(
                    f"the `when:` of a rule of {cite(unit.number, 'en')}", "context", flag,
                    vocab.context, {"form": "when", "number": unit.number})
                yield make("POLICY002", message, doc.file, pos.line, pos.col,
                           unit=unit.id_path, hint=hint, params=params)
        for oi, ob in enumerate(rule.obligations):
            if ob not in vocab.obligations:
                pos = _at(doc, (*base, "obligations", oi))
                message, hint, params = _not_in_vocabulary(
                    f"a rule of {cite(unit.number, 'en')}", "obligations", ob,
                    vocab.obligations, {"form": "rule", "number": unit.number})
                yield make("POLICY002", message, doc.file, pos.line, pos.col,
                           unit=unit.id_path, hint=hint, params=params)
        if rule.effect == "forbid" and rule.obligations:
            pos = _at(doc, (*base, "obligations"))
            yield make("POLICY011", "a forbid rule carries obligations, which never apply",
                       doc.file, pos.line, pos.col, unit=unit.id_path,
                       params={"form": "forbid_obligations"})
        if rule.effect == "oblige" and not rule.obligations:
            pos = _at(doc, (*base, "effect"))
            yield make("POLICY011", "an oblige rule without obligations changes nothing",
                       doc.file, pos.line, pos.col, unit=unit.id_path,
                       hint="list the obligations, or remove the rule",
                       params={"form": "oblige_empty"})
        if rule.except_ is not None:
            for field in RULE_FIELDS:
                left = _scope(getattr(rule, field), getattr(vocab, field)) - _scope(
                    getattr(rule.except_, field), getattr(vocab, field))
                if not left:
                    pos = _at(doc, (*base, "except", field))
                    yield make("POLICY011", f"the rule's except: leaves it no {field}, so it "
                               "can never apply", doc.file, pos.line, pos.col,
                               unit=unit.id_path, params={"form": "except_all", "field": field})


def _scope(refs: tuple[str, ...], terms: dict[str, Term]) -> set[str]:
    """The leaf terms a list of references stands for (`*`, groups and unknown ids handled)."""
    out: set[str] = set()
    for ref in refs:
        if ref == "*":
            out |= {t for t, term in terms.items() if term.members is None}
        elif ref in terms:
            members = terms[ref].members
            out |= set(members) if members is not None else {ref}
    return out


def check_revisions(master: Master, doc: Document) -> Iterator[Diagnostic]:
    ids = [r.id for r in master.facts.revisions]
    for rid in master.footer.revisions:
        if rid not in ids:
            pos = doc.pos(("footer", "revisions", rid), key=True)
            yield make("POLICY003", f"footer note for unknown revision '{rid}'", doc.file,
                       pos.line, pos.col, hint=did_you_mean(rid, ids),
                       params={"form": "revision", "id": rid, **_nearest(rid, ids)})
    dates = [r.date for r in master.facts.revisions]
    # at the first date earlier than the one above it: the one mistyped, or the one to move
    late = next((i for i in range(1, len(dates)) if dates[i] < dates[i - 1]), None)
    if late is not None:
        pos = _at(doc, ("facts", "revisions", late, "date"))
        day, before = dates[late].isoformat(), dates[late - 1].isoformat()
        yield make("SCHEMA004", f"revisions must be listed oldest first: {day} comes after "
                   f"{before}", doc.file, pos.line, pos.col,
                   hint="correct the date if it is mistyped, or move the revision to its place "
                        "in time",
                   params={"form": "order", "date": day, "before": before})
    effective = master.facts.effective
    if dates and effective > dates[0]:
        # the policy took effect before it was first revised: a mistyped effective date would
        # otherwise only show as every translation's date "differing from the master's"
        pos = _at(doc, ("facts", "effective"))
        day, first = effective.isoformat(), dates[0].isoformat()
        yield make("SCHEMA004", f"the effective date {day} is after the first revision, "
                   f"{first}", doc.file, pos.line, pos.col,
                   hint="correct the effective date: the policy took effect before it was "
                        "first revised",
                   params={"form": "effective", "date": day, "first": first})


def check_markup(
    units: list[tuple[tuple[str | int, ...], str, str]], anchors: set[str], doc: Document
) -> Iterator[Diagnostic]:
    """Raw HTML, unsafe links and links to clauses that do not exist in each text, and a text
    not in quotes that a ` #` cuts short (YAML019).

    `units` holds (data path of the text, text, unit id) triples.
    """
    lines = doc.text.split("\n")
    for path, text, unit_id in units:
        pos = _at(doc, path)
        # A block scalar's text starts on the line after its indicator.
        # The scalar's position is its first character: the indicator of a block scalar.
        # (Testing the line's end for ">" took `...</script>` for a folded block.)
        line_text = lines[pos.line - 1] if 1 <= pos.line <= len(lines) else ""
        offset = 1 if line_text[pos.col - 1:pos.col] in ("|", ">") else 0
        if not offset and line_text[pos.col - 1:pos.col] not in ('"', "'"):
            yield from _cut_by_comment(lines, pos, text, doc.file, unit_id)
        info = scan(text)
        for line in info.html:
            yield make("POLICY007", "raw HTML in Markdown text is not rendered", doc.file,
                       pos.line + offset + line, pos.col, unit=unit_id or None,
                       hint="write plain Markdown; HTML is shown as text",
                       params={"form": "html"})
        for link in info.links:
            where = pos.line + offset + link.line
            if not is_safe_href(link.href):
                yield make("POLICY008", f"link '{link.href[:60]}' uses an unsafe scheme",
                           doc.file, where, pos.col, unit=unit_id or None,
                           hint="only http, https, mailto and #clause links are allowed",
                           params={"link": link.href[:60]})
            elif link.href.startswith("#") and link.href[1:] not in anchors:
                yield make("POLICY003", f"link to unknown clause '{link.href}'", doc.file,
                           where, pos.col, unit=unit_id or None,
                           hint=did_you_mean(link.href[1:], anchors),
                           params={"form": "link", "href": link.href,
                                   **_nearest(link.href[1:], anchors)})


def _cut_by_comment(lines: list[str], pos: Pos, text: str, file: str, unit_id: str
                    ) -> Iterator[Diagnostic]:
    """YAML019 when a text not in quotes ends where a ` #` starts a comment: YAML drops the
    rest of that line, and nothing else would say that part of the text was lost. Only a
    plain text's last line can hold it (on an earlier one the text would end there); the
    words before the ` #` must be how the text ends (after `{text: …}` the ` #` follows the
    closing brace: the text is whole)."""
    first = lines[pos.line - 1]
    indent = len(first) - len(first.lstrip(" "))
    last = pos.line - 1
    for i in range(pos.line, len(lines)):  # the text's continuation lines, indented deeper
        stripped = lines[i].strip()
        if stripped and len(lines[i]) - len(lines[i].lstrip(" ")) <= indent:
            break
        if stripped:
            last = i
    line = lines[last]
    start = pos.col - 1 if last == pos.line - 1 else 0
    at = line.find(" #", start)
    if at < 0 or not line[start:at].strip() or not text.rstrip().endswith(
            line[start:at].strip()):
        return
    rest = short(line[at + 1:].strip(), 40)
    yield make("YAML019", f"the text ends before ' #', and '{rest}' is not part of it (in "
               "YAML, a # after a space starts a comment)", file, last + 1, at + 2,
               unit=unit_id or None, hint="if it belongs to the text, put the whole text in "
               "double quotes; if it is a comment, put it on a line of its own",
               params={"form": "cut", "rest": rest})


def _texts(units: Iterable[Unit], *, translation: bool) -> list[tuple[DataPath, str, str]]:
    """(data path, text, unit id) of every title and text, for the markup check."""
    return [(path, text, unit.id_path) for unit in units
            for _, text, path in text_fields(unit, translation=translation)]


def check_summary(master: Master, doc: Document) -> Iterator[Diagnostic]:
    """Each key point has its own id and sums up a clause, item or sub-item that exists."""
    anchors = anchors_of(master)
    seen: set[str] = set()
    for i, point in enumerate(master.summary):
        if point.id in seen:
            pos = _at(doc, ("summary", i, "id"))
            yield make("POLICY001", f"summary point id '{point.id}' is already used", doc.file,
                       pos.line, pos.col, hint="give each key point its own id",
                       params={"form": "summary", "id": point.id})
        seen.add(point.id)
        if point.clause not in anchors:
            pos = _at(doc, ("summary", i, "clause"))
            yield make("POLICY003", f"summary point '{point.id}' names unknown clause "
                       f"'{point.clause}'", doc.file, pos.line, pos.col,
                       hint=did_you_mean(point.clause, anchors) or "name a clause id",
                       params={"form": "summary", "id": point.id, "clause": point.clause,
                               **_nearest(point.clause, anchors)})


def anchors_of(master: Master) -> set[str]:
    return {u.anchor for u in master_units(master) if u.id_path}


def validate_master(master: Master, doc: Document) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    found += check_unique_ids(master, doc)
    found += check_numbering(master, doc)
    found += check_groups(master.vocabulary, doc)
    found += check_reserved_flags(master.vocabulary, doc)
    found += check_rule_references(master, doc)
    found += check_revisions(master, doc)
    found += check_summary(master, doc)
    found += check_markup(_texts(master_units(master), translation=False), anchors_of(master),
                          doc)
    return found


def checked_as(tr: Translation, master: Master | None, expected_lang: str | None) -> str | None:
    """The language a translation is compared with the master in: the one its file is named
    for, which is its lang: unless lang: is wrong (POLICY010: ru.yaml with `lang: de` is still
    the Russian edition); None when the master does not declare that language (POLICY004: a
    copy left in the folder, a new edition not yet added to facts.translations), so it is not
    compared at all: each of its texts would only say what POLICY004 says."""
    lang = tr.lang if expected_lang is None else expected_lang
    if master is not None and lang not in master.facts.translations:
        return None
    return lang


def _other_language(tr: Translation, doc: Document, master: Master | None,
                    expected_lang: str) -> Diagnostic:
    """POLICY010 for a translation whose lang: is not the language its file is named for:
    what lang: should say, and how the file is checked meanwhile."""
    pos = _at(doc, ("lang",))
    params: dict[str, str] = {"expected": expected_lang, "declared": tr.lang}
    if master is None or expected_lang not in master.facts.translations:
        return make("POLICY010", f"file is named for '{expected_lang}' but declares "
                    f"lang '{tr.lang}'", doc.file, pos.line, pos.col,
                    hint="make lang: match the file's name, or rename the file; until then "
                         "it is not checked against the master", params=params)
    from .saying import listed
    from .wording import edition_name

    params.update(form="edition", edition=listed(
        [expected_lang, *(edition_name(expected_lang, say) for say in ("ja", "ru", "en"))]))
    name = edition_name(expected_lang, "en")
    return make("POLICY010", f"lang: says '{tr.lang}', but this file is the {name} edition",
                doc.file, pos.line, pos.col,
                hint=f"write `lang: {expected_lang}`: a translation's lang: is the language its "
                     f"file is named for; until then the file is checked as the {name} edition",
                params=params)


def validate_translation(
    tr: Translation, doc: Document, master: Master | None, expected_lang: str | None
) -> list[Diagnostic]:
    """Checks that concern a translation on its own; parity with the master comes later."""
    found: list[Diagnostic] = []
    if expected_lang is not None and tr.lang != expected_lang:
        # One finding for one mistake: the file is checked as the edition its name says
        # (engine/loader.py `load_documents`), or not at all, so nothing else follows from it;
        # whether the master declares the language lang: names is beside the point.
        found.append(_other_language(tr, doc, master, expected_lang))
    elif master is not None and tr.lang not in master.facts.translations:
        pos = _at(doc, ("lang",))
        from .names import closest
        from .saying import listed

        close = closest(tr.lang, master.facts.translations, 3)
        found.append(make("POLICY004", f"the master declares no '{tr.lang}' translation",
                          doc.file, pos.line, pos.col,
                          hint=did_you_mean(tr.lang, master.facts.translations)
                          or f"add {tr.lang} to facts.translations in the master; until then "
                             "the file is not checked against the master",
                          params={"lang": tr.lang, **({"form": "near", "options": listed(close)}
                                                      if close else {})}))
    found += check_unique_ids(tr, doc)
    if master is None:
        # With the master, a translation's numbers are the master's (PARITY004 compares
        # them): a unit missing here is a gap the master fills, reported as missing
        # (PARITY001), not as numbering `policy renumber` would not change.
        found += check_numbering(tr, doc)
    texts = _texts((unit for unit, _ in translation_units(tr)), translation=True)
    anchors = anchors_of(master) if master is not None else {
        u.anchor for u, _ in translation_units(tr) if u.id_path}
    found += check_markup(texts, anchors, doc)
    return found
