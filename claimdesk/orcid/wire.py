"""One ORCID API request on the wire: send it, and turn the answer into a response or an error.

The transport (:data:`claimdesk.http_policy.ORCID`) has already retried what is safe to retry;
what reaches here is final. A write that timed out, lost its connection or met a 5xx becomes an
:class:`~claimdesk.errors.OutcomeUnknownError`; 429/503 after the retries a
:class:`RateLimitedError`; ORCID's error bodies an :class:`OrcidApiError` in words.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import httpx

from claimdesk import user_agent
from claimdesk.body_limit import send_limited
from claimdesk.config import Settings
from claimdesk.errors import MessageError, OutcomeUnknownError, TransportError
from claimdesk.http_policy import (
    ATTEMPTS,
    DROPPED,
    NOT_SENT,
    ORCID,
    SAFE_TO_REPEAT,
    policy_client,
)
from claimdesk.orcid import codec
from claimdesk.orcid.errors import InvalidTokenError, OrcidApiError, RateLimitedError
from claimdesk.orcid.model import ErrorBody

log = logging.getLogger(__name__)

_REFUSED = (429, 503)


def api_error(response: httpx.Response, what: str) -> OrcidApiError:
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
    return error_from_body(status, body, invalid_token=invalid_token)


@contextmanager
def http_for(
    settings: Settings, http: httpx.Client | None, max_retries: int
) -> Iterator[httpx.Client]:
    """``http`` if given (left open), else a fresh ORCID-policy client closed afterwards."""
    if http is not None:
        yield http
        return
    with policy_client(ORCID.with_retries(max_retries), timeout=settings.timeout) as client:
        yield client


def call(
    http: httpx.Client,
    method: str,
    url: str,
    *,
    token: str | None,
    media: str,
    what: str,
    on_invalid_token: Callable[[InvalidTokenError], None] | None,
    content: bytes | None = None,
    content_type: str | None = None,
    params: dict[str, str] | None = None,
) -> httpx.Response:
    """Send one API request with ``token``; the 2xx response, or its error raised.

    ``media`` is the answer's format asked for; ``content_type`` the body's (default ``media``).
    """
    headers = {"Accept": media, "User-Agent": user_agent()}
    if token is not None:  # None: anonymous (the Public API)
        headers["Authorization"] = f"Bearer {token}"
    if content is not None:
        headers["Content-Type"] = content_type or media
    request = http.build_request(method, url, headers=headers, content=content, params=params)
    response = send(http, request, what=what)
    if response.is_success:
        return response
    error = api_error(response, what)
    if isinstance(error, InvalidTokenError) and on_invalid_token is not None:
        on_invalid_token(error)
    raise error


def send(http: httpx.Client, request: httpx.Request, *, what: str) -> httpx.Response:
    """Send ``request`` (the transport retries what is safe); any answer but a final refusal
    (429/503), or a write's 5xx, is returned for the caller to judge."""
    write = request.method not in ("GET", "HEAD") and not request.extensions.get(SAFE_TO_REPEAT)
    try:
        response = send_limited(http, request, what=what)
    except httpx.TransportError as exc:
        raise _transport_error(exc, request, what, write) from exc
    log.debug("%s %s -> HTTP %d", request.method, request.url, response.status_code)
    status = response.status_code
    if status in _REFUSED:
        tries = response.extensions.get(ATTEMPTS, 1)
        raise _error_like(
            RateLimitedError,
            status,
            api_error(response, what),
            message=f"ORCID is busy (HTTP {status}) and still refused after "
            f"{tries} tries while {what}; wait a few minutes and try again.",
        )
    if write and status >= 500:
        said = api_error(response, what)
        raise OutcomeUnknownError(
            f"ORCID failed (HTTP {status}) while {what}, and may have saved the change anyway: "
            f"{said.message}",
            status=status,
            hint=_UNSURE,
        )
    return response


_UNSURE = (
    "ORCID may have saved the change before the connection was lost; claimdesk does not "
    "resend it blindly — reload the record's works to see what was saved"
)


def _transport_error(
    exc: httpx.TransportError, request: httpx.Request, what: str, write: bool
) -> TransportError:
    """A sentence for a network failure: what was being done, where, and what to do."""
    host = request.url.netloc.decode("ascii", "replace")
    if isinstance(exc, NOT_SENT):
        return TransportError(
            f"Could not connect to ORCID at {host} while {what}.",
            hint="check the network connection (and any proxy), then try again",
        )
    if isinstance(exc, httpx.TimeoutException):
        timeout = request.extensions.get("timeout", {}).get("read")
        waited = f" within {timeout:g} s" if isinstance(timeout, int | float) else ""
        message = f"ORCID at {host} did not answer{waited} while {what}."
        if write:
            return OutcomeUnknownError(message, hint=_UNSURE)
        return TransportError(message, hint="ORCID may be slow or down; try again later")
    if isinstance(exc, DROPPED):
        message = f"The connection to ORCID at {host} was dropped while {what}."
        if write:
            return OutcomeUnknownError(message, hint=_UNSURE)
        return TransportError(message, hint="try again later")
    return TransportError(f"Could not talk to ORCID at {host} while {what}: {exc}.")


def error_from_body(status: int, body: ErrorBody, *, invalid_token: bool = False) -> OrcidApiError:
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
