"""Build the static site from a policy folder: every edition's page and Markdown, the bundle, the version archive with its redlines, and (with `pdf=True`) PDFs.

`build_site` runs load → parity gate → history → render → (PDF) → write. It never raises for bad input: the
result carries the diagnostics. The site is rendered in memory, written to a temporary folder
beside the target and swapped in whole (`engine.atomic.replace_dir_atomic`), so a failed build
leaves the previous site as it was. The same input gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from engine.atomic import replace_dir_atomic, staging_folder, sync_all, write_all
from engine.checks import CHECKS
from engine.findings import Diagnostic, Severity, has_errors, make, sorted_unique, unwritable
from engine.inputs import caches_on, later, refs_ahead
from engine.loader import Sources, load_folder
from engine.severities import find_pyproject
from engine.tomltext import TomlSyntaxError, parse_toml
from engine.values import field, record_mutable

if TYPE_CHECKING:
    from .archive import Snapshot
    from .pdf import PdfJob  # WeasyPrint's side is imported only for a build with --pdf
    from .status import EditionReview
    from .view import Edition

# The renderers (the page templates, markdown-it, the compiler of policy.json, the version
# archive) are imported where they are used: a build answered from the cache of rendered sites
# (render/buildcache.py) only writes the files.

# Written into every built site; only a folder holding it (or an empty one) is ever replaced,
# so `--out` pointed at the wrong folder cannot delete anyone's work.
MARKER_NAME = ".policy-site"
MARKER_TEXT = "cafetalk-policy-site\n"

# What `--allow-drift` lets through: errors that only say a translation lags behind its master.
# Each puts a banner on the unit it concerns (render/view.py BANNER_STATES), so the page itself
# says the text is out of date or not translated yet and that the master prevails:
#   DRIFT001   the master changed after the unit was translated            (banner "stale")
#   DRIFT002   the unit was never checked against the master (a warning,   (banner "unreviewed")
#              unless [tool.policy.severity] makes it an error)
#   PARITY001  a master unit is missing from the translation: the page      (banner "untranslated")
#              shows the master's own text in its place
#   L10N001-3  the text is still the master's, another edition's, or in     (banner "untranslated")
#              the wrong script (engine/check.py UNTRANSLATED_CODES)
# Each check declares its own in its file (`Check.lagging`, `Check.untranslated`).
# An error on a unit that carries one of these banners is covered by it too: when the master
# changes a number, the stale translation still has the old one, and its banner says so. Every
# other error (an e-mail, number, date or URL that differs from the master in a unit that is up
# to date, a dropped negation, a broken structure, a missing release note, …) would publish a
# page that says something wrong with no banner over it: it refuses the build, --allow-drift or
# not.
DRIFT_CODES = frozenset(c.code for check in CHECKS for c in (*check.lagging, *check.untranslated))
# How many of the errors --allow-drift does not cover a refusal names (the report lists all).
NAMED_BLOCKERS = 5


@record_mutable
class BuildResult:
    """What a build did: where, which files (relative, sorted), and every finding."""

    out_dir: Path
    written: bool = False
    files: tuple[str, ...] = ()
    diagnostics: list[Diagnostic] = field(default_factory=list)
    banners: dict[str, int] = field(default_factory=dict)  # per language: units with a banner
    sources: Sources | None = None  # the policy as loaded, to quote the findings' lines

    @property
    def ok(self) -> bool:
        return self.written and not has_errors(self.diagnostics)

    @property
    def not_drift(self) -> tuple[Diagnostic, ...]:
        """The errors of a build refused at the parity gate that are more than a translation
        lagging behind (not in DRIFT_CODES): --allow-drift does not publish over them."""
        if not any(d.code == "RENDER002" for d in self.diagnostics):
            return ()
        return tuple(not_drift(self.diagnostics))


# --------------------------------------------------------------------------- parity gate


def parity(src: Sources, key: str | None = None
           ) -> tuple[list[Diagnostic], dict[str, dict[str, str]]]:
    """`policy check` over the loaded sources: its findings (validation included) and, per
    language, unit key -> "current" | "stale" | "unreviewed" | "untranslated". `key`: the
    checks' cache key when the caller computed it just before (engine/check.py)."""
    from engine.check import check_sources

    checked = check_sources(src, key=key)
    states = {lang: dict(per) for lang, per in checked.states.items()}
    return list(checked.diagnostics), states


