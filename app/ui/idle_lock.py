"""Auto-lock after idle (DESIGN §9): the laptop holds a village's NIKs, incomes and ID-card photos.

After a stretch without keyboard or mouse input the main window is hidden behind a lock dialog; the
officer's password unlocks it (checked by deriving the store key again, off the UI thread). Work in
progress is not touched: the form's autosave already holds it.
"""

from __future__ import annotations

import hmac
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.store.keys import derive_key, load_params
from app.sync.account import Account
from app.ui.worker import run_in_background

IDLE_MINUTES = 10
_INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


def password_matches(account: Account, password: str) -> bool:
    params = load_params(account.user_dir / "profile.json")
    return params is not None and hmac.compare_digest(derive_key(password, params), account.key)


class LockDialog(QDialog):
    unlocked = Signal()

    def __init__(self, account: Account, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.setWindowTitle(self.tr("Verval Desa terkunci"))
        self.setModal(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("loginMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Buka"))
        self.buttons.accepted.connect(self.try_unlock)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr("Aplikasi dikunci karena tidak dipakai. Masukkan kata sandi {name}.").format(
                    name=account.full_name
                )
            )
        )
        layout.addWidget(self.password)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def try_unlock(self) -> None:
        password = self.password.text()
        self.buttons.setEnabled(False)
        account = self.account
        run_in_background(
            lambda _job: password_matches(account, password), on_success=self._checked, owner=self
        )

    def _checked(self, ok: bool) -> None:
        self.buttons.setEnabled(True)
        if ok:
            self.password.clear()
            self.accept()
            self.unlocked.emit()
        else:
            self.message.setText(self.tr("Kata sandi salah."))
            self.password.selectAll()

    def reject(self) -> None:
        """Escape does not unlock."""


class IdleLock(QObject):
    locked = Signal()

    def __init__(self, window: QWidget, account: Account, *, idle_ms: int = IDLE_MINUTES * 60_000) -> None:
        super().__init__(window)
        self.window = window
        self.dialog = LockDialog(account)
        self.dialog.unlocked.connect(self._unlock)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(idle_ms)
        self.timer.timeout.connect(self.lock)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.timer.start()

    @property
    def is_locked(self) -> bool:
        return self.dialog.isVisible()

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in _INPUT_EVENTS and not self.is_locked:
            self.timer.start()
        return False

    def lock(self) -> None:
        self.window.hide()
        self.dialog.show()
        self.dialog.password.setFocus()
        self.locked.emit()

    def _unlock(self) -> None:
        self.window.show()
        self.timer.start()

    def stop(self, *_args: Any) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.dialog.close()
