"""The main window: the shell around the record model and its views.

Layout: a toolbar (account switcher, environment badge, refresh, edit, delete, export, filter),
an inline message bar, then a tab widget whose first tab is *Works*
(:class:`~claimdesk.ui.works_view.WorksView`). Other views (search, history, curator) are added
with :meth:`MainWindow.add_view`. What is open and how fresh it is lives in ``ctx.record`` (the
:class:`~claimdesk.ui.record_model.RecordModel`); edit, delete and export are
:class:`~claimdesk.ui.work_actions.WorkActions`. The window never does I/O on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QMetaMethod, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from claimdesk import __version__
from claimdesk.orcid.errors import InvalidTokenError
from claimdesk.ui import icons, start_settle
from claimdesk.ui.account_switcher import AccountSwitcher
from claimdesk.ui.app import AppContext
from claimdesk.ui.message_bar import MessageBar
from claimdesk.ui.work_actions import WorkActions
from claimdesk.ui.works_view import WorksView
from claimdesk.workflows.explain import explain
from claimdesk.workflows.session import AccountSession

log = logging.getLogger(__name__)

#: The message bar's topic for what the last read of the record said.
READING = "reading"


class MainWindow(QMainWindow):
    """claimdesk's main window."""

    sign_in_requested = Signal()
    settings_requested = Signal()  # the settings dialog belongs to the sign-in part
    demo_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record = ctx.record
        self._views: dict[str, QWidget] = {}
        # Views added as factories (built when first opened), and the tab pages that hold them.
        self._view_factories: dict[str, Callable[[], object]] = {}
        self._view_pages: dict[str, QWidget] = {}

        self.setWindowTitle("claimdesk")
        self.setWindowIcon(icons.app_icon())
        self.setUnifiedTitleAndToolBarOnMac(True)

        self.message_bar = MessageBar()
        self.works = WorksView(ctx)
        self.works.sign_in_requested.connect(self.sign_in_requested)
        self.works.demo_requested.connect(self.demo_requested)
        self.works.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.actions = WorkActions(ctx, self.works, self.message_bar, self.statusBar(), self)
        self.settler = start_settle.StartupSettler(ctx, self.message_bar, self.statusBar(), self)
        self.counts_label = QLabel()
        self.freshness_label = QLabel()
        self.statusBar().addWidget(self.counts_label, 1)
        self.statusBar().addPermanentWidget(self.freshness_label)
        self._build_actions()
        self._build_toolbar()
        self._build_central()
        self._build_menus()
        self._apply_icons()
        self._restore_geometry()

        self.record.account_changed.connect(self._account_changed)
        self.record.state_changed.connect(self._update)
        self.record.refreshed.connect(lambda: self.message_bar.hide_topic(READING))
        self.record.reconnected.connect(lambda _s: self.message_bar.hide_topic(READING))
        self.record.read_failed.connect(self._reading_failed)
        self.record.reconnect_failed.connect(
            lambda error: self.message_bar.show_message(explain(error), "error")
        )
        self.works.selection_changed.connect(self._update)
        self._update()

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
            self.record.refresh,
            [QKeySequence(QKeySequence.StandardKey.Refresh), QKeySequence("Ctrl+R")],
            self.tr("Read the record from ORCID again"),
        )
        self.find_action = action(
            self.tr("&Find"),
            self.focus_filter,
            QKeySequence(QKeySequence.StandardKey.Find),
            self.tr("Filter works by title, identifier, source or year"),
        )
        self.expand_action = action(self.tr("E&xpand all groups"), self.works.expand_all)
        self.collapse_action = action(
            self.tr("&Collapse all groups"), lambda: self.works.tree.collapseAll()
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
        acts = self.actions
        self.works.menu_actions = [
            acts.edit_action,
            acts.delete_action,
            None,
            self.expand_action,
            self.collapse_action,
        ]

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main"), self)
        bar.setObjectName("MainToolBar")
        bar.setMovable(False)
        bar.setIconSize(QSize(20, 20))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(bar)
        self.toolbar = bar

        self.switcher = AccountSwitcher(self.record)
        self.account_combo = self.switcher.combo
        bar.addWidget(self.switcher)
        bar.addSeparator()
        bar.addAction(self.refresh_action)
        bar.addAction(self.actions.edit_action)
        bar.addAction(self.actions.delete_action)
        export_button = QToolButton()
        export_button.setText(self.tr("Export"))
        export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_menu = QMenu(export_button)
        for act in self.actions.export_actions.values():
            export_menu.addAction(act)
        export_button.setMenu(export_menu)
        self.export_button = export_button
        bar.addWidget(export_button)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addWidget(self.works.find.visibility_combo)
        bar.addWidget(self.works.filter_edit)

    def _build_central(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabBarAutoHide(True)  # one view: no tab bar; the others make it appear
        self.tabs.currentChanged.connect(self._tab_opened)
        self.add_view(self.works, self.tr("Works"), key="works")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        acts = self.actions
        file_menu = bar.addMenu(self.tr("&File"))
        for act in acts.export_actions.values():
            file_menu.addAction(act)
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
        edit_menu.addAction(acts.edit_action)
        edit_menu.addAction(acts.delete_action)
        # Their keys act on the Works tab only: Delete in History or Curator must not ask to
        # delete a work selected out of sight (the menu and toolbar still reach them).
        for act in (acts.edit_action, acts.delete_action):
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.works.addAction(act)
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

    def _apply_icons(self) -> None:
        color = self.palette().color(QPalette.ColorRole.WindowText)
        for act, name in (
            (self.refresh_action, "refresh"),
            (self.actions.edit_action, "edit"),
            (self.actions.delete_action, "delete"),
            (self.find_action, "search"),
            (self.about_action, "about"),
        ):
            act.setIcon(icons.icon(name, color))
        self.export_button.setIcon(icons.icon("export", color))
        self.works.apply_icons(color)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Follow the system palette when it switches between light and dark.
        if event.type() == event.Type.PaletteChange:
            self._apply_icons()
            self.switcher.update_badge()
        super().changeEvent(event)

    @property
    def sign_in_available(self) -> bool:
        """Whether the sign-in part is wired (it shows the Sign in entries)."""
        return not self.works.sign_in_button.isHidden()

    def set_sign_in_available(self, available: bool) -> None:
        """Show the Sign in entries; the sign-in part connects ``sign_in_requested`` first."""
        self.works.sign_in_button.setVisible(available)

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
        return self.tabs.addTab(widget, icon or QIcon(), title)

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
        self._update()  # the works actions act on the Works tab only

    def show_view(self, key: str) -> None:
        """Bring the view ``key`` to the front."""
        self._build_view(key)
        self.tabs.setCurrentWidget(self._view_pages.get(key) or self._views[key])

    def view(self, key: str) -> QWidget:
        """The view added under ``key`` (a lazy one is built now)."""
        self._build_view(key)
        return self._views[key]

    def focus_filter(self) -> None:
        """Ctrl+F: the Works tab, with the cursor in the filter box."""
        self.show_view("works")
        self.works.focus_filter()

    # ==== the record ========================================================================

    def _account_changed(self, session: AccountSession | None) -> None:
        self.message_bar.hide()
        self.setWindowTitle(f"{session.label} — claimdesk" if session else "claimdesk")
        self._update()

    def _fill_account_menu(self) -> None:
        sign_in = self.sign_in_requested.emit if self.sign_in_available else None
        self.switcher.fill_menu(self.account_menu, sign_in)

    def _reading_failed(self, session: AccountSession, error: BaseException) -> None:
        from claimdesk.auth.session import ReconnectNeeded  # no stored/usable token (sign-in part)

        if isinstance(error, InvalidTokenError | ReconnectNeeded):
            text = (
                self.tr(
                    "The ORCID sign-in for %s is no longer valid (it was revoked or has "
                    "expired). The works below are the last copy claimdesk saw; reconnect "
                    "to refresh or change them."
                )
                % session.label
            )
            action = (self.tr("Reconnect…"), self.record.reconnect)
            self.message_bar.show_message(text, "error", action=action, topic=READING)
            return
        since = ""
        if self.record.is_stale:
            since = self.tr(" Showing the copy saved %s (read-only).") % self._when(
                self.record.cached_at
            )
        self.message_bar.show_message(
            self.tr("Could not refresh from ORCID: %s") % explain(error) + since,
            "warning",
            action=(self.tr("Try again"), self.record.refresh),
            topic=READING,
        )

    # ==== state ============================================================================

    def _update(self) -> None:
        works_shown = self.tabs.currentWidget() is self.works
        # Edit, delete, export and filter act on the Works tab: on another tab they would reach
        # a selection the user cannot see.
        self.works.filter_edit.setEnabled(works_shown)
        self.actions.enabled = works_shown
        self.actions.update()
        self.export_button.setEnabled(self.actions.export_csv_action.isEnabled())
        record = self.record
        self.refresh_action.setEnabled(record.session is not None and not record.refreshing)
        if record.session is None:
            self.counts_label.setText("")
            self.freshness_label.setText("")
            return
        self.counts_label.setText(self.works.counts_text())
        if record.refreshing and not record.table.groups:
            fresh = self.tr("Reading the record from ORCID…")
        elif record.is_stale:
            fresh = self.tr("Saved copy from %s") % self._when(record.cached_at)
            fresh += self.tr(" — refreshing…") if record.refreshing else self.tr(" — stale")
        elif record.last_refreshed is not None:
            fresh = self.tr("Refreshed %s") % self._when(record.last_refreshed)
            if record.refreshing:
                fresh += self.tr(" — refreshing…")
        else:
            fresh = self.tr("Refreshing…") if record.refreshing else ""
        self.freshness_label.setText(fresh)

    def _when(self, moment: datetime | None) -> str:
        if moment is None:
            return ""
        if moment.date() == datetime.now().astimezone().date():
            return moment.strftime("%H:%M")
        return moment.strftime("%Y-%m-%d %H:%M")

    def show_about(self) -> None:
        """The About box."""
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion
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
            % (__version__, qVersion(), pyside_version, self.ctx.log_path or self.tr("none")),
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
        self.works.restore_state(qs)

    def save_geometry(self) -> None:
        """Remember size, position, splitter and columns for the next start."""
        qs = self.ctx.qsettings
        qs.setValue("main/geometry", self.saveGeometry())
        qs.setValue("main/state", self.saveState())
        self.works.save_state(qs)
        qs.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_geometry()
        super().closeEvent(event)