# ------------------------------------------------------------------------------- render


def editions_of(src: Sources, states: Mapping[str, Mapping[str, str]],
                review: Mapping[str, EditionReview] | None = None) -> list[Edition]:
    """The master first, then the translations in the order the master declares them."""
    from .status import review_of
    from .view import build_edition

    master = src.master
    assert master is not None
    review = review if review is not None else review_of(src)
    langs = tuple([master.lang] + [t for t in master.facts.translations if t in src.translations])
    master_review = review.get(master.lang)
    out = [build_edition(master, None, {}, langs, master_review, master_review)]
    for lang in langs[1:]:
        out.append(build_edition(master, src.translations[lang], states.get(lang, {}), langs,
                                 review.get(lang), master_review))
    return out


def render_site(src: Sources, states: Mapping[str, Mapping[str, str]],
                snapshots: list[Snapshot] | None = None, *, pdf: bool = False,
                since: tuple[Snapshot | None, str] | None = None,
                site_url: str | None = None,
                editions: list[Edition] | None = None,
                archive_tool: str | None = None) -> dict[str, bytes]:
    """Every HTML, Markdown and JSON file of the site, by relative path, rendered in memory.

    `snapshots` is the version archive, oldest first, ending with the current version (`src`);
    `since` is the base of a "what changed since" page and the revision it was named by;
    `site_url` the address the site is published at (`site_address`), for printed links;
    `editions` the current editions when the caller has them already (`editions_of`);
    `archive_tool` the archive cache's key of the tool (render/archivecache.py), to take the
    pages of older versions from it and keep them there."""
    from engine.compile import bundle_text, compile_policy

    from .archive import Snapshot
    from .assets import CSS, STYLESHEET_NAME
    from .html import PageLinks, chooser_page, edition_main, edition_page
    from .policymd import edition_markdown
    from .versions import (
        REDLINE_PAGE,
        SINCE_PAGE,
        VERSIONS_PAGE,
        Redlines,
        redline_page,
        version_dir,
        versions_page,
    )

    master = src.master
    assert master is not None
    current = Snapshot(master.facts.version, src, None)
    snapshots = list(snapshots) if snapshots else [current]
    snapshots[-1] = current
    editions = editions if editions is not None else editions_of(src, states)
    langs = [e.lang for e in editions]
    files: dict[str, str] = {
        MARKER_NAME: MARKER_TEXT,
        STYLESHEET_NAME: CSS,
        "index.html": chooser_page(editions),
        "policy.json": bundle_text(compile_policy(master, src.translations)),
    }
    version = current.version
    has_previous = len(snapshots) > 1
    # the current editions' text, once for their two pages (here and in the version archive)
    mains = {ed.lang: edition_main(ed) for ed in editions}
    for ed in editions:
        folder = version_dir(version, ed.lang)
        changes = (f"../{folder}{REDLINE_PAGE}" if has_previous
                   else f"{VERSIONS_PAGE}#v{version}")
        files[f"{ed.lang}/index.html"] = edition_page(ed, PageLinks(
            root="../", changes=changes, versions=VERSIONS_PAGE,
            pdf="policy.pdf" if pdf else None, page=f"{ed.lang}/index.html",
            site_url=site_url), mains[ed.lang])
        files[f"{ed.lang}/policy.md"] = edition_markdown(ed)
        files[f"{ed.lang}/{VERSIONS_PAGE}"] = versions_page(
            snapshots, ed.lang, langs, pdf=pdf,
            since=(since[0].version if since is not None and since[0] is not None else None))
    shared = Redlines()  # what the redlines share: units and marked changes, made once
    for i, snap in enumerate(snapshots):
        previous = snapshots[i - 1] if i > 0 else None
        is_current = snap is current
        key = None
        if (archive_tool is not None and not is_current and snap.commit is not None
                and (previous is None or previous.commit is not None)):
            from . import archivecache

            # An older version's pages: a function of its commit, the one before it (the
            # redline's base), the current languages, the address and the PDFs.
            key = archivecache.pages_key(
                archive_tool, snap.commit, str(snap.src.folder),
                previous.commit if previous is not None else None, langs, site_url, pdf)
            hit = archivecache.lookup_pages(key)
            if hit is not None:
                files.update(hit)
                continue
        pages: dict[str, str] = {}
        snap_editions = editions if is_current else editions_of(snap.src, {})
        snap_langs = [e.lang for e in snap_editions]
        for ed in snap_editions:
            folder = version_dir(snap.version, ed.lang)
            root = "../../../"
            versions = f"{root}{ed.lang}/{VERSIONS_PAGE}" if ed.lang in langs else None
            pages[f"{folder}index.html"] = edition_page(ed, PageLinks(
                root=root,
                changes=REDLINE_PAGE if previous is not None else (
                    f"{versions}#v{snap.version}" if versions else None),
                versions=versions,
                archived="current" if is_current else "old",
                current=f"{root}{ed.lang}/index.html" if ed.lang in langs else None,
                formats=False, page=f"{folder}index.html", site_url=site_url),
                mains[ed.lang] if is_current else None)
            if previous is not None:
                pages[f"{folder}{REDLINE_PAGE}"] = redline_page(
                    previous, snap, ed.lang, snap_langs, root=root, edition_href="index.html",
                    versions_href=versions or f"{root}index.html",
                    pdf_href="changes.pdf" if pdf else None, shared=shared)
        files.update(pages)
        if key is not None:
            from . import archivecache

            archivecache.store_pages(key, pages)
    if since is not None:
        base, _rev = since
        for ed in editions:
            files[f"{ed.lang}/{SINCE_PAGE}"] = redline_page(
                base, current, ed.lang, langs, root="../", edition_href="index.html",
                versions_href=VERSIONS_PAGE, since=True, here=SINCE_PAGE, shared=shared)
        files[SINCE_PAGE] = redline_page(
            base, current, master.lang, langs, root="", edition_href=f"{master.lang}/index.html",
            versions_href=f"{master.lang}/{VERSIONS_PAGE}", since=True, here=SINCE_PAGE,
            to_lang="{lang}/", shared=shared)
    return {name: files[name].encode("utf-8") for name in sorted(files)}


