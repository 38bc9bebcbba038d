"""Camera capture on the visit form.

The test machine has no camera, so only the camera hardware is faked: frames come from a
QVideoFrameInput on the dialog's capture session, or the device list says there is a camera that then
fails. The capture session, sink, dialog, import, processing and vault are the real ones.
"""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import (  # QVideoFrameInput: Qt >= 6.8, pyproject's floor
    QCamera,
    QCameraDevice,
    QMediaDevices,
    QVideoFrame,
    QVideoFrameInput,
)

from app.core.models import PhotoKind, Visit
from app.core.photos import process_photo
from app.store import visits
from app.store.store import Store
from app.store.vault import MAGIC, PhotoVault
from app.ui.operations.visits import CAMERA_JPEG_QUALITY, encode_picture
from app.ui.visit.camera_dialog import CameraDialog, camera_error_message
from app.ui.visit.photo_panel import CameraWatch
from tests.fixtures.photos import photo_like
from tests.ui import visit_support
from tests.ui.visit_support import import_and_wait, wait_idle, write_file

make_form = visit_support.make_form
pack = visit_support.pack
vault = visit_support.vault

ROOT = Path(__file__).resolve().parents[2]


def webcam_frame(width: int = 1280, height: int = 720, seed: int = 4) -> QImage:
    """What a 720p webcam sees at a house: the synthetic house photo, as a video frame's image."""
    picture = photo_like((width, height), seed=seed)
    return QImage(picture.tobytes(), width, height, 3 * width, QImage.Format.Format_RGB888).copy()


@pytest.fixture
def watch(monkeypatch: pytest.MonkeyPatch):
    """The process's camera watch, looked at now; the real device list again afterwards."""
    camera_watch = CameraWatch.instance()
    camera_watch.check()
    yield camera_watch
    monkeypatch.undo()
    camera_watch.refresh()


def open_dialog(qtbot, form, source=None) -> CameraDialog:
    form.go_to_section(6)
    form.photo_panel.open_camera(source=source)
    dialog = form.photo_panel.camera_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.isActiveWindow())
    return dialog


def send_frame(qtbot, dialog: CameraDialog, source, image: QImage) -> None:
    assert source.sendVideoFrame(QVideoFrame(image))
    qtbot.waitUntil(lambda: dialog.sink.videoFrame().isValid() and dialog.take_button.isEnabled())


def test_no_camera_no_button(qtbot, make_form):
    form = make_form()
    camera_watch = CameraWatch.instance()
    qtbot.waitUntil(lambda: camera_watch.available is not None)  # looked a moment after showing
    assert QMediaDevices.videoInputs() == []  # this machine
    assert camera_watch.available is False
    assert form.photo_panel.camera_button.isHidden()
    assert not form.photo_panel.import_button.isHidden()


def test_button_follows_cameras_plugged_in_and_out(qtbot, make_form, watch, monkeypatch):
    form = make_form()
    button = form.photo_panel.camera_button
    assert button.isHidden()
    monkeypatch.setattr(QMediaDevices, "videoInputs", staticmethod(lambda: [QCameraDevice()]))
    watch._devices.videoInputsChanged.emit()  # what Qt emits when a USB camera is plugged in
    assert not button.isHidden()
    second = make_form(serial=2, head_name="Maria Taneo")
    assert not second.photo_panel.camera_button.isHidden()  # a form opened later knows at once
    monkeypatch.undo()
    watch._devices.videoInputsChanged.emit()
    assert button.isHidden() and second.photo_panel.camera_button.isHidden()


def test_taking_a_picture_adds_a_photo_exactly_as_an_import(
    qtbot, make_form, store: Store, vault: PhotoVault, tmp_path: Path
):
    form = make_form()
    visit = store.get(Visit, form.visit.id)
    store.save(visit.model_copy(update={"latitude": -9.8651, "longitude": 124.2843}), local_only=True)
    source = QVideoFrameInput()
    dialog = open_dialog(qtbot, form, source)
    assert dialog.camera is None and dialog.camera_choice.isHidden()  # no chooser for one source
    dialog.kind.setCurrentIndex(dialog.kind.findData(str(PhotoKind.HOUSE_SIDE)))
    assert form.photo_panel.new_kind.currentData() == str(PhotoKind.HOUSE_SIDE)  # same choice as import
    send_frame(qtbot, dialog, source, webcam_frame())

    with (
        qtbot.waitSignal(dialog.picture_taken) as taken,
        qtbot.waitSignal(form.photo_panel.import_finished, timeout=20_000),
    ):
        qtbot.keyClick(dialog, Qt.Key.Key_Space)
    wait_idle(qtbot, form)
    picture, kind = taken.args
    assert kind == str(PhotoKind.HOUSE_SIDE) and (picture.width(), picture.height()) == (1280, 720)
    assert "Foto ke-1 diambil" in dialog.status.text()
    assert "Foto tersimpan" in form.photo_panel.status.text()

    [photo] = visits.photos_of(store, form.visit.id)
    assert photo.kind == str(PhotoKind.HOUSE_SIDE)
    assert (photo.width, photo.height) == (1280, 720) and photo.media_type == "image/jpeg"
    assert (photo.latitude, photo.longitude) == (-9.8651, 124.2843)  # no EXIF: the visit's place
    rendition = vault.get(photo.sha256)
    assert hashlib.sha256(rendition).hexdigest() == photo.sha256
    assert Image.open(io.BytesIO(rendition)).format == "JPEG"
    assert vault.path_for(photo.sha256).read_bytes()[:4] == MAGIC  # encrypted at rest
    assert Image.open(io.BytesIO(vault.get(photo.thumbnail_sha256))).size == (256, 144)
    original = vault.get_original(photo.id)  # the q95 frame, kept until the server confirms
    assert original == encode_picture(picture)
    assert Image.open(io.BytesIO(original)).size == (1280, 720)
    assert photo.sha256 == process_photo(original).sha256
    row = form.photo_panel.rows[photo.id]
    assert not row.thumbnail.pixmap().isNull()
    assert form.photo_panel.missing_required() == ["rumah_depan", "rumah_dalam"]

    # The same picture as a file, through the file import: the very same photo.
    path = write_file(tmp_path, "kamera.jpg", original)
    import_and_wait(qtbot, form, [path], PhotoKind.HOUSE_SIDE)
    imported = next(p for p in visits.photos_of(store, form.visit.id) if p.id != photo.id)
    same = ("sha256", "thumbnail_sha256", "phash", "width", "height", "byte_size", "latitude", "longitude")
    assert {f: getattr(imported, f) for f in same} == {f: getattr(photo, f) for f in same}


