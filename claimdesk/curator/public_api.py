"""ORCID's public API for the round trip: works reads and ``doi-self`` searches, paced.

One httpx client with the rate-limited transport (:mod:`claimdesk.curator.ratelimit`) is shared
by every thread, so all requests — retries included — come out of one token bucket.
"""

from __future__ import annotations

import threading
from collections.abc import Set as AbstractSet
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx

    from claimdesk.config import Settings
    from claimdesk.orcid.model import WorksSummary

#: Default number of concurrent ORCID requests (the token bucket, not this, sets the pace).
DEFAULT_WORKERS = 8


def record_listings(works: WorksSummary, wanted: AbstractSet[str]) -> dict[str, tuple[str, ...]]:
    """DOI → source names, for the ``wanted`` DOIs that a record's works list.

    A source is named by ORCID's ``source-name`` (else its client id or iD); several versions in
    one group give several sources, in ORCID's order.
    """
    out: dict[str, tuple[str, ...]] = {}
    for group in works.groups:
        dois = [d for d in group.dois() if d in wanted]
        if not dois:
            continue
        names: dict[str, None] = {}
        for summary in group.summaries:
            label = (summary.source.name or summary.source.id) if summary.source else None
            if label:
                names[label] = None
        for doi in dois:
            out[doi] = tuple(dict.fromkeys(out.get(doi, ()) + tuple(names)))
    return out


def doi_self_query(doi: str) -> str:
    """The ORCID search for records that list ``doi`` as their own (``doi-self:"…"``)."""
    escaped = doi.replace("\\", "\\\\").replace('"', '\\"')
    return f'doi-self:"{escaped}"'


class PublicOrcid:
    """ORCID's public API with a ``/read-public`` token, every request paced by one bucket.

    Thread-safe: one httpx client (with the rate-limited transport) is shared by all threads.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        rate: float,
        burst: int,
        token: str | None = None,
        workers: int = DEFAULT_WORKERS,
    ) -> None:
        from claimdesk.curator.ratelimit import paced_client
        from claimdesk.orcid.client import fetch_read_public_token

        self.token = token or fetch_read_public_token(settings)
        # Reads go to the public API: the client reads from ``endpoints.api``.
        self.settings = replace(
            settings, endpoints=replace(settings.endpoints, api=settings.endpoints.pub)
        )
        self.http: httpx.Client = paced_client(
            rate, burst, timeout=settings.timeout, connections=workers + 2
        )
        self._lock = threading.Lock()
        self.requests = 0

    def close(self) -> None:
        """Close the connections."""
        self.http.close()

    def _count(self) -> None:
        with self._lock:
            self.requests += 1

    def works(self, orcid: str) -> WorksSummary:
        """The record's public works (one ``GET /{orcid}/works``)."""
        from claimdesk.orcid.client import OrcidClient

        self._count()
        return OrcidClient(self.settings, orcid, self.token, http=self.http).read_works()

    def records_listing(self, doi: str) -> list[str]:
        """iDs of the records that list ``doi`` (one search)."""
        from claimdesk.orcid.client import search_records

        self._count()
        found = search_records(self.settings, self.token, doi_self_query(doi), http=self.http)
        return [o for o in found if o]
