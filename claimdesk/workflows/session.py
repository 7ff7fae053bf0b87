"""One signed-in account as the window sees it: who, where, and how to get an ORCID client.

The sign-in part gives the window a list of these (``MainWindow.set_accounts``). The window
never touches tokens: it asks ``open_client`` for a client and closes it when switching away.
No Qt here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from claimdesk.config import Settings

if TYPE_CHECKING:  # httpx and lxml load when the first client is opened, not at start-up
    from claimdesk.auth.accounts import Account
    from claimdesk.auth.tokens import TokenStore
    from claimdesk.orcid.client import OrcidClient


@dataclass(eq=False)
class AccountSession:
    """A researcher's record the window can show, in one environment."""

    orcid: str
    name: str | None
    #: production | sandbox | local | demo (shown as the environment badge)
    env: str
    settings: Settings
    #: builds an authenticated client; called on a worker thread, at most once per session
    open_client: Callable[[], OrcidClient]
    #: set when ORCID said the token is no longer valid
    needs_reconnect: bool = False
    #: signs in again without the sign-in dialog (the demo); None: the window asks the sign-in part
    reconnect: Callable[[], None] | None = None
    #: where this record's claim journal, works cache and curator checkpoint live; None: the
    #: user's folders (``paths()``). The demo's is a temporary folder removed at exit.
    data_dir: Path | None = None
    _client: OrcidClient | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def label(self) -> str:
        """'Josiah Carberry (0000-0002-1825-0097)'."""
        return f"{self.name} ({self.orcid})" if self.name else self.orcid

    @property
    def cache_key(self) -> str:
        """Distinguishes records in different environments in the offline cache."""
        return self.env

    def client(self) -> OrcidClient:
        """The account's ORCID client, opened on first use (thread-safe)."""
        with self._lock:
            if self._client is None:
                self._client = self.open_client()
            return self._client

    def close(self) -> None:
        """Close the client's connections (the session can open a new one later)."""
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()


def session_for(
    account: Account,
    settings: Settings,
    *,
    store: TokenStore | None = None,
    full_settings: Callable[[], Settings] | None = None,
) -> AccountSession:
    """A window session for a stored account; its client opens on a worker when first needed.

    ``full_settings`` (settings including the client secret, read from the keyring) is called on
    that worker; without it ``settings`` are used as they are.
    """
    from claimdesk.workflows.record_client import open_record_client

    def client() -> OrcidClient:  # worker thread
        # The app reads the stored sign-in only: CLAIMDESK_TOKEN is for unattended CLI runs.
        return open_record_client(
            full_settings() if full_settings else settings,
            account.orcid,
            from_environment=False,
            store=store,
        )

    return AccountSession(
        orcid=account.orcid,
        name=account.name,
        env=account.env,
        settings=settings,
        open_client=client,
        needs_reconnect=account.needs_reconnect,
    )
