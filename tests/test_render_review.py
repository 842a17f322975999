"""Review status on the pages: what each edition says about the legal review, derived from engine.review on the shipped policy and on edited copies.

Expectations come from the policy's own `approvals:` and `origin:` fields, never hard-coded.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from engine.loader import load_folder
from render.site import editions_of
from render.status import TRANSLATED, review_of
from render.strings import edition_name, edition_notice, frames

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "policy"


def test_each_edition_says_once_what_all_its_units_share_and_marks_the_rest() -> None:
    src = load_folder(SHIPPED)
    review = review_of(src)
    for ed in editions_of(src, {}):
        r = review[ed.lang]
        if any(r.approved(k) for k in r.states):
            pytest.skip("some units are approved; this test covers the unapproved policy")
        own = "translated" if not ed.is_master and r.origin == TRANSLATED else "awaiting"
        assert ed.review_notice == own
        for block in ed.blocks():
            origin = r.origins.get(block.key, r.origin)
            if origin == r.origin:
                assert block.review is None, block.key  # said once for the edition
            else:
                want = "translated" if origin == TRANSLATED else "awaiting"
                assert block.review == want, block.key


def test_no_page_says_an_unapproved_master_prevails(tmp_path: Path) -> None:
    from render.site import build_site

    result = build_site(SHIPPED, tmp_path / "site", allow_drift=True)
    assert result.written
    src = load_folder(SHIPPED)
    assert src.master is not None
    if not review_of(src)[src.master.lang].draft:
        pytest.skip("the master is approved")
    for lang in ("ja", "ru", "en"):
        html = (tmp_path / "site" / lang / "index.html").read_text("utf-8")
        claim = frames(lang)["prevailing"].format(edition=edition_name("ja", lang))
        assert claim not in html
    for lang in ("ru", "en"):
        md = (tmp_path / "site" / lang / "policy.md").read_text("utf-8")
        assert frames(lang)["prevailing"].format(edition=edition_name("ja", lang)) not in md


def test_an_approved_master_prevails(tmp_path: Path) -> None:
    """Once every unit of the master is approved (an example sign-off, in a copy), the
    translations say the Japanese edition prevails and the master says nothing of a draft."""
    from engine.model import fingerprint, master_units

    policy = tmp_path / "policy"
    shutil.copytree(SHIPPED, policy)
    src = load_folder(policy)
    assert src.master is not None
    lines = ["approvals:"]
    for unit in master_units(src.master):
        lines.append(f'  "{unit.anchor}": {{by: Example Reviewer, date: 2026-12-01, '
                     f'text: "{fingerprint(unit.source_text())}"}}')
    ja = policy / "ja.yaml"
    text = ja.read_text("utf-8")
    start = text.index("\napprovals:")
    end = text.find("\n", text.index("approvals:", start) + 1)
    ja.write_text(text[:start] + "\n" + "\n".join(lines) + text[end:], "utf-8")
    src = load_folder(policy)
    assert src.master is not None, [str(d) for d in src.diagnostics]
    assert not review_of(src)["ja"].draft
    eds = {e.lang: e for e in editions_of(src, {})}
    assert not eds["ja"].master_draft and eds["ja"].review_notice is None
    assert all(not e.master_draft for e in eds.values())


def test_a_translated_edition_with_published_parts_says_which_parts_are_which(
        tmp_path: Path) -> None:
    """The English edition is our translation, except clauses 7 to 9 and a release note, which
    keep the wording published in English (each noted "Our legal team has not yet reviewed
    this part."). Its notice says so, quoting that note as the page, its print and the
    Markdown show it (it quoted the contents' mark "Awaiting legal review", which neither
    print nor the Markdown shows), so that a reader does not take the unmarked parts for
    reviewed ones; an edition that is all our translation keeps the plain notice."""
    from render.html import edition_page
    from render.policymd import edition_markdown

    src = load_folder(SHIPPED)
    en = next(ed for ed in editions_of(src, {}) if ed.lang == "en")
    assert en.review_notice == "translated"
    assert any(b.review == "awaiting" for b in en.blocks())
    assert en.notice_frame() == "translated_edition_mixed"
    for lang in ("ja", "ru", "en"):  # each language's notice quotes its own note
        f = frames(lang)
        quoted = f["awaiting_long"].rstrip(".。")
        assert quoted in edition_notice("translated_edition_mixed", lang), lang
        assert f["awaiting"] not in edition_notice("translated_edition_mixed", lang), lang
    mixed = edition_notice("translated_edition_mixed", "en")
    page = edition_page(en)
    assert mixed in page.replace("&quot;", '"')
    assert frames("en")["translated_edition"] not in page
    markdown = edition_markdown(en)
    assert mixed in markdown
    # The note quoted is there to be found beside the parts, in the page and the Markdown.
    note = f'<p class="review" role="note" data-review="awaiting">{frames("en")["awaiting_long"]}'
    assert note in page
    assert markdown.count(f"> {frames('en')['awaiting_long']}") >= 1

    copy = tmp_path / "policy"
    shutil.copytree(SHIPPED, copy)
    en_file = copy / "en.yaml"
    en_file.write_text(re.sub(r"(?m)^ *origin: published\n", "", en_file.read_text("utf-8")),
                       "utf-8")
    all_ours = next(ed for ed in editions_of(load_folder(copy), {}) if ed.lang == "en")
    assert not any(b.review == "awaiting" for b in all_ours.blocks())
    assert all_ours.notice_frame() == "translated_edition"
    assert frames("en")["translated_edition"] in edition_markdown(all_ours)


def test_a_footer_line_and_its_review_note_are_set_in_one_frame() -> None:
    """A footer line has no heading of its own, so its note (not reviewed by our lawyers) is
    set in one frame with it: otherwise the note, shown between two lines, reads as the note
    of the line above. Lines without a note are not framed."""
    from render.html import edition_page

    src = load_folder(SHIPPED)
    en = next(ed for ed in editions_of(src, {}) if ed.lang == "en")
    page = edition_page(en)
    footer = page[page.index('<footer class="colophon">'):page.index("</footer>")]
    lines = re.findall(r'<div (?:class="([^"]*)" )?id="([^"]+)"( class="flagged")?>(.*?)</div>',
                       footer, re.S)
    assert lines
    noted = 0
    for cls, anchor, flagged, inner in lines:
        has_note = 'class="review"' in inner or 'class="drift"' in inner
        framed = bool(flagged) or "flagged" in cls.split()
        assert framed == has_note, anchor
        noted += has_note
        if has_note:  # the note first, then the line itself, inside the frame
            assert inner.index('role="note"') < inner.index("</p>") < len(inner) - 1
    assert noted  # the English release note of 2022 is the published wording, not reviewed
