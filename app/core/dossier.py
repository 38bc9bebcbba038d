"""What a request's dossier contains: the documents checklist, the SKTM letter, the family and verdict.

Pure data built from records (no Qt, no store): `build_dossier(...)` gathers everything the sekdes
prints, and `app/ui/dossier_pdf.py` only lays it out. The checklist comes from the policy pack's
`DOKUMEN-DAFTAR-ULANG` rule (the verdict's `checklist`) when the pack produced one, otherwise from the
documents list of DOMAIN §6 built in below; either way each line is linked to the photos or scans of
its kind, and the domicile letter appears only when the KTP address differs from where the family lives.

The SKTM follows DOMAIN §7. Its wording is fixed Bahasa Indonesia: it is an official letter, printed
the same whatever the interface language.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.core.answers import VisitAnswers
from app.core.models import (
    Household,
    Member,
    MemberStatus,
    Photo,
    PhotoKind,
    Relation,
    Request,
    RequestKind,
    RequestStatus,
    Visit,
    VisitState,
)
from app.core.regions import region_index
from app.core.rules.engine import evaluate
from app.core.rules.facts import facts_from_records
from app.core.rules.pack import PolicyPack
from app.core.rules.verdict import ChecklistItem, Verdict
from app.core.sktm import DEFAULT_CLASSIFICATION, village_abbreviation

MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def format_date_id(value: date | datetime | None) -> str:
    """'23 November 2026' (empty for None)."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS_ID[value.month - 1]} {value.year}"


