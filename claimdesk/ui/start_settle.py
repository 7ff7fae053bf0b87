"""Settling earlier claims when a record is first shown: the GUI's "reconcile at start".

A run killed, cut off or answered 5xx leaves claims pending; without this they would stay
"pending" until the next claim run. When a record is shown for the first time in this session,
a background job counts its unfinished claims (shown at once), settles them against the record
once their writes cannot be in flight (claims/reconcile.py), notes claims deleted on orcid.org
since claimdesk added them, and reports the outcome in the message bar — with "Send now" for
claims that turned out not to be on the record.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from claimdesk.workflows.explain import explain

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

    from claimdesk.claims.reconcile import Reconciliation
    from claimdesk.claims.results import RunResult
    from claimdesk.ui.app import AppContext
    from claimdesk.ui.message_bar import MessageBar
    from claimdesk.workflows.session import AccountSession

log = logging.getLogger(__name__)

#: The message bar's topic for news of earlier claims.
SETTLING = "settling"


@dataclass(frozen=True, slots=True)
class Settled:
    """What settling one record's earlier claims found."""

    unfinished: int  # pending (and 'failed' rows an older claimdesk wrote on a 5xx) looked at
    found: Reconciliation
    to_send: int  # claims waiting to be sent (settled absent, or left unsent before)


class StartupSettler(QObject):
    """Settles each record's earlier claims once per app session, in the background."""

    #: (session, how many unfinished claims) before the record is read
    counted = Signal(object, int)
    #: (session, Settled) when done
    settled = Signal(object, object)

    def __init__(
        self, ctx: AppContext, bar: MessageBar, status: QStatusBar, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bar = bar
        self.status = status
        self._seen: set[tuple[str, str, str]] = set()
        self.counted.connect(self._show_count)
        ctx.record.account_changed.connect(self.settle)

    def settle(self, session: AccountSession | None) -> None:
        """Settle ``session``'s earlier claims, once per app session (no-op if done already)."""
        if session is None or session.needs_reconnect:
            return
        key = (session.env, session.orcid, str(session.data_dir))
        if key in self._seen:
            return
        self._seen.add(key)
        journals, counted = self.ctx.journals, self.counted

        def work() -> Settled | None:  # worker thread (the write pool: it may read and settle)
            # Imported here: the window starts without the database modules (test_ui_startup).
            from claimdesk.claims.journal import JournalState
            from claimdesk.claims.runner import ClaimRunner

            journal = journals.journal(session)
            env = session.settings.env
            unfinished = len(
                journal.in_state(env, session.orcid, JournalState.PENDING, JournalState.FAILED)
            )
            done = journal.in_state(env, session.orcid, JournalState.DONE)
            if not unfinished and not done:
                return None  # nothing claimdesk ever added to this record: no read needed
            counted.emit(session, unfinished)
            runner = ClaimRunner(session.settings, session.client(), journal)
            found, _ = runner.check_removed()
            to_send = len(journal.unsent(env, session.orcid))
            return Settled(unfinished, found, to_send)

        self.ctx.writes.start(
            work,
            on_result=lambda result: self._report(session, result),
            on_error=lambda error: self._failed(session, error),
        )

    # -- reporting (GUI thread) ---------------------------------------------------------------

    def _show_count(self, session: AccountSession, unfinished: int) -> None:
        if unfinished:
            self.bar.show_message(
                self.tr("Checking %d claims an earlier run left unfinished on %s…")
                % (unfinished, session.label),
                "info",
                topic=SETTLING,
            )

    def _report(self, session: AccountSession, result: Settled | None) -> None:
        if result is None:
            return
        self.settled.emit(session, result)
        found = result.found
        if not (result.unfinished or found.removed or result.to_send):
            return
        parts = []
        if found.done:
            parts.append(self.tr("%d on the record") % len(found.done))
        if result.to_send:
            parts.append(self.tr("%d still to send") % result.to_send)
        if found.removed:
            parts.append(
                self.tr("%d were deleted on orcid.org since claimdesk added them (see History)")
                % len(found.removed)
            )
        text = self.tr("Earlier claims for %s checked: %s.") % (session.label, "; ".join(parts))
        action = None
        if result.to_send:
            action = (self.tr("Send now"), lambda: self.send_now(session))
        self.bar.show_message(text, "warning" if found.removed else "info", action=action)
        self.bar.topic = SETTLING
        if found.done or found.removed:
            self.ctx.record.works_changed.emit()

    def _failed(self, session: AccountSession, error: BaseException) -> None:
        log.info("settling earlier claims of %s failed: %s", session.orcid, error)
        self.bar.show_message(
            self.tr(
                "Could not check earlier claims for %s: %s. They stay pending and are "
                "checked again before the next claim."
            )
            % (session.label, explain(error)),
            "warning",
            topic=SETTLING,
        )

    def send_now(self, session: AccountSession) -> None:
        """Send the record's claims that are waiting to be sent."""
        journals = self.ctx.journals

        def work() -> RunResult:
            from claimdesk.claims.plan import ClaimPlan
            from claimdesk.claims.runner import ClaimRunner

            runner = ClaimRunner(session.settings, session.client(), journals.journal(session))
            return runner.run(ClaimPlan())

        def sent(result: RunResult) -> None:
            level = "success" if result.ok else "warning"
            self.bar.show_message(self.tr("Claims sent: %s") % result.summary(), level)
            self.ctx.record.written()

        self.status.showMessage(self.tr("Sending the claims that were waiting…"), 8000)
        self.ctx.writes.start(work, on_result=sent, on_error=lambda e: self._failed(session, e))
