"""A claim is never lost and never sent twice, whatever ORCID's answer: one test per defect of
issue 10 (items 1, 2, 3, 8, 9, 10 and "deleted on orcid.org"), against the sandbox over real
sockets, with ORCID's own 409/9021 duplicate check switched off where it could hide a resend."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from claimdesk.claims.journal import ClaimJournal, JournalState
from claimdesk.claims.locks import RecordLocks
from claimdesk.claims.plan import ClaimCandidate, ClaimPlan, candidate_from_record, plan_claims
from claimdesk.claims.reconcile import SettlePolicy
from claimdesk.claims.results import Outcome, RunStatus
from claimdesk.claims.runner import ClaimRunner
from claimdesk.cli import main
from claimdesk.config import Settings
from claimdesk.orcid.client import OrcidClient
from claimdesk.orcid.ids import doi_url
from claimdesk.orcid.model import ExternalId, Work
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_ORCID
from claimdesk.sandbox.server import Sandbox
from claimdesk.sources.records import DoiRecord, Person

POST_WORKS = f"/v3.0/{DEMO_ORCID}/works"
TIMEOUT = 0.5
#: settle quickly: the sandbox is on this machine
QUICK = SettlePolicy(in_flight=TIMEOUT, lag=0.1, interval=0.05)


@pytest.fixture
def settings(sandbox: Sandbox) -> Settings:
    sandbox.store.refuse_duplicates = False  # ORCID's 9021 check is not leaned on
    return Settings(endpoints=sandbox.endpoints, client_id=DEMO_CLIENT_ID, timeout=TIMEOUT)


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[ClaimJournal]:
    with ClaimJournal(tmp_path / "journal.sqlite3") as j:
        yield j


def make_runner(sandbox, settings, journal, **options) -> ClaimRunner:
    client = OrcidClient(settings, DEMO_ORCID, sandbox.issue_token(DEMO_ORCID))
    options.setdefault("settle", QUICK)
    return ClaimRunner(settings, client, journal, locks=RecordLocks(), **options)


def candidate(n: int, title: str | None = None) -> ClaimCandidate:
    d = f"10.80556/reliable-{n}"
    work = Work(
        title=title or f"Reliable dataset {n}",
        type="data-set",
        external_ids=(ExternalId("doi", d, "self", doi_url(d)),),
        url=doi_url(d),
    )
    return ClaimCandidate(d, work)


def copies(sandbox: Sandbox, dois: list[str]) -> Counter[str]:
    """claimdesk's versions of each DOI on the record, as the sandbox stores them (no lag)."""
    found: Counter[str] = Counter({d: 0 for d in dois})
    for summary in sandbox.store.works(DEMO_ORCID).summaries():
        if summary.is_owned_by(DEMO_CLIENT_ID):
            found.update(d for d in summary.dois() if d in dois)
    return found


def posts(sandbox: Sandbox) -> int:
    return sandbox.stats.count(method="POST", path_prefix=POST_WORKS)


def states(journal: ClaimJournal) -> Counter[JournalState]:
    return Counter(e.state for e in journal.history())


# -- item 1: a write that times out while ORCID is still committing ---------------------------


def test_timed_out_write_is_settled_once_it_cannot_be_in_flight_and_never_resent(
    sandbox, settings, journal
):
    """ORCID stores the bulk but answers after the timeout, and reads lag writes by 1 s: a read
    made at once misses the works. The claims stay pending, are settled by a read made after
    the write's time is up, and are not sent again."""
    wanted = [candidate(n) for n in range(1, 6)]
    sandbox.store.read_lag = 1.0
    sandbox.faults.stall_next(TIMEOUT + 0.5, path_prefix=POST_WORKS, method="POST")
    runner = make_runner(
        sandbox, settings, journal, settle=SettlePolicy(TIMEOUT, lag=1.2, interval=0.1)
    )

    result = runner.run(plan_claims(wanted, runner.client.read_works(), client_id=DEMO_CLIENT_ID))

    dois = [c.doi for c in wanted]
    assert result.ok, result.summary()
    assert [i.outcome for i in result.items] == [Outcome.CLAIMED] * 5
    assert posts(sandbox) == 1
    assert copies(sandbox, dois) == Counter({d: 1 for d in dois})
    assert states(journal) == {JournalState.DONE: 5}


