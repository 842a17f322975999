"""Read policy files as they were at a git revision (`git show REV:path`, nothing checked out).

Every git failure (not a repository, an unknown revision, git missing) becomes a
`GitError` carrying a diagnostic; callers turn it into exit code 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from . import patterns
from .findings import Diagnostic, make

GIT_TIMEOUT_S = 30
MAX_BLOB_BYTES = 8 * 1024 * 1024

# `git log` as this tool reads it, whatever the user's or the repository's configuration says:
# no following of the file's former names (log.follow would add the commits from before a
# rename) and no signature lines (log.showSignature would print gpg's verdicts among the
# commit ids). Then the log depends on the repository alone, as the caches of it assume.
LOG = ("-c", "log.follow=false", "-c", "log.showSignature=false", "log")


class GitError(Exception):
    """A git question could not be answered; carries one diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic
        super().__init__(str(diagnostic))


def _git(repo: Path, *args: str) -> bytes:
    return _output(args, _ask(repo, list(args)))


def _output(args: Sequence[str], done: tuple[int, bytes, bytes]) -> bytes:
    """The output of a finished git command; GitError with git's first line when it failed."""
    if done[0] != 0:
        message = done[2].decode("utf-8", "replace").strip().splitlines()
        first = message[0] if message else f"git {_command(args)} failed"
        code = "GIT001" if "not a git repository" in first or "unknown revision" in first \
            or "bad revision" in first or "Not a valid object" in first else "GIT002"
        raise GitError(make(code, first))
    return done[1]


def _ask(repo: Path, args: list[str], feed: bytes | None = None, large: bool = False
         ) -> tuple[int, bytes, bytes]:
    """(exit code, output, errors) of `git -C repo args`, fed `feed`; GitError (GIT002) when
    git is missing, cannot be started or does not answer within GIT_TIMEOUT_S. Started as the
    refs are read (engine/inputs.py `spawn`, through os.posix_spawnp): the build's history
    thread imports no subprocess, and `policy test` and a diff of two folders run no git."""
    from .inputs import spawn

    try:
        wait = spawn(["git", *args], repo, feed=feed, errors=True, timeout=GIT_TIMEOUT_S,
                     large=large)
    except FileNotFoundError:
        raise GitError(missing_git()) from None
    except OSError as exc:
        raise GitError(make("GIT002", f"git cannot be started: {exc.strerror or exc}")) from None
    try:
        done = wait()
    except OSError as exc:
        raise GitError(make("GIT002", f"git {_command(args)} failed: {exc.strerror or exc}")
                       ) from None
    if isinstance(done, str):
        raise GitError(make("GIT002", f"git {_command(args)} timed out"))
    return done


def unknown_revision(rev: str, form: str = "unknown") -> Diagnostic:
    """GIT001 for a revision that names no commit (`form` "not_revision": one that cannot be
    a revision's name at all, such as an option), with what to type instead."""
    message = (f"unknown revision '{rev}'" if form == "unknown"
               else f"not a revision: '{rev}'")
    return make("GIT001", message, hint="name a commit, a tag or a branch, such as main or "
                "HEAD~1", params={"form": form, "rev": rev})


def missing_git() -> Diagnostic:
    """GIT002 when there is no git to start: said as that, never as "not a repository"."""
    return make("GIT002", "git is not installed", hint="install git, or ask a developer",
                params={"form": "missing"})


def is_missing_git(diagnostic: Diagnostic) -> bool:
    return diagnostic.code == "GIT002" and dict(diagnostic.params).get("form") == "missing"


def _command(args: Sequence[str]) -> str:
    """The git command `args` run ("log"), past the settings given before it (`-c name=value`)."""
    at = 0
    while at < len(args) and args[at].startswith("-"):
        at += 2 if args[at] == "-c" else 1
    return args[at] if at < len(args) else "command"


def toplevel(path: Path) -> Path:
    """The root of the work tree holding `path`."""
    start = path if path.is_dir() else path.parent
    return Path(_git(start, "rev-parse", "--show-toplevel").decode().strip())


def is_shallow(repo: Path) -> bool:
    """Whether the repository is a shallow clone (only the latest commits, as actions/checkout
    fetches by default); False when git cannot say."""
    try:
        return _git(repo, "rev-parse", "--is-shallow-repository").strip() == b"true"
    except GitError:
        return False


def has_commit(repo: Path, rev: str) -> bool:
    """Whether `rev` names a commit here (`refs/remotes/origin/main`)."""
    try:
        resolve(repo, rev)
    except GitError:
        return False
    return True


