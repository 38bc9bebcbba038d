"""Indonesian labels for every coded answer (the codes are in app.core.answers / app.core.models).

The tables hold source strings; `choices()` translates them at display time through Qt's
translator (context "VisitChoices"), which is how module-level strings reach `tr` in Qt.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.core.answers import (
    CookingFuel,
    ElectricityVA,
    FloorMaterial,
    LightingSource,
    Ownership,
    RoofMaterial,
    ToiletFacility,
    WallMaterial,
    WaterSource,
)
from app.core.models import Disability, MemberStatus, Occupation, PhotoKind, Relation, SchoolLevel, Sex

CONTEXT = "VisitChoices"

SEX = {Sex.MALE: "Laki-laki", Sex.FEMALE: "Perempuan"}
RELATION = {
    Relation.HEAD: "Kepala keluarga",
    Relation.SPOUSE: "Istri/suami",
    Relation.CHILD: "Anak",
    Relation.CHILD_IN_LAW: "Menantu",
    Relation.GRANDCHILD: "Cucu",
    Relation.PARENT: "Orang tua",
    Relation.PARENT_IN_LAW: "Mertua",
    Relation.OTHER_FAMILY: "Famili lain",
    Relation.OTHER: "Lainnya",
}
MARITAL = {
    "belum_kawin": "Belum kawin",
    "kawin": "Kawin",
    "cerai_hidup": "Cerai hidup",
    "cerai_mati": "Cerai mati",
}
RELIGION = {
    "": "(belum diisi)",
    "islam": "Islam",
    "kristen": "Kristen",
    "katolik": "Katolik",
    "hindu": "Hindu",
    "buddha": "Buddha",
    "khonghucu": "Khonghucu",
    "kepercayaan": "Kepercayaan",
}
EDUCATION = {
    "": "(belum diisi)",
    "tidak_sekolah": "Tidak/belum pernah sekolah",
    "belum_tamat_sd": "Belum tamat SD (masih sekolah)",
    "tidak_tamat_sd": "Tidak tamat SD",
    "sd": "SD/sederajat",
    "smp": "SMP/sederajat",
    "sma": "SMA/SMK/sederajat",
    "diploma_s1": "Diploma/S1 atau lebih",
}
SCHOOL = {
    SchoolLevel.NONE: "Tidak sedang sekolah",
    SchoolLevel.PAUD: "PAUD/TK",
    SchoolLevel.SD: "SD/sederajat",
    SchoolLevel.SMP: "SMP/sederajat",
    SchoolLevel.SMA: "SMA/SMK/sederajat",
    SchoolLevel.COLLEGE: "Perguruan tinggi",
}
OCCUPATION = {
    Occupation.NONE: "Tidak bekerja",
    Occupation.FARMER: "Petani",
    Occupation.FISHER: "Nelayan",
    Occupation.LABOURER: "Buruh",
    Occupation.TRADER: "Pedagang",
    Occupation.SELF_EMPLOYED: "Wiraswasta",
    Occupation.PRIVATE_EMPLOYEE: "Karyawan swasta",
    Occupation.HONORARY_TEACHER: "Guru honorer",
    Occupation.PUPIL: "Pelajar/mahasiswa",
    Occupation.HOUSEWIFE: "Mengurus rumah tangga",
    Occupation.PNS: "PNS (ASN)",
    Occupation.PPPK: "PPPK/P3K (ASN)",
    Occupation.TNI: "TNI",
    Occupation.POLRI: "Polri",
    Occupation.VILLAGE_OFFICIAL: "Perangkat desa",
    Occupation.CERTIFIED_TEACHER: "Guru bersertifikasi",
    Occupation.OTHER: "Lainnya",
}
DISABILITY = {
    Disability.NONE: "Tidak ada",
    Disability.MILD: "Ringan",
    Disability.MODERATE: "Sedang",
    Disability.SEVERE: "Berat",
}
MEMBER_STATUS = {
    MemberStatus.ACTIVE: "Ada (tinggal di rumah)",
    MemberStatus.DIED: "Meninggal",
    MemberStatus.MOVED: "Pindah",
}
OWNERSHIP = {
    Ownership.OWN: "Milik sendiri",
    Ownership.RENT: "Kontrak/sewa",
    Ownership.FREE: "Bebas sewa (menumpang)",
    Ownership.OFFICIAL: "Rumah dinas",
    Ownership.OTHER: "Lainnya",
}
FLOOR = {
    FloorMaterial.CERAMIC: "Keramik/marmer/granit",
    FloorMaterial.CEMENT: "Semen/plester",
    FloorMaterial.WOOD_GOOD: "Kayu/papan kualitas tinggi",
    FloorMaterial.WOOD_CHEAP: "Kayu/papan murah",
    FloorMaterial.BAMBOO: "Bambu",
    FloorMaterial.EARTH: "Tanah",
    FloorMaterial.OTHER: "Lainnya",
}
WALL = {
    WallMaterial.PLASTERED_BRICK: "Tembok diplester",
    WallMaterial.UNPLASTERED_BRICK: "Tembok tanpa plester",
    WallMaterial.WOOD_GOOD: "Kayu kualitas tinggi",
    WallMaterial.WOOD_LOW: "Kayu kualitas rendah",
    WallMaterial.BAMBOO: "Bambu/anyaman bambu",
    WallMaterial.THATCH: "Rumbia/daun",
    WallMaterial.OTHER: "Lainnya",
}
ROOF = {
    RoofMaterial.CONCRETE: "Beton",
    RoofMaterial.TILE: "Genteng",
    RoofMaterial.ZINC: "Seng",
    RoofMaterial.ASBESTOS: "Asbes",
    RoofMaterial.WOOD: "Kayu/sirap",
    RoofMaterial.THATCH: "Ijuk/rumbia",
    RoofMaterial.OTHER: "Lainnya",
}
WATER = {
    WaterSource.PIPED: "Leding/PDAM",
    WaterSource.BOTTLED: "Air kemasan/isi ulang",
    WaterSource.PROTECTED_WELL: "Sumur terlindung",
    WaterSource.UNPROTECTED_WELL: "Sumur tak terlindung",
    WaterSource.PROTECTED_SPRING: "Mata air terlindung",
    WaterSource.UNPROTECTED_SPRING: "Mata air tak terlindung",
    WaterSource.RIVER: "Sungai/danau",
    WaterSource.RAIN: "Air hujan",
    WaterSource.OTHER: "Lainnya",
}
LIGHTING = {
    LightingSource.PLN_METERED: "Listrik PLN dengan meteran",
    LightingSource.PLN_UNMETERED: "Listrik PLN tanpa meteran",
    LightingSource.NON_PLN: "Listrik non-PLN",
    LightingSource.NONE: "Bukan listrik",
}
ELECTRICITY = {
    ElectricityVA.VA_450: "450 VA",
    ElectricityVA.VA_900: "900 VA",
    ElectricityVA.VA_1300: "1.300 VA",
    ElectricityVA.VA_2200: "2.200 VA",
    ElectricityVA.ABOVE_2200: "Lebih dari 2.200 VA",
    ElectricityVA.NO_METER: "Tanpa meteran",
}
FUEL = {
    CookingFuel.ELECTRIC: "Listrik",
    CookingFuel.LPG: "Elpiji/gas",
    CookingFuel.BIOGAS: "Biogas",
    CookingFuel.KEROSENE: "Minyak tanah",
    CookingFuel.CHARCOAL: "Arang/briket",
    CookingFuel.FIREWOOD: "Kayu bakar",
    CookingFuel.NONE: "Tidak memasak",
}
TOILET = {
    ToiletFacility.OWN: "Sendiri",
    ToiletFacility.SHARED: "Bersama rumah tangga lain",
    ToiletFacility.PUBLIC: "Umum (MCK)",
    ToiletFacility.NONE: "Tidak ada",
}
TOILET_TYPE = {
    "leher_angsa": "Leher angsa",
    "plengsengan": "Plengsengan",
    "cemplung": "Cemplung/cubluk",
    "tidak_ada": "Tidak ada kloset",
}
DISPOSAL = {
    "tangki_septik": "Tangki septik",
    "ipal": "IPAL",
    "kolam_sawah": "Kolam/sawah",
    "sungai": "Sungai/danau/laut",
    "lubang_tanah": "Lubang tanah",
    "pantai_kebun": "Pantai/tanah lapang/kebun",
    "lainnya": "Lainnya",
}
VEHICLE = {"motor": "Sepeda motor", "mobil": "Mobil"}
PHOTO_KIND = {
    PhotoKind.HOUSE_FRONT: "Rumah bagian depan",
    PhotoKind.HOUSE_INSIDE: "Rumah bagian dalam",
    PhotoKind.HOUSE_SIDE: "Rumah bagian samping",
    PhotoKind.KITCHEN: "Dapur",
    PhotoKind.TOILET: "Jamban/toilet",
    PhotoKind.KK: "Dokumen: Kartu Keluarga",
    PhotoKind.KTP: "Dokumen: KTP-el",
    PhotoKind.SKTM: "Dokumen: SKTM",
    PhotoKind.INCOME_PROOF: "Dokumen: bukti penghasilan",
    PhotoKind.DOMICILE_LETTER: "Dokumen: surat domisili",
    PhotoKind.SIGNED_STATEMENT: "Dokumen: surat pernyataan",
    PhotoKind.OTHER: "Lainnya",
}
DOCUMENT_KINDS = (
    PhotoKind.KK,
    PhotoKind.KTP,
    PhotoKind.SKTM,
    PhotoKind.INCOME_PROOF,
    PhotoKind.DOMICILE_LETTER,
    PhotoKind.SIGNED_STATEMENT,
)


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def choices(table: dict[str, str] | dict[Sex, str] | dict[object, str]) -> list[tuple[str, str]]:
    return [(str(code), tr(label)) for code, label in table.items()]


def label(table: dict[str, str] | dict[object, str], code: str) -> str:
    for key, text in table.items():
        if str(key) == code:
            return tr(text)
    return code
