"""Server-only tables: users, assignments, tokens, the mutation log, conflicts, policy packs, counters.

The synced tables themselves (household, member, ...) are the shared ones in `app.core.models`.
Table names never collide with the desktop store's own tables (outbox, sync_state, local_conflict),
because tests import both into one SQLModel metadata.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.models import SYNCED_ENTITIES, Household, Member, Photo, Request, Visit, new_id


class User(SQLModel, table=True):
    __tablename__ = "app_user"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    username: str = Field(index=True, unique=True, max_length=64)
    full_name: str = Field(default="", max_length=120)
    role: str = Field(max_length=16)
    password_hash: str = Field(max_length=200)
    active: bool = True
    created_at: datetime


class Assignment(SQLModel, table=True):
    """User ↔ area: a village code (pendamping, sekdes) or a kecamatan/kabupaten prefix (supervisor)."""

    __tablename__ = "assignment"
    __table_args__ = (UniqueConstraint("user_id", "area_code", name="uq_assignment_user_area"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: str = Field(index=True, max_length=36, foreign_key="app_user.id")
    area_code: str = Field(max_length=13)


class AuthToken(SQLModel, table=True):
    """A bearer token. Only its SHA-256 is kept: a leaked database does not leak sessions."""

    __tablename__ = "auth_token"

    token_hash: str = Field(primary_key=True, max_length=64)
    user_id: str = Field(index=True, max_length=36, foreign_key="app_user.id")
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None


class LoginAttempt(SQLModel, table=True):
    __tablename__ = "login_attempt"
    __table_args__ = (Index("ix_login_attempt_username_at", "username", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64)
    at: datetime
    success: bool


class MutationLog(SQLModel, table=True):
    """Each pushed mutation_id with the answer it got, written in the transaction of its effect.

    A repeat (same id, same body) gets the stored answer; the same id with another body is refused.
    """

    __tablename__ = "mutation_log"

    mutation_id: str = Field(primary_key=True, max_length=36)
    body_sha256: str = Field(max_length=64)
    # No index but the primary key: the log is read by mutation id only, and each index costs every
    # pushed mutation an insert into a B-tree of random UUIDs (DESIGN §10: server throughput).
    user_id: str = Field(max_length=36)
    entity: str = Field(max_length=20)
    entity_id: str = Field(max_length=36)
    village_code: str = Field(max_length=13)
    status: str = Field(max_length=10)
    version: int | None = None
    previous_version: int | None = None
    reason: str = Field(default="", max_length=500)
    conflicts: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON))
    received_at: datetime


class Conflict(SQLModel, table=True):
    """A field both sides changed (DESIGN §5): the server value stands until someone resolves it."""

    __tablename__ = "sync_conflict"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    entity: str = Field(max_length=20)
    entity_id: str = Field(index=True, max_length=36)
    village_code: str = Field(index=True, max_length=13)
    field: str = Field(max_length=60)
    base_value: Any = Field(default=None, sa_column=Column(JSON))
    mine: Any = Field(default=None, sa_column=Column(JSON))
    theirs: Any = Field(default=None, sa_column=Column(JSON))
    mutation_id: str = Field(max_length=36)
    user_id: str = Field(max_length=36)
    detected_at: datetime
    resolved: bool = Field(default=False, index=True)
    resolved_by: str = Field(default="", max_length=36)
    resolved_at: datetime | None = None


class PolicyPack(SQLModel, table=True):
    """A published policy pack. Travels through pull as entity `policy_pack`, to every user."""

    __tablename__ = "published_policy_pack"
    __table_args__ = (UniqueConstraint("pack_id", "pack_version", name="uq_policy_pack_id_version"),)

    id: str = Field(primary_key=True, max_length=100)  # "<pack_id>@<pack_version>"
    pack_id: str = Field(max_length=64)
    pack_version: str = Field(max_length=32)
    text: str
    published_at: datetime
    version: int = Field(index=True)  # server change number
    deleted: bool = False


class Tombstone(SQLModel, table=True):
    """When a row was deleted, so it can be purged after the retention period (DESIGN §5)."""

    __tablename__ = "tombstone"

    entity: str = Field(primary_key=True, max_length=20)
    entity_id: str = Field(primary_key=True, max_length=36)
    version: int
    deleted_at: datetime = Field(index=True)


class ServerCounter(SQLModel, table=True):
    """Named counters and small facts; `change` is the server change number (see `versions.py`)."""

    __tablename__ = "server_counter"

    name: str = Field(primary_key=True, max_length=40)
    value: int = 0


# Everything the server's database holds, for Alembic's autogenerate and its include filter.
SERVER_TABLES = [
    Household.__table__,  # type: ignore[attr-defined]
    Member.__table__,  # type: ignore[attr-defined]
    Visit.__table__,  # type: ignore[attr-defined]
    Photo.__table__,  # type: ignore[attr-defined]
    Request.__table__,  # type: ignore[attr-defined]
    User.__table__,  # type: ignore[attr-defined]
    Assignment.__table__,  # type: ignore[attr-defined]
    AuthToken.__table__,  # type: ignore[attr-defined]
    LoginAttempt.__table__,  # type: ignore[attr-defined]
    MutationLog.__table__,  # type: ignore[attr-defined]
    Conflict.__table__,  # type: ignore[attr-defined]
    PolicyPack.__table__,  # type: ignore[attr-defined]
    Tombstone.__table__,  # type: ignore[attr-defined]
    ServerCounter.__table__,  # type: ignore[attr-defined]
]
SERVER_TABLE_NAMES = frozenset(t.name for t in SERVER_TABLES)
assert {m.__tablename__ for m in SYNCED_ENTITIES.values()} <= SERVER_TABLE_NAMES  # type: ignore[attr-defined]


def is_server_object(obj: Any, name: str | None, type_: str, _reflected: bool, _compare_to: Any) -> bool:
    """Alembic's `include_object`: the server's tables and what belongs to them (the desktop store's
    tables may share the SQLModel metadata in one process, e.g. in tests)."""
    if type_ == "table":
        return name in SERVER_TABLE_NAMES
    table = getattr(obj, "table", None)
    return table is None or table.name in SERVER_TABLE_NAMES
