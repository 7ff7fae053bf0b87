"""Counting what the sandbox received, so tests can assert on requests (``sb.stats``)."""

from __future__ import annotations

import threading
import time


class Stats:
    """Thread-safe log of the requests the sandbox received, for tests to count."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: list[tuple[str, str]] = []
        #: ``time.monotonic()`` of each request, parallel to ``requests`` (for per-second counts)
        self.times: list[float] = []

    def record(self, method: str, path: str) -> None:
        """Note one request."""
        with self._lock:
            self.requests.append((method, path))
            self.times.append(time.monotonic())

    def count(self, method: str | None = None, path_prefix: str | None = None) -> int:
        """How many requests matched ``method`` and started with ``path_prefix``."""
        with self._lock:
            return sum(
                1
                for m, p in self.requests
                if (method is None or m == method.upper())
                and (path_prefix is None or p.startswith(path_prefix))
            )

    def reset(self) -> None:
        """Forget every request seen so far."""
        with self._lock:
            self.requests.clear()
            self.times.clear()

    def busiest(self, seconds: float = 1.0, path_prefix: str | None = None) -> int:
        """Most requests (under ``path_prefix``) received within any window of ``seconds``."""
        with self._lock:
            stamps = [
                t
                for t, (_m, p) in zip(self.times, self.requests, strict=True)
                if path_prefix is None or p.startswith(path_prefix)
            ]
        best = start = 0
        for end, stamp in enumerate(stamps):
            while stamp - stamps[start] >= seconds:
                start += 1
            best = max(best, end - start + 1)
        return best
