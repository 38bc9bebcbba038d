"""Settings: the photo profile and download mode go to the officer's store, language to the laptop."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from app.store.store import Store
from app.sync import link
from app.ui.settings_dialog import SettingsDialog, saved_idle_minutes, saved_language
from app.ui.worker import wait_for_all


def test_settings_are_saved_where_they_belong(qtbot: QtBot, tmp_path: Path, store: Store) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    assert saved_language() == "id"
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=5_000)
    assert "belum diukur" in dialog.link_label.text()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.profile.setCurrentIndex(dialog.profile.findData("minimal"))
    dialog.full_download.setCurrentIndex(dialog.full_download.findData("on_demand"))
    dialog.idle.setValue(5)
    with qtbot.waitSignal(dialog.accepted, timeout=5_000):
        dialog.save()
    wait_for_all()
    assert saved_language() == "en" and saved_idle_minutes() == 5
    assert store.get_state(link.PHOTO_PROFILE_KEY) == "minimal"
    assert link.photo_profile_for(store).long_edge == 1024
    assert store.get_state(link.FULL_DOWNLOAD_KEY) == "on_demand"
