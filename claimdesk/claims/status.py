"""Claim status of DOIs against one ORCID record, and the policy that decides what to claim.

The record is indexed once (normalised DOI → who has it on the record), so marking thousands of
search results is a dictionary lookup each. Only ``self`` DOIs count: they are what ORCID matches
when it refuses a duplicate (409/9021, reference/orcid-api.md §2.5) and what Search & Link treated
as "already claimed" (reference/claim-peers.md §9).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from claimdesk.orcid.ids import normalize_doi
from claimdesk.orcid.model import WorksSummary, WorkSummary

#: DataCite relation types that make a DOI a version or part of another one; such DOIs would
#: flood the record with near-duplicates (datacite/datacite#711), so bulk claims skip them.
VERSION_RELATIONS = frozenset({"isversionof", "ispartof", "isidenticalto", "ispreviousversionof"})

#: How the record owner appears when they typed a work in themselves.
_PERSON_SOURCE = "the researcher"
#: Relationships under which a DOI identifies the work itself (what ORCID's 409 compares).
_SELF = (None, "self")
#: A DOI already in normalised form (lower case, nothing to strip), so normalising is skipped.
_PLAIN_DOI = re.compile(r"10\.[0-9a-z.]+/[^\sA-Z%&]*[0-9a-z]")
#: Prefixes normalize_doi strips, tested first (lower case) before the full normalisation.
_DOI_PREFIXES = (
    "https://doi.org/",
    "http://doi.org/",
    "https://dx.doi.org/",
    "http://dx.doi.org/",
    "doi:",
)


def _normalized(doi: str) -> str:
    """``normalize_doi`` with a shortcut for the usual forms: upper case, a resolver URL, doi:.

    Search results give DOIs in those forms; normalising each in full cost more than half of
    marking 10,000 of them.
    """
    text = doi.strip().lower()
    for prefix in _DOI_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    if _PLAIN_DOI.fullmatch(text):
        return text
    return normalize_doi(doi) or doi.strip().lower()


def is_version_relation(relation_types: Iterable[str]) -> bool:
    """True if any DataCite ``relationType`` marks a DOI as a version or part of another."""
    return any(r.lower() in VERSION_RELATIONS for r in relation_types if r)


#: A DOI claimdesk added that was deleted on orcid.org since, in words.
REMOVED_LABEL = "removed on orcid.org since claimdesk added it"


class ClaimState(enum.Enum):
    """Where a DOI stands on the record."""

    OURS = "ours"  # a version added by claimdesk is on the record
    OTHERS = "others"  # only other sources (or the researcher) have it
    ABSENT = "absent"  # no version from anyone


_OURS, _OTHERS, _ABSENT = ClaimState.OURS, ClaimState.OTHERS, ClaimState.ABSENT


@dataclass(frozen=True, slots=True)
class ClaimStatus:
    """One DOI's status on one record, with what a person needs to see."""

    doi: str
    state: ClaimState
    #: put-code of claimdesk's version (state OURS)
    put_code: int | None = None
    #: names of the other sources that have a version of this DOI on the record
    sources: tuple[str, ...] = ()
    #: the DOI is a version or part of another DOI (DataCite relation types)
    is_version: bool = False
    #: on the record, but no version is public: ORCID's public data (and the round trip, which
    #: reads it) do not show it, while a signed-in read does
    not_public: bool = False
    #: claimdesk added it, and it was deleted on orcid.org since (the claim journal says)
    removed: bool = False

    @property
    def on_record(self) -> bool:
        """True if any source has the DOI on the record."""
        return self.state is not ClaimState.ABSENT

    @property
    def label(self) -> str:
        """The status in words, as the Search view and ``claimdesk search`` show it."""
        where = "on record, not public" if self.not_public else "on record"
        if self.state is ClaimState.OURS:
            return f"{where} — added by claimdesk (put-code {self.put_code})"
        if self.state is ClaimState.OTHERS:
            return f"{where} from " + ", ".join(self.sources)
        if self.removed:
            return REMOVED_LABEL
        return "not on record"


def _source_name(summary: WorkSummary, record_orcid: str | None) -> str:
    source = summary.source
    if source is None:
        return "an unknown source"
    if source.orcid and source.orcid == record_orcid and not source.client_id:
        return source.name or _PERSON_SOURCE
    return source.name or source.id or "an unknown source"


