"""The sandbox's OAuth and discovery endpoints over :class:`~claimdesk.sandbox.oauth.Auth`.

``/oauth/authorize`` (GET: sign-in + consent page; POST: the user's answer, redirected back with
``code``+``state`` or ``error``), ``/oauth/token`` (authorization_code, refresh_token,
client_credentials), ``/oauth/revoke`` and ``/.well-known/openid-configuration``.
"""

from __future__ import annotations

import base64
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from claimdesk.sandbox.http import Request, Response, Route, escape
from claimdesk.sandbox.oauth import (
    ALL_SCOPES,
    CODE_LIFETIME,
    MEMBER_SCOPES,
    Auth,
    AuthCode,
    Client,
    Token,
    pkce_challenge,
    redirect_matches,
)
from claimdesk.sandbox.store import Store


def routes(auth: Auth, store: Store, base_url: Callable[[], str]) -> list[Route]:
    """The OAuth and discovery endpoints."""
    endpoints = _OAuthEndpoints(auth, store, base_url)
    return [
        Route("GET", r"/oauth/authorize", endpoints.authorize_page),
        Route("POST", r"/oauth/authorize", endpoints.authorize_submit),
        Route("POST", r"/oauth/token", endpoints.token),
        Route("POST", r"/oauth/revoke", endpoints.revoke),
        Route("GET", r"/\.well-known/openid-configuration", endpoints.discovery),
    ]


@dataclass(frozen=True, slots=True)
class _AuthorizeRequest:
    client: Client
    redirect_uri: str
    scopes: tuple[str, ...]
    state: str | None
    challenge: str | None
    method: str | None


class _Invalid(Exception):
    """A request the page cannot redirect back for (bad client or redirect URI)."""


