"""The app's own sync (the controller behind "Sinkronkan sekarang") sends a visit's photos, then the visit."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlmodel import Session, select

from app.core.demo import DEMO_VILLAGE, DemoDistrict
from app.core.models import Photo, PhotoKind, Visit, VisitState
from app.core.photos import process_photo
from app.server.blobstore import open_blob_store
from app.server.runner import ServerThread
from app.store import visits
from app.store.packs import current_pack
from app.store.vault import user_vault
from app.sync.account import sign_in
from app.sync.engine import SyncEngine
from app.ui.sync_controller import SyncController
from app.ui.worker import wait_for_all
from tests.fixtures.photos import small_jpeg


def test_sync_now_uploads_photos_and_the_visit(
    qtbot: QtBot, tmp_path: Path, demo_server: ServerThread, demo_district: DemoDistrict
) -> None:
    account = sign_in(tmp_path / "app", demo_server.url, "pendamping", "pendamping-demo")
    try:
        SyncEngine(account.store, account.client).sync()
        household = demo_district.households_in(DEMO_VILLAGE)[7]
        vault = user_vault(account.user_dir, account.key)
        draft = visits.start_visit(account.store, household_id=household.id, officer="pendamping")
        sent: list[str] = []
        for seed, kind in ((1, PhotoKind.HOUSE_FRONT), (2, PhotoKind.HOUSE_INSIDE)):
            original = small_jpeg(seed=seed)
            photo = visits.attach_photo(
                account.store, vault, visit_id=draft.id, processed=process_photo(original),
                original=original, kind=kind, taken_by="pendamping",
            )  # fmt: skip
            sent.append(photo.sha256)
        submitted = visits.submit_visit(
            account.store, visit_id=draft.id, answers=draft.answers, pack=current_pack(account.store)
        )
        assert submitted.state == VisitState.SUBMITTED

        controller = SyncController(account)
        with qtbot.waitSignal(controller.sync_finished, timeout=60_000) as finished:
            controller.sync_now()
        report = finished.args[0]
        assert report.photo_upload is not None and account.store.pending_count() == 0

        blobs = open_blob_store(demo_server.settings.blob_dir)
        for sha in sent:
            assert blobs.has(sha)
        with Session(demo_server.engine) as session:
            assert session.get(Visit, draft.id).state == VisitState.SUBMITTED  # type: ignore[union-attr]
            photos = session.exec(select(Photo).where(Photo.visit_id == draft.id)).all()
            assert {p.sha256 for p in photos} == set(sent)
        controller.stop()
    finally:
        wait_for_all()
        account.close()
