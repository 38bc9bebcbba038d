"""Server change numbers: one counter, allocated so that a pull never skips a change.

Why a locked counter row (and not a sequence): a PostgreSQL sequence hands out numbers at once, so
transaction A can take 41, transaction B take 42 and commit first; a pull running in between sees 42,
moves its cursor past 41, and never sees A's change when it commits. `UPDATE server_counter SET value
= value + n ... RETURNING` takes the row lock and keeps it until the transaction ends, so the next
writer cannot even get its number before we commit or roll back: numbers become visible in the order
they were given. The cost is that writers serialise from allocation to commit, which is why the push
path allocates as late as possible (after reading and merging, just before writing). A per-table
advisory lock would give the same order but needs care with connection pooling; the row lock is
released by COMMIT/ROLLBACK whatever happens to the connection. On SQLite there is only one writer at
a time anyway (BEGIN IMMEDIATE), so the same statement is simply correct there.
"""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlmodel import Session

CHANGE_COUNTER = "change"


def allocate(session: Session | Connection, count: int = 1) -> int:
    """Reserve `count` consecutive change numbers; returns the first. Lock held until commit."""
    if count < 1:
        raise ValueError("count must be positive")
    last = session.execute(
        text("UPDATE server_counter SET value = value + :n WHERE name = :name RETURNING value"),
        {"n": count, "name": CHANGE_COUNTER},
    ).scalar_one()
    return int(last) - count + 1


def current(session: Session) -> int:
    value = session.execute(
        text("SELECT value FROM server_counter WHERE name = :name"), {"name": CHANGE_COUNTER}
    ).scalar_one()
    return int(value)


def get_fact(session: Session, name: str, default: int = 0) -> int:
    value = session.execute(
        text("SELECT value FROM server_counter WHERE name = :name"), {"name": name}
    ).scalar()
    return default if value is None else int(value)


def set_fact(session: Session, name: str, value: int) -> None:
    updated = session.execute(
        text("UPDATE server_counter SET value = :v WHERE name = :name"), {"v": value, "name": name}
    ).rowcount  # type: ignore[attr-defined]
    if not updated:
        session.execute(
            text("INSERT INTO server_counter (name, value) VALUES (:name, :v)"), {"v": value, "name": name}
        )
