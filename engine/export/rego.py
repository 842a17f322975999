"""`policy export rego`: the compiled policy as an OPA bundle (Rego v1 module, data, manifest).

The module (`package cafetalk.privacy`) holds the policy's rules, one object per rule with its
clause, and the decision procedure of `engine/decide.py` written in Rego: deny unless a permit
applies, a forbid beats every permit, an oblige rule only adds its obligations to an allowed
question in its scope, a group is allowed only if every member is, and a deny cites the
forbids that fired, the permits whose condition failed, or the nearest clauses. `decision` is
`Decision.to_json()` of the engine for `input`; `decide(q)` answers any query object, so one
evaluation can map a list of queries. `data.json` holds the vocabulary (labels in every
language, group members) and every clause's number, citation, title and excerpt per language.
The `.manifest` revision is the policy version plus its content hash.

Pure functions of the bundle; the tar.gz is byte-identical for the same bundle.
"""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from collections.abc import Mapping
from typing import Any

from ..citation import cite, label

PACKAGE = "cafetalk.privacy"
ROOT = PACKAGE.replace(".", "/")
MODULE_PATH = f"{ROOT}/policy.rego"
DATA_PATH = f"{ROOT}/data.json"
MANIFEST_PATH = ".manifest"
DATA_REF = "data." + PACKAGE

_KINDS = ("actions", "data", "purposes", "context", "obligations")


def revision(bundle: Mapping[str, Any]) -> str:
    """The bundle revision OPA reports in status and decision logs: version + content hash."""
    return f"{bundle['version']}+{bundle['hash']}"


def manifest(bundle: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "revision": revision(bundle),
        "roots": [ROOT],
        "rego_version": 1,
        "metadata": {
            "policy_version": bundle["version"],
            "policy_hash": bundle["hash"],
            "revised": bundle["revised"],
            "package": PACKAGE,
            "entrypoint": f"{ROOT}/decision",
        },
    }


def rego_data(bundle: Mapping[str, Any]) -> dict[str, Any]:
    """What the module reads from `data.cafetalk.privacy`: policy facts, vocabulary, clauses."""
    langs = list(bundle["languages"])
    vocabulary: dict[str, Any] = {}
    for kind in _KINDS:
        entries: dict[str, Any] = {}
        for tid, entry in bundle["vocabulary"][kind].items():
            out: dict[str, Any] = {"labels": dict(entry["labels"])}
            if "members" in entry:
                out["members"] = list(entry["members"])
            entries[tid] = out
        vocabulary[kind] = entries
    clauses = {
        path: {
            "number": c["number"],
            "label": {lang: label(c["number"], lang) for lang in langs},
            "cite": {lang: cite(c["number"], lang) for lang in langs},
            "title": dict(c["title"]),
            "excerpt": dict(c["excerpt"]),
        }
        for path, c in bundle["clauses"].items()
    }
    rules = [
        {
            "clause": r["clause"],
            "number": bundle["clauses"][r["clause"]]["number"],
            "effect": r["effect"],
            # objects, not arrays: membership is one lookup
            "actions": dict.fromkeys(r["actions"], True),
            "data": dict.fromkeys(r["data"], True),
            "purposes": dict.fromkeys(r["purposes"], True),
            "when": [[flag, value] for flag, value in sorted(r["when"].items())],
            "obligations": list(r["obligations"]),
        }
        for r in bundle["rules"]
    ]
    return {
        "rules": rules,
        "index": rule_index(bundle),
        "policy": {"version": bundle["version"], "hash": bundle["hash"],
                   "revision": revision(bundle), "languages": langs,
                   "prevailing_language": bundle["prevailing_language"],
                   "revised": bundle["revised"]},
        "vocabulary": vocabulary,
        "clauses": clauses,
    }


def rule_index(bundle: Mapping[str, Any]) -> dict[str, Any]:
    """Where a decision finds its rules, so that it reads its own instead of scanning them all.
    `covering[action][data][purpose]` lists the positions (in `rules`) of the rules whose scope
    holds that leaf question, `when` aside (a leaf question no rule covers is absent).
    `permits[action]["all"]` lists the permits naming the action, and
    `permits[action]["by_data"][data]` those naming the data category too, one permit per
    clause (its first): the clauses a deny no rule speaks to cites. Positions ascend, so a
    decision cites clauses in the rules' order, as the engine does."""
    covering: dict[str, dict[str, dict[str, list[int]]]] = {}
    permits: dict[str, dict[str, Any]] = {}
    cited: set[tuple[str, ...]] = set()
    for i, r in enumerate(bundle["rules"]):
        for a in dict.fromkeys(r["actions"]):  # a term named twice is one membership
            for d in dict.fromkeys(r["data"]):
                for p in dict.fromkeys(r["purposes"]):
                    covering.setdefault(a, {}).setdefault(d, {}).setdefault(p, []).append(i)
            if r["effect"] != "permit":
                continue
            doing = permits.setdefault(a, {"all": [], "by_data": {}})
            if (a, r["clause"]) not in cited:
                cited.add((a, r["clause"]))
                doing["all"].append(i)
            for d in dict.fromkeys(r["data"]):
                if (a, d, r["clause"]) not in cited:
                    cited.add((a, d, r["clause"]))
                    doing["by_data"].setdefault(d, []).append(i)
    return {"covering": covering, "permits": permits}


def procedure() -> str:
    """The decision procedure (policy-independent Rego), shipped beside this module."""
    from importlib.resources import files

    return files(__package__).joinpath("procedure.rego").read_text("utf-8")


def rego_module(bundle: Mapping[str, Any]) -> str:
    """The Rego v1 module: the policy's rules and the engine's decision procedure."""
    lines = [
        f"# The Cafetalk privacy policy {bundle['version']} ({bundle['hash']}) in Rego v1.",
        "# Generated by `policy export rego`; do not edit, regenerate. The rules, vocabulary and",
        f"# clauses are the bundle's data.json, read here as {DATA_REF}.",
        f"package {PACKAGE}",
    ]
    return "\n".join(lines) + "\n" + procedure().replace("DATA_REF", DATA_REF)


def _json_bytes(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def opa_files(bundle: Mapping[str, Any]) -> dict[str, bytes]:
    """The files of the OPA bundle, by their path inside it."""
    return {
        MANIFEST_PATH: _json_bytes(manifest(bundle)),
        DATA_PATH: _json_bytes(rego_data(bundle)),
        MODULE_PATH: rego_module(bundle).encode(),
    }


def opa_bundle(bundle: Mapping[str, Any]) -> bytes:
    """The OPA bundle as a gzipped tarball, byte-identical for the same policy."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, content in sorted(opa_files(bundle).items()):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            info.mode = 0o644
            info.mtime = 0
            info.uname = info.gname = ""
            tar.addfile(info, io.BytesIO(content))
    return gzip.compress(raw.getvalue(), mtime=0)


def read_opa_bundle(data: bytes) -> dict[str, bytes]:
    """The files of an OPA bundle tarball, by path (for tests and tools that load it)."""
    out: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar.getmembers():
            if member.isfile():
                fh = tar.extractfile(member)
                if fh is not None:
                    out[member.name.lstrip("/")] = fh.read()
    return out
