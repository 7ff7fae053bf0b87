"""The sandbox's OAuth state: registered clients, pending codes and issued tokens.

The endpoints live in :mod:`claimdesk.sandbox.oauth_endpoints`: ``/oauth/authorize`` shows a
sign-in + consent page for the seeded researchers (form field ``orcid``, buttons ``authorize`` /
``deny``) and redirects with ``code``+``state`` or ``error=access_denied``; a bad client or
redirect URI gets an HTML error page, never a redirect. ``/oauth/token`` does authorization_code
(client_secret_post or HTTP Basic, single-use codes bound to client and redirect URI, PKCE S256
when a challenge was sent), refresh_token and client_credentials (``/read-public``).
``/oauth/revoke`` revokes an access or refresh token (and its pair). Redirect URIs match like
ORCID's: scheme, host and port exact, path prefix (reference/orcid-api.md §5). :class:`Auth` is
also what the API handlers ask about tokens.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

#: ORCID's "about 20 years" (reference/orcid-api.md §5.1).
DEFAULT_TOKEN_LIFETIME = 631_138_518
CODE_LIFETIME = 600
MEMBER_SCOPES = frozenset({"/read-limited", "/activities/update", "/person/update"})
PUBLIC_SCOPES = frozenset({"/authenticate", "openid", "/read-public"})
ALL_SCOPES = MEMBER_SCOPES | PUBLIC_SCOPES
_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True, slots=True)
class Client:
    """A registered API client (member or public)."""

    client_id: str
    secret: str = field(repr=False)
    name: str
    redirect_uris: tuple[str, ...] = ()
    member: bool = True


@dataclass(slots=True)
class Token:
    """An access token with its refresh token. ``orcid`` is None for client-credentials tokens."""

    access_token: str
    refresh_token: str
    client_id: str
    orcid: str | None
    scopes: tuple[str, ...]
    expires_at: float
    revoked: bool = False

    @property
    def expired(self) -> bool:
        """Whether the token's lifetime is over."""
        return time.time() >= self.expires_at


@dataclass(slots=True)
class AuthCode:
    """What the consent page granted, waiting to be exchanged at the token endpoint."""

    client_id: str
    orcid: str
    redirect_uri: str
    scopes: tuple[str, ...]
    challenge: str | None
    expires_at: float


class TokenProblem(Exception):
    """A bearer token the API must refuse with 401 ``invalid_token``."""


def redirect_matches(requested: str, registered: Iterable[str]) -> bool:
    """ORCID's rule: scheme, host and port equal; the requested path starts with the registered one.

    A client with no registered URI accepts any (as ORCID's sandbox does).
    """
    registered = list(registered)
    if not registered:
        return True
    try:
        want = urlsplit(requested)
        want_port = want.port or _DEFAULT_PORTS.get(want.scheme)
    except ValueError:
        return False
    if want.scheme not in _DEFAULT_PORTS or not want.hostname or want.fragment:
        return False
    for uri in registered:
        have = urlsplit(uri)
        if (
            have.scheme == want.scheme
            and have.hostname == want.hostname
            and (have.port or _DEFAULT_PORTS.get(have.scheme)) == want_port
            and _path_prefix(have.path, want.path)
        ):
            return True
    return False


def _path_prefix(registered: str, requested: str) -> bool:
    base = registered.rstrip("/")
    return not base or requested == base or requested.startswith(base + "/")


