"""Starting the desktop app: QApplication, language, sign-in, main window."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from app.core.resources import resource_path
from app.sync.account import Account
from app.ui.idle_lock import IdleLock
from app.ui.login_dialog import LoginDialog
from app.ui.main_window import MainWindow
from app.ui.settings_dialog import saved_idle_minutes
from app.ui.worker import wait_for_all

GC_INTERVAL_MS = 5_000

STYLE = """
QWidget { font-size: 10pt; }
QLabel#detailTitle { font-size: 13pt; }
QLabel#loginMessage { color: #b71c1c; }
QGroupBox { font-weight: bold; }
QTableView { gridline-color: #ddd; }
"""


def make_application(argv: list[str] | None = None, *, language: str = "id") -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Verval Desa")
    app.setOrganizationName("Verval Desa")
    app.setStyleSheet(STYLE)
    install_translations(app, language)
    collect_garbage_on_the_main_thread(app)
    return app


def collect_garbage_on_the_main_thread(app: QApplication) -> None:
    """Python's automatic collector runs on whichever thread allocates; if it frees a Qt object on a
    worker thread, Qt crashes. So it is switched off and cycles are collected here, on the UI thread,
    every few seconds (Anki does the same)."""
    if getattr(app, "_verval_gc_timer", None) is not None:
        return
    gc.disable()
    timer = QTimer(app)
    timer.timeout.connect(lambda: gc.collect())
    timer.start(GC_INTERVAL_MS)
    app._verval_gc_timer = timer  # type: ignore[attr-defined]


def install_translations(app: QApplication, language: str) -> None:
    """Bahasa Indonesia is the source language; English comes from resources/i18n."""
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian if language == "id" else QLocale.Language.English))
    if language == "id":
        return
    ours = QTranslator(app)
    if ours.load(f"verval_{language}", str(resource_path("i18n"))):
        app.installTranslator(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)


def run_desktop(
    *,
    data_dir: Path,
    server_url: str,
    username: str = "",
    account: Account | None = None,
    language: str = "id",
) -> int:
    app = make_application(language=language)
    if account is None:
        dialog = LoginDialog(data_dir, server_url, username)
        if not dialog.exec() or dialog.account is None:
            return 1
        account = dialog.account
    window = MainWindow(account)
    window.show()
    lock = IdleLock(window, account, idle_ms=saved_idle_minutes() * 60_000)
    code = app.exec()
    lock.stop()
    window.sync.stop()
    wait_for_all()
    account.close()
    return int(code)
