"""The review queue as a lazy Qt model over the store (the household list's pattern).

A filter change reads only the matching visit ids on a worker thread; the view sees them in batches
(`canFetchMore`/`fetchMore`) and rows are read in blocks on a worker the first time they are painted.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from app.store.review import ReviewFilter, ReviewRow, review_ids, review_rows
from app.store.store import Store
from app.ui.household_model import VERDICT_COLOURS
from app.ui.lazy_model import LazyIdTableModel


class ReviewQueueModel(LazyIdTableModel[ReviewRow]):
    ids_loaded = Signal(int)  # number of visits in the queue
    reread_rows_on_new_ids = True

    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__([], parent)
        self.store = store
        self.filter = ReviewFilter()
        self._village_names: dict[str, str] = {}
        self.now = datetime.now(UTC)
        self.headers = [
            self.tr("Keluarga"),
            self.tr("Desa"),
            self.tr("Petugas"),
            self.tr("Umur"),
            self.tr("Hasil aturan"),
            self.tr("Tanda"),
        ]
        self.ids_replaced.connect(self.ids_loaded)

    # ---- loading --------------------------------------------------------------------------------

    def set_filter(self, review_filter: ReviewFilter | None = None) -> None:
        """Read the ids matching the filter (or the current one again) on a worker thread."""
        if review_filter is not None:
            self.filter = review_filter
        store, chosen = self.store, self.filter
        self.now = datetime.now(UTC)
        self.load_ids(lambda: review_ids(store, chosen))

    def set_village_names(self, names: dict[str, str]) -> None:
        """Village codes → names, for the Desa column (read with the filter options)."""
        self._village_names = dict(names)
        if self._shown:
            self.dataChanged.emit(self.index(0, 1), self.index(self._shown - 1, 1))

    def visit_id(self, row: int) -> str | None:
        return self.id_at(row)

    def row_of(self, visit_id: str) -> int:
        try:
            row = self._ids.index(visit_id)
        except ValueError:
            return -1
        return row if row < self._shown else -1

    def review_row(self, row: int) -> ReviewRow | None:
        return self.cached_row(row)

    # ---- rows ---------------------------------------------------------------------------------

    def read_rows(self, ids: list[str]) -> list[ReviewRow]:
        return list(review_rows(self.store, ids))

    def row_key(self, row: ReviewRow) -> str:
        return row.visit_id

    def row_data(self, row: ReviewRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == 4 and row.colour:
            colour = VERDICT_COLOURS.get(row.colour)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole and column == 5 and row.mismatch:
            return QBrush(QColor("#b71c1c"))
        if role == Qt.ItemDataRole.FontRole and column == 5 and row.mismatch:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        return None

    def _display(self, row: ReviewRow, column: int) -> str:
        if column == 0:
            mark = self.tr("koreksi · ") if row.is_correction else ""
            return f"{mark}{row.head_name}"
        if column == 1:
            return self._village_names.get(row.village_code, row.village_code)
        if column == 2:
            return row.officer
        if column == 3:
            age = row.age_days(self.now)
            return "-" if age is None else self.tr("{n} hr").format(n=age)
        if column == 4:
            return row.overall_label or row.overall.replace("_", " ")
        if column == 5:
            marks = []
            if row.mismatch:
                marks.append(self.tr("⚠ beda server"))
            if row.flags:
                marks.append(f"⚑{len(row.flags)}")
            return " ".join(marks)
        return ""

    def _tooltip(self, row: ReviewRow) -> str:
        lines = [f"{row.head_name} · KK {row.kk_number}"]
        if row.finished_at:
            lines.append(self.tr("Dikirim {when}").format(when=row.finished_at.strftime("%d-%m-%Y %H:%M")))
        if row.flags:
            lines.append(self.tr("Tanda data: {flags}").format(flags=", ".join(row.flags)))
        if row.mismatch:
            lines.append(self.tr("Pemeriksaan ulang di server memberi hasil lain."))
        return "\n".join(lines)
