"""The verval form: sections on the left, the live verdict on the right, autosave underneath.

The form owns one `VisitAnswers` document that every section edits in place. Each edit restarts an
autosave timer (800 ms: long enough that a typist is not saving on every key, short enough that a
crash loses under a second of typing), asks the verdict runner for a fresh verdict and re-checks what
still blocks submission. Saves run on the worker pool one at a time: a save requested while another
is in flight runs right after it with the newest answers. Nothing here touches the disk on the UI
thread. Constructed from a `VisitContext` (read by the caller on a worker), a store, a photo vault
and a loaded policy pack, so tests can build it without an account.
"""

from __future__ import annotations

import html
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.answers import VisitAnswers
from app.core.models import Visit, VisitState
from app.core.regions import region_index
from app.core.rules import PolicyPack, Verdict
from app.store.store import Store
from app.store.vault import PhotoVault
from app.store.visits import FormPosition, VisitContext, submission_problems
from app.ui.household_model import STATE_LABELS
from app.ui.operations import visits as ops
from app.ui.review.comments import install_review_comments
from app.ui.visit import sections as sec
from app.ui.visit.photo_panel import PhotoPanel
from app.ui.visit.verdict_panel import VerdictPanel, VerdictRunner
from app.ui.worker import run_in_background

AUTOSAVE_MS = 800

FORM_STYLE = """
QLabel#formTitle { font-size: 13pt; font-weight: bold; }
QLabel#formSubtitle { color: #455a64; }
QLabel#stateBadge { color: white; border-radius: 3px; padding: 2px 8px; font-weight: bold; }
QLabel#sectionTitle { font-size: 12pt; font-weight: bold; color: #263238; }
QListWidget#sectionNav { font-size: 10.5pt; }
QListWidget#sectionNav::item { padding: 7px 6px; }
QListWidget#sectionNav::item:selected { background: #1565c0; color: white; }
QLabel#formMessage { padding: 6px 8px; border-radius: 3px; }
QLabel#verdictHeading { font-weight: bold; color: #37474f; }
QLabel#verdictPack { color: #607d8b; font-size: 9pt; }
QGroupBox { font-weight: bold; margin-top: 12px; padding-top: 6px; }
QGroupBox::title { subcontrol-origin: margin; left: 6px; padding: 0 3px; }
QGroupBox QLabel, QGroupBox QCheckBox { font-weight: normal; }
"""

STATE_COLOURS = {"draft": "#546e7a", "submitted": "#1565c0", "approved": "#2e7d32", "returned": "#e65100",
                 "rejected": "#b71c1c", "replaced": "#78909c"}  # fmt: skip