def pkce_challenge(verifier: str) -> str:
    """The S256 code challenge of a PKCE verifier (RFC 7636)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class Auth:
    """Registered clients, pending codes and issued tokens. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.clients: dict[str, Client] = {}
        self._codes: dict[str, AuthCode] = {}
        self._tokens: dict[str, Token] = {}
        self._refresh: dict[str, Token] = {}
        #: lifetime in seconds of tokens issued from now on
        self.token_lifetime: float = DEFAULT_TOKEN_LIFETIME
        #: advertise and verify PKCE S256 (ORCID itself does not; see reference §5.4)
        self.pkce = True
        #: clients ORCID has enabled for /premium-notification (inbox notifications)
        self.premium: set[str] = set()

    def register_client(
        self,
        client_id: str,
        secret: str,
        name: str,
        redirect_uris: Iterable[str] = (),
        member: bool = True,
    ) -> Client:
        """Register (or replace) an API client."""
        client = Client(client_id, secret, name, tuple(redirect_uris), member)
        with self._lock:
            self.clients[client_id] = client
        return client

    def authenticate(self, client_id: str | None, secret: str | None) -> Client | None:
        """The client if ``secret`` is right, else None (compared in constant time)."""
        client = self.clients.get(client_id or "")
        if client is None or secret is None:
            return None
        return client if secrets.compare_digest(client.secret, secret) else None

    def issue_token(
        self,
        orcid: str | None,
        client_id: str,
        scopes: Iterable[str] = ("/read-limited", "/activities/update"),
        expires_in: float | None = None,
    ) -> Token:
        """A new access + refresh token pair."""
        if client_id not in self.clients:
            raise ValueError(f"unknown client {client_id!r}")
        lifetime = self.token_lifetime if expires_in is None else expires_in
        token = Token(
            access_token=secrets.token_hex(16),
            refresh_token=secrets.token_hex(16),
            client_id=client_id,
            orcid=orcid,
            scopes=tuple(scopes),
            expires_at=time.time() + lifetime,
        )
        with self._lock:
            self._tokens[token.access_token] = token
            self._refresh[token.refresh_token] = token
        return token

    def revoke(self, token: str) -> bool:
        """Revoke an access or refresh token; the pair goes together. False if unknown."""
        with self._lock:
            found = self._tokens.get(token) or self._refresh.get(token)
            if found is None:
                return False
            found.revoked = True
            return True

    def revoke_for(self, orcid: str, client_id: str) -> int:
        """Revoke every token ``orcid`` gave ``client_id`` (Trusted parties → remove)."""
        with self._lock:
            found = [
                t
                for t in self._tokens.values()
                if t.orcid == orcid and t.client_id == client_id and not t.revoked
            ]
            for token in found:
                token.revoked = True
        return len(found)

    def trusted_parties(self, orcid: str) -> list[str]:
        """Client ids holding an unrevoked token for ``orcid``."""
        with self._lock:
            return sorted(
                {t.client_id for t in self._tokens.values() if t.orcid == orcid and not t.revoked}
            )

    def token(self, access_token: str) -> Token | None:
        """The token record for an access token, revoked or not."""
        with self._lock:
            return self._tokens.get(access_token)

    def check_bearer(self, authorization: str | None, *, allow_revoked: bool = False) -> Token:
        """The valid token named by an ``Authorization: Bearer …`` header, or TokenProblem."""
        value = (authorization or "").strip()
        if not value.lower().startswith("bearer "):
            raise TokenProblem("Full authentication is required to access this resource")
        access = value[7:].strip()
        token = self.token(access)
        if token is None:
            raise TokenProblem(f"Invalid access token: {access}")
        if token.revoked and not allow_revoked:
            raise TokenProblem(f"Invalid access token: {access}")
        if token.expired:
            raise TokenProblem(f"Access token expired: {access}")
        return token

    def new_code(self, code: AuthCode) -> str:
        """Store an authorization code; returns its (six-character) value."""
        value = secrets.token_urlsafe(6)[:6]
        with self._lock:
            while value in self._codes:
                value = secrets.token_urlsafe(6)[:6]
            self._codes[value] = code
        return value

    def take_code(self, value: str) -> AuthCode | None:
        """Remove and return a code: codes are single-use even when the exchange fails."""
        with self._lock:
            return self._codes.pop(value, None)

    def by_refresh_token(self, value: str) -> Token | None:
        """The token pair a refresh token belongs to."""
        with self._lock:
            return self._refresh.get(value)
