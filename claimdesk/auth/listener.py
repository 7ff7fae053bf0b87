"""The loopback listener that receives ORCID's redirect after sign-in (RFC 8252 §7.3).

It binds 127.0.0.1 only, on the first free port of the registered redirect URIs (ORCID matches
the port exactly, so no other port would do). It answers ``GET`` on the callback path only;
anything else (favicon, prefetch, another path) gets a 404 and the flow goes on.

Only an answer carrying this sign-in's ``state`` can end the flow (with its code, or with its
``error=…``). An answer whose ``state`` is wrong or missing — ``error=access_denied`` without a
state included — could come from any web page or local process, so it gets an error page and is
otherwise ignored: the flow goes on until the matching answer, a cancel or the timeout (whose
message then mentions the ignored error, in case it was ORCID's). When the browser arrives with
the answer in the URL fragment (ORCID does that for some errors), a tiny page re-sends the
fragment as a query. The browser's request is held open until the flow says how it ended, so
the page tells the truth. A connection reset or dropped by the browser is logged quietly (no
traceback). The socket is closed in every case.
"""

from __future__ import annotations

import errno
import hmac
import logging
import socket
import socketserver
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

from claimdesk.errors import AuthError, ConfigError
from claimdesk.terminal import safe_line

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
#: how long one browser connection may stay silent before it is dropped
CONNECTION_TIMEOUT = 10.0
#: how long the browser's callback request waits for the flow's verdict
VERDICT_TIMEOUT = 60.0


@dataclass(frozen=True, slots=True)
class Callback:
    """What the browser brought back: a code, or an error."""

    code: str | None = field(default=None, repr=False)
    error: str | None = None
    error_description: str | None = None


class SignInCancelled(AuthError):
    """The user cancelled the sign-in."""


class SignInTimedOut(AuthError):
    """Nobody came back from the browser in time."""


class SignInDenied(AuthError):
    """ORCID (or the user, with Deny) refused the sign-in; ``error`` is OAuth's error code."""

    def __init__(self, message: str, *, error: str, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.error = error


def parse_redirect_uri(uri: str) -> tuple[int, str]:
    """(port, path) of a registered loopback redirect URI; ConfigError unless it is one."""
    try:
        parts = urlsplit(uri)
        port = parts.port
    except ValueError:  # "http://[::1", a port beyond 65535
        parts, port = urlsplit(""), None
    if parts.scheme != "http" or parts.hostname != LOOPBACK or not port:
        raise ConfigError(
            f"The redirect URI {uri!r} is not a loopback address claimdesk can listen on.",
            hint="register and configure URIs like http://127.0.0.1:8765/callback",
        )
    return port, parts.path or "/"


def _page(title: str, message: str, *, ok: bool) -> bytes:
    colour = "#2e7d32" if ok else "#b71c1c"
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head>"
        '<body style="font-family:sans-serif;max-width:36em;margin:3em auto">'
        f'<h1 style="color:{colour}">{escape(title)}</h1><p id="message">{escape(message)}</p>'
        "</body></html>"
    ).encode()


# Sent when the callback arrives with neither query nor answer: the answer may be in the URL
# fragment, which browsers never send; the script sends it again as a query.
_FRAGMENT_PAGE = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>claimdesk</title></head>'
    '<body><p id="message">Reading the answer from ORCID…</p>'
    "<noscript>ORCID sent no answer claimdesk can read; look at the address bar and try again."
    "</noscript><script>"
    "var h=window.location.hash.slice(1);"
    "if(h){window.location.replace(window.location.pathname+'?'+h);}"
    "else{document.getElementById('message').textContent="
    "'ORCID sent no answer. Return to claimdesk and try again.';}"
    "</script></body></html>"
).encode()


