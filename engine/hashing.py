"""The bundle's format tag and content hash, shared by the compiler and the loader; SHA-256 of
small inputs and the caches' keys without OpenSSL (stdlib only)."""

from __future__ import annotations

TYPE_CHECKING = False  # without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, Protocol

    class KeyHash(Protocol):
        """What `key_hash` gives: hashlib's interface."""

        def update(self, data: bytes, /) -> None: ...
        def digest(self) -> bytes: ...
        def hexdigest(self) -> str: ...

BUNDLE_FORMAT = "cafetalk-policy-bundle/1"


def content_hash(bundle: dict[str, Any]) -> str:
    """SHA-256 over the canonical JSON of everything but the hash itself: through hashlib when
    something loaded it already, else the built-in one (`small_sha256`; the same digest), so
    that a build never loads OpenSSL (2.4 ms) to hash the bundle's 80 KB once (0.25 ms)."""
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
    few hundred hashes of a few hundred bytes; the caches' keys are `key_hash`'s). hashlib's
    when there is no built-in one."""
    import importlib

    for name in ("_sha2", "_sha256"):
        try:
            made: Callable[[bytes], Any] = importlib.import_module(name).sha256
        except (ImportError, AttributeError):
            continue
        return made
    import hashlib

    return hashlib.sha256


def key_hash(data: bytes = b"") -> KeyHash:
    """A new hash for the caches' keys (`update`, `digest`, `hexdigest`: 32 bytes, 64 hex
    digits): BLAKE2b, from CPython's built-in `_blake2`, which loads no OpenSSL (importing
    hashlib does: some 2 ms of every command that keys a cache) and hashes the policy's files
    at about 1 GB/s. A key is never published nor compared with anything but keys this tool
    made; what is published (the bundle's content hash, the fingerprints, the pages' style
    hashes) stays SHA-256. Where `_blake2` is not built in (hashlib then has no BLAKE2 either),
    hashlib's SHA-256: a key of the same length, only never equal to one made here."""
    made = _KEY_HASH[0] if _KEY_HASH else None
    if made is None:
        import importlib

        try:
            from functools import partial

            made = partial(importlib.import_module("_blake2").blake2b, digest_size=32)
        except (ImportError, AttributeError):  # an interpreter built without it
            import hashlib

            made = hashlib.sha256
        _KEY_HASH.append(made)
    hashed: KeyHash = made(data)
    return hashed


_KEY_HASH: list[Callable[..., Any]] = []
