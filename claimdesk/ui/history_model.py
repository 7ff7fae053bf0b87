"""The History table: journal entries as rows (:class:`HistoryModel`) and the filter over them.

Split from ``history_view`` so the view module holds only the widgets and the retry runs.
"""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from claimdesk.claims.journal import JournalEntry, JournalState
from claimdesk.ui.message_bar import LEVEL_COLORS
from claimdesk.ui.row_filter import RowFilter
from claimdesk.ui.table_model import ColumnTableModel

ModelIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    """The History table's columns."""

    WHEN = 0
    ORCID = 1
    DOI = 2
    TITLE = 3
    STATE = 4
    PUT_CODE = 5
    ERROR = 6


HEADERS = {
    Column.WHEN: QT_TRANSLATE_NOOP("HistoryModel", "When"),
    Column.ORCID: QT_TRANSLATE_NOOP("HistoryModel", "ORCID iD"),
    Column.DOI: QT_TRANSLATE_NOOP("HistoryModel", "DOI"),
    Column.TITLE: QT_TRANSLATE_NOOP("HistoryModel", "Title"),
    Column.STATE: QT_TRANSLATE_NOOP("HistoryModel", "State"),
    Column.PUT_CODE: QT_TRANSLATE_NOOP("HistoryModel", "Put-code"),
    Column.ERROR: QT_TRANSLATE_NOOP("HistoryModel", "Error / note"),
}
WIDTHS = {
    Column.WHEN: 130,
    Column.ORCID: 150,
    Column.DOI: 210,
    Column.TITLE: 320,
    Column.STATE: 120,
    Column.PUT_CODE: 80,
}
STATE_COLORS = {
    JournalState.DONE: LEVEL_COLORS["success"],
    JournalState.FAILED: LEVEL_COLORS["error"],
    JournalState.PENDING: LEVEL_COLORS["warning"],
    JournalState.UNSENT: LEVEL_COLORS["info"],
    JournalState.LOOKUP_FAILED: LEVEL_COLORS["warning"],
    JournalState.REMOVED: LEVEL_COLORS["warning"],
}


ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
STATE_ROLE = Qt.ItemDataRole.UserRole + 3


def local_time(iso: str) -> str:
    """'2026-11-21T00:15:07.123Z' → '2026-11-21 01:15' in local time ('' if unreadable)."""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class HistoryModel(ColumnTableModel):
    """Journal entries, newest first as the journal gives them."""

    headers = HEADERS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[JournalEntry] = []

    def set_entries(self, entries: list[JournalEntry]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def item_count(self) -> int:
        return len(self.entries)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == SORT_ROLE:
            if column is Column.WHEN:
                return entry.updated
            if column is Column.PUT_CODE:
                return entry.put_code if entry.put_code is not None else -1
            return (self._text(entry, column) or "").lower()
        if role == ENTRY_ROLE:
            return entry
        if role == STATE_ROLE:
            return entry.state
        if role == Qt.ItemDataRole.ForegroundRole and column is Column.STATE:
            color = STATE_COLORS.get(entry.state)
            return QColor(color) if color else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.PUT_CODE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, entry: JournalEntry, column: Column) -> str:
        if column is Column.WHEN:
            return local_time(entry.updated)
        if column is Column.ORCID:
            return entry.orcid
        if column is Column.DOI:
            return entry.doi
        if column is Column.TITLE:
            return entry.title
        if column is Column.STATE:
            return self.tr(entry.state.label)
        if column is Column.PUT_CODE:
            return str(entry.put_code) if entry.put_code is not None else ""
        if entry.state in (JournalState.FAILED, JournalState.LOOKUP_FAILED):
            return entry.error or self.tr("ORCID refused it (no reason given)")
        return entry.note or ""

    def _tooltip(self, entry: JournalEntry, column: Column) -> str | None:
        if column is Column.ERROR and (entry.error or entry.note):
            return entry.error or entry.note
        if column is Column.STATE:
            tries = self.tr("sent %d times") % entry.attempts if entry.attempts != 1 else ""
            where = self.tr("environment: %s") % entry.env
            return "; ".join(filter(None, [where, tries]))
        if column is Column.WHEN:
            return self.tr("First written %s, last changed %s") % (
                local_time(entry.created),
                local_time(entry.updated),
            )
        if column is Column.TITLE:
            return entry.title
        return None


class HistoryFilter(RowFilter):
    """Rows of one state (or all) whose DOI, title or ORCID iD contain the filter text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state: JournalState | None = None
        self.text = ""
        self.setSortRole(SORT_ROLE)

    def set_state(self, state: JournalState | None) -> None:
        """Show only ``state`` (None: every state)."""
        self.change_filter(lambda: setattr(self, "state", state))

    def set_text(self, text: str) -> None:
        """Show only rows containing ``text`` (case-insensitive)."""
        self.change_filter(lambda: setattr(self, "text", text.strip().lower()))

    def filterAcceptsRow(self, row: int, parent: ModelIndex) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, HistoryModel)
        entry = model.entries[row]
        if self.state is not None and entry.state is not self.state:
            return False
        if self.text:
            hay = f"{entry.doi}\n{entry.title}\n{entry.orcid}\n{entry.error or ''}".lower()
            return self.text in hay
        return True
