"""Shared pieces of the fault and crash tests: random officer work, and the invariants after a sync."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, select
from sqlmodel import Session

from app.core.models import Household, Member, Visit
from app.server.models import MutationLog
from app.store import pull as store_pull
from app.store.store import Store
from app.store.tables import OutboxEntry
from tests.serverkit import VILLAGE, server_rows


def random_work(store: Store, rng: random.Random, count: int) -> None:
    """What an officer does in a day, offline: edits, new members, deletions, visits."""
    household_ids = store.household_ids()
    for _ in range(count):
        if not household_ids:
            return
        hid = rng.choice(household_ids)
        found = store.household(hid)
        if found is None:
            continue
        household, members = found
        kind = rng.random()
        if kind < 0.35:
            field, value = rng.choice(
                [
                    ("address", f"Dusun {rng.randint(1, 99)}"),
                    ("rt", f"{rng.randint(1, 20):03d}"),
                    ("desil", rng.randint(1, 10)),
                    ("programmes", [{"programme": "BPNT", "start_date": "2024-01-01", "status": "aktif"}]),
                ]
            )
            store.save(household.model_copy(update={field: value}))
        elif kind < 0.6:
            store.save(
                Member(
                    village_code=household.village_code,
                    household_id=hid,
                    name=f"Anggota baru {rng.randint(1, 10**6)}",
                    nik=f"5302{rng.randint(10**11, 10**12 - 1)}",
                    monthly_income=rng.randint(0, 30) * 100_000,
                )
            )
        elif kind < 0.75 and members:
            store.delete("member", rng.choice(members).id)
        elif kind < 0.9 and members:
            member = rng.choice(members)
            store.save(member.model_copy(update={"monthly_income": rng.randint(0, 40) * 100_000}))
        else:
            start = datetime(2026, 11, 2, 8, tzinfo=UTC) + timedelta(minutes=rng.randint(0, 5000))
            store.save(
                Visit(
                    village_code=household.village_code,
                    household_id=hid,
                    officer="pendamping",
                    started_at=start,
                    finished_at=start + timedelta(minutes=25),
                    answers={"rumah.lantai": rng.choice(["tanah", "semen", "keramik"])},
                    state="submitted",
                )
            )


def outbox_ids(store: Store) -> list[str]:
    with Session(store.engine) as session:
        return list(session.exec(select(OutboxEntry.mutation_id)).scalars())  # type: ignore[call-overload]


def assert_converged(
    store: Store, engine: Engine, sent: list[str], allowed: frozenset[str] = frozenset({"applied"})
) -> None:
    """Nothing lost, nothing doubled: outbox empty, each mutation logged once and applied, stores equal."""
    assert outbox_ids(store) == []
    with Session(engine) as session:
        logs = list(session.execute(select(MutationLog).where(MutationLog.mutation_id.in_(sent))).scalars())
        logged: dict[str, Any] = {log.mutation_id: log.status for log in logs}
        reasons = {log.entity_id: log.reason for log in logs if log.status not in allowed}
    assert set(logged) == set(sent), "a mutation never reached the server"
    assert set(logged.values()) <= allowed, reasons
    local = store_pull.local_rows(store)
    remote = server_rows(engine, {VILLAGE})
    assert local.keys() == remote.keys()
    differing = [key for key in local if local[key] != remote[key]]
    assert not differing, (differing[:3], [(local[k], remote[k]) for k in differing[:1]])


__all__ = ["Household", "assert_converged", "outbox_ids", "random_work"]
