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
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from claimdesk.claims.status import ClaimPolicy, ClaimState, RecordIndex
from claimdesk.orcid.model import BULK_MAX
from claimdesk.ui.delegates import RichTextDelegate
from claimdesk.ui.message_bar import MessageBar
from claimdesk.ui.results_table import results_table
from claimdesk.ui.search_model import (
    AUTHORS_LEGEND,
    ORCID_GREEN,
    Column,
    Role,
    SearchFilter,
    SearchModel,
    ShowOnly,
)
from claimdesk.ui.wrap_bar import WrapBar
from claimdesk.workflows.cancel import CancelToken

if TYPE_CHECKING:
    from claimdesk.claims.runner import RunResult
    from claimdesk.config import Settings
    from claimdesk.sources.records import DoiRecord
    from claimdesk.ui.claim_progress import ClaimJob, ClaimProgressDialog
    from claimdesk.workflows.session import AccountSession

log = logging.getLogger(__name__)

#: (mode key, label) of the query box; "dois" is a pasted or imported list.
MODES = (
    ("orcid", QT_TRANSLATE_NOOP("SearchView", "My ORCID iD")),
    ("name", QT_TRANSLATE_NOOP("SearchView", "Name")),
    ("query", QT_TRANSLATE_NOOP("SearchView", "Query")),
    ("dois", QT_TRANSLATE_NOOP("SearchView", "DOI list")),
)
PLACEHOLDERS = {
    "orcid": QT_TRANSLATE_NOOP("SearchView", "0000-0002-1825-0097"),
    "name": QT_TRANSLATE_NOOP("SearchView", "Family name, or Given Family"),
    "query": QT_TRANSLATE_NOOP("SearchView", "Words from the title, the journal, the authors…"),
}
COLUMN_WIDTHS = {
    Column.CHECK: 30,
    Column.STATUS: 230,
    Column.TITLE: 330,
    Column.AUTHORS: 230,
    Column.YEAR: 48,
    Column.TYPE: 118,
    Column.DOI: 175,
    Column.SOURCES: 84,
}
SOURCE_LABELS = {"datacite": "DataCite", "crossref": "Crossref"}


def dois(n: int) -> str:
    """``1 DOI``, ``2 DOIs``, ``1,234 DOIs``."""
    return f"{n:,} DOI" if n == 1 else f"{n:,} DOIs"


# ---- the background work (no Qt) --------------------------------------------------------------


@dataclass
class SearchOutcome:
    """What one search produced, for the GUI thread."""

    records: tuple[DoiRecord, ...] = ()
    #: service → what went wrong, in words
    errors: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    #: other things to say (unknown DOIs, DOIs that could not be looked up)
    notes: list[str] = field(default_factory=list)
    index: RecordIndex | None = None
    read_error: BaseException | None = None
    cancelled: bool = False


def read_index(session: AccountSession) -> RecordIndex:
    """The open record's works, indexed by DOI (one ``GET /works``)."""
    from claimdesk.claims.journal import JOURNAL_FILE, default_path, removed_dois

    works = session.client().read_works()
    index = RecordIndex.build(works, session.settings.client_id, record_orcid=session.orcid)
    path = session.data_dir / JOURNAL_FILE if session.data_dir else default_path()
    return index.note_removed(removed_dois(path, session.settings.env, session.orcid))


