"""Settings: language, photo quality by link (DESIGN §6), full-size photo downloads, auto-lock.

Language and auto-lock belong to the laptop (QSettings: they apply before anyone signs in); photo
choices belong to the officer's store, because they follow that officer's link and work.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.photos import PROFILES
from app.store.store import Store
from app.sync import link
from app.ui.worker import run_in_background

LANGUAGE_KEY = "language"
IDLE_LOCK_KEY = "idle_lock_minutes"


def app_settings() -> QSettings:
    return QSettings("Verval Desa", "Verval Desa")


def saved_language() -> str:
    value = app_settings().value(LANGUAGE_KEY, "id")
    return value if value in ("id", "en") else "id"


def saved_idle_minutes() -> int:
    try:
        return max(1, int(app_settings().value(IDLE_LOCK_KEY, 10)))
    except (TypeError, ValueError):
        return 10


@dataclass(frozen=True)
class PhotoSettings:
    profile_choice: str  # auto | standard | hemat | minimal
    full_download: str  # auto | always | on_demand
    chosen_now: str  # the profile `auto` resolves to on the measured link
    link: link.LinkEstimate


def read_photo_settings(store: Store) -> PhotoSettings:
    return PhotoSettings(
        profile_choice=store.get_state(link.PHOTO_PROFILE_KEY, "auto"),
        full_download=store.get_state(link.FULL_DOWNLOAD_KEY, "auto"),
        chosen_now=link.photo_profile_for(store).name,
        link=link.LinkMeter.from_store(store).estimate(),
    )


def write_photo_settings(store: Store, profile_choice: str, full_download: str) -> None:
    link.set_photo_profile(store, profile_choice)
    store.set_state(link.FULL_DOWNLOAD_KEY, full_download)


class SettingsDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Pengaturan"))
        self.language = QComboBox()
        self.language.addItem("Bahasa Indonesia", "id")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(saved_language())))
        self.profile = QComboBox()
        self.profile.addItem(self.tr("Otomatis, mengikuti jaringan"), "auto")
        for name, profile in PROFILES.items():
            self.profile.addItem(f"{name.capitalize()} · {profile.long_edge} px", name)
        self.full_download = QComboBox()
        self.full_download.addItem(self.tr("Otomatis saat jaringan cepat"), "auto")
        self.full_download.addItem(self.tr("Selalu"), "always")
        self.full_download.addItem(self.tr("Hanya saat diminta"), "on_demand")
        self.link_label = QLabel(self.tr("Membaca…"))
        self.link_label.setWordWrap(True)
        self.idle = QSpinBox()
        self.idle.setRange(1, 120)
        self.idle.setSuffix(self.tr(" menit"))
        self.idle.setValue(saved_idle_minutes())
        form = QFormLayout()
        form.addRow(self.tr("Bahasa (setelah mulai ulang)"), self.language)
        form.addRow(self.tr("Mutu foto"), self.profile)
        form.addRow(self.tr("Jaringan terakhir"), self.link_label)
        form.addRow(self.tr("Foto ukuran penuh"), self.full_download)
        form.addRow(self.tr("Kunci otomatis setelah"), self.idle)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.buttons.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        run_in_background(lambda _job: read_photo_settings(store), on_success=self._loaded, owner=self)

    def _loaded(self, settings: PhotoSettings) -> None:
        self.profile.setCurrentIndex(max(0, self.profile.findData(settings.profile_choice)))
        self.full_download.setCurrentIndex(max(0, self.full_download.findData(settings.full_download)))
        estimate = settings.link
        if estimate.measured:
            link_text = self.tr("RTT {rtt} ms · naik {up} kbps · turun {down} kbps").format(
                rtt=f"{estimate.rtt * 1000:.0f}",
                up=f"{estimate.up_bytes_per_s * 8 / 1000:.0f}",
                down=f"{estimate.down_bytes_per_s * 8 / 1000:.0f}",
            )
        else:
            link_text = self.tr("belum diukur")
        self.link_label.setText(
            self.tr("{link}; otomatis sekarang: {profile}").format(
                link=link_text, profile=settings.chosen_now
            )
        )
        self.buttons.setEnabled(True)

    def save(self) -> None:
        qsettings = app_settings()
        qsettings.setValue(LANGUAGE_KEY, self.language.currentData())
        qsettings.setValue(IDLE_LOCK_KEY, self.idle.value())
        qsettings.sync()
        store = self.store
        profile, full = self.profile.currentData(), self.full_download.currentData()
        self.buttons.setEnabled(False)
        run_in_background(
            lambda _job: write_photo_settings(store, profile, full),
            on_success=lambda _none: self.accept(),
            owner=self,
        )
