"""Build the static site from a policy folder: every edition's page and Markdown, the bundle, the changelog.

`build_site` runs load → parity gate → render → write. It never raises for bad input: the
result carries the diagnostics. The site is rendered in memory, written to a temporary folder
beside the target and swapped in whole (`engine.atomic.replace_dir_atomic`), so a failed build
leaves the previous site as it was. The same input gives byte-identical files.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from engine.atomic import replace_dir_atomic
from engine.compile import bundle_text, compile_policy
from engine.diagnostics import Diagnostic, Severity, has_errors, make, sorted_unique
from engine.loader import Sources, load_folder

from .assets import CSS, STYLESHEET_NAME
from .changelog import changes_page, find_changelog
from .html import chooser_page, edition_page
from .markdown import to_plain
from .policymd import edition_markdown
from .view import BANNER_STATES, Edition, build_edition

# Written into every built site; only a folder holding it (or an empty one) is ever replaced,
# so `--out` pointed at the wrong folder cannot delete anyone's work.
MARKER_NAME = ".policy-site"
MARKER_TEXT = "cafetalk-policy-site\n"


@dataclass(slots=True)
class BuildResult:
    """What a build did: where, which files (relative, sorted), and every finding."""

    out_dir: Path
    written: bool = False
    files: tuple[str, ...] = ()
    diagnostics: list[Diagnostic] = field(default_factory=list)
    banners: dict[str, int] = field(default_factory=dict)  # per language: units with a banner

    @property
    def ok(self) -> bool:
        return self.written and not has_errors(self.diagnostics)


# --------------------------------------------------------------------------- parity gate


def parity(src: Sources) -> tuple[list[Diagnostic], dict[str, dict[str, str]]]:
    """`policy check` over the loaded sources: its findings (validation included) and, per
    language, unit key -> "current" | "stale" | "unreviewed" | "untranslated"."""
    from engine.check import check_sources

    checked = check_sources(src)
    states = {lang: dict(per) for lang, per in checked.states.items()}
    return list(checked.diagnostics), states


# ------------------------------------------------------------------------------- render


def editions_of(src: Sources, states: Mapping[str, Mapping[str, str]]) -> list[Edition]:
    """The master first, then the translations in the order the master declares them."""
    master = src.master
    assert master is not None
    langs = tuple([master.lang] + [t for t in master.facts.translations if t in src.translations])
    out = [build_edition(master, None, {}, langs)]
    for lang in langs[1:]:
        out.append(build_edition(master, src.translations[lang], states.get(lang, {}), langs))
    return out


def render_site(src: Sources, states: Mapping[str, Mapping[str, str]],
                changelog: str) -> dict[str, bytes]:
    """Every file of the site, by relative path, rendered in memory."""
    assert src.master is not None
    editions = editions_of(src, states)
    files: dict[str, str] = {
        MARKER_NAME: MARKER_TEXT,
        STYLESHEET_NAME: CSS,
        "index.html": chooser_page(editions),
        "policy.json": bundle_text(compile_policy(src.master, src.translations)),
    }
    back = next((e for e in editions if e.lang == "en"), editions[0])
    files["changes.html"] = changes_page(changelog, back=to_plain(back.title.text or ""))
    for ed in editions:
        files[f"{ed.lang}/index.html"] = edition_page(ed)
        files[f"{ed.lang}/policy.md"] = edition_markdown(ed)
    return {name: files[name].encode("utf-8") for name in sorted(files)}


# -------------------------------------------------------------------------------- write


def _replaceable(out_dir: Path) -> bool:
    if not out_dir.exists():
        return True
    if not out_dir.is_dir():
        return False
    return (out_dir / MARKER_NAME).is_file() or not any(out_dir.iterdir())


def write_site(files: Mapping[str, bytes], out_dir: Path) -> None:
    """Write every file into a fresh folder beside `out_dir`, then swap it in."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.build-", dir=out_dir.parent))
    try:
        os.chmod(staged, 0o755)
        for name, data in files.items():
            target = staged / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        replace_dir_atomic(staged, out_dir)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise


# -------------------------------------------------------------------------------- build


def build_site(
    policy_dir: Path | str,
    out_dir: Path | str,
    *,
    allow_drift: bool = False,
    since: str | None = None,
) -> BuildResult:
    """Validate, gate on parity, render and atomically publish the site into `out_dir`."""
    policy_dir, out_dir = Path(policy_dir), Path(out_dir)
    result = BuildResult(out_dir)
    src = load_folder(policy_dir)
    diagnostics = list(src.diagnostics)
    if not src.ok or src.master is None:
        result.diagnostics = sorted_unique(diagnostics)
        return result

    findings, states = parity(src)
    diagnostics.extend(findings)
    if has_errors(findings):
        langs = sorted({d.lang or "" for d in findings if d.severity is Severity.ERROR} - {""})
        which = ", ".join(langs) or "the policy"
        if not allow_drift:
            diagnostics.append(make("RENDER002", f"parity errors in {which}; the site was not "
                                    "published", str(policy_dir),
                                    hint="fix them, or publish with banners using --allow-drift"))
            result.diagnostics = sorted_unique(diagnostics)
            return result
        diagnostics.append(make("RENDER003", f"parity errors in {which}; published with banners",
                                str(policy_dir)))

    changelog_path = find_changelog(policy_dir)
    changelog = ""
    if changelog_path is None:
        diagnostics.append(make("RENDER001", "CHANGELOG.md not found", str(policy_dir.parent)))
    else:
        changelog = changelog_path.read_text("utf-8")

    files = render_site(src, states, changelog)
    if since is not None:
        from .whatchanged import since_files

        extra, problems = since_files(policy_dir, since, src)
        diagnostics.extend(problems)
        if has_errors(problems):
            result.diagnostics = sorted_unique(diagnostics)
            return result
        files = dict(sorted({**files, **{k: v.encode("utf-8") for k, v in extra.items()}}.items()))

    if not _replaceable(out_dir):
        diagnostics.append(make("RENDER004", f"{out_dir} exists and holds no {MARKER_NAME}; "
                                "refusing to replace it", str(out_dir),
                                hint="choose an empty or new folder for --out"))
        result.diagnostics = sorted_unique(diagnostics)
        return result
    try:
        write_site(files, out_dir)
    except OSError as exc:
        diagnostics.append(make("IO005", f"cannot write the site: {exc.strerror or exc}",
                                str(out_dir)))
        result.diagnostics = sorted_unique(diagnostics)
        return result

    result.written = True
    result.files = tuple(files)
    result.banners = {
        ed.lang: sum(1 for b in ed.blocks() if b.state in BANNER_STATES)
        for ed in editions_of(src, states)[1:]
    }
    result.diagnostics = sorted_unique(diagnostics)
    return result
