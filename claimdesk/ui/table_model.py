"""The flat table models of the Search, History and Curator views share their shape."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

_INDEX = QModelIndex | QPersistentModelIndex


class ColumnTableModel(QAbstractTableModel):
    """One row per item; the columns are a subclass's ``IntEnum`` with their header texts."""

    #: header text of each column, keyed by the subclass's column enum (in column order)
    headers: ClassVar[Mapping[int, str]] = {}

    def item_count(self) -> int:
        """How many rows the model has (subclasses: the length of their list of items)."""
        return 0

    def rowCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.item_count()

    def columnCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.headers[section])
        return None
