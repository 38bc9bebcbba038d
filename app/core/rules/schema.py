"""The shape of a policy pack's files (`pack.toml`, `parameters.toml`), checked field by field.

Every model forbids unknown fields, so a typo in a pack ("condtion") is an error at load time, not a
rule that silently never fires.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.core.models import PhotoKind
from app.core.rules.outcomes import Outcome

RULE_ID_PATTERN = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$"

ParameterValue = bool | int | float | str | list[str] | list[int]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceStatus(StrEnum):
    """How sure a figure is: a decree seen, reported in the press, or uncertain (DOMAIN: parameters)."""

    DECREE = "decree"
    REPORTED = "reported"
    UNCERTAIN = "uncertain"
    NOT_SET = "not_set"


class RuleKind(StrEnum):
    GRADUATION = "graduation"
    ELIGIBILITY = "eligibility"
    COMPONENT = "component"
    REFERRAL = "referral"
    FLAG = "flag"
    CHECKLIST = "checklist"
    SCORE = "score"


class Requirement(StrEnum):
    """Inputs without which a rule cannot conclude; an absent one is listed under "missing"."""

    VISIT = "visit"
    DESIL = "desil"
    BIRTH_DATES = "birth_dates"
    MINIMUM_WAGE = "minimum_wage"
    PROGRAMME_START = "programme_start"
    MEMBERS = "members"


class PackMeta(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    version: str = Field(min_length=1)
    title: str
    published: str = ""
    description: str = ""
    source: str


class ProgrammeSpec(Strict):
    label_id: str
    label_en: str
    # A non-member is proposed (usul baru) only inside the target deciles.
    target_max_desil: int = Field(ge=1, le=10)
    source: str


class RuleSpec(Strict):
    id: str = Field(pattern=RULE_ID_PATTERN)
    kind: RuleKind
    title_id: str
    title_en: str
    source: str
    status: SourceStatus = SourceStatus.REPORTED
    condition: str = Field(min_length=1)
    # When set and false while the condition holds, the outcome becomes "perlu verifikasi".
    confirm: str | None = None
    outcome: Outcome
    programmes: list[str] = []
    requires: list[Requirement] = []
    component: str | None = None
    explain_id: str
    explain_en: str
    unconfirmed_id: str | None = None
    unconfirmed_en: str | None = None


class ChecklistSpec(Strict):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    photo_kind: PhotoKind
    label_id: str
    label_en: str
    per_member: bool = False
    required: bool = True
    condition: str | None = None
    source: str


class PackFile(Strict):
    pack: PackMeta
    programmes: dict[str, ProgrammeSpec]
    rules: list[RuleSpec]
    checklist: list[ChecklistSpec] = []


class ParameterSpec(Strict):
    value: ParameterValue
    source: str
    status: SourceStatus = SourceStatus.REPORTED
    unit: str = ""
    note: str = ""


class WageValue(Strict):
    value: float | None = None
    status: SourceStatus
    source: str


class ProvinceWage(Strict):
    name: str
    years: dict[str, WageValue]


class RegionOverride(Strict):
    """Values a province ("53") or kabupaten/kota ("53.02") sets for itself, e.g. UMK or land limits."""

    name: str
    source: str
    status: SourceStatus = SourceStatus.REPORTED
    parameters: dict[str, ParameterValue] = {}
    minimum_wage: dict[str, WageValue] = {}


class PkhComponentSpec(Strict):
    label_id: str
    label_en: str
    amount_year: int = Field(ge=0)
    amount_stage: int = Field(ge=0)
    child: bool
    source: str
    status: SourceStatus = SourceStatus.REPORTED


PKH_COMPONENT_KEYS = ("ibu_hamil", "anak_usia_dini", "sd", "smp", "sma", "disabilitas_berat", "lansia")


class PkhSpec(Strict):
    max_components: int = Field(ge=1)
    max_children: int = Field(ge=0)
    stages_per_year: int = Field(ge=1)
    priority: list[Literal["ibu_hamil", "anak_usia_dini", "sd", "smp", "sma", "disabilitas_berat", "lansia"]]
    components: dict[str, PkhComponentSpec]
    source: str


class ParametersFile(Strict):
    parameters: dict[str, ParameterSpec]
    minimum_wage: dict[str, ProvinceWage]
    region_overrides: dict[str, RegionOverride] = {}
    pkh: PkhSpec