def add_months(start: date, months: int) -> date:
    """Same day `months` later, clamped to the month's end (31 Aug + 6 → 28/29 Feb)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


SEX_LABELS = {"L": "Laki-laki", "P": "Perempuan"}
RELIGION_LABELS = {
    "islam": "Islam",
    "kristen": "Kristen",
    "katolik": "Katolik",
    "hindu": "Hindu",
    "buddha": "Buddha",
    "budha": "Buddha",
    "khonghucu": "Khonghucu",
    "kepercayaan": "Kepercayaan terhadap Tuhan YME",
}
MARITAL_LABELS = {
    "belum_kawin": "Belum Kawin",
    "kawin": "Kawin",
    "cerai_hidup": "Cerai Hidup",
    "cerai_mati": "Cerai Mati",
}
OCCUPATION_LABELS = {
    "tidak_bekerja": "Belum/Tidak Bekerja",
    "petani": "Petani/Pekebun",
    "nelayan": "Nelayan",
    "buruh": "Buruh Harian Lepas",
    "pedagang": "Pedagang",
    "wiraswasta": "Wiraswasta",
    "karyawan_swasta": "Karyawan Swasta",
    "guru_honorer": "Guru Honorer",
    "pelajar": "Pelajar/Mahasiswa",
    "mengurus_rumah_tangga": "Mengurus Rumah Tangga",
    "pns": "Pegawai Negeri Sipil",
    "pppk": "PPPK",
    "tni": "TNI",
    "polri": "Polri",
    "perangkat_desa": "Perangkat Desa",
    "guru_bersertifikasi": "Guru Bersertifikasi",
    "lainnya": "Lainnya",
}
RELATION_LABELS = {
    "kepala": "Kepala Keluarga",
    "pasangan": "Istri/Suami",
    "anak": "Anak",
    "menantu": "Menantu",
    "cucu": "Cucu",
    "orang_tua": "Orang Tua",
    "mertua": "Mertua",
    "famili_lain": "Famili Lain",
    "lainnya": "Lainnya",
}
REQUEST_KIND_LABELS: dict[str, str] = {
    RequestKind.RE_REGISTRATION: "Daftar ulang",
    RequestKind.PROPOSAL: "Usul keluarga baru",
    RequestKind.OBJECTION: "Sanggah",
    RequestKind.VOLUNTARY_GRADUATION: "Graduasi mandiri",
}
REQUEST_STATUS_LABELS: dict[str, str] = {
    RequestStatus.RECEIVED: "Diterima",
    RequestStatus.DOCUMENTS: "Kelengkapan dokumen",
    RequestStatus.VERIFICATION: "Verifikasi",
    RequestStatus.APPROVED: "Disetujui",
    RequestStatus.REJECTED: "Ditolak",
}
VISIT_STATE_LABELS: dict[str, str] = {
    VisitState.DRAFT: "draf",
    VisitState.SUBMITTED: "terkirim, menunggu pemeriksaan",
    VisitState.APPROVED: "disetujui",
    VisitState.RETURNED: "dikembalikan untuk perbaikan",
    VisitState.REJECTED: "ditolak",
    VisitState.REPLACED: "diganti kunjungan koreksi",
}
PHOTO_KIND_LABELS: dict[str, str] = {
    PhotoKind.HOUSE_FRONT: "Rumah tampak depan",
    PhotoKind.HOUSE_INSIDE: "Rumah bagian dalam",
    PhotoKind.KITCHEN: "Dapur",
    PhotoKind.TOILET: "Jamban",
    PhotoKind.HOUSE_SIDE: "Rumah tampak samping",
    PhotoKind.KK: "Kartu Keluarga",
    PhotoKind.KTP: "KTP-el",
    PhotoKind.SKTM: "SKTM / surat pengantar RT/RW",
    PhotoKind.INCOME_PROOF: "Bukti penghasilan",
    PhotoKind.DOMICILE_LETTER: "Surat keterangan domisili",
    PhotoKind.SIGNED_STATEMENT: "Surat pernyataan bertanda tangan",
    PhotoKind.OTHER: "Lainnya",
}


def label(mapping: dict[str, str], code: str) -> str:
    return mapping.get(code, code.replace("_", " ").capitalize() if code else "-")


# ---- settings and request details ----------------------------------------------------------------


class LetterSettings(BaseModel):
    """What the village office sets once: names of the signatories, office address, archive code."""

    model_config = ConfigDict(extra="ignore")

    head_name: str = ""  # Kepala Desa
    secretary_name: str = ""  # Sekretaris Desa (signs "a.n. Kepala Desa")
    office_address: str = ""  # "Jalan Raya Kapan–Fatumnasi Km 7"
    postal_code: str = ""
    classification: str = DEFAULT_CLASSIFICATION
    abbreviation: str = ""  # empty: from the village name
    validity_months: int = Field(default=6, ge=1, le=24)


class ReRegistrationDetails(BaseModel):
    """`Request.details` of a daftar ulang (other kinds keep their own keys; unknown keys are kept)."""

    model_config = ConfigDict(extra="allow")

    applicant_member_id: str | None = None
    purpose: str = "pendaftaran ulang sebagai penerima bantuan sosial (DTSEN)"
    cover_letter_number: str = ""  # surat pengantar RT/RW
    cover_letter_date: date | None = None
    ktp_address_differs: bool | None = None  # None: take the visit's answer
    signed_by_secretary: bool = False
    issued_on: date | None = None
    # Checklist lines the sekdes ticked by hand (an original seen, no scan kept): key -> True.
    ticked: dict[str, bool] = {}
    notes: str = ""


def request_details(request: Request) -> ReRegistrationDetails:
    try:
        return ReRegistrationDetails.model_validate(request.details or {})
    except ValidationError:
        return ReRegistrationDetails()


# ---- the dossier ---------------------------------------------------------------------------------


class Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class DossierPhoto(Model):
    photo_id: str
    sha256: str
    kind: str
    label: str
    member_name: str = ""
    taken_at: datetime | None = None
    taken_by: str = ""
    latitude: float | None = None
    longitude: float | None = None
    width: int = 0
    height: int = 0

    @property
    def caption(self) -> str:
        parts = [self.label + (f" — {self.member_name}" if self.member_name else "")]
        if self.taken_at:
            parts.append(f"{format_date_id(self.taken_at)} {self.taken_at:%H:%M}")
        if self.latitude is not None and self.longitude is not None:
            parts.append(f"GPS {self.latitude:.5f}, {self.longitude:.5f}")
        if self.taken_by:
            parts.append(f"oleh {self.taken_by}")
        return " · ".join(parts)


class ChecklistLine(Model):
    key: str
    photo_kind: str
    label: str
    required: bool
    needed: int
    photos: tuple[DossierPhoto, ...] = ()
    ticked: bool = False
    note: str = ""

    @property
    def done(self) -> bool:
        return self.ticked or len(self.photos) >= self.needed


class Letterhead(Model):
    regency_line: str  # PEMERINTAH KABUPATEN TIMOR TENGAH SELATAN
    district_line: str  # KECAMATAN MOLLO UTARA
    village_line: str  # DESA EONBESI
    address_line: str
    village_name: str  # Eonbesi (for "Eonbesi, 23 November 2026")
    head_title: str  # Kepala Desa Eonbesi / Lurah ...


class Identity(Model):
    name: str
    nik: str
    kk_number: str
    birth: str  # "Soe, 4 Maret 1978"
    sex: str
    religion: str
    marital_status: str
    occupation: str
    address: str  # "Dusun II, RT 003/RW 001, Desa Eonbesi, Kecamatan Mollo Utara"


class SktmLetter(Model):
    letterhead: Letterhead
    number: str  # empty until a serial is taken
    issued_on: date
    valid_until: date
    opening: str
    identity: Identity
    statements: tuple[str, ...]
    closing: str
    place_date: str
    signer_on_behalf: str  # "a.n. Kepala Desa Eonbesi" or ""
    signer_title: str  # "Kepala Desa Eonbesi," / "Sekretaris Desa,"
    signer_name: str

    title: str = "SURAT KETERANGAN TIDAK MAMPU"


class FamilyLine(Model):
    name: str
    nik: str
    relation: str
    sex: str
    birth: str
    occupation: str
    notes: str


class Dossier(Model):
    request_id: str
    kind: str
    kind_label: str
    status_label: str
    created_on: str
    household_id: str
    head_name: str
    kk_number: str
    address: str
    desil: int | None
    programmes: tuple[str, ...]
    family: tuple[FamilyLine, ...]
    checklist: tuple[ChecklistLine, ...]
    checklist_from_pack: bool
    letter: SktmLetter | None
    verdict: Verdict | None
    verdict_note: str  # which visit, when, by whom; or why there is none
    photos: tuple[DossierPhoto, ...]
    generated_on: date

    @property
    def checklist_complete(self) -> bool:
        return all(line.done for line in self.checklist if line.required)


# Documents of DOMAIN §6, used when the pack gave no checklist (no visit yet, or an older pack).
DEFAULT_CHECKLIST: tuple[tuple[str, PhotoKind, str, bool, bool], ...] = (
    # key, kind, label, per member, required
    ("ktp", PhotoKind.KTP, "KTP-el seluruh anggota keluarga (asli dan fotokopi)", True, True),
    ("kk", PhotoKind.KK, "Kartu Keluarga (KK) terbaru", False, True),
    ("sktm", PhotoKind.SKTM, "SKTM dari desa dengan surat pengantar RT/RW", False, True),
    ("penghasilan", PhotoKind.INCOME_PROOF,
     "Bukti kondisi ekonomi (slip gaji/keterangan penghasilan), bila ada", False, False),
    ("rumah_depan", PhotoKind.HOUSE_FRONT, "Foto rumah tampak depan", False, True),
    ("rumah_dalam", PhotoKind.HOUSE_INSIDE, "Foto rumah bagian dalam", False, True),
    ("domisili", PhotoKind.DOMICILE_LETTER,
     "Surat keterangan domisili (alamat KTP berbeda dengan tempat tinggal)", False, True),
)  # fmt: skip


def default_checklist(member_count: int, *, ktp_address_differs: bool) -> list[ChecklistItem]:
    items = []
    for key, kind, text, per_member, required in DEFAULT_CHECKLIST:
        if kind is PhotoKind.DOMICILE_LETTER and not ktp_address_differs:
            continue
        items.append(
            ChecklistItem(
                key=key,
                photo_kind=kind.value,
                label_id=text,
                label_en=text,
                required=required,
                count=max(1, member_count) if per_member else 1,
            )
        )
    return items


def latest_visit(visits: Sequence[Visit]) -> Visit | None:
    """The household's current visit: the newest one not replaced or still a draft."""
    live = [v for v in visits if not v.deleted and v.state not in (VisitState.REPLACED, VisitState.DRAFT)]
    live.sort(key=lambda v: (v.finished_at or v.started_at or datetime.min, v.id))
    return live[-1] if live else None


