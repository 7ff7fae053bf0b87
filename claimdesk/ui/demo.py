"""The demo: claimdesk's embedded sandbox, signed in to its demo researcher. No Qt here.

Nothing leaves the computer: the sandbox serves ORCID's API on 127.0.0.1 and the token is issued
by it directly and kept only in memory for this run (no keyring needed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimdesk.config import Settings
from claimdesk.ui.session import AccountSession

if TYPE_CHECKING:
    from claimdesk.sandbox.server import Sandbox


@dataclass
class Demo:
    """A running demo sandbox and the session that shows its researcher."""

    sandbox: Sandbox
    session: AccountSession

    @property
    def settings(self) -> Settings:
        """Settings pointing at the sandbox, with the demo client id."""
        return self.session.settings

    def stop(self) -> None:
        """Close the session's client and stop the sandbox."""
        self.session.close()
        self.sandbox.stop()


def sandbox_session(sandbox: Sandbox, *, env: str = "demo") -> AccountSession:
    """A session for the demo researcher on a running ``sandbox`` (session-only token)."""
    from claimdesk.orcid.client import OrcidClient
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
        open_client=lambda: OrcidClient(settings, DEMO_ORCID, token[0]),
    )

    def reconnect() -> None:
        # The demo "signs in again" by asking its own sandbox for a new token.
        token[0] = sandbox.issue_token(DEMO_ORCID, DEMO_CLIENT_ID)
        session.close()

    session.reconnect = reconnect
    return session


def start_demo(seed: str = "demo") -> Demo:
    """Start the sandbox on a free port and open a session for the demo researcher."""
    from claimdesk.sandbox.server import Sandbox

    sandbox = Sandbox(seed=seed).start()
    return Demo(sandbox, sandbox_session(sandbox))
