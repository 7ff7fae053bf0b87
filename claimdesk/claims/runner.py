"""The bulk claim runner: sends a :class:`ClaimPlan` to ORCID, ≤100 works per request.

All claims of a run are journaled (to send) before the first request; each chunk is marked
pending just before it is sent and done/failed from ORCID's per-item answer. Runs for one ORCID
iD go through one write queue, so they never interleave. Before each run the record's pending
claims are reconciled against a fresh read, and claims still to send — left by a crash, a kill,
a lost connection or a revoked sign-in — are sent with the run. A lost connection mid-run is
reconciled on the spot and the run carries on. So nothing is lost and nothing is duplicated
(and should a duplicate slip through, ORCID's 409/9021 counts as "already claimed").
"""

from __future__ import annotations

import enum
import re
import secrets
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypeVar

from claimdesk.claims.journal import ClaimJournal, JournalEntry, Reconciliation, reconcile
from claimdesk.claims.plan import ClaimCandidate, ClaimPlan
from claimdesk.claims.status import ClaimState, RecordIndex
from claimdesk.errors import ClaimdeskError, MessageError, TransportError
from claimdesk.orcid.errors import (
    ERROR_CODE_TEXT,
    InvalidTokenError,
    OrcidApiError,
    RateLimitedError,
)
from claimdesk.orcid.model import BULK_MAX, ErrorBody, Work
from claimdesk.orcid.validate import SCHEMA_ERROR, InvalidWorkError

if TYPE_CHECKING:
    from claimdesk.config import Settings
    from claimdesk.orcid.client import OrcidClient

#: "409 Conflict: " in front of ORCID's developer messages.
_STATUS_PREFIX = re.compile(r"^\d{3}[A-Za-z ]*:\s*")
_PUT_CODE_RE = re.compile(r"put-code\D{0,3}(\d+)", re.IGNORECASE)


class Outcome(enum.Enum):
    """What happened to one DOI in a run."""

    CLAIMED = "claimed"  # created by this run
    ALREADY = "already claimed"  # claimdesk's version was already on the record (409/9021)
    FAILED = "failed"  # ORCID refused it; message says why
    PENDING = "pending"  # outcome unknown (connection lost / reconnect needed); reconciled later
    NOT_SENT = "not sent"  # cancelled or stopped before its request
    SKIPPED = "skipped"  # the plan left it out; message says why


@dataclass(frozen=True, slots=True)
class ItemResult:
    """The outcome for one DOI."""

    doi: str
    outcome: Outcome
    put_code: int | None = None
    message: str = ""
    error_code: int | None = None
    title: str = ""


class RunStatus(enum.Enum):
    """How a run ended."""

    COMPLETED = "completed"
    CANCELLED = "cancelled"
    CONNECTION_LOST = "connection lost"
    RECONNECT_NEEDED = "reconnect needed"
    BUSY = "ORCID busy"  # 429/503 still answered after the client's retries


@dataclass(frozen=True, slots=True)
class RunProgress:
    """Reported after each request: counts so far and the results that request produced."""

    done: int
    total: int
    results: tuple[ItemResult, ...]


@dataclass(frozen=True, slots=True)
class RunResult:
    """Everything a run did, per DOI, and how it ended."""

    run_id: str
    status: RunStatus
    items: tuple[ItemResult, ...]
    requests: int = 0
    message: str = ""
    reconciled: Reconciliation = field(default_factory=Reconciliation)

    def by_outcome(self, outcome: Outcome) -> tuple[ItemResult, ...]:
        """The results with one outcome."""
        return tuple(item for item in self.items if item.outcome is outcome)

    @property
    def failed(self) -> tuple[ItemResult, ...]:
        """Claims ORCID refused."""
        return self.by_outcome(Outcome.FAILED)

    @property
    def ok(self) -> bool:
        """True if the run completed and no claim failed or was left pending."""
        return self.status is RunStatus.COMPLETED and not any(
            i.outcome in (Outcome.FAILED, Outcome.PENDING, Outcome.NOT_SENT) for i in self.items
        )

    def summary(self) -> str:
        """Counts in words, e.g. ``248 claimed, 1 already claimed, 1 failed``."""
        parts = [
            f"{len(found)} {outcome.value}"
            for outcome in Outcome
            if (found := self.by_outcome(outcome))
        ]
        text = ", ".join(parts) or "nothing to do"
        return f"{text} — {self.message}" if self.message else text