# -- item 2: a 5xx answer after ORCID stored the works ----------------------------------------


def test_500_after_orcid_stored_the_works_is_claimed_not_failed(sandbox, settings, journal):
    wanted = [candidate(n) for n in range(1, 4)]
    sandbox.faults.fail_next(500, path_prefix=POST_WORKS, method="POST", after_commit=True)
    runner = make_runner(sandbox, settings, journal)

    result = runner.run(plan_claims(wanted, runner.client.read_works(), client_id=DEMO_CLIENT_ID))

    assert result.ok and not result.failed, result.summary()
    assert len(result.by_outcome(Outcome.CLAIMED)) == 3
    assert posts(sandbox) == 1
    assert copies(sandbox, [c.doi for c in wanted]) == Counter({c.doi: 1 for c in wanted})
    assert states(journal) == {JournalState.DONE: 3}


def test_500_before_storing_is_sent_again_once_the_record_shows_it_absent(
    sandbox, settings, journal
):
    wanted = [candidate(n) for n in range(1, 4)]
    sandbox.faults.fail_next(500, path_prefix=POST_WORKS, method="POST")  # nothing stored
    runner = make_runner(sandbox, settings, journal)

    result = runner.run(plan_claims(wanted, runner.client.read_works(), client_id=DEMO_CLIENT_ID))

    assert result.ok, result.summary()
    assert posts(sandbox) == 2
    assert copies(sandbox, [c.doi for c in wanted]) == Counter({c.doi: 1 for c in wanted})


def test_claims_an_older_claimdesk_marked_failed_on_a_5xx_are_settled_from_the_record(
    sandbox, settings, journal
):
    """Journals written before this fix hold 'failed' rows for works ORCID had saved."""
    stored = candidate(1)
    runner = make_runner(sandbox, settings, journal)
    runner.run(plan_claims([stored], runner.client.read_works(), client_id=DEMO_CLIENT_ID))
    (entry,) = journal.history()
    journal.mark_failed(entry.id, "something went wrong inside ORCID (error 9008)", error_code=9008)

    found, _ = runner.reconcile()

    assert [e.doi for e in found.done] == [stored.doi]
    assert states(journal) == {JournalState.DONE: 1}


# -- item 3: one write lock per record across processes ---------------------------------------

_HOLDER = """
import sys, time
from claimdesk.claims.locks import RecordLocks
with RecordLocks(sys.argv[1]).hold("local", sys.argv[2]):
    print("held", flush=True)
    time.sleep(60)
"""


def test_record_lock_is_shared_across_processes_and_freed_when_its_holder_is_killed(
    sandbox, settings, journal, tmp_path
):
    locks_dir = tmp_path / "locks"
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(locks_dir), DEMO_ORCID],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        waited = threading.Event()
        runner = make_runner(sandbox, settings, journal, on_wait=waited.set)
        runner.locks = RecordLocks(locks_dir)
        plan = plan_claims([candidate(1)], runner.client.read_works(), client_id=DEMO_CLIENT_ID)
        sandbox.stats.reset()
        outcome: list[object] = []
        worker = threading.Thread(target=lambda: outcome.append(runner.run(plan)))
        worker.start()

        assert waited.wait(5), "the runner did not notice the other process's lock"
        time.sleep(0.3)
        assert posts(sandbox) == 0 and worker.is_alive()  # blocked: nothing sent
        assert runner.locks.is_held("local", DEMO_ORCID)

        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        worker.join(timeout=20)
    finally:
        if holder.poll() is None:
            holder.kill()
    assert not worker.is_alive()
    assert [i.outcome for i in outcome[0].items] == [Outcome.CLAIMED]  # type: ignore[attr-defined]
    assert not RecordLocks(locks_dir).is_held("local", DEMO_ORCID)


# -- item 10: two runs for one record that planned from the same read --------------------------


