"""Where sign-ins are kept: the OS keyring, or this process's memory when the user chooses so.

One keyring entry per environment and ORCID iD: service ``claimdesk:<env>``, username the iD,
value a JSON blob (access and refresh token, name, scopes, expiry). The client secret, when the
settings dialog stores it, sits under the same service with username ``client-secret:<client id>``.
Nothing secret is ever written to a file; when no keyring works the caller is told why and may
keep the token in memory for this session only.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from claimdesk.auth.keyring_advice import (
    is_storing_nothing,
    secret_file_hint,
    turned_off_by,
    what_to_do,
)
from claimdesk.auth.redact import register_secret
from claimdesk.errors import KeyringError

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE_PREFIX = "claimdesk"
CLIENT_SECRET_USER = "client-secret:"
#: Seconds before the recorded expiry at which a token already counts as expired.
EXPIRY_LEEWAY = 60.0


@dataclass(frozen=True, slots=True)
class Token:
    """An ORCID sign-in as the token endpoint returned it (secrets hidden from repr)."""

    orcid: str
    access_token: str = field(repr=False)
    refresh_token: str | None = field(default=None, repr=False)
    name: str | None = None
    scopes: tuple[str, ...] = ()
    #: seconds since the epoch; None when the server did not say
    expires_at: float | None = None
    obtained_at: float = 0.0
    token_type: str = "bearer"

    def expired(self, now: float | None = None) -> bool:
        """True when the access token is past (or within a minute of) its expiry."""
        if self.expires_at is None:
            return False
        return (now if now is not None else time.time()) >= self.expires_at - EXPIRY_LEEWAY

    def to_json(self) -> str:
        """The keyring value."""
        data = asdict(self)
        data["scopes"] = list(self.scopes)
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Token:
        """Read a keyring value written by :meth:`to_json`."""
        data: dict[str, Any] = json.loads(text)
        data["scopes"] = tuple(data.get("scopes") or ())
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})

    @classmethod
    def from_response(cls, body: dict[str, Any], *, now: float | None = None) -> Token:
        """A token from the token endpoint's JSON (``orcid`` and ``name`` are ORCID's extras)."""
        now = time.time() if now is None else now
        expires_in = body.get("expires_in")
        scope = body.get("scope") or ""
        token = cls(
            orcid=str(body.get("orcid") or ""),
            access_token=str(body["access_token"]),
            refresh_token=body.get("refresh_token") or None,
            name=body.get("name") or None,
            scopes=tuple(scope.split()) if isinstance(scope, str) else tuple(scope),
            expires_at=now + float(expires_in) if expires_in is not None else None,
            obtained_at=now,
            token_type=str(body.get("token_type") or "bearer"),
        )
        token.register_secrets()
        return token

    def register_secrets(self) -> None:
        """Tell the log redactor about this token's secret strings."""
        register_secret(self.access_token)
        if self.refresh_token:
            register_secret(self.refresh_token)


def service_name(env: str) -> str:
    """The keyring service for one environment."""
    return f"{SERVICE_PREFIX}:{env}"


# --- backends --------------------------------------------------------------------------------


def frozen_backend() -> KeyringBackend | None:
    """The platform's keyring, chosen explicitly for a frozen (PyInstaller) app.

    keyring finds backends through package entry points, which a frozen app may not carry
    (jaraco/keyring#324), so a frozen claimdesk names the backend itself.
    """
    if sys.platform == "win32":
        from keyring.backends import Windows

        return Windows.WinVaultKeyring()
    if sys.platform == "darwin":
        from keyring.backends import macOS

        return macOS.Keyring()
    from keyring.backends import SecretService

    return SecretService.Keyring()


def default_backend() -> KeyringBackend:
    """The keyring in use: ``keyring``'s choice, or the explicit one when frozen."""
    import keyring

    global _frozen_selected
    if getattr(sys, "frozen", False) and not _frozen_selected and not _env_names_backend():
        _frozen_selected = True
        try:
            chosen = frozen_backend()
            if chosen is not None:
                keyring.set_keyring(chosen)
        except Exception as err:  # an absent platform library: keep keyring's own answer
            log.warning("could not select the platform keyring explicitly: %s", err)
    return keyring.get_keyring()


