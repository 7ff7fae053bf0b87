"""ORCID Member API v3.0 works client: read, add, update and delete works over httpx.

:func:`search_records` searches ORCID's public API (no record involved) with the same requests,
retries and errors as the client.

Synchronous and Qt-free; one client is meant for one worker thread at a time. Failures surface as
claimdesk errors: ORCID's own errors as :class:`OrcidApiError` (401 ``invalid_token`` as
:class:`InvalidTokenError`, 429/503 after the bounded retries as :class:`RateLimitedError`),
network failures as :class:`~claimdesk.errors.TransportError` and unreadable bodies as
:class:`~claimdesk.errors.MessageError`.

Retries: 429 and 503 mean ORCID refused before doing anything, so every request is retried on
them, with exponential backoff that honours ``Retry-After``. A connection dropped in the middle of
a GET is retried once. Writes (POST/PUT/DELETE) are never resent after a dropped connection or a
timeout: ORCID may already have committed them, and resending a POST could add a duplicate. The
caller gets a :class:`~claimdesk.errors.TransportError` and the claims journal reconciles by
reading the record's works.

The bearer token is sent only in the ``Authorization`` header; log messages name the method,
URL and status, never headers.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Literal, TypeVar

import httpx
import msgspec
from lxml import etree

from claimdesk import user_agent
from claimdesk.config import Settings
from claimdesk.errors import ConfigError, MessageError, NotOwnedError, TransportError
from claimdesk.orcid import codec
from claimdesk.orcid import json as orcid_json
from claimdesk.orcid import xml as orcid_xml
from claimdesk.orcid.errors import InvalidTokenError, OrcidApiError, RateLimitedError
from claimdesk.orcid.ids import normalize_orcid
from claimdesk.orcid.json.shapes import SearchAnswer
from claimdesk.orcid.model import BULK_MAX, Bulk, ErrorBody, Work, WorksSummary, WorkSummary

log = logging.getLogger(__name__)

USER_AGENT = user_agent()
#: Longest wait between two tries of a rate-limited request, whatever Retry-After says.
MAX_RETRY_WAIT = 30.0
#: First backoff step when ORCID sends no Retry-After; doubled on every further try.
BACKOFF_BASE = 1.0

_SEARCH_NS = "http://www.orcid.org/ns/search"
_COMMON_NS = "http://www.orcid.org/ns/common"
_PUT_CODE_IN_LOCATION = re.compile(r"/work/(\d+)/?$")
#: The connection went away after the request was (possibly) sent.
_DROPPED = (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError, httpx.CloseError)
_RETRY_STATUSES = (429, 503)
# A search answer's shape, checked as it is decoded: a wrong field is named, not a crash.
_SEARCH_JSON = msgspec.json.Decoder(SearchAnswer)
_T = TypeVar("_T")


class OrcidClient:
    """The works section of one ORCID record, read and written with one access token."""

    def __init__(
        self,
        settings: Settings,
        orcid: str,
        token: str | None,
        *,
        max_retries: int = 3,
        http: httpx.Client | None = None,
        on_invalid_token: Callable[[InvalidTokenError], None] | None = None,
        fmt: Literal["xml", "json"] = "xml",
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """Talk to ``settings.endpoints`` about ``orcid``'s record with ``token``.

        ``fmt`` is the format of the bodies sent (answers are always asked for as JSON);
        ``token=None`` reads anonymously, which only the Public API (``endpoints.pub``) answers;
        ``http`` lets a caller share a configured httpx client (it is then not closed here);
        ``sleep`` is what waits between retries (tests inject a recorder).
        """
        normalized = normalize_orcid(orcid)
        if normalized is None:
            raise ConfigError(f"{orcid!r} is not a valid ORCID iD.")
        if fmt not in ("xml", "json"):
            raise ValueError(f"fmt must be 'xml' or 'json', not {fmt!r}")
        self.orcid = normalized
        self._settings = settings
        self._token = token
        self._max_retries = max_retries
        self._on_invalid_token = on_invalid_token
        self._sleep = sleep
        self._fmt: Literal["xml", "json"] = fmt
        # Writes are sent as ``fmt`` (XML by default: what the XSDs validate); every answer is
        # asked for as JSON, which decodes about twice as fast as the XML of the same record.
        self._media = codec.XML if fmt == "xml" else codec.JSON
        self._codec = orcid_xml if fmt == "xml" else orcid_json
        self._owns_http = http is None
        self._http = http if http is not None else httpx.Client(timeout=settings.timeout)
        self._record_url = f"{settings.endpoints.api}/{self.orcid}"

    # -- reading ------------------------------------------------------------------------------

    def read_works(self) -> WorksSummary:
        """The record's works, grouped as ORCID groups them (``GET /works``)."""
        what = f"reading the works of {self.orcid}"
        return self._decode(self._request("GET", "/works", what=what), WorksSummary, what)

    def read_work(self, put_code: int) -> Work:
        """One full work (``GET /work/{put-code}``)."""
        what = f"reading work {put_code}"
        return self._decode(self._request("GET", f"/work/{put_code}", what=what), Work, what)

    def read_works_bulk(self, put_codes: Sequence[int]) -> list[Work | ErrorBody]:
        """Full works for ``put_codes``, in that order; an unknown put-code gives its ErrorBody.

        Sent as ``GET /works/{pc,…}`` with at most 100 put-codes per request.
        """
        results: list[Work | ErrorBody] = []
        for chunk in _chunks(put_codes, BULK_MAX):
            what = f"reading {len(chunk)} works of {self.orcid}"
            path = "/works/" + ",".join(str(pc) for pc in chunk)
            bulk = self._decode(self._request("GET", path, what=what), Bulk, what)
            results.extend(_slots(bulk, len(chunk), what))
        return results

    def search(self, query: str, *, rows: int = 1000, start: int = 0) -> list[str]:
        """ORCID iDs of the records matching a Solr ``query`` on the public API, one page.

        The search is not about this record; see :func:`search_records`.
        """
        return search_records(
            self._settings,
            self._token,
            query,
            rows=rows,
            start=start,
            http=self._http,
            max_retries=self._max_retries,
            fmt=self._fmt,
            sleep=self._sleep,
            on_invalid_token=self._on_invalid_token,
        )

    # -- writing ------------------------------------------------------------------------------

    def add_work(self, work: Work) -> int:
        """Add one work (``POST /work``) and return the put-code ORCID gave it."""
        _require_new([work])
        what = f"adding the work {work.title!r} to {self.orcid}"
        body = self._codec.serialize_work(work)
        response = self._request("POST", "/work", content=body, what=what)
        match = _PUT_CODE_IN_LOCATION.search(response.headers.get("location", ""))
        if match is None:
            raise MessageError(
                f"ORCID answered HTTP {response.status_code} to {what} but gave no Location "
                "with the new work's put-code.",
                hint="reload the record's works to find it",
            )
        return int(match.group(1))

    def add_works(
        self,
        works: Sequence[Work],
        *,
        cancel: threading.Event | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> list[Work | ErrorBody]:
        """Add works with ``POST /works``, at most 100 per request; one result per work, in order.

        Each slot holds the created work or ORCID's error for it (e.g. 409/9021). ``cancel`` is
        checked between requests: the request in flight finishes, no further one is sent, and
        the results so far are returned. ``on_progress(done, total)`` follows every request. If a
        request fails outright the error is raised; the works of earlier requests are on the
        record already.
        """
        _require_new(works)
        results: list[Work | ErrorBody] = []
        for chunk in _chunks(works, BULK_MAX):
            if cancel is not None and cancel.is_set():
                log.info("adding works cancelled after %d of %d", len(results), len(works))
                break
            what = f"adding {len(chunk)} works to {self.orcid}"
            body = self._codec.serialize_bulk(chunk)
            response = self._request("POST", "/works", content=body, what=what)
            results.extend(_slots(self._decode(response, Bulk, what), len(chunk), what))
            if on_progress is not None:
                on_progress(len(results), len(works))
        return results

    def update_work(self, work: Work) -> Work:
        """Replace one of claimdesk's works (``PUT /work/{put-code}``); returns ORCID's copy.

        Raises NotOwnedError, without sending anything, unless claimdesk added the work.
        """
        put_code = self._check_ours(work, "update")
        what = f"updating work {put_code} of {self.orcid}"
        response = self._request(
            "PUT", f"/work/{put_code}", content=self._codec.serialize_work(work), what=what
        )
        return self._decode(response, Work, what)

    def delete_work(self, item: Work | WorkSummary) -> None:
        """Delete one of claimdesk's works (``DELETE /work/{put-code}``).

        Raises NotOwnedError, without sending anything, unless claimdesk added the work.
        """
        put_code = self._check_ours(item, "delete")
        self._request("DELETE", f"/work/{put_code}", what=f"deleting work {put_code}")

    # -- lifetime -----------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection pool (unless the httpx client was passed in)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> OrcidClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- internals ----------------------------------------------------------------------------

    def _check_ours(self, item: Work | WorkSummary, action: str) -> int:
        """The item's put-code if claimdesk may change it; NotOwnedError otherwise."""
        return check_ours(item, self._settings.client_id, action)

    def _request(
        self, method: str, path: str, *, what: str, content: bytes | None = None
    ) -> httpx.Response:
        """Send one request about this record, with retries; the 2xx response, or its error."""
        return _call(
            self._http,
            method,
            self._record_url + path,
            token=self._token,
            media=codec.JSON,
            content_type=self._media,
            what=what,
            content=content,
            max_retries=self._max_retries,
            sleep=self._sleep,
            on_invalid_token=self._on_invalid_token,
        )

    def _decode(self, response: httpx.Response, kind: type[_T], what: str) -> _T:
        """The ORCID message of a 2xx ``response``, which must be a ``kind``."""
        try:
            message = codec.decode(
                response.content,
                response.headers.get("content-type"),
                expected=codec.KINDS[kind],
            )
        except MessageError as err:
            raise MessageError(
                f"ORCID's answer to {what} could not be read: {err.message}.",
                hint="try again later; if it persists, ORCID may be having problems",
            ) from err
        if isinstance(message, ErrorBody):
            raise _error_from_body(response.status_code, message)
        if not isinstance(message, kind):
            raise MessageError(
                f"ORCID answered {what} with a {type(message).__name__} message where a "
                f"{kind.__name__} was expected."
            )
        return message


def search_records(
    settings: Settings,
    token: str | None,
    query: str,
    *,
    rows: int = 1000,
    start: int = 0,
    http: httpx.Client | None = None,
    max_retries: int = 3,
    fmt: Literal["xml", "json"] = "xml",
    sleep: Callable[[float], None] = time.sleep,
    on_invalid_token: Callable[[InvalidTokenError], None] | None = None,
) -> list[str]:
    """ORCID iDs of the records matching a Solr ``query`` on the public API, one page.

    ``rows`` is at most 1000 (ORCID's limit); ``start`` pages through the results. Retries and
    errors are those of :class:`OrcidClient`; ``http`` is used (not closed) when given.
    """
    if not 0 <= rows <= 1000:
        raise ValueError("rows must be between 0 and 1000")
    with _http_for(settings, http) as client:
        response = _call(
            client,
            "GET",
            f"{settings.endpoints.pub}/search/",
            token=token,
            media=codec.XML if fmt == "xml" else codec.JSON,
            what=f"searching ORCID for {query!r}",
            params={"q": query, "rows": str(rows), "start": str(start)},
            max_retries=max_retries,
            sleep=sleep,
            on_invalid_token=on_invalid_token,
        )
    return _parse_search(response)


def fetch_read_public_token(settings: Settings, *, http: httpx.Client | None = None) -> str:
    """A client-credentials ``/read-public`` access token for the configured client.

    Needs the client id and secret; used for public-API searches and reads (the curator tools).
    """
    settings = settings.with_secret()  # the GUI starts without it; this runs on a worker
    if not settings.client_id or not settings.client_secret:
        raise ConfigError(
            "A /read-public token needs the ORCID client id and client secret.",
            hint="configure both for this environment",
        )
    what = "asking ORCID for a /read-public token"
    with _http_for(settings, http) as client:
        request = client.build_request(
            "POST",
            settings.endpoints.token_url,
            headers={"Accept": "application/json", "User-Agent": USER_AGENT},
            data={
                "client_id": settings.client_id,
                "client_secret": settings.client_secret,
                "grant_type": "client_credentials",
                "scope": "/read-public",
            },
        )
        # Asking again for a token is harmless, so this POST may be retried like a read.
        response = _send(client, request, what=what, max_retries=3, sleep=time.sleep, write=False)
    if not response.is_success:
        raise _api_error(response, what)
    try:
        answer = json.loads(response.content)
    except ValueError:
        answer = None
    token = answer.get("access_token") if isinstance(answer, dict) else None
    if not isinstance(token, str) or not token:
        raise MessageError(f"ORCID's answer to {what} held no access token.")
    return token


def _api_error(response: httpx.Response, what: str) -> OrcidApiError:
    """The exception an ORCID error response amounts to (InvalidTokenError for 401 invalid_token)."""
    status = response.status_code
    invalid_token = status == 401 and "invalid_token" in response.headers.get(
        "www-authenticate", ""
    )
    try:
        body = codec.decode(
            response.content, response.headers.get("content-type"), expected="error"
        )
    except MessageError as err:
        if invalid_token:
            return InvalidTokenError(status)
        return OrcidApiError(
            status,
            message=f"ORCID answered HTTP {status} {response.reason_phrase} while {what}, and the "
            f"body was not an ORCID error message: {err.message}.",
        )
    if not isinstance(body, ErrorBody):
        return OrcidApiError(
            status,
            message=f"ORCID answered HTTP {status} {response.reason_phrase} while {what}, "
            f"with a {type(body).__name__} message instead of an error.",
        )
    return _error_from_body(status, body, invalid_token=invalid_token)


# -- module internals --------------------------------------------------------------------------


@contextmanager
def _http_for(settings: Settings, http: httpx.Client | None) -> Iterator[httpx.Client]:
    """``http`` if given (left open), else a fresh client closed afterwards."""
    if http is not None:
        yield http
        return
    with httpx.Client(timeout=settings.timeout) as client:
        yield client


def _call(
    http: httpx.Client,
    method: str,
    url: str,
    *,
    token: str | None,
    media: str,
    what: str,
    max_retries: int,
    sleep: Callable[[float], None],
    on_invalid_token: Callable[[InvalidTokenError], None] | None,
    content: bytes | None = None,
    content_type: str | None = None,
    params: dict[str, str] | None = None,
) -> httpx.Response:
    """Send one API request with ``token`` (None: anonymous), with retries; the 2xx response,
    or its error raised.

    ``media`` is the answer's format asked for; ``content_type`` the body's (default ``media``).
    """
    headers = {"Accept": media, "User-Agent": USER_AGENT}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    if content is not None:
        headers["Content-Type"] = content_type or media
    request = http.build_request(method, url, headers=headers, content=content, params=params)
    response = _send(http, request, what=what, max_retries=max_retries, sleep=sleep)
    if response.is_success:
        return response
    error = _api_error(response, what)
    if isinstance(error, InvalidTokenError) and on_invalid_token is not None:
        on_invalid_token(error)
    raise error


def _send(
    http: httpx.Client,
    request: httpx.Request,
    *,
    what: str,
    max_retries: int,
    sleep: Callable[[float], None],
    write: bool | None = None,
) -> httpx.Response:
    """Send ``request``, retrying 429/503 and (reads only) one dropped connection."""
    if write is None:
        write = request.method not in ("GET", "HEAD")
    may_retry_drop = not write
    attempt = 0
    while True:
        try:
            response = http.send(request)
        except httpx.TransportError as exc:
            if may_retry_drop and isinstance(exc, _DROPPED):
                may_retry_drop = False
                log.info("connection dropped while %s; trying once more", what)
                continue
            raise _transport_error(exc, request, what, write) from exc
        log.debug("%s %s -> HTTP %d", request.method, request.url, response.status_code)
        if response.status_code not in _RETRY_STATUSES:
            return response
        if attempt >= max_retries:
            raise _error_like(
                RateLimitedError,
                response.status_code,
                _api_error(response, what),
                message=f"ORCID is busy (HTTP {response.status_code}) and still refused after "
                f"{attempt + 1} tries while {what}; wait a few minutes and try again.",
            )
        wait = _retry_wait(response.headers.get("retry-after"), attempt)
        attempt += 1
        log.info(
            "ORCID answered HTTP %d while %s; retry %d of %d in %.1f s",
            response.status_code,
            what,
            attempt,
            max_retries,
            wait,
        )
        sleep(wait)


def _retry_wait(retry_after: str | None, attempt: int) -> float:
    """Seconds to wait before the next try: Retry-After (seconds or HTTP date) or backoff, capped."""
    wait = BACKOFF_BASE * 2**attempt
    if retry_after:
        value = retry_after.strip()
        try:
            wait = max(0.0, float(value))
        except ValueError:
            try:
                when = parsedate_to_datetime(value)
            except (TypeError, ValueError):
                when = None  # unreadable: keep the backoff
            if when is not None:
                if when.tzinfo is None:
                    when = when.replace(tzinfo=UTC)
                wait = max(0.0, (when - datetime.now(UTC)).total_seconds())
    return min(wait, MAX_RETRY_WAIT)


def _transport_error(
    exc: httpx.TransportError, request: httpx.Request, what: str, write: bool
) -> TransportError:
    """A sentence for a network failure: what was being done, where, and what to do."""
    host = request.url.netloc.decode("ascii", "replace")
    unsure = (
        "ORCID may have saved the change before the connection was lost; claimdesk does not "
        "resend it blindly — reload the record's works to see what was saved"
    )
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout):
        return TransportError(
            f"Could not connect to ORCID at {host} while {what}.",
            hint="check the network connection (and any proxy), then try again",
        )
    if isinstance(exc, httpx.TimeoutException):
        timeout = request.extensions.get("timeout", {}).get("read")
        waited = f" within {timeout:g} s" if isinstance(timeout, int | float) else ""
        return TransportError(
            f"ORCID at {host} did not answer{waited} while {what}.",
            hint=unsure if write else "ORCID may be slow or down; try again later",
        )
    if isinstance(exc, _DROPPED):
        return TransportError(
            f"The connection to ORCID at {host} was dropped while {what}.",
            hint=unsure if write else "try again later",
        )
    return TransportError(f"Could not talk to ORCID at {host} while {what}: {exc}.")


