"""Signed-in sessions: reconnect needed after revocation, refresh of expired tokens, sign out."""

from __future__ import annotations

from dataclasses import replace

import pytest
from auth_support import ScriptedBrowser, register_test_client

from claimdesk.auth.accounts import Account, AccountsIndex
from claimdesk.auth.flow import LoopbackFlow
from claimdesk.auth.session import (
    ReconnectNeeded,
    current_token,
    on_reconnect,
    open_client,
    save_sign_in,
    sign_out,
)
from claimdesk.auth.tokens import Token, TokenStore
from claimdesk.config import Settings
from claimdesk.errors import NotOwnedError
from claimdesk.orcid.errors import InvalidTokenError
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_ORCID
from claimdesk.sandbox.server import Sandbox


@pytest.fixture
def settings(sandbox: Sandbox) -> Settings:
    return register_test_client(sandbox)


@pytest.fixture
def store() -> TokenStore:
    return TokenStore(session_only=True)


def sign_in(settings: Settings, store: TokenStore) -> Account:
    token = LoopbackFlow(settings, timeout=10, open_browser=ScriptedBrowser().open).run()
    return save_sign_in(settings, token, store=store)


def test_revoked_token_marks_the_account_reconnect_needed(
    settings: Settings, sandbox: Sandbox, store: TokenStore
) -> None:
    account = sign_in(settings, store)
    token = store.load("local", account.orcid)
    assert token is not None
    sandbox.revoke_token(token.access_token)  # the user removed claimdesk on orcid.org
    with open_client(settings, account, store=store) as client, pytest.raises(InvalidTokenError):
        client.read_works()
    marked = AccountsIndex().get("local", account.orcid)
    assert marked is not None and marked.needs_reconnect
    with pytest.raises(ReconnectNeeded, match="needs reconnecting"):
        open_client(settings, account, store=store)


def test_signing_in_again_clears_reconnect_and_resumes_pending_work(
    settings: Settings, sandbox: Sandbox, store: TokenStore
) -> None:
    account = sign_in(settings, store)
    AccountsIndex().set_needs_reconnect("local", account.orcid)
    resumed: list[Account] = []
    remove = on_reconnect(resumed.append)
    try:
        again = sign_in(settings, store)
    finally:
        remove()
    assert not again.needs_reconnect
    assert [a.orcid for a in resumed] == [account.orcid]
    with open_client(settings, again, store=store) as client:
        assert client.read_works().groups


def test_expired_token_is_refreshed_before_use(
    settings: Settings, sandbox: Sandbox, store: TokenStore
) -> None:
    sandbox.token_lifetime = 5  # inside claimdesk's one-minute leeway: counts as expired
    account = sign_in(settings, store)
    old = store.load("local", account.orcid)
    assert old is not None and old.expired()
    sandbox.token_lifetime = 3600
    sandbox.stats.reset()
    with open_client(settings, account, store=store) as client:
        assert client.read_works().groups
    assert sandbox.stats.count("POST", "/oauth/token") == 1
    fresh = store.load("local", account.orcid)
    assert fresh is not None and fresh.access_token != old.access_token and not fresh.expired()
    assert fresh.name == old.name


def test_a_401_from_orcid_renews_with_the_refresh_token_and_sends_again(
    settings: Settings, sandbox: Sandbox, store: TokenStore
) -> None:
    account = sign_in(settings, store)
    old = store.load("local", account.orcid)
    assert old is not None and not old.expired()
    sandbox.expire_token(old.access_token)  # ORCID ended it sooner than it said
    sandbox.stats.reset()

    with open_client(settings, account, store=store) as client:
        assert client.read_works().groups

    assert sandbox.stats.count("POST", "/oauth/token") == 1
    fresh = store.load("local", account.orcid)
    assert fresh is not None and fresh.access_token != old.access_token
    marked = AccountsIndex().get("local", account.orcid)
    assert marked is not None and not marked.needs_reconnect


def test_ownership_guard_uses_the_client_that_signed_in_not_a_client_id_given_now(
    settings: Settings, sandbox: Sandbox, store: TokenStore
) -> None:
    account = sign_in(settings, store)
    assert account.client_id == settings.client_id
    # A mistyped --client-id that happens to be the demo client, source of works on the record.
    mistyped = replace(settings, client_id=DEMO_CLIENT_ID)
    with open_client(mistyped, account, store=store) as client:
        works = [w for g in client.read_works().groups for w in g.summaries]
        others = [w for w in works if w.is_owned_by(DEMO_CLIENT_ID)]
        assert others, "the demo seed has works added by the demo client"
        sandbox.stats.reset()
        with pytest.raises(NotOwnedError):
            client.delete_work(others[0])
    assert sandbox.stats.count("DELETE") == 0