def _footer_line(title: str, version: str, day: dt.date, lang: str) -> str:
    from .strings import format_date, frames

    f = frames(lang)
    return (f"{title} · {f['version_n'].format(version=version)} · "
            f"{f['revised_on'].format(date=format_date(day, lang))}")


def pdf_jobs(src: Sources, states: Mapping[str, Mapping[str, str]],
             snapshots: list[Snapshot], editions: list[Edition] | None = None) -> list[PdfJob]:
    """The PDFs of a site: each current edition and each version's redline."""
    from .markdown import to_plain
    from .pdf import PdfJob
    from .strings import frames
    from .versions import REDLINE_PAGE, version_dir

    jobs = []
    for ed in editions if editions is not None else editions_of(src, states):
        day = ed.revised or ed.effective
        jobs.append(PdfJob(f"{ed.lang}/index.html", f"{ed.lang}/policy.pdf", ed.lang,
                           _footer_line(to_plain(ed.title.text or ""), ed.version, day, ed.lang)))
    for snap in snapshots[1:]:
        for ed in editions_of(snap.src, {}):
            folder = version_dir(snap.version, ed.lang)
            title = frames(ed.lang)["redline_title"].format(version=snap.version)
            jobs.append(PdfJob(f"{folder}{REDLINE_PAGE}", f"{folder}changes.pdf", ed.lang,
                               _footer_line(title, snap.version, snap.date, ed.lang)))
    return jobs


