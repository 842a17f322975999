"""The longest common order of siblings, from which the text diff tells moves from renumbering."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from engine.diff.text import _longest_common_order


def lcs_length(a: list[str], b: list[str]) -> int:
    """Longest common subsequence by the quadratic table, as a reference."""
    row = [0] * (len(b) + 1)
    for x in a:
        prev = 0
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], prev + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


@given(st.permutations([f"k{i}" for i in range(12)]))
def test_kept_keys_are_a_longest_order_common_to_both(new: list[str]) -> None:
    old = sorted(new, key=lambda k: int(k[1:]))
    kept = _longest_common_order(old, new)
    assert [k for k in old if k in kept] == [k for k in new if k in kept]
    assert len(kept) == lcs_length(old, new)


def test_one_swap_moves_one_key() -> None:
    old = ["a", "b", "c", "d"]
    assert len(set(old) - _longest_common_order(old, ["a", "c", "b", "d"])) == 1
    assert _longest_common_order(old, old) == set(old)
    assert _longest_common_order([], []) == set()


def test_a_part_without_a_number_is_named_once() -> None:
    """`policy diff` after `policy revise` said "footer.revisions.rev-2026-12-06 added
    (footer.revisions.rev-2026-12-06)": a part without a printed number is named by its key,
    which the parenthesis repeated. A clause keeps its key beside its number."""
    from engine.diff.text import StructureChange, UnitRef

    note = "footer.revisions.rev-2026-12-06"
    ref = UnitRef(note, "", "", "\0doc", 7)
    assert StructureChange("added", note, None, ref).text() == f"{note} added"
    assert StructureChange("removed", note, ref, None).text() == f"{note} removed"
    clause = UnitRef("clause:accuracy", "accuracy", "11", "", 10)
    assert (StructureChange("added", "clause:accuracy", None, clause).text()
            == "clause 11 added (clause:accuracy)")
