"""ORCID's token endpoint: exchange a code, refresh a token, revoke one; read discovery.

Client authentication is ``client_secret_post`` (what ORCID documents and its discovery lists)
when a secret is configured, else the ``client_id`` alone (a public client using PKCE). Every
failure becomes an :class:`~claimdesk.errors.AuthError` or ``TransportError`` whose text holds
no code, token or secret.
"""

from __future__ import annotations

import logging
from typing import Any

import httpx

from claimdesk.auth.redact import redact, register_secret
from claimdesk.auth.tokens import Token
from claimdesk.config import Settings
from claimdesk.errors import AuthError, ConfigError, TransportError
from claimdesk.http_policy import ORCID_OAUTH, policy_client

log = logging.getLogger(__name__)


class TokenEndpointError(AuthError):
    """The token or revoke endpoint refused; ``error`` is OAuth's code (``invalid_grant`` …)."""

    def __init__(self, message: str, *, error: str | None, status: int, hint: str | None = None):
        super().__init__(message, hint=hint)
        self.error = error
        self.status = status


def new_http(settings: Settings) -> httpx.Client:
    """An httpx client for the OAuth endpoints: 429/503 are retried (ORCID did nothing), a
    token request that may have reached ORCID is not (the code is single-use)."""
    return policy_client(
        ORCID_OAUTH, timeout=settings.timeout, headers={"Accept": "application/json"}
    )


def _client_fields(settings: Settings) -> dict[str, str]:
    if not settings.client_id:
        raise ConfigError(
            f"No ORCID client id is configured for {settings.env}.",
            hint="set it in the settings, with --client-id, or CLAIMDESK_CLIENT_ID",
        )
    fields = {"client_id": settings.client_id}
    from claimdesk.auth.client_secret import with_secret

    settings = with_secret(settings)  # the GUI starts without it (token requests run on workers)
    if settings.client_secret:
        register_secret(settings.client_secret)
        fields["client_secret"] = settings.client_secret
    return fields


def _post(http: httpx.Client, url: str, data: dict[str, str], what: str) -> httpx.Response:
    try:
        return http.post(url, data=data, headers={"Accept": "application/json"})
    except httpx.HTTPError as err:
        raise TransportError(f"Could not reach ORCID to {what}: {redact(str(err))}") from None


def _refusal(response: httpx.Response, what: str) -> TokenEndpointError:
    error = description = None
    try:
        body = response.json()
        if isinstance(body, dict):
            error = body.get("error")
            description = body.get("error_description")
    except ValueError:
        pass
    detail = redact(f"{error}: {description}" if description else str(error or "no details"))
    detail = detail.rstrip(".")  # it goes inside "(…)." below
    hint = None
    if response.status_code == 401 or error == "invalid_client":
        hint = "check the client id and secret in the settings"
    return TokenEndpointError(
        f"ORCID refused to {what} (HTTP {response.status_code}, {detail}).",
        error=error,
        status=response.status_code,
        hint=hint,
    )


def _token(response: httpx.Response, what: str) -> Token:
    if response.status_code != 200:
        raise _refusal(response, what)
    try:
        body: dict[str, Any] = response.json()
        token = Token.from_response(body)
    except (ValueError, KeyError, TypeError):
        raise AuthError(f"ORCID's answer to {what} was not a token.") from None
    if not token.orcid:
        raise AuthError(f"ORCID's answer to {what} did not say which ORCID iD signed in.")
    return token


def discover(settings: Settings, http: httpx.Client) -> dict[str, Any]:
    """The OpenID discovery document, or {} when the server has none or cannot be read.

    A server that cannot be reached at all raises TransportError: the browser would find
    nothing there either, so the sign-in says so before sending anyone to it.
    """
    try:
        response = http.get(settings.endpoints.discovery_url)
    except (httpx.ConnectError, httpx.ConnectTimeout) as err:
        host = httpx.URL(settings.endpoints.oauth).netloc.decode("ascii", "replace")
        raise TransportError(
            f"Nothing answers at {host} ({settings.env}), so there is no ORCID sign-in page to "
            "open.",
            hint="check the address (for a claimdesk sandbox: is 'claimdesk sandbox' running?) "
            "and the network",
        ) from err
    try:
        if response.status_code == 200:
            doc = response.json()
            return doc if isinstance(doc, dict) else {}
        log.info("no discovery document (HTTP %s); PKCE not used", response.status_code)
    except (httpx.HTTPError, ValueError) as err:
        log.info("discovery document unreadable (%s); PKCE not used", type(err).__name__)
    return {}


def exchange_code(
    settings: Settings,
    http: httpx.Client,
    *,
    code: str,
    redirect_uri: str,
    code_verifier: str | None = None,
) -> Token:
    """Trade the one-time authorization code for a token (done once, at once)."""
    register_secret(code)
    data = {
        **_client_fields(settings),
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
    }
    if code_verifier:
        data["code_verifier"] = code_verifier
    return _token(
        _post(http, settings.endpoints.token_url, data, "finish the sign-in"),
        "finish the sign-in",
    )


def refresh(settings: Settings, http: httpx.Client, token: Token) -> Token:
    """A new access token from ``token``'s refresh token (iD and name carried over)."""
    if not token.refresh_token:
        raise AuthError("The sign-in has expired and cannot be renewed; sign in again.")
    data = {
        **_client_fields(settings),
        "grant_type": "refresh_token",
        "refresh_token": token.refresh_token,
    }
    fresh = _token(
        _post(http, settings.endpoints.token_url, data, "renew the sign-in"), "renew the sign-in"
    )
    if fresh.orcid != token.orcid:
        raise AuthError("ORCID renewed the sign-in for a different ORCID iD; sign in again.")
    if fresh.refresh_token is None or fresh.name is None:
        from dataclasses import replace

        fresh = replace(
            fresh,
            refresh_token=fresh.refresh_token or token.refresh_token,
            name=fresh.name or token.name,
        )
    return fresh


def revoke(settings: Settings, http: httpx.Client, token_value: str) -> None:
    """Revoke an access or refresh token at ORCID (its pair goes with it)."""
    data = {**_client_fields(settings), "token": token_value}
    response = _post(http, settings.endpoints.revoke_url, data, "revoke the sign-in")
    if response.status_code != 200:
        raise _refusal(response, "revoke the sign-in")
