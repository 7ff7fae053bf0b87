"""One HTTP policy per service (ORCID, its OAuth endpoints, DataCite, Crossref), applied as an
httpx transport: which answers are retried and how often, Retry-After, pacing, the User-Agent.

Every client of a service is built with :func:`policy_client`, so the rules live in one place
and every request follows them, retries included — whoever sends it.

What is retried, and why:

- **429 and 503, any method.** The service refused before doing anything (rate limit, brief
  maintenance), so sending again cannot duplicate a write; this is how a token exchange survives
  a busy ORCID after the user has already authorized.
- **502 and 504, reads only.** A gateway gave up; for a GET that is harmless to repeat. For a
  write it means the outcome is unknown: it is not repeated.
- **A dropped connection, reads only.** A write whose connection went away may have been
  committed; the caller decides (see :class:`~claimdesk.errors.OutcomeUnknownError`). A timeout
  is not retried at all: the user has already waited the whole timeout once.
- **A connection that could not be opened, any method**: the request never left this computer.

Waits honour ``Retry-After`` (seconds or an HTTP date), else back off exponentially, and are
capped. Bodies are read inside the transport (a body cut short is a dropped connection, retried
for a read), so this transport is not for streaming downloads. A non-read request may be marked safe to repeat with the :data:`SAFE_TO_REPEAT` request
extension (asking again for a client-credentials token is harmless). The last response, when
retries run out, is returned as it is; its ``extensions[ATTEMPTS]`` says how many were made.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx
import tenacity

from claimdesk import user_agent
from claimdesk.body_limit import read_limited

log = logging.getLogger(__name__)

#: request extension: this request may be repeated like a read
SAFE_TO_REPEAT = "claimdesk.safe_to_repeat"
#: response extension: how many times the request was sent
ATTEMPTS = "claimdesk.attempts"

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: the connection went away after the request was (possibly) sent
DROPPED = (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError, httpx.CloseError)
#: the request never left: nothing can have happened on the server
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@dataclass(frozen=True, slots=True)
class HttpPolicy:
    """How claimdesk talks to one service."""

    service: str
    #: further tries after the first one
    max_retries: int = 3
    #: answers meaning "refused, nothing done": retried for every method
    refused: frozenset[int] = frozenset({429, 503})
    #: answers retried for reads only (a write's outcome would be unknown)
    read_retry: frozenset[int] = frozenset({502, 504})
    #: first backoff step when no Retry-After is given; doubled on every further try
    backoff_base: float = 1.0
    #: longest wait between two tries, whatever Retry-After says
    max_wait: float = 30.0
    #: requests per second and burst; None: no pacing
    rate: float | None = None
    burst: int = 1
    #: pace by the X-Rate-Limit-Limit/-Interval headers the service sends (Crossref)
    learn_rate: bool = False

    def with_retries(self, max_retries: int) -> HttpPolicy:
        """The same policy with another number of retries."""
        return replace(self, max_retries=max_retries)


#: ORCID's API: 24 requests per second per client, burst 40 (reference/orcid-api.md §4).
ORCID = HttpPolicy("ORCID", rate=24.0, burst=40)
#: ORCID's Public API: 12 requests per second. It bursts to half of ORCID's 40 only: requests
#: bunch up on the way, and the other half of ORCID's bucket absorbs that instead of a 503.
ORCID_PUBLIC = HttpPolicy("ORCID", rate=12.0, burst=20)
#: ORCID's token endpoint (POSTs): only 429/503 and unopened connections are retried.
ORCID_OAUTH = HttpPolicy("ORCID")
DATACITE = HttpPolicy("DataCite", max_retries=2, backoff_base=0.5)
CROSSREF = HttpPolicy("Crossref", max_retries=2, backoff_base=0.5, learn_rate=True)


def retry_wait(policy: HttpPolicy, retry_after: str | None, attempt: int) -> float:
    """Seconds before try ``attempt + 2``: Retry-After (seconds or HTTP date) or backoff, capped."""
    wait = policy.backoff_base * 2**attempt
    if retry_after:
        value = retry_after.strip()
        try:
            wait = float(value)
        except ValueError:
            try:
                when = parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError):
                when = None  # unreadable: keep the backoff
            if when is not None:
                if when.tzinfo is None:
                    when = when.replace(tzinfo=UTC)
                wait = (when - datetime.now(UTC)).total_seconds()
        if wait != wait:  # NaN
            wait = policy.backoff_base * 2**attempt
    return min(max(0.0, wait), policy.max_wait)


class TokenBucket:
    """``rate`` tokens per second up to ``burst``; :meth:`acquire` blocks until one is free."""

    def __init__(
        self,
        rate: float,
        burst: int = 1,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not rate > 0 or burst < 1:
            raise ValueError("rate must be positive and burst at least 1")
        self.rate = float(rate)
        self.burst = int(burst)
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._tokens = float(burst)
        self._stamp = clock()

    def set_rate(self, rate: float) -> None:
        """Change the rate (the service said what it allows)."""
        if rate > 0:
            with self._lock:
                self.rate = float(rate)

    def acquire(self) -> None:
        """Take one token, waiting as long as needed."""
        while True:
            with self._lock:
                now = self._clock()
                self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
                self._stamp = now
                if self._tokens >= 1.0:
                    self._tokens -= 1.0
                    return
                wait = (1.0 - self._tokens) / self.rate
            self._sleep(wait)


def _interval_seconds(value: str) -> float | None:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*", value)
    if not match:
        return None
    number = float(match.group(1))
    return number * {"ms": 0.001, "s": 1.0, "m": 60.0, None: 1.0}[match.group(2)]


def advertised_rate(response: httpx.Response) -> float | None:
    """Requests per second allowed by ``X-Rate-Limit-Limit``/``-Interval``, when both are sent."""
    limit = response.headers.get("X-Rate-Limit-Limit")
    interval = response.headers.get("X-Rate-Limit-Interval")
    if not limit or not interval:
        return None
    seconds = _interval_seconds(interval)
    try:
        count = int(limit)
    except ValueError:
        return None
    return count / seconds if seconds and count > 0 else None


class PolicyTransport(httpx.BaseTransport):
    """Wraps another transport and applies an :class:`HttpPolicy` to every request."""

    def __init__(
        self,
        policy: HttpPolicy,
        inner: httpx.BaseTransport | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        bucket: TokenBucket | None = None,
    ) -> None:
        self.policy = policy
        self._inner = inner or httpx.HTTPTransport()
        self._sleep = sleep
        if bucket is None and (policy.rate or policy.learn_rate):
            bucket = TokenBucket(policy.rate or 1000.0, max(1, policy.burst))
        self.bucket = bucket

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        repeatable = request.method in READ_METHODS or bool(request.extensions.get(SAFE_TO_REPEAT))
        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self.policy.max_retries + 1),
            wait=self._wait,
            retry=tenacity.retry_if_exception(lambda exc: self._retry_error(exc, repeatable))
            | tenacity.retry_if_result(lambda r: self._retry_status(r, repeatable)),
            sleep=self._sleep,
            before_sleep=lambda state: self._before_sleep(request, state),
            retry_error_callback=_last_outcome,
        )
        response: httpx.Response = retrying(self._send_once, request)
        response.extensions = {
            **response.extensions,
            ATTEMPTS: retrying.statistics["attempt_number"],
        }
        return response

    def close(self) -> None:
        self._inner.close()

    def _send_once(self, request: httpx.Request) -> httpx.Response:
        if self.bucket is not None:
            self.bucket.acquire()
        response = self._inner.handle_request(request)
        try:
            # Read here, so a connection dropped mid-body is met inside the retry loop; no more
            # than any real answer holds, so a broken server cannot fill the memory.
            read_limited(response, request)
        except BaseException:
            response.close()
            raise
        if self.policy.learn_rate and self.bucket is not None:
            rate = advertised_rate(response)
            if rate is not None:
                self.bucket.set_rate(rate)
        return response

    def _retry_status(self, response: httpx.Response, repeatable: bool) -> bool:
        status = response.status_code
        return status in self.policy.refused or (repeatable and status in self.policy.read_retry)

    @staticmethod
    def _retry_error(exc: BaseException, repeatable: bool) -> bool:
        if isinstance(exc, NOT_SENT):
            return True
        # A read that timed out is not tried again: the user has waited the whole timeout once.
        return repeatable and isinstance(exc, DROPPED)

    def _wait(self, state: tenacity.RetryCallState) -> float:
        outcome = state.outcome
        retry_after = None
        if outcome is not None and not outcome.failed:
            retry_after = outcome.result().headers.get("Retry-After")
        return retry_wait(self.policy, retry_after, state.attempt_number - 1)

    def _before_sleep(self, request: httpx.Request, state: tenacity.RetryCallState) -> None:
        outcome = state.outcome
        assert outcome is not None
        if outcome.failed:
            what = type(outcome.exception()).__name__
        else:
            response = outcome.result()
            what = f"HTTP {response.status_code}"
            response.close()  # give the connection back before waiting
        wait = state.next_action.sleep if state.next_action is not None else 0.0
        log.info(
            "%s answered %s to %s %s; try %d of %d in %.1f s",
            self.policy.service,
            what,
            request.method,
            request.url.copy_with(query=None),
            state.attempt_number + 1,
            self.policy.max_retries + 1,
            wait,
        )


def _last_outcome(state: tenacity.RetryCallState) -> httpx.Response:
    """When tries run out: the last response as it is, or the last error raised."""
    assert state.outcome is not None
    return state.outcome.result()


def policy_client(
    policy: HttpPolicy,
    *,
    timeout: float = 30.0,
    mailto: str | None = None,
    connections: int = 10,
    sleep: Callable[[float], None] = time.sleep,
    inner: httpx.BaseTransport | None = None,
    follow_redirects: bool = False,
    headers: dict[str, str] | None = None,
) -> httpx.Client:
    """An httpx client for one service: ``policy`` as its transport, claimdesk's User-Agent."""
    if inner is None:
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        inner = httpx.HTTPTransport(limits=limits)
    return httpx.Client(
        transport=PolicyTransport(policy, inner, sleep=sleep),
        timeout=timeout,
        headers={"User-Agent": user_agent(mailto), **(headers or {})},
        follow_redirects=follow_redirects,
    )
