"""The officer's local store: every save writes its row and an outbox entry in one transaction.

This is the one door through which the UI and the sync engine touch local data. Methods are blocking
and thread-safe (one SQLAlchemy session per call); the UI calls them from worker threads.
"""

from __future__ import annotations

import bisect
import threading
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, func, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from app.core.models import SYNCED_ENTITIES, Household, Member, SyncedRow, Visit, VisitState
from app.store.db import open_engine, session_scope
from app.store.errors import ValidationError
from app.store.tables import OutboxEntry, SyncState

R = TypeVar("R", bound=SyncedRow)


def utcnow() -> datetime:
    return datetime.now(UTC)


def entity_name(row: SyncedRow) -> str:
    return str(row.__tablename__)


def plain(row: R) -> R:
    """A copy with no SQLAlchemy state: callers may model_copy() and save it without touching the
    session the original came from."""
    return type(row).model_validate(row.model_dump())


def row_fields(row: SyncedRow) -> dict[str, Any]:
    """The row as JSON-ready values, without server bookkeeping."""
    return row.model_dump(mode="json", exclude=set(row.SERVER_FIELDS))


@dataclass(frozen=True)
class Changes:
    """What a store operation changed, so views refresh only what they show (Anki's OpChanges)."""

    households: frozenset[str] = field(default_factory=frozenset)
    visits: frozenset[str] = field(default_factory=frozenset)
    outbox: bool = False
    sync_state: bool = False


@dataclass(frozen=True)
class HouseholdRow:
    """One line of the household list."""

    id: str
    head_name: str
    kk_number: str
    address: str
    rt: str
    rw: str
    desil: int | None
    status: str
    programmes: tuple[str, ...]
    member_count: int
    visit_state: str | None
    visit_outcome: str | None
    # List badges from the latest visit's verdict: its colour class and the data-quality flags.
    visit_colour: str | None = None
    visit_flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class _NameOrder:
    """Live households by head name: ids in order, and each household rowid's rank."""

    ids: list[str]
    rank: dict[int, int]
    numbers: list[str]  # every NIK and No. KK, sorted
    number_ranks: list[int]  # the rank of the household each number belongs to


@dataclass(frozen=True)
class VillageSummary:
    households: int
    members: int
    by_desil: dict[str, int]
    by_programme: dict[str, int]
    by_status: dict[str, int]
    visits_by_state: dict[str, int]
    pending_outbox: int


