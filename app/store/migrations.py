"""Versioned schema of the local store, kept in `PRAGMA user_version`.

Each step runs in one transaction. A store whose version is higher than this app knows was written
by a newer app: it is refused rather than touched, because an older app could lose its data.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, text
from sqlmodel import SQLModel

from app.core import models
from app.store import tables
from app.store.errors import NewerSchemaError

Step = Callable[[Connection], None]

LOCAL_TABLES = [
    models.Household.__table__,  # type: ignore[attr-defined]
    models.Member.__table__,  # type: ignore[attr-defined]
    models.Visit.__table__,  # type: ignore[attr-defined]
    models.Photo.__table__,  # type: ignore[attr-defined]
    models.Request.__table__,  # type: ignore[attr-defined]
    tables.OutboxEntry.__table__,  # type: ignore[attr-defined]
    tables.SyncState.__table__,  # type: ignore[attr-defined]
    tables.LocalConflict.__table__,  # type: ignore[attr-defined]
    tables.SyncJournalEntry.__table__,  # type: ignore[attr-defined]
    tables.ReceivedPolicyPack.__table__,  # type: ignore[attr-defined]
    tables.ResyncSeen.__table__,  # type: ignore[attr-defined]
    tables.BlobUpload.__table__,  # type: ignore[attr-defined]
]


def _v1_initial(conn: Connection) -> None:
    SQLModel.metadata.create_all(conn, tables=LOCAL_TABLES)
    # Search index over names, NIKs and No. KK: one document per household, its rowid the household's
    # rowid, so a search returns integers the store orders without a join. Only prefix terms are
    # queried, so positions are not kept (detail=none) and the index stays small.
    conn.execute(
        text(
            "CREATE VIRTUAL TABLE household_search USING fts5("
            "body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 4', detail = none)"
        )
    )


STEPS: list[Step] = [_v1_initial]
SCHEMA_VERSION = len(STEPS)


def current_version(conn: Connection) -> int:
    return int(conn.execute(text("PRAGMA user_version")).scalar_one())


def migrate(conn: Connection) -> int:
    """Bring the schema to SCHEMA_VERSION; returns the version found before."""
    found = current_version(conn)
    if found > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"Data ini dibuat oleh versi aplikasi yang lebih baru (skema {found}, "
            f"aplikasi ini {SCHEMA_VERSION}). Perbarui aplikasi Verval Desa; data tidak diubah.",
            f"This store was written by a newer app (schema {found}, this app {SCHEMA_VERSION}). "
            "Update Verval Desa; the data was not changed.",
        )
    for version in range(found, SCHEMA_VERSION):
        STEPS[version](conn)
        conn.execute(text(f"PRAGMA user_version = {version + 1}"))
    return found