def _error_from_body(status: int, body: ErrorBody, *, invalid_token: bool = False) -> OrcidApiError:
    invalid_token = invalid_token or body.error == "invalid_token"
    cls = InvalidTokenError if status == 401 and invalid_token else OrcidApiError
    return _error_like(cls, status, body)


def _error_like(
    cls: type[OrcidApiError], status: int, details: ErrorBody | OrcidApiError, **extra: str
) -> OrcidApiError:
    """A ``cls`` for HTTP ``status`` carrying the ORCID error fields of ``details``."""
    return cls(
        status,
        error_code=details.error_code,
        user_message=details.user_message,
        developer_message=details.developer_message,
        more_info=details.more_info,
        error=details.error,
        error_description=details.error_description,
        **extra,
    )


def _slots(bulk: Bulk, expected: int, what: str) -> list[Work | ErrorBody]:
    if len(bulk.items) != expected:
        raise MessageError(
            f"ORCID answered {what} with {len(bulk.items)} results for {expected} items."
        )
    return list(bulk.items)


def _chunks(items: Sequence[_T], size: int) -> list[Sequence[_T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _require_new(works: Sequence[Work]) -> None:
    for work in works:
        if work.put_code is not None:
            raise ValueError(
                f"the work {work.title!r} already has put-code {work.put_code}; "
                "use update_work to change it"
            )


def _describe_source(item: Work | WorkSummary) -> str:
    source = item.source
    if source is None or not source.id:
        return "added by an unknown source"
    name = source.name or source.id
    if source.orcid and not source.client_id:
        return f"added by {name} (ORCID iD {source.orcid})"
    return f"added by {name}"


def _parse_search(response: httpx.Response) -> list[str]:
    """ORCID iDs in a search answer (XML ``search:search`` or its JSON form)."""
    content = response.content
    try:
        if content.lstrip().startswith(b"{"):
            found = _SEARCH_JSON.decode(content)
            return [r.orcid_identifier.path for r in found.result or ()]
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        root = etree.fromstring(content, parser)
    except (msgspec.ValidationError, msgspec.DecodeError, RecursionError) as exc:
        raise MessageError(f"ORCID's search answer could not be read: {exc}.") from exc
    except etree.XMLSyntaxError as exc:
        raise MessageError("ORCID's search answer could not be read.") from exc
    if root.tag != f"{{{_SEARCH_NS}}}search":
        raise MessageError(f"ORCID's search answer has root {root.tag}, not search:search.")
    paths = root.iterfind(
        f"{{{_SEARCH_NS}}}result/{{{_COMMON_NS}}}orcid-identifier/{{{_COMMON_NS}}}path"
    )
    return [(p.text or "").strip() for p in paths]


def check_ours(item: Work | WorkSummary, client_id: str | None, action: str) -> int:
    """The item's put-code if the client ``client_id`` added it; NotOwnedError otherwise.

    Checked before any update or delete is sent, by the client and by the delete workflow.
    """
    if not item.is_owned_by(client_id):
        if not client_id:
            raise NotOwnedError(
                f"Cannot {action} {item.title!r}: no ORCID client id is configured, so claimdesk "
                "cannot tell which works it added.",
                hint="set the client id (--client-id or CLAIMDESK_CLIENT_ID)",
            )
        raise NotOwnedError(
            f"Cannot {action} {item.title!r}: it was {_describe_source(item)}, and claimdesk only "
            "changes works it added itself.",
            hint="change it on orcid.org, or ask its source to",
        )
    if item.put_code is None:
        raise ValueError(f"cannot {action} a work without a put-code")
    return item.put_code
