"""Cancel works on small claims (the window sends a few works first) and says what was already
sent; History sends cancelled claims again, as it does failed ones (and so does the CLI)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ui_support import close_window, make_window, own_work, sign_in

from claimdesk.claims.journal import ClaimJournal, JournalState
from claimdesk.claims.runner import RunStatus, chunked
from claimdesk.cli import main
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_ORCID
from claimdesk.ui.history_view import HistoryView
from claimdesk.ui.search_view import install_search_view
from claimdesk.workflows.resend import resendable

ENV = "local"
POST_WORKS = f"/v3.0/{DEMO_ORCID}/works"


@pytest.fixture
def window(qtbot, home: Path, sandbox):
    win = make_window(qtbot, home, sign_in(sandbox, env=ENV).session)
    yield win
    close_window(win)


def test_requests_start_small_then_take_up_to_a_hundred():
    sizes = [len(c) for c in chunked(list(range(250)), 100, (5, 20))]
    assert sizes == [5, 20, 100, 100, 25]
    assert [len(c) for c in chunked(list(range(3)), 100, (5, 20))] == [3]
    assert chunked([], 100, (5,)) == []


def test_cancel_stops_a_small_claim_and_says_what_was_already_sent(qtbot, window, sandbox):
    search = install_search_view(window)
    with qtbot.waitSignal(search.search_finished, timeout=20_000):
        search.start_search()
    search.model.check_all_offered()
    offered = search.model.checked_count
    assert 5 < offered < 100, "a claim smaller than one full request"
    sandbox.faults.latency = 1.0  # time to press Cancel while the first request is on its way
    try:
        search.claim_selected()
        dialog = search.progress_dialog
        qtbot.waitUntil(lambda: sandbox.stats.count("POST", POST_WORKS) >= 1, timeout=10_000)
        with qtbot.waitSignal(search.claim_finished, timeout=20_000) as finished:
            dialog.cancel_button.click()
    finally:
        sandbox.faults.latency = 0
    result = finished.args[0]
    assert result.status is RunStatus.CANCELLED
    assert sandbox.stats.count("POST", POST_WORKS) == 1, "only the first, small request went"
    said = dialog.state_label.text()
    assert said.startswith("Cancelled: 5 works had already been sent to ORCID")
    assert f"the other {offered - 5} were not sent" in said


def test_history_sends_cancelled_claims_again(qtbot, window, home, sandbox):
    with ClaimJournal() as journal:
        doi = next(e.doi for e in sandbox.corpus.entries if e.doi not in set(sandbox.store.dois()))
        [entry] = journal.queue(ENV, DEMO_ORCID, "run-1", [(doi, own_work("Cancelled one", doi))])
        journal.mark_cancelled([entry])
        assert [e.doi for e in resendable(journal.history(ENV, DEMO_ORCID), ENV, DEMO_ORCID)] == [
            doi
        ]
    view = HistoryView(window.ctx)
    window.add_view(view, "History", key="history")
    with qtbot.waitSignal(view.reloaded, timeout=10_000):
        window.show_view("history")
        window.show()
    assert view.retry_button.isEnabled() and view.retry_button.text() == "Send again (1)"
    assert "cancelled" in view.retry_button.toolTip()
    with qtbot.waitSignal(view.run_finished, timeout=15_000) as finished:
        view.retry_button.click()
    assert finished.args[0].ok
    assert doi in {d for s in sandbox.store.works(DEMO_ORCID).summaries() for d in s.dois()}
    with ClaimJournal() as journal:
        assert resendable(journal.history(ENV, DEMO_ORCID), ENV, DEMO_ORCID) == []


def test_cli_retry_failed_also_sends_cancelled_claims(home, sandbox, monkeypatch, capsys):
    monkeypatch.setenv("CLAIMDESK_TOKEN", sandbox.issue_token(DEMO_ORCID))
    doi = next(e.doi for e in sandbox.corpus.entries if e.doi not in set(sandbox.store.dois()))
    with ClaimJournal() as journal:
        [entry] = journal.queue(ENV, DEMO_ORCID, "run-1", [(doi, own_work("Cancelled", doi))])
        journal.mark_cancelled([entry])
    args = ["--env", "local", "--base-url", sandbox.base_url, "--client-id", DEMO_CLIENT_ID]
    assert main(["claim", "--retry-failed", "--orcid", DEMO_ORCID, *args]) == 0
    with ClaimJournal() as journal:
        states = {e.state for e in journal.entries_for(ENV, DEMO_ORCID, doi)}
    assert JournalState.DONE in states
