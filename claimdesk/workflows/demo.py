"""The demo: claimdesk's embedded sandbox, signed in to its demo researcher. No Qt here.

Nothing leaves the computer: the sandbox serves ORCID's API on 127.0.0.1 and the token is issued
by it directly and kept only in memory for this run (no keyring needed). The sandbox starts
afresh every run, so what the demo writes (claim journal, works cache, curator checkpoint) goes
to a temporary folder removed when it stops: nothing of it is resent to a later demo or mixed
with the user's real claims. The user's settings file is not part of that: configuring a real
client from the demo's Settings dialog persists.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from claimdesk.config import Settings
from claimdesk.workflows.record_client import open_record_client
from claimdesk.workflows.session import AccountSession

if TYPE_CHECKING:
    from claimdesk.sandbox.server import Sandbox
    from claimdesk.workflows.cache import WorksCache


class _Host(Protocol):
    """What the demo attaches to: the app's context (its works cache and exit cleanups)."""

    cache: WorksCache | None
    cleanups: list[Callable[[], None]]


@dataclass
class Demo:
    """A running demo sandbox and the session that shows its researcher."""

    sandbox: Sandbox
    session: AccountSession
    #: the demo's temporary folder (journal, works cache, curator checkpoint)
    data_dir: Path

    @property
    def settings(self) -> Settings:
        """Settings pointing at the sandbox, with the demo client id."""
        return self.session.settings

    def attach(self, ctx: _Host) -> None:
        """Keep the demo's cached works in its folder and stop the demo when ``ctx`` shuts down."""
        if ctx.cache is not None:
            ctx.cache.keep_elsewhere(self.session.env, self.data_dir / "cache")
        ctx.cleanups.append(self.stop)

    def stop(self) -> None:
        """Close the session's client, stop the sandbox and remove the demo's folder."""
        self.session.close()
        self.sandbox.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)


def sandbox_session(
    sandbox: Sandbox, *, env: str = "demo", data_dir: Path | None = None
) -> AccountSession:
    """A session for the demo researcher on a running ``sandbox`` (session-only token).

    ``data_dir``: where the session's journal, cache and checkpoint go (None: the user's).
    """
    from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_NAME, DEMO_ORCID

    settings = Settings(
        endpoints=sandbox.endpoints, client_id=DEMO_CLIENT_ID, client_secret=DEMO_CLIENT_SECRET
    )
    token = [sandbox.issue_token(DEMO_ORCID, DEMO_CLIENT_ID)]
    session = AccountSession(
        orcid=DEMO_ORCID,
        name=DEMO_NAME,
        env=env,
        settings=settings,
        open_client=lambda: open_record_client(settings, DEMO_ORCID, token=token[0]),
        data_dir=data_dir,
    )

    def reconnect() -> None:
        # The demo "signs in again" by asking its own sandbox for a new token.
        token[0] = sandbox.issue_token(DEMO_ORCID, DEMO_CLIENT_ID)
        session.close()

    session.reconnect = reconnect
    return session


def start_demo(seed: str = "demo") -> Demo:
    """Start the sandbox on a free port and open a session for the demo researcher.

    The session's data go to a new temporary folder, removed by :meth:`Demo.stop`.
    """
    from claimdesk.sandbox.server import Sandbox

    data_dir = Path(tempfile.mkdtemp(prefix="claimdesk-demo-"))
    try:
        sandbox = Sandbox(seed=seed).start()
    except BaseException:
        shutil.rmtree(data_dir, ignore_errors=True)
        raise
    return Demo(sandbox, sandbox_session(sandbox, data_dir=data_dir), data_dir)
