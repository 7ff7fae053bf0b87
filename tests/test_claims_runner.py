"""Bulk claiming against the sandbox over real sockets: requests, per-item errors, journal,
reconcile after a dropped connection, cancel, retry, re-claim, and one write queue per record."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from claimdesk.claims.journal import ClaimJournal, JournalState
from claimdesk.claims.plan import ClaimCandidate, ClaimPlan, plan_claims
from claimdesk.claims.reconcile import SettlePolicy
from claimdesk.claims.runner import (
    ClaimRunner,
    Outcome,
    RecordLocks,
    RunProgress,
    RunStatus,
    put_code_from_conflict,
)
from claimdesk.claims.status import ClaimPolicy, ClaimState, RecordIndex
from claimdesk.config import Settings
from claimdesk.orcid.client import OrcidClient
from claimdesk.orcid.ids import doi_url
from claimdesk.orcid.model import ErrorBody, ExternalId, PublicationDate, Work
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_ORCID
from claimdesk.sandbox.server import Sandbox

POST_WORKS = f"/v3.0/{DEMO_ORCID}/works"


@pytest.fixture
def settings(sandbox: Sandbox) -> Settings:
    return Settings(endpoints=sandbox.endpoints, client_id=DEMO_CLIENT_ID, timeout=1.0)


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite3"


class Session:
    """One app session: a client with a fresh token and a runner over the journal file."""

    def __init__(self, sandbox: Sandbox, settings: Settings, journal_path: Path, **options):
        self.client = OrcidClient(settings, DEMO_ORCID, sandbox.issue_token(DEMO_ORCID))
        self.journal = ClaimJournal(journal_path)
        self.runner = ClaimRunner(
            settings, self.client, self.journal, locks=RecordLocks(), **options
        )

    def plan(self, candidates, policy: ClaimPolicy | None = None) -> ClaimPlan:
        return plan_claims(candidates, self.client.read_works(), policy, client_id=DEMO_CLIENT_ID)

    def close(self) -> None:
        self.client.close()
        self.journal.close()


@pytest.fixture
def session(sandbox, settings, journal_path) -> Iterator[Session]:
    s = Session(sandbox, settings, journal_path)
    yield s
    s.close()


def doi(n: int) -> str:
    return f"10.80555/claim-test-{n}"


def candidate(n: int, work_type: str = "data-set") -> ClaimCandidate:
    d = doi(n)
    work = Work(
        title=f"Claim test dataset {n}",
        type=work_type,
        external_ids=(ExternalId("doi", d, "self", doi_url(d)),),
        url=doi_url(d),
    )
    return ClaimCandidate(d, work)


def candidates(count: int, start: int = 1) -> list[ClaimCandidate]:
    return [candidate(n) for n in range(start, start + count)]


def copies_on_record(sandbox: Sandbox, dois: list[str]) -> Counter[str]:
    """How many versions from claimdesk each DOI has on the sandbox record."""
    found: Counter[str] = Counter()
    for summary in sandbox.store.works(DEMO_ORCID).summaries():
        if summary.is_owned_by(DEMO_CLIENT_ID):
            found.update(d for d in summary.dois() if d in dois)
    return found


def posts(sandbox: Sandbox) -> int:
    return sandbox.stats.count(method="POST", path_prefix=POST_WORKS)


# -- status on a real record -----------------------------------------------------------------


def test_status_on_the_demo_record_shows_ours_others_and_unclaimed(sandbox, session):
    works = session.client.read_works()
    ours = next(s for s in works.summaries() if s.is_owned_by(DEMO_CLIENT_ID) and s.dois())
    theirs = next(
        s
        for s in works.summaries()
        if s.source and s.source.client_id and not s.is_owned_by(DEMO_CLIENT_ID) and s.dois()
    )
    index = RecordIndex.build(works, DEMO_CLIENT_ID, record_orcid=DEMO_ORCID)

    mine = index.status(ours.dois()[0])
    assert mine.state is ClaimState.OURS
    assert mine.label == f"on record — added by claimdesk (put-code {ours.put_code})"
    other = index.status(theirs.dois()[0])
    assert other.on_record
    assert theirs.source.name in other.sources or other.state is ClaimState.OURS
    assert index.status(doi(999)).label == "not on record"


# -- bulk ------------------------------------------------------------------------------------


def test_250_dois_are_claimed_in_3_requests(sandbox, session):
    plan = session.plan(candidates(250))
    sandbox.stats.reset()
    seen: list[RunProgress] = []

    result = session.runner.run(plan, on_progress=seen.append)

    assert result.status is RunStatus.COMPLETED and result.ok
    assert posts(sandbox) == 3 and result.requests == 3
    assert [p.done for p in seen] == [100, 200, 250]
    assert len(result.by_outcome(Outcome.CLAIMED)) == 250
    assert copies_on_record(sandbox, [doi(n) for n in range(1, 251)]) == Counter(
        {doi(n): 1 for n in range(1, 251)}
    )
    index = RecordIndex.build(session.client.read_works(), DEMO_CLIENT_ID)
    claimed = {i.doi: i.put_code for i in result.items}
    assert index.status(doi(7)).put_code == claimed[doi(7)]
    assert {e.state for e in session.journal.history()} == {JournalState.DONE}


def test_a_work_orcids_schema_refuses_fails_alone_before_any_request(sandbox, session):
    bad = candidate(2)
    bad = ClaimCandidate(bad.doi, replace(bad.work, publication_date=PublicationDate(1850)))
    plan = session.plan([candidate(1), bad, candidate(3)])
    sandbox.stats.reset()

    result = session.runner.run(plan)

    (failed,) = result.failed
    assert failed.doi == doi(2) and failed.error_code == 9012
    assert "publication year 1850 is outside 1900–2100" in failed.message
    assert len(result.by_outcome(Outcome.CLAIMED)) == 2
    assert posts(sandbox) == 1  # the two good claims went in one request, the bad one in none
    assert copies_on_record(sandbox, [doi(2)]) == Counter()
    assert [(e.doi, e.error_code) for e in session.journal.failed()] == [(doi(2), 9012)]


def test_one_bad_item_fails_in_words_and_the_others_are_claimed(sandbox, session):
    bad = candidate(3, work_type="not-a-type")
    plan = session.plan([candidate(1), candidate(2), bad, candidate(4)])

    result = session.runner.run(plan)

    (failed,) = result.failed
    assert failed.doi == doi(3)
    assert failed.error_code == 9037
    assert failed.message.startswith("the work type (or another value) is not one ORCID accepts")
    assert len(result.by_outcome(Outcome.CLAIMED)) == 3
    assert not result.ok
    assert [(e.doi, e.error_code) for e in session.journal.failed()] == [(doi(3), 9037)]


def test_plan_skips_are_reported_and_not_sent(sandbox, session):
    works = session.client.read_works()
    on_record = next(d for s in works.summaries() for d in s.dois())
    plan = session.plan([candidate(1), ClaimCandidate(on_record, candidate(2).work)])
    sandbox.stats.reset()

    result = session.runner.run(plan)

    assert [i.doi for i in result.by_outcome(Outcome.SKIPPED)] == [on_record]
    assert [i.doi for i in result.by_outcome(Outcome.CLAIMED)] == [doi(1)]
    assert posts(sandbox) == 1


# -- crash, dropped connection, reconcile ------------------------------------------------------


def test_killed_mid_bulk_then_restart_reconciles_and_claims_each_doi_once(
    sandbox, settings, journal_path
):
    wanted = [doi(n) for n in range(1, 251)]
    first = Session(sandbox, settings, journal_path, on_transport_error="stop")
    plan = first.plan(candidates(250))
    # The second request is stored by ORCID, then the connection drops before the answer:
    # to the runner that is indistinguishable from being killed while waiting for it.
    calls = []

    def arm_after_first(progress: RunProgress) -> None:
        calls.append(progress)
        if len(calls) == 1:
            sandbox.faults.drop_next(after_commit=True, path_prefix=POST_WORKS, method="POST")

    result = first.runner.run(plan, on_progress=arm_after_first)
    first.close()

    assert result.status is RunStatus.CONNECTION_LOST
    assert len(result.by_outcome(Outcome.CLAIMED)) == 100
    assert len(result.by_outcome(Outcome.PENDING)) == 100
    assert len(result.by_outcome(Outcome.NOT_SENT)) == 50
    assert sum(copies_on_record(sandbox, wanted).values()) == 200  # ORCID has stored 200

    # Restart: a new runner over the same journal reconciles and sends what is left.
    second = Session(sandbox, settings, journal_path)
    reconciled, _ = second.runner.reconcile()
    assert len(reconciled.done) == 100 and not reconciled.unsent

    again = second.runner.run(ClaimPlan())
    second.close()

    assert again.ok
    assert len(again.by_outcome(Outcome.CLAIMED)) == 50
    assert copies_on_record(sandbox, wanted) == Counter({d: 1 for d in wanted})
    with ClaimJournal(journal_path) as journal:
        assert {e.doi for e in journal.history() if e.state is JournalState.DONE} == set(wanted)
        assert journal.pending() == [] and journal.unsent() == []


def test_dropped_connection_is_reconciled_and_the_run_carries_on(sandbox, session):
    wanted = [doi(n) for n in range(1, 251)]
    plan = session.plan(candidates(250))
    sandbox.faults.drop_next(
        after_commit=False, path_prefix=POST_WORKS, method="POST"
    )  # lost, not stored

    result = session.runner.run(plan)

    assert result.ok, result.summary()
    assert copies_on_record(sandbox, wanted) == Counter({d: 1 for d in wanted})
    assert posts(sandbox) == 4  # the lost request was sent once more


def test_claims_left_unsent_are_sent_with_the_next_run(sandbox, settings, journal_path):
    first = Session(sandbox, settings, journal_path, on_transport_error="stop")
    plan = first.plan(candidates(3))
    sandbox.faults.drop_next(after_commit=False, path_prefix=POST_WORKS, method="POST")
    lost = first.runner.run(plan)
    first.close()
    assert lost.status is RunStatus.CONNECTION_LOST

    second = Session(sandbox, settings, journal_path)
    result = second.runner.run(second.plan([candidate(10)]))
    second.close()

    assert sorted(i.doi for i in result.by_outcome(Outcome.CLAIMED)) == sorted(
        [doi(1), doi(2), doi(3), doi(10)]
    )
    assert copies_on_record(sandbox, [doi(n) for n in (1, 2, 3, 10)]) == Counter(
        {doi(n): 1 for n in (1, 2, 3, 10)}
    )


# -- cancel, retry, re-claim, 409 ---------------------------------------------------------------


def test_cancel_after_the_first_request_sends_no_more(sandbox, session):
    plan = session.plan(candidates(250))
    cancel = threading.Event()
    sandbox.stats.reset()

    result = session.runner.run(plan, on_progress=lambda p: cancel.set(), cancel=cancel)

    assert result.status is RunStatus.CANCELLED
    assert posts(sandbox) == 1
    assert len(result.by_outcome(Outcome.CLAIMED)) == 100
    assert len(result.by_outcome(Outcome.NOT_SENT)) == 150
    assert not result.failed
    states = Counter(e.state for e in session.journal.history())
    assert states == {JournalState.DONE: 100, JournalState.CANCELLED: 150}
    assert session.runner.run(ClaimPlan()).items == ()  # cancelled claims are not resumed


def test_failed_claims_can_be_retried(sandbox, session):
    plan = session.plan(candidates(5))
    sandbox.store.max_works = sandbox.store.count(DEMO_ORCID) + 2  # ORCID: the record is full

    first = session.runner.run(plan)
    assert len(first.failed) == 5
    assert first.failed[0].error_code == 9048
    sandbox.store.max_works = 10_000

    retry = session.runner.retry_failed()

    assert retry.ok
    assert len(retry.by_outcome(Outcome.CLAIMED)) == 5
    assert session.journal.failed() == []
    assert {e.attempts for e in session.journal.history()} == {2}
    assert copies_on_record(sandbox, [doi(n) for n in range(1, 6)]) == Counter(
        {doi(n): 1 for n in range(1, 6)}
    )


def test_500_on_a_bulk_post_is_an_unknown_outcome_reconciled_not_failed(sandbox, session):
    # ORCID may have stored the works before failing: never "failed", read back, then send.
    plan = session.plan(candidates(5))
    sandbox.faults.fail_next(500, path_prefix=POST_WORKS, method="POST")

    first = session.runner.run(plan)

    assert not first.failed
    assert len(first.by_outcome(Outcome.CLAIMED)) == 5
    assert session.journal.failed() == []
    assert copies_on_record(sandbox, [doi(n) for n in range(1, 6)]) == Counter(
        {doi(n): 1 for n in range(1, 6)}
    )


def test_work_deleted_on_orcid_org_is_not_claimed_again_until_asked(
    sandbox, settings, journal_path
):
    quick = SettlePolicy(in_flight=0.2, lag=0.05, interval=0.05)
    session = Session(sandbox, settings, journal_path, settle=quick)
    first = session.runner.run(session.plan([candidate(1)]))
    (claimed,) = first.items
    sandbox.store.delete_work(DEMO_ORCID, claimed.put_code)
    time.sleep(quick.in_flight + quick.lag)

    index = RecordIndex.build(session.client.read_works(), DEMO_CLIENT_ID)
    assert index.status(doi(1)).label == "not on record"
    again = session.runner.run(session.plan([candidate(1)]))
    assert [i.outcome for i in again.items] == [Outcome.REMOVED]
    readded = session.runner.run(session.plan([candidate(1)]), readd=True)

    (reclaimed,) = readded.items
    assert reclaimed.outcome is Outcome.CLAIMED
    assert reclaimed.put_code != claimed.put_code
    (entry,) = session.journal.entries_for("local", DEMO_ORCID, doi(1))
    assert entry.attempts == 2 and entry.state is JournalState.DONE
    session.close()


def test_409_9021_counts_as_already_claimed_with_the_put_code(sandbox, session):
    (claimed,) = session.runner.run(session.plan([candidate(1)])).items
    # A plan made from a stale read of the record still offers the DOI.
    stale = plan_claims([candidate(1)], RecordIndex.empty(DEMO_CLIENT_ID))

    result = session.runner.run(stale)

    (item,) = result.items
    assert item.outcome is Outcome.ALREADY
    assert item.put_code == claimed.put_code
    assert result.ok
    assert copies_on_record(sandbox, [doi(1)]) == Counter({doi(1): 1})


def test_put_code_is_read_from_orcids_conflict_message():
    error = ErrorBody(
        409,
        9021,
        developer_message="409 Conflict: You have already added this activity (matched by "
        "external identifiers), please see element with put-code 12345. If you are trying to "
        "edit the item, please use PUT instead of POST.",
    )

    assert put_code_from_conflict(error) == 12345
    assert put_code_from_conflict(ErrorBody(409, 9021)) is None


def test_own_version_next_to_another_source_is_added_when_allowed(sandbox, session):
    works = session.client.read_works()
    theirs = next(
        s
        for s in works.summaries()
        if s.dois()
        and RecordIndex.build(works, DEMO_CLIENT_ID).status(s.dois()[0]).state
        is not ClaimState.OURS
    )
    target = theirs.dois()[0]
    work = Work(
        title=theirs.title,
        type="journal-article",
        external_ids=(ExternalId("doi", target, "self"),),
    )

    default = session.plan([ClaimCandidate(target, work)])
    allowed = session.plan([ClaimCandidate(target, work)], ClaimPolicy(allow_own_version=True))
    result = session.runner.run(allowed)

    assert not default.to_send
    assert [i.outcome for i in result.items] == [Outcome.CLAIMED]
    assert copies_on_record(sandbox, [target]) == Counter({target: 1})


def test_orcid_still_busy_after_retries_stops_and_the_next_run_sends_the_claims(sandbox, session):
    plan = session.plan(candidates(150))
    sandbox.faults.fail_next(503, count=4, retry_after=0, path_prefix=POST_WORKS, method="POST")

    busy = session.runner.run(plan)

    assert busy.status is RunStatus.BUSY
    assert len(busy.by_outcome(Outcome.NOT_SENT)) == 150 and not busy.failed
    assert len(session.journal.unsent()) == 150

    later = session.runner.run(ClaimPlan())

    assert later.ok and len(later.by_outcome(Outcome.CLAIMED)) == 150


# -- sign-in, write queue ----------------------------------------------------------------------


def test_revoked_token_stops_keeps_claims_to_send_and_says_reconnect(
    sandbox, settings, journal_path
):
    token = sandbox.issue_token(DEMO_ORCID)
    journal = ClaimJournal(journal_path)
    with OrcidClient(settings, DEMO_ORCID, token) as client:
        runner = ClaimRunner(settings, client, journal, locks=RecordLocks())
        plan = plan_claims(candidates(3), client.read_works(), client_id=DEMO_CLIENT_ID)
        sandbox.revoke_token(token)
        result = runner.run(plan)

    assert result.status is RunStatus.RECONNECT_NEEDED
    assert "reconnect" in result.message
    # Found out by the read before sending: nothing went out, all three wait to be sent.
    assert len(journal.unsent()) == 3 and not journal.pending()
    journal.close()

    after = Session(sandbox, settings, journal_path)  # signed in again
    resumed = after.runner.run(ClaimPlan())
    after.close()
    assert len(resumed.by_outcome(Outcome.CLAIMED)) == 3


def test_two_runs_for_one_record_never_interleave(sandbox, settings, journal_path):
    locks = RecordLocks()
    sandbox.faults.latency = 0.02
    events: list[tuple[str, float]] = []
    lock = threading.Lock()

    def claim(name: str, start: int) -> None:
        token = sandbox.issue_token(DEMO_ORCID)
        with OrcidClient(settings, DEMO_ORCID, token) as client, ClaimJournal(journal_path) as j:
            runner = ClaimRunner(settings, client, j, locks=locks, chunk_size=10)
            plan = plan_claims(candidates(40, start), client.read_works(), client_id=DEMO_CLIENT_ID)

            def note(progress: RunProgress) -> None:
                with lock:
                    events.append((name, time.monotonic()))

            runner.run(plan, on_progress=note)

    threads = [
        threading.Thread(target=claim, args=("a", 1)),
        threading.Thread(target=claim, args=("b", 101)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    names = [name for name, _ in events]
    assert len(names) == 8
    assert names in (["a"] * 4 + ["b"] * 4, ["b"] * 4 + ["a"] * 4)
