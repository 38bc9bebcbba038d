"""A table model that holds only ids and reads rows lazily (Anki's browser table pattern).

A new id list replaces the old one (answers to an older request are dropped by a generation
counter). The view sees ids in batches (`canFetchMore`/`fetchMore`), and a row's contents are read
in blocks on a worker thread the first time it is painted; until then it shows a placeholder.
Subclasses say how to read rows (`read_rows`, on the worker) and how a row looks (`row_data`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.ui.worker import run_in_background

BATCH = 200
BLOCK = 100

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")


class LazyIdTableModel(QAbstractTableModel, Generic[R]):
    ids_replaced = Signal(int)  # how many ids the new list has
    rows_loaded = Signal()
    # True where rows change under the same ids (review decisions): a new id list reads them again.
    reread_rows_on_new_ids = False

    def __init__(self, headers: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = headers
        self._ids: list[str] = []
        self._shown = 0
        self._cache: dict[str, R] = {}
        self._loading: set[int] = set()  # block numbers being read
        self._generation = 0

    # ---- what subclasses provide ------------------------------------------------------------------

    def read_rows(self, ids: list[str]) -> list[R]:
        """Runs on a worker thread."""
        raise NotImplementedError

    def row_key(self, row: R) -> str:
        raise NotImplementedError

    def row_data(self, row: R, column: int, role: int) -> Any:
        raise NotImplementedError

    # ---- ids ----------------------------------------------------------------------------------------

    def load_ids(self, read_ids: Callable[[], list[str]]) -> None:
        """Replace the id list with what `read_ids` returns, read on a worker thread."""
        self._generation += 1
        generation = self._generation
        run_in_background(
            lambda _job: read_ids(), on_success=lambda ids: self._set_ids(ids, generation), owner=self
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
        if self.reread_rows_on_new_ids:
            self._cache.clear()
        self.endResetModel()
        self.ids_replaced.emit(len(ids))

    def forget_rows(self, ids: Sequence[str] | None = None) -> None:
        """Drop cached rows (all, or these) so they are read again when painted."""
        if ids is None:
            self._cache.clear()
        else:
            for row_id in ids:
                self._cache.pop(row_id, None)
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(self._shown - 1, len(self.headers) - 1))

    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < self._shown else None

    def cached_row(self, row: int) -> R | None:
        row_id = self.id_at(row)
        return self._cache.get(row_id) if row_id else None

    @property
    def total(self) -> int:
        return len(self._ids)

    @property
    def cached_count(self) -> int:
        return len(self._cache)

    # ---- Qt model API -------------------------------------------------------------------------------

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
        if role == Qt.ItemDataRole.UserRole:
            return row
        return self.row_data(row, index.column(), role)

    def _request_block(self, block: int) -> None:
        if block in self._loading:
            return
        self._loading.add(block)
        ids = self._ids[block * BLOCK : (block + 1) * BLOCK]
        run_in_background(
            lambda _job: self.read_rows(ids),
            on_success=self._block_loaded(block, self._generation),
            owner=self,
        )

    def _block_loaded(self, block: int, generation: int) -> Callable[[list[R]], None]:
        def apply(rows: list[R]) -> None:
            self._loading.discard(block)
            if generation != self._generation:
                return
            for r in rows:
                self._cache[self.row_key(r)] = r
            first = block * BLOCK
            last = min(self._shown, first + BLOCK) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.headers) - 1))
            self.rows_loaded.emit()

        return apply
