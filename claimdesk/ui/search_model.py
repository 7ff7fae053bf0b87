"""The Search view's results: one row per DOI found, with its claim status on the open record.

:class:`SearchModel` is a flat ``QAbstractTableModel`` over :class:`~claimdesk.sources.records.
DoiRecord` rows. The claim status comes from a :class:`~claimdesk.claims.status.RecordIndex`
(rebuilt after each read of the record) and what may be ticked from the
:class:`~claimdesk.claims.status.ClaimPolicy`. Authors are offered as rich text with the signed-in
iD in bold ORCID green (:data:`Role.AUTHORS_HTML`, painted by ``search_view.RichTextDelegate``).
:class:`SearchFilter` sorts on :data:`Role.SORT` and can hide rows by claim state.
"""

from __future__ import annotations

import enum
import html
from collections.abc import Iterable, Sequence

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from claimdesk.claims.status import ClaimPolicy, ClaimState, ClaimStatus, RecordIndex
from claimdesk.sources.records import DoiRecord, Person
from claimdesk.sources.types import orcid_type
from claimdesk.ui.row_filter import RowFilter
from claimdesk.ui.table_model import ColumnTableModel

#: ORCID's brand green: the signed-in researcher among the authors.
ORCID_GREEN = "#5a8a00"
#: Status colours (readable on light and dark palettes).
STATE_COLORS = {
    ClaimState.OURS: QColor("#2e9d4f"),
    ClaimState.OTHERS: QColor("#2f6fde"),
}
#: Versions/parts, left out by default, are greyed.
MUTED = QColor("#8a8f98")
SOURCE_NAMES = {"datacite": "DataCite", "crossref": "Crossref"}
#: Authors shown before "… and N more".
MAX_AUTHORS = 12

_INDEX = QModelIndex | QPersistentModelIndex


class Column(enum.IntEnum):
    """The table's columns, in model order."""

    CHECK = 0  # the tick: claim this DOI
    STATUS = 1
    TITLE = 2
    AUTHORS = 3
    YEAR = 4
    TYPE = 5
    DOI = 6
    SOURCES = 7


HEADERS = {
    Column.CHECK: "",
    Column.STATUS: QT_TRANSLATE_NOOP("SearchModel", "Claim status"),
    Column.TITLE: QT_TRANSLATE_NOOP("SearchModel", "Title"),
    Column.AUTHORS: QT_TRANSLATE_NOOP("SearchModel", "Authors"),
    Column.YEAR: QT_TRANSLATE_NOOP("SearchModel", "Year"),
    Column.TYPE: QT_TRANSLATE_NOOP("SearchModel", "Type"),
    Column.DOI: QT_TRANSLATE_NOOP("SearchModel", "DOI"),
    Column.SOURCES: QT_TRANSLATE_NOOP("SearchModel", "Found in"),
}


class Role(enum.IntEnum):
    """Custom data roles (every column answers them)."""

    RECORD = Qt.ItemDataRole.UserRole + 1  # DoiRecord
    STATUS = Qt.ItemDataRole.UserRole + 2  # ClaimStatus | None (no record open)
    SORT = Qt.ItemDataRole.UserRole + 3  # a sortable key for the column
    OFFERED = Qt.ItemDataRole.UserRole + 4  # bool: the policy offers to claim it
    AUTHORS_HTML = Qt.ItemDataRole.UserRole + 5  # rich text, the signed-in iD highlighted
    HIGHLIGHTED = Qt.ItemDataRole.UserRole + 6  # names of the people carrying the signed-in iD
    RESULT = Qt.ItemDataRole.UserRole + 7  # str: the last claim's outcome for this DOI, in words


def type_label(record: DoiRecord) -> str:
    """The ORCID work type in words: ``data-set`` → ``Data set``."""
    kind = orcid_type(record).replace("-", " ")
    return kind[:1].upper() + kind[1:]


def sources_label(record: DoiRecord) -> str:
    """``DataCite``, ``Crossref`` or ``DataCite, Crossref``."""
    found = record.found_in or (record.source,)
    return ", ".join(SOURCE_NAMES.get(s, s) for s in found)


