"""The Search view: find DOIs in DataCite and Crossref, see their claim status, claim them in bulk.

A query (my ORCID iD, a name, free text, or a pasted/imported DOI list) runs on the read pool with
per-source progress and Cancel; a service that fails is named in words while the other's results
still show. The results table (:mod:`claimdesk.ui.search_model`) carries the claim status of each
DOI on the open record and ticks for the ones the claim policy offers. "Claim selected" plans the
claim (pure, :func:`claimdesk.claims.plan.plan_claims`), then runs it in the write queue
(:mod:`claimdesk.ui.claim_progress`) and re-reads the record so the statuses follow.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QWidget,
)

from claimdesk.claims.status import ClaimPolicy
from claimdesk.orcid.model import BULK_MAX
from claimdesk.ui.search_claiming import SearchClaiming
from claimdesk.ui.search_counts import SearchCounts
from claimdesk.ui.search_layout import MODES, SearchLayout
from claimdesk.ui.search_model import (
    SearchFilter,
    SearchModel,
)
from claimdesk.ui.search_work import SearchOutcome, dois, run_search

if TYPE_CHECKING:
    from claimdesk.ui.claim_progress import ClaimJob, ClaimProgressDialog
    from claimdesk.workflows.session import AccountSession

log = logging.getLogger(__name__)

PLACEHOLDERS = {
    "orcid": QT_TRANSLATE_NOOP("SearchView", "0000-0002-1825-0097"),
    "name": QT_TRANSLATE_NOOP("SearchView", "Family name, or Given Family"),
    "query": QT_TRANSLATE_NOOP("SearchView", "Words from the title, the journal, the authors…"),
}
SOURCE_LABELS = {"datacite": "DataCite", "crossref": "Crossref"}


# ---- widgets ----------------------------------------------------------------------------------


class _Relay(QObject):
    """Carries progress from worker threads to the GUI thread (queued signals)."""

    progress = Signal(str, int, object)  # source, fetched, total | None


class SearchView(SearchLayout, SearchClaiming, SearchCounts, QWidget):
    """Search, claim status, select, claim.

    The widgets (:class:`SearchLayout`), claiming (:class:`SearchClaiming`) and the counts line
    (:class:`SearchCounts`) live in their own modules; this class holds the state and the search.
    """

    search_finished = Signal()  # results (or errors) are shown
    statuses_refreshed = Signal()  # the record was re-read and the statuses follow it
    claim_finished = Signal(object)  # RunResult
    record_changed = Signal()  # claimdesk added works to the record (the window re-reads it)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session: AccountSession | None = None
        #: works per bulk request (tests make it small to cancel mid-run)
        self.chunk_size = BULK_MAX
        self.last_outcome: SearchOutcome | None = None
        self.progress_dialog: ClaimProgressDialog | None = None
        self._job: ClaimJob | None = None
        #: the search running, and the re-read of the record for the statuses (ui/tasks.JobSlot)
        self._search = ctx.reads.slot()
        self._statuses = ctx.reads.slot()
        self._progress: dict[str, tuple[int, int | None]] = {}
        #: the message shown when re-reading the statuses failed (hidden by the next success)
        self._statuses_failure = ""
        self._relay = _Relay(self)
        self._relay.progress.connect(self._show_progress)

        self.model = SearchModel(self)
        self.proxy = SearchFilter(self)
        self.proxy.setSourceModel(self.model)

        self._build()
        self.set_policy(self._stored_policy())
        self._set_mode("orcid")
        self._update_buttons()
        self._update_counts()

    # ==== session and policy ===================================================================

    def set_session(self, session: AccountSession | None) -> None:
        """The record statuses are shown against; prefills "My ORCID iD" with its iD."""
        if session is self.session:
            return
        # What was found or read for the previous record is stale now.
        self._search.discard()
        self._statuses.discard()
        self._search_ended()
        self.session = session
        self.model.set_results((), None, orcid=session.orcid if session else None)
        self.message_bar.hide()
        mode = self.mode_combo.currentData()
        if mode == "orcid" or not self.query_edit.text():
            self.mode_combo.setCurrentIndex(0)
            self._set_mode("orcid")
        self._update_buttons()
        self._update_counts()

    def _stored_policy(self) -> ClaimPolicy:
        # The same [claims] switches as the Settings dialog and `claimdesk claim` use.
        from claimdesk.config import claim_options

        return ClaimPolicy(**claim_options())

    def set_policy(self, policy: ClaimPolicy) -> None:
        """Which DOIs are offered for claiming (also ticks the two policy boxes)."""
        for box, value in (
            (self.own_version_box, policy.allow_own_version),
            (self.versions_box, policy.include_versions),
        ):
            box.blockSignals(True)
            box.setChecked(value)
            box.blockSignals(False)
        self.model.set_policy(policy)
        self._update_counts()

    def _policy_toggled(self) -> None:
        policy = ClaimPolicy(
            allow_own_version=self.own_version_box.isChecked(),
            include_versions=self.versions_box.isChecked(),
        )
        from claimdesk.config import save_user_settings

        try:
            save_user_settings(
                None,
                claims={
                    "allow_own_version": policy.allow_own_version,
                    "include_versions": policy.include_versions,
                },
            )
        except OSError as err:
            log.warning("could not save the claim policy: %s", err)
        self.model.set_policy(policy)
        self._update_counts()

    # ==== query ================================================================================

    @property
    def mode(self) -> str:
        """The query mode: ``orcid``, ``name``, ``query`` or ``dois``."""
        return self.mode_combo.currentData()

    def set_query(self, mode: str, text: str = "") -> None:
        """Choose a mode and fill the query (tests and the demo use this)."""
        keys = [key for key, _label in MODES]
        self.mode_combo.setCurrentIndex(keys.index(mode))
        if mode == "dois":
            self.dois_edit.setPlainText(text)
        elif text:
            self.query_edit.setText(text)

    def _set_mode(self, mode: str) -> None:
        is_list = mode == "dois"
        self.input_stack.setCurrentIndex(1 if is_list else 0)
        self.input_stack.setMaximumHeight(110 if is_list else self.query_edit.sizeHint().height())
        self.query_edit.setPlaceholderText(self.tr(PLACEHOLDERS.get(mode, "")))
        session = self.session
        if mode == "orcid":
            self.query_edit.setText(session.orcid if session else "")
        elif mode == "name" and session is not None and session.name:
            self.query_edit.setText(session.name)
        elif mode == "query":
            self.query_edit.clear()
        for widget in (self.datacite_box, self.crossref_box, self._sources_label):
            widget.setEnabled(not is_list)
        tip = self.tr("A DOI list is looked up in DataCite first, then Crossref") if is_list else ""
        self.datacite_box.setToolTip(tip)
        self.crossref_box.setToolTip(tip)
        self._update_buttons()

    def import_file(self, path: str | Path | None = None) -> None:
        """Read DOIs from a text, CSV, RIS or BibTeX file into the paste area."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Import DOIs"),
                str(Path.home()),
                self.tr("DOI lists (*.txt *.csv *.ris *.bib *.bibtex);;All files (*)"),
            )
            if not chosen:
                return
            path = chosen
        target = Path(path)

        def read() -> tuple[str, int, int]:
            from claimdesk.sources.doilist import read_doi_file

            found = read_doi_file(target)
            return "\n".join(found.dois), len(found.dois), len(found.skipped)

        def loaded(result: tuple[str, int, int]) -> None:
            text, count, skipped = result
            self.set_query("dois", text)
            note = self.tr("Read %s from %s.") % (dois(count), target.name)
            if skipped:
                note += self.tr(" %d lines held no DOI.") % skipped
            self.message_bar.show_message(note, "info" if count else "warning")

        self.ctx.reads.start(
            read,
            on_result=loaded,
            on_error=lambda e: self.message_bar.show_message(
                self.tr("Could not read %s: %s") % (target.name, e), "error"
            ),
        )

    def _sources(self) -> tuple[str, ...]:
        chosen = []
        if self.datacite_box.isChecked():
            chosen.append("datacite")
        if self.crossref_box.isChecked():
            chosen.append("crossref")
        return tuple(chosen)

    def _query_problem(self, mode: str, text: str) -> str | None:
        from claimdesk.orcid.ids import normalize_orcid

        if not text.strip():
            return (
                self.tr("Type something to search for.")
                if mode != "dois"
                else self.tr("Paste DOIs or import a file first.")
            )
        if mode == "orcid" and normalize_orcid(text) is None:
            return (
                self.tr("“%s” is not a valid ORCID iD (16 digits, the last one a checksum).")
                % text.strip()
            )
        if mode != "dois" and not self._sources():
            return self.tr("Choose DataCite, Crossref or both.")
        return None

    @property
    def searching(self) -> bool:
        """True while a search runs."""
        return self._search.busy

    def start_search(self) -> None:
        """Run the query in the background; the table fills when it answers."""
        if self.searching:
            return
        mode = self.mode
        text = self.dois_edit.toPlainText() if mode == "dois" else self.query_edit.text()
        problem = self._query_problem(mode, text)
        if problem:
            self.message_bar.show_message(problem, "warning")
            return
        if mode == "orcid":
            from claimdesk.orcid.ids import normalize_orcid

            text = normalize_orcid(text) or text
        self.message_bar.hide()
        self._last_query = (mode, text)
        sources = self._sources() if mode != "dois" else ("dois",)
        self._progress = {s: (0, None) for s in sources}
        self.progress_bar.setRange(0, 0)
        self.progress_label.setText(self.tr("Searching…"))
        self.progress_holder.show()
        session = self.session
        settings = session.settings if session else self.ctx.settings
        emit = self._relay.progress.emit

        def failed(error: BaseException) -> None:
            from claimdesk.workflows.explain import explain

            self.message_bar.show_message(
                self.tr("The search failed: %s") % explain(error), "error"
            )
            self.search_finished.emit()

        self._search.start(
            run_search,
            settings,
            mode,
            text,
            self._sources(),
            session,
            emit,
            on_result=self._show_outcome,
            on_error=failed,
            on_done=self._search_ended,
        )
        self._update_buttons()

    def cancel_search(self) -> None:
        """Stop the search after the pages in flight (what was found so far still shows)."""
        if self._search.busy:
            self._search.stop()
            self.progress_label.setText(self.tr("Cancelling after the pages in flight…"))

    def _search_ended(self) -> None:
        self.progress_holder.hide()
        self._update_buttons()

    def _show_progress(self, source: str, fetched: int, total: object) -> None:
        if not self._search.busy:
            return
        self._progress[source] = (fetched, total if isinstance(total, int) else None)
        parts = []
        for name, (got, of) in self._progress.items():
            if name == "dois":
                parts.append(self.tr("Looked up %d of %s DOIs") % (got, of if of else "?"))
            else:
                label = SOURCE_LABELS.get(name, name)
                parts.append(f"{label}: {got}" + (self.tr(" of %d") % of if of else ""))
        self.progress_label.setText(" · ".join(parts))
        if all(of for _got, of in self._progress.values()):
            total_all = sum(min(of or 0, 1000) for _got, of in self._progress.values())
            self.progress_bar.setRange(0, max(total_all, 1))
            self.progress_bar.setValue(sum(got for got, _of in self._progress.values()))

    def _show_outcome(self, outcome: SearchOutcome) -> None:
        self.last_outcome = outcome
        session = self.session
        orcid = session.orcid if session else None
        mode, text = self._last_query
        self.model.set_results(
            outcome.records,
            outcome.index,
            orcid=orcid,
            searched_name=text if mode == "name" else "",
        )
        self.legend.setVisible(mode == "name" or bool(orcid))
        self._report(outcome)
        self._update_counts()
        self.search_finished.emit()

    def _report(self, outcome: SearchOutcome) -> None:
        """Per-source errors and notes, in words, while the other results show."""
        lines: list[str] = []
        level = "info"
        for source, text in outcome.errors.items():
            label = SOURCE_LABELS.get(source, source)
            others = [SOURCE_LABELS.get(s, s) for s in outcome.counts]
            tail = (self.tr(" The %s results are shown.") % " and ".join(others)) if others else ""
            detail = text.split(": ", 1)[1] if text.lower().startswith(source) else text
            lines.append(
                self.tr("%s could not be searched: %s.%s") % (label, detail.rstrip("."), tail)
            )
            level = "warning"
        lines += outcome.notes
        if outcome.notes and level == "info":
            level = "warning"
        if outcome.read_error is not None:
            from claimdesk.workflows.explain import explain

            lines.append(
                self.tr("Could not read the ORCID record, so claim status is unknown: %s")
                % explain(outcome.read_error)
            )
            level = "warning"
        if outcome.cancelled:
            lines.append(self.tr("Search cancelled: showing what was found so far."))
        if not outcome.records and not lines:
            lines.append(self.tr("Nothing found."))
        if lines:
            retry = (self.tr("Search again"), self.start_search) if outcome.errors else None
            self.message_bar.show_message("\n".join(lines), level, action=retry)

    # ==== shutting down ============================================================

    def shutdown(self) -> None:
        """Stop searches and claims (at exit)."""
        self.cancel_search()
        if self._job is not None:
            self._job.cancel()

    # ==== state ================================================================================

    def _update_buttons(self) -> None:
        searching = self.searching
        self.search_button.setVisible(not searching)
        self.cancel_button.setVisible(searching)
        has_session = self.session is not None
        checked = self.model.checked_count
        claiming = self.claiming
        self.select_button.setEnabled(self.model.offered_count > 0 and not claiming)
        self.clear_button.setEnabled(checked > 0 and not claiming)
        self.claim_button.setEnabled(
            checked > 0 and has_session and not claiming and self.model.index_ is not None
        )
        self.claim_button.setText(
            self.tr("Claim selected (%d)") % checked if checked else self.tr("Claim selected")
        )
        if not has_session:
            self.claim_button.setToolTip(self.tr("Sign in to claim DOIs"))
        elif claiming:
            self.claim_button.setToolTip(self.tr("A claim is being sent"))
        else:
            self.claim_button.setToolTip(
                self.tr("Add the ticked DOIs to %s's ORCID record")
                % (self.session.name or self.session.orcid)
            )
        self._update_counts()

    def _show_only_changed(self, _index: int) -> None:
        self.proxy.set_show_only(self.show_combo.currentData())
        self._update_counts()

    def _filter_text_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_counts()


def install_search_view(window) -> SearchView:
    """Add the Search view to ``window`` (key ``search``) and keep it on the window's record.

    Claims go to the journal of the record shown (``ctx.journals``, shared with History).
    """
    from claimdesk.ui import icons

    view = SearchView(window.ctx, window)
    color = window.palette().color(QPalette.ColorRole.WindowText)
    window.add_view(view, view.tr("Search"), key="search", icon=icons.icon("search", color))
    view.set_session(window.record.session)
    window.record.account_changed.connect(view.set_session)
    view.record_changed.connect(window.record.refresh)
    window.record.works_changed.connect(view.refresh_statuses)
    window.record.reconnected.connect(lambda _session: view.refresh_statuses())
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(view.shutdown)
    return view
