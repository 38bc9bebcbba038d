"""Pack loading: each failure mode names file, rule and problem; the registry keeps the good pack."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.rules import PackRegistry, PolicyPackError, load_pack
from app.core.rules.registry import builtin_pack_dir
from tests.core.rules_helpers import REF, family

GOOD_PACK = (builtin_pack_dir() / "pack.toml").read_text(encoding="utf-8")
GOOD_PARAMS = (builtin_pack_dir() / "parameters.toml").read_text(encoding="utf-8")
KENDARAAN_CONDITION = 'condition = "motor_max_value > p.motor_value_limit || car_count > 0"'


def broken(old: str, new: str, text: str = GOOD_PACK) -> str:
    assert old in text
    return text.replace(old, new, 1)


CASES = {
    "toml_syntax": (broken("[pack]", "[pack"), GOOD_PARAMS, "pack.toml", None, "TOML"),
    "unknown_field": (
        broken(KENDARAAN_CONDITION, KENDARAAN_CONDITION + '\ncondtion = "true"'),
        GOOD_PARAMS,
        "pack.toml",
        "GRAD-KENDARAAN",
        "(unknown field) 'condtion'",
    ),
    "bad_cel": (
        broken(KENDARAAN_CONDITION, 'condition = "motor_max_value > "'),
        GOOD_PARAMS,
        "pack.toml",
        "GRAD-KENDARAAN",
        "CEL syntax error",
    ),
    "unknown_variable": (
        broken(KENDARAAN_CONDITION, 'condition = "motorbike_value > 1"'),
        GOOD_PARAMS,
        "pack.toml",
        "GRAD-KENDARAAN",
        "(unknown variable) 'motorbike_value'",
    ),
    "missing_parameter": (
        broken(KENDARAAN_CONDITION, 'condition = "motor_max_value > p.motorbike_limit"'),
        GOOD_PARAMS,
        "pack.toml",
        "GRAD-KENDARAAN",
        "(missing parameter) 'p.motorbike_limit'",
    ),
    "type_error": (
        broken(KENDARAAN_CONDITION, 'condition = "motor_max_value > p.bps14_low_education"'),
        GOOD_PARAMS,
        "pack.toml",
        "GRAD-KENDARAAN",
        "CEL error",
    ),
    "not_bool": (
        broken(KENDARAAN_CONDITION, 'condition = "motor_max_value + 1"'),
        GOOD_PARAMS,
        "pack.toml",
        "GRAD-KENDARAAN",
        "must be bool",
    ),
    "unknown_rule_reference": (
        broken('fired["DAFTAR-ULANG"]', 'fired["DAFTAR-ULANGAN"]'),
        GOOD_PARAMS,
        "pack.toml",
        "DOKUMEN-DAFTAR-ULANG",
        "(unknown rule reference) 'DAFTAR-ULANGAN'",
    ),
    "unknown_placeholder": (
        broken("{motor_max_value:rp} (batas", "{motor_value:rp} (batas"),
        GOOD_PARAMS,
        "pack.toml",
        "GRAD-KENDARAAN",
        "(unknown placeholder) '{motor_value}'",
    ),
    "engine_parameter_missing": (
        GOOD_PACK,
        broken("[parameters.lansia_min_age]", "[parameters.lansia_age]", GOOD_PARAMS),
        "parameters.toml",
        None,
        "(missing parameter) 'lansia_min_age'",
    ),
    "parameter_unknown_field": (
        GOOD_PACK,
        broken('unit = "rupiah"\n', 'unit = "rupiah"\nunits = "x"\n', GOOD_PARAMS),
        "parameters.toml",
        "parameters.motor_value_limit",
        "(unknown field) 'units'",
    ),
    "bad_outcome": (
        broken('outcome = "rujuk_pena"', 'outcome = "rujuk_pena_baru"'),
        GOOD_PARAMS,
        "pack.toml",
        "PENA",
        "invalid value",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_pack_names_file_rule_and_problem(case: str) -> None:
    pack_text, params_text, file, rule, problem = CASES[case]
    registry = PackRegistry()
    good = registry.load_text(GOOD_PACK, GOOD_PARAMS, origin="baik")
    with pytest.raises(PolicyPackError) as caught:
        registry.load_text(pack_text, params_text, origin="buruk")
    message = str(caught.value)
    assert f"buruk/{file}" in message
    if rule is not None:
        assert caught.value.rule == rule and rule in message
    assert problem in message
    assert registry.current("verval") is good
    assert registry.get("verval", "2026.1") is good


def test_bad_pack_directory_keeps_last_good(tmp_path: Path) -> None:
    registry = PackRegistry()
    good = registry.load_directory(builtin_pack_dir())
    (tmp_path / "pack.toml").write_text(
        broken(KENDARAAN_CONDITION, 'condition = "car_count >"'), encoding="utf-8"
    )
    (tmp_path / "parameters.toml").write_text(GOOD_PARAMS, encoding="utf-8")
    with pytest.raises(PolicyPackError, match="GRAD-KENDARAAN"):
        registry.load_directory(tmp_path)
    assert registry.current() is good
    with pytest.raises(PolicyPackError, match="cannot read"):
        load_pack(tmp_path / "missing")


def test_versions_side_by_side_and_old_submission_rechecked_with_its_pack() -> None:
    from app.core.rules import evaluate

    registry = PackRegistry()
    old = registry.load_text(GOOD_PACK, GOOD_PARAMS, origin="lama")
    newer_pack = broken('version = "2026.1"', 'version = "2026.2"')
    newer_params = broken("value = 30000000", "value = 40000000", GOOD_PARAMS)
    new = registry.load_text(newer_pack.encode(), newer_params.encode(), origin="baru")
    assert registry.versions("verval") == ["2026.1", "2026.2"]
    assert registry.current("verval") is new
    facts = family(visit={"assets": {"vehicles": [{"kind": "motor", "estimated_value": 35_000_000}]}})
    stored = evaluate(old, facts).to_json()
    pack = registry.get(stored["pack_id"], stored["pack_version"])
    assert "GRAD-KENDARAAN" in evaluate(pack, facts).fired_ids()
    assert "GRAD-KENDARAAN" not in evaluate(new, facts).fired_ids()


def test_same_version_with_different_content_is_refused() -> None:
    registry = PackRegistry()
    registry.load_text(GOOD_PACK, GOOD_PARAMS)
    with pytest.raises(PolicyPackError, match="different content"):
        registry.load_text(GOOD_PACK, broken("value = 30000000", "value = 1", GOOD_PARAMS))
    registry.load_text(GOOD_PACK, GOOD_PARAMS)  # identical content: fine


def test_builtin_packs_load_and_rule_ids_are_complete() -> None:
    registry = PackRegistry()
    loaded = registry.load_builtin()
    assert [p.key for p in loaded] == [("verval", "2026.1")]
    ids = {r.spec.id for r in loaded[0].rules}
    assert ids == {
        "GRAD-ASN",
        "GRAD-RUMAH",
        "GRAD-KENDARAAN",
        "GRAD-UMP",
        "GRAD-ASET",
        "GRAD-5TAHUN",
        "GRAD-ALAMIAH",
        "GRAD-MANDIRI",
        "PKH-IBU-HAMIL",
        "PKH-ANAK-USIA-DINI",
        "PKH-SD",
        "PKH-SMP",
        "PKH-SMA",
        "PKH-DISABILITAS",
        "PKH-LANSIA",
        "BPNT",
        "PBI-JKN",
        "PENA",
        "BANSOS-PRODUKTIF",
        "DAFTAR-ULANG",
        "DOKUMEN-DAFTAR-ULANG",
        "BPS-14",
        "FLAG-INCLUSION",
        "FLAG-EXCLUSION",
        "FLAG-DUPLIKAT",
        "FLAG-DATA-LAMA",
    }
    assert all(r.spec.source for r in loaded[0].rules)
    params = loaded[0].parameters
    assert params.parameters["lansia_min_age"].status == "uncertain"
    assert params.parameters["pbi_max_desil"].status == "uncertain"
    assert params.minimum_wage["53"].years["2026"].value == 2455898
    assert params.minimum_wage["53"].years["2026"].status == "decree"
    assert REF.year == 2026
