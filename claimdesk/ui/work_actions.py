"""Edit, delete and export as actions on the Works tab (Vorta's one helper per user action).

Each action checks what is selected against ``ctx.record`` (claimdesk's own works only, a
fresh and reachable record), asks through ``ctx.interaction``, runs the write in ``ctx.writes``
and reports in the message bar; after any write the record model announces ``works_changed``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStatusBar, QWidget

from claimdesk.errors import NotOwnedError
from claimdesk.orcid.errors import InvalidTokenError
from claimdesk.orcid.model import source_label
from claimdesk.workflows.explain import explain, is_gone_or_changed
from claimdesk.workflows.works_table import describe_source

if TYPE_CHECKING:
    from claimdesk.orcid.model import Work, WorkSummary
    from claimdesk.ui.app import AppContext
    from claimdesk.ui.edit_dialog import EditDialog
    from claimdesk.ui.message_bar import MessageBar
    from claimdesk.ui.works_view import WorksView
    from claimdesk.workflows.delete import Deleted
    from claimdesk.workflows.export import ExportResult

#: The message bar's topic for what edits and deletes report.
WRITES = "writes"


class WorkActions(QObject):
    """The Works tab's edit, delete and export actions and what they do."""

    def __init__(
        self,
        ctx: AppContext,
        works: WorksView,
        bar: MessageBar,
        status: QStatusBar,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record = ctx.record
        self.works = works
        self.bar = bar
        self.status = status
        self.parent_widget = parent
        self.edit_dialog: EditDialog | None = None
        self.enabled = True  # False while another tab is shown: its selection is out of sight

        def action(text: str, slot, shortcut=None) -> QAction:
            act = QAction(text, parent)
            act.triggered.connect(slot)
            if shortcut is not None:
                act.setShortcut(shortcut)
            return act

        self.edit_action = action(self.tr("&Edit…"), self.edit_selected, QKeySequence("Ctrl+E"))
        self.delete_action = action(
            self.tr("&Delete…"), self.delete_selected, QKeySequence(QKeySequence.StandardKey.Delete)
        )
        self.export_actions = {
            kind: action(text, lambda _=False, k=kind: self.export_visible(k))
            for kind, text in (
                ("bibtex", self.tr("Export visible works as &BibTeX…")),
                ("ris", self.tr("Export visible works as &RIS (Zotero, EndNote)…")),
                ("csv", self.tr("Export visible works as &CSV…")),
            )
        }
        self.export_csv_action = self.export_actions["csv"]
        self.export_bibtex_action = self.export_actions["bibtex"]
        self.export_ris_action = self.export_actions["ris"]
        works.activated.connect(lambda: self.edit_action.isEnabled() and self.edit_selected())
        works.selection_changed.connect(self.update)
        self.record.state_changed.connect(self.update)

    # ==== state ============================================================================

    def _not_ours_reason(self, items: list[WorkSummary], verb: str) -> str | None:
        table = self.record.table
        others = [s for s in items if not s.is_owned_by(table.client_id)]
        if not others:
            return None
        names = sorted(
            {
                f"{source_label(s.source) or self.tr('an unknown source')} "
                f"({describe_source(s.source, table.orcid, table.client_id)})"
                for s in others
            }
        )
        return self.tr("Added by %s — claimdesk only %s works it added itself.") % (
            ", ".join(names),
            verb,
        )

    def update(self) -> None:
        """Enable what the selection and the record allow; tooltips say why not."""
        shown = self.enabled
        items = self.works.selected_summaries() if self.record.table.groups and shown else []
        blocked = self.record.read_only_reason()
        writing = self.ctx.writes.busy
        if not items:
            edit_tip, can_edit = self.tr("Select one of claimdesk's works to edit it"), False
        elif len(items) > 1:
            edit_tip, can_edit = self.tr("Select a single work to edit"), False
        else:
            reason = self._not_ours_reason(items, self.tr("edits"))
            edit_tip = reason or blocked or self.tr("Edit this work (Ctrl+E)")
            can_edit = reason is None and blocked is None and not writing
        self.edit_action.setEnabled(can_edit)
        self.edit_action.setToolTip(edit_tip)
        if not items:
            del_tip, can_delete = self.tr("Select claimdesk's works to delete them"), False
        else:
            reason = self._not_ours_reason(items, self.tr("deletes"))
            del_tip = (
                reason
                or blocked
                or (
                    self.tr("Delete the selected work (Del)")
                    if len(items) == 1
                    else self.tr("Delete the %d selected works (Del)") % len(items)
                )
            )
            can_delete = reason is None and blocked is None and not writing
        self.delete_action.setEnabled(can_delete)
        self.delete_action.setToolTip(del_tip)
        has_rows = self.works.proxy.shown_count() > 0 and shown  # export writes what is shown
        for act in self.export_actions.values():
            act.setEnabled(has_rows)

    def _reported(self, refresh: bool = True) -> None:
        self.record.written(refresh=refresh)
        self.update()

    # ==== edit =============================================================================

    def edit_selected(self) -> None:
        """Open the edit dialog for the selected work (claimdesk's own only)."""
        items = self.works.selected_summaries()
        if len(items) != 1 or not self.edit_action.isEnabled():
            return
        summary = items[0]
        full = self.works.fetcher.get(summary.put_code)
        from claimdesk.orcid.model import Work

        if isinstance(full, Work):
            self._open_editor(full)
            return
        session = self.record.session
        assert session is not None and summary.put_code is not None
        self.status.showMessage(self.tr("Reading the full work…"))
        put_code = summary.put_code
        self.ctx.reads.start(
            lambda: session.client().read_work(put_code),
            on_result=self._open_editor,
            on_error=lambda e: self._write_failed(e, summary.title),
        )

    def _open_editor(self, work: Work) -> None:
        self.status.clearMessage()
        from claimdesk.ui.edit_dialog import EditDialog  # loaded when first opened

        dialog = EditDialog(work, self.parent_widget)
        dialog.submitted.connect(lambda w: self._save(dialog, work, w))
        dialog.finished.connect(lambda _r: setattr(self, "edit_dialog", None))
        self.edit_dialog = dialog
        dialog.open()

    def _save(self, dialog: EditDialog, original: Work, work: Work) -> None:
        from claimdesk.workflows.edit import save_work

        session = self.record.session
        assert session is not None
        client_id = session.settings.client_id

        def saved(result: Work) -> None:
            dialog.accept()
            if result.put_code is not None:
                self.works.fetcher.forget(result.put_code)
            self.bar.show_message(self.tr("Saved “%s”.") % result.title, "success", topic=WRITES)
            self._reported()

        def refused(error: BaseException) -> None:
            if is_gone_or_changed(error) or isinstance(error, (InvalidTokenError, NotOwnedError)):
                dialog.reject()
                self._write_failed(error, work.title)
            else:
                dialog.set_busy(False)
                dialog.show_problems([explain(error)])
                self._reported(refresh=False)

        journals, env = self.ctx.journals, session.settings.env

        def save() -> Work:  # worker thread: the change log is a file
            from claimdesk.claims.changes import ChangeLog

            with ChangeLog(journals.journal(session).path) as log:
                return save_work(session.client(), original, work, client_id, log=log, env=env)

        self.ctx.writes.start(save, on_result=saved, on_error=refused)

    def _write_failed(self, error: BaseException, title: str) -> None:
        self.status.clearMessage()
        text = self.tr("“%s” was not changed. %s") % (title, explain(error))
        if is_gone_or_changed(error):
            text += self.tr(" The list has been refreshed.")
        self.bar.show_message(text, "warning", topic=WRITES)
        session = self.record.session
        if isinstance(error, InvalidTokenError) and session is not None:
            self.record.written(refresh=False)
            self.record.reading_failed(session, error)
        else:
            self._reported(refresh=is_gone_or_changed(error))

    # ==== delete ===========================================================================

    def delete_selected(self) -> None:
        """Ask, then delete the selected works (claimdesk's own only), one result per work."""
        items = self.works.selected_summaries()
        if not items or not self.delete_action.isEnabled():
            return
        titles = "\n".join(f"• {s.title}" for s in items[:10])
        if len(items) > 10:
            titles += "\n" + self.tr("… and %d more") % (len(items) - 10)
        question = (
            self.tr("Delete this work from the ORCID record?")
            if len(items) == 1
            else self.tr("Delete these %d works from the ORCID record?") % len(items)
        )
        if not self.ctx.interaction.confirm(
            self.parent_widget,
            self.tr("Delete works"),
            question,
            titles + "\n\n" + self.tr("Other sources' versions stay."),
            yes=self.tr("Delete"),  # the button says what it does, not "Yes"
        ):
            return
        self.delete_works(items)

    def delete_works(self, items: list[WorkSummary]) -> None:
        """Delete ``items`` one by one in the write queue; report each result, then refresh."""
        session = self.record.session
        if session is None:
            return
        from claimdesk.workflows.delete import delete_works

        self.status.showMessage(self.tr("Deleting %d works…") % len(items))
        journals, env, client_id = (
            self.ctx.journals,
            session.settings.env,
            session.settings.client_id,
        )

        def delete(cancel) -> list[Deleted]:  # worker thread
            from claimdesk.claims.changes import ChangeLog

            with ChangeLog(journals.journal(session).path) as log:
                return delete_works(
                    session.client(), items, client_id=client_id, cancel=cancel, log=log, env=env
                )

        self.ctx.writes.start(
            delete,
            on_result=self._deleted,
            on_error=lambda e: self._write_failed(e, items[0].title),
            on_done=self.update,
        )
        self.update()

    def _deleted(self, results: list[Deleted]) -> None:
        self.status.clearMessage()
        done = [r.summary for r in results if r.error is None]
        failed = [(r.summary, r.error) for r in results if r.error is not None]
        for s in done:
            if s.put_code is not None:
                self.works.fetcher.forget(s.put_code)
        if self.works.details.put_code in {s.put_code for s in done}:
            self.works.details.show_nothing()  # not the deleted work while nothing is selected
        if not failed:
            text = (
                self.tr("Deleted “%s”.") % done[0].title
                if len(done) == 1
                else self.tr("Deleted %d works.") % len(done)
            )
            self.bar.show_message(text, "success", topic=WRITES)
        else:
            lines = [self.tr("Deleted %d of %d works.") % (len(done), len(results))]
            lines += [f"“{s.title}”: {explain(err)}" for s, err in failed]
            self.bar.show_message("\n".join(lines), "warning", topic=WRITES)
            session = self.record.session
            if any(isinstance(err, InvalidTokenError) for _s, err in failed) and session:
                self.record.mark_needs_reconnect(session)
        self._reported()

    # ==== export ===========================================================================

    def export_visible(self, kind: str, path: str | Path | None = None) -> None:
        """Write the groups the filter shows as BibTeX, RIS or CSV, with their authors.

        Asks for a file if no ``path``. Full works not fetched yet are read first (≤100 per
        request, progress in the status bar); offline, the works are written without them.
        """
        from claimdesk.workflows.export import FORMATS

        if path is None:
            suffix, name = FORMATS[kind][1], FORMATS[kind][2]
            path = self.ctx.interaction.choose_save_file(
                self.parent_widget,
                self.tr("Export visible works"),
                str(Path.home() / f"orcid-works{suffix}"),
                self.tr("%s files (*%s)") % (name, suffix),
            )
            if not path:
                return
        groups = self.works.visible_groups()
        known = self.works.fetcher.cached()
        target = Path(path)
        session = self.record.session
        online = session is not None and self.record.read_only_reason() is None

        def write(progress, cancel):
            from claimdesk.workflows.export import export_works

            client = session.client() if online and session is not None else None
            return export_works(
                groups, kind, target, client=client, known=known, progress=progress, cancel=cancel
            )

        def reading(done: int, total: int) -> None:
            if total:
                self.status.showMessage(
                    self.tr("Reading the authors of the works: %d of %d…") % (done, total)
                )

        def written(result: ExportResult) -> None:
            text = self.tr("Exported %d works (each group as its preferred version) to %s.") % (
                result.works,
                result.path,
            )
            if result.with_details < result.works:
                text += " " + self.tr("%d without their contributors (not read from ORCID).") % (
                    result.works - result.with_details
                )
            self.status.showMessage(text, 8000)

        self.ctx.reads.start(
            write,
            on_progress=reading,
            on_result=written,
            on_error=lambda e: self.bar.show_message(
                self.tr("Could not export to %s: %s") % (target, explain(e)), "error"
            ),
        )
