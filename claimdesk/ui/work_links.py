"""What the Works tab's context menu offers besides editing: Copy DOI, Open at doi.org, Open on
orcid.org — what users of the ORCID website and of Zotero expect to find on a work."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QTreeView, QWidget

from claimdesk.orcid.ids import normalize_doi
from claimdesk.ui.works_model import Role, first_doi


class WorkLinks(QObject):
    """Three actions on the selected work; ``copied`` reports the DOI put on the clipboard."""

    copied = Signal(str)

    def __init__(
        self,
        ctx,
        holder: QWidget,
        tree: QTreeView,
        record_url: Callable[[], str | None],
    ) -> None:
        super().__init__(holder)
        self.ctx = ctx
        self.tree = tree
        self._record_url = record_url
        self.copy_doi_action = QAction(self.tr("&Copy DOI"), holder)
        self.copy_doi_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_doi_action.triggered.connect(self.copy_doi)
        self.open_doi_action = QAction(self.tr("Open at &doi.org"), holder)
        self.open_doi_action.triggered.connect(self.open_at_doi_org)
        self.open_orcid_action = QAction(self.tr("Open on &orcid.org"), holder)
        self.open_orcid_action.triggered.connect(self.open_on_orcid)
        for act in self.actions:
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            holder.addAction(act)

    def current_doi(self) -> str:
        """The DOI of the selected row: the version's, else its group's ('' when none)."""
        selection = self.tree.selectionModel()
        index = selection.currentIndex()
        if not index.isValid() or not selection.isRowSelected(index.row(), index.parent()):
            rows = selection.selectedRows(0)
            index = rows[0] if rows else QModelIndex()
        if not index.isValid():
            return ""
        summary = index.data(Role.SUMMARY)
        if index.data(Role.IS_GROUP):
            return first_doi(index.data(Role.GROUP).external_ids) or first_doi(summary.external_ids)
        return first_doi(summary.external_ids)

    @property
    def actions(self) -> tuple[QAction, ...]:
        """The actions, in menu order."""
        return (self.copy_doi_action, self.open_doi_action, self.open_orcid_action)

    def update(self) -> None:
        """Enable what makes sense for the selection (called before the menu shows)."""
        has_doi = bool(self.current_doi())
        self.copy_doi_action.setEnabled(has_doi)
        self.open_doi_action.setEnabled(has_doi)
        self.open_orcid_action.setEnabled(bool(self._record_url()))

    def copy_doi(self) -> str:
        """Put the selected work's DOI on the clipboard; returns it ('' when it has none)."""
        doi = self.current_doi()
        if doi:
            QGuiApplication.clipboard().setText(doi)
            self.copied.emit(doi)
        return doi

    def open_at_doi_org(self) -> None:
        """The selected work's DOI at doi.org (its landing page)."""
        doi = normalize_doi(self.current_doi() or "")
        if doi:
            self.ctx.interaction.open_url(f"https://doi.org/{doi}")

    def open_on_orcid(self) -> None:
        """The open record on the ORCID website."""
        url = self._record_url()
        if url:
            self.ctx.interaction.open_url(url)
