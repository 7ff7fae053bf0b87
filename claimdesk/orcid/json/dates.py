"""ORCID JSON timestamps (epoch milliseconds) to and from the ISO 8601 form the XML carries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_DAY = date(1970, 1, 1)


# Reading a record converts ~27,000 timestamps: the text is put together from precomputed pieces
# (a day's date once per day, "HH:MM", ":SS.", "mmmZ") instead of formatting each one.
_HOURS_MINUTES = [f"T{h:02d}:{m:02d}" for h in range(24) for m in range(60)]
_SECONDS = [f":{s:02d}." for s in range(60)]
_MILLIS = [f"{ms:03d}Z" for ms in range(1000)]


@lru_cache(maxsize=4096)
def _day(days: int) -> str:
    # A record's timestamps fall on a few thousand days: each day's text is built once.
    return (_EPOCH_DAY + timedelta(days=days)).isoformat()


def millis_to_iso(millis: int) -> str:
    """Epoch milliseconds as ORCID's ISO form, e.g. ``2019-06-07T14:16:57.189Z``.

    Raises OverflowError for a number outside the years 1–9999 (not a real timestamp).
    """
    seconds, ms = divmod(int(millis), 1000)
    days, seconds = divmod(seconds, 86_400)
    if not -719_162 <= days <= 2_932_896:  # 0001-01-01 … 9999-12-31
        raise OverflowError(f"{millis} ms is not a date between the years 1 and 9999")
    minutes, seconds = divmod(seconds, 60)
    return _day(days) + _HOURS_MINUTES[minutes] + _SECONDS[seconds] + _MILLIS[ms]


def iso_to_millis(text: str) -> int:
    """ISO 8601 timestamp (assumed UTC without an offset) as epoch milliseconds."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000
