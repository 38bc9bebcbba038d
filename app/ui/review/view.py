"""The supervisor's review: the queue (filters + lazy table) and one visit side by side with the registry.

`ReviewPanel` is the "Tinjauan" tab of the main window. `ReviewView` shows one submitted visit: the
registry's member rows next to the visit's answers (changes in bold colour), a comment column where the
supervisor writes a note per field, the verdict with its reasons and flags, the server-mismatch flag,
and the photos at full size from the encrypted vault. Approve / return / reject run on a worker and
are saved through `Store.save`, so they sync at the next push.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QItemSelection, QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core.models import Photo, Visit, VisitState
from app.store.review import (
    MEMBER_FIELDS,
    MISMATCH_FLAG,
    FilterOptions,
    ReviewContext,
    ReviewFilter,
    filter_options,
    flatten,
    load_review,
    review_visit,
)
from app.store.store import Store
from app.store.vault import PhotoVault
from app.ui.household_model import STATE_LABELS
from app.ui.review.fields import display_value, path_label
from app.ui.review.queue_model import ReviewQueueModel
from app.ui.worker import run_in_background

CHANGED = QColor("#b71c1c")
CORRECTED_BACKGROUND = QColor("#fff8e1")
AGE_CHOICES = ((0, "Semua umur"), (3, "≥ 3 hari"), (7, "≥ 7 hari"), (14, "≥ 14 hari"), (30, "≥ 30 hari"))
PHOTO_LABELS = {
    "rumah_depan": "Rumah depan", "rumah_dalam": "Rumah dalam", "dapur": "Dapur", "toilet": "Toilet",
    "rumah_samping": "Rumah samping", "dok_kk": "Kartu Keluarga", "dok_ktp": "KTP", "dok_sktm": "SKTM",
    "dok_penghasilan": "Bukti penghasilan", "dok_domisili": "Surat domisili",
    "dok_pernyataan": "Surat pernyataan", "lainnya": "Lainnya",
}  # fmt: skip
PATH_ROLE = Qt.ItemDataRole.UserRole + 1

REVIEW_STYLE = """
QLabel#reviewTitle { font-size: 13pt; font-weight: bold; }
QLabel#reviewSubtitle { color: #455a64; }
QLabel#stateBadge { color: white; border-radius: 3px; padding: 2px 8px; font-weight: bold; }
QLabel#mismatchBanner { background: #ffebee; color: #b71c1c; padding: 4px 8px; border-radius: 3px; }
QLabel#reviewMessage { padding: 4px 8px; border-radius: 3px; }
QPushButton#approve { background: #2e7d32; color: white; font-weight: bold; padding: 4px 14px; }
QPushButton#return { background: #e65100; color: white; font-weight: bold; padding: 4px 14px; }
QPushButton#reject { background: #b71c1c; color: white; font-weight: bold; padding: 4px 14px; }
QPushButton:disabled { background: #cfd8dc; color: #78909c; }
"""


class ReviewView(QWidget):
    """One submitted visit under review."""

    decided = Signal(object)  # the saved Visit
    loaded = Signal(str)  # visit id

    def __init__(self, store: Store, vault: PhotoVault, reviewer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.vault = vault
        self.reviewer = reviewer
        self.context: ReviewContext | None = None
        self.comments: dict[str, str] = {}
        self._filling = False
        self._images: dict[str, QImage | None] = {}

        self.title = QLabel(self.tr("Pilih kunjungan di antrean"))
        self.title.setObjectName("reviewTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("reviewSubtitle")
        self.subtitle.setWordWrap(True)
        self.state_badge = QLabel()
        self.state_badge.setObjectName("stateBadge")
        self.state_badge.hide()
        self.mismatch_banner = QLabel(
            self.tr(
                "⚠ Pemeriksaan ulang di server dengan paket aturan yang sama memberi hasil lain. "
                "Periksa isian sebelum menyetujui."
            )
        )
        self.mismatch_banner.setObjectName("mismatchBanner")
        self.mismatch_banner.setWordWrap(True)
        self.mismatch_banner.hide()

        self.only_changed = QCheckBox(self.tr("Hanya yang berubah"))
        self.only_changed.setChecked(True)
        self.only_changed.toggled.connect(lambda _on: self._fill_comparison())
        self.change_count = QLabel()
        self.change_count.setStyleSheet("color: #607d8b;")
        self.comparison = QTableWidget(0, 4)
        self.comparison.setHorizontalHeaderLabels(
            [self.tr("Data"), self.tr("Registri"), self.tr("Kunjungan"), self.tr("Catatan pemeriksa")]
        )
        self.comparison.verticalHeader().hide()
        self.comparison.setAlternatingRowColors(True)
        self.comparison.setWordWrap(True)
        header = self.comparison.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((190, 95, 100)):
            self.comparison.setColumnWidth(column, width)
        self.comparison.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.comparison.itemChanged.connect(self._comment_edited)
        compare_box = QWidget()
        compare_layout = QVBoxLayout(compare_box)
        compare_layout.setContentsMargins(0, 0, 0, 0)
        compare_top = QHBoxLayout()
        compare_top.addWidget(QLabel(self.tr("<b>Registri dan hasil kunjungan</b>")))
        compare_top.addStretch(1)
        compare_top.addWidget(self.change_count)
        compare_top.addWidget(self.only_changed)
        compare_layout.addLayout(compare_top)
        compare_layout.addWidget(self.comparison, 1)
        hint = QLabel(
            self.tr("Tulis catatan di kolom terakhir pada baris data yang perlu diperbaiki petugas.")
        )
        hint.setStyleSheet("color: #607d8b;")
        hint.setWordWrap(True)
        compare_layout.addWidget(hint)

        self.verdict = QTextBrowser()
        self.verdict.setOpenLinks(False)
        self.photo_list = QListWidget()
        self.photo_list.setMaximumHeight(60)
        self.photo_list.setFlow(QListWidget.Flow.LeftToRight)
        self.photo_list.setWrapping(True)
        self.photo_list.currentRowChanged.connect(self._show_photo)
        self.photo_view = QLabel(self.tr("Tidak ada foto."))
        self.photo_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_scroll = QScrollArea()
        self.photo_scroll.setWidget(self.photo_view)
        self.photo_scroll.setWidgetResizable(False)
        self.photo_scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_caption = QLabel()
        self.photo_caption.setWordWrap(True)
        self.photo_caption.setStyleSheet("color: #455a64;")
        photos = QWidget()
        photos_layout = QVBoxLayout(photos)
        photos_layout.setContentsMargins(4, 4, 4, 4)
        photos_layout.addWidget(self.photo_list)
        photos_layout.addWidget(self.photo_scroll, 1)
        photos_layout.addWidget(self.photo_caption)
        self.history = QTextBrowser()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.verdict, self.tr("Hasil aturan"))
        self.tabs.addTab(photos, self.tr("Foto"))
        self.tabs.addTab(self.history, self.tr("Riwayat"))

        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(compare_box)
        body.addWidget(self.tabs)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        body.setSizes([600, 300])
        body.setChildrenCollapsible(False)

        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Catatan umum / alasan (wajib untuk menolak)"))
        self.approve_button = QPushButton(self.tr("&Setujui"))
        self.approve_button.setObjectName("approve")
        self.approve_button.clicked.connect(lambda: self.decide(VisitState.APPROVED))
        self.return_button = QPushButton(self.tr("&Kembalikan"))
        self.return_button.setObjectName("return")
        self.return_button.clicked.connect(lambda: self.decide(VisitState.RETURNED))
        self.reject_button = QPushButton(self.tr("&Tolak"))
        self.reject_button.setObjectName("reject")
        self.reject_button.clicked.connect(lambda: self.decide(VisitState.REJECTED))
        self.message = QLabel()
        self.message.setObjectName("reviewMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        actions = QHBoxLayout()
        actions.addWidget(self.reason, 1)
        for button in (self.approve_button, self.return_button, self.reject_button):
            actions.addWidget(button)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        top.addLayout(titles, 1)
        top.addWidget(self.state_badge, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(top)
        layout.addWidget(self.mismatch_banner)
        layout.addWidget(body, 1)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: self.decide(VisitState.APPROVED))
        self.setStyleSheet(REVIEW_STYLE)
        self._set_actions_enabled(False)

    # ---- loading ------------------------------------------------------------------------------------

    @property
    def visit_id(self) -> str | None:
        return self.context.visit.id if self.context else None

    def show_visit(self, visit_id: str) -> None:
        store = self.store
        run_in_background(
            lambda _job: load_review(store, visit_id),
            on_success=self._render,
            on_failure=lambda exc: self.show_message(str(exc), True),
            owner=self,
        )

    def _render(self, context: ReviewContext) -> None:
        self.context = context
        self.comments = dict(context.visit.review_comments)
        self._images.clear()
        visit, household = context.visit, context.household
        self.title.setText(household.head_name)
        finished = visit.finished_at.strftime("%d-%m-%Y %H:%M") if visit.finished_at else "-"
        self.subtitle.setText(
            self.tr(
                "KK {kk} · {address}, RT {rt}/RW {rw} · desa {village} · petugas {officer} · dikirim {when}"
            ).format(  # fmt: skip
                kk=household.kk_number or "-",
                address=household.address or "-",
                rt=household.rt or "-",
                rw=household.rw or "-",
                village=visit.village_code,
                officer=visit.officer or "-",
                when=finished,
            )
        )
        label = STATE_LABELS.get(visit.state, visit.state)
        if visit.replaces_id and visit.state == VisitState.SUBMITTED:
            label = self.tr("Koreksi")
        self.state_badge.setText(label)
        colour = {"submitted": "#1565c0", "approved": "#2e7d32", "returned": "#e65100", "rejected": "#b71c1c"}
        self.state_badge.setStyleSheet(f"background: {colour.get(visit.state, '#546e7a')};")
        self.state_badge.show()
        self.mismatch_banner.setVisible(visit.server_verdict_mismatch)
        self.reason.setText(visit.review_reason)
        self._fill_comparison()
        self._fill_verdict()
        self._fill_history()
        self._fill_photos(context.photos)
        self.message.hide()
        self._set_actions_enabled(visit.state == VisitState.SUBMITTED)
        self.loaded.emit(visit.id)

    def _rows(self) -> list[tuple[str, Any, Any, bool]]:
        """(path, registry value, visit value, changed) for every field the table may show."""
        assert self.context is not None
        answers = self.context.visit.answers
        changes = self.context.registry_changes
        rows: list[tuple[str, Any, Any, bool]] = []
        for index, member in enumerate(answers.get("members") or []):
            for name in MEMBER_FIELDS:
                path = f"members.{index}.{name}"
                if path in changes:
                    registry, mine = changes[path]
                    rows.append((path, registry, mine, True))
                else:
                    rows.append((path, member.get(name), member.get(name), False))
        for path, value in flatten({k: v for k, v in answers.items() if k != "members"}).items():
            rows.append((path, None, value, False))
        return rows

    def _fill_comparison(self) -> None:
        if self.context is None:
            return
        corrected = self.context.corrected
        rows = self._rows()
        changed = sum(1 for r in rows if r[3])
        self.change_count.setText(
            self.tr("{n} data berbeda dari registri").format(n=changed)
            + (self.tr(" · {n} dikoreksi").format(n=len(corrected)) if self.context.previous else "")
        )
        only = self.only_changed.isChecked()
        shown = [r for r in rows if not only or r[3] or r[0] in corrected or r[0] in self.comments]
        answers = self.context.visit.answers
        bold = QFont()
        bold.setBold(True)
        self._filling = True
        try:
            self.comparison.setRowCount(len(shown))
            for row, (path, registry, mine, is_changed) in enumerate(shown):
                is_member = path.startswith("members.")
                cells = [
                    path_label(path, answers),
                    display_value(registry) if is_member else "",
                    display_value(mine),
                    self.comments.get(path, ""),
                ]
                for column, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setData(PATH_ROLE, path)
                    if column < 3:
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    if column == 2 and is_changed:
                        item.setFont(bold)
                        item.setForeground(QBrush(CHANGED))
                        item.setToolTip(self.tr("Berbeda dari registri"))
                    if path in corrected:
                        item.setBackground(QBrush(CORRECTED_BACKGROUND))
                    if column == 3:
                        item.setToolTip(self.tr("Catatan untuk petugas pada data ini"))
                    self.comparison.setItem(row, column, item)
        finally:
            self._filling = False
        self.comparison.resizeRowsToContents()

    def row_of_path(self, path: str) -> int:
        for row in range(self.comparison.rowCount()):
            item = self.comparison.item(row, 0)
            if item is not None and item.data(PATH_ROLE) == path:
                return row
        return -1

    def set_comment(self, path: str, text: str) -> None:
        """Write the comment of a field (what typing in its row's comment cell does)."""
        row = self.row_of_path(path)
        if row < 0:
            self.comments[path] = text
            self._fill_comparison()
            row = self.row_of_path(path)
        item = self.comparison.item(row, 3)
        if item is not None:
            item.setText(text)

    def _comment_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 3:
            return
        path = str(item.data(PATH_ROLE))
        text = item.text().strip()
        if text:
            self.comments[path] = text
        else:
            self.comments.pop(path, None)

    def _fill_verdict(self) -> None:
        assert self.context is not None
        visit = self.context.visit
        verdict = visit.verdict or {}
        parts = []
        if not verdict:
            parts.append(f"<p>{self.tr('Kunjungan ini tidak membawa hasil aturan.')}</p>")
        else:
            label = html.escape(str(_pack_text(verdict, "overall_label") or verdict.get("overall", "")))
            parts.append(f"<h3 style='margin:2px 0'>{label}</h3>")
            pack = html.escape(f"{visit.pack_id} {visit.pack_version}".strip())
            parts.append(f"<p style='color:#607d8b'>{self.tr('Paket aturan')}: {pack}</p>")
            if visit.server_verdict_mismatch:
                parts.append(f"<p style='color:#b71c1c'><b>⚠ {self.tr('Hasil server berbeda')}</b></p>")
            fired = verdict.get("fired") or []
            if fired:
                parts.append(f"<p><b>{self.tr('Alasan')}</b></p><ul>")
                for rule in fired:
                    title = html.escape(str(_pack_text(rule, "title") or rule.get("rule_id", "")))
                    reason = html.escape(str(_pack_text(rule, "reason")))
                    parts.append(f"<li><b>{title}</b>: {reason}</li>")
                parts.append("</ul>")
            flags = verdict.get("flags") or []
            if flags:
                items = "".join(f"<li>{html.escape(str(f).replace('_', ' '))}</li>" for f in flags)
                parts.append(f"<p><b>{self.tr('Tanda data')}</b></p><ul>{items}</ul>")
            pkh = verdict.get("pkh") or {}
            if pkh.get("total_year"):
                total = display_value(int(pkh["total_year"]))
                parts.append(
                    "<p>"
                    + self.tr("Bantuan PKH: {total} per tahun ({n} komponen)").format(
                        total=total, n=pkh.get("paid_count", 0)
                    )
                    + "</p>"
                )
            missing = verdict.get("missing") or []
            if missing:
                items = "".join(f"<li>{html.escape(str(_pack_text(m, 'label')))}</li>" for m in missing)
                parts.append(f"<p><b>{self.tr('Data belum lengkap')}</b></p><ul>{items}</ul>")
        self.verdict.setHtml("".join(parts))

    def _fill_history(self) -> None:
        assert self.context is not None
        previous = self.context.previous
        if previous is None:
            self.history.setHtml(f"<p>{self.tr('Kunjungan pertama untuk keluarga ini di antrean.')}</p>")
            return
        answers = previous.answers
        lines = [
            "<p>"
            + self.tr("Koreksi atas kunjungan {when} yang {state} oleh {who}.").format(
                when=previous.finished_at.strftime("%d-%m-%Y") if previous.finished_at else "?",
                state=STATE_LABELS.get(previous.state, previous.state).lower(),
                who=html.escape(previous.reviewer or "-"),
            )
            + "</p>"
        ]
        if previous.review_reason:
            lines.append(f"<p><i>{html.escape(previous.review_reason)}</i></p>")
        if previous.review_comments:
            lines.append("<ul>")
            for path, comment in previous.review_comments.items():
                lines.append(
                    f"<li><b>{html.escape(path_label(path, answers))}</b>: {html.escape(comment)}</li>"
                )
            lines.append("</ul>")
        changed = sorted(self.context.corrected)
        if changed:
            names = ", ".join(html.escape(path_label(p, self.context.visit.answers)) for p in changed[:12])
            lines.append(f"<p>{self.tr('Yang diubah petugas')}: {names}</p>")
        self.history.setHtml("".join(lines))

    # ---- photos -------------------------------------------------------------------------------------

    def _fill_photos(self, photos: list[Photo]) -> None:
        self.photo_list.clear()
        self.tabs.setTabText(1, self.tr("Foto ({n})").format(n=len(photos)))
        self.photo_view.setText(self.tr("Tidak ada foto.") if not photos else self.tr("Memuat foto…"))
        self.photo_view.setPixmap(QPixmap())
        self.photo_view.adjustSize()
        for photo in photos:
            item = QListWidgetItem(self.tr(PHOTO_LABELS.get(photo.kind, photo.kind)))
            item.setData(Qt.ItemDataRole.UserRole, photo)
            self.photo_list.addItem(item)
        if not photos:
            return
        vault = self.vault
        visit_id = self.visit_id

        def load(_job: Any) -> dict[str, QImage | None]:
            images: dict[str, QImage | None] = {}
            for photo in photos:
                try:
                    image = QImage.fromData(vault.get(photo.sha256))
                except Exception:  # noqa: BLE001 - a blob not downloaded yet or damaged: say so, go on
                    image = None
                images[photo.id] = None if image is None or image.isNull() else image
            return images

        run_in_background(load, on_success=lambda images: self._photos_loaded(visit_id, images), owner=self)

    def _photos_loaded(self, visit_id: str | None, images: dict[str, QImage | None]) -> None:
        if visit_id != self.visit_id:
            return
        self._images = images
        for row in range(self.photo_list.count()):
            item = self.photo_list.item(row)
            image = images.get(item.data(Qt.ItemDataRole.UserRole).id)
            if image is not None:
                item.setIcon(QPixmap.fromImage(image.scaledToHeight(48)))
        self.photo_list.setCurrentRow(0)
        self._show_photo(0)

    def _show_photo(self, row: int) -> None:
        item = self.photo_list.item(row) if row >= 0 else None
        if item is None:
            return
        photo: Photo = item.data(Qt.ItemDataRole.UserRole)
        image = self._images.get(photo.id)
        if image is None:
            self.photo_view.setPixmap(QPixmap())
            self.photo_view.setText(
                self.tr("Foto belum terunduh ke laptop ini.") if photo.id in self._images else ""
            )
        else:
            self.photo_view.setPixmap(QPixmap.fromImage(image))
        self.photo_view.adjustSize()
        when = photo.taken_at.strftime("%d-%m-%Y %H:%M") if photo.taken_at else "-"
        gps = (
            f"{photo.latitude:.5f}, {photo.longitude:.5f}"
            if photo.latitude is not None and photo.longitude is not None
            else self.tr("tanpa GPS")
        )
        self.photo_caption.setText(
            self.tr("{kind} · {w}×{h} px · {when} · {gps} · oleh {who}").format(
                kind=self.tr(PHOTO_LABELS.get(photo.kind, photo.kind)),
                w=photo.width,
                h=photo.height,
                when=when,
                gps=gps,
                who=photo.taken_by or "-",
            )
        )

    # ---- deciding -----------------------------------------------------------------------------------

    def _set_actions_enabled(self, enabled: bool) -> None:
        for widget in (self.approve_button, self.return_button, self.reject_button, self.reason):
            widget.setEnabled(enabled)

    def decide(self, decision: str) -> None:
        if self.context is None or self.context.visit.state != VisitState.SUBMITTED:
            return
        store, visit_id, reviewer = self.store, self.context.visit.id, self.reviewer
        comments = dict(self.comments)
        reason = self.reason.text()
        self._set_actions_enabled(False)
        run_in_background(
            lambda _job: review_visit(
                store,
                visit_id=visit_id,
                reviewer=reviewer,
                decision=decision,
                comments=comments,
                reason=reason,
            ),  # fmt: skip
            on_success=self._decided,
            on_failure=self._decide_failed,
            owner=self,
        )

    def _decided(self, visit: Visit) -> None:
        if self.context is not None and self.context.visit.id == visit.id:
            self.context.visit = visit
        messages: dict[str, str] = {
            VisitState.APPROVED: self.tr("Disetujui. Keputusan terkirim saat sinkron berikutnya."),
            VisitState.RETURNED: self.tr(
                "Dikembalikan ke petugas dengan {n} catatan. Terkirim saat sinkron berikutnya."
            ).format(n=len(visit.review_comments)),
            VisitState.REJECTED: self.tr("Ditolak. Keputusan terkirim saat sinkron berikutnya."),
        }
        text = messages.get(visit.state, "")
        self.state_badge.setText(STATE_LABELS.get(visit.state, visit.state))
        self.show_message(text, False)
        self.decided.emit(visit)

    def _decide_failed(self, exc: Exception) -> None:
        self._set_actions_enabled(True)
        self.show_message(getattr(exc, "message", str(exc)), True)

    def show_message(self, text: str, error: bool) -> None:
        self.message.setText(html.escape(text))
        self.message.setStyleSheet(
            "background: #ffebee; color: #b71c1c;" if error else "background: #e8f5e9; color: #1b5e20;"
        )
        self.message.setVisible(bool(text))


class ReviewPanel(QWidget):
    """The "Tinjauan" tab: filters and the queue on the left, the visit under review on the right."""

    decided = Signal(object)  # Visit

    def __init__(self, store: Store, vault: PhotoVault, reviewer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.model = ReviewQueueModel(store, self)
        self.village = QComboBox()
        self.outcome = QComboBox()
        self.flag = QComboBox()
        self.age = QComboBox()
        for value, text in AGE_CHOICES:
            self.age.addItem(self.tr(text), value)
        for combo, name in ((self.village, "Desa"), (self.outcome, "Hasil"), (self.flag, "Tanda"),
                            (self.age, "Umur")):  # fmt: skip
            combo.setAccessibleName(self.tr(name))
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self._options_filling = False
        self.count = QLabel()
        self.refresh_button = QPushButton(self.tr("Muat ulang"))
        self.refresh_button.clicked.connect(self.refresh)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((128, 92, 82, 46, 118)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(QLabel(self.tr("Desa")), 0, 0)
        filters.addWidget(self.village, 0, 1)
        filters.addWidget(QLabel(self.tr("Hasil")), 0, 2)
        filters.addWidget(self.outcome, 0, 3)
        filters.addWidget(QLabel(self.tr("Tanda")), 1, 0)
        filters.addWidget(self.flag, 1, 1)
        filters.addWidget(QLabel(self.tr("Umur")), 1, 2)
        filters.addWidget(self.age, 1, 3)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)
        queue = QWidget()
        queue_layout = QVBoxLayout(queue)
        queue_layout.setContentsMargins(6, 4, 0, 4)
        heading = QLabel(self.tr("<b>Antrean pemeriksaan</b>"))
        queue_layout.addWidget(heading)
        queue_layout.addLayout(filters)
        queue_layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.refresh_button)
        queue_layout.addLayout(bottom)

        self.view = ReviewView(store, vault, reviewer)
        self.view.decided.connect(self._decided)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(queue)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([500, 866])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.model.ids_loaded.connect(
            lambda n: self.count.setText(self.tr("{n} kunjungan menunggu").format(n=n))
        )

    def refresh(self) -> None:
        """Reload the filter choices and the queue (after a sync or a decision)."""
        store = self.store
        run_in_background(lambda _job: filter_options(store), on_success=self._options_loaded, owner=self)
        self.model.set_filter()

    def _options_loaded(self, options: FilterOptions) -> None:
        self.model.set_village_names(options.village_names)
        self._options_filling = True
        try:
            for combo, everything, values, labels in (
                (self.village, self.tr("Semua desa"), options.villages, options.village_names),
                (self.outcome, self.tr("Semua hasil"), options.outcomes, {}),
                (self.flag, self.tr("Semua tanda"), [MISMATCH_FLAG, *options.flags],
                 {MISMATCH_FLAG: self.tr("Hasil server berbeda")}),
            ):  # fmt: skip
                current = combo.currentData()
                combo.clear()
                combo.addItem(everything, "")
                for value in values:
                    combo.addItem(labels.get(value, value.replace("_", " ")), value)
                combo.setCurrentIndex(max(0, combo.findData(current)))
        finally:
            self._options_filling = False

    def current_filter(self) -> ReviewFilter:
        return ReviewFilter(
            village=self.village.currentData() or "",
            outcome=self.outcome.currentData() or "",
            flag=self.flag.currentData() or "",
            min_age_days=int(self.age.currentData() or 0),
        )

    def apply_filter(self) -> None:
        if not self._options_filling:
            self.model.set_filter(self.current_filter())

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            visit_id = self.model.visit_id(indexes[0].row())
            if visit_id:
                self.view.show_visit(visit_id)

    def select_visit(self, visit_id: str) -> bool:
        row = self.model.row_of(visit_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        return True

    def _decided(self, visit: Visit) -> None:
        self.decided.emit(visit)
        self.model.set_filter()


def _pack_text(item: dict[str, Any], field: str) -> str:
    """A stored verdict's text in the interface's language (the pack carries both)."""
    english = QLocale().language() == QLocale.Language.English
    return str((item.get(f"{field}_en") if english else None) or item.get(f"{field}_id") or "")
