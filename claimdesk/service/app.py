"""The permissions service: its parts wired together, the ASGI app, and running it.

:class:`Service` owns the database, the keys, the claim journal, one rate-limited HTTP client
for every ORCID request, the push worker and the auto-update poller. :func:`build_app` puts the
researcher pages and the curator API in front of it (Starlette); :func:`serve` runs it with
uvicorn on 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimdesk.errors import AuthError
from claimdesk.service.db import Database, describe_url
from claimdesk.service.keys import Keys
from claimdesk.service.store import Grant, ServiceStore

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from claimdesk.config import Settings
    from claimdesk.service.autoupdate import Poller
    from claimdesk.service.pusher import Pusher

log = logging.getLogger("claimdesk.service")


@dataclass(frozen=True, slots=True)
class ServiceConfig:
    """How the service runs (``claimdesk serve`` options)."""

    public_url: str
    database: str | None = None
    institution: str = "Your institution"
    logo_url: str | None = None
    #: seconds a researcher has between opening /grant and coming back from ORCID
    flow_lifetime: int = 600
    #: auto-update sources: DataCite repository ids (``cern.zenodo``) or DOI prefixes (``10.5281``)
    auto_update: tuple[str, ...] = ()
    every: float = 3600.0
    journal_path: Path | None = None
    rate: float = 24.0
    #: below ORCID's burst of 40: requests paced here can still arrive bunched after network
    #: delays, and ORCID counts them as they arrive
    burst: int = 30
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def redirect_uri(self) -> str:
        """The callback registered with ORCID (exact match)."""
        return self.public_url.rstrip("/") + "/callback"

    @property
    def grant_url(self) -> str:
        """The link to send researchers."""
        return self.public_url.rstrip("/") + "/grant"


class Service:
    """Everything behind the web routes; also what the tests drive directly."""

    def __init__(self, config: ServiceConfig, settings: Settings, keys: Keys) -> None:
        from claimdesk.auth.client_secret import with_secret
        from claimdesk.claims.journal import ClaimJournal
        from claimdesk.http_policy import ORCID, policy_client
        from claimdesk.service.autoupdate import Poller
        from claimdesk.service.inbox import InboxClient
        from claimdesk.service.pusher import Pusher

        self.config = config
        self.settings = with_secret(settings)
        self.keys = keys
        self.db = Database(config.database)
        try:
            self.db.claim_single_writer()
        except BaseException:
            self.db.close()
            raise
        self.store = ServiceStore(self.db, keys)
        journal_path = config.journal_path or self._default_journal()
        self.journal = ClaimJournal(journal_path)
        #: every ORCID request of the service, whoever sends it, waits on this one bucket
        self.orcid_http = policy_client(
            replace(ORCID, rate=config.rate, burst=config.burst), timeout=self.settings.timeout
        )
        self.pusher: Pusher = Pusher(self.settings, self.store, self.journal, self.orcid_http)
        self.inbox = InboxClient(self.settings, self.orcid_http)
        self.poller: Poller = Poller(self, config.auto_update)
        self._threads: list[threading.Thread] = []

    def _default_journal(self) -> Path:
        from claimdesk.config import paths

        return paths().ensure().data_dir / "service-journal.sqlite3"

    # -- grants ------------------------------------------------------------------------------

    def accept_code(self, code: str) -> tuple[Grant, bool]:
        """Exchange a callback's code and store the grant; True if its back catalogue is due."""
        from datetime import UTC, datetime

        from claimdesk.auth import oauth

        with oauth.new_http(self.settings) as http:
            token = oauth.exchange_code(
                self.settings, http, code=code, redirect_uri=self.config.redirect_uri
            )
        if "/activities/update" not in token.scopes:
            raise AuthError("ORCID gave no permission to add works (/activities/update).")
        expires = datetime.fromtimestamp(token.expires_at or time.time() + 631_138_518, UTC)
        grant, fresh = self.store.save_grant(
            token.orcid,
            token.name,
            token.scopes,
            token.access_token,
            token.refresh_token,
            expires.isoformat(timespec="seconds").replace("+00:00", "Z"),
        )
        log.info("grant stored for %s", grant.orcid)
        from claimdesk.service.notifier import close_for

        close_for(self, grant.orcid)
        if fresh:
            self.poller.backfill_soon(grant.orcid)
        return grant, fresh

    # -- curator actions ---------------------------------------------------------------------

    def push(self, pairs: list[tuple[str, str]]) -> dict[str, Any]:
        """Queue a curator's push; iDs without an active grant are listed with the grant link."""
        from claimdesk.service.api import split_by_grant

        granted, others = split_by_grant(self, pairs)
        run = self.store.new_run("push", granted, again=True) if granted else None
        self.pusher.wake.set()
        return {
            "run": run.to_json() if run else None,
            "queued": len(granted),
            "needs_permission": [
                {"orcid": o, "dois": d, "grant_url": self.config.grant_url}
                for o, d in others.items()
            ],
        }

    def notify(self, pairs: list[tuple[str, str]], dry_run: bool) -> dict[str, Any]:
        """Ask researchers without a grant for permission (ORCID inbox, or the link to send)."""
        from claimdesk.service.notifier import notify

        return notify(self, pairs, dry_run=dry_run)

    def notifications(self, refresh: bool = False) -> list[dict[str, Any]]:
        """Inbox requests sent, with their latest known state (read back from ORCID first
        when ``refresh``)."""
        from claimdesk.service import notifier

        if refresh:
            notifier.refresh(self)
        return notifier.listing(self)

    def status(self) -> dict[str, Any]:
        """What the service is and does (for the desktop's Curator view and ``grants``)."""
        return {
            "institution": self.config.institution,
            "grant_url": self.config.grant_url,
            "redirect_uri": self.config.redirect_uri,
            "environment": self.settings.env,
            "client_id": self.settings.client_id,
            "database": self.db.dialect,
            "auto_update": list(self.config.auto_update),
            "every_seconds": self.config.every,
            "last_poll": self.store.cursor("last-poll"),
        }

    # -- workers -----------------------------------------------------------------------------

    def start_workers(self, *, poll: bool = True) -> None:
        """Start the push worker (and the auto-update poller when sources are configured)."""
        worker = threading.Thread(target=self.pusher.serve, name="service-pusher", daemon=True)
        self._threads.append(worker)
        if poll and self.config.auto_update:
            self._threads.append(
                threading.Thread(target=self.poller.serve, name="service-poller", daemon=True)
            )
        for thread in self._threads:
            thread.start()

    def close(self) -> None:
        """Stop the workers and close what is open."""
        self.pusher.stop.set()
        self.pusher.wake.set()
        self.poller.stop.set()
        for thread in self._threads:
            thread.join(timeout=30)
        self.poller.join()
        self.orcid_http.close()
        self.journal.close()
        self.db.close()


