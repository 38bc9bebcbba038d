"""Auto-lock after idle: the window hides, only the officer's password brings it back."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.server.runner import ServerThread
from app.sync.account import sign_in
from app.ui.idle_lock import IdleLock
from app.ui.main_window import MainWindow
from app.ui.worker import wait_for_all


def test_idle_window_locks_and_unlocks_with_the_password(
    qtbot: QtBot, tmp_path: Path, demo_server: ServerThread
) -> None:
    account = sign_in(tmp_path / "app", demo_server.url, "pendamping", "pendamping-demo")
    window = MainWindow(account, auto_sync=False)
    qtbot.addWidget(window)
    window.show()
    lock = IdleLock(window, account, idle_ms=50)
    try:
        qtbot.waitUntil(lambda: lock.is_locked, timeout=5_000)
        assert not window.isVisible()
        qtbot.keyClicks(lock.dialog.password, "bukan-sandinya")
        lock.dialog.try_unlock()
        qtbot.waitUntil(lambda: "salah" in lock.dialog.message.text(), timeout=10_000)
        assert lock.is_locked and not window.isVisible()
        lock.dialog.reject()  # Escape must not unlock
        assert lock.is_locked
        lock.dialog.password.clear()
        qtbot.keyClicks(lock.dialog.password, "pendamping-demo")
        lock.timer.setInterval(60_000)
        lock.dialog.try_unlock()
        qtbot.waitUntil(lambda: window.isVisible(), timeout=10_000)
        assert not lock.is_locked
    finally:
        lock.stop()
        window.close()
        wait_for_all()
        account.close()
