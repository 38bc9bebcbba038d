"""Shared helpers for server and sync tests: databases (SQLite and a throwaway PostgreSQL database),
a seeded village, and comparing a client store with the server's view of its scope."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session

from app.core.models import SYNCED_ENTITIES, Household, Member, Role
from app.server import admin
from app.server.config import Settings
from app.server.db import open_database

PG_ADMIN_DSN = os.environ.get("VERVAL_TEST_PG", "host=127.0.0.1 port=5432 user=postgres dbname=test")
PG_URL_TEMPLATE = os.environ.get("VERVAL_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/{db}")

VILLAGE = "53.02.03.2002"
OTHER_VILLAGE = "53.02.03.2003"
KECAMATAN = "53.02.03"
PASSWORDS = {
    "pendamping": "rahasia-pendamping",
    "pendamping2": "rahasia-pendamping2",
    "supervisor": "rahasia-supervisor",
    "admin": "rahasia-admin-123",
}


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh database in the local cluster, dropped afterwards; yields its SQLAlchemy URL."""
    name = f"verval_test_{uuid.uuid4().hex[:12]}"
    try:
        conn = psycopg.connect(PG_ADMIN_DSN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        if os.environ.get("CI"):
            # CI starts PostgreSQL (.ci/run): there a missing server is a failure, not a skip.
            raise
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    with conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_URL_TEMPLATE.format(db=name)
    finally:
        with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def database_url(kind: str, tmp_path: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.sqlite3'}"
    else:
        with postgres_database() as url:
            yield url


def make_settings(tmp_path: Path, url: str, **overrides: Any) -> Settings:
    return Settings(data_dir=tmp_path / "server", database_url=url, **overrides)


def village_rows(village: str, households: int, *, seed: int = 1, members_each: int = 3) -> list[Any]:
    """A small registry extract: `households` families with `members_each` members, deterministic ids."""
    rows: list[Any] = []
    ns = uuid.UUID(int=seed)
    for i in range(households):
        hid = str(uuid.uuid5(ns, f"{village}/h/{i}"))
        rows.append(
            Household(
                id=hid,
                village_code=village,
                kk_number=f"5302{i:012d}"[:16],
                head_name=f"Kepala {village[-4:]} {i}",
                address=f"Dusun {i % 4 + 1}",
                rt=f"{i % 9 + 1:03d}",
                rw="001",
                desil=i % 10 + 1,
                programmes=[{"programme": "PKH", "start_date": "2020-01-01", "status": "aktif"}]
                if i % 3 == 0
                else [],
            )
        )
        for j in range(members_each):
            rows.append(
                Member(
                    id=str(uuid.uuid5(ns, f"{village}/m/{i}/{j}")),
                    village_code=village,
                    household_id=hid,
                    nik=f"53020{i:06d}{j:05d}"[:16],
                    name=f"Anggota {i}-{j}",
                    sex="L" if j % 2 else "P",
                    birth_date=date(1970 + j * 10, 1 + i % 12, 1 + j),
                    relation="kepala" if j == 0 else "anak",
                    monthly_income=500_000 * j,
                )
            )
    return rows


def seed(engine: Engine, *, households: int = 5, other_households: int = 3) -> None:
    """Users (pendamping → VILLAGE, pendamping2 → OTHER_VILLAGE, supervisor → KECAMATAN, admin) and rows."""
    with Session(engine) as session:
        admin.create_user(
            session,
            username="pendamping",
            password=PASSWORDS["pendamping"],
            role=Role.PENDAMPING,
            full_name="Maria Sanam",
        )
        admin.create_user(
            session,
            username="pendamping2",
            password=PASSWORDS["pendamping2"],
            role=Role.PENDAMPING,
            full_name="Yakobus Nope",
        )
        admin.create_user(
            session,
            username="supervisor",
            password=PASSWORDS["supervisor"],
            role=Role.SUPERVISOR,
            full_name="Yuliana Benu",
        )
        admin.create_user(
            session, username="admin", password=PASSWORDS["admin"], role=Role.ADMIN, full_name="Admin"
        )
        admin.assign(session, username="pendamping", area_code=VILLAGE)
        admin.assign(session, username="pendamping2", area_code=OTHER_VILLAGE)
        admin.assign(session, username="supervisor", area_code=KECAMATAN)
        admin.import_rows(
            session, village_rows(VILLAGE, households) + village_rows(OTHER_VILLAGE, other_households)
        )


def open_seeded(settings: Settings, **kw: Any) -> Engine:
    engine = open_database(settings)
    seed(engine, **kw)
    return engine


def server_rows(engine: Engine, villages: set[str]) -> dict[tuple[str, str], dict[str, Any]]:
    """The server's view of these villages, as the client stores rows (JSON, with versions)."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    with Session(engine) as session:
        for entity, model in SYNCED_ENTITIES.items():
            for row in session.execute(select(model).where(model.village_code.in_(villages))).scalars():
                out[(entity, row.id)] = row.model_dump(mode="json")
    return out
