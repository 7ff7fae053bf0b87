"""The command line says what it is doing, and nothing that contradicts it: ``history --failed``
does not claim the journal is empty, a DOI look-up shows progress, and log warnings stay out of
normal output (they appear with -v)."""

from __future__ import annotations

import logging

import pytest

from claimdesk.cli import main
from claimdesk.commands.claim import lookup_progress
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_ORCID
from claimdesk.sandbox.server import Sandbox


@pytest.fixture
def home(home, monkeypatch: pytest.MonkeyPatch, sandbox: Sandbox):
    monkeypatch.setenv("CLAIMDESK_TOKEN", sandbox.issue_token(DEMO_ORCID))
    return home


def env_args(sandbox: Sandbox) -> list[str]:
    return ["--env", "local", "--base-url", sandbox.base_url, "--client-id", DEMO_CLIENT_ID]


def unclaimed(sandbox: Sandbox, count: int) -> list[str]:
    on_record = set(sandbox.store.dois())
    return [e.doi for e in sandbox.corpus.entries if e.doi not in on_record][:count]


def test_history_failed_with_claims_but_none_failed_says_so(sandbox, home, capsys):
    dois = unclaimed(sandbox, 2)
    assert main(["claim", *dois, "--orcid", DEMO_ORCID, *env_args(sandbox)]) == 0
    capsys.readouterr()

    assert main(["history", "--failed", *env_args(sandbox)]) == 0
    err = capsys.readouterr().err
    assert "no claims in the journal" not in err
    assert (
        "no failed claims for local (2 claims in the journal; 'claimdesk history' lists them)"
        in err
    )


def test_history_of_an_empty_journal_says_it_is_empty(sandbox, home, capsys):
    assert main(["history", "--failed", *env_args(sandbox)]) == 0
    assert "no claims in the journal for local" in capsys.readouterr().err


def test_doi_look_up_reports_progress_on_a_slow_network(sandbox, home, capsys, tmp_path):
    listed = tmp_path / "dois.txt"
    listed.write_text("\n".join(unclaimed(sandbox, 6)))
    sandbox.faults.latency = 0.15
    try:
        code = main(["search", "--dois", str(listed), "--json", *env_args(sandbox)])
    finally:
        sandbox.faults.latency = 0
    err = capsys.readouterr().err
    assert code == 0, err
    assert "looking up 6 DOIs in DataCite and Crossref" in err
    assert "looked up 6 of 6 DOIs" in err


def test_lookup_progress_speaks_at_most_every_two_seconds_and_at_the_end(capsys):
    now = [0.0]
    report = lookup_progress(every=2.0, clock=lambda: now[0])
    for done in range(1, 10):
        now[0] += 0.5
        report(done, 10)
    now[0] += 0.1
    report(10, 10)
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        "claimdesk: looked up 4 of 10 DOIs",
        "claimdesk: looked up 8 of 10 DOIs",
        "claimdesk: looked up 10 of 10 DOIs",
    ]


def test_a_revoked_sign_in_says_so_once_without_a_warning_log_line(
    sandbox, home, capsys, monkeypatch, restore_keyring
):
    from auth_support import keyring_usable

    from claimdesk.auth.session import save_sign_in
    from claimdesk.auth.tokens import Token
    from claimdesk.config import Settings

    if not keyring_usable():
        pytest.skip("needs the OS keyring to keep the sign-in")
    monkeypatch.delenv("CLAIMDESK_TOKEN")
    settings = Settings(endpoints=sandbox.endpoints, client_id=DEMO_CLIENT_ID)
    access = sandbox.issue_token(DEMO_ORCID)
    save_sign_in(settings, Token(orcid=DEMO_ORCID, access_token=access, name="Josiah Carberry"))
    sandbox.revoke_token(access)  # the researcher removed claimdesk on orcid.org
    try:
        assert main(["works", *env_args(sandbox)]) == 1
        err = capsys.readouterr().err
        assert "WARNING" not in err and "claimdesk.auth" not in err
        assert len(err.strip().splitlines()) == 1 and "reconnect" in err.lower()
    finally:
        logging.getLogger().handlers.clear()
