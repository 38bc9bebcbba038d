"""Push and pull on the server side (DESIGN §5): idempotent field-level merges and scoped paging.

Push runs one batch in one transaction: each mutation's effect and its MutationLog row commit
together, so a repeat after a lost response finds the stored answer. Rows touched by the batch are
locked (FOR UPDATE on PostgreSQL, in a fixed order so two batches cannot deadlock on each other) before
they are merged, and change numbers are allocated last (see `versions.py`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import Engine, Integer, String, literal, select, union_all
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import Session, col

from app.core.models import SYNCED_ENTITIES, SyncedRow, Visit
from app.server import review, versions
from app.server.auth import CurrentUser, Scope, utcnow
from app.server.db import is_postgres, write_session
from app.server.models import Conflict, MutationLog, PolicyPack, Tombstone
from app.server.review import review_refusal
from app.sync.protocol import POLICY_PACK_ENTITY, Change, FieldConflict, Mutation, MutationResult, PullPage

_MISSING = object()
# Fields set by the server only are each model's SERVER_FIELDS; a client patch naming them is refused.
PURGED_THROUGH = "purged_through"
# One sentence for every scope refusal: a guessed id must not reveal whether or where the row exists.
OUT_OF_SCOPE = "Data ini tidak termasuk wilayah tugas Anda; perubahan ditolak."


# ---- canonical values ------------------------------------------------------------------------------


@cache
def _adapter(model: type[SyncedRow], field: str) -> TypeAdapter[Any]:
    return TypeAdapter(model.model_fields[field].annotation)


def canonical(model: type[SyncedRow], field: str, value: Any) -> Any:
    """The JSON form the server stores for `value`, so '…+07:00' and '…Z' of one instant compare equal."""
    try:
        parsed = _adapter(model, field).validate_python(value)
    except PydanticValidationError:
        return value
    if isinstance(parsed, datetime) and parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC)
    return _adapter(model, field).dump_python(parsed, mode="json")


def row_json(row: SyncedRow) -> dict[str, Any]:
    return row.model_dump(mode="json", exclude={"version"})


def mutation_digest(mutation: Mutation) -> str:
    body = json.dumps(mutation.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(body.encode()).hexdigest()


# ---- push ----------------------------------------------------------------------------------------


class BatchRetry(Exception):
    """The batch hit a concurrent writer (unique race, deadlock, serialization); run it again."""


@dataclass
class _Outcome:
    mutation: Mutation
    status: str
    reason: str = ""
    row: SyncedRow | None = None  # set when the row changed and needs a new version
    previous_version: int | None = None
    version: int | None = None
    conflicts: list[Conflict] | None = None
    deleted_now: bool = False
    undeleted_now: bool = False


def push(
    engine: Engine, user: CurrentUser, mutations: Sequence[Mutation], *, attempts: int = 5
) -> list[MutationResult]:
    for attempt in range(attempts):
        try:
            return _push_once(engine, user, mutations)
        except (IntegrityError, DBAPIError) as exc:
            # A concurrent batch inserted the same row / mutation id first, or PostgreSQL broke a
            # deadlock: nothing of this batch was committed, so running it again is safe and will
            # find the other batch's effect.
            if attempt == attempts - 1 or not _retryable(exc):
                raise
    raise AssertionError("unreachable")


def _retryable(exc: Exception) -> bool:
    if isinstance(exc, IntegrityError):
        return True
    code = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return code in {"40001", "40P01"} or "database is locked" in str(exc)


def _push_once(engine: Engine, user: CurrentUser, mutations: Sequence[Mutation]) -> list[MutationResult]:
    with write_session(engine) as session:
        ids = [m.mutation_id for m in mutations]
        logged = {
            log.mutation_id: log
            for log in session.exec(
                select(MutationLog).where(col(MutationLog.mutation_id).in_(ids))  # type: ignore[call-overload]
            ).scalars()
        }
        rows = _lock_rows(session, mutations)
        results: list[MutationResult | _Outcome] = []
        seen: dict[str, tuple[str, _Outcome | MutationLog]] = {}
        with session.no_autoflush:
            for mutation in mutations:
                digest = mutation_digest(mutation)
                earlier = seen.get(mutation.mutation_id)
                log = logged.get(mutation.mutation_id)
                if earlier is not None or log is not None:
                    first_digest, first = earlier if earlier is not None else (log.body_sha256, log)  # type: ignore[union-attr]
                    results.append(_repeat(mutation, digest, first_digest, first))
                    continue
                outcome = _merge(session, user, mutation, rows)
                seen[mutation.mutation_id] = (digest, outcome)
                results.append(outcome)
        outcomes = [r for r in results if isinstance(r, _Outcome)]
        changed = [o for o in outcomes if o.row is not None]
        rechecked = _recheck_visits(session, [o.row for o in changed if o.row is not None])
        if changed or rechecked:
            # Allocate as late as possible: from here to COMMIT other writers wait for the counter row.
            first = versions.allocate(session, len(changed) + len(rechecked))
            for offset, outcome in enumerate(changed):
                assert outcome.row is not None
                outcome.version = first + offset
                outcome.row.version = outcome.version
                session.add(outcome.row)
            for offset, visit in enumerate(rechecked, start=first + len(changed)):
                visit.version = offset
                session.add(visit)
        now = utcnow()
        for outcome in outcomes:
            _record(session, user, outcome, now)
        session.commit()
        return [r if isinstance(r, MutationResult) else _result(r) for r in results]


def _recheck_visits(session: Session, rows: Sequence[SyncedRow]) -> list[Visit]:
    """Re-evaluate submitted visits with their own pack version (DESIGN §4); a different verdict sets
    `server_verdict_mismatch` for the reviewer. Returns visits outside the batch whose flag changed
    (their photos came in this batch): they need a new version so the change reaches the reviewer."""
    in_batch = {row.id for row in rows}
    flipped: list[Visit] = []
    for visit_id in review.recheck_batch(session, rows):
        if visit_id in in_batch:
            continue
        visit = session.get(Visit, visit_id)
        if visit is not None and visit in session.dirty:
            flipped.append(visit)
    return flipped


def _lock_rows(session: Session, mutations: Sequence[Mutation]) -> dict[tuple[str, str], SyncedRow]:
    wanted: dict[str, set[str]] = {}
    for m in mutations:
        wanted.setdefault(m.entity, set()).add(m.entity_id)
    rows: dict[tuple[str, str], SyncedRow] = {}
    lock = is_postgres(session)
    for entity in sorted(wanted):
        model = SYNCED_ENTITIES[entity]
        query = select(model).where(col(model.id).in_(sorted(wanted[entity]))).order_by(col(model.id))
        if lock:
            query = query.with_for_update()
        for row in session.execute(query).scalars():
            rows[(entity, row.id)] = row
    return rows


def _repeat(
    mutation: Mutation, digest: str, first_digest: str, first: _Outcome | MutationLog
) -> MutationResult:
    if digest != first_digest:
        return MutationResult(
            mutation_id=mutation.mutation_id,
            status="rejected",
            reason="ID perubahan ini sudah dipakai untuk perubahan lain; perubahan tidak disimpan.",
        )
    original = _result(first) if isinstance(first, _Outcome) else _logged_result(first)
    return original.model_copy(update={"status": "duplicate", "original_status": original.status})


def _result(outcome: _Outcome) -> MutationResult:
    return MutationResult(
        mutation_id=outcome.mutation.mutation_id,
        status=outcome.status,  # type: ignore[arg-type]
        version=outcome.version,
        previous_version=outcome.previous_version,
        reason=outcome.reason,
        conflicts=[_field_conflict(c) for c in outcome.conflicts or []],
    )


def _logged_result(log: MutationLog) -> MutationResult:
    return MutationResult(
        mutation_id=log.mutation_id,
        status=log.status,  # type: ignore[arg-type]
        version=log.version,
        previous_version=log.previous_version,
        reason=log.reason,
        conflicts=[FieldConflict.model_validate(c) for c in log.conflicts or []],
    )


def _field_conflict(conflict: Conflict) -> FieldConflict:
    return FieldConflict(
        id=conflict.id,
        entity=conflict.entity,
        entity_id=conflict.entity_id,
        field=conflict.field,
        base=conflict.base_value,
        mine=conflict.mine,
        theirs=conflict.theirs,
    )


def _record(session: Session, user: CurrentUser, outcome: _Outcome, now: datetime) -> None:
    m = outcome.mutation
    if outcome.version is None and outcome.status in ("applied", "conflict"):
        outcome.version = outcome.previous_version
    for conflict in outcome.conflicts or []:
        session.add(conflict)
    if outcome.deleted_now and outcome.row is not None:
        session.merge(
            Tombstone(entity=m.entity, entity_id=m.entity_id, version=outcome.version or 0, deleted_at=now)
        )
    if outcome.undeleted_now:
        tomb = session.get(Tombstone, (m.entity, m.entity_id))
        if tomb is not None:
            session.delete(tomb)
    session.add(
        MutationLog(
            mutation_id=m.mutation_id,
            body_sha256=mutation_digest(m),
            user_id=user.id,
            entity=m.entity,
            entity_id=m.entity_id,
            village_code=m.village_code,
            status=outcome.status,
            version=outcome.version,
            previous_version=outcome.previous_version,
            reason=outcome.reason[:500],
            conflicts=[_field_conflict(c).model_dump(mode="json") for c in outcome.conflicts or []],
            received_at=now,
        )
    )


def _reject(mutation: Mutation, reason: str, previous: int | None = None) -> _Outcome:
    return _Outcome(mutation=mutation, status="rejected", reason=reason, previous_version=previous)


def _merge(
    session: Session, user: CurrentUser, m: Mutation, rows: dict[tuple[str, str], SyncedRow]
) -> _Outcome:
    model = SYNCED_ENTITIES[m.entity]
    scope = user.scope
    if not scope.covers(m.village_code):
        return _reject(m, OUT_OF_SCOPE)
    fields = set(model.model_fields)
    unknown = sorted(set(m.patch) - fields)
    if unknown:
        return _reject(m, f"Kolom tidak dikenal untuk {m.entity}: {', '.join(unknown)}.")
    forbidden = sorted(set(m.patch) & model.SERVER_FIELDS)
    if forbidden:
        return _reject(m, f"Kolom {', '.join(forbidden)} hanya diisi oleh server.")
    if "id" in m.patch and m.patch["id"] != m.entity_id:
        return _reject(m, "ID data di isi perubahan tidak sama dengan ID yang dituju.")
    if "village_code" in m.patch and m.patch["village_code"] != m.village_code:
        return _reject(m, "Memindahkan data ke desa lain tidak diizinkan lewat sinkronisasi.")
    row = rows.get((m.entity, m.entity_id))
    if row is None:
        refusal = review_refusal(user, m.entity, m.patch, None)
        return _reject(m, refusal) if refusal else _create(m, model, rows)
    if not scope.covers(row.village_code):
        # Same words as an unassigned village: a guessed id must not reveal that the row exists.
        return _reject(m, OUT_OF_SCOPE)
    if row.village_code != m.village_code:
        return _reject(m, "Memindahkan data ke desa lain tidak diizinkan lewat sinkronisasi.", row.version)
    refusal = review_refusal(user, m.entity, m.patch, row)
    if refusal:
        return _reject(m, refusal, row.version)
    if isinstance(row, Visit) and _changes_submitted_answers(m, row):
        return _reject(
            m, "Kunjungan yang sudah dikirim tidak dapat diubah; kirim kunjungan koreksi.", row.version
        )
    if m.op == "delete":
        return _delete(session, user, m, row)
    return _update(session, user, m, model, row)


def _changes_submitted_answers(m: Mutation, visit: Visit) -> bool:
    """Visits reach the server only once submitted; after that a correction is a new visit."""
    return any(
        field in m.patch and m.patch[field] != _canonical_field(visit, field)
        for field in ("answers", "household_id")
    )


def _canonical_field(row: SyncedRow, field: str) -> Any:
    return row.model_dump(mode="json", include={field}).get(field)


def _create(m: Mutation, model: type[SyncedRow], rows: dict[tuple[str, str], SyncedRow]) -> _Outcome:
    if m.op == "delete":
        return _reject(m, "Data yang akan dihapus tidak ada di server.")
    if m.base_version > 0:
        return _reject(m, "Data ini tidak ada di server (mungkin sudah dihapus permanen).")
    data = {k: v for k, v in m.patch.items() if k not in model.SERVER_FIELDS}
    data.update(id=m.entity_id, village_code=m.village_code, version=0)
    row, error = _validated(model, data)
    if row is None:
        return _reject(m, error)
    rows[(m.entity, m.entity_id)] = row
    return _Outcome(mutation=m, status="applied", row=row, previous_version=0, deleted_now=row.deleted)


def _validated(model: type[SyncedRow], data: dict[str, Any]) -> tuple[SyncedRow | None, str]:
    try:
        row = model.model_validate(data)
    except PydanticValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(data)'}: {e['msg']}" for e in exc.errors()[:5]
        )
        return None, f"Data tidak valid: {problems}."
    for name, value in row:
        if isinstance(value, datetime) and value.tzinfo is None:
            return None, f"Data tidak valid: {name}: waktu harus menyertakan zona waktu."
        if isinstance(value, date | datetime) and value.year < 1850:
            return None, f"Data tidak valid: {name}: tanggal tidak masuk akal."
    return row, ""


def _conflict(
    user: CurrentUser, m: Mutation, row: SyncedRow, field: str, base: Any, mine: Any, theirs: Any
) -> Conflict:
    return Conflict(
        entity=m.entity,
        entity_id=m.entity_id,
        village_code=row.village_code,
        field=field,
        base_value=base,
        mine=mine,
        theirs=theirs,
        mutation_id=m.mutation_id,
        user_id=user.id,
        detected_at=utcnow(),
    )


def _resolve(session: Session, user: CurrentUser, m: Mutation) -> None:
    if not m.resolves:
        return
    for conflict in session.execute(
        select(Conflict).where(col(Conflict.id).in_(m.resolves), Conflict.entity_id == m.entity_id)
    ).scalars():
        if not conflict.resolved:
            conflict.resolved = True
            conflict.resolved_by = user.id
            conflict.resolved_at = utcnow()
            session.add(conflict)


def _delete(session: Session, user: CurrentUser, m: Mutation, row: SyncedRow) -> _Outcome:
    previous = row.version
    if row.deleted:
        _resolve(session, user, m)
        return _Outcome(mutation=m, status="applied", previous_version=previous)
    if row.version > m.base_version:
        # Someone changed the row since this officer saw it: delete vs edit is never a silent win.
        conflict = _conflict(user, m, row, "deleted", False, True, False)
        return _Outcome(
            mutation=m,
            status="conflict",
            previous_version=previous,
            conflicts=[conflict],
            reason="Data ini diubah orang lain sejak Anda mengunduhnya; penghapusan ditahan.",
        )
    row.deleted = True
    _resolve(session, user, m)
    return _Outcome(mutation=m, status="applied", row=row, previous_version=previous, deleted_now=True)


def _update(
    session: Session, user: CurrentUser, m: Mutation, model: type[SyncedRow], row: SyncedRow
) -> _Outcome:
    previous = row.version
    current = row_json(row)
    patch = {k: v for k, v in m.patch.items() if k not in ("id", "village_code")}
    wants_undelete = patch.get("deleted") is False and m.base.get("deleted") is True
    if row.deleted and not wants_undelete and patch.get("deleted") is not True:
        conflict = _conflict(user, m, row, "deleted", False, False, True)
        return _Outcome(
            mutation=m,
            status="conflict",
            previous_version=previous,
            conflicts=[conflict],
            reason="Data ini sudah dihapus di server; perubahan Anda ditahan.",
        )
    apply: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    for field, mine_raw in patch.items():
        mine = canonical(model, field, mine_raw)
        theirs = current.get(field)
        if mine == theirs:
            continue
        base_raw = m.base.get(field, _MISSING)
        base = _MISSING if base_raw is _MISSING else canonical(model, field, base_raw)
        if (base is not _MISSING and base == theirs) or row.version <= m.base_version:
            # The server has not changed this field since the officer's base: take the officer's value.
            apply[field] = mine
        else:
            conflicts.append(_conflict(user, m, row, field, None if base is _MISSING else base, mine, theirs))
    changed = False
    if apply:
        merged, error = _validated(model, {**current, **apply, "version": row.version})
        if merged is None:
            return _reject(m, error, previous)
        for field in apply:
            setattr(row, field, getattr(merged, field))
        changed = True
    _resolve(session, user, m)
    outcome = _Outcome(
        mutation=m,
        status="conflict" if conflicts else "applied",
        row=row if changed else None,
        previous_version=previous,
        conflicts=conflicts,
        deleted_now=changed and apply.get("deleted") is True,
        undeleted_now=changed and apply.get("deleted") is False,
    )
    if conflicts:
        names = ", ".join(c.field for c in conflicts)
        outcome.reason = (
            f"Kolom {names} juga diubah orang lain; nilai di server dipertahankan sampai diputuskan."
        )
    return outcome


# ---- pull ----------------------------------------------------------------------------------------


class CursorError(Exception):
    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def make_cursor(version: int, scope: Scope) -> str:
    return f"{version}.{scope.fingerprint}"


def parse_cursor(cursor: str | None, scope: Scope, purged_through: int) -> int:
    """The change number after which to read. Raises CursorError (400 / 410)."""
    if not cursor:
        return 0
    number, _, fingerprint = cursor.partition(".")
    if not number.isdigit() or not fingerprint:
        raise CursorError("Penanda sinkronisasi (cursor) tidak dikenali.", "bad_cursor")
    value = int(number)
    if value == 0:
        return 0
    if fingerprint != scope.fingerprint:
        raise CursorError(
            "Wilayah tugas Anda berubah; data desa perlu diunduh ulang. Data yang belum terkirim tetap aman.",
            "scope_changed",
        )
    if value < purged_through:
        raise CursorError(
            "Data lokal terlalu lama tidak disinkronkan; data desa perlu diunduh ulang. "
            "Data yang belum terkirim tetap aman.",
            "cursor_expired",
        )
    return value


def pull(session: Session, scope: Scope, *, after: int, max_bytes: int) -> PullPage:
    """Changes after `after` in `scope`, in change-number order, about `max_bytes` of JSON at most."""
    limit = max(1, min(20_000, max_bytes // 300 + 1))
    parts = []
    for entity, model in SYNCED_ENTITIES.items():
        table = model.__table__  # type: ignore[attr-defined]
        parts.append(
            select(
                literal(entity, String).label("entity"), table.c.id, table.c.version.label("version")
            ).where(table.c.version > after, scope.clause(table.c.village_code))
        )
    packs = PolicyPack.__table__  # type: ignore[attr-defined]
    parts.append(
        select(
            literal(POLICY_PACK_ENTITY, String).label("entity"), packs.c.id, packs.c.version.label("version")
        ).where(packs.c.version > after)
    )
    union = union_all(*parts).subquery()
    query = (
        select(union.c.entity, union.c.id, union.c.version.cast(Integer))
        .order_by(union.c.version)
        .limit(limit)
    )
    keys = [(str(e), str(i), int(v)) for e, i, v in session.execute(query)]
    by_entity: dict[str, list[str]] = {}
    for entity, row_id, _ in keys:
        by_entity.setdefault(entity, []).append(row_id)
    loaded: dict[tuple[str, str], Change] = {}
    for entity, row_ids in by_entity.items():
        for start in range(0, len(row_ids), 900):
            chunk = row_ids[start : start + 900]
            if entity == POLICY_PACK_ENTITY:
                for pack in session.execute(
                    select(PolicyPack).where(col(PolicyPack.id).in_(chunk))
                ).scalars():
                    loaded[(entity, pack.id)] = _pack_change(pack)
                continue
            model = SYNCED_ENTITIES[entity]
            for row in session.execute(select(model).where(col(model.id).in_(chunk))).scalars():
                loaded[(entity, row.id)] = _row_change(entity, row)
    changes: list[Change] = []
    size = 0
    cut = False
    last = after
    for entity, row_id, version in keys:
        change = loaded.get((entity, row_id))
        if change is None or change.version != version:
            # Changed again between the two queries (SQLite/PG read committed): it will come later
            # under its new number, so the cursor must not pass the old one without it. Stop here.
            cut = True
            break
        approx = len(change.model_dump_json()) + 1
        if changes and size + approx > max_bytes:
            cut = True
            break
        changes.append(change)
        size += approx
        last = version
    has_more = cut or len(keys) == limit
    return PullPage(changes=changes, next_cursor=make_cursor(last, scope), has_more=has_more)


def _row_change(entity: str, row: SyncedRow) -> Change:
    data = row.model_dump(mode="json", exclude={"id", "version", "village_code", "deleted"})
    return Change(
        entity=entity,
        id=row.id,
        version=row.version,
        village_code=row.village_code,
        deleted=row.deleted,
        data=data,
    )


def _pack_change(pack: PolicyPack) -> Change:
    return Change(
        entity=POLICY_PACK_ENTITY,
        id=pack.id,
        version=pack.version,
        village_code="",
        deleted=pack.deleted,
        data={
            "pack_id": pack.pack_id,
            "version": pack.pack_version,
            "text": pack.text,
            "published_at": pack.published_at.isoformat(),
        },
    )