class _Server(socketserver.ThreadingMixIn, HTTPServer):
    daemon_threads = True
    # socketserver's default backlog of 5 lets a burst of connections (a prefetching browser, a
    # local process) delay the real answer by SYN retries; the kernel caps it anyway.
    request_queue_size = 64
    # On Windows SO_REUSEADDR lets another program steal a bound port; never set it there.
    allow_reuse_address = sys.platform != "win32"
    listener: LoopbackListener

    def server_bind(self) -> None:
        # HTTPServer.server_bind resolves the host name (a DNS lookup); not needed here.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = LOOPBACK, self.server_address[1]

    def handle_error(self, request: object, client_address: object) -> None:
        # The default prints a traceback to stderr for every reset or half-sent request: any
        # local process could fill the terminal that way. One quiet line instead.
        error = sys.exc_info()[1]
        log.debug("a connection to the sign-in listener failed: %s", type(error).__name__)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = CONNECTION_TIMEOUT
    server_version = "claimdesk"
    sys_version = ""

    def log_message(self, format: str, *args: object) -> None:
        # The default writes the request line, code included, to stderr: never.
        pass

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        listener = self.server.listener
        if parts.path != listener.path:
            self._send(404, _page("Not found", "Nothing here.", ok=False))
            return
        query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        if "code" not in query and "error" not in query:
            self._send(200, _FRAGMENT_PAGE)
            return
        ok, title, message = listener._receive(query)
        self._send(200 if ok else 400, _page(title, message, ok=ok))

    def _refuse(self) -> None:
        self._send(
            404 if urlsplit(self.path).path != self.server.listener.path else 405,
            _page("Not here", "claimdesk only reads its sign-in answer.", ok=False),
        )

    do_HEAD = _refuse
    do_POST = _refuse
    do_PUT = _refuse
    do_DELETE = _refuse
    do_OPTIONS = _refuse