# -------------------------------------------------------------------------------- write


def _replaceable(out_dir: Path) -> bool:
    if not out_dir.exists():
        return True
    if not out_dir.is_dir():
        return False
    return (out_dir / MARKER_NAME).is_file() or not any(out_dir.iterdir())


def _file_in_the_way(out_dir: Path) -> Path | None:
    """The part of `out_dir`'s path (itself included), from the root down, that is a file
    rather than a folder, or None: a site can only be written into folders."""
    for part in (*reversed(out_dir.parents), out_dir):
        if part.exists() and not part.is_dir():
            return part
    return None


def out_dir_problem(out_dir: Path) -> Diagnostic | None:
    """Why the site cannot go into `out_dir` (RENDER004), in plain words, or None: a file
    given instead of a folder, a file somewhere in the path, or a folder this tool did not
    build (only a folder holding MARKER_NAME, or an empty one, is ever replaced). The folder is
    named as typed, or by its full path when typed as `.` or `..`."""
    where = str(out_dir) if out_dir.name not in ("", ".", "..") else str(out_dir.resolve())
    blocking = _file_in_the_way(out_dir)
    if blocking == out_dir:
        return make("RENDER004", f"{out_dir} is a file, not a folder; the site is written "
                    "into a folder", where,
                    hint="choose a folder for --out: a new one, an empty one or a site "
                         "built before",
                    params={"form": "file", "path": where})
    if blocking is not None:
        return make("RENDER004", f"{blocking} is a file, not a folder, so {out_dir} cannot "
                    "be made inside it", where,
                    hint="choose a folder for --out whose path holds no file",
                    params={"form": "in_file", "path": where, "file": str(blocking)})
    if not _replaceable(out_dir):
        if (out_dir / "ja.yaml").is_file() or (out_dir / "policy" / "ja.yaml").is_file():
            # the policy folder itself, or the repository that holds it: the commonest slip
            return make("RENDER004", f"the folder {where} holds the policy's own files; "
                        "the site would "
                        "replace them, so it is never built there", where,
                        hint="choose a new or empty folder for --out, such as --out site",
                        params={"form": "policy", "path": where})
        return make("RENDER004", f"the folder {where} already holds files that are not a "
                    "site this "
                    "tool built; the site would replace them, so it is not built there",
                    where, hint="choose a new or empty folder for --out, such as --out site, "
                                "or the folder of a site built before",
                    params={"path": where})
    return None


_DIR = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# a fifo or a device is opened without waiting, then seen not to be a regular file
_PAGE = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
MAX_OPEN_FOLDERS = 64
# A page written into the staged folder: a new file (the folder is this build's own); at most
# MAX_OPEN_PAGES are open, waiting to be flushed together
_NEW_PAGE = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
             | getattr(os, "O_BINARY", 0))
MAX_OPEN_PAGES = 128
# where folders cannot be opened and linked from by descriptor, every file is written
_CAN_LINK = hasattr(os, "O_DIRECTORY") and {os.open, os.link} <= os.supports_dir_fd


class _Published:
    """The folders of the published site, each opened once (at most MAX_OPEN_FOLDERS at a
    time), from `out_dir` down without following a symbolic link: a link to a folder
    elsewhere, or `out_dir` itself a link, is not the site. Opened, a folder stays the one
    read even when another build swaps its site in meanwhile."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = os.fspath(out_dir)
        self.fds: dict[str, int] = {}  # folder, as named in the site -> descriptor, or -1

    def folder(self, name: str) -> int:
        fd = self.fds.get(name)
        if fd is not None:
            return fd
        if len(self.fds) >= MAX_OPEN_FOLDERS:
            self.close()
        up, _, leaf = name.rpartition("/")
        try:
            if not name:
                fd = os.open(self.out_dir, _DIR | _NOFOLLOW)
            elif leaf in ("", ".", ".."):
                fd = -1
            else:
                parent = self.folder(up)
                fd = -1 if parent < 0 else os.open(leaf, _DIR | _NOFOLLOW, dir_fd=parent)
        except OSError:  # none there, a file, a link, unreadable: nothing in it is linked
            fd = -1
        self.fds[name] = fd
        return fd

    def close(self) -> None:
        for fd in self.fds.values():
            if fd >= 0:
                os.close(fd)
        self.fds.clear()


def _fresh_file(staged: str) -> tuple[int, int, int]:
    """The owner, group and permissions a file written into `staged` now gets (the umask,
    the user, the folder's group): a published file is linked only when it has them."""
    import stat

    probe = os.path.join(staged, f".probe-{os.urandom(6).hex()}")
    fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
    try:
        st = os.fstat(fd)
    finally:
        os.close(fd)
        os.unlink(probe)
    return st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)


