"""The edit dialog for one of claimdesk's works: the fields a researcher fixes most often.

Contributor iDs are written as ORCID's schema wants them (a pasted ``https://orcid.org/…`` URL,
a lower-case ``x`` or spaces are normalised, and the table shows the result). The dialog checks
the work with :func:`claimdesk.workflows.work_form.check_work` before anything is sent, listing
every problem at once, then emits ``submitted(Work)``; the window does the PUT and either closes
the dialog or shows ORCID's refusal in it, in words.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from claimdesk.orcid.model import (
    CONTRIBUTOR_ROLES,
    RELATIONSHIPS,
    WORK_TYPES,
    Contributor,
    ExternalId,
    PublicationDate,
    Work,
)
from claimdesk.workflows.work_form import check_work, normalize_work, parse_date

ID_TYPES = (
    "doi",
    "handle",
    "isbn",
    "issn",
    "arxiv",
    "pmid",
    "pmc",
    "uri",
    "urn",
    "ark",
    "eid",
    "wosuid",
    "other-id",
)


def _combo(values: tuple[str, ...], current: str | None, editable: bool = False) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(editable)
    combo.addItems(list(values))
    if current and current not in values:
        combo.addItem(current)
    if current:
        combo.setCurrentText(current)
    return combo


def work_type_label(code: str) -> str:
    """An ORCID work type in words: ``journal-article`` → ``Journal article``."""
    words = code.replace("-", " ")
    return words[:1].upper() + words[1:]


def _type_combo(current: str | None) -> QComboBox:
    """Work types shown in words, the ORCID code kept as the item's data (and in its tooltip)."""
    combo = QComboBox()
    codes = list(WORK_TYPES)
    if current and current not in codes:
        codes.append(current)
    for code in codes:
        combo.addItem(work_type_label(code), code)
        combo.setItemData(combo.count() - 1, code, Qt.ItemDataRole.ToolTipRole)
    if current:
        combo.setCurrentIndex(codes.index(current))
    return combo


