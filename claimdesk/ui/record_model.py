"""The record the window shows: sessions, switching, the offline cache, refresh and reconnect.

Qt-side but widget-free: a ``QObject`` the views reach through the context (``ctx.record``).
It owns which account is open, the prepared works table, whether that table is a stale cached
copy or could not be refreshed (offline), and announces changes with signals; the views decide
for themselves how to redraw (Anki's change hooks). Reads run on ``ctx.reads`` in job slots
(``ui/tasks.JobSlot``): opening another record discards what was still being read for the last.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from claimdesk.orcid.errors import InvalidTokenError
from claimdesk.ui.tasks import gc_paused
from claimdesk.workflows.cancel import CancelToken
from claimdesk.workflows.session import AccountSession
from claimdesk.workflows.works_table import WorksTable, build_table, empty_table, release

if TYPE_CHECKING:
    from claimdesk.orcid.model import WorksSummary
    from claimdesk.ui.app import AppContext

log = logging.getLogger(__name__)


class RecordModel(QObject):
    """Which ORCID record is open, its works, and how fresh they are."""

    account_changed = Signal(object)  # AccountSession | None
    sessions_changed = Signal()  # the list of sessions or a session's label changed
    table_changed = Signal(object)  # WorksTable: a new copy of the works to show
    state_changed = Signal()  # refreshing / stale / offline / reconnect-needed changed
    refreshed = Signal()  # a fresh copy of the record is shown
    read_failed = Signal(object, object)  # AccountSession, error: the last read did not arrive
    reconnect_requested = Signal(object)  # AccountSession: the sign-in part signs in again
    reconnected = Signal(object)  # AccountSession renewed in place (session.reconnect, the demo)
    reconnect_failed = Signal(object)  # error: signing in again in place did not work
    #: after any write to the record (edit, delete, claim, push), whatever its outcome
    works_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sessions: list[AccountSession] = []
        self.session: AccountSession | None = None
        self.table: WorksTable = empty_table()
        self.is_stale = False
        self.is_offline = False
        self.last_refreshed: datetime | None = None
        self.cached_at: datetime | None = None
        self._refresh = ctx.reads.slot()
        self._cached = ctx.reads.slot()
        self._refresh_again = False
        self._loading_held = False

    @property
    def refreshing(self) -> bool:
        """True while a read of the open record from ORCID has not reported."""
        return self._refresh.busy

    # ==== accounts =========================================================================

    def set_accounts(self, sessions: Sequence[AccountSession], current: str | None = None) -> None:
        """The records offered; opens ``current`` (an ORCID iD) or the first."""
        self.sessions = list(sessions)
        self.sessions_changed.emit()
        chosen = next((s for s in self.sessions if s.orcid == current), None)
        if chosen is None and self.sessions:
            chosen = self.sessions[0]
        self.switch_account(chosen)

    def add_account(self, session: AccountSession, *, show: bool = True) -> None:
        """Offer one more record (after a sign-in); replaces one for the same iD and env."""
        self.sessions = [
            s for s in self.sessions if not (s.orcid == session.orcid and s.env == session.env)
        ] + [session]
        self.set_accounts(
            self.sessions, session.orcid if show else (self.session.orcid if self.session else None)
        )

    def switch_account(self, session: AccountSession | None) -> None:
        """Open ``session``'s record: the cached copy at once, then a fresh one from ORCID."""
        if self.session is not None and self.session is not session:
            self.ctx.reads.start(self.session.close)
        self.session = session
        self._refresh.discard()  # the old account's reads are stale
        self._cached.discard()
        self._refresh_again = False
        self.is_stale = self.is_offline = False
        self.last_refreshed = None
        self._replace_table(empty_table())
        self.account_changed.emit(session)
        self.state_changed.emit()
        if session is None or self._loading_held:
            return
        self._load_cache(session)
        self.refresh()

    def hold_loading(self) -> None:
        """Until :meth:`release_loading`, open the chosen record but start no reads.

        The app holds them until the window has first been painted: the reads load httpx, lxml
        and the keyring on a worker, which would compete with the GUI thread before the paint.
        """
        self._loading_held = True

    def release_loading(self) -> None:
        """Start what :meth:`hold_loading` held: the cached copy, then a fresh one from ORCID."""
        if not self._loading_held:
            return
        self._loading_held = False
        session = self.session
        if session is not None and not self.refreshing and self.last_refreshed is None:
            self._load_cache(session)
            self.refresh()

    def read_only_reason(self) -> str | None:
        """Why the record cannot be changed now, in words (None: it can)."""
        session = self.session
        if session is None:
            return self.tr("No ORCID record is open")
        if session.needs_reconnect:
            return self.tr("Reconnect the account first: the ORCID sign-in is no longer valid")
        if self.is_offline:
            return self.tr("Read-only: claimdesk cannot reach ORCID right now")
        if self.is_stale:
            return self.tr("Wait for the refresh: the list shown is a saved copy")
        return None

    def mark_needs_reconnect(self, session: AccountSession) -> None:
        """ORCID refused ``session``'s token: say so wherever the session is shown."""
        session.needs_reconnect = True
        self.sessions_changed.emit()
        self.state_changed.emit()

    # ==== reading ==========================================================================

    def _replace_table(self, table: WorksTable) -> None:
        bag: list[object] = [self.table]
        self.table = table
        self.table_changed.emit(table)
        # The old record is freed on a worker, in slices, not here (it takes ~100 ms at once).
        self.ctx.reads.start(release, bag)

    def _load_cache(self, session: AccountSession) -> None:
        cache = self.ctx.cache
        if cache is None:
            return

        def load(cancel: CancelToken) -> tuple[WorksTable, datetime] | None:
            with gc_paused():
                cached = cache.load(session.cache_key, session.orcid)
                if cached is None:
                    return None
                if cancel.cancelled or self.last_refreshed:
                    bag: list[object] = [cached.works]  # the fresh copy won: drop this one here
                    del cached
                    release(bag)
                    return None
                table = build_table(
                    cached.works, orcid=session.orcid, client_id=session.settings.client_id
                )
                return table, cached.fetched_at

        def loaded(result: tuple[WorksTable, datetime] | None) -> None:
            # A fresh copy may have arrived first; the cache never replaces it.
            if result is None or self.last_refreshed:
                return
            table, fetched_at = result
            self.is_stale = True
            self.cached_at = fetched_at.astimezone()
            self._replace_table(table)
            self.state_changed.emit()

        self._cached.start(load, on_result=loaded)

    def refresh(self) -> None:
        """Read the record from ORCID in the background; ``table_changed`` when it differs."""
        session = self.session
        if session is None:
            return
        if self.refreshing:
            # A write may have changed the record after that read started: read once more.
            self._refresh_again = True
            return
        self._refresh_again = False
        shown = self.table
        cache = self.ctx.cache

        def read() -> tuple[WorksTable, WorksSummary] | None:
            with gc_paused():
                works = session.client().read_works()
                same_view = (shown.orcid, shown.client_id) == (
                    session.orcid,
                    session.settings.client_id,
                )
                if same_view and works.groups == shown.groups:
                    # Unchanged: nothing for the GUI thread to redo; the copy on disk is current.
                    if cache is not None:
                        cache.touch(session.cache_key, session.orcid)
                    bag: list[object] = [works]
                    del works
                    release(bag)
                    return None
                return build_table(
                    works, orcid=session.orcid, client_id=session.settings.client_id
                ), works

        def arrived(result: tuple[WorksTable, WorksSummary] | None) -> None:
            session.needs_reconnect = False
            self.is_stale = self.is_offline = False
            self.last_refreshed = datetime.now().astimezone()
            if result is not None:
                table, works = result
                self._replace_table(table)
                if cache is not None:  # shares its groups with the table: nothing to copy
                    self.ctx.reads.start(cache.save, session.cache_key, session.orcid, works)
            self.state_changed.emit()
            self.refreshed.emit()

        def failed(error: BaseException) -> None:
            self.reading_failed(session, error)

        def done() -> None:
            self.state_changed.emit()
            if self._refresh_again:
                self.refresh()

        self._refresh.start(read, on_result=arrived, on_error=lambda e: failed(e), on_done=done)
        self.state_changed.emit()

    def reading_failed(self, session: AccountSession, error: BaseException) -> None:
        """A read of ``session`` failed: reconnect needed, or offline (announced by signal)."""
        from claimdesk.auth.session import ReconnectNeeded  # no stored/usable token

        if isinstance(error, InvalidTokenError | ReconnectNeeded):
            self.mark_needs_reconnect(session)
        else:
            self.is_offline = True
            self.state_changed.emit()
        log.warning("refresh of %s failed: %s", session.orcid, error)
        self.read_failed.emit(session, error)

    def reconnect(self) -> None:
        """Sign in again: the sign-in part handles ``reconnect_requested``; the demo does it here."""
        session = self.session
        if session is None:
            return
        reconnect = session.reconnect
        if reconnect is None:
            self.reconnect_requested.emit(session)
            return

        def renewed(_result: object) -> None:
            session.needs_reconnect = False
            self.sessions_changed.emit()
            self.reconnected.emit(session)
            self.refresh()

        self.ctx.reads.start(reconnect, on_result=renewed, on_error=self.reconnect_failed.emit)

    def written(self, *, refresh: bool = True) -> None:
        """A write to the open record has reported: tell the views, then read it again."""
        self.works_changed.emit()
        if refresh:
            self.refresh()