class RecordIndex:
    """A record's works indexed by normalised DOI; build once per record read.

    Statuses are made on first lookup and kept, so marking a page of search results twice costs
    nothing the second time.
    """

    __slots__ = ("_ours", "_others", "_public", "_cache", "_removed", "client_id")

    def __init__(
        self,
        ours: dict[str, int | None],
        others: dict[str, list[str]] | None = None,
        client_id: str | None = None,
        public: set[str] | None = None,
    ) -> None:
        self._ours = ours
        self._others = others or {}
        #: DOIs with at least one public version (None: every DOI counts as public)
        self._public = public
        self._cache: dict[str, ClaimStatus] = {}
        self._removed: frozenset[str] = frozenset()
        self.client_id = client_id

    def note_removed(self, dois: Iterable[str]) -> RecordIndex:
        """Mark DOIs the claim journal has as deleted on orcid.org since claimdesk added them
        (those not on the record show "removed on orcid.org"); returns self."""
        self._removed = frozenset(dois)
        self._cache.clear()
        return self

    @classmethod
    def empty(cls, client_id: str | None = None) -> RecordIndex:
        """The index of a record with no works."""
        return cls({}, {}, client_id)

    @classmethod
    def build(
        cls, works: WorksSummary, client_id: str | None, *, record_orcid: str | None = None
    ) -> RecordIndex:
        """Index ``works`` (as read from ``GET /works``); ``client_id`` decides what is ours."""
        ours: dict[str, int | None] = {}
        others: dict[str, list[str]] = {}
        public: set[str] = set()
        person = record_orcid or works.path
        # A hot loop on 10,000-work records: the model's helpers (dois(), key) are inlined.
        for group in works.groups:
            for summary in group.summaries:
                source = summary.source
                owned = bool(client_id) and source is not None and source.client_id == client_id
                shown = summary.visibility in (None, "public")
                for ext in summary.external_ids:
                    if ext.relationship not in _SELF or (
                        ext.type != "doi" and ext.type.lower() != "doi"
                    ):
                        continue
                    doi = ext.normalized or normalize_doi(ext.value)
                    if not doi:
                        continue
                    if shown:
                        public.add(doi)
                    if owned:
                        # Keep the first put-code seen; ORCID allows one per DOI per source.
                        ours.setdefault(doi, summary.put_code)
                    else:
                        names = others.setdefault(doi, [])
                        name = _source_name(summary, person)
                        if name not in names:
                            names.append(name)
        return cls(ours, others, client_id, public)

    def __len__(self) -> int:
        return len(self._ours.keys() | self._others.keys())

    def __contains__(self, doi: object) -> bool:
        return isinstance(doi, str) and self.status(doi).on_record

    def status(self, doi: str, *, is_version: bool = False) -> ClaimStatus:
        """The status of ``doi`` (any usual DOI form) on the indexed record."""
        found = self._cache.get(doi)
        if found is None:
            norm = doi if _PLAIN_DOI.fullmatch(doi) else _normalized(doi)
            found = self._cache.get(norm) or self._make(norm)
            self._cache[doi] = found
        return replace(found, is_version=True) if is_version else found

    def _make(self, doi: str) -> ClaimStatus:
        # Enum members are looked up once (_OURS…): ClaimState.X costs a descriptor call each time.
        others = self._others.get(doi)
        names = tuple(others) if others else ()
        hidden = self._public is not None and doi not in self._public
        if doi in self._ours:
            status = ClaimStatus(doi, _OURS, self._ours[doi], names, not_public=hidden)
        elif names:
            status = ClaimStatus(doi, _OTHERS, sources=names, not_public=hidden)
        else:
            status = ClaimStatus(doi, _ABSENT, removed=doi in self._removed)
        self._cache[doi] = status
        return status

    def statuses(
        self, dois: Iterable[str], *, versions: Iterable[str] = ()
    ) -> dict[str, ClaimStatus]:
        """Status of every DOI, keyed by the DOI as given; ``versions`` lists flagged DOIs."""
        flagged = set(versions)
        status = self.status
        return {doi: status(doi, is_version=doi in flagged) for doi in dois}


class Decision(enum.Enum):
    """What a bulk claim does with one DOI."""

    CLAIM = "claim"
    SKIP = "skip"


@dataclass(frozen=True, slots=True)
class ClaimPolicy:
    """Which DOIs to offer for claiming.

    The default is Search & Link's rule: only DOIs that no source has on the record yet, and no
    DOIs that are versions or parts of another.
    """

    #: also add claimdesk's own version where other sources already have the DOI (ORCID groups them)
    allow_own_version: bool = False
    #: also claim DOIs flagged as versions/parts of another DOI
    include_versions: bool = False

    def decide(self, status: ClaimStatus) -> tuple[Decision, str]:
        """Claim or skip, with the reason in words when skipping."""
        where = "already on the record"
        if status.not_public:
            # Public data (the round trip) cannot see it; say why it is skipped all the same.
            where = "already on the record, not public (public data do not show it)"
        if status.state is ClaimState.OURS:
            return Decision.SKIP, f"{where} — added by claimdesk"
        if status.state is ClaimState.OTHERS and not self.allow_own_version:
            return Decision.SKIP, f"{where} from " + ", ".join(status.sources)
        if status.is_version and not self.include_versions:
            return Decision.SKIP, "a version or part of another DOI"
        if status.removed:
            return Decision.SKIP, REMOVED_LABEL + " — add it again from History or claim --readd"
        return Decision.CLAIM, ""

    def offers(self, status: ClaimStatus) -> bool:
        """True if the Search view should offer to claim this DOI."""
        return self.decide(status)[0] is Decision.CLAIM