class VisitForm(QWidget):
    """One visit of one household, editable while a draft, read-only once submitted."""

    draft_saved = Signal(str)  # visit id
    save_failed = Signal(str)
    submitted = Signal(object)  # the submitted Visit
    closed = Signal(str)  # household id
    correction_requested = Signal(str)  # visit id
    verdict_shown = Signal(object)  # Verdict

    def __init__(
        self,
        store: Store,
        vault: PhotoVault,
        context: VisitContext,
        *,
        pack: PolicyPack,
        officer: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.vault = vault
        self.pack = pack
        self.officer = officer or context.visit.officer
        self.visit: Visit = context.visit
        self.household = context.household
        self.answers = context.answers
        self.read_only = context.read_only
        self._dirty = False
        self._saving = False
        self._save_again = False
        self._closing = False
        self._message = ""
        self._regions_pending = False
        self._ready = False  # no saves while the constructor fills the widgets
        self.last_saved: datetime | None = None
        self.setObjectName("visitForm")
        self.setWindowTitle(self.tr("Kunjungan verval — {name}").format(name=self.household.head_name))

        # ---- sections ----
        self.photo_panel = PhotoPanel(
            store, vault, visit_id=self.visit.id, household_id=self.household.id, officer=self.officer
        )
        self.members_section = sec.MembersSection(self.answers, self.photo_panel.documents_of)
        self.house_section = sec.HouseSection(self.answers)
        self.assets_section = sec.AssetsSection(self.answers)
        self.work_section = sec.WorkSection(self.answers)
        self.assessment_section = sec.AssessmentSection(self.answers)
        self.documents_section = sec.DocumentsSection(self.answers)
        self.photos_section = _PhotosSection(self.answers, self.photo_panel)
        self.conclusion_section = sec.ConclusionSection(self.answers)
        self.sections: list[sec.Section] = [
            self.members_section,
            self.house_section,
            self.assets_section,
            self.work_section,
            self.assessment_section,
            self.documents_section,
            self.photos_section,
            self.conclusion_section,
        ]
        self.nav = QListWidget()
        self.nav.setObjectName("sectionNav")
        self.nav.setAccessibleName(self.tr("Bagian formulir"))
        self.nav.setFixedWidth(236)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.section_title = QLabel()
        self.section_title.setObjectName("sectionTitle")
        for number, section in enumerate(self.sections, start=1):
            self.nav.addItem(f"{number}  {self.tr(section.title)}")
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(section)
            self.stack.addWidget(scroll)
            section.changed.connect(self._answers_changed)
            section.message.connect(self.show_message)
        self.members_section.members_changed.connect(self._members_changed)
        self.members_section.member_selected.connect(lambda _i: self._position_changed())
        self.documents_section.add_requested.connect(self._add_document)
        self.photo_panel.photos_changed.connect(self._photos_changed)
        self.photo_panel.message.connect(self.show_message)
        self.nav.currentRowChanged.connect(self._section_changed)

        # ---- verdict ----
        self.verdict_panel = VerdictPanel()
        self.verdict_panel.setMinimumWidth(360)
        self.runner = VerdictRunner(
            pack, self.household, context.members, self, niks_elsewhere=context.niks_elsewhere
        )
        self.runner.evaluated.connect(self._verdict_ready)
        self.runner.failed.connect(self.verdict_panel.show_error)

        # ---- header, messages, buttons ----
        self.title = QLabel(self.household.head_name)
        self.title.setObjectName("formTitle")
        self.subtitle = QLabel(
            self.tr("No. KK {kk} · {address}, RT {rt}/RW {rw} · desil {desil}").format(
                kk=self.household.kk_number or "-",
                address=self.household.address or "-",
                rt=self.household.rt or "-",
                rw=self.household.rw or "-",
                desil=self.household.desil or "-",
            )
        )
        self.subtitle.setObjectName("formSubtitle")
        self.state_badge = QLabel()
        self.state_badge.setObjectName("stateBadge")
        self.message_label = QLabel()
        self.message_label.setObjectName("formMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.hide()
        self.save_status = QLabel()
        self.save_status.setStyleSheet("color: #607d8b;")
        self.prev_button = QPushButton(self.tr("◀ Sebelumnya"))
        self.prev_button.setToolTip("Ctrl+PgUp")
        self.prev_button.clicked.connect(lambda: self.go_to_section(self.nav.currentRow() - 1))
        self.next_button = QPushButton(self.tr("Berikutnya ▶"))
        self.next_button.setToolTip("Ctrl+PgDown")
        self.next_button.clicked.connect(lambda: self.go_to_section(self.nav.currentRow() + 1))
        self.save_button = QPushButton(self.tr("&Simpan draf"))
        self.save_button.setToolTip(self.tr("Draf juga tersimpan otomatis (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_now)
        self.submit_button = QPushButton(self.tr("&Kirim kunjungan"))
        self.submit_button.setToolTip(self.tr("Periksa lalu kirim ke antrean sinkron (Ctrl+Enter)"))
        self.submit_button.clicked.connect(self.submit)
        self.submit_button.setStyleSheet("QPushButton { font-weight: bold; padding: 4px 14px; }")
        self.correction_button = QPushButton(self.tr("Buat &koreksi"))
        self.correction_button.clicked.connect(lambda: self.correction_requested.emit(self.visit.id))
        self.close_button = QPushButton(self.tr("&Tutup"))
        self.close_button.clicked.connect(self.close)
        for button in (self.correction_button, self.close_button, self.prev_button, self.next_button):
            button.setProperty("keep_enabled", True)

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        header.addWidget(self.state_badge, 0, Qt.AlignmentFlag.AlignTop)

        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.section_title)
        centre_layout.addWidget(self.stack, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(centre)
        splitter.addWidget(self.verdict_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 400])
        splitter.setChildrenCollapsible(False)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(splitter, 1)

        buttons = QHBoxLayout()
        buttons.addWidget(self.save_status, 1)
        for button in (self.prev_button, self.next_button, self.save_button, self.submit_button,
                       self.correction_button, self.close_button):  # fmt: skip
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(header)
        layout.addLayout(body, 1)
        layout.addWidget(self.message_label)
        layout.addLayout(buttons)

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_now)
        self._shortcuts()

        self.photo_panel.load(context.photos)
        self._members_changed()
        self._apply_state()
        self.members_section.select(context.position.member)
        self.go_to_section(context.position.section)
        self._refresh_derived()
        # Last, so the style is resolved once for the finished tree rather than on every insertion.
        self.setStyleSheet(FORM_STYLE)
        self._ready = True
        self._regions_pending = True
        run_in_background(
            lambda _job: region_index(),
            on_success=self._regions_loaded,
            on_failure=lambda _exc: setattr(
                self, "_regions_pending", False
            ),  # region codes just go unchecked
        )
        self.runner.request(self.answers.model_dump(mode="json"), self.photo_panel.kinds())
        # The supervisor's comments beside the fields they concern (a returned visit, or a correction).
        self.review_comments = install_review_comments(self)

    def _regions_loaded(self, regions: Any) -> None:
        self._regions_pending = False
        self.members_section.set_region_check(regions.exists)

    # ---- keyboard ----------------------------------------------------------------------------------

    def _shortcuts(self) -> None:
        def add(keys: str | QKeySequence | QKeySequence.StandardKey, slot: Any) -> None:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        add("Ctrl+S", self.save_now)
        add("Ctrl+Return", self.submit)
        add("Ctrl+Enter", self.submit)
        add("Ctrl+PgDown", lambda: self.go_to_section(self.nav.currentRow() + 1))
        add("Ctrl+PgUp", lambda: self.go_to_section(self.nav.currentRow() - 1))
        add("Ctrl+I", self._import_shortcut)
        add("Ctrl+W", self.close)
        for number in range(1, len(self.sections) + 1):
            add(f"Ctrl+{number}", lambda n=number: self.go_to_section(n - 1))

    def _import_shortcut(self) -> None:
        self.go_to_section(self.sections.index(self.photos_section))
        self.photo_panel.choose_files()

    # ---- navigation ----------------------------------------------------------------------------------

    @property
    def current_section(self) -> int:
        return self.nav.currentRow()

    def go_to_section(self, index: int) -> None:
        index = max(0, min(index, len(self.sections) - 1))
        if index != self.nav.currentRow():
            self.nav.setCurrentRow(index)
        else:
            self._section_changed(index)

    def _section_changed(self, index: int) -> None:
        if index < 0:
            return
        section = self.sections[index]
        section.load()
        if self.read_only:
            section.set_read_only(True)
        self.stack.setCurrentIndex(index)
        self.section_title.setText(f"{index + 1}. {self.tr(section.title)}")
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.sections) - 1)
        self._refresh_derived()
        self._position_changed()
        # Moving between sections is a natural pause: save now rather than after the timer.
        if self._ready and self._dirty:
            self.save_now()

    def position(self) -> FormPosition:
        return FormPosition(section=max(0, self.nav.currentRow()), member=self.members_section.current)

    def _position_changed(self) -> None:
        if self._ready and not self.read_only and not self._dirty:
            self._dirty = True
            self._autosave.start()

    # ---- edits -------------------------------------------------------------------------------------

    def _answers_changed(self) -> None:
        if self.read_only:
            return
        self._dirty = True
        self._autosave.start()
        self._refresh_derived()
        self.runner.request(self.answers.model_dump(mode="json"), self.photo_panel.kinds())

    def _members_changed(self) -> None:
        self.photo_panel.set_members(
            [(m.member_id, sec.member_label(m, i)) for i, m in enumerate(self.answers.members) if m.member_id]
        )

    def _photos_changed(self) -> None:
        self.documents_section.set_counts(self.photo_panel.kind_counts())
        self._refresh_derived()
        self.runner.request(self.answers.model_dump(mode="json"), self.photo_panel.kinds())

    def _add_document(self, kind: str) -> None:
        self.photo_panel.new_kind.setCurrentIndex(max(0, self.photo_panel.new_kind.findData(kind)))
        self.go_to_section(self.sections.index(self.photos_section))
        self.photo_panel.choose_files()

    def problems(self) -> list[str]:
        return submission_problems(self.answers, self.photo_panel.kinds(), date.today())

    def _refresh_derived(self) -> None:
        self.documents_section.counts = self.photo_panel.kind_counts()
        if self.nav.currentRow() == self.sections.index(self.conclusion_section):
            self.conclusion_section.set_problems(self.problems())

    def _verdict_ready(self, verdict: Verdict, _asked: float) -> None:
        self.verdict_panel.show_verdict(verdict, self.photo_panel.kind_counts())
        self.verdict_shown.emit(verdict)

    # ---- saving ------------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """True while a save, an evaluation or a photo import is still running."""
        return (
            self._saving
            or self._regions_pending
            or self.runner.busy
            or self.photo_panel.busy
            or self._autosave.isActive()
        )

    def save_now(self) -> None:
        if self.read_only:
            return
        self._autosave.stop()
        if self._saving:
            self._save_again = True
            return
        self._saving = True
        self._dirty = False
        ops.save_draft(
            store=self.store,
            visit_id=self.visit.id,
            answers=self.answers.model_dump(mode="json"),
            position=self.position(),
            on_success=self._saved,
            on_failure=self._save_failed,
        )

    def _saved(self, _changes: Any) -> None:
        self._saving = False
        self.last_saved = datetime.now()
        self.save_status.setText(
            self.tr("Draf tersimpan {time} (di komputer ini, belum dikirim)").format(
                time=self.last_saved.strftime("%H:%M:%S")
            )
        )
        self.draft_saved.emit(self.visit.id)
        if self._save_again:
            self._save_again = False
            self.save_now()

    def _save_failed(self, exc: Exception) -> None:
        self._saving = False
        self._dirty = True
        message = ops.message_for(exc)
        self.save_status.setText(self.tr("Draf BELUM tersimpan"))
        self.show_message(self.tr("Draf gagal disimpan: {message}").format(message=message), True)
        self.save_failed.emit(message)
        if self._save_again:
            self._save_again = False

    # ---- submitting --------------------------------------------------------------------------------

    def submit(self) -> None:
        if self.read_only:
            return
        problems = self.problems()
        if problems:
            self.go_to_section(self.sections.index(self.conclusion_section))
            self.conclusion_section.set_problems(problems)
            self.show_message(self.tr("Kunjungan belum dapat dikirim: ") + "; ".join(problems), True)
            return
        if self.photo_panel.busy:
            self.show_message(self.tr("Tunggu sampai semua foto selesai diproses, lalu kirim lagi."), True)
            return
        self._autosave.stop()
        self.submit_button.setEnabled(False)
        self.show_message(self.tr("Mengirim ke antrean sinkron…"), False)
        ops.submit_visit(
            store=self.store,
            visit_id=self.visit.id,
            answers=self.answers.model_dump(mode="json"),
            pack=self.pack,
            on_success=self._submitted,
            on_failure=self._submit_failed,
        )

    def _submitted(self, visit: Visit) -> None:
        self.visit = visit
        self._dirty = False
        self.read_only = True
        self._apply_state()
        if visit.verdict:
            self.verdict_panel.show_verdict(Verdict.from_json(visit.verdict), self.photo_panel.kind_counts())
        self.show_message(
            self.tr(
                "Kunjungan terkirim ke antrean dan tidak dapat diubah lagi. Data akan dikirim ke server "
                "saat ada sinyal. Untuk perubahan, buat kunjungan koreksi."
            ),
            False,
        )
        self.submitted.emit(visit)

    def _submit_failed(self, exc: Exception) -> None:
        self.submit_button.setEnabled(True)
        self.show_message(ops.message_for(exc), True)

    def _apply_state(self) -> None:
        state = self.visit.state
        label = STATE_LABELS.get(state, state)
        if self.visit.replaces_id and state == VisitState.DRAFT:
            label = self.tr("Draf koreksi")
        self.state_badge.setText(label)
        self.state_badge.setStyleSheet(f"background: {STATE_COLOURS.get(state, '#546e7a')};")
        for section in self.sections:
            section.set_read_only(self.read_only)
        self.photo_panel.set_read_only(self.read_only)
        self.save_button.setVisible(not self.read_only)
        self.submit_button.setVisible(not self.read_only)
        self.correction_button.setVisible(self.read_only and state in ("submitted", "returned", "approved"))
        if self.read_only:
            when = self.visit.finished_at.strftime("%d-%m-%Y %H:%M") if self.visit.finished_at else "-"
            self.save_status.setText(self.tr("Dikirim {when} · hanya baca").format(when=when))
            if self.visit.review_comments or self.visit.review_reason:
                comments = "; ".join(f"{k}: {v}" for k, v in self.visit.review_comments.items())
                self.show_message(
                    self.tr("Catatan pemeriksa: {reason} {comments}").format(
                        reason=self.visit.review_reason, comments=comments
                    ),
                    True,
                )

    # ---- messages and closing ----------------------------------------------------------------------

    def show_message(self, text: str, error: bool = False) -> None:
        self._message = text
        self.message_label.setText(html.escape(text).replace("\n", "<br>"))
        self.message_label.setStyleSheet(
            "background: #ffebee; color: #b71c1c;" if error else "background: #e8f5e9; color: #1b5e20;"
        )
        self.message_label.setVisible(bool(text))

    def message_text(self) -> str:
        return self._message if not self.message_label.isHidden() else ""

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self._dirty and not self.read_only:
            self.save_now()  # on the worker pool; the app waits for the pool before it exits
        self._autosave.stop()
        if not self._closing:
            self._closing = True
            self.closed.emit(self.household.id)
        super().closeEvent(event)


class _PhotosSection(sec.Section):
    """The photo panel as a form section."""

    title = "Foto"

    def __init__(self, answers: VisitAnswers, panel: PhotoPanel) -> None:
        super().__init__(answers)
        self.panel = panel
        self.outer.addWidget(
            self.hint(
                self.tr(
                    "Wajib: foto rumah bagian depan dan bagian dalam. Pilih jenis setiap foto; untuk KTP "
                    "pilih pemiliknya. Foto dikecilkan, diputar tegak dan disimpan terenkripsi."
                )
            )
        )
        self.outer.addWidget(panel, 1)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.panel.set_read_only(read_only)
