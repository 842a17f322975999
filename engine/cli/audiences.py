"""Who runs which `policy` command, in the order `policy --help` shows them, with an example each (engine/cli/app.py in English, engine/cli/helptext.py in ja and ru)."""

from __future__ import annotations

# Who runs which command, in the order `policy --help` shows them, with an example each.
AUDIENCES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("For the legal team", ("preview", "check", "test", "revise", "renumber", "approve",
                             "diff", "build", "server"), (
        "policy preview                      # open http://127.0.0.1:8000 and edit the YAML",
        "policy test --lang ja               # the expected answers in policy/tests/",
        "policy revise --date 2026-12-01     # start a revision, then write its release notes",
        'policy approve ja 5 --by "NAME"     # record the legal sign-off of clause 5',
    )),
    ("For translators", ("status", "stamp", "xliff", "tbx"), (
        "policy status                       # what needs translating, per language",
        "policy stamp ru 10                  # after translating clause 10 into Russian",
        "policy xliff export ru --out ru.xlf # for a CAT tool; bring it back with xliff import",
    )),
    ("For services", ("ask", "terms", "uses", "ledger", "bundle", "export"), (
        "policy ask use contact newsletter --opted-out",
        "policy terms purposes --lang en",
        "policy uses check --uses uses/",
    )),
    ("For CI", ("validate", "schema", "report"), (
        "policy check --strict --format github && policy test --mutate && policy diff --check",
    )),
)
