"""A valid DTSEN extract CSV made from the demo district, for the registry import tests."""

from __future__ import annotations

import csv
import io

from app.core.demo import generate_demo

HEADER = ["kode_desa", "no_kk", "nama_kepala", "alamat", "rt", "rw", "desil", "program", "nik", "nama",
          "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "hubungan", "status_kawin", "agama", "pekerjaan",
          "penghasilan"]  # fmt: skip


def extract_rows(households: int = 6) -> list[list[str]]:
    district = generate_demo(households=households, neighbour_households=0)
    rows = []
    seen: set[str] = set()
    for h in district.households:
        members = district.members_of(h.id)
        if any(m.nik in seen for m in members):  # the demo has one duplicate-NIK scenario on purpose
            continue
        seen |= {m.nik for m in members}
        programme = ";".join(
            f"{p['programme']}:{p['start_date']}" for p in h.programmes if p["status"] == "aktif"
        )
        for m in members:
            born = m.birth_date.isoformat() if m.birth_date else ""
            household = [h.village_code, h.kk_number, h.head_name, h.address, h.rt, h.rw, str(h.desil)]
            household.append(programme)
            member = [m.nik, m.name, m.sex, m.birth_place, born, m.relation, m.marital_status, m.religion,
                      m.occupation, str(m.monthly_income)]  # fmt: skip
            rows.append(household + member)
    return rows


def to_csv(rows: list[list[str]], *, header: list[str] = HEADER, delimiter: str = ",", bom: bool = False,
           encoding: str = "utf-8") -> bytes:  # fmt: skip
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode(encoding)
