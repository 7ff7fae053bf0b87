"""The sandbox's ORCID records: works per iD, ORCID's write rules, and grouping as ORCID groups.

Pure Python, no HTTP: :mod:`claimdesk.sandbox.orcid_api` translates requests into calls here and
:class:`~claimdesk.sandbox.refusals.Refusal` (carrying ORCID's error body) into error responses.
The rules follow reference/orcid-api.md §2; groups are computed on every read by
:mod:`claimdesk.sandbox.grouping`. Put-codes are global to the store, like ORCID's.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from claimdesk.orcid.model import BULK_MAX, ErrorBody, Source, Work, WorksSummary, WorkSummary
from claimdesk.sandbox.grouping import group_summaries
from claimdesk.sandbox.refusals import Refusal, duplicate_message, orcid_error, validate_incoming

if TYPE_CHECKING:
    from claimdesk.sandbox.seeds import SeedResult

MAX_WORKS = 10_000
FIRST_PUT_CODE = 1_000_001


def iso_now() -> str:
    """Current UTC time the way ORCID writes it: ``2020-01-02T03:04:05.678Z``."""
    return iso(datetime.now(UTC))


def iso(moment: datetime) -> str:
    """``moment`` (aware or naive UTC) as ISO 8601 with milliseconds and ``Z``."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def source_key(source: Source | None) -> str | None:
    """Who counts as "the same source" for duplicates and ownership: client id or iD."""
    return source.id if source else None


@dataclass(slots=True)
class _Stored:
    work: Work
    display_index: int


@dataclass(slots=True)
class Researcher:
    """A seeded person who can sign in at the consent page."""

    orcid: str
    name: str


