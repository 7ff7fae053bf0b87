"""The client secret from the OS keyring, looked up where it is needed.

:mod:`claimdesk.config` never touches the keyring: settings come back with
``secret_pending`` set, and :func:`with_secret` asks the keyring (which may be slow or ask to be
unlocked, so the GUI calls it on a worker). The CLI wants the secret at once:
:func:`settings_from_args` and :func:`load_settings` look it up before returning.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from claimdesk import config
from claimdesk.auth.tokens import load_client_secret
from claimdesk.config import Settings


def with_secret(settings: Settings) -> Settings:
    """``settings`` with the keyring's client secret (it wins over the site file's), if the
    keyring was not asked yet; the same settings when it was."""
    if not settings.secret_pending:
        return settings
    secret = load_client_secret(settings.env, settings.client_id) if settings.client_id else None
    return replace(settings, client_secret=secret or settings.client_secret, secret_pending=False)


def load_settings(*, use_keyring: bool = True, **options: Any) -> Settings:
    """:func:`claimdesk.config.load_settings` with the keyring's secret (unless ``use_keyring``
    is False: then it is looked up later by :func:`with_secret`)."""
    settings = config.load_settings(**options)
    return with_secret(settings) if use_keyring else settings


def settings_from_args(args: object, *, use_keyring: bool = True) -> Settings:
    """Settings for a parsed command line, with the keyring's client secret (the CLI's way)."""
    settings = config.settings_from_args(args)
    return with_secret(settings) if use_keyring else settings