class _RowsTable(QWidget):
    """A small editable table with Add / Remove buttons (identifiers, contributors)."""

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(96)
        self.table.setWordWrap(False)
        # Tab leaves the table (arrow keys move between cells), so the form can be tabbed through.
        self.table.setTabKeyNavigation(False)
        self.add_button = QPushButton(self.tr("Add"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self._remove_selected)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Tab goes table → its combo boxes row by row → Add → Remove, not to the buttons first."""
        previous: QWidget = self.table
        for row in range(self.table.rowCount()):
            for col in range(self.table.columnCount()):
                widget = self.table.cellWidget(row, col)
                if widget is not None:
                    QWidget.setTabOrder(previous, widget)
                    previous = widget
        QWidget.setTabOrder(previous, self.add_button)
        QWidget.setTabOrder(self.add_button, self.remove_button)

    def append(self, cells: list[str | QComboBox]) -> int:
        """Add a row; strings become editable cells, combo boxes are placed as they are."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, cell in enumerate(cells):
            if isinstance(cell, QComboBox):
                self.table.setCellWidget(row, col, cell)
            else:
                self.table.setItem(row, col, QTableWidgetItem(cell))
        self._order_tabs()
        return row

    def value(self, row: int, col: int) -> str:
        """The text of one cell (combo or item), stripped."""
        widget = self.table.cellWidget(row, col)
        if isinstance(widget, QComboBox):
            return widget.currentText().strip()
        item = self.table.item(row, col)
        return item.text().strip() if item is not None else ""

    def rows(self) -> int:
        """Number of rows."""
        return self.table.rowCount()


class EditDialog(QDialog):
    """Edit title, subtitle, type, date, journal, URL, identifiers, contributors, description."""

    submitted = Signal(object)  # Work

    def __init__(self, work: Work, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original = work
        self.setWindowTitle(self.tr("Edit work — %s") % work.title)
        self.setMinimumWidth(800)

        self.title_edit = QLineEdit(work.title)
        self.subtitle_edit = QLineEdit(work.subtitle or "")
        self.type_combo = _type_combo(work.type)
        self.date_edit = QLineEdit(str(work.publication_date or ""))
        self.date_edit.setPlaceholderText(self.tr("YYYY, YYYY-MM or YYYY-MM-DD"))
        self.journal_edit = QLineEdit(work.journal_title or "")
        self.url_edit = QLineEdit(work.url or "")
        self.url_edit.setPlaceholderText("https://…")

        self.ids = _RowsTable(
            [self.tr("Type"), self.tr("Value"), self.tr("Relationship"), self.tr("URL")]
        )
        self.ids.add_button.clicked.connect(lambda: self.add_identifier(ExternalId("doi", "")))
        for column, width in enumerate((110, 220, 110)):
            self.ids.table.setColumnWidth(column, width)
        for ext in work.external_ids:
            self.add_identifier(ext)

        self.contributors = _RowsTable(
            [self.tr("Name"), self.tr("ORCID iD"), self.tr("Role"), self.tr("Sequence")]
        )
        self.contributors.add_button.clicked.connect(lambda: self.add_contributor(Contributor()))
        for column, width in enumerate((180, 160, 120)):
            self.contributors.table.setColumnWidth(column, width)
        for contributor in work.contributors:
            self.add_contributor(contributor)

        self.description_edit = QPlainTextEdit(work.short_description or "")
        self.description_edit.setMaximumHeight(90)

        form = QFormLayout()
        form.addRow(self.tr("&Title"), self.title_edit)
        form.addRow(self.tr("S&ubtitle"), self.subtitle_edit)
        form.addRow(self.tr("T&ype"), self.type_combo)
        form.addRow(self.tr("Publication &date"), self.date_edit)
        form.addRow(self.tr("&Journal"), self.journal_edit)
        form.addRow(self.tr("U&RL"), self.url_edit)
        form.addRow(self.tr("Identifiers"), self.ids)
        form.addRow(self.tr("Contributors"), self.contributors)
        form.addRow(self.tr("Short de&scription"), self.description_edit)

        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problems_label.setStyleSheet("color: #c62828;")
        self.problems_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.buttons)

    def add_identifier(self, ext: ExternalId) -> None:
        """Append an identifier row."""
        self.ids.append(
            [
                _combo(ID_TYPES, ext.type, editable=True),
                ext.value,
                _combo(RELATIONSHIPS, ext.relationship or "self"),
                ext.url or "",
            ]
        )

    def add_contributor(self, contributor: Contributor) -> None:
        """Append a contributor row."""
        self.contributors.append(
            [
                contributor.credit_name or "",
                contributor.orcid or "",
                _combo(("",) + CONTRIBUTOR_ROLES, contributor.role or ""),
                _combo(("", "first", "additional"), contributor.sequence or ""),
            ]
        )

    def work(self) -> Work:
        """The work as edited, contributor iDs normalised (ValueError for an unreadable date)."""
        return self._edited(parse_date(self.date_edit.text()))

    def _edited(self, date: PublicationDate | None) -> Work:
        ids = []
        for row in range(self.ids.rows()):
            value = self.ids.value(row, 1)
            if not value:
                continue
            ids.append(
                ExternalId(
                    type=self.ids.value(row, 0),
                    value=value,
                    relationship=self.ids.value(row, 2) or "self",
                    url=self.ids.value(row, 3) or None,
                )
            )
        contributors = []
        for row in range(self.contributors.rows()):
            name, orcid = self.contributors.value(row, 0), self.contributors.value(row, 1)
            if not (name or orcid):
                continue
            contributors.append(
                Contributor(
                    credit_name=name or None,
                    orcid=orcid or None,
                    role=self.contributors.value(row, 2) or None,
                    sequence=self.contributors.value(row, 3) or None,
                )
            )
        edited = replace(
            self.original,
            title=self.title_edit.text().strip(),
            subtitle=self.subtitle_edit.text().strip() or None,
            type=self.type_combo.currentData() or self.type_combo.currentText(),
            publication_date=date,
            journal_title=self.journal_edit.text().strip() or None,
            url=self.url_edit.text().strip() or None,
            external_ids=tuple(ids),
            contributors=tuple(contributors),
            short_description=self.description_edit.toPlainText().strip() or None,
        )
        return normalize_work(edited)

    def submit(self) -> None:
        """Check the work; emit ``submitted`` when it can be sent, else list every problem."""
        problems = []
        try:
            date = parse_date(self.date_edit.text())
        except ValueError as err:
            problems.append(self.tr("The publication date %s.") % err)
            date = None
        work = self._edited(date)
        self._show_normalized_ids(work)
        problems += check_work(work)
        if problems:
            self.show_problems(problems)
            return
        self.show_problems([])
        self.set_busy(True)
        self.submitted.emit(work)

    def _show_normalized_ids(self, work: Work) -> None:
        """Show contributor iDs as they will be sent (``https://orcid.org/…`` → the bare iD)."""
        people = iter(work.contributors)
        for row in range(self.contributors.rows()):
            if not (self.contributors.value(row, 0) or self.contributors.value(row, 1)):
                continue  # empty rows are not sent
            person = next(people)
            item = self.contributors.table.item(row, 1)
            if item is not None and person.orcid and item.text().strip() != person.orcid:
                item.setText(person.orcid)

    def show_problems(self, problems: list[str]) -> None:
        """Show why the work cannot be saved (empty list hides the message)."""
        self.problems_label.setText("\n".join(problems))
        self.problems_label.setVisible(bool(problems))

    def set_busy(self, busy: bool) -> None:
        """While the PUT runs: no second submit, and say so."""
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(not busy)
        save.setText(self.tr("Saving…") if busy else self.tr("Save"))