def _linked_unchanged(folder: int, leaf: str, data: bytes, target: str,
                      fresh: tuple[int, int, int]) -> bool:
    """Link `leaf` of the published `folder` to `target` when it is a regular file holding
    exactly `data`, with the owner, group and permissions `fresh` (written and flushed by an
    earlier build, as this one would write it); False, with nothing made, otherwise."""
    import stat

    if folder < 0:
        return False
    try:
        fd = os.open(leaf, _PAGE, dir_fd=folder)
    except OSError:  # gone, unreadable, a link
        return False
    try:
        st = os.fstat(fd)
        if (not stat.S_ISREG(st.st_mode) or st.st_size != len(data)
                or (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) != fresh):
            return False
        with open(fd, "rb", closefd=False) as fh:
            if fh.read(len(data) + 1) != data:
                return False
        os.link(leaf, target, src_dir_fd=folder, follow_symlinks=False)
    except OSError:  # unreadable, or a file system without hard links: write it
        return False
    finally:
        os.close(fd)
    linked = os.lstat(target)
    if (linked.st_dev, linked.st_ino) != (st.st_dev, st.st_ino):
        # the name was given another file between the read and the link: that file is not
        # the one compared, and it must not be written into (it may be the published page)
        os.unlink(target)
        return False
    return True


