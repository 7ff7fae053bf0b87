"""The bulk claim runner: sends a :class:`ClaimPlan` to ORCID, ≤100 works per request.

All claims of a run are journaled (to send) before the first request; each chunk is marked
pending just before it is sent and done/failed from ORCID's per-item answer. A run holds the
record's write lock (claims/locks.py) from its first read to its last write, so two writers —
threads, the GUI and the CLI, a curator push — never have requests to one record in flight
together. Under the lock it re-reads the record, settles claims an earlier run left pending, and
drops DOIs that are on the record already. An answer that does not say what ORCID did (timeout,
dropped connection, 5xx) leaves its claims pending: they are settled by a read made once the
write cannot be in flight any more (claims/reconcile.py), and sent again only if absent. So
nothing is lost and nothing is duplicated, without leaning on ORCID's 409/9021 check.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from claimdesk.claims.answers import (
    describe_item_error,
    is_duplicate,
    outcome_unknown,
    put_code_from_conflict,
    refusal_text,
    unwritable,
)
from claimdesk.claims.journal import ClaimJournal, stamp_seconds
from claimdesk.claims.locks import LOCK_DIR, RecordLocks
from claimdesk.claims.plan import ClaimPlan, PlannedClaim, plan_from_entries
from claimdesk.claims.reconcile import (
    Reconciliation,
    SettlePolicy,
    reconcile,
    settled_read,
)
from claimdesk.claims.results import (
    ItemResult,
    Outcome,
    ProgressCallback,
    RunProgress,
    RunResult,
    RunStatus,
)
from claimdesk.claims.sends import Send, chunked, same_outcome, screen
from claimdesk.claims.status import ClaimState, RecordIndex
from claimdesk.errors import ClaimdeskError, MessageError, TransportError
from claimdesk.orcid.errors import (
    InvalidTokenError,
    OrcidApiError,
    RateLimitedError,
)
from claimdesk.orcid.model import BULK_MAX, ErrorBody, Work

if TYPE_CHECKING:
    from claimdesk.config import Settings
    from claimdesk.orcid.client import OrcidClient

__all__ = [
    "BULK_MAX",
    "chunked",
    "ClaimRunner",
    "ItemResult",
    "Outcome",
    "ProgressCallback",
    "RecordLocks",
    "RunProgress",
    "RunResult",
    "RunStatus",
    "describe_item_error",
    "plan_from_entries",
    "put_code_from_conflict",
]


def _new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ-") + secrets.token_hex(3)


class ClaimRunner:
    """Sends claim plans for one ORCID record through an :class:`OrcidClient`.

    ``settings`` are the client's: its environment, client id (which works are claimdesk's) and
    request timeout (how long a lost write may still be in flight). ``locks`` are the records'
    write locks (the app context holds one :class:`RecordLocks`; default: beside the journal
    file, so every process writing that journal shares them); ``settle`` says when a read
    can be trusted after an unknown outcome (default: from the timeout).

    ``on_transport_error``: ``"reconcile"`` (default) settles a write whose answer was lost and
    carries on; ``"stop"`` ends the run at once, leaving the chunk pending for the next run.
    ``on_wait`` is called if another writer holds the record's lock when a run starts.
    """

    def __init__(
        self,
        settings: Settings,
        client: OrcidClient,
        journal: ClaimJournal,
        *,
        locks: RecordLocks | None = None,
        chunk_size: int = BULK_MAX,
        on_transport_error: str = "reconcile",
        first_chunks: Sequence[int] = (),
        settle: SettlePolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        on_wait: Callable[[], None] | None = None,
    ) -> None:
        """``first_chunks``: sizes of the first requests before ``chunk_size`` ones (the GUI
        starts small, so that Cancel can still take effect on a claim of a few dozen works)."""
        if not 1 <= chunk_size <= BULK_MAX:
            raise ValueError(f"chunk_size must be 1..{BULK_MAX}")
        self.client = client
        self.journal = journal
        self.env: str = settings.env
        self.orcid: str = client.orcid
        self.client_id: str | None = settings.client_id
        # By default the locks live beside the journal: everyone who writes it shares them.
        self.locks = locks if locks is not None else RecordLocks(journal.path.parent / LOCK_DIR)
        self.settle = settle or SettlePolicy.for_timeout(settings.timeout)
        self.chunk_size = chunk_size
        self.first_chunks = tuple(min(max(1, n), chunk_size) for n in first_chunks)
        self.on_transport_error = on_transport_error
        self.on_wait = on_wait
        self._sleep = sleep

    # -- reconcile ----------------------------------------------------------------------------

    def reconcile(self) -> tuple[Reconciliation, RecordIndex | None]:
        """Settle this record's pending claims (and 5xx 'failures') against a read of it.

        Reads only if the journal has any; waits until their writes cannot be in flight.
        """
        with self.locks.hold(self.env, self.orcid, on_wait=self.on_wait):
            return self._reconcile(always=False)

    def check_removed(self) -> tuple[Reconciliation, RecordIndex]:
        """Read the record and note claims deleted on orcid.org since claimdesk added them."""
        with self.locks.hold(self.env, self.orcid, on_wait=self.on_wait):
            found, index = self._reconcile(always=True)
            assert index is not None
            return found, index

    def _reconcile(self, *, always: bool) -> tuple[Reconciliation, RecordIndex | None]:
        pending = self.journal.pending(self.env, self.orcid)
        failed = self.journal.failed(self.env, self.orcid)
        if not (always or pending or failed):
            return Reconciliation(), None
        if pending:
            # A claim is marked pending just before its request goes out: the write is in
            # flight at most a request timeout after that (settled_read waits it out).
            sent_at = max(stamp_seconds(e.updated) for e in pending)
        else:
            sent_at = (self.journal.last_sent(self.env, self.orcid) or 0.0) - self.settle.in_flight
        index = settled_read(
            self.client.read_works,
            self.client_id,
            self.orcid,
            {e.doi for e in pending} | {e.doi for e in failed},
            sent_at=sent_at,
            policy=self.settle,
            sleep=self._sleep,
        )
        # A claim done only moments ago may not show in reads yet; never call it removed.
        removed_before = time.time() - self.settle.in_flight - self.settle.lag
        found = reconcile(self.journal, self.env, self.orcid, index, removed_before=removed_before)
        return found, index

    # -- run ----------------------------------------------------------------------------------

    def run(
        self,
        plan: ClaimPlan,
        *,
        on_progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        resume: bool = True,
        readd: bool = False,
    ) -> RunResult:
        """Send the plan's claims; with ``resume``, also claims earlier runs left unsent.

        Claims deleted on orcid.org since claimdesk added them are sent again only with
        ``readd`` (the user asked to add them again). Blocks while another writer (thread or
        process) works on the same record.
        """
        with self.locks.hold(self.env, self.orcid, on_wait=self.on_wait):
            return self._run(plan, on_progress, cancel, resume, readd)

    def retry_failed(
        self,
        *,
        on_progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> RunResult:
        """Send this record's failed claims again (with the works journaled for them)."""
        entries = self.journal.failed(self.env, self.orcid)
        return self.run(plan_from_entries(entries), on_progress=on_progress, cancel=cancel)

    def _run(
        self,
        plan: ClaimPlan,
        on_progress: ProgressCallback | None,
        cancel: threading.Event | None,
        resume: bool,
        readd: bool,
    ) -> RunResult:
        run_id = _new_run_id()
        results: list[ItemResult] = [self._skipped(run_id, p) for p in plan.skipped]
        sends = [
            Send(p.doi, p.candidate.work, p.candidate.display_title, p.candidate.note)
            for p in plan.to_send
            if p.candidate.work is not None
        ]
        try:
            # Under the lock, always from a fresh read: a run that planned from an older read
            # (another writer was busy) must not send what that writer has added since.
            reconciled, fresh = self._reconcile(always=True)
        except (TransportError, MessageError, OrcidApiError) as err:
            # Nothing was sent; the claims are written down so the next run sends them.
            self.journal.queue(self.env, self.orcid, run_id, [(s.doi, s.work) for s in sends])
            note = "not sent: the record could not be read first; the next run sends it"
            results += same_outcome(sends, Outcome.NOT_SENT, note)
            if isinstance(err, InvalidTokenError):
                return RunResult(run_id, RunStatus.RECONNECT_NEEDED, tuple(results), 0, str(err))
            message = f"could not read the record before sending: {err}"
            return RunResult(run_id, RunStatus.CONNECTION_LOST, tuple(results), 0, message)
        assert fresh is not None

        latest = self.journal.latest(self.env, self.orcid, [s.doi for s in sends])
        sends, screened = screen(sends, fresh, latest, readd=readd)
        results += screened
        if resume:
            # Claims an earlier run journaled but never got on the record: the user asked for
            # them then, so they are sent even if this plan would skip them.
            planned = {s.doi for s in sends} | {
                r.doi for r in results if r.outcome in (Outcome.ALREADY, Outcome.REMOVED)
            }
            resumed = {}
            for entry in self.journal.unsent(self.env, self.orcid):
                if entry.doi not in planned and entry.doi not in resumed:
                    status = fresh.status(entry.doi)
                    if status.state is ClaimState.OURS:  # on the record after all
                        self.journal.mark_done(entry.id, status.put_code, note="on the record")
                        continue
                    resumed[entry.doi] = Send(entry.doi, entry.work, entry.title)
            results = [r for r in results if r.doi not in resumed]
            sends += resumed.values()

        return self._send_all(run_id, sends, results, reconciled, on_progress, cancel)

    def _skipped(self, run_id: str, planned: PlannedClaim) -> ItemResult:
        """The result of a DOI the plan left out; a failed look-up is journaled (retryable)."""
        title = planned.candidate.display_title
        if planned.lookup_failed:
            self.journal.mark_lookup_failed(
                self.env, self.orcid, run_id, planned.doi, planned.candidate.lookup_error
            )
            return ItemResult(
                planned.doi, Outcome.LOOKUP_FAILED, message=planned.reason, title=title
            )
        return ItemResult(
            planned.doi, Outcome.SKIPPED, planned.status.put_code, planned.reason, title=title
        )

    def _send_all(
        self,
        run_id: str,
        sends: list[Send],
        results: list[ItemResult],
        reconciled: Reconciliation,
        on_progress: ProgressCallback | None,
        cancel: threading.Event | None,
    ) -> RunResult:
        done = 0
        requests = 0
        status = RunStatus.COMPLETED
        message = ""
        # Every claim of the run is on disk before the first request: a kill at any point
        # leaves each one pending (settled later) or to send (sent by the next run).
        all_ids = self.journal.queue(self.env, self.orcid, run_id, [(s.doi, s.work) for s in sends])
        ids_of = {s.doi: entry_id for s, entry_id in zip(sends, all_ids, strict=True)}
        # A work that cannot be sent (ORCID's schema refuses it, or a control character in a
        # title from an older claimdesk) fails alone, in words, before any request.
        writable: list[Send] = []
        for send in sends:
            problem = unwritable(send.work)
            if problem is None:
                writable.append(send)
            else:
                results.append(self._failed(send, ids_of[send.doi], *problem))
        sends = writable
        total = len(sends)
        queue = chunked(sends, self.chunk_size, self.first_chunks)
        resent: set[str] = set()

        while queue:
            chunk = queue.pop(0)
            if cancel is not None and cancel.is_set():
                status, message = RunStatus.CANCELLED, "cancelled; the rest was not sent"
                queue.insert(0, chunk)
                break
            ids = [ids_of[s.doi] for s in chunk]
            self.journal.mark_pending(ids)
            requests += 1
            sent_at = time.time()
            try:
                answer = self.client.add_works([s.work for s in chunk])
                if len(answer) != len(chunk):
                    raise MessageError(
                        f"ORCID answered {len(answer)} items for a bulk of {len(chunk)}"
                    )
            except InvalidTokenError as err:
                # Nothing was written, but keep the chunk pending: the next run settles it.
                results += same_outcome(chunk, Outcome.PENDING, "reconnect needed")
                status, message = RunStatus.RECONNECT_NEEDED, str(err)
                break
            except RateLimitedError as err:
                # 429/503: ORCID did nothing with this request; stop rather than press on.
                self.journal.mark_unsent(ids, note="ORCID was busy; the next run sends it")
                results += same_outcome(chunk, Outcome.NOT_SENT, "ORCID was busy")
                status, message = RunStatus.BUSY, str(err)
                break
            except (TransportError, MessageError, OrcidApiError) as err:
                if not outcome_unknown(err):
                    # The whole request was refused (4xx: record full, bad request…).
                    chunk_results = self._refused(chunk, ids, err)
                    results += chunk_results
                    done += len(chunk)
                    self._report(on_progress, done, total, chunk_results)
                    continue
                recovered = self._recover(chunk, ids, err, resent, sent_at)
                if recovered is None:
                    results += same_outcome(
                        chunk, Outcome.PENDING, "answer lost; checked on the next run"
                    )
                    status = RunStatus.CONNECTION_LOST
                    message = f"{err}; the last request's claims are pending until the next run"
                    break
                claimed, again, stop = recovered
                results += claimed
                done += len(claimed)
                self._report(on_progress, done, total, claimed)
                if stop:
                    results += same_outcome(
                        again, Outcome.NOT_SENT, "lost twice; sent again with the next run"
                    )
                    status = RunStatus.CONNECTION_LOST
                    message = f"{err}; stopped after the answer was lost twice"
                    break
                if again:
                    resent.update(s.doi for s in again)
                    queue.insert(0, again)
                continue

            chunk_results = self._mark(chunk, ids, answer)
            results += chunk_results
            done += len(chunk)
            self._report(on_progress, done, total, chunk_results)

        unsent = [s for chunk in queue for s in chunk]
        if status is RunStatus.CANCELLED:
            self.journal.mark_cancelled(ids_of[s.doi] for s in unsent)
            note = "cancelled before it was sent"
        else:
            note = "not sent yet; the next run sends it"
        results += same_outcome(unsent, Outcome.NOT_SENT, note)
        return RunResult(run_id, status, tuple(results), requests, message, reconciled)

    def _refused(
        self, chunk: Sequence[Send], ids: Sequence[int], err: OrcidApiError | ClaimdeskError
    ) -> list[ItemResult]:
        """Journal and report every claim of a request ORCID refused as a whole."""
        text, code = refusal_text(err), getattr(err, "error_code", None)
        return [
            self._failed(send, entry_id, text, code)
            for send, entry_id in zip(chunk, ids, strict=True)
        ]

    def _failed(self, send: Send, entry_id: int, text: str, error_code: int | None) -> ItemResult:
        """Journal ``send`` as refused by ORCID (``text`` says why) and report it so."""
        self.journal.mark_failed(entry_id, text, error_code=error_code)
        return ItemResult(
            send.doi, Outcome.FAILED, message=text, error_code=error_code, title=send.title
        )

    def _already(self, send: Send, entry_id: int, put_code: int | None) -> ItemResult:
        """Journal ``send`` as done: ORCID says (9021) claimdesk already added it."""
        self.journal.mark_done(entry_id, put_code, note="already on the record")
        return ItemResult(
            send.doi,
            Outcome.ALREADY,
            put_code,
            "already on the record — added by claimdesk",
            title=send.title,
        )

    def _mark(
        self, chunk: Sequence[Send], ids: Sequence[int], answer: Sequence[Work | ErrorBody]
    ) -> list[ItemResult]:
        """Journal and report each slot of a bulk answer."""
        out: list[ItemResult] = []
        unknown: list[tuple[Send, int]] = []
        for send, entry_id, item in zip(chunk, ids, answer, strict=True):
            if isinstance(item, Work):
                self.journal.mark_done(entry_id, item.put_code)
                out.append(
                    ItemResult(
                        send.doi, Outcome.CLAIMED, item.put_code, send.note, title=send.title
                    )
                )
            elif is_duplicate(item):
                put_code = put_code_from_conflict(item)
                if put_code is None:
                    unknown.append((send, entry_id))
                    continue
                out.append(self._already(send, entry_id, put_code))
            else:
                out.append(self._failed(send, entry_id, describe_item_error(item), item.error_code))
        if unknown:
            # 9021 without a put-code in its message: find our version by reading the record.
            try:
                index: RecordIndex | None = RecordIndex.build(
                    self.client.read_works(), self.client_id, record_orcid=self.orcid
                )
            except ClaimdeskError:
                index = None
            for send, entry_id in unknown:
                put_code = index.status(send.doi).put_code if index is not None else None
                out.append(self._already(send, entry_id, put_code))
        return out

    def _recover(
        self,
        chunk: list[Send],
        ids: Sequence[int],
        err: ClaimdeskError,
        resent: set[str],
        sent_at: float,
    ) -> tuple[list[ItemResult], list[Send], bool] | None:
        """After an answer that does not say what ORCID did: settle, and say what to send again.

        The record is read only once the write cannot be in flight (claims/reconcile.py). None
        means stop with the chunk still pending (policy ``stop``, or the record could not be
        read); the flag means stop after settling (this chunk was already sent twice).
        """
        if self.on_transport_error != "reconcile":
            return None
        try:
            index = settled_read(
                self.client.read_works,
                self.client_id,
                self.orcid,
                [s.doi for s in chunk],
                sent_at=sent_at,
                policy=self.settle,
                sleep=self._sleep,
            )
        except (TransportError, MessageError, OrcidApiError):
            return None
        claimed: list[ItemResult] = []
        again: list[Send] = []
        unsent_ids: list[int] = []
        for send, entry_id in zip(chunk, ids, strict=True):
            status = index.status(send.doi)
            if status.state is ClaimState.OURS:
                self.journal.mark_done(
                    entry_id, status.put_code, note="found on the record after the answer was lost"
                )
                claimed.append(
                    ItemResult(
                        send.doi, Outcome.CLAIMED, status.put_code, send.note, title=send.title
                    )
                )
            else:
                unsent_ids.append(entry_id)
                again.append(send)
        self.journal.mark_unsent(unsent_ids, note=f"not on the record after: {err}")
        # Sent twice, lost twice: stop rather than loop; they stay 'to send'.
        return claimed, again, any(s.doi in resent for s in again)

    @staticmethod
    def _report(
        on_progress: ProgressCallback | None, done: int, total: int, results: list[ItemResult]
    ) -> None:
        if on_progress is not None:
            on_progress(RunProgress(done, total, tuple(results)))
