"""Issue 12.14: commands import only what they need. jsonschema is loaded only for a file with a
mistake (the models accept exactly what their generated schema accepts); quick commands never
load the YAML stack. No timings here: bench/bench_cli.py measures them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from engine.readfile import read_file
from engine.schema import build_model, check_shape

from .conftest import POLICY, pending_repo

HERE = Path(__file__).resolve().parent / "malformed"
CASES = [c for c in YAML(typ="safe").load((HERE / "cases.yaml").read_text("utf-8"))
         if c.get("slot") in ("master", "translation") and "file" in c
         and (HERE / "files" / c["file"]).is_file()]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_whatever_the_model_accepts_the_schema_accepts(case: dict[str, str]) -> None:
    doc = read_file(HERE / "files" / case["file"]).document
    if doc is None or not isinstance(doc.data, dict):
        return
    kind = "master" if case["slot"] == "master" else "translation"
    model, _ = build_model(doc, kind)  # type: ignore[arg-type]
    if model is not None:
        assert check_shape(doc, kind) == []  # type: ignore[arg-type]


def _modules_after(*args: str) -> set[str]:
    code = (f"import sys\nfrom engine.cli import main\ntry:\n    main({list(args)!r})\n"
            "except SystemExit:\n    pass\nprint('\\n'.join(sorted(sys.modules)), file=sys.stderr)")
    for _ in range(2):  # the first run may fill the compiled-bundle cache; the second is typical
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True)
    return set(done.stderr.split())


def test_a_clean_policy_is_checked_without_jsonschema() -> None:
    assert "jsonschema" not in _modules_after("validate", "--policy", str(POLICY))


def test_clean_test_tables_are_run_without_jsonschema() -> None:
    """`policy test` (and the diff, which runs the properties) shape-check each table with
    engine/jsonfit.py first."""
    loaded = _modules_after("test", "--policy", str(POLICY))
    assert "jsonschema" not in loaded
    # the JUnit report's XML escaping pulls in urllib.request (http, ssl, email)
    assert not _top(loaded) & {"http", "ssl", "email", "xml"}
    assert "urllib.request" not in loaded


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("terms",),
                                  ("ask", "use", "contact", "newsletter")])
def test_quick_commands_do_not_load_the_yaml_and_model_stack(args: tuple[str, ...]) -> None:
    loaded = _modules_after(*args)
    assert not loaded & {"pydantic", "jsonschema", "markdown_it", "render"}, args
    # nor the words of the findings and commands (ja, ru, en), which only a report needs
    assert not loaded & {"engine.saying", "engine.basewords", "engine.commandwords"}, args


def _script_modules(args: list[str], cwd: Path, cache: Path, runs: int = 2) -> set[str]:
    """The modules the console script (engine/cli/cached.py) loaded for `policy args`, run in
    `cwd` with its caches in `cache`; the last of `runs` runs (the first fills the caches)."""
    code = (f"import sys\nsys.argv = ['policy', *{args!r}]\nfrom engine.cli.cached import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('MODULES', ' '.join(sorted(sys.modules)), file=sys.stderr)")
    env = {k: v for k, v in os.environ.items() if k not in ("POLICY_NO_CACHE",
                                                             "POLICY_CACHE_SOURCES")}
    env.update(XDG_CACHE_HOME=str(cache), PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True, cwd=cwd, env=env)
    line = [x for x in done.stderr.splitlines() if x.startswith("MODULES ")][-1]
    return set(line.split()[1:])


def _top(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


# What each quick command of the console script must never import (issue 15: every command
# answers within 0.15 s as a process; these are the big imports a command can do without).
YAML_STACK = {"pydantic", "pydantic_core", "jsonschema", "markdown_it", "render"}


def test_version_imports_neither_click_nor_the_model_stack(tmp_path: Path) -> None:
    loaded = _script_modules(["--version"], POLICY.parent, tmp_path)
    assert not _top(loaded) & (YAML_STACK | {"click"})
    # importlib.metadata costs more than the rest of the answer; the YAML error explainer is
    # for a file with a mistake
    assert not loaded & {"importlib.metadata", "engine.yamlerrors", "engine.model"}


def test_the_tool_version_is_what_importlib_metadata_says() -> None:
    from importlib.metadata import version

    from engine.cli.version import tool_version

    assert tool_version() == version("cafetalk-privacy-policy")


def test_the_tool_version_is_read_when_the_description_is_cut_inside_a_character(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path reads the first 64 KiB of METADATA; the README after the headers may be
    cut inside a multi-byte character there (it was, once the README grew): the version
    is still read from the headers, without importlib.metadata."""
    from engine.cli import version as version_module

    site = tmp_path / "site-packages"
    dist = site / "cafetalk_privacy_policy-9.8.7.dist-info"
    dist.mkdir(parents=True)
    headers = b"Metadata-Version: 2.4\nName: cafetalk-privacy-policy\nVersion: 9.8.7\n\n"
    metadata = headers + b"x" + "個人情報".encode() * 20_000  # 3 bytes a character
    with pytest.raises(UnicodeDecodeError):  # the boundary falls inside a character
        metadata[:1 << 16].decode("utf-8")
    (dist / "METADATA").write_bytes(metadata)
    monkeypatch.setattr(sys, "path", [str(site)])
    monkeypatch.delitem(sys.modules, "importlib.metadata", raising=False)
    assert version_module.tool_version() == "9.8.7"
    assert "importlib.metadata" not in sys.modules


