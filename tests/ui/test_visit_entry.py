"""Entry points in the main window: "Kunjungan baru" opens the form, the list shows the draft badge,
"Koreksi" on a submitted visit opens a correction draft."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.core.demo import DEMO_VILLAGE, DemoDistrict
from app.store import visits
from app.sync.account import Account
from app.ui.main_window import MainWindow
from app.ui.worker import wait_for_all


def synced_window(qtbot: QtBot, account: Account) -> MainWindow:
    window = MainWindow(account)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sync.sync_finished, timeout=60_000):
        window.show()
    qtbot.waitUntil(lambda: window.model.total > 0, timeout=10_000)
    window.sync.stop()
    return window


def close_form(qtbot: QtBot, window: MainWindow, household_id: str) -> None:
    form = window.visit_forms[household_id]
    form.close()
    qtbot.waitUntil(lambda: household_id not in window.visit_forms, timeout=5_000)
    qtbot.waitUntil(lambda: not form.busy, timeout=10_000)
    wait_for_all()


def test_new_visit_and_correction_from_the_detail(
    qtbot: QtBot, account: Account, demo_district: DemoDistrict
):
    window = synced_window(qtbot, account)
    visited = {v.household_id for v in demo_district.visits}
    fresh = next(h for h in demo_district.households_in(DEMO_VILLAGE) if h.id not in visited)

    window.detail.show_household(fresh.id)
    qtbot.waitUntil(lambda: window.detail.new_visit_button.isVisible(), timeout=5_000)
    qtbot.mouseClick(window.detail.new_visit_button, qtbot_left())
    qtbot.waitUntil(lambda: fresh.id in window.visit_forms, timeout=15_000)  # the pack loads first
    form = window.visit_forms[fresh.id]
    assert form.isVisible() and form.household.id == fresh.id
    assert len(form.answers.members) == len(demo_district.members_of(fresh.id))
    close_form(qtbot, window, fresh.id)
    assert visits.draft_of(account.store, fresh.id) is not None
    window.detail.show_household(fresh.id)
    qtbot.waitUntil(lambda: window.detail.draft_button.isVisible(), timeout=5_000)
    assert not window.detail.new_visit_button.isVisible()
    row = account.store.household_rows([fresh.id])[0]
    assert row.visit_state == "draft"
    assert window.model._display(row, 6) == "Draf"

    submitted = next(v for v in demo_district.visits if v.household_id in {h.id for h in
                     demo_district.households_in(DEMO_VILLAGE)})  # fmt: skip
    window.detail.show_household(submitted.household_id)
    qtbot.waitUntil(lambda: window.detail.correction_button.isVisible(), timeout=5_000)
    qtbot.mouseClick(window.detail.correction_button, qtbot_left())
    qtbot.waitUntil(lambda: submitted.household_id in window.visit_forms, timeout=15_000)
    correction = window.visit_forms[submitted.household_id]
    assert correction.visit.replaces_id == submitted.id
    assert correction.state_badge.text() == "Draf koreksi"
    close_form(qtbot, window, submitted.household_id)


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