def stored_verdict(visit: Visit | None) -> Verdict | None:
    if visit is None or not visit.verdict:
        return None
    try:
        return Verdict.from_json(visit.verdict)
    except ValidationError:
        return None


def letterhead_for(village_code: str, settings: LetterSettings) -> Letterhead:
    chain = region_index().chain(village_code)
    names = {r.level.depth: r for r in chain}
    regency = names.get(2)
    district = names.get(3)
    village = names.get(4)
    regency_name = regency.name if regency else "…"
    if regency and not regency_name.lower().startswith(("kabupaten", "kota")):
        regency_name = ("Kota " if regency.level.value == "kota" else "Kabupaten ") + regency_name
    village_name = village.name if village else village_code
    kelurahan = village is not None and village.level.value == "kelurahan"
    village_word = "Kelurahan" if kelurahan else "Desa"
    address = settings.office_address or f"Kantor {village_word} {village_name}"
    if settings.postal_code:
        address += f", Kode Pos {settings.postal_code}"
    return Letterhead(
        regency_line=f"PEMERINTAH {regency_name.upper()}",
        district_line=f"KECAMATAN {district.name.upper() if district else '…'}",
        village_line=f"{village_word.upper()} {village_name.upper()}",
        address_line=address,
        village_name=village_name,
        head_title=("Lurah " if kelurahan else "Kepala Desa ") + village_name,
    )


