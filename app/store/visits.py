"""Store-side life of a verval visit: draft, autosave, photos, submission, correction (DESIGN §3, §6).

A draft is a local-only `Visit` row (state draft): it never reaches the outbox, so an abandoned form
costs the server nothing. Submission re-validates, evaluates the policy pack on the final answers and
writes the visit *and* its photos to the outbox in one transaction; after that the visit is immutable
and a correction is a new visit naming the one it replaces. Where the officer was in the form (section,
member) is kept next to the draft in the same transaction, so a killed app reopens at the same place.

Blocking, Qt-free, safe on worker threads; every refusal is a `ValidationError` with a sentence the
officer can act on.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError as PydanticValidationError
from sqlmodel import Session, col, select

from app.core.answers import MemberAnswer, VisitAnswers
from app.core.identity import validate_nik
from app.core.models import (
    REQUIRED_HOUSE_PHOTOS,
    Household,
    Member,
    Photo,
    PhotoKind,
    Visit,
    VisitState,
    new_id,
)
from app.core.photos import ProcessedPhoto, phash_distance
from app.core.rules import FactsContext, PolicyPack, Verdict, evaluate, facts_from_records
from app.core.rules.facts import member_answer_from_record
from app.store.errors import ValidationError
from app.store.store import Changes, Store, utcnow
from app.store.tables import OutboxEntry, SyncState
from app.store.vault import PhotoVault

# SyncState keys are at most 40 characters: "pos:" + a 36-character UUID.
_POSITION_PREFIX = "pos:"
# Photos that show the house: the ones a reused picture would fake.
HOUSE_KINDS = frozenset(
    {PhotoKind.HOUSE_FRONT, PhotoKind.HOUSE_INSIDE, PhotoKind.HOUSE_SIDE, PhotoKind.KITCHEN, PhotoKind.TOILET}
)
# Visits a correction can be made of; a draft is simply continued, a rejected one is final.
CORRECTABLE_STATES = frozenset({VisitState.SUBMITTED, VisitState.RETURNED, VisitState.APPROVED})
SAME_PHOTO_THRESHOLD = 10  # of 64 phash bits, as app.core.photos

PHOTO_KIND_LABELS: dict[str, str] = {
    PhotoKind.HOUSE_FRONT: "Foto rumah bagian depan",
    PhotoKind.HOUSE_INSIDE: "Foto rumah bagian dalam",
}


@dataclass(frozen=True)
class FormPosition:
    """Where the officer was in the form: the section index and the member shown in it."""

    section: int = 0
    member: int = 0

    def to_json(self) -> str:
        return json.dumps({"section": self.section, "member": self.member})

    @classmethod
    def from_json(cls, text: str) -> FormPosition:
        try:
            data = json.loads(text)
            return cls(section=max(0, int(data.get("section", 0))), member=max(0, int(data.get("member", 0))))
        except (ValueError, TypeError, AttributeError):
            return cls()


@dataclass
class VisitContext:
    """Everything the form needs to open a visit, read in one go on a worker thread."""

    visit: Visit
    household: Household
    members: list[Member]
    photos: list[Photo]
    position: FormPosition = field(default_factory=FormPosition)
    # NIKs on other families of the village, so the live verdict can flag a duplicate (FLAG-DUPLIKAT).
    niks_elsewhere: frozenset[str] = frozenset()

    @property
    def answers(self) -> VisitAnswers:
        return VisitAnswers.model_validate(self.visit.answers)

    @property
    def read_only(self) -> bool:
        return self.visit.state != VisitState.DRAFT


@dataclass(frozen=True)
class SimilarPhoto:
    """A photo of *another* household that looks like the one just attached."""

    photo_id: str
    household_id: str
    head_name: str
    kk_number: str
    kind: str
    distance: int


# ---- reading ----------------------------------------------------------------------------------------


def draft_of(store: Store, household_id: str) -> Visit | None:
    """The household's open draft, if any (the newest, should there ever be two)."""
    drafts = [v for v in store.visits_of(household_id) if v.state == VisitState.DRAFT]
    return drafts[-1] if drafts else None


