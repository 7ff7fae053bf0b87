"""The Curator view's permissions-service panel: connect with a key (kept in the keyring), see
grants, inbox requests and runs, push a round trip's missing works through the service."""

from __future__ import annotations

import pytest
from curator_support import SMALL
from service_support import grant, running_service
from ui_support import close_window, make_window, sign_in

from claimdesk.curator.report import MISSING
from claimdesk.sandbox.curator_seed import CURATOR_REPOSITORY_ID
from claimdesk.sandbox.server import Sandbox
from claimdesk.ui.curator_view import install_curator_view

pytest.importorskip("starlette")


@pytest.fixture
def sb():
    with Sandbox(seed="curator", dois=SMALL) as sandbox:
        yield sandbox


@pytest.fixture
def window(qtbot, tmp_path, sb):
    win = make_window(qtbot, tmp_path, sign_in(sb).session)
    yield win
    close_window(win)


def test_curator_connects_to_a_service_and_pushes_through_it(qtbot, window, sb, tmp_path):
    from claimdesk.service.client import stored_api_key

    view = install_curator_view(window)
    panel = view.service_panel
    view.set_input("repository", CURATOR_REPOSITORY_ID)
    granted = sorted({o for d in sb.seed_result.curator.dois for o in d.orcids()})[0]
    with qtbot.waitSignal(view.run_finished, timeout=30_000):
        view.start_run()  # before the grant, whose back catalogue fills the record
    missing = {r.doi for r in view.report.rows if r.orcid == granted and r.category == MISSING}
    assert missing
    with running_service(sb, f"sqlite:///{tmp_path / 's.sqlite3'}", tmp_path) as svc:
        grant(sb, svc.url, granted)
        panel.url_edit.setText(svc.url)
        panel.key_edit.setText(svc.api_key)
        assert not panel.push_button.isEnabled()  # not connected yet
        with qtbot.waitSignal(panel.refreshed, timeout=10_000):
            panel.connect_button.click()
        assert stored_api_key(svc.url) == svc.api_key and panel.key_edit.text() == ""
        assert panel.grants_tree.topLevelItem(0).text(0) == granted
        assert (
            "active" in panel.status_label.text()
            and f"{svc.url}/grant" in panel.status_label.text()
        )

        assert panel.push_button.isEnabled()
        with qtbot.waitSignal(panel.pushed, timeout=10_000) as pushed:
            panel.push_button.click()
        answer = pushed.args[0]
        assert answer["queued"] >= len(missing) and answer["needs_permission"]
        assert "must first give permission" in panel.message_bar.text()
        with qtbot.waitSignal(panel.refreshed, timeout=10_000):
            pass  # the panel re-reads the service after a push
        assert panel.runs_tree.topLevelItemCount() >= 1
        run_id = answer["run"]["id"]
        row = next(
            panel.runs_tree.topLevelItem(i)
            for i in range(panel.runs_tree.topLevelItemCount())
            if panel.runs_tree.topLevelItem(i).text(0) == run_id
        )
        with qtbot.waitSignal(panel.items_shown, timeout=10_000):
            panel.runs_tree.setCurrentItem(row)
        assert panel.items_tree.topLevelItemCount() == answer["queued"]
        assert {panel.items_tree.topLevelItem(i).text(0) for i in range(answer["queued"])} == {
            granted
        }
