"""NIK and No. KK checks (DOMAIN §4)."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.identity import make_kk, make_nik, validate_kk, validate_nik

REF = date(2026, 3, 1)


def test_man_nik_decodes_birth_date_and_sex() -> None:
    check = validate_nik("5302031204800001", reference_date=REF)
    assert check.ok and not check.warnings
    assert check.birth_date == date(1980, 4, 12)
    assert check.sex == "L"
    assert check.region_code == "53.02.03"


def test_woman_day_plus_40() -> None:
    check = validate_nik("5302035508880002", reference_date=REF)
    assert check.ok
    assert check.birth_date == date(1988, 8, 15)
    assert check.sex == "P"


@pytest.mark.parametrize("day", [0, 32, 35, 40, 72, 99])
def test_invalid_days_are_errors(day: int) -> None:
    check = validate_nik(f"530203{day:02d}08880002", reference_date=REF)
    assert not check.ok
    assert [e.code for e in check.errors] == ["day"]


@pytest.mark.parametrize("day", [1, 31, 41, 71])
def test_valid_day_boundaries(day: int) -> None:
    assert validate_nik(f"530203{day:02d}01900002", reference_date=REF).ok


def test_region_that_no_longer_exists_only_warns() -> None:
    check = validate_nik("9999031204800001", region_exists=lambda code: False, reference_date=REF)
    assert check.ok
    assert [w.code for w in check.warnings] == ["region_unknown"]
    assert "99.99.03" in check.warnings[0].message


@pytest.mark.parametrize("text", ["530203120480000", "53020312048000011"])
def test_15_and_17_digits_are_errors(text: str) -> None:
    check = validate_nik(text)
    assert not check.ok
    assert check.errors[0].code == "length"
    assert str(len(text)) in check.errors[0].message


def test_separators_are_stripped() -> None:
    assert validate_nik("53.02.03 120480-0001", reference_date=REF).value == "5302031204800001"


def test_letters_are_errors() -> None:
    assert validate_nik("53020312048O0001").errors[0].code == "not_digits"


def test_century_resolution_against_reference_date() -> None:
    assert validate_nik("5302030101250001", reference_date=REF).birth_date == date(2025, 1, 1)
    assert validate_nik("5302030101300001", reference_date=REF).birth_date == date(1930, 1, 1)
    assert validate_nik("5302030112260001", reference_date=REF).birth_date == date(1926, 12, 1)


def test_impossible_date_and_serial() -> None:
    assert validate_nik("5302033102900001", reference_date=REF).errors[0].code == "date"
    assert validate_nik("5302031204800000", reference_date=REF).errors[0].code == "serial"


def test_mismatch_with_ktp_warns_only() -> None:
    check = validate_nik("5302031204800001", reference_date=REF, birth_date=date(1980, 4, 13), sex="P")
    assert check.ok
    assert {w.code for w in check.warnings} == {"birth_date_mismatch", "sex_mismatch"}


def test_make_nik_round_trips() -> None:
    nik = make_nik("53.02.03", date(1991, 7, 9), "P", 12)
    assert nik == "5302034907910012"
    check = validate_nik(nik, reference_date=REF)
    assert check.birth_date == date(1991, 7, 9) and check.sex == "P"


def test_kk() -> None:
    kk = make_kk("53.02.03", date(2019, 1, 7), 12)
    assert kk == "5302030701190012"
    check = validate_kk(kk, reference_date=REF)
    assert check.ok and check.issue_date == date(2019, 1, 7)
    assert not validate_kk("5302034701190012", reference_date=REF).ok  # no +40 in a KK
    assert not validate_kk("530203070119001").ok
    assert validate_kk(kk, region_exists=lambda c: False, reference_date=REF).warnings
