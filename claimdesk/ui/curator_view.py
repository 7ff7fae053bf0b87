"""The Curator view: the DOI ↔ ORCID round trip for a repository, a prefix or a DOI list, and the
push of missing DOIs to researchers who gave permission.

The round trip (:func:`claimdesk.curator.roundtrip.run_roundtrip`) runs on the read pool with
progress and Cancel; its checkpoint lets Resume finish a cancelled run without asking ORCID again.
The report shows per DOI per iD, filtered by category, with summary counts, CSV/JSON export and
"Push…", which always shows the plan (:class:`claimdesk.ui.push_dialog.PushPlanDialog`) before
anything is sent through the claims journal and write queue.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QWidget,
)

from claimdesk.curator.report import (
    IN_BOTH,
    MISSING,
    NOT_CHECKED,
    NOT_IN_METADATA,
    UNREADABLE,
    RoundTripReport,
)
from claimdesk.ui.curator_layout import FILTERS, INPUTS, CuratorLayout
from claimdesk.ui.curator_model import CATEGORY_COLORS, CuratorFilter, CuratorModel
from claimdesk.ui.curator_pushing import CuratorPushing
from claimdesk.ui.curator_work import build_target
from claimdesk.workflows.explain import explain

if TYPE_CHECKING:
    from claimdesk.config import Settings
    from claimdesk.ui.app import AppContext
    from claimdesk.ui.push_dialog import PushPlanDialog
    from claimdesk.workflows.session import AccountSession

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Carries progress from worker threads to the GUI thread (queued signals)."""

    progress = Signal(object)  # RoundTripProgress
    push_progress = Signal(object)  # PushProgress


