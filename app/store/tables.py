"""Tables that exist only in the desktop store: the outbox, sync bookkeeping, local conflicts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


class OutboxEntry(SQLModel, table=True):
    """One local change waiting to be pushed (DESIGN §5). Written in the same transaction as the row.

    `seq` keeps the order of saves; `mutation_id` is the idempotency key the server records.
    `state` is pending until the server's answer is stored; then the entry is removed, except
    answers the officer must see (conflict, rejected) which stay in the journal until read.
    """

    __tablename__ = "outbox"

    seq: int | None = Field(default=None, primary_key=True)
    mutation_id: str = Field(index=True, unique=True, max_length=36)
    entity: str = Field(max_length=20)
    entity_id: str = Field(index=True, max_length=36)
    village_code: str = Field(default="", max_length=13)
    op: str = Field(max_length=8)  # upsert | delete
    base_version: int = 0
    patch: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    base: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    created_at: datetime
    state: str = Field(default="pending", max_length=12)  # pending | conflict | rejected
    tries: int = 0
    last_error: str = Field(default="", max_length=500)
    # Set when the mutation waits for a photo blob to be confirmed by the server.
    waits_for_blob: str = Field(default="", max_length=64)


class SyncState(SQLModel, table=True):
    """Small key/value facts about this store: cursor, server URL, token, last sync time."""

    __tablename__ = "sync_state"

    key: str = Field(primary_key=True, max_length=40)
    value: str = Field(default="")


class LocalConflict(SQLModel, table=True):
    """A field both sides changed. The server value stands until the officer resolves it."""

    __tablename__ = "local_conflict"

    id: str = Field(primary_key=True, max_length=36)
    entity: str = Field(max_length=20)
    entity_id: str = Field(index=True, max_length=36)
    field: str = Field(max_length=60)
    base_value: Any = Field(default=None, sa_column=Column(JSON))
    mine: Any = Field(default=None, sa_column=Column(JSON))
    theirs: Any = Field(default=None, sa_column=Column(JSON))
    detected_at: datetime
    resolved: bool = False
