"""Sign-in: online the first time, offline afterwards against the encrypted store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.regions import region_index
from app.sync.account import Account, SignInError, sign_in
from app.ui.worker import Job, run_in_background


def sign_in_job(data_dir: Path, server_url: str, username: str, password: str) -> Any:
    def work(_job: Job) -> Account:
        account = sign_in(data_dir, server_url, username, password)
        region_index()  # warm the region table off the UI thread; the main window names the village
        return account

    return work


class LoginDialog(QDialog):
    def __init__(
        self, data_dir: Path, server_url: str, username: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.account: Account | None = None
        self.setWindowTitle(self.tr("Masuk — Verval Desa"))
        self.username = QLineEdit(username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.server = QLineEdit(server_url)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("loginMessage")
        form = QFormLayout()
        form.addRow(self.tr("Nama pengguna"), self.username)
        form.addRow(self.tr("Kata sandi"), self.password)
        form.addRow(self.tr("Server"), self.server)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Masuk"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<b>Verval Desa</b><br>Verifikasi dan validasi data bansos")))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password if username else self.username).setFocus()

    def submit(self) -> None:
        username = self.username.text().strip()
        password = self.password.text()
        if not username or not password:
            self.message.setText(self.tr("Isi nama pengguna dan kata sandi."))
            return
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Membuka data…"))
        run_in_background(
            sign_in_job(self.data_dir, self.server.text().strip(), username, password),
            on_success=self._signed_in,
            on_failure=self._failed,
            owner=self,
        )

    def _signed_in(self, account: Account) -> None:
        self.account = account
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, SignInError):
            self.message.setText(exc.message)
        else:
            self.message.setText(self.tr("Gagal masuk: {error}").format(error=exc))
