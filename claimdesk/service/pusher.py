"""The service's one writer: takes queued (iD, DOI) pairs from the outbox and pushes them.

Each record's pairs go through the desktop's claim machinery unchanged — a claim plan, the bulk
:class:`~claimdesk.claims.runner.ClaimRunner` with its journal (every work journaled before it is
sent, pending ones reconciled after a crash), its per-iD write queue, and 409/9021 read as
"already claimed". Every ORCID request of the service goes through one token bucket (24/s,
burst 40) however many runs are queued. A 401 from a researcher's token means they withdrew
the permission under Trusted parties: the grant is marked withdrawn, its pairs stop, and the
token is never tried again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimdesk.claims.runner import Outcome, RunResult, RunStatus
from claimdesk.errors import ClaimdeskError
from claimdesk.service.store import DONE, QUEUED, STOPPED, ServiceStore

if TYPE_CHECKING:
    import httpx

    from claimdesk.claims.journal import ClaimJournal
    from claimdesk.config import Settings
    from claimdesk.sources.records import DoiRecord

log = logging.getLogger(__name__)

WITHDRAWN_MESSAGE = "permission withdrawn by the researcher (ORCID answered 401)"


@dataclass(frozen=True, slots=True)
class PushOutcome:
    """What one record's push did (for logs and tests)."""

    orcid: str
    sent: int
    status: str
    requests: int


class Pusher:
    """Pushes the outbox, record by record, on the caller's thread or a worker thread.

    ``metadata`` is looked up before asking DataCite/Crossref again (auto-update fills it from
    the poll). ``read_first(run_kind)`` says whether a record is read before planning: yes for
    curator pushes and back catalogues (the researcher may have the work from another source),
    no for auto-update of new DOIs (one bulk request per 100 works; 9021 catches a repeat).
    """

    def __init__(
        self,
        settings: Settings,
        store: ServiceStore,
        journal: ClaimJournal,
        http: httpx.Client,
        *,
        resolve: Callable[[list[str]], Mapping[str, DoiRecord]] | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.journal = journal
        self.http = http
        self._resolve = resolve
        self.metadata: dict[str, DoiRecord] = {}
        self._metadata_lock = threading.Lock()
        self.wake = threading.Event()
        self.stop = threading.Event()

    def remember(self, records: Mapping[str, DoiRecord]) -> None:
        """Keep metadata a poll already fetched, so the push need not fetch it again."""
        with self._metadata_lock:
            self.metadata.update(records)

    def _records(self, dois: list[str]) -> dict[str, DoiRecord]:
        with self._metadata_lock:
            found = {d: self.metadata[d] for d in dois if d in self.metadata}
        missing = [d for d in dois if d not in found]
        if missing:
            if self._resolve is not None:
                fetched = dict(self._resolve(missing))
            else:
                from claimdesk.curator.push import fetch_records

                fetched = fetch_records(self.settings, missing)
            found.update(fetched)
            self.remember(fetched)
        return found

    # -- one pass over the outbox ------------------------------------------------------------

    def drain(self) -> list[PushOutcome]:
        """Push everything queued now, once (what ORCID left unsent waits for the next pass)."""
        outcomes: list[PushOutcome] = []
        for orcid, pairs in self.store.queued().items():
            if self.stop.is_set():
                break
            outcomes.append(self.push_record(orcid, pairs))
        self.store.settle_runs()
        return outcomes

    def push_record(self, orcid: str, pairs: list[tuple[str, str]]) -> PushOutcome:
        """Push one record's queued pairs through the claim runner."""
        from claimdesk.claims.plan import candidate_from_record, plan_claims
        from claimdesk.claims.runner import ClaimRunner
        from claimdesk.claims.status import ClaimPolicy
        from claimdesk.orcid.client import OrcidClient
        from claimdesk.orcid.errors import InvalidTokenError
        from claimdesk.orcid.model import WorksSummary

        dois = [doi for doi, _run in pairs]
        token = self.store.access_token(orcid)
        if token is None:
            grant = self.store.grant(orcid)
            why = (
                WITHDRAWN_MESSAGE
                if grant and grant.status == "withdrawn"
                else f"no active grant ({grant.status if grant else 'never granted'})"
            )
            self.store.finish_items(orcid, [(d, STOPPED, "not sent", None, why) for d in dois])
            return PushOutcome(orcid, 0, "no grant", 0)
        records = self._records(dois)
        unknown = [d for d in dois if d not in records]
        if unknown:
            self.store.finish_items(
                orcid,
                [
                    (d, DONE, "failed", None, "no metadata found in DataCite or Crossref")
                    for d in unknown
                ],
            )
        candidates = [candidate_from_record(records[d]) for d in dois if d in records]
        if not candidates:
            return PushOutcome(orcid, 0, "nothing to send", 0)
        read_first = self._read_first({run for _doi, run in pairs})
        withdrawn = threading.Event()

        def invalid(_err: InvalidTokenError) -> None:
            withdrawn.set()

        client = OrcidClient(self.settings, orcid, token, http=self.http, on_invalid_token=invalid)
        try:
            record = client.read_works() if read_first else WorksSummary()
            plan = plan_claims(candidates, record, ClaimPolicy(), client_id=self.settings.client_id)
            result = ClaimRunner(self.settings, client, self.journal).run(plan)
        except InvalidTokenError:
            withdrawn.set()
            result = None
        except ClaimdeskError as err:
            log.warning("push to %s failed: %s", orcid, err.message)
            # The pairs stay queued: the next pass tries again (the journal keeps them safe).
            return PushOutcome(orcid, 0, f"failed: {err.message}", 0)
        self.store.mark_used(orcid)
        if withdrawn.is_set() or (
            result is not None and result.status is RunStatus.RECONNECT_NEEDED
        ):
            log.warning("the grant of %s was withdrawn; it will not be used again", orcid)
            self.store.mark_withdrawn(orcid, WITHDRAWN_MESSAGE)
            self.store.finish_items(
                orcid, [(c.doi, STOPPED, "not sent", None, WITHDRAWN_MESSAGE) for c in candidates]
            )
            return PushOutcome(orcid, 0, "withdrawn", result.requests if result else 0)
        assert result is not None
        self.store.finish_items(orcid, list(_rows(result)))
        return PushOutcome(orcid, len(result.items), result.status.value, result.requests)

    def _read_first(self, run_ids: set[str]) -> bool:
        kinds = {run.kind for run in (self.store.run(r) for r in run_ids) if run is not None}
        return kinds != {"auto-update"}

    # -- the worker thread -------------------------------------------------------------------

    def serve(self, idle: float = 5.0) -> None:
        """Drain the outbox whenever woken (or every ``idle`` seconds) until :attr:`stop`."""
        while not self.stop.is_set():
            try:
                self.drain()
            except Exception:  # a bug must not kill the only writer; it is logged and retried
                log.exception("the push worker failed; retrying")
            self.wake.wait(idle)
            self.wake.clear()


def _rows(result: RunResult) -> list[tuple[str, str, str, int | None, str]]:
    """The runner's per-DOI results as outbox updates: unsent/pending ones stay queued."""
    rows: list[tuple[str, str, str, int | None, str]] = []
    for item in result.items:
        if item.outcome in (Outcome.PENDING, Outcome.NOT_SENT):
            rows.append((item.doi, QUEUED, item.outcome.value, None, item.message))
        else:
            rows.append((item.doi, DONE, item.outcome.value, item.put_code, item.message))
    return rows
