"""The sync wire protocol (DESIGN §5): pydantic schemas shared by the client engine and the server.

Version numbers here are the contract: a change to any schema below that an older peer cannot read
bumps PROTOCOL_VERSION. This module imports nothing of ours but `app.core` and nothing that talks HTTP,
so both sides (and the import contracts) can rely on it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.core.models import SYNCED_ENTITIES

PROTOCOL_VERSION = 1
# The schema of the synced rows (the fields a Change carries). Bumped with a server migration that
# changes a synced table, so an old client knows it must update before it applies pulled rows.
SCHEMA_VERSION = 1

CLIENT_HEADER = "X-Verval-Client"
SYNC_PREFIX = "/sync/v1"

# Entities a client may push. Policy packs only travel down (pull), so they are not here.
PushEntity = Literal["household", "member", "visit", "photo", "request"]
assert set(PushEntity.__args__) == set(SYNCED_ENTITIES)  # type: ignore[attr-defined]
POLICY_PACK_ENTITY = "policy_pack"

MutationStatus = Literal["applied", "duplicate", "conflict", "rejected"]


class _Strict(BaseModel):
    # Unknown keys are refused so a typo in a client never passes silently.
    model_config = ConfigDict(extra="forbid")


class Mutation(_Strict):
    """One local change from the outbox. `patch` holds the changed fields, `base` their old values."""

    mutation_id: str = Field(min_length=36, max_length=36, pattern=r"^[0-9a-fA-F-]{36}$")
    entity: PushEntity
    entity_id: str = Field(min_length=1, max_length=36)
    village_code: str = Field(min_length=1, max_length=13)
    op: Literal["upsert", "delete"]
    base_version: int = Field(ge=0)
    patch: dict[str, Any] = Field(default_factory=dict)
    base: dict[str, Any] = Field(default_factory=dict)
    # Server conflict ids this mutation settles (keep mine / take theirs / edit).
    resolves: list[str] = Field(default_factory=list, max_length=100)


class PushRequest(_Strict):
    mutations: list[Mutation] = Field(max_length=10_000)


class FieldConflict(BaseModel):
    """A field both sides changed to different values: the server value (`theirs`) stands."""

    id: str
    entity: str
    entity_id: str
    field: str
    base: Any = None
    mine: Any = None
    theirs: Any = None


class MutationResult(BaseModel):
    mutation_id: str
    status: MutationStatus
    # For `duplicate`: what the first delivery of this mutation produced.
    original_status: MutationStatus | None = None
    # The row's server version after this mutation (applied / conflict), else None.
    version: int | None = None
    # The row's server version just before this mutation; lets the client rebase later outbox entries.
    previous_version: int | None = None
    reason: str = ""
    conflicts: list[FieldConflict] = Field(default_factory=list)


class PushResponse(BaseModel):
    results: list[MutationResult]
    server_time: datetime
    meta: Meta | None = None


class Change(BaseModel):
    """One row as the server holds it now (the latest state, not a diff; deleted rows are tombstones)."""

    entity: str
    id: str
    version: int
    village_code: str
    deleted: bool = False
    data: dict[str, Any]


class PullPage(BaseModel):
    changes: list[Change]
    next_cursor: str
    has_more: bool


class PolicyPackRef(BaseModel):
    pack_id: str
    version: str


class Meta(BaseModel):
    server_time: datetime
    protocol_version: int
    schema_version: int
    min_client_version: str
    policy_pack: PolicyPackRef | None = None
    max_push_bytes: int
    max_push_mutations: int
    max_pull_bytes: int


class LoginRequest(_Strict):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class UserInfo(BaseModel):
    username: str
    full_name: str
    role: str
    # Area codes as assigned (village codes, or kecamatan/kabupaten prefixes for supervisors).
    areas: list[str]
    # Village codes the user may sync, when they are enumerable (pendamping, sekdes); empty otherwise.
    villages: list[str]


class LoginResponse(BaseModel):
    token: str
    expires_at: datetime
    username: str
    full_name: str
    role: str
    areas: list[str]
    villages: list[str]


class ConflictRecord(BaseModel):
    """A conflict as the supervisor's list shows it."""

    id: str
    entity: str
    entity_id: str
    village_code: str
    field: str
    base: Any = None
    mine: Any = None
    theirs: Any = None
    mutation_id: str
    username: str
    detected_at: datetime
    resolved: bool
    resolved_by: str = ""


class ErrorBody(BaseModel):
    """Every 4xx/5xx body: `detail` is a sentence in Bahasa Indonesia the UI can show as is."""

    detail: str
    code: str = ""
