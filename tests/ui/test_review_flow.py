"""Review round trip through the real server over a socket: the supervisor returns a visit with a
comment on the income field, the officer sees it on that field and corrects, the supervisor approves,
and the household history shows the chain."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from pytestqt.qtbot import QtBot
from sqlmodel import Session

from app.core.demo import DEMO_VILLAGE, DemoDistrict
from app.core.models import PhotoKind, Visit, VisitState
from app.core.photos import process_photo
from app.core.rules import PolicyPack, default_pack
from app.server.runner import ServerThread
from app.store import visits
from app.sync.account import Account, sign_in
from app.sync.engine import SyncEngine
from app.ui.main_window import MainWindow
from app.ui.requests.data import vault_for
from app.ui.worker import wait_for_all
from tests.fixtures.photos import small_jpeg

INCOME_PATH = "members.0.monthly_income"
COMMENT = "Penghasilan tidak sesuai slip gaji; periksa lagi"


@pytest.fixture(scope="module")
def pack() -> PolicyPack:
    return default_pack()


@pytest.fixture
def accounts(tmp_path: Path, demo_server: ServerThread) -> Iterator[dict[str, Account]]:
    opened = {
        "officer": sign_in(tmp_path / "officer", demo_server.url, "pendamping", "pendamping-demo"),
        "supervisor": sign_in(tmp_path / "supervisor", demo_server.url, "supervisor", "supervisor-demo"),
    }
    yield opened
    wait_for_all()
    for account in opened.values():
        account.close()


def sync(account: Account) -> Any:
    report = SyncEngine(account.store, account.client).sync()
    assert not report.rejected, report
    return report


def unvisited_household(district: DemoDistrict, offset: int) -> str:
    visited = {v.household_id for v in district.visits}
    free = [h.id for h in district.households_in(DEMO_VILLAGE) if h.id not in visited]
    return free[len(free) // 2 + offset]


def submit_first_visit(account: Account, household_id: str, pack: PolicyPack) -> Visit:
    """What the form does, through the store: a draft, two house photos, a changed income, submit."""
    store = account.store
    vault = vault_for(account.user_dir, account.key)
    draft = visits.start_visit(store, household_id=household_id, officer=account.username)
    for seed, kind in ((1, PhotoKind.HOUSE_FRONT), (2, PhotoKind.HOUSE_INSIDE)):
        original = small_jpeg(seed=seed)
        visits.attach_photo(
            store, vault, visit_id=draft.id, processed=process_photo(original), original=original,
            kind=kind, taken_by=account.username,
        )  # fmt: skip
    answers = dict(draft.answers)
    answers["members"][0]["monthly_income"] = 3_100_000
    return visits.submit_visit(store, visit_id=draft.id, answers=answers, pack=pack)


def server_visit(server: ServerThread, visit_id: str) -> Visit:
    with Session(server.engine) as session:
        visit = session.get(Visit, visit_id)
        assert visit is not None
        session.expunge(visit)
        return visit


def open_review(qtbot: QtBot, window: MainWindow, visit_id: str) -> Any:
    panel = window.review_panel
    assert panel is not None
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.model.row_of(visit_id) >= 0, timeout=10_000)
    with qtbot.waitSignal(panel.view.loaded, timeout=10_000):
        assert panel.select_visit(visit_id)
    return panel


def test_return_comment_correct_approve_chain(
    qtbot: QtBot,
    accounts: dict[str, Account],
    demo_server: ServerThread,
    demo_district: DemoDistrict,
    pack: PolicyPack,
) -> None:
    officer, supervisor = accounts["officer"], accounts["supervisor"]
    for account in (officer, supervisor):
        sync(account)
    household_id = unvisited_household(demo_district, 0)
    first = submit_first_visit(officer, household_id, pack)
    sync(officer)
    assert server_visit(demo_server, first.id).state == VisitState.SUBMITTED

    # ---- the supervisor returns it with a comment on the income field ----
    sync(supervisor)
    boss = MainWindow(supervisor, auto_sync=False)
    qtbot.addWidget(boss)
    assert boss.tabs.tabText(1) == "Tinjauan"
    panel = open_review(qtbot, boss, first.id)
    view = panel.view
    row = view.row_of_path(INCOME_PATH)
    assert row >= 0, "a changed income is listed against the registry"
    assert view.comparison.item(row, 2).font().bold()
    assert "3.100.000" in view.comparison.item(row, 2).text()
    view.comparison.item(row, 3).setText(COMMENT)  # what typing in the comment cell does
    assert view.comments == {INCOME_PATH: COMMENT}
    with qtbot.waitSignal(view.decided, timeout=10_000) as decided:
        view.return_button.click()
    assert decided.args[0].state == VisitState.RETURNED
    sync(supervisor)
    on_server = server_visit(demo_server, first.id)
    assert on_server.state == VisitState.RETURNED
    assert on_server.review_comments == {INCOME_PATH: COMMENT}
    assert on_server.reviewer == "supervisor"

    # ---- the officer sees the comment on that field, and corrects ----
    sync(officer)
    returned = officer.store.get(Visit, first.id)
    assert isinstance(returned, Visit) and returned.state == VisitState.RETURNED
    window = MainWindow(officer, auto_sync=False)
    qtbot.addWidget(window)
    window.open_visit("correction", first.id)
    qtbot.waitUntil(lambda: household_id in window.visit_forms, timeout=20_000)
    form = window.visit_forms[household_id]
    assert form.visit.replaces_id == first.id
    qtbot.waitUntil(lambda: form.review_comments.comments == {INCOME_PATH: COMMENT}, timeout=10_000)
    assert COMMENT in form.review_comments.notes.text()
    assert not form.review_comments.notes.isHidden()
    form.go_to_section(form.sections.index(form.work_section))
    income = form.review_comments.field_widget(INCOME_PATH)
    assert income is form.work_section.member_widgets[0][2]
    assert COMMENT in income.toolTip()
    income.setText("2.400.000")
    income.textEdited.emit("2.400.000")  # the officer types the corrected amount
    assert form.answers.members[0].monthly_income == 2_400_000
    with qtbot.waitSignal(form.submitted, timeout=20_000) as submitted:
        form.submit()
    correction: Visit = submitted.args[0]
    assert correction.replaces_id == first.id
    replaced = officer.store.get(Visit, first.id)
    assert isinstance(replaced, Visit) and replaced.state == VisitState.REPLACED
    qtbot.waitUntil(lambda: not form.busy, timeout=10_000)
    form.close()
    # The window deletes a closed form once its saves have ended; let that happen before the window goes.
    qtbot.waitUntil(lambda: not shiboken6.isValid(form), timeout=10_000)
    sync(officer)
    assert server_visit(demo_server, first.id).state == VisitState.REPLACED
    assert server_visit(demo_server, correction.id).state == VisitState.SUBMITTED

    # ---- the supervisor approves the correction ----
    sync(supervisor)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.model.row_of(first.id) < 0, timeout=10_000)
    panel = open_review(qtbot, boss, correction.id)
    assert panel.view.context is not None and panel.view.context.previous is not None
    assert INCOME_PATH in panel.view.context.corrected
    assert COMMENT in panel.view.history.toPlainText()
    with qtbot.waitSignal(panel.view.decided, timeout=10_000):
        panel.view.approve_button.click()
    sync(supervisor)
    assert server_visit(demo_server, correction.id).state == VisitState.APPROVED

    # ---- the household history shows the whole chain ----
    sync(officer)
    window.reload()
    window.detail.show_household(household_id)
    qtbot.waitUntil(lambda: "Disetujui" in window.detail.history.text(), timeout=10_000)
    history = window.detail.history.text()
    chain = [
        "#1",
        "Diganti",
        "dikembalikan oleh supervisor",
        COMMENT,
        "#2",
        "Disetujui",
        "koreksi atas kunjungan #1",
    ]
    positions = [history.index(part) for part in chain]
    assert positions == sorted(positions), history
    boss.close()
    window.close()
    wait_for_all()
