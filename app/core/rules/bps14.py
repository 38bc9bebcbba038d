"""The BPS 14 poverty criteria (DOMAIN §5.3), counted from the visit answers.

Thresholds (8 m² per person, Rp600.000, 500 m², the low-education codes) are pack parameters.
An item the visit cannot answer (e.g. floor area left at 0) does not count.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.answers import MemberAnswer, VisitAnswers

# (number, Bahasa Indonesia, English), in BPS order.
CRITERIA: tuple[tuple[int, str, str], ...] = (
    (1, "luas lantai < 8 m² per orang", "floor area < 8 m² per person"),
    (2, "lantai tanah/bambu/kayu murahan", "earth/bamboo/cheap-wood floor"),
    (3, "dinding bambu/rumbia/kayu rendah/tembok tanpa plester", "bamboo/thatch/low wood/unplastered walls"),
    (4, "tidak punya jamban sendiri", "no own toilet"),
    (5, "tanpa listrik", "no electricity"),
    (6, "air minum dari sumur/mata air tak terlindung, sungai, hujan", "unprotected drinking water"),
    (7, "memasak dengan kayu bakar/arang/minyak tanah", "cooks with firewood/charcoal/kerosene"),
    (8, "daging/susu/ayam paling banyak sekali seminggu", "meat/milk/chicken at most weekly"),
    (9, "satu stel pakaian baru setahun", "one new set of clothes a year"),
    (10, "makan satu atau dua kali sehari", "one or two meals a day"),
    (11, "tidak sanggup berobat ke puskesmas", "cannot pay for the puskesmas"),
    (
        12,
        "kepala: petani lahan sempit/buruh, atau penghasilan rendah",
        "head: smallholder/labourer or low income",
    ),
    (13, "kepala tidak sekolah/tidak tamat SD/tamat SD", "head has at most primary school"),
    (14, "tidak punya tabungan/barang ≥ Rp500.000", "no savings or saleable goods ≥ Rp500,000"),
)

_POOR_FLOORS = frozenset({"tanah", "bambu", "kayu_murah"})
_POOR_WALLS = frozenset({"bambu", "rumbia", "kayu_kualitas_rendah", "tembok_tanpa_plester"})
_NO_OWN_TOILET = frozenset({"tidak_ada", "bersama", "umum"})
_UNSAFE_WATER = frozenset({"sumur_tak_terlindung", "mata_air_tak_terlindung", "sungai", "air_hujan"})
_POOR_FUEL = frozenset({"kayu_bakar", "arang", "minyak_tanah"})


@dataclass(frozen=True)
class Bps14Thresholds:
    floor_m2_per_person: float
    head_income_max: float
    head_land_m2_max: float
    low_education: frozenset[str]


def criteria_met(
    visit: VisitAnswers, head: MemberAnswer | None, persons: int, limits: Bps14Thresholds
) -> list[int]:
    house, living = visit.house, visit.living
    met = {
        1: house.floor_area_m2 > 0
        and persons > 0
        and house.floor_area_m2 / persons < limits.floor_m2_per_person,
        2: house.floor_material in _POOR_FLOORS,
        3: house.wall_material in _POOR_WALLS,
        4: house.toilet_facility in _NO_OWN_TOILET,
        5: house.lighting_source == "bukan_listrik",
        6: house.water_source in _UNSAFE_WATER,
        7: house.cooking_fuel in _POOR_FUEL,
        8: living.meat_milk_chicken_at_most_weekly,
        9: living.one_new_clothes_set_a_year,
        10: living.meals_per_day <= 2,
        11: living.cannot_afford_puskesmas,
        12: head is not None
        and (
            (head.occupation == "petani" and living.head_farm_land_m2 <= limits.head_land_m2_max)
            or head.occupation == "buruh"
            or head.monthly_income < limits.head_income_max
        ),
        13: head is not None and head.education in limits.low_education,
        14: living.savings_below_500k,
    }
    return [number for number, hit in met.items() if hit]
