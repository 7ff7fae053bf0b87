"""The GUI settles claims an earlier run left pending when it first shows their record (issue 10,
item 4): in the background, with the count shown, the outcome reported and "Send now" for the
claims that turned out not to be on the record."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from ui_support import OURS, close_window, make_window, own_work, sign_in

from claimdesk.claims.journal import ClaimJournal, JournalState, default_path
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_ORCID


def journal_states() -> Counter[JournalState]:
    with ClaimJournal(default_path()) as journal:
        return Counter(e.state for e in journal.history())


def claimdesk_copies(sandbox, dois: list[str]) -> Counter[str]:
    found: Counter[str] = Counter()
    for summary in sandbox.store.works(DEMO_ORCID).summaries():
        if summary.is_owned_by(DEMO_CLIENT_ID):
            found.update(d for d in summary.dois() if d in dois)
    return found


def test_pending_claims_are_settled_when_the_record_is_first_shown(qtbot, home, sandbox):
    stored, lost = own_work("Stored before the kill", "10.80558/a"), own_work("Lost", "10.80558/b")
    with ClaimJournal(default_path()) as journal:
        # A run killed ten minutes ago, after ORCID stored the first work but not the second.
        journal.begin("local", DEMO_ORCID, "killed", [("10.80558/a", stored), ("10.80558/b", lost)])
        then = (datetime.now(UTC) - timedelta(minutes=10)).isoformat().replace("+00:00", "Z")
        journal._db.execute("UPDATE claims SET updated=?", (then,))
    sandbox.store.add_work(DEMO_ORCID, stored, OURS)
    signed = sign_in(sandbox)
    signed.session.settings = replace(signed.session.settings, timeout=1.0)

    window = make_window(qtbot, home, signed.session)
    try:
        bar = window.message_bar
        qtbot.waitUntil(lambda: "checked" in bar.text(), timeout=15_000)

        assert "Earlier claims for" in bar.text()
        assert "1 on the record; 1 still to send" in bar.text()
        assert journal_states() == {JournalState.DONE: 1, JournalState.UNSENT: 1}
        assert bar.action_button.text() == "Send now"

        bar.action_button.click()
        qtbot.waitUntil(lambda: bar.text().startswith("Claims sent:"), timeout=15_000)
        assert journal_states() == {JournalState.DONE: 2}
        assert claimdesk_copies(sandbox, ["10.80558/a", "10.80558/b"]) == Counter(
            {"10.80558/a": 1, "10.80558/b": 1}
        )
    finally:
        close_window(window)


def test_a_record_without_unfinished_claims_shows_no_news(qtbot, home, sandbox):
    signed = sign_in(sandbox)
    window = make_window(qtbot, home, signed.session)
    try:
        seen = []
        window.settler.settled.connect(lambda session, result: seen.append(result))
        window.ctx.writes.wait(5_000)
        qtbot.wait(50)
        assert "checked" not in window.message_bar.text()
        assert seen == []  # nothing claimdesk ever claimed here: not even a read
    finally:
        close_window(window)


def test_a_claim_deleted_on_orcid_org_is_shown_removed_and_added_again_or_left(
    qtbot, home, sandbox
):
    from claimdesk.ui.history_model import Column
    from claimdesk.ui.history_view import HistoryView

    kept, again = own_work("Leave me off", "10.80558/c"), own_work("Add me again", "10.80558/d")
    with ClaimJournal(default_path()) as journal:
        for doi, work in (("10.80558/c", kept), ("10.80558/d", again)):
            (entry_id,) = journal.begin("local", DEMO_ORCID, "earlier", [(doi, work)])
            journal.mark_done(entry_id, 999_000 + entry_id)  # deleted on orcid.org since
        then = (datetime.now(UTC) - timedelta(days=2)).isoformat().replace("+00:00", "Z")
        journal._db.execute("UPDATE claims SET updated=?", (then,))
    signed = sign_in(sandbox)
    signed.session.settings = replace(signed.session.settings, timeout=1.0)
    window = make_window(qtbot, home, signed.session)
    try:
        bar = window.message_bar
        qtbot.waitUntil(lambda: "deleted on orcid.org" in bar.text(), timeout=15_000)
        assert "2 were deleted on orcid.org since claimdesk added them" in bar.text()
        view = HistoryView(window.ctx)
        window.add_view(view, "History", key="history")
        with qtbot.waitSignal(view.reloaded, timeout=10_000):
            window.show_view("history")
            window.show()
        states = {
            view.proxy.index(r, Column.DOI).data(): view.proxy.index(r, Column.STATE).data()
            for r in range(view.proxy.rowCount())
        }
        assert states == {
            "10.80558/c": "removed on orcid.org",
            "10.80558/d": "removed on orcid.org",
        }
        assert view.removed.add_button.text() == "Add again (2)"

        row = next(
            r
            for r in range(view.proxy.rowCount())
            if view.proxy.index(r, Column.DOI).data() == "10.80558/c"
        )
        view.table.selectRow(row)
        with qtbot.waitSignal(view.reloaded, timeout=10_000):
            view.removed.leave_button.click()
        view.table.clearSelection()
        with qtbot.waitSignal(view.reloaded, timeout=15_000):
            view.removed.add_button.click()

        assert journal_states() == {JournalState.LEFT_REMOVED: 1, JournalState.DONE: 1}
        assert claimdesk_copies(sandbox, ["10.80558/c", "10.80558/d"]) == Counter({"10.80558/d": 1})
        assert view.removed.add_button.isHidden()
    finally:
        close_window(window)