class _RedirectError(Exception):
    """An error the client learns through its redirect URI."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error
        self.description = description


class _OAuthEndpoints:
    def __init__(self, auth: Auth, store: Store, base_url: Callable[[], str]) -> None:
        self.auth = auth
        self.store = store
        self.base_url = base_url

    # -- /oauth/authorize --------------------------------------------------------------------

    def _parse(self, fields: dict[str, str]) -> _AuthorizeRequest:
        """Validate in ORCID's order: the client and redirect first (page), then the rest."""
        client = self.auth.clients.get(fields.get("client_id", ""))
        if client is None:
            raise _Invalid("The client_id is not registered with this ORCID sandbox.")
        redirect_uri = fields.get("redirect_uri", "")
        if not redirect_uri:
            raise _Invalid("The request has no redirect_uri.")
        if not redirect_matches(redirect_uri, client.redirect_uris):
            raise _Invalid("Redirect URI doesn't match your registered redirect URIs.")
        state = fields.get("state") or None
        if fields.get("response_type") != "code":
            raise _RedirectError(
                "unsupported_response_type", "Only response_type=code is supported."
            )
        scopes = tuple(s for s in fields.get("scope", "").replace("+", " ").split() if s)
        if not scopes:
            raise _RedirectError("invalid_scope", "No scope was requested.")
        unknown = [s for s in scopes if s not in ALL_SCOPES]
        if unknown:
            raise _RedirectError("invalid_scope", f"Invalid scope: {' '.join(unknown)}")
        if not client.member and any(s in MEMBER_SCOPES for s in scopes):
            raise _RedirectError(
                "invalid_scope",
                "Invalid scope: member API scopes cannot be used with public API clients.",
            )
        challenge = fields.get("code_challenge") or None
        method = fields.get("code_challenge_method") or ("plain" if challenge else None)
        if not self.auth.pkce:
            challenge = method = None
        elif challenge and method != "S256":
            raise _RedirectError("invalid_request", "Only code_challenge_method=S256 is supported.")
        return _AuthorizeRequest(client, redirect_uri, scopes, state, challenge, method)

    def authorize_page(self, request: Request) -> Response:
        fields = {k: v[0] for k, v in request.query.items()}
        try:
            req = self._parse(fields)
        except _Invalid as err:
            return _error_page(str(err))
        except _RedirectError as err:
            return _redirect_error(fields.get("redirect_uri", ""), err, fields.get("state"))
        return Response.html(self._consent_page(req, fields))

    def authorize_submit(self, request: Request) -> Response:
        fields = request.form()
        try:
            req = self._parse(fields)
        except _Invalid as err:
            return _error_page(str(err))
        except _RedirectError as err:
            return _redirect_error(fields.get("redirect_uri", ""), err, fields.get("state"))
        if fields.get("action") != "authorize":
            return _redirect_error(
                req.redirect_uri,
                _RedirectError("access_denied", "User denied access"),
                req.state,
            )
        orcid = fields.get("orcid", "")
        if self.store.researcher(orcid) is None:
            return _error_page("Choose one of the researchers to sign in as.", status=400)
        code = self.auth.new_code(
            AuthCode(
                req.client.client_id,
                orcid,
                req.redirect_uri,
                req.scopes,
                req.challenge,
                time.time() + CODE_LIFETIME,
            )
        )
        params = {"code": code}
        if req.state is not None:
            params["state"] = req.state
        return Response.redirect(_add_query(req.redirect_uri, params))

    def _consent_page(self, req: _AuthorizeRequest, fields: dict[str, str]) -> str:
        hidden = "".join(
            f'<input type="hidden" name="{escape(name)}" value="{escape(fields[name])}">'
            for name in (
                "client_id",
                "response_type",
                "scope",
                "redirect_uri",
                "state",
                "code_challenge",
                "code_challenge_method",
                "nonce",
            )
            if name in fields
        )
        people = self.store.researchers()
        choices = "".join(
            f'<li><label><input type="radio" name="orcid" value="{escape(p.orcid)}"'
            f"{' checked' if i == 0 else ''}> {escape(p.name)} "
            f"<code>{escape(p.orcid)}</code></label></li>"
            for i, p in enumerate(people)
        )
        scopes = "".join(f"<li><code>{escape(s)}</code></li>" for s in req.scopes)
        return (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            "<title>Sign in to the ORCID sandbox</title></head><body>"
            "<h1>Sign in to the claimdesk ORCID sandbox</h1>"
            '<form method="post" action="/oauth/authorize">'
            f"<p><strong>{escape(req.client.name)}</strong> "
            f"(<code>{escape(req.client.client_id)}</code>) asks for access to your ORCID record:</p>"
            f"<ul>{scopes}</ul>"
            f"<fieldset><legend>Sign in as</legend><ul>{choices}</ul></fieldset>"
            f"{hidden}"
            '<button type="submit" name="action" value="authorize" id="authorize">Authorize access'
            "</button> "
            '<button type="submit" name="action" value="deny" id="deny">Deny access</button>'
            "</form></body></html>"
        )

    # -- /oauth/token ------------------------------------------------------------------------

    def _client(self, request: Request, fields: dict[str, str]) -> Client | None:
        header = request.headers.get("Authorization") or ""
        if header.lower().startswith("basic "):
            try:
                decoded = base64.b64decode(header[6:].strip()).decode("utf-8")
            except ValueError:
                return None
            client_id, _, secret = decoded.partition(":")
            return self.auth.authenticate(unquote(client_id), unquote(secret))
        return self.auth.authenticate(fields.get("client_id"), fields.get("client_secret"))

    def token(self, request: Request) -> Response:
        fields = request.form()
        client = self._client(request, fields)
        if client is None:
            return _oauth_error("invalid_client", "Client authentication failed.", 401)
        grant = fields.get("grant_type", "")
        if grant == "authorization_code":
            return self._code_grant(client, fields)
        if grant == "refresh_token":
            return self._refresh_grant(client, fields)
        if grant == "client_credentials":
            scopes = tuple(fields.get("scope", "/read-public").split()) or ("/read-public",)
            allowed = {("/read-public",)}
            if client.client_id in self.auth.premium:
                allowed.add(("/premium-notification",))
            if scopes not in allowed:
                return _oauth_error(
                    "invalid_scope",
                    "client_credentials gives /read-public only"
                    + (", or /premium-notification" if len(allowed) > 1 else "")
                    + ".",
                    400,
                )
            return self._token_response(self.auth.issue_token(None, client.client_id, scopes))
        return _oauth_error(
            "unsupported_grant_type", f"Unsupported grant type: {grant or '(none)'}", 400
        )

    def _code_grant(self, client: Client, fields: dict[str, str]) -> Response:
        value = fields.get("code", "")
        code = self.auth.take_code(value)
        if code is None or code.client_id != client.client_id or time.time() > code.expires_at:
            return _oauth_error("invalid_grant", f"Invalid authorization code: {value}", 400)
        if fields.get("redirect_uri") != code.redirect_uri:
            return _oauth_error(
                "invalid_grant", "Redirect URI doesn't match your registered redirect URIs.", 400
            )
        if code.challenge is not None:
            verifier = fields.get("code_verifier", "")
            if not verifier or not secrets.compare_digest(pkce_challenge(verifier), code.challenge):
                return _oauth_error("invalid_grant", "PKCE verification failed.", 400)
        token = self.auth.issue_token(code.orcid, client.client_id, code.scopes)
        return self._token_response(token)

    def _refresh_grant(self, client: Client, fields: dict[str, str]) -> Response:
        old = self.auth.by_refresh_token(fields.get("refresh_token", ""))
        if old is None or old.client_id != client.client_id or old.revoked:
            return _oauth_error("invalid_grant", "Invalid refresh token.", 400)
        scopes = tuple(fields.get("scope", "").split()) or old.scopes
        if not set(scopes) <= set(old.scopes):
            return _oauth_error("invalid_scope", "The scope must be a subset of the original.", 400)
        expires_in = fields.get("expires_in")
        lifetime = float(expires_in) if expires_in and expires_in.isdigit() else None
        if fields.get("revoke_old", "").lower() == "true":
            self.auth.revoke(old.access_token)
        token = self.auth.issue_token(old.orcid, client.client_id, scopes, expires_in=lifetime)
        return self._token_response(token)

    def _token_response(self, token: Token) -> Response:
        person = self.store.researcher(token.orcid) if token.orcid else None
        return Response.json(
            {
                "access_token": token.access_token,
                "token_type": "bearer",
                "refresh_token": token.refresh_token,
                "expires_in": max(0, int(token.expires_at - time.time())),
                "scope": " ".join(token.scopes),
                "name": person.name if person else None,
                "orcid": token.orcid,
            },
            headers={"Cache-Control": "no-store", "Pragma": "no-cache"},
        )

    # -- /oauth/revoke, discovery ------------------------------------------------------------

    def revoke(self, request: Request) -> Response:
        fields = request.form()
        client = self._client(request, fields)
        if client is None:
            return _oauth_error("invalid_client", "Client authentication failed.", 401)
        value = fields.get("token", "")
        token = self.auth.token(value) or self.auth.by_refresh_token(value)
        if token is not None and token.client_id != client.client_id:
            return _oauth_error("invalid_request", "The token was not issued to this client.", 400)
        self.auth.revoke(value)  # unknown tokens: 200 all the same (RFC 7009)
        return Response(200)

    def discovery(self, request: Request) -> Response:
        base = self.base_url()
        doc: dict[str, object] = {
            "issuer": base,
            "authorization_endpoint": f"{base}/oauth/authorize",
            "token_endpoint": f"{base}/oauth/token",
            "revocation_endpoint": f"{base}/oauth/revoke",
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials"],
            "scopes_supported": sorted(ALL_SCOPES),
            "subject_types_supported": ["public"],
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
        }
        if self.auth.pkce:
            doc["code_challenge_methods_supported"] = ["S256"]
        return Response.json(doc)


def _add_query(uri: str, params: dict[str, str]) -> str:
    parts = urlsplit(uri)
    query = parse_qsl(parts.query, keep_blank_values=True) + list(params.items())
    return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote)))


def _redirect_error(redirect_uri: str, err: _RedirectError, state: str | None) -> Response:
    params = {"error": err.error, "error_description": err.description}
    if state:
        params["state"] = state
    return Response.redirect(_add_query(redirect_uri, params))


def _error_page(message: str, status: int = 400) -> Response:
    return Response.html(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>ORCID sandbox: sign-in error</title></head><body>"
        f'<h1>Sign-in error</h1><p id="error">{escape(message)}</p></body></html>',
        status,
    )


def _oauth_error(error: str, description: str, status: int) -> Response:
    return Response.json(
        {"error": error, "error_description": description},
        status,
        {"Cache-Control": "no-store"} if status != 401 else {"WWW-Authenticate": "Basic"},
    )
