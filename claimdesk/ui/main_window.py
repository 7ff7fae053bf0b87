"""The main window: a researcher's works as ORCID groups them, and what claimdesk may do to them.

Layout: a toolbar (account switcher, environment badge, refresh, edit, delete, export, filter),
an inline message bar, then a tab widget whose first tab is *Works* (tree + details pane). Other
views (search, history, curator) are added with :meth:`MainWindow.add_view`. The window never
does I/O on the GUI thread: reads go through ``ctx.reads``, writes through ``ctx.writes`` (one
thread, so writes to a record go one at a time).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QMetaMethod, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from claimdesk import __version__
from claimdesk.errors import NotOwnedError
from claimdesk.orcid.errors import InvalidTokenError
from claimdesk.orcid.export import source_label
from claimdesk.ui import icons
from claimdesk.ui.confirm import ask_to_confirm
from claimdesk.ui.details_pane import BULK_MAX, DetailsFetcher, DetailsPane
from claimdesk.ui.explain import explain, is_gone_or_changed
from claimdesk.ui.tasks import gc_paused
from claimdesk.ui.works_filter import BATCH, WorksFilter
from claimdesk.ui.works_model import Column, Role, WorksModel
from claimdesk.workflows.session import AccountSession
from claimdesk.workflows.works_table import (
    CLAIMDESK,
    MEMBER,
    OTHER,
    RESEARCHER,
    WorksTable,
    build_table,
    describe_source,
    empty_table,
    release,
)

if TYPE_CHECKING:
    from claimdesk.orcid.model import Work, WorksSummary, WorkSummary
    from claimdesk.ui.edit_dialog import EditDialog

log = logging.getLogger(__name__)

ENV_COLORS = {"production": "#2e9d4f", "sandbox": "#d08a00", "demo": "#7c4dcc", "local": "#6b7787"}
#: Columns hidden until the user shows them (right-click the header).
HIDDEN_BY_DEFAULT = (Column.CREATED, Column.PUT_CODE)
#: Where the columns sit at first: what tells groups apart comes right after the title.
DEFAULT_ORDER = (
    Column.TITLE,
    Column.VERSIONS,
    Column.SOURCE,
    Column.YEAR,
    Column.TYPE,
    Column.JOURNAL,
    Column.IDENTIFIERS,
    Column.ADDED_BY,
    Column.DISPLAY_INDEX,
    Column.MODIFIED,
    Column.VISIBILITY,
    Column.PUT_CODE,
    Column.CREATED,
)
COLUMN_WIDTHS = {
    Column.TITLE: 360,
    Column.TYPE: 110,
    Column.YEAR: 52,
    Column.JOURNAL: 190,
    Column.IDENTIFIERS: 220,
    Column.VERSIONS: 66,
    Column.SOURCE: 220,
    Column.ADDED_BY: 210,
    Column.DISPLAY_INDEX: 92,
    Column.PUT_CODE: 80,
    Column.CREATED: 130,
    Column.MODIFIED: 130,
    Column.VISIBILITY: 80,
}
#: Groups around the selection whose versions are prefetched with the selected one.
PREFETCH_BEFORE, PREFETCH_AFTER = 15, 35


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


class MainWindow(QMainWindow):
    """claimdesk's main window."""

    account_changed = Signal(object)  # AccountSession | None
    reconnect_requested = Signal(object)  # AccountSession
    sign_in_requested = Signal()
    settings_requested = Signal()  # the settings dialog belongs to the sign-in part
    demo_requested = Signal()
    refreshed = Signal()  # a fresh copy of the record is shown
    write_finished = Signal()  # an edit or delete has reported (success or not)
    reconnected = Signal(object)  # AccountSession renewed in place (session.reconnect, the demo)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sessions: list[AccountSession] = []
        self.session: AccountSession | None = None
        self.is_stale = False
        self.is_offline = False
        self.last_refreshed: datetime | None = None
        self.edit_dialog: EditDialog | None = None
        self.cached_at: datetime | None = None
        self._generation = 0
        self._refreshing = False
        self._refresh_again = False
        self._loading_held = False
        # Whether the message bar talks about the last read (a fresh read then clears it).
        self._bar_is_about_reading = False
        self._views: dict[str, QWidget] = {}
        # Views added as factories (built when first opened), and the tab pages that hold them.
        self._view_factories: dict[str, Callable[[], object]] = {}
        self._view_pages: dict[str, QWidget] = {}

        self.setWindowTitle("claimdesk")
        self.setWindowIcon(icons.app_icon())
        self.setUnifiedTitleAndToolBarOnMac(True)

        self.model = WorksModel(self)
        self.proxy = WorksFilter(self)
        self.proxy.setSourceModel(self.model)
        self.fetcher = DetailsFetcher(ctx.reads, self)
        self.fetcher.failed.connect(self._details_failed)

        self._build_actions()
        self._build_toolbar()
        self._build_central()
        self._build_menus()
        self._build_status_bar()
        self._apply_icons()
        self._restore_geometry()
        self._update_actions()
        self._update_status()

    # ==== building ==========================================================================

    def _build_actions(self) -> None:
        def action(text: str, slot, shortcut=None, tip: str = "") -> QAction:
            act = QAction(text, self)
            act.triggered.connect(slot)
            if shortcut is not None:
                act.setShortcuts(shortcut if isinstance(shortcut, list) else [shortcut])
            if tip:
                act.setToolTip(tip)
                act.setStatusTip(tip)
            self.addAction(act)
            return act

        self.refresh_action = action(
            self.tr("&Refresh"),
            self.refresh,
            [QKeySequence(QKeySequence.StandardKey.Refresh), QKeySequence("Ctrl+R")],
            self.tr("Read the record from ORCID again"),
        )
        self.edit_action = action(self.tr("&Edit…"), self.edit_selected, QKeySequence("Ctrl+E"))
        self.delete_action = action(
            self.tr("&Delete…"), self.delete_selected, QKeySequence(QKeySequence.StandardKey.Delete)
        )
        self.find_action = action(
            self.tr("&Find"),
            self.focus_filter,
            QKeySequence(QKeySequence.StandardKey.Find),
            self.tr("Filter works by title, identifier, source or year"),
        )
        self.export_csv_action = action(
            self.tr("Export visible works as &CSV…"), lambda: self.export_visible("csv")
        )
        self.export_bibtex_action = action(
            self.tr("Export visible works as &BibTeX…"), lambda: self.export_visible("bibtex")
        )
        self.expand_action = action(self.tr("E&xpand all groups"), self._expand_all)
        self.collapse_action = action(
            self.tr("&Collapse all groups"), lambda: self.tree.collapseAll()
        )
        self.about_action = action(self.tr("&About claimdesk"), self.show_about)
        self.settings_action = action(
            self.tr("&Settings…"),
            self.settings_requested,
            QKeySequence(QKeySequence.StandardKey.Preferences),
            self.tr("ORCID client, redirect ports and other settings"),
        )
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit_action = action(
            self.tr("&Quit"), self.close, QKeySequence(QKeySequence.StandardKey.Quit)
        )

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main"), self)
        bar.setObjectName("MainToolBar")
        bar.setMovable(False)
        bar.setIconSize(QSize(20, 20))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(bar)
        self.toolbar = bar

        self.account_combo = QComboBox()
        self.account_combo.setMinimumWidth(260)
        self.account_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.account_combo.setToolTip(self.tr("The ORCID record shown"))
        self.account_combo.currentIndexChanged.connect(self._account_chosen)
        self.env_badge = QLabel()
        self.env_badge.setObjectName("EnvBadge")
        self.env_badge.hide()
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(4, 0, 8, 0)
        row.setSpacing(8)
        row.addWidget(self.account_combo)
        row.addWidget(self.env_badge)
        bar.addWidget(holder)
        bar.addSeparator()
        bar.addAction(self.refresh_action)
        bar.addAction(self.edit_action)
        bar.addAction(self.delete_action)
        export_button = QToolButton()
        export_button.setText(self.tr("Export"))
        export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_menu = QMenu(export_button)
        export_menu.addAction(self.export_csv_action)
        export_menu.addAction(self.export_bibtex_action)
        export_button.setMenu(export_menu)
        self.export_button = export_button
        bar.addWidget(export_button)

        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter: title, identifier, source, year"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(300)
        self.filter_icon = self.filter_edit.addAction(
            QIcon(), QLineEdit.ActionPosition.LeadingPosition
        )
        self.filter_edit.textChanged.connect(self.set_filter)
        self.filter_edit.returnPressed.connect(self._focus_first_match)
        bar.addWidget(self.filter_edit)

    def _build_central(self) -> None:
        from claimdesk.ui.message_bar import MessageBar

        self.message_bar = MessageBar()

        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)  # required to stay fast with 10,000 rows
        self.tree.setAlternatingRowColors(True)
        self.tree.setSortingEnabled(True)
        self.tree.header().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._tree_menu)
        self.tree.doubleClicked.connect(self._double_clicked)
        # Said inside the tree when the filter matches nothing, so an empty tree is not a mystery.
        self.no_match_label = QLabel(self.tree.viewport())
        self.no_match_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match_label.setWordWrap(True)
        self.no_match_label.setEnabled(False)  # drawn in the palette's muted text colour
        no_match_layout = QVBoxLayout(self.tree.viewport())
        no_match_layout.addWidget(self.no_match_label)
        self.no_match_label.hide()
        header = self.tree.header()
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
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)
        # Expanded groups by their versions' put-codes, to expand them again after a refresh.
        self._expanded: set[int] = set()
        self.tree.expanded.connect(lambda index: self._track_expanded(index, True))
        self.tree.collapsed.connect(lambda index: self._track_expanded(index, False))

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
        self.works_stack = QStackedWidget()
        self.works_stack.addWidget(self.splitter)
        self.works_stack.addWidget(self.empty_page)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabBarAutoHide(True)  # one view: no tab bar; the others make it appear
        self.tabs.currentChanged.connect(self._tab_opened)
        self.add_view(self.works_stack, self.tr("Works"), key="works")

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

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
        """With no record open, say that the demo is starting (``False``: the usual page again).

        The app starts the demo's sandbox once the window has been painted (quicker start-up).
        """
        self.empty_title.setText(
            self.tr("Starting the demo…") if starting else self.tr("No ORCID record open")
        )
        self.empty_text.setVisible(not starting)
        self.empty_buttons.setVisible(not starting)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.export_csv_action)
        file_menu.addAction(self.export_bibtex_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        # Settings appears once the part that owns the settings dialog listens for it.
        file_menu.aboutToShow.connect(
            lambda: self.settings_action.setVisible(
                self.isSignalConnected(QMetaMethod.fromSignal(self.settings_requested))
            )
        )
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.edit_action)
        edit_menu.addAction(self.delete_action)
        # Their keys act on the Works tab only: Delete in History or Curator must not ask to
        # delete a work selected out of sight (the menu and toolbar still reach them).
        for act in (self.edit_action, self.delete_action):
            self.removeAction(act)
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.works_stack.addAction(act)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.refresh_action)
        view_menu.addSeparator()
        view_menu.addAction(self.expand_action)
        view_menu.addAction(self.collapse_action)
        self.view_menu = view_menu
        self.account_menu = bar.addMenu(self.tr("&Account"))
        self.account_menu.aboutToShow.connect(self._fill_account_menu)
        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        self.counts_label = QLabel()
        self.freshness_label = QLabel()
        self.statusBar().addWidget(self.counts_label, 1)
        self.statusBar().addPermanentWidget(self.freshness_label)

    def _apply_icons(self) -> None:
        color = self.palette().color(QPalette.ColorRole.WindowText)
        for act, name in (
            (self.refresh_action, "refresh"),
            (self.edit_action, "edit"),
            (self.delete_action, "delete"),
            (self.find_action, "search"),
            (self.about_action, "about"),
        ):
            act.setIcon(icons.icon(name, color))
        self.export_button.setIcon(icons.icon("export", color))
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

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Follow the system palette when it switches between light and dark.
        if event.type() == event.Type.PaletteChange:
            self._apply_icons()
            self._update_env_badge()
        super().changeEvent(event)

    @property
    def sign_in_available(self) -> bool:
        """Whether the sign-in part is wired (it shows the Sign in entries)."""
        return not self.sign_in_button.isHidden()

    def set_sign_in_available(self, available: bool) -> None:
        """Show the Sign in entries; the sign-in part connects ``sign_in_requested`` first."""
        self.sign_in_button.setVisible(available)

    # ==== views (for the search / history / curator parts) =================================

    def add_view(
        self,
        widget: QWidget | Callable[[], object],
        title: str,
        *,
        key: str,
        icon: QIcon | None = None,
    ) -> int:
        """Add a tab (Works is first); returns its index. ``key`` finds it again.

        ``widget`` may be a factory instead: the tab then holds an empty page until it is first
        opened (or :meth:`view` asks for it), when the factory builds the view and returns it or
        adds it itself with ``add_view(view, …, key=key)``. Views nobody opens cost no start-up.
        """
        page = self._view_pages.get(key)
        if isinstance(widget, QWidget) and page is not None and key not in self._views:
            # A lazy view being built: it goes into the page waiting in the tabs.
            return self._fill_page(key, page, widget, title, icon)
        if not isinstance(widget, QWidget):
            page = QWidget()
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self._view_pages[key] = page
            self._view_factories[key] = widget
            return self.tabs.addTab(page, icon or QIcon(), title)
        self._views[key] = widget
        index = self.tabs.addTab(widget, icon or QIcon(), title)
        return index

    def _fill_page(
        self, key: str, page: QWidget, widget: QWidget, title: str | None, icon: QIcon | None
    ) -> int:
        layout = page.layout()
        assert layout is not None
        layout.addWidget(widget)
        self._views[key] = widget
        index = self.tabs.indexOf(page)
        if title is not None:
            self.tabs.setTabText(index, title)
        if icon is not None:
            self.tabs.setTabIcon(index, icon)
        return index

    def _build_view(self, key: str) -> None:
        """Build the lazy view ``key`` if it has not been built yet."""
        factory = self._view_factories.pop(key, None)
        if factory is None:
            return
        built = factory()
        if key not in self._views and isinstance(built, QWidget):
            self._fill_page(key, self._view_pages[key], built, None, None)

    def _tab_opened(self, index: int) -> None:
        page = self.tabs.widget(index)
        key = next((k for k, p in self._view_pages.items() if p is page), None)
        if key is not None:
            self._build_view(key)
        self._update_actions()  # the works actions act on the Works tab only

    def show_view(self, key: str) -> None:
        """Bring the view ``key`` to the front."""
        self._build_view(key)
        self.tabs.setCurrentWidget(self._view_pages.get(key) or self._views[key])

    def view(self, key: str) -> QWidget:
        """The view added under ``key`` (a lazy one is built now)."""
        self._build_view(key)
        return self._views[key]

    # ==== accounts =========================================================================

    def set_accounts(self, sessions: Sequence[AccountSession], current: str | None = None) -> None:
        """The records the switcher offers; shows ``current`` (an ORCID iD) or the first."""
        self.sessions = list(sessions)
        self.account_combo.blockSignals(True)
        self.account_combo.clear()
        for s in self.sessions:
            self.account_combo.addItem(self._account_label(s))
        self.account_combo.blockSignals(False)
        chosen = next((s for s in self.sessions if s.orcid == current), None)
        if chosen is None and self.sessions:
            chosen = self.sessions[0]
        self.switch_account(chosen)

    def add_account(self, session: AccountSession, *, show: bool = True) -> None:
        """Offer one more record in the switcher (after a sign-in)."""
        self.sessions = [
            s for s in self.sessions if not (s.orcid == session.orcid and s.env == session.env)
        ] + [session]
        self.set_accounts(
            self.sessions, session.orcid if show else (self.session.orcid if self.session else None)
        )

    def _account_label(self, s: AccountSession) -> str:
        label = s.label
        if len({x.env for x in self.sessions}) > 1:
            label += f" — {s.env}"
        if s.needs_reconnect:
            label += self.tr(" — reconnect needed")
        return label

    def _account_chosen(self, index: int) -> None:
        if 0 <= index < len(self.sessions) and self.sessions[index] is not self.session:
            self.switch_account(self.sessions[index])

    def switch_account(self, session: AccountSession | None) -> None:
        """Show ``session``'s record: the cached copy at once, then a fresh one from ORCID."""
        if self.session is not None and self.session is not session:
            old = self.session
            self.ctx.reads.start(old.close)
        self.session = session
        self._generation += 1
        self._refreshing = self._refresh_again = False  # the old account's read is ignored
        self.is_stale = False
        self.is_offline = False
        self.last_refreshed = None
        self.fetcher.set_session(session)
        self._expanded.clear()
        bag: list[object] = [self.model.table]
        self.model.set_table(empty_table())
        self.ctx.reads.start(release, bag)
        self.details.show_nothing()
        self.message_bar.hide()
        if session is not None and session in self.sessions:
            self.account_combo.blockSignals(True)
            self.account_combo.setCurrentIndex(self.sessions.index(session))
            self.account_combo.blockSignals(False)
        self.works_stack.setCurrentIndex(0 if session else 1)
        self.setWindowTitle(f"{session.label} — claimdesk" if session else "claimdesk")
        self._update_env_badge()
        self._update_actions()
        self._update_status()
        self.account_changed.emit(session)
        if session is None or self._loading_held:
            return
        self._load_cache(session, self._generation)
        self.refresh()

    def hold_loading(self) -> None:
        """Until :meth:`release_loading`, show the chosen record but start no reads.

        The app holds them until the window has first been painted: the reads load httpx, lxml
        and the keyring on a worker, which would compete with the GUI thread before the paint.
        """
        self._loading_held = True

    def release_loading(self) -> None:
        """Start what :meth:`hold_loading` held: the cached copy, then a fresh one from ORCID."""
        if not self._loading_held:
            return
        self._loading_held = False
        session = self.session
        if session is not None and not self._refreshing and self.last_refreshed is None:
            self._load_cache(session, self._generation)
            self.refresh()

    def _update_env_badge(self) -> None:
        session = self.session
        if session is None:
            self.env_badge.hide()
            return
        color = ENV_COLORS.get(session.env, ENV_COLORS["local"])
        self.env_badge.setText(session.env.upper())
        self.env_badge.setToolTip(
            {
                "production": self.tr("Production ORCID: changes are real"),
                "sandbox": self.tr("ORCID's sandbox: test records only"),
                "demo": self.tr("Demo: a local sandbox on this computer; nothing leaves it"),
            }.get(session.env, self.tr("A local claimdesk sandbox"))
        )
        self.env_badge.setStyleSheet(
            f"QLabel#EnvBadge {{ background: {color}; color: white; border-radius: 9px;"
            f" padding: 2px 9px; font-weight: bold; font-size: 10px; letter-spacing: 1px; }}"
        )
        self.env_badge.show()

    def _fill_account_menu(self) -> None:
        menu = self.account_menu
        menu.clear()
        for s in self.sessions:
            act = menu.addAction(self._account_label(s))
            act.setCheckable(True)
            act.setChecked(s is self.session)
            act.triggered.connect(lambda _=False, s=s: self.switch_account(s))
        if self.sessions:
            menu.addSeparator()
        if self.session is not None and self.session.needs_reconnect:
            menu.addAction(self.tr("Reconnect…"), self.reconnect)
        if self.sign_in_available:
            menu.addAction(
                self.tr("Sign in with another ORCID iD…"), lambda: self.sign_in_requested.emit()
            )

    # ==== loading ==========================================================================

    def _load_cache(self, session: AccountSession, generation: int) -> None:
        cache = self.ctx.cache
        if cache is None:
            return

        def load() -> tuple[WorksTable, datetime] | None:
            with gc_paused():
                cached = cache.load(session.cache_key, session.orcid)
                if cached is None:
                    return None
                if generation != self._generation or self.last_refreshed:
                    bag: list[object] = [cached.works]  # the fresh copy won: drop this one here
                    del cached
                    release(bag)
                    return None
                table = build_table(
                    cached.works, orcid=session.orcid, client_id=session.settings.client_id
                )
                return table, cached.fetched_at

        def loaded(result: tuple[WorksTable, datetime] | None) -> None:
            # A fresh copy may have arrived first; the cache never replaces it.
            if result is None or generation != self._generation or self.last_refreshed:
                return
            table, fetched_at = result
            self.is_stale = True
            self.cached_at = fetched_at.astimezone()
            self._show_table(table)

        self.ctx.reads.start(load, on_result=loaded)

    def refresh(self) -> None:
        """Read the record from ORCID in the background; the view updates when it arrives."""
        session = self.session
        if session is None:
            return
        if self._refreshing:
            # A write may have changed the record after that read started: read once more.
            self._refresh_again = True
            return
        self._refreshing = True
        self._refresh_again = False
        generation = self._generation
        self._update_status()
        self._update_actions()

        shown = self.model.table
        cache = self.ctx.cache

        def read() -> tuple[WorksTable, WorksSummary] | None:
            with gc_paused():
                works = session.client().read_works()
                same_view = (shown.orcid, shown.client_id) == (
                    session.orcid,
                    session.settings.client_id,
                )
                if same_view and works.groups == shown.groups:
                    # Unchanged: nothing for the GUI thread to redo; the copy on disk is current.
                    if cache is not None:
                        cache.touch(session.cache_key, session.orcid)
                    bag: list[object] = [works]
                    del works
                    release(bag)
                    return None
                return build_table(
                    works, orcid=session.orcid, client_id=session.settings.client_id
                ), works

        def arrived(result: tuple[WorksTable, WorksSummary] | None) -> None:
            if generation != self._generation:
                return
            session.needs_reconnect = False
            self.is_stale = False
            self.is_offline = False
            self.last_refreshed = datetime.now().astimezone()
            if self._bar_is_about_reading:
                self.message_bar.hide()
                self._bar_is_about_reading = False
            if result is not None:
                table, works = result
                self.fetcher.clear()
                self._show_table(table)
                if cache is not None:  # shares its groups with the table: nothing to copy
                    self.ctx.reads.start(cache.save, session.cache_key, session.orcid, works)
            self._update_status()
            self.refreshed.emit()

        def failed(error: BaseException) -> None:
            if generation != self._generation:
                return
            self._reading_failed(session, error)

        def done() -> None:
            if generation == self._generation:
                self._refreshing = False
                self._update_status()
                self._update_actions()
                if self._refresh_again:
                    self.refresh()

        self.ctx.reads.start(read, on_result=arrived, on_error=failed, on_done=done)

    def _reading_failed(self, session: AccountSession, error: BaseException) -> None:
        self._bar_is_about_reading = True
        from claimdesk.auth.session import ReconnectNeeded  # no stored/usable token (sign-in part)

        if isinstance(error, InvalidTokenError | ReconnectNeeded):
            session.needs_reconnect = True
            if session in self.sessions:
                self.account_combo.setItemText(
                    self.sessions.index(session), self._account_label(session)
                )
            self.message_bar.show_message(
                self.tr(
                    "The ORCID sign-in for %s is no longer valid (it was revoked or has "
                    "expired). The works below are the last copy claimdesk saw; reconnect "
                    "to refresh or change them."
                )
                % session.label,
                "error",
                action=(self.tr("Reconnect…"), self.reconnect),
            )
        else:
            self.is_offline = True
            since = ""
            if self.is_stale:
                since = self.tr(" Showing the copy saved %s (read-only).") % self._when(
                    self.cached_at
                )
            self.message_bar.show_message(
                self.tr("Could not refresh from ORCID: %s") % explain(error) + since,
                "warning",
                action=(self.tr("Try again"), self.refresh),
            )
        log.warning("refresh of %s failed: %s", session.orcid, error)

    def reconnect(self) -> None:
        """Sign in again: the sign-in part handles ``reconnect_requested``; the demo does it here."""
        session = self.session
        if session is None:
            return
        reconnect = session.reconnect
        if reconnect is None:
            self.reconnect_requested.emit(session)
            return

        def renewed(_result) -> None:
            session.needs_reconnect = False
            self.message_bar.hide()
            self._bar_is_about_reading = False
            if session in self.sessions:
                self.account_combo.setItemText(
                    self.sessions.index(session), self._account_label(session)
                )
            self.reconnected.emit(session)
            self.refresh()

        self.ctx.reads.start(
            reconnect,
            on_result=renewed,
            on_error=lambda e: self.message_bar.show_message(explain(e), "error"),
        )

    def _show_table(self, table: WorksTable) -> None:
        selected, expanded, scroll = self._remember_view()
        bag: list[object] = [self.model.table]
        self.model.set_table(table)
        # The old record is freed on a worker, in slices, not here (it takes ~100 ms at once).
        self.ctx.reads.start(release, bag)
        self._restore_view(selected, expanded, scroll)
        self._update_status()
        self._update_actions()

    def _expand_all(self) -> None:
        self.proxy.reveal(self.proxy.shown_count())  # all groups, not only those shown so far
        self.tree.expandAll()

    def _track_expanded(self, index: QModelIndex, expanded: bool) -> None:
        codes = {s.put_code for s in index.data(Role.GROUP).summaries if s.put_code is not None}
        if expanded:
            self._expanded |= codes
        else:
            self._expanded -= codes

    def _remember_view(self) -> tuple[list[int], set[int], int]:
        selected = [s.put_code for s in self._selected_summaries() if s.put_code is not None]
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
        """Show only groups matching ``text`` (title, identifier, source, journal, year)."""
        self.proxy.set_text(text)
        if self.filter_edit.text() != text:
            self.filter_edit.setText(text)
        self._update_status()
        self._update_actions()

    def focus_filter(self) -> None:
        """Ctrl+F: put the cursor in the filter box."""
        self.show_view("works")
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _focus_first_match(self) -> None:
        if self.proxy.rowCount():
            self.tree.setCurrentIndex(self.proxy.index(0, 0))
            self.tree.setFocus()

    # ==== selection ========================================================================

    def _selected_rows(self) -> list[QModelIndex]:
        return self.tree.selectionModel().selectedRows(0)

    def _selected_summaries(self) -> list[WorkSummary]:
        """The versions the selection stands for (a group row stands for its versions)."""
        out: list[WorkSummary] = []
        seen: set[int] = set()
        for index in self._selected_rows():
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
        self._update_actions()
        current = self.tree.selectionModel().currentIndex()
        rows = self._selected_rows()
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
        if isinstance(error, InvalidTokenError) and self.session is not None:
            self._reading_failed(self.session, error)
        else:
            self.statusBar().showMessage(
                self.tr("Could not load details: %s") % explain(error), 8000
            )

    # ==== actions state ====================================================================

    def _read_only_reason(self) -> str | None:
        session = self.session
        if session is None:
            return self.tr("No ORCID record is open")
        if session.needs_reconnect:
            return self.tr("Reconnect the account first: the ORCID sign-in is no longer valid")
        if self.is_offline:
            return self.tr("Read-only: claimdesk cannot reach ORCID right now")
        if self.is_stale:
            return self.tr("Wait for the refresh: the list shown is a saved copy")
        return None

    def _not_ours_reason(self, items: list[WorkSummary], verb: str) -> str | None:
        table = self.model.table
        others = [s for s in items if not s.is_owned_by(table.client_id)]
        if not others:
            return None
        names = sorted(
            {
                f"{source_label(s.source) or self.tr('an unknown source')} "
                f"({describe_source(s.source, table.orcid, table.client_id)})"
                for s in others
            }
        )
        return self.tr("Added by %s — claimdesk only %s works it added itself.") % (
            ", ".join(names),
            verb,
        )

    def _update_actions(self) -> None:
        works_shown = self.tabs.currentWidget() is self.works_stack
        # The toolbar's edit, delete, export and filter act on the Works tab: on another tab they
        # would reach a selection the user cannot see.
        self.filter_edit.setEnabled(works_shown)
        items = self._selected_summaries() if self.model.rowCount() and works_shown else []
        blocked = self._read_only_reason()
        writing = self.ctx.writes.busy
        # Edit
        if not items:
            edit_tip, can_edit = self.tr("Select one of claimdesk's works to edit it"), False
        elif len(items) > 1:
            edit_tip, can_edit = self.tr("Select a single work to edit"), False
        else:
            reason = self._not_ours_reason(items, self.tr("edits"))
            edit_tip = reason or blocked or self.tr("Edit this work (Ctrl+E)")
            can_edit = reason is None and blocked is None and not writing
        self.edit_action.setEnabled(can_edit)
        self.edit_action.setToolTip(edit_tip)
        # Delete
        if not items:
            del_tip, can_delete = self.tr("Select claimdesk's works to delete them"), False
        else:
            reason = self._not_ours_reason(items, self.tr("deletes"))
            del_tip = (
                reason
                or blocked
                or (
                    self.tr("Delete the selected work (Del)")
                    if len(items) == 1
                    else self.tr("Delete the %d selected works (Del)") % len(items)
                )
            )
            can_delete = reason is None and blocked is None and not writing
        self.delete_action.setEnabled(can_delete)
        self.delete_action.setToolTip(del_tip)
        has_rows = self.proxy.shown_count() > 0 and works_shown  # export writes what is shown
        self.export_csv_action.setEnabled(has_rows)
        self.export_bibtex_action.setEnabled(has_rows)
        self.export_button.setEnabled(has_rows)
        self.refresh_action.setEnabled(self.session is not None and not self._refreshing)

    def _update_status(self) -> None:
        table = self.model.table
        if self.session is None:
            self.counts_label.setText("")
            self.freshness_label.setText("")
            return
        counts = self.tr("%s in %s · %s added by claimdesk") % (
            _count(table.work_count, self.tr("work"), self.tr("works")),
            _count(len(table.groups), self.tr("group"), self.tr("groups")),
            f"{table.owned_count:,}",
        )
        if self.proxy.text:
            counts = (
                self.tr("Showing %s of %s groups · ")
                % (f"{self.proxy.shown_count():,}", f"{len(table.groups):,}")
                + counts
            )
        self.counts_label.setText(counts)
        no_match = bool(self.proxy.text) and self.proxy.shown_count() == 0 and bool(table.groups)
        if no_match:
            self.no_match_label.setText(
                self.tr(
                    "No works match “%s”.\nThe filter looks at titles, identifiers, sources, "
                    "journals and years."
                )
                % self.proxy.text
            )
        self.no_match_label.setVisible(no_match)
        if self._refreshing and not self.model.rowCount():
            fresh = self.tr("Reading the record from ORCID…")
        elif self.is_stale:
            fresh = self.tr("Saved copy from %s") % self._when(self.cached_at)
            fresh += self.tr(" — refreshing…") if self._refreshing else self.tr(" — stale")
        elif self.last_refreshed is not None:
            fresh = self.tr("Refreshed %s") % self._when(self.last_refreshed)
            if self._refreshing:
                fresh += self.tr(" — refreshing…")
        else:
            fresh = self.tr("Refreshing…") if self._refreshing else ""
        self.freshness_label.setText(fresh)

    def _when(self, moment: datetime | None) -> str:
        if moment is None:
            return ""
        now = datetime.now().astimezone()
        if moment.date() == now.date():
            return moment.strftime("%H:%M")
        return moment.strftime("%Y-%m-%d %H:%M")

    # ==== edit =============================================================================

    def edit_selected(self) -> None:
        """Open the edit dialog for the selected work (claimdesk's own only)."""
        items = self._selected_summaries()
        if len(items) != 1 or not self.edit_action.isEnabled():
            return
        summary = items[0]
        full = self.fetcher.get(summary.put_code)
        from claimdesk.orcid.model import Work

        if isinstance(full, Work):
            self._open_editor(full)
            return
        session = self.session
        assert session is not None and summary.put_code is not None
        self.statusBar().showMessage(self.tr("Reading the full work…"))
        put_code = summary.put_code
        self.ctx.reads.start(
            lambda: session.client().read_work(put_code),
            on_result=self._open_editor,
            on_error=lambda e: self._write_failed(e, summary.title),
        )

    def _open_editor(self, work: Work) -> None:
        self.statusBar().clearMessage()
        from claimdesk.ui.edit_dialog import EditDialog  # loaded when first opened

        dialog = EditDialog(work, self)
        dialog.submitted.connect(lambda w: self._save(dialog, w))
        dialog.finished.connect(lambda _r: setattr(self, "edit_dialog", None))
        self.edit_dialog = dialog
        dialog.open()

    def _save(self, dialog: EditDialog, work: Work) -> None:
        session = self.session
        assert session is not None

        def saved(result: Work) -> None:
            dialog.accept()
            if result.put_code is not None:
                self.fetcher.forget(result.put_code)
            self._bar_is_about_reading = False
            self.message_bar.show_message(self.tr("Saved “%s”.") % result.title, "success")
            self.write_finished.emit()
            self.refresh()

        def refused(error: BaseException) -> None:
            if is_gone_or_changed(error) or isinstance(error, (InvalidTokenError, NotOwnedError)):
                dialog.reject()
                self._write_failed(error, work.title)
            else:
                dialog.set_busy(False)
                dialog.show_problems([explain(error)])
                self.write_finished.emit()

        self.ctx.writes.start(
            lambda: session.client().update_work(work), on_result=saved, on_error=refused
        )

    def _write_failed(self, error: BaseException, title: str) -> None:
        self.statusBar().clearMessage()
        self._bar_is_about_reading = False
        text = self.tr("“%s” was not changed. %s") % (title, explain(error))
        if is_gone_or_changed(error):
            text += self.tr(" The list has been refreshed.")
        self.message_bar.show_message(text, "warning")
        self.write_finished.emit()
        if isinstance(error, InvalidTokenError) and self.session is not None:
            self._reading_failed(self.session, error)
        elif is_gone_or_changed(error):
            self.refresh()

    # ==== delete ===========================================================================

    def delete_selected(self) -> None:
        """Ask, then delete the selected works (claimdesk's own only), one result per work."""
        items = self._selected_summaries()
        if not items or not self.delete_action.isEnabled():
            return
        titles = "\n".join(f"• {s.title}" for s in items[:10])
        if len(items) > 10:
            titles += "\n" + self.tr("… and %d more") % (len(items) - 10)
        question = (
            self.tr("Delete this work from the ORCID record?")
            if len(items) == 1
            else self.tr("Delete these %d works from the ORCID record?") % len(items)
        )
        if not ask_to_confirm(
            self,
            self.tr("Delete works"),
            question,
            titles + "\n\n" + self.tr("Other sources' versions stay."),
            yes=self.tr("Delete"),  # the button says what it does, not "Yes"
        ):
            return
        self.delete_works(items)

    def delete_works(self, items: list[WorkSummary]) -> None:
        """Delete ``items`` one by one in the write queue; report each result, then refresh."""
        session = self.session
        if session is None:
            return

        def run(cancel) -> list[tuple[WorkSummary, BaseException | None]]:
            client = session.client()
            results: list[tuple[WorkSummary, BaseException | None]] = []
            for item in items:
                if cancel.is_set():
                    break
                try:
                    client.delete_work(item)
                    results.append((item, None))
                except Exception as err:  # reported per item
                    results.append((item, err))
            return results

        self.statusBar().showMessage(self.tr("Deleting %d works…") % len(items))
        self.ctx.writes.start(
            run,
            on_result=self._deleted,
            on_error=lambda e: self._write_failed(e, items[0].title),
            on_done=self._update_actions,
        )
        self._update_actions()

    def _deleted(self, results: list[tuple[WorkSummary, BaseException | None]]) -> None:
        self.statusBar().clearMessage()
        self._bar_is_about_reading = False
        done = [s for s, err in results if err is None]
        failed = [(s, err) for s, err in results if err is not None]
        for s in done:
            if s.put_code is not None:
                self.fetcher.forget(s.put_code)
        if self.details.put_code in {s.put_code for s in done}:
            self.details.show_nothing()  # not the deleted work while nothing else is selected
        if not failed:
            text = (
                self.tr("Deleted “%s”.") % done[0].title
                if len(done) == 1
                else self.tr("Deleted %d works.") % len(done)
            )
            self.message_bar.show_message(text, "success")
        else:
            lines = [self.tr("Deleted %d of %d works.") % (len(done), len(results))]
            lines += [f"“{s.title}”: {explain(err)}" for s, err in failed]
            self.message_bar.show_message("\n".join(lines), "warning")
            if any(isinstance(err, InvalidTokenError) for _s, err in failed) and self.session:
                self.session.needs_reconnect = True
        self.write_finished.emit()
        self.refresh()

    # ==== export ===========================================================================

    def export_visible(self, kind: str, path: str | Path | None = None) -> None:
        """Write the groups the filter shows as CSV or BibTeX (asks for a file if no ``path``)."""
        if path is None:
            name = "orcid-works.csv" if kind == "csv" else "orcid-works.bib"
            flt = self.tr("CSV files (*.csv)") if kind == "csv" else self.tr("BibTeX (*.bib)")
            from PySide6.QtWidgets import QFileDialog

            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export visible works"), str(Path.home() / name), flt
            )
            if not chosen:
                return
            path = chosen
        table = self.model.table
        groups = [table.groups[g] for g in self.proxy.visible_group_rows()]
        details = self.fetcher.cached()
        target = Path(path)

        def write() -> int:
            from claimdesk.orcid.export import works_to_bibtex, works_to_csv

            text = works_to_csv(groups) if kind == "csv" else works_to_bibtex(groups, details)
            # Written beside the target and renamed: never a half-written export.
            partial = target.with_name(f".{target.name}.partial")
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, target)
            return len(groups)

        self.ctx.reads.start(
            write,
            on_result=lambda n: self.statusBar().showMessage(
                self.tr("Exported %d groups (each as its preferred version) to %s") % (n, target),
                8000,
            ),
            on_error=lambda e: self.message_bar.show_message(
                self.tr("Could not export to %s: %s") % (target, explain(e)), "error"
            ),
        )

    # ==== menus, about =====================================================================

    def _tree_menu(self, pos) -> None:
        menu = QMenu(self)
        menu.addAction(self.edit_action)
        menu.addAction(self.delete_action)
        menu.addSeparator()
        menu.addAction(self.expand_action)
        menu.addAction(self.collapse_action)
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
        if self.edit_action.isEnabled() and not index.data(Role.IS_GROUP):
            self.edit_selected()

    def show_about(self) -> None:
        """The About box."""
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        log_path = getattr(self.ctx, "log_path", None)
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            self.tr("About claimdesk"),
            self.tr(
                "<h3>claimdesk %s</h3>"
                "<p>See your ORCID works as ORCID groups them, claim DOIs from DataCite and "
                "Crossref, and look after the works claimdesk added.</p>"
                "<p>Qt %s · PySide6 %s</p><p>Log file: %s</p>"
            )
            % (__version__, qVersion(), pyside_version, log_path or self.tr("none")),
        )

    # ==== geometry =========================================================================

    def _restore_geometry(self) -> None:
        qs = self.ctx.qsettings
        geometry = qs.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 820)
        state = qs.value("main/state")
        if state is not None:
            self.restoreState(state)
        splitter = qs.value("main/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        header = qs.value("main/header")
        if header is not None:
            self.tree.header().restoreState(header)

    def save_geometry(self) -> None:
        """Remember size, position, splitter and columns for the next start."""
        qs = self.ctx.qsettings
        qs.setValue("main/geometry", self.saveGeometry())
        qs.setValue("main/state", self.saveState())
        qs.setValue("main/splitter", self.splitter.saveState())
        qs.setValue("main/header", self.tree.header().saveState())
        qs.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_geometry()
        super().closeEvent(event)
