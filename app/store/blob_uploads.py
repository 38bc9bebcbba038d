"""Store-side bookkeeping of photo uploads: the queue, the resumable tus URL, and the upload journal.

A photo's record (its outbox entry) is held back with `waits_for_blob` until the server has confirmed
its blob, so the server never holds a Photo row whose bytes it cannot serve. Records that are not
photos never wait. Everything the sync panel shows about photos comes from `upload_journal()`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from app.core.models import Photo
from app.store.store import Store
from app.store.tables import BlobUpload, OutboxEntry

QUEUED = "queued"
UPLOADING = "uploading"
DONE = "done"
FAILED = "failed"


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class UploadJournalRow:
    """One blob's upload state, for a progress bar and a per-photo error line."""

    photo_id: str
    sha256: str
    role: str
    state: str
    bytes_confirmed: int
    size: int
    bytes_sent: int
    tries: int
    last_error: str
    updated_at: datetime

    @property
    def fraction(self) -> float:
        return 1.0 if self.size == 0 else min(1.0, self.bytes_confirmed / self.size)


def upload_journal(store: Store, *, include_done: bool = True) -> list[UploadJournalRow]:
    """Every queued, running, failed (and, unless told otherwise, finished) blob upload, oldest first."""
    with Session(store.engine) as session:
        query = select(BlobUpload).order_by(col(BlobUpload.queued_at), col(BlobUpload.sha256))
        if not include_done:
            query = query.where(BlobUpload.state != DONE)
        return [
            UploadJournalRow(
                photo_id=u.photo_id,
                sha256=u.sha256,
                role=u.role,
                state=u.state,
                bytes_confirmed=u.size if u.state == DONE else u.offset,
                size=u.size,
                bytes_sent=u.bytes_sent,
                tries=u.tries,
                last_error=u.last_error,
                updated_at=u.updated_at,
            )
            for u in session.exec(query).all()
        ]


def queue_pending_photos(store: Store) -> int:
    """Queue the blobs of every photo whose record is still to be pushed, and hold those records.

    Idempotent. Returns how many outbox entries now wait for a blob. Thumbnails go first in the
    queue: they are small and make the photo visible to a supervisor early.
    """
    held = 0
    with store.session() as session:
        entries = session.exec(
            select(OutboxEntry).where(OutboxEntry.entity == "photo", OutboxEntry.state == "pending")
        ).all()
        for entry in entries:
            photo = session.get(Photo, entry.entity_id)
            if photo is None or photo.deleted or not photo.sha256:
                continue
            now = utcnow()
            if photo.thumbnail_sha256:
                _ensure(session, photo, photo.thumbnail_sha256, "thumbnail", 0, now)
            upload = _ensure(session, photo, photo.sha256, "photo", photo.byte_size, now)
            if upload.state != DONE and "sha256" in entry.patch:
                if entry.waits_for_blob != photo.sha256:
                    entry.waits_for_blob = photo.sha256
                    session.add(entry)
                held += 1
            elif upload.state == DONE and entry.waits_for_blob:
                entry.waits_for_blob = ""
                session.add(entry)
    return held


def _ensure(session: Session, photo: Photo, sha256: str, role: str, size: int, now: datetime) -> BlobUpload:
    upload = session.get(BlobUpload, sha256)
    if upload is None:
        upload = BlobUpload(
            sha256=sha256,
            photo_id=photo.id,
            role=role,
            village_code=photo.village_code,
            media_type=photo.media_type,
            size=size,
            queued_at=now,
            updated_at=now,
        )
        session.add(upload)
        session.flush()
    return upload


def queue_blob(
    store: Store, *, sha256: str, size: int, village_code: str, photo_id: str = "", role: str = "photo"
) -> None:
    """Queue one blob directly (tests, imports); a blob already queued or done is left as it is."""
    with store.session() as session:
        if session.get(BlobUpload, sha256) is None:
            now = utcnow()
            session.add(
                BlobUpload(
                    sha256=sha256,
                    photo_id=photo_id,
                    role=role,
                    village_code=village_code,
                    size=size,
                    queued_at=now,
                    updated_at=now,
                )
            )


