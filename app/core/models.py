"""Synced domain tables, shared by the desktop store and the server (DESIGN §3).

Every synced row carries a client-made UUID, the village it belongs to (the sync scope), the last
server version seen and a deleted flag. Rich, rarely-queried structure (programme memberships, visit
answers, verdicts, review comments) is JSON; what is searched, merged or scoped on is a column.
"""

from __future__ import annotations

import functools
import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import BaseModel, create_model
from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


def new_id() -> str:
    return str(uuid.uuid4())


class Role(StrEnum):
    PENDAMPING = "pendamping"
    SEKDES = "sekdes"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Sex(StrEnum):
    MALE = "L"
    FEMALE = "P"


class Relation(StrEnum):
    HEAD = "kepala"
    SPOUSE = "pasangan"
    CHILD = "anak"
    CHILD_IN_LAW = "menantu"
    GRANDCHILD = "cucu"
    PARENT = "orang_tua"
    PARENT_IN_LAW = "mertua"
    OTHER_FAMILY = "famili_lain"
    OTHER = "lainnya"


class Occupation(StrEnum):
    """Work as DOMAIN §5.1 asks for it; the ASN-like classes are explicit choices for GRAD-ASN."""

    NONE = "tidak_bekerja"
    FARMER = "petani"
    FISHER = "nelayan"
    LABOURER = "buruh"
    TRADER = "pedagang"
    SELF_EMPLOYED = "wiraswasta"
    PRIVATE_EMPLOYEE = "karyawan_swasta"
    HONORARY_TEACHER = "guru_honorer"
    PUPIL = "pelajar"
    HOUSEWIFE = "mengurus_rumah_tangga"
    PNS = "pns"
    PPPK = "pppk"
    TNI = "tni"
    POLRI = "polri"
    VILLAGE_OFFICIAL = "perangkat_desa"
    CERTIFIED_TEACHER = "guru_bersertifikasi"
    OTHER = "lainnya"


ASN_LIKE_OCCUPATIONS = frozenset(
    {
        Occupation.PNS,
        Occupation.PPPK,
        Occupation.TNI,
        Occupation.POLRI,
        Occupation.VILLAGE_OFFICIAL,
        Occupation.CERTIFIED_TEACHER,
    }
)


class SchoolLevel(StrEnum):
    NONE = "tidak_sekolah"
    PAUD = "paud"
    SD = "sd"
    SMP = "smp"
    SMA = "sma"
    COLLEGE = "perguruan_tinggi"


class Disability(StrEnum):
    NONE = "tidak"
    MILD = "ringan"
    MODERATE = "sedang"
    SEVERE = "berat"


class MemberStatus(StrEnum):
    ACTIVE = "aktif"
    DIED = "meninggal"
    MOVED = "pindah"


class HouseholdStatus(StrEnum):
    ACTIVE = "aktif"
    GRADUATED = "graduasi"
    PROPOSED = "usulan"
    INACTIVE = "nonaktif"


class Programme(StrEnum):
    PKH = "PKH"
    BPNT = "BPNT"
    PBI_JKN = "PBI-JKN"
    PIP = "PIP"


class VisitState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"
    REJECTED = "rejected"
    REPLACED = "replaced"


class PhotoKind(StrEnum):
    HOUSE_FRONT = "rumah_depan"
    HOUSE_INSIDE = "rumah_dalam"
    KITCHEN = "dapur"
    TOILET = "toilet"
    HOUSE_SIDE = "rumah_samping"
    KK = "dok_kk"
    KTP = "dok_ktp"
    SKTM = "dok_sktm"
    INCOME_PROOF = "dok_penghasilan"
    DOMICILE_LETTER = "dok_domisili"
    SIGNED_STATEMENT = "dok_pernyataan"
    OTHER = "lainnya"


REQUIRED_HOUSE_PHOTOS = (PhotoKind.HOUSE_FRONT, PhotoKind.HOUSE_INSIDE)


class RequestKind(StrEnum):
    RE_REGISTRATION = "daftar_ulang"
    PROPOSAL = "usul"
    OBJECTION = "sanggah"
    VOLUNTARY_GRADUATION = "graduasi_mandiri"


class RequestStatus(StrEnum):
    RECEIVED = "diterima"
    DOCUMENTS = "kelengkapan_dokumen"
    VERIFICATION = "verifikasi"
    APPROVED = "disetujui"
    REJECTED = "ditolak"


class SyncedRow(SQLModel):
    """Columns every synced entity has. `version` is the server's change number; 0 = never synced."""

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    village_code: str = Field(index=True, max_length=13)
    version: int = Field(default=0, index=True)
    deleted: bool = Field(default=False)

    # Fields the sync layer must not merge from client patches (server-owned bookkeeping).
    SERVER_FIELDS: ClassVar[frozenset[str]] = frozenset({"version"})


