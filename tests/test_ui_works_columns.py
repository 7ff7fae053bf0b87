"""What users of the ORCID website and Zotero expect in the Works tab: a DOI column, a visibility
column and filter, Copy DOI / Open at doi.org / Open on orcid.org, Escape clears the filter,
Ctrl+F reaches the filter in a narrow window, and the columns fit at the default size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_support import close_window, make_window, rows, select_put_codes, sign_in

from claimdesk.sandbox.seeds import DEMO_ORCID
from claimdesk.ui.interaction import Interaction
from claimdesk.ui.works_model import Column, Role


@pytest.fixture
def window(qtbot, tmp_path, sandbox):
    win = make_window(qtbot, tmp_path, sign_in(sandbox).session)
    win.ctx.interaction = Interaction()
    yield win
    close_window(win)


def summaries_with_doi(sandbox):
    return [s for s in sandbox.store.works(DEMO_ORCID).summaries() if s.dois()]


def test_doi_and_visibility_columns_are_shown_by_default(window, sandbox):
    header = window.works.tree.header()
    assert not header.isSectionHidden(Column.DOI)
    assert not header.isSectionHidden(Column.VISIBILITY)
    by_doi = {
        index.siblingAtColumn(Column.DOI).data()
        for index, group in rows(window)
        if len(group.summaries) == 1
    }
    assert {e.value for s in summaries_with_doi(sandbox) for e in s.external_ids} & by_doi


def test_visibility_filter_shows_only_works_with_that_visibility(window, sandbox, qtbot):
    limited = [s for s in sandbox.store.works(DEMO_ORCID).summaries() if s.visibility == "limited"]
    assert limited
    window.works.find.set_visibility("limited")
    shown = rows(window)
    assert shown and all(any(s.visibility == "limited" for s in g.summaries) for _, g in shown)
    assert "Visibility: Limited" in window.works.counts_text()

    window.works.find.set_visibility("registered-only")
    assert rows(window) == []
    window.works.counts_text()
    assert "No works have the visibility" in window.works.no_match_label.text()
    assert "Escape" in window.works.no_match_label.text()


def test_escape_clears_the_filter(window, qtbot):
    total = len(rows(window))
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.focus_filter()
    qtbot.keyClicks(window.works.filter_edit, "zzzz-nothing")
    assert rows(window) == []
    qtbot.keyClick(window.works.filter_edit, Qt.Key.Key_Escape)
    assert window.works.filter_edit.text() == "" and len(rows(window)) == total
    window.works.find.set_visibility("limited")
    window.works.tree.setFocus()
    qtbot.keyClick(window.works.tree, Qt.Key.Key_Escape)
    assert window.works.find.visibility is None and len(rows(window)) == total


def test_ctrl_f_reaches_the_filter_in_a_narrow_window(window, qtbot):
    window.resize(520, 600)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.waitUntil(lambda: not window.works.filter_edit.isVisible())  # in the toolbar's overflow
    window.find_action.trigger()
    bar = window.works.find.bar
    assert bar.isVisible() and bar.hasFocus()
    qtbot.keyClicks(bar, "zzzz-nothing")
    assert rows(window) == [] and window.works.filter_edit.text() == "zzzz-nothing"
    qtbot.keyClick(bar, Qt.Key.Key_Escape)
    assert not bar.isVisible() and rows(window)


def test_context_menu_copies_the_doi_and_opens_doi_org_and_orcid_org(window, sandbox):
    version = summaries_with_doi(sandbox)[0]
    select_put_codes(window, version.put_code)
    links = window.works.links
    links.update()
    assert all(a.isEnabled() for a in links.actions)
    doi = links.copy_doi()
    assert doi and QApplication.clipboard().text() == doi
    assert doi in [e.value for e in version.external_ids]
    links.open_at_doi_org()
    links.open_on_orcid()
    opened = window.ctx.interaction.opened
    assert opened[0] == f"https://doi.org/{doi.lower()}"
    assert opened[1] == f"{sandbox.base_url}/{DEMO_ORCID}"


def test_context_menu_without_a_doi_offers_no_doi_actions(window, sandbox):
    no_doi = next(s for s in sandbox.store.works(DEMO_ORCID).summaries() if not s.dois())
    select_put_codes(window, no_doi.put_code)
    links = window.works.links
    links.update()
    assert not links.copy_doi_action.isEnabled() and not links.open_doi_action.isEnabled()
    assert links.open_orcid_action.isEnabled()
    assert links.copy_doi() == ""


def test_shown_columns_fit_beside_the_details_pane_at_the_default_size(window, qtbot):
    window.resize(1360, 820)
    window.show()
    qtbot.waitExposed(window)
    tree = window.works.tree
    header = tree.header()
    used = sum(header.sectionSize(c) for c in Column if not header.isSectionHidden(c))
    assert used <= tree.viewport().width(), "no horizontal scrolling at the default size"
    qtbot.waitUntil(lambda: not tree.horizontalScrollBar().isVisible(), timeout=3_000)
    # Each shown column is wide enough for its header.
    metrics = header.fontMetrics()
    for column in Column:
        if not header.isSectionHidden(column):
            title = window.works.model.headerData(column, Qt.Orientation.Horizontal)
            assert header.sectionSize(column) >= metrics.horizontalAdvance(title) + 8, title


def test_doi_column_sorts_and_counts_as_a_group_value(window):
    window.works.tree.sortByColumn(Column.DOI, Qt.SortOrder.AscendingOrder)
    values = [index.siblingAtColumn(Column.DOI).data() for index, _ in rows(window)]
    keyed = [v.casefold() for v in values]
    assert keyed == sorted(keyed)
    assert any(index.data(Role.IS_GROUP) for index, _ in rows(window))
