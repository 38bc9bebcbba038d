"""The main window over a real server and store: first sync, lazy list, search, detail, offline start."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.demo import DEMO_VILLAGE, DemoDistrict
from app.server.runner import ServerThread
from app.sync.account import Account, SignInError, sign_in
from app.ui.household_model import BATCH, HouseholdListModel
from app.ui.login_dialog import LoginDialog
from app.ui.main_window import MainWindow
from app.ui.worker import wait_for_all


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def synced_window(qtbot: QtBot, account: Account) -> MainWindow:
    window = MainWindow(account)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sync.sync_finished, timeout=60_000):
        window.show()
    qtbot.waitUntil(lambda: window.model.total > 0, timeout=10_000)
    return window


def test_first_sync_shows_the_village(qtbot: QtBot, account: Account, demo_district: DemoDistrict) -> None:
    window = synced_window(qtbot, account)
    expected = len(demo_district.households_in(DEMO_VILLAGE))
    qtbot.waitUntil(lambda: window.model.total == expected, timeout=10_000)
    qtbot.waitUntil(
        lambda: window.overview.summary is not None and window.overview.summary.households == expected
    )
    assert "Eonbesi" in window.overview.heading.text()
    assert window.connection_label.text().endswith("Online")
    # Only the assigned village came down: no family of the neighbouring village.
    assert window.overview.summary.households == expected
    window.sync.stop()
    wait_for_all()


def test_search_by_name_nik_and_kk(qtbot: QtBot, account: Account, demo_district: DemoDistrict) -> None:
    window = synced_window(qtbot, account)
    household = demo_district.households_in(DEMO_VILLAGE)[5]
    member = demo_district.members_of(household.id)[0]
    for typed in (member.name.split()[0], member.nik[:10], household.kk_number):
        window.search.clear()
        qtbot.keyClicks(window.search, typed)
        everyone = len(demo_district.households_in(DEMO_VILLAGE))
        qtbot.waitUntil(lambda: 0 < window.model.total < everyone, timeout=5_000)  # noqa: B023
        found = [window.model.household_id(row) for row in range(window.model.rowCount())]
        assert household.id in found, typed
    window.table.selectRow(found.index(household.id))
    qtbot.waitUntil(lambda: household.kk_number in window.detail.title.text(), timeout=5_000)
    assert window.detail.members.rowCount() == len(
        [m for m in demo_district.members_of(household.id) if not m.deleted]
    )
    window.sync.stop()
    wait_for_all()


def test_list_model_fetches_lazily(qtbot: QtBot, account: Account) -> None:
    # A bigger list than one batch: rows are exposed in batches and read only when painted.
    from bench.village import cloned_rows

    households, members = cloned_rows(BATCH * 3)
    with account.store.session() as session:
        account.store.apply_remote(session, [*households, *members])
    model = HouseholdListModel(account.store)
    with qtbot.waitSignal(model.search_finished, timeout=10_000):
        model.search("")
    assert model.total >= BATCH * 3
    assert model.rowCount() == BATCH and model.canFetchMore(model.index(-1, -1))
    assert model.cached_count == 0  # nothing read before anything is shown
    assert model.data(model.index(0, 0)) == "…"
    qtbot.waitUntil(lambda: model.cached_count > 0, timeout=5_000)
    assert model.cached_count <= 100  # one block, not the table
    assert model.data(model.index(0, 0)) not in ("…", None)
    model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == BATCH * 2
    wait_for_all()


def test_app_opens_offline_on_local_data(qtbot: QtBot, tmp_path: Path, demo_server: ServerThread) -> None:
    first = sign_in(tmp_path / "app", demo_server.url, "pendamping", "pendamping-demo")
    window = synced_window(qtbot, first)
    total = window.model.total
    window.sync.stop()
    window.close()
    wait_for_all()
    first.close()
    # The server is now unreachable: the same password opens the local store.
    offline = sign_in(tmp_path / "app", closed_port_url(), "pendamping", "pendamping-demo")
    assert offline.online is False
    window = MainWindow(offline)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.total == total and total > 0, timeout=10_000)
    qtbot.waitUntil(lambda: window.connection_label.text().endswith("Offline"), timeout=5_000)
    window.sync.stop()
    wait_for_all()
    offline.close()


def test_wrong_password_offline_is_refused(tmp_path: Path, demo_server: ServerThread) -> None:
    sign_in(tmp_path / "app", demo_server.url, "pendamping", "pendamping-demo").close()
    with pytest.raises(SignInError) as raised:
        sign_in(tmp_path / "app", closed_port_url(), "pendamping", "salah-sandi")
    assert "Kata sandi salah" in raised.value.message


def test_first_sign_in_needs_the_server(tmp_path: Path) -> None:
    with pytest.raises(SignInError) as raised:
        sign_in(tmp_path / "app", closed_port_url(), "pendamping", "pendamping-demo")
    assert "harus terhubung" in raised.value.message


def test_corrupted_store_is_reported_and_kept(tmp_path: Path, demo_server: ServerThread) -> None:
    sign_in(tmp_path / "app", demo_server.url, "pendamping", "pendamping-demo").close()
    db = tmp_path / "app" / "users" / "pendamping" / "store.db"
    for leftover in db.parent.glob("store.db-*"):
        os.remove(leftover)
    damaged = bytearray(db.read_bytes())
    damaged[100:4196] = os.urandom(4096)
    db.write_bytes(bytes(damaged))
    with pytest.raises(SignInError):
        sign_in(tmp_path / "app", closed_port_url(), "pendamping", "pendamping-demo")
    assert db.read_bytes() == bytes(damaged)


def test_login_dialog_shows_wrong_password(qtbot: QtBot, tmp_path: Path, demo_server: ServerThread) -> None:
    dialog = LoginDialog(tmp_path / "app", demo_server.url, "pendamping")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.password, "bukan-sandinya")
    dialog.submit()
    qtbot.waitUntil(lambda: "salah" in dialog.message.text(), timeout=15_000)
    assert dialog.account is None
    wait_for_all()
