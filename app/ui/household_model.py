"""The household list as a thin, lazy adapter over the store (Anki's browser table pattern).

A search keeps only ids. The view sees them in batches (`canFetchMore`/`fetchMore`), and row contents
are read from the store in blocks on a worker thread the first time they are painted; until then a
row shows a placeholder. Nothing copies the whole table into Qt.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from app.store.store import HouseholdRow, Store
from app.ui.lazy_model import BATCH, LazyIdTableModel

__all__ = ["BATCH", "STATE_LABELS", "HouseholdListModel"]

OUTCOME_COLOURS = {
    "graduasi_wajib": "#c62828",
    "graduasi": "#c62828",
    "perlu_verifikasi": "#ef6c00",
    "tetap_layak": "#2e7d32",
    "layak": "#2e7d32",
}
# Verdict colour classes (app.core.rules.outcomes.Colour) as list badge colours.
VERDICT_COLOURS = {
    "danger": "#c62828",
    "warning": "#ef6c00",
    "info": "#1565c0",
    "success": "#2e7d32",
    "neutral": "#546e7a",
}
STATE_BACKGROUNDS = {"draft": "#eceff1", "returned": "#fff3e0", "rejected": "#ffebee"}
_STATE_SOURCE = {
    "draft": "Draf",
    "submitted": "Terkirim",
    "approved": "Disetujui",
    "returned": "Dikembalikan",
    "rejected": "Ditolak",
    "replaced": "Diganti",
}


class _TranslatedLabels(Mapping[str, str]):
    """Labels looked up through Qt's translator at use time, so every view shows the current language."""

    def __init__(self, context: str, source: dict[str, str]) -> None:
        self.context = context
        self.source = source

    def __getitem__(self, key: str) -> str:
        return QCoreApplication.translate(self.context, self.source[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self.source)

    def __len__(self) -> int:
        return len(self.source)


STATE_LABELS: Mapping[str, str] = _TranslatedLabels("VisitState", _STATE_SOURCE)


class HouseholdListModel(LazyIdTableModel[HouseholdRow]):
    search_finished = Signal(int)  # number of matches

    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__([], parent)
        self.store = store
        self.headers = [
            self.tr("Kepala keluarga"),
            self.tr("No. KK"),
            self.tr("Alamat"),
            self.tr("Desil"),
            self.tr("Program"),
            self.tr("Anggota"),
            self.tr("Kunjungan"),
        ]
        self.ids_replaced.connect(self.search_finished)

    def search(self, query: str) -> None:
        """Replace the id list with the matches for `query`, read on a worker thread."""
        store = self.store
        self.load_ids(lambda: store.household_ids(query))

    def refresh_rows(self, household_ids: Sequence[str] | None = None) -> None:
        """Forget cached rows (all, or these) so they are read again when painted."""
        self.forget_rows(household_ids)

    def household_id(self, row: int) -> str | None:
        return self.id_at(row)

    # ---- rows ---------------------------------------------------------------------------------

    def read_rows(self, ids: list[str]) -> list[HouseholdRow]:
        return self.store.household_rows(ids)

    def row_key(self, row: HouseholdRow) -> str:
        return row.id

    def row_data(self, row: HouseholdRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == 6 and row.visit_outcome:
            colour = VERDICT_COLOURS.get(row.visit_colour or "") or OUTCOME_COLOURS.get(row.visit_outcome)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.BackgroundRole and column == 6:
            background = STATE_BACKGROUNDS.get(row.visit_state or "")
            return QBrush(QColor(background)) if background else None
        if role == Qt.ItemDataRole.ToolTipRole and column == 6 and row.visit_flags:
            return self.tr("Tanda data: {flags}").format(flags=", ".join(row.visit_flags))
        return None

    def _display(self, row: HouseholdRow, column: int) -> str:
        if column == 0:
            return row.head_name
        if column == 1:
            return row.kk_number
        if column == 2:
            return f"{row.address} RT {row.rt}/RW {row.rw}"
        if column == 3:
            return "" if row.desil is None else str(row.desil)
        if column == 4:
            return ", ".join(row.programmes)
        if column == 5:
            return str(row.member_count)
        if column == 6:
            if not row.visit_state:
                return self.tr("Belum dikunjungi")
            label = STATE_LABELS.get(row.visit_state, row.visit_state)
            outcome = (row.visit_outcome or "").replace("_", " ")
            text = f"{label} · {outcome}" if outcome else label
            return f"{text} · ⚑{len(row.visit_flags)}" if row.visit_flags else text
        return ""
