"""The household list as a thin, lazy adapter over the store (Anki's browser table pattern).

A search keeps only ids. The view sees them in batches (`canFetchMore`/`fetchMore`), and row contents
are read from the store in blocks on a worker thread the first time they are painted; until then a
row shows a placeholder. Nothing copies the whole table into Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from app.store.store import HouseholdRow, Store
from app.ui.worker import run_in_background

BATCH = 200
BLOCK = 100

Index = QModelIndex | QPersistentModelIndex

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


class HouseholdListModel(QAbstractTableModel):
    search_finished = Signal(int)  # number of matches
    rows_loaded = Signal()

    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self._ids: list[str] = []
        self._shown = 0
        self._cache: dict[str, HouseholdRow] = {}
        self._loading: set[int] = set()  # block numbers being read
        self._generation = 0  # discards answers to an older search
        self.headers = [
            self.tr("Kepala keluarga"),
            self.tr("No. KK"),
            self.tr("Alamat"),
            self.tr("Desil"),
            self.tr("Program"),
            self.tr("Anggota"),
            self.tr("Kunjungan"),
        ]

    # ---- search ---------------------------------------------------------------------------------

    def search(self, query: str) -> None:
        """Replace the id list with the matches for `query`, read on a worker thread."""
        self._generation += 1
        generation = self._generation
        store = self.store
        run_in_background(
            lambda _job: store.household_ids(query),
            on_success=lambda ids: self._set_ids(ids, generation),
            owner=self,
        )

    def set_ids(self, ids: Sequence[str]) -> None:
        self._generation += 1
        self._set_ids(list(ids), self._generation)

    def _set_ids(self, ids: list[str], generation: int) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._ids = ids
        self._shown = min(BATCH, len(ids))
        self._loading.clear()
        self.endResetModel()
        self.search_finished.emit(len(ids))

    def refresh_rows(self, household_ids: Sequence[str] | None = None) -> None:
        """Forget cached rows (all, or these) so they are read again when painted."""
        if household_ids is None:
            self._cache.clear()
        else:
            for hid in household_ids:
                self._cache.pop(hid, None)
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(self._shown - 1, len(self.headers) - 1))

    def household_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < self._shown else None

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
        hid = self._ids[index.row()]
        row = self._cache.get(hid)
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole:
                self._request_block(index.row() // BLOCK)
                return "…" if index.column() == 0 else ""
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 6 and row.visit_outcome:
            colour = VERDICT_COLOURS.get(row.visit_colour or "") or OUTCOME_COLOURS.get(row.visit_outcome)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 6:
            background = STATE_BACKGROUNDS.get(row.visit_state or "")
            return QBrush(QColor(background)) if background else None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 6 and row.visit_flags:
            return self.tr("Tanda data: {flags}").format(flags=", ".join(row.visit_flags))
        if role == Qt.ItemDataRole.UserRole:
            return row
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

    def _request_block(self, block: int) -> None:
        if block in self._loading:
            return
        self._loading.add(block)
        ids = self._ids[block * BLOCK : (block + 1) * BLOCK]
        generation = self._generation
        store = self.store
        run_in_background(
            lambda _job: store.household_rows(ids),
            on_success=self._block_loaded(block, generation),
            owner=self,
        )

    def _block_loaded(self, block: int, generation: int) -> Callable[[list[HouseholdRow]], None]:
        def apply(rows: list[HouseholdRow]) -> None:
            self._loading.discard(block)
            if generation != self._generation:
                return
            for r in rows:
                self._cache[r.id] = r
            first = block * BLOCK
            last = min(self._shown, first + BLOCK) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.headers) - 1))
            self.rows_loaded.emit()

        return apply
