"""The typed result of evaluating a pack against one household; stored as JSON in `Visit.verdict`."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from app.core.rules.outcomes import Colour, Outcome

Lang = Literal["id", "en"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FiredRule(Model):
    rule_id: str
    kind: str
    outcome: Outcome
    confirmed: bool = True
    programmes: list[str] = []
    title_id: str
    title_en: str
    reason_id: str
    reason_en: str
    source: str
    # The facts and parameters the explanation names, with their values at evaluation time.
    facts: dict[str, bool | int | float | str] = {}

    def reason(self, lang: Lang = "id") -> str:
        return self.reason_id if lang == "id" else self.reason_en


class ProgrammeVerdict(Model):
    programme: str
    member: bool
    outcome: Outcome
    label_id: str
    label_en: str
    rule_ids: list[str] = []


class PkhLine(Model):
    component: str
    label_id: str
    label_en: str
    member_index: int
    member_name: str
    amount_year: int
    amount_stage: int
    paid: bool
    # "max_components" or "max_children" when the caps drop it.
    dropped_because: str | None = None


class PkhBenefit(Model):
    lines: list[PkhLine] = []
    eligible_count: int = 0
    paid_count: int = 0
    total_year: int = 0
    total_stage: int = 0


class Bps14Result(Model):
    count: int = 0
    poor: bool = False
    criteria: list[int] = []


class ChecklistItem(Model):
    key: str
    photo_kind: str
    label_id: str
    label_en: str
    required: bool = True
    # How many documents of this kind (one KTP per member), 1 otherwise.
    count: int = 1


class MissingInput(Model):
    key: str
    label_id: str
    label_en: str
    rule_ids: list[str] = []


class RuleError(Model):
    """A condition that failed to evaluate on this household: shown, never hidden, never fatal."""

    rule_id: str
    message: str


class Verdict(Model):
    pack_id: str
    pack_version: str
    reference_date: date
    overall: Outcome
    overall_label_id: str
    overall_label_en: str
    colour: Colour
    programmes: list[ProgrammeVerdict] = []
    household_outcomes: list[Outcome] = []
    fired: list[FiredRule] = []
    flags: list[str] = []
    pkh: PkhBenefit = PkhBenefit()
    bps14: Bps14Result = Bps14Result()
    checklist: list[ChecklistItem] = []
    missing: list[MissingInput] = []
    errors: list[RuleError] = []

    def label(self, lang: Lang = "id") -> str:
        return self.overall_label_id if lang == "id" else self.overall_label_en

    def rule(self, rule_id: str) -> FiredRule | None:
        return next((r for r in self.fired if r.rule_id == rule_id), None)

    def fired_ids(self) -> list[str]:
        return [r.rule_id for r in self.fired]

    def programme(self, name: str) -> ProgrammeVerdict | None:
        return next((p for p in self.programmes if p.programme == name), None)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON types, for `Visit.verdict`."""
        return self.model_dump(mode="json")

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Verdict:
        return cls.model_validate(data)
