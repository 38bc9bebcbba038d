"""DTSEN extract CSV: a clean file parses; malformed files get a report and yield nothing to import."""

from __future__ import annotations

from datetime import date

from app.core.registry_csv import parse_extract
from tests.registry_kit import HEADER, extract_rows, to_csv

TODAY = date(2026, 11, 23)


def codes(parsed) -> set[str]:  # type: ignore[no-untyped-def]
    return {issue.code for issue in parsed.errors}


def test_clean_extract_parses_with_bom_and_semicolons() -> None:
    rows = extract_rows()
    for data in (to_csv(rows), to_csv(rows, bom=True, delimiter=";")):
        parsed = parse_extract(data, reference_date=TODAY)
        assert parsed.ok, [str(e) for e in parsed.errors]
        assert len(parsed.members) == len(rows)
        assert len(parsed.households) == len({r[1] for r in rows})
        assert all(h.village_code == "53.02.03.2002" for h in parsed.households)
        pkh = [h for h in parsed.households if any(p["programme"] == "PKH" for p in h.programmes)]
        assert pkh and all(p["start_date"] for h in pkh for p in h.programmes)
    # Ids are derived: the same file gives the same ids (a re-import updates, never duplicates).
    again = parse_extract(to_csv(rows), reference_date=TODAY)
    assert [m.id for m in again.members] == [m.id for m in parsed.members]


def test_latin1_file_is_refused_with_a_clear_message() -> None:
    rows = extract_rows(3)
    rows[0][9] = "Andréas Tefa"
    parsed = parse_extract(to_csv(rows, encoding="cp1252"), reference_date=TODAY)
    assert not parsed.ok and codes(parsed) == {"encoding"}
    assert "CSV UTF-8" in parsed.errors[0].message and parsed.errors[0].line == 2
    assert parsed.members == [] and parsed.households == []


def test_missing_column_is_one_file_error() -> None:
    header = [h if h != "nik" else "no_nik" for h in HEADER]
    parsed = parse_extract(to_csv(extract_rows(3), header=header), reference_date=TODAY)
    assert codes(parsed) == {"columns"} and "nik" in parsed.errors[0].message
    assert any(w.code == "unknown_column" for w in parsed.warnings) or not parsed.ok


def test_spreadsheet_mangled_numbers_are_named() -> None:
    rows = extract_rows(3)
    rows[0][8] = "5.30203E+15"
    rows[1][8] = rows[1][8][:15] + "0.0"
    rows[2][1] = "5302031007850000.0"
    parsed = parse_extract(to_csv(rows), reference_date=TODAY)
    mangled = [e for e in parsed.errors if e.code == "spreadsheet_number"]
    assert [(e.line, e.column) for e in mangled] == [(2, "nik"), (3, "nik"), (4, "no_kk")]
    assert "Teks" in mangled[0].message
    assert not parsed.ok


def test_duplicate_nik_bad_nik_unknown_region_and_missing_fields() -> None:
    rows = extract_rows(4)
    rows[1][8] = rows[0][8]  # duplicate NIK
    rows[2][8] = rows[2][8][:6] + "35" + rows[2][8][8:]  # day 35: impossible
    rows[3][0] = "53.02.03.2999"  # no such village
    rows[4][9] = ""  # missing name
    rows[5][12] = "31-02-1990"  # no such date
    parsed = parse_extract(to_csv(rows), reference_date=TODAY)
    found = {(e.line, e.column, e.code) for e in parsed.errors}
    assert (3, "nik", "duplicate") in found
    assert (4, "nik", "day") in found
    assert (5, "kode_desa", "region") in found
    assert (6, "nama", "required") in found
    assert (7, "tanggal_lahir", "date") in found
    assert not parsed.ok and "tidak ada yang diimpor" in parsed.summary()


def test_household_fields_must_agree_across_member_rows() -> None:
    rows = extract_rows(3)
    kk = rows[0][1]
    later = next(i for i, r in enumerate(rows) if i > 0 and r[1] == kk)
    rows[later][6] = "9" if rows[0][6] != "9" else "8"
    parsed = parse_extract(to_csv(rows), reference_date=TODAY)
    assert any(e.code == "inconsistent" and e.line == later + 2 for e in parsed.errors)


def test_short_row_and_empty_file() -> None:
    rows = extract_rows(2)
    rows[0] = rows[0][:5]
    parsed = parse_extract(to_csv(rows), reference_date=TODAY)
    assert any(e.code == "cells" and e.line == 2 for e in parsed.errors)
    assert codes(parse_extract(b"", reference_date=TODAY)) == {"empty"}