def latest_visit(store: Store, household_id: str) -> Visit | None:
    visits = [v for v in store.visits_of(household_id) if v.state != VisitState.REPLACED]
    return visits[-1] if visits else None


def form_position(store: Store, visit_id: str) -> FormPosition:
    return FormPosition.from_json(store.get_state(_POSITION_PREFIX + visit_id, "{}"))


def photos_of(store: Store, visit_id: str) -> list[Photo]:
    with Session(store.engine) as session:
        return list(
            session.exec(
                select(Photo)
                .where(Photo.visit_id == visit_id, Photo.deleted == False)  # noqa: E712
                .order_by(col(Photo.taken_at), col(Photo.id))
            )
        )


def load_visit(store: Store, visit_id: str) -> VisitContext:
    visit = store.get(Visit, visit_id)
    if not isinstance(visit, Visit) or visit.deleted:
        raise ValidationError("Kunjungan tidak ditemukan.", "The visit does not exist.")
    found = store.household(visit.household_id)
    if found is None:
        raise ValidationError(
            "Keluarga kunjungan ini tidak ditemukan.", "The visit's household does not exist."
        )
    household, members = found
    return VisitContext(
        visit=visit,
        household=household,
        members=members,
        photos=photos_of(store, visit_id),
        position=form_position(store, visit_id),
        niks_elsewhere=store.niks_elsewhere(household.id),
    )


# ---- drafts -----------------------------------------------------------------------------------------


def answers_from_registry(members: Iterable[Member]) -> VisitAnswers:
    """A new visit starts from the registry's members; the officer corrects what differs."""
    return VisitAnswers(members=[member_answer_from_record(m) for m in members if not m.deleted])


def start_visit(store: Store, *, household_id: str, officer: str, now: datetime | None = None) -> Visit:
    """Open the household's draft, or create one prefilled from the registry."""
    existing = draft_of(store, household_id)
    if existing is not None:
        return existing
    found = store.household(household_id)
    if found is None:
        raise ValidationError("Keluarga tidak ditemukan.", "The household does not exist.")
    household, members = found
    visit = Visit(
        village_code=household.village_code,
        household_id=household_id,
        officer=officer,
        started_at=now or utcnow(),
        answers=answers_from_registry(members).model_dump(mode="json"),
        state=VisitState.DRAFT,
    )
    store.save(visit, local_only=True)
    return visit


def start_correction(store: Store, *, visit_id: str, officer: str, now: datetime | None = None) -> Visit:
    """A new draft that copies a submitted visit's answers and names it in `replaces_id`.

    The submitted visit itself is never touched: the server keeps both and the review shows the change.
    """
    old = store.get(Visit, visit_id)
    if not isinstance(old, Visit) or old.deleted:
        raise ValidationError("Kunjungan tidak ditemukan.", "The visit does not exist.")
    if old.state not in CORRECTABLE_STATES:
        raise ValidationError(
            "Hanya kunjungan yang sudah dikirim yang dapat dikoreksi; draf cukup dilanjutkan.",
            "Only a submitted visit can be corrected; a draft is simply continued.",
        )
    existing = draft_of(store, old.household_id)
    if existing is not None:
        raise ValidationError(
            "Keluarga ini masih punya draf kunjungan; lanjutkan draf itu dulu.",
            "This household still has a draft visit; continue that draft first.",
        )
    visit = Visit(
        village_code=old.village_code,
        household_id=old.household_id,
        officer=officer,
        started_at=now or utcnow(),
        latitude=old.latitude,
        longitude=old.longitude,
        answers=dict(old.answers),
        state=VisitState.DRAFT,
        replaces_id=old.id,
    )
    with store.session() as session:
        store.save_in(session, visit, local_only=True)
        # The photos of the replaced visit still show the same house: the correction starts with copies
        # of their records (same blobs, new ids), which the officer may remove or add to.
        for photo in _photos_in(session, old.id):
            copy = photo.model_copy(update={"id": new_id(), "visit_id": visit.id, "version": 0})
            store.save_in(session, copy, local_only=True)
    return visit


