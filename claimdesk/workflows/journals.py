"""The claim journals the views share: the user's, and the demo's in its temporary folder. No Qt.

Search, History and Curator all read and write claims through the journal of the record they
show. A session with its own ``data_dir`` (the demo) has its journal there, so claims against a
sandbox that lives for one run never reach the user's journal; every other session shares the
user's journal in ``paths().data_dir``.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimdesk.claims.journal import ClaimJournal
    from claimdesk.workflows.session import AccountSession


class SessionJournals:
    """Opens each data folder's claim journal once (on a worker thread) and closes them at exit."""

    def __init__(self) -> None:
        self._open: dict[Path | None, ClaimJournal] = {}
        self._lock = threading.Lock()

    def journal(self, session: AccountSession | None) -> ClaimJournal:
        """The journal for ``session``'s claims (the user's when it has no data folder)."""
        from claimdesk.claims.journal import JOURNAL_FILE, ClaimJournal

        data_dir = session.data_dir if session is not None else None
        with self._lock:
            journal = self._open.get(data_dir)
            if journal is None:
                path = data_dir / JOURNAL_FILE if data_dir is not None else None
                journal = self._open[data_dir] = ClaimJournal(path)
            return journal

    def close(self) -> None:
        """Close every open journal (at exit, once the write queue is idle)."""
        with self._lock:
            journals, self._open = list(self._open.values()), {}
        for journal in journals:
            journal.close()