def test_two_concurrent_runs_for_one_record_send_each_doi_once(sandbox, settings, tmp_path):
    """Both planned 250 DOIs from a read made before either sent anything; each has its own
    lock object, journal connection and client, as two processes would."""
    wanted = [candidate(n) for n in range(1, 251)]
    sandbox.faults.latency = 0.01
    path = tmp_path / "journal.sqlite3"
    ready = threading.Barrier(2)
    results = []

    # No timeouts are meant here: a generous one keeps a loaded machine from making some.
    patient = replace(settings, timeout=5.0)

    def claim() -> None:
        with ClaimJournal(path) as journal:
            runner = make_runner(sandbox, patient, journal)
            plan = plan_claims(wanted, runner.client.read_works(), client_id=DEMO_CLIENT_ID)
            ready.wait()
            results.append(runner.run(plan))
            runner.client.close()

    sandbox.stats.reset()
    threads = [threading.Thread(target=claim) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    dois = [c.doi for c in wanted]
    assert posts(sandbox) == 3  # 100 + 100 + 50, once
    assert copies(sandbox, dois) == Counter({d: 1 for d in dois})
    outcomes = Counter(i.outcome for r in results for i in r.items)
    assert outcomes == {Outcome.CLAIMED: 250, Outcome.ALREADY: 250}


# -- item 8: text XML cannot carry ------------------------------------------------------------


def test_control_characters_and_lone_surrogates_are_removed_at_conversion_and_said():
    record = DoiRecord(
        doi="10.80556/bad-title",
        agency="datacite",
        source="datacite",
        title="Sea\x01 ice \x00thickness\x1b \ud800data",
        creators=(Person("Ann\x0b Smith"),),
        published=(2020,),
    )

    found = candidate_from_record(record)

    assert found.work is not None and found.work.title == "Sea ice thickness data"
    assert found.work.contributors[0].credit_name == "Ann Smith"
    assert found.note == "characters XML cannot carry were removed from the title, creators"


def test_a_work_that_cannot_be_written_fails_alone_in_words(sandbox, settings, journal):
    """A bad title journaled by an older claimdesk no longer blocks the record's claims."""
    bad = candidate(99, title="Broken\x01 title")
    journal.queue("local", DEMO_ORCID, "old-run", [(bad.doi, bad.work)])
    good = [candidate(n) for n in range(1, 11)]
    runner = make_runner(sandbox, settings, journal)

    result = runner.run(plan_claims(good, runner.client.read_works(), client_id=DEMO_CLIENT_ID))

    assert len(result.by_outcome(Outcome.CLAIMED)) == 10
    (failed,) = result.failed
    assert failed.doi == bad.doi
    assert "the title contains the control character U+0001" in failed.message
    assert [e.doi for e in journal.failed()] == [bad.doi]
    assert copies(sandbox, [bad.doi]) == Counter({bad.doi: 0})


# -- item 9: a failed metadata look-up --------------------------------------------------------


def test_failed_look_up_is_journaled_never_called_not_found_and_retried(
    sandbox, home, monkeypatch, capsys
):
    monkeypatch.setenv("CLAIMDESK_TOKEN", sandbox.issue_token(DEMO_ORCID))
    monkeypatch.setenv("CLAIMDESK_TIMEOUT", "2")
    on_record = set(sandbox.store.dois())
    dois = [
        e.doi
        for e in sandbox.corpus.entries
        if e.doi not in on_record and DEMO_ORCID not in e.orcids() and not e.relations
    ][:3]
    env = ["--env", "local", "--base-url", sandbox.base_url, "--client-id", DEMO_CLIENT_ID]
    sandbox.faults.fail_next(500, count=1000, path_prefix="/datacite")
    sandbox.faults.fail_next(500, count=1000, path_prefix="/crossref")

    code = main(["claim", *dois, "--orcid", DEMO_ORCID, *env])

    err = capsys.readouterr().err
    assert code == 1
    assert "no metadata found" not in err
    assert "3 DOIs could not be looked up" in err
    assert main(["history", "--failed", "--json", *env]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert sorted(r["doi"] for r in rows) == sorted(dois)
    assert {r["state"] for r in rows} == {"look-up failed"}

    sandbox.faults.clear()
    assert main(["claim", "--retry-failed", "--orcid", DEMO_ORCID, *env]) == 0
    assert copies(sandbox, dois) == Counter({d: 1 for d in dois})


# -- deleted on orcid.org since claimdesk claimed it -------------------------------------------


def test_work_deleted_on_orcid_org_is_shown_removed_and_added_again_only_when_asked(
    sandbox, settings, journal
):
    runner = make_runner(sandbox, settings, journal)
    wanted = candidate(1)
    (claimed,) = runner.run(
        plan_claims([wanted], runner.client.read_works(), client_id=DEMO_CLIENT_ID)
    ).items
    sandbox.store.delete_work(DEMO_ORCID, claimed.put_code)
    time.sleep(QUICK.in_flight + QUICK.lag)

    again = runner.run(plan_claims([wanted], runner.client.read_works(), client_id=DEMO_CLIENT_ID))

    (item,) = again.items
    assert item.outcome is Outcome.REMOVED and "deleted on orcid.org" in item.message
    assert copies(sandbox, [wanted.doi]) == Counter({wanted.doi: 0})
    (entry,) = journal.history()
    assert entry.state.label == "removed on orcid.org"

    readded = runner.run(
        plan_claims([wanted], runner.client.read_works(), client_id=DEMO_CLIENT_ID), readd=True
    )

    assert [i.outcome for i in readded.items] == [Outcome.CLAIMED]
    assert copies(sandbox, [wanted.doi]) == Counter({wanted.doi: 1})


def test_leaving_a_removed_claim_off_the_record_is_remembered(sandbox, settings, journal):
    runner = make_runner(sandbox, settings, journal)
    wanted = candidate(2)
    (claimed,) = runner.run(
        plan_claims([wanted], runner.client.read_works(), client_id=DEMO_CLIENT_ID)
    ).items
    sandbox.store.delete_work(DEMO_ORCID, claimed.put_code)
    time.sleep(QUICK.in_flight + QUICK.lag)
    found, _ = runner.check_removed()
    assert [e.doi for e in found.removed] == [wanted.doi]

    journal.leave_removed(e.id for e in found.removed)
    later = runner.run(plan_claims([wanted], runner.client.read_works(), client_id=DEMO_CLIENT_ID))

    assert [i.outcome for i in later.items] == [Outcome.REMOVED]
    assert [e.state for e in journal.history()] == [JournalState.LEFT_REMOVED]
    assert copies(sandbox, [wanted.doi]) == Counter({wanted.doi: 0})


def test_history_lists_removed_claims_and_leave_removed_remembers(
    sandbox, settings, home, monkeypatch, capsys
):
    from claimdesk.claims.journal import default_path

    with ClaimJournal(default_path()) as journal:
        runner = make_runner(sandbox, settings, journal)
        wanted = candidate(3)
        (claimed,) = runner.run(
            plan_claims([wanted], runner.client.read_works(), client_id=DEMO_CLIENT_ID)
        ).items
        sandbox.store.delete_work(DEMO_ORCID, claimed.put_code)
        time.sleep(QUICK.in_flight + QUICK.lag)
        runner.check_removed()
    env = ["--env", "local", "--base-url", sandbox.base_url]

    assert main(["history", "--removed", *env]) == 0
    out = capsys.readouterr().out
    assert f"{wanted.doi}\tremoved on orcid.org\t" in out
    assert main(["history", "--leave-removed", wanted.doi, *env]) == 0
    assert main(["history", "--removed", "--json", *env]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["state"] == "removed on orcid.org (left removed)"


def test_a_run_that_cannot_read_the_record_first_keeps_its_claims_to_send(
    sandbox, settings, journal
):
    runner = make_runner(sandbox, settings, journal)
    plan = plan_claims([candidate(1)], runner.client.read_works(), client_id=DEMO_CLIENT_ID)
    sandbox.faults.fail_next(500, path_prefix=POST_WORKS, method="GET")  # reads retry 502/504

    result = runner.run(plan)

    assert result.status is RunStatus.CONNECTION_LOST and posts(sandbox) == 0
    assert [e.state for e in journal.history()] == [JournalState.UNSENT]
    assert runner.run(ClaimPlan()).by_outcome(Outcome.CLAIMED)
