"""Choosing the XML or JSON codec for a body ORCID sent, by content type or by its first byte.

The content type alone is not trusted: a proxy's HTML error page or an OAuth error in JSON can
arrive under any header, so the body's first significant character decides when it disagrees.
"""

from __future__ import annotations

from claimdesk.errors import MessageError
from claimdesk.orcid import json as json_codec
from claimdesk.orcid import xml as xml_codec
from claimdesk.orcid.dropped import Dropped
from claimdesk.orcid.model import Bulk, ErrorBody, Message, Work, WorksSummary, WorkSummary

XML = "application/vnd.orcid+xml"
JSON = "application/vnd.orcid+json"


def _first_char(body: bytes) -> bytes:
    stripped = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    return stripped[:1]


#: The kind name of each message type, for :func:`decode`'s ``expected``.
KINDS: dict[type, str] = {
    WorksSummary: "works",
    Work: "work",
    WorkSummary: "work-summary",
    Bulk: "bulk",
    ErrorBody: "error",
}


def decode(
    body: bytes,
    content_type: str | None = None,
    *,
    expected: str | None = None,
    dropped: Dropped | None = None,
) -> Message:
    """Parse any ORCID works, work, work-summary, bulk or error body, XML or JSON.

    ``expected`` (a kind name, see :data:`KINDS`) lets a JSON body of that kind take the fast
    path; a body of another kind is still returned. Values that cannot be used are left out and
    counted in ``dropped``. Raises MessageError naming what was received when it is not an
    ORCID message.
    """
    first = _first_char(body or b"")
    if not first:
        raise MessageError("expected an ORCID message, got an empty body")
    declared = (content_type or "").lower()
    try:
        if first == b"<":
            return xml_codec.parse(body, dropped)
        if first in (b"{", b"[") or "json" in declared:
            return json_codec.read(body, expected, dropped)
        if "xml" in declared:
            return xml_codec.parse(body, dropped)
    except MessageError as err:
        # A body that only starts like XML or JSON is not "malformed XML" but what it is.
        binary = describe_binary(body)
        if binary is not None and binary.startswith("binary data"):
            raise MessageError(f"expected an ORCID message, got {binary}") from err
        raise
    binary = describe_binary(body)
    if binary is not None:
        raise MessageError(f"expected an ORCID message, got {binary}")
    preview = body.strip()[:40].decode("utf-8", "replace")
    raise MessageError(
        f"expected an ORCID message, got text that is neither XML nor JSON ({preview!r})"
    )


def describe_binary(body: bytes) -> str | None:
    """Words for a body that is not text (an image, an archive, random bytes), such as
    "binary data (N bytes)"; None for text. Quoting such bytes would only print garbage."""
    head = body[:1024]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text (save the file as UTF-8)"
    controls = sum(1 for b in head if b < 32 and b not in b"\t\n\r\f\b\x1b")
    try:
        head.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError as err:
        utf8 = err.start >= len(head) - 3  # only a character cut at the end of the sample
    # Text has next to no control characters; Latin-1 text none at all.
    if b"\x00" in head or controls > len(head) // (10 if utf8 else 100):
        return f"binary data ({len(body):,} bytes)"
    return None
