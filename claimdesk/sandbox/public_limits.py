"""The Public API's own limits in the sandbox: a daily quota for anonymous reads, and its pace.

ORCID counts anonymous Public API requests per address and day and answers HTTP 429 with a
plain-text sentence once the quota (10,000 a day) is used; clients reading with a ``/read-public``
token have a larger allowance that ORCID only warns about by e-mail (reference/orcid-api.md §4).
The pace (12 requests a second, burst 40) is enforced, like the Member API's, only while
``Sandbox.rate_limit`` is on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, date, datetime

from claimdesk.sandbox.faults import RateLimiter

#: Anonymous Public API requests per address per day before ORCID answers 429.
ANONYMOUS_DAILY_QUOTA = 10_000
#: The Public API's pace: requests per second and burst.
PUBLIC_RATE, PUBLIC_BURST = 12.0, 40

#: ORCID's answer once the anonymous quota is used (ApiRateLimitFilter), as plain text.
QUOTA_MESSAGE = (
    "Too Many Requests. You have exceeded the daily quota for anonymous usage of this API. "
    "You can increase your daily quota by registering for and using Public API client "
    "credentials (https://info.orcid.org/documentation/integration-guide/"
    "registering-a-public-api-client/)"
)


def _today() -> date:
    return datetime.now(UTC).date()


class DailyQuota:
    """Anonymous requests counted per address for the current UTC day."""

    def __init__(
        self, limit: int = ANONYMOUS_DAILY_QUOTA, *, today: Callable[[], date] = _today
    ) -> None:
        self.limit = limit
        self._today = today
        self._lock = threading.Lock()
        self._day = today()
        self._used: dict[str, int] = {}

    def take(self, address: str) -> bool:
        """Count one request from ``address``; False once its quota for today is used."""
        with self._lock:
            day = self._today()
            if day != self._day:
                self._day, self._used = day, {}
            used = self._used.get(address, 0)
            if used >= self.limit:
                return False
            self._used[address] = used + 1
            return True

    def used(self, address: str) -> int:
        """How many anonymous requests ``address`` made today."""
        with self._lock:
            return self._used.get(address, 0) if self._day == self._today() else 0

    def reset(self) -> None:
        """Forget today's counts."""
        with self._lock:
            self._used.clear()


class PublicLimits:
    """What the sandbox applies to requests under ``/pub/``: the pace and the anonymous quota."""

    def __init__(self) -> None:
        self.pace = RateLimiter(PUBLIC_RATE, PUBLIC_BURST)
        self.quota = DailyQuota()

    @staticmethod
    def applies_to(path: str) -> bool:
        """Whether ``path`` is a Public API request."""
        return path.startswith("/pub/")