def no_merge_base(branch: str, *, shallow: bool) -> Diagnostic:
    """GIT001 when HEAD and `branch` have no merge-base: in a shallow clone, what to fetch;
    otherwise that the histories share no commit, and how to name the base instead."""
    if shallow:
        return make("GIT001", "this shallow clone does not reach the commit where HEAD "
                    f"branched off from '{branch}', so the version to compare your edits with "
                    "cannot be found",
                    hint="fetch the whole history: actions/checkout with fetch-depth: 0 in "
                    "GitHub Actions, or git fetch --unshallow",
                    params={"form": "shallow", "branch": branch})
    return make("GIT001", f"HEAD and '{branch}' have no commit in common, so the version to "
                "compare your edits with cannot be found",
                hint="name the version to compare with: policy diff BASE, or --branch BRANCH",
                params={"form": "unrelated", "branch": branch})


# Full commit ids already verified: the commit such an id names never changes, so one
# `git rev-parse` per id and process is enough (a diff resolves the same id many times).
_VERIFIED: set[tuple[str, str]] = set()
_FULL_ID = patterns.compile(r"^[0-9a-f]{40}$")


def resolve(repo: Path, rev: str) -> str:
    """The commit id a revision names; GitError (GIT001) if it names none."""
    if not rev or rev.startswith("-"):
        raise GitError(unknown_revision(rev, "not_revision"))
    if (str(repo), rev) in _VERIFIED:
        return rev
    try:
        out = _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except GitError as exc:
        if is_missing_git(exc.diagnostic):
            raise
        raise GitError(unknown_revision(rev)) from None
    commit = out.decode().strip()
    if _FULL_ID.match(commit):
        _VERIFIED.add((str(repo), commit))
    return commit


def resolve_many(repo: Path, revs: list[str]) -> list[str]:
    """The commit id each revision names, in one `git cat-file --batch-check` (one process
    instead of one `git rev-parse` each); GitError (GIT001) naming the first revision that
    names no commit, as `resolve` says it."""
    todo = [r for r in revs if (str(repo), r) not in _VERIFIED]
    for rev in todo:
        if not rev or rev.startswith("-") or "\n" in rev:
            raise GitError(unknown_revision(rev, "not_revision"))
    found: dict[str, str] = {}
    if todo:
        out = _run(repo, ["cat-file", "--batch-check=%(objectname) %(objecttype)"],
                   "".join(f"{r}^{{commit}}\n" for r in todo).encode())
        lines = out.decode("utf-8", "replace").splitlines()
        for rev, line in zip(todo, lines + [""] * (len(todo) - len(lines)), strict=True):
            parts = line.split()
            if len(parts) != 2 or parts[1] != "commit" or not _FULL_ID.match(parts[0]):
                raise GitError(unknown_revision(rev))
            found[rev] = parts[0]
            _VERIFIED.add((str(repo), parts[0]))
    return [found.get(r, r) for r in revs]


def merge_base(repo: Path, rev: str = "HEAD", branch: str = "main") -> str:
    """The merge-base of `rev` with `branch` (the default BASE of a diff); GitError (GIT001)
    saying why when there is none: a shallow clone (CI's default checkout) that does not reach
    it, or two histories with no commit in common."""
    a, b = resolve_many(repo, [rev, branch])
    if a == b:  # on the branch itself: its own merge-base
        return a
    args = ["merge-base", a, b]
    done = _ask(repo, args)
    if done[0] == 1 and not done[1].strip() and not done[2].strip():
        # git's way of saying "no commit in common": exit 1, nothing printed
        raise GitError(no_merge_base(branch, shallow=is_shallow(repo)))
    base = _output(args, done).decode().strip()
    if _FULL_ID.match(base):
        _VERIFIED.add((str(repo), base))  # a commit id git just gave: no need to verify it again
    return base


def repo_path(repo: Path, path: Path) -> str:
    """`path` relative to the repository root, in git's slash form."""
    rel = path.resolve().relative_to(repo.resolve())
    return rel.as_posix() if str(rel) != "." else ""


def show(repo: Path, rev: str, path: str) -> bytes | None:
    """The bytes of `path` at `rev`, or None when the file does not exist there."""
    commit = resolve(repo, rev)
    try:
        size = int(_git(repo, "cat-file", "-s", f"{commit}:{path}").decode().strip())
    except GitError:
        return None
    if size > MAX_BLOB_BYTES:
        raise GitError(make("IO003", f"{rev}:{path} is {size} bytes; the limit is "
                            f"{MAX_BLOB_BYTES}"))
    return _git(repo, "show", f"{commit}:{path}")


def read_folder(repo: Path, rev: str, folder: str, also: tuple[str, ...] = ()
                ) -> dict[str, bytes]:
    """Every YAML file of a policy folder at `rev`, by file name, and each of the files `also`
    names (paths from the repository root) that exists there, by path: one `git ls-tree` and
    one `git cat-file --batch`, whatever the number of files."""
    found = read_folders(repo, [rev], folder, also)[0]
    if isinstance(found, GitError):
        raise found
    return found