class LoopbackListener:
    """Waits on 127.0.0.1 for one OAuth redirect carrying ``state``; thread-safe.

    ``start()`` binds; ``wait()`` blocks for the :class:`Callback`; the flow then calls
    ``finish()`` so the browser's page shows the outcome; ``close()`` always.
    """

    def __init__(self, redirect_uris: Sequence[str], state: str) -> None:
        if not redirect_uris:
            raise ConfigError("No redirect URI is configured for signing in.")
        self._candidates = [(uri, *parse_redirect_uri(uri)) for uri in redirect_uris]
        self._state = state
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._arrived = threading.Event()
        self._result: Callback | AuthError | None = None
        self._verdict = threading.Event()
        self._verdict_page: tuple[bool, str, str] = (True, "", "")
        #: the last error answer ignored for want of our state (terminal-safe), for the timeout
        self._ignored_error: str | None = None
        self.redirect_uri = ""
        self.path = "/"
        self.port = 0

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> str:
        """Bind the first free registered port and serve; the redirect URI in use."""
        busy = []
        for uri, port, path in self._candidates:
            try:
                server = _Server((LOOPBACK, port), _Handler, bind_and_activate=True)
            except OSError as err:
                if err.errno in (
                    errno.EADDRINUSE,
                    errno.EACCES,
                    getattr(errno, "WSAEADDRINUSE", -1),
                ):
                    busy.append(str(port))
                    log.info("redirect port %s is busy; trying the next registered one", port)
                    continue
                raise AuthError(f"Cannot listen on {LOOPBACK}:{port}: {err}") from None
            server.listener = self
            self._server = server
            self.redirect_uri, self.port, self.path = uri, port, path
            self._thread = threading.Thread(
                target=server.serve_forever,
                kwargs={"poll_interval": 0.05},
                name=f"claimdesk-oauth-listener-{port}",
                daemon=True,
            )
            self._thread.start()
            log.info("listening for the sign-in answer on %s:%s", LOOPBACK, port)
            return uri
        raise AuthError(
            f"None of the registered redirect ports ({', '.join(busy)}) is free on {LOOPBACK}.",
            hint="close the program using them, or register another port with ORCID and add it "
            "in the settings",
        )

    def wait(self, timeout: float) -> Callback:
        """Block until the browser comes back; raise the AuthError the flow ended with."""
        if not self._arrived.wait(timeout):
            ignored = self._ignored_error
            seen = (
                f" An answer saying “{ignored}” arrived without this sign-in's state and was "
                "ignored."
                if ignored
                else ""
            )
            self._conclude(
                SignInTimedOut(
                    f"No answer came back from the browser within {timeout:g} seconds.{seen}",
                    hint="sign in again; finish the ORCID page sooner",
                )
            )
        result = self._result
        if isinstance(result, AuthError):
            raise result
        assert result is not None
        return result

    def finish(self, ok: bool, message: str) -> None:
        """Tell the waiting browser page how the sign-in ended."""
        title = "Signed in to claimdesk" if ok else "Sign-in failed"
        self._verdict_page = (ok, title, message)
        self._verdict.set()

    def cancel(self) -> None:
        """End the flow now (any thread): ``wait()`` raises SignInCancelled."""
        self._conclude(SignInCancelled("Sign-in cancelled."))
        self.finish(False, "The sign-in was cancelled in claimdesk.")

    def close(self) -> None:
        """Stop serving and close the socket (idempotent)."""
        if not self._verdict.is_set():
            self.finish(False, "claimdesk stopped waiting for this sign-in.")
        with self._lock:
            server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> LoopbackListener:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- called by the handler -------------------------------------------------------------

    def _conclude(self, result: Callback | AuthError) -> bool:
        """Record the first outcome; False if the flow had already ended."""
        with self._lock:
            if self._result is not None:
                return False
            self._result = result
        self._arrived.set()
        return True

    def _receive(self, query: dict[str, str]) -> tuple[bool, str, str]:
        """Judge one callback; returns (ok, title, message) for the page."""
        state = query.get("state")
        state_ok = state is not None and hmac.compare_digest(
            state.encode("utf-8", "replace"), self._state.encode("utf-8")
        )
        if self._result is not None:
            return (
                False,
                "Sign-in already finished",
                "This sign-in has already ended; return to claimdesk.",
            )
        if not state_ok:
            return self._ignore(query, missing=state is None)
        if "error" in query:
            error = query["error"] or "unknown_error"
            description = query.get("error_description") or ""
            if error == "access_denied":
                failure = SignInDenied(
                    "Access was denied on the ORCID page, so claimdesk is not signed in.",
                    error=error,
                    hint="sign in again and choose Authorize",
                )
            else:
                failure = SignInDenied(
                    f"ORCID refused the sign-in: {safe_line(error)}"
                    + (f" ({safe_line(description)})" if description else ""),
                    error=error,
                )
            self._conclude(failure)
            return False, "Sign-in failed", failure.message
        if not self._conclude(Callback(code=query["code"])):
            return False, "Sign-in already finished", "This sign-in has already ended."
        if not self._verdict.wait(VERDICT_TIMEOUT):
            return True, "Answer received", "claimdesk received ORCID's answer; return to it."
        return self._verdict_page

    def _ignore(self, query: dict[str, str], *, missing: bool) -> tuple[bool, str, str]:
        """The page for an answer without this sign-in's state: refused, and the flow goes on."""
        why = "carries no state" if missing else "carries another sign-in's state"
        error = query.get("error")
        if error is not None:
            said = safe_line(error[:100] or "unknown_error")
            description = safe_line(query.get("error_description", "")[:300])
            if description:
                said += f" ({description})"
            self._ignored_error = said
            log.info("ignored a sign-in error answer that %s: %s", why, said)
            return (
                False,
                "Answer ignored",
                f"This page reports “{said}”, but the answer {why}, so claimdesk cannot tell "
                "that it belongs to the sign-in it started, and is still waiting. If you meant "
                "to stop, cancel the sign-in in claimdesk; otherwise finish it in the tab "
                "claimdesk opened.",
            )
        log.info("ignored a sign-in answer that %s", why)
        return (
            False,
            "Answer ignored",
            f"This answer {why}, so it does not belong to the sign-in claimdesk started and "
            "was ignored (state mismatch); claimdesk is still waiting. Finish the sign-in in "
            "the tab claimdesk opened, or cancel it in claimdesk.",
        )


def free_loopback_ports(count: int) -> list[int]:
    """``count`` distinct ports free on 127.0.0.1 right now (self-test and tests' redirect URIs).

    The sockets are held together until all are bound, so the ports differ.
    """
    sockets: list[socket.socket] = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sockets.append(s)
            s.bind((LOOPBACK, 0))
        return [int(s.getsockname()[1]) for s in sockets]
    finally:
        for s in sockets:
            s.close()


def port_is_free(port: int) -> bool:
    """Whether 127.0.0.1:``port`` can be bound now (by the listener, which reuses addresses)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        if _Server.allow_reuse_address:  # a port in TIME_WAIT after a sign-in is free to it
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((LOOPBACK, port))
        except OSError:
            return False
    return True