@functools.cache
def values_model(model: type[SyncedRow]) -> type[BaseModel]:
    """A plain pydantic twin of a table model: the same fields and constraints, validating the same
    data the same way, without SQLAlchemy's instrumented attributes (which make validating a table
    model ten to twenty-five times slower). For bulk work: a pull's rows, a push's batch."""
    fields: dict[str, Any] = {name: (info.annotation, info) for name, info in model.model_fields.items()}
    return create_model(f"{model.__name__}Values", **fields)


class Household(SyncedRow, table=True):
    """One family card (KK). No. KK is data, not a key: it changes on moves, splits and deaths."""

    __tablename__ = "household"

    kk_number: str = Field(default="", index=True, max_length=16)
    head_name: str = Field(default="", max_length=120)
    address: str = Field(default="", max_length=200)
    rt: str = Field(default="", max_length=3)
    rw: str = Field(default="", max_length=3)
    latitude: float | None = None
    longitude: float | None = None
    desil: int | None = Field(default=None, ge=1, le=10)
    status: str = Field(default=HouseholdStatus.ACTIVE, max_length=16)
    # [{"programme": "PKH", "start_date": "2019-03-01", "status": "aktif"}]
    programmes: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON))
    registry_updated_on: date | None = None


class Member(SyncedRow, table=True):
    __tablename__ = "member"

    household_id: str = Field(index=True, max_length=36)
    nik: str = Field(default="", index=True, max_length=16)
    name: str = Field(default="", max_length=120)
    sex: str = Field(default=Sex.FEMALE, max_length=1)
    birth_place: str = Field(default="", max_length=60)
    birth_date: date | None = None
    relation: str = Field(default=Relation.OTHER, max_length=16)
    marital_status: str = Field(default="belum_kawin", max_length=16)
    religion: str = Field(default="", max_length=16)
    education: str = Field(default="", max_length=24)
    school_level: str = Field(default=SchoolLevel.NONE, max_length=20)
    occupation: str = Field(default=Occupation.NONE, max_length=24)
    disability: str = Field(default=Disability.NONE, max_length=8)
    chronic_illness: bool = False
    pregnant: bool = False
    monthly_income: int = Field(default=0, ge=0)
    status: str = Field(default=MemberStatus.ACTIVE, max_length=10)


class Visit(SyncedRow, table=True):
    """A verval submission. Never edited after submission: a correction is a new visit."""

    __tablename__ = "visit"

    household_id: str = Field(index=True, max_length=36)
    officer: str = Field(default="", max_length=64)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    latitude: float | None = None
    longitude: float | None = None
    answers: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    pack_id: str = Field(default="", max_length=64)
    pack_version: str = Field(default="", max_length=32)
    verdict: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    state: str = Field(default=VisitState.DRAFT, index=True, max_length=12)
    replaces_id: str | None = Field(default=None, max_length=36)
    reviewer: str = Field(default="", max_length=64)
    reviewed_at: datetime | None = None
    # {"members.0.monthly_income": "Penghasilan tidak sesuai slip gaji"}
    review_comments: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON))
    review_reason: str = Field(default="", max_length=500)
    # Set by the server when its own re-check of the verdict disagrees with the client's.
    server_verdict_mismatch: bool = False

    # The mismatch flag is the server's word about the laptop's verdict: a client never sends it.
    SERVER_FIELDS: ClassVar[frozenset[str]] = frozenset({"version", "server_verdict_mismatch"})


class Photo(SyncedRow, table=True):
    """Metadata of a processed photo; the bytes live in a content-addressed blob store."""

    __tablename__ = "photo"

    household_id: str = Field(index=True, max_length=36)
    visit_id: str | None = Field(default=None, index=True, max_length=36)
    request_id: str | None = Field(default=None, max_length=36)
    member_id: str | None = Field(default=None, max_length=36)
    kind: str = Field(default=PhotoKind.OTHER, max_length=20)
    sha256: str = Field(default="", index=True, max_length=64)
    media_type: str = Field(default="image/jpeg", max_length=20)
    width: int = 0
    height: int = 0
    byte_size: int = 0
    phash: str = Field(default="", max_length=16)
    taken_at: datetime | None = None
    taken_by: str = Field(default="", max_length=64)
    latitude: float | None = None
    longitude: float | None = None
    thumbnail_sha256: str = Field(default="", max_length=64)


class Request(SyncedRow, table=True):
    """Daftar ulang, usul, sanggah or graduasi mandiri, tracked to a decision."""

    __tablename__ = "request"

    household_id: str | None = Field(default=None, index=True, max_length=36)
    kind: str = Field(max_length=20)
    status: str = Field(default=RequestStatus.RECEIVED, max_length=24)
    created_by: str = Field(default="", max_length=64)
    created_at: datetime | None = None
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    sktm_number: str = Field(default="", max_length=64)
    decision_note: str = Field(default="", max_length=500)


SYNCED_ENTITIES: dict[str, type[SyncedRow]] = {
    "household": Household,
    "member": Member,
    "visit": Visit,
    "photo": Photo,
    "request": Request,
}
