"""The sync panel: what is waiting to be sent, what the server said, photo uploads, and conflicts.

Everything shown is read from the store on a worker thread; resolving a conflict is an ordinary local
change that syncs like any other (`app.store.outbox.resolve_conflict`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.store import blob_uploads, outbox
from app.store.blob_uploads import UploadJournalRow
from app.store.store import Store
from app.store.tables import LocalConflict, OutboxEntry, SyncJournalEntry
from app.store.vault import user_vault
from app.sync import bundle
from app.ui.sync_controller import SyncController
from app.ui.worker import run_in_background

ENTITY_LABELS = {
    "household": "Keluarga",
    "member": "Anggota",
    "visit": "Kunjungan",
    "photo": "Foto",
    "request": "Permohonan",
}


@dataclass(frozen=True)
class SyncSnapshot:
    pending: list[OutboxEntry]
    answers: list[SyncJournalEntry]
    uploads: list[UploadJournalRow]
    conflicts: list[LocalConflict]


def read_snapshot(store: Store) -> SyncSnapshot:
    return SyncSnapshot(
        pending=store.outbox_entries(),
        answers=outbox.journal(store),
        uploads=blob_uploads.upload_journal(store, include_done=False),
        conflicts=outbox.open_conflicts(store),
    )


def short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "…"


def table(headers: list[str]) -> QTableWidget:
    widget = QTableWidget(0, len(headers))
    widget.setHorizontalHeaderLabels(headers)
    widget.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    widget.verticalHeader().hide()
    widget.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    widget.horizontalHeader().setStretchLastSection(True)
    return widget


class SyncPanel(QDialog):
    def __init__(self, store: Store, sync: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.sync = sync
        self.snapshot: SyncSnapshot | None = None
        self.setWindowTitle(self.tr("Sinkronisasi"))
        self.resize(900, 520)

        self.state = QLabel()
        self.progress = QProgressBar()
        self.progress.hide()
        self.sync_button = QPushButton(self.tr("Sinkronkan sekarang"))
        self.sync_button.clicked.connect(sync.sync_now)
        self.cancel_button = QPushButton(self.tr("Batalkan"))
        self.cancel_button.clicked.connect(sync.cancel)
        self.export_button = QPushButton(self.tr("Ekspor bundel USB…"))
        self.export_button.setToolTip(
            self.tr("Semua pekerjaan yang belum terkirim, beserta fotonya, dalam satu berkas")
        )
        self.export_button.clicked.connect(self.export_bundle)
        self.import_button = QPushButton(self.tr("Impor bundel…"))
        self.import_button.setToolTip(self.tr("Bundel dari kantor kecamatan untuk laptop ini"))
        self.import_button.clicked.connect(self.import_bundle)
        self.bundle_message = QLabel()
        self.bundle_message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.progress)
        top.addWidget(self.sync_button)
        top.addWidget(self.cancel_button)
        top.addWidget(self.export_button)
        top.addWidget(self.import_button)

        self.pending = table(
            [
                self.tr("Data"),
                self.tr("ID"),
                self.tr("Perubahan"),
                self.tr("Percobaan"),
                self.tr("Galat terakhir"),
            ]
        )
        self.answers = table([self.tr("Data"), self.tr("ID"), self.tr("Jawaban server"), self.tr("Alasan")])
        self.uploads = table(
            [self.tr("Foto"), self.tr("Terkirim"), self.tr("Percobaan"), self.tr("Galat terakhir")]
        )
        self.conflicts = table(
            [
                self.tr("Data"),
                self.tr("Kolom"),
                self.tr("Semula"),
                self.tr("Punya saya"),
                self.tr("Dari server"),
            ]
        )
        self.keep_mine = QPushButton(self.tr("Pakai punya saya"))
        self.take_theirs = QPushButton(self.tr("Pakai dari server"))
        self.edit_value = QPushButton(self.tr("Ubah nilai…"))
        self.keep_mine.clicked.connect(lambda: self.resolve("mine"))
        self.take_theirs.clicked.connect(lambda: self.resolve("theirs"))
        self.edit_value.clicked.connect(self.resolve_with_edit)
        conflict_page = QWidget()
        conflict_layout = QVBoxLayout(conflict_page)
        conflict_layout.addWidget(
            QLabel(
                self.tr(
                    "Kolom yang diubah di laptop ini dan di server dengan nilai berbeda. "
                    "Nilai server berlaku sampai Anda memilih."
                )
            )
        )
        conflict_layout.addWidget(self.conflicts, 1)
        buttons = QHBoxLayout()
        for button in (self.keep_mine, self.take_theirs, self.edit_value):
            buttons.addWidget(button)
        buttons.addStretch(1)
        conflict_layout.addLayout(buttons)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.pending, self.tr("Menunggu dikirim"))
        self.tabs.addTab(self.answers, self.tr("Jawaban server"))
        self.tabs.addTab(self.uploads, self.tr("Unggahan foto"))
        self.tabs.addTab(conflict_page, self.tr("Konflik"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.bundle_message)
        layout.addWidget(self.tabs, 1)

        sync.state_changed.connect(self._state_changed)
        sync.progressed.connect(self._progressed)
        sync.sync_finished.connect(lambda _report: self.refresh())
        self._state_changed(sync.state)
        self.refresh()

    def refresh(self) -> None:
        store = self.store
        run_in_background(lambda _job: read_snapshot(store), on_success=self._render, owner=self)

    def _render(self, snapshot: SyncSnapshot) -> None:
        self.snapshot = snapshot
        self._fill(
            self.pending,
            [
                (
                    self.tr(ENTITY_LABELS.get(e.entity, e.entity)),
                    e.entity_id[:8],
                    short(e.patch),
                    str(e.tries),
                    e.last_error,
                )
                for e in snapshot.pending
            ],
        )
        self._fill(
            self.answers,
            [
                (self.tr(ENTITY_LABELS.get(a.entity, a.entity)), a.entity_id[:8], a.status, a.reason)
                for a in snapshot.answers
            ],
        )
        self.uploads.setRowCount(len(snapshot.uploads))
        for row, upload in enumerate(snapshot.uploads):
            self.uploads.setItem(row, 0, QTableWidgetItem(f"{upload.role} {upload.sha256[:10]}"))
            bar = QProgressBar()
            bar.setMaximum(1000)
            bar.setValue(int(upload.fraction * 1000))
            bar.setFormat(f"{upload.bytes_confirmed // 1024} / {max(upload.size, 1) // 1024} KB")
            self.uploads.setCellWidget(row, 1, bar)
            self.uploads.setItem(row, 2, QTableWidgetItem(str(upload.tries)))
            self.uploads.setItem(row, 3, QTableWidgetItem(upload.last_error))
        self._fill(
            self.conflicts,
            [
                (
                    self.tr(ENTITY_LABELS.get(c.entity, c.entity)),
                    c.field,
                    short(c.base_value),
                    short(c.mine),
                    short(c.theirs),
                )
                for c in snapshot.conflicts
            ],
        )
        self.tabs.setTabText(3, self.tr("Konflik ({n})").format(n=len(snapshot.conflicts)))
        self.tabs.setTabText(0, self.tr("Menunggu dikirim ({n})").format(n=len(snapshot.pending)))

    @staticmethod
    def _fill(widget: QTableWidget, rows: list[tuple[str, ...]]) -> None:
        widget.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                widget.setItem(r, c, QTableWidgetItem(value))

    def selected_conflict(self) -> LocalConflict | None:
        if self.snapshot is None:
            return None
        row = self.conflicts.currentRow()
        return self.snapshot.conflicts[row] if 0 <= row < len(self.snapshot.conflicts) else None

    def resolve(self, choice: str, value: Any = None) -> None:
        conflict = self.selected_conflict()
        if conflict is None:
            return
        store = self.store
        kwargs = {"value": value} if choice == "edit" else {}
        run_in_background(
            lambda _job: outbox.resolve_conflict(store, conflict.id, choice=choice, **kwargs),
            on_success=lambda _none: self.refresh(),
            owner=self,
        )

    def resolve_with_edit(self) -> None:
        conflict = self.selected_conflict()
        if conflict is None:
            return
        text, ok = QInputDialog.getText(
            self, self.tr("Ubah nilai"), self.tr("Nilai baru untuk {field}:").format(field=conflict.field),
            text=str(conflict.mine if conflict.mine is not None else ""),
        )  # fmt: skip
        if ok:
            self.resolve(
                "edit", _typed_like(text, conflict.theirs if conflict.theirs is not None else conflict.mine)
            )

    # ---- USB bundles: the last resort when a village has no signal for weeks -------------------

    def export_bundle(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Simpan bundel"), f"verval-{self.sync.account.username}.vbundle",
                self.tr("Bundel Verval Desa (*.vbundle)"),
            )  # fmt: skip
        if not path:
            return
        account = self.sync.account
        self._bundle_busy(self.tr("Menulis bundel…"))
        run_in_background(
            lambda _job: bundle.export_push_bundle(
                account.store,
                user_vault(account.user_dir, account.key),
                Path(path),
                username=account.username,
                areas=account.areas,
            ),  # fmt: skip
            on_success=self._exported,
            on_failure=self._bundle_failed,
            owner=self,
        )

    def import_bundle(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Buka bundel"), "", self.tr("Bundel Verval Desa (*.vbundle);;Semua berkas (*)")
            )
        if not path:
            return
        account = self.sync.account
        self._bundle_busy(self.tr("Membaca bundel…"))
        run_in_background(
            lambda _job: bundle.import_pull_bundle(
                account.store,
                user_vault(account.user_dir, account.key),
                Path(path).read_bytes(),
                username=account.username,
            ),  # fmt: skip
            on_success=self._imported,
            on_failure=self._bundle_failed,
            owner=self,
        )

    def _bundle_busy(self, text: str) -> None:
        self.export_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.bundle_message.setText(text)

    def _bundle_done(self, text: str) -> None:
        self.export_button.setEnabled(True)
        self.import_button.setEnabled(True)
        self.bundle_message.setText(text)
        self.refresh()

    def _exported(self, summary: bundle.ExportSummary) -> None:
        text = self.tr("Bundel ditulis: {path} ({n} perubahan, {photos} foto, {kb} KB).").format(
            path=summary.path, n=summary.mutations, photos=summary.blobs, kb=summary.bytes // 1024
        )
        if summary.missing_blobs:
            text += " " + self.tr("{n} foto tidak ditemukan di laptop dan tidak ikut.").format(
                n=len(summary.missing_blobs)
            )
        self._bundle_done(text)

    def _imported(self, summary: bundle.ImportSummary) -> None:
        if summary.already_imported:
            self._bundle_done(self.tr("Bundel ini sudah pernah diimpor; tidak ada yang berubah."))
        else:
            self._bundle_done(
                self.tr("Bundel diimpor: {n} perubahan, {photos} foto.").format(
                    n=summary.changes, photos=summary.blobs
                )
            )

    def _bundle_failed(self, exc: Exception) -> None:
        message = getattr(exc, "message", None) or str(exc)
        self._bundle_done(self.tr("Bundel tidak dapat diproses: {error}").format(error=message))

    def _state_changed(self, state: str) -> None:
        syncing = state == "syncing"
        self.sync_button.setEnabled(not syncing)
        self.cancel_button.setEnabled(syncing)
        self.progress.setVisible(syncing)
        last = self.sync.last_synced
        when = last.strftime("%d-%m-%Y %H:%M") if last else "-"
        self.state.setText(
            self.tr("Status: {state} · sinkron terakhir {when}").format(state=state, when=when)
        )
        if not syncing:
            self.refresh()

    def _progressed(self, phase: str, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{phase} %v/%m")


def _typed_like(text: str, example: Any) -> Any:
    """An edited value typed like the field's values (numbers stay numbers)."""
    if isinstance(example, bool):
        return text.strip().lower() in ("1", "ya", "true", "yes")
    if isinstance(example, int):
        return int("".join(ch for ch in text if ch.isdigit() or ch == "-") or 0)
    if isinstance(example, float):
        return float(text.replace(",", "."))
    return text
