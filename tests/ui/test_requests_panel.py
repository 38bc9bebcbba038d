"""The requests panel: the sekdes records a sanggah (photo + GPS) and a daftar ulang, moves them through
the allowed steps, prints the dossier, and the family's officer sees them after sync."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.core.demo import DEMO_VILLAGE, DemoDistrict
from app.core.models import Request, RequestKind, RequestStatus
from app.server.runner import ServerThread
from app.sync.account import sign_in
from app.sync.engine import SyncEngine
from app.ui.main_window import MainWindow
from app.ui.requests.data import requests_list
from app.ui.worker import wait_for_all
from tests.fixtures.photos import small_jpeg


def test_sekdes_records_requests_and_the_officer_sees_them(
    qtbot: QtBot, tmp_path: Path, demo_server: ServerThread, demo_district: DemoDistrict
) -> None:
    secretary = sign_in(tmp_path / "s", demo_server.url, "sekdes", "sekdes-demo")
    officer = sign_in(tmp_path / "o", demo_server.url, "pendamping", "pendamping-demo")
    try:
        for account in (secretary, officer):
            SyncEngine(account.store, account.client).sync()
        window = MainWindow(secretary, auto_sync=False)
        qtbot.addWidget(window)
        assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["Keluarga", "Permohonan"]
        panel = window.requests_panel
        window.tabs.setCurrentWidget(panel)
        household = demo_district.households_in(DEMO_VILLAGE)[3]

        # A sanggah with GPS; verification waits for the house photo.
        panel.start_new(RequestKind.OBJECTION)
        panel.family_search.setText(household.kk_number)
        qtbot.waitUntil(lambda: panel.family.findData(household.id) >= 0, timeout=10_000)
        panel.family.setCurrentIndex(panel.family.findData(household.id))
        panel.latitude.setValue(-9.6531)
        panel.longitude.setValue(124.2598)
        panel.reason.setPlainText("Punya mobil dan toko besar")
        with qtbot.waitSignal(panel.changed, timeout=10_000):
            panel.save_button.click()
        qtbot.waitUntil(lambda: panel.table.rowCount() == 1 and not panel.busy, timeout=10_000)
        objection = panel.current
        assert objection is not None and objection.details["latitude"] == -9.6531
        panel.select_request(objection.id)
        qtbot.waitUntil(lambda: not panel.busy, timeout=10_000)
        assert panel.step_buttons[RequestStatus.VERIFICATION].isEnabled()
        assert not panel.step_buttons[RequestStatus.APPROVED].isEnabled()
        panel.step_buttons[RequestStatus.VERIFICATION].click()
        qtbot.waitUntil(lambda: not panel.busy, timeout=10_000)
        assert "foto rumah" in panel.message.text()
        photo = tmp_path / "rumah.jpg"
        photo.write_bytes(small_jpeg(seed=7))
        panel.choose_photo_path = lambda: str(photo)
        panel.attach_button.click()
        qtbot.waitUntil(lambda: "Terlampir" in panel.photos.text(), timeout=20_000)
        with qtbot.waitSignal(panel.changed, timeout=10_000):
            panel.step_buttons[RequestStatus.VERIFICATION].click()
        qtbot.waitUntil(lambda: not panel.busy, timeout=10_000)

        # A daftar ulang, and its dossier printed to a chosen file on a worker thread.
        panel.start_new(RequestKind.RE_REGISTRATION)
        qtbot.waitUntil(lambda: panel.family.findData(household.id) >= 0, timeout=10_000)
        panel.family.setCurrentIndex(panel.family.findData(household.id))
        with qtbot.waitSignal(panel.changed, timeout=10_000):
            panel.save_button.click()
        qtbot.waitUntil(lambda: panel.table.rowCount() == 2 and not panel.busy, timeout=10_000)
        assert panel.current is not None and panel.current.kind == RequestKind.RE_REGISTRATION
        # The documents checklist comes from the policy pack, each line counting the photos it has.
        qtbot.waitUntil(lambda: "Kartu Keluarga (KK) terbaru" in panel.checklist.text(), timeout=20_000)
        assert "KTP-el seluruh anggota" in panel.checklist.text() and "☐" in panel.checklist.text()
        assert not panel.pdf_button.isHidden()
        out = tmp_path / "dosier.pdf"
        panel.choose_pdf_path = lambda _name: str(out)
        panel.pdf_button.click()
        qtbot.waitUntil(lambda: "Dosier tersimpan" in panel.message.text(), timeout=60_000)
        assert out.read_bytes().startswith(b"%PDF")

        SyncEngine(secretary.store, secretary.client).sync()
        SyncEngine(officer.store, officer.client).sync()
        seen = {r.id: r for r in requests_list(officer.store, household_id=household.id)}
        assert objection.id in seen
        assert isinstance(seen[objection.id], Request)
        assert seen[objection.id].status == RequestStatus.VERIFICATION
        assert {r.kind for r in seen.values()} >= {RequestKind.OBJECTION, RequestKind.RE_REGISTRATION}
        window.close()
    finally:
        wait_for_all()
        secretary.close()
        officer.close()
