"""Reading a DTSEN extract from CSV, with a validation report a district admin can act on (pure).

One file, one row per *member*, the household's columns repeated on each of its members' rows (the
shape a spreadsheet export of the registry naturally has). Columns are documented in
docs/registry-csv.md. Decisions, each reported in plain words rather than guessed around:

- Encoding: UTF-8, with or without a BOM (Excel's "CSV UTF-8"). Anything else is refused with the
  line it failed on: a cp1252/latin-1 file decodes "successfully" as garbage in either direction, so
  guessing would put wrong names into the registry silently.
- Separator: comma or semicolon (Indonesian-locale Excel writes `;`), taken from the header line.
- NIK / No. KK mangled by a spreadsheet into a number (`5.30203E+15`, `5302031007850000.0`) are
  errors: Excel keeps 15 significant digits, so the 16th is already lost and cannot be restored.
- Nothing is imported from a file with any error: `ParsedExtract.ok` is the gate the server checks.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from app.core.identity import normalise_number, validate_kk, validate_nik
from app.core.models import Household, Member, Occupation, Relation
from app.core.regions import normalise, region_index

HOUSEHOLD_COLUMNS = ("kode_desa", "no_kk", "nama_kepala", "alamat", "rt", "rw", "desil", "program",
                     "lintang", "bujur")  # fmt: skip
MEMBER_COLUMNS = ("nik", "nama", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "hubungan", "status_kawin",
                  "agama", "pendidikan", "pekerjaan", "disabilitas", "penghasilan")  # fmt: skip
REQUIRED_COLUMNS = ("kode_desa", "no_kk", "nik", "nama", "jenis_kelamin", "tanggal_lahir", "hubungan")
ALL_COLUMNS = HOUSEHOLD_COLUMNS + MEMBER_COLUMNS
# Ids are derived, so importing the same extract twice updates the same rows.
ID_NAMESPACE = uuid.UUID("8c5e4a52-5b0e-4c1f-9f57-0d3f0a3c2a11")

_SCIENTIFIC = re.compile(r"^\s*\d+(?:[.,]\d+)?[eE][+-]?\d+\s*$")
_FLOATISH = re.compile(r"^\s*\d{10,}[.,]0+\s*$")
_RELATIONS = {r.value: r.value for r in Relation} | {
    "kepala keluarga": "kepala", "kk": "kepala", "istri": "pasangan", "suami": "pasangan",
    "anak": "anak", "famili lain": "famili_lain", "orang tua": "orang_tua",
}  # fmt: skip
_SEXES = {"l": "L", "laki-laki": "L", "lk": "L", "p": "P", "perempuan": "P", "pr": "P"}


@dataclass(frozen=True)
class Issue:
    line: int  # 1 = the header line; 0 = the whole file
    column: str
    code: str
    message: str

    def __str__(self) -> str:
        where = f"baris {self.line}" if self.line else "berkas"
        return f"{where}{', kolom ' + self.column if self.column else ''}: {self.message}"


@dataclass
class ParsedExtract:
    households: list[Household] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if self.ok:
            return (
                f"{self.rows} baris: {len(self.households)} keluarga, {len(self.members)} anggota, "
                f"{len(self.warnings)} peringatan."
            )
        return (
            f"{self.rows} baris: {len(self.errors)} kesalahan, {len(self.warnings)} peringatan; "
            "tidak ada yang diimpor."
        )


def decode(data: bytes) -> tuple[str | None, Issue | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = (
            f"berkas bukan UTF-8 (byte 0x{data[exc.start]:02x} di baris {line}; mungkin Windows-1252). "
            'Simpan ulang dari spreadsheet sebagai "CSV UTF-8", lalu impor lagi.'
        )
        return None, Issue(line, "", "encoding", message)


def _mangled(value: str) -> bool:
    return bool(_SCIENTIFIC.match(value) or _FLOATISH.match(value))


def _date(value: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _programmes(value: str) -> list[dict[str, str]] | None:
    """'PKH:2019-03-01;BPNT:2020-01-01' (a programme without a date is allowed)."""
    out = []
    for part in filter(None, (p.strip() for p in value.split(";" if ";" in value else "|"))):
        name, _, since = part.partition(":")
        start = _date(since) if since.strip() else None
        if since.strip() and start is None:
            return None
        out.append({"programme": name.strip().upper(), "start_date": start.isoformat() if start else "",
                    "status": "aktif"})  # fmt: skip
    return out


def parse_extract(data: bytes, *, reference_date: date) -> ParsedExtract:
    """Parse and validate; on any error the returned rows must not be imported (`ok` is False)."""
    result = ParsedExtract()
    text, problem = decode(data)
    if problem is not None or text is None:
        result.errors.append(problem or Issue(0, "", "encoding", "berkas tidak dapat dibaca"))
        return result
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        result.errors.append(Issue(0, "", "empty", "berkas kosong"))
        return result
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        result.errors.append(
            Issue(
                1,
                "",
                "columns",
                f"kolom wajib tidak ada: {', '.join(missing)} (pemisah terbaca: '{delimiter}')",
            )
        )
        return result
    for name in sorted(set(header) - set(ALL_COLUMNS)):
        result.warnings.append(Issue(1, name, "unknown_column", "kolom tidak dikenal, diabaikan"))
    duplicates = [c for c, n in Counter(header).items() if n > 1]
    if duplicates:
        result.errors.append(Issue(1, "", "columns", f"kolom ganda: {', '.join(duplicates)}"))
        return result

    regions = region_index()
    households: dict[tuple[str, str], Household] = {}
    household_line: dict[tuple[str, str], int] = {}
    heads: Counter[tuple[str, str]] = Counter()
    nik_lines: dict[str, int] = {}

    for line_no, raw in enumerate(reader, start=2):
        if not any(cell.strip() for cell in raw):
            continue
        result.rows += 1
        if len(raw) != len(header):
            result.errors.append(Issue(line_no, "", "cells", f"{len(raw)} sel, seharusnya {len(header)}"))
            continue
        row = {name: cell.strip() for name, cell in zip(header, raw, strict=True)}
        errors_before = len(result.errors)

        def error(column: str, code: str, message: str, line: int = line_no) -> None:
            result.errors.append(Issue(line, column, code, message))

        def warn(column: str, code: str, message: str, line: int = line_no) -> None:
            result.warnings.append(Issue(line, column, code, message))

        for column in REQUIRED_COLUMNS:
            if not row[column]:
                error(column, "required", "wajib diisi")
        village = normalise(row["kode_desa"]) if row["kode_desa"] else None
        level = regions.level(village) if village else None
        if row["kode_desa"] and level is None:
            error("kode_desa", "region", f"kode desa {row['kode_desa']} tidak dikenal (Kepmendagri 2025)")
        elif level is not None and not level.is_village:
            error("kode_desa", "region", f"{row['kode_desa']} bukan kode desa/kelurahan")
        for column, check in (("nik", validate_nik), ("no_kk", validate_kk)):
            value = row[column]
            if not value:
                continue
            if _mangled(value):
                error(column, "spreadsheet_number",
                      f"{value!r} telah diubah spreadsheet menjadi angka; digit terakhir hilang. "
                      "Format kolom sebagai Teks lalu ekspor ulang.")  # fmt: skip
                continue
            found = check(value, regions.exists, reference_date=reference_date)
            for issue in found.errors:
                error(column, issue.code, issue.message)
            for issue in found.warnings:
                warn(column, issue.code, issue.message)
        nik = normalise_number(row["nik"])
        if nik and nik in nik_lines and not _mangled(row["nik"]):
            error("nik", "duplicate", f"NIK {nik} sudah ada di baris {nik_lines[nik]}")
        elif nik:
            nik_lines.setdefault(nik, line_no)
        sex = _SEXES.get(row["jenis_kelamin"].lower())
        if row["jenis_kelamin"] and sex is None:
            error("jenis_kelamin", "sex", f"{row['jenis_kelamin']!r}: isi L atau P")
        born = _date(row["tanggal_lahir"]) if row["tanggal_lahir"] else None
        if row["tanggal_lahir"] and (born is None or born > reference_date or born.year < 1880):
            error("tanggal_lahir", "date", f"{row['tanggal_lahir']!r}: tanggal tidak sah (YYYY-MM-DD)")
        relation = _RELATIONS.get(row["hubungan"].lower())
        if row["hubungan"] and relation is None:
            error("hubungan", "relation", f"{row['hubungan']!r} tidak dikenal")
        desil: int | None = None
        if row.get("desil"):
            if not row["desil"].isdigit() or not 1 <= int(row["desil"]) <= 10:
                error("desil", "desil", f"{row['desil']!r}: desil 1-10")
            else:
                desil = int(row["desil"])
        income = 0
        if row.get("penghasilan"):
            digits = row["penghasilan"].replace(".", "").replace(",", "")
            if not digits.isdigit():
                error("penghasilan", "income", f"{row['penghasilan']!r}: isi rupiah per bulan, angka saja")
            else:
                income = int(digits)
        programmes = _programmes(row.get("program", "")) if row.get("program") else []
        if programmes is None:
            error("program", "programme", f"{row['program']!r}: tulis seperti PKH:2019-03-01;BPNT:2020-01-01")
        occupation = row.get("pekerjaan", "").lower().replace(" ", "_") or Occupation.NONE.value
        if occupation not in Occupation._value2member_map_:
            warn("pekerjaan", "occupation", f"{row['pekerjaan']!r} tidak dikenal; dicatat sebagai 'lainnya'")
            occupation = Occupation.OTHER.value
        if len(result.errors) > errors_before or village is None:
            continue

        kk = normalise_number(row["no_kk"])
        key = (village, kk)
        coords = _coordinates(row)
        household = Household(
            id=str(uuid.uuid5(ID_NAMESPACE, f"{village}/{kk}")),
            village_code=village,
            kk_number=kk,
            head_name=row.get("nama_kepala", ""),
            address=row.get("alamat", ""),
            rt=row.get("rt", "").zfill(3) if row.get("rt") else "",
            rw=row.get("rw", "").zfill(3) if row.get("rw") else "",
            desil=desil,
            programmes=programmes or [],
            latitude=coords[0],
            longitude=coords[1],
            registry_updated_on=reference_date,
        )
        if key not in households:
            households[key] = household
            household_line[key] = line_no
        elif _household_fields(households[key]) != _household_fields(household):
            first_line = household_line[key]
            error("no_kk", "inconsistent", f"data keluarga KK {kk} berbeda dengan baris {first_line} "
                  "(alamat/RT/RW/desil/program harus sama)")  # fmt: skip
            continue
        if relation == Relation.HEAD:
            heads[key] += 1
        result.members.append(
            Member(
                id=str(uuid.uuid5(ID_NAMESPACE, f"{village}/{kk}/{nik}")),
                village_code=village,
                household_id=households[key].id,
                nik=nik,
                name=row["nama"],
                sex=sex or "P",
                birth_place=row.get("tempat_lahir", ""),
                birth_date=born,
                relation=relation or Relation.OTHER.value,
                marital_status=row.get("status_kawin", "").lower().replace(" ", "_") or "belum_kawin",
                religion=row.get("agama", "").lower(),
                education=row.get("pendidikan", "").lower(),
                occupation=occupation,
                disability=row.get("disabilitas", "").lower() or "tidak",
                monthly_income=income,
            )
        )
    for key, household in households.items():
        if heads[key] != 1:
            message = f"KK {household.kk_number} punya {heads[key]} kepala keluarga"
            result.warnings.append(Issue(household_line[key], "hubungan", "head", message))
        if not household.head_name:
            head = next(
                (m for m in result.members if m.household_id == household.id and m.relation == "kepala"), None
            )
            if head is not None:
                household.head_name = head.name
    result.households = list(households.values())
    if not result.rows and not result.errors:
        result.errors.append(Issue(0, "", "empty", "berkas tidak berisi data"))
    return result


def _coordinates(row: dict[str, str]) -> tuple[float | None, float | None]:
    try:
        lat = float(row["lintang"].replace(",", ".")) if row.get("lintang") else None
        lon = float(row["bujur"].replace(",", ".")) if row.get("bujur") else None
    except ValueError:
        return None, None
    return lat, lon


def _household_fields(h: Household) -> tuple[object, ...]:
    return (h.address, h.rt, h.rw, h.desil, h.programmes)
