"""Derived facts: everything a rule condition or explanation may name, as flat plain values.

Ages, membership years, PKH components, the BPS-14 count and income sums are computed here in
Python, once per verdict, so each CEL condition is a short comparison. The names below are the
whole vocabulary a pack may use; `FACT_NAMES` is checked against every expression at load time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from app.core.answers import MemberAnswer, VisitAnswers
from app.core.models import ASN_LIKE_OCCUPATIONS, PhotoKind
from app.core.rules.bps14 import CRITERIA, Bps14Thresholds, criteria_met
from app.core.rules.facts import HouseholdFacts
from app.core.rules.params import ResolvedParameters
from app.core.rules.pkh import ComponentClaim, Person, age_on, allocate
from app.core.rules.schema import PKH_COMPONENT_KEYS, PkhSpec, Requirement

FactValue = bool | int | float | str

# Parameters the Python side reads (the rest are read by CEL conditions only).
ENGINE_PARAMETERS = (
    "lansia_min_age",
    "early_childhood_max_age",
    "bps14_floor_m2_per_person",
    "bps14_head_income_max",
    "bps14_head_land_m2_max",
    "bps14_low_education",
)

_NOT_WORKING = frozenset({"tidak_bekerja", "pelajar", "mengurus_rumah_tangga"})
_BANSOS = ("PKH", "BPNT")


@dataclass
class Derived:
    values: dict[str, FactValue]
    people: list[Person]
    claims: list[ComponentClaim]
    bps14: list[int]
    missing: dict[Requirement, tuple[str, str]] = field(default_factory=dict)


def _names(people: list[Person] | list[MemberAnswer]) -> str:
    out = []
    for p in people:
        name = p.name if isinstance(p, Person) else (p.name or p.nik)
        out.append(name or "(tanpa nama)")
    return ", ".join(out)


def choose_recipient(people: list[Person]) -> Person | None:
    """The PKH recipient (pengurus): the woman heading the family or the head's wife; else the head;
    else the oldest member. PKH pays the mother of the family, so her age is what GRAD-5TAHUN tests."""
    heads = [p for p in people if p.member.relation == "kepala"]
    spouses = [p for p in people if p.member.relation == "pasangan"]
    for candidate in heads + spouses:
        if candidate.member.sex == "P":
            return candidate
    if heads:
        return heads[0]
    aged = [p for p in people if p.age is not None]
    if aged:
        return max(aged, key=lambda p: (p.age or 0, -p.index))
    return people[0] if people else None


def _head(people: list[Person], recipient: Person | None) -> Person | None:
    return next((p for p in people if p.member.relation == "kepala"), recipient)


def _membership(facts: HouseholdFacts) -> tuple[int, str, str, bool]:
    """Longest active PKH/BPNT membership: completed years, programme, start date, all starts known."""
    best: tuple[int, str, str] = (0, "", "")
    known = True
    for entry in facts.programmes:
        if entry.programme not in _BANSOS or not entry.active:
            continue
        if entry.start_date is None:
            known = False
            continue
        years = age_on(entry.start_date, facts.reference_date)
        if years >= best[0] or not best[1]:
            best = (years, entry.programme, entry.start_date.isoformat())
    return best[0], best[1], best[2], known


def derive(facts: HouseholdFacts, params: ResolvedParameters, pkh: PkhSpec) -> Derived:
    ref = facts.reference_date
    visit: VisitAnswers | None = facts.answers
    all_members = list(facts.members)
    people = [
        Person(
            i, m.name or m.nik or f"anggota {i + 1}", age_on(m.birth_date, ref) if m.birth_date else None, m
        )
        for i, m in enumerate(all_members)
        if m.status == "aktif"
    ]
    departed = [m for m in all_members if m.status != "aktif"]
    lansia_age = int(params.number("lansia_min_age"))
    early_max = int(params.number("early_childhood_max_age"))
    claims = allocate(people, pkh, lansia_min_age=lansia_age, early_childhood_max_age=early_max)
    recipient = choose_recipient(people)
    head = _head(people, recipient)

    active_programmes = {e.programme for e in facts.programmes if e.active}
    graduated = facts.household_status == "graduasi" or any(e.status == "graduasi" for e in facts.programmes)
    asn = [p for p in people if p.member.occupation in ASN_LIKE_OCCUPATIONS]
    working = [p for p in people if p.member.occupation not in _NOT_WORKING]
    family_income = sum(p.member.monthly_income for p in working)
    years, programme, start, starts_known = _membership(facts)

    assets = visit.assets if visit else None
    motors = [v.estimated_value for v in assets.vehicles if v.kind == "motor"] if assets else []
    cars = [v for v in assets.vehicles if v.kind == "mobil"] if assets else []
    assessment = visit.assessment if visit else None
    house_features = []
    if assessment:
        for flag, label in (
            (assessment.air_conditioning, "AC"),
            (assessment.luxurious_furniture, "perabot mewah"),
            (assessment.major_renovation, "renovasi besar"),
        ):
            if flag:
                house_features.append(label)

    bps14: list[int] = []
    if visit is not None:
        limits = Bps14Thresholds(
            floor_m2_per_person=params.number("bps14_floor_m2_per_person"),
            head_income_max=params.number("bps14_head_income_max"),
            head_land_m2_max=params.number("bps14_head_land_m2_max"),
            low_education=params.strings("bps14_low_education"),
        )
        bps14 = criteria_met(visit, head.member if head else None, len(people), limits)

    niks = [m.nik for m in all_members if m.nik]
    repeated = sorted({n for n in niks if niks.count(n) > 1})
    duplicates = sorted(set(repeated) | set(facts.duplicate_niks_in_village) | set(facts.members_on_other_kk))
    kk_changed = bool(facts.kk_number_found) and facts.kk_number_found != facts.kk_number
    registry_age = (ref - facts.registry_updated_on).days if facts.registry_updated_on else -1
    photos = set(facts.photo_kinds)
    wage = params.wage

    values: dict[str, FactValue] = {
        "reference_date": ref.isoformat(),
        "village_code": facts.village_code,
        "province_code": facts.province_code,
        "kabupaten_code": facts.kabupaten_code,
        "has_visit": visit is not None,
        "desil": facts.desil or 0,
        "desil_known": facts.desil is not None,
        "household_status": str(facts.household_status),
        "graduated": graduated,
        "in_pkh": "PKH" in active_programmes,
        "in_bpnt": "BPNT" in active_programmes,
        "in_pbi": "PBI-JKN" in active_programmes,
        "receives_bansos": bool(active_programmes & set(_BANSOS)),
        "member_count": len(people),
        "asn_count": len(asn),
        "asn_members": ", ".join(f"{p.name} ({p.member.occupation})" for p in asn),
        "house_ac": bool(assessment and assessment.air_conditioning),
        "house_luxury_furniture": bool(assessment and assessment.luxurious_furniture),
        "house_major_renovation": bool(assessment and assessment.major_renovation),
        "house_luxury_confirmed": bool(assessment and assessment.officer_confirms_luxury),
        "house_features": ", ".join(house_features),
        "house_photos_complete": PhotoKind.HOUSE_FRONT in photos and PhotoKind.HOUSE_INSIDE in photos,
        "motor_count": len(motors),
        "motor_max_value": max(motors, default=0),
        "car_count": len(cars),
        "family_income": family_income,
        "working_member_count": len(working),
        "working_members": _names(working),
        # Incomes are whole rupiah, so "income > floor(wage)" is exactly "income > wage".
        "minimum_wage": math.floor(wage.value or 0),
        "minimum_wage_known": wage.value is not None,
        "minimum_wage_level": wage.level,
        "minimum_wage_year": wage.year or ref.year,
        "minimum_wage_region": wage.region_name,
        "minimum_wage_source": f"{wage.source} ({wage.status})" if wage.source else wage.status,
        "farmland_ha": float(assets.farmland_ha) if assets else 0.0,
        "other_land_m2": float(assets.other_land_m2) if assets else 0.0,
        "other_house": assets.other_house if assets else 0,
        "property_value": assets.property_value if assets else 0,
        "large_business": bool(assets and assets.large_business),
        "membership_years": years,
        "membership_programme": programme,
        "membership_start": start,
        "recipient_name": recipient.name if recipient else "",
        "recipient_age": recipient.age if recipient and recipient.age is not None else -1,
        "recipient_severe_disability": bool(recipient and recipient.member.disability == "berat"),
        "bps14_count": len(bps14),
        "bps14_items": "; ".join(f"{n}. {CRITERIA[n - 1][1]}" for n in bps14),
        "bps14_items_en": "; ".join(f"{n}. {CRITERIA[n - 1][2]}" for n in bps14),
        "voluntary_graduation_signed": bool(visit and visit.conclusion.voluntary_graduation_signed),
        "wants_reregistration": bool(visit and visit.conclusion.wants_reregistration),
        "ktp_address_differs": bool(visit and visit.conclusion.ktp_address_differs),
        "has_business": bool(visit and visit.empowerment.has_business),
        "has_business_plan": bool(visit and visit.empowerment.has_business_plan),
        "willing_to_train": bool(visit and visit.empowerment.willing_to_train),
        "business_type": visit.empowerment.business_type if visit else "",
        "duplicate_nik_count": len(duplicates),
        "duplicate_niks": ", ".join(duplicates),
        "departed_member_count": len(departed),
        "departed_members": ", ".join(f"{m.name or m.nik} ({m.status})" for m in departed),
        "kk_changed": kk_changed,
        "kk_number": facts.kk_number,
        "kk_number_found": facts.kk_number_found or "",
        "registry_age_days": registry_age,
    }
    paid = [c for c in claims if c.paid]
    for key in PKH_COMPONENT_KEYS:
        mine = [c for c in claims if c.component == key]
        values[f"n_{key}"] = len(mine)
        values[f"names_{key}"] = ", ".join(c.person.name for c in mine)
        values[f"paid_{key}"] = sum(1 for c in mine if c.paid)
    values["pkh_component_count"] = len(claims)
    values["pkh_paid_count"] = len(paid)
    values["pkh_total_year"] = sum(pkh.components[c.component].amount_year for c in paid)
    values["pkh_total_stage"] = sum(pkh.components[c.component].amount_stage for c in paid)
    values["family_has_elderly_or_disabled"] = bool(values["n_lansia"] or values["n_disabilitas_berat"])

    missing: dict[Requirement, tuple[str, str]] = {}
    if visit is None:
        missing[Requirement.VISIT] = (
            "Formulir kunjungan verval belum diisi",
            "The visit form is not filled in",
        )
    if facts.desil is None:
        missing[Requirement.DESIL] = (
            "Desil DTSEN keluarga belum diketahui",
            "The family's DTSEN decile is unknown",
        )
    undated = [p for p in people if p.age is None]
    if undated:
        missing[Requirement.BIRTH_DATES] = (
            f"Tanggal lahir belum diisi: {_names(undated)}",
            f"Date of birth missing: {_names(undated)}",
        )
    if wage.value is None:
        missing[Requirement.MINIMUM_WAGE] = (
            f"{wage.level} {wage.region_name} tahun {wage.year or ref.year} belum ada di paket aturan",
            f"{wage.level} of {wage.region_name} for {wage.year or ref.year} is not in the policy pack",
        )
    if not starts_known:
        missing[Requirement.PROGRAMME_START] = (
            "Tanggal mulai kepesertaan PKH/BPNT belum diketahui",
            "The PKH/BPNT membership start date is unknown",
        )
    if not people:
        missing[Requirement.MEMBERS] = (
            "Belum ada anggota keluarga yang aktif",
            "No active family member recorded",
        )
    return Derived(values=values, people=people, claims=claims, bps14=bps14, missing=missing)


def synthetic_facts(reference_date: date, village_code: str) -> list[HouseholdFacts]:
    """Households that exercise every fact with a real value, to dry-run a pack's expressions."""
    from app.core.answers import AssetAnswers, Conclusion, Empowerment, HouseAssessment, Vehicle

    members = [
        MemberAnswer(
            name="Kepala",
            relation="kepala",
            sex="L",
            birth_date=date(1985, 1, 1),
            occupation="pns",
            monthly_income=5_000_000,
            nik="5302030101850001",
        ),
        MemberAnswer(
            name="Ibu",
            relation="pasangan",
            sex="P",
            birth_date=date(1990, 1, 1),
            pregnant=True,
            disability="berat",
            nik="5302034101900001",
        ),
        MemberAnswer(name="Anak", relation="anak", birth_date=date(2015, 1, 1), school_level="sd"),
        MemberAnswer(name="Nenek", relation="orang_tua", birth_date=date(1940, 1, 1), status="meninggal"),
    ]
    visit = VisitAnswers(
        members=members,
        assets=AssetAnswers(
            vehicles=[Vehicle(kind="motor", estimated_value=1), Vehicle(kind="mobil")],
            farmland_ha=1.5,
            property_value=1,
            large_business=True,
            other_house=1,
        ),
        assessment=HouseAssessment(air_conditioning=True, officer_confirms_luxury=True),
        empowerment=Empowerment(has_business=True, willing_to_train=True),
        conclusion=Conclusion(
            voluntary_graduation_signed=True, ktp_address_differs=True, wants_reregistration=True
        ),
    )
    full = HouseholdFacts(
        reference_date=reference_date,
        village_code=village_code,
        desil=3,
        household_status="graduasi",
        programmes=[{"programme": "PKH", "start_date": date(2015, 1, 1)}, {"programme": "BPNT"}],
        members=members,
        answers=visit,
        registry_updated_on=date(2020, 1, 1),
        duplicate_niks_in_village=["5302030101850001"],
        kk_number_found="1",
        photo_kinds=[PhotoKind.HOUSE_FRONT, PhotoKind.HOUSE_INSIDE],
    )
    empty = HouseholdFacts(reference_date=reference_date, village_code=village_code)
    return [full, empty]
