"""After a delete the details pane does not keep showing the work that is gone."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from ui_support import close_window, make_window, select_put_codes, sign_in  # noqa: E402

from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_ORCID  # noqa: E402
from claimdesk.ui import main_window as main_window_module  # noqa: E402


@pytest.fixture
def window(qtbot, tmp_path, sandbox, monkeypatch):
    monkeypatch.setattr(main_window_module, "ask_to_confirm", lambda *a, **k: True)
    win = make_window(qtbot, tmp_path, sign_in(sandbox).session)
    yield win
    close_window(win)


def test_details_of_a_deleted_work_are_not_left_on_screen(window, sandbox, qtbot):
    ours = next(
        s for s in sandbox.store.works(DEMO_ORCID).summaries() if s.is_owned_by(DEMO_CLIENT_ID)
    )
    select_put_codes(window, ours.put_code)
    assert window.details.put_code == ours.put_code
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        window.delete_selected()
    assert sandbox.store.get_work(DEMO_ORCID, ours.put_code) is None
    assert not window.tree.selectionModel().hasSelection()
    assert window.details.put_code is None
    assert window.details.browser.isHidden()  # the "Select a work" placeholder instead


def test_delete_key_acts_on_the_works_tab_only(window, sandbox, qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from claimdesk.ui.history_view import HistoryView

    asked: list[str] = []
    monkeypatch.setattr(
        main_window_module, "ask_to_confirm", lambda *a, **k: asked.append(a[2]) or False
    )
    history = HistoryView(window)
    window.add_view(history, "History", key="history")
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    ours = next(
        s for s in sandbox.store.works(DEMO_ORCID).summaries() if s.is_owned_by(DEMO_CLIENT_ID)
    )
    select_put_codes(window, ours.put_code)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert len(asked) == 1  # in the Works tab the key asks to delete the selected work

    window.show_view("history")
    elsewhere = history.table
    elsewhere.setFocus()
    qtbot.keyClick(elsewhere, Qt.Key.Key_Delete)
    qtbot.keyClick(elsewhere, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1  # not from another tab
    assert window.edit_dialog is None
    # Out of sight, the toolbar and the menu cannot reach the selection either.
    assert not window.delete_action.isEnabled()


def test_details_of_a_work_deleted_on_orcid_org_go_at_the_next_refresh(window, sandbox, qtbot):
    ours = next(
        s for s in sandbox.store.works(DEMO_ORCID).summaries() if s.is_owned_by(DEMO_CLIENT_ID)
    )
    select_put_codes(window, ours.put_code)
    assert window.details.put_code == ours.put_code
    sandbox.store.delete_work(DEMO_ORCID, ours.put_code)  # the researcher deleted it on the website
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        window.refresh()
    assert not window.tree.selectionModel().hasSelection()
    assert window.details.put_code is None


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
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        window.refresh()
    assert window.details.put_code == ours.put_code