def save_draft(
    store: Store, *, visit_id: str, answers: dict[str, Any], position: FormPosition | None = None
) -> Changes:
    """Autosave: the answers (validated) and the form position, one local transaction, no outbox."""
    typed = _typed_answers(answers)
    with store.session() as session:
        visit = _draft_in(session, visit_id)
        updated = visit.model_copy(update={"answers": typed.model_dump(mode="json")})
        changes = store.save_in(session, updated, local_only=True)
        if position is not None:
            session.merge(SyncState(key=_POSITION_PREFIX + visit_id, value=position.to_json()))
    return changes


def discard_draft(store: Store, *, visit_id: str) -> Changes:
    """Throw a draft away (never sent, so simply deleted with its photo records)."""
    with store.session() as session:
        visit = session.get(Visit, visit_id)
        if visit is None:
            return Changes()
        if visit.state != VisitState.DRAFT:
            raise ValidationError(
                "Kunjungan yang sudah dikirim tidak dapat dihapus.", "A submitted visit cannot be discarded."
            )
        household_id = visit.household_id
        for photo in _photos_in(session, visit_id):
            session.delete(photo)
        session.delete(visit)
        state = session.get(SyncState, _POSITION_PREFIX + visit_id)
        if state is not None:
            session.delete(state)
    return Changes(households=frozenset({household_id}), visits=frozenset({visit_id}))


# ---- photos -----------------------------------------------------------------------------------------


def photo_record(
    processed: ProcessedPhoto,
    *,
    village_code: str,
    household_id: str,
    kind: PhotoKind | str,
    taken_by: str,
    visit_id: str | None = None,
    request_id: str | None = None,
    member_id: str | None = None,
) -> Photo:
    """The synced record of a processed photo, owned by a visit or a request; the bytes go to the vault."""
    return Photo(
        village_code=village_code,
        household_id=household_id,
        visit_id=visit_id,
        request_id=request_id,
        member_id=member_id,
        kind=str(PhotoKind(kind)),
        sha256=processed.sha256,
        media_type=processed.media_type,
        width=processed.width,
        height=processed.height,
        byte_size=processed.byte_size,
        phash=processed.phash,
        taken_at=processed.taken_at or utcnow(),
        taken_by=taken_by,
        latitude=processed.latitude,
        longitude=processed.longitude,
        thumbnail_sha256=processed.thumbnail_sha256,
    )


def attach_photo(
    store: Store,
    vault: PhotoVault,
    *,
    visit_id: str,
    processed: ProcessedPhoto,
    original: bytes,
    kind: PhotoKind | str,
    member_id: str | None = None,
    taken_by: str = "",
) -> Photo:
    """Put the rendition, its thumbnail and the original in the vault, then record the photo.

    The blobs go first: a crash between leaves an unreferenced blob (collected later), never a
    record pointing at nothing.
    """
    visit = _draft(store, visit_id)
    photo = photo_record(
        processed,
        village_code=visit.village_code,
        household_id=visit.household_id,
        kind=kind,
        taken_by=taken_by,
        visit_id=visit.id,
        member_id=member_id,
    )
    vault.put(processed.data)
    vault.put(processed.thumbnail)
    vault.put_original(photo.id, original)
    store.save(photo, local_only=True)
    return photo


def update_photo(store: Store, *, photo_id: str, kind: PhotoKind | str, member_id: str | None) -> Photo:
    """Change what a draft's photo shows (its kind) and whose document it is."""
    photo = store.get(Photo, photo_id)
    if not isinstance(photo, Photo) or photo.deleted:
        raise ValidationError("Foto tidak ditemukan.", "The photo does not exist.")
    if photo.visit_id:
        _draft(store, photo.visit_id)
    updated = photo.model_copy(update={"kind": str(PhotoKind(kind)), "member_id": member_id})
    store.save(updated, local_only=True)
    return updated


