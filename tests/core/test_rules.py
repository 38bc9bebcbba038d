"""Every rule of DOMAIN §3 on the shipped pack, with its boundaries (real engine, no mocks)."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.rules import Outcome, Verdict
from tests.core.rules_helpers import NTT_UMP_2026, REF, family, fired, person, verdict

MOTHER = person("Ibu", 35, relation="kepala", sex="P")
PUPIL = person("Anak", 10, relation="anak", school_level="sd")


def with_visit(**visit: object) -> dict[str, object]:
    return dict(visit)


# ---------------------------------------------------------------- 3.1 graduasi wajib


@pytest.mark.parametrize(
    ("occupation", "fires"),
    [
        ("pns", True),
        ("pppk", True),
        ("perangkat_desa", True),
        ("guru_bersertifikasi", True),
        ("guru_honorer", False),
        ("petani", False),
    ],
)
def test_grad_asn(occupation: str, fires: bool) -> None:
    facts = family(MOTHER, PUPIL, person("Bapak", 40, relation="pasangan", sex="L", occupation=occupation))
    assert ("GRAD-ASN" in fired(facts)) is fires


@pytest.mark.parametrize(
    ("assessment", "photos", "outcome"),
    [
        ({}, [], None),
        ({"air_conditioning": True}, [], Outcome.PERLU_VERIFIKASI),
        (
            {"air_conditioning": True, "officer_confirms_luxury": True},
            ["rumah_depan"],
            Outcome.PERLU_VERIFIKASI,
        ),
        (
            {"major_renovation": True, "officer_confirms_luxury": True},
            ["rumah_depan", "rumah_dalam"],
            Outcome.GRADUASI_WAJIB,
        ),
    ],
)
def test_grad_rumah_needs_confirmation_and_photos(
    assessment: dict[str, bool], photos: list[str], outcome: Outcome | None
) -> None:
    v = verdict(family(MOTHER, PUPIL, visit={"assessment": assessment}, photo_kinds=photos))
    rule = v.rule("GRAD-RUMAH")
    assert (rule.outcome if rule else None) == outcome


@pytest.mark.parametrize(
    ("vehicles", "fires"),
    [
        ([{"kind": "motor", "estimated_value": 30_000_000}], False),
        ([{"kind": "motor", "estimated_value": 30_000_001}], True),
        (
            [
                {"kind": "motor", "estimated_value": 12_000_000},
                {"kind": "motor", "estimated_value": 18_000_000},
            ],
            False,
        ),
        ([{"kind": "mobil", "estimated_value": 0, "on_credit": True}], True),
    ],
)
def test_grad_kendaraan(vehicles: list[dict[str, object]], fires: bool) -> None:
    v = verdict(family(MOTHER, PUPIL, visit={"assets": {"vehicles": vehicles}}))
    assert ("GRAD-KENDARAAN" in v.fired_ids()) is fires


def test_grad_kendaraan_explanation_names_the_facts() -> None:
    v = verdict(
        family(MOTHER, visit={"assets": {"vehicles": [{"kind": "motor", "estimated_value": 35_000_000}]}})
    )
    rule = v.rule("GRAD-KENDARAAN")
    assert rule is not None
    assert "Rp35.000.000" in rule.reason_id and "Rp30.000.000" in rule.reason_id
    assert rule.facts["motor_max_value"] == 35_000_000


@pytest.mark.parametrize(
    ("incomes", "fires"),
    [
        ((NTT_UMP_2026, 0), False),
        ((NTT_UMP_2026 + 1, 0), True),
        ((1_500_000, 1_000_000), True),
        ((1_000_000, 0), False),
    ],
)
def test_grad_ump_sums_working_members_strictly_above(incomes: tuple[int, int], fires: bool) -> None:
    facts = family(
        person("Ibu", 35, relation="kepala", sex="P", occupation="pedagang", monthly_income=incomes[0]),
        person("Kakak", 22, relation="anak", occupation="buruh", monthly_income=incomes[1]),
        PUPIL,
    )
    assert ("GRAD-UMP" in fired(facts)) is fires


def test_grad_ump_ignores_income_of_non_working_members() -> None:
    facts = family(
        MOTHER, person("Anak", 17, relation="anak", occupation="pelajar", monthly_income=9_000_000)
    )
    assert "GRAD-UMP" not in fired(facts)


def test_grad_ump_missing_wage_is_reported_not_guessed() -> None:
    facts = family(
        person("Ibu", 35, relation="kepala", sex="P", occupation="pedagang", monthly_income=9_000_000),
        village_code="95.01.01.2001",
    )  # Papua Pegunungan: no 2026 UMP
    v = verdict(facts)
    assert "GRAD-UMP" not in v.fired_ids()
    assert any(m.key == "minimum_wage" and "GRAD-UMP" in m.rule_ids for m in v.missing)


def test_grad_ump_uses_kabupaten_umk_override() -> None:
    from app.core.rules import load_pack_from_text
    from app.core.rules.engine import evaluate
    from app.core.rules.registry import builtin_pack_dir

    pack_toml = (builtin_pack_dir() / "pack.toml").read_text()
    params = (builtin_pack_dir() / "parameters.toml").read_text() + (
        '\n[region_overrides."53.02"]\nname = "Kab. Contoh"\nsource = "uji"\n'
        'minimum_wage = { "2026" = { value = 3000000, status = "decree", source = "SK uji" } }\n'
        "parameters = { farmland_ha_limit = 1.0 }\n"
    )
    pack = load_pack_from_text(pack_toml, params, origin="uji")
    earner = person("Ibu", 35, relation="kepala", sex="P", occupation="pedagang", monthly_income=2_800_000)
    assert "GRAD-UMP" not in evaluate(pack, family(earner)).fired_ids()
    assert "GRAD-UMP" in evaluate(pack, family(earner, village_code="53.01.01.2001")).fired_ids()
    aset = evaluate(pack, family(MOTHER, visit={"assets": {"farmland_ha": 1.5}})).rule("GRAD-ASET")
    assert aset is not None and aset.outcome is Outcome.GRADUASI_WAJIB


@pytest.mark.parametrize(
    ("assets", "outcome"),
    [
        ({}, None),
        ({"farmland_ha": 0.2}, None),
        ({"farmland_ha": 3.0}, Outcome.PERLU_VERIFIKASI),  # no district threshold: confirmation needed
        ({"large_business": True}, Outcome.GRADUASI_WAJIB),
    ],
)
def test_grad_aset(assets: dict[str, object], outcome: Outcome | None) -> None:
    rule = verdict(family(MOTHER, visit={"assets": assets})).rule("GRAD-ASET")
    assert (rule.outcome if rule else None) == outcome


def member_since(start: date) -> list[dict[str, object]]:
    return [{"programme": "PKH", "start_date": start}, {"programme": "BPNT", "start_date": start}]


FIVE_YEARS_AGO = date(2021, 3, 1)


@pytest.mark.parametrize(
    ("start", "fires"),
    [(FIVE_YEARS_AGO, True), (date(2021, 3, 2), False), (date(2015, 1, 1), True), (date(2024, 1, 1), False)],
)
def test_grad_5tahun_exactly_five_years(start: date, fires: bool) -> None:
    facts = family(MOTHER, PUPIL, programmes=member_since(start))
    assert ("GRAD-5TAHUN" in fired(facts)) is fires


@pytest.mark.parametrize(("age", "fires"), [(19, False), (20, True), (45, True), (46, False)])
def test_grad_5tahun_productive_age(age: int, fires: bool) -> None:
    facts = family(
        person("Ibu", age, relation="kepala", sex="P"), PUPIL, programmes=member_since(FIVE_YEARS_AGO)
    )
    assert ("GRAD-5TAHUN" in fired(facts)) is fires


def test_time_limit_not_applied_to_disabled_recipient() -> None:
    facts = family(
        person("Ibu", 30, relation="kepala", sex="P", disability="berat"),
        PUPIL,
        programmes=member_since(date(2015, 1, 1)),
    )
    assert "GRAD-5TAHUN" not in fired(facts)


def test_time_limit_not_applied_to_elderly_recipient_or_family_with_elderly() -> None:
    elderly = family(
        person("Nenek", 66, relation="kepala", sex="P"), programmes=member_since(date(2012, 1, 1))
    )
    assert "GRAD-5TAHUN" not in fired(elderly)
    with_grandmother = family(
        MOTHER,
        PUPIL,
        person("Nenek", 70, relation="orang_tua", sex="P"),
        programmes=member_since(date(2012, 1, 1)),
    )
    assert "GRAD-5TAHUN" not in fired(with_grandmother)


def test_recipient_is_the_wife_not_the_husband() -> None:
    facts = family(
        person("Bapak", 50, relation="kepala", sex="L"),
        person("Ibu", 40, relation="pasangan", sex="P"),
        PUPIL,
        programmes=member_since(date(2015, 1, 1)),
    )
    rule = verdict(facts).rule("GRAD-5TAHUN")
    assert rule is not None and rule.facts["recipient_name"] == "Ibu"


# ---------------------------------------------------------------- 3.2


def test_grad_alamiah_when_last_child_leaves_sma() -> None:
    at_school = family(MOTHER, person("Anak", 17, relation="anak", school_level="sma"))
    graduated = family(MOTHER, person("Anak", 18, relation="anak", school_level="tidak_sekolah"))
    assert "GRAD-ALAMIAH" not in fired(at_school)
    v = verdict(graduated)
    assert "GRAD-ALAMIAH" in v.fired_ids()
    pkh = v.programme("PKH")
    assert pkh is not None and pkh.outcome is Outcome.GRADUASI_ALAMIAH


def test_grad_alamiah_needs_a_pkh_membership_and_birth_dates() -> None:
    assert "GRAD-ALAMIAH" not in fired(family(MOTHER, programmes=[]))
    v = verdict(family(MOTHER, person("Anak", None, relation="anak")))
    assert "GRAD-ALAMIAH" not in v.fired_ids()
    assert any(m.key == "birth_dates" for m in v.missing)


@pytest.mark.parametrize(
    ("signed", "member", "fires"), [(True, True, True), (False, True, False), (True, False, False)]
)
def test_grad_mandiri(signed: bool, member: bool, fires: bool) -> None:
    facts = family(
        MOTHER,
        PUPIL,
        visit={"conclusion": {"voluntary_graduation_signed": signed}},
        programmes=None if member else [],
    )
    assert ("GRAD-MANDIRI" in fired(facts)) is fires


# ---------------------------------------------------------------- 3.3 PKH


@pytest.mark.parametrize(
    ("member", "rule"),
    [
        (person("Ibu", 30, relation="kepala", sex="P", pregnant=True), "PKH-IBU-HAMIL"),
        (person("Bayi", 0, relation="anak"), "PKH-ANAK-USIA-DINI"),
        (person("Anak", 6, relation="anak"), "PKH-ANAK-USIA-DINI"),
        (person("Anak", 9, relation="anak", school_level="sd"), "PKH-SD"),
        (person("Anak", 13, relation="anak", school_level="smp"), "PKH-SMP"),
        (person("Anak", 16, relation="anak", school_level="sma"), "PKH-SMA"),
        (person("Paman", 40, relation="famili_lain", disability="berat"), "PKH-DISABILITAS"),
        (person("Kakek", 60, relation="orang_tua"), "PKH-LANSIA"),
    ],
)
def test_each_pkh_component(member: dict[str, object], rule: str) -> None:
    assert rule in fired(family(person("Bapak", 40, relation="kepala", sex="L"), member))


@pytest.mark.parametrize(("age", "fires"), [(59, False), (60, True), (75, True)])
def test_lansia_threshold(age: int, fires: bool) -> None:
    assert ("PKH-LANSIA" in fired(family(person("Kakek", age, relation="kepala", sex="L")))) is fires


@pytest.mark.parametrize(("age", "fires"), [(6, True), (7, False)])
def test_early_childhood_threshold(age: int, fires: bool) -> None:
    assert ("PKH-ANAK-USIA-DINI" in fired(family(MOTHER, person("Anak", age, relation="anak")))) is fires


def test_moderate_disability_is_not_a_component() -> None:
    assert "PKH-DISABILITAS" not in fired(
        family(MOTHER, person("Paman", 40, relation="famili_lain", disability="sedang"))
    )


def test_five_components_four_paid_by_priority() -> None:
    v = verdict(
        family(
            person("Ibu", 30, relation="kepala", sex="P", pregnant=True),
            person("Bayi", 2, relation="anak"),
            person("Anak", 9, relation="anak", school_level="sd"),
            person("Kakak", 13, relation="anak", school_level="smp"),
            person("Nenek", 70, relation="orang_tua", sex="P"),
        )
    )
    paid = [line.component for line in v.pkh.lines if line.paid]
    assert paid == ["anak_usia_dini", "sd", "smp", "lansia"]
    dropped = [line for line in v.pkh.lines if not line.paid]
    assert [(d.component, d.dropped_because) for d in dropped] == [("ibu_hamil", "max_components")]
    assert v.pkh.total_year == 3_000_000 + 900_000 + 1_500_000 + 2_400_000
    assert v.pkh.total_stage == 750_000 + 225_000 + 375_000 + 600_000
    assert v.pkh.paid_count == 4 and v.pkh.eligible_count == 5


def test_four_children_three_paid() -> None:
    v = verdict(
        family(MOTHER, *[person(f"Anak {i}", 8 + i, relation="anak", school_level="sd") for i in range(4)])
    )
    assert v.pkh.paid_count == 3
    assert [line.dropped_because for line in v.pkh.lines if not line.paid] == ["max_children"]
    assert v.pkh.total_year == 3 * 900_000


def test_person_counts_once_with_highest_component() -> None:
    v = verdict(family(person("Ibu", 30, relation="kepala", sex="P", pregnant=True, disability="berat")))
    assert [(line.component, line.paid) for line in v.pkh.lines] == [("ibu_hamil", True)]


@pytest.mark.parametrize(("desil", "fires"), [(1, True), (4, True), (5, False), (None, False)])
def test_bpnt(desil: int | None, fires: bool) -> None:
    assert ("BPNT" in fired(family(MOTHER, desil=desil))) is fires


@pytest.mark.parametrize(("desil", "fires"), [(5, True), (6, False), (1, True)])
def test_pbi_jkn(desil: int, fires: bool) -> None:
    assert ("PBI-JKN" in fired(family(MOTHER, desil=desil))) is fires


def test_bpnt_member_outside_target_needs_verification() -> None:
    v = verdict(family(MOTHER, PUPIL, desil=7))
    bpnt = v.programme("BPNT")
    assert bpnt is not None and bpnt.outcome is Outcome.PERLU_VERIFIKASI


# ---------------------------------------------------------------- referrals


BUSINESS = {"empowerment": {"has_business": True, "willing_to_train": True, "business_type": "warung"}}


@pytest.mark.parametrize(
    ("status", "age", "visit", "fires"),
    [
        ("graduasi", 35, BUSINESS, True),
        ("aktif", 35, BUSINESS, False),
        ("graduasi", 50, BUSINESS, False),
        ("graduasi", 35, {"empowerment": {"has_business": True}}, False),
    ],
)
def test_pena(status: str, age: int, visit: dict[str, object], fires: bool) -> None:
    facts = family(
        person("Ibu", age, relation="kepala", sex="P"),
        PUPIL,
        visit=visit,
        household_status=status,
        programmes=[],
    )
    assert ("PENA" in fired(facts)) is fires


def test_pena_after_graduation_rule_in_same_visit() -> None:
    facts = family(MOTHER, PUPIL, visit={**BUSINESS, "conclusion": {"voluntary_graduation_signed": True}})
    v = verdict(facts)
    assert {"GRAD-MANDIRI", "PENA"} <= set(v.fired_ids())
    assert Outcome.RUJUK_PENA in v.household_outcomes


@pytest.mark.parametrize(("age", "fires"), [(18, True), (60, True), (61, False), (17, False)])
def test_bansos_produktif_age(age: int, fires: bool) -> None:
    facts = family(person("Ibu", age, relation="kepala", sex="P"), visit=BUSINESS)
    assert ("BANSOS-PRODUKTIF" in fired(facts)) is fires


@pytest.mark.parametrize(
    ("visit", "desil", "fires"),
    [
        ({"conclusion": {"wants_reregistration": True}}, 6, True),
        ({}, 3, True),
        ({}, 7, False),
        (
            {"assets": {"vehicles": [{"kind": "mobil"}]}, "conclusion": {"wants_reregistration": True}},
            2,
            False,
        ),
    ],
)
def test_daftar_ulang(visit: dict[str, object], desil: int, fires: bool) -> None:
    facts = family(
        MOTHER,
        visit=visit,
        desil=desil,
        household_status="graduasi",
        programmes=[{"programme": "PKH", "start_date": date(2018, 1, 1), "status": "graduasi"}],
    )
    v = verdict(facts)
    assert ("DAFTAR-ULANG" in v.fired_ids()) is fires
    if fires:
        pkh = v.programme("PKH")
        assert pkh is not None and pkh.outcome is Outcome.DAPAT_DAFTAR_ULANG


def checklist_keys(v: Verdict) -> list[str]:
    return [item.key for item in v.checklist]


def test_dokumen_daftar_ulang_checklist() -> None:
    base = {"conclusion": {"wants_reregistration": True}}
    v = verdict(family(MOTHER, PUPIL, visit=base, household_status="graduasi", programmes=[]))
    assert checklist_keys(v) == [
        "ktp_el",
        "kartu_keluarga",
        "sktm",
        "bukti_penghasilan",
        "foto_rumah_depan",
        "foto_rumah_dalam",
    ]
    assert v.checklist[0].photo_kind == "dok_ktp" and v.checklist[0].count == 2
    assert not v.checklist[3].required
    moved = {"conclusion": {"wants_reregistration": True, "ktp_address_differs": True}}
    v2 = verdict(family(MOTHER, visit=moved, household_status="graduasi", programmes=[]))
    assert checklist_keys(v2)[-1] == "surat_domisili" and v2.checklist[-1].photo_kind == "dok_domisili"
    assert verdict(family(MOTHER, visit={})).checklist == []


POOR_HOUSE = {
    "house": {
        "floor_area_m2": 12,
        "floor_material": "tanah",
        "wall_material": "bambu",
        "toilet_facility": "tidak_ada",
        "lighting_source": "bukan_listrik",
        "water_source": "sungai",
        "cooking_fuel": "kayu_bakar",
    },
    "living": {
        "meat_milk_chicken_at_most_weekly": True,
        "one_new_clothes_set_a_year": True,
        "meals_per_day": 2,
        "cannot_afford_puskesmas": True,
        "savings_below_500k": True,
    },
}


def test_bps14_counts_and_exclusion_flag() -> None:
    poor = family(
        person("Bapak", 45, relation="kepala", sex="L", occupation="buruh", education="sd"),
        MOTHER,
        visit=POOR_HOUSE,
        programmes=[],
        desil=None,
    )
    v = verdict(poor)
    assert v.bps14.count == 14 and v.bps14.poor
    assert "FLAG-EXCLUSION" in v.flags
    assert v.overall is Outcome.USUL_BARU
    assert "BPS-14" in v.fired_ids()


@pytest.mark.parametrize(
    ("living", "count", "flag"),
    [
        ({"cannot_afford_puskesmas": False, "savings_below_500k": False, "meals_per_day": 3}, 8, False),
        ({"cannot_afford_puskesmas": True, "savings_below_500k": False, "meals_per_day": 3}, 9, True),
    ],
)
def test_exclusion_boundary_at_nine(living: dict[str, object], count: int, flag: bool) -> None:
    # The head farms 2,000 m² and earns Rp1 juta: criterion 12 does not count.
    visit = {
        "house": POOR_HOUSE["house"],
        "living": {**POOR_HOUSE["living"], "head_farm_land_m2": 2000, **living},
    }
    v = verdict(
        family(
            person(
                "Bapak",
                45,
                relation="kepala",
                sex="L",
                occupation="petani",
                education="smp",
                monthly_income=1_000_000,
            ),
            visit=visit,
            programmes=[],
        )
    )
    assert v.bps14.count == count
    assert ("FLAG-EXCLUSION" in v.flags) is flag


def test_flag_inclusion() -> None:
    asn = person("Bapak", 40, relation="pasangan", sex="L", occupation="pns")
    assert "FLAG-INCLUSION" in verdict(family(MOTHER, asn, desil=2)).flags
    assert "FLAG-INCLUSION" not in verdict(family(MOTHER, asn, desil=6)).flags
    assert "FLAG-INCLUSION" not in verdict(family(MOTHER, PUPIL, desil=2)).flags


def test_flag_duplikat() -> None:
    same = "5302031204800001"
    assert "FLAG-DUPLIKAT" in verdict(family(person("A", 30, nik=same), person("B", 20, nik=same))).flags
    assert (
        "FLAG-DUPLIKAT" in verdict(family(person("A", 30, nik=same), duplicate_niks_in_village=[same])).flags
    )
    assert (
        "FLAG-DUPLIKAT"
        not in verdict(family(person("A", 30, nik=same), person("B", 20, nik="5302031204800002"))).flags
    )


def test_flag_data_lama() -> None:
    assert "FLAG-DATA-LAMA" in verdict(family(MOTHER, person("Kakek", 80, status="meninggal"))).flags
    assert "FLAG-DATA-LAMA" in verdict(family(MOTHER, kk_number="1", kk_number_found="2")).flags
    assert "FLAG-DATA-LAMA" in verdict(family(MOTHER, registry_updated_on=date(2024, 1, 1))).flags
    assert "FLAG-DATA-LAMA" not in verdict(family(MOTHER, registry_updated_on=date(2026, 1, 1))).flags


# ---------------------------------------------------------------- seed 001: the five myths


def test_myth_graduation_is_a_permanent_block() -> None:
    """'Graduasi artinya diblokir permanen' — salah: a graduated family may re-register."""
    facts = family(
        MOTHER,
        PUPIL,
        visit={"conclusion": {"wants_reregistration": True}},
        household_status="graduasi",
        programmes=[{"programme": "PKH", "start_date": date(2018, 1, 1), "status": "graduasi"}],
    )
    assert "DAFTAR-ULANG" in fired(facts)


def test_myth_everyone_after_five_years_is_removed() -> None:
    """'Semua penerima 5 tahun pasti dicoret' — elderly and disabled are exempt."""
    start = member_since(date(2012, 1, 1))
    assert "GRAD-5TAHUN" not in fired(
        family(person("Nenek", 68, relation="kepala", sex="P"), programmes=start)
    )
    assert "GRAD-5TAHUN" not in fired(
        family(person("Ibu", 33, relation="kepala", sex="P", disability="berat"), programmes=start)
    )


def test_myth_owning_a_motorbike_means_graduation() -> None:
    """'Punya motor langsung digraduasi' — only a motorbike above Rp30 juta."""
    facts = family(
        MOTHER, PUPIL, visit={"assets": {"vehicles": [{"kind": "motor", "estimated_value": 17_000_000}]}}
    )
    v = verdict(facts)
    assert "GRAD-KENDARAAN" not in v.fired_ids()
    assert v.overall is Outcome.TETAP_LAYAK


def test_myth_graduated_families_get_nothing() -> None:
    """'KPM graduasi tidak dapat bantuan apapun' — PENA offers business capital up to Rp6 juta."""
    facts = family(MOTHER, visit=BUSINESS, household_status="graduasi", programmes=[])
    rule = verdict(facts).rule("PENA")
    assert rule is not None and "Rp6.000.000" in rule.reason_id


def test_myth_paying_avoids_graduation() -> None:
    """'Bisa bayar untuk menghindari graduasi' — hoax: nothing a family pays changes the verdict."""
    facts = family(
        MOTHER,
        PUPIL,
        person("Bapak", 40, relation="pasangan", sex="L", occupation="pns"),
        visit={"conclusion": {"notes": "sudah membayar oknum Rp1.000.000"}},
    )
    assert verdict(facts).overall is Outcome.GRADUASI_WAJIB


# ---------------------------------------------------------------- verdict shape


def test_verdict_round_trips_as_json_and_has_badge() -> None:
    import json

    from app.core.rules import Verdict

    v = verdict(family(MOTHER, PUPIL, visit={}))
    data = json.loads(json.dumps(v.to_json()))
    assert Verdict.from_json(data) == v
    assert v.pack_id == "verval" and v.pack_version == "2026.1"
    assert v.overall is Outcome.TETAP_LAYAK and v.colour == "success"
    assert v.reference_date == REF


def test_missing_visit_is_listed() -> None:
    v = verdict(family(MOTHER, PUPIL))
    visit = next(m for m in v.missing if m.key == "visit")
    assert {"GRAD-KENDARAAN", "GRAD-RUMAH", "BPS-14"} <= set(visit.rule_ids)


def test_visit_members_win_over_registry() -> None:
    from app.core.models import Household, Member
    from app.core.rules import facts_from_records

    household = Household(
        village_code="53.02.03.2002", desil=3, programmes=[{"programme": "PKH", "start_date": "2022-01-01"}]
    )
    registry = [
        Member(
            household_id=household.id,
            village_code=household.village_code,
            name="Lama",
            birth_date=date(1990, 1, 1),
            occupation="bukan_kode",
        )
    ]
    facts = facts_from_records(household, registry, None, REF)
    assert [m.name for m in facts.members] == ["Lama"] and facts.members[0].occupation == "lainnya"
    answers = {"members": [{"name": "Baru", "birth_date": "1991-01-01"}]}
    facts = facts_from_records(household, registry, answers, REF)
    assert [m.name for m in facts.members] == ["Baru"]
    assert facts.programmes[0].start_date == date(2022, 1, 1)
