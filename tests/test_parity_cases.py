"""Data-driven parity cases (tests/fixtures/parity/cases.yaml): an edit to the shipped policy and the exact findings it must produce."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from engine.check import check_sources
from engine.diagnostics import Diagnostic
from engine.edit import edit_yaml
from engine.loader import load_folder

from .conftest import FIXTURES

CASES_FILE = FIXTURES / "parity" / "cases.yaml"
CASES: list[dict[str, Any]] = YAML(typ="safe").load(CASES_FILE.read_text("utf-8"))
CHECKED_FAMILIES = ("PARITY", "DRIFT", "L10N", "INV", "LANG", "CHECK", "SCHEMA", "POLICY",
                    "YAML", "IO")
NO_PYPROJECT = Path("/nonexistent/pyproject.toml")


def _step(node: Any, step: Any) -> Any:
    if isinstance(step, str) and step.startswith("id="):
        matches = [x for x in node if isinstance(x, dict) and x.get("id") == step[3:]]
        assert len(matches) == 1, f"no single element with {step}"
        return matches[0]
    return node[step]


def _parent_and_key(data: CommentedMap, path: list[Any]) -> tuple[Any, Any]:
    node: Any = data
    for step in path[:-1]:
        node = _step(node, step)
    last = path[-1]
    if isinstance(last, str) and last.startswith("id="):
        return node, node.index(_step(node, last))
    return node, last


def _plain_to_rt(value: Any) -> Any:
    if isinstance(value, dict):
        m = CommentedMap()
        for k, v in value.items():
            m[k] = _plain_to_rt(v)
        return m
    if isinstance(value, list):
        return CommentedSeq([_plain_to_rt(v) for v in value])
    return value


def apply_op(folder: Path, op: dict[str, Any]) -> None:
    """Apply one edit operation of a case to a policy folder."""
    (kind, args), = op.items()
    target = folder / args["file"]
    if kind == "replace":
        text = target.read_text("utf-8")
        assert text.count(args["old"]) == 1, f"{args['old']!r} must occur once in {target}"
        target.write_text(text.replace(args["old"], args["new"]), "utf-8")
        return

    def mutate(data: CommentedMap) -> None:
        parent, key = _parent_and_key(data, args["path"])
        if kind == "set":
            parent[key] = _plain_to_rt(args["value"])
        elif kind == "delete":
            del parent[key]
        elif kind == "swap":
            seq = parent[key]
            i = [x["id"] for x in seq].index(args["a"])
            j = [x["id"] for x in seq].index(args["b"])
            seq[i], seq[j] = seq[j], seq[i]
            seq[i]["number"], seq[j]["number"] = seq[j]["number"], seq[i]["number"]
        else:
            raise AssertionError(f"unknown op {kind}")

    edit_yaml(target, mutate)


def line_of(folder: Path, file: str, where: str | list[str]) -> int:
    """1-based line of TEXT (or of the first TEXT after ANCHOR) in a file of the folder."""
    lines = (folder / file).read_text("utf-8").split("\n")
    anchor, text = (None, where) if isinstance(where, str) else where
    start = 0
    if anchor is not None:
        start = next(i for i, line in enumerate(lines) if anchor in line)
    return next(i for i in range(start, len(lines)) if text in lines[i]) + 1


def findings(folder: Path) -> list[Diagnostic]:
    """Translation findings; legal review (REVIEW, tested in test_review.py) is left out."""
    return [d for d in check_sources(load_folder(folder), pyproject=NO_PYPROJECT).diagnostics
            if not d.code.startswith("REVIEW")]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any], policy_copy: Path) -> None:
    for op in case["ops"]:
        apply_op(policy_copy, op)
    ignore = set(case.get("ignore", []))
    got = {(d.code, str(d.severity), Path(d.file).name, d.unit, d.line)
           for d in findings(policy_copy)
           if d.code.startswith(CHECKED_FAMILIES) and d.code not in ignore}
    want = {(e["code"], e.get("severity", "error"), e["file"], e["unit"],
             line_of(policy_copy, e["file"], e["line_of"])) for e in case["expect"]}
    assert got == want


def test_every_case_names_the_clause_it_exercises() -> None:
    for case in CASES:
        assert case["clause"] in {e["unit"] for e in case["expect"]} or any(
            e["unit"].startswith(case["clause"]) for e in case["expect"]), case["id"]


def test_shipped_policy_has_no_findings() -> None:
    from .conftest import POLICY

    # nothing but waived findings, each a note that cites the waiver's reason
    found = findings(POLICY)
    assert all(str(d.severity) == "note" and d.hint and d.hint.startswith("waived: ")
               for d in found), found
