"""Edit and delete: only claimdesk's own works, with reasons in words when something is refused."""

from __future__ import annotations

import pytest
from ui_support import WorksPage, add_own_works, close_window, make_window, sign_in

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


@pytest.fixture
def page(window) -> WorksPage:
    """The Works tab of ``window``, as tests use it."""
    return WorksPage(window)


def _others(sandbox):
    return [
        s for s in sandbox.store.works(DEMO_ORCID).summaries() if not s.is_owned_by(DEMO_CLIENT_ID)
    ]


def _ours(sandbox):
    return [s for s in sandbox.store.works(DEMO_ORCID).summaries() if s.is_owned_by(DEMO_CLIENT_ID)]


def test_edit_and_delete_are_disabled_on_another_sources_work_naming_it(page, sandbox):
    other = next(s for s in _others(sandbox) if s.source.client_id)  # a member client's
    page.select(other.put_code)
    assert not page.can_edit()
    assert not page.can_delete()
    assert other.source.name in page.edit_tip()
    assert other.source.name in page.delete_tip()
    assert "only" in page.delete_tip()


def test_researchers_own_work_is_named_as_theirs(page, sandbox):
    theirs = next(s for s in _others(sandbox) if s.source.orcid == DEMO_ORCID)
    page.select(theirs.put_code)
    assert not page.can_delete()
    assert "the researcher" in page.delete_tip()


def test_edit_and_delete_are_enabled_on_our_work(page, sandbox):
    ours = _ours(sandbox)[0]
    page.select(ours.put_code)
    assert page.can_edit()
    assert page.can_delete()


def test_mixed_selection_cannot_be_deleted(page, sandbox):
    page.select(_ours(sandbox)[0].put_code, _others(sandbox)[0].put_code)
    assert not page.can_delete()


def test_core_refuses_to_delete_another_sources_work_even_if_asked(page, sandbox, qtbot):
    other = _others(sandbox)[0]
    sandbox.stats.reset()
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.delete([other])
    assert sandbox.stats.count("DELETE") == 0
    assert sandbox.store.get_work(DEMO_ORCID, other.put_code) is not None
    assert "Deleted 0 of 1" in page.message()
    assert "only changes works it added" in page.message()
    with pytest.raises(NotOwnedError):
        page.client().delete_work(other)


def test_edit_round_trip_changes_the_work_on_orcid(page, sandbox, qtbot):
    ours = _ours(sandbox)[0]
    page.select(ours.put_code)
    dialog = page.open_editor(qtbot)
    assert dialog.title_edit.text() == ours.title
    dialog.title_edit.setText("A corrected title")
    dialog.subtitle_edit.setText("with a subtitle")
    dialog.date_edit.setText("2019-05")
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        dialog.submit()
    stored = sandbox.store.get_work(DEMO_ORCID, ours.put_code)
    assert stored.title == "A corrected title"
    assert stored.subtitle == "with a subtitle"
    assert (stored.publication_date.year, stored.publication_date.month) == (2019, 5)
    assert "Saved" in page.message()
    assert any(
        g.preferred.title == "A corrected title"
        or any(s.title == "A corrected title" for s in g.summaries)
        for g in page.groups()
    )


def test_edit_problems_are_listed_before_anything_is_sent(page, sandbox, qtbot):
    ours = _ours(sandbox)[0]
    page.select(ours.put_code)
    dialog = page.open_editor(qtbot)
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


def test_edit_of_a_work_deleted_meanwhile_is_explained_and_view_refreshed(page, sandbox, qtbot):
    ours = _ours(sandbox)[0]
    page.select(ours.put_code)
    dialog = page.open_editor(qtbot)
    dialog.title_edit.setText("Too late")
    sandbox.store.delete_work(DEMO_ORCID, ours.put_code)  # the researcher did it on orcid.org
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        dialog.submit()
    text = page.message()
    assert "no longer on the record" in text
    assert "refreshed" in text
    assert not page.shows(ours.put_code)


def test_delete_round_trip_removes_the_work(page, sandbox, qtbot, confirm):
    ours = _ours(sandbox)[0]
    page.select(ours.put_code)
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.delete_selected()
    assert ours.title in confirm[0].details
    assert confirm[0].yes == "Delete"  # the button names the action
    assert sandbox.store.get_work(DEMO_ORCID, ours.put_code) is None
    assert not page.shows(ours.put_code)
    assert "Deleted" in page.message()


def test_multi_delete_reports_each_item_when_one_was_deleted_meanwhile(
    page, sandbox, qtbot, confirm
):
    put_codes = add_own_works(sandbox, "First test work", "Second test work", "Third test work")
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.refresh()
    page.select(*put_codes)
    assert page.can_delete()
    assert "3 selected" in page.delete_tip()
    sandbox.store.delete_work(DEMO_ORCID, put_codes[1])  # gone on orcid.org meanwhile
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.delete_selected()
    assert "Delete these 3 works" in confirm[0].text
    text = page.message()
    assert "Deleted 2 of 3 works." in text
    assert "“Second test work”: The work is no longer on the record" in text
    for pc in put_codes:
        assert sandbox.store.get_work(DEMO_ORCID, pc) is None
        assert not page.shows(pc)


def test_works_actions_are_off_while_another_tab_is_shown(page, sandbox):
    from PySide6.QtWidgets import QLabel

    page.select(_ours(sandbox)[0].put_code)
    assert page.can_delete()
    page.window.add_view(QLabel("elsewhere"), "Elsewhere", key="elsewhere")
    page.window.show_view("elsewhere")
    # The selection is still there, but out of sight: nothing may act on it.
    assert not page.can_delete()
    assert not page.can_edit()
    assert not page.can_export()
    assert not page.can_filter()
    page.window.show_view("works")
    assert page.can_delete()
    assert page.can_filter()