_frozen_selected = False


def _env_names_backend() -> bool:
    import os

    return bool(os.environ.get("PYTHON_KEYRING_BACKEND"))


def backend_label(backend: KeyringBackend) -> str:
    """A person-readable name: 'Secret Service (keyring.backends.SecretService.Keyring)'."""
    cls = type(backend)
    name = getattr(backend, "name", None) or cls.__name__
    return f"{name} ({cls.__module__}.{cls.__qualname__})"


def diagnose() -> str:
    """Why no usable keyring was found, in one line: the setting that turned it off, else what
    each platform backend said."""
    forced = turned_off_by()
    if forced:
        return f"{forced} chooses a backend that stores nothing"
    reasons = []
    candidates: list[tuple[str, Callable[[], Any]]] = []
    if sys.platform.startswith("linux") or sys.platform.startswith("freebsd"):

        def secret_service() -> Any:
            from keyring.backends import SecretService

            return SecretService.Keyring.priority

        def kwallet() -> Any:
            from keyring.backends import kwallet

            return kwallet.DBusKeyring.priority

        candidates = [("Secret Service", secret_service), ("KWallet", kwallet)]
    for label, probe in candidates:
        try:
            probe()
        except Exception as err:
            reasons.append(f"{label}: {err}")
    return "; ".join(reasons) or "keyring found no backend for this system"


def _keyring_problem(backend: KeyringBackend, err: BaseException | None = None) -> str:
    if is_storing_nothing(backend):
        return f"No usable keyring was found ({diagnose()})."
    detail = f"{type(err).__name__}: {err}" if err else "it refused the request"
    if type(err).__name__ in ("KeyringLocked", "LockedException"):
        detail = f"the keyring is locked ({err})"
    return f"The keyring {backend_label(backend)} could not be used: {detail}."


SESSION_HINT = "keep the sign-in for this session only, or unlock or install a keyring"


def _unusable(backend: KeyringBackend, err: BaseException | None = None) -> KeyringError:
    """The KeyringError for a keyring that cannot be used, saying what to do about it."""
    remedy = what_to_do(backend, err)
    return KeyringError(
        _keyring_problem(backend, err),
        hint=f"{remedy}; or keep the sign-in for this session only",
        remedy=remedy,
    )


class TokenNotSavedError(KeyringError):
    """The keyring refused a new token; nothing was stored.

    To keep it anyway, save it again with ``TokenStore(session_only=True)`` (memory only, gone
    when claimdesk exits) — only after the user chose that.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message, hint=SESSION_HINT)


# --- the store -------------------------------------------------------------------------------


class _SessionTokens:
    """Tokens the user chose to keep in memory only; they end with the process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokens: dict[tuple[str, str], Token] = {}

    def get(self, env: str, orcid: str) -> Token | None:
        with self._lock:
            return self._tokens.get((env, orcid))

    def put(self, env: str, token: Token) -> None:
        with self._lock:
            self._tokens[(env, token.orcid)] = token

    def pop(self, env: str, orcid: str) -> Token | None:
        with self._lock:
            return self._tokens.pop((env, orcid), None)

    def clear(self) -> None:
        with self._lock:
            self._tokens.clear()


#: Process-wide: a session-only sign-in must be visible to every TokenStore of this process.
SESSION_TOKENS = _SessionTokens()


