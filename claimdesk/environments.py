"""ORCID's environments (production, sandbox, a local claimdesk sandbox) and their endpoints.

Pure data: nothing is read here. :mod:`claimdesk.config` picks one from the settings layers.
"""

from __future__ import annotations

from dataclasses import dataclass

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
            "production",
            "https://api.orcid.org/v3.0",
            "https://pub.orcid.org/v3.0",
            "https://orcid.org",
            "https://orcid.org",
            "https://api.datacite.org",
            "https://api.crossref.org",
        )
    if env == "sandbox":
        return Endpoints(
            "sandbox",
            "https://api.sandbox.orcid.org/v3.0",
            "https://pub.sandbox.orcid.org/v3.0",
            "https://sandbox.orcid.org",
            "https://sandbox.orcid.org",
            "https://api.test.datacite.org",
            "https://api.crossref.org",
        )
    if env == "local":
        if not base_url:
            raise ConfigError(
                "The local environment needs a base URL.",
                hint="pass --base-url http://127.0.0.1:PORT (printed by 'claimdesk sandbox')",
            )
        from claimdesk.urls import check_http_url

        check_http_url(
            base_url,
            "The base URL",
            hint="pass --base-url http://127.0.0.1:PORT (printed by 'claimdesk sandbox')",
        )
        return local_endpoints(base_url)
    raise ConfigError(f"Unknown environment {env!r}; use one of {', '.join(ENVIRONMENTS)}.")


def local_endpoints(base_url: str) -> Endpoints:
    """Endpoints of a claimdesk sandbox: every service under one base URL (see sandbox/server.py)."""
    base = base_url.rstrip("/")
    return Endpoints(
        "local",
        f"{base}/v3.0",
        f"{base}/pub/v3.0",
        base,
        base,
        f"{base}/datacite",
        f"{base}/crossref",
    )
