"""The History view: the claim journal as a table, filter by state, retry failed, resume."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from ui_support import close_window, make_window, own_work, sign_in  # noqa: E402

from claimdesk.auth.accounts import AccountsIndex  # noqa: E402
from claimdesk.auth.session import save_sign_in  # noqa: E402
from claimdesk.auth.tokens import Token, TokenStore  # noqa: E402
from claimdesk.claims.journal import ClaimJournal, JournalState  # noqa: E402
from claimdesk.claims.status import ClaimState, RecordIndex  # noqa: E402
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_ORCID  # noqa: E402
from claimdesk.ui.history_model import Column  # noqa: E402
from claimdesk.ui.history_view import HistoryView  # noqa: E402

ENV = "local"  # what the journal records for a claimdesk sandbox


@pytest.fixture
def journal(home: Path) -> Iterator[ClaimJournal]:
    with ClaimJournal() as j:
        yield j


def failed_claim(journal: ClaimJournal, doi: str, title: str) -> int:
    [entry_id] = journal.begin(ENV, DEMO_ORCID, "run-1", [(doi, own_work(title, doi))])
    journal.mark_failed(entry_id, "The server had a problem (error 9008)", error_code=9008)
    return entry_id


def done_claim(journal: ClaimJournal, doi: str, title: str, put_code: int) -> int:
    [entry_id] = journal.begin(ENV, DEMO_ORCID, "run-1", [(doi, own_work(title, doi))])
    journal.mark_done(entry_id, put_code)
    return entry_id


def open_history(qtbot, window) -> HistoryView:
    view = HistoryView(window.ctx)
    window.add_view(view, "History", key="history")
    with qtbot.waitSignal(view.reloaded, timeout=10_000):
        window.show_view("history")
        window.show()
    return view


@pytest.fixture
def window(qtbot, home, sandbox):
    win = make_window(qtbot, home, sign_in(sandbox, env=ENV).session)
    yield win
    close_window(win)


def test_history_shows_journal_rows_with_state_and_error_in_words(qtbot, window, journal):
    failed_claim(journal, "10.5555/retry.1", "A claim ORCID refused")
    done_claim(journal, "10.5555/done.1", "A claim that worked", 4242)
    view = open_history(qtbot, window)
    assert view.model.rowCount() == 2
    rows = {
        view.proxy.index(r, Column.DOI).data(): [view.proxy.index(r, c).data() for c in Column]
        for r in range(view.proxy.rowCount())
    }
    failed = rows["10.5555/retry.1"]
    assert failed[Column.ORCID] == DEMO_ORCID
    assert failed[Column.TITLE] == "A claim ORCID refused"
    assert failed[Column.STATE] == "failed"
    assert "error 9008" in failed[Column.ERROR]
    assert rows["10.5555/done.1"][Column.STATE] == "done"
    assert rows["10.5555/done.1"][Column.PUT_CODE] == "4242"
    assert "2 claims" in view.counts.text()


def test_filter_by_state_and_text(qtbot, window, journal):
    failed_claim(journal, "10.5555/retry.1", "Refused one")
    done_claim(journal, "10.5555/done.1", "Worked one", 1)
    done_claim(journal, "10.5555/done.2", "Worked two", 2)
    view = open_history(qtbot, window)
    view.state_combo.setCurrentIndex(view.state_combo.findText("Failed"))
    assert view.proxy.rowCount() == 1
    view.state_combo.setCurrentIndex(view.state_combo.findText("Done"))
    assert view.proxy.rowCount() == 2
    view.filter_edit.setText("two")
    assert view.proxy.rowCount() == 1
    view.state_combo.setCurrentIndex(view.state_combo.findText("All claims"))
    view.filter_edit.clear()
    assert view.proxy.rowCount() == 3


def test_empty_journal_says_so(qtbot, window):
    view = open_history(qtbot, window)
    assert view.stack.currentIndex() == 1  # the "No claims yet" page
    assert not view.retry_button.isEnabled()


def test_retry_failed_sends_them_again_with_progress_and_refreshes(qtbot, window, journal, sandbox):
    entry_id = failed_claim(journal, "10.5555/retry.1", "Retry me")
    view = open_history(qtbot, window)
    assert view.retry_button.isEnabled() and view.retry_button.text() == "Send again (1)"
    sandbox.stats.reset()
    with qtbot.waitSignal(view.run_finished, timeout=15_000) as finished:
        view.retry_button.click()
        assert view.progress.isVisible() and view.cancel_button.isVisible()
    result = finished.args[0]
    assert result.ok and len(result.items) == 1
    assert sandbox.stats.count("POST", f"/v3.0/{DEMO_ORCID}/works") == 1
    entry = journal.get(entry_id)
    assert entry.state is JournalState.DONE and entry.put_code
    index = RecordIndex.build(sandbox.store.works(DEMO_ORCID), DEMO_CLIENT_ID)
    assert index.status("10.5555/retry.1").state is ClaimState.OURS
    qtbot.waitUntil(lambda: not view.running, timeout=5_000)
    qtbot.waitUntil(lambda: view.proxy.index(0, Column.STATE).data() == "done", timeout=5_000)
    assert "Failed claims sent again: 1 claimed" in view.message.text()
    assert not view.progress.isVisible()


def test_reconnecting_resumes_claims_that_were_waiting(qtbot, window, journal, sandbox):
    # A claim the runner left unsent when ORCID refused the token.
    journal.queue(
        ENV, DEMO_ORCID, "run-1", [("10.5555/waiting.1", own_work("Waiting", "10.5555/waiting.1"))]
    )
    view = open_history(qtbot, window)
    settings = window.record.session.settings
    stale = Token(orcid=DEMO_ORCID, access_token=sandbox.issue_token(DEMO_ORCID, DEMO_CLIENT_ID))
    save_sign_in(settings, stale, store=TokenStore(session_only=True))
    AccountsIndex().set_needs_reconnect(ENV, DEMO_ORCID)
    fresh = Token(orcid=DEMO_ORCID, access_token=sandbox.issue_token(DEMO_ORCID, DEMO_CLIENT_ID))
    with qtbot.waitSignal(view.run_finished, timeout=15_000) as finished:
        save_sign_in(settings, fresh, store=TokenStore(session_only=True))  # the reconnect
    assert finished.args[0].ok
    [entry] = journal.entries_for(ENV, DEMO_ORCID, "10.5555/waiting.1")
    assert entry.state is JournalState.DONE
    qtbot.waitUntil(
        lambda: "waiting for the reconnect: 1 claimed" in view.message.text(), timeout=5_000
    )
