"""``claimdesk search``, ``claim`` and ``history`` against the sandbox, in-process and as a real
process killed with SIGKILL in the middle of a bulk claim."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from claimdesk.claims.journal import ClaimJournal, JournalState
from claimdesk.claims.plan import ClaimPlan
from claimdesk.claims.runner import ClaimRunner, Outcome, RecordLocks
from claimdesk.claims.status import ClaimState, RecordIndex
from claimdesk.cli import main
from claimdesk.config import Settings
from claimdesk.orcid.client import OrcidClient
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_ORCID
from claimdesk.sandbox.server import Sandbox

POST_WORKS = f"/v3.0/{DEMO_ORCID}/works"


@pytest.fixture
def home(home: Path, monkeypatch: pytest.MonkeyPatch, sandbox: Sandbox) -> Path:
    """The test's CLAIMDESK_HOME, with the demo researcher's token in CLAIMDESK_TOKEN."""
    monkeypatch.setenv("CLAIMDESK_TOKEN", sandbox.issue_token(DEMO_ORCID))
    return home


def env_args(sandbox: Sandbox) -> list[str]:
    return ["--env", "local", "--base-url", sandbox.base_url, "--client-id", DEMO_CLIENT_ID]


def unclaimed_dois(sandbox: Sandbox) -> list[str]:
    """Corpus DOIs of the demo researcher that no source has on his record."""
    index = RecordIndex.build(sandbox.store.works(DEMO_ORCID), DEMO_CLIENT_ID)
    return [
        d for d in sandbox.corpus.dois_of(DEMO_ORCID) if index.status(d).state is ClaimState.ABSENT
    ]


def other_dois(sandbox: Sandbox, count: int) -> list[str]:
    """Corpus DOIs on nobody's record (by other people): claimable, no version relations."""
    on_record = set(sandbox.store.dois())
    found = [
        e.doi
        for e in sandbox.corpus.entries
        if e.doi not in on_record and DEMO_ORCID not in e.orcids() and not e.relations
    ]
    assert len(found) >= count, f"the corpus has only {len(found)} unrelated DOIs"
    return found[:count]


def claimdesk_copies(sandbox: Sandbox, dois: list[str]) -> Counter[str]:
    found: Counter[str] = Counter()
    for summary in sandbox.store.works(DEMO_ORCID).summaries():
        if summary.is_owned_by(DEMO_CLIENT_ID):
            found.update(d for d in summary.dois() if d in dois)
    return found


def test_search_by_orcid_marks_each_doi_with_its_claim_status(sandbox, home, capsys):
    code = main(["search", "--orcid", DEMO_ORCID, "--json", *env_args(sandbox)])

    assert code == 0
    rows = json.loads(capsys.readouterr().out)["results"]
    statuses = {row["doi"]: row["status"] for row in rows}
    assert any(s.startswith("on record — added by claimdesk (put-code") for s in statuses.values())
    assert any(s.startswith("on record from ") for s in statuses.values())
    assert any(s == "not on record" for s in statuses.values())
    assert any(row["is_version"] for row in rows)


def test_claim_dry_run_sends_nothing(sandbox, home, capsys):
    dois = unclaimed_dois(sandbox)
    sandbox.stats.reset()

    code = main(["claim", *dois, "--orcid", DEMO_ORCID, "--dry-run", *env_args(sandbox)])

    assert code == 0
    assert sandbox.stats.count(method="POST") == 0
    lines = capsys.readouterr().out.splitlines()
    assert {line.split("\t")[0] for line in lines} == set(dois)
    assert any("\tskip\ta version or part of another DOI" in line for line in lines)


def test_claim_dry_run_exits_1_when_a_doi_has_no_metadata(sandbox, home, capsys):
    dois = [*unclaimed_dois(sandbox)[:1], "10.80555/nobody-registered-this"]

    code = main(["claim", *dois, "--orcid", DEMO_ORCID, "--dry-run", *env_args(sandbox)])

    assert code == 1  # as the real claim would
    assert sandbox.stats.count(method="POST") == 0
    assert "10.80555/nobody-registered-this" in capsys.readouterr().out


