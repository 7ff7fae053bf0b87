"""The Search view's widgets and layout: the query row, progress, the results table, the claim bar.

Split from ``search_view`` (a mixin of :class:`~claimdesk.ui.search_view.SearchView`); its words
keep the ``SearchView`` translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
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

from claimdesk.ui.delegates import RichTextDelegate
from claimdesk.ui.message_bar import MessageBar
from claimdesk.ui.results_table import results_table
from claimdesk.ui.search_model import (
    AUTHORS_LEGEND,
    ORCID_GREEN,
    Column,
    Role,
    ShowOnly,
)
from claimdesk.ui.wrap_bar import WrapBar

#: (mode key, label) of the query box; "dois" is a pasted or imported list.
MODES = (
    ("orcid", QT_TRANSLATE_NOOP("SearchView", "My ORCID iD")),
    ("name", QT_TRANSLATE_NOOP("SearchView", "Name")),
    ("query", QT_TRANSLATE_NOOP("SearchView", "Query")),
    ("dois", QT_TRANSLATE_NOOP("SearchView", "DOI list")),
)
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


class SearchLayout:
    """Builds the Search view's widgets (mixed into :class:`SearchView`)."""

    def _build(self) -> None:
        # -- the query box
        self.mode_combo = QComboBox()
        for key, label in MODES:
            self.mode_combo.addItem(QCoreApplication.translate("SearchView", label), key)
        self.mode_combo.setToolTip(QCoreApplication.translate("SearchView", "What to look for"))
        self.mode_combo.currentIndexChanged.connect(
            lambda _i: self._set_mode(self.mode_combo.currentData())
        )
        self.query_edit = QLineEdit()
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.setMinimumWidth(200)
        self.query_edit.returnPressed.connect(self.start_search)
        self.dois_edit = QPlainTextEdit()
        self.dois_edit.setPlaceholderText(
            QCoreApplication.translate(
                "SearchView",
                "Paste DOIs in any form, one per line or mixed with text:\n"
                "10.5555/12345678\nhttps://doi.org/10.80555/c.0001\ndoi:10.5281/zenodo.12345",
            )
        )
        self.dois_edit.setMaximumHeight(110)
        self.import_button = QPushButton(QCoreApplication.translate("SearchView", "Import file…"))
        self.import_button.setToolTip(
            QCoreApplication.translate(
                "SearchView", "Read DOIs from a text, CSV, RIS or BibTeX file"
            )
        )
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
        self.search_button = QPushButton(QCoreApplication.translate("SearchView", "Search"))
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.start_search)
        self.cancel_button = QPushButton(QCoreApplication.translate("SearchView", "Cancel"))
        self.cancel_button.clicked.connect(self.cancel_search)
        self.cancel_button.hide()

        query_row = QHBoxLayout()
        query_row.setSpacing(8)
        query_row.addWidget(self.mode_combo, 0, Qt.AlignmentFlag.AlignTop)
        query_row.addWidget(self.input_stack, 1)
        sources_label = QLabel(QCoreApplication.translate("SearchView", "in"))
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
            self.show_combo.addItem(QCoreApplication.translate("SearchView", label), which)
        self.show_combo.currentIndexChanged.connect(self._show_only_changed)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(
            QCoreApplication.translate("SearchView", "Filter results")
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMaximumWidth(260)
        self.filter_edit.textChanged.connect(self._filter_text_changed)
        self._last_query: tuple[str, str] = ("", "")
        self.legend = QLabel(QCoreApplication.translate("SearchView", AUTHORS_LEGEND))
        self.legend.setWordWrap(True)
        self.legend.setEnabled(False)  # the muted text colour
        self.legend.hide()
        results_row = QHBoxLayout()
        results_row.addWidget(self.counts_label, 1)
        results_row.addWidget(QLabel(QCoreApplication.translate("SearchView", "Show:")))
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
            QCoreApplication.translate(
                "SearchView", "Add claimdesk's version where other sources have it"
            )
        )
        self.own_version_box.setToolTip(
            QCoreApplication.translate(
                "SearchView",
                "ORCID groups versions of the same DOI; claimdesk's version is one you can edit "
                "later",
            )
        )
        self.versions_box = QCheckBox(
            QCoreApplication.translate("SearchView", "Include versions and parts")
        )
        self.versions_box.setToolTip(
            QCoreApplication.translate(
                "SearchView",
                "DOIs that are a version or part of another DOI (IsVersionOf, IsPartOf, "
                "IsIdenticalTo, IsPreviousVersionOf) are skipped unless this is on",
            )
        )
        for box in (self.own_version_box, self.versions_box):
            box.toggled.connect(self._policy_toggled)
        self.select_button = QPushButton(
            QCoreApplication.translate("SearchView", "Select all unclaimed")
        )
        self.select_button.setToolTip(
            QCoreApplication.translate("SearchView", "Tick every DOI the claim policy offers")
        )
        self.select_button.clicked.connect(self.select_all_unclaimed)
        self.clear_button = QPushButton(QCoreApplication.translate("SearchView", "Clear"))
        self.clear_button.clicked.connect(self.model.uncheck_all)
        self.claim_button = QPushButton(QCoreApplication.translate("SearchView", "Claim selected"))
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
