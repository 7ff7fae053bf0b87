"""The Search view says in words what colour alone used to say: authors matched by ORCID iD are
marked "✓ iD", authors matched by name only are marked "name only" (with a legend), and "Show"
says so when it hides every result."""

from __future__ import annotations

import pytest
from ui_support import close_window, make_window, sign_in

from claimdesk.sandbox.seeds import DEMO_NAME, DEMO_ORCID
from claimdesk.sources.records import DoiRecord, Person
from claimdesk.ui.search_model import AUTHORS_LEGEND, Role, ShowOnly, authors_html
from claimdesk.ui.search_view import install_search_view


@pytest.fixture
def window(qtbot, tmp_path, sandbox):
    win = make_window(qtbot, tmp_path, sign_in(sandbox).session)
    yield win
    close_window(win)


@pytest.fixture
def view(window):
    return install_search_view(window)


def search(qtbot, view, mode: str, text: str) -> None:
    view.mode_combo.setCurrentIndex(view.mode_combo.findData(mode))
    view.query_edit.setText(text)
    with qtbot.waitSignal(view.search_finished, timeout=20_000):
        view.start_search()


def test_authors_are_marked_in_words_not_only_in_colour():
    people = (
        Person("Josiah Carberry", orcid=DEMO_ORCID),
        Person("J. Carberry"),
        Person("Ines Castillo", orcid="0000-0001-5109-3700"),
    )
    text = authors_html(people, DEMO_ORCID, searched_name=("carberry",))
    assert "Josiah Carberry</b>&nbsp;<small>✓ iD</small>" in text
    assert "<u>J. Carberry</u>&nbsp;<small>(name only)</small>" in text
    assert "Ines Castillo" in text and text.count("name only") == 1


def test_name_search_marks_matches_without_an_id_and_shows_the_legend(qtbot, view):
    search(qtbot, view, "name", DEMO_NAME)
    assert view.model.rowCount() > 0
    assert view.legend.isVisibleTo(view) and view.legend.text() == AUTHORS_LEGEND
    cells = [view.model.index(r, 0).data(Role.AUTHORS_HTML) for r in range(view.model.rowCount())]
    assert any("✓ iD" in c for c in cells)
    name_only = view.model.name_only_count()
    if name_only:
        assert "matched by name only" in view.counts_label.text()
        assert any("(name only)" in c for c in cells)


def test_show_filter_says_when_it_hides_every_result(qtbot, view):
    search(qtbot, view, "orcid", DEMO_ORCID)
    total = view.model.rowCount()
    assert total > 0
    # Keep only the results not on the record, then hide those too with the text filter.
    view.show_combo.setCurrentIndex(view.show_combo.findData(ShowOnly.ON_RECORD))
    view.filter_edit.setText("no result has this in it")
    assert view.proxy.rowCount() == 0
    said = view.hidden_label.text()
    assert view.hidden_label.isVisibleTo(view)
    assert "“Show: On record”" in said and "the filter" in said and "All results" in said
    view.filter_edit.setText("")
    view.show_combo.setCurrentIndex(view.show_combo.findData(ShowOnly.ALL))
    assert view.proxy.rowCount() == total and not view.hidden_label.isVisibleTo(view)


def test_name_only_matches_are_counted(qtbot, view, sandbox):
    record = DoiRecord(
        doi="10.5555/x", agency="crossref", source="crossref",
        creators=(Person("Josiah Carberry"),),
    )  # fmt: skip
    view.model.set_results([record], None, orcid=DEMO_ORCID, searched_name="Carberry")
    assert view.model.name_only_count() == 1
    view.model.set_results([record], None, orcid=DEMO_ORCID)
    assert view.model.name_only_count() == 0
