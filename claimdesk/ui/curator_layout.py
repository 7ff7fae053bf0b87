"""The Curator view's widgets and layout: the input row, progress, the category filter, the report.

Split from ``curator_view`` (a mixin of :class:`~claimdesk.ui.curator_view.CuratorView`); its
words keep the ``CuratorView`` translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from claimdesk.curator.report import (
    IN_BOTH,
    MISSING,
    NOT_CHECKED,
    NOT_IN_METADATA,
    UNREADABLE,
)
from claimdesk.ui.curator_model import Column
from claimdesk.ui.message_bar import MessageBar
from claimdesk.ui.results_table import results_table
from claimdesk.ui.wrap_bar import WrapBar

#: (input kind, label, placeholder)
INPUTS = (
    (
        "repository",
        QT_TRANSLATE_NOOP("CuratorView", "DataCite repository"),
        QT_TRANSLATE_NOOP("CuratorView", "e.g. brown.bdr"),
    ),
    (
        "prefix",
        QT_TRANSLATE_NOOP("CuratorView", "DOI prefix"),
        QT_TRANSLATE_NOOP("CuratorView", "e.g. 10.80555"),
    ),
    (
        "file",
        QT_TRANSLATE_NOOP("CuratorView", "DOI list file"),
        QT_TRANSLATE_NOOP("CuratorView", "A text, CSV, RIS or BibTeX file of DOIs"),
    ),
    (
        "doi",
        QT_TRANSLATE_NOOP("CuratorView", "One DOI"),
        QT_TRANSLATE_NOOP("CuratorView", "e.g. 10.80555/c.0001"),
    ),
)
#: (category or None for all, button label)
FILTERS = (
    (None, QT_TRANSLATE_NOOP("CuratorView", "All")),
    (MISSING, QT_TRANSLATE_NOOP("CuratorView", "Missing on ORCID")),
    (NOT_IN_METADATA, QT_TRANSLATE_NOOP("CuratorView", "On ORCID but not in metadata")),
    (IN_BOTH, QT_TRANSLATE_NOOP("CuratorView", "In both")),
    (UNREADABLE, QT_TRANSLATE_NOOP("CuratorView", "Record not readable")),
    (NOT_CHECKED, QT_TRANSLATE_NOOP("CuratorView", "Not checked yet")),
)
COLUMN_WIDTHS = {
    Column.DOI: 200,
    Column.TITLE: 300,
    Column.ORCID: 160,
    Column.CATEGORY: 210,
    Column.SOURCES: 200,
    Column.VERSION: 90,
    Column.AUTHENTICATED: 100,
}


class CuratorLayout:
    """Builds the Curator view's widgets (mixed into :class:`CuratorView`)."""

    def _build(self) -> None:
        self.kind_combo = QComboBox()
        for kind, label, _hint in INPUTS:
            self.kind_combo.addItem(QCoreApplication.translate("CuratorView", label), kind)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.input_edit = QLineEdit()
        self.input_edit.setClearButtonEnabled(True)
        self.input_edit.setMinimumWidth(320)
        self.input_edit.returnPressed.connect(lambda: self.start_run())
        self.input_edit.textChanged.connect(self._update)
        self.browse_button = QPushButton(QCoreApplication.translate("CuratorView", "Browse…"))
        self.browse_button.clicked.connect(self._browse)
        self.run_button = QPushButton(QCoreApplication.translate("CuratorView", "Run round trip"))
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(lambda: self.start_run())
        self.resume_button = QPushButton(QCoreApplication.translate("CuratorView", "Resume"))
        self.resume_button.setToolTip(
            QCoreApplication.translate(
                "CuratorView",
                "Finish the cancelled run without asking ORCID again for what it already knows",
            )
        )
        self.resume_button.clicked.connect(lambda: self.start_run(resume=True))
        self.cancel_button = QPushButton(QCoreApplication.translate("CuratorView", "Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.dumps_button = QPushButton(QCoreApplication.translate("CuratorView", "Data files…"))
        self.dumps_button.setCheckable(True)
        self.dumps_button.setToolTip(
            QCoreApplication.translate(
                "CuratorView",
                "Answer from ORCID's and DataCite's public data files, ingested with "
                "`claimdesk dumps ingest`, instead of asking ORCID (needs claimdesk[scale])",
            )
        )
        self.dumps_button.clicked.connect(lambda: self.choose_dumps())
        input_row = QHBoxLayout()
        input_row.addWidget(self.kind_combo)
        input_row.addWidget(self.input_edit, 1)
        input_row.addWidget(self.browse_button)
        input_row.addWidget(self.dumps_button)
        input_row.addWidget(self.run_button)
        input_row.addWidget(self.resume_button)
        input_row.addWidget(self.cancel_button)

        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumHeight(14)
        self.progress_bar.setTextVisible(False)
        self.progress_label = QLabel()
        self.progress_holder = QWidget()
        progress_row = QHBoxLayout(self.progress_holder)
        progress_row.setContentsMargins(0, 0, 0, 0)
        progress_row.addWidget(self.progress_bar, 1)
        progress_row.addWidget(self.progress_label, 2)
        self.progress_holder.hide()
        self.message_bar = MessageBar()

        self.summary_label = QLabel()
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setWordWrap(True)

        self.filter_group = QButtonGroup(self)
        self.filter_group.setExclusive(True)
        self.filter_buttons: dict[str | None, QToolButton] = {}
        buttons: list[QWidget] = []
        for index, (category, label) in enumerate(FILTERS):
            button = QToolButton()
            button.setText(QCoreApplication.translate("CuratorView", label))
            button.setCheckable(True)
            button.setAutoRaise(False)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.filter_group.addButton(button, index)
            self.filter_buttons[category] = button
            buttons.append(button)
        self.filter_buttons[None].setChecked(True)
        self.filter_group.idClicked.connect(lambda i: self.set_filter(FILTERS[i][0]))
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText(
            QCoreApplication.translate("CuratorView", "Filter: DOI, iD, title, source")
        )
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.setMaximumWidth(280)
        self.text_filter.textChanged.connect(self.proxy.set_text)
        # The text filter goes below the buttons when the window is narrow (not widen it).
        self.filter_bar = WrapBar(buttons, [self.text_filter])
        self.filter_bar.left_row.setSpacing(4)

        self.table = results_table(self.proxy, widths=COLUMN_WIDTHS, stretch=Column.TITLE)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setShowGrid(False)

        self.export_csv_button = QPushButton(
            QCoreApplication.translate("CuratorView", "Export CSV…")
        )
        self.export_csv_button.clicked.connect(lambda: self.export("csv"))
        self.export_json_button = QPushButton(
            QCoreApplication.translate("CuratorView", "Export JSON…")
        )
        self.export_json_button.clicked.connect(lambda: self.export("json"))
        self.versions_box = QCheckBox(
            QCoreApplication.translate("CuratorView", "Include versions and parts")
        )
        self.versions_box.setToolTip(
            QCoreApplication.translate(
                "CuratorView",
                "DOIs that are a version or part of another DOI are skipped unless this is on",
            )
        )
        self.push_button = QPushButton(QCoreApplication.translate("CuratorView", "Push…"))
        self.push_button.setToolTip(
            QCoreApplication.translate(
                "CuratorView",
                "Add the DOIs missing on ORCID to the records of researchers who gave "
                "permission; the plan is shown first",
            )
        )
        self.push_button.clicked.connect(self.plan_push)
        bottom = QHBoxLayout()
        bottom.addWidget(self.export_csv_button)
        bottom.addWidget(self.export_json_button)
        bottom.addStretch(1)
        bottom.addWidget(self.versions_box)
        bottom.addWidget(self.push_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(input_row)
        layout.addWidget(self.progress_holder)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