ProgressCallback = Callable[[RunProgress], None]


class WriteQueues:
    """One lock per (environment, ORCID iD): writes to one record are never interleaved."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[tuple[str, str], threading.Lock] = {}

    def lock_for(self, env: str, orcid: str) -> threading.Lock:
        """The lock of one record's write queue."""
        with self._guard:
            return self._locks.setdefault((env, orcid), threading.Lock())


#: The process-wide write queues (a plain object; runners may be given their own).
WRITE_QUEUES = WriteQueues()


def describe_item_error(error: ErrorBody) -> str:
    """One refused claim in words: ORCID's meaning of the code, then ORCID's own detail.

    The developer message is preferred (as volpino does): ORCID's user message is often a
    generic "There was an error when updating the record".
    """
    words = ERROR_CODE_TEXT.get(error.error_code or 0)
    detail = _STATUS_PREFIX.sub("", (error.developer_message or error.user_message or "").strip())
    if len(detail) > 160:
        detail = detail[:159].rstrip() + "…"
    code = f" (error {error.error_code})" if error.error_code else ""
    if words and detail and detail.lower() != words.lower():
        return f"{words}{code}: {detail}"
    return f"{words or detail or f'HTTP {error.status}'}{code}"


def put_code_from_conflict(error: ErrorBody) -> int | None:
    """The put-code of the existing work named in a 409/9021 message, if it names one."""
    for text in (error.developer_message, error.user_message):
        match = _PUT_CODE_RE.search(text or "")
        if match:
            return int(match.group(1))
    return None


def _is_duplicate(error: ErrorBody) -> bool:
    return error.error_code == 9021


def _new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ-") + secrets.token_hex(3)


@dataclass(slots=True)
class _Send:
    doi: str
    work: Work
    title: str


def _same_outcome(sends: Iterable[_Send], outcome: Outcome, message: str = "") -> list[ItemResult]:
    """One result per DOI of ``sends``, all with ``outcome`` and ``message`` (no put-code)."""
    return [ItemResult(s.doi, outcome, message=message, title=s.title) for s in sends]


_T = TypeVar("_T")


def chunked(items: list[_T], size: int, first: Sequence[int] = ()) -> list[list[_T]]:
    """``items`` in requests of ``first[0]``, ``first[1]``, … items, then ``size`` each."""
    out: list[list[_T]] = []
    start = 0
    for n in (*first, *([size] * len(items))):
        if start >= len(items):
            break
        out.append(items[start : start + n])
        start += n
    return out


