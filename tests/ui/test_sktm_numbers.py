"""SKTM numbers: the sekdes's sync reserves a block, the panel numbers a letter offline from it, and two
laptops of the same village never print the same number."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.core.demo import DEMO_VILLAGE, DemoDistrict
from app.core.models import Request, RequestKind
from app.server.runner import ServerThread
from app.sync.account import Account, sign_in
from app.ui.main_window import MainWindow
from app.ui.requests import data
from app.ui.sync_controller import SyncController
from app.ui.worker import wait_for_all


def test_sync_reserves_numbers_and_the_panel_issues_them(
    qtbot: QtBot, tmp_path: Path, demo_server: ServerThread, demo_district: DemoDistrict
) -> None:
    laptops = [sign_in(tmp_path / f"laptop{i}", demo_server.url, "sekdes", "sekdes-demo") for i in (1, 2)]
    try:
        for account in laptops:
            controller = SyncController(account)
            with qtbot.waitSignal(controller.sync_finished, timeout=60_000):
                controller.sync_now()
            controller.stop()
            assert data.sktm_ledger(account.store).remaining(DEMO_VILLAGE, date.today().year) >= 20

        household = demo_district.households_in(DEMO_VILLAGE)[5]
        numbers = [number_a_letter(qtbot, account, household.id) for account in laptops]
        assert len(set(numbers)) == 2, numbers
    finally:
        wait_for_all()
        for account in laptops:
            account.close()


def number_a_letter(qtbot: QtBot, account: Account, household_id: str) -> str:
    """The sekdes records a daftar ulang and presses "Beri nomor SKTM"; returns the number."""
    request = data.new_request(
        account.store, kind=RequestKind.RE_REGISTRATION, village_code=DEMO_VILLAGE,
        household_id=household_id, created_by="sekdes",
    )  # fmt: skip
    window = MainWindow(account, auto_sync=False)
    qtbot.addWidget(window)
    panel = window.requests_panel
    panel.refresh()
    qtbot.waitUntil(lambda: panel.table.rowCount() >= 1 and not panel.busy, timeout=10_000)
    panel.select_request(request.id)
    qtbot.waitUntil(lambda: panel.current is not None and not panel.sktm_button.isHidden(), timeout=5_000)
    panel.sktm_button.click()
    qtbot.waitUntil(lambda: "Nomor SKTM" in panel.message.text(), timeout=10_000)
    numbered = account.store.get(Request, request.id)
    assert isinstance(numbered, Request) and numbered.sktm_number.endswith(f"/{date.today().year}")
    window.close()
    return numbered.sktm_number
