"""Opening the officer's encrypted store: SQLCipher through SQLAlchemy, WAL, migrations.

One store per signed-in user, in the user data directory. The raw 32-byte key comes from
`keys.derive_key`; a wrong key and a damaged file are told apart where SQLCipher allows it, and the
file is never rewritten when it cannot be opened.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.pool import QueuePool
from sqlmodel import Session

from app.store import migrations
from app.store.errors import CorruptStoreError, WrongKeyError

SQLITE_HEADER = b"SQLite format 3\x00"


def _open_engine(path: Path, key: bytes) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        module=sqlcipher,
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=4,
        connect_args={"check_same_thread": False, "timeout": 30},
    )
    key_pragma = f"PRAGMA key = \"x'{key.hex()}'\""

    @event.listens_for(engine, "connect")
    def _unlock(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute(key_pragma)
        dbapi_conn.execute("PRAGMA journal_mode = WAL")
        dbapi_conn.execute("PRAGMA synchronous = NORMAL")
        dbapi_conn.execute("PRAGMA foreign_keys = ON")
        dbapi_conn.execute("PRAGMA busy_timeout = 30000")

    return engine


def open_engine(path: Path, key: bytes) -> Engine:
    """Open (creating if absent) and migrate the store at `path`. Raises StoreError subclasses."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.stat().st_size >= len(SQLITE_HEADER):
        with path.open("rb") as fh:
            if fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
                raise CorruptStoreError(
                    f"Berkas {path.name} bukan data terenkripsi Verval Desa; berkas tidak diubah.",
                    f"{path.name} is not an encrypted Verval Desa store; the file was left untouched.",
                )
    engine = _open_engine(path, key)
    try:
        with engine.begin() as conn:
            # The first read fails with "file is not a database" on a wrong key or a damaged file.
            conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
            integrity = conn.execute(text("PRAGMA quick_check")).scalar_one()
            if integrity != "ok":
                raise CorruptStoreError(
                    f"Data lokal rusak ({integrity}); berkas tidak diubah. Hubungi admin.",
                    f"The local store is damaged ({integrity}); the file was left untouched.",
                )
            migrations.migrate(conn)
    except DatabaseError as exc:
        engine.dispose()
        if "not a database" in str(exc) or "encrypted" in str(exc):
            raise WrongKeyError(
                "Kata sandi salah, atau berkas data rusak. Data tidak diubah.",
                "Wrong password, or the data file is damaged. Nothing was changed.",
            ) from exc
        raise CorruptStoreError(
            f"Data lokal tidak dapat dibuka: {exc.orig}. Berkas tidak diubah.",
            f"The local store cannot be opened: {exc.orig}. The file was left untouched.",
        ) from exc
    except Exception:
        engine.dispose()
        raise
    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
