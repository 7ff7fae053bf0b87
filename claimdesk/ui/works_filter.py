"""Type-to-filter and sorting for the works tree.

Filtering matches title, identifiers, source, journal and year of every version of a group
against a lowercase text precomputed per group (see ``works_table``), so a keystroke costs one
list comprehension of substring tests plus Qt's remapping. A group matches when any of its versions
does, and then shows all its versions: that is the recursive filter, computed once per group
instead of once per child row. Sorting is delegated to the source model, which sorts groups with
precomputed keys (far cheaper than one Python ``lessThan`` call per comparison).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt

from claimdesk.ui.works_model import WorksModel


class WorksFilter(QSortFilterProxyModel):
    """Filters groups by a search text; keeps every version of a matching group."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._text = ""
        self._words: tuple[str, ...] = ()
        self._accepted: list[bool] = []
        self._accepted_for: tuple[int, tuple[str, ...]] | None = None
        self.setRecursiveFilteringEnabled(False)  # done per group, see module docstring
        self.setDynamicSortFilter(False)

    @property
    def text(self) -> str:
        """The current filter text."""
        return self._text

    def set_text(self, text: str) -> None:
        """Show only groups whose title, identifiers, source, journal or year contain ``text``."""
        text = text.strip()
        if text == self._text:
            return
        if not hasattr(self, "endFilterChange"):  # Qt < 6.10
            self._text, self._words = text, tuple(text.lower().split())
            self.invalidateRowsFilter()
            return
        self.beginFilterChange()
        self._text = text
        self._words = tuple(text.lower().split())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        if not self._words or source_parent.isValid():
            return True
        model: WorksModel = self.sourceModel()  # type: ignore[assignment]
        key = (model.layout_version, self._words)
        if key != self._accepted_for:
            # One pass over the search texts per change, not one Python call chain per row.
            self._accepted = model.rows_matching(self._words)
            self._accepted_for = key
        return self._accepted[source_row]

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` in the source model (the proxy keeps the source order)."""
        self.sourceModel().sort(column, order)

    def visible_group_rows(self) -> list[int]:
        """Table rows of the groups shown, in view order."""
        model: WorksModel = self.sourceModel()  # type: ignore[assignment]
        return [model.group_row(self.mapToSource(self.index(r, 0))) for r in range(self.rowCount())]
