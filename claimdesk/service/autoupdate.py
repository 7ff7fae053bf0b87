"""Auto-update: poll DataCite and Crossref for DOIs updated since the last poll, and queue every
(iD, DOI) pair whose iD has an active grant; and the back catalogue of a new grant.

DataCite: ``/dois?query=updated:[SINCE TO *]`` with the repository (``client-id``) or ``prefix``,
creators and contributors read for iDs. Crossref: ``/works?filter=from-update-date:DAY,orcid:A,
orcid:B…`` (Crossref ORs repeated filters), 50 granted iDs per request. Each source's cursor is
stored only after its pairs are in the outbox, and the cursor steps back a few minutes (index
lag); a pair already in the outbox is never queued again, so overlap costs nothing and a kill at
any point neither loses nor repeats a push.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from claimdesk.errors import ClaimdeskError
from claimdesk.service.db import now_iso
from claimdesk.service.store import ACTIVE

if TYPE_CHECKING:
    from claimdesk.service.app import Service
    from claimdesk.sources.records import DoiRecord

log = logging.getLogger(__name__)

#: how far each poll looks back before its cursor (DataCite and Crossref index with some lag)
OVERLAP = timedelta(minutes=5)
#: granted iDs per Crossref request (repeated orcid filters; keeps the URL short)
CROSSREF_BATCH = 50
_PREFIX = re.compile(r"^10\.\d{4,9}(\.\d+)*$")


@dataclass(frozen=True, slots=True)
class PollResult:
    """What one poll found and queued."""

    dois_seen: int
    pairs_queued: int
    requests: int
    run_id: str | None


def named_orcids(record: DoiRecord) -> set[str]:
    """Valid iDs among a DOI's creators and contributors."""
    return {p.orcid for p in record.creators + record.contributors if p.orcid}


