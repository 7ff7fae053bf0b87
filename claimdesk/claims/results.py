"""What a claim run reports: one outcome per DOI, how the run ended, progress after each request.

Plain frozen data shared by the runner, the CLI, the GUI and the curator push.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field

from claimdesk.claims.reconcile import Reconciliation


class Outcome(enum.Enum):
    """What happened to one DOI in a run."""

    CLAIMED = "claimed"  # created by this run
    ALREADY = "already claimed"  # claimdesk's version was already on the record (409/9021)
    FAILED = "failed"  # ORCID refused it (or it could not be written); message says why
    PENDING = "pending"  # outcome unknown (answer lost, reconnect needed); settled later
    NOT_SENT = "not sent"  # cancelled or stopped before its request
    LOOKUP_FAILED = "look-up failed"  # DataCite/Crossref could not be asked; retry later
    REMOVED = "removed on orcid.org"  # deleted there since claimdesk added it; not re-added
    SKIPPED = "skipped"  # the plan left it out; message says why


#: Outcomes that leave a DOI not on the record although someone asked for it.
UNFINISHED = (Outcome.FAILED, Outcome.PENDING, Outcome.NOT_SENT, Outcome.LOOKUP_FAILED)


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
        """True if the run completed and every claim asked for is on the record (or skipped)."""
        return self.status is RunStatus.COMPLETED and not any(
            i.outcome in UNFINISHED for i in self.items
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
