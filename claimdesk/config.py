"""Environments (production, sandbox, local), settings and the user's directories.

Nothing is read or created at import time: call :func:`paths` and :func:`load_settings` when
needed. ``CLAIMDESK_HOME`` puts every directory under one folder (tests and portable installs).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from claimdesk.errors import ConfigError

ENVIRONMENTS = ("production", "sandbox", "local")
DEFAULT_REDIRECT_URIS = (
    "http://127.0.0.1:8765/callback",
    "http://127.0.0.1:8766/callback",
    "http://127.0.0.1:8767/callback",
)
DEFAULT_SCOPES = ("/read-limited", "/activities/update")


@dataclass(frozen=True, slots=True)
class Endpoints:
    """Base URLs of one environment. ``api``/``pub`` end in ``/v3.0``."""

    name: str
    api: str  # Member API, e.g. https://api.orcid.org/v3.0
    pub: str  # Public API, e.g. https://pub.orcid.org/v3.0
    oauth: str  # host serving /oauth/authorize, /oauth/token, /oauth/revoke, /.well-known/…
    site: str  # the ORCID website, for links to records
    datacite: str  # DataCite REST API (serves /dois)
    crossref: str  # Crossref REST API (serves /works)

    @property
    def authorize_url(self) -> str:
        """Where the browser goes to sign in."""
        return self.oauth + "/oauth/authorize"

    @property
    def token_url(self) -> str:
        """Token endpoint (code exchange, refresh, client credentials)."""
        return self.oauth + "/oauth/token"

    @property
    def revoke_url(self) -> str:
        """Token revocation endpoint."""
        return self.oauth + "/oauth/revoke"

    @property
    def discovery_url(self) -> str:
        """OpenID Connect discovery document."""
        return self.oauth + "/.well-known/openid-configuration"


def endpoints_for(env: str, base_url: str | None = None) -> Endpoints:
    """The endpoints of ``production``, ``sandbox`` or a ``local`` claimdesk sandbox at ``base_url``."""
    if env == "production":
        return Endpoints(
            "production", "https://api.orcid.org/v3.0", "https://pub.orcid.org/v3.0",
            "https://orcid.org", "https://orcid.org", "https://api.datacite.org",
            "https://api.crossref.org",
        )
    if env == "sandbox":
        return Endpoints(
            "sandbox", "https://api.sandbox.orcid.org/v3.0", "https://pub.sandbox.orcid.org/v3.0",
            "https://sandbox.orcid.org", "https://sandbox.orcid.org",
            "https://api.test.datacite.org", "https://api.crossref.org",
        )
    if env == "local":
        if not base_url:
            raise ConfigError(
                "The local environment needs a base URL.",
                hint="pass --base-url http://127.0.0.1:PORT (printed by 'claimdesk sandbox')",
            )
        return local_endpoints(base_url)
    raise ConfigError(f"Unknown environment {env!r}; use one of {', '.join(ENVIRONMENTS)}.")


def local_endpoints(base_url: str) -> Endpoints:
    """Endpoints of a claimdesk sandbox: every service under one base URL (see sandbox/server.py)."""
    base = base_url.rstrip("/")
    return Endpoints(
        "local", f"{base}/v3.0", f"{base}/pub/v3.0", base, base, f"{base}/datacite",
        f"{base}/crossref",
    )


@dataclass(frozen=True, slots=True)
class Paths:
    """Per-user directories (platformdirs), or all under ``CLAIMDESK_HOME`` when it is set."""

    config_dir: Path
    data_dir: Path
    cache_dir: Path
    log_dir: Path

    def ensure(self) -> Paths:
        """Create the directories (called by commands that write, never at import)."""
        for p in (self.config_dir, self.data_dir, self.cache_dir, self.log_dir):
            p.mkdir(parents=True, exist_ok=True)
        return self


def paths() -> Paths:
    """The directories claimdesk uses for settings, the accounts index, journal, cache and logs."""
    home = os.environ.get("CLAIMDESK_HOME")
    if home:
        root = Path(home)
        return Paths(root / "config", root / "data", root / "cache", root / "log")
    import platformdirs

    return Paths(
        Path(platformdirs.user_config_dir("claimdesk", appauthor=False)),
        Path(platformdirs.user_data_dir("claimdesk", appauthor=False)),
        Path(platformdirs.user_cache_dir("claimdesk", appauthor=False)),
        Path(platformdirs.user_log_dir("claimdesk", appauthor=False)),
    )


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

    @property
    def env(self) -> str:
        """Name of the environment."""
        return self.endpoints.name


def load_settings(
    *,
    env: str | None = None,
    base_url: str | None = None,
    client_id: str | None = None,
    client_secret: str | None = None,
) -> Settings:
    """Settings for one environment, explicit arguments winning over ``CLAIMDESK_*`` variables.

    (The layered sources — built-in defaults, site file, user file, environment, flags — are
    assembled here; see the README's configuration section.)
    """
    env = env or os.environ.get("CLAIMDESK_ENV") or ("local" if base_url else "production")
    base_url = base_url or os.environ.get("CLAIMDESK_BASE_URL")
    return Settings(
        endpoints=endpoints_for(env, base_url),
        client_id=client_id or os.environ.get("CLAIMDESK_CLIENT_ID"),
        client_secret=client_secret,
        mailto=os.environ.get("CLAIMDESK_MAILTO"),
    )


def settings_from_args(args: object) -> Settings:
    """Settings for a parsed command line (``--env``, ``--base-url``, ``--client-id``)."""
    return load_settings(
        env=getattr(args, "env", None),
        base_url=getattr(args, "base_url", None),
        client_id=getattr(args, "client_id", None),
    )
