"""Household detail: registry data, members, programmes and the history of visits."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.models import Household, Member, Visit
from app.store.store import Store
from app.ui.review.history import history_html
from app.ui.worker import run_in_background

if TYPE_CHECKING:
    from app.store.verdicts import HouseholdVerdict

BADGE_COLOURS = {
    "danger": "#c62828",
    "warning": "#ef6c00",
    "info": "#1565c0",
    "success": "#2e7d32",
    "neutral": "#455a64",
}


def age_on(birth: Any, today: Any) -> str:
    if birth is None:
        return ""
    years = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    return str(years)


class HouseholdDetail(QWidget):
    """Shows one household; loads it on a worker thread when selected."""

    # (action, id): ("new" | "draft", household id) or ("correction" | "view", visit id)
    visit_requested = Signal(str, str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.household_id: str | None = None
        self._draft_id: str | None = None
        self._latest_id: str | None = None
        self.new_visit_button = QPushButton(self.tr("Kunjungan &baru"))
        self.new_visit_button.setShortcut("Ctrl+N")
        self.new_visit_button.clicked.connect(lambda: self._request("new", self.household_id))
        self.draft_button = QPushButton(self.tr("&Lanjutkan draf"))
        self.draft_button.clicked.connect(lambda: self._request("draft", self.household_id))
        self.view_button = QPushButton(self.tr("Lihat kunjungan"))
        self.view_button.clicked.connect(lambda: self._request("view", self._latest_id))
        self.correction_button = QPushButton(self.tr("&Koreksi"))
        self.correction_button.clicked.connect(lambda: self._request("correction", self._latest_id))
        visit_buttons = QHBoxLayout()
        for button in (self.new_visit_button, self.draft_button, self.view_button, self.correction_button):
            button.hide()
            visit_buttons.addWidget(button)
        visit_buttons.addStretch(1)
        self.title = QLabel(self.tr("Pilih keluarga di daftar"))
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.facts = QFormLayout()
        facts_box = QGroupBox(self.tr("Data keluarga"))
        facts_box.setLayout(self.facts)
        self.members = QTableWidget(0, 6)
        self.members.setHorizontalHeaderLabels(
            [
                self.tr("Nama"),
                self.tr("NIK"),
                self.tr("Hubungan"),
                self.tr("Umur"),
                self.tr("Pekerjaan"),
                self.tr("Sekolah/Disabilitas"),
            ]  # fmt: skip
        )
        self.members.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.members.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history = QLabel()
        self.history.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(visit_buttons)
        layout.addWidget(facts_box)
        layout.addWidget(QLabel(self.tr("Anggota keluarga")))
        layout.addWidget(self.members, 1)
        layout.addWidget(QLabel(self.tr("Riwayat kunjungan")))
        layout.addWidget(self.history)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        verdict_box = QGroupBox(self.tr("Kesimpulan aturan"))
        QVBoxLayout(verdict_box).addWidget(self.verdict)
        layout.insertWidget(layout.indexOf(facts_box) + 1, verdict_box)

    def show_household(self, household_id: str | None) -> None:
        self.household_id = household_id
        if household_id is None:
            return
        store = self.store

        def load(_job: Any) -> tuple[Household, list[Member], list[Visit]] | None:
            found = store.household(household_id)
            if found is None:
                return None
            return found[0], found[1], store.visits_of(household_id)

        run_in_background(load, on_success=self._render, owner=self)
        self.verdict.setText(self.tr("Menghitung…"))

        def verdict(_job: Any) -> HouseholdVerdict | None:
            # Imported here: the rules engine loads on this worker, not during start-up.
            from app.store.verdicts import household_verdict  # noqa: PLC0415

            return household_verdict(store, household_id, date.today())

        run_in_background(verdict, on_success=self._render_verdict, owner=self)

    def _render_verdict(self, found: HouseholdVerdict | None) -> None:
        if found is None or found.household_id != self.household_id:
            return
        verdict = found.verdict
        colour = BADGE_COLOURS.get(str(verdict.get("colour")), "#455a64")
        source = (
            self.tr("dari kunjungan terakhir")
            if found.from_visit
            else self.tr("dari data registri, belum dikunjungi")
        )
        # The pack carries both languages; the letter of the law stays Indonesian in the stored verdict.
        lang = "en" if QLocale().language() == QLocale.Language.English else "id"
        label = escape(str(verdict.get(f"overall_label_{lang}", verdict.get("overall_label_id", ""))))
        pack = escape(f"{verdict.get('pack_id')} {verdict.get('pack_version')}")
        lines = [
            f"<span style='color:{colour}; font-weight:bold'>{label}</span> "
            f"<span style='color:#607d8b'>({source}; {pack})</span>"
        ]
        lines += [
            f"• {escape(str(rule.get(f'reason_{lang}') or rule.get('reason_id', '')))}"
            for rule in verdict.get("fired", [])[:6]
        ]
        missing = verdict.get("missing") or []
        if missing and not found.from_visit:
            lines.append(
                self.tr("Perlu kunjungan untuk: {items}").format(
                    items=escape(", ".join(map(str, missing[:6])))
                )
            )
        self.verdict.setText("<br>".join(lines))

    def _render(self, loaded: tuple[Household, list[Member], list[Visit]] | None) -> None:
        if loaded is None:
            return
        household, members, visits = loaded
        if household.id != self.household_id:
            return

        today = date.today()
        self.title.setText(f"<b>{household.head_name}</b> · KK {household.kk_number}")
        while self.facts.rowCount():
            self.facts.removeRow(0)
        self.facts.addRow(
            self.tr("Alamat"), QLabel(f"{household.address}, RT {household.rt}/RW {household.rw}")
        )
        self.facts.addRow(self.tr("Desil"), QLabel(str(household.desil or "-")))
        since = self.tr("sejak")
        programmes = ", ".join(
            f"{p.get('programme')} ({since} {p.get('start_date', '?')}, {p.get('status', 'aktif')})"
            for p in household.programmes
        )
        self.facts.addRow(self.tr("Program"), QLabel(programmes or self.tr("Tidak ada")))
        self.facts.addRow(self.tr("Status"), QLabel(household.status))
        self.members.setRowCount(len(members))
        for row, m in enumerate(members):
            extra = m.school_level if m.school_level != "tidak_sekolah" else ""
            if m.disability != "tidak":
                extra = f"{extra} {self.tr('disabilitas')} {m.disability}".strip()
            if m.pregnant:
                extra = f"{extra} {self.tr('hamil')}".strip()
            if m.status != "aktif":
                extra = f"{extra} ({m.status})".strip()
            for col, value in enumerate(
                (m.name, m.nik, m.relation, age_on(m.birth_date, today), m.occupation, extra)
            ):
                self.members.setItem(row, col, QTableWidgetItem(str(value)))
        self._update_visit_buttons(visits)
        # The whole chain: original → returned with comments → correction → approved.
        self.history.setText(history_html(visits))

    def _update_visit_buttons(self, visits: list[Visit]) -> None:
        live = [v for v in visits if v.state != "replaced"]
        drafts = [v for v in live if v.state == "draft"]
        sent = [v for v in live if v.state != "draft"]
        self._draft_id = drafts[-1].id if drafts else None
        self._latest_id = sent[-1].id if sent else None
        self.new_visit_button.setVisible(not drafts)
        self.draft_button.setVisible(bool(drafts))
        self.view_button.setVisible(bool(sent))
        correctable = bool(sent) and sent[-1].state in ("submitted", "returned", "approved")
        self.correction_button.setVisible(correctable and not drafts)

    def _request(self, action: str, target: str | None) -> None:
        if target:
            self.visit_requested.emit(action, target)
