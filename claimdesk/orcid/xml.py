"""ORCID API v3.0 XML codec: bodies to model dataclasses and back (also reads v2.0/v2.1).

ORCID's namespaces carry no version, so one reader serves v2.0, v2.1 and v3.0. Reading walks the
tree once, child by child, comparing tags against precomputed Clark names instead of running
XPath: a 10,000-work summary must parse in about the time lxml needs to build the tree. Writing
follows the element order of ``work-3.0.xsd`` / ``bulk-3.0.xsd`` / ``activities-3.0.xsd``
exactly, because the XSDs are sequences and ORCID validates against them.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence

from lxml import etree

from claimdesk.errors import MessageError
from claimdesk.orcid.message_reader import Message, MessageReader
from claimdesk.orcid.model import (
    Bulk,
    BulkItem,
    Citation,
    Contributor,
    ErrorBody,
    ExternalId,
    PublicationDate,
    Source,
    TranslatedTitle,
    Work,
    WorkGroup,
    WorksSummary,
    WorkSummary,
)

NS_COMMON = "http://www.orcid.org/ns/common"
NS_WORK = "http://www.orcid.org/ns/work"
NS_ACTIVITIES = "http://www.orcid.org/ns/activities"
NS_BULK = "http://www.orcid.org/ns/bulk"
NS_ERROR = "http://www.orcid.org/ns/error"
_ORCID_NS_PREFIX = "http://www.orcid.org/ns/"

#: Maximum number of works in one bulk message (reference/orcid-api.md §2.6).
BULK_LIMIT = 100

_C = "{" + NS_COMMON + "}"
_W = "{" + NS_WORK + "}"
_A = "{" + NS_ACTIVITIES + "}"
_B = "{" + NS_BULK + "}"
_E = "{" + NS_ERROR + "}"

# Clark names, computed once: tag comparison is the hot path of parse_works.
_CREATED = _C + "created-date"
_MODIFIED = _C + "last-modified-date"
_SOURCE = _C + "source"
_SOURCE_ORCID = _C + "source-orcid"
_SOURCE_CLIENT_ID = _C + "source-client-id"
_SOURCE_NAME = _C + "source-name"
_AO_ORCID = _C + "assertion-origin-orcid"
_AO_CLIENT_ID = _C + "assertion-origin-client-id"
_AO_NAME = _C + "assertion-origin-name"
_PATH = _C + "path"
_URI = _C + "uri"
_HOST = _C + "host"
_EXTERNAL_IDS = _C + "external-ids"
_EXTERNAL_ID = _C + "external-id"
_EID_TYPE = _C + "external-id-type"
_EID_VALUE = _C + "external-id-value"
_EID_NORMALIZED = _C + "external-id-normalized"
_EID_URL = _C + "external-id-url"
_EID_RELATIONSHIP = _C + "external-id-relationship"
_URL = _C + "url"
_URL_V2 = _W + "url"  # v2.0/v2.1 put the work's url in the work namespace
_PUBLICATION_DATE = _C + "publication-date"
_YEAR = _C + "year"
_MONTH = _C + "month"
_DAY = _C + "day"
_TITLE = _C + "title"
_SUBTITLE = _C + "subtitle"
_TRANSLATED_TITLE = _C + "translated-title"
_LANGUAGE_CODE = _C + "language-code"
_COUNTRY = _C + "country"
_CONTRIBUTOR_ORCID = _C + "contributor-orcid"

_WORK = _W + "work"
_WORK_SUMMARY = _W + "work-summary"
_WORK_TITLE = _W + "title"
_WORK_TYPE = _W + "type"
_JOURNAL_TITLE = _W + "journal-title"
_SHORT_DESCRIPTION = _W + "short-description"
_CITATION = _W + "citation"
_CITATION_TYPE = _W + "citation-type"
_CITATION_VALUE = _W + "citation-value"
_CONTRIBUTORS = _W + "contributors"
_CONTRIBUTOR = _W + "contributor"
_CREDIT_NAME = _W + "credit-name"
_CONTRIBUTOR_EMAIL = _W + "contributor-email"
_CONTRIBUTOR_ATTRIBUTES = _W + "contributor-attributes"
_CONTRIBUTOR_SEQUENCE = _W + "contributor-sequence"
_CONTRIBUTOR_ROLE = _W + "contributor-role"

_WORKS = _A + "works"
_GROUP = _A + "group"
_BULK = _B + "bulk"
_ERROR = _E + "error"

#: Root element → the kind of message it is.
ROOT_KINDS = {
    _WORKS: "works",
    _WORK: "work",
    _WORK_SUMMARY: "work-summary",
    _BULK: "bulk",
    _ERROR: "error",
}
_ROOT_NAMES = {
    "works": "activities:works",
    "work": "work:work",
    "work-summary": "work:work-summary",
    "bulk": "bulk:bulk",
    "error": "error:error",
}

_NSMAP = {"common": NS_COMMON, "work": NS_WORK}

_local = threading.local()
_NO_DATE = PublicationDate()


class _Memo:
    """Per-message caches: a record's works share few sources and repeat their group's ids."""

    __slots__ = ("dates", "ids", "sources")

    def __init__(self) -> None:
        self.dates: dict[tuple[str | None, ...], PublicationDate | None] = {}
        self.sources: dict[tuple[str | None, ...], Source] = {}
        self.ids: dict[tuple[str | None, ...], ExternalId] = {}


def _parser() -> etree.XMLParser:
    # lxml parsers must not be shared between threads; the client parses on worker threads.
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.XMLParser(
            resolve_entities=False,  # no entity expansion (billion laughs, external files)
            no_network=True,
            load_dtd=False,
            huge_tree=True,  # a 10,000-work record is larger than libxml2's default limits
            # ORCID pretty-prints; dropping the indentation nodes makes a large tree ~20% faster
            # to build and smaller. Comments and PIs are left in: the tag checks skip them.
            remove_blank_text=True,
            collect_ids=False,
        )
        _local.parser = parser
    return parser


# --------------------------------------------------------------------------------------------
# Recognising what was received


def _describe_html(body: bytes) -> str:
    """Name an HTML page by its title, the way a person would recognise it."""
    title = None
    try:
        doc = etree.fromstring(body, etree.HTMLParser(no_network=True, recover=True))
        if doc is not None:
            found = doc.find(".//title")
            if found is not None:
                text = "".join(str(part) for part in found.itertext())
                title = " ".join(text.split())
    except etree.XMLSyntaxError:
        pass
    if title:
        return f"an HTML page titled {title[:80]!r}"
    return "an HTML page"


def _looks_like_html(head: bytes) -> bool:
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:300]


_FIRST_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)")


def _is_truncated(body: bytes) -> bool:
    """Whether XML that failed to parse looks cut off rather than badly formed.

    A complete document ends by closing its root element; one that stops anywhere else was cut
    (a dropped connection, a proxy's size limit).
    """
    stripped = body.rstrip()
    match = _FIRST_TAG.search(stripped)
    if match is None:
        return False
    return not stripped.endswith(b"</" + match.group(1) + b">") and not stripped.endswith(b"/>")


def _root_name(tag: str) -> str:
    return tag if isinstance(tag, str) else repr(tag)


def _check_body(body: bytes) -> None:
    """Refuse what is plainly not XML before parsing: an empty body, an HTML page."""
    if not body or body.isspace():  # isspace() does not copy a 23 MB body
        raise MessageError("expected an ORCID message, got an empty body")
    if _looks_like_html(body[:512]):
        raise MessageError(f"expected an ORCID message, got {_describe_html(body)}")


def _syntax_error(body: bytes, err: etree.XMLSyntaxError) -> MessageError:
    line = err.position[0] if err.position else 0
    reason = str(err.msg or err).split(", line")[0].strip()
    what = "truncated XML" if _is_truncated(body) else "malformed XML"
    return MessageError(f"expected an ORCID message, got {what} (line {line}: {reason})")


def _check_root(body: bytes, root: etree._Element | None) -> etree._Element:
    if root is None:
        raise MessageError("expected an ORCID message, got an empty XML document")
    tag = root.tag
    if isinstance(tag, str) and etree.QName(tag).localname.lower() == "html":
        raise MessageError(f"expected an ORCID message, got {_describe_html(body)}")
    return root


def parse_root(body: bytes) -> etree._Element:
    """Parse ``body`` as XML with a hardened parser; raise MessageError if it is not XML.

    The message names what was received: an empty body, an HTML page (by its title), truncated
    or malformed XML (with libxml2's line and reason).
    """
    _check_body(body)
    try:
        root = etree.fromstring(body, _parser())
    except etree.XMLSyntaxError as err:
        raise _syntax_error(body, err) from err
    return _check_root(body, root)


def root_kind(root: etree._Element) -> str:
    """The kind of ORCID message ``root`` is (works, work, work-summary, bulk, error).

    Raises MessageError for ORCID messages claimdesk does not read (a whole record, other
    activities) and for XML that is not ORCID's at all.
    """
    tag = root.tag
    kind = ROOT_KINDS.get(tag) if isinstance(tag, str) else None
    if kind is not None:
        return kind
    name = _root_name(tag)
    if name.startswith("{" + _ORCID_NS_PREFIX):
        qname = etree.QName(name)
        prefix = qname.namespace[len(_ORCID_NS_PREFIX) :] if qname.namespace else ""
        raise MessageError(
            f"got an ORCID {prefix}:{qname.localname} message, not works, a work, a bulk "
            "or an error"
        )
    raise MessageError(f"got XML whose root is {name}, not an ORCID message")


def _expect(root: etree._Element, kind: str) -> None:
    found = root_kind(root)
    if found != kind:
        raise MessageError(f"expected {_ROOT_NAMES[kind]}, got {_ROOT_NAMES[found]}")


# --------------------------------------------------------------------------------------------
# Reading


def _text(el: etree._Element) -> str | None:
    # ORCID pretty-prints, so leaf text can carry newlines and tabs; empty means absent.
    text = el.text
    if text is None:
        return None
    text = text.strip()
    return text or None


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text)  # int() itself ignores surrounding whitespace
    except ValueError:
        return None


def _id_path(el: etree._Element) -> str | None:
    """The ``path`` of an orcid-id / client-id element (or the last segment of its ``uri``)."""
    path = uri = None
    for child in el:
        tag = child.tag
        if tag == _PATH:
            path = _text(child)
        elif tag == _URI:
            uri = _text(child)
    if path:
        return path
    if uri:
        return uri.rstrip("/").rsplit("/", 1)[-1]
    return None


def _source(el: etree._Element, memo: _Memo) -> Source:
    # One per work: read the whole element into a flat key first, so that the (few) distinct
    # sources of a record are built once and shared.
    parts: list[str | None] = []
    append = parts.append
    for child in el:
        tag = child.tag
        if tag in (_SOURCE_NAME, _AO_NAME):
            text = child.text
            append(tag)
            append(text.strip() or None if text else None)
        else:
            append(tag)
            append(_id_path(child))
    key = tuple(parts)
    source = memo.sources.get(key)
    if source is None:
        fields = dict(zip(parts[::2], parts[1::2], strict=True))
        source = memo.sources[key] = Source(
            client_id=fields.get(_SOURCE_CLIENT_ID),
            orcid=fields.get(_SOURCE_ORCID),
            name=fields.get(_SOURCE_NAME),
            assertion_origin_client_id=fields.get(_AO_CLIENT_ID),
            assertion_origin_orcid=fields.get(_AO_ORCID),
            assertion_origin_name=fields.get(_AO_NAME),
        )
    return source


def _external_ids(el: etree._Element, memo: _Memo) -> tuple[ExternalId, ...]:
    ids = []
    for eid in el:
        if eid.tag != _EXTERNAL_ID:
            continue
        id_type = value = normalized = url = relationship = None
        # The hottest loop of parse_works (a group repeats its members' ids): _text inlined,
        # tags tested in the order ORCID writes them.
        for child in eid:
            tag = child.tag
            text = child.text
            if text is not None:
                text = text.strip() or None
            if tag == _EID_TYPE:
                id_type = text
            elif tag == _EID_VALUE:
                value = text
            elif tag == _EID_NORMALIZED:
                normalized = text
            elif tag == _EID_URL:
                url = text
            elif tag == _EID_RELATIONSHIP:
                relationship = text
        key = (id_type, value, relationship, url, normalized)
        found = memo.ids.get(key)
        if found is None:
            found = memo.ids[key] = ExternalId(
                id_type or "", value or "", relationship, url, normalized
            )
        ids.append(found)
    return tuple(ids)


def _publication_date(el: etree._Element, memo: _Memo) -> PublicationDate | None:
    year = month = day = None
    for child in el:
        tag = child.tag
        if tag == _YEAR:
            year = child.text
        elif tag == _MONTH:
            month = child.text
        elif tag == _DAY:
            day = child.text
    key = (year, month, day)
    if key in memo.dates:
        return memo.dates[key]
    date = None
    if year is not None or month is not None or day is not None:
        date = PublicationDate(_int(year), _int(month), _int(day))
        if date == _NO_DATE:
            date = None
    memo.dates[key] = date
    return date


def _contributor(el: etree._Element) -> Contributor:
    orcid = credit_name = email = role = sequence = None
    for child in el:
        tag = child.tag
        if tag == _CONTRIBUTOR_ORCID:
            orcid = _id_path(child)
        elif tag == _CREDIT_NAME:
            credit_name = _text(child)
        elif tag == _CONTRIBUTOR_EMAIL:
            email = _text(child)
        elif tag == _CONTRIBUTOR_ATTRIBUTES:
            for attr in child:
                if attr.tag == _CONTRIBUTOR_ROLE:
                    role = _text(attr)
                elif attr.tag == _CONTRIBUTOR_SEQUENCE:
                    sequence = _text(attr)
    return Contributor(credit_name, orcid, email, role, sequence)


def _work(el: etree._Element, memo: _Memo) -> Work:
    """A full work from a ``work:work`` element."""
    get = el.get
    fields: dict[str, object] = {
        "put_code": _int(get("put-code")),
        "visibility": get("visibility"),
        "path": get("path"),
        "title": "",
        "type": "",
    }
    for child in el:
        tag = child.tag
        if tag == _EXTERNAL_IDS:
            fields["external_ids"] = _external_ids(child, memo)
        elif tag == _WORK_TITLE:
            for part in child:
                ptag = part.tag
                if ptag == _TITLE:
                    fields["title"] = _text(part) or ""
                elif ptag == _SUBTITLE:
                    fields["subtitle"] = _text(part)
                elif ptag == _TRANSLATED_TITLE:
                    value = _text(part)
                    if value:
                        fields["translated_title"] = TranslatedTitle(
                            value, (part.get("language-code") or "").strip()
                        )
        elif tag == _WORK_TYPE:
            fields["type"] = _text(child) or ""
        elif tag == _SOURCE:
            fields["source"] = _source(child, memo)
        elif tag == _CREATED:
            fields["created"] = _text(child)
        elif tag == _MODIFIED:
            fields["modified"] = _text(child)
        elif tag == _PUBLICATION_DATE:
            fields["publication_date"] = _publication_date(child, memo)
        elif tag == _JOURNAL_TITLE:
            fields["journal_title"] = _text(child)
        elif tag in (_URL, _URL_V2):
            fields["url"] = _text(child)
        elif tag == _SHORT_DESCRIPTION:
            fields["short_description"] = _text(child)
        elif tag == _CITATION:
            ctype = cvalue = None
            for part in child:
                if part.tag == _CITATION_TYPE:
                    ctype = _text(part)
                elif part.tag == _CITATION_VALUE:
                    cvalue = _text(part)
            if cvalue:
                fields["citation"] = Citation(ctype or "formatted-unspecified", cvalue)
        elif tag == _CONTRIBUTORS:
            fields["contributors"] = tuple(_contributor(c) for c in child if c.tag == _CONTRIBUTOR)
        elif tag == _LANGUAGE_CODE:
            fields["language_code"] = _text(child)
        elif tag == _COUNTRY:
            fields["country"] = _text(child)
    return Work(**fields)  # type: ignore[arg-type]


def _summary(el: etree._Element, memo: _Memo) -> WorkSummary:
    # A record has up to 10,000 of these, so this is _work unrolled into locals (no dict, no
    # ** call, _text inlined): it keeps parse_works near the cost of building the tree.
    get = el.get
    title = work_type = ""
    external_ids: tuple[ExternalId, ...] = ()
    source = publication_date = None
    created = modified = journal_title = url = None
    for child in el:
        tag = child.tag
        if tag == _EXTERNAL_IDS:
            external_ids = _external_ids(child, memo)
            continue
        if tag == _SOURCE:
            source = _source(child, memo)
            continue
        if tag == _PUBLICATION_DATE:
            publication_date = _publication_date(child, memo)
            continue
        if tag == _WORK_TITLE:
            for part in child:
                if part.tag == _TITLE:
                    text = part.text
                    title = text.strip() if text else ""
            continue
        text = child.text
        if text is not None:
            text = text.strip() or None
        if tag == _CREATED:
            created = text
        elif tag == _MODIFIED:
            modified = text
        elif tag == _WORK_TYPE:
            work_type = text or ""
        elif tag == _JOURNAL_TITLE:
            journal_title = text
        elif tag in (_URL, _URL_V2):
            url = text
    return WorkSummary(
        put_code=_int(get("put-code")),
        title=title,
        type=work_type,
        external_ids=external_ids,
        source=source,
        publication_date=publication_date,
        journal_title=journal_title,
        url=url,
        display_index=_int(get("display-index")) or 0,
        visibility=get("visibility"),
        created=created,
        modified=modified,
        path=get("path"),
    )


def _error(el: etree._Element) -> ErrorBody:
    values: dict[str, str | None] = {}
    for child in el:
        tag = child.tag
        if isinstance(tag, str) and tag.startswith(_E):
            values[tag[len(_E) :]] = _text(child)
    return ErrorBody(
        status=_int(values.get("response-code")),
        error_code=_int(values.get("error-code")),
        user_message=values.get("user-message"),
        developer_message=values.get("developer-message"),
        more_info=values.get("more-info"),
    )


def _group(el: etree._Element, memo: _Memo) -> WorkGroup:
    group_ids: tuple[ExternalId, ...] = ()
    group_modified = None
    summaries = []
    for part in el:
        ptag = part.tag
        if ptag == _WORK_SUMMARY:
            summaries.append(_summary(part, memo))
        elif ptag == _EXTERNAL_IDS:
            group_ids = _external_ids(part, memo)
        elif ptag == _MODIFIED:
            group_modified = _text(part)
    return WorkGroup(group_ids, tuple(summaries), group_modified)


def _works(root: etree._Element) -> WorksSummary:
    # Each group is unlinked from the tree once read, so libxml2 frees it then: freeing a
    # 10,000-work tree in one go at the end held the GIL for ~60 ms, a visible stall of the GUI
    # while a worker parses (lxml frees a removed subtree when its last proxy goes).
    memo = _Memo()
    groups = []
    last_modified = None
    child = root[0] if len(root) else None
    while child is not None:
        following = child.getnext()
        tag = child.tag
        if tag == _GROUP:
            groups.append(_group(child, memo))
            root.remove(child)
        elif tag == _MODIFIED:
            last_modified = _text(child)
        child = following
    return WorksSummary(tuple(groups), last_modified, root.get("path"))


def _bulk(root: etree._Element) -> Bulk:
    memo = _Memo()
    items: list[BulkItem] = []
    for child in root:
        if child.tag == _WORK:
            items.append(_work(child, memo))
        elif child.tag == _ERROR:
            items.append(_error(child))
    return Bulk(tuple(items))


_READ = MessageReader(
    decode=parse_root,
    kind_of=root_kind,
    expect=_expect,
    readers={
        "works": _works,
        "work": lambda root: _work(root, _Memo()),
        "work-summary": lambda root: _summary(root, _Memo()),
        "bulk": _bulk,
        "error": _error,
    },
)


def parse(body: bytes) -> Message:
    """Parse any ORCID works, work, work-summary, bulk or error message, chosen by its root."""
    return _READ.any(body)


def parse_works(body: bytes) -> WorksSummary:
    """Parse ``activities:works`` (``GET /works``) into groups of work summaries."""
    return _READ.works(body)


def parse_work(body: bytes) -> Work:
    """Parse one full ``work:work``."""
    return _READ.work(body)


def parse_work_summary(body: bytes) -> WorkSummary:
    """Parse one ``work:work-summary`` (``GET /work/summary/{put-code}``)."""
    return _READ.work_summary(body)


def parse_bulk(body: bytes) -> Bulk:
    """Parse ``bulk:bulk``: a work or an error per slot, in the order sent."""
    return _READ.bulk(body)


def parse_error(body: bytes) -> ErrorBody:
    """Parse an ``error:error`` body."""
    return _READ.error(body)


# --------------------------------------------------------------------------------------------
# Writing


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    el = etree.SubElement(parent, tag)
    if text is not None:
        el.text = text
    return el


def _write_source(parent: etree._Element, source: Source) -> None:
    el = _sub(parent, _SOURCE)
    if source.client_id:
        _sub(_sub(el, _SOURCE_CLIENT_ID), _PATH, source.client_id)
    elif source.orcid:
        _sub(_sub(el, _SOURCE_ORCID), _PATH, source.orcid)
    if source.name is not None:
        _sub(el, _SOURCE_NAME, source.name)
    if source.assertion_origin_client_id:
        _sub(_sub(el, _AO_CLIENT_ID), _PATH, source.assertion_origin_client_id)
    elif source.assertion_origin_orcid:
        _sub(_sub(el, _AO_ORCID), _PATH, source.assertion_origin_orcid)
    if source.assertion_origin_name is not None:
        _sub(el, _AO_NAME, source.assertion_origin_name)


def _write_element_summary(el: etree._Element, item: Work | WorkSummary, *, full: bool) -> None:
    """Attributes and the created/modified/source header every activity starts with."""
    if item.put_code is not None:
        el.set("put-code", str(item.put_code))
    if not full:
        return
    if item.path:
        el.set("path", item.path)
    if item.visibility:
        el.set("visibility", item.visibility)
    if item.created:
        _sub(el, _CREATED, item.created)
    if item.modified:
        _sub(el, _MODIFIED, item.modified)
    if item.source is not None:
        _write_source(el, item.source)


def _write_external_ids(
    parent: etree._Element, ids: Iterable[ExternalId], *, normalized: bool
) -> None:
    el = _sub(parent, _EXTERNAL_IDS)
    for eid in ids:
        item = _sub(el, _EXTERNAL_ID)
        _sub(item, _EID_TYPE, eid.type)
        _sub(item, _EID_VALUE, eid.value)
        if normalized:
            # Server-generated and read-only: only what ORCID returns carries it.
            value = eid.key[1]
            if value:
                _sub(item, _EID_NORMALIZED, value).set("transient", "true")
        if eid.url:
            _sub(item, _EID_URL, eid.url)
        if eid.relationship:
            _sub(item, _EID_RELATIONSHIP, eid.relationship)


def _write_date(parent: etree._Element, date: PublicationDate | None) -> None:
    # The XSD needs a year before a month and a month before a day.
    if date is None or date.year is None:
        return
    el = _sub(parent, _PUBLICATION_DATE)
    _sub(el, _YEAR, f"{date.year:04d}")
    if date.month is not None:
        _sub(el, _MONTH, f"{date.month:02d}")
        if date.day is not None:
            _sub(el, _DAY, f"{date.day:02d}")


def _work_element(parent: etree._Element | None, work: Work, *, full: bool) -> etree._Element:
    el = etree.Element(_WORK, nsmap=_NSMAP) if parent is None else etree.SubElement(parent, _WORK)
    _write_element_summary(el, work, full=full)
    title = _sub(el, _WORK_TITLE)
    _sub(title, _TITLE, work.title)
    if work.subtitle is not None:
        _sub(title, _SUBTITLE, work.subtitle)
    if work.translated_title is not None:
        _sub(title, _TRANSLATED_TITLE, work.translated_title.value).set(
            "language-code", work.translated_title.language_code
        )
    if work.journal_title is not None:
        _sub(el, _JOURNAL_TITLE, work.journal_title)
    if work.short_description is not None:
        _sub(el, _SHORT_DESCRIPTION, work.short_description)
    if work.citation is not None:
        citation = _sub(el, _CITATION)
        _sub(citation, _CITATION_TYPE, work.citation.type)
        _sub(citation, _CITATION_VALUE, work.citation.value)
    _sub(el, _WORK_TYPE, work.type)
    _write_date(el, work.publication_date)
    if work.external_ids:
        _write_external_ids(el, work.external_ids, normalized=full)
    if work.url is not None:
        _sub(el, _URL, work.url)
    if work.contributors:
        contributors = _sub(el, _CONTRIBUTORS)
        for contributor in work.contributors:
            _write_contributor(contributors, contributor)
    if work.language_code is not None:
        _sub(el, _LANGUAGE_CODE, work.language_code)
    if work.country is not None:
        _sub(el, _COUNTRY, work.country)
    return el


def _write_contributor(parent: etree._Element, contributor: Contributor) -> None:
    el = _sub(parent, _CONTRIBUTOR)
    if contributor.orcid:
        orcid = _sub(el, _CONTRIBUTOR_ORCID)
        _sub(orcid, _PATH, contributor.orcid)
    if contributor.credit_name is not None:
        _sub(el, _CREDIT_NAME, contributor.credit_name)
    if contributor.email is not None:
        _sub(el, _CONTRIBUTOR_EMAIL, contributor.email)
    if contributor.sequence is not None or contributor.role is not None:
        attributes = _sub(el, _CONTRIBUTOR_ATTRIBUTES)
        if contributor.sequence is not None:
            _sub(attributes, _CONTRIBUTOR_SEQUENCE, contributor.sequence)
        if contributor.role is not None:
            _sub(attributes, _CONTRIBUTOR_ROLE, contributor.role)


def _summary_element(parent: etree._Element, summary: WorkSummary) -> None:
    el = etree.SubElement(parent, _WORK_SUMMARY)
    _write_element_summary(el, summary, full=True)
    el.set("display-index", str(summary.display_index))
    _sub(_sub(el, _WORK_TITLE), _TITLE, summary.title)
    if summary.external_ids:
        _write_external_ids(el, summary.external_ids, normalized=True)
    if summary.url is not None:
        _sub(el, _URL, summary.url)
    _sub(el, _WORK_TYPE, summary.type)
    _write_date(el, summary.publication_date)
    if summary.journal_title is not None:
        _sub(el, _JOURNAL_TITLE, summary.journal_title)


def _error_element(parent: etree._Element | None, err: ErrorBody) -> etree._Element:
    if parent is None:
        el = etree.Element(_ERROR, nsmap={"error": NS_ERROR})
    else:
        el = etree.SubElement(parent, _ERROR)
    _sub(el, _E + "response-code", str(err.status if err.status is not None else 0))
    developer = err.developer_message or err.error_description or err.error or ""
    _sub(el, _E + "developer-message", developer)
    if err.user_message is not None:
        _sub(el, _E + "user-message", err.user_message)
    if err.error_code is not None:
        _sub(el, _E + "error-code", str(err.error_code))
    if err.more_info is not None:
        _sub(el, _E + "more-info", err.more_info)
    return el


def _tostring(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def serialize_work(work: Work, *, full: bool = False) -> bytes:
    """``work:work`` XML: a write message (full=False) or as ORCID returns it (full=True)."""
    return _tostring(_work_element(None, work, full=full))


def serialize_bulk(items: Sequence[BulkItem], *, full: bool = False) -> bytes:
    """``bulk:bulk`` XML of up to 100 works (and, server side, errors) in the given order."""
    if len(items) > BULK_LIMIT:
        raise ValueError(f"a bulk message holds at most {BULK_LIMIT} items, not {len(items)}")
    root = etree.Element(_BULK, nsmap={"bulk": NS_BULK, **_NSMAP, "error": NS_ERROR})
    for item in items:
        if isinstance(item, ErrorBody):
            _error_element(root, item)
        else:
            _work_element(root, item, full=full)
    return _tostring(root)


def serialize_works(summary: WorksSummary) -> bytes:
    """``activities:works`` XML as ORCID serves ``GET /works`` (groups, display index)."""
    root = etree.Element(_WORKS, nsmap={"activities": NS_ACTIVITIES, **_NSMAP})
    if summary.path:
        root.set("path", summary.path)
    if summary.last_modified:
        _sub(root, _MODIFIED, summary.last_modified)
    for group in summary.groups:
        el = _sub(root, _GROUP)
        if group.last_modified:
            _sub(el, _MODIFIED, group.last_modified)
        _write_external_ids(el, group.external_ids, normalized=True)
        for item in group.summaries:
            _summary_element(el, item)
    return _tostring(root)


def serialize_work_summary(summary: WorkSummary) -> bytes:
    """``work:work-summary`` XML as ORCID serves ``GET /work/summary/{put-code}``."""
    holder = etree.Element("holder", nsmap=_NSMAP)
    _summary_element(holder, summary)
    return _tostring(holder[0])


def serialize_error(err: ErrorBody) -> bytes:
    """``error:error`` XML (what the sandbox answers on failure)."""
    return _tostring(_error_element(None, err))