def test_stamp_with_nothing_to_do_reads_no_yaml_and_no_markdown(policy_copy: Path,
                                                               tmp_path: Path) -> None:
    """From the sources cache: no reader (ruamel.yaml), no round-trip editor, no Markdown
    parser, no parity settings; only the models themselves (pydantic) are restored."""
    loaded = _script_modules(["stamp", "ru", "title", "--policy", str(policy_copy)],
                             tmp_path, tmp_path / "cache")
    assert not _top(loaded) & {"ruamel", "markdown_it", "jsonschema", "render"}
    assert not loaded & {"engine.read", "engine.edit", "engine.yamlerrors",
                         "engine.parity.config", "engine.parity.prose", "engine.markup",
                         "importlib.metadata"}


@pytest.mark.parametrize("args", [("validate",), ("check",), ("test",), ("status",)])
def test_a_clean_policy_is_loaded_without_pydantic(args: tuple[str, ...]) -> None:
    """The model is plain value classes: a valid file is built from its data once the schema
    predicate accepts it; pydantic (engine/pydmodel.py) only explains a file with a mistake."""
    loaded = _modules_after(*args, "--policy", str(POLICY))
    assert not _top(loaded) & {"pydantic", "pydantic_core", "jsonschema"}
    assert "engine.pydmodel" not in loaded


def test_a_second_build_only_writes_the_site(policy_copy: Path, tmp_path: Path) -> None:
    """From the cache of rendered sites (render/buildcache.py): no checks run, nothing is
    rendered or compiled again, no YAML is read; the registry of codes (engine.checks) is
    still loaded, for the words of the findings the build prints."""
    args = ["build", "--policy", str(policy_copy), "--out", str(tmp_path / "site")]
    loaded = _script_modules(args, tmp_path, tmp_path / "cache")
    assert (tmp_path / "site" / "index.html").is_file()
    assert not _top(loaded) & {"ruamel", "markdown_it", "jsonschema", "weasyprint", "pydantic"}
    assert not loaded & {"engine.check", "engine.compile", "engine.read", "engine.history",
                         "render.html", "render.markdown", "render.archive", "render.versions",
                         "render.view", "render.policymd"}


