"""The Search view's selection and claiming: tick the unclaimed, plan and send the claim, re-read.

Split from ``search_view`` (a mixin of :class:`~claimdesk.ui.search_view.SearchView`); its words
keep the ``SearchView`` translation context.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt

from claimdesk.claims.status import RecordIndex
from claimdesk.ui.search_work import read_index

if TYPE_CHECKING:
    from claimdesk.claims.runner import RunResult
    from claimdesk.workflows.session import AccountSession

# The log keeps the name it had before this split from search_view.
log = logging.getLogger("claimdesk.ui.search_view")


class SearchClaiming:
    """Select, claim and refresh the statuses (mixed into :class:`SearchView`)."""

    def select_all_unclaimed(self) -> None:
        """Tick every DOI the policy offers (by default: not on the record, not a version)."""
        count = self.model.check_all_offered()
        if not count and self.model.rowCount():
            self.message_bar.show_message(
                QCoreApplication.translate(
                    "SearchView",
                    "Every DOI found is already on the record or left out by the policy.",
                ),
                "info",
            )

    def claim_selected(self) -> None:
        """Plan the claim of the ticked DOIs, then send it with a progress dialog."""
        from claimdesk.claims.plan import candidate_from_record, plan_claims
        from claimdesk.ui.claim_progress import ClaimJob, ClaimProgressDialog

        session, index = self.session, self.model.index_
        records = self.model.checked_records()
        if session is None or index is None or not records or self.claiming:
            return
        plan = plan_claims([candidate_from_record(r) for r in records], index, self.model.policy)
        if not plan.to_send:
            reasons = "; ".join(sorted({p.reason for p in plan.skipped}))
            self.message_bar.show_message(
                QCoreApplication.translate("SearchView", "Nothing to claim: %s.") % reasons, "info"
            )
            return
        job = ClaimJob(
            session,
            plan,
            partial(self.ctx.journals.journal, session),
            chunk_size=self.chunk_size,
            parent=self,
        )
        dialog = ClaimProgressDialog(job, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.progress_dialog = dialog
        job.finished.connect(lambda result: self._claimed(session, result))
        job.failed.connect(lambda error: self._claim_failed(session, error))
        dialog.open()
        job.start(self.ctx.writes)
        self._job = job
        self._update_buttons()

    @property
    def claiming(self) -> bool:
        """True while a claim run is in progress."""
        return self._job is not None and self._job.running

    def _claimed(self, session: AccountSession, result: RunResult) -> None:
        from claimdesk.ui.claim_progress import outcome_text

        self.model.set_item_results({item.doi: outcome_text(item) for item in result.items})
        summary = result.summary()
        summary = summary[:1].upper() + summary[1:]
        self.message_bar.show_message(
            QCoreApplication.translate(
                "SearchView", "%s. The statuses below were read again from ORCID."
            )
            % summary,
            "success" if result.ok else "warning",
        )
        log.info("claim run %s on %s: %s", result.run_id, session.orcid, result.summary())
        self.claim_finished.emit(result)
        self.record_changed.emit()
        self.refresh_statuses()

    def _claim_failed(self, session: AccountSession, error: BaseException) -> None:
        from claimdesk.workflows.explain import explain

        self.message_bar.show_message(
            QCoreApplication.translate("SearchView", "The claim could not be sent: %s")
            % explain(error),
            "error",
        )
        self._update_buttons()
        self.refresh_statuses()

    def refresh_statuses(self) -> None:
        """Re-read the record in the background and recompute every DOI's status."""
        session = self.session
        if session is None or not self.model.records:
            self._update_buttons()
            return

        def arrived(index: RecordIndex) -> None:
            self.model.set_index(index)
            self._update_counts()
            if self._statuses_failure and self.message_bar.text() == self._statuses_failure:
                self.message_bar.hide()  # an earlier re-read failed; this one did not
            self._statuses_failure = ""
            self.statuses_refreshed.emit()

        def failed(error: BaseException) -> None:
            from claimdesk.workflows.explain import explain

            text = QCoreApplication.translate(
                "SearchView", "Could not read the record again: %s"
            ) % explain(error)
            self.message_bar.show_message(text, "warning")
            self._statuses_failure = text

        self._statuses.start(
            read_index, session, on_result=arrived, on_error=failed, on_done=self._update_buttons
        )
