"""The requests panel: daftar ulang, usul, sanggah and graduasi mandiri of the village, to a decision.

The list is the village's requests (tens to a few hundred: read whole on a worker). The right side
shows one request (family, status, details, attached photos, checklist of a daftar ulang) with the
status steps `data.NEXT_STATUS` allows, or the form for a new request. "Cetak dosier (PDF)" renders
the dossier of a daftar ulang to a chosen file on a worker thread. Every change is a `Store.save`
(through data.py), so it syncs to the family's officer, the sekdes and the supervisor.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.models import Household, PhotoKind, Request, RequestKind, RequestStatus
from app.core.photos import process_photo
from app.core.sktm import SktmExhausted
from app.store.store import Store
from app.store.vault import PhotoVault
from app.ui.requests import data
from app.ui.worker import run_in_background

KIND_LABELS = {
    RequestKind.RE_REGISTRATION: "Daftar ulang",
    RequestKind.PROPOSAL: "Usul keluarga baru",
    RequestKind.OBJECTION: "Sanggah",
    RequestKind.VOLUNTARY_GRADUATION: "Graduasi mandiri",
}
STATUS_LABELS = {
    RequestStatus.RECEIVED: "Diterima",
    RequestStatus.DOCUMENTS: "Kelengkapan dokumen",
    RequestStatus.VERIFICATION: "Verifikasi",
    RequestStatus.APPROVED: "Disetujui",
    RequestStatus.REJECTED: "Ditolak",
}
STATUS_COLOURS = {"diterima": "#1565c0", "kelengkapan_dokumen": "#6a1b9a", "verifikasi": "#ef6c00",
                  "disetujui": "#2e7d32", "ditolak": "#b71c1c"}  # fmt: skip
# What a photo attached to a request of this kind shows.
EVIDENCE_KIND = {
    RequestKind.OBJECTION: PhotoKind.HOUSE_FRONT,
    RequestKind.VOLUNTARY_GRADUATION: PhotoKind.SIGNED_STATEMENT,
    RequestKind.RE_REGISTRATION: PhotoKind.KK,
    RequestKind.PROPOSAL: PhotoKind.HOUSE_FRONT,
}


class RequestsPanel(QWidget):
    changed = Signal()

    def __init__(
        self,
        store: Store,
        vault: PhotoVault,
        *,
        username: str,
        village_code: str,
        load_pack: Callable[[], Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.vault = vault
        self.username = username
        self.village_code = village_code
        self.load_pack = load_pack
        self.requests: list[Request] = []
        self.families: dict[str, str] = {}  # household id -> "head name · KK"
        self.current: Request | None = None
        self.stack = QStackedWidget()
        self.busy_jobs = 0
        self._search_generation = 0
        # Replaced in tests: the dialogs that ask for a file.
        self.choose_pdf_path: Callable[[str], str] = self._ask_pdf_path
        self.choose_photo_path: Callable[[], str] = self._ask_photo_path

        # ---- list ----
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(self.tr("Semua jenis"), "")
        for kind, label in KIND_LABELS.items():
            self.kind_filter.addItem(self.tr(label), str(kind))
        self.kind_filter.currentIndexChanged.connect(lambda _i: self._fill_table())
        self.new_buttons: dict[str, QPushButton] = {}
        new_row = QHBoxLayout()
        new_row.addWidget(QLabel(self.tr("Baru:")))
        for kind, label in KIND_LABELS.items():
            button = QPushButton(self.tr(label))
            button.clicked.connect(lambda _c=False, k=str(kind): self.start_new(k))
            self.new_buttons[str(kind)] = button
            new_row.addWidget(button)
        new_row.addStretch(1)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Jenis"), self.tr("Keluarga"), self.tr("Status"), self.tr("Tanggal")]
        )
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 130), (2, 150), (3, 85)):
            self.table.setColumnWidth(column, width)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.count = QLabel()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 4, 0, 4)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("<b>Permohonan desa</b>")))
        top.addStretch(1)
        top.addWidget(self.kind_filter)
        left_layout.addLayout(top)
        left_layout.addLayout(new_row)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)

        # ---- detail of one request ----
        self.title = QLabel(self.tr("Pilih permohonan di daftar, atau buat yang baru."))
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.title.setWordWrap(True)
        self.status_badge = QLabel()
        self.status_badge.setStyleSheet("color: white; border-radius: 3px; padding: 2px 8px;")
        self.status_badge.hide()
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.checklist = QLabel()
        self.checklist.setWordWrap(True)
        self.checklist.setTextFormat(Qt.TextFormat.RichText)
        self.photos = QLabel()
        self.photos.setWordWrap(True)
        self.decision_note = QLineEdit()
        self.decision_note.setPlaceholderText(self.tr("Catatan keputusan / verifikasi"))
        self.step_row = QHBoxLayout()
        self.step_buttons: dict[str, QPushButton] = {}
        for status in (RequestStatus.DOCUMENTS, RequestStatus.VERIFICATION, RequestStatus.APPROVED,
                       RequestStatus.REJECTED):  # fmt: skip
            button = QPushButton(self.tr("→ {status}").format(status=self.tr(STATUS_LABELS[status])))
            button.clicked.connect(lambda _c=False, s=str(status): self.move_to(s))
            self.step_buttons[str(status)] = button
            self.step_row.addWidget(button)
        self.step_row.addStretch(1)
        self.attach_button = QPushButton(self.tr("Lampirkan foto…"))
        self.attach_button.clicked.connect(self.attach_photo)
        self.pdf_button = QPushButton(self.tr("Cetak dosier (PDF)"))
        self.pdf_button.clicked.connect(self.print_dossier)
        self.sktm_button = QPushButton(self.tr("Beri nomor SKTM"))
        self.sktm_button.setToolTip(
            self.tr("Nomor dari blok nomor desa yang diambil laptop ini saat sinkron")
        )
        self.sktm_button.clicked.connect(self.assign_sktm_number)
        extra_row = QHBoxLayout()
        extra_row.addWidget(self.attach_button)
        extra_row.addWidget(self.sktm_button)
        extra_row.addWidget(self.pdf_button)
        extra_row.addStretch(1)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.status_badge, 0, Qt.AlignmentFlag.AlignTop)
        detail_layout.addLayout(heading)
        detail_layout.addWidget(self.facts)
        documents = QGroupBox(self.tr("Dokumen dan foto"))
        documents_layout = QVBoxLayout(documents)
        documents_layout.addWidget(self.checklist)
        documents_layout.addWidget(self.photos)
        documents_layout.addLayout(extra_row)
        detail_layout.addWidget(documents)
        steps = QGroupBox(self.tr("Langkah berikutnya"))
        steps_layout = QVBoxLayout(steps)
        steps_layout.addWidget(self.decision_note)
        steps_layout.addLayout(self.step_row)
        detail_layout.addWidget(steps)
        detail_layout.addStretch(1)

        # ---- a new request ----
        self.new_kind = QComboBox()
        for kind, label in KIND_LABELS.items():
            self.new_kind.addItem(self.tr(label), str(kind))
        self.new_kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.family_search = QLineEdit()
        self.family_search.setPlaceholderText(self.tr("Cari nama, NIK, atau No. KK…"))
        self.family_search.textChanged.connect(self._search_families)
        self.family = QComboBox()
        self.proposed_name = QLineEdit()
        self.proposed_address = QLineEdit()
        self.latitude = QDoubleSpinBox()
        self.longitude = QDoubleSpinBox()
        for spin, low, high in ((self.latitude, -11.5, 6.5), (self.longitude, 94.0, 141.5)):
            spin.setDecimals(6)
            spin.setRange(low, high)
            spin.setSpecialValueText(self.tr("(belum diisi)"))
            spin.setValue(low)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("Alasan / keterangan permohonan"))
        self.reason.setMaximumHeight(90)
        self.save_button = QPushButton(self.tr("&Simpan permohonan"))
        self.save_button.clicked.connect(self.save_new)
        self.cancel_button = QPushButton(self.tr("Batal"))
        self.cancel_button.clicked.connect(lambda: self.stack.setCurrentIndex(0))
        self.new_form = QFormLayout()
        self.new_form.addRow(self.tr("Jenis"), self.new_kind)
        self.new_form.addRow(self.tr("Cari keluarga"), self.family_search)
        self.new_form.addRow(self.tr("Keluarga"), self.family)
        self.new_form.addRow(self.tr("Nama kepala keluarga diusulkan"), self.proposed_name)
        self.new_form.addRow(self.tr("Alamat diusulkan"), self.proposed_address)
        self.new_form.addRow(self.tr("Lintang (GPS)"), self.latitude)
        self.new_form.addRow(self.tr("Bujur (GPS)"), self.longitude)
        self.new_form.addRow(self.tr("Alasan"), self.reason)
        new_buttons = QHBoxLayout()
        new_buttons.addStretch(1)
        new_buttons.addWidget(self.cancel_button)
        new_buttons.addWidget(self.save_button)
        new_page = QGroupBox(self.tr("Permohonan baru"))
        new_layout = QVBoxLayout(new_page)
        self.new_hint = QLabel()
        self.new_hint.setWordWrap(True)
        self.new_hint.setStyleSheet("color: #546e7a;")
        new_layout.addWidget(self.new_hint)
        new_layout.addLayout(self.new_form)
        new_layout.addLayout(new_buttons)
        new_layout.addStretch(1)

        self.stack.addWidget(detail)
        self.stack.addWidget(new_page)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 4, 6, 4)
        right_layout.addWidget(self.stack, 1)
        right_layout.addWidget(self.message)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([640, 720])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._show_request(None)

    # ---- list ---------------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.busy_jobs > 0

    def _run(self, fn: Callable[[Any], Any], on_success: Callable[[Any], None]) -> None:
        self.busy_jobs += 1

        def done(value: Any) -> None:
            self.busy_jobs -= 1
            on_success(value)

        def failed(exc: Exception) -> None:
            self.busy_jobs -= 1
            self.show_message(getattr(exc, "message", str(exc)), True)

        run_in_background(fn, on_success=done, on_failure=failed, owner=self)

    def refresh(self) -> None:
        store = self.store

        def load(_job: Any) -> tuple[list[Request], dict[str, str]]:
            requests = data.requests_list(store)
            ids = sorted({r.household_id for r in requests if r.household_id})
            rows = store.household_rows(ids)
            return requests, {r.id: f"{r.head_name} · KK {r.kk_number}" for r in rows}

        self._run(load, self._loaded)

    def _loaded(self, loaded: tuple[list[Request], dict[str, str]]) -> None:
        self.requests, families = loaded
        self.families.update(families)
        self._fill_table()
        if self.current is not None:
            fresh = next((r for r in self.requests if r.id == self.current.id), None)
            self._show_request(fresh)

    def _family_text(self, request: Request) -> str:
        if request.household_id:
            return self.families.get(request.household_id, request.household_id[:8])
        return str(request.details.get("proposed_head_name") or self.tr("(keluarga baru)"))

    def _fill_table(self) -> None:
        kind = self.kind_filter.currentData() or ""
        shown = [r for r in self.requests if not kind or r.kind == kind]
        selected = self.current.id if self.current else None
        self.table.blockSignals(True)
        self.table.setRowCount(len(shown))
        for row, request in enumerate(shown):
            cells = (
                self.tr(KIND_LABELS.get(request.kind, request.kind)),  # type: ignore[call-overload]
                self._family_text(request),
                self.tr(STATUS_LABELS.get(request.status, request.status)),  # type: ignore[call-overload]
                request.created_at.strftime("%d-%m-%Y") if request.created_at else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, request.id)
                self.table.setItem(row, column, item)
            if request.id == selected:
                self.table.selectRow(row)
        self.table.blockSignals(False)
        self.count.setText(self.tr("{n} permohonan").format(n=len(shown)))

    def _selection_changed(self) -> None:
        items = self.table.selectedItems()
        if not items:
            return
        request_id = items[0].data(Qt.ItemDataRole.UserRole)
        self._show_request(next((r for r in self.requests if r.id == request_id), None))

    def select_request(self, request_id: str) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == request_id:
                self.table.selectRow(row)
                return

    # ---- one request --------------------------------------------------------------------------------

    def _show_request(self, request: Request | None) -> None:
        self.current = request
        self.stack.setCurrentIndex(0)
        has = request is not None
        for widget in (self.attach_button, self.pdf_button, self.decision_note):
            widget.setEnabled(has)
        if request is None:
            self.status_badge.hide()
            self.facts.setText("")
            self.checklist.setText("")
            self.photos.setText("")
            for button in self.step_buttons.values():
                button.setEnabled(False)
            return
        kind = self.tr(KIND_LABELS.get(request.kind, request.kind))  # type: ignore[call-overload]
        self.title.setText(f"{kind} · {html.escape(self._family_text(request))}")
        self.status_badge.setText(self.tr(STATUS_LABELS.get(request.status, request.status)))  # type: ignore[call-overload]
        self.status_badge.setStyleSheet(
            "color: white; border-radius: 3px; padding: 2px 8px; font-weight: bold; "
            f"background: {STATUS_COLOURS.get(request.status, '#546e7a')};"
        )
        self.status_badge.show()
        details = request.details or {}
        rows = [
            (self.tr("Dibuat oleh"), request.created_by or "-"),
            (
                self.tr("Tanggal"),
                request.created_at.strftime("%d-%m-%Y %H:%M") if request.created_at else "-",
            ),
            (self.tr("Alasan"), str(details.get("reason") or details.get("notes") or "-")),
        ]
        if details.get("latitude") is not None:
            rows.append((self.tr("GPS"), f"{details.get('latitude')}, {details.get('longitude')}"))
        if details.get("proposed_address"):
            rows.append((self.tr("Alamat diusulkan"), str(details["proposed_address"])))
        if request.sktm_number:
            rows.append((self.tr("Nomor SKTM"), request.sktm_number))
        if request.decision_note:
            rows.append((self.tr("Catatan keputusan"), request.decision_note))
        self.facts.setText(
            "<table cellspacing=4>"
            + "".join(
                f"<tr><td style='color:#546e7a'>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>"
                for k, v in rows
            )
            + "</table>"
        )
        allowed = data.NEXT_STATUS.get(request.status, ())
        for status, button in self.step_buttons.items():
            button.setEnabled(status in allowed)
            button.setVisible(status in allowed or not allowed)
        self.pdf_button.setVisible(request.kind == RequestKind.RE_REGISTRATION)
        self.sktm_button.setVisible(request.kind == RequestKind.RE_REGISTRATION and not request.sktm_number)
        self.attach_button.setEnabled(bool(request.household_id))
        self.decision_note.setText(request.decision_note)
        store, load_pack = self.store, self.load_pack

        def load(_job: Any) -> tuple[str, list[Any], list[str], Any]:
            checklist = None
            if request.kind == RequestKind.RE_REGISTRATION and request.household_id:
                # The policy pack's DOKUMEN-DAFTAR-ULANG, each line with the photos that answer it.
                pack = load_pack() if load_pack is not None else None
                checklist = data.load_dossier(store, request.id, today=date.today(), pack=pack).checklist
            return (
                request.id,
                data.request_photos(store, request.id),
                data.missing_evidence(store, request),
                checklist,
            )

        self._run(load, self._evidence_loaded)

    def _evidence_loaded(self, loaded: tuple[str, list[Any], list[str], Any]) -> None:
        request_id, photos, missing, checklist = loaded
        if self.current is None or self.current.id != request_id:
            return
        if photos:
            self.photos.setText(
                self.tr("Terlampir: {photos}").format(
                    photos=", ".join(f"{p.kind.replace('_', ' ')} ({p.width}×{p.height})" for p in photos)
                )
            )
        else:
            self.photos.setText(self.tr("Belum ada foto terlampir."))
        lines = []
        if missing:
            lines.append(
                "<span style='color:#b71c1c'>"
                + html.escape(self.tr("Wajib sebelum verifikasi: {what}").format(what=", ".join(missing)))
                + "</span>"
            )
        for line in checklist or ():
            mark, colour = ("☑", "#2e7d32") if line.done else ("☐", "#b71c1c" if line.required else "#546e7a")
            count = self.tr("{have}/{need} foto").format(have=len(line.photos), need=line.needed)
            optional = "" if line.required else " " + self.tr("(bila ada)")
            lines.append(
                f"<span style='color:{colour}'>{mark}</span> {html.escape(line.label)}{html.escape(optional)}"
                f" <span style='color:#546e7a'>· {html.escape(count)}</span>"
            )
        self.checklist.setText("<br>".join(lines))

    def move_to(self, status: str) -> None:
        if self.current is None:
            return
        store, request, note = self.store, self.current, self.decision_note.text().strip()
        changes: dict[str, Any] = {"status": status}
        if note:
            changes["decision_note"] = note[:500]
        self._run(lambda _job: data.update_request(store, request, **changes), self._saved)

    def _saved(self, request: Request) -> None:
        self.current = request
        label = self.tr(STATUS_LABELS.get(request.status, request.status))  # type: ignore[call-overload]
        self.show_message(
            self.tr("Tersimpan: status {status}. Terkirim saat sinkron berikutnya.").format(status=label),
            False,
        )
        self.changed.emit()
        self.refresh()

    def attach_photo(self) -> None:
        if self.current is None:
            return
        path = self.choose_photo_path()
        if not path:
            return
        store, vault, request, username = self.store, self.vault, self.current, self.username
        kind = EVIDENCE_KIND.get(request.kind, PhotoKind.OTHER)  # type: ignore[call-overload]

        def attach(_job: Any) -> Any:
            processed = process_photo(Path(path))
            return data.attach_request_photo(
                store, vault, request=request, processed=processed, kind=kind, taken_by=username
            )

        self._run(attach, lambda _photo: self._show_request(self.current))

    def assign_sktm_number(self) -> None:
        """Number the SKTM from this laptop's block (offline); the number is fixed once given."""
        if self.current is None:
            return
        store, request_id = self.store, self.current.id
        self.sktm_button.setEnabled(False)

        def assign(_job: Any) -> Request:
            return data.assign_sktm_number(store, request_id, today=date.today())

        def done(request: Request) -> None:
            self.sktm_button.setEnabled(True)
            self.show_message(self.tr("Nomor SKTM: {number}").format(number=request.sktm_number), False)
            self.refresh()

        def failed(exc: Exception) -> None:
            self.sktm_button.setEnabled(True)
            if isinstance(exc, SktmExhausted):
                self.show_message(
                    self.tr(
                        "Nomor SKTM desa ini habis di laptop ini. Sinkronkan untuk mengambil blok nomor baru."
                    ),
                    True,
                )
            else:
                self.show_message(getattr(exc, "message", str(exc)), True)

        run_in_background(assign, on_success=done, on_failure=failed, owner=self)

    def print_dossier(self) -> None:
        if self.current is None or self.current.kind != RequestKind.RE_REGISTRATION:
            return
        name = f"dosier-{self._family_text(self.current).split(' · ')[0].replace(' ', '_')}.pdf"
        target = self.choose_pdf_path(name)
        if not target:
            return
        store, vault, request_id, load_pack = self.store, self.vault, self.current.id, self.load_pack
        self.pdf_button.setEnabled(False)
        self.show_message(self.tr("Membuat dosier…"), False)

        def render(_job: Any) -> Any:
            from app.ui.dossier_pdf import render_dossier_pdf  # noqa: PLC0415 - only when printing

            pack = load_pack() if load_pack is not None else None
            dossier = data.load_dossier(store, request_id, today=date.today(), pack=pack)
            return target, render_dossier_pdf(dossier, Path(target), vault.get)

        def done(result: Any) -> None:
            self.pdf_button.setEnabled(True)
            path, report = result
            missing = (
                self.tr(" ({n} foto belum ada di laptop)").format(n=len(report.photos_missing))
                if report.photos_missing
                else ""
            )
            self.show_message(
                self.tr("Dosier tersimpan: {path}, {pages} halaman{missing}.").format(
                    path=path, pages=report.pages, missing=missing
                ),
                False,
            )

        self._run(render, done)

    def _ask_pdf_path(self, name: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Simpan dosier"), str(Path.home() / name), self.tr("PDF (*.pdf)")
        )
        return path

    def _ask_photo_path(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Pilih foto"), str(Path.home()), self.tr("Gambar (*.jpg *.jpeg *.png *.heic)")
        )
        return path

    # ---- a new request ------------------------------------------------------------------------------

    def start_new(self, kind: str) -> None:
        self.new_kind.setCurrentIndex(max(0, self.new_kind.findData(kind)))
        self.reason.clear()
        self.proposed_name.clear()
        self.proposed_address.clear()
        self._kind_changed()
        self.stack.setCurrentIndex(1)
        self._search_families(self.family_search.text())

    def _kind_changed(self) -> None:
        kind = self.new_kind.currentData()
        proposal = kind == RequestKind.PROPOSAL
        gps = kind in (RequestKind.OBJECTION, RequestKind.PROPOSAL)
        for widget, visible in (
            (self.family_search, not proposal), (self.family, not proposal),
            (self.proposed_name, proposal), (self.proposed_address, proposal),
            (self.latitude, gps), (self.longitude, gps),
        ):  # fmt: skip
            widget.setVisible(visible)
            label = self.new_form.labelForField(widget)
            if label is not None:
                label.setVisible(visible)
        hints = {
            RequestKind.RE_REGISTRATION: "Keluarga yang sudah graduasi dan keadaannya memburuk dapat "
            "mendaftar ulang. Setelah disimpan, lengkapi dokumen lalu cetak dosier.",
            RequestKind.PROPOSAL: "Usulkan keluarga miskin yang belum terdaftar. Sertakan lokasi GPS rumah.",
            RequestKind.OBJECTION: "Sanggahan atas keluarga penerima yang dinilai tidak layak. Wajib foto "
            "rumah dengan GPS sebelum verifikasi.",
            RequestKind.VOLUNTARY_GRADUATION: "Keluarga menyatakan sudah mampu. Wajib foto surat pernyataan "
            "yang ditandatangani sebelum verifikasi.",
        }
        self.new_hint.setText(self.tr(hints.get(kind, "")))

    def _search_families(self, query: str) -> None:
        store = self.store
        self._search_generation += 1
        generation = self._search_generation

        def search(_job: Any) -> tuple[int, list[tuple[str, str]]]:
            rows = store.household_rows(store.household_ids(query)[:50])
            return generation, [(r.id, f"{r.head_name} · KK {r.kk_number} · RT {r.rt}") for r in rows]

        self._run(search, self._families_found)

    def _families_found(self, found: tuple[int, list[tuple[str, str]]]) -> None:
        generation, families = found
        if generation != self._search_generation:
            return  # an answer to an earlier keystroke
        current = self.family.currentData()
        self.family.clear()
        for household_id, text in families:
            self.family.addItem(text, household_id)
            self.families.setdefault(household_id, text.rsplit(" · RT", 1)[0])
        self.family.setCurrentIndex(max(0, self.family.findData(current)))

    def save_new(self) -> None:
        kind = str(self.new_kind.currentData())
        proposal = kind == RequestKind.PROPOSAL
        household_id = None if proposal else self.family.currentData()
        details: dict[str, Any] = {"reason": self.reason.toPlainText().strip()}
        if proposal:
            details["proposed_head_name"] = self.proposed_name.text().strip()
            details["proposed_address"] = self.proposed_address.text().strip()
            if not details["proposed_head_name"]:
                self.show_message(self.tr("Isi nama kepala keluarga yang diusulkan."), True)
                return
        if kind in (RequestKind.OBJECTION, RequestKind.PROPOSAL):
            if self.latitude.value() > self.latitude.minimum():
                details["latitude"] = round(self.latitude.value(), 6)
                details["longitude"] = round(self.longitude.value(), 6)
        store, village, username = self.store, self.village_code, self.username

        def create(_job: Any) -> Request:
            # A family's request belongs to the family's village (a supervisor's area has several).
            household = store.get(Household, household_id) if household_id else None
            return data.new_request(
                store,
                kind=kind,
                village_code=household.village_code if household is not None else village,
                household_id=household_id,
                created_by=username,
                details=details,
            )

        self._run(create, self._created)

    def _created(self, request: Request) -> None:
        self.current = request
        self.show_message(self.tr("Permohonan tersimpan. Terkirim saat sinkron berikutnya."), False)
        self.changed.emit()
        self.refresh()

    def show_message(self, text: str, error: bool) -> None:
        self.message.setText(html.escape(text))
        self.message.setStyleSheet(
            "background: #ffebee; color: #b71c1c; padding: 4px 8px;"
            if error
            else "background: #e8f5e9; color: #1b5e20; padding: 4px 8px;"
        )
        self.message.setVisible(bool(text))