def write_site(files: Mapping[str, bytes], out_dir: Path) -> None:
    """Write every file into a fresh folder beside `out_dir`, then swap it in.

    A file the published site already holds with the same bytes (and the owner, group and
    permissions a file written now would get) is linked into the new folder rather than
    written and flushed again (an edit changes a few pages, and flushing one to disk costs
    about a millisecond); the old folder is removed by `engine.inputs.later`: at once, or,
    run by the resident server, after the answer; the console script hands it to an `rm` of
    its own after the answer (`engine.inputs.hand_off_removals`)."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staged = staging_folder(out_dir, 0o700)  # private until its files are in
    published = _Published(out_dir)
    written: list[int] = []  # open until all are flushed to the disk, together (`sync_all`)
    try:
        os.chmod(staged, 0o755)
        fresh = (_fresh_file(os.fspath(staged))
                 if _CAN_LINK and published.folder("") >= 0 else None)
        folders: set[str] = set()
        for name, data in files.items():
            target = os.path.join(staged, name)
            folder = os.path.dirname(target)
            if folder not in folders:
                os.makedirs(folder, exist_ok=True)
                folders.add(folder)
            if fresh is not None:
                up, _, leaf = name.rpartition("/")
                if _linked_unchanged(published.folder(up), leaf, data, target, fresh):
                    continue
            if len(written) == MAX_OPEN_PAGES:
                sync_all(written)
                _close_all(written)
            fd = os.open(target, _NEW_PAGE, 0o666)
            written.append(fd)
            write_all(fd, data)
        sync_all(written)
        _close_all(written)
        published.close()
        replace_dir_atomic(staged, out_dir, remove_old=later)
    except BaseException:
        import shutil

        _close_all(written)
        published.close()
        shutil.rmtree(staged, ignore_errors=True)
        raise


def _close_all(fds: list[int]) -> None:
    while fds:
        try:
            os.close(fds.pop())
        except OSError:
            pass


# -------------------------------------------------------------------------------- build


def site_address(pyproject: Path | None) -> tuple[str | None, list[Diagnostic]]:
    """The address the site is published at: `site-url` under `[tool.policy]` in pyproject.toml
    (an absolute http(s) address; a trailing / is added), or None when it is not configured:
    then printed pages name the path on the site and never an invented host."""
    if pyproject is None or not pyproject.is_file():
        return None, []
    name = str(pyproject)
    try:
        text = pyproject.read_text("utf-8")
        value = parse_toml(text).get("tool", {}).get("policy", {}).get("site-url")
    except (OSError, UnicodeDecodeError, TomlSyntaxError):
        return None, []  # the severity table reports an unreadable pyproject.toml (CHECK001)
    if value is None:
        return None, []
    parts = urlsplit(value) if isinstance(value, str) else None
    if (parts is None or parts.scheme not in ("https", "http") or not parts.netloc
            or parts.query or parts.fragment):
        m = re.search(r"^[ \t]*\"?site-url\"?[ \t]*=", text, re.MULTILINE)
        line = text.count("\n", 0, m.start()) + 1 if m else 1
        return None, [make("RENDER008", f"site-url {value!r} is not the absolute address of a "
                           "web site", name, line, 1,
                           hint="write the address the site is published at, for example "
                                "site-url = \"https://www.example.com/privacy/\", or remove it")]
    return (value if value.endswith("/") else value + "/"), []


def not_drift(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """The errors that are more than a translation lagging behind its master (DRIFT_CODES),
    on a unit that carries no banner saying so: the ones --allow-drift never publishes over."""
    bannered = {(d.lang, d.unit) for d in diagnostics
                if d.code in DRIFT_CODES and d.unit is not None}
    return [d for d in diagnostics if d.severity is Severity.ERROR
            and d.code not in DRIFT_CODES and not d.code.startswith("RENDER")
            and (d.unit is None or (d.lang, d.unit) not in bannered)]


def _render(src: Sources, policy_dir: Path, diagnostics: list[Diagnostic], *,
            allow_drift: bool, since: str | None, pdf: bool, site_url: str | None,
            checks: str | None = None) -> tuple[dict[str, bytes], dict[str, int]] | None:
    """Gate on parity, read the version archive, render: the files and, per translation, how
    many units carry a banner; None when the build is refused. Findings go to `diagnostics`."""
    from engine.checkcache import cache_on

    from .archive import HistoryReader, snapshot_at
    from .view import BANNER_STATES

    tool = None
    if cache_on(None):  # older versions' editions and pages from the archive cache
        from .archivecache import tool_key

        tool = tool_key()
    # git reads the archive while the policy is checked
    reader = HistoryReader(policy_dir, src, tool)
    findings, states = parity(src, checks)
    diagnostics.extend(findings)
    if has_errors(findings):
        langs = sorted({d.lang or "" for d in findings if d.severity is Severity.ERROR} - {""})
        which = ", ".join(langs) or "the policy"
        blockers = not_drift(findings)
        if blockers:  # --allow-drift or not: these would publish a wrong page
            codes = ", ".join(sorted({d.code for d in blockers}))
            diagnostics.append(make("RENDER002", f"errors that --allow-drift does not cover "
                                    f"({codes}); the site was not published", str(policy_dir),
                                    hint="fix them first: they would make a published page wrong",
                                    params={"form": "not_drift", "codes": codes}))
            reader.join()  # no git process outlives the build
            return None
        if not allow_drift:
            diagnostics.append(make("RENDER002", f"parity errors in {which}; the site was not "
                                    "published", str(policy_dir),
                                    hint="fix them, or publish with banners using --allow-drift"))
            reader.join()  # no git process outlives the build
            return None
        diagnostics.append(make("RENDER003", f"parity errors in {which}; published with banners",
                                str(policy_dir)))

    snapshots, problems = reader.result()
    diagnostics.extend(problems)
    base: tuple[Snapshot | None, str] | None = None
    if since is not None:
        snap, problems = snapshot_at(policy_dir, since)
        diagnostics.extend(problems)
        if has_errors(problems):
            return None
        base = (snap, since)

    editions = editions_of(src, states)  # once: the pages, the PDFs and the banners' count
    files = render_site(src, states, snapshots, pdf=pdf, since=base, site_url=site_url,
                        editions=editions, archive_tool=tool)
    if pdf:
        from .pdf import PdfError, pdf_files

        try:
            jobs = pdf_jobs(src, states, snapshots, editions)
            files = dict(sorted({**files, **pdf_files(files, jobs)}.items()))
        except PdfError as exc:
            diagnostics.append(make("RENDER007", f"the PDF files cannot be made: {exc}",
                                    str(policy_dir), hint="install WeasyPrint (pip install "
                                    "'.[pdf]') and the fonts-noto-cjk package, or build "
                                    "without --pdf"))
            return None

    banners = {
        ed.lang: sum(1 for b in ed.blocks() if b.state in BANNER_STATES)
        for ed in editions[1:]
    }
    return files, banners


def build_site(
    policy_dir: Path | str,
    out_dir: Path | str,
    *,
    allow_drift: bool = False,
    since: str | None = None,
    pdf: bool = False,
    pyproject: Path | None = None,
) -> BuildResult:
    """Validate, gate on parity, render and atomically publish the site into `out_dir`.

    The site's address comes from `site-url` under `[tool.policy]` in `pyproject` (default:
    the nearest pyproject.toml with a [tool.policy] table, as for severities)."""
    policy_dir, out_dir = Path(policy_dir), Path(out_dir)
    result = BuildResult(out_dir)
    if not pdf and caches_on():
        refs_ahead(policy_dir)  # the checks' key reads the refs once the policy is loaded
    src = load_folder(policy_dir)
    result.sources = src
    site_url, address_problems = site_address(
        pyproject if pyproject is not None else find_pyproject())
    diagnostics = [*src.diagnostics, *address_problems]
    if address_problems:
        result.diagnostics = sorted_unique(diagnostics)
        return result
    if not src.ok or src.master is None:
        result.diagnostics = sorted_unique(diagnostics)
        return result

    from engine.checkcache import cache_on

    from . import buildcache

    key = checks = None
    if not pdf and cache_on(None):
        from engine.checkcache import check_key

        checks = check_key(src)  # the site's key holds it; the parity gate's cache reuses it
        key = buildcache.site_key(src, policy_dir, allow_drift=allow_drift, since=since,
                                  pyproject=pyproject, checks=checks)
    hit = buildcache.lookup(key) if key is not None else None
    if hit is not None:
        diagnostics, files, banners = list(hit.diagnostics), hit.files, hit.banners
    else:
        rendered = _render(src, policy_dir, diagnostics, allow_drift=allow_drift, since=since,
                           pdf=pdf, site_url=site_url, checks=checks)
        if rendered is None:  # refused: the findings say why
            result.diagnostics = sorted_unique(diagnostics)
            return result
        files, banners = rendered
        if key is not None:
            site = buildcache.RenderedSite(tuple(diagnostics), files, banners)
            later(partial(buildcache.store_unchanged, key, site, src, policy_dir,
                          allow_drift=allow_drift, since=since, pyproject=pyproject),
                  refs=policy_dir)

    problem = out_dir_problem(out_dir)
    if problem is not None:
        diagnostics.append(problem)
        result.diagnostics = sorted_unique(diagnostics)
        return result
    try:
        write_site(files, out_dir)
    except OSError as exc:
        diagnostics.append(unwritable(exc, str(out_dir), "the site"))
        result.diagnostics = sorted_unique(diagnostics)
        return result

    result.written = True
    result.files = tuple(files)
    result.banners = dict(banners)
    result.diagnostics = sorted_unique(diagnostics)
    return result
