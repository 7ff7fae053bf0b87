"""ORCID JSON timestamps (epoch milliseconds) to and from the ISO 8601 form the XML carries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def millis_to_iso(millis: int) -> str:
    """Epoch milliseconds as ORCID's ISO form, e.g. ``2019-06-07T14:16:57.189Z``."""
    seconds, ms = divmod(int(millis), 1000)
    moment = _EPOCH + timedelta(seconds=seconds)
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{ms:03d}Z"


def iso_to_millis(text: str) -> int:
    """ISO 8601 timestamp (assumed UTC without an offset) as epoch milliseconds."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000
