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
    # Server conflict ids this change settles (a conflict resolution is an ordinary mutation).
    resolves: list[str] = Field(default_factory=list, sa_column=Column(JSON))


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


class SyncJournalEntry(SQLModel, table=True):
    """A server answer the officer must see (conflict, rejected), kept after its outbox row is gone.

    The outbox holds only what is still to be sent; what the server said about each change that did
    not simply apply lives here, with the change itself, so nothing the officer typed is ever lost.
    """

    __tablename__ = "sync_journal"

    id: int | None = Field(default=None, primary_key=True)
    mutation_id: str = Field(index=True, max_length=36)
    entity: str = Field(max_length=20)
    entity_id: str = Field(index=True, max_length=36)
    status: str = Field(max_length=10)  # conflict | rejected
    reason: str = Field(default="", max_length=500)
    patch: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    answered_at: datetime
    read: bool = False


class ReceivedPolicyPack(SQLModel, table=True):
    """Every policy-pack version received through pull; kept so old visits re-check with their pack."""

    __tablename__ = "received_policy_pack"

    id: str = Field(primary_key=True, max_length=100)  # "<pack_id>@<version>"
    pack_id: str = Field(index=True, max_length=64)
    pack_version: str = Field(max_length=32)
    text: str
    published_at: datetime
    change_version: int = 0


class ResyncSeen(SQLModel, table=True):
    """Rows seen during a full re-download (after a 410), so rows gone from the server can be dropped."""

    __tablename__ = "resync_seen"

    entity: str = Field(primary_key=True, max_length=20)
    entity_id: str = Field(primary_key=True, max_length=36)


class BlobUpload(SQLModel, table=True):
    """One photo blob (processed photo or thumbnail) on its way to the server, with the tus upload URL.

    The URL is kept so an upload resumes (HEAD, then PATCH from the server's offset) after a dropped
    link and after the app restarts. `offset` is what the server confirmed; `bytes_sent` counts every
    body byte handed to the network, re-sends included, for the sync panel and the benchmarks.
    """

    __tablename__ = "blob_upload"

    sha256: str = Field(primary_key=True, max_length=64)
    photo_id: str = Field(default="", index=True, max_length=36)
    role: str = Field(default="photo", max_length=10)  # photo | thumbnail
    village_code: str = Field(default="", max_length=13)
    media_type: str = Field(default="image/jpeg", max_length=20)
    size: int = 0
    upload_url: str = Field(default="", max_length=300)
    offset: int = 0
    state: str = Field(default="queued", index=True, max_length=10)  # queued | uploading | done | failed
    tries: int = 0
    bytes_sent: int = 0
    last_error: str = Field(default="", max_length=500)
    queued_at: datetime
    updated_at: datetime
    confirmed_at: datetime | None = None
