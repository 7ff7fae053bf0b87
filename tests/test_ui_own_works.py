"""Edit and delete: only claimdesk's own works, with reasons in words when something is refused."""

from __future__ import annotations

import pytest
from ui_support import add_own_works, close_window, make_window, select_put_codes, sign_in

from claimdesk.errors import NotOwnedError
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_ORCID
from claimdesk.ui.interaction import Interaction, Question


@pytest.fixture
def window(qtbot, tmp_path, sandbox):
    win = make_window(qtbot, tmp_path, sign_in(sandbox).session)
    yield win
    close_window(win)


@pytest.fixture
def confirm(window) -> list[Question]:
    """Answer the delete confirmation with Yes and remember what was asked."""
    window.ctx.interaction = Interaction(confirm=True)
    return window.ctx.interaction.asked


def _others(sandbox):
    return [
        s for s in sandbox.store.works(DEMO_ORCID).summaries() if not s.is_owned_by(DEMO_CLIENT_ID)
    ]


def _ours(sandbox):
    return [s for s in sandbox.store.works(DEMO_ORCID).summaries() if s.is_owned_by(DEMO_CLIENT_ID)]


def test_edit_and_delete_are_disabled_on_another_sources_work_naming_it(window, sandbox):
    other = next(s for s in _others(sandbox) if s.source.client_id)  # a member client's
    select_put_codes(window, other.put_code)
    assert not window.actions.edit_action.isEnabled()
    assert not window.actions.delete_action.isEnabled()
    assert other.source.name in window.actions.edit_action.toolTip()
    assert other.source.name in window.actions.delete_action.toolTip()
    assert "only" in window.actions.delete_action.toolTip()


def test_researchers_own_work_is_named_as_theirs(window, sandbox):
    theirs = next(s for s in _others(sandbox) if s.source.orcid == DEMO_ORCID)
    select_put_codes(window, theirs.put_code)
    assert not window.actions.delete_action.isEnabled()
    assert "the researcher" in window.actions.delete_action.toolTip()


def test_edit_and_delete_are_enabled_on_our_work(window, sandbox):
    ours = _ours(sandbox)[0]
    select_put_codes(window, ours.put_code)
    assert window.actions.edit_action.isEnabled()
    assert window.actions.delete_action.isEnabled()


def test_mixed_selection_cannot_be_deleted(window, sandbox):
    select_put_codes(window, _ours(sandbox)[0].put_code, _others(sandbox)[0].put_code)
    assert not window.actions.delete_action.isEnabled()


def test_core_refuses_to_delete_another_sources_work_even_if_asked(window, sandbox, qtbot):
    other = _others(sandbox)[0]
    sandbox.stats.reset()
    with qtbot.waitSignal(window.record.refreshed, timeout=10_000):
        window.actions.delete_works([other])
    assert sandbox.stats.count("DELETE") == 0
    assert sandbox.store.get_work(DEMO_ORCID, other.put_code) is not None
    assert "Deleted 0 of 1" in window.message_bar.text()
    assert "only changes works it added" in window.message_bar.text()
    with pytest.raises(NotOwnedError):
        window.record.session.client().delete_work(other)


def test_edit_round_trip_changes_the_work_on_orcid(window, sandbox, qtbot):
    ours = _ours(sandbox)[0]
    select_put_codes(window, ours.put_code)
    window.actions.edit_selected()
    qtbot.waitUntil(lambda: window.actions.edit_dialog is not None, timeout=5000)
    dialog = window.actions.edit_dialog
    assert dialog.title_edit.text() == ours.title
    dialog.title_edit.setText("A corrected title")
    dialog.subtitle_edit.setText("with a subtitle")
    dialog.date_edit.setText("2019-05")
    with qtbot.waitSignal(window.record.refreshed, timeout=10_000):
        dialog.submit()
    stored = sandbox.store.get_work(DEMO_ORCID, ours.put_code)
    assert stored.title == "A corrected title"
    assert stored.subtitle == "with a subtitle"
    assert (stored.publication_date.year, stored.publication_date.month) == (2019, 5)
    assert "Saved" in window.message_bar.text()
    assert any(
        g.preferred.title == "A corrected title"
        or any(s.title == "A corrected title" for s in g.summaries)
        for g in window.works.model.table.groups
    )


