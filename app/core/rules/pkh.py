"""PKH components per person and the caps that decide what is paid (DOMAIN §3.3).

Each person counts once, with their highest-value component. Components are then taken in the
pack's priority order (ties: older person first) until the family reaches the component cap;
child components stop at the child cap. Amounts per stage are the pack's figures, not a division,
because the published stage amounts are what families see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.core.answers import MemberAnswer
from app.core.rules.schema import PkhSpec


@dataclass(frozen=True)
class Person:
    """An active member with what the rules need, computed once per verdict."""

    index: int
    name: str
    age: int | None
    member: MemberAnswer


@dataclass(frozen=True)
class ComponentClaim:
    component: str
    person: Person
    paid: bool
    dropped_because: str | None  # "max_components" | "max_children" | None


def age_on(birth: date, reference: date) -> int:
    """Completed years at `reference` (a birthday counts on the day itself)."""
    return reference.year - birth.year - ((reference.month, reference.day) < (birth.month, birth.day))


def person_components(person: Person, *, lansia_min_age: int, early_childhood_max_age: int) -> list[str]:
    member = person.member
    found: list[str] = []
    if member.pregnant:
        found.append("ibu_hamil")
    if person.age is not None and 0 <= person.age <= early_childhood_max_age:
        found.append("anak_usia_dini")
    if member.school_level in ("sd", "smp", "sma"):
        found.append(str(member.school_level))
    if member.disability == "berat":
        found.append("disabilitas_berat")
    if person.age is not None and person.age >= lansia_min_age:
        found.append("lansia")
    return found


def allocate(
    people: list[Person], spec: PkhSpec, *, lansia_min_age: int, early_childhood_max_age: int
) -> list[ComponentClaim]:
    """One claim per eligible person (their highest component), marked paid or dropped by the caps."""
    order: dict[str, int] = {key: i for i, key in enumerate(spec.priority)}
    claims: list[tuple[str, Person]] = []
    for person in people:
        found = person_components(
            person, lansia_min_age=lansia_min_age, early_childhood_max_age=early_childhood_max_age
        )
        if found:
            best = max(found, key=lambda c: (spec.components[c].amount_year, -order.get(c, 99)))
            claims.append((best, person))
    claims.sort(key=lambda c: (order.get(c[0], 99), -(c[1].age or 0), c[1].index))
    out: list[ComponentClaim] = []
    paid = children = 0
    for component, person in claims:
        is_child = spec.components[component].child
        if paid >= spec.max_components:
            out.append(ComponentClaim(component, person, False, "max_components"))
        elif is_child and children >= spec.max_children:
            out.append(ComponentClaim(component, person, False, "max_children"))
        else:
            paid += 1
            children += is_child
            out.append(ComponentClaim(component, person, True, None))
    return out