def test_refused_refresh_means_reconnect_needed(
    settings: Settings, sandbox: Sandbox, store: TokenStore
) -> None:
    sandbox.token_lifetime = 5
    account = sign_in(settings, store)
    old = store.load("local", account.orcid)
    assert old is not None and old.refresh_token
    sandbox.revoke_token(old.refresh_token)
    with pytest.raises(ReconnectNeeded, match="renewing it failed"):
        current_token(settings, account, store=store)
    marked = AccountsIndex().get("local", account.orcid)
    assert marked is not None and marked.needs_reconnect


def test_account_without_stored_token_needs_reconnect(
    settings: Settings, store: TokenStore
) -> None:
    AccountsIndex().upsert(Account(DEMO_ORCID, "Josiah Carberry", "local"))
    with pytest.raises(ReconnectNeeded, match="no stored sign-in"):
        open_client(settings, DEMO_ORCID, store=store)


def test_sign_out_revokes_at_orcid_and_forgets_locally(
    settings: Settings, sandbox: Sandbox, store: TokenStore
) -> None:
    account = sign_in(settings, store)
    token = store.load("local", account.orcid)
    assert token is not None
    result = sign_out(settings, account.orcid, store=store)
    assert result.revoked and "revoked at ORCID" in result.message
    assert store.load("local", account.orcid) is None
    assert AccountsIndex().all() == []
    sandbox_token = sandbox.auth.token(token.access_token)
    assert sandbox_token is not None and sandbox_token.revoked


def test_sign_out_forgets_locally_even_when_revoking_fails_and_says_so(
    settings: Settings, sandbox: Sandbox, store: TokenStore
) -> None:
    account = sign_in(settings, store)
    broken = replace(settings, client_secret="wrong-secret")  # ORCID will refuse the revoke
    result = sign_out(broken, account.orcid, store=store)
    assert not result.revoked
    assert "not revoked at ORCID" in result.message and "Trusted parties" in result.message
    assert store.load("local", account.orcid) is None
    assert AccountsIndex().all() == []


def test_sign_out_without_a_usable_keyring_changes_nothing_and_says_so(
    settings: Settings, restore_keyring: None
) -> None:
    """The token may still be in the keyring: forgetting the account would strand it unrevoked."""
    import keyring
    from keyring.backends import fail

    from claimdesk.errors import KeyringError

    account = Account(DEMO_ORCID, "Josiah Carberry", "local")
    AccountsIndex().upsert(account)
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(KeyringError, match="Cannot sign out") as caught:
        sign_out(settings, DEMO_ORCID, store=TokenStore())
    assert "nothing was changed" in str(caught.value)
    assert [a.orcid for a in AccountsIndex().all()] == [DEMO_ORCID]


def test_switching_accounts_changes_the_current_one(settings: Settings, store: TokenStore) -> None:
    first = sign_in(settings, store)
    other = Token(orcid="0000-0001-5109-3700", access_token="x" * 32, name="Other")
    second = save_sign_in(settings, other, store=store)
    index = AccountsIndex()
    assert index.current("local") == second
    index.switch("local", first.orcid)
    assert index.current("local") == first
    assert {a.orcid for a in index.all("local")} == {first.orcid, second.orcid}


def test_claim_with_a_mistyped_client_id_still_knows_the_works_its_sign_in_added(
    settings: Settings, sandbox: Sandbox, store: TokenStore, capsys: pytest.CaptureFixture[str]
) -> None:
    from claimdesk.claims.status import ClaimState, RecordIndex
    from claimdesk.cli import main

    account = sign_in(settings, store)
    index = RecordIndex.build(sandbox.store.works(account.orcid), settings.client_id)
    doi = next(
        d
        for d in sandbox.corpus.dois_of(account.orcid)
        if index.status(d).state is ClaimState.ABSENT
    )
    where = ["--env", "local", "--base-url", sandbox.base_url, "--orcid", account.orcid]

    assert main(["claim", doi, *where, "--client-id", settings.client_id or ""]) == 0
    # The demo client is the source of other works on this record: a plausible wrong id.
    again = ["claim", doi, "--allow-own-version", *where, "--client-id", DEMO_CLIENT_ID]
    sandbox.stats.reset()
    assert main(again) == 0
    capsys.readouterr()

    # Seen as claimdesk's own work: nothing sent (not left to ORCID's duplicate check).
    assert sandbox.stats.count("POST") == 0

    copies = [s for s in sandbox.store.works(account.orcid).summaries() if doi in s.dois()]
    assert [s.source.client_id for s in copies if s.source] == [settings.client_id]
