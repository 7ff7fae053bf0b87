"""History shows the edits and deletes of claimdesk's works beside the claims: from the window
and from the command line, done or refused, each with its outcome."""

from __future__ import annotations

from pathlib import Path

import pytest
from ui_support import add_own_works, close_window, make_window, select_put_codes, sign_in

from claimdesk.claims.changes import ChangeLog, ChangeState
from claimdesk.claims.journal import default_path
from claimdesk.cli import main
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_ORCID
from claimdesk.ui.history_view import HistoryView
from claimdesk.ui.interaction import Interaction

ENV = "local"


@pytest.fixture
def window(qtbot, home: Path, sandbox):
    win = make_window(qtbot, home, sign_in(sandbox, env=ENV).session)
    win.ctx.interaction = Interaction(confirm=True)
    yield win
    close_window(win)


def test_deletes_from_the_window_appear_in_history(qtbot, window, sandbox):
    [put_code] = add_own_works(sandbox, "A work to delete")
    with qtbot.waitSignal(window.record.refreshed, timeout=10_000):
        window.record.refresh()
    select_put_codes(window, put_code)
    with qtbot.waitSignal(window.record.refreshed, timeout=15_000):
        window.actions.delete_selected()
    view = HistoryView(window.ctx)
    window.add_view(view, "History", key="history")
    with qtbot.waitSignal(view.reloaded, timeout=10_000):
        window.show_view("history")
        window.show()
    states = [view.model.entries[r].state for r in range(view.model.rowCount())]
    assert ChangeState.DELETED in states
    row = states.index(ChangeState.DELETED)
    assert view.model.index(row, 4).data() == "deleted"
    assert view.model.index(row, 3).data() == "A work to delete"
    view.state_combo.setCurrentIndex(view.state_combo.findText("Deleted"))
    assert view.proxy.rowCount() == 1
    assert not view.retry_button.isEnabled()  # a delete is not something to send again


def test_cli_edit_and_a_refused_delete_are_remembered(sandbox, home, monkeypatch, capsys):
    monkeypatch.setenv("CLAIMDESK_TOKEN", sandbox.issue_token(DEMO_ORCID))
    [ours] = add_own_works(sandbox, "Edit me")
    args = ["--env", "local", "--base-url", sandbox.base_url, "--client-id", DEMO_CLIENT_ID]
    assert main(["edit", str(ours), "--title", "Edited title", "--orcid", DEMO_ORCID, *args]) == 0
    sandbox.faults.fail_next(500, path_prefix=f"/v3.0/{DEMO_ORCID}/work/")
    assert main(["delete", str(ours), "--orcid", DEMO_ORCID, *args]) == 1
    capsys.readouterr()
    with ChangeLog(default_path()) as log:
        changes = log.history(ENV, DEMO_ORCID)
    assert [c.state for c in changes] == [ChangeState.DELETE_FAILED, ChangeState.EDITED]
    assert changes[1].title == "Edited title" and changes[1].put_code == ours
    assert changes[0].error


def test_cli_history_lists_edits_and_deletes_with_the_claims(sandbox, home, monkeypatch, capsys):
    import json

    monkeypatch.setenv("CLAIMDESK_TOKEN", sandbox.issue_token(DEMO_ORCID))
    [ours] = add_own_works(sandbox, "Delete me from the CLI")
    args = ["--env", "local", "--base-url", sandbox.base_url, "--client-id", DEMO_CLIENT_ID]
    assert main(["delete", str(ours), "--orcid", DEMO_ORCID, *args]) == 0
    capsys.readouterr()
    assert main(["history", "--json", *args]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["kind"], r["state"], r["put_code"]) for r in rows] == [("delete", "deleted", ours)]
