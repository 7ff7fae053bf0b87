"""The one way to open an ORCID client for a record, for the CLI and the GUI alike.

The token comes from, in order: a token handed over directly (the demo's, issued by its own
sandbox), the variable ``--token-env`` names, ``CLAIMDESK_TOKEN``, else the stored sign-in
(keyring or this session's memory, renewed when expired).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from claimdesk.errors import ConfigError, KeyringError

if TYPE_CHECKING:
    from claimdesk.config import Settings
    from claimdesk.orcid.client import OrcidClient

#: The variable scripts put an access token in (the CLI reads it before the stored sign-in).
TOKEN_VARIABLE = "CLAIMDESK_TOKEN"


def record_orcid(settings: Settings, given: str | None) -> str:
    """The ORCID iD to work on: ``given`` (``--orcid``), else the current signed-in account."""
    from claimdesk.orcid.ids import normalize_orcid

    if given:
        orcid = normalize_orcid(given)
        if orcid is None:
            raise ConfigError(f"{given!r} is not a valid ORCID iD.")
        return orcid
    from claimdesk.auth.accounts import AccountsIndex

    account = AccountsIndex().current(settings.env)
    if account is None:
        raise ConfigError(
            "No ORCID record chosen.", hint="pass --orcid ID, or sign in with 'claimdesk login'"
        )
    return account.orcid


def open_record_client(
    settings: Settings,
    orcid: str,
    *,
    token: str | None = None,
    token_env: str | None = None,
    from_environment: bool = True,
    **client_options: object,
) -> OrcidClient:
    """A works client for ``orcid``: ``token``, else ``$token_env``, else CLAIMDESK_TOKEN
    (unless ``from_environment`` is False, as in the desktop app), else the stored sign-in."""
    from claimdesk.orcid.client import OrcidClient

    if token is None and token_env:
        token = os.environ.get(token_env)
        if not token:
            raise ConfigError(f"The variable {token_env} holds no ORCID access token.")
    if token is None and from_environment:
        token = os.environ.get(TOKEN_VARIABLE) or None
    if token is not None:
        from claimdesk.auth.redact import register_secret

        register_secret(token)  # even httpcore's debug log of a 401 quotes it
        return OrcidClient(settings, orcid, token, **client_options)  # type: ignore[arg-type]
    from claimdesk.auth.session import open_client

    try:
        return open_client(settings, orcid, **client_options)  # type: ignore[arg-type]
    except KeyringError as err:  # its hint is the desktop app's "session only" option
        raise KeyringError(
            err.message,
            hint=f"unlock or install a keyring, or give an access token in {TOKEN_VARIABLE}",
        ) from None


def owner_settings(settings: Settings, client: OrcidClient) -> Settings:
    """``settings`` with the client id that obtained ``client``'s sign-in.

    Claim status, reconciling and the ownership guard then agree with the token that writes,
    whatever ``--client-id`` says now (a mistyped one would make claimdesk's own works look
    like another source's, and their claims be sent again).
    """
    from dataclasses import replace

    owner = client.owner_client_id
    return (
        settings if not owner or owner == settings.client_id else replace(settings, client_id=owner)
    )
