"""Two people edit the same field offline; the officer sees the conflict and keeps their value."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlmodel import Session

from app.core.demo import DEMO_VILLAGE, DemoDistrict
from app.core.models import Household
from app.server.runner import ServerThread
from app.store.outbox import open_conflicts
from app.sync.account import sign_in
from app.sync.engine import SyncEngine
from app.ui.main_window import MainWindow
from app.ui.worker import wait_for_all


def test_conflict_resolved_in_the_panel_reaches_everyone(
    qtbot: QtBot, tmp_path: Path, demo_server: ServerThread, demo_district: DemoDistrict
) -> None:
    officer = sign_in(tmp_path / "a", demo_server.url, "pendamping", "pendamping-demo")
    secretary = sign_in(tmp_path / "b", demo_server.url, "sekdes", "sekdes-demo")
    try:
        for account in (officer, secretary):
            SyncEngine(account.store, account.client).sync()
        household_id = demo_district.households_in(DEMO_VILLAGE)[-1].id
        for account, address in (
            (secretary, "Dusun IV dekat gereja"),
            (officer, "Dusun IV belakang sekolah"),
        ):
            row = account.store.get(Household, household_id)
            assert row is not None
            account.store.save(row.model_copy(update={"address": address}))
        SyncEngine(secretary.store, secretary.client).sync()
        report = SyncEngine(officer.store, officer.client).sync()
        assert report.conflicts == 1
        assert officer.store.get(Household, household_id).address == "Dusun IV dekat gereja"  # type: ignore[union-attr]

        window = MainWindow(officer, auto_sync=False)
        qtbot.addWidget(window)
        panel = window.open_sync_panel()
        qtbot.waitUntil(lambda: panel.conflicts.rowCount() == 1, timeout=5_000)
        assert panel.conflicts.item(0, 1).text() == "address"
        assert "belakang sekolah" in panel.conflicts.item(0, 3).text()
        panel.conflicts.selectRow(0)
        qtbot.mouseClick(panel.keep_mine, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not open_conflicts(officer.store), timeout=5_000)
        qtbot.waitUntil(lambda: panel.conflicts.rowCount() == 0, timeout=5_000)

        SyncEngine(officer.store, officer.client).sync()
        SyncEngine(secretary.store, secretary.client).sync()
        with Session(demo_server.engine) as session:
            assert session.get(Household, household_id).address == "Dusun IV belakang sekolah"  # type: ignore[union-attr]
        assert secretary.store.get(Household, household_id).address == "Dusun IV belakang sekolah"  # type: ignore[union-attr]
        assert officer.store.pending_count() == 0
        window.close()
    finally:
        wait_for_all()
        officer.close()
        secretary.close()
