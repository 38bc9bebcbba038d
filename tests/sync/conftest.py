"""Sync fixtures: a real server over a real socket (ServerThread), seeded, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.server.config import Settings
from app.server.runner import ServerThread
from app.store.store import Store
from app.sync.client import SyncClient
from tests.conftest import TEST_KEY
from tests.serverkit import PASSWORDS, database_url, make_settings, seed


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def server(tmp_path: Path, db_url: str) -> Iterator[ServerThread]:
    settings: Settings = make_settings(tmp_path, db_url)
    with ServerThread(settings) as running:
        seed(running.engine)
        yield running


def signed_in(server: ServerThread, username: str) -> SyncClient:
    client = SyncClient(server.url)
    client.login(username, PASSWORDS[username])
    return client


@pytest.fixture
def make_store(tmp_path: Path) -> Iterator[object]:
    opened: list[Store] = []

    def make(name: str) -> Store:
        store = Store.open(tmp_path / f"{name}.db", TEST_KEY)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()
