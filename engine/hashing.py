"""The bundle's format tag and content hash, shared by the compiler and the loader, and SHA-256
of small inputs without OpenSSL (stdlib only)."""

from __future__ import annotations

TYPE_CHECKING = False  # without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

BUNDLE_FORMAT = "cafetalk-policy-bundle/1"


def content_hash(bundle: dict[str, Any]) -> str:
    """SHA-256 over the canonical JSON of everything but the hash itself: through hashlib when
    a cache key loaded it already, else the built-in one (`small_sha256`; the same digest):
    a build with no cache then never loads OpenSSL (2.4 ms) to hash the bundle's 80 KB once
    (0.25 ms)."""
    import json
    import sys

    payload = {k: v for k, v in bundle.items() if k != "hash"}
    canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # hashlib's when it is loaded (and done loading), else the built-in one
    sha256 = getattr(sys.modules.get("hashlib"), "sha256", None) or small_sha256()
    digest: str = sha256(canonical.encode("utf-8")).hexdigest()
    return "sha256:" + digest


def small_sha256() -> Callable[[bytes], Any]:
    """The SHA-256 constructor for short inputs (the fingerprints of unit texts): CPython's
    built-in one (`_sha2`, `_sha256` before 3.12), the same digest as `hashlib.sha256`, whose
    import loads OpenSSL (about a tenth of the instructions of a quick command's start, for a
    few hundred hashes of a few hundred bytes). Large inputs (the caches' keys) stay with
    hashlib, whose OpenSSL code hashes them faster. hashlib's when there is no built-in one."""
    import importlib

    for name in ("_sha2", "_sha256"):
        try:
            made: Callable[[bytes], Any] = importlib.import_module(name).sha256
        except (ImportError, AttributeError):
            continue
        return made
    import hashlib

    return hashlib.sha256
