"""``claimdesk`` / ``claimdesk gui`` / ``claimdesk --demo``: the desktop app.

Qt is imported inside :func:`run_gui` only, so every other command starts without it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimdesk.ui.main_window import MainWindow

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

    from claimdesk.ui.app import create_application, install_excepthook, setup_logging

    log_path = setup_logging(getattr(args, "verbose", 0))
    app = create_application(sys.argv[:1])
    window_ref: list[MainWindow] = []
    install_excepthook(log_path, lambda: window_ref[0] if window_ref else None)
    window = open_window(args, log_path=log_path)
    window_ref.append(window)
    app.aboutToQuit.connect(window.ctx.shutdown)
    from claimdesk.ui import startup_probe

    if startup_probe.wanted():  # benchmarks/bench_startup.py: say when painted, then quit
        startup_probe.report_first_paint_and_quit(window)
    window.show()
    return app.exec()


def open_window(args: argparse.Namespace, *, log_path: Path | None = None) -> MainWindow:
    """The main window with its accounts and views, not shown yet (needs a QApplication).

    With ``--demo``, or when no ORCID client is configured, it shows the demo researcher; the
    demo's data live in a temporary folder that the window's context removes at shutdown.
    """
    from claimdesk.config import settings_from_args
    from claimdesk.ui.accounts_menu import AccountsController
    from claimdesk.ui.app import create_context
    from claimdesk.ui.demo import start_demo
    from claimdesk.ui.main_window import MainWindow

    if getattr(args, "demo", False):
        demo = start_demo()
        ctx = create_context(demo.settings, log_path=log_path)
        demo.attach(ctx)
        window = MainWindow(ctx)
        window.set_accounts([demo.session])
        AccountsController(window)
    else:
        # The client secret is read from the keyring where it is used, on a worker: the keyring
        # is slow to load and may ask to be unlocked, which must not hold up the window.
        settings = settings_from_args(args, use_keyring=False)
        ctx = create_context(settings, log_path=log_path)
        window = MainWindow(ctx)

        def open_demo() -> None:
            demo = start_demo()
            demo.attach(ctx)
            window.add_account(demo.session)

        window.demo_requested.connect(open_demo)
        accounts = AccountsController(window)
        sessions, current = accounts.stored_sessions(settings.env)
        window.set_accounts(sessions, current)
        if not sessions and not settings.client_id:
            # No ORCID client configured: run on the embedded sandbox and say how to set one up.
            open_demo()
            accounts.show_demo_hint()

    add_lazy_views(window)
    return window


def add_lazy_views(window: MainWindow) -> None:
    """The Search, History and Curator tabs, each built when first opened (quicker start-up)."""
    from PySide6.QtGui import QPalette

    from claimdesk.ui import icons

    def search() -> object:
        from claimdesk.ui.search_view import install_search_view

        return install_search_view(window)

    def history() -> object:
        from claimdesk.ui.history_view import HistoryView

        return HistoryView(window)

    def curator() -> object:
        from claimdesk.ui.curator_view import install_curator_view

        return install_curator_view(window)

    color = window.palette().color(QPalette.ColorRole.WindowText)
    window.add_view(search, window.tr("Search"), key="search", icon=icons.icon("search", color))
    window.add_view(history, window.tr("History"), key="history")
    window.add_view(
        curator, window.tr("Curator"), key="curator", icon=icons.icon("researcher", color)
    )
