"""The application shell: QApplication, the context object, logging and the crash dialog.

Following git-cola, one explicit :class:`AppContext` carries what widgets need (settings, the
task runners, the offline cache, QSettings) instead of module globals. :func:`run` builds it all,
shows the window and, at exit, cancels and waits for every background task.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QThreadPool,
    QTranslator,
)
from PySide6.QtWidgets import QApplication, QWidget

from claimdesk import APP_NAME, __version__
from claimdesk.config import Settings, paths
from claimdesk.ui.interaction import DialogInteraction, Interaction
from claimdesk.ui.record_model import RecordModel
from claimdesk.ui.tasks import TaskRunner
from claimdesk.workflows.cache import WorksCache
from claimdesk.workflows.journals import SessionJournals

log = logging.getLogger(__name__)

LOG_FILE = "claimdesk.log"


@dataclass
class AppContext:
    """What the window and its parts share; built once per run (tests build their own)."""

    settings: Settings
    reads: TaskRunner
    writes: TaskRunner
    cache: WorksCache | None
    qsettings: QSettings
    log_path: Path | None = None
    #: the claim journals of the records shown (Search, History and Curator share them)
    journals: SessionJournals = field(default_factory=SessionJournals)
    #: called at exit after the tasks are done (the demo stops its sandbox here)
    cleanups: list[Callable[[], None]] = field(default_factory=list)
    #: how views ask the user (dialogs in the app; tests give it fixed answers)
    interaction: Interaction = field(default_factory=DialogInteraction)
    #: the record shown: sessions, works, freshness (built by :func:`create_context`)
    record: RecordModel = field(init=False)

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Cancel background work, wait for it, close the claim journals, run the cleanups."""
        self.reads.cancel_all()
        self.writes.cancel_all()
        self.writes.wait(timeout_ms)
        self.reads.wait(timeout_ms)
        self.journals.close()
        for cleanup in reversed(self.cleanups):
            try:
                cleanup()
            except Exception:
                log.exception("cleanup at exit failed")
        self.cleanups.clear()


def create_context(
    settings: Settings, *, home: Path | None = None, log_path: Path | None = None
) -> AppContext:
    """A context whose files live under ``paths()`` (or ``home`` when given)."""
    dirs = paths()
    cache_dir = (home / "cache") if home else dirs.cache_dir
    config_dir = (home / "config") if home else dirs.config_dir
    config_dir.mkdir(parents=True, exist_ok=True)
    qsettings = QSettings(str(config_dir / "gui.ini"), QSettings.Format.IniFormat)
    write_pool = QThreadPool()
    write_pool.setMaxThreadCount(1)  # ORCID takes one write per record at a time
    ctx = AppContext(
        settings=settings,
        reads=TaskRunner(QThreadPool.globalInstance()),
        writes=TaskRunner(write_pool),
        cache=WorksCache(cache_dir),
        qsettings=qsettings,
        log_path=log_path,
    )
    ctx.record = RecordModel(ctx)
    return ctx


class HeldRecords(logging.Handler):
    """Keeps log records until :func:`open_log_file` writes them to the log file.

    The app opens its rotating log file once the window has been painted: ``logging.handlers``
    (with socket, pickle and queue) is not needed to paint it.
    """

    def __init__(self, path: Path, formatter: logging.Formatter) -> None:
        super().__init__()
        self.path = path
        self.setFormatter(formatter)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _file_handler(path: Path, fmt: logging.Formatter) -> logging.Handler:
    import logging.handlers

    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(fmt)
    return handler


def open_log_file() -> None:
    """Open the log file that ``setup_logging(open_file=False)`` held back and write what it
    held (does nothing when it is open already)."""
    root = logging.getLogger()
    for held in [h for h in root.handlers if isinstance(h, HeldRecords)]:
        root.removeHandler(held)
        with held.lock or contextlib.nullcontext():
            records, held.records = held.records, []
        assert held.formatter is not None
        try:
            handler = _file_handler(held.path, held.formatter)
        except OSError as err:
            print(f"claimdesk: cannot write the log file ({err})", file=sys.stderr)
            continue
        for record in records:
            handler.handle(record)
        root.addHandler(handler)
    from claimdesk.auth.redact import install as install_redaction

    install_redaction(root)


def setup_logging(verbose: int = 0, *, open_file: bool = True) -> Path | None:
    """Log to a rotating file in the user log dir (and stderr with -v); returns the file.

    ``open_file=False``: records are held until :func:`open_log_file` opens the file (the app
    does that right after the window's first paint, and at exit or on a crash before it).
    """
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose > 1 else logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    path: Path | None = None
    try:
        log_dir = paths().log_dir
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / LOG_FILE
        root.addHandler(_file_handler(path, fmt) if open_file else HeldRecords(path, fmt))
    except OSError as err:
        print(f"claimdesk: cannot write the log file ({err})", file=sys.stderr)
    if verbose:
        console = logging.StreamHandler()
        console.setFormatter(fmt)
        root.addHandler(console)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    from claimdesk.auth.redact import install as install_redaction

    install_redaction(root)  # tokens, codes and secrets never reach the log, whatever logs them
    return path


def install_excepthook(log_path: Path | None, parent: Callable[[], QWidget | None]) -> None:
    """Uncaught exceptions go to the log and to a dialog that says where the log is."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        log.critical("uncaught exception", exc_info=(kind, error, tb))
        open_log_file()  # a crash before the first paint: write the held records now
        if QApplication.instance() is None:
            traceback.print_exception(kind, error, tb)
            return
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(parent())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("app", "claimdesk — unexpected error"))
        box.setText(
            QCoreApplication.translate(
                "app",
                "Something went wrong inside claimdesk. Your ORCID record was not changed "
                "by this error.",
            )
        )
        where = str(log_path) if log_path else QCoreApplication.translate("app", "(no log file)")
        box.setInformativeText(
            QCoreApplication.translate(
                "app",
                "The details are in the log file:\n%s\n\nPlease include it when you report "
                "the problem.",
            )
            % where
        )
        box.setDetailedText("".join(traceback.format_exception(kind, error, tb)))
        box.exec()

    sys.excepthook = hook


def install_translations(app: QCoreApplication, locale: QLocale) -> list[QTranslator]:
    """Qt's own and claimdesk's translations for ``locale`` (those that exist), installed on
    ``app``; returns them (``app.removeTranslator`` takes one away again)."""
    from claimdesk.ui import icons

    installed = []
    for name, directory in (
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ("claimdesk", str(icons.resources_dir() / "translations")),
    ):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", directory):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def create_application(argv: list[str]) -> QApplication:
    """The QApplication with names, icon and translations (Qt's own plus claimdesk's)."""
    from claimdesk.ui import icons
    from claimdesk.workflows.explain import set_translator

    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    set_translator(lambda text: QCoreApplication.translate("explain", text))
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_NAME)
    app.setWindowIcon(icons.app_icon())
    # The palette is left to the platform, so light/dark follows the system; Fusion is used only
    # where the platform has no native style (it honours the dark palette Qt picks on Linux).
    if sys.platform.startswith("linux") and app.style().name().lower() == "windows":
        app.setStyle("Fusion")
    install_translations(app, QLocale.system())
    return app
