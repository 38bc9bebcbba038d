"""Household detail: registry data, members, programmes and the history of visits."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.models import Household, Member, Visit
from app.store.store import Store
from app.ui.household_model import STATE_LABELS
from app.ui.worker import run_in_background


def age_on(birth: Any, today: Any) -> str:
    if birth is None:
        return ""
    years = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    return str(years)


class HouseholdDetail(QWidget):
    """Shows one household; loads it on a worker thread when selected."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.household_id: str | None = None
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
        layout.addWidget(facts_box)
        layout.addWidget(QLabel(self.tr("Anggota keluarga")))
        layout.addWidget(self.members, 1)
        layout.addWidget(QLabel(self.tr("Riwayat kunjungan")))
        layout.addWidget(self.history)

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

    def _render(self, loaded: tuple[Household, list[Member], list[Visit]] | None) -> None:
        if loaded is None:
            return
        household, members, visits = loaded
        if household.id != self.household_id:
            return
        from datetime import date

        today = date.today()
        self.title.setText(f"<b>{household.head_name}</b> · KK {household.kk_number}")
        while self.facts.rowCount():
            self.facts.removeRow(0)
        self.facts.addRow(
            self.tr("Alamat"), QLabel(f"{household.address}, RT {household.rt}/RW {household.rw}")
        )
        self.facts.addRow(self.tr("Desil"), QLabel(str(household.desil or "-")))
        programmes = ", ".join(
            f"{p.get('programme')} ({self.tr('sejak')} {p.get('start_date', '?')}, {p.get('status', 'aktif')})"
            for p in household.programmes
        )
        self.facts.addRow(self.tr("Program"), QLabel(programmes or self.tr("Tidak ada")))
        self.facts.addRow(self.tr("Status"), QLabel(household.status))
        self.members.setRowCount(len(members))
        for row, m in enumerate(members):
            extra = m.school_level if m.school_level != "tidak_sekolah" else ""
            if m.disability != "tidak":
                extra = f"{extra} disabilitas {m.disability}".strip()
            if m.pregnant:
                extra = f"{extra} hamil".strip()
            if m.status != "aktif":
                extra = f"{extra} ({m.status})".strip()
            for col, value in enumerate(
                (m.name, m.nik, m.relation, age_on(m.birth_date, today), m.occupation, extra)
            ):
                self.members.setItem(row, col, QTableWidgetItem(str(value)))
        if visits:
            lines = []
            for v in visits:
                when = v.started_at.strftime("%d-%m-%Y") if v.started_at else "?"
                outcome = str(v.verdict.get("overall", "")).replace("_", " ") if v.verdict else ""
                lines.append(f"{when} · {STATE_LABELS.get(v.state, v.state)} · {v.officer} {outcome}")
            self.history.setText("<br>".join(lines))
        else:
            self.history.setText(self.tr("Belum ada kunjungan."))
