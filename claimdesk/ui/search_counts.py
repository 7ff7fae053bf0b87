"""The Search view's counts line and the note inside the table when every result is hidden.

Split from ``search_view`` (a mixin of :class:`~claimdesk.ui.search_view.SearchView`); its words
keep the ``SearchView`` translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from claimdesk.claims.status import ClaimState
from claimdesk.ui.search_model import (
    ShowOnly,
)
from claimdesk.ui.search_work import dois


class SearchCounts:
    """Say how many DOIs were found and what hides them (mixed into :class:`SearchView`)."""

    def _update_counts(self) -> None:
        self._say_what_is_hidden()
        total = self.model.rowCount()
        if not total:
            self.counts_label.setText(
                QCoreApplication.translate(
                    "SearchView", "Search DataCite and Crossref for DOIs that belong on the record."
                )
                if self.session
                else QCoreApplication.translate(
                    "SearchView", "Search DataCite and Crossref for DOIs."
                )
            )
            return
        counts = self.model.counts()
        if self.model.index_ is None:
            self.counts_label.setText(
                QCoreApplication.translate("SearchView", "%s found") % dois(total)
                + self._name_only_note()
            )
            return
        self.counts_label.setText(
            QCoreApplication.translate(
                "SearchView",
                "<b>%s</b> found · <span style='color:#2e9d4f'>%d added by claimdesk</span> · "
                "<span style='color:#2f6fde'>%d from other sources</span> · <b>%d not on record</b>"
                " · %d selected",
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
        return (
            QCoreApplication.translate(
                "SearchView", " · <u>%d matched by name only</u> (no ORCID iD: check them)"
            )
            % count
        )

    def _say_what_is_hidden(self) -> None:
        """When results exist but "Show" or the filter hides every one, say so in the table."""
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        hidden_all = total > 0 and shown == 0
        if hidden_all:
            why = []
            if self.show_combo.currentData() is not ShowOnly.ALL:
                why.append(
                    QCoreApplication.translate("SearchView", "“Show: %s”")
                    % self.show_combo.currentText()
                )
            if self.filter_edit.text().strip():
                why.append(
                    QCoreApplication.translate("SearchView", "the filter “%s”")
                    % self.filter_edit.text().strip()
                )
            self.hidden_label.setText(
                QCoreApplication.translate(
                    "SearchView",
                    "%s found, but %s hides every one. Choose “All results” to see them.",
                )
                % (dois(total), QCoreApplication.translate("SearchView", " and ").join(why))
            )
        self.hidden_label.setVisible(hidden_all)
