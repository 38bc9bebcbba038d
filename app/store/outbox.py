"""Store-side push helpers: read the outbox in bounded batches, store the server's answers, resolve.

The outbox row of a change is removed only in the transaction that stores the server's answer to it
(DESIGN §5), so a crash at any point either resends the change (the server answers `duplicate`) or
has its answer already. Conflicts and rejections are kept in `LocalConflict` / `sync_journal`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from app.core.models import SYNCED_ENTITIES, SyncedRow
from app.store.store import Store, row_fields
from app.store.tables import LocalConflict, OutboxEntry, SyncJournalEntry


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class FieldConflictAnswer:
    id: str
    field: str
    base: Any
    mine: Any
    theirs: Any


@dataclass(frozen=True)
class PushAnswer:
    """The server's answer to one mutation, in store terms (the store does not know the wire types)."""

    mutation_id: str
    status: str  # applied | duplicate | conflict | rejected
    original_status: str | None = None
    version: int | None = None
    previous_version: int | None = None
    reason: str = ""
    conflicts: Sequence[FieldConflictAnswer] = field(default_factory=tuple)

    @property
    def effective_status(self) -> str:
        if self.status == "duplicate":
            return self.original_status or "applied"
        return self.status


def entry_bytes(entry: OutboxEntry) -> int:
    return len(json.dumps(entry.patch, default=str)) + len(json.dumps(entry.base, default=str)) + 250


def pending_batch(store: Store, *, max_count: int, max_bytes: int) -> list[OutboxEntry]:
    """The oldest pending entries, at most `max_count` of them and about `max_bytes` (at least one)."""
    with Session(store.engine) as session:
        entries = session.exec(
            select(OutboxEntry)
            .where(OutboxEntry.state == "pending", OutboxEntry.waits_for_blob == "")
            .order_by(col(OutboxEntry.seq))
            .limit(max_count)
        ).all()
    batch: list[OutboxEntry] = []
    size = 0
    for entry in entries:
        cost = entry_bytes(entry)
        if batch and size + cost > max_bytes:
            break
        batch.append(entry)
        size += cost
    return batch


def pending_count(store: Store) -> int:
    with Session(store.engine) as session:
        return len(session.exec(select(OutboxEntry.seq).where(OutboxEntry.state == "pending")).all())


def apply_answers(store: Store, answers: Sequence[PushAnswer]) -> dict[str, int]:
    """Store the server's answers and drop the answered outbox rows, in one local transaction."""
    counts = {"applied": 0, "duplicate": 0, "conflict": 0, "rejected": 0}
    with store.session() as session:
        for answer in answers:
            entry = session.exec(
                select(OutboxEntry).where(OutboxEntry.mutation_id == answer.mutation_id)
            ).first()
            if entry is None:
                continue  # answered before (a resent batch after a crash); nothing left to do
            counts[answer.status] = counts.get(answer.status, 0) + 1
            status = answer.effective_status
            if status == "applied":
                _applied(session, entry, answer)
            elif status == "conflict":
                _conflicted(session, entry, answer)
            else:
                _rejected(session, store, entry, answer)
            session.delete(entry)
    return counts


def _applied(session: Session, entry: OutboxEntry, answer: PushAnswer) -> None:
    new, previous = answer.version, answer.previous_version
    if new is None or previous is None or previous != entry.base_version or new == previous:
        return
    # Nobody else changed the row between our base and our change: later local changes to the same
    # row are based on our change, so rebase them; a delete queued behind an edit must not look like
    # delete-vs-edit against our own edit.
    session.execute(
        update(OutboxEntry)
        .where(
            col(OutboxEntry.entity_id) == entry.entity_id,
            col(OutboxEntry.base_version) == previous,
            col(OutboxEntry.seq) > (entry.seq or 0),
        )
        .values(base_version=new)
    )
    model = SYNCED_ENTITIES.get(entry.entity)
    if model is not None:
        row = session.get(model, entry.entity_id)
        if row is not None and row.version == previous:
            row.version = new
            session.add(row)


def _conflicted(session: Session, entry: OutboxEntry, answer: PushAnswer) -> None:
    for conflict in answer.conflicts:
        session.merge(
            LocalConflict(
                id=conflict.id,
                entity=entry.entity,
                entity_id=entry.entity_id,
                field=conflict.field,
                base_value=conflict.base,
                mine=conflict.mine,
                theirs=conflict.theirs,
                detected_at=utcnow(),
            )
        )
    _journal(session, entry, "conflict", answer.reason)


def _rejected(session: Session, store: Store, entry: OutboxEntry, answer: PushAnswer) -> None:
    _journal(session, entry, "rejected", answer.reason)
    model = SYNCED_ENTITIES.get(entry.entity)
    row = session.get(model, entry.entity_id) if model is not None else None
    if row is None:
        return
    later = session.exec(
        select(OutboxEntry).where(
            OutboxEntry.entity_id == entry.entity_id, col(OutboxEntry.seq) > (entry.seq or 0)
        )
    ).all()
    if entry.base_version == 0 and not entry.base and row.version == 0 and not later:
        # A refused creation: the server will never have this row. The journal keeps what was typed.
        session.delete(row)
        return
    # Undo the refused fields locally so the store shows what the server holds; later queued
    # changes to the same fields win (they are still to be sent).
    touched_later = {k for e in later for k in e.patch}
    current = row_fields(row)
    restore = {
        k: v for k, v in entry.base.items() if k not in touched_later and current.get(k) == entry.patch.get(k)
    }
    if restore:
        restored = type(row).model_validate({**current, **restore, "version": row.version})
        for key in restore:
            setattr(row, key, getattr(restored, key))
        session.add(row)
        store.reindex_households(session, _household_ids(row))


