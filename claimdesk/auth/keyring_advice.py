"""What to tell a person whose keyring cannot be used: what is wrong, and what to do about it.

A locked keyring, a keyring turned off by a setting and no keyring at all need different
answers, and a missing client secret must be said before the browser opens (ORCID would only
refuse the sign-in at the very end). ``claimdesk login``, the sign-in dialog and Settings all
say it with these words.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from claimdesk.errors import ClaimdeskError, ConfigError, KeyringError

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

    from claimdesk.auth.tokens import TokenStore
    from claimdesk.config import Settings

BACKEND_VARIABLE = "PYTHON_KEYRING_BACKEND"


def turned_off_by() -> str | None:
    """The setting that chose keyring's backend by hand (``PYTHON_KEYRING_BACKEND=…`` or
    keyring's own configuration file), or None when keyring picked one itself."""
    named = os.environ.get(BACKEND_VARIABLE, "").strip()
    if named:
        return f"{BACKEND_VARIABLE}={named}"
    try:
        from keyring.core import load_config
        from keyring.util import platform_

        if load_config() is not None:
            return f"default-keyring in {Path(platform_.config_root()) / 'keyringrc.cfg'}"
    except Exception:  # an unreadable keyringrc is keyring's to report, not ours
        return None
    return None


def is_locked(err: BaseException | None) -> bool:
    """True when ``err`` is a keyring saying it is locked (a Secret Service collection, a
    macOS keychain)."""
    return err is not None and type(err).__name__ in ("KeyringLocked", "LockedException")


def is_storing_nothing(backend: KeyringBackend) -> bool:
    """True for keyring's stand-ins that keep nothing: ``fail`` (refuses) and ``null`` (drops)."""
    from keyring.backends import fail, null

    return isinstance(backend, fail.Keyring | null.Keyring)


def what_to_do(backend: KeyringBackend | None = None, err: BaseException | None = None) -> str:
    """How to make the keyring usable in this situation, as one clause for a hint."""
    if is_locked(err):
        return (
            "unlock the keyring (sign in to the desktop session, or unlock the login keyring "
            "in your keyring manager, such as Passwords and Keys or KWallet), then try again"
        )
    forced = turned_off_by()
    if forced and (backend is None or is_storing_nothing(backend)):
        return f"remove {forced}, which turns the keyring off, or name a working backend there"
    if sys.platform == "darwin":
        return "allow claimdesk to use the login keychain (Keychain Access), then try again"
    if sys.platform == "win32":
        return "sign in to Windows with a user account that has a Credential Manager"
    return (
        "run claimdesk in a desktop session with a Secret Service keyring (GNOME Keyring, "
        "KWallet or KeePassXC) running and unlocked"
    )


def secret_file_hint(env: str) -> str:
    """Where a client secret can go when no keyring can hold it: the site file."""
    from claimdesk.config_files import site_config_candidates, site_config_file

    site = site_config_file()
    if site is None:
        candidates = site_config_candidates()
        where = str(candidates[0]) if candidates else "the file CLAIMDESK_SITE_CONFIG names"
    else:
        where = str(site)
    return f'put client_secret = "…" under [{env}] in the site file {where} (readable by you only)'


def missing_secret(settings: Settings, store: TokenStore) -> ClaimdeskError | None:
    """Why a sign-in cannot work for want of a client secret, to say before the browser opens;
    None when a secret is at hand (or there is no client id to sign in with)."""
    if not settings.client_id or settings.client_secret:
        return None
    where = f"{settings.client_id} on {settings.env}"
    try:
        store.check()
    except KeyringError as err:
        return KeyringError(
            f"The client secret for {where} could not be looked up: {err.message}",
            hint=f"{err.remedy or what_to_do()}; or {secret_file_hint(settings.env)}",
        )
    return ConfigError(
        f"No client secret is configured for {where}.",
        hint="store it in the keyring from Settings or with 'claimdesk login --save-secret', "
        f"or {secret_file_hint(settings.env)}",
    )
