"""``claimdesk`` / ``claimdesk gui`` / ``claimdesk --demo``: the desktop app.

Qt is imported inside :func:`run_gui` only, so every other command starts without it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimdesk.ui.main_window import MainWindow
    from claimdesk.workflows.demo import Demo

HELP = "open the desktop app (the default)"


def add_gui_arguments(parser: argparse.ArgumentParser) -> None:
    """``claimdesk gui --demo`` works too (the same as ``claimdesk --demo``)."""
    parser.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS,
        help="start the embedded sandbox and open the app signed in to its demo researcher",
    )


def run_gui(args: argparse.Namespace) -> int:
    """Open the main window; with ``--demo``, on the embedded sandbox's demo researcher."""
    import sys

    from claimdesk.ui.app import (
        create_application,
        install_excepthook,
        open_log_file,
        setup_logging,
    )

    # The log file opens right after the first paint (what is logged before is held till then).
    log_path = setup_logging(getattr(args, "verbose", 0), open_file=False)
    app = create_application(sys.argv[:1])
    window_ref: list[MainWindow] = []
    install_excepthook(log_path, lambda: window_ref[0] if window_ref else None)
    window = open_window(args, log_path=log_path, after_paint=True)
    window_ref.append(window)
    app.aboutToQuit.connect(window.ctx.shutdown)
    app.aboutToQuit.connect(open_log_file)  # if the window was never painted
    run_after_first_paint(window, [open_log_file])
    from claimdesk.ui import startup_probe

    if startup_probe.wanted():  # benchmarks/bench_startup.py: say when painted, then quit
        startup_probe.report_first_paint_and_quit(window)
    window.show()
    return app.exec()


def open_window(
    args: argparse.Namespace, *, log_path: Path | None = None, after_paint: bool = False
) -> MainWindow:
    """The main window with its accounts and views, not shown yet (needs a QApplication).

    With ``--demo``, or when no ORCID client is configured, it shows the demo researcher; the
    demo's data live in a temporary folder that the window's context removes at shutdown.

    ``after_paint`` (the app does this): what is not needed to paint the window waits for its
    first paint: the demo's sandbox starts then (the window says "Starting the demo…" until it
    has), and the signed-in record's works are read then.
    """
    from claimdesk.config import Settings, local_endpoints, settings_from_args
    from claimdesk.ui.accounts_menu import AccountsController
    from claimdesk.ui.app import create_context
    from claimdesk.ui.main_window import MainWindow

    later: list[Callable[[], None]] = []
    if getattr(args, "demo", False):
        if after_paint:
            # Until the demo's sandbox runs, the context has placeholder settings (unused: no
            # view reads them before the demo record is shown).
            placeholder = Settings(endpoints=local_endpoints("http://127.0.0.1"))
            ctx = create_context(placeholder, log_path=log_path)
            window = MainWindow(ctx)
            window.works.show_starting_demo()
            AccountsController(window)

            def start() -> None:
                demo = _start_demo(window)
                ctx.settings = demo.settings
                demo.attach(ctx)
                window.record.set_accounts([demo.session])

            later.append(start)
        else:
            from claimdesk.workflows.demo import start_demo

            demo = start_demo()
            ctx = create_context(demo.settings, log_path=log_path)
            demo.attach(ctx)
            window = MainWindow(ctx)
            window.record.set_accounts([demo.session])
            AccountsController(window)
    else:
        # The client secret is read from the keyring where it is used, on a worker: the keyring
        # is slow to load and may ask to be unlocked, which must not hold up the window.
        settings = settings_from_args(args)
        ctx = create_context(settings, log_path=log_path)
        window = MainWindow(ctx)

        def open_demo() -> None:
            demo = _start_demo(window)
            demo.attach(ctx)
            window.record.add_account(demo.session)

        window.demo_requested.connect(open_demo)
        accounts = AccountsController(window)
        sessions, current = accounts.stored_sessions(settings.env)
        if after_paint:
            window.record.hold_loading()
            later.append(window.record.release_loading)
        window.record.set_accounts(sessions, current)
        if not sessions and not settings.client_id:
            # No ORCID client configured: run on the embedded sandbox and say how to set one up.
            if after_paint:
                window.works.show_starting_demo()
                later += [open_demo, accounts.show_demo_hint]
            else:
                open_demo()
                accounts.show_demo_hint()

    add_lazy_views(window)
    _install_help(window, demo_offered=not getattr(args, "demo", False))
    if later:
        run_after_first_paint(window, later)
    return window


def _install_help(window: MainWindow, *, demo_offered: bool) -> None:
    """The Help menu's pages, the tab shortcuts and (outside ``--demo``) Try the demo."""
    from claimdesk.ui.accounts_menu import DEMO_ENV
    from claimdesk.ui.help_pages import install_help

    def try_demo() -> None:
        shown = next((s for s in window.record.sessions if s.env == DEMO_ENV), None)
        if shown is None:
            window.demo_requested.emit()
        else:
            window.record.switch_account(shown)
        window.show_view("works")

    install_help(window, demo=try_demo if demo_offered else None)


def _start_demo(window: MainWindow) -> Demo:
    """Start the demo; then (started or not) the window no longer says it is starting."""
    from claimdesk.workflows.demo import start_demo

    try:
        return start_demo()
    finally:
        window.works.show_starting_demo(False)


def run_after_first_paint(window: MainWindow, steps: list[Callable[[], None]]) -> None:
    """Run ``steps`` in order once ``window`` has first been painted (right after that paint).

    Steps added by later calls run after those of earlier ones (one watcher per window).
    """
    pending: list[Callable[[], None]] | None = getattr(window, "_after_first_paint", None)
    if pending is not None:
        pending += steps
        return
    from PySide6.QtCore import QTimer

    from claimdesk.ui.startup_probe import FirstPaint

    pending = window._after_first_paint = list(steps)

    def run() -> None:
        window._after_first_paint = None  # later calls: the next paint
        for step in pending:
            step()

    # A zero timer lets the paint finish (and reach the screen) first.
    FirstPaint(window, lambda _when: QTimer.singleShot(0, window, run), children=False)


def add_lazy_views(window: MainWindow) -> None:
    """The Search, History, Public record and Curator tabs, each built when first opened
    (quicker start-up)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QPalette

    from claimdesk.ui import icons

    def search() -> object:
        from claimdesk.ui.search_view import install_search_view

        return install_search_view(window)

    def history() -> object:
        from claimdesk.ui.history_view import HistoryView

        return HistoryView(window.ctx)

    def public() -> object:
        from claimdesk.ui.public_view import PublicView

        return PublicView(window.ctx)

    def curator() -> object:
        from claimdesk.ui.curator_view import install_curator_view

        return install_curator_view(window)

    # The tabs are the window's words: translated in its context (packaging/translations.py).
    translate = QCoreApplication.translate
    color = window.palette().color(QPalette.ColorRole.WindowText)
    search_title = translate("MainWindow", "Search")
    window.add_view(search, search_title, key="search", icon=icons.icon("search", color))
    window.add_view(history, translate("MainWindow", "History"), key="history")
    window.add_view(public, translate("MainWindow", "Public record"), key="public")
    curator_icon = icons.icon("researcher", color)
    window.add_view(curator, translate("MainWindow", "Curator"), key="curator", icon=curator_icon)
