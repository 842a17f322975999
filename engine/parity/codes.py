"""The stable diagnostic codes of the translation checks, registered once in the shared registry.

Families: PARITY (structure and facts), DRIFT (stale or unreviewed units), L10N (left
untranslated or in the wrong script), INV (invariants such as numbers and dates), LANG (the
prevailing-language clause) and CHECK (the checker's own configuration).
"""

from __future__ import annotations

from ..diagnostics import Code, Severity, register

E, W = Severity.ERROR, Severity.WARNING

PARITY_CODES: tuple[Code, ...] = (
    Code("PARITY001", E, "a master unit is missing from the translation"),
    Code("PARITY002", E, "a translated unit does not exist in the master"),
    Code("PARITY003", E, "a translated unit is out of the master's order"),
    Code("PARITY004", E, "a translated unit's number differs from the master"),
    Code("PARITY005", E, "a title or text is present in only one of master and translation"),
    Code("PARITY006", E, "a vocabulary label of the master is missing from the translation"),
    Code("PARITY007", E, "a vocabulary label names a term the master does not have"),
    Code("PARITY008", E, "a shared fact (version, date, e-mail, URL) differs from the master"),
    Code("PARITY009", E, "a text or label is empty"),
    Code("PARITY010", W, "a waiver waives no finding"),
    Code("PARITY011", E, "a unit named on the command line does not exist in the master"),
    Code("DRIFT001", E, "the master text changed after the unit was translated (stale)"),
    Code("DRIFT002", W, "the unit records no source fingerprint (unreviewed)"),
    Code("L10N001", E, "the text is identical to the master (untranslated)"),
    Code("L10N002", E, "the text is identical to another edition (untranslated)"),
    Code("L10N003", E, "the text is written in the wrong script for its language"),
    Code("INV001", E, "the numbers differ from the master"),
    Code("INV002", E, "the dates differ from the master"),
    Code("INV003", E, "the e-mail addresses differ from the master"),
    Code("INV004", E, "the URLs differ from the master"),
    Code("INV005", E, "the references to other clauses differ from the master"),
    Code("INV006", E, "the circled enumeration (①…) differs from the master"),
    Code("INV007", E, "the Markdown links differ from the master"),
    Code("INV008", E, "the number of Markdown list items differs from the master"),
    Code("INV009", E, "a do-not-translate name of the master is missing"),
    Code("LANG001", E, "the edition lacks the prevailing-language clause"),
    Code("LANG002", E, "the prevailing-language clause does not name the prevailing language"),
    Code("CHECK001", E, "the severity table in pyproject.toml is invalid"),
    Code("CHECK002", E, "the parity settings file (parity.toml) is invalid"),
)

register(*PARITY_CODES)