def run_search(
    settings: Settings,
    mode: str,
    text: str,
    sources: tuple[str, ...],
    session: AccountSession | None,
    on_progress: Callable[[str, int, int | None], None],
    cancel: CancelToken,
) -> SearchOutcome:
    """Search (or resolve a DOI list), then read the record for the statuses.

    ``cancel`` is the job's token: the user's Cancel stops the search after the pages in flight
    and what was found so far is still returned (and shown).
    """
    from claimdesk.sources.doilist import parse_doi_list, resolve_dois
    from claimdesk.sources.search import SearchQuery, search

    out = SearchOutcome()
    if mode == "dois":
        wanted = parse_doi_list(text).dois
        resolved = resolve_dois(
            settings, wanted, cancel=cancel, on_progress=lambda d, t: on_progress("dois", d, t)
        )
        out.records = resolved.records
        out.cancelled = resolved.cancelled
        if resolved.unknown:
            shown = ", ".join(resolved.unknown[:5])
            more = f" and {len(resolved.unknown) - 5} more" if len(resolved.unknown) > 5 else ""
            verb = "is" if len(resolved.unknown) == 1 else "are"
            out.notes.append(
                f"{dois(len(resolved.unknown))} {verb} known to neither DataCite nor Crossref: "
                f"{shown}{more}"
            )
        if resolved.failed:
            doi, errors = next(iter(resolved.failed.items()))
            out.notes.append(
                f"{dois(len(resolved.failed))} could not be looked up (first: {doi}: "
                f"{'; '.join(str(e) for e in errors)}). Try again later."
            )
    else:
        result = search(
            settings, SearchQuery(mode, text, sources), cancel=cancel, on_progress=on_progress
        )
        out.records = result.records
        out.errors = {source: str(err) for source, err in result.errors.items()}
        out.counts = dict(result.counts)
        out.cancelled = result.cancelled
    if session is not None:
        try:
            out.index = read_index(session)
        except Exception as err:  # shown in words; the results still show
            out.read_error = err
    return out


# ---- widgets ----------------------------------------------------------------------------------


class _Relay(QObject):
    """Carries progress from worker threads to the GUI thread (queued signals)."""

    progress = Signal(str, int, object)  # source, fetched, total | None


