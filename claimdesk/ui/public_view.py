"""The Public record view: any ORCID iD's public works without signing in, and what is missing.

Useful to every researcher, not only to members' staff: type or paste an iD, see its public works
grouped as ORCID groups them (sources, display indexes, the preferred version), find the DOIs that
DataCite and Crossref list for it with their claim status, and add the missing ones without
member credentials — a BibTeX file for orcid.org's Import BibTeX, or DataCite Commons' claim —
with each path saying who becomes the works' source. Reads run on the read pool
(:mod:`claimdesk.workflows.public_record`); nothing here touches the network itself.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from claimdesk.ui import icons
from claimdesk.ui.delegates import RichTextDelegate
from claimdesk.ui.message_bar import MessageBar
from claimdesk.ui.results_table import results_table
from claimdesk.ui.search_model import ORCID_GREEN, SearchFilter, SearchModel, ShowOnly
from claimdesk.ui.search_model import Column as ResultColumn
from claimdesk.ui.search_model import Role as ResultRole
from claimdesk.ui.works_model import Column, WorksModel
from claimdesk.workflows.works_table import CLAIMDESK, MEMBER, OTHER, RESEARCHER, build_table

if TYPE_CHECKING:
    from claimdesk.workflows.public_record import MissingDois, PublicReader, PublicWorks

#: Columns of the works tree worth showing for somebody else's record.
WORK_COLUMNS = (
    Column.TITLE,
    Column.YEAR,
    Column.TYPE,
    Column.SOURCE,
    Column.ADDED_BY,
    Column.DISPLAY_INDEX,
)
RESULT_WIDTHS = {
    ResultColumn.STATUS: 250,
    ResultColumn.TITLE: 320,
    ResultColumn.AUTHORS: 180,
    ResultColumn.YEAR: 48,
    ResultColumn.TYPE: 110,
    ResultColumn.DOI: 200,
}


class PublicView(QWidget):
    """Look up any ORCID record's public works; find and add what it is missing."""

    record_shown = Signal()  # a record's public works are shown
    missing_shown = Signal()  # the DOIs found for the iD are shown with their status

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.public: PublicWorks | None = None
        self.missing: MissingDois | None = None
        self._reader: PublicReader | None = None
        self._reader_settings = None
        self._generation = 0
        self._build()

    # ==== building ==========================================================================

    def _build(self) -> None:
        self.message_bar = MessageBar()
        self.id_edit = QLineEdit()
        self.id_edit.setPlaceholderText(self.tr("ORCID iD, e.g. 0000-0002-1825-0097 or its URL"))
        self.id_edit.setClearButtonEnabled(True)
        self.id_edit.returnPressed.connect(self.look_up)
        self.look_up_button = QPushButton(self.tr("Show public works"))
        self.look_up_button.setDefault(True)
        self.look_up_button.clicked.connect(self.look_up)
        query = QHBoxLayout()
        query.addWidget(QLabel(self.tr("ORCID iD:")))
        query.addWidget(self.id_edit, 1)
        query.addWidget(self.look_up_button)

        self.intro = QLabel(
            self.tr(
                "Anyone's public ORCID works, read from ORCID's Public API without signing in. "
                "Find the DOIs DataCite and Crossref list for the iD, then add the missing ones "
                "yourself — no member credentials needed."
            )
        )
        self.intro.setWordWrap(True)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setOpenExternalLinks(True)
        self.info.hide()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(6)
        self.busy.setTextVisible(False)
        self.busy.hide()

        self.works_model = WorksModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.works_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSortingEnabled(True)
        self.tree.header().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.tree.header()
        for column in Column:
            header.setSectionHidden(column, column not in WORK_COLUMNS)
        header.resizeSection(Column.TITLE, 380)
        header.resizeSection(Column.SOURCE, 170)
        header.resizeSection(Column.ADDED_BY, 170)

        self.find_button = QPushButton(self.tr("Find missing DOIs"))
        self.find_button.setToolTip(
            self.tr("Search DataCite and Crossref for DOIs that name this iD")
        )
        self.find_button.clicked.connect(self.find_missing)
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.results = SearchModel(self)
        self.results_filter = SearchFilter(self)
        self.results_filter.setSourceModel(self.results)
        self.results_table = results_table(
            self.results_filter, widths=RESULT_WIDTHS, stretch=ResultColumn.TITLE
        )
        self.results_table.hideColumn(ResultColumn.CHECK)
        # Authors as in Search: the iD looked up bold and marked "✓ iD".
        self.results_table.setItemDelegateForColumn(
            ResultColumn.AUTHORS,
            RichTextDelegate(ResultRole.AUTHORS_HTML, ORCID_GREEN, self.results_table),
        )
        self.bibtex_button = QPushButton(self.tr("Save BibTeX for ORCID import…"))
        self.bibtex_button.setToolTip(
            self.tr(
                "Write the DOIs not on the record as a BibTeX file for orcid.org's Works → Add "
                "→ Import BibTeX"
            )
        )
        self.bibtex_button.clicked.connect(lambda: self.save_orcid_import())
        self.orcid_button = QPushButton(self.tr("Open ORCID's Add works page"))
        self.orcid_button.clicked.connect(self.open_orcid_works_page)
        self.commons_button = QPushButton(self.tr("Claim DataCite DOIs on DataCite Commons…"))
        self.commons_button.clicked.connect(self.show_commons_links)
        self.paths_note = QLabel(self._paths_note())
        self.paths_note.setWordWrap(True)
        self.paths_note.setEnabled(False)  # drawn in the muted text colour

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.tree)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        find_row = QHBoxLayout()
        find_row.addWidget(self.find_button)
        find_row.addWidget(self.missing_label, 1)
        bottom_layout.addLayout(find_row)
        bottom_layout.addWidget(self.results_table, 1)
        actions = QHBoxLayout()
        for button in (self.bibtex_button, self.orcid_button, self.commons_button):
            actions.addWidget(button)
        actions.addStretch(1)
        bottom_layout.addLayout(actions)
        bottom_layout.addWidget(self.paths_note)
        self.splitter = QSplitter()
        self.splitter.setOrientation(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([330, 300])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.message_bar)
        layout.addLayout(query)
        layout.addWidget(self.intro)
        layout.addWidget(self.info)
        layout.addWidget(self.busy)
        layout.addWidget(self.splitter, 1)
        QShortcut(QKeySequence("Ctrl+L"), self, self.id_edit.setFocus)
        self._apply_icons()
        self._update_actions()

    def _apply_icons(self) -> None:
        self.works_model.set_icons(
            {
                RESEARCHER: icons.icon("researcher"),
                CLAIMDESK: icons.icon("claimdesk-source"),
                MEMBER: icons.icon("member"),
                OTHER: icons.icon("other"),
            },
            icons.icon("preferred"),
        )
        color = self.palette().color(QPalette.ColorRole.WindowText)
        self.look_up_button.setIcon(icons.icon("search", color))

    def _paths_note(self) -> str:
        from claimdesk.workflows.claim_elsewhere import SOURCE_NOTES

        return " ".join(
            self.tr(text)
            for text in (SOURCE_NOTES["bibtex"], SOURCE_NOTES["commons"], SOURCE_NOTES["member"])
        )

    def _update_actions(self) -> None:
        unclaimed = self.missing.unclaimed if self.missing is not None else ()
        self.find_button.setEnabled(self.public is not None and self.busy.isHidden())
        self.bibtex_button.setEnabled(bool(unclaimed))
        self.orcid_button.setEnabled(self.public is not None)
        self.commons_button.setEnabled(any(r.agency == "datacite" for r in unclaimed))
        self.results_table.setVisible(self.missing is not None)

    # ==== reading ===========================================================================

    def reader(self) -> PublicReader:
        """The paced reader for the current settings (a new one when they changed)."""
        from claimdesk.workflows.public_record import PublicReader

        if self._reader is None or self._reader_settings is not self.ctx.settings:
            if self._reader is not None:
                self._reader.close()
            self._reader = PublicReader(self.ctx.settings)
            self._reader_settings = self.ctx.settings
            self.ctx.cleanups.append(self._reader.close)
        return self._reader

    def look_up(self, orcid: str | None = None) -> None:
        """Read the public works of ``orcid`` (else the iD typed in) in the background."""
        if orcid is not None:
            self.id_edit.setText(orcid)
        text = self.id_edit.text().strip()
        if not text:
            self.message_bar.show_message(self.tr("Type or paste an ORCID iD first."), "warning")
            return
        self._generation += 1
        generation = self._generation
        reader = self.reader()
        self._set_busy(True, self.tr("Reading the public record…"))

        def arrived(public: PublicWorks) -> None:
            if generation == self._generation:
                self._show_public(public, reader)

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self._show_error(error)

        self.ctx.reads.start(
            reader.read, text, on_result=arrived, on_error=failed, on_done=self._done
        )

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy.setVisible(busy)
        self.look_up_button.setEnabled(not busy)
        if busy:
            self.message_bar.hide()
            self.missing_label.setText(text if self.public is not None else "")
        self._update_actions()

    def _done(self) -> None:
        self._set_busy(False)

    def _show_public(self, public: PublicWorks, reader: PublicReader) -> None:
        from claimdesk.workflows.public_record import allowance_text

        self.public = public
        self.missing = None
        self.results.set_results((), None, orcid=public.orcid)
        self.missing_label.setText("")
        table = build_table(public.works, orcid=public.orcid, client_id=self.ctx.settings.client_id)
        self.works_model.set_table(table)
        groups, versions = len(public.works), public.works.work_count
        how = allowance_text(reader)
        if reader.why_anonymous and reader.why_anonymous != "no ORCID client is configured":
            how += " " + self.tr("(Anonymous because there is %s.)") % reader.why_anonymous
        link = f'<a href="{html.escape(public.url)}">{html.escape(public.orcid)}</a>'
        self.info.setText(
            self.tr("Public works of %s: %s in %s. ")
            % (
                link,
                (self.tr("%d version") if versions == 1 else self.tr("%d versions")) % versions,
                (self.tr("%d group") if groups == 1 else self.tr("%d groups")) % groups,
            )
            + html.escape(how)
        )
        self.info.show()
        self.intro.hide()
        if not groups:
            self.missing_label.setText(
                self.tr("This record shows no public works. Find missing DOIs to see what exists.")
            )
        self.record_shown.emit()

    def _show_error(self, error: BaseException) -> None:
        from claimdesk.errors import ClaimdeskError

        text = str(error) if isinstance(error, ClaimdeskError) else repr(error)
        more = getattr(error, "more_info", None)
        action = None
        if more:
            action = (self.tr("How to get a client…"), lambda: self.ctx.interaction.open_url(more))
        self.message_bar.show_message(text, "error", action=action)

    # ==== missing DOIs ======================================================================

    def find_missing(self) -> None:
        """Search DataCite and Crossref for the iD's DOIs and mark them against the public works."""
        if self.public is None:
            return
        from claimdesk.workflows.public_record import find_missing

        public, settings = self.public, self.ctx.settings
        self._generation += 1
        generation = self._generation
        self._set_busy(True, self.tr("Searching DataCite and Crossref for %s…") % public.orcid)

        def run(cancel) -> MissingDois:
            return find_missing(settings, public, cancel=cancel)

        def arrived(missing: MissingDois) -> None:
            if generation == self._generation:
                self._show_missing(missing)

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self._show_error(error)

        self.ctx.reads.start(run, on_result=arrived, on_error=failed, on_done=self._done)

    def _show_missing(self, missing: MissingDois) -> None:
        from claimdesk.claims.status import RecordIndex

        assert self.public is not None
        self.missing = missing
        index = RecordIndex.build(
            self.public.works, self.ctx.settings.client_id, record_orcid=self.public.orcid
        )
        self.results.set_results([r.record for r in missing.rows], index, orcid=self.public.orcid)
        self.results_filter.set_show_only(ShowOnly.ALL)
        unclaimed = len(missing.unclaimed)
        rows = len(missing.rows)
        found = (self.tr("%d DOI found") if rows == 1 else self.tr("%d DOIs found")) % rows
        text = found + " — " + self.tr("%d not on the public record") % unclaimed
        if missing.versions_left_out:
            text += (
                " "
                + self.tr("(and %d versions or parts of other DOIs, left out)")
                % missing.versions_left_out
            )
        for source, error in missing.search.errors.items():
            text += " " + self.tr("(%s could not be searched: %s)") % (source, error)
        self.missing_label.setText(text)
        self._update_actions()
        self.missing_shown.emit()

    # ==== claiming without credentials ======================================================

    def _ask_save_path(self) -> str | None:
        name = f"orcid-import-{self.public.orcid if self.public else 'works'}.bib"
        return self.ctx.interaction.choose_save_file(
            self,
            self.tr("Save BibTeX for ORCID import"),
            str(Path.home() / name),
            self.tr("BibTeX (*.bib)"),
        )

    def save_orcid_import(self, path: str | Path | None = None) -> Path | None:
        """Write the unclaimed DOIs as BibTeX for orcid.org's import; say what to do next."""
        from claimdesk.workflows.claim_elsewhere import plan_import

        if self.missing is None or not self.missing.unclaimed:
            return None
        chosen = path if path is not None else self._ask_save_path()
        if not chosen:
            return None
        target = Path(chosen)
        plan = plan_import(self.missing.unclaimed)
        try:
            target.write_text(plan.bibtex, encoding="utf-8")
        except OSError as err:
            self.message_bar.show_message(
                self.tr("Could not write %s: %s") % (target, err.strerror or err), "error"
            )
            return None
        if plan.count == 1:
            saved = self.tr(
                "Saved 1 work to %s. On orcid.org, sign in, then Works → Add → Import BibTeX "
                "and choose this file. You will be the source of this work."
            ) % (target,)
        else:
            saved = self.tr(
                "Saved %d works to %s. On orcid.org, sign in, then Works → Add → Import BibTeX "
                "and choose this file. You will be the source of these works."
            ) % (plan.count, target)
        self.message_bar.show_message(
            saved,
            "success",
            action=(self.tr("Open orcid.org"), self.open_orcid_works_page),
        )
        return target

    def open_orcid_works_page(self) -> None:
        """Open orcid.org where the researcher adds works (Add → Import BibTeX)."""
        from claimdesk.workflows.claim_elsewhere import orcid_works_page

        self.ctx.interaction.open_url(orcid_works_page(self.ctx.settings.endpoints))

    def show_commons_links(self) -> QDialog | None:
        """A dialog listing each unclaimed DataCite DOI's DataCite Commons page (opened on click)."""
        from claimdesk.workflows.claim_elsewhere import SOURCE_NOTES, plan_import

        if self.missing is None:
            return None
        plan = plan_import(self.missing.unclaimed)
        if not plan.commons:
            return None
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Claim on DataCite Commons"))
        text = QLabel(
            self.tr(
                'Open each DOI on DataCite Commons, sign in there with ORCID and press "Add '
                'to ORCID Record". %s'
            )
            % self.tr(SOURCE_NOTES["commons"])
        )
        text.setWordWrap(True)
        links = QTextBrowser()
        links.setOpenLinks(False)
        links.anchorClicked.connect(lambda url: self.ctx.interaction.open_url(url.toString()))
        links.setHtml(
            "<ul>"
            + "".join(
                f'<li><a href="{html.escape(url)}">{html.escape(doi)}</a></li>'
                for doi, url in plan.commons
            )
            + "</ul>"
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(text)
        layout.addWidget(links, 1)
        layout.addWidget(buttons)
        dialog.resize(560, 360)
        dialog.setModal(False)
        dialog.show()
        self.commons_dialog = dialog
        return dialog
