"""Store-side pull helpers: apply one page of server changes and its cursor in one local transaction.

A pulled row is the server's truth, but local changes still waiting in the outbox are laid back on
top of it (a rebase), so pulling never hides unsent work: the local view is always
"server state + pending changes". A 410 from the server starts a full re-download that keeps the
outbox and drops, at the end, only rows the server no longer has and nobody is still sending.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import delete
from sqlmodel import Session, col, select

from app.core.models import SYNCED_ENTITIES, SyncedRow, values_model
from app.store.store import Changes, Store
from app.store.tables import OutboxEntry, ReceivedPolicyPack, ResyncSeen

CURSOR_KEY = "pull_cursor"
RESYNC_KEY = "pull_resync"
POLICY_PACK_ENTITY = "policy_pack"


class RemoteChange(Protocol):
    """What the store needs of a pulled change (the sync layer's `protocol.Change` fits)."""

    entity: str
    id: str
    version: int
    village_code: str
    deleted: bool
    data: dict[str, Any]


def cursor(store: Store) -> str:
    return store.get_state(CURSOR_KEY, "")


def resync_in_progress(store: Store) -> bool:
    return store.get_state(RESYNC_KEY, "") == "1"


def begin_resync(store: Store) -> None:
    """Forget the cursor and download the scope again; unsent work stays in the outbox."""
    with store.session() as session:
        session.execute(delete(ResyncSeen))
        store.set_state(CURSOR_KEY, "", session)
        store.set_state(RESYNC_KEY, "1", session)


def apply_page(store: Store, changes: Sequence[RemoteChange], next_cursor: str) -> Changes:
    """Apply pulled rows (rebased under pending local changes) and store `next_cursor`, atomically."""
    resync = resync_in_progress(store)
    with store.session() as session:
        pending = _pending_patches(session, [c.id for c in changes])
        by_table: dict[type[SyncedRow], list[dict[str, Any]]] = {}
        for change in changes:
            if change.entity == POLICY_PACK_ENTITY:
                _store_pack(session, change)
                continue
            model = SYNCED_ENTITIES.get(change.entity)
            if model is None:
                continue  # an entity this app does not know yet; the schema check in meta guards this
            data = {**change.data, "deleted": change.deleted}
            for patch in pending.get(change.id, []):
                data.update(patch)
            data.update(id=change.id, version=change.version, village_code=change.village_code)
            by_table.setdefault(model, []).append(_column_values(model, data))
            if resync:
                session.merge(ResyncSeen(entity=change.entity, entity_id=change.id))
        result = store.apply_remote_values(session, by_table)
        store.set_state(CURSOR_KEY, next_cursor, session)
    return result


def _column_values(model: type[SyncedRow], data: dict[str, Any]) -> dict[str, Any]:
    """A pulled row's JSON checked against its table's fields, as Python column values."""
    return values_model(model).model_validate(data).model_dump()


def finish_resync(store: Store) -> int:
    """After a full re-download: drop local rows the server no longer has (unless still being sent)."""
    dropped = 0
    with store.session() as session:
        pending_ids = set(session.exec(select(OutboxEntry.entity_id)).all())
        households: list[str] = []
        for entity, model in SYNCED_ENTITIES.items():
            seen = set(session.exec(select(ResyncSeen.entity_id).where(ResyncSeen.entity == entity)).all())
            for row in session.exec(select(model)).all():
                if row.id in seen or row.id in pending_ids:
                    continue
                hid = row.id if entity == "household" else getattr(row, "household_id", None)
                if hid:
                    households.append(hid)
                session.delete(row)
                dropped += 1
        session.flush()
        store.reindex_households(session, sorted(set(households)))
        session.execute(delete(ResyncSeen))
        store.set_state(RESYNC_KEY, "", session)
    return dropped


def _pending_patches(session: Session, entity_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    ids = list(entity_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        entries = session.exec(
            select(OutboxEntry)
            .where(col(OutboxEntry.entity_id).in_(chunk), OutboxEntry.state == "pending")
            .order_by(col(OutboxEntry.seq))
        ).all()
        for entry in entries:
            out.setdefault(entry.entity_id, []).append(
                {k: v for k, v in entry.patch.items() if k not in ("id", "version", "village_code")}
            )
    return out


def _store_pack(session: Session, change: RemoteChange) -> None:
    published = change.data.get("published_at")
    session.merge(
        ReceivedPolicyPack(
            id=change.id,
            pack_id=str(change.data.get("pack_id", "")),
            pack_version=str(change.data.get("version", "")),
            text=str(change.data.get("text", "")),
            published_at=datetime.fromisoformat(published) if published else datetime.now(UTC),
            change_version=change.version,
        )
    )


def policy_packs(store: Store) -> list[ReceivedPolicyPack]:
    with Session(store.engine) as session:
        return list(
            session.exec(select(ReceivedPolicyPack).order_by(col(ReceivedPolicyPack.change_version))).all()
        )


def local_rows(store: Store) -> dict[tuple[str, str], dict[str, Any]]:
    """Every synced row in the store as JSON (for tests and diagnostics: compare with the server)."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    with Session(store.engine) as session:
        for entity, model in SYNCED_ENTITIES.items():
            for row in session.exec(select(model)).all():
                out[(entity, row.id)] = row.model_dump(mode="json")
    return out
