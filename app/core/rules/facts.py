"""What the engine is told about one household: `HouseholdFacts`, and how to build it from records.

The facts are plain data (JSON in, JSON out) so the same input gives the same verdict on the laptop,
on the server and in `verval rules check FILE.json`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.core.answers import MemberAnswer, VisitAnswers
from app.core.models import (
    Disability,
    Household,
    HouseholdStatus,
    Member,
    MemberStatus,
    Occupation,
    PhotoKind,
    Relation,
    SchoolLevel,
    Sex,
)

VILLAGE_CODE_PATTERN = r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$"


class ProgrammeMembership(BaseModel):
    """One entry of `Household.programmes`; registry extracts may carry more keys, which are ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    programme: str
    start_date: date | None = None
    status: str = "aktif"

    @property
    def active(self) -> bool:
        return self.status == "aktif"


class FactsContext(BaseModel):
    """What only the store or server knows: other households, photos, the KK number found."""

    model_config = ConfigDict(extra="forbid")

    duplicate_niks_in_village: list[str] = []
    members_on_other_kk: list[str] = []
    kk_number_found: str | None = None
    photo_kinds: list[PhotoKind] = []


class HouseholdFacts(BaseModel):
    """One household at a reference date. `answers` is None before a visit."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)

    reference_date: date
    village_code: str = Field(pattern=VILLAGE_CODE_PATTERN)
    household_id: str = ""
    kk_number: str = ""
    desil: int | None = Field(default=None, ge=1, le=10)
    household_status: HouseholdStatus = HouseholdStatus.ACTIVE
    programmes: list[ProgrammeMembership] = []
    members: list[MemberAnswer] = []
    answers: VisitAnswers | None = None
    registry_updated_on: date | None = None
    # NIKs of this household's members that also appear on another household of the village.
    duplicate_niks_in_village: list[str] = []
    # NIKs of members also listed on another KK (the server can see beyond the village).
    members_on_other_kk: list[str] = []
    kk_number_found: str | None = None
    photo_kinds: list[PhotoKind] = []

    @property
    def province_code(self) -> str:
        return self.village_code[:2]

    @property
    def kabupaten_code(self) -> str:
        return self.village_code[:5]


_ENUM_FIELDS: dict[str, tuple[type[StrEnum], StrEnum]] = {
    "sex": (Sex, Sex.FEMALE),
    "relation": (Relation, Relation.OTHER),
    "school_level": (SchoolLevel, SchoolLevel.NONE),
    "occupation": (Occupation, Occupation.OTHER),
    "disability": (Disability, Disability.NONE),
    "status": (MemberStatus, MemberStatus.ACTIVE),
}


def member_answer_from_record(member: Member) -> MemberAnswer:
    """A registry row in the visit's member shape. Unknown codes fall back to neutral values
    (an import from another system must not make the verdict fail)."""
    data: dict[str, Any] = {
        "member_id": member.id,
        "nik": member.nik,
        "name": member.name,
        "birth_place": member.birth_place,
        "birth_date": member.birth_date,
        "marital_status": member.marital_status,
        "religion": member.religion,
        "education": member.education,
        "chronic_illness": member.chronic_illness,
        "pregnant": member.pregnant,
        "monthly_income": max(0, member.monthly_income),
    }
    for name, (enum, fallback) in _ENUM_FIELDS.items():
        raw = getattr(member, name)
        data[name] = raw if raw in enum._value2member_map_ else fallback
    return MemberAnswer.model_validate(data)


def _programmes(raw: Sequence[Mapping[str, Any]]) -> list[ProgrammeMembership]:
    out = []
    for entry in raw:
        try:
            out.append(ProgrammeMembership.model_validate(entry))
        except ValidationError:
            continue  # a malformed registry entry is skipped, not fatal; the registry import reports it
    return out


def facts_from_records(
    household: Household,
    members: Sequence[Member],
    answers: VisitAnswers | Mapping[str, Any] | None,
    reference_date: date,
    context: FactsContext | None = None,
) -> HouseholdFacts:
    """Facts for the engine. A visit's member snapshot (when it lists anyone) wins over the registry
    rows: it is what the officer found in the house."""
    visit = VisitAnswers.model_validate(answers) if isinstance(answers, Mapping) else answers
    if visit is not None and visit.members:
        people = list(visit.members)
    else:
        people = [member_answer_from_record(m) for m in members if not m.deleted]
    ctx = context or FactsContext()
    status = household.status if household.status in HouseholdStatus._value2member_map_ else "aktif"
    return HouseholdFacts(
        reference_date=reference_date,
        village_code=household.village_code,
        household_id=household.id,
        kk_number=household.kk_number,
        desil=household.desil,
        household_status=HouseholdStatus(status),
        programmes=_programmes(household.programmes),
        members=people,
        answers=visit,
        registry_updated_on=household.registry_updated_on,
        duplicate_niks_in_village=ctx.duplicate_niks_in_village,
        members_on_other_kk=ctx.members_on_other_kk,
        kk_number_found=ctx.kk_number_found,
        photo_kinds=ctx.photo_kinds,
    )
