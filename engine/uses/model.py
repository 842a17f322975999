"""The declaration format of data uses: pydantic models, from which the committed JSON Schema
(schemas/uses.schema.json) is generated so that editors complete and check the files.

A declaration file describes one system: its stable id, its name in each language, the team
that owns it, and the uses it makes of personal data, each in the policy's own vocabulary ids
(exactly as `policy.allows(action, data, purpose, **when)` takes them). The models are used to
generate the schema; the files themselves are read with positions by engine.uses.sources.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.config import JsonDict

from ..model import LANG_PATTERN, SLUG_PATTERN, TERM_PATTERN

SystemId = Annotated[
    str,
    StringConstraints(strict=True, pattern=SLUG_PATTERN, max_length=64),
    Field(description="A stable kebab-case id of the system (e.g. lesson-mailer); never "
                      "reused for another system."),
]
UseId = Annotated[
    str,
    StringConstraints(strict=True, pattern=SLUG_PATTERN, max_length=64),
    Field(description="A stable kebab-case id of the use, unique within the system."),
]
Term = Annotated[
    str,
    StringConstraints(strict=True, pattern=TERM_PATTERN, max_length=64),
    Field(description="A vocabulary id of the policy (snake_case), exactly as policy.allows "
                      "takes it."),
]
FreeText = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=2000)]
LangCode = Annotated[str, StringConstraints(strict=True, pattern=LANG_PATTERN)]


def _keys_by_pattern(schema: JsonDict) -> None:
    """pydantic writes the pattern of a mapping's keys as `patternProperties` only, which lets
    any other key through (a name under `EN`); the schema holds the keys to the pattern
    (`propertyNames`) as the model does, so a wrong key is found at its place. (The flags of
    `when` are left to the check, USES003, which names the flag meant.)"""
    patterns = schema.get("patternProperties")
    names = schema.setdefault("propertyNames", {})
    if isinstance(patterns, dict) and len(patterns) == 1 and isinstance(names, dict):
        names["pattern"] = next(iter(patterns))


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Use(_Frozen):
    """One thing the system does with personal data, in the policy's vocabulary."""

    id: UseId
    action: Term = Field(description="The action: an id from the policy's vocabulary.actions "
                                     "(e.g. use, disclose, entrust).")
    data: tuple[Term, ...] = Field(
        min_length=1,
        description="The data categories the use touches (vocabulary.data ids; a group such "
                    "as personal stands for every member).")
    purpose: Term = Field(description="The purpose: an id from the policy's "
                                      "vocabulary.purposes.")
    when: dict[Term, bool] = Field(
        default_factory=dict,
        description="The context flags this use runs under (vocabulary.context ids). A flag "
                    "not listed is false, as in policy.allows.")
    obligations: tuple[Term, ...] = Field(
        default=(),
        description="The obligations (vocabulary.obligations ids) the system fulfils for "
                    "this use; the check reports any the policy attaches that are missing.")
    note: FreeText | None = Field(default=None, description="Free text for reviewers.")


class Declaration(_Frozen):
    """One system and the data uses it declares. One file per system."""

    system: SystemId
    name: dict[LangCode, FreeText] = Field(
        min_length=1, json_schema_extra=_keys_by_pattern,
        description="The system's name per language (ja, ru, en), shown in the ledger.")
    owner: FreeText = Field(description="Who answers for the system (a team or role; free "
                                        "text).")
    example: bool = Field(
        default=False,
        description="True when the file is an illustration of the format, not a record of a "
                    "real system; the ledger marks such systems as examples.")
    uses: tuple[Use, ...] = Field(min_length=1, description="The system's data uses.")
