"""Settling claims whose outcome is unknown, by reading the record once no write can be in flight.

A write whose answer was lost (timeout, dropped connection, 5xx) may or may not have been saved,
and ORCID may still be saving it: a read made at once can miss it, and a claim resent on that
read's word becomes a duplicate. So a read is trusted only after the write's time is up (its
request timeout, again, plus an allowance for reads that lag writes), and only once two reads in
a row, spaced out with backoff, agree. Then :func:`reconcile` brings the journal in line with it:

- ``pending`` → ``done`` if claimdesk's version of the DOI is on the record, else ``unsent``;
- ``failed`` → ``done`` if it is on the record after all (an older claimdesk marked 5xx answers
  ``failed`` although ORCID had saved the works);
- ``done`` → ``removed`` when its put-code is gone from the record and no claimdesk version of
  the DOI is left: someone deleted it on orcid.org. It is never re-added without being asked.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimdesk.claims.journal import ClaimJournal, JournalEntry, JournalState, stamp_seconds
from claimdesk.claims.status import ClaimState, RecordIndex

if TYPE_CHECKING:
    from claimdesk.orcid.model import WorksSummary


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """What reconciling the journal with a read of the record found."""

    done: tuple[JournalEntry, ...] = ()
    unsent: tuple[JournalEntry, ...] = ()
    removed: tuple[JournalEntry, ...] = ()

    def __len__(self) -> int:
        return len(self.done) + len(self.unsent)

    def describe(self) -> str:
        """In words, e.g. ``3 on the record, 2 to send again``."""
        parts = []
        if self.done:
            parts.append(f"{len(self.done)} on the record")
        if self.unsent:
            parts.append(f"{len(self.unsent)} to send again")
        if self.removed:
            parts.append(f"{len(self.removed)} removed on orcid.org")
        return ", ".join(parts) or "nothing to settle"


@dataclass(frozen=True, slots=True)
class SettlePolicy:
    """When a read of the record can be trusted after a write with an unknown outcome.

    ``in_flight``: how long a write may still be saved after its request went out (at least the
    client's request timeout); ``lag``: how long until a saved work shows in reads; then reads
    ``interval`` apart (doubling) until two agree, at most ``max_reads``.
    """

    in_flight: float
    lag: float = 1.0
    interval: float = 0.5
    max_reads: int = 5

    @classmethod
    def for_timeout(cls, timeout: float) -> SettlePolicy:
        """The policy for a client whose requests time out after ``timeout`` seconds.

        The lag allowance and the read spacing shrink with very short timeouts (a local
        sandbox, the tests): there the server is the same machine.
        """
        return cls(in_flight=timeout, lag=min(1.0, timeout), interval=min(0.5, timeout / 4))


def settled_read(
    read: Callable[[], WorksSummary],
    client_id: str | None,
    orcid: str,
    dois: Collection[str],
    *,
    sent_at: float,
    policy: SettlePolicy,
    sleep: Callable[[float], None] = time.sleep,
) -> RecordIndex:
    """The record once writes sent at ``sent_at`` (epoch seconds) can no longer change it.

    Waits until ``sent_at + in_flight + lag``, then reads until two reads in a row agree on
    where ``dois`` stand (one read if there are none). Raises what ``read`` raises.
    """
    wait = sent_at + policy.in_flight + policy.lag - time.time()
    if wait > 0:
        sleep(wait)

    def snapshot(index: RecordIndex) -> dict[str, tuple[ClaimState, int | None]]:
        return {doi: (s.state, s.put_code) for doi in dois for s in (index.status(doi),)}

    index = RecordIndex.build(read(), client_id, record_orcid=orcid)
    if not dois:
        return index  # nothing in doubt: one read after the lag is the answer
    seen = snapshot(index)
    gap = policy.interval
    for _ in range(max(1, policy.max_reads - 1)):
        sleep(gap)
        index = RecordIndex.build(read(), client_id, record_orcid=orcid)
        now = snapshot(index)
        if now == seen:
            break
        seen, gap = now, gap * 2
    return index


def reconcile(
    journal: ClaimJournal,
    env: str,
    orcid: str,
    index: RecordIndex,
    *,
    removed_before: float | None = None,
) -> Reconciliation:
    """Bring this record's journal in line with ``index``, a settled read of the record.

    ``removed_before`` (epoch seconds): done claims last written before then whose work is gone
    are marked removed on orcid.org; None leaves done claims alone.
    """
    done: list[JournalEntry] = []
    unsent: list[JournalEntry] = []
    removed: list[JournalEntry] = []
    for entry in journal.pending(env, orcid):
        status = index.status(entry.doi)
        if status.state is ClaimState.OURS:
            journal.mark_done(entry.id, status.put_code, note="found on the record when settling")
            done.append(entry)
        else:
            unsent.append(entry)
    journal.mark_unsent((e.id for e in unsent), note="not on the record when settled")
    for entry in journal.failed(env, orcid):
        status = index.status(entry.doi)
        if status.state is ClaimState.OURS:
            journal.mark_done(entry.id, status.put_code, note="on the record after all")
            done.append(entry)
    if removed_before is not None:
        for entry in journal.in_state(env, orcid, JournalState.DONE):
            status = index.status(entry.doi)
            if status.state is ClaimState.OURS:
                if status.put_code != entry.put_code and status.put_code is not None:
                    # still claimdesk's, under another put-code (ORCID renumbered or merged it)
                    journal.mark_done(entry.id, status.put_code, note=entry.note)
            elif stamp_seconds(entry.updated) < removed_before:
                journal.mark_removed(entry.id)
                removed.append(entry)
        for state in (JournalState.REMOVED, JournalState.LEFT_REMOVED):
            for entry in journal.in_state(env, orcid, state):
                status = index.status(entry.doi)
                if status.state is ClaimState.OURS:
                    journal.mark_done(entry.id, status.put_code, note="back on the record")
    return Reconciliation(tuple(done), tuple(unsent), tuple(removed))