def _address(household: Household, letterhead: Letterhead) -> str:
    district = letterhead.district_line.title()
    village = letterhead.village_line.title()
    rt_rw = f"RT {household.rt or '-'}/RW {household.rw or '-'}"
    base = f"{household.address}, " if household.address else ""
    return f"{base}{rt_rw}, {village}, {district}"


def _birth(place: str, born: date | None) -> str:
    return ", ".join(p for p in (place, format_date_id(born)) if p) or "-"


def _applicant(members: Sequence[Member], wanted: str | None) -> Member | None:
    live = [m for m in members if not m.deleted and m.status == MemberStatus.ACTIVE]
    if wanted:
        for m in members:
            if m.id == wanted:
                return m
    heads = [m for m in live if m.relation == Relation.HEAD]
    candidates = heads or live or list(members)
    return candidates[0] if candidates else None


def build_letter(
    household: Household,
    members: Sequence[Member],
    details: ReRegistrationDetails,
    settings: LetterSettings,
    *,
    number: str,
    today: date,
) -> SktmLetter | None:
    """The SKTM of DOMAIN §7 for the applicant (the head unless the request names a member)."""
    person = _applicant(members, details.applicant_member_id)
    if person is None:
        return None
    head = letterhead_for(household.village_code, settings)
    issued = details.issued_on or today
    valid_until = add_months(issued, settings.validity_months)
    identity = Identity(
        name=person.name.upper(),
        nik=person.nik,
        kk_number=household.kk_number,
        birth=_birth(person.birth_place, person.birth_date),
        sex=label(SEX_LABELS, person.sex),
        religion=label(RELIGION_LABELS, person.religion),
        marital_status=label(MARITAL_LABELS, person.marital_status),
        occupation=label(OCCUPATION_LABELS, person.occupation),
        address=_address(household, head),
    )
    regency = head.regency_line.removeprefix("PEMERINTAH ").title()
    district = head.district_line.title()
    rt_rw = f"RT {household.rt or '-'}/RW {household.rw or '-'}"
    resident = (
        f"Nama tersebut di atas adalah benar penduduk {head.village_line.title()}, {district}, {regency}, "
        f"yang bertempat tinggal di {rt_rw}"
    )
    if details.cover_letter_number:
        cover = f"surat pengantar Ketua {rt_rw} Nomor {details.cover_letter_number}"
        if details.cover_letter_date:
            cover += f" tanggal {format_date_id(details.cover_letter_date)}"
        resident += f", dan berdasarkan {cover},"
    else:
        resident += ", dan berdasarkan surat pengantar Ketua RT/RW setempat,"
    resident += " yang bersangkutan beserta keluarganya benar tergolong keluarga tidak mampu (miskin)."
    if household.desil is not None:
        dtsen = (
            f"Keluarga yang bersangkutan (No. KK {household.kk_number}) tercatat dalam Data Tunggal Sosial "
            f"dan Ekonomi Nasional (DTSEN) pada desil {household.desil}."
        )
    else:
        dtsen = (
            "Keluarga yang bersangkutan belum tercatat dalam Data Tunggal Sosial dan Ekonomi Nasional "
            "(DTSEN)."
        )
    purpose = (
        f"Surat keterangan ini diberikan untuk keperluan {details.purpose.strip().rstrip('.')}, dan berlaku "
        f"sampai dengan tanggal {format_date_id(valid_until)}."
    )
    on_behalf = details.signed_by_secretary and bool(settings.secretary_name)
    return SktmLetter(
        letterhead=head,
        number=number,
        issued_on=issued,
        valid_until=valid_until,
        opening=f"Yang bertanda tangan di bawah ini, {head.head_title}, {district}, {regency}, "
        "menerangkan bahwa:",
        identity=identity,
        statements=(resident, dtsen, purpose),
        closing="Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana "
        "mestinya. Surat keterangan ini diberikan tanpa dipungut biaya.",
        place_date=f"{head.village_name}, {format_date_id(issued)}",
        signer_on_behalf=f"a.n. {head.head_title}" if on_behalf else "",
        signer_title="Sekretaris Desa," if on_behalf else f"{head.head_title},",
        signer_name=(settings.secretary_name if on_behalf else settings.head_name) or "(" + "." * 30 + ")",
    )


