"""Registry import (all-or-nothing, with a report) and export of approved results (CSV/XLSX)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from app.cli import main
from app.core.models import Household, Member, Visit, VisitState
from app.server import admin, versions
from app.server.registry_io import approved_results, import_extract, write_csv, write_xlsx
from tests.registry_kit import extract_rows, to_csv

TODAY = date(2026, 11, 23)


def counts(engine: Engine) -> tuple[int, int, int]:
    with Session(engine) as session:
        return (
            session.execute(select(func.count()).select_from(Household)).scalar_one(),
            session.execute(select(func.count()).select_from(Member)).scalar_one(),
            versions.current(session),
        )


def test_clean_extract_is_imported_and_reimport_updates_in_place(engine: Engine) -> None:
    before = counts(engine)
    rows = extract_rows(5)
    with Session(engine) as session:
        report = import_extract(session, to_csv(rows), reference_date=TODAY)
    assert report.ok, [str(e) for e in report.errors]
    households, members, change = counts(engine)
    assert households == before[0] + len(report.households)
    assert members == before[1] + len(rows)
    assert change == before[2] + len(report.households) + len(rows)  # every row pulled at next sync
    rows[0][3] = "Dusun Baru"
    for r in rows:
        if r[1] == rows[0][1]:
            r[3] = "Dusun Baru"
    with Session(engine) as session:
        again = import_extract(session, to_csv(rows), reference_date=TODAY)
    assert again.ok
    assert counts(engine)[:2] == (households, members)
    with Session(engine) as session:
        moved = session.execute(select(Household).where(Household.kk_number == rows[0][1])).scalar_one()
    assert moved.address == "Dusun Baru"


def test_a_file_with_one_bad_row_imports_nothing(engine: Engine) -> None:
    before = counts(engine)
    rows = extract_rows(5)
    rows[-1][8] = "5302031007850000.0"
    with Session(engine) as session:
        report = import_extract(session, to_csv(rows), reference_date=TODAY)
    assert not report.ok and report.errors[0].code == "spreadsheet_number"
    assert counts(engine) == before


def test_nik_already_in_another_family_on_the_server_blocks_the_import(engine: Engine) -> None:
    rows = extract_rows(4)
    with Session(engine) as session:
        assert import_extract(session, to_csv(rows), reference_date=TODAY).ok
    before = counts(engine)
    other_kk = next(r[1] for r in rows if r[1] != rows[0][1])
    moved = [r[:] for r in rows if r[1] == rows[0][1]]
    for r in moved:
        r[1] = other_kk  # the same people now listed under another KK, with that KK's other fields
    template = next(r for r in rows if r[1] == other_kk)
    for r in moved:
        r[2:8] = template[2:8]
    with Session(engine) as session:
        report = import_extract(session, to_csv(moved), reference_date=TODAY)
    assert not report.ok and {e.code for e in report.errors} == {"duplicate_on_server"}
    assert counts(engine) == before


def test_export_of_approved_visits_keeps_niks_as_text(engine: Engine, tmp_path: Path) -> None:
    rows = extract_rows(3)
    with Session(engine) as session:
        report = import_extract(session, to_csv(rows), reference_date=TODAY)
        household = report.households[0]
        members = [m for m in report.members if m.household_id == household.id]
        answers = {"members": [{"nik": m.nik, "name": m.name, "sex": m.sex, "relation": m.relation,
                                "monthly_income": 750_000} for m in members]}  # fmt: skip
        admin.import_rows(session, [
            Visit(village_code=household.village_code, household_id=household.id, officer="pendamping",
                  started_at=datetime(2026, 11, 2, 9, tzinfo=UTC), answers=answers, state=VisitState.APPROVED,
                  verdict={"overall": "tetap_layak"}, reviewer="supervisor",
                  reviewed_at=datetime(2026, 11, 5, tzinfo=UTC), pack_id="verval", pack_version="2026.1"),
            Visit(village_code=household.village_code, household_id=report.households[1].id,
                  state=VisitState.SUBMITTED, answers=answers),
        ])  # fmt: skip
        exported = approved_results(session)
    assert [r["nik"] for r in exported] == [m.nik for m in members]
    assert exported[0]["hasil_verval"] == "tetap_layak" and exported[0]["tanggal_persetujuan"] == "2026-11-05"
    xlsx = io.BytesIO()
    write_xlsx(exported, xlsx)
    sheet = load_workbook(io.BytesIO(xlsx.getvalue())).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    nik_cell = sheet.cell(row=2, column=header.index("nik") + 1)
    assert nik_cell.value == members[0].nik and isinstance(nik_cell.value, str)
    csv_out = io.BytesIO()
    write_csv(exported, csv_out)
    assert csv_out.getvalue().startswith(b"\xef\xbb\xbf") and members[0].nik.encode() in csv_out.getvalue()


def test_cli_import_and_export(settings, engine: Engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    base = [
        "registry",
        "--data-dir",
        str(settings.data_dir),
        "--database-url",
        settings.effective_database_url,
    ]
    good = tmp_path / "dtsen.csv"
    good.write_bytes(to_csv(extract_rows(3), bom=True))
    bad = tmp_path / "rusak.csv"
    bad.write_bytes(to_csv(extract_rows(3), encoding="utf-8").replace(b"Dusun", "Dusún".encode("cp1252")))
    assert main([*base, "import", str(bad)]) == 1
    assert main([*base, "import", str(good)]) == 0
    out = tmp_path / "hasil.xlsx"
    assert main([*base, "export", "--out", str(out)]) == 0 and out.exists()