def remove_photo(store: Store, *, photo_id: str) -> Changes:
    """Remove a photo from a draft. Its record was never sent, so it goes without a tombstone."""
    with store.session() as session:
        photo = session.get(Photo, photo_id)
        if photo is None:
            return Changes()
        if photo.visit_id:
            visit = session.get(Visit, photo.visit_id)
            if visit is not None and visit.state != VisitState.DRAFT:
                raise ValidationError(
                    "Foto kunjungan yang sudah dikirim tidak dapat dihapus.",
                    "A photo of a submitted visit cannot be removed.",
                )
        sent = (
            photo.version > 0
            or session.exec(select(OutboxEntry.seq).where(OutboxEntry.entity_id == photo_id)).first()
            is not None
        )
        household_id = photo.household_id
        if sent:
            store.save_in(session, photo.model_copy(update={"deleted": True}), local_only=False)
        else:
            session.delete(photo)
    return Changes(households=frozenset({household_id}))


def similar_photos(
    store: Store, *, phash: str, household_id: str, threshold: int = SAME_PHOTO_THRESHOLD
) -> list[SimilarPhoto]:
    """House photos of *other* households whose perceptual hash is within `threshold` bits.

    A linear scan: a village holds a few thousand photos and an XOR+popcount each is microseconds.
    """
    if len(phash) != 16:
        return []
    with Session(store.engine) as session:
        rows = session.exec(
            select(Photo, Household.head_name, Household.kk_number)
            .join(Household, col(Household.id) == col(Photo.household_id))
            .where(
                Photo.household_id != household_id,
                Photo.deleted == False,  # noqa: E712
                col(Photo.kind).in_([str(k) for k in HOUSE_KINDS]),
                Photo.phash != "",
            )
        ).all()
    found = []
    for photo, head_name, kk_number in rows:
        try:
            distance = phash_distance(phash, photo.phash)
        except ValueError:
            continue
        if distance <= threshold:
            found.append(
                SimilarPhoto(photo.id, photo.household_id, head_name, kk_number, photo.kind, distance)
            )
    found.sort(key=lambda s: s.distance)
    return found


# ---- checking and submitting ------------------------------------------------------------------------


def member_label(member: MemberAnswer, index: int) -> str:
    return member.name.strip() or f"Anggota ke-{index + 1}"


def member_problems(member: MemberAnswer, index: int, today: date) -> list[str]:
    """What blocks submission for one person, in words."""
    who = member_label(member, index)
    problems = []
    if not member.name.strip():
        problems.append(f"Nama anggota ke-{index + 1} belum diisi")
    nik = validate_nik(member.nik)
    for error in nik.errors:
        problems.append(f"{who}: {error.message}")
    if member.birth_date is not None and member.birth_date > today:
        problems.append(f"{who}: tanggal lahir {member.birth_date:%d-%m-%Y} ada di masa depan")
    if member.monthly_income < 0:
        problems.append(f"{who}: penghasilan tidak boleh negatif")
    return problems


def submission_problems(answers: VisitAnswers, photo_kinds: Iterable[str], today: date) -> list[str]:
    """Everything that keeps a visit from being submitted, each as a sentence (empty = ready)."""
    problems: list[str] = []
    if not answers.members:
        problems.append("Belum ada anggota keluarga")
    for index, member in enumerate(answers.members):
        problems.extend(member_problems(member, index, today))
    niks = [m.nik for m in answers.members if m.nik]
    for nik in sorted({n for n in niks if niks.count(n) > 1}):
        problems.append(f"NIK {nik} tercatat lebih dari sekali dalam keluarga ini")
    kinds = set(photo_kinds)
    for kind in REQUIRED_HOUSE_PHOTOS:
        if kind not in kinds:
            problems.append(f"{PHOTO_KIND_LABELS[kind]} belum ada")
    return problems


def evaluate_visit(
    pack: PolicyPack,
    household: Household,
    members: Sequence[Member],
    answers: VisitAnswers,
    photo_kinds: Iterable[str],
    reference_date: date,
    niks_elsewhere: Collection[str] = (),
) -> Verdict:
    typed_niks = {m.nik for m in answers.members if m.nik}
    context = FactsContext(
        photo_kinds=sorted({PhotoKind(k) for k in photo_kinds}),
        duplicate_niks_in_village=sorted(typed_niks & set(niks_elsewhere)),
    )
    return evaluate(pack, facts_from_records(household, members, answers, reference_date, context))


