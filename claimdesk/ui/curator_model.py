"""The Curator view's table: one row per (DOI, ORCID iD) pair of a round-trip report.

:class:`CuratorModel` is a flat ``QAbstractTableModel`` over the report's
:class:`~claimdesk.curator.report.RoundTripRow` rows; :class:`CuratorFilter` sorts on
:data:`Role.SORT` and shows one category ("missing on ORCID", "on ORCID but not in metadata", …)
or all of them, narrowed by a text filter.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from claimdesk.curator.report import (
    IN_BOTH,
    MISSING,
    NOT_CHECKED,
    NOT_IN_METADATA,
    UNREADABLE,
    RoundTripRow,
)
from claimdesk.ui.row_filter import RowFilter
from claimdesk.ui.table_model import ColumnTableModel

_INDEX = QModelIndex | QPersistentModelIndex

CATEGORY_COLORS = {
    IN_BOTH: QColor("#2e9d4f"),
    MISSING: QColor("#d0312d"),
    NOT_IN_METADATA: QColor("#2f6fde"),
    UNREADABLE: QColor("#d08a00"),
    NOT_CHECKED: QColor("#8a8f98"),
}


class Column(enum.IntEnum):
    """The table's columns, in model order."""

    DOI = 0
    TITLE = 1
    ORCID = 2
    CATEGORY = 3
    SOURCES = 4
    VERSION = 5
    AUTHENTICATED = 6


HEADERS = {
    Column.DOI: QT_TRANSLATE_NOOP("CuratorModel", "DOI"),
    Column.TITLE: QT_TRANSLATE_NOOP("CuratorModel", "Title"),
    Column.ORCID: QT_TRANSLATE_NOOP("CuratorModel", "ORCID iD"),
    Column.CATEGORY: QT_TRANSLATE_NOOP("CuratorModel", "Round trip"),
    Column.SOURCES: QT_TRANSLATE_NOOP("CuratorModel", "On the record from"),
    Column.VERSION: QT_TRANSLATE_NOOP("CuratorModel", "Version/part"),
    Column.AUTHENTICATED: QT_TRANSLATE_NOOP("CuratorModel", "Authenticated"),
}


class Role(enum.IntEnum):
    """Custom data roles."""

    ROW = Qt.ItemDataRole.UserRole + 1  # RoundTripRow
    CATEGORY = Qt.ItemDataRole.UserRole + 2  # str, one of claimdesk.curator.report.CATEGORIES
    SORT = Qt.ItemDataRole.UserRole + 3


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


class CuratorModel(ColumnTableModel):
    """The rows of a round-trip report."""

    headers = HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[RoundTripRow] = []

    def set_rows(self, rows: Iterable[RoundTripRow]) -> None:
        """Show these rows (a new or resumed report)."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def item_count(self) -> int:
        return len(self.rows)

    def data(self, index: _INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Role.SORT:
            return self._display(row, column).casefold()
        if role == Role.ROW:
            return row
        if role == Role.CATEGORY:
            return row.category
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.CATEGORY:
            return QBrush(CATEGORY_COLORS.get(row.category, CATEGORY_COLORS[NOT_CHECKED]))
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.DOI:
                return f"https://doi.org/{row.doi}"
            if column == Column.ORCID:
                return f"https://orcid.org/{row.orcid}"
            if column == Column.TITLE:
                return row.title or ""
            if column == Column.AUTHENTICATED:
                return self.tr(
                    "Crossref authenticated-orcid: the publisher got the iD "
                    "through an ORCID sign-in"
                )
        return None

    @staticmethod
    def _display(row: RoundTripRow, column: Column) -> str:
        if column == Column.DOI:
            return row.doi
        if column == Column.TITLE:
            return row.title or ""
        if column == Column.ORCID:
            return row.orcid
        if column == Column.CATEGORY:
            return row.category
        if column == Column.SOURCES:
            return ", ".join(row.sources)
        if column == Column.VERSION:
            return "yes" if row.is_version else ""
        return _yes_no(row.authenticated)


class CuratorFilter(RowFilter):
    """Shows one category (or all) and rows matching a text (DOI, iD, title, source)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(Role.SORT)
        self.category: str | None = None
        self.text = ""

    def set_category(self, category: str | None) -> None:
        """Show only rows of ``category``; None shows every row."""
        self.change_filter(lambda: setattr(self, "category", category))

    def set_text(self, text: str) -> None:
        """Show rows whose DOI, iD, title or sources contain ``text``."""
        self.change_filter(lambda: setattr(self, "text", text.strip().casefold()))

    def visible_rows(self) -> list[RoundTripRow]:
        """The rows shown, in view order."""
        return [self.index(r, 0).data(Role.ROW) for r in range(self.rowCount())]

    def filterAcceptsRow(self, row: int, parent: _INDEX) -> bool:  # noqa: N802
        item: RoundTripRow = self.sourceModel().index(row, 0, parent).data(Role.ROW)
        if self.category is not None and item.category != self.category:
            return False
        if self.text:
            haystack = " ".join((item.doi, item.orcid, item.title or "", *item.sources))
            return self.text in haystack.casefold()
        return True
