"""After a delete the details pane does not keep showing the work that is gone."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from ui_support import close_window, make_window, select_put_codes, sign_in  # noqa: E402

from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_ORCID  # noqa: E402
from claimdesk.ui.interaction import Interaction  # noqa: E402


@pytest.fixture
def window(qtbot, tmp_path, sandbox):
    win = make_window(qtbot, tmp_path, sign_in(sandbox).session)
    win.ctx.interaction = Interaction(confirm=True)
    yield win
    close_window(win)


def test_details_of_a_deleted_work_are_not_left_on_screen(window, sandbox, qtbot):
    ours = next(
        s for s in sandbox.store.works(DEMO_ORCID).summaries() if s.is_owned_by(DEMO_CLIENT_ID)
    )
    select_put_codes(window, ours.put_code)
    assert window.works.details.put_code == ours.put_code
    with qtbot.waitSignal(window.record.refreshed, timeout=10_000):
        window.actions.delete_selected()
    assert sandbox.store.get_work(DEMO_ORCID, ours.put_code) is None
    assert not window.works.tree.selectionModel().hasSelection()
    assert window.works.details.put_code is None
    assert window.works.details.browser.isHidden()  # the "Select a work" placeholder instead


def test_delete_key_acts_on_the_works_tab_only(window, sandbox, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from claimdesk.ui.history_view import HistoryView

    window.ctx.interaction = Interaction(confirm=False)
    asked = window.ctx.interaction.asked
    history = HistoryView(window.ctx)
    window.add_view(history, "History", key="history")
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    ours = next(
        s for s in sandbox.store.works(DEMO_ORCID).summaries() if s.is_owned_by(DEMO_CLIENT_ID)
    )
    select_put_codes(window, ours.put_code)
    window.works.tree.setFocus()
    qtbot.keyClick(window.works.tree, Qt.Key.Key_Delete)
    assert len(asked) == 1  # in the Works tab the key asks to delete the selected work

    window.show_view("history")
    elsewhere = history.table
    elsewhere.setFocus()
    qtbot.keyClick(elsewhere, Qt.Key.Key_Delete)
    qtbot.keyClick(elsewhere, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1  # not from another tab
    assert window.actions.edit_dialog is None
    # Out of sight, the toolbar and the menu cannot reach the selection either.
    assert not window.actions.delete_action.isEnabled()


def test_details_of_a_work_deleted_on_orcid_org_go_at_the_next_refresh(window, sandbox, qtbot):
    ours = next(
        s for s in sandbox.store.works(DEMO_ORCID).summaries() if s.is_owned_by(DEMO_CLIENT_ID)
    )
    select_put_codes(window, ours.put_code)
    assert window.works.details.put_code == ours.put_code
    sandbox.store.delete_work(DEMO_ORCID, ours.put_code)  # the researcher deleted it on the website
    with qtbot.waitSignal(window.record.refreshed, timeout=10_000):
        window.record.refresh()
    assert not window.works.tree.selectionModel().hasSelection()
    assert window.works.details.put_code is None


def test_details_stay_on_a_work_that_is_still_there_after_a_refresh(window, sandbox, qtbot):
    ours = next(
        s for s in sandbox.store.works(DEMO_ORCID).summaries() if s.is_owned_by(DEMO_CLIENT_ID)
    )
    select_put_codes(window, ours.put_code)
    sandbox.store.delete_work(
        DEMO_ORCID,
        next(
            s for s in sandbox.store.works(DEMO_ORCID).summaries() if s.put_code != ours.put_code
        ).put_code,
    )  # something else changed, so the view is rebuilt
    with qtbot.waitSignal(window.record.refreshed, timeout=10_000):
        window.record.refresh()
    assert window.works.details.put_code == ours.put_code
