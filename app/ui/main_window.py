"""The main window: village overview, searchable household list, household detail, sync status."""

from __future__ import annotations

import importlib
from typing import Any

import shiboken6
from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.core.regions import region_index
from app.store.vault import user_vault
from app.sync.account import Account
from app.ui.household_detail import HouseholdDetail
from app.ui.household_model import HouseholdListModel
from app.ui.overview import VillageOverview
from app.ui.settings_dialog import SettingsDialog
from app.ui.sync_controller import SyncController
from app.ui.sync_panel import SyncPanel
from app.ui.worker import run_in_background

STATE_TEXT = {
    "online": "● Online",
    "offline": "○ Offline",
    "syncing": "⟳ Menyinkronkan…",
    "error": "⚠ Gagal sinkron",
    "too_old": "⚠ Aplikasi perlu diperbarui",
}


def village_title(areas: list[str]) -> str:
    for code in areas:
        chain = region_index().chain(code)
        if chain:
            return " · ".join(region.name for region in reversed(chain[-3:]))
    return ", ".join(areas)


class MainWindow(QMainWindow):
    def __init__(self, account: Account, *, auto_sync: bool = True) -> None:
        super().__init__()
        self.account = account
        self.setWindowTitle(self.tr("Verval Desa — {name}").format(name=account.full_name))
        self.resize(1366, 768)

        self.model = HouseholdListModel(account.store, self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Cari nama, NIK, atau No. KK…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(120)
        self._search_timer.timeout.connect(lambda: self.model.search(self.search.text()))
        self.match_count = QLabel()
        self.model.search_finished.connect(
            lambda n: self.match_count.setText(self.tr("{n} keluarga").format(n=n))
        )

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((170, 142, 150, 45, 105, 55)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.addWidget(self.search)
        centre_layout.addWidget(self.table, 1)
        centre_layout.addWidget(self.match_count)

        self.overview = VillageOverview(account.store, village_title(account.areas))
        self.detail = HouseholdDetail(account.store)
        self.detail.visit_requested.connect(self.open_visit)
        self.visit_forms: dict[str, Any] = {}  # household id -> open VisitForm
        self._policy_pack: Any = None
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.overview)
        splitter.addWidget(centre)
        splitter.addWidget(self.detail)
        splitter.setSizes([190, 770, 406])
        self.setCentralWidget(self._build_tabs(splitter))

        self.sync = SyncController(account, self)
        self.sync_panel: SyncPanel | None = None
        self._build_toolbar()
        self._build_status_bar()
        self.sync.sync_finished.connect(self._synced)
        self.sync.state_changed.connect(self._sync_state_changed)
        self.sync.progressed.connect(self._sync_progressed)
        self.sync.sync_failed.connect(lambda message: self.statusBar().showMessage(message, 15_000))
        self.reload()
        self._sync_state_changed(self.sync.state)
        run_in_background(lambda _job: importlib.import_module("app.ui.operations.visits"))
        if auto_sync:
            self.sync.start_auto()

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Utama"))
        bar.setMovable(False)
        self.addToolBar(bar)
        self.sync_action = QAction(self.tr("Sinkronkan sekarang"), self)
        self.sync_action.setShortcut(QKeySequence("Ctrl+R"))
        self.sync_action.triggered.connect(self.sync.sync_now)
        bar.addAction(self.sync_action)
        self.cancel_action = QAction(self.tr("Batalkan sinkron"), self)
        self.cancel_action.triggered.connect(self.sync.cancel)
        self.cancel_action.setEnabled(False)
        bar.addAction(self.cancel_action)
        self.panel_action = QAction(self.tr("Jurnal sinkron…"), self)
        self.panel_action.triggered.connect(self.open_sync_panel)
        bar.addAction(self.panel_action)
        settings = QAction(self.tr("Pengaturan…"), self)
        settings.triggered.connect(lambda: SettingsDialog(self.account.store, self).exec())
        bar.addAction(settings)
        find = QAction(self.tr("Cari"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: self.search.setFocus())
        self.addAction(find)

    def _build_status_bar(self) -> None:
        self.connection_label = QLabel()
        self.last_sync_label = QLabel()
        self.pending_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        bar = self.statusBar()
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.pending_label)
        bar.addPermanentWidget(self.last_sync_label)
        bar.addPermanentWidget(self.connection_label)

    def _synced(self, _report: Any) -> None:
        self._policy_pack = None  # a sync may bring a new policy pack: the next form loads it
        self.reload()

    def reload(self) -> None:
        self.model.search(self.search.text())
        self.overview.refresh()
        if self.detail.household_id:
            self.detail.show_household(self.detail.household_id)
        self._reload_tabs()
        self._update_status()

    def _update_status(self) -> None:
        summary = self.overview.summary
        pending = summary.pending_outbox if summary else 0
        self.pending_label.setText(self.tr("Menunggu dikirim: {n}").format(n=pending))
        last = self.sync.last_synced
        self.last_sync_label.setText(
            self.tr("Sinkron terakhir: {when}").format(when=last.strftime("%d-%m %H:%M") if last else "-")
        )

    def _search_changed(self, _text: str) -> None:
        self._search_timer.start()

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self.detail.show_household(self.model.household_id(indexes[0].row()))

    def _sync_state_changed(self, state: str) -> None:
        self.connection_label.setText(self.tr(STATE_TEXT.get(state, state)))
        syncing = state == "syncing"
        self.sync_action.setEnabled(not syncing)
        self.cancel_action.setEnabled(syncing)
        self.progress.setVisible(syncing)
        self._update_status()

    def _sync_progressed(self, phase: str, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{phase} %v/%m")

    def open_sync_panel(self) -> SyncPanel:
        if self.sync_panel is None:
            self.sync_panel = SyncPanel(self.account.store, self.sync, self)
        self.sync_panel.show()
        self.sync_panel.raise_()
        self.sync_panel.refresh()
        return self.sync_panel

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        for form in list(self.visit_forms.values()):
            form.close()  # each form saves its draft on close
        self.sync.stop()
        super().closeEvent(event)

    # ---- visits (app/ui/visit) ----------------------------------------------------------------

    def open_visit(self, action: str, target: str) -> None:
        # Imported on first use (warmed on a worker after start-up): it brings the rules engine.
        from app.ui.operations import visits as visit_ops  # noqa: PLC0415

        """ "new"/"draft" take a household id, "correction"/"view" a visit id; the form opens in its
        own window once the policy pack and the visit are loaded on worker threads."""
        if self._policy_pack is None:
            self.statusBar().showMessage(self.tr("Memuat paket aturan…"))
            visit_ops.load_policy_pack(
                store=self.account.store,
                on_success=lambda pack: self._pack_loaded(pack, action, target),
                on_failure=lambda exc: self.statusBar().showMessage(visit_ops.message_for(exc), 15_000),
            )
            return
        store, officer = self.account.store, self.account.username
        failed = lambda exc: self.statusBar().showMessage(visit_ops.message_for(exc), 15_000)  # noqa: E731
        if action in ("new", "draft"):
            existing = self.visit_forms.get(target)
            if existing is not None:
                existing.raise_()
                existing.activateWindow()
                return
            visit_ops.start_visit(
                store=store,
                household_id=target,
                officer=officer,
                on_success=self._show_visit,
                on_failure=failed,
            )
        elif action == "correction":
            visit_ops.start_correction(
                store=store, visit_id=target, officer=officer, on_success=self._show_visit, on_failure=failed
            )
        else:
            visit_ops.open_visit(store=store, visit_id=target, on_success=self._show_visit, on_failure=failed)

    def _pack_loaded(self, pack: Any, action: str, target: str) -> None:
        self._policy_pack = pack
        self.statusBar().clearMessage()
        self.open_visit(action, target)

    def _show_visit(self, context: Any) -> None:
        from app.ui.visit import VisitForm  # noqa: PLC0415 - the form is only built when first used

        vault = user_vault(self.account.user_dir, self.account.key)
        form = VisitForm(
            self.account.store, vault, context, pack=self._policy_pack, officer=self.account.username
        )
        form.setParent(self, Qt.WindowType.Window)
        form.closed.connect(self._visit_closed)
        form.submitted.connect(lambda visit: self._visit_changed(visit.household_id))
        form.draft_saved.connect(lambda _vid, hid=context.household.id: self.model.refresh_rows([hid]))
        form.correction_requested.connect(lambda visit_id: self.open_visit("correction", visit_id))
        self.visit_forms[context.household.id] = form
        form.resize(self.size())
        form.show()

    def _visit_closed(self, household_id: str) -> None:
        form = self.visit_forms.pop(household_id, None)
        if form is not None:
            self._retire(form)
        self._visit_changed(household_id)

    def _retire(self, form: Any) -> None:
        # A closing form is still saving its draft: delete it only once its worker jobs have reported.
        if not shiboken6.isValid(form):
            return
        if form.busy:
            # The form is the timer's context: if it is gone by then, nothing is called.
            QTimer.singleShot(200, form, lambda: self._retire(form) if shiboken6.isValid(self) else None)
        else:
            form.deleteLater()

    def _visit_changed(self, household_id: str) -> None:
        self.model.refresh_rows([household_id])
        if self.detail.household_id == household_id:
            self.detail.show_household(household_id)
        self._update_status()

    def select_row(self, row: int) -> Any:
        self.table.selectRow(row)

    # ---- review and requests tabs (app/ui/review, app/ui/requests) -----------------------------------

    def _build_tabs(self, households: QWidget) -> QTabWidget:
        """Families for everyone; "Tinjauan" for a supervisor; "Permohonan" for everyone."""
        from app.ui.requests.panel import RequestsPanel  # noqa: PLC0415 - built with the window
        from app.ui.review.view import ReviewPanel  # noqa: PLC0415

        vault = user_vault(self.account.user_dir, self.account.key)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(households, self.tr("Keluarga"))
        self.review_panel: ReviewPanel | None = None
        if self.account.role in ("supervisor", "admin"):
            self.review_panel = ReviewPanel(self.account.store, vault, self.account.username)
            self.review_panel.decided.connect(lambda visit: self._visit_changed(visit.household_id))
            self.tabs.addTab(self.review_panel, self.tr("Tinjauan"))
        villages = [a for a in self.account.areas if a.count(".") == 3]
        self.requests_panel = RequestsPanel(
            self.account.store,
            vault,
            username=self.account.username,
            village_code=villages[0] if villages else (self.account.areas or [""])[0],
            load_pack=_default_pack,
        )
        self.requests_panel.changed.connect(self._update_status)
        self.tabs.addTab(self.requests_panel, self.tr("Permohonan"))
        return self.tabs

    def _reload_tabs(self) -> None:
        if self.review_panel is not None:
            self.review_panel.refresh()
        self.requests_panel.refresh()


def _default_pack() -> Any:
    from app.core.rules import default_pack  # noqa: PLC0415 - compiling the pack takes a second

    return default_pack()
