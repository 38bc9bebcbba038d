"""Server fixtures: every test runs on SQLite and, marked `postgres`, on a throwaway PostgreSQL database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.server.api import create_app
from app.server.config import Settings
from tests.serverkit import database_url, make_settings, open_seeded


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    return make_settings(tmp_path, db_url, login_max_failures=3)


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    engine = open_seeded(settings)
    yield engine
    engine.dispose()


@pytest.fixture
def api(settings: Settings, engine: Engine) -> Iterator[TestClient]:
    with TestClient(create_app(settings, engine=engine)) as client:
        yield client
