"""Claim progress: a bulk claim running in the write queue, and the dialog that follows it.

:class:`ClaimJob` runs a :class:`~claimdesk.claims.plan.ClaimPlan` (decided beforehand, pure)
through :class:`~claimdesk.claims.runner.ClaimRunner` on the context's write pool and reports each
request's results through Qt signals. Cancel finishes the request in flight and sends no more.
:class:`ClaimProgressDialog` shows a progress bar with counts, a Cancel button and every DOI's
outcome in words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QBrush, QCloseEvent, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from claimdesk.claims.runner import ItemResult, Outcome, RunProgress, RunResult, RunStatus
from claimdesk.orcid.model import BULK_MAX
from claimdesk.workflows.explain import explain

if TYPE_CHECKING:
    from claimdesk.claims.journal import ClaimJournal
    from claimdesk.claims.plan import ClaimPlan
    from claimdesk.ui.tasks import Task, TaskRunner
    from claimdesk.workflows.cancel import CancelToken
    from claimdesk.workflows.session import AccountSession

OUTCOME_COLORS = {
    Outcome.CLAIMED: "#2e9d4f",
    Outcome.ALREADY: "#2e9d4f",
    Outcome.FAILED: "#d0312d",
    Outcome.PENDING: "#d08a00",
    Outcome.NOT_SENT: "#8a8f98",
    Outcome.LOOKUP_FAILED: "#d08a00",
    Outcome.REMOVED: "#8a8f98",
    Outcome.SKIPPED: "#8a8f98",
}


def outcome_text(item: ItemResult) -> str:
    """One DOI's outcome in words, e.g. ``claimed (put-code 1234)``."""
    if item.outcome is Outcome.CLAIMED:
        return f"claimed (put-code {item.put_code})" if item.put_code else "claimed"
    if item.outcome is Outcome.ALREADY:
        return "already on the record — added by claimdesk"
    words = item.outcome.value
    return f"{words}: {item.message}" if item.message else words


#: The first requests of a claim from the window are small, so that Cancel, which lets the
#: request in flight finish, can still stop most of a claim of a few dozen works.
FIRST_CHUNKS = (5, 20)


