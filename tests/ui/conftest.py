"""UI fixtures: a real server seeded with a small demo district, and a signed-in account."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.demo import DemoDistrict, generate_demo
from app.server.config import Settings
from app.server.demo_seed import seed_demo
from app.server.runner import ServerThread
from app.sync.account import Account, sign_in
from app.ui.worker import wait_for_all


@pytest.fixture(scope="session")
def demo_district() -> DemoDistrict:
    return generate_demo(2026, households=60, neighbour_households=10)


@pytest.fixture(scope="session")
def demo_server(
    tmp_path_factory: pytest.TempPathFactory, demo_district: DemoDistrict
) -> Iterator[ServerThread]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("server"))
    server = ServerThread(settings).start()
    seed_demo(server.engine, demo_district)
    yield server
    server.stop()


@pytest.fixture
def account(tmp_path: Path, demo_server: ServerThread) -> Iterator[Account]:
    acct = sign_in(tmp_path / "app", demo_server.url, "pendamping", "pendamping-demo")
    yield acct
    wait_for_all()
    acct.close()
