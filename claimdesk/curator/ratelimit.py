"""A token bucket shared by threads, and an httpx transport that waits on it before each request.

ORCID allows 24 requests per second per client with a burst of 40 (reference/orcid-api.md §4);
beyond that it answers 503. Putting the bucket in the transport means every request — retries
included — is paced, whoever sends it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import httpx

#: ORCID's documented limits (requests per second, burst).
ORCID_RATE = 24.0
ORCID_BURST = 40


class TokenBucket:
    """``rate`` tokens per second up to ``burst``; :meth:`acquire` blocks until one is free."""

    def __init__(
        self,
        rate: float = ORCID_RATE,
        burst: int = ORCID_BURST,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be positive and burst at least 1")
        self.rate = float(rate)
        self.burst = int(burst)
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._tokens = float(burst)
        self._stamp = clock()

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


class RateLimitedTransport(httpx.BaseTransport):
    """Wraps another transport so that each request first takes a token from ``bucket``."""

    def __init__(self, bucket: TokenBucket, inner: httpx.BaseTransport | None = None) -> None:
        self.bucket = bucket
        self._inner = inner or httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.bucket.acquire()
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


def paced_client(
    rate: float = ORCID_RATE,
    burst: int = ORCID_BURST,
    *,
    timeout: float = 30.0,
    connections: int = 10,
) -> httpx.Client:
    """An httpx client whose every request waits on one :class:`TokenBucket` (shared by threads)."""
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    transport = RateLimitedTransport(TokenBucket(rate, burst), httpx.HTTPTransport(limits=limits))
    return httpx.Client(transport=transport, timeout=timeout)