def submit_visit(
    store: Store,
    *,
    visit_id: str,
    answers: dict[str, Any],
    pack: PolicyPack,
    now: datetime | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
) -> Visit:
    """Validate, evaluate and send: the visit and its photos enter the outbox in one transaction.

    Raises ValidationError listing every problem; nothing is written then (the draft stays as it was).
    """
    finished = now or utcnow()
    typed = _typed_answers(answers)
    with store.session() as session:
        visit = _draft_in(session, visit_id)
        photos = _photos_in(session, visit_id)
        kinds = [p.kind for p in photos]
        problems = submission_problems(typed, kinds, finished.date())
        if problems:
            raise ValidationError(
                "Kunjungan belum dapat dikirim:\n• " + "\n• ".join(problems),
                f"The visit cannot be submitted yet: {'; '.join(problems)}",
            )
        household = session.get(Household, visit.household_id)
        if household is None:
            raise ValidationError("Keluarga kunjungan ini tidak ditemukan.", "The household does not exist.")
        members = list(
            session.exec(
                select(Member).where(Member.household_id == household.id, Member.deleted == False)  # noqa: E712
            )
        )
        verdict = evaluate_visit(
            pack, household, members, typed, kinds, finished.date(), store.niks_elsewhere(household.id)
        )
        submitted = visit.model_copy(
            update={
                "answers": typed.model_dump(mode="json"),
                "state": VisitState.SUBMITTED,
                "finished_at": finished,
                "pack_id": verdict.pack_id,
                "pack_version": verdict.pack_version,
                "verdict": verdict.to_json(),
                "latitude": latitude if latitude is not None else visit.latitude,
                "longitude": longitude if longitude is not None else visit.longitude,
            }
        )
        # Photos first in the outbox: the visit that names them arrives after them.
        for photo in photos:
            store.save_in(session, photo, local_only=False)
        store.save_in(session, submitted, local_only=False)
        if visit.replaces_id:
            # The corrected visit steps aside in the same transaction: the review chain stays whole.
            replaced = session.get(Visit, visit.replaces_id)
            if replaced is not None and replaced.state in CORRECTABLE_STATES:
                store.save_in(
                    session, replaced.model_copy(update={"state": VisitState.REPLACED}), local_only=False
                )
        state = session.get(SyncState, _POSITION_PREFIX + visit_id)
        if state is not None:
            session.delete(state)
    return submitted


# ---- helpers ----------------------------------------------------------------------------------------


def _typed_answers(answers: dict[str, Any]) -> VisitAnswers:
    try:
        return VisitAnswers.model_validate(answers)
    except PydanticValidationError as exc:
        raise ValidationError(_pydantic_message(exc), str(exc)) from exc


def _draft_in(session: Session, visit_id: str) -> Visit:
    """The draft being edited or submitted; a submitted visit changes only through a correction."""
    visit = session.get(Visit, visit_id)
    if visit is None or visit.deleted:
        raise ValidationError("Draf kunjungan tidak ditemukan.", "The draft visit does not exist.")
    if visit.state != VisitState.DRAFT:
        raise ValidationError(
            "Kunjungan ini sudah dikirim dan tidak dapat diubah; buat kunjungan koreksi.",
            "This visit was submitted and cannot be changed; make a correction visit.",
        )
    return visit


def _draft(store: Store, visit_id: str) -> Visit:
    visit = store.get(Visit, visit_id)
    if not isinstance(visit, Visit) or visit.deleted:
        raise ValidationError("Draf kunjungan tidak ditemukan.", "The draft visit does not exist.")
    if visit.state != VisitState.DRAFT:
        raise ValidationError(
            "Kunjungan ini sudah dikirim; foto tidak dapat diubah lagi.",
            "This visit was submitted; its photos cannot be changed.",
        )
    return visit


def _photos_in(session: Session, visit_id: str) -> list[Photo]:
    return list(
        session.exec(
            select(Photo)
            .where(Photo.visit_id == visit_id, Photo.deleted == False)  # noqa: E712
            .order_by(col(Photo.taken_at), col(Photo.id))
        )
    )


def _pydantic_message(exc: PydanticValidationError) -> str:
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error["loc"])
        parts.append(f"{where}: {error['msg']}")
    return "Isian tidak sah: " + "; ".join(parts)
