"""What a bulk claim will do, decided before anything is sent (pure, no I/O).

``plan_claims`` takes the DOIs to claim (with the ORCID works built from their metadata), the
record as last read and the policy, and says for each DOI: send it, or skip it and why. The
runner (claims/runner.py) then sends what the plan says.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimdesk.claims.status import ClaimPolicy, ClaimStatus, Decision, RecordIndex
from claimdesk.orcid.ids import normalize_doi
from claimdesk.orcid.model import Work, WorksSummary

if TYPE_CHECKING:
    from claimdesk.claims.journal import JournalEntry
    from claimdesk.orcid.model import ExternalId
    from claimdesk.sources.records import DoiRecord


#: Why a DOI without metadata is skipped: it cannot be claimed at all.
NO_METADATA = "no metadata found for this DOI"
#: Why a DOI whose look-up failed is skipped this time (never "no metadata": nobody said so).
LOOKUP_FAILED = "its metadata could not be looked up"


@dataclass(frozen=True, slots=True)
class ClaimCandidate:
    """A DOI someone wants on the record, with the ORCID work to send for it.

    ``work`` is None when the DOI's metadata could not be found (it cannot be claimed then), or
    could not be looked up: then ``lookup_error`` says why (a retryable outcome of its own).
    """

    doi: str
    work: Work | None = None
    #: the DOI is a version or part of another DOI (claims/status.py VERSION_RELATIONS)
    is_version: bool = False
    title: str = ""
    lookup_error: str = ""
    #: said with the claim's result, e.g. that control characters were removed from the title
    note: str = ""

    @property
    def display_title(self) -> str:
        """The title to show: the work's, else the one given."""
        return self.work.title if self.work is not None else self.title


@dataclass(frozen=True, slots=True)
class PlannedClaim:
    """One DOI of a plan: its status on the record and whether it will be sent."""

    candidate: ClaimCandidate
    status: ClaimStatus
    decision: Decision
    #: why it is skipped, in words ("" when it is sent)
    reason: str = ""

    @property
    def doi(self) -> str:
        """The normalised DOI."""
        return self.status.doi

    @property
    def sends(self) -> bool:
        """True if the runner will send this claim."""
        return self.decision is Decision.CLAIM

    @property
    def unresolved(self) -> bool:
        """True if the policy would claim it but no metadata was found to build the work."""
        return self.reason == NO_METADATA

    @property
    def lookup_failed(self) -> bool:
        """True if the policy would claim it but its metadata look-up failed (retry later)."""
        return self.reason.startswith(LOOKUP_FAILED)


@dataclass(frozen=True, slots=True)
class ClaimPlan:
    """Every DOI asked for, in the order given, each marked send or skip."""

    items: tuple[PlannedClaim, ...] = ()
    policy: ClaimPolicy = ClaimPolicy()

    @property
    def to_send(self) -> tuple[PlannedClaim, ...]:
        """The claims the runner will send."""
        return tuple(item for item in self.items if item.sends)

    @property
    def skipped(self) -> tuple[PlannedClaim, ...]:
        """The DOIs left out, each with its reason."""
        return tuple(item for item in self.items if not item.sends)

    def __len__(self) -> int:
        return len(self.items)


def _doi_of_work(work: Work) -> str | None:
    ids: Iterable[ExternalId] = work.external_ids
    for ext in ids:
        if ext.type.lower() == "doi" and ext.relationship in (None, "self"):
            return ext.key[1] or None
    return None


def plan_claims(
    candidates: Iterable[ClaimCandidate | str],
    record: WorksSummary | RecordIndex,
    policy: ClaimPolicy | None = None,
    *,
    client_id: str | None = None,
) -> ClaimPlan:
    """Decide, for each DOI, whether a bulk claim sends it; pure and cheap.

    ``record`` is the record's works (then ``client_id`` says which are claimdesk's) or an index
    already built from them. Plain strings are DOIs without metadata: they are planned but skipped.
    A DOI listed twice is planned once.
    """
    policy = policy or ClaimPolicy()
    index = record if isinstance(record, RecordIndex) else RecordIndex.build(record, client_id)
    items: list[PlannedClaim] = []
    seen: set[str] = set()
    for raw in candidates:
        candidate = ClaimCandidate(raw) if isinstance(raw, str) else raw
        doi = normalize_doi(candidate.doi) or candidate.doi.strip().lower()
        status = index.status(doi, is_version=candidate.is_version)
        if doi in seen:
            continue
        seen.add(doi)
        decision, reason = policy.decide(status)
        if decision is Decision.CLAIM:
            if candidate.work is None and candidate.lookup_error:
                decision, reason = Decision.SKIP, f"{LOOKUP_FAILED}: {candidate.lookup_error}"
            elif candidate.work is None:
                decision, reason = Decision.SKIP, NO_METADATA
            elif _doi_of_work(candidate.work) != doi:
                decision, reason = Decision.SKIP, "the work does not carry this DOI as 'self'"
        items.append(PlannedClaim(candidate, status, decision, reason))
    return ClaimPlan(tuple(items), policy)


def candidate_from_record(record: DoiRecord) -> ClaimCandidate:
    """A claim candidate from a search result: its metadata as an ORCID work, version flag set.

    The flag is the record's ``is_version_or_part`` (DataCite IsVersionOf, IsPartOf,
    IsIdenticalTo, IsPreviousVersionOf pointing at another DOI).
    """
    from claimdesk.sources.convert import cleaned_fields, to_work

    cleaned = cleaned_fields(record)
    note = (
        f"characters XML cannot carry were removed from the {', '.join(cleaned)}" if cleaned else ""
    )
    return ClaimCandidate(
        doi=record.doi,
        work=to_work(record),
        is_version=record.is_version_or_part,
        title=record.title or "",
        note=note,
    )


def plan_from_entries(entries: Sequence[JournalEntry]) -> ClaimPlan:
    """A plan that sends journaled claims again as they were (retry of failed claims)."""
    from claimdesk.claims.status import ClaimState, ClaimStatus

    return ClaimPlan(
        tuple(
            PlannedClaim(
                ClaimCandidate(e.doi, e.work, title=e.title),
                ClaimStatus(e.doi, ClaimState.ABSENT),
                Decision.CLAIM,
            )
            for e in entries
            if e.has_work
        )
    )