def build_app(service: Service) -> Starlette:
    """The ASGI app: researcher pages, curator API, a health check; requests logged."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    from claimdesk.service import api, researcher

    async def health(request: Any) -> PlainTextResponse:
        return PlainTextResponse("ok")

    return Starlette(
        routes=[
            *researcher.routes(service),
            *api.routes(service),
            Route("/healthz", health, methods=["GET"]),
        ],
        middleware=[Middleware(_RequestLog)],
    )


class _RequestLog:
    """Logs method, path and status of each request — the path only: the callback's query
    string holds a code and a state."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = [0]

        async def record(message: Any) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        await self.app(scope, receive, record)
        log.info("%s %s %s", scope["method"], scope["path"], status[0])


def serve(service: Service, host: str, port: int) -> None:
    """Run the service with uvicorn until interrupted (access log off: it would print codes)."""
    import uvicorn

    config = uvicorn.Config(
        build_app(service), host=host, port=port, access_log=False, log_config=None,
        proxy_headers=True, forwarded_allow_ips="127.0.0.1", lifespan="off",
    )  # fmt: skip
    server = uvicorn.Server(config)
    service.start_workers()
    log.info("serving on http://%s:%s (database %s)", host, port, describe_url(service.db.url))
    try:
        server.run()
    finally:
        service.close()