class Store:
    def __init__(self, engine: Engine, path: Path | None = None) -> None:
        self.engine = engine
        self.path = path
        self._order: _NameOrder | None = None
        self._order_lock = threading.Lock()

    @classmethod
    def open(cls, path: Path, key: bytes) -> Store:
        return cls(open_engine(path, key), path)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction. Cached search order is dropped after a commit that touched households."""
        with session_scope(self.engine) as session:
            yield session
            reindexed = session.info.get("reindexed", False)
        if reindexed:
            self._order = None

    # ---- writes -------------------------------------------------------------------------------

    def save(self, row: SyncedRow, *, local_only: bool = False) -> Changes:
        """Write `row` and, unless `local_only` (drafts), an outbox entry for what changed."""
        with self.session() as session:
            changes = self.save_in(session, row, local_only=local_only)
        return changes

    def save_many(self, rows: Iterable[SyncedRow]) -> Changes:
        households: set[str] = set()
        with self.session() as session:
            for row in rows:
                households |= self.save_in(session, row, local_only=False).households
        return Changes(households=frozenset(households), outbox=True)

    def delete(self, entity: str, entity_id: str) -> Changes:
        """A tombstone, synced like any other change; rows are never removed before the server knows."""
        model = SYNCED_ENTITIES[entity]
        with self.session() as session:
            row = session.get(model, entity_id)
            if row is None or row.deleted:
                return Changes()
            updated = row.model_copy(update={"deleted": True})
            return self.save_in(session, updated, local_only=False)

    def save_in(self, session: Session, row: SyncedRow, *, local_only: bool) -> Changes:
        """`save` inside a caller's transaction, for changes that must land together (a visit and its
        photos): the row and its outbox entry join `session`."""
        model = type(row)
        entity = entity_name(row)
        old = session.get(model, row.id)
        if isinstance(row, Visit) and old is not None:
            _check_visit_immutable(old, row)  # type: ignore[arg-type]
        new_fields = row_fields(row)
        if old is None:
            base_version = 0
            old_fields: dict[str, Any] = {}
        else:
            base_version = old.version
            old_fields = row_fields(old)
            row.version = old.version
        never_sent = base_version == 0 and not self._has_outbox(session, row.id)
        if never_sent:
            # The server has not seen this row: send it whole, so the first mutation creates it.
            patch, base = new_fields, {}
        else:
            patch = {k: v for k, v in new_fields.items() if old_fields.get(k) != v}
            base = {k: old_fields.get(k) for k in patch}
        if old is not None and not patch:
            return Changes()
        if old is None:
            # A fresh instance: rows made by model_copy() carry no SQLAlchemy state and would insert empty.
            session.add(model.model_validate(row.model_dump()))
        else:
            for key, value in row.model_dump(exclude={"id"}).items():
                setattr(old, key, value)
            session.add(old)
        session.flush()
        if not local_only:
            session.add(
                OutboxEntry(
                    mutation_id=str(uuid.uuid4()),
                    entity=entity,
                    entity_id=row.id,
                    village_code=row.village_code,
                    op="delete" if row.deleted and patch.keys() == {"deleted"} else "upsert",
                    base_version=base_version,
                    patch=patch,
                    base=base,
                    created_at=utcnow(),
                )
            )
        households = self._touched_households(session, row)
        return Changes(
            households=households,
            visits=frozenset({row.id}) if isinstance(row, Visit) else frozenset(),
            outbox=not local_only,
        )

    def _has_outbox(self, session: Session, entity_id: str) -> bool:
        return (
            session.exec(select(OutboxEntry.seq).where(OutboxEntry.entity_id == entity_id)).first()
            is not None
        )

    def _touched_households(self, session: Session, row: SyncedRow) -> frozenset[str]:
        household_id = row.id if isinstance(row, Household) else getattr(row, "household_id", None)
        if not household_id:
            return frozenset()
        if isinstance(row, Household | Member):
            self.reindex_households(session, [household_id])
        return frozenset({household_id})

    def apply_remote(self, session: Session, rows: Sequence[SyncedRow]) -> Changes:
        """Store rows as the server sent them (pull): no outbox entry, search index kept current."""
        by_table: dict[type[SyncedRow], list[dict[str, Any]]] = {}
        for row in rows:
            by_table.setdefault(type(row), []).append(row.model_dump())
        return self.apply_remote_values(session, by_table)

    def apply_remote_values(
        self, session: Session, by_table: dict[type[SyncedRow], list[dict[str, Any]]]
    ) -> Changes:
        """`apply_remote` for plain column values (already validated), as a pull brings thousands."""
        households: set[str] = set()
        session.flush()
        for model, values in by_table.items():
            if not values:
                continue
            key = "id" if model is Household else "household_id"
            households.update(v[key] for v in values if v.get(key))
            # One executemany upsert per table: a per-row ORM merge (a SELECT, then an INSERT or an
            # UPDATE) cost more than the EDGE link took to bring the rows. An upsert updates in place,
            # so the rowid the search index points at stays. The last value of an id wins.
            table = model.__table__  # type: ignore[attr-defined]
            insert = sqlite_insert(table)
            upsert = insert.on_conflict_do_update(
                index_elements=[table.c.id],
                set_={c.name: insert.excluded[c.name] for c in table.columns if c.name != "id"},
            )
            session.execute(upsert, list({v["id"]: v for v in values}.values()))
        self.reindex_households(session, sorted(households))
        return Changes(households=frozenset(households))

    def reindex_households(self, session: Session, household_ids: Sequence[str]) -> None:
        """Rebuild the search documents of these households from their rows."""
        if not household_ids:
            return
        session.info["reindexed"] = True
        self._order = None
        conn = session.connection()
        for start in range(0, len(household_ids), 500):
            chunk = list(household_ids[start : start + 500])
            marks = ",".join(f":h{i}" for i in range(len(chunk)))
            params = {f"h{i}": hid for i, hid in enumerate(chunk)}
            conn.execute(
                text(
                    "DELETE FROM household_search WHERE rowid IN "
                    f"(SELECT rowid FROM household WHERE id IN ({marks}))"
                ),
                params,
            )
            conn.execute(
                text(
                    "INSERT INTO household_search (rowid, body) "
                    "SELECT h.rowid, h.head_name || ' ' || h.kk_number || ' ' || h.address || ' ' || "
                    "coalesce((SELECT group_concat(m.name || ' ' || m.nik, ' ') FROM member m "
                    "WHERE m.household_id = h.id AND m.deleted = 0), '') "
                    f"FROM household h WHERE h.id IN ({marks}) AND h.deleted = 0"
                ),
                params,
            )

    # ---- reads --------------------------------------------------------------------------------

    def get(self, model: type[SyncedRow], row_id: str) -> SyncedRow | None:
        with Session(self.engine) as session:
            row = session.get(model, row_id)
            return plain(row) if row is not None else None

    def household_ids(self, query: str = "") -> list[str]:
        """Ids of live households matching `query` (name, NIK prefix, No. KK), ordered by head name.

        Only ids: the list model fetches rows lazily for what is on screen. Words go to the FTS index,
        which returns rowids; digit runs (NIK, No. KK) are prefix ranges in a sorted in-memory list,
        because a village shares its region prefix and FTS would return every family for "5302".
        Order comes from a cached name order, so a keystroke never sorts strings or joins tables.
        """
        order = self._name_order()
        terms = _search_terms(query)
        if not terms:
            return list(order.ids)
        ranks: set[int] | None = None
        for term in (t for t in terms if t.isdigit()):
            lo = bisect.bisect_left(order.numbers, term)
            hi = bisect.bisect_left(order.numbers, term + ":")  # ':' sorts right after '9'
            found = set(order.number_ranks[lo:hi])
            ranks = found if ranks is None else ranks & found
        words = [t for t in terms if not t.isdigit()]
        if words and ranks != set():
            match = " AND ".join(f'"{t}"*' for t in words)
            with self.engine.connect() as conn:
                rowids = conn.execute(
                    text("SELECT rowid FROM household_search WHERE household_search MATCH :match"),
                    {"match": match},
                ).scalars()
                found = {r for r in map(order.rank.get, rowids) if r is not None}
            ranks = found if ranks is None else ranks & found
        if not ranks:
            return []
        if len(ranks) == len(order.ids):
            return list(order.ids)
        return [order.ids[r] for r in sorted(ranks)]

    def _name_order(self) -> _NameOrder:
        with self._order_lock:
            if self._order is None:
                self._order = self._read_name_order()
            return self._order

    def _read_name_order(self) -> _NameOrder:
        with self.engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT rowid, id FROM household WHERE deleted = 0 ORDER BY head_name COLLATE NOCASE, id"
                )
            ).all()
            rank = {r[0]: i for i, r in enumerate(rows)}
            rank_by_id = {r[1]: i for i, r in enumerate(rows)}
            numbers = conn.execute(
                text(
                    "SELECT household_id, nik FROM member WHERE deleted = 0 AND nik != '' "
                    "UNION ALL SELECT id, kk_number FROM household WHERE deleted = 0 AND kk_number != ''"
                )
            ).all()
        pairs = sorted((number, rank_by_id[hid]) for hid, number in numbers if hid in rank_by_id)
        return _NameOrder(
            ids=[r[1] for r in rows],
            rank=rank,
            numbers=[p[0] for p in pairs],
            number_ranks=[p[1] for p in pairs],
        )

    def household_rows(self, ids: Sequence[str]) -> list[HouseholdRow]:
        if not ids:
            return []
        with Session(self.engine) as session:
            households = {
                h.id: h for h in session.exec(select(Household).where(col(Household.id).in_(list(ids))))
            }
            counts = dict(
                session.exec(
                    select(Member.household_id, func.count())
                    .where(col(Member.household_id).in_(list(ids)), Member.deleted == False)  # noqa: E712
                    .group_by(Member.household_id)
                ).all()
            )
            latest = self._latest_visits(session, ids)
        rows = []
        for hid in ids:
            h = households.get(hid)
            if h is None:
                continue
            visit = latest.get(hid)
            rows.append(
                HouseholdRow(
                    id=h.id,
                    head_name=h.head_name,
                    kk_number=h.kk_number,
                    address=h.address,
                    rt=h.rt,
                    rw=h.rw,
                    desil=h.desil,
                    status=h.status,
                    programmes=tuple(
                        str(p.get("programme")) for p in h.programmes if p.get("status", "aktif") == "aktif"
                    ),
                    member_count=int(counts.get(hid, 0)),
                    visit_state=visit.state if visit else None,
                    visit_outcome=str(visit.verdict.get("overall")) if visit and visit.verdict else None,
                    visit_colour=str(visit.verdict.get("colour")) if visit and visit.verdict else None,
                    visit_flags=tuple(str(f) for f in (visit.verdict.get("flags") or ())) if visit else (),
                )
            )
        return rows

    def _latest_visits(self, session: Session, ids: Sequence[str]) -> dict[str, Visit]:
        visits = session.exec(
            select(Visit)
            .where(col(Visit.household_id).in_(list(ids)), Visit.deleted == False)  # noqa: E712
            .order_by(col(Visit.started_at))
        ).all()
        latest: dict[str, Visit] = {}
        for v in visits:
            if v.state != VisitState.REPLACED:
                latest[v.household_id] = v
        return latest

    def household(self, household_id: str) -> tuple[Household, list[Member]] | None:
        with Session(self.engine) as session:
            h = session.get(Household, household_id)
            if h is None:
                return None
            members = list(
                session.exec(
                    select(Member)
                    .where(Member.household_id == household_id, Member.deleted == False)  # noqa: E712
                    .order_by(col(Member.birth_date))
                )
            )
            return plain(h), [plain(m) for m in members]

    def niks_elsewhere(self, household_id: str) -> frozenset[str]:
        """NIKs on the live members of the village's *other* households (for FLAG-DUPLIKAT)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT m.nik FROM member m JOIN household h ON h.id = :hid "
                    "WHERE m.village_code = h.village_code AND m.household_id != :hid "
                    "AND m.deleted = 0 AND m.nik != ''"
                ),
                {"hid": household_id},
            ).scalars()
            return frozenset(rows)

    def visits_of(self, household_id: str) -> list[Visit]:
        with Session(self.engine) as session:
            return [
                plain(v)
                for v in session.exec(
                    select(Visit)
                    .where(Visit.household_id == household_id, Visit.deleted == False)  # noqa: E712
                    .order_by(col(Visit.started_at))
                )
            ]

    def village_summary(self) -> VillageSummary:
        with Session(self.engine) as session:
            conn = session.connection()
            households = conn.execute(text("SELECT count(*) FROM household WHERE deleted = 0")).scalar_one()
            members = conn.execute(text("SELECT count(*) FROM member WHERE deleted = 0")).scalar_one()
            by_desil = {
                str(k if k is not None else "-"): v
                for k, v in conn.execute(
                    text(
                        "SELECT desil, count(*) FROM household WHERE deleted = 0 "
                        "GROUP BY desil ORDER BY desil"
                    )
                )
            }
            by_status: dict[str, int] = dict(
                conn.execute(
                    text("SELECT status, count(*) FROM household WHERE deleted = 0 GROUP BY status")
                ).all()
            )
            by_programme: dict[str, int] = dict(
                conn.execute(
                    text(
                        "SELECT json_extract(p.value, '$.programme'), count(*) FROM household h, "
                        "json_each(h.programmes) p WHERE h.deleted = 0 AND "
                        "coalesce(json_extract(p.value, '$.status'), 'aktif') = 'aktif' GROUP BY 1"
                    )
                ).all()
            )
            visits: dict[str, int] = dict(
                conn.execute(text("SELECT state, count(*) FROM visit WHERE deleted = 0 GROUP BY state")).all()
            )
            pending = conn.execute(text("SELECT count(*) FROM outbox")).scalar_one()
        return VillageSummary(
            households=int(households),
            members=int(members),
            by_desil={k: int(v) for k, v in by_desil.items()},
            by_programme={str(k): int(v) for k, v in by_programme.items()},
            by_status={str(k): int(v) for k, v in by_status.items()},
            visits_by_state={str(k): int(v) for k, v in visits.items()},
            pending_outbox=int(pending),
        )

    # ---- small key/value state ----------------------------------------------------------------

    def get_state(self, key: str, default: str = "") -> str:
        with Session(self.engine) as session:
            row = session.get(SyncState, key)
            return row.value if row else default

    def set_state(self, key: str, value: str, session: Session | None = None) -> None:
        if session is None:
            with self.session() as own:
                own.merge(SyncState(key=key, value=value))
        else:
            session.merge(SyncState(key=key, value=value))

    def outbox_entries(self, limit: int = 1000) -> list[OutboxEntry]:
        """What is still to be sent, oldest first, for the sync journal."""
        with Session(self.engine) as session:
            return list(session.exec(select(OutboxEntry).order_by(col(OutboxEntry.seq)).limit(limit)))

    def pending_count(self) -> int:
        with Session(self.engine) as session:
            return int(session.connection().execute(text("SELECT count(*) FROM outbox")).scalar_one())


def _search_terms(query: str) -> list[str]:
    """Split a typed query into FTS5-safe prefix terms (letters and digits only)."""
    cleaned = "".join(ch if ch.isalnum() else " " for ch in query)
    return [t for t in cleaned.split() if t]


def _check_visit_immutable(old: Visit, new: Visit) -> None:
    if old.state == VisitState.DRAFT:
        return
    if new.answers != old.answers or new.household_id != old.household_id:
        raise ValidationError(
            "Kunjungan yang sudah dikirim tidak dapat diubah; buat kunjungan koreksi.",
            "A submitted visit cannot be edited; make a correction visit instead.",
        )
