"""A server that no longer accepts this app version: a clear message, local work stays usable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.demo import DemoDistrict
from app.server.config import Settings
from app.server.demo_seed import seed_demo
from app.server.runner import ServerThread
from app.sync.account import SignInError, sign_in
from app.ui.main_window import MainWindow
from app.ui.worker import wait_for_all


@pytest.fixture(scope="module")
def strict_server(
    tmp_path_factory: pytest.TempPathFactory, demo_district: DemoDistrict
) -> Iterator[ServerThread]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("strict"), min_client_version="99.0.0")
    server = ServerThread(settings).start()
    seed_demo(server.engine, demo_district, pack_dir=None)
    yield server
    server.stop()


def test_first_sign_in_says_to_update(tmp_path: Path, strict_server: ServerThread) -> None:
    with pytest.raises(SignInError) as raised:
        sign_in(tmp_path / "app", strict_server.url, "pendamping", "pendamping-demo")
    assert "99.0.0" in raised.value.message and "Perbarui" in raised.value.message


def test_sync_shows_426_and_keeps_local_data(
    qtbot: QtBot, tmp_path: Path, demo_server: ServerThread, strict_server: ServerThread
) -> None:
    account = sign_in(tmp_path / "app", demo_server.url, "pendamping", "pendamping-demo")
    account.client.base_url = strict_server.url  # the district upgraded its server overnight
    window = MainWindow(account)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sync.sync_failed, timeout=30_000) as failed:
        window.show()
    assert "99.0.0" in failed.args[0]
    assert window.connection_label.text().endswith("diperbarui")
    assert "99.0.0" in window.statusBar().currentMessage()
    window.sync.stop()
    wait_for_all()
    account.close()
