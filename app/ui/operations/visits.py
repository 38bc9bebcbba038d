"""User actions on a verval visit: one keyword-only function per action (Anki's operations pattern).

Each function builds a callable that receives the store (and the vault or pack it needs), never a
widget, runs it on the worker pool and reports back on the main thread through the callbacks.
Errors reach `on_failure` as exceptions; `message_for` turns one into a sentence for the officer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QImage

from app.core.models import Photo, PhotoKind, Visit
from app.core.photos import PhotoError, process_photo
from app.core.rules import PolicyPack
from app.store import visits
from app.store.errors import StoreError
from app.store.packs import current_pack
from app.store.store import Changes, Store
from app.store.vault import PhotoVault
from app.ui.worker import Job, run_in_background

log = logging.getLogger(__name__)

Success = Callable[[Any], None] | None
Failure = Callable[[Exception], None] | None


def message_for(exc: Exception) -> str:
    """The sentence to show for a failed action: known errors carry their own, bugs get a generic one."""
    if isinstance(exc, StoreError | PhotoError):
        return exc.message
    log.error("unexpected error in a visit action: %s", getattr(exc, "__traceback_text__", repr(exc)))
    return f"Terjadi kesalahan tak terduga ({type(exc).__name__}). Data yang sudah tersimpan tidak hilang."


def _run(op: Callable[[], Any], on_success: Success, on_failure: Failure) -> Job:
    return run_in_background(lambda _job: op(), on_success=on_success, on_failure=on_failure)


# ---- opening --------------------------------------------------------------------------------------


def load_policy_pack(*, store: Store, on_success: Success, on_failure: Failure = None) -> Job:
    """The pack new verdicts use (the newest received through sync, else the shipped one). Loading
    compiles every CEL condition (about a second): never on the UI thread."""
    return _run(lambda: current_pack(store), on_success, on_failure)


def start_visit(
    *, store: Store, household_id: str, officer: str, on_success: Success, on_failure: Failure = None
) -> Job:
    """ "Kunjungan baru" or "Lanjutkan draf": open (or create) the draft and load what the form needs."""

    def op(s: Store) -> visits.VisitContext:
        visit = visits.start_visit(s, household_id=household_id, officer=officer)
        return visits.load_visit(s, visit.id)

    return _run(lambda: op(store), on_success, on_failure)


def start_correction(
    *, store: Store, visit_id: str, officer: str, on_success: Success, on_failure: Failure = None
) -> Job:
    """ "Koreksi": a new draft replacing a submitted visit."""

    def op(s: Store) -> visits.VisitContext:
        visit = visits.start_correction(s, visit_id=visit_id, officer=officer)
        return visits.load_visit(s, visit.id)

    return _run(lambda: op(store), on_success, on_failure)


def open_visit(*, store: Store, visit_id: str, on_success: Success, on_failure: Failure = None) -> Job:
    """Open any visit (a submitted one opens read-only)."""
    return _run(lambda: visits.load_visit(store, visit_id), on_success, on_failure)


# ---- editing --------------------------------------------------------------------------------------


def save_draft(
    *,
    store: Store,
    visit_id: str,
    answers: dict[str, Any],
    position: visits.FormPosition,
    on_success: Success = None,
    on_failure: Failure = None,
) -> Job:
    def op(s: Store) -> Changes:
        return visits.save_draft(s, visit_id=visit_id, answers=answers, position=position)

    return _run(lambda: op(store), on_success, on_failure)


def submit_visit(
    *,
    store: Store,
    visit_id: str,
    answers: dict[str, Any],
    pack: PolicyPack,
    on_success: Success,
    on_failure: Failure = None,
) -> Job:
    def op(s: Store) -> Visit:
        return visits.submit_visit(s, visit_id=visit_id, answers=answers, pack=pack)

    return _run(lambda: op(store), on_success, on_failure)


def discard_draft(
    *, store: Store, visit_id: str, on_success: Success = None, on_failure: Failure = None
) -> Job:
    return _run(lambda: visits.discard_draft(store, visit_id=visit_id), on_success, on_failure)


# ---- photos ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportedPhoto:
    source: str  # file name, for messages
    photo: Photo
    thumbnail: bytes
    similar: list[visits.SimilarPhoto]
    time_source: str


def import_photo(
    *,
    store: Store,
    vault: PhotoVault,
    visit_id: str,
    household_id: str,
    path: Path,
    kind: PhotoKind | str,
    taken_by: str,
    on_success: Success,
    on_failure: Failure = None,
) -> Job:
    """Read, check, orient and shrink one photo file, store it encrypted, record it on the draft.

    A refused file raises PhotoError naming the file; nothing is written for it.
    """

    def op() -> ImportedPhoto:
        return _import(
            store, vault, visit_id, household_id, path.name, lambda: _read_file(path), kind, taken_by
        )

    return _run(op, on_success, on_failure)


def import_camera_picture(
    *,
    store: Store,
    vault: PhotoVault,
    visit_id: str,
    household_id: str,
    image: QImage,
    name: str,
    kind: PhotoKind | str,
    taken_by: str,
    on_success: Success,
    on_failure: Failure = None,
) -> Job:
    """A picture taken with the camera, from then on exactly as an imported file.

    The frame becomes a JPEG at quality 95 in memory, and that JPEG is what a file import would have
    read: the same checks, rendition, vault (it is the "original" kept until the server confirms) and
    record. It never lands on disk as a plaintext file: it may well be an ID card (DESIGN §9).
    """

    def op() -> ImportedPhoto:
        return _import(
            store, vault, visit_id, household_id, name, lambda: encode_picture(image), kind, taken_by
        )

    return _run(op, on_success, on_failure)


CAMERA_JPEG_QUALITY = 95


def encode_picture(image: QImage) -> bytes:
    """A camera frame as a JPEG at quality 95: close enough to lossless for a rendition made from it."""
    if image.isNull():
        raise PhotoError("empty", "Kamera tidak memberikan gambar.", "The camera gave no picture.")
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "JPEG", CAMERA_JPEG_QUALITY):
        raise PhotoError(
            "corrupt", "Gambar kamera tidak dapat disimpan.", "The camera picture cannot be saved."
        )
    return bytes(buffer.data().data())


def _import(
    store: Store,
    vault: PhotoVault,
    visit_id: str,
    household_id: str,
    name: str,
    read: Callable[[], bytes],
    kind: PhotoKind | str,
    taken_by: str,
) -> ImportedPhoto:
    """One photo from its bytes to the draft; `name` prefixes a refusal's message."""
    try:
        original = read()
        processed = process_photo(original, fallback_gps=_visit_gps(store, visit_id))
    except PhotoError as exc:
        raise PhotoError(exc.message_id, f"{name}: {exc.message}", f"{name}: {exc.english}") from exc
    photo = visits.attach_photo(
        store, vault, visit_id=visit_id, processed=processed, original=original, kind=kind, taken_by=taken_by
    )
    similar = visits.similar_photos(store, phash=processed.phash, household_id=household_id)
    return ImportedPhoto(name, photo, processed.thumbnail, similar, processed.time_source)


