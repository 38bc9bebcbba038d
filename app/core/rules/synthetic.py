"""Synthetic households for benchmarks and demo villages: varied, plausible, reproducible by seed."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from app.core.rules.facts import HouseholdFacts

_OCCUPATIONS = [
    "petani",
    "buruh",
    "pedagang",
    "nelayan",
    "wiraswasta",
    "tidak_bekerja",
    "karyawan_swasta",
    "pns",
]
_SCHOOL_BY_AGE = [(7, "paud"), (13, "sd"), (16, "smp"), (19, "sma")]


def _birth(rng: random.Random, reference: date, age: int) -> date:
    return reference - timedelta(days=age * 365 + rng.randint(0, 364))


def _school(age: int) -> str:
    if age < 4:
        return "tidak_sekolah"
    for limit, level in _SCHOOL_BY_AGE:
        if age < limit:
            return level
    return "tidak_sekolah"


def random_household(
    rng: random.Random, reference_date: date, village_code: str = "53.02.03.2002"
) -> HouseholdFacts:
    members: list[dict[str, Any]] = []
    head_age = rng.randint(22, 80)
    members.append(
        {
            "name": "Kepala",
            "relation": "kepala",
            "sex": "L",
            "birth_date": _birth(rng, reference_date, head_age),
            "occupation": rng.choice(_OCCUPATIONS),
            "monthly_income": rng.choice([0, 500_000, 1_500_000, 2_500_000, 4_000_000]),
            "education": rng.choice(["sd", "smp", "sma", "tidak_sekolah"]),
        }
    )
    if rng.random() < 0.85:
        age = max(18, head_age - rng.randint(0, 8))
        members.append(
            {
                "name": "Istri",
                "relation": "pasangan",
                "sex": "P",
                "birth_date": _birth(rng, reference_date, age),
                "pregnant": age < 40 and rng.random() < 0.1,
                "occupation": "mengurus_rumah_tangga",
            }
        )
    for i in range(rng.randint(0, 5)):
        age = rng.randint(0, 24)
        members.append(
            {
                "name": f"Anak {i + 1}",
                "relation": "anak",
                "sex": rng.choice("LP"),
                "birth_date": _birth(rng, reference_date, age),
                "school_level": _school(age),
                "disability": "berat" if rng.random() < 0.03 else "tidak",
            }
        )
    if rng.random() < 0.2:
        members.append(
            {
                "name": "Nenek",
                "relation": "orang_tua",
                "sex": "P",
                "birth_date": _birth(rng, reference_date, rng.randint(58, 90)),
                "status": "meninggal" if rng.random() < 0.1 else "aktif",
            }
        )
    desil = rng.randint(1, 10)
    programmes = []
    if desil <= 5 and rng.random() < 0.7:
        start = reference_date - timedelta(days=rng.randint(100, 4000))
        programmes.append({"programme": "PKH", "start_date": start})
        programmes.append({"programme": "BPNT", "start_date": start + timedelta(days=rng.randint(0, 300))})
    answers = None
    if rng.random() < 0.8:
        answers = {
            "members": members,
            "house": {
                "floor_area_m2": rng.choice([0, 20, 36, 60, 120]),
                "floor_material": rng.choice(["tanah", "semen", "keramik", "bambu"]),
                "wall_material": rng.choice(["bambu", "tembok_plester", "tembok_tanpa_plester"]),
                "cooking_fuel": rng.choice(["kayu_bakar", "elpiji"]),
                "toilet_facility": rng.choice(["sendiri", "bersama", "tidak_ada"]),
            },
            "assets": {
                "vehicles": [
                    {
                        "kind": "motor",
                        "estimated_value": rng.choice([8_000_000, 18_000_000, 30_000_000, 32_000_000]),
                    }
                    for _ in range(rng.randint(0, 2))
                ]
                + ([{"kind": "mobil"}] if rng.random() < 0.03 else []),
                "farmland_ha": rng.choice([0.0, 0.0, 0.2, 0.8]),
            },
            "assessment": {"air_conditioning": rng.random() < 0.03},
            "living": {"meals_per_day": rng.choice([2, 3]), "savings_below_500k": rng.random() < 0.6},
            "empowerment": {"has_business": rng.random() < 0.2, "willing_to_train": rng.random() < 0.5},
            "conclusion": {"voluntary_graduation_signed": rng.random() < 0.02},
        }
    return HouseholdFacts.model_validate(
        {
            "reference_date": reference_date,
            "village_code": village_code,
            "desil": desil,
            "household_status": "graduasi" if not programmes and rng.random() < 0.1 else "aktif",
            "programmes": programmes,
            "members": members,
            "answers": answers,
            "registry_updated_on": reference_date - timedelta(days=rng.randint(10, 700)),
        }
    )


def village(size: int, seed: int = 1, reference_date: date = date(2026, 3, 1)) -> list[HouseholdFacts]:
    rng = random.Random(seed)
    return [random_household(rng, reference_date) for _ in range(size)]
