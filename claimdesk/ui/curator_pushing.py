"""The Curator view's push: plan it on a worker, show the plan, send it, report what happened.

Split from ``curator_view`` (a mixin of :class:`~claimdesk.ui.curator_view.CuratorView`); its
words keep the ``CuratorView`` translation context.
"""

from __future__ import annotations

import logging
import threading
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from claimdesk.ui.curator_work import plan_for, send_push
from claimdesk.workflows.explain import explain

if TYPE_CHECKING:
    from claimdesk.curator.push import PushPlan, PushResult


# The log keeps the name it had before this split from curator_view.
log = logging.getLogger("claimdesk.ui.curator_view")


class CuratorPushing:
    """Plan and send a push (mixed into :class:`CuratorView`)."""

    def plan_push(self) -> None:
        """Work out the push plan in the background, then show it (nothing is sent yet)."""
        from claimdesk.ui.push_dialog import PushPlanDialog

        report = self.report
        if report is None or self._pushing:
            return
        sessions = list(self.sessions())
        settings = self.settings
        include_versions = self.versions_box.isChecked()

        def show(plan: PushPlan) -> None:
            dialog = PushPlanDialog(plan, self)
            self.push_dialog = dialog
            dialog.accepted.connect(lambda: self.send_push(plan))
            dialog.open()
            self.push_plan_shown.emit(dialog)

        self.ctx.reads.start(
            plan_for,
            report,
            settings,
            sessions,
            include_versions,
            on_result=show,
            on_error=lambda e: self.message_bar.show_message(
                QCoreApplication.translate("CuratorView", "Could not plan the push: %s")
                % explain(e),
                "error",
            ),
        )

    def send_push(self, plan: PushPlan) -> None:
        """Send a plan the curator accepted, in the write queue."""
        if self._pushing or not plan.targets:
            return
        by_orcid = {s.orcid: s for s in self.sessions() if s.settings.env == self.settings.env}
        cancel = threading.Event()
        self._cancel_push = cancel
        open_journal = partial(self.ctx.journals.journal, self.session)

        emit = self._relay.push_progress.emit
        self._pushing = True
        self.progress_bar.setRange(0, max(plan.work_count, 1))
        self.progress_bar.setValue(0)
        self.progress_label.setText(
            QCoreApplication.translate("CuratorView", "Adding %d works…") % plan.work_count
        )
        self.progress_holder.show()
        self.ctx.writes.start(
            send_push,
            plan,
            self.settings,
            by_orcid,
            open_journal,
            cancel,
            emit,
            on_result=self._pushed,
            on_error=self._push_failed,
            on_done=self._push_ended,
        )
        self._update()

    def _show_push_progress(self, progress: Any) -> None:
        self.progress_bar.setMaximum(max(progress.total, 1))
        self.progress_bar.setValue(progress.done)
        self.progress_label.setText(
            QCoreApplication.translate("CuratorView", "Added %d of %d works (now: %s)")
            % (progress.done, progress.total, progress.orcid)
        )

    def _pushed(self, result: PushResult) -> None:
        lines = [
            QCoreApplication.translate("CuratorView", "Push finished:")
            if result.ok
            else QCoreApplication.translate("CuratorView", "Push finished with problems:")
        ]
        lines += [line.strip() for line in result.lines()]
        # Say why a DOI was not added (skipped, refused), a few of them.
        notes = [
            f"{orcid} · {item.doi}: {item.outcome.value} — {item.message}"
            for orcid, run in result.runs.items()
            for item in run.items
            if item.message and item.outcome.value not in ("claimed", "already claimed")
        ]
        lines += notes[:6]
        if len(notes) > 6:
            lines.append(
                QCoreApplication.translate("CuratorView", "… and %d more (see History)")
                % (len(notes) - 6)
            )
        self.message_bar.show_message("\n".join(lines), "success" if result.ok else "warning")
        self.push_finished.emit(result)

    def _push_failed(self, error: BaseException) -> None:
        self.message_bar.show_message(
            QCoreApplication.translate("CuratorView", "The push stopped: %s") % explain(error),
            "error",
        )

    def _push_ended(self) -> None:
        self._pushing = False
        self.progress_holder.hide()
        self._update()