def status_text(status: ClaimStatus | None) -> str:
    """The status in words, with the version/part flag; a dash when no record is open."""
    if status is None:
        return "—"
    ours = status.state is ClaimState.OURS
    where = "on record, not public" if status.not_public else "on record"
    text = f"{where} — added by claimdesk" if ours else status.label
    if status.is_version:
        text += " · version/part"
    return text


#: Marks in the Authors column, in words as well as colour (see :data:`AUTHORS_LEGEND`).
ID_MARK, NAME_ONLY_MARK = "✓ iD", "name only"
#: What the marks mean, shown under the results.
AUTHORS_LEGEND = QT_TRANSLATE_NOOP(
    "SearchView",
    "Authors: <b>Name</b> <small>✓ iD</small> carries this record's ORCID iD in the metadata; "
    "<u>Name</u> <small>(name only)</small> matches the name searched for but has no ORCID iD "
    "there, so it may be someone else.",
)


def name_matches(person: Person, words: Sequence[str]) -> bool:
    """Whether every searched word is in ``person``'s name (case and accents aside)."""
    name = person.name.casefold()
    return bool(words) and all(w in name for w in words)


def name_words(query: str) -> tuple[str, ...]:
    """The words of a name search (``Family, Given`` or ``Given Family``), case-folded."""
    return tuple(w for w in query.replace(",", " ").casefold().split() if len(w) > 1)


def authors_html(
    people: Sequence[Person],
    orcid: str | None,
    limit: int = MAX_AUTHORS,
    *,
    searched_name: Sequence[str] = (),
) -> str:
    """Authors as rich text: the person with ``orcid`` bold in ORCID green and marked "✓ iD";
    with ``searched_name``, people who match the name but carry no iD are marked "name only"."""
    shown = list(people[:limit])
    # Never hide the signed-in researcher behind "… and N more".
    if orcid and not any(p.orcid == orcid for p in shown):
        shown += [p for p in people[limit:] if p.orcid == orcid][:1]
    parts = []
    for person in shown:
        name = html.escape(person.name)
        if orcid and person.orcid == orcid:
            parts.append(f'<b style="color:{ORCID_GREEN}">{name}</b>&nbsp;<small>{ID_MARK}</small>')
        elif not person.orcid and name_matches(person, searched_name):
            parts.append(f"<u>{name}</u>&nbsp;<small>({NAME_ONLY_MARK})</small>")
        else:
            parts.append(name)
    more = len(people) - len(shown)
    if more > 0:
        parts.append(f"<i>and {more} more</i>")
    return ", ".join(parts)


def authors_plain(people: Sequence[Person], limit: int = MAX_AUTHORS) -> str:
    """Authors as plain text (display fallback, sort key and tooltip)."""
    names = [p.name for p in people[:limit]]
    if len(people) > limit:
        names.append(f"and {len(people) - limit} more")
    return ", ".join(names)