class CuratorView(CuratorLayout, CuratorPushing, QWidget):
    """Round trip, report, export, push.

    The widgets (:class:`CuratorLayout`) and the push (:class:`CuratorPushing`) live in their own
    modules; this class holds the state, the round trip and its report.
    """

    run_finished = Signal()  # a report (complete or partial) is shown, or the run failed
    push_finished = Signal(object)  # PushResult
    push_plan_shown = Signal(object)  # PushPlanDialog

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        #: the records open in the window (a push writes to them through their own client)
        self.sessions: Callable[[], list[AccountSession]] = lambda: list(ctx.record.sessions)
        self.session: AccountSession | None = None
        self.report: RoundTripReport | None = None
        self.push_dialog: PushPlanDialog | None = None
        self._cancel: threading.Event | None = None
        self._cancel_push: threading.Event | None = None
        self._pushing = False
        #: the last run was cancelled or broke off: Resume can finish it
        self._resumable = False
        #: the ingested data files the round trip answers from (None: ask ORCID)
        self.dumps_dir: Path | None = None
        self._relay = _Relay(self)
        self._relay.progress.connect(self._show_progress)
        self._relay.push_progress.connect(self._show_push_progress)
        self.model = CuratorModel(self)
        self.proxy = CuratorFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self._kind_changed()
        self._update()

    # ==== input ================================================================================

    def set_session(self, session: AccountSession | None) -> None:
        """The environment the round trip runs in is the open record's."""
        self.session = session
        if session is not None and session.env == "demo" and not self.input_edit.text():
            from claimdesk.sandbox.entries import ORG_CLIENT_ID

            self.set_input("repository", ORG_CLIENT_ID)
        self._update()

    @property
    def settings(self) -> Settings:
        """The open record's settings, else the app's."""
        return self.session.settings if self.session is not None else self.ctx.settings

    def set_input(self, kind: str, text: str) -> None:
        """Choose the input kind and fill it (tests and the demo use this)."""
        keys = [k for k, _label, _hint in INPUTS]
        self.kind_combo.setCurrentIndex(keys.index(kind))
        self.input_edit.setText(text)

    def _kind_changed(self) -> None:
        kind = self.kind_combo.currentData()
        hint = next(h for k, _label, h in INPUTS if k == kind)
        self.input_edit.setPlaceholderText(self.tr(hint))
        self.browse_button.setVisible(kind == "file")
        self._update()

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("DOI list"),
            str(Path.home()),
            self.tr("DOI lists (*.txt *.csv *.ris *.bib *.bibtex);;All files (*)"),
        )
        if chosen:
            self.input_edit.setText(chosen)

    # ==== running ==============================================================================

    @property
    def running(self) -> bool:
        """True while a round trip runs."""
        return self._cancel is not None

    def choose_dumps(self, folder: str | Path | None = None) -> None:
        """Answer from the ingested data files in ``folder`` (asks for it when None); a second
        click goes back to asking ORCID. Says what to install when the extra is missing."""
        from claimdesk.dumps import extra

        if self.dumps_dir is not None and folder is None:
            self.dumps_dir = None
        elif extra.missing("duckdb", "pyarrow"):
            self.dumps_dir = None
            self.message_bar.show_message(
                self.tr(
                    "The round trip from the public data files needs claimdesk's 'scale' "
                    "extra (DuckDB, pyarrow). %s"
                )
                % extra.INSTALL_HINT.capitalize(),
                "warning",
            )
        else:
            if folder is None:
                folder = QFileDialog.getExistingDirectory(
                    self, self.tr("Folder of the ingested data files"), str(Path.home())
                )
            self.dumps_dir = Path(folder) if folder else None
        self.dumps_button.setChecked(self.dumps_dir is not None)
        name = self.dumps_dir.name if self.dumps_dir is not None else None
        self.dumps_button.setText(
            self.tr("Data files: %s") % name if name else self.tr("Data files…")
        )

    def start_run(self, *, resume: bool = False) -> None:
        """Run the round trip (``resume``: continue the cancelled one) in the background."""
        from claimdesk.curator.roundtrip import STATE_FILE_NAME, run_roundtrip

        if self.running:
            return
        kind, text = self.kind_combo.currentData(), self.input_edit.text().strip()
        if not text:
            self.message_bar.show_message(self.tr("Say what to check first."), "warning")
            return
        if self.dumps_dir is not None:
            self._run_from_dumps(self.dumps_dir, kind, text)
            return
        cancel = threading.Event()
        self._cancel = cancel
        settings = self.settings
        # A session with its own data folder (the demo) keeps its checkpoint there.
        data_dir = self.session.data_dir if self.session is not None else None
        state_path = data_dir / STATE_FILE_NAME if data_dir is not None else None
        emit = self._relay.progress.emit

        def run() -> RoundTripReport:
            target = build_target(kind, text)
            return run_roundtrip(
                settings,
                target,
                state_path=state_path,
                resume=resume,
                cancel=cancel,
                on_progress=emit,
            )

        self.message_bar.hide()
        self.progress_bar.setRange(0, 0)
        self.progress_label.setText(self.tr("Collecting the DOIs' metadata…"))
        self.progress_holder.show()
        self.ctx.reads.start(
            run, on_result=self._show_report, on_error=self._run_failed, on_done=self._run_ended
        )
        self._update()

    def _run_from_dumps(self, folder: Path, kind: str, text: str) -> None:
        def run() -> RoundTripReport:
            from claimdesk.dumps.query import DumpTables

            with DumpTables(folder, build_target(kind, text)) as tables:
                return tables.report()

        self._cancel = threading.Event()  # a query is not cancelled, but the view is busy
        self.message_bar.hide()
        self.progress_bar.setRange(0, 0)
        self.progress_label.setText(self.tr("Querying the data files…"))
        self.progress_holder.show()
        self.ctx.reads.start(
            run, on_result=self._show_report, on_error=self._run_failed, on_done=self._run_ended
        )
        self._update()

    def cancel(self) -> None:
        """Stop after the requests in flight; Resume finishes later."""
        if self._cancel is not None:
            self._cancel.set()
            self.progress_label.setText(self.tr("Cancelling after the requests in flight…"))

    def _show_progress(self, progress: Any) -> None:
        if self._cancel is None:
            return
        if progress.phase == "metadata":
            self.progress_bar.setRange(0, 0)
            self.progress_label.setText(
                self.tr("Collecting the DOIs' metadata: %d DOIs so far") % progress.done
            )
        else:
            self.progress_bar.setRange(0, max(progress.total, 1))
            self.progress_bar.setValue(progress.done)
            self.progress_label.setText(
                self.tr("Asking ORCID: %d of %d record reads and searches")
                % (progress.done, progress.total)
            )

    def _run_ended(self) -> None:
        self._cancel = None
        self.progress_holder.hide()
        self._update()
        self.run_finished.emit()

    def _run_failed(self, error: BaseException) -> None:

        self.message_bar.show_message(
            self.tr("The round trip stopped: %s. What was learnt is kept; Resume continues.")
            % explain(error).rstrip("."),
            "error",
        )
        self._resumable = True

    def _show_report(self, report: RoundTripReport) -> None:
        self.report = report
        self._resumable = not report.complete
        self.model.set_rows(report.rows)
        self._show_summary()
        if not report.complete:
            self.message_bar.show_message(
                self.tr(
                    "Cancelled: the report below is partial. Resume finishes it without "
                    "asking ORCID again for what it already answered."
                ),
                "warning",
            )
        elif report.without_metadata:
            self.message_bar.show_message(
                self.tr("%d DOIs have no metadata in DataCite or Crossref: %s")
                % (len(report.without_metadata), ", ".join(report.without_metadata[:5])),
                "warning",
            )
        elif report.unreadable:
            self.message_bar.show_message(
                self.tr(
                    "%d ORCID records could not be read (deactivated, private or missing); "
                    "their pairs are listed as “record not readable”."
                )
                % len(report.unreadable),
                "info",
            )

    def _show_summary(self) -> None:
        report = self.report
        if report is None:
            self.summary_label.setText(
                self.tr(
                    "Check which ORCID records list the DOIs whose metadata names them — and which "
                    "records list DOIs whose metadata does not."
                )
            )
            for category, button in self.filter_buttons.items():
                button.setText(self.tr(dict(FILTERS)[category]))
            return
        s = report.summary
        counts = {
            None: s.pairs,
            IN_BOTH: s.in_both,
            MISSING: s.missing,
            NOT_IN_METADATA: s.not_in_metadata,
            UNREADABLE: s.unreadable,
            NOT_CHECKED: s.not_checked,
        }
        for category, button in self.filter_buttons.items():
            button.setText(f"{self.tr(dict(FILTERS)[category])} ({counts[category]:,})")
            button.setVisible(category not in (UNREADABLE, NOT_CHECKED) or counts[category] > 0)

        def chip(label: str, value: int, color: str | None = None) -> str:
            style = f" style='color:{color}'" if color else ""
            return f"<span{style}><b>{value:,}</b> {label}</span>"

        parts = [
            chip(self.tr("DOIs"), s.dois),
            chip(self.tr("ORCID iDs"), s.orcids),
            chip(self.tr("pairs"), s.pairs),
            chip(self.tr("in both"), s.in_both, CATEGORY_COLORS[IN_BOTH].name()),
            chip(self.tr("missing on ORCID"), s.missing, CATEGORY_COLORS[MISSING].name()),
            chip(
                self.tr("on ORCID but not in metadata"),
                s.not_in_metadata,
                CATEGORY_COLORS[NOT_IN_METADATA].name(),
            ),
        ]
        if s.unreadable:
            parts.append(
                chip(self.tr("not readable"), s.unreadable, CATEGORY_COLORS[UNREADABLE].name())
            )
        parts.append(chip(self.tr("DOIs in neither"), s.neither))
        if s.dois_without_metadata:
            parts.append(chip(self.tr("DOIs without metadata"), s.dois_without_metadata))
        if report.problems:
            parts.append(
                chip(self.tr("metadata problems (in the JSON export)"), len(report.problems))
            )
        state = self.tr("complete") if report.complete else self.tr("partial — resume to finish")
        self.summary_label.setText(
            f"<b>{report.input}</b> ({state}): " + " &nbsp;·&nbsp; ".join(parts)
        )

    def set_filter(self, category: str | None) -> None:
        """Show one category of pairs, or all of them (None)."""
        self.proxy.set_category(category)
        button = self.filter_buttons.get(category)
        if button is not None and not button.isChecked():
            button.setChecked(True)

    # ==== export ===============================================================================

    def export(self, kind: str, path: str | Path | None = None) -> None:
        """Write the report as CSV or JSON (asks for a file when no ``path``)."""
        report = self.report
        if report is None:
            return
        if path is None:
            name = "roundtrip.csv" if kind == "csv" else "roundtrip.json"
            flt = self.tr("CSV files (*.csv)") if kind == "csv" else self.tr("JSON (*.json)")
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export the round trip"), str(Path.home() / name), flt
            )
            if not chosen:
                return
            path = chosen
        target = Path(path)

        def write() -> int:
            if kind == "json":
                target.write_text(report.to_json() + "\n", encoding="utf-8")
            else:
                with target.open("w", encoding="utf-8", newline="") as out:
                    report.write_csv(out)
            return len(report.rows)

        self.ctx.reads.start(
            write,
            on_result=lambda n: self.message_bar.show_message(
                self.tr("Exported %d pairs to %s.") % (n, target), "success"
            ),
            on_error=lambda e: self.message_bar.show_message(
                self.tr("Could not export to %s: %s") % (target, explain(e)), "error"
            ),
        )

    # ==== state ================================================================================

    def _update(self) -> None:
        running = self.running
        has_input = bool(self.input_edit.text().strip())
        self.run_button.setVisible(not running)
        self.cancel_button.setVisible(running)
        self.run_button.setEnabled(has_input and not self._pushing)
        self.resume_button.setVisible(not running and self._resumable)
        self.kind_combo.setEnabled(not running)
        self.input_edit.setEnabled(not running)
        has_report = self.report is not None and not running
        self.export_csv_button.setEnabled(has_report)
        self.export_json_button.setEnabled(has_report)
        self.push_button.setEnabled(
            has_report and not self._pushing and bool(self.report and self.report.summary.missing)
        )
        if self.report is None:
            self._show_summary()

    def shutdown(self) -> None:
        """Stop a run or a push (at exit)."""
        self.cancel()
        if self._cancel_push is not None:
            self._cancel_push.set()


def install_curator_view(window) -> CuratorView:
    """Add the Curator view to ``window`` (key ``curator``), following its open record.

    Pushes go to the claim journal of the record shown (``ctx.journals``, shared with History).
    """
    from claimdesk.ui import icons

    view = CuratorView(window.ctx, window)
    color = window.palette().color(QPalette.ColorRole.WindowText)
    window.add_view(view, view.tr("Curator"), key="curator", icon=icons.icon("researcher", color))
    view.set_session(window.record.session)
    window.record.account_changed.connect(view.set_session)
    view.push_finished.connect(
        lambda _result: window.record.refresh()
    )  # the open record may have grown
    # Pushes through a permissions service (claimdesk serve) for researchers who granted there.
    from claimdesk.ui.service_panel import ServicePanel

    view.service_panel = ServicePanel(
        window.ctx, lambda: view.report, view.versions_box.isChecked, view
    )
    view.layout().addWidget(view.service_panel)
    view.run_finished.connect(view.service_panel.report_changed)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(view.shutdown)
    return view
