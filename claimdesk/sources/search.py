"""Search DataCite and Crossref at once and merge what they find by DOI.

Each service runs in its own thread; a failure of one (:class:`SourceError`) is kept in the
result and does not hide the other's records. ``cancel`` stops both after the page in flight;
``on_progress(source, fetched, total)`` is called from the worker threads after every page.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx

from claimdesk.config import Settings
from claimdesk.errors import SourceError
from claimdesk.sources.crossref import CrossrefClient
from claimdesk.sources.datacite import DataCiteClient
from claimdesk.sources.records import DoiRecord

MODES = ("orcid", "name", "query", "client")
SOURCES = ("datacite", "crossref")

#: The keyword each service's ``search`` takes for a mode; a mode it lacks is not asked of it
#: (Crossref has no repositories).
KEYWORDS: Mapping[str, Mapping[str, str]] = {
    "datacite": {"orcid": "orcid", "name": "name", "query": "query", "client": "client_id"},
    "crossref": {"orcid": "orcid", "name": "author", "query": "bibliographic"},
}

#: on_progress(source, records fetched so far, total the service reports or None)
ProgressCallback = Callable[[str, int, int | None], None]


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """What to look for: ``mode`` is ``orcid``, ``name``, ``query`` or ``client`` (DataCite only)."""

    mode: str
    text: str
    sources: tuple[str, ...] = SOURCES
    max_results: int = 1000


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Merged records (first-found order) and, per service, its error or how many it returned."""

    records: tuple[DoiRecord, ...] = ()
    errors: Mapping[str, SourceError] = field(default_factory=dict)
    counts: Mapping[str, int] = field(default_factory=dict)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        """True if every service asked answered."""
        return not self.errors


def merge(batches: Iterable[Iterable[DoiRecord]]) -> tuple[DoiRecord, ...]:
    """Records merged by normalised DOI, in first-seen order.

    When both services describe a DOI, the registration agency's own metadata is kept (DataCite
    mirrors Crossref DOIs with less detail) and ``found_in`` names both.
    """
    merged: dict[str, DoiRecord] = {}
    for batch in batches:
        for record in batch:
            have = merged.get(record.doi)
            if have is None:
                merged[record.doi] = record
            elif record.source == record.agency and have.source != have.agency:
                merged[record.doi] = record.merged_with(have)
            else:
                merged[record.doi] = have.merged_with(record)
    return tuple(merged.values())


def search(
    settings: Settings,
    query: SearchQuery,
    *,
    http: httpx.Client | None = None,
    cancel: threading.Event | None = None,
    on_progress: ProgressCallback | None = None,
) -> SearchResult:
    """Run ``query`` against the chosen services concurrently; merge by DOI; collect errors."""
    if query.mode not in MODES:
        raise ValueError(f"unknown search mode {query.mode!r}")
    sources = [s for s in SOURCES if s in query.sources and query.mode in KEYWORDS[s]]

    def run(source: str) -> list[DoiRecord]:
        def on_page(fetched: int, total: int | None) -> None:
            if on_progress is not None:
                on_progress(source, fetched, total)

        criterion: dict[str, Any] = {KEYWORDS[source][query.mode]: query.text}
        client_type = DataCiteClient if source == "datacite" else CrossrefClient
        with client_type(settings, http=http) as client:
            return client.search(
                **criterion, max_results=query.max_results, cancel=cancel, on_page=on_page
            )

    found: dict[str, list[DoiRecord]] = {}
    errors: dict[str, SourceError] = {}
    with ThreadPoolExecutor(max_workers=max(1, len(sources)), thread_name_prefix="search") as pool:
        futures = {source: pool.submit(run, source) for source in sources}
        for source, future in futures.items():
            try:
                found[source] = future.result()
            except SourceError as err:
                errors[source] = err
    return SearchResult(
        records=merge(found[s] for s in sources if s in found),
        errors=errors,
        counts={s: len(v) for s, v in found.items()},
        cancelled=bool(cancel is not None and cancel.is_set()),
    )