def pending_uploads(store: Store) -> list[BlobUpload]:
    """Blobs not yet confirmed (failed ones too: a new sync tries them again), thumbnails first."""
    with Session(store.engine) as session:
        rows = session.exec(select(BlobUpload).where(BlobUpload.state != DONE)).all()
    return sorted(rows, key=lambda u: (u.role != "thumbnail", u.queued_at, u.sha256))


def get_upload(store: Store, sha256: str) -> BlobUpload | None:
    with Session(store.engine) as session:
        return session.get(BlobUpload, sha256)


def is_confirmed(store: Store, sha256: str) -> bool:
    upload = get_upload(store, sha256)
    return upload is not None and upload.state == DONE


def set_size(store: Store, sha256: str, size: int) -> None:
    with store.session() as session:
        upload = session.get(BlobUpload, sha256)
        if upload is not None and upload.size != size:
            upload.size = size
            session.add(upload)


def mark_started(store: Store, sha256: str) -> None:
    """Before the first body byte goes out: from now on the server may hold part of this blob, so a
    run that lost track of it (a cut POST, an app killed mid-request) asks for the offset first."""
    with store.session() as session:
        upload = session.get(BlobUpload, sha256)
        if upload is not None and upload.state == QUEUED:
            upload.state = UPLOADING
            upload.updated_at = utcnow()
            session.add(upload)


def record_url(store: Store, sha256: str, url: str, offset: int = 0, *, sent: int = 0) -> None:
    """Keep the tus upload URL (and the offset the server answered), so a drop or a crash resumes."""
    with store.session() as session:
        upload = session.get(BlobUpload, sha256)
        if upload is not None:
            upload.upload_url = url
            upload.offset = offset
            upload.bytes_sent += sent
            upload.state = UPLOADING
            upload.updated_at = utcnow()
            session.add(upload)


def record_progress(store: Store, sha256: str, *, offset: int | None = None, sent: int = 0) -> None:
    with store.session() as session:
        upload = session.get(BlobUpload, sha256)
        if upload is not None:
            if offset is not None:
                upload.offset = offset
            upload.bytes_sent += sent
            upload.updated_at = utcnow()
            session.add(upload)


def record_failure(
    store: Store, sha256: str, message: str, *, forget_url: bool = False, final: bool = False
) -> None:
    with store.session() as session:
        upload = session.get(BlobUpload, sha256)
        if upload is not None:
            upload.tries += 1
            upload.last_error = message[:500]
            if forget_url:
                upload.upload_url = ""
                upload.offset = 0
            if final:
                upload.state = FAILED
            upload.updated_at = utcnow()
            session.add(upload)


def confirm(store: Store, sha256s: Sequence[str], *, sent: int = 0) -> int:
    """The server holds these blobs: mark them done and release the records waiting for them.

    One transaction, so a record is never released for a blob still marked as pending. `sent` adds
    body bytes to the journal of a single blob (its last request's). Returns how many outbox entries
    were released.
    """
    if not sha256s:
        return 0
    now = utcnow()
    with store.session() as session:
        for sha in sha256s:
            upload = session.get(BlobUpload, sha)
            if upload is not None and upload.state != DONE:
                upload.state = DONE
                upload.offset = upload.size
                upload.upload_url = ""
                upload.last_error = ""
                upload.confirmed_at = now
                upload.updated_at = now
                if len(sha256s) == 1:
                    upload.bytes_sent += sent
                session.add(upload)
        result = session.execute(
            update(OutboxEntry)
            .where(col(OutboxEntry.waits_for_blob).in_(list(sha256s)))
            .values(waits_for_blob="")
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


def waiting_records(store: Store) -> int:
    with Session(store.engine) as session:
        return len(session.exec(select(OutboxEntry.seq).where(OutboxEntry.waits_for_blob != "")).all())
