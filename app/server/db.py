"""The server's database: SQLite (WAL) for one district, PostgreSQL by URL; schema by Alembic.

`open_database(settings)` creates the engine and runs `alembic upgrade head` programmatically, so a
fresh data directory and an old database both come up at the current schema with no manual step.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session

from app.server.config import Settings

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Execution option asking for a write transaction (BEGIN IMMEDIATE on SQLite, see `_sqlite_engine`).
WRITE = {"verval_write": True}


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    # No pre-ping: it costs a round trip on every checkout (several per request). A connection broken
    # by a database restart fails its one request (a push is safe to resend) and SQLAlchemy then
    # invalidates the whole pool, so the next requests reconnect.
    return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=False)


def _sqlite_engine(url: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (the pysqlite recipe), so writers can ask
        # for BEGIN IMMEDIATE: a deferred transaction that reads and then writes fails at once with
        # SQLITE_BUSY_SNAPSHOT in WAL mode when another writer committed meanwhile, while IMMEDIATE
        # waits its turn on the busy timeout.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get("verval_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine) -> None:
    """`alembic upgrade head` on this engine's database."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def open_database(settings: Settings) -> Engine:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.effective_database_url)
    try:
        upgrade(engine)
    except Exception:
        engine.dispose()
        raise
    return engine


def is_postgres(engine_or_session: Engine | Session) -> bool:
    bind = engine_or_session.get_bind() if isinstance(engine_or_session, Session) else engine_or_session
    return bind.dialect.name == "postgresql"


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session whose transaction is a write transaction from its first statement."""
    with Session(engine.execution_options(**WRITE), expire_on_commit=False) as session:
        yield session
