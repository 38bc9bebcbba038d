"""The demo district: deterministic, realistic identity numbers, and every rule has a family."""

from __future__ import annotations

from collections import Counter

import pytest

from app.core.demo import (
    DEMO_DATE,
    DEMO_VILLAGE,
    NEIGHBOUR_VILLAGE,
    DemoDistrict,
    duplicate_niks,
    generate_demo,
    household_verdict,
)
from app.core.identity import validate_kk, validate_nik
from app.core.models import ASN_LIKE_OCCUPATIONS, Disability, Sex
from app.core.regions import region_index

RULE_IDS = [
    "GRAD-ASN", "GRAD-RUMAH", "GRAD-KENDARAAN", "GRAD-UMP", "GRAD-ASET", "GRAD-5TAHUN", "GRAD-ALAMIAH",
    "GRAD-MANDIRI", "PKH-IBU-HAMIL", "PKH-ANAK-USIA-DINI", "PKH-SD", "PKH-SMP", "PKH-SMA", "PKH-DISABILITAS",
    "PKH-LANSIA", "BPNT", "PBI-JKN", "PENA", "BANSOS-PRODUKTIF", "DAFTAR-ULANG", "DOKUMEN-DAFTAR-ULANG",
    "BPS-14", "FLAG-INCLUSION", "FLAG-EXCLUSION", "FLAG-DUPLIKAT", "FLAG-DATA-LAMA",
]  # fmt: skip


@pytest.fixture(scope="module")
def district() -> DemoDistrict:
    return generate_demo()


def test_size_and_place(district: DemoDistrict) -> None:
    village = district.households_in(DEMO_VILLAGE)
    members = [m for m in district.members if m.village_code == DEMO_VILLAGE]
    assert len(village) == 400
    assert 1_400 <= len(members) <= 1_900
    assert region_index().name(DEMO_VILLAGE) == "Eonbesi"
    assert region_index().chain(DEMO_VILLAGE)[0].name == "Nusa Tenggara Timur"
    assert district.households_in(NEIGHBOUR_VILLAGE)


def test_generation_is_deterministic() -> None:
    a, b = generate_demo(7, households=40), generate_demo(7, households=40)
    assert [(m.nik, m.name, m.birth_date) for m in a.members] == [
        (m.nik, m.name, m.birth_date) for m in b.members
    ]
    assert [m.nik for m in generate_demo(8, households=40).members] != [m.nik for m in a.members]


def test_niks_agree_with_birth_date_sex_and_region(district: DemoDistrict) -> None:
    for member in district.members:
        check = validate_nik(member.nik, region_index().exists, reference_date=DEMO_DATE)
        assert check.errors == [], (member.nik, check.errors)
        assert check.birth_date == member.birth_date
        assert check.sex == member.sex
    women = [m for m in district.members if m.sex == Sex.FEMALE]
    assert all(41 <= int(m.nik[6:8]) <= 71 for m in women)


def test_kk_numbers_are_well_formed(district: DemoDistrict) -> None:
    for household in district.households:
        assert validate_kk(household.kk_number, region_index().exists, reference_date=DEMO_DATE).errors == []


def test_the_village_has_what_the_rules_look_at(district: DemoDistrict) -> None:
    members = [m for m in district.members if m.village_code == DEMO_VILLAGE]
    assert sum(m.occupation in ASN_LIKE_OCCUPATIONS for m in members) >= 3
    assert any(m.disability == Disability.SEVERE for m in members)
    assert any(m.pregnant for m in members)
    assert {m.school_level for m in members} >= {"sd", "smp", "sma"}
    assert any(m.birth_date and (DEMO_DATE.year - m.birth_date.year) >= 60 for m in members)
    niks = Counter(m.nik for m in members)
    assert any(count > 1 for count in niks.values())  # duplicate NIKs exist
    values = [v["estimated_value"] for visit in district.visits for v in visit.answers["assets"]["vehicles"]]
    assert any(v > 30_000_000 for v in values) and any(20_000_000 <= v <= 30_000_000 for v in values)
    starts = [p["start_date"] for h in district.households for p in h.programmes]
    assert any(s < f"{DEMO_DATE.year - 5}" for s in starts)  # memberships over five years


def test_every_rule_fires_for_some_demo_family(district: DemoDistrict) -> None:
    visits = {v.household_id: v for v in district.visits}
    fired: Counter[str] = Counter()
    duplicates = duplicate_niks(district.members)
    for household in district.households_in(DEMO_VILLAGE):
        verdict = household_verdict(district, household, visits.get(household.id), DEMO_DATE, duplicates)
        fired.update(rule["rule_id"] for rule in verdict.to_json()["fired"])
    missing = [rule for rule in RULE_IDS if not fired[rule]]
    assert missing == []


def test_demo_visits_carry_their_verdict_and_pack(district: DemoDistrict) -> None:
    assert district.visits
    for visit in district.visits:
        assert visit.verdict["overall"] and visit.pack_id and visit.pack_version
    motor = next(h for h, name in district.scenario.items() if name.startswith("GRAD-KENDARAAN"))
    visit = next(v for v in district.visits if v.household_id == motor)
    assert "GRAD-KENDARAAN" in {rule["rule_id"] for rule in visit.verdict["fired"]}
