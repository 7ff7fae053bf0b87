"""Signed-in sessions: keep a new sign-in, open an ORCID client for an account, sign out.

A 401 ``invalid_token`` from any later call marks the account "reconnect needed"; whatever work
was pending stays where its owner keeps it (the claim journal), and when the account signs in
again the resume hooks registered with :func:`on_reconnect` are called so that work continues.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimdesk.auth.accounts import Account, AccountsIndex, now_iso
from claimdesk.auth.tokens import SESSION_TOKENS, Token, TokenStore
from claimdesk.config import Settings
from claimdesk.errors import AuthError, ClaimdeskError, KeyringError

if TYPE_CHECKING:
    import httpx

    from claimdesk.orcid.client import OrcidClient
    from claimdesk.orcid.errors import InvalidTokenError

log = logging.getLogger(__name__)

ResumeHook = Callable[[Account], None]
_hooks_lock = threading.Lock()
_resume_hooks: list[ResumeHook] = []


class ReconnectNeeded(AuthError):
    """The account's sign-in is no longer valid; sign in again to continue."""

    def __init__(self, account: Account | None, env: str, orcid: str, reason: str) -> None:
        label = account.label if account else orcid
        super().__init__(
            f"The sign-in of {label} on {env} needs reconnecting: {reason}",
            hint=f"sign in again (claimdesk login --env {env}); pending work resumes then",
        )
        self.orcid = orcid
        self.env = env


def on_reconnect(hook: ResumeHook) -> Callable[[], None]:
    """Call ``hook(account)`` whenever an account marked "reconnect needed" signs in again.

    Returns a function that removes the hook. Hooks run on the thread that saved the sign-in.
    """
    with _hooks_lock:
        _resume_hooks.append(hook)

    def remove() -> None:
        with _hooks_lock:
            if hook in _resume_hooks:
                _resume_hooks.remove(hook)

    return remove


def _fire_resume(account: Account) -> None:
    with _hooks_lock:
        hooks = list(_resume_hooks)
    for hook in hooks:
        try:
            hook(account)
        except Exception:
            log.exception("a resume hook failed for %s", account.orcid)


def save_sign_in(
    settings: Settings,
    token: Token,
    *,
    store: TokenStore | None = None,
    accounts: AccountsIndex | None = None,
) -> Account:
    """Keep a new sign-in: token into the store, account into the index (now current).

    Raises TokenNotSavedError when the keyring refuses; if the user then chooses to keep the
    sign-in for this session only, call this again with ``TokenStore(session_only=True)``.
    Resumes pending work of a reconnected account.
    """
    store = store or TokenStore()
    accounts = accounts or AccountsIndex()
    store.save(settings.env, token)
    before = accounts.get(settings.env, token.orcid)
    account = accounts.upsert(
        Account(
            orcid=token.orcid,
            name=token.name,
            env=settings.env,
            scopes=token.scopes,
            signed_in_at=now_iso(),
            needs_reconnect=False,
            client_id=settings.client_id,
        )
    )
    if before is not None and before.needs_reconnect:
        _fire_resume(account)
    return account


def _orcid_of(account_or_orcid: Account | str) -> str:
    return account_or_orcid.orcid if isinstance(account_or_orcid, Account) else account_or_orcid


def current_token(
    settings: Settings,
    account_or_orcid: Account | str,
    *,
    store: TokenStore | None = None,
    accounts: AccountsIndex | None = None,
    http: httpx.Client | None = None,
) -> Token:
    """The account's usable token, refreshed first when it has expired.

    Raises ReconnectNeeded (and marks the account) when there is no usable token.
    """
    from claimdesk.auth import oauth

    store = store or TokenStore()
    accounts = accounts or AccountsIndex()
    env, orcid = settings.env, _orcid_of(account_or_orcid)
    account = accounts.get(env, orcid)
    if account is not None and account.needs_reconnect:
        raise ReconnectNeeded(account, env, orcid, "ORCID refused its token earlier.")
    token = store.load(env, orcid)
    if token is None:
        accounts.set_needs_reconnect(env, orcid)
        raise ReconnectNeeded(account, env, orcid, "no stored sign-in was found.")
    if not token.expired():
        return token
    try:
        return _renew(settings, token, store, http)
    except oauth.TokenEndpointError as err:
        accounts.set_needs_reconnect(env, orcid)
        raise ReconnectNeeded(account, env, orcid, f"renewing it failed ({err.message})") from None
    except AuthError as err:
        accounts.set_needs_reconnect(env, orcid)
        raise ReconnectNeeded(account, env, orcid, err.message) from None