class Store:
    """All records of the sandbox. Thread-safe; every public method takes the lock."""

    def __init__(self, clock: Callable[[], str] = iso_now) -> None:
        self._lock = threading.RLock()
        self._records: dict[str, dict[int, _Stored]] = {}
        # Per record: self id (type, normalised value) → put-codes holding it, so duplicate
        # checks stay cheap on a 10,000-work record.
        self._by_self_id: dict[str, dict[tuple[str, str], set[int]]] = {}
        self._researchers: dict[str, Researcher] = {}
        self._positions: dict[str, int] = {}  # iD → order added (search answers in this order)
        self._next_put_code = FIRST_PUT_CODE
        self.clock = clock
        self.max_works = MAX_WORKS
        #: what the seed put here (researchers, DOIs with metadata), set by ``seeds.seed``
        self.seeded: SeedResult | None = None
        # self id → iDs listing it, built on the first search after a write (curator round trip:
        # thousands of doi-self searches over thousands of records; every write drops it)
        self._self_ids: dict[tuple[str, str], list[str]] | None = None
        #: False switches off the 409/9021 refusal of a second version from the same source, so
        #: tests can prove claimdesk never relies on it
        self.refuse_duplicates = True
        #: seconds before a new work shows in API reads of the record (eventual consistency)
        self.read_lag = 0.0
        self._born: dict[int, float] = {}  # put-code → time.monotonic() it was stored

    # -- researchers -------------------------------------------------------------------------

    def add_researcher(self, orcid: str, name: str) -> None:
        """Create an (empty) record for ``orcid``."""
        with self._lock:
            self._researchers[orcid] = Researcher(orcid, name)
            self._positions.setdefault(orcid, len(self._positions))
            self._records.setdefault(orcid, {})

    def researchers(self) -> list[Researcher]:
        """Everyone who can sign in, in the order they were added."""
        with self._lock:
            return list(self._researchers.values())

    def researcher(self, orcid: str) -> Researcher | None:
        """The researcher with this iD, if the sandbox has a record for it."""
        with self._lock:
            return self._researchers.get(orcid)

    def position(self, orcid: str) -> int:
        """Where the researcher comes in the order they were added (after everyone if unknown)."""
        with self._lock:
            return self._positions.get(orcid, len(self._positions))

    def has_record(self, orcid: str) -> bool:
        """Whether the sandbox knows this iD."""
        with self._lock:
            return orcid in self._records

    # -- reads -------------------------------------------------------------------------------

    def works(self, orcid: str) -> WorksSummary:
        """The record's works section, grouped and ordered as ORCID serves it."""
        return self._section(orcid, None)

    def visible_works(self, orcid: str) -> WorksSummary:
        """The works section as an API read sees it: without works younger than ``read_lag``."""
        return self._section(orcid, time.monotonic() - self.read_lag if self.read_lag > 0 else None)

    def _section(self, orcid: str, born_by: float | None) -> WorksSummary:
        with self._lock:
            stored = [
                s
                for put_code, s in self._records.get(orcid, {}).items()
                if born_by is None or self._born.get(put_code, 0.0) <= born_by
            ]
        summaries = [s.work.summary(s.display_index) for s in stored]
        groups = group_summaries(summaries)
        modified = [g.last_modified for g in groups if g.last_modified]
        return WorksSummary(groups, max(modified) if modified else None, f"/{orcid}/works")

    def get_work(self, orcid: str, put_code: int) -> Work | None:
        """The full work with ``put_code`` on ``orcid``'s record, or None."""
        with self._lock:
            stored = self._records.get(orcid, {}).get(put_code)
            return stored.work if stored else None

    def get_summary(self, orcid: str, put_code: int) -> WorkSummary | None:
        """The summary of one work, or None."""
        with self._lock:
            stored = self._records.get(orcid, {}).get(put_code)
            return stored.work.summary(stored.display_index) if stored else None

    def count(self, orcid: str) -> int:
        """Number of works (versions) on the record."""
        with self._lock:
            return len(self._records.get(orcid, {}))

    def all_works(self, orcid: str) -> list[Work]:
        """Every work on the record in put-code order (not grouped)."""
        with self._lock:
            return [s.work for _, s in sorted(self._records.get(orcid, {}).items())]

    def orcids_with_self_id(self, id_type: str, normalized: str) -> list[str]:
        """iDs whose records hold ``id_type:normalized`` as a ``self`` id (search ``doi-self:``)."""
        key = (id_type.lower(), normalized)
        with self._lock:
            if self._self_ids is None:
                index: dict[tuple[str, str], dict[str, None]] = {}
                for orcid, works in self._records.items():
                    for stored in works.values():
                        for e in stored.work.external_ids:
                            if e.relationship == "self":
                                index.setdefault(e.key, {})[orcid] = None
                self._self_ids = {k: list(v) for k, v in index.items()}
            return list(self._self_ids.get(key, ()))

    def dois(self, orcid: str | None = None) -> list[str]:
        """Normalised ``self`` DOIs on one record (or all records), sorted, without repeats."""
        with self._lock:
            records = [self._records.get(orcid, {})] if orcid else list(self._records.values())
            found = {
                e.key[1]
                for works in records
                for s in works.values()
                for e in s.work.external_ids
                if e.type.lower() == "doi" and e.relationship == "self" and e.key[1]
            }
        return sorted(found)

    # -- writes without ORCID's API rules (seeds, tests, "the user did it on orcid.org") -----

    def add_work(
        self,
        orcid: str,
        work: Work,
        source: Source,
        display_index: int = 1,
        *,
        created: str | None = None,
        visibility: str = "public",
    ) -> int:
        """Store ``work`` as added by ``source``; returns its new put-code. No validation."""
        with self._lock:
            put_code = self._next_put_code
            self._next_put_code += 1
            stamp = created or self.clock()
            stored = replace(
                work,
                put_code=put_code,
                source=source,
                created=stamp,
                modified=stamp,
                visibility=work.visibility or visibility,
                path=f"/{orcid}/work/{put_code}",
                external_ids=tuple(e.with_normalized() for e in work.external_ids),
            )
            self._records.setdefault(orcid, {})[put_code] = _Stored(stored, display_index)
            self._born[put_code] = time.monotonic()
            self._index(orcid, stored)
            self._self_ids = None
            return put_code

    def delete_work(self, orcid: str, put_code: int) -> bool:
        """Remove a work (as if the user deleted it on orcid.org); False if it was not there."""
        with self._lock:
            self._self_ids = None
            stored = self._records.get(orcid, {}).pop(put_code, None)
            if stored is None:
                return False
            self._unindex(orcid, stored.work)
            return True

    def set_display_index(self, orcid: str, put_code: int, display_index: int) -> None:
        """Change a version's display index (the user's "preferred source" choice)."""
        with self._lock:
            self._records[orcid][put_code].display_index = display_index

    def make_preferred(self, orcid: str, put_code: int) -> None:
        """Make this version preferred in its group, as the website's star does."""
        with self._lock:
            top = max((s.display_index for s in self._records[orcid].values()), default=0)
            self._records[orcid][put_code].display_index = top + 1

    # -- writes with ORCID's API rules -------------------------------------------------------

    def create_work(self, orcid: str, work: Work, source: Source) -> int:
        """POST /work: validate, refuse duplicates from the same source and a full record."""
        with self._lock:
            self._check_record(orcid)
            refusal = validate_incoming(work, post=True)
            if refusal:
                raise Refusal(refusal)
            if self.count(orcid) + 1 > self.max_works:
                raise Refusal(self._too_many())
            existing = self._duplicate_of(orcid, work, source)
            if existing is not None:
                raise Refusal(duplicate_message(existing))
            return self.add_work(orcid, work, source, 1)

    def create_works(
        self, orcid: str, works: Sequence[Work], source: Source
    ) -> list[Work | ErrorBody]:
        """POST /works: each slot becomes the created work or the error for that slot."""
        with self._lock:
            self._check_record(orcid)
            if len(works) > BULK_MAX:
                raise Refusal(
                    orcid_error(
                        400, 9006, f"You are allowed to add up to {BULK_MAX} elements per request"
                    )
                )
            if self.count(orcid) + len(works) > self.max_works:
                raise Refusal(self._too_many())
            results: list[Work | ErrorBody] = []
            for work in works:
                refusal = validate_incoming(work, post=True)
                existing = None if refusal else self._duplicate_of(orcid, work, source)
                if refusal is None and existing is not None:
                    refusal = duplicate_message(existing)
                if refusal is not None:
                    results.append(refusal)
                    continue
                put_code = self.add_work(orcid, work, source, 1)
                created = self.get_work(orcid, put_code)
                assert created is not None
                results.append(created)
            return results

    def update_work(self, orcid: str, put_code: int, work: Work, source: Source) -> Work:
        """PUT /work/{pc}: same put-code, only by its source, no duplicate of another version."""
        with self._lock:
            self._check_record(orcid)
            stored = self._records[orcid].get(put_code)
            if stored is None:
                raise Refusal(self._not_found(put_code))
            if work.put_code is None:
                raise Refusal(orcid_error(409, 9031, "Put-code is required to update an activity."))
            if work.put_code != put_code:
                raise Refusal(
                    orcid_error(
                        400,
                        9019,
                        f"The put-code in the URL ({put_code}) does not match the "
                        f"put-code in the body ({work.put_code}).",
                    )
                )
            if source_key(stored.work.source) != source_key(source):
                raise Refusal(
                    orcid_error(
                        403,
                        9010,
                        "You are not the source of the work, so you are not allowed to update it.",
                    )
                )
            if work.visibility and work.visibility != stored.work.visibility:
                raise Refusal(orcid_error(403, 9035, "You cannot change the visibility of a work."))
            refusal = validate_incoming(work, post=False)
            if refusal:
                raise Refusal(refusal)
            existing = self._duplicate_of(orcid, work, source, ignore=put_code)
            if existing is not None:
                raise Refusal(duplicate_message(existing))
            old = stored.work
            self._self_ids = None
            self._unindex(orcid, old)
            stored.work = replace(
                work,
                put_code=put_code,
                source=old.source,
                created=old.created,
                modified=self.clock(),
                visibility=old.visibility,
                path=old.path,
                external_ids=tuple(e.with_normalized() for e in work.external_ids),
            )
            self._index(orcid, stored.work)
            return stored.work

    def remove_work(self, orcid: str, put_code: int, source: Source) -> None:
        """DELETE /work/{pc}: only by its source."""
        with self._lock:
            self._check_record(orcid)
            stored = self._records[orcid].get(put_code)
            if stored is None:
                raise Refusal(self._not_found(put_code))
            if source_key(stored.work.source) != source_key(source):
                raise Refusal(
                    orcid_error(
                        403,
                        9010,
                        "You are not the source of the work, so you are not allowed to delete it.",
                    )
                )
            del self._records[orcid][put_code]
            self._unindex(orcid, stored.work)
            self._self_ids = None

    # -- internals ---------------------------------------------------------------------------

    def _check_record(self, orcid: str) -> None:
        if orcid not in self._records:
            raise Refusal(orcid_error(404, 9011, f"The ORCID record {orcid} was not found."))

    def _duplicate_of(
        self, orcid: str, work: Work, source: Source, ignore: int | None = None
    ) -> int | None:
        """Put-code of a work from the same source sharing a ``self`` id, if any (§2.5)."""
        if not self.refuse_duplicates:
            return None
        mine = {e.key for e in work.external_ids if e.relationship == "self" and e.key[1]}
        if not mine:
            return None
        who = source_key(source)
        records = self._records.get(orcid, {})
        index = self._by_self_id.get(orcid, {})
        found = [
            put_code
            for key in mine
            for put_code in index.get(key, ())
            if put_code != ignore and source_key(records[put_code].work.source) == who
        ]
        return min(found, default=None)

    def _index(self, orcid: str, work: Work) -> None:
        assert work.put_code is not None
        index = self._by_self_id.setdefault(orcid, {})
        for ext in work.external_ids:
            if ext.relationship == "self" and ext.key[1]:
                index.setdefault(ext.key, set()).add(work.put_code)

    def _unindex(self, orcid: str, work: Work) -> None:
        index = self._by_self_id.get(orcid, {})
        for ext in work.external_ids:
            holders = index.get(ext.key)
            if holders is not None:
                holders.discard(work.put_code or 0)
                if not holders:
                    del index[ext.key]

    def _not_found(self, put_code: int) -> ErrorBody:
        return orcid_error(404, 9016, f"No entity found with id {put_code}.")

    def _too_many(self) -> ErrorBody:
        return orcid_error(
            409,
            9048,
            f"This record has reached the maximum of {self.max_works} works; no more can be added.",
        )
