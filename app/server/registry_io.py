"""Registry exchange for the district admin: import a DTSEN extract (CSV), export approved results.

Import is all-or-nothing: the file is parsed and validated in full first (`app.core.registry_csv`);
only a file without a single error is written, in one transaction through `admin.import_rows`, which
gives every row a fresh change number so the villages' officers pull it at their next sync. Rows of a
family already on the server keep their server ids (matched by village + No. KK, members by NIK), so a
new extract updates families instead of duplicating them. NIKs that already belong to a member of
*another* family on the server are reported (DOMAIN §3.4 "the same person on two KK") and block the
import, like any other error.

Export lists the approved verval results (the newest approved visit per household), one row per
member as the officer found them, for the national registry update (DTSEN/SIKS-NG): CSV (UTF-8 with
BOM, so Excel shows names correctly) or XLSX (NIK and No. KK stored as text, never as numbers).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from app.core.models import Household, Member, SyncedRow, Visit, VisitState
from app.core.registry_csv import Issue, ParsedExtract, parse_extract
from app.server import admin
from app.server.auth import Scope


def import_extract(session: Session, data: bytes, *, reference_date: date) -> ParsedExtract:
    """Validate and, only when nothing is wrong, import. The report says which happened (`ok`)."""
    parsed = parse_extract(data, reference_date=reference_date)
    if not parsed.ok:
        return parsed
    _adopt_server_ids(session, parsed)
    if not parsed.ok:
        return parsed
    rows: list[SyncedRow] = [*parsed.households, *parsed.members]
    admin.import_rows(session, rows)  # one transaction; commits only when every row is written
    return parsed


def _adopt_server_ids(session: Session, parsed: ParsedExtract) -> None:
    villages = sorted({h.village_code for h in parsed.households})
    existing = {
        (h.village_code, h.kk_number): h.id
        for h in session.execute(
            select(Household).where(
                col(Household.village_code).in_(villages), col(Household.deleted).is_(False)
            )
        ).scalars()
    }
    renamed: dict[str, str] = {}
    for household in parsed.households:
        server_id = existing.get((household.village_code, household.kk_number))
        if server_id and server_id != household.id:
            renamed[household.id] = server_id
            household.id = server_id
    niks = [m.nik for m in parsed.members]
    on_server: dict[str, tuple[str, str]] = {}
    for start in range(0, len(niks), 900):
        for member in session.execute(
            select(Member).where(
                col(Member.nik).in_(niks[start : start + 900]), col(Member.deleted).is_(False)
            )
        ).scalars():
            on_server[member.nik] = (member.id, member.household_id)
    for member in parsed.members:
        member.household_id = renamed.get(member.household_id, member.household_id)
        found = on_server.get(member.nik)
        if found is None:
            continue
        member_id, household_id = found
        if household_id == member.household_id:
            member.id = member_id
        else:
            parsed.errors.append(
                Issue(
                    0,
                    "nik",
                    "duplicate_on_server",
                    f"NIK {member.nik} ({member.name}) sudah terdaftar di keluarga lain di server; "
                    "periksa data ganda (pindah KK?) sebelum impor.",
                )  # fmt: skip
            )


# ---- export -----------------------------------------------------------------------------------------

EXPORT_COLUMNS = ("kode_desa", "no_kk", "nama_kepala", "alamat", "rt", "rw", "desil", "nik", "nama",
                  "jenis_kelamin", "tanggal_lahir", "hubungan", "status_anggota", "pekerjaan", "penghasilan",
                  "hasil_verval", "paket_aturan", "tanggal_verval", "petugas", "pemeriksa",
                  "tanggal_persetujuan")  # fmt: skip


def approved_results(session: Session, scope: Scope | None = None) -> list[dict[str, Any]]:
    """One dict per member of each household's newest approved visit (EXPORT_COLUMNS keys)."""
    query = select(Visit).where(Visit.state == VisitState.APPROVED, col(Visit.deleted).is_(False))
    if scope is not None:
        query = query.where(scope.clause(Visit.__table__.c.village_code))  # type: ignore[attr-defined]
    latest: dict[str, Visit] = {}
    for visit in sorted(session.execute(query).scalars(), key=_decided_at):
        latest[visit.household_id] = visit
    households = {
        h.id: h
        for h in session.execute(select(Household).where(col(Household.id).in_(list(latest)))).scalars()
    }
    rows = []
    for household_id in sorted(
        latest, key=lambda hid: (households[hid].village_code, households[hid].kk_number)
    ):
        visit, household = latest[household_id], households[household_id]
        for member in visit.answers.get("members", []):
            rows.append(
                {
                    "kode_desa": household.village_code,
                    "no_kk": household.kk_number,
                    "nama_kepala": household.head_name,
                    "alamat": household.address,
                    "rt": household.rt,
                    "rw": household.rw,
                    "desil": household.desil or "",
                    "nik": member.get("nik", ""),
                    "nama": member.get("name", ""),
                    "jenis_kelamin": member.get("sex", ""),
                    "tanggal_lahir": member.get("birth_date") or "",
                    "hubungan": member.get("relation", ""),
                    "status_anggota": member.get("status", ""),
                    "pekerjaan": member.get("occupation", ""),
                    "penghasilan": member.get("monthly_income", 0),
                    "hasil_verval": (visit.verdict or {}).get("overall", ""),
                    "paket_aturan": f"{visit.pack_id} {visit.pack_version}".strip(),
                    "tanggal_verval": (visit.finished_at or visit.started_at).date().isoformat()
                    if (visit.finished_at or visit.started_at)
                    else "",
                    "petugas": visit.officer,
                    "pemeriksa": visit.reviewer,
                    "tanggal_persetujuan": visit.reviewed_at.date().isoformat() if visit.reviewed_at else "",
                }
            )
    return rows


def _decided_at(visit: Visit) -> str:
    when = visit.reviewed_at or visit.finished_at or visit.started_at
    return when.isoformat() if when else ""


def write_csv(rows: Iterable[dict[str, Any]], out: Path | io.BytesIO) -> None:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=EXPORT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    data = b"\xef\xbb\xbf" + text.getvalue().encode("utf-8")
    if isinstance(out, Path):
        out.write_bytes(data)
    else:
        out.write(data)


TEXT_COLUMNS = frozenset({"kode_desa", "no_kk", "nik", "rt", "rw"})


def write_xlsx(rows: Sequence[dict[str, Any]], out: Path | io.BytesIO) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "hasil_verval"
    sheet.append(list(EXPORT_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([str(row[c]) if c in TEXT_COLUMNS else row[c] for c in EXPORT_COLUMNS])
    for index, name in enumerate(EXPORT_COLUMNS, start=1):
        if name in TEXT_COLUMNS:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "@"  # text: a 16-digit NIK must never become 5.30203E+15
    sheet.freeze_panes = "A2"
    book.save(out)
