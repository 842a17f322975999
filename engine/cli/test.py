"""`policy test`: run the legal team's expected answers and properties (engine/testing.py)."""

from __future__ import annotations

from pathlib import Path

import click

from .app import lang_default, main, policy_option


@main.command("test")
@policy_option
@click.option("--lang", default=None, callback=lang_default,
              help="Language of the explanations in failures (ja, ru or en).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit"]), default="text",
              show_default=True,
              help="text for people, json for tools, junit for CI test reports.")
@click.option("--mutate", is_flag=True,
              help="Also check that the expected answers would notice if any single rule were "
                   "removed or reversed.")
def test_command(policy_dir: Path, lang: str, fmt: str, mutate: bool) -> None:
    """Check the expected answers and properties in POLICY/tests/*.yaml, and that every rule
    is exercised. Exit 0 all pass, 1 failures, 2 the policy or a table cannot be loaded.

    Example: policy test --lang ja --mutate
    """
    from .plain import test as work

    work(policy_dir, lang=lang, fmt=fmt, mutate=mutate)
