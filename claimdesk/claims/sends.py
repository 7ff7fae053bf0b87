"""The claims a run sends, checked again once it holds the record's write lock.

A plan is made from a read that may be minutes old, and another writer may have added works
since; the journal may know that a DOI was claimed moments ago (not yet in ORCID's reads) or was
deleted on orcid.org since claimdesk added it. :func:`screen` drops each such DOI, with its
outcome in words, and keeps the rest to send.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from claimdesk.claims.journal import JournalEntry, JournalState
from claimdesk.claims.results import ItemResult, Outcome
from claimdesk.claims.status import ClaimState, RecordIndex
from claimdesk.orcid.model import Work

_T = TypeVar("_T")
_REMOVED = (JournalState.REMOVED, JournalState.LEFT_REMOVED)
REMOVED_TEXT = (
    "deleted on orcid.org since claimdesk added it; not added again unless you ask "
    "(claim --readd, or 'Add again' in History)"
)


@dataclass(slots=True)
class Send:
    """One claim to send: the DOI, the work, the title to show."""

    doi: str
    work: Work
    title: str
    note: str = ""  # said with the result (e.g. "control characters removed from the title")


def same_outcome(sends: Iterable[Send], outcome: Outcome, message: str = "") -> list[ItemResult]:
    """One result per DOI of ``sends``, all with ``outcome`` and ``message`` (no put-code)."""
    return [ItemResult(s.doi, outcome, message=message, title=s.title) for s in sends]


def screen(
    sends: Sequence[Send],
    fresh: RecordIndex,
    latest: Mapping[str, JournalEntry],
    *,
    readd: bool = False,
) -> tuple[list[Send], list[ItemResult]]:
    """Split ``sends`` into those still to send and results for those not to send.

    ``fresh`` is the record read under the lock; ``latest`` the journal's newest claim per DOI.
    ``readd``: the user asked to add again DOIs deleted on orcid.org.
    """
    still: list[Send] = []
    results: list[ItemResult] = []
    for send in sends:
        status = fresh.status(send.doi)
        entry = latest.get(send.doi)
        if status.state is ClaimState.OURS:
            text = "already on the record — added by claimdesk"
            results.append(
                ItemResult(send.doi, Outcome.ALREADY, status.put_code, text, title=send.title)
            )
        elif entry is not None and entry.state is JournalState.DONE:
            # Done so recently that reads may not show it yet (it is not called removed
            # before then): sending it again could make a second copy.
            text = "claimed moments ago; not yet in ORCID's answers"
            results.append(
                ItemResult(send.doi, Outcome.ALREADY, entry.put_code, text, title=send.title)
            )
        elif entry is not None and not readd and entry.state in _REMOVED:
            results.append(
                ItemResult(
                    send.doi, Outcome.REMOVED, entry.put_code, REMOVED_TEXT, title=send.title
                )
            )
        else:
            still.append(send)
    return still, results


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