def _dossier_photo(photo: Photo, names: dict[str, str]) -> DossierPhoto:
    return DossierPhoto(
        photo_id=photo.id,
        sha256=photo.sha256,
        kind=photo.kind,
        label=label(PHOTO_KIND_LABELS, photo.kind),
        member_name=names.get(photo.member_id or "", ""),
        taken_at=photo.taken_at,
        taken_by=photo.taken_by,
        latitude=photo.latitude,
        longitude=photo.longitude,
        width=photo.width,
        height=photo.height,
    )


def _family_line(m: Member) -> FamilyLine:
    notes = []
    if m.school_level not in ("", "tidak_sekolah"):
        notes.append(f"sekolah {m.school_level.upper()}")
    if m.disability not in ("", "tidak"):
        notes.append(f"disabilitas {m.disability}")
    if m.pregnant:
        notes.append("hamil")
    if m.status != MemberStatus.ACTIVE:
        notes.append(m.status)
    if m.monthly_income:
        notes.append(f"penghasilan Rp{m.monthly_income:,}/bulan".replace(",", "."))
    return FamilyLine(
        name=m.name,
        nik=m.nik,
        relation=label(RELATION_LABELS, m.relation),
        sex=m.sex,
        birth=_birth(m.birth_place, m.birth_date),
        occupation=label(OCCUPATION_LABELS, m.occupation),
        notes=", ".join(notes),
    )


def _visit_answers(visit: Visit | None) -> VisitAnswers | None:
    if visit is None or not visit.answers:
        return None
    try:
        return VisitAnswers.model_validate(visit.answers)
    except ValidationError:
        return None


def pack_checklist(
    pack: PolicyPack,
    request: Request,
    household: Household,
    members: Sequence[Member],
    visit: Visit | None,
    *,
    today: date,
) -> list[ChecklistItem]:
    """The pack's documents checklist for this request. The request itself is the family's wish to
    re-register, and what the sekdes found at the counter about the KTP address wins over the visit."""
    details = request_details(request)
    answers = _visit_answers(visit) or VisitAnswers()
    conclusion = answers.conclusion.model_copy(
        update={
            "wants_reregistration": answers.conclusion.wants_reregistration
            or request.kind == RequestKind.RE_REGISTRATION,
            "ktp_address_differs": answers.conclusion.ktp_address_differs
            if details.ktp_address_differs is None
            else details.ktp_address_differs,
        }
    )
    answers = answers.model_copy(update={"conclusion": conclusion})
    return list(evaluate(pack, facts_from_records(household, members, answers, today)).checklist)