class ClaimJob(QObject):
    """One run of a claim plan on a record, in the write queue."""

    progress = Signal(object)  # RunProgress (delivered on the GUI thread)
    finished = Signal(object)  # RunResult
    failed = Signal(object)  # BaseException: the run could not start or broke off

    def __init__(
        self,
        session: AccountSession,
        plan: ClaimPlan,
        open_journal: Callable[[], ClaimJournal],
        *,
        chunk_size: int = BULK_MAX,
        first_chunks: tuple[int, ...] = FIRST_CHUNKS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.plan = plan
        self.open_journal = open_journal
        self.chunk_size = chunk_size
        self.first_chunks = first_chunks
        self.task: Task | None = None
        self.result: RunResult | None = None
        self.running = False

    def start(self, runner: TaskRunner) -> None:
        """Send the plan from ``runner``'s pool (the write queue)."""
        from claimdesk.claims.runner import ClaimRunner

        session, plan, open_journal, chunk, first = (
            self.session,
            self.plan,
            self.open_journal,
            self.chunk_size,
            self.first_chunks,
        )
        emit_progress = self.progress.emit  # a queued emit from the worker thread

        def run(cancel: CancelToken) -> RunResult:
            journal = open_journal()  # on the worker: opening the file is I/O
            claims = ClaimRunner(
                session.settings, session.client(), journal, chunk_size=chunk, first_chunks=first
            )
            # One token: the user's Cancel (stop: what was sent is still reported) and the app
            # closing (cancel: the outcome is dropped) both set it; the runner asks is_set().
            return claims.run(plan, on_progress=emit_progress, cancel=cancel)  # type: ignore[arg-type]

        self.running = True
        self.task = runner.start(run, on_result=self._done, on_error=self._failed)

    def cancel(self) -> None:
        """Finish the request in flight and send no more (what was sent is reported)."""
        if self.task is not None:
            self.task.stop()

    def _done(self, result: RunResult) -> None:
        self.running = False
        self.result = result
        self.finished.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.failed.emit(error)


class ClaimProgressDialog(QDialog):
    """Follows a :class:`ClaimJob`: counts, a progress bar, Cancel, and each DOI's outcome."""

    def __init__(self, job: ClaimJob, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self.setWindowTitle(self.tr("Claiming works — claimdesk"))
        self.setMinimumSize(720, 420)
        plan = job.plan
        sending = len(plan.to_send)

        self.heading = QLabel(
            self.tr("Adding %d works to %s") % (sending, job.session.label)
            if sending != 1
            else self.tr("Adding 1 work to %s") % job.session.label
        )
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.heading.setFont(font)
        self.bar = QProgressBar()
        self.bar.setRange(0, max(sending, 1))
        self.bar.setValue(0)
        self.bar.setFormat(self.tr("%v of %m sent"))
        self.counts = QLabel()
        self.state_label = QLabel(
            self.tr("Sending: a few works first, then requests of up to %d…") % job.chunk_size
        )
        self.state_label.setWordWrap(True)

        self.results = QTreeWidget()
        self.results.setColumnCount(3)
        self.results.setHeaderLabels([self.tr("DOI"), self.tr("Title"), self.tr("Result")])
        self.results.setRootIsDecorated(False)
        self.results.setAlternatingRowColors(True)
        self.results.setUniformRowHeights(True)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.results.header()
        header.resizeSection(0, 200)
        header.resizeSection(1, 240)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.buttons = QDialogButtonBox()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Finish the request in flight and send no more"))
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setEnabled(False)
        self.close_button.clicked.connect(self.accept)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.bar)
        layout.addWidget(self.counts)
        layout.addWidget(self.state_label)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.buttons)

        self._tally: dict[Outcome, int] = dict.fromkeys(Outcome, 0)
        self._rows: dict[str, QTreeWidgetItem] = {}
        for planned in plan.items:
            item = QTreeWidgetItem(
                [planned.doi, planned.candidate.display_title, self.tr("waiting")]
            )
            item.setForeground(2, QBrush(QColor("#8a8f98")))
            self._rows[planned.doi] = item
            if not planned.sends:
                self._show(ItemResult(planned.doi, Outcome.SKIPPED, message=planned.reason))
        self.results.addTopLevelItems(list(self._rows.values()))
        self._update_counts()

        job.progress.connect(self.show_progress)
        job.finished.connect(self.show_result)
        job.failed.connect(self.show_failure)

    # -- updates --------------------------------------------------------------------------------

    def show_progress(self, progress: RunProgress) -> None:
        """One request answered: move the bar, show its DOIs' outcomes."""
        self.bar.setMaximum(max(progress.total, 1))
        self.bar.setValue(progress.done)
        for item in progress.results:
            self._show(item)
        self._update_counts()

    def show_result(self, result: RunResult) -> None:
        """The run ended: every DOI's outcome and what happened in words."""
        self._tally = dict.fromkeys(Outcome, 0)
        for item in result.items:
            self._show(item)
        self._update_counts()
        sent = sum(self._tally[o] for o in (Outcome.CLAIMED, Outcome.ALREADY, Outcome.FAILED))
        self.bar.setValue(min(sent, self.bar.maximum()))
        words = {
            RunStatus.COMPLETED: self.tr("Done."),
            RunStatus.CANCELLED: self._cancelled_words(),
            RunStatus.CONNECTION_LOST: self.tr("The connection to ORCID was lost: %s")
            % result.message,
            RunStatus.RECONNECT_NEEDED: self.tr(
                "ORCID no longer accepts this sign-in; reconnect and claim again."
            ),
        }[result.status]
        requests = ""
        if result.requests:
            requests = (
                self.tr(" 1 request sent.")
                if result.requests == 1
                else self.tr(" %d requests sent.") % result.requests
            )
        self.state_label.setText(words + requests)
        self._finish()

    def _cancelled_words(self) -> str:
        """What Cancel achieved: how many works had already gone, how many did not."""
        t = self._tally
        sent = sum(
            t[o] for o in (Outcome.CLAIMED, Outcome.ALREADY, Outcome.FAILED, Outcome.PENDING)
        )
        kept = t[Outcome.NOT_SENT]
        if not kept:
            return (
                self.tr("Cancel came too late: all %d works had already been sent to ORCID.") % sent
            )
        return self.tr(
            "Cancelled: %d works had already been sent to ORCID (the request in flight "
            "finished); the other %d were not sent and stay in History to send later."
        ) % (sent, kept)

    def show_failure(self, error: BaseException) -> None:
        """The run could not go ahead at all."""
        self.state_label.setText(self.tr("Nothing more was sent: %s") % explain(error))
        self._finish()

    def cancel(self) -> None:
        """Ask the job to stop after the request in flight."""
        if not self.job.running:
            self.reject()
            return
        self.job.cancel()
        self.cancel_button.setEnabled(False)
        self.state_label.setText(self.tr("Stopping after the request in flight…"))

    def _finish(self) -> None:
        self.cancel_button.hide()
        self.close_button.setEnabled(True)
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    def _show(self, result: ItemResult) -> None:
        item = self._rows.get(result.doi)
        if item is None:  # an earlier run's claim sent again with this one
            item = QTreeWidgetItem([result.doi, result.title, ""])
            self._rows[result.doi] = item
            self.results.addTopLevelItem(item)
        if result.title and not item.text(1):
            item.setText(1, result.title)
        item.setText(2, outcome_text(result))
        item.setToolTip(2, outcome_text(result))
        item.setForeground(2, QBrush(QColor(OUTCOME_COLORS[result.outcome])))
        self._tally[result.outcome] += 1

    def _update_counts(self) -> None:
        t = self._tally
        parts = [
            self.tr("%d claimed") % t[Outcome.CLAIMED],
            self.tr("%d already on the record") % t[Outcome.ALREADY],
            self.tr("%d failed") % t[Outcome.FAILED],
        ]
        if t[Outcome.PENDING]:
            parts.append(self.tr("%d pending") % t[Outcome.PENDING])
        if t[Outcome.NOT_SENT]:
            parts.append(self.tr("%d not sent") % t[Outcome.NOT_SENT])
        if t[Outcome.LOOKUP_FAILED]:
            parts.append(self.tr("%d could not be looked up") % t[Outcome.LOOKUP_FAILED])
        if t[Outcome.REMOVED]:
            parts.append(self.tr("%d removed on orcid.org") % t[Outcome.REMOVED])
        if t[Outcome.SKIPPED]:
            parts.append(self.tr("%d skipped") % t[Outcome.SKIPPED])
        self.counts.setText(" · ".join(parts))

    def item_texts(self) -> dict[str, str]:
        """DOI → outcome as shown (tests and the Search view's tooltips read it)."""
        return {doi: item.text(2) for doi, item in self._rows.items()}

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.job.running:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        if self.job.running:
            self.cancel()
            return
        super().reject()