def test_a_build_renders_the_shipped_policy_without_markdown_it_or_the_semantic_diff(
        tmp_path: Path) -> None:
    """Every text of the shipped policy is simple (render/markdown.py renders it by hand) and
    the redlines take their word diff from engine/worddiff.py: a build with nothing cached,
    its version archive read from this repository's history, loads neither markdown-it nor the
    semantic diff's package (engine/diff)."""
    args = ["--no-cache", "build", "--policy", str(POLICY), "--out", str(tmp_path / "site"),
            "--allow-drift"]
    loaded = _script_modules(args, POLICY.parent, tmp_path / "cache", runs=1)
    assert (tmp_path / "site" / "index.html").is_file()
    assert "engine.worddiff" in loaded  # it did render a redline
    assert not _top(loaded) & {"markdown_it", "weasyprint"}
    assert not {m for m in loaded if m == "engine.diff" or m.startswith("engine.diff.")}


def test_a_dry_run_of_revise_loads_neither_the_reader_nor_the_round_trip_editor(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`policy revise --dry-run` edits nothing: no ruamel.yaml, no engine/edit.py, and from
    the sources cache no reader, for either side of the diff."""
    repo = pending_repo(tmp_path, monkeypatch)  # one pending wording change
    loaded = _script_modules(["revise", "--date", "2099-01-01", "--dry-run"], repo,
                             tmp_path / "cache")
    assert "engine.diff.revise" in loaded  # it did plan the revision
    assert not _top(loaded) & {"ruamel", "markdown_it", "jsonschema", "render"}
    assert not loaded & {"engine.read", "engine.edit", "engine.yamlerrors"}


def test_a_clean_policy_is_read_without_the_yaml_error_explainer() -> None:
    loaded = _modules_after("validate", "--policy", str(POLICY))
    assert not loaded & {"engine.yamlerrors", "importlib.metadata"}


def test_pydantic_asks_its_plugin_loader_only_for_what_the_stand_in_answers() -> None:
    """engine/pydmodel.py stands in for pydantic.plugin._loader when every plugin is off: pydantic
    imports nothing else from it, and the real one gives the same answer."""
    import re

    import pydantic

    root = Path(pydantic.__file__).parent
    imports = {m.group(0) for p in root.rglob("*.py")
               for m in re.finditer(r"(?:from|import) [\w.]*_loader[^\n]*", p.read_text("utf-8"))}
    assert imports == {"from ._loader import get_plugins"}
    code = ("import os\nos.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'\n"
            "from pydantic.plugin._loader import get_plugins\nprint(tuple(get_plugins()))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "()"


def _shape_first(doc: object, kind: str) -> list[object]:
    """What a file's findings were when jsonschema ran on every file, before the model, with
    the schema generated from the models (the reference the cheaper order must equal)."""
    import jsonschema

    from engine.schema import _diagnose, json_schema

    schema = json_schema(kind)
    shape = [d for e in jsonschema.validators.validator_for(schema)(schema).iter_errors(
        doc.data) for d in _diagnose(e, doc)]  # type: ignore[attr-defined, arg-type]
    if shape:
        return list(shape)
    return list(build_model(doc, kind)[1])  # type: ignore[arg-type]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_the_model_first_order_gives_the_same_findings_as_jsonschema_first(
        case: dict[str, str]) -> None:
    """The loader builds the model first and runs jsonschema (on the committed schema) only
    when the model refuses the file; its findings are exactly those of the old order."""
    from engine.loader import _shaped_model

    doc = read_file(HERE / "files" / case["file"]).document
    if doc is None or not isinstance(doc.data, dict):
        return
    kind = "master" if case["slot"] == "master" else "translation"
    assert _shaped_model(doc, kind)[1] == _shape_first(doc, kind)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["master", "translation", "tests"])
def test_validation_reads_the_committed_schema_which_is_the_generated_one(kind: str) -> None:
    from engine.schema import json_schema, validation_schema

    assert validation_schema(kind) == json_schema(kind)


# What a first (cold) run of the legal team's commands does without (issue 15: each answers
# within 0.3 s as a process): the caches are written without tempfile (and its random and
# shutil), the length check's median needs no statistics (fractions, decimal), no value class
# is a dataclass, no key loads OpenSSL (hashlib: engine/hashing.py `key_hash`); `policy test`
# and `policy diff` need neither the registry of check codes (engine.checks, the prose
# matchers) nor, without declared uses, the uses modules.
COLD_NEVER = {"tempfile", "random", "shutil", "statistics", "fractions", "decimal",
              "dataclasses", "hashlib", "_hashlib"}


@pytest.mark.parametrize("args", [("check",), ("status",), ("test",), ("diff",),
                                  ("diff", "base", "policy"), ("validate",),
                                  ("build", "--out", "site", "--allow-drift")])
def test_a_first_run_of_the_legal_commands_imports_only_what_it_needs(
        args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = pending_repo(tmp_path, monkeypatch)  # one pending wording change
    shutil.copytree(POLICY, repo / "base")
    loaded = _script_modules(list(args), repo, tmp_path / "cache", runs=1)
    never = COLD_NEVER - {"shutil"} if args[0] == "build" else COLD_NEVER  # a build swaps folders
    assert not loaded & never, args
    # the editions and the tests are read line by line (engine/lineread.py): no YAML library
    assert not _top(loaded) & {"ruamel", "_ruamel_yaml"}, args
    assert not loaded & {"engine.read", "engine.quickread"}, args
    if args[0] in ("test", "diff"):
        assert not loaded & {"engine.checks", "engine.diagnostics"}, args
        assert not {m for m in loaded if m.startswith("engine.uses.")} - {"engine.uses.folder"}
    if args[0] == "test":
        assert "difflib" not in loaded  # only a word diff needs it
    elif args[0] != "validate":
        assert "engine.diff" in loaded or "engine.check" in loaded  # it did the work


def test_a_first_run_of_a_dry_revise_imports_neither_tempfile_nor_dataclasses(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = pending_repo(tmp_path, monkeypatch)
    loaded = _script_modules(["revise", "--date", "2099-01-01", "--dry-run"], repo,
                             tmp_path / "cache", runs=1)
    assert "engine.diff.revise" in loaded
    assert not loaded & COLD_NEVER


def test_validate_and_stamp_load_no_openssl_for_the_fingerprints(policy_copy: Path) -> None:
    """The fingerprints of unit texts use CPython's built-in SHA-256 (engine/hashing.py):
    hashlib loads OpenSSL, a tenth of a quick command's start."""
    assert not {"hashlib", "_hashlib"} & _modules_after("validate", "--policy", str(POLICY))
    loaded = _modules_after("stamp", "ru", "title", "--policy", str(policy_copy))
    assert not {"hashlib", "_hashlib"} & loaded


def test_the_built_in_sha256_gives_hashlibs_digests() -> None:
    import hashlib

    from engine.hashing import small_sha256
    from engine.model import fingerprint, normalize

    sha256 = small_sha256()
    for text in ("", "a", "個人情報の取扱い", "Политика\nконфиденциальности  ", "x" * 100_000):
        data = text.encode("utf-8")
        assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
        assert fingerprint(text) == hashlib.sha256(
            normalize(text).encode("utf-8")).hexdigest()[:10]


def test_the_keys_hash_is_blake2b_without_hashlib() -> None:
    """engine/hashing.py `key_hash`: hashlib's BLAKE2b with a 32-byte digest, from the built-in
    module, in a process that never imports hashlib."""
    import hashlib

    from engine.hashing import key_hash

    for data in (b"", b"a", "個人情報".encode(), b"x" * 1_000_000):
        made = key_hash(data[:3])
        made.update(data[3:])
        want = hashlib.blake2b(data, digest_size=32)
        assert (made.digest(), made.hexdigest()) == (want.digest(), want.hexdigest())
    code = ("import sys\nfrom engine.hashing import key_hash\n"
            "print(key_hash(b'policy').hexdigest(), 'hashlib' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == [hashlib.blake2b(b"policy", digest_size=32).hexdigest(),
                                   "False"]


def test_the_keys_hash_without_a_built_in_blake2_is_hashlibs_sha256(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An interpreter built without `_blake2` (hashlib then has no BLAKE2 either): the keys
    are SHA-256, of the same length."""
    import hashlib
    import importlib

    from engine import hashing

    real = importlib.import_module

    def without_blake2(name: str, package: str | None = None) -> object:
        if name == "_blake2":
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(hashing, "_KEY_HASH", [])
    monkeypatch.setattr(importlib, "import_module", without_blake2)
    made = hashing.key_hash(b"poli")
    made.update(b"cy")
    assert made.hexdigest() == hashlib.sha256(b"policy").hexdigest()


def test_the_bundle_hash_is_the_same_without_hashlib() -> None:
    """engine/hashing.py `content_hash` hashes with hashlib when it is loaded, else with the
    built-in SHA-256: the same hash either way (computed here in a process without hashlib)."""
    import json

    from engine.hashing import content_hash

    bundle = json.loads((Path(__file__).resolve().parent.parent / "policy" / "schema.master.json"
                         ).read_text("utf-8"))
    code = ("import json, sys\nfrom engine.hashing import content_hash\n"
            "print(content_hash(json.load(sys.stdin)), 'hashlib' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, input=json.dumps(bundle))
    assert "hashlib" in sys.modules
    assert done.stdout.split() == [content_hash(bundle), "False"]


def test_cache_entries_are_pickles_without_the_pickle_module(tmp_path: Path) -> None:
    """engine/inputs.py reads and writes its entries with the C pickler that `pickle`
    re-exports: an entry it writes is what pickle.dumps writes, one pickle.dumps wrote is
    read back, and a first command that reads and writes entries never imports `pickle`
    (2.2 ms against 0.5 ms)."""
    import pickle

    from engine.inputs import read_private_pickle, write_private_pickle

    value = {"texts": ["個人情報", "данные"], "n": (1, 2.5, None)}
    write_private_pickle(tmp_path / "c", "k1", b"fmt", value, 4)
    stored = (tmp_path / "c" / "k1.pickle").read_bytes()
    assert stored == b"fmt k1\n" + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    (tmp_path / "c" / "k2.pickle").write_bytes(b"fmt k2\n" + pickle.dumps(value, protocol=2))
    assert read_private_pickle(tmp_path / "c", "k1", b"fmt") == value
    assert read_private_pickle(tmp_path / "c", "k2", b"fmt") == value
    for _ in range(2):  # the first run writes the entries, the second reads them
        modules, _said = _run_listing_modules(["check", "--policy", str(POLICY)], tmp_path,
                                              tmp_path / "cache", no_cache=False)
        assert "_pickle" in modules and "pickle" not in modules
    assert list((tmp_path / "cache" / "cafetalk-policy").glob("*/*.pickle"))


def test_a_check_with_no_drift_starts_no_git() -> None:
    """engine/history.py asks git for old texts only on a drift finding: a check of a policy
    whose translations are current does not import subprocess."""
    assert "subprocess" not in _modules_after("check", "--policy", str(POLICY))


def test_help_imports_no_json() -> None:
    assert "json" not in _modules_after("--help")


def test_the_policy_tests_start_no_git() -> None:
    """engine/gitio.py imports subprocess only to run git: `policy test` runs none."""
    assert "subprocess" not in _modules_after("test", "--policy", str(POLICY))


def _run_listing_modules(argv: list[str], cwd: Path, cache: Path, *,
                         no_cache: bool = True) -> tuple[set[str], str]:
    """Run `policy argv` as the console script does (its caches turned on by it, or off with
    `no_cache`) in a process of its own, in `cwd` with its caches in `cache`: the modules it
    imported, and what it printed."""
    flags = ["--no-cache"] if no_cache else []
    code = (f"import sys\nsys.argv = ['policy', *{flags!r}, *{argv!r}]\n"
            "from engine.cli.cached import main\ntry:\n    main()\nexcept SystemExit:\n"
            "    pass\nprint('MODULES', ' '.join(sorted(sys.modules)), file=sys.stderr)")
    env = {k: v for k, v in os.environ.items()
           if k not in ("POLICY_CACHE_SOURCES", "POLICY_NO_CACHE")}
    env.update(XDG_CACHE_HOME=str(cache), PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=cwd, env=env)
    line = [x for x in done.stderr.splitlines() if x.startswith("MODULES ")][-1]
    return set(line.split()[1:]), done.stdout + done.stderr


def test_a_check_that_reads_old_texts_from_git_imports_no_subprocess(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no cache, a check whose translations went stale asks git for the master's old
    texts (engine/history.py): through os.posix_spawnp, as the refs are read, not subprocess;
    it still finds them (the drift finding shows what changed)."""
    repo = pending_repo(tmp_path, monkeypatch)
    modules, said = _run_listing_modules(["check", "--format", "json"], repo, tmp_path / "cache")
    assert "engine.history" in modules and "subprocess" not in modules
    assert re.search(r"\(\w+, git [0-9a-f]{10}\)", said)  # the old text, from git


def test_a_build_reads_the_archive_from_git_without_subprocess(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no cache, a build reads the older versions from git on a thread of its own
    (render/archive.py) through engine/gitio.py, which starts git as the refs are read
    (os.posix_spawnp): the thread imports no subprocess (3.5 ms of interpreter time the
    checks on the main thread would wait for), and the site is still published."""
    repo = pending_repo(tmp_path, monkeypatch)
    out = tmp_path / "site"
    modules, said = _run_listing_modules(["build", "--allow-drift", "--out", str(out)], repo,
                                         tmp_path / "cache")
    assert {"render.archive", "engine.gitio"} <= modules and "subprocess" not in modules
    # the bundle's hash by the built-in SHA-256: no cache key loaded OpenSSL's (2.4 ms)
    assert "engine.compile" in modules and "hashlib" not in modules
    assert (out / "index.html").is_file(), said


def test_history_asks_git_as_subprocess_would(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """engine/history.py's `_git`: git's output when it succeeds; None when it fails or
    when there is no git."""
    from engine import history

    repo = pending_repo(tmp_path, monkeypatch)
    folder = repo / "policy"
    said = subprocess.run(["git", "show", "HEAD:./ja.yaml"], cwd=folder, capture_output=True)
    assert history._git(folder, "show", "HEAD:./ja.yaml") == said.stdout != b""
    assert history._git(folder, "show", "HEAD:./missing.yaml") is None
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    assert history._git(folder, "show", "HEAD:./ja.yaml") is None



@pytest.mark.parametrize("args", [("validate",), ("check",), ("status",), ("test",)])
def test_an_answer_from_the_result_cache_imports_no_typing(
        args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The records (engine/values.py) and the commands without click name typing's types for
    mypy only: the console script answering from its result cache (the second run) does
    without typing's 2.5 ms, findings to say included (one pending wording change)."""
    repo = pending_repo(tmp_path, monkeypatch)
    code = ("import sys\nfrom engine.cli import client\nend = client.end_now\n"
            "def shown(done):\n"
            "    print('MODULES', ' '.join(sorted(sys.modules)), file=sys.stderr)\n"
            "    end(done)\n"
            "client.end_now = shown\nsys.argv[0] = 'policy'\nclient.main()\n")
    env = {k: v for k, v in os.environ.items() if k != "POLICY_NO_CACHE"}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), POLICY_NO_SERVER="1",
               POLICY_CACHE_SOURCES="1",
               PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    for _ in range(2):  # the first run fills the result cache
        done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                              text=True, cwd=repo, env=env)
    line = [x for x in done.stderr.splitlines() if x.startswith("MODULES ")][-1]
    loaded = set(line.split()[1:])
    assert "engine.loader" not in loaded, args  # answered from the result cache
    assert "typing" not in loaded, args