def _renew(settings: Settings, token: Token, store: TokenStore, http: httpx.Client | None) -> Token:
    """A fresh token from ``token``'s refresh token, kept where ``token`` was kept."""
    from claimdesk.auth import oauth

    env, orcid = settings.env, token.orcid
    own_http = http is None
    client = http or oauth.new_http(settings)
    try:
        fresh = oauth.refresh(settings, client, token)
    finally:
        if own_http:
            client.close()
    if SESSION_TOKENS.get(env, orcid) is not None:
        SESSION_TOKENS.put(env, fresh)
    else:
        try:
            store.save(env, fresh)
        except KeyringError as err:
            # the old refresh token in the keyring still works; keep the new one in memory
            log.warning("renewed sign-in kept for this session only: %s", err.message)
            SESSION_TOKENS.put(env, fresh)
    log.info("renewed the sign-in of %s on %s", orcid, env)
    return fresh


def open_client(
    settings: Settings,
    account_or_orcid: Account | str,
    *,
    store: TokenStore | None = None,
    accounts: AccountsIndex | None = None,
    http: httpx.Client | None = None,
    **client_options: object,
) -> OrcidClient:
    """An OrcidClient for a signed-in account.

    A 401 ``invalid_token`` renews the token once with its refresh token, when there is one, and
    sends the request again; only if that fails is the account marked "reconnect needed". Works
    count as claimdesk's when their source is the client that obtained this sign-in (not a
    ``--client-id`` given now). Raises ReconnectNeeded when the account has no usable token.
    """
    from claimdesk.orcid.client import OrcidClient

    store = store or TokenStore()
    accounts = accounts or AccountsIndex()
    env, orcid = settings.env, _orcid_of(account_or_orcid)
    token = current_token(settings, orcid, store=store, accounts=accounts, http=http)
    account = accounts.get(env, orcid)
    owner = (account.client_id if account is not None else None) or settings.client_id
    if account is not None and account.client_id and account.client_id != settings.client_id:
        log.warning(
            "%s on %s signed in with client %s, not %s: guarding its works with %s",
            orcid,
            env,
            account.client_id,
            settings.client_id,
            account.client_id,
        )

    def renew() -> str | None:
        try:
            stored = store.load(env, orcid)
            if stored is None or not stored.refresh_token:
                return None
            return _renew(settings, stored, store, None).access_token
        except AuthError as err:
            log.info("renewing the refused sign-in of %s failed: %s", orcid, err.message)
            return None

    def invalid(error: InvalidTokenError) -> None:
        log.warning("ORCID refused the token of %s on %s; reconnect needed", orcid, env)
        accounts.set_needs_reconnect(env, orcid)

    return OrcidClient(
        settings,
        orcid,
        token.access_token,
        http=http,
        on_invalid_token=invalid,
        owner_client_id=owner,
        renew_token=renew,
        **client_options,  # type: ignore[arg-type]
    )


@dataclass(frozen=True, slots=True)
class SignOut:
    """What signing out did: ``revoked`` at ORCID or not, and a sentence saying so."""

    orcid: str
    revoked: bool
    message: str


def sign_out(
    settings: Settings,
    orcid: str,
    *,
    store: TokenStore | None = None,
    accounts: AccountsIndex | None = None,
    http: httpx.Client | None = None,
) -> SignOut:
    """Revoke the sign-in at ORCID, then forget it here — even if revoking failed (and say so)."""
    from claimdesk.auth import oauth

    store = store or TokenStore()
    accounts = accounts or AccountsIndex()
    env = settings.env
    problem = None
    try:
        token = store.load(env, orcid)
    except KeyringError as err:
        # The token may still be in the keyring: neither revoke nor delete is possible, so
        # forgetting the account here would leave a live token behind that nobody knows of.
        raise KeyringError(
            f"Cannot sign out {orcid} on {env}: {err.message}",
            hint="nothing was changed; unlock or install the keyring, then sign out again",
        ) from None
    revoked = False
    if token is not None:
        own_http = http is None
        client = http or oauth.new_http(settings)
        try:
            oauth.revoke(settings, client, token.access_token)
            revoked = True
        except ClaimdeskError as err:
            problem = err.message
        finally:
            if own_http:
                client.close()
    elif problem is None:
        problem = "no stored token was found"
    try:
        store.delete(env, orcid)
    except KeyringError as err:
        problem = (problem + "; " if problem else "") + f"removing it from the keyring: {err}"
    known = accounts.remove(env, orcid)
    if revoked and problem is None:
        message = f"Signed out {orcid} on {env}: revoked at ORCID and removed from this computer."
    else:
        why = (problem or "").rstrip(".")
        message = (
            f"Signed out {orcid} on {env} on this computer, but it was not revoked at ORCID "
            f"({why}). Remove claimdesk under Trusted parties in your ORCID account "
            "settings to revoke it there."
        )
    if not known and token is None:
        message = f"{orcid} was not signed in on {env}; nothing to remove."
    return SignOut(orcid=orcid, revoked=revoked, message=message)
