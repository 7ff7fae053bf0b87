"""Turning bytes into a checked XML tree: a hardened parser, and words for what was received.

The parser never expands entities nor fetches anything (XXE, billion laughs). What does not parse
is named the way a person would recognise it: an empty body, an HTML page by its title, truncated
or malformed XML; and a tree whose root is not one of the messages claimdesk reads says what it is.
"""

from __future__ import annotations

import re
import threading

from lxml import etree

from claimdesk.errors import MessageError
from claimdesk.orcid.xml.names import (
    ORCID_NS_PREFIX,
    ROOT_KINDS,
    ROOT_NAMES,
)

_local = threading.local()


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
    if name.startswith("{" + ORCID_NS_PREFIX):
        qname = etree.QName(name)
        prefix = qname.namespace[len(ORCID_NS_PREFIX) :] if qname.namespace else ""
        raise MessageError(
            f"got an ORCID {prefix}:{qname.localname} message, not works, a work, a bulk "
            "or an error"
        )
    raise MessageError(f"got XML whose root is {name}, not an ORCID message")


def expect_kind(root: etree._Element, kind: str) -> None:
    """Raise MessageError unless ``root`` is a message of ``kind``."""
    found = root_kind(root)
    if found != kind:
        raise MessageError(f"expected {ROOT_NAMES[kind]}, got {ROOT_NAMES[found]}")
