"""Read and write compiled bundles, find the shipped policy, and find the loaded policy a pickled decision names: the service-side loading path.

Importing this module imports only the standard library. Compiling from YAML (which needs
ruamel.yaml and pydantic) happens only when a folder is loaded, and its result is cached by
the content of the folder's files so the next start-up reads JSON only.
"""

from __future__ import annotations

import _thread
import json
import os

from .decide import TYPE_CHECKING, CompiledPolicy, live_policies, live_policy
from .decision import PolicyMismatchError, pickle_decisions_by
from .hashing import BUNDLE_FORMAT, content_hash

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from .decision import Decision
    from .findings import Diagnostic
    from .loader import Sources

# Plain strings, not pathlib: importing pathlib costs a service ~8 ms of cold start.
_HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGED_BUNDLE = os.path.join(_HERE, "_bundle", "policy.json")
SOURCE_POLICY = os.path.join(os.path.dirname(_HERE), "policy")
ENV_VAR = "CAFETALK_POLICY"


def _load_error(code: str, message: str, file: str, line: int = 0, col: int = 0,
                hint: str = "") -> Exception:
    """A PolicyLoadError; diagnostics are imported only when something went wrong."""
    from .findings import PolicyLoadError, make

    return PolicyLoadError([make(code, message, file, line, col, hint=hint)])


def read_bundle(path: str | os.PathLike[str], *, verify: bool = True) -> CompiledPolicy:
    """Load a compiled bundle file; a damaged or foreign file is a PolicyLoadError."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        raise _load_error("IO001", "bundle not found", name) from None
    except OSError as exc:
        from .findings import PolicyLoadError, unreadable

        raise PolicyLoadError([unreadable(exc, name, "bundle")]) from None
    try:
        bundle = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", 1)
        col = getattr(exc, "colno", 1)
        raise _load_error("BUNDLE001", f"not a JSON bundle: {exc}".split(":")[0],
                          name, line, col) from None
    if not isinstance(bundle, dict) or bundle.get("format") != BUNDLE_FORMAT:
        raise _load_error("BUNDLE001", f"not a {BUNDLE_FORMAT} file", name, 1, 1)
    if verify and bundle.get("hash") != content_hash(bundle):
        raise _load_error("BUNDLE002", "content hash does not match; the bundle was "
                          "edited or damaged", name, 1, 1)
    try:
        return CompiledPolicy(bundle)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _load_error("BUNDLE001", f"bundle is incomplete: {exc!r}", name, 1, 1) from None


def _cache_dir() -> Path | None:
    from .inputs import cache_folder  # here: the service path imports no pathlib

    return cache_folder()


def _folder_key(folder: Path) -> str:
    from pathlib import Path

    from .hashing import key_hash

    digest = key_hash(BUNDLE_FORMAT.encode())
    for p in sorted(folder.glob("*.yaml")):
        digest.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    # The compiler's own code is part of the key: a new engine never reads an old cache.
    for p in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(p.read_bytes())
    return digest.hexdigest()[:32]


def compile_sources(src: Sources, where: str) -> dict[str, Any]:
    """Compile loaded sources; raises PolicyLoadError listing every error when they do not
    validate (the one "compile or raise" of folders, git revisions and the service path)."""
    from .compile import compile_policy
    from .findings import PolicyLoadError, has_errors, make

    if src.master is None or has_errors(src.diagnostics):
        errors: list[Diagnostic] = [d for d in src.diagnostics if d.severity.name == "ERROR"]
        raise PolicyLoadError(errors or [make("POLICY009", "no master edition", where)])
    return compile_policy(src.master, src.translations)


def compile_folder(folder: Path) -> dict[str, Any]:
    """Validate and compile a policy folder; raises PolicyLoadError listing every error."""
    from .loader import load_folder

    return compile_sources(load_folder(folder), str(folder))


def load_folder_cached(folder: str | os.PathLike[str]) -> CompiledPolicy:
    """Compile a folder, reusing a cached bundle of the same sources and engine code."""
    from pathlib import Path

    from .findings import PolicyLoadError

    root = Path(folder)
    cache = _cache_dir()
    key = None
    if cache is not None:
        try:
            key = _folder_key(root)
            hit = cache / f"{key}.json"
            if hit.is_file():
                return read_bundle(hit)
        except (OSError, PolicyLoadError):
            pass
    bundle = compile_folder(root)
    if cache is not None and key is not None:
        try:
            from .atomic import write_bytes_atomic

            cache.mkdir(parents=True, exist_ok=True)
            # Not waiting for the disk, as every cache (engine/atomic.py): an entry a crash
            # left damaged fails read_bundle's content hash and is compiled again.
            write_bytes_atomic(cache / f"{key}.json",
                               json.dumps(bundle, ensure_ascii=False).encode("utf-8"),
                               durable=False, mode=0o600)
        except OSError:
            pass  # a read-only home only costs speed
    return CompiledPolicy(bundle)


def load(path: str | os.PathLike[str]) -> CompiledPolicy:
    """Load a policy folder (YAML, validated and compiled) or a compiled bundle (JSON)."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"load() takes a path, not {type(path).__name__}")
    p = os.fspath(path)
    if os.path.isdir(p):
        return load_folder_cached(p)
    if p.endswith(".json") or os.path.isfile(p):
        return read_bundle(p)
    raise _load_error("IO001", "policy folder or bundle not found", p)


def load_shipped() -> CompiledPolicy:
    """The policy this package ships: $CAFETALK_POLICY, else the source tree's policy/,
    else the bundle packaged into the wheel."""
    override = os.environ.get(ENV_VAR)
    if override:
        if not os.path.exists(override):  # say where the name came from: not the caller's code
            raise _load_error("IO001", "policy folder or bundle not found", override,
                              hint=f"the environment variable {ENV_VAR} names it; set it to a "
                              "policy folder or a bundle written by `policy bundle`, or unset "
                              "it to use the policy this package ships")
        return load(override)
    if os.path.isfile(os.path.join(SOURCE_POLICY, "ja.yaml")):
        return load_folder_cached(SOURCE_POLICY)
    return read_bundle(PACKAGED_BUNDLE)


_shipped: list[CompiledPolicy] = []
_shipped_lock = _thread.allocate_lock()


def shipped() -> CompiledPolicy:
    """The shipped policy of this process (`from engine import policy`): loaded on first use
    (`load_shipped`), once."""
    with _shipped_lock:
        if not _shipped:
            _shipped.append(load_shipped())
        return _shipped[0]


def loaded_policy(version: str, policy_hash: str) -> CompiledPolicy:
    """The policy of content hash `policy_hash` loaded in this process: one alive here, else
    the shipped policy (loaded now if it is not yet) when it is that policy; else
    PolicyMismatchError, naming the policies loaded here."""
    found = live_policy(policy_hash)
    if found is None:
        found = shipped()
    if found.hash != policy_hash:
        raise PolicyMismatchError(version, policy_hash,
                                  sorted((p.version, p.hash) for p in live_policies()))
    return found


def remade_decision(version: str, policy_hash: str, action: str, data: str, purpose: str,
                    flags: tuple[str, ...]) -> Decision:
    """A pickled decision, made again by the loaded policy that made it (`loaded_policy`):
    the same question with the same flags set, so an equal decision (not logged again by the
    audit: `CompiledPolicy.remade`)."""
    return loaded_policy(version, policy_hash).remade(action, data, purpose, flags)


# Policies are loaded here, so here their decisions learn to travel light: a pickled decision
# holds its policy's version and hash and its question (a few hundred bytes), not the policy.
pickle_decisions_by(remade_decision)