def read_folders(repo: Path, revs: Sequence[str], folder: str, also: tuple[str, ...] = ()
                 ) -> list[dict[str, bytes] | GitError]:
    """`read_folder` at each of `revs`, in order: what it gives, or the GitError it raises
    (one revision's error leaves the others read). One `git ls-tree` per revision and one
    `git cat-file --batch` for all of them: a YAML file of the folder is refused by its size
    before anything is read, a file `also` names once it is read."""
    out: list[dict[str, bytes] | GitError] = []
    wanted: list[tuple[int, str, str, str]] = []  # (index in out, key, path, spec)
    for rev in revs:
        try:
            commit = resolve(repo, rev)
            names, paths = _folder_files(repo, rev, commit, folder)
        except GitError as exc:
            out.append(exc.with_traceback(None))  # not this frame: it holds every file read
            continue
        wanted.extend((len(out), key, path, f"{commit}:{path}")
                      for key, path in zip([*names, *also], [*paths, *also], strict=True))
        out.append({})
    blobs = _batch(repo, [spec for *_, spec in wanted])
    for (at, key, path, _spec), blob in zip(wanted, blobs, strict=True):
        files = out[at]
        if blob is None or isinstance(files, GitError):
            continue
        size, data = blob
        if size > MAX_BLOB_BYTES:
            out[at] = GitError(make("IO003", f"{revs[at]}:{path} is {size} bytes; the limit "
                                    f"is {MAX_BLOB_BYTES}"))
            continue
        files[key] = data
    return out


def _folder_files(repo: Path, rev: str, commit: str, folder: str) -> tuple[list[str], list[str]]:
    """The YAML files directly in `folder` at `commit` (`rev` as the user named it), sorted:
    their names and their paths from the repository root; GitError when there is no such
    folder (GIT001) or a file is larger than MAX_BLOB_BYTES (IO003)."""
    spec = f"{commit}:{folder}" if folder else f"{commit}:"
    try:
        out = _git(repo, "ls-tree", "-l", spec)
    except GitError:
        raise GitError(make("GIT001", f"no folder '{folder}' at revision {rev}")) from None
    sizes: dict[str, int] = {}
    for line in out.decode("utf-8", "replace").splitlines():
        meta, _tab, name = line.partition("\t")
        fields = meta.split()
        if len(fields) == 4 and fields[1] == "blob" and name.endswith((".yaml", ".yml")):
            sizes[name] = int(fields[3])
    names = sorted(sizes)
    paths = [f"{folder}/{name}" if folder else name for name in names]
    for name, path in zip(names, paths, strict=True):  # refused before anything is read
        if sizes[name] > MAX_BLOB_BYTES:
            raise GitError(make("IO003", f"{rev}:{path} is {sizes[name]} bytes; the limit is "
                                f"{MAX_BLOB_BYTES}"))
    return names, paths


def log(repo: Path, path: str, rev: str = "HEAD") -> list[str]:
    """Commits reachable from `rev` that touched `path`, newest first (empty when none)."""
    commit = rev if rev == "HEAD" else resolve(repo, rev)  # HEAD needs no `git rev-parse` first
    return log_at(repo, path, commit)


def log_at(repo: Path, path: str, commit: str) -> list[str]:
    """`log` from a commit id git itself gave (HEAD's value in `git show-ref`), or HEAD: not
    resolved again."""
    out = _git(repo, *LOG, "--format=%H", commit, "--", path or ".")
    commits = out.decode().split()
    # commit ids git itself gave: never resolved again (one `git rev-parse` fewer each)
    _VERIFIED.update((str(repo), c) for c in commits if _FULL_ID.match(c))
    return commits


def _run(repo: Path, args: list[str], stdin: bytes, large: bool = False) -> bytes:
    """The output of a git command fed `stdin` (`large`: expected to be large, see
    engine/inputs.py `spawn`); GitError (GIT002) when it fails."""
    done = _ask(repo, args, stdin, large)
    if done[0] != 0:
        raise GitError(make("GIT002", f"git {_command(args)} failed"))
    return done[1]


def _batch(repo: Path, specs: list[str]) -> list[tuple[int, bytes] | None]:
    """(size, bytes) of each `REV:path` object in one `git cat-file --batch` (None if missing)."""
    if not specs:
        return []
    data = _run(repo, ["cat-file", "--batch"], "".join(f"{s}\n" for s in specs).encode(),
                large=True)
    pos = 0
    out: list[tuple[int, bytes] | None] = []
    for _spec in specs:
        end = data.index(b"\n", pos)
        header = data[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[-1] == b"missing":
            out.append(None)
            continue
        size = int(header[2])
        out.append((size, data[pos:pos + size]))
        pos += size + 1
    return out


def show_many(repo: Path, specs: list[str]) -> list[bytes | None]:
    """The bytes of several `REV:path` objects in one `git cat-file --batch` (None if missing)."""
    return [blob[1] if blob is not None and blob[0] <= MAX_BLOB_BYTES else None
            for blob in _batch(repo, specs)]
