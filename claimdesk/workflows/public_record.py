"""Any ORCID record's public works, read without signing in, and the DOIs missing from it.

Reads go to ORCID's Public API: anonymously, or with a ``/read-public`` token when an ORCID
client (a member client, or a free public one) is configured. One paced httpx client is shared
by every read, so the reader stays within the Public API's pace (12 requests a second, burst 40)
whoever calls it; the anonymous daily quota is answered in words, never retried.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import httpx

from claimdesk.errors import ClaimdeskError, ConfigError
from claimdesk.http_policy import ORCID_PUBLIC, policy_client
from claimdesk.orcid.errors import DailyQuotaError
from claimdesk.orcid.ids import normalize_orcid

if TYPE_CHECKING:
    from collections.abc import Callable

    from claimdesk.claims.status import ClaimStatus
    from claimdesk.config import Settings
    from claimdesk.orcid.client import OrcidClient
    from claimdesk.orcid.model import WorksSummary
    from claimdesk.sources.records import DoiRecord
    from claimdesk.sources.search import ProgressCallback, SearchResult

log = logging.getLogger(__name__)

#: Anonymous Public API reads ORCID allows per address and day (reference/orcid-api.md §4).
ANONYMOUS_DAILY_QUOTA = 10_000
#: Reads a day with a ``/read-public`` token before ORCID writes to the client's owner.
READ_PUBLIC_DAILY_QUOTA = 40_000
#: Where anyone can register a free Public API client (for a ``/read-public`` token).
PUBLIC_CLIENT_HELP = (
    "https://info.orcid.org/documentation/integration-guide/registering-a-public-api-client/"
)


def until_quota_resets(now: datetime | None = None) -> str:
    """How long until ORCID's daily quota comes back (midnight UTC), in words."""
    now = now or datetime.now(UTC)
    midnight = datetime(now.year, now.month, now.day, tzinfo=UTC) + timedelta(days=1)
    minutes = max(1, int((midnight - now).total_seconds() // 60))
    if minutes < 60:
        return f"in about {minutes} minute{'s' if minutes != 1 else ''}"
    hours = round(minutes / 60)
    return f"in about {hours} hour{'s' if hours != 1 else ''}"


def quota_error(now: datetime | None = None) -> DailyQuotaError:
    """The error for ORCID's "daily quota exceeded" answer, saying when and how it lifts."""
    return DailyQuotaError(
        429,
        message=(
            f"ORCID's Public API allows {ANONYMOUS_DAILY_QUOTA:,} anonymous reads a day from "
            "one internet address, and this address has used them today. Reading public "
            f"records works again after midnight UTC ({until_quota_resets(now)})."
        ),
        more_info=PUBLIC_CLIENT_HELP,
    )


class QuotaGuard(httpx.BaseTransport):
    """Turns ORCID's "daily quota exceeded" 429 into :class:`DailyQuotaError` before any retry.

    The quota answer carries no ``Retry-After`` and says so in its body; a 429 with
    ``Retry-After`` is the ordinary pace limit and goes back to the client's retries.
    """

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        if response.status_code == 429 and "retry-after" not in response.headers:
            body = response.read()
            response.close()
            if b"quota" in body.lower():
                raise quota_error()
        return response

    def close(self) -> None:
        self._inner.close()


def public_http(
    settings: Settings, *, inner: httpx.BaseTransport | None = None, connections: int = 4
) -> httpx.Client:
    """An httpx client with the Public API's policy (:data:`~claimdesk.http_policy.ORCID_PUBLIC`:
    12 requests a second, retries); the daily quota is turned into words before any retry."""
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    guarded = QuotaGuard(inner or httpx.HTTPTransport(limits=limits))
    return policy_client(ORCID_PUBLIC, timeout=settings.timeout, inner=guarded)


@dataclass(frozen=True, slots=True)
class PublicWorks:
    """One record's public works as the Public API lists them."""

    orcid: str
    works: WorksSummary
    #: read without a token (the anonymous daily quota applies)
    anonymous: bool
    #: the record on the ORCID website
    url: str


class PublicReader:
    """Reads public records; thread-safe, one paced connection pool for every read.

    With ``use_client`` and a configured client id and secret, reads use a ``/read-public``
    token (fetched on the first read); otherwise, or when that fails, they are anonymous and
    :attr:`why_anonymous` says why.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        token: str | None = None,
        use_client: bool = True,
        http: httpx.Client | None = None,
    ) -> None:
        self.settings = replace(
            settings, endpoints=replace(settings.endpoints, api=settings.endpoints.pub)
        )
        self._token = token
        self._want_token = token is None and use_client and bool(settings.client_id)
        self._owns_http = http is None
        self.http = http if http is not None else public_http(settings)
        self._lock = threading.Lock()
        self.requests = 0
        self.why_anonymous: str | None = (
            None if token or self._want_token else "no ORCID client is configured"
        )

    def close(self) -> None:
        """Close the connections (when this reader opened them)."""
        if self._owns_http:
            self.http.close()

    def __enter__(self) -> PublicReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def anonymous(self) -> bool:
        """Whether reads go without a token."""
        return self._token is None

    def _ensure_token(self) -> None:
        with self._lock:
            if not self._want_token:
                return
            self._want_token = False
            from claimdesk.auth.client_secret import with_secret
            from claimdesk.orcid.client import fetch_read_public_token

            try:
                self._token = fetch_read_public_token(with_secret(self.settings), http=self.http)
                self.why_anonymous = None
            except ClaimdeskError as err:
                # The record is public: reading it anonymously still works, so say why instead.
                log.info("reading public records anonymously: %s", err)
                self.why_anonymous = f"no /read-public token ({err.message})"

    def client(self, orcid: str) -> OrcidClient:
        """A client reading the public record of ``orcid`` (a normalised iD) on this reader's
        paced connections: its works, and full works in bulk for exports."""
        from claimdesk.orcid.client import OrcidClient

        self._ensure_token()
        return OrcidClient(self.settings, orcid, self._token, http=self.http)

    def read(self, orcid: str) -> PublicWorks:
        """The public works of ``orcid`` (an iD in any common form: URL, spaces, lower-case x)."""
        normalized = normalize_orcid(orcid)
        if normalized is None:
            raise ConfigError(
                f"{orcid.strip()!r} is not an ORCID iD.",
                hint="an iD looks like 0000-0002-1825-0097 or https://orcid.org/0000-0002-1825-0097",
            )
        with self._lock:
            self.requests += 1
        works = self.client(normalized).read_works()
        return PublicWorks(
            normalized,
            works,
            anonymous=self._token is None,
            url=f"{self.settings.endpoints.site}/{normalized}",
        )


def allowance_text(reader: PublicReader) -> str:
    """What ORCID allows this reader, and what it has used, in a sentence."""
    used = f"{reader.requests:,} public read{'s' if reader.requests != 1 else ''} so far"
    if reader.anonymous:
        return (
            f"Reading anonymously: ORCID allows {ANONYMOUS_DAILY_QUOTA:,} public reads a day "
            f"from one internet address ({used})."
        )
    return (
        f"Reading with this app's /read-public token: ORCID allows {READ_PUBLIC_DAILY_QUOTA:,} "
        f"public reads a day ({used})."
    )


@dataclass(frozen=True, slots=True)
class MissingRow:
    """One DOI found for the iD, with its status on the public record."""

    record: DoiRecord
    status: ClaimStatus


@dataclass(frozen=True, slots=True)
class MissingDois:
    """The DOIs DataCite and Crossref list for an iD, marked against its public works."""

    rows: tuple[MissingRow, ...]
    search: SearchResult

    @property
    def unclaimed(self) -> tuple[DoiRecord, ...]:
        """DOIs no public version of the record lists, versions and parts of other DOIs left
        out (as claims leave them out: they would crowd the record with near-duplicates)."""
        return tuple(
            r.record for r in self.rows if not r.status.on_record and not r.status.is_version
        )

    @property
    def versions_left_out(self) -> int:
        """Absent DOIs that are versions or parts of another DOI (not in :attr:`unclaimed`)."""
        return sum(1 for r in self.rows if not r.status.on_record and r.status.is_version)


def find_missing(
    settings: Settings,
    public: PublicWorks,
    *,
    max_results: int = 1000,
    cancel: threading.Event | None = None,
    on_progress: ProgressCallback | None = None,
    search: Callable[..., SearchResult] | None = None,
) -> MissingDois:
    """DOIs that name ``public.orcid`` in DataCite and Crossref, each with its claim status.

    The status is against the public works only: a work the researcher keeps limited or
    private counts as not on the record here.
    """
    from claimdesk.claims.status import RecordIndex
    from claimdesk.sources.search import SearchQuery
    from claimdesk.sources.search import search as run_search

    result = (search or run_search)(
        settings,
        SearchQuery("orcid", public.orcid, max_results=max_results),
        cancel=cancel,
        on_progress=on_progress,
    )
    index = RecordIndex.build(public.works, settings.client_id, record_orcid=public.orcid)
    rows = tuple(
        MissingRow(r, index.status(r.doi, is_version=r.is_version_or_part)) for r in result.records
    )
    return MissingDois(rows, result)
