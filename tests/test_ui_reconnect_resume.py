"""A claim cut short by a revoked sign-in: reconnecting in place (the demo) sends what waited."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from ui_support import close_window, make_window, sign_in  # noqa: E402

from claimdesk.claims.runner import Outcome, RunStatus  # noqa: E402
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_ORCID  # noqa: E402
from claimdesk.ui.history_view import HistoryView  # noqa: E402
from claimdesk.ui.search_model import Column  # noqa: E402
from claimdesk.ui.search_view import install_search_view  # noqa: E402


@pytest.fixture
def signed(sandbox):
    return sign_in(sandbox)


@pytest.fixture
def window(qtbot, home, signed):
    win = make_window(qtbot, home, signed.session)
    yield win
    close_window(win)


def _ours_on_server(sandbox) -> set[str]:
    found = set()
    for summary in sandbox.store.works(DEMO_ORCID).summaries():
        if summary.is_owned_by(DEMO_CLIENT_ID):
            found |= {e.key[1] for e in summary.external_ids if e.type == "doi"}
    return found


def _status(view, doi: str) -> str:
    model = view.model
    for row in range(model.rowCount()):
        if model.index(row, Column.DOI).data() == doi:
            return model.index(row, Column.STATUS).data()
    raise AssertionError(doi)


def test_reconnecting_in_place_sends_the_waiting_claims_and_clears_the_stale_warning(
    qtbot, window, signed, sandbox
):
    history = HistoryView(window.ctx)
    window.add_view(history, "History", key="history")
    search = install_search_view(window)
    with qtbot.waitSignal(search.search_finished, timeout=20_000):
        search.start_search()
    search.select_all_unclaimed()
    wanted = {r.doi for r in search.model.checked_records()}
    assert wanted

    sandbox.revoke_token(signed.token)
    with qtbot.waitSignal(search.claim_finished, timeout=20_000) as finished:
        search.claim_selected()
    assert finished.args[0].status is RunStatus.RECONNECT_NEEDED
    qtbot.waitUntil(
        lambda: "Could not read the record again" in search.message_bar.text(), timeout=10_000
    )
    assert not wanted & _ours_on_server(sandbox)

    with qtbot.waitSignal(history.run_finished, timeout=20_000) as resumed:
        window.record.reconnect()
    result = resumed.args[0]
    assert {i.doi for i in result.by_outcome(Outcome.CLAIMED)} == wanted
    assert wanted <= _ours_on_server(sandbox)
    # the Search view reads the record again: statuses follow, the old warning goes away
    qtbot.waitUntil(
        lambda: all(_status(search, d) == "on record — added by claimdesk" for d in wanted),
        timeout=10_000,
    )
    assert "Could not read the record again" not in search.message_bar.text()
