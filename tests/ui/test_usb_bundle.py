"""USB bundles from the sync panel: work leaves on a stick, reaches the server exactly once; a damaged
bundle is refused with a message and changes nothing on the laptop."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlmodel import Session

from app.core.demo import DEMO_VILLAGE, DemoDistrict
from app.core.models import Household
from app.server.blobstore import open_blob_store
from app.server.bundles import import_push_bundle
from app.server.runner import ServerThread
from app.sync.account import sign_in
from app.sync.engine import SyncEngine
from app.ui.main_window import MainWindow
from app.ui.worker import wait_for_all


def test_export_on_a_stick_and_refuse_a_damaged_import(
    qtbot: QtBot, tmp_path: Path, demo_server: ServerThread, demo_district: DemoDistrict
) -> None:
    account = sign_in(tmp_path / "app", demo_server.url, "pendamping", "pendamping-demo")
    try:
        SyncEngine(account.store, account.client).sync()
        household = demo_district.households_in(DEMO_VILLAGE)[11]
        row = account.store.get(Household, household.id)
        assert row is not None
        account.store.save(row.model_copy(update={"address": "Dusun III, dekat embung"}))
        window = MainWindow(account, auto_sync=False)
        qtbot.addWidget(window)
        panel = window.open_sync_panel()

        stick = tmp_path / "usb" / "verval-pendamping.vbundle"
        stick.parent.mkdir()
        panel.export_bundle(str(stick))
        qtbot.waitUntil(lambda: "Bundel ditulis" in panel.bundle_message.text(), timeout=10_000)
        blobs = open_blob_store(demo_server.settings.blob_dir)
        first = import_push_bundle(demo_server.engine, blobs, stick.read_bytes())
        again = import_push_bundle(demo_server.engine, blobs, stick.read_bytes())  # handed in twice
        assert (first.applied, first.duplicate) == (1, 0)
        assert (again.applied, again.duplicate) == (0, 1)
        with Session(demo_server.engine) as session:
            assert session.get(Household, household.id).address == "Dusun III, dekat embung"  # type: ignore[union-attr]

        damaged = tmp_path / "usb" / "rusak.vbundle"
        data = bytearray(stick.read_bytes())
        data[len(data) // 2] ^= 0xFF
        damaged.write_bytes(bytes(data))
        before = account.store.village_summary()
        panel.import_bundle(str(damaged))
        qtbot.waitUntil(lambda: "tidak dapat diproses" in panel.bundle_message.text(), timeout=10_000)
        assert account.store.village_summary() == before
        window.close()
    finally:
        wait_for_all()
        account.close()