def test_several_shots_each_of_its_kind(qtbot, make_form, store: Store):
    form = make_form()
    source = QVideoFrameInput()
    dialog = open_dialog(qtbot, form, source)
    for seed, kind in ((1, PhotoKind.HOUSE_FRONT), (2, PhotoKind.HOUSE_INSIDE)):
        dialog.kind.setCurrentIndex(dialog.kind.findData(str(kind)))
        send_frame(qtbot, dialog, source, webcam_frame(960, 720, seed=seed))
        with qtbot.waitSignal(form.photo_panel.import_finished, timeout=20_000):
            qtbot.keyClick(dialog, Qt.Key.Key_Return)
        wait_idle(qtbot, form)
    assert sorted(p.kind for p in visits.photos_of(store, form.visit.id)) == ["rumah_dalam", "rumah_depan"]
    assert form.photo_panel.missing_required() == []
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)  # still the inside photo's frame
    wait_idle(qtbot, form)
    assert len(visits.photos_of(store, form.visit.id)) == 3
    dialog.reject()
    qtbot.waitUntil(lambda: form.photo_panel.camera_dialog is None)


def test_camera_that_fails_says_so_and_takes_nothing(qtbot, make_form, store: Store, watch, monkeypatch):
    form = make_form()
    # The list names a camera, but it cannot be opened (unplugged between the list and the click).
    monkeypatch.setattr(QMediaDevices, "videoInputs", staticmethod(lambda: [QCameraDevice()]))
    dialog = open_dialog(qtbot, form)
    assert dialog.camera is not None and dialog.camera.error() != QCamera.Error.NoError
    assert "Kamera tidak dapat dipakai" in dialog.status.text() and not dialog.status.isHidden()
    assert not dialog.take_button.isEnabled()

    dialog.sink.setVideoFrame(QVideoFrame(webcam_frame()))  # a stale frame must not become a photo
    qtbot.keyClick(dialog, Qt.Key.Key_Space)
    dialog.take_picture()
    wait_idle(qtbot, form)
    assert dialog.taken == 0 and visits.photos_of(store, form.visit.id) == []

    # Another program holds the camera: Qt reports it through errorOccurred.
    dialog.camera.errorOccurred.emit(QCamera.Error.CameraError, "Device or resource busy")
    assert "sedang dipakai aplikasi lain" in dialog.status.text()
    assert visits.photos_of(store, form.visit.id) == []


def test_camera_without_frames_times_out_with_a_message(qtbot, make_form, store: Store):
    form = make_form()
    dialog = open_dialog(qtbot, form, QVideoFrameInput())
    dialog._no_frame.start(50)
    qtbot.waitUntil(lambda: "tidak mengirim gambar" in dialog.status.text())
    dialog.take_picture()
    wait_idle(qtbot, form)
    assert visits.photos_of(store, form.visit.id) == []


def test_no_camera_at_all_in_the_dialog(qtbot, make_form):
    form = make_form()
    dialog = open_dialog(qtbot, form)  # the real list: empty here
    assert dialog.camera is None
    assert "Tidak ada kamera yang terdeteksi" in dialog.status.text()
    assert not dialog.take_button.isEnabled()


@pytest.mark.parametrize(
    ("detail", "expected"),
    [
        ("Device or resource busy", "sedang dipakai aplikasi lain"),
        ("Camera is in use by another application", "sedang dipakai aplikasi lain"),
        ("Permission denied", "tidak diizinkan memakai kamera"),
        ("Failed to open /dev/video0", "Kamera tidak dapat dipakai: Failed to open /dev/video0."),
        ("", "kesalahan tidak dikenal"),
    ],
)
def test_camera_error_messages(detail: str, expected: str):
    assert expected in camera_error_message(detail)


def test_picture_is_kept_near_lossless():
    image = webcam_frame(640, 480)
    data = encode_picture(image)
    assert CAMERA_JPEG_QUALITY >= 95 and data[:2] == b"\xff\xd8"
    decoded = QImage.fromData(data).convertToFormat(QImage.Format.Format_RGB888)
    expected = image.convertToFormat(QImage.Format.Format_RGB888)
    error = sum(
        abs(decoded.pixelColor(x, y).green() - expected.pixelColor(x, y).green())
        for x in range(0, 640, 37)
        for y in range(0, 480, 29)
    ) / ((640 // 37 + 1) * (480 // 29 + 1))
    assert error < 6


def test_qt_multimedia_is_not_loaded_at_start_up():
    code = (
        "import sys\n"
        "import app.ui.app, app.ui.main_window, app.ui.visit\n"
        "print('PySide6.QtMultimedia' in sys.modules, 'app.ui.visit.camera_dialog' in sys.modules)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False"]
