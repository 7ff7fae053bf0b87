"""Settings: one environment's endpoints, client and options, from every layer.

Layers, lowest first: built-in defaults, the site file, the user's file, ``CLAIMDESK_*``
variables, command-line flags. The environments are :mod:`claimdesk.environments`, the files
and directories :mod:`claimdesk.config_files`; the client secret in the keyring is looked up by
:mod:`claimdesk.auth.client_secret`, never here. Nothing is read at import time.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from claimdesk.config_files import (
    CLAIM_KEYS,
    CONFIG_FILE_NAME,
    ENV_KEYS,
    MAX_TIMEOUT,
    TOP_KEYS,
    Paths,
    claim_options,
    file_layer,
    paths,
    read_config_file,
    save_user_settings,
    site_config_candidates,
    site_config_file,
    split_list,
    user_config_file,
)
from claimdesk.environments import (
    DEFAULT_REDIRECT_URIS,
    DEFAULT_SCOPES,
    ENVIRONMENTS,
    Endpoints,
    endpoints_for,
    local_endpoints,
)
from claimdesk.errors import ConfigError

__all__ = [
    "CLAIM_KEYS",
    "CONFIG_FILE_NAME",
    "DEFAULT_REDIRECT_URIS",
    "DEFAULT_SCOPES",
    "ENVIRONMENTS",
    "ENV_KEYS",
    "MAX_TIMEOUT",
    "TOP_KEYS",
    "Endpoints",
    "Paths",
    "Settings",
    "claim_options",
    "endpoints_for",
    "load_settings",
    "local_endpoints",
    "paths",
    "read_config_file",
    "save_user_settings",
    "settings_from_args",
    "site_config_candidates",
    "site_config_file",
    "user_config_file",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a command needs to talk to one environment. The secret never prints."""

    endpoints: Endpoints
    client_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)
    redirect_uris: tuple[str, ...] = DEFAULT_REDIRECT_URIS
    scopes: tuple[str, ...] = DEFAULT_SCOPES
    #: e-mail for Crossref's polite pool
    mailto: str | None = None
    timeout: float = 30.0
    #: True while the keyring has not been asked for the client secret:
    #: ``claimdesk.auth.client_secret.with_secret`` asks it where the secret is needed.
    secret_pending: bool = field(default=False, repr=False, compare=False)

    @property
    def env(self) -> str:
        """Name of the environment."""
        return self.endpoints.name


# --- layered configuration -------------------------------------------------------------------
#
# Lowest to highest: built-in defaults, the site file an institution ships, the user's file,
# CLAIMDESK_* environment variables, command-line flags. A file looks like
#
#     env = "sandbox"                 # default environment
#     mailto = "me@example.org"
#     [sandbox]
#     client_id = "APP-XXXXXXXXXXXXXXXX"
#     redirect_ports = [8765, 8766]   # or redirect_uris = ["http://127.0.0.1:8765/callback"]
#     scopes = ["/read-limited", "/activities/update"]
#     [local]
#     base_url = "http://127.0.0.1:9000"
#
# The client secret comes from the keyring (the settings dialog stores it there) or from the site
# file's environment table; a client_secret in the user's file is ignored, never echoed.


def _environment_layer() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("client_id", "base_url", "mailto"):
        value = os.environ.get(f"CLAIMDESK_{key.upper()}")
        if value:
            out[key] = value
    if os.environ.get("CLAIMDESK_REDIRECT_URIS"):
        out["redirect_uris"] = split_list(os.environ["CLAIMDESK_REDIRECT_URIS"])
    if os.environ.get("CLAIMDESK_SCOPES"):
        out["scopes"] = split_list(os.environ["CLAIMDESK_SCOPES"])
    if os.environ.get("CLAIMDESK_TIMEOUT"):
        out["timeout"] = os.environ["CLAIMDESK_TIMEOUT"]
    return out


def load_settings(
    *,
    env: str | None = None,
    base_url: str | None = None,
    client_id: str | None = None,
    client_secret: str | None = None,
    redirect_uris: Sequence[str] | None = None,
    scopes: Sequence[str] | None = None,
) -> Settings:
    """Settings for one environment from every layer; explicit arguments (flags) win.

    Layers, lowest first: built-in defaults, site file, user file, ``CLAIMDESK_*`` variables,
    arguments. The client secret: argument, else (once ``auth.client_secret.with_secret`` asked
    the keyring) the keyring, else the site file.
    """
    site_path = site_config_file()
    site = read_config_file(site_path) if site_path else {}
    user_path = user_config_file()
    user = read_config_file(user_path)
    environ = _environment_layer()

    env = (
        env
        or os.environ.get("CLAIMDESK_ENV")
        or ("local" if base_url or environ.get("base_url") else None)
        or user.get("env")
        or site.get("env")
        or "production"
    )
    if env not in ENVIRONMENTS:
        raise ConfigError(f"Unknown environment {env!r}; use one of {', '.join(ENVIRONMENTS)}.")

    merged: dict[str, Any] = {}
    if site_path:
        merged.update(file_layer(site, env, str(site_path), secrets_ok=True))
    merged.update(file_layer(user, env, str(user_path), secrets_ok=False))
    merged.update(environ)
    flags = {
        "base_url": base_url,
        "client_id": client_id,
        "redirect_uris": tuple(redirect_uris) if redirect_uris else None,
        "scopes": tuple(scopes) if scopes else None,
    }
    merged.update({k: v for k, v in flags.items() if v})

    try:
        timeout = float(merged.get("timeout", 30.0))
    except (TypeError, ValueError, OverflowError):
        timeout = -1.0
    if not 0 < timeout <= MAX_TIMEOUT:  # also refuses nan and inf
        raise ConfigError(
            f"timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT:g}, "
            f"not {merged['timeout']!r}."
        )
    from claimdesk.urls import check_mailto

    cid = merged.get("client_id")
    # The keyring comes before the site file: auth.client_secret.with_secret looks there.
    pending = client_secret is None and bool(cid)
    secret = client_secret if client_secret is not None else merged.get("client_secret")
    return Settings(
        endpoints=endpoints_for(env, merged.get("base_url")),
        client_id=cid,
        client_secret=secret,
        redirect_uris=merged.get("redirect_uris", DEFAULT_REDIRECT_URIS),
        scopes=merged.get("scopes", DEFAULT_SCOPES),
        mailto=check_mailto(merged.get("mailto")),
        timeout=timeout,
        secret_pending=pending,
    )


def settings_from_args(args: object) -> Settings:
    """Settings for a parsed command line (``--env``, ``--base-url``, ``--client-id``); the
    keyring's client secret is looked up later (``auth.client_secret``)."""
    return load_settings(
        env=getattr(args, "env", None),
        base_url=getattr(args, "base_url", None),
        client_id=getattr(args, "client_id", None),
    )
