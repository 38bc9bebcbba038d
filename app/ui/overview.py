"""Village overview: households and members, by desil, by programme, by status, pending sync."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from app.store.store import Store, VillageSummary
from app.ui.household_model import STATE_LABELS
from app.ui.worker import run_in_background


class VillageOverview(QWidget):
    def __init__(self, store: Store, village_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.heading = QLabel(f"<h3>{village_name}</h3>")
        self.heading.setWordWrap(True)
        self.totals = QLabel()
        self.totals.setObjectName("overviewTotals")
        self.by_desil = QFormLayout()
        self.by_programme = QFormLayout()
        self.by_state = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.totals)
        for title, form in (
            (self.tr("Per desil"), self.by_desil),
            (self.tr("Per program"), self.by_programme),
            (self.tr("Kunjungan"), self.by_state),
        ):
            box = QGroupBox(title)
            box.setLayout(form)
            layout.addWidget(box)
        layout.addStretch(1)
        self.summary: VillageSummary | None = None

    def refresh(self) -> None:
        store = self.store
        run_in_background(lambda _job: store.village_summary(), on_success=self._render, owner=self)

    def _render(self, summary: VillageSummary) -> None:
        self.summary = summary
        self.totals.setText(
            self.tr("{households} keluarga · {members} jiwa").format(
                households=f"{summary.households:,}".replace(",", "."),
                members=f"{summary.members:,}".replace(",", "."),
            )
        )
        _fill(self.by_desil, {self.tr("Desil {k}").format(k=k): v for k, v in summary.by_desil.items()})
        _fill(self.by_programme, summary.by_programme or {self.tr("Tidak ada"): 0})
        states = {STATE_LABELS.get(k, k): v for k, v in summary.visits_by_state.items()}
        states[self.tr("Menunggu dikirim")] = summary.pending_outbox
        _fill(self.by_state, states)


def _fill(form: QFormLayout, values: dict[str, int]) -> None:
    while form.rowCount():
        form.removeRow(0)
    for label, count in values.items():
        form.addRow(label, QLabel(str(count)))
