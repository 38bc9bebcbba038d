"""Store-side helpers for requests and dossiers, Qt-free so the CLI and worker threads can use them.

A request is saved with `Store.save`, so it reaches the outbox and syncs as entity `request`. Photos
attached to a request (a sanggah's photo, scans of the documents) are `Photo` rows with `request_id`
set, saved the same way; their bytes go to the encrypted vault first.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from app.core.dossier import Dossier, LetterSettings, build_dossier, sktm_abbreviation
from app.core.models import Photo, PhotoKind, Request, RequestKind, RequestStatus
from app.core.photos import ProcessedPhoto
from app.core.rules import PolicyPack
from app.core.sktm import DEFAULT_BLOCK_SIZE, SktmBlock, SktmLedger, format_sktm_number
from app.store.errors import ValidationError
from app.store.store import Store
from app.store.vault import PhotoVault, user_vault
from app.store.visits import photo_record

LEDGER_KEY = "sktm_ledger"
SETTINGS_KEY = "letter:"  # + village code (SyncState keys are at most 40 characters)

# Which status may follow which: verification before a decision, and a decision is final.
NEXT_STATUS: dict[str, tuple[str, ...]] = {
    RequestStatus.RECEIVED: (RequestStatus.DOCUMENTS, RequestStatus.VERIFICATION, RequestStatus.REJECTED),
    RequestStatus.DOCUMENTS: (RequestStatus.VERIFICATION, RequestStatus.REJECTED),
    RequestStatus.VERIFICATION: (RequestStatus.APPROVED, RequestStatus.REJECTED),
    RequestStatus.APPROVED: (),
    RequestStatus.REJECTED: (),
}
# The document a kind of request cannot go without (DOMAIN glossary; DESIGN §1).
REQUIRED_EVIDENCE: dict[str, tuple[PhotoKind, ...]] = {
    RequestKind.OBJECTION: (PhotoKind.HOUSE_FRONT,),
    RequestKind.VOLUNTARY_GRADUATION: (PhotoKind.SIGNED_STATEMENT,),
}


def vault_for(user_dir: Path, key: bytes) -> PhotoVault:
    """The account's photo vault: `user_dir / "photos"`, the one place every part of the app uses."""
    return user_vault(user_dir, key)


def utcnow() -> datetime:
    return datetime.now(UTC)


# ---- requests ----------------------------------------------------------------------------------------


def requests_list(store: Store, *, household_id: str | None = None) -> list[Request]:
    with Session(store.engine) as session:
        query = select(Request).where(col(Request.deleted).is_(False))
        if household_id is not None:
            query = query.where(Request.household_id == household_id)
        return list(session.exec(query.order_by(col(Request.created_at).desc())))


def new_request(
    store: Store,
    *,
    kind: RequestKind | str,
    village_code: str,
    household_id: str | None,
    created_by: str,
    details: dict[str, Any] | None = None,
) -> Request:
    kind = RequestKind(kind)
    if kind is not RequestKind.PROPOSAL and not household_id:
        raise ValidationError(
            "Pilih keluarga untuk permohonan ini.", "Choose the family this request is about."
        )
    request = Request(
        village_code=village_code,
        household_id=household_id,
        kind=kind.value,
        created_by=created_by,
        created_at=utcnow(),
        details=details or {},
    )
    store.save(request)
    return request


def update_request(store: Store, request: Request, **changes: Any) -> Request:
    """Save changed fields (details, status, decision_note); a decided request no longer changes."""
    current = store.get(Request, request.id)
    if not isinstance(current, Request):
        raise ValidationError("Permohonan tidak ditemukan.", "The request does not exist.")
    status = changes.get("status")
    if status is not None and status != current.status and status not in NEXT_STATUS.get(current.status, ()):
        raise ValidationError(
            f"Status tidak dapat berpindah dari {current.status} ke {status}.",
            f"The status cannot move from {current.status} to {status}.",
        )
    if status == RequestStatus.VERIFICATION:
        missing = missing_evidence(store, current)
        if missing:
            raise ValidationError(
                "Lampirkan dulu: " + ", ".join(missing) + ".", "Attach first: " + ", ".join(missing) + "."
            )
    updated = current.model_copy(update=changes)
    store.save(updated)
    return updated


def missing_evidence(store: Store, request: Request) -> list[str]:
    kinds = {p.kind for p in request_photos(store, request.id)}
    labels = {
        PhotoKind.HOUSE_FRONT: "foto rumah (dengan GPS)",
        PhotoKind.SIGNED_STATEMENT: "surat pernyataan",
    }
    return [labels.get(k, k) for k in REQUIRED_EVIDENCE.get(request.kind, ()) if k not in kinds]


# ---- photos ------------------------------------------------------------------------------------------


