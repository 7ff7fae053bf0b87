"""Sign in with ORCID in the system browser: the RFC 8252 loopback authorization-code flow.

``state`` comes from :mod:`secrets`; PKCE S256 is added when the server's discovery document
lists it (ORCID's does not today, the sandbox's does); the one-time code is exchanged at once.
One flow runs at a time in a process. Everything is plain blocking Python: the GUI runs
:meth:`LoopbackFlow.run` on a worker and calls :meth:`LoopbackFlow.cancel` from its Cancel
button; progress arrives through ``on_progress`` (from the worker's thread).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
import threading
import webbrowser
from collections.abc import Callable
from enum import StrEnum
from urllib.parse import urlencode

import httpx

from claimdesk.auth import oauth
from claimdesk.auth.listener import LoopbackListener, SignInCancelled
from claimdesk.auth.tokens import Token
from claimdesk.config import Settings
from claimdesk.errors import AuthError, ClaimdeskError, ConfigError

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 300.0

# One sign-in at a time: two listeners would race for the same registered ports.
_active_lock = threading.Lock()


class Stage(StrEnum):
    """Where a sign-in has got to (for a progress line in the GUI or CLI)."""

    LISTENING = "listening"  # detail: the authorize URL (show it with a copy button)
    BROWSER_OPENED = "browser-opened"
    BROWSER_NOT_OPENED = "browser-not-opened"  # detail: the authorize URL
    EXCHANGING = "exchanging"
    SIGNED_IN = "signed-in"  # detail: the ORCID iD
    FAILED = "failed"  # detail: the reason


ProgressCallback = Callable[[Stage, str], None]


def pkce_pair() -> tuple[str, str]:
    """(verifier, S256 challenge) per RFC 7636, the verifier 43+ characters from secrets."""
    verifier = secrets.token_urlsafe(64)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class LoopbackFlow:
    """One sign-in: ``start()`` → (browser) → ``wait()`` → Token; or just ``run()``."""

    def __init__(
        self,
        settings: Settings,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        http: httpx.Client | None = None,
        on_progress: ProgressCallback | None = None,
        open_browser: Callable[[str], bool] | None = webbrowser.open,
    ) -> None:
        if not settings.client_id:
            raise ConfigError(
                f"No ORCID client id is configured for {settings.env}.",
                hint="set it in the settings, with --client-id, or CLAIMDESK_CLIENT_ID",
            )
        self.settings = settings
        self.timeout = timeout
        self._http = http
        self._own_http = http is None
        self._on_progress = on_progress
        self._open_browser = open_browser
        self._state = secrets.token_urlsafe(32)
        self._verifier: str | None = None
        self._listener: LoopbackListener | None = None
        self._holds_lock = False
        self._cancelled = threading.Event()
        self._used = False
        self._waiting = False
        self._guard = threading.Lock()
        self.authorize_url = ""
        self.redirect_uri = ""

    def _progress(self, stage: Stage, detail: str = "") -> None:
        if self._on_progress is not None:
            try:
                self._on_progress(stage, detail)
            except Exception:  # a broken progress callback must not break the sign-in
                log.exception("sign-in progress callback failed")

    @property
    def http(self) -> httpx.Client:
        """The HTTP client for discovery and the token endpoint."""
        if self._http is None:
            self._http = oauth.new_http(self.settings)
        return self._http

    def start(self) -> str:
        """Listen on the first free registered port and build the authorize URL (returned).

        Raises AuthError when another sign-in is running or no registered port is free.
        """
        if self._used:
            raise AuthError("This sign-in was already started; start a new one.")
        if not _active_lock.acquire(blocking=False):
            raise AuthError("Another sign-in is already in progress; finish or cancel it first.")
        self._used = self._holds_lock = True
        try:
            if self._cancelled.is_set():
                raise SignInCancelled("Sign-in cancelled.")
            doc = oauth.discover(self.settings, self.http)
            use_pkce = "S256" in (doc.get("code_challenge_methods_supported") or ())
            listener = LoopbackListener(self.settings.redirect_uris, self._state)
            redirect_uri = listener.start()
            with self._guard:
                cancelled = self._cancelled.is_set()
                if not cancelled:
                    self._listener = listener
            if cancelled:  # cancel() came while we were binding
                listener.close()
                raise SignInCancelled("Sign-in cancelled.")
            self.redirect_uri = redirect_uri
            params = {
                "client_id": self.settings.client_id or "",
                "response_type": "code",
                "scope": " ".join(self.settings.scopes),
                "redirect_uri": self.redirect_uri,
                "state": self._state,
            }
            if use_pkce:
                self._verifier, params["code_challenge"] = pkce_pair()
                params["code_challenge_method"] = "S256"
            self.authorize_url = f"{self.settings.endpoints.authorize_url}?{urlencode(params)}"
        except BaseException:
            self._release()
            raise
        self._progress(Stage.LISTENING, self.authorize_url)
        return self.authorize_url

    def open_browser(self) -> bool:
        """Open the authorize URL in the system browser; False if none opened (show the URL)."""
        opened = False
        if self._open_browser is not None:
            try:
                opened = bool(self._open_browser(self.authorize_url))
            except Exception as err:
                log.info("the browser could not be opened: %s", type(err).__name__)
        self._progress(
            Stage.BROWSER_OPENED if opened else Stage.BROWSER_NOT_OPENED, self.authorize_url
        )
        return opened

    def wait(self) -> Token:
        """Wait for the browser, exchange the code once, and return the token.

        Raises SignInCancelled, SignInTimedOut, SignInDenied or another AuthError; the listener
        is closed in every case.
        """
        with self._guard:
            listener = self._listener
            if self._cancelled.is_set():
                raise SignInCancelled("Sign-in cancelled.")
            if listener is None or not self._holds_lock:
                raise AuthError("The sign-in was not started, or was closed.")
            self._waiting = True
        try:
            callback = listener.wait(self.timeout)
            if self._cancelled.is_set():
                raise SignInCancelled("Sign-in cancelled.")
            self._progress(Stage.EXCHANGING)
            assert callback.code is not None
            try:
                token = oauth.exchange_code(
                    self.settings,
                    self.http,
                    code=callback.code,
                    redirect_uri=self.redirect_uri,
                    code_verifier=self._verifier,
                )
            except AuthError as err:
                listener.finish(False, err.message)
                raise
            except Exception:
                listener.finish(False, "claimdesk could not finish the sign-in.")
                raise
            if self._cancelled.is_set():
                listener.finish(False, "The sign-in was cancelled in claimdesk.")
                self._revoke_quietly(token)
                raise SignInCancelled("Sign-in cancelled.")
            who = f"{token.name} ({token.orcid})" if token.name else token.orcid
            listener.finish(
                True, f"Signed in as {who}. You can close this tab and return to claimdesk."
            )
            self._progress(Stage.SIGNED_IN, token.orcid)
            return token
        except ClaimdeskError as err:
            self._progress(Stage.FAILED, str(err))
            raise
        finally:
            self.close()

    def run(self) -> Token:
        """start(), open the browser, wait(): the whole sign-in."""
        self.start()
        self.open_browser()
        return self.wait()

    def cancel(self) -> None:
        """Stop the sign-in from any thread, at any moment; the waiting call raises."""
        self._cancelled.set()
        with self._guard:
            listener, waiting = self._listener, self._waiting
        if listener is not None:
            listener.cancel()
            if not waiting:
                self.close()

    def close(self) -> None:
        """Close the listener and let another sign-in start (idempotent)."""
        with self._guard:
            listener, self._listener = self._listener, None
            self._waiting = False
        if listener is not None:
            listener.close()
        self._release()

    def _revoke_quietly(self, token: Token) -> None:
        try:
            oauth.revoke(self.settings, self.http, token.access_token)
        except Exception as err:
            log.info("could not revoke the token of a cancelled sign-in: %s", type(err).__name__)

    def _release(self) -> None:
        with self._guard:
            held, self._holds_lock = self._holds_lock, False
        if held:
            _active_lock.release()
        if self._own_http and self._http is not None:
            self._http.close()
            self._http = None
