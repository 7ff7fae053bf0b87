"""Switchable faults of the sandbox: latency, 429/503/500 answers, dropped connections, bad bodies.

Tests arm a fault (``sb.faults.fail_next(503, retry_after=1)``) and the next matching request(s)
meet it; ``claimdesk sandbox`` arms them from flags. Faults "after commit" are the ones ORCID can
do to a write and the claim journal must survive: the request is handled (the works are stored)
and then the client is answered 500, kept waiting past its timeout, or cut off — so it cannot
know whether its write happened. ``after_commit_rates`` arms them at random for every write. Also the optional per-client token bucket
that answers 503 like ORCID's 24 requests/second, burst 40 limit (reference/orcid-api.md §4).
Everything here is thread-safe: the server handles requests on many threads.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass

FAIL_STATUSES = (429, 500, 502, 503, 504)
MALFORMED_KINDS = ("truncated", "html")
#: The faults that can follow a committed write (keys of ``Faults.after_commit_rates``).
AFTER_COMMIT_KINDS = ("500", "stall", "drop")
WRITE_METHODS = ("POST", "PUT", "DELETE")


@dataclass(slots=True)
class Armed:
    """One armed fault: what happens, how many more times, to which paths."""

    kind: str  # "fail" | "drop" | "malformed" | "stall"
    remaining: int
    path_prefix: str | None = None
    status: int = 503
    retry_after: float | None = None
    after_commit: bool = True
    malformed: str = "truncated"
    #: "stall": seconds to wait after handling the request before answering
    seconds: float = 0.0
    #: only requests with this method (None: any)
    method: str | None = None

    def applies_to(self, path: str, method: str | None = None) -> bool:
        """Whether a ``method`` request for ``path`` meets this fault."""
        if self.method is not None and method is not None and method != self.method:
            return False
        return self.path_prefix is None or path.startswith(self.path_prefix)


class Faults:
    """The faults the next requests will meet. ``latency`` applies to every request."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._armed: list[Armed] = []
        self.latency: float = 0.0
        #: probability (0..1) that any API request fails with ``fail_rate_status``
        self.fail_rate: float = 0.0
        self.fail_rate_status: int = 503
        #: probability (0..1) per kind in AFTER_COMMIT_KINDS that a write meets that fault after
        #: it was handled; "stall" waits ``stall_seconds``
        self.after_commit_rates: dict[str, float] = {}
        self.stall_seconds: float = 5.0
        self._rng = random.Random(0)

    def seed(self, value: int) -> None:
        """Make the random faults repeatable."""
        with self._lock:
            self._rng = random.Random(value)

    def fail_next(
        self,
        status: int = 503,
        count: int = 1,
        retry_after: float | None = None,
        path_prefix: str | None = None,
        *,
        after_commit: bool = False,
        method: str | None = None,
    ) -> None:
        """Answer the next ``count`` requests with ``status`` (429/500/502/503/504).

        With ``after_commit`` the request is handled first (a write is stored), then answered
        with ``status`` — ORCID's "500 after saving".
        """
        if status not in FAIL_STATUSES:
            raise ValueError(f"fail_next takes one of {FAIL_STATUSES}, not {status}")
        self._arm(
            Armed(
                "fail",
                count,
                path_prefix,
                status=status,
                retry_after=retry_after,
                after_commit=after_commit,
                method=method,
            )
        )

    def stall_next(
        self,
        seconds: float,
        count: int = 1,
        path_prefix: str | None = None,
        *,
        method: str | None = None,
    ) -> None:
        """Handle the next ``count`` requests, then wait ``seconds`` before answering.

        Longer than the client's timeout, this is a write that was saved but whose answer
        never arrived in time.
        """
        if seconds <= 0:
            raise ValueError("stall_next needs a positive number of seconds")
        self._arm(Armed("stall", count, path_prefix, seconds=seconds, method=method))

    def drop_next(
        self,
        count: int = 1,
        after_commit: bool = True,
        path_prefix: str | None = None,
        *,
        method: str | None = None,
    ) -> None:
        """Close the connection mid-response on the next ``count`` requests.

        With ``after_commit`` the request is handled first (a write is stored), then the client
        gets the status line and part of the headers before the socket closes; without it the
        socket closes before anything is done.
        """
        self._arm(Armed("drop", count, path_prefix, after_commit=after_commit, method=method))

    def malformed_next(
        self, count: int = 1, kind: str = "truncated", path_prefix: str | None = None
    ) -> None:
        """Corrupt the next ``count`` response bodies: ``truncated`` XML/JSON or an ``html`` page."""
        if kind not in MALFORMED_KINDS:
            raise ValueError(f"malformed_next kind is one of {MALFORMED_KINDS}, not {kind!r}")
        self._arm(Armed("malformed", count, path_prefix, malformed=kind))

    def clear(self) -> None:
        """Disarm every fault and remove latency and the random failure rate."""
        with self._lock:
            self._armed.clear()
            self.latency = 0.0
            self.fail_rate = 0.0
            self.after_commit_rates = {}

    def pending(self) -> int:
        """How many faulty requests are still armed."""
        with self._lock:
            return sum(a.remaining for a in self._armed)

    def take(self, kind: str, path: str, method: str | None = None) -> Armed | None:
        """Consume one armed fault of ``kind`` matching ``method`` and ``path`` (server side)."""
        with self._lock:
            for armed in self._armed:
                # a "fail" after commit is met by take_after_commit, once the request is handled
                late = armed.kind == "fail" and armed.after_commit
                if armed.kind == kind and armed.applies_to(path, method) and not late:
                    armed.remaining -= 1
                    if armed.remaining <= 0:
                        self._armed.remove(armed)
                    return armed
            if kind == "fail" and self.fail_rate > 0 and self._rng.random() < self.fail_rate:
                return Armed("fail", 0, status=self.fail_rate_status, retry_after=1)
        return None

    def take_after_commit(self, method: str, path: str) -> Armed | None:
        """The fault a handled request meets before its answer: armed ones first, then random
        ones (writes only, per ``after_commit_rates``)."""
        with self._lock:
            for armed in self._armed:
                if armed.applies_to(path, method) and (
                    armed.kind == "stall" or (armed.kind == "fail" and armed.after_commit)
                ):
                    armed.remaining -= 1
                    if armed.remaining <= 0:
                        self._armed.remove(armed)
                    return armed
            if method not in WRITE_METHODS or "/work" not in path:
                return None
            for kind in AFTER_COMMIT_KINDS:
                rate = self.after_commit_rates.get(kind, 0.0)
                if rate > 0 and self._rng.random() < rate:
                    if kind == "500":
                        return Armed("fail", 0, status=500)
                    if kind == "stall":
                        return Armed("stall", 0, seconds=self.stall_seconds)
                    return Armed("drop", 0)
        return None

    def _arm(self, armed: Armed) -> None:
        if armed.remaining < 1:
            raise ValueError("count must be at least 1")
        with self._lock:
            self._armed.append(armed)


class RateLimiter:
    """Token bucket per client (or per address when anonymous): ``rate`` per second, ``burst``."""

    def __init__(self, rate: float = 24.0, burst: int = 40) -> None:
        self.rate = rate
        self.burst = burst
        self.enabled = False
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, key: str) -> bool:
        """Take one token from ``key``'s bucket; False when it is empty (answer 503)."""
        if not self.enabled:
            return True
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                return False
            self._buckets[key] = (tokens - 1.0, now)
            return True

    def reset(self) -> None:
        """Refill every bucket."""
        with self._lock:
            self._buckets.clear()