def _visit_gps(store: Store, visit_id: str) -> tuple[float, float] | None:
    """Where the visit was, for a photo whose file says nothing about where it was taken."""
    visit = store.get(Visit, visit_id)
    if isinstance(visit, Visit) and visit.latitude is not None and visit.longitude is not None:
        return visit.latitude, visit.longitude
    return None


def load_thumbnails(
    *,
    store: Store,
    vault: PhotoVault,
    photos: list[Photo],
    household_id: str,
    on_success: Success,
    on_failure: Failure = None,
) -> Job:
    """Decrypt the thumbnails of a reopened visit and look again for the same house elsewhere."""

    def op(s: Store, v: PhotoVault) -> dict[str, tuple[bytes | None, list[visits.SimilarPhoto]]]:
        out: dict[str, tuple[bytes | None, list[visits.SimilarPhoto]]] = {}
        for photo in photos:
            try:
                thumbnail: bytes | None = v.get(photo.thumbnail_sha256 or photo.sha256)
            except StoreError:
                thumbnail = None  # shown as "missing" on the row; the record stays
            out[photo.id] = (
                thumbnail,
                visits.similar_photos(s, phash=photo.phash, household_id=household_id),
            )
        return out

    return _run(lambda: op(store, vault), on_success, on_failure)


def update_photo(
    *,
    store: Store,
    photo_id: str,
    kind: PhotoKind | str,
    member_id: str | None,
    on_success: Success = None,
    on_failure: Failure = None,
) -> Job:
    return _run(
        lambda: visits.update_photo(store, photo_id=photo_id, kind=kind, member_id=member_id),
        on_success,
        on_failure,
    )


def remove_photo(
    *, store: Store, photo_id: str, on_success: Success = None, on_failure: Failure = None
) -> Job:
    return _run(lambda: visits.remove_photo(store, photo_id=photo_id), on_success, on_failure)


def _read_file(path: Path) -> bytes:
    from app.core.photos import MAX_INPUT_BYTES  # noqa: PLC0415

    try:
        if path.stat().st_size > MAX_INPUT_BYTES:
            # Refused by size before a byte is read (a 2 GB video must not be slurped), with the same
            # message as every other refusal.
            process_photo(path)
        return path.read_bytes()
    except OSError as exc:
        raise PhotoError("unreadable", f"Berkas tidak dapat dibaca: {exc.strerror}.", str(exc)) from exc
