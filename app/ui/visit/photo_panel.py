"""Photos of a visit: import (file dialog or drag and drop), kind per photo, thumbnails, warnings.

Each file is processed on a worker thread (app.core.photos through the operations module); a refused
file leaves a message naming it and nothing else changes. The required house photos are shown as a
checklist above the rows; a house photo that looks like another family's raises a warning on its row.

Where Qt Multimedia sees a camera, "Ambil dengan kamera" opens the capture dialog (camera_dialog.py);
each picture taken there goes through the same import as a file. Qt Multimedia is loaded only a moment
after the first form opens (CameraWatch), and the dialog module only when the button is pressed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.models import REQUIRED_HOUSE_PHOTOS, Photo
from app.store.store import Store
from app.store.vault import PhotoVault
from app.store.visits import HOUSE_KINDS, SimilarPhoto
from app.ui.operations import visits as ops
from app.ui.visit import labels

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QVideoFrameInput

    from app.ui.visit.camera_dialog import CameraDialog

THUMB = 112
IMAGE_FILTER = "Foto (*.jpg *.jpeg *.png *.webp *.heic *.heif *.tif *.tiff *.bmp);;Semua berkas (*)"


class CameraWatch(QObject):
    """Whether Qt Multimedia sees a camera: looked up once, then followed as cameras come and go.

    One per process. The first look loads Qt Multimedia and its FFmpeg backend (about 0.15 s warm,
    more from a cold disk), so it is not done at start-up (a measured target) but a moment after the
    first visit form opens, once it is on screen; `available` is None until then. No Qt Multimedia at
    all means no camera.
    """

    changed = Signal(bool)
    DELAY_MS = 400

    _instance: ClassVar[CameraWatch | None] = None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.available: bool | None = None
        self._devices: Any = None  # QMediaDevices, kept for its videoInputsChanged signal
        self._scheduled = False

    @classmethod
    def instance(cls) -> CameraWatch:
        if cls._instance is None:
            cls._instance = CameraWatch(QCoreApplication.instance())
        return cls._instance

    def schedule(self) -> None:
        """Look soon, once the window on screen has painted."""
        if self.available is None and not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(self.DELAY_MS, self, self.check)

    def check(self) -> bool:
        """Look now (if not yet looked) and say whether there is a camera."""
        if self._devices is None and self.available is None:
            try:
                from PySide6.QtMultimedia import QMediaDevices  # noqa: PLC0415 - not at start-up
            except ImportError:
                self._set(False)
                return False
            self._devices = QMediaDevices(self)
            self._devices.videoInputsChanged.connect(self.refresh)
            self.refresh()
        return bool(self.available)

    def refresh(self) -> None:
        """Read the camera list again (Qt tells us when it changes)."""
        if self._devices is None:
            return
        try:
            inputs = type(self._devices).videoInputs()
        except RuntimeError:
            inputs = []
        self._set(bool(inputs))

    def _set(self, available: bool) -> None:
        if available != self.available:
            self.available = available
            self.changed.emit(available)


class PhotoRow(QFrame):
    """One attached photo: thumbnail, kind, whose document, size/time, warnings, remove."""

    changed = Signal(str, str, object)  # photo id, kind, member id
    remove_requested = Signal(str)

    def __init__(
        self, photo: Photo, members: Sequence[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.photo = photo
        self.similar: list[SimilarPhoto] = []
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.thumbnail = QLabel(self.tr("memuat…"))
        self.thumbnail.setFixedSize(THUMB, THUMB)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setStyleSheet("background: #eceff1;")
        self.kind = QComboBox()
        for code, text in labels.choices(labels.PHOTO_KIND):
            self.kind.addItem(text, code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(photo.kind)))
        self.kind.setAccessibleName(self.tr("Jenis foto"))
        self.member = QComboBox()
        self.member.setAccessibleName(self.tr("Dokumen milik anggota"))
        self.set_members(members)
        self.info = QLabel(self._info_text())
        self.info.setStyleSheet("color: #546e7a;")
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.warning.hide()
        self.remove = QPushButton(self.tr("Hapus"))
        self.remove.setToolTip(self.tr("Hapus foto ini dari kunjungan"))
        self.kind.currentIndexChanged.connect(self._edited)
        self.member.currentIndexChanged.connect(self._edited)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self.photo.id))

        fields = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.kind, 2)
        top.addWidget(self.member, 2)
        top.addWidget(self.remove)
        fields.addLayout(top)
        fields.addWidget(self.info)
        fields.addWidget(self.warning)
        fields.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.thumbnail)
        layout.addLayout(fields, 1)
        self._update_member_enabled()

    def set_members(self, members: Sequence[tuple[str, str]]) -> None:
        self.member.blockSignals(True)
        self.member.clear()
        self.member.addItem(self.tr("(keluarga, bukan dokumen pribadi)"), None)
        for member_id, name in members:
            self.member.addItem(name, member_id)
        index = self.member.findData(self.photo.member_id) if self.photo.member_id else 0
        if index < 0 and self.photo.member_id:
            self.member.addItem(self.tr("(anggota yang sudah dihapus)"), self.photo.member_id)
            index = self.member.count() - 1
        self.member.setCurrentIndex(max(0, index))
        self.member.blockSignals(False)

    def set_thumbnail(self, data: bytes | None) -> None:
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.thumbnail.setPixmap(
                pixmap.scaled(
                    THUMB,
                    THUMB,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.thumbnail.setText(self.tr("foto tidak\nditemukan"))

    def set_similar(self, similar: list[SimilarPhoto]) -> None:
        self.similar = similar
        self._update_warning()

    def set_read_only(self, read_only: bool) -> None:
        self.kind.setEnabled(not read_only)
        self.member.setEnabled(not read_only and self.kind.currentData() in labels.DOCUMENT_KINDS)
        self.remove.setVisible(not read_only)

    def _edited(self, _index: int) -> None:
        kind = str(self.kind.currentData())
        member_id = self.member.currentData() if kind in labels.DOCUMENT_KINDS else None
        self.photo = self.photo.model_copy(update={"kind": kind, "member_id": member_id})
        self._update_member_enabled()
        self._update_warning()
        self.changed.emit(self.photo.id, kind, member_id)

    def _update_member_enabled(self) -> None:
        # Any document may belong to a person, but the KTP always does: the combo is where it is said.
        self.member.setEnabled(self.kind.currentData() in labels.DOCUMENT_KINDS)

    def _update_warning(self) -> None:
        if self.similar and self.photo.kind in HOUSE_KINDS:
            first = self.similar[0]
            self.warning.setText(
                self.tr(
                    "Peringatan: foto ini sangat mirip dengan foto rumah keluarga lain ({name}, KK {kk}). "
                    "Pastikan foto diambil di rumah keluarga ini."
                ).format(name=first.head_name, kk=first.kk_number)
            )
            self.warning.show()
        else:
            self.warning.hide()

    def _info_text(self) -> str:
        p = self.photo
        unknown = self.tr("waktu tidak diketahui")
        when = p.taken_at.strftime("%d-%m-%Y %H:%M") if p.taken_at else unknown
        size_kb = round(p.byte_size / 1024)
        return self.tr("{w}×{h} px · {kb} KB · {when}").format(w=p.width, h=p.height, kb=size_kb, when=when)


class PhotoPanel(QWidget):
    """All photos of the draft, with import and the required-kinds checklist."""

    photos_changed = Signal()  # kinds or count changed: verdict and checklist must refresh
    message = Signal(str, bool)  # text, is_error
    import_finished = Signal()  # every file of the last import is done (tests, busy cursor)

    def __init__(
        self,
        store: Store,
        vault: PhotoVault,
        *,
        visit_id: str,
        household_id: str,
        officer: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.vault = vault
        self.visit_id = visit_id
        self.household_id = household_id
        self.officer = officer
        self.rows: dict[str, PhotoRow] = {}
        self.read_only = False
        self._members: list[tuple[str, str]] = []
        self._in_flight = 0
        self._errors: list[str] = []
        self.setAcceptDrops(True)

        self.new_kind = QComboBox()
        for code, text in labels.choices(labels.PHOTO_KIND):
            self.new_kind.addItem(text, code)
        kind_label = QLabel(self.tr("&Jenis foto baru:"))
        kind_label.setBuddy(self.new_kind)
        self.import_button = QPushButton(self.tr("&Impor foto…"))
        self.import_button.setToolTip(
            self.tr("Pilih satu atau beberapa foto (Ctrl+I), atau seret foto ke sini")
        )
        self.import_button.clicked.connect(self.choose_files)
        self.camera_button = QPushButton(self.tr("Ambil dengan &kamera"))
        self.camera_button.setToolTip(self.tr("Ambil foto langsung dengan kamera laptop"))
        self.camera_button.clicked.connect(lambda: self.open_camera())
        self.camera_dialog: CameraDialog | None = None
        self._camera_watch = CameraWatch.instance()
        self._camera_watch.changed.connect(self._camera_changed)
        self.camera_button.setVisible(bool(self._camera_watch.available))
        self._camera_watch.schedule()  # fires once the form is on screen
        self.checklist = QLabel()
        self.checklist.setTextFormat(Qt.TextFormat.RichText)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()
        self.drop_hint = QLabel(self.tr("Seret foto dari folder ke sini, atau tekan Impor foto."))
        self.drop_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_hint.setStyleSheet("color: #78909c; border: 2px dashed #b0bec5; padding: 18px;")

        self.rows_box = QWidget()
        self.rows_layout = QVBoxLayout(self.rows_box)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.addWidget(self.drop_hint)
        self.rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.rows_box)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        bar = QHBoxLayout()
        bar.addWidget(kind_label)
        bar.addWidget(self.new_kind, 1)
        bar.addWidget(self.import_button)
        bar.addWidget(self.camera_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.checklist)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._update_checklist()

    # ---- state ---------------------------------------------------------------------------------

    @property
    def photos(self) -> list[Photo]:
        return [row.photo for row in self.rows.values()]

    def kinds(self) -> list[str]:
        return [p.kind for p in self.photos]

    def kind_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for kind in self.kinds():
            counts[kind] = counts.get(kind, 0) + 1
        return counts

    def missing_required(self) -> list[str]:
        present = set(self.kinds())
        return [str(kind) for kind in REQUIRED_HOUSE_PHOTOS if kind not in present]

    def documents_of(self, member_id: str | None) -> list[Photo]:
        if not member_id:
            return []
        return [p for p in self.photos if p.member_id == member_id]

    @property
    def busy(self) -> bool:
        return self._in_flight > 0

    def set_members(self, members: Sequence[tuple[str, str]]) -> None:
        """(member id, name) of the people on the form, for the "whose document" choice."""
        self._members = list(members)
        for row in self.rows.values():
            row.set_members(self._members)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for widget in (self.new_kind, self.import_button, self.camera_button):
            widget.setEnabled(not read_only)
        if read_only and self.camera_dialog is not None:
            self.camera_dialog.reject()
        self.setAcceptDrops(not read_only)
        for row in self.rows.values():
            row.set_read_only(read_only)

    def load(self, photos: Sequence[Photo]) -> None:
        """Show the photos of a reopened visit; thumbnails are decrypted on a worker thread."""
        for photo in photos:
            self._add_row(photo)
        if photos:
            ops.load_thumbnails(
                store=self.store,
                vault=self.vault,
                photos=list(photos),
                household_id=self.household_id,
                on_success=self._thumbnails_loaded,
                on_failure=lambda exc: self._show(ops.message_for(exc), True),
            )
        self._update_checklist()

    # ---- importing -----------------------------------------------------------------------------

    def choose_files(self) -> None:
        if self.read_only:
            return
        names, _filter = QFileDialog.getOpenFileNames(self, self.tr("Pilih foto"), "", self.tr(IMAGE_FILTER))
        self.import_files([Path(n) for n in names])

    def import_files(self, paths: Sequence[Path], kind: str | None = None) -> None:
        """Process and attach each file on the worker pool; each success or refusal reports alone."""
        if self.read_only or not paths:
            return
        chosen = kind or str(self.new_kind.currentData())
        self._show(self.tr("Memproses {n} foto…").format(n=len(paths)), False)
        for path in paths:
            self._in_flight += 1
            ops.import_photo(
                store=self.store,
                vault=self.vault,
                visit_id=self.visit_id,
                household_id=self.household_id,
                path=path,
                kind=chosen,
                taken_by=self.officer,
                on_success=self._imported,
                on_failure=self._import_failed,
            )

    def import_picture(self, image: QImage, kind: str) -> None:
        """A camera picture: processed, stored and attached exactly as an imported file would be."""
        if self.read_only:
            return
        name = self.tr("Foto kamera {time}").format(time=datetime.now().strftime("%H:%M:%S"))
        self._show(self.tr("Memproses {n} foto…").format(n=1), False)
        self._in_flight += 1
        ops.import_camera_picture(
            store=self.store,
            vault=self.vault,
            visit_id=self.visit_id,
            household_id=self.household_id,
            image=image,
            name=name,
            kind=kind,
            taken_by=self.officer,
            on_success=self._imported,
            on_failure=self._import_failed,
        )

    def _imported(self, imported: ops.ImportedPhoto) -> None:
        row = self._add_row(imported.photo)
        row.set_thumbnail(imported.thumbnail)
        row.set_similar(imported.similar)
        self._update_checklist()
        self.photos_changed.emit()
        self._one_done(None)

    def _import_failed(self, exc: Exception) -> None:
        self._one_done(ops.message_for(exc))

    def _one_done(self, error: str | None) -> None:
        self._in_flight -= 1
        if error:
            self._errors.append(error)
        if self._in_flight == 0:
            if self._errors:
                self._show("\n".join(self._errors), True)
            else:
                self._show(self.tr("Foto tersimpan (terenkripsi)."), False)
            self._errors = []
            self.import_finished.emit()

    # ---- rows ----------------------------------------------------------------------------------

    def _add_row(self, photo: Photo) -> PhotoRow:
        row = PhotoRow(photo, self._members)
        row.changed.connect(self._row_changed)
        row.remove_requested.connect(self._remove)
        row.set_read_only(self.read_only)
        self.rows[photo.id] = row
        self.rows_layout.insertWidget(self.rows_layout.count() - 1, row)
        self.drop_hint.hide()
        return row

    def _thumbnails_loaded(self, loaded: dict[str, tuple[bytes | None, list[SimilarPhoto]]]) -> None:
        for photo_id, (thumbnail, similar) in loaded.items():
            row = self.rows.get(photo_id)
            if row is not None:
                row.set_thumbnail(thumbnail)
                row.set_similar(similar)

    def _row_changed(self, photo_id: str, kind: str, member_id: str | None) -> None:
        ops.update_photo(
            store=self.store,
            photo_id=photo_id,
            kind=kind,
            member_id=member_id,
            on_failure=lambda exc: self._show(ops.message_for(exc), True),
        )
        self._update_checklist()
        self.photos_changed.emit()

    def _remove(self, photo_id: str) -> None:
        row = self.rows.pop(photo_id, None)
        if row is None:
            return
        row.hide()
        row.deleteLater()
        ops.remove_photo(
            store=self.store, photo_id=photo_id, on_failure=lambda exc: self._show(ops.message_for(exc), True)
        )
        self.drop_hint.setVisible(not self.rows)
        self._update_checklist()
        self.photos_changed.emit()

    def _update_checklist(self) -> None:
        present = set(self.kinds())
        parts = []
        for kind in REQUIRED_HOUSE_PHOTOS:
            ok = kind in present
            mark = "<span style='color:#1b5e20'>✔</span>" if ok else "<span style='color:#b71c1c'>✘</span>"
            parts.append(f"{mark} {labels.label(labels.PHOTO_KIND, kind)}")
        self.checklist.setText(self.tr("Wajib: ") + " &nbsp; ".join(parts))

    def _show(self, text: str, error: bool) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b71c1c;" if error else "color: #1b5e20;")
        self.status.setVisible(bool(text))
        self.message.emit(text, error)

    # ---- drag and drop, camera -----------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if (
            not self.read_only
            and event.mimeData().hasUrls()
            and all(u.isLocalFile() for u in event.mimeData().urls())
        ):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = [
            Path(u.toLocalFile()) for u in event.mimeData().urls() if isinstance(u, QUrl) and u.isLocalFile()
        ]
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)

    def _camera_changed(self, available: bool) -> None:
        self.camera_button.setVisible(available)

    def open_camera(self, source: QVideoFrameInput | None = None) -> None:
        """The capture dialog, kept open for several shots; the kind chosen there is the panel's too.

        `source` stands in for the camera (a QVideoFrameInput, Qt ≥ 6.8): how tests take pictures.
        """
        if self.read_only:
            return
        if self.camera_dialog is not None:
            self.camera_dialog.raise_()
            self.camera_dialog.activateWindow()
            return
        try:
            from app.ui.visit.camera_dialog import CameraDialog  # noqa: PLC0415 - Qt Multimedia
        except ImportError:
            self._show(self.tr("Kamera tidak tersedia di komputer ini."), True)
            return
        dialog = CameraDialog(str(self.new_kind.currentData()), self, source=source)
        dialog.picture_taken.connect(self.import_picture)
        dialog.kind_changed.connect(
            lambda kind: self.new_kind.setCurrentIndex(max(0, self.new_kind.findData(kind)))
        )
        dialog.finished.connect(self._camera_closed)
        self.camera_dialog = dialog
        dialog.open()
        dialog.activateWindow()  # Space and Enter take the picture: the keyboard belongs there

    def _camera_closed(self, _result: int) -> None:
        if self.camera_dialog is not None:
            self.camera_dialog.deleteLater()
            self.camera_dialog = None