def _household_ids(row: SyncedRow) -> list[str]:
    hid = row.id if row.__tablename__ == "household" else getattr(row, "household_id", None)
    return [hid] if hid else []


def _journal(session: Session, entry: OutboxEntry, status: str, reason: str) -> None:
    session.add(
        SyncJournalEntry(
            mutation_id=entry.mutation_id,
            entity=entry.entity,
            entity_id=entry.entity_id,
            status=status,
            reason=reason[:500],
            patch=entry.patch,
            answered_at=utcnow(),
        )
    )


# ---- conflicts ---------------------------------------------------------------------------------------


def open_conflicts(store: Store, entity_id: str | None = None) -> list[LocalConflict]:
    with Session(store.engine) as session:
        query = select(LocalConflict).where(LocalConflict.resolved == False)  # noqa: E712
        if entity_id is not None:
            query = query.where(LocalConflict.entity_id == entity_id)
        return list(session.exec(query.order_by(col(LocalConflict.detected_at))).all())


def journal(store: Store, *, unread_only: bool = False) -> list[SyncJournalEntry]:
    with Session(store.engine) as session:
        query = select(SyncJournalEntry)
        if unread_only:
            query = query.where(SyncJournalEntry.read == False)  # noqa: E712
        return list(session.exec(query.order_by(col(SyncJournalEntry.id))).all())


def mark_journal_read(store: Store, ids: Sequence[int]) -> None:
    with store.session() as session:
        session.execute(
            update(SyncJournalEntry).where(col(SyncJournalEntry.id).in_(list(ids))).values(read=True)
        )


_NO_VALUE = object()


def resolve_conflict(store: Store, conflict_id: str, *, choice: str, value: Any = _NO_VALUE) -> None:
    """Settle a conflict: `choice` is "mine", "theirs" or "edit" (with `value`).

    The resolution is an ordinary mutation (queued in the outbox, pushed at next sync) based on the
    server's current version of the row, with `base` = the server's value, so the server applies it
    without a new conflict unless someone changed the field again meanwhile. It also tells the
    server which conflict it settles, so the supervisor's list clears.
    """
    if choice not in ("mine", "theirs", "edit"):
        raise ValueError(f"unknown choice {choice!r}")
    if choice == "edit" and value is _NO_VALUE:
        raise ValueError("choice 'edit' needs a value")
    with store.session() as session:
        conflict = session.get(LocalConflict, conflict_id)
        if conflict is None or conflict.resolved:
            return
        model = SYNCED_ENTITIES[conflict.entity]
        row = session.get(model, conflict.entity_id)
        if row is None:
            conflict.resolved = True
            session.add(conflict)
            return
        chosen = {"mine": conflict.mine, "theirs": conflict.theirs}.get(choice, value)
        current = row_fields(row)
        server_value = conflict.theirs
        fields = {conflict.field: chosen}
        if conflict.field == "deleted" and choice == "mine" and conflict.mine is False:
            # Keeping an edit the server deleted: undelete, and send the edit again (the journal kept it).
            edit = session.exec(
                select(SyncJournalEntry)
                .where(
                    SyncJournalEntry.entity_id == conflict.entity_id, SyncJournalEntry.status == "conflict"
                )
                .order_by(col(SyncJournalEntry.id).desc())
            ).first()
            fields = {**(edit.patch if edit else {}), "deleted": False}
            fields.pop("id", None)
            fields.pop("village_code", None)
        updated = model.model_validate({**current, **fields, "version": row.version})
        for key in fields:
            setattr(row, key, getattr(updated, key))
        session.add(row)
        session.add(
            OutboxEntry(
                mutation_id=str(uuid.uuid4()),
                entity=conflict.entity,
                entity_id=conflict.entity_id,
                village_code=row.village_code,
                op="delete" if fields == {"deleted": True} else "upsert",
                base_version=row.version,
                patch={k: row_fields(updated)[k] for k in fields},
                base={conflict.field: server_value},
                created_at=utcnow(),
                resolves=[conflict.id],
            )
        )
        conflict.resolved = True
        session.add(conflict)
        # Other open conflicts on the same field of the same row are settled by the same choice.
        session.execute(
            update(LocalConflict)
            .where(
                col(LocalConflict.entity_id) == conflict.entity_id,
                col(LocalConflict.field) == conflict.field,
                col(LocalConflict.resolved).is_(False),
            )
            .values(resolved=True)
        )
        store.reindex_households(session, _household_ids(row))


def drop_resolved_conflicts(store: Store) -> None:
    with store.session() as session:
        session.execute(delete(LocalConflict).where(col(LocalConflict.resolved).is_(True)))