def test_claim_reports_per_doi_and_history_lists_the_claims(sandbox, home, capsys):
    dois = unclaimed_dois(sandbox)

    code = main(["claim", *dois, "--orcid", DEMO_ORCID, "--json", *env_args(sandbox)])

    assert code == 0
    report = json.loads(capsys.readouterr().out)
    outcomes = {c["doi"]: c["outcome"] for c in report["claims"]}
    assert set(outcomes) == set(dois)
    claimed = [d for d, o in outcomes.items() if o == "claimed"]
    assert claimed and set(outcomes.values()) <= {"claimed", "skipped"}
    assert claimdesk_copies(sandbox, claimed) == Counter({d: 1 for d in claimed})
    assert report["requests"] == 1

    assert main(["history", "--json", *env_args(sandbox)]) == 0
    history = json.loads(capsys.readouterr().out)
    assert {h["doi"] for h in history} == set(claimed)
    assert {h["state"] for h in history} == {"done"}
    assert main(["history", "--limit", "1", *env_args(sandbox)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_claim_exits_1_when_a_claim_fails_and_retry_failed_claims_it(sandbox, home, capsys):
    dois = other_dois(sandbox, 3)
    limit = sandbox.store.max_works
    sandbox.store.max_works = sandbox.store.count(DEMO_ORCID) + 1  # the record is nearly full

    code = main(["claim", *dois, "--orcid", DEMO_ORCID, *env_args(sandbox)])

    assert code == 1
    out = capsys.readouterr().out
    words = "the record would exceed ORCID's limit of 10,000 works (error 9048)"
    assert all(f"{d}\tfailed\t{words}" in out for d in dois)
    assert main(["history", "--failed", *env_args(sandbox)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3

    sandbox.store.max_works = limit
    assert main(["claim", "--retry-failed", "--orcid", DEMO_ORCID, *env_args(sandbox)]) == 0
    assert claimdesk_copies(sandbox, dois) == Counter({d: 1 for d in dois})


def test_claim_of_a_doi_no_service_knows_exits_1_and_says_so(sandbox, home, capsys):
    dois = [*other_dois(sandbox, 1), "10.9999/no-such-doi"]

    code = main(["claim", *dois, "--orcid", DEMO_ORCID, *env_args(sandbox)])

    assert code == 1
    out = capsys.readouterr()
    assert f"{dois[0]}\tclaimed\t" in out.out
    assert "10.9999/no-such-doi\tskipped\tno metadata found for this DOI" in out.out
    assert "1 DOIs could not be claimed: no metadata found" in out.err


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_claim_process_killed_mid_bulk_loses_and_duplicates_nothing(sandbox, home, tmp_path):
    dois = other_dois(sandbox, 40)
    listing = tmp_path / "dois.txt"
    listing.write_text("\n".join(dois) + "\n", encoding="utf-8")
    sandbox.faults.latency = 0.15
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "CLAIMDESK_TIMEOUT": "1"}
    argv = [sys.executable, "-m", "claimdesk", "claim", "--from", str(listing)]
    argv += ["--orcid", DEMO_ORCID, "--batch-size", "5", *env_args(sandbox)]
    process = subprocess.Popen(
        argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path
    )
    try:
        deadline = time.monotonic() + 60
        while sandbox.stats.count(method="POST", path_prefix=POST_WORKS) < 3:
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            assert time.monotonic() < deadline, "the claim never got going"
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
        if process.stderr:
            process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    sandbox.faults.latency = 0.0
    stored = claimdesk_copies(sandbox, dois)
    assert 0 < sum(stored.values()) < len(dois)
    assert max(stored.values()) == 1

    # The next session settles what the killed one left pending and sends the rest.
    settings = Settings(endpoints=sandbox.endpoints, client_id=DEMO_CLIENT_ID, timeout=1.0)
    with (
        OrcidClient(settings, DEMO_ORCID, os.environ["CLAIMDESK_TOKEN"]) as client,
        ClaimJournal(home / "data" / "journal.sqlite3") as journal,
    ):
        # The kill came while the third request was in flight: its claims are pending.
        assert len(journal.pending()) == 5
        done_before = sum(e.state is JournalState.DONE for e in journal.history())
        assert len(journal.history()) == len(dois)  # every claim was journaled at the start
        runner = ClaimRunner(settings, client, journal, locks=RecordLocks())
        reconciled, _ = runner.reconcile()
        assert len(reconciled) == 5 and not journal.pending()
        result = runner.run(ClaimPlan())  # sends what the killed run had not sent
        assert result.ok, result.summary()
        # The record was read only once the killed request could no longer be in flight, so
        # nothing is sent twice: no 409/9021 "already claimed" is needed to stop a duplicate.
        assert not result.by_outcome(Outcome.ALREADY)
        sent = result.by_outcome(Outcome.CLAIMED)
        assert len(sent) == len(dois) - done_before - len(reconciled.done)
        done = {e.doi for e in journal.history() if e.state is JournalState.DONE}

    assert done == set(dois)
    assert claimdesk_copies(sandbox, dois) == Counter({d: 1 for d in dois})


def test_search_reads_latin1_bibtex_and_names_a_binary_file(sandbox, home, tmp_path, capsys):
    """An old BibTeX export in Latin-1 is read; a binary file is refused in words."""
    doi = other_dois(sandbox, 1)[0]
    bib = tmp_path / "refs.bib"
    bib.write_bytes(f"@article{{a, author={{M\xfcller}}, doi={{{doi}}}}}\n".encode("latin-1"))
    assert main(["search", "--dois", str(bib), "--record", DEMO_ORCID, *env_args(sandbox)]) == 0
    assert capsys.readouterr().out.startswith(f"{doi}\tnot on record\t")

    blob = tmp_path / "refs.zip"
    blob.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)))
    assert main(["claim", "--from", str(blob), "--orcid", DEMO_ORCID, *env_args(sandbox)]) == 1
    err = capsys.readouterr().err
    assert "is binary data (266 bytes), not a list of DOIs" in err
    assert err.count("\n") == 1 and "codec" not in err


