"""Hostile but well-formed edits never crash the translation checks: every outcome is a list of diagnostics."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap

from engine.check import check_sources
from engine.edit import edit_text
from engine.loader import load_texts

from .conftest import POLICY
from .test_parity_cases import NO_PYPROJECT

FILES = {p.name: p.read_text("utf-8") for p in POLICY.glob("*.yaml")}
TEXTS = st.one_of(
    st.text(max_size=200),
    st.sampled_from(["", " ", "①②", "2010年4月20日", "31 февраля 2010 года", "[x](#nowhere)",
                     "<script>x</script>", "info@cafetalk", "http://", "- a\n- b", "# h\n",
                     "Cafetalk Payments Cafetalk", "日本語 Japanese японский", "0" * 50]),
)
TARGETS = [
    ("ru.yaml", ("clauses", 17, "text")),
    ("en.yaml", ("title", "text")),
    ("en.yaml", ("footer", "revisions", "contact-2022", "text")),
    ("ru.yaml", ("clauses", 2, "items", 2, "items", 4, "text")),
    ("ja.yaml", ("clauses", 19, "text")),
    ("ru.yaml", ("clauses", 17, "source")),
]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TARGETS), TEXTS)
def test_any_text_in_any_unit_gives_findings_not_exceptions(
        target: tuple[str, tuple[str | int, ...]], value: str) -> None:
    file, path = target

    def mutate(data: CommentedMap) -> None:
        node = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value

    files = dict(FILES)
    files[file] = edit_text(files[file], mutate)
    src = load_texts({k: v.encode("utf-8") for k, v in files.items()}, str(POLICY))
    result = check_sources(src, pyproject=NO_PYPROJECT, previous_lookup=lambda fp: None)
    for d in result.diagnostics:
        assert d.code and d.file
        assert d.line >= 0 and d.col >= 0
