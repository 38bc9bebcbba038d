"""Small builders for rule tests: a household at a fixed reference date, members by age."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.core.rules import HouseholdFacts, Verdict, default_pack, evaluate

REF = date(2026, 3, 1)
NTT_UMP_2026 = 2455898  # reference/ump.csv, province 53


def born(age: int, days_before_birthday: int = 0) -> date:
    """A birth date giving exactly `age` completed years at REF (minus days → still younger)."""
    birth = date(REF.year - age, REF.month, REF.day)
    if days_before_birthday:
        birth = date.fromordinal(birth.toordinal() + days_before_birthday)
    return birth


def person(name: str, age: int | None, **fields: Any) -> dict[str, Any]:
    return {"name": name, "birth_date": born(age) if age is not None else None, **fields}


def family(
    *members: dict[str, Any],
    visit: dict[str, Any] | None = None,
    programmes: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> HouseholdFacts:
    people = list(members) or [person("Ibu", 35, relation="kepala", sex="P")]
    data: dict[str, Any] = {
        "reference_date": REF,
        "village_code": "53.02.03.2002",
        "desil": 2,
        "programmes": programmes
        if programmes is not None
        else [
            {"programme": "PKH", "start_date": date(2024, 1, 1)},
            {"programme": "BPNT", "start_date": date(2024, 1, 1)},
        ],
        "members": people,
        "answers": None if visit is None else {"members": people, **visit},
        **fields,
    }
    return HouseholdFacts.model_validate(data)


def verdict(facts: HouseholdFacts) -> Verdict:
    return evaluate(default_pack(), facts)


def fired(facts: HouseholdFacts) -> set[str]:
    return set(verdict(facts).fired_ids())