class ClaimRunner:
    """Sends claim plans for one ORCID record through an :class:`OrcidClient`.

    ``settings`` are the client's: its environment and client id (which works are claimdesk's).

    ``on_transport_error``: ``"reconcile"`` (default) re-reads the record after a lost connection
    and carries on; ``"stop"`` ends the run at once, leaving the chunk pending for the next run.
    """

    def __init__(
        self,
        settings: Settings,
        client: OrcidClient,
        journal: ClaimJournal,
        *,
        queues: WriteQueues = WRITE_QUEUES,
        chunk_size: int = BULK_MAX,
        on_transport_error: str = "reconcile",
        first_chunks: Sequence[int] = (),
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
        self._queue = queues.lock_for(self.env, self.orcid)
        self.chunk_size = chunk_size
        self.first_chunks = tuple(min(max(1, n), chunk_size) for n in first_chunks)
        self.on_transport_error = on_transport_error

    # -- reconcile ----------------------------------------------------------------------------

    def reconcile(self) -> tuple[Reconciliation, RecordIndex | None]:
        """Resolve this record's pending claims by re-reading it (only if any are pending)."""
        with self._queue:
            return self._reconcile()

    def _reconcile(self) -> tuple[Reconciliation, RecordIndex | None]:
        if not self.journal.pending(self.env, self.orcid):
            return Reconciliation(), None
        works = self.client.read_works()
        found = reconcile(self.journal, self.env, self.orcid, works, self.client_id)
        return found, RecordIndex.build(works, self.client_id, record_orcid=self.orcid)

    # -- run ----------------------------------------------------------------------------------

    def run(
        self,
        plan: ClaimPlan,
        *,
        on_progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        resume: bool = True,
    ) -> RunResult:
        """Send the plan's claims; with ``resume``, also claims earlier runs left unsent.

        Blocks while another run for the same record is in progress.
        """
        with self._queue:
            return self._run(plan, on_progress, cancel, resume)

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
    ) -> RunResult:
        run_id = _new_run_id()
        results: list[ItemResult] = [
            ItemResult(
                p.doi, Outcome.SKIPPED, p.status.put_code, p.reason, title=p.candidate.display_title
            )
            for p in plan.skipped
        ]
        sends = [
            _Send(p.doi, p.candidate.work, p.candidate.display_title)
            for p in plan.to_send
            if p.candidate.work is not None
        ]

        try:
            reconciled, fresh = self._reconcile()
        except InvalidTokenError as err:
            results += _same_outcome(sends, Outcome.NOT_SENT)
            return RunResult(run_id, RunStatus.RECONNECT_NEEDED, tuple(results), 0, str(err))
        except (TransportError, MessageError) as err:
            results += _same_outcome(sends, Outcome.NOT_SENT)
            message = f"could not re-read the record to reconcile earlier claims: {err}"
            return RunResult(run_id, RunStatus.CONNECTION_LOST, tuple(results), 0, message)

        if fresh is not None:
            # The record was just read: a DOI that turns out to be ours already is not sent.
            still: list[_Send] = []
            for send in sends:
                status = fresh.status(send.doi)
                if status.state is ClaimState.OURS:
                    results.append(
                        ItemResult(
                            send.doi,
                            Outcome.ALREADY,
                            status.put_code,
                            "already on the record — added by claimdesk",
                            title=send.title,
                        )
                    )
                else:
                    still.append(send)
            sends = still
        if resume:
            # Claims an earlier run journaled but never got on the record: the user asked for
            # them then, so they are sent even if this plan would skip them.
            planned = {s.doi for s in sends} | {
                r.doi for r in results if r.outcome is Outcome.ALREADY
            }
            resumed = {}
            for entry in self.journal.unsent(self.env, self.orcid):
                if entry.doi not in planned and entry.doi not in resumed:
                    resumed[entry.doi] = _Send(entry.doi, entry.work, entry.title)
            results = [r for r in results if r.doi not in resumed]
            sends += resumed.values()

        return self._send_all(run_id, sends, results, reconciled, on_progress, cancel)

    def _send_all(
        self,
        run_id: str,
        sends: list[_Send],
        results: list[ItemResult],
        reconciled: Reconciliation,
        on_progress: ProgressCallback | None,
        cancel: threading.Event | None,
    ) -> RunResult:
        total = len(sends)
        done = 0
        requests = 0
        status = RunStatus.COMPLETED
        message = ""
        # Every claim of the run is on disk before the first request: a kill at any point
        # leaves each one pending (reconciled) or to send (sent by the next run).
        all_ids = self.journal.queue(self.env, self.orcid, run_id, [(s.doi, s.work) for s in sends])
        ids_of = {s.doi: entry_id for s, entry_id in zip(sends, all_ids, strict=True)}
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
            try:
                answer = self.client.add_works([s.work for s in chunk])
                if len(answer) != len(chunk):
                    raise MessageError(
                        f"ORCID answered {len(answer)} items for a bulk of {len(chunk)}"
                    )
            except InvalidWorkError as err:
                # Refused before any request: that claim fails alone, in words; the rest goes on.
                requests -= 1
                bad = chunk[err.index or 0]
                failed = self._failed(bad, ids_of[bad.doi], str(err), SCHEMA_ERROR)
                results.append(failed)
                done += 1
                self._report(on_progress, done, total, [failed])
                rest = [s for s in chunk if s is not bad]
                if rest:
                    queue.insert(0, rest)
                continue
            except InvalidTokenError as err:
                # Nothing was written, but keep the chunk pending: the next run reconciles it.
                results += _same_outcome(chunk, Outcome.PENDING, "reconnect needed")
                status, message = RunStatus.RECONNECT_NEEDED, str(err)
                break
            except (TransportError, MessageError) as err:
                recovered = self._recover(chunk, ids, err, resent)
                if recovered is None:
                    results += _same_outcome(
                        chunk, Outcome.PENDING, "connection lost; checked on the next run"
                    )
                    status = RunStatus.CONNECTION_LOST
                    message = f"{err}; the last request's claims are pending until the next run"
                    break
                claimed, again, stop = recovered
                results += claimed
                done += len(claimed)
                self._report(on_progress, done, total, claimed)
                if stop:
                    results += _same_outcome(
                        again, Outcome.NOT_SENT, "lost twice; sent again with the next run"
                    )
                    status = RunStatus.CONNECTION_LOST
                    message = f"{err}; stopped after the connection was lost twice"
                    break
                if again:
                    resent.update(s.doi for s in again)
                    queue.insert(0, again)
                continue
            except RateLimitedError as err:
                # ORCID did nothing with this request; stop rather than press on.
                self.journal.mark_unsent(ids, note="ORCID was busy; the next run sends it")
                results += _same_outcome(chunk, Outcome.NOT_SENT, "ORCID was busy")
                status, message = RunStatus.BUSY, str(err)
                break
            except OrcidApiError as err:
                # The whole request was refused (record full, server error…).
                chunk_results = []
                for send, entry_id in zip(chunk, ids, strict=True):
                    words = ERROR_CODE_TEXT.get(err.error_code or 0)
                    text = str(err) if not words else f"{words} (error {err.error_code})"
                    chunk_results.append(self._failed(send, entry_id, text, err.error_code))
                results += chunk_results
                done += len(chunk)
                self._report(on_progress, done, total, chunk_results)
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
        results += _same_outcome(unsent, Outcome.NOT_SENT, note)
        return RunResult(run_id, status, tuple(results), requests, message, reconciled)

    def _failed(self, send: _Send, entry_id: int, text: str, error_code: int | None) -> ItemResult:
        """Journal ``send`` as refused by ORCID (``text`` says why) and report it so."""
        self.journal.mark_failed(entry_id, text, error_code=error_code)
        return ItemResult(
            send.doi, Outcome.FAILED, message=text, error_code=error_code, title=send.title
        )

    def _already(self, send: _Send, entry_id: int, put_code: int | None) -> ItemResult:
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
        self, chunk: Sequence[_Send], ids: Sequence[int], answer: Sequence[Work | ErrorBody]
    ) -> list[ItemResult]:
        """Journal and report each slot of a bulk answer."""
        out: list[ItemResult] = []
        unknown: list[tuple[_Send, int]] = []
        for send, entry_id, item in zip(chunk, ids, answer, strict=True):
            if isinstance(item, Work):
                self.journal.mark_done(entry_id, item.put_code)
                out.append(ItemResult(send.doi, Outcome.CLAIMED, item.put_code, title=send.title))
            elif _is_duplicate(item):
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
        self, chunk: list[_Send], ids: Sequence[int], err: ClaimdeskError, resent: set[str]
    ) -> tuple[list[ItemResult], list[_Send], bool] | None:
        """After a lost connection: reconcile, and say which claims to send once more.

        None means stop with the chunk still pending (policy ``stop``, or the record could not be
        re-read); the flag means stop after reconciling (the chunk was already sent twice).
        """
        if self.on_transport_error != "reconcile":
            return None
        try:
            works = self.client.read_works()
        except (TransportError, MessageError, OrcidApiError):
            return None
        index = RecordIndex.build(works, self.client_id, record_orcid=self.orcid)
        claimed: list[ItemResult] = []
        again: list[_Send] = []
        unsent_ids: list[int] = []
        for send, entry_id in zip(chunk, ids, strict=True):
            status = index.status(send.doi)
            if status.state is ClaimState.OURS:
                self.journal.mark_done(
                    entry_id,
                    status.put_code,
                    note="confirmed by re-reading after a lost connection",
                )
                claimed.append(
                    ItemResult(send.doi, Outcome.CLAIMED, status.put_code, title=send.title)
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


def plan_from_entries(entries: Sequence[JournalEntry]) -> ClaimPlan:
    """A plan that sends journaled claims again as they were (retry of failed claims)."""
    from claimdesk.claims.plan import PlannedClaim
    from claimdesk.claims.status import ClaimStatus, Decision

    return ClaimPlan(
        tuple(
            PlannedClaim(
                ClaimCandidate(e.doi, e.work, title=e.title),
                ClaimStatus(e.doi, ClaimState.ABSENT),
                Decision.CLAIM,
            )
            for e in entries
        )
    )
