"""Readable names for visit answer paths ("members.0.monthly_income" → "Penghasilan per bulan · Anggota 1").

Source strings are translated at display time through Qt's translator (context "ReviewFields").
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

CONTEXT = "ReviewFields"

MEMBER_FIELD_LABELS = {
    "nik": "NIK",
    "name": "Nama",
    "sex": "Jenis kelamin",
    "birth_place": "Tempat lahir",
    "birth_date": "Tanggal lahir",
    "relation": "Hubungan dengan kepala",
    "marital_status": "Status kawin",
    "religion": "Agama",
    "education": "Pendidikan",
    "school_level": "Jenjang sekolah",
    "occupation": "Pekerjaan",
    "businesses": "Jumlah usaha",
    "disability": "Disabilitas",
    "chronic_illness": "Penyakit kronis",
    "pregnant": "Hamil",
    "monthly_income": "Penghasilan per bulan",
    "status": "Status anggota",
}
GROUP_LABELS = {
    "house": "Rumah",
    "assets": "Aset",
    "assessment": "Penilaian rumah",
    "living": "Kondisi hidup",
    "empowerment": "Usaha",
    "conclusion": "Kesimpulan",
}
# Which form section shows a path's group (app/ui/visit/form.py order), for "go to the field".
SECTION_OF_GROUP = {"members": 0, "house": 1, "assets": 2, "empowerment": 3, "assessment": 4,
                    "living": 4, "conclusion": 7}  # fmt: skip
SECTION_OF_MEMBER_FIELD = {"occupation": 3, "businesses": 3, "monthly_income": 3}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def member_name(answers: dict[str, Any], index: int) -> str:
    members = answers.get("members") or []
    if 0 <= index < len(members):
        name = str(members[index].get("name") or "").strip()
        if name:
            return name
    return tr("Anggota ke-{n}").format(n=index + 1)


def path_label(path: str, answers: dict[str, Any] | None = None) -> str:
    """A field path as a person reads it, naming the member when the path is about one."""
    parts = path.split(".")
    if parts[0] == "members" and len(parts) >= 3 and parts[1].isdigit():
        field = tr(MEMBER_FIELD_LABELS.get(parts[2], parts[2].replace("_", " ")))
        return f"{field} · {member_name(answers or {}, int(parts[1]))}"
    group = GROUP_LABELS.get(parts[0])
    rest = " ".join(p.replace("_", " ") for p in parts[1:])
    if group is None:
        return path.replace("_", " ")
    return f"{tr(group)} · {rest}" if rest else tr(group)


def section_of(path: str) -> int:
    """The form section index where the field of `path` is edited."""
    parts = path.split(".")
    if parts[0] == "members" and len(parts) >= 3:
        return SECTION_OF_MEMBER_FIELD.get(parts[2], 0)
    return SECTION_OF_GROUP.get(parts[0], 0)


def display_value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return tr("ya") if value else tr("tidak")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
        return "Rp" + f"{value:,}".replace(",", ".")
    text = str(value)
    return text.replace("_", " ") if text else "—"
