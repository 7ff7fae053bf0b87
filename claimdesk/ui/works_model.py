"""The works tree model: one row per group, one child row per version of the work.

Group rows show the preferred version; child rows show each version with who added it, its
display index and a mark on the preferred one. A group with a single version has no child rows:
its row is that version (as on orcid.org), which also spares Qt thousands of empty expansions. The model reads a prepared
:class:`~claimdesk.workflows.works_table.WorksTable`, so a reset for 10,000 works is a pointer swap.
Sorting reorders groups with precomputed keys here, in Python's sort, instead of thousands of
``lessThan`` calls in the proxy.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractItemModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QFont, QIcon

from claimdesk.orcid.model import source_label
from claimdesk.workflows.works_table import (
    WorksTable,
    describe_source,
    empty_table,
    identifiers_text,
    source_kind,
)

ROOT = 0  # internalId of group rows; version rows carry their group's row + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("WorksModel", text)


class Column(IntEnum):
    """Columns of the works tree."""

    TITLE = 0
    TYPE = 1
    YEAR = 2
    JOURNAL = 3
    IDENTIFIERS = 4
    VERSIONS = 5
    SOURCE = 6
    ADDED_BY = 7
    DISPLAY_INDEX = 8
    PUT_CODE = 9
    CREATED = 10
    MODIFIED = 11
    VISIBILITY = 12
    DOI = 13  # last, so column states saved by earlier versions keep their meaning


COLUMN_COUNT = len(Column)
_NO_PARENT = QModelIndex()

HEADERS = {
    Column.TITLE: QT_TRANSLATE_NOOP("WorksModel", "Title"),
    Column.TYPE: QT_TRANSLATE_NOOP("WorksModel", "Type"),
    Column.YEAR: QT_TRANSLATE_NOOP("WorksModel", "Year"),
    Column.JOURNAL: QT_TRANSLATE_NOOP("WorksModel", "Journal"),
    Column.IDENTIFIERS: QT_TRANSLATE_NOOP("WorksModel", "Identifiers"),
    Column.VERSIONS: QT_TRANSLATE_NOOP("WorksModel", "Versions"),
    Column.SOURCE: QT_TRANSLATE_NOOP("WorksModel", "Source"),
    Column.ADDED_BY: QT_TRANSLATE_NOOP("WorksModel", "Who the source is"),
    Column.DISPLAY_INDEX: QT_TRANSLATE_NOOP("WorksModel", "Display index"),
    Column.PUT_CODE: QT_TRANSLATE_NOOP("WorksModel", "Put-code"),
    Column.CREATED: QT_TRANSLATE_NOOP("WorksModel", "Created"),
    Column.MODIFIED: QT_TRANSLATE_NOOP("WorksModel", "Modified"),
    Column.VISIBILITY: QT_TRANSLATE_NOOP("WorksModel", "Visibility"),
    Column.DOI: QT_TRANSLATE_NOOP("WorksModel", "DOI"),
}


class Role(IntEnum):
    """Custom data roles."""

    SUMMARY = Qt.ItemDataRole.UserRole + 1  # WorkSummary (preferred one on group rows)
    GROUP = Qt.ItemDataRole.UserRole + 2  # WorkGroup
    IS_GROUP = Qt.ItemDataRole.UserRole + 3  # bool
    OWNED = Qt.ItemDataRole.UserRole + 4  # bool: claimdesk added this version (group: any)
    PREFERRED = Qt.ItemDataRole.UserRole + 5  # bool: the preferred version (or a lone version)
    SOURCE_KIND = Qt.ItemDataRole.UserRole + 6  # researcher | claimdesk | member | other
    GROUP_ROW = Qt.ItemDataRole.UserRole + 7  # int: row of the group in the source model
    SORT = Qt.ItemDataRole.UserRole + 8  # sortable value


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ROLES = frozenset({_DISPLAY, _DECORATION, _FONT, _ALIGNMENT, _TOOLTIP, *(int(r) for r in Role)})
#: The roles data() answers; any other is None at once.
DATA_ROLES = _ROLES
_NUMERIC = frozenset({Column.YEAR, Column.VERSIONS, Column.DISPLAY_INDEX, Column.PUT_CODE})
#: Columns that describe one version; a group row with several versions leaves them empty.
_PER_VERSION = frozenset(
    {Column.DISPLAY_INDEX, Column.PUT_CODE, Column.CREATED, Column.MODIFIED, Column.VISIBILITY}
)

if TYPE_CHECKING:
    from claimdesk.orcid.model import WorkGroup, WorkSummary
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def first_doi(ids) -> str:
    """The first DOI among ``ids`` as the record has it ('' when there is none)."""
    return next((e.value for e in ids if e.type.lower() == "doi"), "")


def _date(iso: str | None) -> str:
    # ORCID timestamps: 2020-01-02T03:04:05.678Z → 2020-01-02 03:04
    return iso[:16].replace("T", " ") if iso else ""


def _type(value: str) -> str:
    return value.replace("-", " ").capitalize() if value else ""


class WorksModel(QAbstractItemModel):
    """A two-level tree over a :class:`WorksTable`."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._table = empty_table()
        self._order: list[int] = []  # display order of groups (indexes into table.groups)
        self._sort: tuple[int, Qt.SortOrder] | None = None
        #: changes whenever the rows change (reset or sort); the filter caches by it
        self.layout_version = 0
        self._several: tuple[int, list[bool]] = (-1, [])
        self._icons: dict[str, QIcon] = {}
        self._preferred_icon = QIcon()
        self._bold = QFont()
        self._bold.setBold(True)

    # -- data in ---------------------------------------------------------------------------

    def set_icons(self, by_kind: dict[str, QIcon], preferred: QIcon) -> None:
        """Icons for source kinds (decorating the Source column) and the preferred mark."""
        self._icons = dict(by_kind)
        self._preferred_icon = preferred

    @property
    def table(self) -> WorksTable:
        """The table shown."""
        return self._table

    def set_table(self, table: WorksTable) -> None:
        """Show ``table`` (keeps the current sort)."""
        self.beginResetModel()
        self._table = table
        self._order = (
            self._sorted_order(*self._sort) if self._sort else list(range(len(table.groups)))
        )
        self.layout_version += 1
        self.endResetModel()

    # -- structure -------------------------------------------------------------------------

    # These run once or more per row whenever Qt lays the tree out (10,000 rows after a reset),
    # so they avoid anything slower than an int comparison. flags() is not overridden: Qt's
    # default (enabled + selectable) is what we want, and it costs no Python call.

    def index(self, row: int, column: int, parent=_NO_PARENT) -> QModelIndex:
        if not parent.isValid():
            if 0 <= row < len(self._order) and 0 <= column < COLUMN_COUNT:
                return self.createIndex(row, column, ROOT)
            return QModelIndex()
        if parent.internalId() != ROOT:
            return QModelIndex()
        count = len(self._group_at(parent.row()).summaries)
        if count > 1 and 0 <= row < count and 0 <= column < COLUMN_COUNT:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index=_NO_PARENT) -> QModelIndex:  # type: ignore[override]
        ident = index.internalId()
        if ident == ROOT or not index.isValid():
            return QModelIndex()
        return self.createIndex(ident - 1, 0, ROOT)

    def rowCount(self, parent=_NO_PARENT) -> int:
        if not parent.isValid():
            return len(self._order)
        if parent.internalId() != ROOT or parent.column() != 0:
            return 0
        count = len(self._group_at(parent.row()).summaries)
        return count if count > 1 else 0

    def columnCount(self, parent=_NO_PARENT) -> int:
        return COLUMN_COUNT

    def hasChildren(self, parent=_NO_PARENT) -> bool:
        if not parent.isValid():
            return bool(self._order)
        return (
            parent.internalId() == ROOT
            and parent.column() == 0
            and len(self._group_at(parent.row()).summaries) > 1
        )

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(HEADERS[Column(section)])
        return None

    # -- lookups ---------------------------------------------------------------------------

    def _group_at(self, row: int) -> WorkGroup:
        return self._table.groups[self._order[row]]

    def group_size(self, row: int) -> int:
        """Number of versions of the group on row ``row``."""
        return len(self._table.groups[self._order[row]].summaries)

    def several_versions(self) -> list[bool]:
        """For each row (in model order): does its group have more than one version?"""
        if self._several[0] != self.layout_version:
            groups = self._table.groups
            self._several = (
                self.layout_version,
                [len(groups[g].summaries) > 1 for g in self._order],
            )
        return self._several[1]

    def rows_matching(self, words: tuple[str, ...]) -> list[bool]:
        """For each row (in model order): does its group's search text contain every word?"""
        search = self._table.search
        texts = [search[g] for g in self._order]
        first, *others = words
        matching = [first in text for text in texts]
        for word in others:  # one list comprehension per word, not a generator per row
            matching = [ok and word in text for ok, text in zip(matching, texts, strict=True)]
        return matching

    def group_row(self, index: QModelIndex) -> int:
        """Row in the table (not the view) of the group ``index`` belongs to."""
        ident = index.internalId()
        return self._order[index.row() if ident == ROOT else ident - 1]

    def summary(self, index: QModelIndex) -> WorkSummary:
        """The version on a child row, or the preferred version on a group row."""
        g = self.group_row(index)
        group = self._table.groups[g]
        if index.internalId() == ROOT:
            return group.summaries[self._table.preferred[g]]
        return group.summaries[index.row()]

    def group_index(self, table_row: int) -> QModelIndex:
        """The model index (column 0) of a group given its table row."""
        try:
            return self.index(self._order.index(table_row), 0)
        except ValueError:
            return QModelIndex()

    def find_put_codes(self, put_codes: set[int]) -> dict[int, QModelIndex]:
        """Column-0 indexes of the versions with these put-codes (a single version's group row)."""
        found: dict[int, QModelIndex] = {}
        groups = self._table.groups
        for view_row, g in enumerate(self._order):
            summaries = groups[g].summaries
            for i, summary in enumerate(summaries):
                if summary.put_code in put_codes:
                    group_index = self.index(view_row, 0)
                    found[summary.put_code] = (
                        group_index if len(summaries) == 1 else self.index(i, 0, group_index)
                    )
        return found

    def find_put_code(self, put_code: int) -> QModelIndex:
        """The index of the version with ``put_code``, or an invalid index."""
        return self.find_put_codes({put_code}).get(put_code, QModelIndex())

    # -- data out --------------------------------------------------------------------------

    def data(self, index, role=_DISPLAY):
        # Qt asks for about seven roles per painted cell; most are answered "nothing" at once.
        if role not in _ROLES or not index.isValid():
            return None
        ident = index.internalId()
        if ident == ROOT:
            return self.cell(index.row(), -1, index.column(), role)
        return self.cell(ident - 1, index.row(), index.column(), role)

    def cell(self, row: int, version: int, col: int, role: int):
        """``data()`` for the group on ``row`` (version -1) or its ``version``-th version row.

        For the filter, which answers for its group rows without mapping them to this model.
        """
        if role not in _ROLES:
            return None
        is_group = version < 0
        g = self._order[row]
        table = self._table
        group = table.groups[g]
        summary = group.summaries[table.preferred[g] if is_group else version]
        if role == _DISPLAY:
            return self._display(col, group, summary, is_group)
        if role == _DECORATION:
            if col == Column.SOURCE:
                return self._icons.get(source_kind(summary.source, table.orcid, table.client_id))
            if col == Column.TITLE and not is_group and version == table.preferred[g]:
                return self._preferred_icon
            return None
        if role == _FONT:
            if col == Column.VERSIONS and is_group and len(group.summaries) > 1:
                return self._bold
            return None
        if role == _ALIGNMENT:
            return _RIGHT if col in _NUMERIC else None
        if role == _TOOLTIP:
            return self._tooltip(col, group, summary, is_group, version == table.preferred[g])
        if role == Role.SORT:
            return self._sort_key(col, g) if is_group else self._display(col, group, summary, False)
        if role == Role.SUMMARY:
            return summary
        if role == Role.GROUP:
            return group
        if role == Role.IS_GROUP:
            return is_group
        if role == Role.OWNED:
            if is_group:
                return table.owned[g] > 0
            return summary.is_owned_by(table.client_id)
        if role == Role.PREFERRED:
            if is_group:
                return len(group.summaries) == 1
            return version == table.preferred[g]
        if role == Role.SOURCE_KIND:
            return source_kind(summary.source, table.orcid, table.client_id)
        if role == Role.GROUP_ROW:
            return g
        return None

    def _display(self, col: int, group: WorkGroup, s: WorkSummary, is_group: bool) -> str:
        table = self._table
        if col == Column.TITLE:
            return s.title
        if col == Column.TYPE:
            return _type(s.type)
        if col == Column.YEAR:
            return str(s.year) if s.year else ""
        if col == Column.JOURNAL:
            return s.journal_title or ""
        if col == Column.IDENTIFIERS:
            return identifiers_text(group.external_ids if is_group else s.external_ids)
        if col == Column.VERSIONS:
            return str(len(group.summaries)) if is_group else ""
        if col == Column.DOI:
            return first_doi(group.external_ids if is_group else s.external_ids)
        if col == Column.SOURCE:
            if is_group and len(group.summaries) > 1:
                return _tr("%s + %d more") % (source_label(s.source), len(group.summaries) - 1)
            return source_label(s.source)
        if col == Column.ADDED_BY:
            return describe_source(s.source, table.orcid, table.client_id)
        if is_group and len(group.summaries) > 1 and col in _PER_VERSION:
            return ""  # these belong to one version: see the version rows
        if col == Column.DISPLAY_INDEX:
            return str(s.display_index)
        if col == Column.PUT_CODE:
            return str(s.put_code) if s.put_code is not None else ""
        if col == Column.CREATED:
            return _date(s.created)
        if col == Column.MODIFIED:
            return _date(s.modified)
        if col == Column.VISIBILITY:
            return (s.visibility or "").replace("-", " ")
        return ""

    def _tooltip(self, col, group, s, is_group, preferred) -> str | None:
        if col == Column.SOURCE or col == Column.ADDED_BY:
            if is_group:
                return "\n".join(
                    f"{source_label(v.source)} — "
                    f"{describe_source(v.source, self._table.orcid, self._table.client_id)}"
                    for v in group.summaries
                )
            return describe_source(s.source, self._table.orcid, self._table.client_id)
        if col == Column.TITLE:
            if not is_group and preferred:
                return _tr("Preferred version (highest display index): ORCID shows this one")
            return s.title
        if col == Column.DISPLAY_INDEX and not is_group:
            return _tr("Higher display indexes are shown first; the highest is preferred")
        return None

    # -- sorting ---------------------------------------------------------------------------

    def _sort_key(self, col: int, g: int):
        table = self._table
        group = table.groups[g]
        s = group.summaries[table.preferred[g]]
        if col == Column.YEAR:
            return s.year or 0
        if col == Column.VERSIONS:
            return len(group.summaries)
        if col == Column.DISPLAY_INDEX:
            return s.display_index
        if col == Column.PUT_CODE:
            return s.put_code or 0
        if col == Column.CREATED:
            return s.created or ""
        if col == Column.MODIFIED:
            return s.modified or ""
        return self._display(col, group, s, True).casefold()

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> list[int]:
        if column < 0:
            return list(range(len(self._table.groups)))
        keys = [self._sort_key(column, g) for g in range(len(self._table.groups))]
        return sorted(
            range(len(keys)),
            key=keys.__getitem__,
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Reorder groups by ``column`` (-1: ORCID's order); versions keep ORCID's order."""
        self.layoutAboutToBeChanged.emit()
        old_order = self._order
        self._sort = (column, order) if column >= 0 else None
        self._order = self._sorted_order(column, order)
        self.layout_version += 1
        new_positions = {g: row for row, g in enumerate(self._order)}
        old = self.persistentIndexList()
        new = []
        for idx in old:
            ident = idx.internalId()
            if ident == ROOT:
                g = old_order[idx.row()]
                new.append(self.createIndex(new_positions[g], idx.column(), ROOT))
            else:
                g = old_order[ident - 1]
                new.append(self.createIndex(idx.row(), idx.column(), new_positions[g] + 1))
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()
