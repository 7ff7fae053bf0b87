"""The claim journal on disk: pending before sending, done/failed after, history, reconcile."""

from __future__ import annotations

import threading

from claimdesk.claims.journal import (
    ClaimJournal,
    JournalState,
    default_path,
    work_from_json,
    work_to_json,
)
from claimdesk.claims.reconcile import reconcile
from claimdesk.claims.status import RecordIndex
from claimdesk.orcid.model import (
    Contributor,
    ExternalId,
    PublicationDate,
    Source,
    Work,
    WorkGroup,
    WorksSummary,
    WorkSummary,
)

ENV, ORCID, OURS = "local", "0000-0002-1825-0097", "APP-CLAIMDESKDEMO001"


def work(doi: str) -> Work:
    return Work(
        title=f"Data for {doi}",
        type="data-set",
        external_ids=(ExternalId("doi", doi, "self", f"https://doi.org/{doi}"),),
        publication_date=PublicationDate(2021, 3),
        contributors=(Contributor("Josiah Carberry", ORCID, role="author"),),
    )


def test_journal_lives_in_the_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_HOME", str(tmp_path))

    with ClaimJournal() as journal:
        journal.begin(ENV, ORCID, "run-1", [("10.1/a", work("10.1/a"))])

    assert default_path() == tmp_path / "data" / "journal.sqlite3"
    assert default_path().exists()


def test_work_payload_round_trips():
    original = work("10.1/a")

    assert work_from_json(work_to_json(original)) == original


def test_claims_are_pending_until_marked_and_survive_reopening(tmp_path):
    path = tmp_path / "journal.sqlite3"
    with ClaimJournal(path) as journal:
        a, b, c = journal.begin(
            ENV, ORCID, "run-1", [(d, work(d)) for d in ("10.1/a", "10.1/b", "10.1/c")]
        )
        journal.mark_done(a, 101)
        journal.mark_failed(b, "the work type is not one ORCID accepts", error_code=9037)

    with ClaimJournal(path) as journal:
        assert [e.doi for e in journal.pending(ENV, ORCID)] == ["10.1/c"]
        assert [(e.doi, e.error_code) for e in journal.failed(ENV, ORCID)] == [("10.1/b", 9037)]
        history = journal.history(ENV, ORCID)
        assert len(journal.history(ENV, ORCID, limit=2)) == 2
        assert {e.doi: e.state for e in history} == {
            "10.1/a": JournalState.DONE,
            "10.1/b": JournalState.FAILED,
            "10.1/c": JournalState.PENDING,
        }
        assert journal.get(a).put_code == 101
        assert journal.get(c).work == work("10.1/c")


def test_retrying_a_failed_claim_reuses_its_row(tmp_path):
    with ClaimJournal(tmp_path / "j.sqlite3") as journal:
        (first,) = journal.begin(ENV, ORCID, "run-1", [("10.1/a", work("10.1/a"))])
        journal.mark_failed(first, "ORCID refused")
        (second,) = journal.begin(ENV, ORCID, "run-2", [("10.1/a", work("10.1/a"))])

        assert second == first
        entry = journal.get(first)
        assert entry.state is JournalState.PENDING
        assert entry.attempts == 2
        assert entry.error is None


def test_claiming_again_after_done_starts_a_new_row(tmp_path):
    with ClaimJournal(tmp_path / "j.sqlite3") as journal:
        (first,) = journal.begin(ENV, ORCID, "run-1", [("10.1/a", work("10.1/a"))])
        journal.mark_done(first, 5)
        (second,) = journal.begin(ENV, ORCID, "run-2", [("10.1/a", work("10.1/a"))])

        assert second != first
        assert len(journal.entries_for(ENV, ORCID, "10.1/a")) == 2


def test_reconcile_marks_found_claims_done_and_the_rest_unsent(tmp_path):
    found = WorkSummary(
        put_code=77,
        title="a",
        type="data-set",
        external_ids=(ExternalId("doi", "10.1/A", "self", normalized="10.1/a"),),
        source=Source(client_id=OURS, name="claimdesk"),
    )
    theirs = WorkSummary(
        put_code=78,
        title="b",
        type="data-set",
        external_ids=(ExternalId("doi", "10.1/b"),),
        source=Source(client_id="APP-OTHER", name="Crossref"),
    )
    works = WorksSummary(
        (WorkGroup(found.external_ids, (found,)), WorkGroup(theirs.external_ids, (theirs,)))
    )
    with ClaimJournal(tmp_path / "j.sqlite3") as journal:
        journal.begin(ENV, ORCID, "run-1", [(d, work(d)) for d in ("10.1/a", "10.1/b")])

        result = reconcile(journal, ENV, ORCID, RecordIndex.build(works, OURS))

        assert [e.doi for e in result.done] == ["10.1/a"]
        assert [e.doi for e in result.unsent] == ["10.1/b"]
        assert journal.pending(ENV, ORCID) == []
        assert [e.doi for e in journal.unsent(ENV, ORCID)] == ["10.1/b"]
        assert journal.entries_for(ENV, ORCID, "10.1/a")[0].put_code == 77


def test_journal_is_shared_safely_between_threads(tmp_path):
    journal = ClaimJournal(tmp_path / "j.sqlite3")
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(50):
                (entry,) = journal.begin(
                    ENV, ORCID, f"run-{n}", [(f"10.1/{n}-{i}", work("10.1/x"))]
                )
                journal.mark_done(entry, i)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert len(journal.history(ENV, ORCID)) == 200
    journal.close()


def test_queueing_a_claim_again_never_turns_a_pending_one_back_into_to_send(tmp_path):
    """A pending claim may be on the record: only a settled read of the record decides it."""
    with ClaimJournal(tmp_path / "j.sqlite3") as journal:
        (first,) = journal.begin(ENV, ORCID, "run-1", [("10.1/a", work("10.1/a"))])

        (again,) = journal.queue(ENV, ORCID, "run-2", [("10.1/a", work("10.1/a"))])

        assert again == first
        assert [e.state for e in journal.history()] == [JournalState.PENDING]