def request_photos(store: Store, request_id: str) -> list[Photo]:
    with Session(store.engine) as session:
        return list(
            session.exec(select(Photo).where(Photo.request_id == request_id, col(Photo.deleted).is_(False)))
        )


def household_photos(store: Store, household_id: str) -> list[Photo]:
    with Session(store.engine) as session:
        return list(
            session.exec(
                select(Photo)
                .where(Photo.household_id == household_id, col(Photo.deleted).is_(False))
                .order_by(col(Photo.taken_at))
            )
        )


def attach_request_photo(
    store: Store,
    vault: PhotoVault,
    *,
    request: Request,
    processed: ProcessedPhoto,
    kind: PhotoKind | str,
    taken_by: str,
    member_id: str | None = None,
) -> Photo:
    """Vault first, then the record (synced): a crash leaves a stray blob, never a dangling record."""
    if not request.household_id:
        raise ValidationError("Permohonan ini belum terkait keluarga.", "This request has no family yet.")
    vault.put(processed.data)
    vault.put(processed.thumbnail)
    photo = photo_record(
        processed,
        village_code=request.village_code,
        household_id=request.household_id,
        kind=kind,
        taken_by=taken_by,
        request_id=request.id,
        member_id=member_id,
    )
    store.save(photo)
    return photo


# ---- letter settings and SKTM numbers ----------------------------------------------------------------


def letter_settings(store: Store, village_code: str) -> LetterSettings:
    raw = store.get_state(SETTINGS_KEY + village_code)
    return LetterSettings.model_validate_json(raw) if raw else LetterSettings()


def save_letter_settings(store: Store, village_code: str, settings: LetterSettings) -> None:
    store.set_state(SETTINGS_KEY + village_code, settings.model_dump_json())


def sktm_ledger(store: Store) -> SktmLedger:
    return SktmLedger.from_json(store.get_state(LEDGER_KEY))


def add_sktm_block(store: Store, block: SktmBlock) -> SktmLedger:
    ledger = sktm_ledger(store)
    ledger.add(block)
    store.set_state(LEDGER_KEY, ledger.to_json())
    return ledger


def fetch_sktm_block(client: Any, store: Store, *, village_code: str, year: int) -> SktmBlock:
    """Ask the server for a block (online) and keep it. `client` is the account's SyncClient."""
    answer = client.reserve_sktm_block(village_code=village_code, year=year, count=DEFAULT_BLOCK_SIZE)
    block = SktmBlock.model_validate(answer)
    add_sktm_block(store, block)
    return block


def top_up_sktm_blocks(client: Any, store: Store, villages: list[str], year: int) -> int:
    """After a sekdes's sync: fetch a new block for each village running low. Returns blocks fetched."""
    fetched = 0
    for village in villages:
        if sktm_ledger(store).needs_block(village, year):
            fetch_sktm_block(client, store, village_code=village, year=year)
            fetched += 1
    return fetched


def assign_sktm_number(store: Store, request_id: str, *, today: date) -> Request:
    """Give the request its SKTM number from the ledger (once; a numbered request keeps its number).

    The ledger is written before the request: a crash in between loses a serial (a gap), never
    prints one number twice.
    """
    request = store.get(Request, request_id)
    if not isinstance(request, Request):
        raise ValidationError("Permohonan tidak ditemukan.", "The request does not exist.")
    if request.sktm_number:
        return request
    ledger = sktm_ledger(store)
    serial = ledger.take(request.village_code, today.year)  # raises SktmExhausted
    store.set_state(LEDGER_KEY, ledger.to_json())
    settings = letter_settings(store, request.village_code)
    number = format_sktm_number(
        serial,
        year=today.year,
        abbreviation=sktm_abbreviation(request.village_code, settings),
        classification=settings.classification,
    )
    details = dict(request.details or {})
    details.setdefault("issued_on", today.isoformat())
    updated = request.model_copy(update={"sktm_number": number, "details": details})
    store.save(updated)
    return updated


# ---- the dossier -------------------------------------------------------------------------------------


def load_dossier(store: Store, request_id: str, *, today: date, pack: PolicyPack | None) -> Dossier:
    request = store.get(Request, request_id)
    if not isinstance(request, Request) or request.deleted:
        raise ValidationError(f"Permohonan {request_id} tidak ditemukan.", f"Request {request_id} not found.")
    if not request.household_id:
        raise ValidationError("Permohonan ini belum terkait keluarga.", "This request has no family yet.")
    found = store.household(request.household_id)
    if found is None:
        raise ValidationError(
            "Keluarga permohonan ini tidak ada di laptop.", "The family is not on this laptop."
        )
    household, members = found
    return build_dossier(
        request,
        household,
        members,
        store.visits_of(household.id),
        household_photos(store, household.id),
        settings=letter_settings(store, request.village_code),
        today=today,
        pack=pack,
    )