def test_search_names_each_failing_service_once(sandbox, home, capsys):
    sandbox.faults.fail_next(500, count=10, path_prefix="/datacite")
    code = main(["search", "--name", "Carberry", "--source", "datacite", *env_args(sandbox)])
    assert code == 1
    err = capsys.readouterr().err
    assert "claimdesk: DataCite: server error (HTTP 500)" in err
    assert "datacite: DataCite" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["claim", "--batch-size", "0", "10.80555/x"],
        ["claim", "--batch-size", "101", "10.80555/x"],
        ["search", "--name", "Carberry", "--max", "0"],
    ],
)
def test_out_of_range_numbers_are_usage_errors(sandbox, home, capsys, argv):
    with pytest.raises(SystemExit) as exited:
        main([*argv, *env_args(sandbox)])
    assert exited.value.code == 2
    assert "error: argument" in capsys.readouterr().err


def test_works_without_a_usable_keyring_says_what_a_terminal_user_can_do(
    sandbox, home, monkeypatch, capsys, restore_keyring
):
    import keyring
    from keyring.backends import fail

    from claimdesk.auth.accounts import Account, AccountsIndex

    monkeypatch.delenv("CLAIMDESK_TOKEN")
    AccountsIndex().upsert(Account(DEMO_ORCID, "Josiah Carberry", "local"))
    keyring.set_keyring(fail.Keyring())
    assert main(["works", *env_args(sandbox)]) == 1
    err = capsys.readouterr().err
    assert "No usable keyring" in err and "CLAIMDESK_TOKEN" in err
    assert "session only" not in err and err.count("\n") == 1
