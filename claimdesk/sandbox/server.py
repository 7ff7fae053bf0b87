"""The sandbox: a local ORCID (+ DataCite + Crossref) HTTP server on 127.0.0.1.

``Sandbox(seed="demo", port=0)`` seeds a store, registers the clients and, on :meth:`Sandbox.start`,
serves every service under one base URL from a ``ThreadingHTTPServer`` in a daemon thread::

    {base}/v3.0/{orcid}/works …      Member API v3.0       (orcid_api.py)
    {base}/pub/v3.0/…                Public API + search   (orcid_api.py)
    {base}/oauth/…, /.well-known/…   OAuth                 (oauth.py, oauth_endpoints.py)
    {base}/datacite/…, /crossref/…   DataCite / Crossref   (datacite.py, crossref.py over corpus.py)

DataCite and Crossref are mounted only if their modules import, and their corpus is built on the
first request that needs it, so a sandbox starts in a few milliseconds. ``sb.faults`` injects
faults, ``sb.stats`` counts requests (stats.py); ``sb.issue_token`` skips the browser for tests and
the demo.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import socket
import sys
import threading
import time
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

from claimdesk.config import Endpoints, local_endpoints
from claimdesk.sandbox import negotiation, notifications, oauth, oauth_endpoints, orcid_api, seeds
from claimdesk.sandbox.fault_responses import failure_response, malformed_response
from claimdesk.sandbox.faults import Faults, RateLimiter
from claimdesk.sandbox.http import Headers, Request, Response, Route, Router
from claimdesk.sandbox.public_limits import QUOTA_MESSAGE, PublicLimits
from claimdesk.sandbox.refusals import orcid_error
from claimdesk.sandbox.stats import Stats
from claimdesk.sandbox.store import Store

if TYPE_CHECKING:
    from claimdesk.sandbox.entries import Corpus

log = logging.getLogger("claimdesk.sandbox")

HOST = "127.0.0.1"
_MAX_BODY = 64 * 1024 * 1024


class Sandbox:
    """A seeded ORCID sandbox server; also a context manager (start on enter, stop on exit)."""

    def __init__(
        self,
        seed: str = "demo",
        port: int = 0,
        *,
        verbose: bool = False,
        dois: int | None = None,
        schemas: Path | None = None,
    ) -> None:
        """``schemas``: a directory of ORCID's XSDs to validate write bodies with (see
        :mod:`claimdesk.sandbox.schema`; default ``CLAIMDESK_ORCID_SCHEMAS``, else built-in rules).
        """
        self.seed_name = seed
        self.requested_port = port
        self.verbose = verbose
        self.store = Store()
        self.auth = oauth.Auth()
        self.faults = Faults()
        self.stats = Stats()
        self.rate_limiter = RateLimiter()
        #: the Public API's pace (with ``rate_limit``) and its daily anonymous quota (always)
        self.public_limits = PublicLimits()
        self.seed_result = seeds.seed(self.store, self.auth, seed, dois=dois)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._corpus: Corpus | None = None
        self._corpus_lock = threading.Lock()
        self.router = Router()
        self.router.add(oauth_endpoints.routes(self.auth, self.store, lambda: self.base_url))
        self.router.add(orcid_api.routes(self.auth, self.store, lambda: self.base_url, schemas))
        self.inbox = notifications.Inbox()
        self.router.add(
            notifications.routes(self.auth, self.store, self.inbox, lambda: self.base_url)
        )
        from claimdesk.sandbox import updates

        self.router.add(updates.routes(lambda: self.corpus))
        for prefix, module in (("/datacite", "datacite"), ("/crossref", "crossref")):
            self.router.add([Route("GET", re_prefix(prefix), self._mounted(prefix, module))])

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> Sandbox:
        """Bind 127.0.0.1 and serve in a daemon thread; returns self."""
        if self._server is not None:
            return self
        server = _Server((HOST, self.requested_port), self)
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.01},
            name=f"claimdesk-sandbox-{server.server_address[1]}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the listening socket and every open connection."""
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.close_connections()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        """Whether the server is serving."""
        return self._server is not None

    @property
    def port(self) -> int:
        """The bound port (after :meth:`start`)."""
        if self._server is None:
            raise RuntimeError("the sandbox is not running; call start() first")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://{HOST}:{self.port}"

    @property
    def endpoints(self) -> Endpoints:
        """The sandbox's endpoints as claimdesk's config knows them."""
        return local_endpoints(self.base_url)

    # -- clients and tokens --------------------------------------------------------------------

    def register_client(
        self,
        client_id: str,
        secret: str,
        name: str,
        redirect_uris: Iterable[str] = (),
        member: bool = True,
    ) -> oauth.Client:
        """Register an API client (member or public); replaces one with the same id."""
        return self.auth.register_client(client_id, secret, name, redirect_uris, member)

    def issue_token(
        self,
        orcid: str | None,
        client_id: str = seeds.DEMO_CLIENT_ID,
        scopes: Iterable[str] = ("/read-limited", "/activities/update"),
        expires_in: float | None = None,
    ) -> str:
        """An access token as if ``orcid`` had authorized ``client_id`` (no browser)."""
        return self.auth.issue_token(orcid, client_id, scopes, expires_in).access_token

    def add_redirect_uri(self, uri: str, client_id: str = seeds.DEMO_CLIENT_ID) -> None:
        """Register one more redirect URI for a client (a permissions service's callback)."""
        client = self.auth.clients[client_id]
        if uri not in client.redirect_uris:
            self.register_client(
                client_id, client.secret, client.name, (*client.redirect_uris, uri), client.member
            )

    def revoke_token(self, token: str) -> None:
        """Revoke an access or refresh token, as the user does in account settings."""
        self.auth.revoke(token)

    def expire_token(self, access_token: str) -> None:
        """End an access token's life now, earlier than it said (its refresh token still works)."""
        token = self.auth.token(access_token)
        if token is None:
            raise KeyError("unknown access token")
        token.expires_at = 0.0

    @property
    def token_lifetime(self) -> float:
        """Lifetime in seconds of tokens issued from now on (ORCID: about 20 years)."""
        return self.auth.token_lifetime

    @token_lifetime.setter
    def token_lifetime(self, seconds: float) -> None:
        self.auth.token_lifetime = seconds

    @property
    def pkce(self) -> bool:
        """Whether discovery advertises PKCE S256 and codes honour a challenge."""
        return self.auth.pkce

    @pkce.setter
    def pkce(self, enabled: bool) -> None:
        self.auth.pkce = enabled

    @property
    def rate_limit(self) -> bool:
        """Whether the per-client pace answers 503: 24 requests/second, burst 40, on the Member
        API; 12 requests/second, burst 40, on the Public API."""
        return self.rate_limiter.enabled

    @rate_limit.setter
    def rate_limit(self, enabled: bool) -> None:
        for limiter in (self.rate_limiter, self.public_limits.pace):
            limiter.enabled = enabled
            limiter.reset()

    # -- DataCite / Crossref -------------------------------------------------------------------

    @property
    def corpus(self) -> Corpus:
        """The DataCite/Crossref corpus, built on first use (a sandbox often never needs it)."""
        from claimdesk.sandbox.corpus import build_corpus

        with self._corpus_lock:
            if self._corpus is None:
                self._corpus = build_corpus(self.store, self.seed_result)
            return self._corpus

    def _mounted(self, prefix: str, module_name: str) -> Any:
        sub: list[Router] = []

        def handler(request: Request) -> Response:
            if not sub:  # the services and their corpus load with the first request to them
                module = importlib.import_module(f"claimdesk.sandbox.{module_name}")
                router = Router()
                router.add(module.routes(self.corpus), prefix)
                sub.append(router)
            return sub[0].dispatch(request)

        return handler


