"""ORCID's public API for the round trip: works reads and ``doi-self`` searches, paced.

One httpx client with ORCID's paced policy transport (:mod:`claimdesk.http_policy`) is shared
by every thread, so all requests — retries included — come out of one token bucket.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx

    from claimdesk.config import Settings
    from claimdesk.orcid.model import WorksSummary

#: Default number of concurrent ORCID requests (the token bucket, not this, sets the pace).
DEFAULT_WORKERS = 8
#: DOIs per ``doi-self`` search. ORCID's longest accepted query is undocumented; 50 quoted DOIs
#: are about 2,000 characters, well inside common request-line limits (a 400/414 halves a batch).
SEARCH_BATCH = 50
#: Longest query this client builds (characters before percent-encoding).
MAX_QUERY_CHARS = 3000
#: Results per search page (ORCID's maximum ``rows``) and the deepest ``start`` ORCID serves.
SEARCH_ROWS = 1000
MAX_START = 10_000


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


def _quoted(doi: str) -> str:
    escaped = doi.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def doi_self_query(*dois: str) -> str:
    """The ORCID search for records that list any of ``dois`` as their own:
    ``doi-self:"…"`` for one, ``doi-self:("…" OR "…")`` for several."""
    if len(dois) == 1:
        return f"doi-self:{_quoted(dois[0])}"
    return "doi-self:(" + " OR ".join(_quoted(d) for d in dois) + ")"


def search_batches(
    dois: Sequence[str], *, size: int = SEARCH_BATCH, max_chars: int = MAX_QUERY_CHARS
) -> Iterator[tuple[str, ...]]:
    """``dois`` cut into groups of at most ``size`` whose query stays under ``max_chars``."""
    batch: list[str] = []
    length = len("doi-self:()")
    for doi in dois:
        extra = len(_quoted(doi)) + len(" OR ")
        if batch and (len(batch) >= size or length + extra > max_chars):
            yield tuple(batch)
            batch, length = [], len("doi-self:()")
        batch.append(doi)
        length += extra
    if batch:
        yield tuple(batch)


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
        from claimdesk.auth.client_secret import with_secret
        from claimdesk.auth.redact import register_secret
        from claimdesk.http_policy import ORCID, policy_client
        from claimdesk.orcid.client import fetch_read_public_token

        settings = with_secret(settings)  # the GUI starts without it; this runs on a worker
        register_secret(settings.client_secret)  # from a settings file, it is not yet known
        self.token = token or fetch_read_public_token(settings)
        register_secret(self.token)
        # Reads go to the public API: the client reads from ``endpoints.api``.
        self.settings = replace(
            settings, endpoints=replace(settings.endpoints, api=settings.endpoints.pub)
        )
        self.http: httpx.Client = policy_client(
            replace(ORCID, rate=rate, burst=burst),
            timeout=settings.timeout,
            connections=workers + 2,
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

    def records_listing(self, *dois: str) -> list[str]:
        """iDs of the records that list any of ``dois`` (one search per page of 1,000 answers).

        ORCID does not say which DOI a record matched: read the records to know. A batch that
        ORCID refuses as too long (400/414), or whose answers go deeper than ORCID pages, is
        searched again in two halves.
        """
        from claimdesk.orcid.client import search_records
        from claimdesk.orcid.errors import OrcidApiError

        found: dict[str, None] = {}
        query = doi_self_query(*dois)
        start = 0
        while True:
            self._count()
            try:
                page = search_records(
                    self.settings, self.token, query, rows=SEARCH_ROWS, start=start, http=self.http
                )
            except OrcidApiError as err:
                if err.status in (400, 414) and len(dois) > 1:
                    return self._halves(dois)
                raise
            found.update((o, None) for o in page if o)
            if len(page) < SEARCH_ROWS:
                return list(found)
            start += SEARCH_ROWS
            if start + SEARCH_ROWS > MAX_START:
                if len(dois) > 1:
                    return self._halves(dois)
                raise OrcidApiError(
                    400,
                    error_code=9043,
                    developer_message=f"more than {MAX_START} records list {dois[0]}",
                )

    def _halves(self, dois: Sequence[str]) -> list[str]:
        middle = len(dois) // 2
        first = self.records_listing(*dois[:middle])
        return list(dict.fromkeys(first + self.records_listing(*dois[middle:])))
