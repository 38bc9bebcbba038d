"""The review queue as a lazy Qt model over the store (the household list's pattern).

A filter change reads only the matching visit ids on a worker thread; the view sees them in batches
(`canFetchMore`/`fetchMore`) and rows are read in blocks on a worker the first time they are painted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from app.store.review import ReviewFilter, ReviewRow, review_ids, review_rows
from app.store.store import Store
from app.ui.household_model import VERDICT_COLOURS
from app.ui.worker import run_in_background

BATCH = 200
BLOCK = 100

Index = QModelIndex | QPersistentModelIndex


class ReviewQueueModel(QAbstractTableModel):
    ids_loaded = Signal(int)  # number of visits in the queue
    rows_loaded = Signal()

    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.filter = ReviewFilter()
        self._ids: list[str] = []
        self._shown = 0
        self._cache: dict[str, ReviewRow] = {}
        self._loading: set[int] = set()
        self._generation = 0
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

    # ---- loading --------------------------------------------------------------------------------

    def set_filter(self, review_filter: ReviewFilter | None = None) -> None:
        """Read the ids matching the filter (or the current one again) on a worker thread."""
        if review_filter is not None:
            self.filter = review_filter
        self._generation += 1
        generation, store, chosen = self._generation, self.store, self.filter
        self.now = datetime.now(UTC)
        run_in_background(
            lambda _job: review_ids(store, chosen),
            on_success=lambda ids: self._set_ids(ids, generation),
            owner=self,
        )

    def set_village_names(self, names: dict[str, str]) -> None:
        """Village codes → names, for the Desa column (read with the filter options)."""
        self._village_names = dict(names)
        if self._shown:
            self.dataChanged.emit(self.index(0, 1), self.index(self._shown - 1, 1))

    def _set_ids(self, ids: list[str], generation: int) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._ids = ids
        self._shown = min(BATCH, len(ids))
        self._loading.clear()
        self._cache.clear()
        self.endResetModel()
        self.ids_loaded.emit(len(ids))

    def visit_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < self._shown else None

    def row_of(self, visit_id: str) -> int:
        try:
            row = self._ids.index(visit_id)
        except ValueError:
            return -1
        return row if row < self._shown else -1

    def review_row(self, row: int) -> ReviewRow | None:
        vid = self.visit_id(row)
        return self._cache.get(vid) if vid else None

    @property
    def total(self) -> int:
        return len(self._ids)

    @property
    def cached_count(self) -> int:
        return len(self._cache)

    # ---- Qt model API ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._shown < len(self._ids)

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        more = min(BATCH, len(self._ids) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._shown:
            return None
        row = self._cache.get(self._ids[index.row()])
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole:
                self._request_block(index.row() // BLOCK)
                return "…" if index.column() == 0 else ""
            return None
        column = index.column()
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
        if role == Qt.ItemDataRole.UserRole:
            return row
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

    def _request_block(self, block: int) -> None:
        if block in self._loading:
            return
        self._loading.add(block)
        ids = self._ids[block * BLOCK : (block + 1) * BLOCK]
        generation, store = self._generation, self.store
        run_in_background(
            lambda _job: review_rows(store, ids),
            on_success=self._block_loaded(block, generation),
            owner=self,
        )

    def _block_loaded(self, block: int, generation: int) -> Callable[[Sequence[ReviewRow]], None]:
        def apply(rows: Sequence[ReviewRow]) -> None:
            self._loading.discard(block)
            if generation != self._generation:
                return
            for r in rows:
                self._cache[r.visit_id] = r
            first = block * BLOCK
            last = min(self._shown, first + BLOCK) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.headers) - 1))
            self.rows_loaded.emit()

        return apply
