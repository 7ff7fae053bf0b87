"""``claimdesk login`` / ``logout`` / ``accounts``: sign in with ORCID, sign out, list sign-ins."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from claimdesk.commands.arg_types import seconds

if TYPE_CHECKING:
    from claimdesk.config import Settings


def add_login_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``claimdesk login``."""
    parser.add_argument(
        "--no-browser",
        action="store_true",
        help="do not open a browser; print the sign-in URL to open yourself",
    )
    parser.add_argument(
        "--timeout",
        type=seconds(3600),
        default=300.0,
        metavar="S",
        help="give up after S seconds without an answer from the browser (default 300)",
    )
    parser.add_argument(
        "--port-list",
        action="store_true",
        help="list the registered redirect URIs and whether each port is free, then exit",
    )
    parser.add_argument(
        "--save-secret",
        action="store_true",
        help="ask for the ORCID client secret (hidden input, or one line on standard input) and "
        "store it in the OS keyring for this environment's client id before signing in",
    )


def add_logout_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``claimdesk logout``."""
    parser.add_argument(
        "orcid",
        nargs="?",
        metavar="ORCID",
        help="the ORCID iD to sign out (default: the only or current one of the environment)",
    )


def add_accounts_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``claimdesk accounts``."""
    parser.add_argument("--json", action="store_true", help="print the accounts as JSON")


def _print(*parts: object) -> None:
    print(*parts, flush=True)


def run_login(args: argparse.Namespace) -> int:
    """Sign in in the system browser and keep the token in the keyring."""
    from claimdesk.auth.client_secret import settings_from_args
    from claimdesk.auth.flow import LoopbackFlow, Stage
    from claimdesk.auth.keyring_advice import missing_secret
    from claimdesk.auth.listener import parse_redirect_uri, port_is_free
    from claimdesk.auth.session import save_sign_in
    from claimdesk.auth.tokens import TokenStore
    from claimdesk.errors import ClaimdeskError, KeyringError

    settings = settings_from_args(args)
    if args.port_list:
        for uri in settings.redirect_uris:
            port, _ = parse_redirect_uri(uri)
            _print(f"{uri}\t{'free' if port_is_free(port) else 'busy'}")
        return 0
    if args.save_secret:
        settings = _save_secret(settings)
    store = TokenStore()
    # ORCID authenticates the client when it trades the code: without a secret the researcher
    # would go through the ORCID page only to be refused at the end. A locked keyring hides
    # the secret; say that rather than that it is missing.
    missing = missing_secret(settings, store)
    if missing is not None:
        raise missing
    try:
        store.check()  # fail before the browser opens, not after ORCID issued a token
    except KeyringError as err:
        raise KeyringError(
            err.message,
            hint=f"{err.remedy or 'unlock or install a keyring'}; the desktop app can instead "
            "keep a sign-in for its session only, and scripts can pass a token in "
            "CLAIMDESK_TOKEN",
        ) from None

    def progress(stage: Stage, detail: str) -> None:
        if stage is Stage.LISTENING:
            _print(f"Open this address to sign in with ORCID ({settings.env}):\n  {detail}")
        elif stage is Stage.BROWSER_OPENED:
            _print("Waiting for you to finish in the browser… (Ctrl-C cancels)")
        elif stage is Stage.BROWSER_NOT_OPENED:
            _print("No browser opened; open the address above. Waiting… (Ctrl-C cancels)")
        elif stage is Stage.EXCHANGING:
            _print("Answer received; finishing the sign-in…")

    flow = LoopbackFlow(
        settings,
        timeout=args.timeout,
        on_progress=progress,
        open_browser=None if args.no_browser else _browser,
    )
    try:
        token = flow.run()
    except KeyboardInterrupt:
        flow.cancel()
        raise
    try:
        account = save_sign_in(settings, token, store=store)
    except KeyringError:
        # a token nobody can use must not stay valid at ORCID
        import contextlib

        from claimdesk.auth import oauth

        with oauth.new_http(settings) as http, contextlib.suppress(ClaimdeskError):
            oauth.revoke(settings, http, token.access_token)
        raise
    scopes = " ".join(account.scopes) or "(none)"
    _print(f"Signed in as {account.label} on {settings.env} (scopes: {scopes}).")
    _print(f"The token is kept in {store.describe()}.")
    return 0


def _save_secret(settings: Settings) -> Settings:
    """Read the client secret without echoing it and store it in the keyring; the new settings."""
    import dataclasses
    import getpass

    from claimdesk.auth.tokens import save_client_secret
    from claimdesk.errors import ConfigError

    if not settings.client_id:
        raise ConfigError(
            f"No client id is configured on {settings.env}.",
            hint="give --client-id APP-… or set client_id in the settings file",
        )
    prompt = f"Client secret for {settings.client_id} ({settings.env}): "
    secret = getpass.getpass(prompt) if sys.stdin.isatty() else sys.stdin.readline()
    secret = secret.strip()
    if not secret:
        raise ConfigError("No client secret was given; nothing was stored.")
    save_client_secret(settings.env, settings.client_id, secret)
    _print(f"The client secret for {settings.client_id} is stored in the keyring.")
    return dataclasses.replace(settings, client_secret=secret)


def _browser(url: str) -> bool:
    import webbrowser

    return webbrowser.open(url)


def run_logout(args: argparse.Namespace) -> int:
    """Revoke a sign-in at ORCID and forget it here."""
    from claimdesk.auth.accounts import AccountsIndex
    from claimdesk.auth.client_secret import settings_from_args
    from claimdesk.auth.session import sign_out
    from claimdesk.errors import AuthError
    from claimdesk.orcid.ids import normalize_orcid

    settings = settings_from_args(args)
    accounts = AccountsIndex()
    if args.orcid:
        orcid = normalize_orcid(args.orcid)
        if orcid is None:
            raise AuthError(f"{args.orcid!r} is not a valid ORCID iD.")
    else:
        here = accounts.all(settings.env)
        current = accounts.current(settings.env)
        if len(here) == 1:
            orcid = here[0].orcid
        elif current is not None:
            orcid = current.orcid
        elif not here:
            raise AuthError(f"Nobody is signed in on {settings.env}.")
        else:
            raise AuthError(
                f"Several accounts are signed in on {settings.env}; name one: "
                + ", ".join(a.orcid for a in here)
            )
    result = sign_out(settings, orcid, accounts=accounts)
    print(result.message, file=sys.stdout if result.revoked else sys.stderr)
    return 0


def run_accounts(args: argparse.Namespace) -> int:
    """List the stored sign-ins (from the accounts index; no token is read)."""
    import json
    from dataclasses import asdict

    from claimdesk.auth.accounts import AccountsIndex

    index = AccountsIndex()
    accounts = index.all(getattr(args, "env", None))
    if args.json:
        _print(json.dumps([asdict(a) for a in accounts], indent=2))
        return 0
    if not accounts:
        _print("No accounts are signed in. Sign in with: claimdesk login")
        return 0
    for account in accounts:
        current = index.current(account.env)
        mark = "*" if current is not None and current.orcid == account.orcid else " "
        state = "reconnect needed" if account.needs_reconnect else "signed in"
        _print(
            f"{mark} {account.env:<10} {account.orcid}  {account.name or '':<24} {state}, "
            f"since {account.signed_in_at}  [{' '.join(account.scopes)}]"
        )
    return 0