def test_edit_problems_are_listed_before_anything_is_sent(window, sandbox, qtbot):
    ours = _ours(sandbox)[0]
    select_put_codes(window, ours.put_code)
    window.actions.edit_selected()
    qtbot.waitUntil(lambda: window.actions.edit_dialog is not None, timeout=5000)
    dialog = window.actions.edit_dialog
    sandbox.stats.reset()
    dialog.title_edit.setText("")
    dialog.date_edit.setText("2019-13")
    dialog.submit()
    # both at once: the date no longer hides the title
    assert dialog.problems_label.text().splitlines() == [
        "The title is empty.",
        "The publication month 13 is not 1–12.",
    ]
    dialog.date_edit.setText("2019")
    dialog.url_edit.setText("ftp://example.org")
    dialog.submit()
    problems = dialog.problems_label.text()
    assert "title is empty" in problems
    assert "http" in problems
    assert sandbox.stats.count("PUT") == 0
    dialog.reject()


def test_edit_of_a_work_deleted_meanwhile_is_explained_and_view_refreshed(window, sandbox, qtbot):
    ours = _ours(sandbox)[0]
    select_put_codes(window, ours.put_code)
    window.actions.edit_selected()
    qtbot.waitUntil(lambda: window.actions.edit_dialog is not None, timeout=5000)
    dialog = window.actions.edit_dialog
    dialog.title_edit.setText("Too late")
    sandbox.store.delete_work(DEMO_ORCID, ours.put_code)  # the researcher did it on orcid.org
    with qtbot.waitSignal(window.record.refreshed, timeout=10_000):
        dialog.submit()
    text = window.message_bar.text()
    assert "no longer on the record" in text
    assert "refreshed" in text
    assert not window.works.model.find_put_code(ours.put_code).isValid()


def test_delete_round_trip_removes_the_work(window, sandbox, qtbot, confirm):
    ours = _ours(sandbox)[0]
    select_put_codes(window, ours.put_code)
    with qtbot.waitSignal(window.record.refreshed, timeout=10_000):
        window.actions.delete_selected()
    assert ours.title in confirm[0].details
    assert confirm[0].yes == "Delete"  # the button names the action
    assert sandbox.store.get_work(DEMO_ORCID, ours.put_code) is None
    assert not window.works.model.find_put_code(ours.put_code).isValid()
    assert "Deleted" in window.message_bar.text()


def test_multi_delete_reports_each_item_when_one_was_deleted_meanwhile(
    window, sandbox, qtbot, confirm
):
    put_codes = add_own_works(sandbox, "First test work", "Second test work", "Third test work")
    with qtbot.waitSignal(window.record.refreshed, timeout=10_000):
        window.record.refresh()
    select_put_codes(window, *put_codes)
    assert window.actions.delete_action.isEnabled()
    assert "3 selected" in window.actions.delete_action.toolTip()
    sandbox.store.delete_work(DEMO_ORCID, put_codes[1])  # gone on orcid.org meanwhile
    with qtbot.waitSignal(window.record.refreshed, timeout=10_000):
        window.actions.delete_selected()
    assert "Delete these 3 works" in confirm[0].text
    text = window.message_bar.text()
    assert "Deleted 2 of 3 works." in text
    assert "“Second test work”: The work is no longer on the record" in text
    for pc in put_codes:
        assert sandbox.store.get_work(DEMO_ORCID, pc) is None
        assert not window.works.model.find_put_code(pc).isValid()


def test_works_actions_are_off_while_another_tab_is_shown(window, sandbox):
    from PySide6.QtWidgets import QLabel

    select_put_codes(window, _ours(sandbox)[0].put_code)
    assert window.actions.delete_action.isEnabled()
    window.add_view(QLabel("elsewhere"), "Elsewhere", key="elsewhere")
    window.show_view("elsewhere")
    # The selection is still there, but out of sight: nothing may act on it.
    assert not window.actions.delete_action.isEnabled()
    assert not window.actions.edit_action.isEnabled()
    assert not window.actions.export_csv_action.isEnabled()
    assert not window.works.filter_edit.isEnabled()
    window.show_view("works")
    assert window.actions.delete_action.isEnabled()
    assert window.works.filter_edit.isEnabled()