def re_prefix(prefix: str) -> str:
    """A route pattern matching ``prefix`` and everything under it."""
    return prefix + r"(?:/.*)?"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self._connections: set[socket.socket] = set()
        self._conn_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._conn_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._conn_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up (timeouts, dropped-connection tests) is not worth a traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return
        log.error("sandbox request from %s failed", client_address, exc_info=True)

    def close_connections(self) -> None:
        """Close keep-alive connections still open (their threads then end)."""
        with self._conn_lock:
            connections = list(self._connections)
            self._connections.clear()
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are separate writes
    server_version = "claimdesk-sandbox"
    server: _Server

    def do_GET(self) -> None:
        self._handle()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_GET

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.sandbox.verbose:
            super().log_message(format, *args)

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(min(length, _MAX_BODY)) if length > 0 else b""

    def _handle(self) -> None:
        sb = self.server.sandbox
        split = urlsplit(self.path)
        path = unquote(split.path)
        body = self._read_body()
        request = Request(
            self.command,
            path,
            parse_qs(split.query, keep_blank_values=True),
            Headers(self.headers.items()),
            body,
        )
        sb.stats.record(self.command, path)
        if sb.faults.latency > 0:
            time.sleep(sb.faults.latency)
        public = sb.public_limits.applies_to(path)
        key = self._client_key(request)
        limiter = sb.public_limits.pace if public else sb.rate_limiter
        if not limiter.allow(key):
            self._send(request, failure_response(request, 503, 1))
            return
        if public and key.startswith("ip:") and not sb.public_limits.quota.take(key):
            # ORCID sends no Retry-After: the quota comes back at midnight UTC.
            self._send(request, Response.text(QUOTA_MESSAGE, 429))
            return
        fail = sb.faults.take("fail", path, self.command)
        if fail is not None:
            self._send(request, failure_response(request, fail.status, fail.retry_after))
            return
        drop = sb.faults.take("drop", path, self.command)
        if drop is not None and not drop.after_commit:
            self.close_connection = True
            return
        response = self._dispatch(request)
        late = sb.faults.take_after_commit(self.command, path) if drop is None else None
        if late is not None and late.kind == "drop":
            drop = late
        if drop is not None:
            self._drop_mid_response(response)
            return
        if late is not None and late.kind == "stall":
            # The write is stored; its answer comes after the client has given up waiting.
            time.sleep(late.seconds)
        elif late is not None:
            response = failure_response(request, late.status, late.retry_after)
        malformed = sb.faults.take("malformed", path, self.command)
        if malformed is not None:
            response = malformed_response(response, malformed)
        self._send(request, response)

    def _dispatch(self, request: Request) -> Response:
        try:
            return self.server.sandbox.router.dispatch(request)
        except Exception:
            log.exception("sandbox handler failed for %s %s", request.method, request.path)
            body = orcid_error(500, 9008, "Something went wrong in the sandbox (a bug).")
            fmt = negotiation.negotiate(request.headers.get("Accept")) or "xml"
            try:
                payload = negotiation.codec(fmt).serialize_error(body)
            except Exception:
                return Response.text(body.developer_message or "500", 500)
            return Response(
                500, payload, content_type=negotiation.XML if fmt == "xml" else negotiation.JSON
            )

    def _client_key(self, request: Request) -> str:
        header = request.headers.get("Authorization") or ""
        if header.lower().startswith("bearer "):
            token = self.server.sandbox.auth.token(header[7:].strip())
            if token is not None:
                return token.client_id
        return f"ip:{self.client_address[0]}"

    def _send(self, request: Request, response: Response) -> None:
        self.send_response(response.status)
        headers = dict(response.headers)
        if response.content_type:
            headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
            headers["Content-Type"] = response.content_type
        for name, value in headers.items():
            self.send_header(name, value)
        body = response.body if response.status not in (204, 304) else b""
        if response.status not in (204, 304):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if request.method != "HEAD" and body:
            self.wfile.write(body)
        self.wfile.flush()

    def _drop_mid_response(self, response: Response) -> None:
        """Send the status line and part of the headers, then close: the client sees a dropped
        connection although the request was handled."""
        content_type = response.content_type or "application/vnd.orcid+xml"
        partial = (
            f"HTTP/1.1 {response.status} OK\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(response.body) + 4096}\r\n\r\n"
        ).encode("latin-1") + response.body[: len(response.body) // 2]
        try:
            self.wfile.write(partial)
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.close_connection = True