def build_dossier(
    request: Request,
    household: Household,
    members: Sequence[Member],
    visits: Sequence[Visit],
    photos: Sequence[Photo],
    *,
    settings: LetterSettings | None = None,
    today: date,
    pack: PolicyPack | None = None,
) -> Dossier:
    """Everything the dossier PDF shows. With `pack`, the checklist is the pack's (and a visit without a
    stored verdict is evaluated); without, the newest visit's stored checklist or the built-in one."""
    settings = settings or LetterSettings()
    details = request_details(request)
    visit = latest_visit(visits)
    verdict = stored_verdict(visit)
    recomputed = False
    if verdict is None and pack is not None and visit is not None:
        verdict = evaluate(pack, facts_from_records(household, members, _visit_answers(visit), today))
        recomputed = True

    items: list[ChecklistItem] = []
    if pack is not None:
        items = pack_checklist(pack, request, household, members, visit, today=today)
    elif verdict is not None:
        items = list(verdict.checklist)
    from_pack = bool(items)
    if not from_pack:
        answers = _visit_answers(visit)
        differs = details.ktp_address_differs
        if differs is None:
            differs = answers is not None and answers.conclusion.ktp_address_differs
        live = [m for m in members if not m.deleted and m.status == MemberStatus.ACTIVE]
        items = default_checklist(len(live), ktp_address_differs=differs)

    names = {m.id: m.name for m in members}
    live_photos = sorted(
        (p for p in photos if not p.deleted and p.household_id == household.id),
        key=lambda p: (p.taken_at or datetime.min, p.id),
    )
    dossier_photos = [_dossier_photo(p, names) for p in live_photos]
    lines = []
    for item in items:
        attached = tuple(p for p in dossier_photos if p.kind == item.photo_kind)
        note = ""
        if item.photo_kind == PhotoKind.SKTM and request.sktm_number:
            note = f"SKTM Nomor {request.sktm_number} dibuat desa (terlampir)"
        lines.append(
            ChecklistLine(
                key=item.key,
                photo_kind=item.photo_kind,
                label=item.label_id,
                required=item.required,
                needed=item.count,
                photos=attached,
                ticked=details.ticked.get(item.key, False) or bool(note),
                note=note,
            )
        )

    letter = None
    if request.kind in (RequestKind.RE_REGISTRATION, RequestKind.PROPOSAL):
        letter = build_letter(household, members, details, settings, number=request.sktm_number, today=today)

    if visit is None:
        verdict_note = "Belum ada kunjungan verval yang dikirim untuk keluarga ini."
    else:
        when = format_date_id(visit.finished_at or visit.started_at)
        state = label(VISIT_STATE_LABELS, visit.state)
        verdict_note = f"Kunjungan {when} oleh {visit.officer or '-'} (status: {state})"
        if verdict is not None:
            verdict_note += f"; paket aturan {verdict.pack_id} versi {verdict.pack_version}"
            if recomputed:
                verdict_note += " (dihitung saat dosier dibuat)"

    head = letterhead_for(household.village_code, settings)
    created = request.created_at.date() if request.created_at else today
    return Dossier(
        request_id=request.id,
        kind=request.kind,
        kind_label=label(REQUEST_KIND_LABELS, request.kind),
        status_label=label(REQUEST_STATUS_LABELS, request.status),
        created_on=format_date_id(created),
        household_id=household.id,
        head_name=household.head_name,
        kk_number=household.kk_number,
        address=_address(household, head),
        desil=household.desil,
        programmes=tuple(
            f"{p.get('programme')} ({p.get('status', 'aktif')}, sejak {p.get('start_date') or '-'})"
            for p in household.programmes
        ),
        family=tuple(_family_line(m) for m in members if not m.deleted),
        checklist=tuple(lines),
        checklist_from_pack=from_pack,
        letter=letter,
        verdict=verdict,
        verdict_note=verdict_note,
        photos=tuple(dossier_photos),
        generated_on=today,
    )


def sktm_abbreviation(village_code: str, settings: LetterSettings) -> str:
    if settings.abbreviation:
        return settings.abbreviation.upper()
    village = region_index().get(village_code)
    return village_abbreviation(village.name if village else village_code)
