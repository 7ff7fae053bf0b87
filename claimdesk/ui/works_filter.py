"""Type-to-filter and sorting for the works tree.

Filtering matches title, identifiers, source, journal and year of every version of a group
against a lowercase text precomputed per group (see ``works_table``), so a keystroke costs one
list comprehension of substring tests plus Qt's remapping. A group matches when any of its versions
does, and then shows all its versions: that is the recursive filter, computed once per group
instead of once per child row. Sorting is delegated to the source model, which sorts groups with
precomputed keys (far cheaper than one Python ``lessThan`` call per comparison).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from claimdesk.ui.works_model import WorksModel

_NO_PARENT = QModelIndex()
#: Above this many rows appearing or disappearing, a keystroke re-lays the tree out in one go.
INCREMENTAL_LIMIT = 200
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


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
        model: WorksModel = self.sourceModel()  # type: ignore[assignment]
        words = tuple(text.lower().split())
        before = self.rowCount()
        if words:
            self._remember(model, words, model.rows_matching(words))
            after = sum(self._accepted)
        else:
            after = model.rowCount()
        if abs(after - before) > INCREMENTAL_LIMIT:
            # Thousands of rows come or go: Qt would announce each run of them separately and
            # the tree would redo its layout for each; one re-layout of everything is cheaper.
            self._text, self._words = text, words
            self.invalidate()
        elif hasattr(self, "endFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            self._text, self._words = text, words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._text, self._words = text, words
            self.invalidateRowsFilter()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._words or source_parent.isValid():
            return True
        model: WorksModel = self.sourceModel()  # type: ignore[assignment]
        return self._matching(model)[source_row]

    def _matching(self, model: WorksModel) -> list[bool]:
        if (model.layout_version, self._words) != self._accepted_for:
            # One pass over the search texts per change, not one Python call chain per row.
            self._remember(model, self._words, model.rows_matching(self._words))
        return self._accepted

    def _remember(self, model: WorksModel, words: tuple[str, ...], accepted: list[bool]) -> None:
        self._accepted = accepted
        self._accepted_for = (model.layout_version, words)

    def hasChildren(self, parent=_NO_PARENT) -> bool:
        """Whether a group row has version rows, answered without mapping its children.

        QTreeView asks this for every row it lays out; Qt's own answer maps each group's children
        (thousands of mappings and Python calls for a 10,000-work record). A matching group keeps
        all its versions, so a group has children here exactly when it has in the model.
        """
        if not parent.isValid():
            return self.rowCount() > 0
        if parent.column() != 0 or parent.parent().isValid():
            return False
        model: WorksModel = self.sourceModel()  # type: ignore[assignment]
        if self.rowCount() == model.rowCount():
            # Every group shown and the proxy never sorts (see sort()): rows are source rows.
            return model.group_size(parent.row()) > 1
        return model.group_size(self.mapToSource(parent).row()) > 1

    def flags(self, index) -> Qt.ItemFlag:
        """Every row is enabled and selectable (saves mapping each row to the source for it)."""
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` in the source model (the proxy keeps the source order)."""
        self.sourceModel().sort(column, order)

    def visible_group_rows(self) -> list[int]:
        """Table rows of the groups shown, in view order."""
        model: WorksModel = self.sourceModel()  # type: ignore[assignment]
        return [model.group_row(self.mapToSource(self.index(r, 0))) for r in range(self.rowCount())]
