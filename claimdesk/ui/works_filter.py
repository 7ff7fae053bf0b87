"""Type-to-filter, sorting and lazily shown rows for the works tree.

Filtering matches title, identifiers, source, journal and year of every version of a group
against a lowercase text precomputed per group (see ``works_table``), so a keystroke costs one
list comprehension of substring tests plus Qt's remapping. A group matches when any of its versions
does, and then shows all its versions: that is the recursive filter, computed once per group
instead of once per child row. Sorting is delegated to the source model, which sorts groups with
precomputed keys (far cheaper than one Python ``lessThan`` call per comparison).

The tree sees the matching groups a batch at a time (``canFetchMore``/``fetchMore``, as Qt's
views expect of large models): QTreeView lays out every row it is given, asking Python two or
three questions per row, which for 6,667 groups was ~60 ms of the GUI thread on every reset and
on a keystroke that brings all groups back. A batch is more than a screenful; the tree asks for
the next one when its last row comes into view.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from claimdesk.ui.works_model import DATA_ROLES as _ROLES
from claimdesk.ui.works_model import WorksModel

_NO_PARENT = QModelIndex()
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
#: Groups the tree is shown at first, and added each time it scrolls to the last of them.
BATCH = 100
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_LEAF_FLAGS = _ROW_FLAGS | Qt.ItemFlag.ItemNeverHasChildren


class WorksFilter(QSortFilterProxyModel):
    """Filters groups by a search text; keeps every version of a matching group."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._text = ""
        self._words: tuple[str, ...] = ()
        self._accepted: list[bool] = []
        self._accepted_for: tuple[int, tuple[str, ...]] | None = None
        self._accepted_version = -1
        self._model: WorksModel = None  # type: ignore[assignment]  # set by setSourceModel
        self._source_rows: list[int] = []
        self._shown: int | None = None  # groups revealed to the view (see fetchMore)
        self._top_id: int | None = None  # internalId() shared by all group rows
        self._group_flags: list[Qt.ItemFlag] | None = None  # per group row, in view order
        self.setRecursiveFilteringEnabled(False)  # done per group, see module docstring
        self.setDynamicSortFilter(False)
        # Connected before any view connects: these run before the view re-lays itself out.
        self.modelAboutToBeReset.connect(self._start_over)
        self.layoutAboutToBeChanged.connect(self._start_over)
        self.layoutChanged.connect(self._keep_persistent_rows)

    def setSourceModel(self, model) -> None:  # type: ignore[override]
        """Filter ``model`` (a :class:`WorksModel`)."""
        self._model = model
        super().setSourceModel(model)

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
        before = self._shown_rows(model)
        if words:
            self._remember(model, words, model.rows_matching(words))
        self._text, self._words = text, words
        if self._shown_rows(model) != before:
            # One re-layout of the first batch, whatever the number of rows that come or go.
            self.invalidate()

    # -- rows revealed a batch at a time --------------------------------------------------

    def _start_over(self) -> None:
        self._shown = None
        self._top_id = None
        self._group_flags = None

    def _keep_persistent_rows(self) -> None:
        # Rows the view holds on to (expanded, selected, current) stay revealed: revealing rows
        # later inserts them, which would move persistent indexes below the insertion point.
        rows = [p.row() for p in self.persistentIndexList() if not p.parent().isValid()]
        needed = max(rows, default=-1) + 1
        self._shown = needed if needed > BATCH else None

    def _revealed(self) -> int:
        total = super().rowCount()
        if self._shown is None:
            self._shown = min(BATCH, total)
        return min(self._shown, total)

    def rowCount(self, parent=_NO_PARENT) -> int:
        if parent.isValid():
            return super().rowCount(parent)
        return self._revealed()

    def shown_count(self) -> int:
        """Groups that match the filter (the view may not have been given all of them yet)."""
        return super().rowCount()

    def canFetchMore(self, parent=_NO_PARENT) -> bool:
        if parent.isValid():
            return False
        if self._shown is None:  # see fetchMore
            return super().rowCount() > 0
        return self._revealed() < super().rowCount()

    def fetchMore(self, parent=_NO_PARENT) -> None:
        """Reveal more groups (the tree asks when its last row comes into view)."""
        if parent.isValid():
            return
        if self._shown is None:
            # Nobody has been told a row count since the last reset or layout change: QTreeView
            # asks this before it first counts the rows. Answering with the first batch then,
            # rather than announcing rows, spares it a second layout of them.
            self._shown = min(BATCH, super().rowCount())
            return
        # Each batch re-lays out every row shown so far: doubling keeps those few.
        self.reveal(2 * self._revealed())

    def reveal(self, count: int) -> None:
        """Make sure the first ``count`` matching groups (or all) are rows of the view."""
        shown = self._revealed()
        count = min(count, super().rowCount())
        if count > shown:
            self.beginInsertRows(_NO_PARENT, shown, count - 1)
            self._shown = count
            self.endInsertRows()

    def map_from_source(self, index: QModelIndex) -> QModelIndex:
        """``mapFromSource``, revealing the group's row first if the view has not got it yet."""
        group = index.parent() if index.parent().isValid() else index
        mapped = self.mapFromSource(group)
        if mapped.isValid():
            self.reveal(mapped.row() + 1)
        return self.mapFromSource(index)

    # -- filtering ------------------------------------------------------------------------

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        # Called for every group whenever the filter changes: kept to attribute lookups.
        if not self._words or source_parent.isValid():
            return True
        if self._accepted_version != self._model.layout_version:
            return self._matching(self._model)[source_row]
        return self._accepted[source_row]

    def _shown_rows(self, model: WorksModel) -> list[bool] | None:
        """Which groups the filter lets through; None for all of them."""
        if not self._words:
            return None
        accepted = self._matching(model)
        return None if all(accepted) else accepted

    def _matching(self, model: WorksModel) -> list[bool]:
        if (model.layout_version, self._words) != self._accepted_for:
            # One pass over the search texts per change, not one Python call chain per row.
            self._remember(model, self._words, model.rows_matching(self._words))
        return self._accepted

    def _remember(self, model: WorksModel, words: tuple[str, ...], accepted: list[bool]) -> None:
        self._accepted = accepted
        self._accepted_for = (model.layout_version, words)
        self._accepted_version = model.layout_version
        # The proxy keeps the source order, so its n-th row is the n-th accepted source row.
        self._source_rows = [row for row, ok in enumerate(accepted) if ok]

    def _is_group(self, index: QModelIndex) -> bool:
        # Qt's proxy stores in each index a pointer to its parent's mapping, the same for every
        # group row; comparing with it spares a parent() round trip through Qt for each row.
        top = self._top_id
        if top is None and super().rowCount():
            top = self._top_id = self.index(0, 0).internalId()
        return index.internalId() == top or not index.parent().isValid()

    def _source_row(self, index: QModelIndex) -> int:
        # Without mapToSource(), which calls back into the source model for every row.
        if not self._words:
            return index.row()  # every group shown and the proxy never sorts (see sort())
        if self._accepted_version != self._model.layout_version:
            self._matching(self._model)
        return self._source_rows[index.row()]

    def hasChildren(self, parent=_NO_PARENT) -> bool:
        """Whether a group row has version rows, answered without mapping its children.

        Qt's own answer maps each group's children (thousands of mappings and Python calls for
        a 10,000-work record). A matching group keeps all its versions, so a group has children
        here exactly when it has in the model.
        """
        if not parent.isValid():
            return super().rowCount() > 0  # without fixing how many rows are revealed
        if parent.column() != 0 or not self._is_group(parent):
            return False
        model: WorksModel = self.sourceModel()  # type: ignore[assignment]
        return model.group_size(self._source_row(parent)) > 1

    def flags(self, index) -> Qt.ItemFlag:
        """Rows are enabled and selectable; single-version groups never have children.

        Saying so up front spares the tree's layout a hasChildren() call for each of them.
        """
        if index.internalId() == self._top_id and self._group_flags is not None:
            return self._group_flags[index.row()]  # the fast path: the tree's layout
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if not self._is_group(index):
            return _ROW_FLAGS
        if self._group_flags is None:
            model: WorksModel = self.sourceModel()  # type: ignore[assignment]
            several = model.several_versions()
            rows = self._source_rows if self._words else range(len(several))
            self._group_flags = [_ROW_FLAGS if several[r] else _LEAF_FLAGS for r in rows]
        return self._group_flags[index.row()]

    def data(self, index, role=_DISPLAY):
        """The source model's data, without mapping group rows to it.

        Qt's proxy maps the index to the source (a call into the Python model) for every role
        of every painted cell, including the many roles nobody answers.
        """
        if role not in _ROLES or not index.isValid():
            return None
        if not self._is_group(index):
            return super().data(index, role)
        model: WorksModel = self.sourceModel()  # type: ignore[assignment]
        return model.cell(self._source_row(index), -1, index.column(), role)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` in the source model (the proxy keeps the source order)."""
        self.sourceModel().sort(column, order)

    def visible_group_rows(self) -> list[int]:
        """Table rows of all groups that match the filter, in view order."""
        model: WorksModel = self.sourceModel()  # type: ignore[assignment]
        return [
            model.group_row(self.mapToSource(self.index(r, 0))) for r in range(self.shown_count())
        ]
