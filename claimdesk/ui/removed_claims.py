"""History's two answers to a claim deleted on orcid.org since claimdesk added it.

claimdesk never adds such a work again on its own (peers that do are the top complaint against
them). The History view shows the claim as "removed on orcid.org"; here the user either adds it
again or leaves it removed, and the journal remembers the choice. The buttons act on the selected
rows, or on every such claim of the record shown when none is selected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QHBoxLayout, QPushButton

if TYPE_CHECKING:
    from claimdesk.claims.journal import JournalEntry
    from claimdesk.claims.results import RunResult
    from claimdesk.ui.history_view import HistoryView


class RemovedClaimActions(QObject):
    """ "Add again" and "Leave removed" buttons on the History view's bar."""

    def __init__(self, view: HistoryView, bar: QHBoxLayout) -> None:
        super().__init__(view)
        self.view = view
        self.add_button = QPushButton(self.tr("Add again"))
        self.add_button.setToolTip(self.tr("Add the removed works to the record again"))
        self.add_button.clicked.connect(self.add_again)
        self.leave_button = QPushButton(self.tr("Leave removed"))
        self.leave_button.setToolTip(self.tr("Keep them off the record; claimdesk remembers"))
        self.leave_button.clicked.connect(self.leave_removed)
        bar.addWidget(self.add_button)
        bar.addWidget(self.leave_button)
        view.reloaded.connect(self.update)
        view.table.selectionModel().selectionChanged.connect(lambda *_: self.update())
        self.update()

    def chosen(self) -> list[JournalEntry]:
        """The removed claims of the record shown: the selected ones, else all of them."""
        from claimdesk.claims.journal import JournalState

        session = self.view.record.session
        if session is None:
            return []
        rows = self.view.table.selectionModel().selectedRows()
        entries = self.view.model.entries
        picked = [entries[self.view.proxy.mapToSource(r).row()] for r in rows]
        pool = picked or entries
        return [
            e
            for e in pool
            if e is not None
            and e.state is JournalState.REMOVED
            and e.orcid == session.orcid
            and e.env == session.settings.env
        ]

    def update(self) -> None:
        """Show the buttons only while there are removed claims to decide on."""
        count = len(self.chosen())
        for button in (self.add_button, self.leave_button):
            button.setVisible(count > 0)
            button.setEnabled(count > 0 and not self.view.running)
        self.add_button.setText(
            self.tr("Add again (%d)") % count if count else self.tr("Add again")
        )

    def add_again(self) -> None:
        """Add the chosen removed claims to the record again (the user asked)."""
        session = self.view.record.session
        entries = self.chosen()
        if session is None or not entries:
            return
        journals = self.view.ctx.journals

        def work() -> RunResult:
            from claimdesk.claims.plan import plan_from_entries
            from claimdesk.claims.runner import ClaimRunner

            runner = ClaimRunner(session.settings, session.client(), journals.journal(session))
            return runner.run(plan_from_entries(entries), readd=True)

        def done(result: RunResult) -> None:
            level = "success" if result.ok else "warning"
            self.view.message.show_message(self.tr("Added again: %s") % result.summary(), level)
            self.view.reload()
            self.view.record.written()

        self.view.ctx.writes.start(work, on_result=done, on_error=self._failed)

    def leave_removed(self) -> None:
        """Remember to leave the chosen removed claims off the record."""
        session = self.view.record.session
        entries = self.chosen()
        if session is None or not entries:
            return
        journals = self.view.ctx.journals

        def work() -> int:
            journals.journal(session).leave_removed(e.id for e in entries)
            return len(entries)

        def done(count: int) -> None:
            self.view.message.show_message(
                self.tr("%d claims left removed; claimdesk will not add them again.") % count,
                "info",
            )
            self.view.reload()

        self.view.ctx.writes.start(work, on_result=done, on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        from claimdesk.workflows.explain import explain

        self.view.message.show_message(explain(error), "error")
