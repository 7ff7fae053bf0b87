"""The worker-side steps of a sign-in: settings, the browser, and what happens to a refused token.

Split from ``sign_in_dialog`` so the dialog module holds only widgets; nothing here imports Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from claimdesk.auth.client_secret import load_settings
from claimdesk.auth.tokens import Token
from claimdesk.config import Settings

#: How the dialog reads settings for an environment (a parameter, so tests can pass their own).
SettingsFor = Callable[[str, str | None], Settings]


def open_in_browser(url: str) -> bool:
    """``webbrowser.open``, imported when a sign-in first needs it (not with the window)."""
    import webbrowser

    return webbrowser.open(url)


def default_settings_for(env: str, base_url: str | None) -> Settings:
    """Settings for ``env`` from every configuration layer (reads files and the keyring)."""
    return load_settings(env=env, base_url=base_url or None)


@dataclass(frozen=True, slots=True)
class KeyringRefused:
    """The sign-in worked but the keyring would not keep the token (the user decides next)."""

    settings: Settings
    token: Token
    problem: str


def revoke_quietly(settings: Settings, token: Token) -> None:
    """Revoke a token nobody will use (worker thread); failures only mean it expires later."""
    import contextlib

    from claimdesk.auth import oauth
    from claimdesk.errors import ClaimdeskError

    with oauth.new_http(settings) as http, contextlib.suppress(ClaimdeskError):
        oauth.revoke(settings, http, token.access_token)
