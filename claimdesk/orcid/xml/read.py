"""Reading ORCID API v3.0 XML (also v2.0/v2.1) into the model: works, work, summary, bulk, error.

ORCID's namespaces carry no version, so one reader serves v2.0, v2.1 and v3.0. Reading walks the
tree once, child by child, comparing tags against precomputed Clark names instead of running
XPath: a 10,000-work summary must parse in about the time lxml needs to build the tree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from claimdesk.orcid.dropped import Dropped
from claimdesk.orcid.model import (
    Bulk,
    BulkItem,
    Citation,
    Contributor,
    ErrorBody,
    ExternalId,
    Message,
    TranslatedTitle,
    Work,
    WorkGroup,
    WorksSummary,
    WorkSummary,
)
from claimdesk.orcid.xml.document import expect_kind, parse_root, root_kind
from claimdesk.orcid.xml.leaves import (
    Memo,
    read_date,
    read_external_ids,
    read_id_path,
    read_source,
    read_text,
)
from claimdesk.orcid.xml.names import (
    CITATION,
    CITATION_TYPE,
    CITATION_VALUE,
    CLARK_ERROR,
    CONTRIBUTOR,
    CONTRIBUTOR_ATTRIBUTES,
    CONTRIBUTOR_EMAIL,
    CONTRIBUTOR_ORCID,
    CONTRIBUTOR_ROLE,
    CONTRIBUTOR_SEQUENCE,
    CONTRIBUTORS,
    COUNTRY,
    CREATED,
    CREDIT_NAME,
    ERROR,
    EXTERNAL_IDS,
    GROUP,
    JOURNAL_TITLE,
    LANGUAGE_CODE,
    MODIFIED,
    PUBLICATION_DATE,
    SHORT_DESCRIPTION,
    SOURCE,
    SUBTITLE,
    TITLE,
    TRANSLATED_TITLE,
    URL,
    URL_V2,
    WORK,
    WORK_SUMMARY,
    WORK_TITLE,
    WORK_TYPE,
)


def _contributor(el: etree._Element) -> Contributor:
    orcid = credit_name = email = role = sequence = None
    for child in el:
        tag = child.tag
        if tag == CONTRIBUTOR_ORCID:
            orcid = read_id_path(child)
        elif tag == CREDIT_NAME:
            credit_name = read_text(child)
        elif tag == CONTRIBUTOR_EMAIL:
            email = read_text(child)
        elif tag == CONTRIBUTOR_ATTRIBUTES:
            for attr in child:
                if attr.tag == CONTRIBUTOR_ROLE:
                    role = read_text(attr)
                elif attr.tag == CONTRIBUTOR_SEQUENCE:
                    sequence = read_text(attr)
    return Contributor(credit_name, orcid, email, role, sequence)


def _work(el: etree._Element, memo: Memo) -> Work:
    """A full work from a ``work:work`` element."""
    get = el.get
    fields: dict[str, object] = {
        "put_code": memo.number(get("put-code"), "put-code"),
        "visibility": get("visibility"),
        "path": get("path"),
        "title": "",
        "type": "",
    }
    for child in el:
        tag = child.tag
        if tag == EXTERNAL_IDS:
            fields["external_ids"] = read_external_ids(child, memo)
        elif tag == WORK_TITLE:
            for part in child:
                ptag = part.tag
                if ptag == TITLE:
                    fields["title"] = read_text(part) or ""
                elif ptag == SUBTITLE:
                    fields["subtitle"] = read_text(part)
                elif ptag == TRANSLATED_TITLE:
                    value = read_text(part)
                    if value:
                        fields["translated_title"] = TranslatedTitle(
                            value, (part.get("language-code") or "").strip()
                        )
        elif tag == WORK_TYPE:
            fields["type"] = read_text(child) or ""
        elif tag == SOURCE:
            fields["source"] = read_source(child, memo)
        elif tag == CREATED:
            fields["created"] = read_text(child)
        elif tag == MODIFIED:
            fields["modified"] = read_text(child)
        elif tag == PUBLICATION_DATE:
            fields["publication_date"] = read_date(child, memo)
        elif tag == JOURNAL_TITLE:
            fields["journal_title"] = read_text(child)
        elif tag in (URL, URL_V2):
            fields["url"] = read_text(child)
        elif tag == SHORT_DESCRIPTION:
            fields["short_description"] = read_text(child)
        elif tag == CITATION:
            ctype = cvalue = None
            for part in child:
                if part.tag == CITATION_TYPE:
                    ctype = read_text(part)
                elif part.tag == CITATION_VALUE:
                    cvalue = read_text(part)
            if cvalue:
                fields["citation"] = Citation(ctype or "formatted-unspecified", cvalue)
        elif tag == CONTRIBUTORS:
            fields["contributors"] = tuple(_contributor(c) for c in child if c.tag == CONTRIBUTOR)
        elif tag == LANGUAGE_CODE:
            fields["language_code"] = read_text(child)
        elif tag == COUNTRY:
            fields["country"] = read_text(child)
    return Work(**fields)  # type: ignore[arg-type]


def _summary(el: etree._Element, memo: Memo) -> WorkSummary:
    # A record has up to 10,000 of these, so this is _work unrolled into locals (no dict, no
    # ** call, _text inlined): it keeps parse_works near the cost of building the tree.
    get = el.get
    title = work_type = ""
    external_ids: tuple[ExternalId, ...] = ()
    source = publication_date = None
    created = modified = journal_title = url = None
    for child in el:
        tag = child.tag
        if tag == EXTERNAL_IDS:
            external_ids = read_external_ids(child, memo)
            continue
        if tag == SOURCE:
            source = read_source(child, memo)
            continue
        if tag == PUBLICATION_DATE:
            publication_date = read_date(child, memo)
            continue
        if tag == WORK_TITLE:
            for part in child:
                if part.tag == TITLE:
                    text = part.text
                    title = text.strip() if text else ""
            continue
        text = child.text
        if text is not None:
            text = text.strip() or None
        if tag == CREATED:
            created = text
        elif tag == MODIFIED:
            modified = text
        elif tag == WORK_TYPE:
            work_type = text or ""
        elif tag == JOURNAL_TITLE:
            journal_title = text
        elif tag in (URL, URL_V2):
            url = text
    return WorkSummary(
        put_code=memo.number(get("put-code"), "put-code"),
        title=title,
        type=work_type,
        external_ids=external_ids,
        source=source,
        publication_date=publication_date,
        journal_title=journal_title,
        url=url,
        display_index=memo.number(get("display-index"), "display-index") or 0,
        visibility=get("visibility"),
        created=created,
        modified=modified,
        path=get("path"),
    )


def _error(el: etree._Element, memo: Memo) -> ErrorBody:
    values: dict[str, str | None] = {}
    for child in el:
        tag = child.tag
        if isinstance(tag, str) and tag.startswith(CLARK_ERROR):
            values[tag[len(CLARK_ERROR) :]] = read_text(child)
    return ErrorBody(
        status=memo.number(values.get("response-code"), "response-code"),
        error_code=memo.number(values.get("error-code"), "error-code"),
        user_message=values.get("user-message"),
        developer_message=values.get("developer-message"),
        more_info=values.get("more-info"),
    )


def _group(el: etree._Element, memo: Memo) -> WorkGroup:
    group_ids: tuple[ExternalId, ...] = ()
    group_modified = None
    summaries = []
    for part in el:
        ptag = part.tag
        if ptag == WORK_SUMMARY:
            summaries.append(_summary(part, memo))
        elif ptag == EXTERNAL_IDS:
            group_ids = read_external_ids(part, memo)
        elif ptag == MODIFIED:
            group_modified = read_text(part)
    return WorkGroup(group_ids, tuple(summaries), group_modified)


def _works(root: etree._Element, memo: Memo) -> WorksSummary:
    # Each group is unlinked from the tree once read, so libxml2 frees it then: freeing a
    # 10,000-work tree in one go at the end held the GIL for ~60 ms, a visible stall of the GUI
    # while a worker parses (lxml frees a removed subtree when its last proxy goes).
    groups = []
    last_modified = None
    child = root[0] if len(root) else None
    while child is not None:
        following = child.getnext()
        tag = child.tag
        if tag == GROUP:
            groups.append(_group(child, memo))
            root.remove(child)
        elif tag == MODIFIED:
            last_modified = read_text(child)
        child = following
    return WorksSummary(tuple(groups), last_modified, root.get("path"))


def _bulk(root: etree._Element, memo: Memo) -> Bulk:
    items: list[BulkItem] = []
    for child in root:
        if child.tag == WORK:
            items.append(_work(child, memo))
        elif child.tag == ERROR:
            items.append(_error(child, memo))
        elif isinstance(child.tag, str):
            memo.dropped.add("bulk item that is neither a work nor an error", child.tag)
    return Bulk(tuple(items))


_READERS: dict[str, Callable[[etree._Element, Memo], Message]] = {
    "works": _works,
    "work": _work,
    "work-summary": _summary,
    "bulk": _bulk,
    "error": lambda root, memo: _error(root, memo),
}


def _read(body: bytes, kind: str | None, dropped: Dropped | None) -> Any:
    root = parse_root(body)
    if kind is None:
        kind = root_kind(root)
    else:
        expect_kind(root, kind)
    return _READERS[kind](root, Memo(dropped))


def parse(body: bytes, dropped: Dropped | None = None) -> Message:
    """Parse any ORCID works, work, work-summary, bulk or error message, chosen by its root.

    Values that cannot be used are left out and counted in ``dropped``.
    """
    return _read(body, None, dropped)


def parse_works(body: bytes, dropped: Dropped | None = None) -> WorksSummary:
    """Parse ``activities:works`` (``GET /works``) into groups of work summaries."""
    return _read(body, "works", dropped)


def parse_work(body: bytes, dropped: Dropped | None = None) -> Work:
    """Parse one full ``work:work``."""
    return _read(body, "work", dropped)


def parse_work_summary(body: bytes, dropped: Dropped | None = None) -> WorkSummary:
    """Parse one ``work:work-summary`` (``GET /work/summary/{put-code}``)."""
    return _read(body, "work-summary", dropped)


def parse_bulk(body: bytes, dropped: Dropped | None = None) -> Bulk:
    """Parse ``bulk:bulk``: a work or an error per slot, in the order sent."""
    return _read(body, "bulk", dropped)


def parse_error(body: bytes, dropped: Dropped | None = None) -> ErrorBody:
    """Parse an ``error:error`` body."""
    return _read(body, "error", dropped)
