"""A sort/filter proxy whose filter settings change in one step that works on every Qt 6."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel


class RowFilter(QSortFilterProxyModel):
    """Base of the views' filters: :meth:`change_filter` applies a new setting and re-filters."""

    def change_filter(self, apply: Callable[[], None]) -> None:
        """Run ``apply`` (it changes what ``filterAcceptsRow`` accepts), then filter again."""
        if not hasattr(self, "endFilterChange"):  # Qt < 6.10
            apply()
            self.invalidateRowsFilter()
            return
        self.beginFilterChange()
        apply()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
