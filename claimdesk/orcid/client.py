"""ORCID Member API v3.0 works client: read, add, update and delete works over httpx.

:func:`search_records` searches ORCID's public API (no record involved) with the same requests,
retries and errors as the client.

Synchronous and Qt-free; one client is meant for one worker thread at a time. Failures surface as
claimdesk errors: ORCID's own errors as :class:`OrcidApiError` (401 ``invalid_token`` as
:class:`InvalidTokenError`, 429/503 after the bounded retries as :class:`RateLimitedError`),
network failures as :class:`~claimdesk.errors.TransportError` and unreadable bodies as
:class:`~claimdesk.errors.MessageError`.

Retries follow :data:`claimdesk.http_policy.ORCID` (the client's transport): 429 and 503 are
retried for every request, 502/504 and dropped connections for reads only. Writes
(POST/PUT/DELETE) are never resent after a dropped connection, a timeout or a 5xx: ORCID may
already have committed them, and resending a POST could add a duplicate. The caller gets an
:class:`~claimdesk.errors.OutcomeUnknownError` and the claims journal reconciles by reading the
record's works. A 401 ``invalid_token`` with a way to renew the token at hand (``renew_token``)
renews it once and sends the request again (ORCID did nothing with the refused one).

The bearer token is sent only in the ``Authorization`` header; log messages name the method,
URL and status, never headers.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Literal, TypeVar

import httpx
import msgspec
from lxml import etree

from claimdesk.config import Settings
from claimdesk.errors import ClaimdeskError, ConfigError, MessageError, NotOwnedError
from claimdesk.http_policy import ORCID, SAFE_TO_REPEAT, policy_client
from claimdesk.orcid import codec, wire
from claimdesk.orcid import json as orcid_json
from claimdesk.orcid import xml as orcid_xml
from claimdesk.orcid.errors import InvalidTokenError
from claimdesk.orcid.ids import normalize_orcid
from claimdesk.orcid.json.shapes import SearchAnswer
from claimdesk.orcid.model import BULK_MAX, Bulk, ErrorBody, Work, WorksSummary, WorkSummary

log = logging.getLogger(__name__)


_SEARCH_NS = "http://www.orcid.org/ns/search"
_COMMON_NS = "http://www.orcid.org/ns/common"
_PUT_CODE_IN_LOCATION = re.compile(r"/work/(\d+)/?$")
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
        owner_client_id: str | None = None,
        renew_token: Callable[[], str | None] | None = None,
    ) -> None:
        """Talk to ``settings.endpoints`` about ``orcid``'s record with ``token``.

        ``fmt`` is the format of the bodies sent (answers are always asked for as JSON);
        ``token=None`` reads anonymously, which only the Public API (``endpoints.pub``) answers;
        ``http`` lets a caller share an httpx client (built with :func:`policy_client`; it is
        then not closed here); ``sleep`` is what waits between retries (tests inject a
        recorder). ``owner_client_id`` is the client that obtained ``token``: works it is the
        source of are claimdesk's (default: the configured client id). ``renew_token`` returns
        a fresh access token (or None) when ORCID refuses this one.
        """
        normalized = normalize_orcid(orcid)
        if normalized is None:
            raise ConfigError(f"{orcid!r} is not a valid ORCID iD.")
        if fmt not in ("xml", "json"):
            raise ValueError(f"fmt must be 'xml' or 'json', not {fmt!r}")
        self.orcid = normalized
        self._settings = settings
        self._token = token
        self._owner = owner_client_id or settings.client_id
        self._renew_token = renew_token
        self._max_retries = max_retries
        self._on_invalid_token = on_invalid_token
        self._fmt: Literal["xml", "json"] = fmt
        # Writes are sent as ``fmt`` (XML by default: what the XSDs validate); every answer is
        # asked for as JSON, which decodes about twice as fast as the XML of the same record.
        self._media = codec.XML if fmt == "xml" else codec.JSON
        self._codec = orcid_xml if fmt == "xml" else orcid_json
        self._owns_http = http is None
        self._http = (
            http
            if http is not None
            else policy_client(
                ORCID.with_retries(max_retries), timeout=settings.timeout, sleep=sleep
            )
        )
        self._record_url = f"{settings.endpoints.api}/{self.orcid}"

    @property
    def owner_client_id(self) -> str | None:
        """The client whose works this client may change (the one that obtained the token)."""
        return self._owner

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
        return check_ours(item, self._owner, action)

    def _request(
        self, method: str, path: str, *, what: str, content: bytes | None = None
    ) -> httpx.Response:
        """Send one request about this record, with retries; the 2xx response, or its error."""
        renew = self._renew_token
        try:
            return self._call(
                method, path, what, content, None if renew else self._on_invalid_token
            )
        except InvalidTokenError as refused:
            if renew is None:
                raise
            fresh = self._renewed(renew, refused)
            if fresh is None:
                raise
            log.info("ORCID refused the token while %s; renewed it, sending again", what)
            self._token = fresh
            # 401 means ORCID did nothing with the request, so sending it again is safe.
            return self._call(method, path, what, content, self._on_invalid_token)

    def _call(
        self,
        method: str,
        path: str,
        what: str,
        content: bytes | None,
        on_invalid_token: Callable[[InvalidTokenError], None] | None,
    ) -> httpx.Response:
        return wire.call(
            self._http,
            method,
            self._record_url + path,
            token=self._token,
            media=codec.JSON,
            content_type=self._media,
            what=what,
            content=content,
            on_invalid_token=on_invalid_token,
        )

    def _renewed(self, renew: Callable[[], str | None], refused: InvalidTokenError) -> str | None:
        """A fresh token from ``renew`` (once), or None after telling ``on_invalid_token``."""
        try:
            fresh = renew()
        except ClaimdeskError as err:
            log.info("renewing the refused token failed: %s", err.message)
            fresh = None
        if not fresh or fresh == self._token:
            if self._on_invalid_token is not None:
                self._on_invalid_token(refused)
            return None
        return fresh

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
            raise wire.error_from_body(response.status_code, message)
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
    on_invalid_token: Callable[[InvalidTokenError], None] | None = None,
) -> list[str]:
    """ORCID iDs of the records matching a Solr ``query`` on the public API, one page.

    ``rows`` is at most 1000 (ORCID's limit); ``start`` pages through the results. Retries and
    errors are those of :class:`OrcidClient`; ``http`` is used (not closed) when given.
    """
    if not 0 <= rows <= 1000:
        raise ValueError("rows must be between 0 and 1000")
    with wire.http_for(settings, http, max_retries) as client:
        response = wire.call(
            client,
            "GET",
            f"{settings.endpoints.pub}/search/",
            token=token,
            media=codec.XML if fmt == "xml" else codec.JSON,
            what=f"searching ORCID for {query!r}",
            params={"q": query, "rows": str(rows), "start": str(start)},
            on_invalid_token=on_invalid_token,
        )
    return _parse_search(response)


def fetch_read_public_token(settings: Settings, *, http: httpx.Client | None = None) -> str:
    """A client-credentials ``/read-public`` access token for the configured client.

    Needs the client id and secret (``auth.client_secret.with_secret`` looks the secret up in
    the keyring first); used for public-API searches and reads (the curator tools).
    """
    if not settings.client_id or not settings.client_secret:
        raise ConfigError(
            "A /read-public token needs the ORCID client id and client secret.",
            hint="configure both for this environment",
        )
    what = "asking ORCID for a /read-public token"
    with wire.http_for(settings, http, 3) as client:
        request = client.build_request(
            "POST",
            settings.endpoints.token_url,
            headers={"Accept": "application/json"},
            data={
                "client_id": settings.client_id,
                "client_secret": settings.client_secret,
                "grant_type": "client_credentials",
                "scope": "/read-public",
            },
            # Asking again for a token is harmless, so this POST may be retried like a read.
            extensions={SAFE_TO_REPEAT: True},
        )
        response = wire.send(client, request, what=what)
    if not response.is_success:
        raise wire.api_error(response, what)
    try:
        answer = json.loads(response.content)
    except ValueError:
        answer = None
    token = answer.get("access_token") if isinstance(answer, dict) else None
    if not isinstance(token, str) or not token:
        raise MessageError(f"ORCID's answer to {what} held no access token.")
    return token


# -- module internals --------------------------------------------------------------------------


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