class SearchModel(ColumnTableModel):
    """DOIs found, their claim status on the open record, and which ones are ticked."""

    headers = HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.records: list[DoiRecord] = []
        self.index_: RecordIndex | None = None
        self.policy = ClaimPolicy()
        self.orcid: str | None = None
        self._statuses: list[ClaimStatus | None] = []
        self._offered: list[bool] = []
        self._checked: set[str] = set()
        self._results: dict[str, str] = {}
        self._html: dict[int, str] = {}
        #: the words of a name search, to mark authors matched by name only
        self.searched_name: tuple[str, ...] = ()

    # -- filling --------------------------------------------------------------------------------

    def set_results(
        self,
        records: Iterable[DoiRecord],
        index: RecordIndex | None,
        *,
        orcid: str | None,
        searched_name: str = "",
    ) -> None:
        """Show ``records`` (statuses from ``index``; ``orcid`` is highlighted among authors;
        authors matching ``searched_name`` without an iD are marked as name-only matches)."""
        self.beginResetModel()
        self.records = list(records)
        self.orcid = orcid
        self.searched_name = name_words(searched_name)
        self.index_ = index
        self._checked.clear()
        self._results.clear()
        self._html.clear()
        self._restatus()
        self.endResetModel()

    def set_index(self, index: RecordIndex | None) -> None:
        """A fresh read of the record: recompute every status; ticks on claimed DOIs go."""
        self.index_ = index
        self._restatus()
        self._checked = {doi for doi in self._checked if self._offered_doi(doi)}
        self._changed_all()

    def set_policy(self, policy: ClaimPolicy) -> None:
        """Another claim policy: what may be ticked changes; ticks no longer offered go."""
        self.policy = policy
        self._restatus()
        self._checked = {doi for doi in self._checked if self._offered_doi(doi)}
        self._changed_all()

    def set_item_results(self, results: dict[str, str]) -> None:
        """The last claim's outcome per DOI, in words (shown in the status tooltip)."""
        self._results.update(results)
        self._changed_all()

    def clear(self) -> None:
        """No results."""
        self.set_results((), self.index_, orcid=self.orcid)

    def _restatus(self) -> None:
        index = self.index_
        self._statuses = [
            index.status(r.doi, is_version=r.is_version_or_part) if index is not None else None
            for r in self.records
        ]
        self._offered = [s is not None and self.policy.offers(s) for s in self._statuses]

    def _offered_doi(self, doi: str) -> bool:
        return any(r.doi == doi and o for r, o in zip(self.records, self._offered, strict=True))

    def _changed_all(self) -> None:
        if self.records:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.records) - 1, len(Column) - 1)
            )

    # -- ticking --------------------------------------------------------------------------------

    def name_only_count(self) -> int:
        """Results where the searched name appears only without an ORCID iD."""
        if not self.searched_name:
            return 0
        return sum(
            1
            for r in self.records
            if not (self.orcid and r.names_orcid(self.orcid))
            and any(not p.orcid and name_matches(p, self.searched_name) for p in r.people)
        )

    def checked_records(self) -> list[DoiRecord]:
        """The ticked DOIs, in table order."""
        return [r for r in self.records if r.doi in self._checked]

    def set_checked(self, dois: Iterable[str], checked: bool = True) -> None:
        """Tick (or untick) DOIs; DOIs the policy does not offer are left alone."""
        offered = {r.doi for r, o in zip(self.records, self._offered, strict=True) if o}
        for doi in dois:
            if doi in offered and checked:
                self._checked.add(doi)
            elif not checked:
                self._checked.discard(doi)
        self._changed_all()

    def check_all_offered(self) -> int:
        """Tick every DOI the policy offers to claim; returns how many are ticked."""
        self._checked = {r.doi for r, o in zip(self.records, self._offered, strict=True) if o}
        self._changed_all()
        return len(self._checked)

    def uncheck_all(self) -> None:
        """Untick everything."""
        self._checked.clear()
        self._changed_all()

    @property
    def checked_count(self) -> int:
        """How many DOIs are ticked."""
        return len(self._checked)

    def counts(self) -> dict[ClaimState, int]:
        """Rows per claim state (empty while no record is open)."""
        out = dict.fromkeys(ClaimState, 0)
        for status in self._statuses:
            if status is not None:
                out[status.state] += 1
        return out

    @property
    def offered_count(self) -> int:
        """How many DOIs the policy offers to claim."""
        return sum(self._offered)

    def row_of(self, doi: str) -> int:
        """The row showing ``doi``, or -1."""
        return next((i for i, r in enumerate(self.records) if r.doi == doi), -1)

    # -- Qt model API ---------------------------------------------------------------------------

    def item_count(self) -> int:
        return len(self.records)

    def flags(self, index: _INDEX) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and index.column() == Column.CHECK and self._offered[index.row()]:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(  # noqa: N802
        self, index: _INDEX, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != Column.CHECK:
            return False
        row = index.row()
        if not self._offered[row]:
            return False
        doi = self.records[row].doi
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        if checked:
            self._checked.add(doi)
        else:
            self._checked.discard(doi)
        self.dataChanged.emit(index, index, [role])
        return True

    def data(self, index: _INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), Column(index.column())
        record = self.records[row]
        status = self._statuses[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(record, status, column)
        if role == Role.SORT:
            return self._sort_key(row, record, status, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == Column.CHECK:
            if not self._offered[row]:
                return None
            checked = record.doi in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(record, status, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.STATUS and status:
            if status.is_version and status.state is ClaimState.ABSENT:
                return QBrush(MUTED)
            color = STATE_COLORS.get(status.state)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.FontRole and column == Column.STATUS and status:
            font = QFont()
            font.setBold(status.state is ClaimState.OURS)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.YEAR:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.RECORD:
            return record
        if role == Role.STATUS:
            return status
        if role == Role.OFFERED:
            return self._offered[row]
        if role == Role.AUTHORS_HTML:
            cached = self._html.get(row)
            if cached is None:
                cached = self._html[row] = authors_html(
                    record.people, self.orcid, searched_name=self.searched_name
                )
            return cached
        if role == Role.HIGHLIGHTED:
            return [p.name for p in record.people if self.orcid and p.orcid == self.orcid]
        if role == Role.RESULT:
            return self._results.get(record.doi, "")
        return None

    def _display(self, record: DoiRecord, status: ClaimStatus | None, column: Column) -> object:
        if column == Column.CHECK:
            return ""
        if column == Column.STATUS:
            return status_text(status)
        if column == Column.TITLE:
            return record.title or self.tr("(untitled)")
        if column == Column.AUTHORS:
            return authors_plain(record.people)
        if column == Column.YEAR:
            return str(record.year) if record.year else ""
        if column == Column.TYPE:
            return type_label(record)
        if column == Column.DOI:
            return record.doi
        return sources_label(record)

    def _sort_key(
        self, row: int, record: DoiRecord, status: ClaimStatus | None, column: Column
    ) -> object:
        if column == Column.CHECK:
            ticked = record.doi in self._checked
            return 0 if ticked else (1 if self._offered[row] else 2)
        if column == Column.STATUS:
            order = {ClaimState.ABSENT: 0, ClaimState.OTHERS: 1, ClaimState.OURS: 2}
            return (order[status.state] if status else 3) * 2 + (
                1 if status and status.is_version else 0
            )
        if column == Column.YEAR:
            return record.year or 0
        value = self._display(record, status, column)
        return str(value).casefold()

    def _tooltip(self, record: DoiRecord, status: ClaimStatus | None, column: Column) -> str:
        if column in (Column.STATUS, Column.CHECK):
            if status is None:
                return self.tr("Open an ORCID record to see whether this DOI is on it")
            lines = [status.label]
            if status.is_version:
                lines.append(
                    self.tr("A version or part of another DOI (%s)")
                    % ", ".join(f"{r.relation_type} {r.identifier}" for r in record.derived_from)
                )
            decision, reason = self.policy.decide(status)
            if reason:
                lines.append(self.tr("Not offered for claiming: %s") % reason)
            result = self._results.get(record.doi)
            if result:
                lines.append(self.tr("Last claim: %s") % result)
            return "\n".join(lines)
        if column == Column.AUTHORS:
            return "\n".join(
                f"{p.name} ({p.orcid})" if p.orcid else p.name for p in record.people[:40]
            )
        if column == Column.TITLE:
            return record.title or ""
        if column == Column.DOI:
            return f"https://doi.org/{record.doi}"
        return ""


class ShowOnly(enum.Enum):
    """Which rows the Search view shows."""

    ALL = "all"
    NOT_ON_RECORD = "not on record"
    ON_RECORD = "on record"


class SearchFilter(RowFilter):
    """Sorts on :data:`Role.SORT`; hides rows by claim state and by a text filter."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(Role.SORT)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.show_only = ShowOnly.ALL
        self.text = ""

    def set_show_only(self, which: ShowOnly) -> None:
        """Show all rows, only DOIs not on the record, or only those on it."""
        self.change_filter(lambda: setattr(self, "show_only", which))

    def set_text(self, text: str) -> None:
        """Show rows whose title, authors, DOI or year contain ``text``."""
        self.change_filter(lambda: setattr(self, "text", text.strip().casefold()))

    def filterAcceptsRow(self, row: int, parent: _INDEX) -> bool:  # noqa: N802
        model = self.sourceModel()
        index = model.index(row, 0, parent)
        if self.show_only is not ShowOnly.ALL:
            status = index.data(Role.STATUS)
            on_record = status is not None and status.on_record
            if on_record != (self.show_only is ShowOnly.ON_RECORD):
                return False
        if self.text:
            record: DoiRecord = index.data(Role.RECORD)
            haystack = " ".join(
                (
                    record.title or "",
                    record.doi,
                    str(record.year or ""),
                    " ".join(p.name for p in record.people),
                )
            ).casefold()
            return self.text in haystack
        return True
