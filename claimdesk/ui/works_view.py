"""The Works tab: the record's groups in a tree, a details pane, the filter and the empty page.

Takes the context; shows ``ctx.record`` (the :class:`~claimdesk.ui.record_model.RecordModel`)
and redraws when it announces a new table or another account. Edit, delete and export are
:mod:`claimdesk.ui.work_actions`; this module only knows what is selected and shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from claimdesk.orcid.errors import InvalidTokenError
from claimdesk.ui import icons
from claimdesk.ui.details_pane import BULK_MAX, DetailsFetcher, DetailsPane
from claimdesk.ui.work_links import WorkLinks
from claimdesk.ui.works_filter import BATCH, WorksFilter
from claimdesk.ui.works_find import WorksFind
from claimdesk.ui.works_model import Column, Role, WorksModel
from claimdesk.workflows.explain import explain
from claimdesk.workflows.works_table import CLAIMDESK, MEMBER, OTHER, RESEARCHER, WorksTable

if TYPE_CHECKING:
    from claimdesk.orcid.model import WorkSummary
    from claimdesk.ui.app import AppContext
    from claimdesk.workflows.session import AccountSession

#: Columns hidden until the user shows them (right-click the header): those shown at first fit
#: beside the details pane at the window's default size (1360 × 820).
HIDDEN_BY_DEFAULT = (
    Column.CREATED,
    Column.PUT_CODE,
    Column.JOURNAL,
    Column.IDENTIFIERS,
    Column.ADDED_BY,
    Column.DISPLAY_INDEX,
    Column.MODIFIED,
)
#: Where the columns sit at first: what tells groups apart comes right after the title.
DEFAULT_ORDER = (
    Column.TITLE,
    Column.VERSIONS,
    Column.SOURCE,
    Column.YEAR,
    Column.TYPE,
    Column.DOI,
    Column.VISIBILITY,
    Column.JOURNAL,
    Column.IDENTIFIERS,
    Column.ADDED_BY,
    Column.DISPLAY_INDEX,
    Column.MODIFIED,
    Column.PUT_CODE,
    Column.CREATED,
)
COLUMN_WIDTHS = {
    Column.TITLE: 270,
    Column.TYPE: 104,
    Column.YEAR: 52,
    Column.JOURNAL: 190,
    Column.IDENTIFIERS: 220,
    Column.VERSIONS: 66,
    Column.SOURCE: 190,
    Column.ADDED_BY: 210,
    Column.DISPLAY_INDEX: 92,
    Column.PUT_CODE: 80,
    Column.CREATED: 130,
    Column.MODIFIED: 130,
    Column.VISIBILITY: 74,
    Column.DOI: 170,
}
#: Groups around the selection whose versions are prefetched with the selected one.
PREFETCH_BEFORE, PREFETCH_AFTER = 15, 35


def count_text(n: int, one: str, many: str) -> str:
    """``1 work`` / ``1,204 works``."""
    return f"{n:,} {one if n == 1 else many}"


class WorksView(QStackedWidget):
    """The works tree and details of the open record, or the empty page when none is open."""

    selection_changed = Signal()  # the selected works or the rows shown changed
    activated = Signal()  # a version was double-clicked (the window edits it)
    status_message = Signal(str)  # a passing note for the status bar
    sign_in_requested = Signal()
    demo_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record = ctx.record
        self.model = WorksModel(self)
        self.proxy = WorksFilter(self)
        self.proxy.setSourceModel(self.model)
        self.fetcher = DetailsFetcher(ctx.reads, self)
        self.fetcher.failed.connect(self._details_failed)
        #: actions the tree's context menu offers (the window's edit, delete, expand, collapse)
        self.menu_actions: list[QAction | None] = []
        # Expanded groups by their versions' put-codes, to expand them again after a refresh.
        self._expanded: set[int] = set()

        self.find = WorksFind(self)
        self.filter_edit, self.filter_icon = self.find.edit, self.find.icon
        self.find.changed.connect(self._filter_changed)
        self.find.cleared.connect(lambda: self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason))
        for box in (self.find.edit, self.find.bar):
            box.returnPressed.connect(self._focus_first_match)

        self.tree = self._build_tree()
        self.details = DetailsPane(self.fetcher)
        self.details.setMinimumWidth(280)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([900, 360])
        self.splitter.setChildrenCollapsible(False)
        self.empty_page = self._build_empty_page()
        works_page = QWidget()
        works_layout = QVBoxLayout(works_page)
        works_layout.setContentsMargins(0, 0, 0, 0)
        works_layout.setSpacing(4)
        works_layout.addWidget(self.find.bar)
        works_layout.addWidget(self.splitter, 1)
        self.find.escape_anywhere_in(works_page)
        self.addWidget(works_page)
        self.addWidget(self.empty_page)
        self.links = WorkLinks(ctx, works_page, self.tree, self._record_url)
        self.links.copied.connect(lambda doi: self.status_message.emit(self.tr("Copied %s") % doi))
        self.setCurrentIndex(1)

        self.record.table_changed.connect(self._show_table)
        self.record.account_changed.connect(self._account_changed)

    # ==== building ==========================================================================

    def _build_tree(self) -> QTreeView:
        tree = QTreeView()
        tree.setModel(self.proxy)
        tree.setUniformRowHeights(True)  # required to stay fast with 10,000 rows
        tree.setAlternatingRowColors(True)
        tree.setSortingEnabled(True)
        tree.header().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setAllColumnsShowFocus(True)
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._tree_menu)
        tree.doubleClicked.connect(self._double_clicked)
        # Said inside the tree when the filter matches nothing, so an empty tree is not a mystery.
        self.no_match_label = QLabel(tree.viewport())
        self.no_match_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match_label.setWordWrap(True)
        self.no_match_label.setEnabled(False)  # drawn in the palette's muted text colour
        QVBoxLayout(tree.viewport()).addWidget(self.no_match_label)
        self.no_match_label.hide()
        header = tree.header()
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Interactive)
        for visual, column in enumerate(DEFAULT_ORDER):
            header.moveSection(header.visualIndex(column), visual)
        for column in HIDDEN_BY_DEFAULT:
            header.hideSection(column)
        tree.selectionModel().selectionChanged.connect(self._selection_changed)
        tree.expanded.connect(lambda index: self._track_expanded(index, True))
        tree.collapsed.connect(lambda index: self._track_expanded(index, False))
        return tree

    def _build_empty_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(2)
        logo = QLabel()
        logo.setPixmap(icons.app_icon().pixmap(96, 96))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = self.empty_title = QLabel(self.tr("No ORCID record open"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        title.setFont(font)
        text = self.empty_text = QLabel(
            self.tr(
                "Sign in with ORCID to see your works as ORCID groups them, or try claimdesk on a "
                "built-in demo record (nothing leaves this computer)."
            )
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setMaximumWidth(520)
        # Centred by alignment, a wrapping label gets neither its width nor its height for width.
        text.setMinimumWidth(420)
        text.setMinimumHeight(text.heightForWidth(420))
        self.sign_in_button = QPushButton(self.tr("Sign in with ORCID…"))
        self.sign_in_button.clicked.connect(self.sign_in_requested)
        self.sign_in_button.setVisible(False)
        self.demo_button = QPushButton(self.tr("Try the demo"))
        self.demo_button.clicked.connect(self.demo_requested)
        self.empty_buttons = QWidget()
        buttons = QHBoxLayout(self.empty_buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        layout.addWidget(logo)
        layout.addWidget(title)
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.empty_buttons)
        layout.addStretch(3)
        return page

    def show_starting_demo(self, starting: bool = True) -> None:
        """With no record open, say that the demo is starting (``False``: the usual page again)."""
        self.empty_title.setText(
            self.tr("Starting the demo…") if starting else self.tr("No ORCID record open")
        )
        self.empty_text.setVisible(not starting)
        self.empty_buttons.setVisible(not starting)

    def apply_icons(self, color) -> None:
        """Icons in the palette's text colour (again when the palette changes)."""
        self.filter_icon.setIcon(icons.icon("search", color))
        self.model.set_icons(
            {
                RESEARCHER: icons.icon("researcher"),
                CLAIMDESK: icons.icon("claimdesk-source"),
                MEMBER: icons.icon("member"),
                OTHER: icons.icon("other"),
            },
            icons.icon("preferred"),
        )

    # ==== the record =======================================================================

    def _account_changed(self, session: AccountSession | None) -> None:
        self.fetcher.set_session(session)
        self._expanded.clear()
        self.details.show_nothing()
        self.setCurrentIndex(0 if session else 1)

    def _show_table(self, table: WorksTable) -> None:
        self.fetcher.clear()  # details of the old copy may be out of date
        selected, expanded, scroll = self._remember_view()
        self.model.set_table(table)
        self._restore_view(selected, expanded, scroll)
        self.selection_changed.emit()

    def expand_all(self) -> None:
        """Expand every group (also those the filter has not shown yet)."""
        self.proxy.reveal(self.proxy.shown_count())
        self.tree.expandAll()

    def _track_expanded(self, index: QModelIndex, expanded: bool) -> None:
        codes = {s.put_code for s in index.data(Role.GROUP).summaries if s.put_code is not None}
        if expanded:
            self._expanded |= codes
        else:
            self._expanded -= codes

    def _remember_view(self) -> tuple[list[int], set[int], int]:
        selected = [s.put_code for s in self.selected_summaries() if s.put_code is not None]
        return selected, set(self._expanded), self.tree.verticalScrollBar().value()

    def _restore_view(self, selected: list[int], expanded: set[int], scroll: int) -> None:
        self._expanded = set()
        try:
            self._reselect(selected, expanded, scroll)
        finally:
            # A model reset clears the selection without a selectionChanged signal: bring the
            # details pane in line, or it would keep showing a work that is no longer selected.
            self._selection_changed()

    def _reselect(self, selected: list[int], expanded: set[int], scroll: int) -> None:
        if not (selected or expanded):
            return
        where = self.model.find_put_codes(set(selected) | expanded)
        for pc in expanded:
            if pc in where and where[pc].parent().isValid():
                self.tree.expand(self.proxy.map_from_source(where[pc].parent()))
        selection = self.tree.selectionModel()
        for pc in selected:
            index = self.proxy.map_from_source(where[pc]) if pc in where else QModelIndex()
            if index.isValid():
                selection.select(
                    index,
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
        if scroll:
            self.proxy.reveal(scroll + BATCH)  # the rows the view was scrolled to
        self.tree.verticalScrollBar().setValue(scroll)

    # ==== filter ===========================================================================

    def set_filter(self, text: str) -> None:
        """Show only groups matching ``text`` (title, identifier, DOI, source, journal, year)."""
        self.find.set_text(text)

    def _filter_changed(self, words: str) -> None:
        self.proxy.set_text(words)
        self.selection_changed.emit()

    def focus_filter(self) -> None:
        """Put the cursor in the filter box (a find bar in the tab when the toolbar hides it)."""
        self.find.focus()

    def _focus_first_match(self) -> None:
        if self.proxy.rowCount():
            self.tree.setCurrentIndex(self.proxy.index(0, 0))
            self.tree.setFocus()

    def counts_text(self) -> str:
        """'12 works in 10 groups · 3 added by claimdesk', with what the filter shows."""
        table = self.record.table
        counts = self.tr("%s in %s · %s added by claimdesk") % (
            count_text(table.work_count, self.tr("work"), self.tr("works")),
            count_text(len(table.groups), self.tr("group"), self.tr("groups")),
            f"{table.owned_count:,}",
        )
        if self.proxy.text:
            if self.find.visibility:
                counts = self.tr("Visibility: %s · ") % self.find.visibility_label + counts
            counts = (
                self.tr("Showing %s of %s groups · ")
                % (f"{self.proxy.shown_count():,}", f"{len(table.groups):,}")
                + counts
            )
        no_match = bool(self.proxy.text) and self.proxy.shown_count() == 0 and bool(table.groups)
        if no_match and not self.find.text.strip():
            self.no_match_label.setText(
                self.tr("No works have the visibility “%s”.\nPress Escape to show them all.")
                % self.find.visibility_label
            )
        elif no_match:
            self.no_match_label.setText(
                self.tr(
                    "No works match “%s”.\nThe filter looks at titles, identifiers, sources, "
                    "journals and years. Press Escape to show them all."
                )
                % self.find.text
            )
        self.no_match_label.setVisible(no_match)
        return counts

    def visible_groups(self) -> list:
        """The groups the filter shows, in the model's order (what an export writes)."""
        table = self.record.table
        return [table.groups[g] for g in self.proxy.visible_group_rows()]

    # ==== selection ========================================================================

    def selected_summaries(self) -> list[WorkSummary]:
        """The versions the selection stands for (a group row stands for its versions)."""
        out: list[WorkSummary] = []
        seen: set[int] = set()
        for index in self.tree.selectionModel().selectedRows(0):
            if index.data(Role.IS_GROUP):
                group = index.data(Role.GROUP)
                items = list(group.summaries)
                if len(items) > 1:
                    own = [s for s in items if s.is_owned_by(self.model.table.client_id)]
                    items = own or [index.data(Role.SUMMARY)]
            else:
                items = [index.data(Role.SUMMARY)]
            for s in items:
                if id(s) not in seen:
                    seen.add(id(s))
                    out.append(s)
        return out

    def _selection_changed(self, *_args) -> None:
        self.selection_changed.emit()
        current = self.tree.selectionModel().currentIndex()
        rows = self.tree.selectionModel().selectedRows(0)
        index = (
            current
            if current.isValid()
            and any(r.row() == current.row() and r.parent() == current.parent() for r in rows)
            else (rows[0] if rows else QModelIndex())
        )
        if not index.isValid():
            self.details.show_nothing()
            return
        index = index.siblingAtColumn(0)
        table = self.model.table
        summary = index.data(Role.SUMMARY)
        self.details.show_version(
            summary,
            index.data(Role.GROUP),
            is_group=bool(index.data(Role.IS_GROUP)),
            orcid=table.orcid,
            client_id=table.client_id,
        )
        self._prefetch_around(index, summary)

    def _prefetch_around(self, index: QModelIndex, summary: WorkSummary) -> None:
        top = index.parent() if index.parent().isValid() else index
        row = top.row()
        codes: list[int] = [summary.put_code] if summary.put_code is not None else []
        order = list(range(row, min(self.proxy.rowCount(), row + PREFETCH_AFTER))) + list(
            range(row - 1, max(-1, row - PREFETCH_BEFORE), -1)
        )
        for r in order:
            group = self.proxy.index(r, 0).data(Role.GROUP)
            codes.extend(s.put_code for s in group.summaries if s.put_code is not None)
            if len(codes) >= BULK_MAX:
                break
        self.fetcher.fetch(codes[:BULK_MAX])

    def _details_failed(self, error: BaseException) -> None:
        session = self.record.session
        if isinstance(error, InvalidTokenError) and session is not None:
            self.record.reading_failed(session, error)
        else:
            self.status_message.emit(self.tr("Could not load details: %s") % explain(error))

    # ==== menus ============================================================================

    def _record_url(self) -> str | None:
        session = self.record.session
        if session is None or not self.record.table.orcid:
            return None
        return f"{session.settings.endpoints.site}/{self.record.table.orcid}"

    def _tree_menu(self, pos) -> None:
        menu = QMenu(self)
        self.links.update()
        menu.addActions(list(self.links.actions))
        menu.addSeparator()
        for act in self.menu_actions:
            if act is None:
                menu.addSeparator()
            else:
                menu.addAction(act)
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def _header_menu(self, pos) -> None:
        header = self.tree.header()
        menu = QMenu(self)
        for column in Column:
            if column == Column.TITLE:
                continue
            act = menu.addAction(self.model.headerData(column, Qt.Orientation.Horizontal))
            act.setCheckable(True)
            act.setChecked(not header.isSectionHidden(column))
            act.toggled.connect(lambda on, c=column: header.setSectionHidden(c, not on))
        menu.exec(header.mapToGlobal(pos))

    def _double_clicked(self, index: QModelIndex) -> None:
        if not index.data(Role.IS_GROUP):
            self.activated.emit()

    # ==== geometry =========================================================================

    def restore_state(self, qs: QSettings) -> None:
        """The splitter and columns as the user left them."""
        splitter = qs.value("main/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        header = qs.value("main/header")
        if header is not None:
            self.tree.header().restoreState(header)

    def save_state(self, qs: QSettings) -> None:
        """Remember the splitter and columns for the next start."""
        qs.setValue("main/splitter", self.splitter.saveState())
        qs.setValue("main/header", self.tree.header().saveState())
