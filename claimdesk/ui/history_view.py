"""The History view: the claim journal as a table, filterable by state, with Retry failed.

Rows come from ``claims/journal.py`` (read on a worker), shown through a
:class:`QAbstractTableModel` behind a sort/filter proxy. Retry failed sends the shown account's
failed claims again through ``claims/runner.py`` on the window's write queue, with progress and
cancel. When an account reconnects (``auth.session.on_reconnect``), its pending claims resume.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from claimdesk.claims.changes import ChangeState
from claimdesk.claims.journal import JournalEntry, JournalState
from claimdesk.ui.history_model import (
    WIDTHS,
    Column,
    HistoryFilter,
    HistoryModel,
)
from claimdesk.ui.message_bar import MessageBar
from claimdesk.ui.removed_claims import RemovedClaimActions
from claimdesk.ui.results_table import results_table
from claimdesk.workflows.resend import resendable

if TYPE_CHECKING:
    from claimdesk.auth.accounts import Account
    from claimdesk.claims.runner import RunProgress, RunResult
    from claimdesk.ui.app import AppContext
    from claimdesk.workflows.session import AccountSession

log = logging.getLogger(__name__)

#: Most recent claims shown (the journal keeps every one).
HISTORY_LIMIT = 20_000

#: (label, state or None for all) in the state filter
STATE_FILTERS: tuple[tuple[str, JournalState | ChangeState | None], ...] = (
    (QT_TRANSLATE_NOOP("HistoryView", "All claims"), None),
    (QT_TRANSLATE_NOOP("HistoryView", "Failed"), JournalState.FAILED),
    (QT_TRANSLATE_NOOP("HistoryView", "Pending"), JournalState.PENDING),
    (QT_TRANSLATE_NOOP("HistoryView", "Done"), JournalState.DONE),
    (QT_TRANSLATE_NOOP("HistoryView", "To send"), JournalState.UNSENT),
    (QT_TRANSLATE_NOOP("HistoryView", "Cancelled"), JournalState.CANCELLED),
    (QT_TRANSLATE_NOOP("HistoryView", "Edited"), ChangeState.EDITED),
    (QT_TRANSLATE_NOOP("HistoryView", "Deleted"), ChangeState.DELETED),
    (QT_TRANSLATE_NOOP("HistoryView", "Look-up failed"), JournalState.LOOKUP_FAILED),
    (QT_TRANSLATE_NOOP("HistoryView", "Removed on orcid.org"), JournalState.REMOVED),
)


class HistoryView(QWidget):
    """The claim journal (every account's; the demo has its own), with Retry failed for the
    account shown."""

    #: the journal was read again (rows are current)
    reloaded = Signal()
    #: a retry or resume run has ended (its RunResult)
    run_finished = Signal(object)
    # worker → GUI thread
    _progressed = Signal(object)
    _reconnected = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record = ctx.record
        #: the data folder of the journal shown (the demo has its own)
        self._data_dir: Path | None = None
        self._stop: threading.Event | None = None
        self._loading = False
        self._reload_again = False
        self.running = False
        self._retrying = False

        self.model = HistoryModel(self)
        self.proxy = HistoryFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()

        self._progressed.connect(self._on_progress)
        self._reconnected.connect(self.resume)
        # A session renewed in place (the demo's "sign in again") resumes its pending claims too.
        self.record.reconnected.connect(self.resume_session)
        self.record.refreshed.connect(self.reload)
        self.record.works_changed.connect(self.reload)
        self.record.account_changed.connect(self._account_changed)

        from claimdesk.auth.session import on_reconnect

        remove = on_reconnect(self._reconnected.emit)
        self.destroyed.connect(lambda *_: remove())
        self.ctx.cleanups.append(remove)

    # ==== building =========================================================================

    def _build(self) -> None:
        self.state_combo = QComboBox()
        for label, state in STATE_FILTERS:
            self.state_combo.addItem(self.tr(label), state)
        self.state_combo.currentIndexChanged.connect(
            lambda i: self.proxy.set_state(self.state_combo.itemData(i))
        )
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter: DOI, title, ORCID iD, error"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.reload_button = QPushButton(self.tr("Reload"))
        self.reload_button.setToolTip(self.tr("Read the claim journal again"))
        self.reload_button.clicked.connect(self.reload)
        self.retry_button = QPushButton(self.tr("Send again"))
        self.retry_button.clicked.connect(self.retry_failed)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setFormat(self.tr("%v of %m"))
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Finish the request in flight, then send no more"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()

        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(QLabel(self.tr("Show")))
        bar.addWidget(self.state_combo)
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.progress)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.reload_button)
        bar.addWidget(self.retry_button)

        self.message = MessageBar()

        self.table = results_table(self.proxy, widths=WIDTHS, stretch=Column.ERROR)
        self.table.sortByColumn(Column.WHEN, Qt.SortOrder.DescendingOrder)
        self.removed = RemovedClaimActions(self, bar)  # claims deleted on orcid.org

        empty = QLabel(
            self.tr(
                "<p style='font-size:15px'><b>No claims yet</b></p>"
                "<p>Every DOI claimdesk sends to ORCID is written here first: when, for which "
                "ORCID iD, and how it ended. Failed and cancelled claims can be sent again from "
                "here. Edits and deletes of claimdesk's works are listed too.</p>"
            )
        )
        empty.setWordWrap(True)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setTextFormat(Qt.TextFormat.RichText)
        empty.setMargin(40)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(empty)

        self.counts = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 8, 6, 4)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.counts)
        self._update_buttons()

    # ==== journal ==========================================================================

    def _account_changed(self, session: AccountSession | None) -> None:
        if (session.data_dir if session is not None else None) != self._data_dir:
            self.reload()  # another journal: the demo's, or the user's again
        self._update_buttons()

    def reload(self) -> None:
        """Read the journal again in the background."""
        if self._loading:
            self._reload_again = True
            return
        self._loading = True
        session = self.record.session
        self._data_dir = session.data_dir if session is not None else None
        journals = self.ctx.journals

        def read() -> list[JournalEntry]:
            from claimdesk.claims.changes import ChangeLog

            journal = journals.journal(session)
            claims: list[Any] = journal.history(limit=HISTORY_LIMIT)
            with ChangeLog(journal.path) as log:  # edits and deletes, beside the claims
                changes = log.history(limit=HISTORY_LIMIT)
            both = sorted(claims + changes, key=lambda e: e.updated, reverse=True)
            return both[:HISTORY_LIMIT]

        def done() -> None:
            self._loading = False
            if self._reload_again:
                self._reload_again = False
                self.reload()

        self.ctx.reads.start(read, on_result=self._show, on_error=self._read_failed, on_done=done)

    def _show(self, entries: list[JournalEntry]) -> None:
        self.model.set_entries(entries)
        self.stack.setCurrentIndex(0 if entries else 1)
        self._update_buttons()
        self.reloaded.emit()

    def _read_failed(self, error: BaseException) -> None:
        self.message.show_message(self.tr("Could not read the claim journal: %s") % error, "error")

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.reload()
        super().showEvent(event)

    # ==== counts and buttons ===============================================================

    def _failed_for(self, session: AccountSession | None) -> int:
        """Claims of ``session``'s record to send again: refused, or not sent (cancelled)."""
        if session is None:
            return 0
        return len(resendable(self.model.entries, session.settings.env, session.orcid))

    def _update_buttons(self) -> None:
        entries = self.model.entries
        by_state: dict[JournalState, int] = {}
        for e in entries:
            by_state[e.state] = by_state.get(e.state, 0) + 1
        claims = sum(1 for e in entries if isinstance(e.state, JournalState))
        changes = len(entries) - claims
        parts = [f"{claims:,} " + (self.tr("claim") if claims == 1 else self.tr("claims"))]
        if changes:
            parts.append(
                self.tr("%d edits and deletes") % changes
                if changes != 1
                else self.tr("1 edit or delete")
            )
        parts += [f"{n:,} {self.tr(state.label)}" for state, n in by_state.items()]
        self.counts.setText(" · ".join(parts) if entries else "")
        session = self.record.session
        failed = self._failed_for(session)
        self.retry_button.setText(
            self.tr("Send again (%d)") % failed if failed else self.tr("Send again")
        )
        if self.running:
            tip, enabled = self.tr("A run is in progress"), False
        elif session is None:
            tip, enabled = self.tr("Open an ORCID record first"), False
        elif session.needs_reconnect:
            tip, enabled = self.tr("Reconnect the account first"), False
        elif not failed:
            tip = self.tr("No failed or cancelled claims for %s") % session.label
            enabled = False
        else:
            tip = self.tr("Send the %d failed or cancelled claims of %s again") % (
                failed,
                session.label,
            )
            enabled = True
        self.retry_button.setEnabled(enabled)
        self.retry_button.setToolTip(tip)

    # ==== retry and resume =================================================================

    def retry_failed(self) -> None:
        """Send the shown account's failed and cancelled claims again, with progress."""
        session = self.record.session
        if session is None or self.running:
            return
        self._start_run(session, retry=True)

    def resume(self, account: Account) -> None:
        """After ``account`` reconnected: reconcile its pending claims and send the unsent ones."""
        session = next(
            (s for s in self.record.sessions if s.orcid == account.orcid and s.env == account.env),
            None,
        )
        if session is None or self.running:
            return
        # The hook may run before the window has swapped in the renewed session, so the run
        # opens its own client with the token just saved rather than the session's old one.
        self._start_run(session, retry=False, account=account)

    def resume_session(self, session: AccountSession) -> None:
        """After ``session`` renewed its own token: send its pending and unsent claims."""
        if self.running or session not in self.record.sessions:
            return
        self._start_run(session, retry=False)

    def _start_run(
        self, session: AccountSession, *, retry: bool, account: Account | None = None
    ) -> None:
        from claimdesk.claims.plan import ClaimPlan
        from claimdesk.claims.runner import ClaimRunner, plan_from_entries

        stop = threading.Event()
        self._stop = stop
        progressed = self._progressed
        journals = self.ctx.journals

        def run() -> RunResult | None:  # worker thread (the window's write queue)
            from claimdesk.auth.session import open_client

            journal = journals.journal(session)
            env, orcid = session.settings.env, session.orcid
            if not retry and not (journal.pending(env, orcid) or journal.unsent(env, orcid)):
                return None
            if account is None:
                runner = ClaimRunner(session.settings, session.client(), journal)
                if not retry:  # resuming a session renewed in place
                    return runner.run(ClaimPlan(), on_progress=progressed.emit, cancel=stop)
                again = resendable(journal.history(env, orcid), env, orcid)
                return runner.run(
                    plan_from_entries(again), on_progress=progressed.emit, cancel=stop
                )
            with open_client(session.settings, account) as client:
                runner = ClaimRunner(session.settings, client, journal)
                return runner.run(ClaimPlan(), on_progress=progressed.emit, cancel=stop)

        self.running = True
        self._retrying = retry
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.message.hide()
        self._update_buttons()
        self.ctx.writes.start(
            run, on_result=self._run_ended, on_error=self._run_failed, on_done=self._run_done
        )

    def cancel(self) -> None:
        """Stop the run after the request in flight."""
        if self._stop is not None:
            self._stop.set()
            self.cancel_button.setEnabled(False)

    def _on_progress(self, progress: RunProgress) -> None:
        self.progress.setRange(0, max(progress.total, 1))
        self.progress.setValue(progress.done)

    def _run_ended(self, result: RunResult | None) -> None:
        from claimdesk.claims.runner import RunStatus

        if result is None:
            return
        self.run_finished.emit(result)
        if result.status is RunStatus.RECONNECT_NEEDED:
            session = self.record.session
            if session is not None:
                session.needs_reconnect = True
            self.message.show_message(
                self.tr(
                    "ORCID no longer accepts the sign-in; the claims are kept and resume after "
                    "you reconnect."
                ),
                "error",
                action=(self.tr("Reconnect…"), self.record.reconnect),
            )
        else:
            level = "success" if result.ok else "warning"
            what = (
                self.tr("Failed claims sent again")
                if self._retrying
                else self.tr("Claims that were waiting for the reconnect")
            )
            self.message.show_message(f"{what}: {result.summary()}", level)
        self.record.written()  # the Search view's statuses follow the record

    def _run_failed(self, error: BaseException) -> None:
        from claimdesk.workflows.explain import explain

        self.message.show_message(self.tr("The claims were not sent: %s") % explain(error), "error")

    def _run_done(self) -> None:
        self.running = False
        self._stop = None
        self.progress.hide()
        self.cancel_button.hide()
        self.reload()