class SearchView(QWidget):
    """Search, claim status, select, claim."""

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

    # ==== building =============================================================================

    def _build(self) -> None:
        # -- the query box
        self.mode_combo = QComboBox()
        for key, label in MODES:
            self.mode_combo.addItem(self.tr(label), key)
        self.mode_combo.setToolTip(self.tr("What to look for"))
        self.mode_combo.currentIndexChanged.connect(
            lambda _i: self._set_mode(self.mode_combo.currentData())
        )
        self.query_edit = QLineEdit()
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.setMinimumWidth(200)
        self.query_edit.returnPressed.connect(self.start_search)
        self.dois_edit = QPlainTextEdit()
        self.dois_edit.setPlaceholderText(
            self.tr(
                "Paste DOIs in any form, one per line or mixed with text:\n"
                "10.5555/12345678\nhttps://doi.org/10.80555/c.0001\ndoi:10.5281/zenodo.12345"
            )
        )
        self.dois_edit.setMaximumHeight(110)
        self.import_button = QPushButton(self.tr("Import file…"))
        self.import_button.setToolTip(self.tr("Read DOIs from a text, CSV, RIS or BibTeX file"))
        self.import_button.clicked.connect(lambda: self.import_file())
        dois_page = QWidget()
        dois_row = QHBoxLayout(dois_page)
        dois_row.setContentsMargins(0, 0, 0, 0)
        dois_row.addWidget(self.dois_edit, 1)
        dois_row.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)
        self.input_stack = QStackedWidget()
        self.input_stack.addWidget(self.query_edit)
        self.input_stack.addWidget(dois_page)

        self.datacite_box = QCheckBox("DataCite")
        self.crossref_box = QCheckBox("Crossref")
        for box in (self.datacite_box, self.crossref_box):
            box.setChecked(True)
            box.toggled.connect(self._update_buttons)
        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.start_search)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_search)
        self.cancel_button.hide()

        query_row = QHBoxLayout()
        query_row.setSpacing(8)
        query_row.addWidget(self.mode_combo, 0, Qt.AlignmentFlag.AlignTop)
        query_row.addWidget(self.input_stack, 1)
        sources_label = QLabel(self.tr("in"))
        # Same height as the query line, so the top-aligned row lines up in both modes.
        line_height = max(self.query_edit.sizeHint().height(), self.mode_combo.sizeHint().height())
        for widget in (sources_label, self.datacite_box, self.crossref_box):
            widget.setMinimumHeight(line_height)
        sources_label.setAlignment(Qt.AlignmentFlag.AlignVCenter)
        sources_label.setContentsMargins(6, 0, 0, 0)
        query_row.addWidget(sources_label, 0, Qt.AlignmentFlag.AlignTop)
        query_row.addWidget(self.datacite_box, 0, Qt.AlignmentFlag.AlignTop)
        query_row.addWidget(self.crossref_box, 0, Qt.AlignmentFlag.AlignTop)
        query_row.addWidget(self.search_button, 0, Qt.AlignmentFlag.AlignTop)
        query_row.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignTop)
        self._sources_label = sources_label

        # -- progress and messages
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumHeight(14)
        self.progress_bar.setTextVisible(False)
        self.progress_label = QLabel()
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress_bar, 1)
        progress_row.addWidget(self.progress_label, 2)
        self.progress_holder = QWidget()
        self.progress_holder.setLayout(progress_row)
        progress_row.setContentsMargins(0, 0, 0, 0)
        self.progress_holder.hide()
        self.message_bar = MessageBar()

        # -- results
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)  # long counts wrap rather than widen the window
        self.show_combo = QComboBox()
        for which, label in (
            (ShowOnly.ALL, QT_TRANSLATE_NOOP("SearchView", "All results")),
            (ShowOnly.NOT_ON_RECORD, QT_TRANSLATE_NOOP("SearchView", "Not on record")),
            (ShowOnly.ON_RECORD, QT_TRANSLATE_NOOP("SearchView", "On record")),
        ):
            self.show_combo.addItem(self.tr(label), which)
        self.show_combo.currentIndexChanged.connect(self._show_only_changed)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter results"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMaximumWidth(260)
        self.filter_edit.textChanged.connect(self._filter_text_changed)
        self._last_query: tuple[str, str] = ("", "")
        self.legend = QLabel(self.tr(AUTHORS_LEGEND))
        self.legend.setWordWrap(True)
        self.legend.setEnabled(False)  # the muted text colour
        self.legend.hide()
        results_row = QHBoxLayout()
        results_row.addWidget(self.counts_label, 1)
        results_row.addWidget(QLabel(self.tr("Show:")))
        results_row.addWidget(self.show_combo)
        results_row.addWidget(self.filter_edit)

        self.table = results_table(self.proxy, widths=COLUMN_WIDTHS, stretch=Column.TITLE)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setShowGrid(False)
        # Said inside the table when "Show" or the filter hides every result.
        self.hidden_label = QLabel(self.table.viewport())
        self.hidden_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hidden_label.setWordWrap(True)
        QVBoxLayout(self.table.viewport()).addWidget(self.hidden_label)
        self.hidden_label.hide()
        self.table.setItemDelegateForColumn(
            Column.AUTHORS, RichTextDelegate(Role.AUTHORS_HTML, ORCID_GREEN, self.table)
        )
        self.table.horizontalHeader().setSectionResizeMode(
            Column.CHECK, QHeaderView.ResizeMode.Fixed
        )
        self.model.dataChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)

        # -- claim bar
        self.own_version_box = QCheckBox(
            self.tr("Add claimdesk's version where other sources have it")
        )
        self.own_version_box.setToolTip(
            self.tr(
                "ORCID groups versions of the same DOI; claimdesk's version is one you can edit "
                "later"
            )
        )
        self.versions_box = QCheckBox(self.tr("Include versions and parts"))
        self.versions_box.setToolTip(
            self.tr(
                "DOIs that are a version or part of another DOI (IsVersionOf, IsPartOf, "
                "IsIdenticalTo, IsPreviousVersionOf) are skipped unless this is on"
            )
        )
        for box in (self.own_version_box, self.versions_box):
            box.toggled.connect(self._policy_toggled)
        self.select_button = QPushButton(self.tr("Select all unclaimed"))
        self.select_button.setToolTip(self.tr("Tick every DOI the claim policy offers"))
        self.select_button.clicked.connect(self.select_all_unclaimed)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.clicked.connect(self.model.uncheck_all)
        self.claim_button = QPushButton(self.tr("Claim selected"))
        self.claim_button.setObjectName("ClaimButton")
        self.claim_button.clicked.connect(self.claim_selected)
        # The options go above the buttons when the window is narrow (not widen it).
        claim_bar = WrapBar(
            [self.own_version_box, self.versions_box],
            [self.select_button, self.clear_button, self.claim_button],
        )
        claim_bar.setObjectName("ClaimBar")
        claim_bar.box.setContentsMargins(0, 4, 0, 0)
        self.claim_bar = claim_bar

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(query_row)
        layout.addWidget(self.progress_holder)
        layout.addWidget(self.message_bar)
        layout.addLayout(results_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legend)
        layout.addWidget(claim_bar)

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

    # ==== selection and claiming ===============================================================

    def select_all_unclaimed(self) -> None:
        """Tick every DOI the policy offers (by default: not on the record, not a version)."""
        count = self.model.check_all_offered()
        if not count and self.model.rowCount():
            self.message_bar.show_message(
                self.tr("Every DOI found is already on the record or left out by the policy."),
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
            self.message_bar.show_message(self.tr("Nothing to claim: %s.") % reasons, "info")
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
            self.tr("%s. The statuses below were read again from ORCID.") % summary,
            "success" if result.ok else "warning",
        )
        log.info("claim run %s on %s: %s", result.run_id, session.orcid, result.summary())
        self.claim_finished.emit(result)
        self.record_changed.emit()
        self.refresh_statuses()

    def _claim_failed(self, session: AccountSession, error: BaseException) -> None:
        from claimdesk.workflows.explain import explain

        self.message_bar.show_message(
            self.tr("The claim could not be sent: %s") % explain(error), "error"
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

            text = self.tr("Could not read the record again: %s") % explain(error)
            self.message_bar.show_message(text, "warning")
            self._statuses_failure = text

        self._statuses.start(
            read_index, session, on_result=arrived, on_error=failed, on_done=self._update_buttons
        )

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

    def _update_counts(self) -> None:
        self._say_what_is_hidden()
        total = self.model.rowCount()
        if not total:
            self.counts_label.setText(
                self.tr("Search DataCite and Crossref for DOIs that belong on the record.")
                if self.session
                else self.tr("Search DataCite and Crossref for DOIs.")
            )
            return
        counts = self.model.counts()
        if self.model.index_ is None:
            self.counts_label.setText(self.tr("%s found") % dois(total) + self._name_only_note())
            return
        self.counts_label.setText(
            self.tr(
                "<b>%s</b> found · <span style='color:#2e9d4f'>%d added by claimdesk</span> · "
                "<span style='color:#2f6fde'>%d from other sources</span> · <b>%d not on record</b>"
                " · %d selected"
            )
            % (
                dois(total),
                counts[ClaimState.OURS],
                counts[ClaimState.OTHERS],
                counts[ClaimState.ABSENT],
                self.model.checked_count,
            )
            + self._name_only_note()
        )

    def _name_only_note(self) -> str:
        count = self.model.name_only_count()
        if not count:
            return ""
        return self.tr(" · <u>%d matched by name only</u> (no ORCID iD: check them)") % count

    def _say_what_is_hidden(self) -> None:
        """When results exist but "Show" or the filter hides every one, say so in the table."""
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        hidden_all = total > 0 and shown == 0
        if hidden_all:
            why = []
            if self.show_combo.currentData() is not ShowOnly.ALL:
                why.append(self.tr("“Show: %s”") % self.show_combo.currentText())
            if self.filter_edit.text().strip():
                why.append(self.tr("the filter “%s”") % self.filter_edit.text().strip())
            self.hidden_label.setText(
                self.tr("%s found, but %s hides every one. Choose “All results” to see them.")
                % (dois(total), self.tr(" and ").join(why))
            )
        self.hidden_label.setVisible(hidden_all)


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
