"""Reading the pieces every work shares (ids, sources, dates, leaf text), memoised per message.

A record's works share few sources and a group repeats its members' ids, so each distinct piece
is built once per message and shared: the hottest loops of reading a 10,000-work record.
"""

from __future__ import annotations

from lxml import etree

from claimdesk.orcid.dropped import Dropped
from claimdesk.orcid.model import (
    ExternalId,
    PublicationDate,
    Source,
)
from claimdesk.orcid.xml.names import (
    AO_CLIENT_ID,
    AO_NAME,
    AO_ORCID,
    DAY,
    EID_NORMALIZED,
    EID_RELATIONSHIP,
    EID_TYPE,
    EID_URL,
    EID_VALUE,
    EXTERNAL_ID,
    MONTH,
    PATH,
    SOURCE_CLIENT_ID,
    SOURCE_NAME,
    SOURCE_ORCID,
    URI,
    YEAR,
)

_NO_DATE = PublicationDate()


_NO_DATE = PublicationDate()


class Memo:
    """Per-message caches (a record's works share few sources and repeat their group's ids), and
    the tally of values left out because they could not be read."""

    __slots__ = ("dates", "dropped", "ids", "sources")

    def __init__(self, dropped: Dropped | None = None) -> None:
        self.dates: dict[tuple[str | None, ...], PublicationDate | None] = {}
        self.sources: dict[tuple[str | None, ...], Source] = {}
        self.ids: dict[tuple[str | None, ...], ExternalId | None] = {}
        self.dropped = dropped if dropped is not None else Dropped()

    def number(self, text: str | None, what: str) -> int | None:
        """``text`` as an integer; one that is not a number is left out and counted as ``what``."""
        if text is None:
            return None
        try:
            return int(text)  # int() itself ignores surrounding whitespace
        except ValueError:
            if text.strip():
                self.dropped.add(f"{what} that is not a number", text.strip())
            return None


def read_text(el: etree._Element) -> str | None:
    """An element's text, stripped; None when empty."""
    # ORCID pretty-prints, so leaf text can carry newlines and tabs; empty means absent.
    text = el.text
    if text is None:
        return None
    text = text.strip()
    return text or None


def read_int(text: str | None) -> int | None:
    """``text`` as an integer, or None when absent or not a number."""
    if text is None:
        return None
    try:
        return int(text)  # int() itself ignores surrounding whitespace
    except ValueError:
        return None


def read_id_path(el: etree._Element) -> str | None:
    """The ``path`` of an orcid-id / client-id element (or the last segment of its ``uri``)."""
    path = uri = None
    for child in el:
        tag = child.tag
        if tag == PATH:
            path = read_text(child)
        elif tag == URI:
            uri = read_text(child)
    if path:
        return path
    if uri:
        return uri.rstrip("/").rsplit("/", 1)[-1]
    return None


def read_source(el: etree._Element, memo: Memo) -> Source:
    """A ``common:source``, shared with the other works of the message that have the same."""
    # One per work: read the whole element into a flat key first, so that the (few) distinct
    # sources of a record are built once and shared.
    parts: list[str | None] = []
    append = parts.append
    for child in el:
        tag = child.tag
        if tag in (SOURCE_NAME, AO_NAME):
            text = child.text
            append(tag)
            append(text.strip() or None if text else None)
        else:
            append(tag)
            append(read_id_path(child))
    key = tuple(parts)
    source = memo.sources.get(key)
    if source is None:
        fields = dict(zip(parts[::2], parts[1::2], strict=True))
        source = memo.sources[key] = Source(
            client_id=fields.get(SOURCE_CLIENT_ID),
            orcid=fields.get(SOURCE_ORCID),
            name=fields.get(SOURCE_NAME),
            assertion_origin_client_id=fields.get(AO_CLIENT_ID),
            assertion_origin_orcid=fields.get(AO_ORCID),
            assertion_origin_name=fields.get(AO_NAME),
        )
    return source


def read_external_ids(el: etree._Element, memo: Memo) -> tuple[ExternalId, ...]:
    """The ``common:external-id`` children of a ``common:external-ids``, each built once."""
    ids = []
    for eid in el:
        if eid.tag != EXTERNAL_ID:
            continue
        id_type = value = normalized = url = relationship = None
        # The hottest loop of parse_works (a group repeats its members' ids): _text inlined,
        # tags tested in the order ORCID writes them.
        for child in eid:
            tag = child.tag
            text = child.text
            if text is not None:
                text = text.strip() or None
            if tag == EID_TYPE:
                id_type = text
            elif tag == EID_VALUE:
                value = text
            elif tag == EID_NORMALIZED:
                normalized = text
            elif tag == EID_URL:
                url = text
            elif tag == EID_RELATIONSHIP:
                relationship = text
        key = (id_type, value, relationship, url, normalized)
        if key in memo.ids:
            found = memo.ids[key]
        else:
            if id_type and value:
                found = ExternalId(id_type, value, relationship, url, normalized)
            else:
                found = None
                what = "external id without a " + ("type" if not id_type else "value")
                memo.dropped.add(what, value or id_type)
            memo.ids[key] = found
        if found is not None:
            ids.append(found)
    return tuple(ids)


def read_date(el: etree._Element, memo: Memo) -> PublicationDate | None:
    """A ``common:publication-date``; None when it has no year, month or day."""
    year = month = day = None
    for child in el:
        tag = child.tag
        if tag == YEAR:
            year = child.text
        elif tag == MONTH:
            month = child.text
        elif tag == DAY:
            day = child.text
    key = (year, month, day)
    if key in memo.dates:
        return memo.dates[key]
    date = None
    if year is not None or month is not None or day is not None:
        date = PublicationDate(
            memo.number(year, "publication year"),
            memo.number(month, "publication month"),
            memo.number(day, "publication day"),
        )
        if date == _NO_DATE:
            date = None
    memo.dates[key] = date
    return date
