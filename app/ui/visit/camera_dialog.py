"""Taking a photo with the laptop's camera: live preview, "Ambil foto" (Space or Enter), kind per shot.

Imported only when the camera button is pressed: Qt Multimedia and its FFmpeg backend are not for app
start-up. A QMediaCaptureSession carries the chosen QCamera's frames to a QVideoSink; the preview is a
label fed from that sink, and a picture is the sink's current frame (QVideoFrame.toImage()), not
QImageCapture: the same path for every camera and backend, and the one a test can drive with frames of
its own. The picture leaves through `picture_taken`; the photo panel imports it exactly as a file.
The dialog stays open for the next shot; camera trouble is said in a sentence and nothing is taken.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCameraPermission, QCoreApplication, QPermission, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QCameraFormat,
    QMediaCaptureSession,
    QMediaDevices,
    QVideoFrame,
    QVideoSink,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.ui.visit import labels

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QVideoFrameInput

PREVIEW_SIZE = (640, 480)
PREVIEW_INTERVAL = 0.06  # s between preview repaints (~15 fps): converting every frame costs CPU
NO_FRAME_TIMEOUT_MS = 8_000
# Preview smoothness matters less than a sharp KTP: the largest resolution that still gives this.
MIN_PREVIEW_FPS = 10.0


class CameraDialog(QDialog):
    """Preview one camera (a chooser when there are several) and hand out pictures of it."""

    picture_taken = Signal(QImage, str)  # the picture, its photo kind
    kind_changed = Signal(str)

    def __init__(
        self, kind: str, parent: QWidget | None = None, *, source: QVideoFrameInput | None = None
    ) -> None:
        """`source` feeds the session instead of a camera (any QVideoFrameInput, e.g. in tests)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ambil foto dengan kamera"))
        self.camera: QCamera | None = None
        self.taken = 0
        self._devices: list[QCameraDevice] = []
        self._last_preview = 0.0
        self._failed = False

        self.camera_choice = QComboBox()
        self.camera_choice.setAccessibleName(self.tr("Kamera"))
        self.kind = QComboBox()
        for code, text in labels.choices(labels.PHOTO_KIND):
            self.kind.addItem(text, code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.preview = QLabel(self.tr("Menyiapkan kamera…"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(*PREVIEW_SIZE)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setStyleSheet("background: #263238; color: #eceff1;")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()
        self.take_button = QPushButton(self.tr("&Ambil foto"))
        self.take_button.setToolTip(self.tr("Ambil foto dari gambar kamera saat ini (Spasi atau Enter)"))
        self.take_button.setDefault(True)
        self.take_button.setEnabled(False)  # until the first frame
        self.take_button.clicked.connect(self.take_picture)
        buttons = QDialogButtonBox()
        buttons.addButton(self.take_button, QDialogButtonBox.ButtonRole.ActionRole)
        done = buttons.addButton(self.tr("Selesai"), QDialogButtonBox.ButtonRole.RejectRole)
        done.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        for key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self, self.take_picture)

        form = QFormLayout()
        self.camera_label = QLabel(self.tr("&Kamera:"))
        self.camera_label.setBuddy(self.camera_choice)
        form.addRow(self.camera_label, self.camera_choice)
        kind_label = QLabel(self.tr("&Jenis foto:"))
        kind_label.setBuddy(self.kind)
        form.addRow(kind_label, self.kind)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self.kind_changed.emit(self.current_kind()))

        self.session = QMediaCaptureSession(self)
        self.sink = QVideoSink(self)
        self.session.setVideoSink(self.sink)
        self.sink.videoFrameChanged.connect(self._frame_arrived)
        self._no_frame = QTimer(self)
        self._no_frame.setSingleShot(True)
        self._no_frame.setInterval(NO_FRAME_TIMEOUT_MS)
        self._no_frame.timeout.connect(self._no_frame_arrived)

        if source is not None:
            self._show_cameras([])
            self.session.setVideoFrameInput(source)
            self._no_frame.start()
        else:
            self._show_cameras(QMediaDevices.videoInputs())
            self.camera_choice.currentIndexChanged.connect(self._camera_chosen)
            if not self._devices:
                self.fail(self.tr("Tidak ada kamera yang terdeteksi. Sambungkan kamera, lalu coba lagi."))
            else:
                self._with_permission(lambda: self._camera_chosen(self.camera_choice.currentIndex()))

    # ---- taking pictures -----------------------------------------------------------------------

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def take_picture(self) -> None:
        """The frame on screen now, as a picture of the chosen kind; nothing when the camera failed."""
        if self._failed:
            return
        frame = self.sink.videoFrame()
        image = frame.toImage() if frame.isValid() else QImage()
        if image.isNull():
            self._say(self.tr("Belum ada gambar dari kamera. Tunggu sebentar, lalu coba lagi."), True)
            return
        self.taken += 1
        self.picture_taken.emit(image, self.current_kind())
        text = self.tr(
            "Foto ke-{n} diambil ({kind}) dan sedang diproses. Ambil foto berikutnya atau tekan Selesai."
        )
        self._say(text.format(n=self.taken, kind=self.kind.currentText()), False)

    def fail(self, message: str) -> None:
        """Camera trouble: say it, stop the camera, take nothing more."""
        self._failed = True
        self._no_frame.stop()
        self.take_button.setEnabled(False)
        if self.camera is not None:
            self.camera.stop()
        self.preview.clear()
        self.preview.setText(self.tr("Kamera tidak tersedia"))
        self._say(message, True)

    def done(self, result: int) -> None:
        self._no_frame.stop()
        if self.camera is not None:
            self.camera.stop()  # the light goes off as soon as the window closes
        super().done(result)

    # ---- camera --------------------------------------------------------------------------------

    def _show_cameras(self, devices: list[QCameraDevice]) -> None:
        self._devices = list(devices)
        self.camera_choice.clear()
        for device in self._devices:
            self.camera_choice.addItem(device.description())
        default = QMediaDevices.defaultVideoInput()
        index = next((i for i, d in enumerate(self._devices) if d == default), 0)
        self.camera_choice.setCurrentIndex(index if self._devices else -1)
        several = len(self._devices) > 1
        self.camera_choice.setVisible(several)
        self.camera_label.setVisible(several)

    def _with_permission(self, start: Callable[[], None]) -> None:
        """Run `start` once the system lets the app use the camera (asked for where it must be:
        macOS, Windows' privacy settings; Linux always answers Granted)."""
        app = QCoreApplication.instance()
        permission = QCameraPermission()
        status = app.checkPermission(permission) if app is not None else Qt.PermissionStatus.Granted
        if status == Qt.PermissionStatus.Granted:
            start()
        elif status == Qt.PermissionStatus.Denied:
            self.fail(_denied_message())
        else:

            def answered(asked: QPermission) -> None:
                if asked.status() == Qt.PermissionStatus.Granted:
                    start()
                else:
                    self.fail(_denied_message())

            app.requestPermission(permission, self, answered)

    def _camera_chosen(self, index: int) -> None:
        if not 0 <= index < len(self._devices):
            return
        if self.camera is not None:
            self.camera.stop()
            self.camera.deleteLater()
        self._failed = False
        self.take_button.setEnabled(False)
        self.preview.clear()
        self.preview.setText(self.tr("Menyiapkan kamera…"))
        self.status.hide()
        device = self._devices[index]
        camera = QCamera(device, self)
        self.camera = camera
        camera.errorOccurred.connect(self._camera_error)
        best = best_format(device)
        if best is not None:
            camera.setCameraFormat(best)
        self.session.setCamera(camera)
        if camera.error() != QCamera.Error.NoError:  # e.g. unplugged between the list and now
            self._camera_error(camera.error(), camera.errorString())
            return
        camera.start()
        self._no_frame.start()

    def _camera_error(self, error: QCamera.Error, detail: str) -> None:
        if error != QCamera.Error.NoError:
            self.fail(camera_error_message(detail))

    def _frame_arrived(self, frame: QVideoFrame) -> None:
        if self._failed or not frame.isValid():
            return
        if not self.take_button.isEnabled():
            self._no_frame.stop()
            self.take_button.setEnabled(True)
            self.take_button.setFocus()
        now = time.monotonic()
        if now - self._last_preview < PREVIEW_INTERVAL:
            return
        self._last_preview = now
        image = frame.toImage()
        if not image.isNull():
            self.preview.setPixmap(
                QPixmap.fromImage(image).scaled(
                    self.preview.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.FastTransformation,
                )
            )

    def _no_frame_arrived(self) -> None:
        self.fail(
            self.tr(
                "Kamera tidak mengirim gambar. Periksa penutup lensa, tutup aplikasi lain yang memakai "
                "kamera, atau pilih kamera lain."
            )
        )

    def _say(self, text: str, error: bool) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b71c1c;" if error else "color: #1b5e20;")
        self.status.setVisible(bool(text))


def best_format(device: QCameraDevice) -> QCameraFormat | None:
    """The largest resolution that still previews smoothly enough, else simply the largest."""
    formats = list(device.videoFormats())
    if not formats:
        return None

    def rank(fmt: QCameraFormat) -> tuple[bool, int, float]:
        size = fmt.resolution()
        return fmt.maxFrameRate() >= MIN_PREVIEW_FPS, size.width() * size.height(), fmt.maxFrameRate()

    return max(formats, key=rank)


def camera_error_message(detail: str) -> str:
    """A sentence for the officer from Qt's (English, backend-specific) error text."""
    lowered = detail.lower()
    if any(word in lowered for word in ("busy", "in use", "ebusy")):
        return _tr(
            "Kamera sedang dipakai aplikasi lain (misalnya rapat video). Tutup aplikasi itu, lalu coba "
            "lagi. ({detail})"
        ).format(detail=detail)
    if any(word in lowered for word in ("permission", "denied", "not authorized", "access")):
        return _denied_message()
    return _tr(
        "Kamera tidak dapat dipakai: {detail}. Cabut dan sambungkan lagi kameranya, atau pilih kamera lain."
    ).format(detail=detail.rstrip(".") or _tr("kesalahan tidak dikenal"))


def _denied_message() -> str:
    return _tr(
        "Aplikasi ini tidak diizinkan memakai kamera. Izinkan akses kamera di pengaturan privasi sistem, "
        "lalu coba lagi."
    )


def _tr(text: str) -> str:
    return QCoreApplication.translate("CameraDialog", text)