class Poller:
    """Polls the configured sources (DataCite repository ids or DOI prefixes)."""

    def __init__(self, service: Service, sources: Iterable[str]) -> None:
        self.service = service
        self.sources = tuple(s.strip() for s in sources if s.strip())
        self.stop = threading.Event()
        self._backfill: list[str] = []
        self._lock = threading.Lock()
        self.wake = threading.Event()
        self._serving = False
        self._backfill_thread: threading.Thread | None = None
        #: requests to DataCite and Crossref (the benchmark counts them)
        self.requests = 0

    # -- sources -----------------------------------------------------------------------------

    def _datacite_pages(self, query: str, source: str | None) -> Iterable[list[DoiRecord]]:
        from claimdesk.sources.datacite import DataCiteClient

        client_id = prefix = None
        if source is not None:
            prefix, client_id = (source, None) if _PREFIX.match(source) else (None, source)
        with DataCiteClient(self.service.settings) as client:
            for page, _total in client.iter_dois(client_id=client_id, prefix=prefix, query=query):
                self.requests += 1
                yield page

    def _crossref(self, orcids: list[str], since_day: str | None) -> Iterable[list[DoiRecord]]:
        from claimdesk.sources.crossref import CrossrefClient

        with CrossrefClient(self.service.settings) as client:
            for start in range(0, len(orcids), CROSSREF_BATCH):
                batch = orcids[start : start + CROSSREF_BATCH]
                filters = [f"orcid:{o}" for o in batch]
                if since_day:
                    filters.insert(0, f"from-update-date:{since_day}")
                for page in client.iter_filtered(",".join(filters)):
                    self.requests += 1
                    yield page

    # -- polling -----------------------------------------------------------------------------

    def poll_once(self) -> PollResult:
        """One poll of every source; queues new pairs as one auto-update run."""
        store = self.service.store
        started = datetime.now(UTC)
        granted = sorted(g.orcid for g in store.grants(ACTIVE))
        before = self.requests
        records: dict[str, DoiRecord] = {}
        cursors: dict[str, str] = {}
        for source in self.sources:
            name = f"datacite:{source}"
            since = store.cursor(name)
            if since is None:  # first poll: from now on (grants bring their back catalogue)
                cursors[name] = _stamp(started - OVERLAP)
                continue
            query = f"updated:[{since} TO *]"
            for page in self._datacite_pages(query, source):
                records.update((r.doi, r) for r in page)
            cursors[name] = _stamp(started - OVERLAP)
        since_day = store.cursor("crossref")
        if granted and since_day is not None:
            for page in self._crossref(granted, since_day):
                records.update((r.doi, r) for r in page)
        cursors["crossref"] = (started - OVERLAP).date().isoformat()
        run_id, queued = self._queue("auto-update", records.values(), set(granted))
        for name, value in cursors.items():
            store.set_cursor(name, value)
        store.set_cursor("last-poll", now_iso())
        log.info("auto-update: %d DOIs updated, %d pairs queued", len(records), queued)
        return PollResult(len(records), queued, self.requests - before, run_id)

    def backfill(self, orcid: str) -> PollResult:
        """Queue everything already published that names ``orcid`` (within the sources)."""
        from claimdesk.sources.datacite import orcid_query

        before = self.requests
        records: dict[str, DoiRecord] = {}
        for source in self.sources or (None,):
            for page in self._datacite_pages(orcid_query(orcid), source):
                records.update((r.doi, r) for r in page)
        for page in self._crossref([orcid], None):
            records.update((r.doi, r) for r in page)
        run_id, queued = self._queue("back catalogue", records.values(), {orcid})
        self.service.store.mark_backfilled(orcid)
        log.info("back catalogue of %s: %d works queued", orcid, queued)
        return PollResult(len(records), queued, self.requests - before, run_id)

    def _queue(
        self, kind: str, records: Iterable[DoiRecord], granted: set[str]
    ) -> tuple[str | None, int]:
        found = list(records)
        pairs = [(o, r.doi) for r in found for o in sorted(named_orcids(r) & granted)]
        known = self.service.store.known_pairs({o for o, _ in pairs})
        new = [p for p in pairs if p not in known]
        if not new:
            return None, 0
        self.service.pusher.remember({r.doi: r for r in found})
        run = self.service.store.new_run(kind, new, again=False)
        self.service.pusher.wake.set()
        return run.id, len(new)

    # -- the poller thread -------------------------------------------------------------------

    def backfill_soon(self, orcid: str) -> None:
        """Ask the poller thread for a new grant's back catalogue (the callback does not wait)."""
        with self._lock:
            self._backfill.append(orcid)
        self.wake.set()
        if not self._serving:  # no poller thread (no auto-update sources): a thread of its own
            with self._lock:
                running = self._backfill_thread is not None and self._backfill_thread.is_alive()
                if not running:
                    self._backfill_thread = threading.Thread(
                        target=self._run_backfills, name="service-backfill", daemon=True
                    )
                    self._backfill_thread.start()

    def join(self, timeout: float = 30) -> None:
        """Wait for a back-catalogue thread (after :attr:`stop` is set)."""
        thread = self._backfill_thread
        if thread is not None:
            thread.join(timeout)

    def _run_backfills(self) -> None:
        while not self.stop.is_set():
            with self._lock:
                if not self._backfill:
                    return
                orcid = self._backfill.pop(0)
            try:
                self.backfill(orcid)
            except ClaimdeskError as err:
                log.warning("back catalogue of %s failed: %s", orcid, err.message)
            except Exception:  # a bug: logged; the grant is kept and can be backfilled later
                log.exception("back catalogue of %s failed", orcid)

    def serve(self) -> None:
        """Poll every ``every`` seconds (and run back catalogues when asked) until stopped."""
        import time

        every = self.service.config.every
        next_poll = 0.0
        self._serving = True
        while not self.stop.is_set():
            self._run_backfills()
            if time.monotonic() >= next_poll:
                try:
                    self.poll_once()
                    from claimdesk.service.notifier import refresh

                    refresh(self.service)  # inbox requests: read / actioned / archived
                except ClaimdeskError as err:
                    log.warning("auto-update poll failed: %s", err.message)
                except Exception:
                    log.exception("auto-update poll failed")
                next_poll = time.monotonic() + every
            self.wake.wait(max(0.05, min(every, next_poll - time.monotonic())))
            self.wake.clear()


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