class TokenStore:
    """Tokens by environment and ORCID iD, in the OS keyring (or memory, if chosen)."""

    def __init__(
        self, backend: KeyringBackend | None = None, *, session_only: bool = False
    ) -> None:
        self._backend = backend
        self.session_only = session_only
        # keyring backends are not all thread-safe (Vorta guards them the same way)
        self._lock = threading.Lock()

    @property
    def backend(self) -> KeyringBackend:
        """The keyring backend (chosen on first use)."""
        if self._backend is None:
            self._backend = default_backend()
        return self._backend

    def describe(self) -> str:
        """Where tokens go, for the user: the keyring's name or 'this session only'."""
        if self.session_only:
            return "this session only (memory)"
        return backend_label(self.backend)

    def check(self) -> None:
        """Raise KeyringError naming the problem unless the keyring can store and read a value."""
        if self.session_only:
            return
        backend = self.backend
        if is_storing_nothing(backend):
            raise _unusable(backend)
        try:
            with self._lock:
                backend.get_password(service_name("probe"), "probe")
        except Exception as err:
            raise _unusable(backend, err) from None

    def save(self, env: str, token: Token) -> None:
        """Keep ``token``; TokenNotSavedError when the keyring refuses (offer session-only)."""
        if not token.orcid:
            raise ValueError("a token without an ORCID iD cannot be stored")
        token.register_secrets()
        if self.session_only:
            SESSION_TOKENS.put(env, token)
            return
        backend = self.backend
        if is_storing_nothing(backend):
            raise TokenNotSavedError(_keyring_problem(backend))
        try:
            with self._lock:
                backend.set_password(service_name(env), token.orcid, token.to_json())
        except Exception as err:
            raise TokenNotSavedError(_keyring_problem(backend, err)) from None
        # a fresh keyring entry replaces any session-only one
        SESSION_TOKENS.pop(env, token.orcid)

    def load(self, env: str, orcid: str) -> Token | None:
        """The stored token, or None; KeyringError when the keyring cannot be read."""
        held = SESSION_TOKENS.get(env, orcid)
        if held is not None or self.session_only:
            return held
        backend = self.backend
        if is_storing_nothing(backend):
            raise _unusable(backend)
        try:
            with self._lock:
                text = backend.get_password(service_name(env), orcid)
        except Exception as err:
            raise _unusable(backend, err) from None
        if not text:
            return None
        try:
            token = Token.from_json(text)
        except (ValueError, TypeError, KeyError):
            log.warning("ignoring an unreadable keyring entry for %s on %s", orcid, env)
            return None
        token.register_secrets()
        return token

    def delete(self, env: str, orcid: str) -> None:
        """Forget the token (memory and keyring); missing entries are fine."""
        SESSION_TOKENS.pop(env, orcid)
        if self.session_only:
            return
        backend = self.backend
        if is_storing_nothing(backend):
            return
        import keyring.errors

        try:
            with self._lock:
                backend.delete_password(service_name(env), orcid)
        except keyring.errors.PasswordDeleteError:
            pass
        except Exception as err:
            raise KeyringError(_keyring_problem(backend, err)) from None


# --- client secret (settings dialog) ---------------------------------------------------------


def load_client_secret(env: str, client_id: str) -> str | None:
    """The client secret the settings dialog stored, or None (also when no keyring works)."""
    try:
        backend = default_backend()
        if is_storing_nothing(backend):
            return None
        secret = backend.get_password(service_name(env), CLIENT_SECRET_USER + client_id)
    except Exception as err:
        log.info("client secret not read from the keyring: %s", type(err).__name__)
        return None
    if secret:
        register_secret(secret)
    return secret or None


def save_client_secret(env: str, client_id: str, secret: str) -> None:
    """Store the client secret in the keyring; KeyringError when that is impossible."""
    register_secret(secret)
    backend = default_backend()
    error: BaseException | None = None
    if not is_storing_nothing(backend):
        try:
            backend.set_password(service_name(env), CLIENT_SECRET_USER + client_id, secret)
            return
        except Exception as err:
            error = err
    remedy = what_to_do(backend, error)
    raise KeyringError(
        _keyring_problem(backend, error),
        hint=f"{remedy}; or {secret_file_hint(env)}",
        remedy=remedy,
    )


def delete_client_secret(env: str, client_id: str) -> None:
    """Remove a stored client secret; a missing one is fine."""
    backend = default_backend()
    if is_storing_nothing(backend):
        return
    try:
        backend.delete_password(service_name(env), CLIENT_SECRET_USER + client_id)
    except Exception as err:
        log.info("client secret not deleted: %s", type(err).__name__)
