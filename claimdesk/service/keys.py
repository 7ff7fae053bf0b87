"""The service's secrets at rest: the master key, token encryption, signed states, API keys.

The master key comes from ``CLAIMDESK_SERVICE_KEY`` or a key file (created 0600 on first start
when neither exists) — never from the database, so a copied database alone reveals no token.
Two keys are derived from it with HKDF: one encrypts tokens (Fernet: AES-128-CBC + HMAC-SHA256),
one seals the OAuth ``state`` (Fernet too, whose timestamp gives the flow its expiry). API keys
are random 32-byte strings stored as SHA-256 digests: they are long and random, so a plain digest
is as good as a slow password hash and lets a request be checked in microseconds.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import secrets
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from claimdesk.auth.redact import register_secret
from claimdesk.errors import ConfigError

log = logging.getLogger(__name__)

KEY_ENV = "CLAIMDESK_SERVICE_KEY"
KEY_FILE_NAME = "service.key"
API_KEY_PREFIX = "cdk_"


def default_key_file() -> Path:
    """``service.key`` in claimdesk's config folder."""
    from claimdesk.config import paths

    return paths().ensure().config_dir / KEY_FILE_NAME


def new_master_key() -> str:
    """A fresh master key, as text (what ``CLAIMDESK_SERVICE_KEY`` or the key file holds)."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii")


def load_master_key(key_file: Path | None = None, *, create: bool = True) -> bytes:
    """The master key: from the environment, else the key file (created if ``create``)."""
    text = os.environ.get(KEY_ENV, "").strip()
    where = KEY_ENV
    if not text:
        path = key_file or default_key_file()
        where = str(path)
        if not path.exists():
            if not create:
                raise ConfigError(f"No service key: {KEY_ENV} is unset and {path} does not exist.")
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(new_master_key() + "\n")
            log.warning("created a new service key in %s: back it up; tokens need it", path)
        text = path.read_text(encoding="utf-8").strip()
    try:
        key = base64.urlsafe_b64decode(text.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        key = b""
    if len(key) < 32:
        raise ConfigError(
            f"The service key in {where} is not a 32-byte url-safe base64 key.",
            hint="create one with: python -c 'import secrets,base64;"
            "print(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())'",
        )
    return key


def _derive(master: bytes, purpose: bytes) -> Fernet:
    raw = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(master)
    return Fernet(base64.urlsafe_b64encode(raw))


class Keys:
    """Encrypts tokens and seals states with keys derived from one master key."""

    def __init__(self, master: bytes) -> None:
        self._tokens = _derive(master, b"claimdesk-service tokens v1")
        self._states = _derive(master, b"claimdesk-service oauth-state v1")

    def encrypt(self, secret: str) -> str:
        """A token, encrypted for the database."""
        return self._tokens.encrypt(secret.encode("utf-8")).decode("ascii")

    def decrypt(self, sealed: str) -> str:
        """The token back; ConfigError when the key is not the one it was encrypted with."""
        try:
            value = self._tokens.decrypt(sealed.encode("ascii")).decode("utf-8")
        except InvalidToken:
            raise ConfigError(
                "A stored token cannot be decrypted: the service key is not the one it was "
                "stored with.",
                hint=f"start the service with the original key ({KEY_ENV} or the key file)",
            ) from None
        register_secret(value)
        return value

    def seal_state(self, nonce: str) -> str:
        """The OAuth ``state`` for a flow: the nonce, encrypted and authenticated."""
        return self._states.encrypt(nonce.encode("ascii")).decode("ascii")

    def open_state(self, state: str, max_age: int) -> str | None:
        """The nonce of a state this service made less than ``max_age`` seconds ago, else None."""
        try:
            return self._states.decrypt(state.encode("ascii"), ttl=max_age).decode("ascii")
        except (InvalidToken, UnicodeError, ValueError):
            return None

    def csrf_token(self, nonce: str) -> str:
        """A form's CSRF token bound to the browser's cookie ``nonce`` (double submit, signed)."""
        return self._states.encrypt(b"csrf:" + nonce.encode("ascii")).decode("ascii")

    def check_csrf(self, token: str, nonce: str, max_age: int = 3600) -> bool:
        """Whether ``token`` was made by :meth:`csrf_token` for ``nonce`` within ``max_age``."""
        try:
            value = self._states.decrypt(token.encode("ascii"), ttl=max_age)
        except (InvalidToken, UnicodeError, ValueError):
            return False
        return hmac.compare_digest(value, b"csrf:" + nonce.encode("ascii"))


def new_api_key() -> str:
    """A new curator API key (shown once; only its digest is stored)."""
    return API_KEY_PREFIX + secrets.token_urlsafe(32)


def api_key_digest(key: str) -> str:
    """The stored form of an API key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
