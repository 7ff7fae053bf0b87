"""Writing the model as ORCID API v3.0 XML: work and bulk write messages, and what ORCID serves.

Element order follows ``work-3.0.xsd`` / ``bulk-3.0.xsd`` / ``activities-3.0.xsd`` exactly,
because the XSDs are sequences and ORCID validates against them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lxml import etree

from claimdesk.orcid.model import (
    BULK_MAX,
    BulkItem,
    Contributor,
    ErrorBody,
    ExternalId,
    PublicationDate,
    Source,
    Work,
    WorksSummary,
    WorkSummary,
)
from claimdesk.orcid.validate import check_work, check_works
from claimdesk.orcid.xml.names import (
    AO_CLIENT_ID,
    AO_NAME,
    AO_ORCID,
    BULK,
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
    DAY,
    EID_NORMALIZED,
    EID_RELATIONSHIP,
    EID_TYPE,
    EID_URL,
    EID_VALUE,
    ERROR,
    EXTERNAL_ID,
    EXTERNAL_IDS,
    GROUP,
    JOURNAL_TITLE,
    LANGUAGE_CODE,
    MODIFIED,
    MONTH,
    NS_ACTIVITIES,
    NS_BULK,
    NS_ERROR,
    NSMAP,
    PATH,
    PUBLICATION_DATE,
    SHORT_DESCRIPTION,
    SOURCE,
    SOURCE_CLIENT_ID,
    SOURCE_NAME,
    SOURCE_ORCID,
    SUBTITLE,
    TITLE,
    TRANSLATED_TITLE,
    URL,
    WORK,
    WORK_SUMMARY,
    WORK_TITLE,
    WORK_TYPE,
    WORKS,
    YEAR,
)


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    el = etree.SubElement(parent, tag)
    if text is not None:
        el.text = text
    return el


def _write_source(parent: etree._Element, source: Source) -> None:
    el = _sub(parent, SOURCE)
    if source.client_id:
        _sub(_sub(el, SOURCE_CLIENT_ID), PATH, source.client_id)
    elif source.orcid:
        _sub(_sub(el, SOURCE_ORCID), PATH, source.orcid)
    if source.name is not None:
        _sub(el, SOURCE_NAME, source.name)
    if source.assertion_origin_client_id:
        _sub(_sub(el, AO_CLIENT_ID), PATH, source.assertion_origin_client_id)
    elif source.assertion_origin_orcid:
        _sub(_sub(el, AO_ORCID), PATH, source.assertion_origin_orcid)
    if source.assertion_origin_name is not None:
        _sub(el, AO_NAME, source.assertion_origin_name)


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
        _sub(el, CREATED, item.created)
    if item.modified:
        _sub(el, MODIFIED, item.modified)
    if item.source is not None:
        _write_source(el, item.source)


def _write_external_ids(
    parent: etree._Element, ids: Iterable[ExternalId], *, normalized: bool
) -> None:
    el = _sub(parent, EXTERNAL_IDS)
    for eid in ids:
        item = _sub(el, EXTERNAL_ID)
        _sub(item, EID_TYPE, eid.type)
        _sub(item, EID_VALUE, eid.value)
        if normalized:
            # Server-generated and read-only: only what ORCID returns carries it.
            value = eid.key[1]
            if value:
                _sub(item, EID_NORMALIZED, value).set("transient", "true")
        if eid.url:
            _sub(item, EID_URL, eid.url)
        if eid.relationship:
            _sub(item, EID_RELATIONSHIP, eid.relationship)


def _write_date(parent: etree._Element, date: PublicationDate | None) -> None:
    # The XSD needs a year before a month and a month before a day.
    if date is None or date.year is None:
        return
    el = _sub(parent, PUBLICATION_DATE)
    _sub(el, YEAR, f"{date.year:04d}")
    if date.month is not None:
        _sub(el, MONTH, f"{date.month:02d}")
        if date.day is not None:
            _sub(el, DAY, f"{date.day:02d}")


def _work_element(parent: etree._Element | None, work: Work, *, full: bool) -> etree._Element:
    el = etree.Element(WORK, nsmap=NSMAP) if parent is None else etree.SubElement(parent, WORK)
    _write_element_summary(el, work, full=full)
    title = _sub(el, WORK_TITLE)
    _sub(title, TITLE, work.title)
    if work.subtitle is not None:
        _sub(title, SUBTITLE, work.subtitle)
    if work.translated_title is not None:
        _sub(title, TRANSLATED_TITLE, work.translated_title.value).set(
            "language-code", work.translated_title.language_code
        )
    if work.journal_title is not None:
        _sub(el, JOURNAL_TITLE, work.journal_title)
    if work.short_description is not None:
        _sub(el, SHORT_DESCRIPTION, work.short_description)
    if work.citation is not None:
        citation = _sub(el, CITATION)
        _sub(citation, CITATION_TYPE, work.citation.type)
        _sub(citation, CITATION_VALUE, work.citation.value)
    _sub(el, WORK_TYPE, work.type)
    _write_date(el, work.publication_date)
    if work.external_ids:
        _write_external_ids(el, work.external_ids, normalized=full)
    if work.url is not None:
        _sub(el, URL, work.url)
    if work.contributors:
        contributors = _sub(el, CONTRIBUTORS)
        for contributor in work.contributors:
            _write_contributor(contributors, contributor)
    if work.language_code is not None:
        _sub(el, LANGUAGE_CODE, work.language_code)
    if work.country is not None:
        _sub(el, COUNTRY, work.country)
    return el


def _write_contributor(parent: etree._Element, contributor: Contributor) -> None:
    el = _sub(parent, CONTRIBUTOR)
    if contributor.orcid:
        orcid = _sub(el, CONTRIBUTOR_ORCID)
        _sub(orcid, PATH, contributor.orcid)
    if contributor.credit_name is not None:
        _sub(el, CREDIT_NAME, contributor.credit_name)
    if contributor.email is not None:
        _sub(el, CONTRIBUTOR_EMAIL, contributor.email)
    if contributor.sequence is not None or contributor.role is not None:
        attributes = _sub(el, CONTRIBUTOR_ATTRIBUTES)
        if contributor.sequence is not None:
            _sub(attributes, CONTRIBUTOR_SEQUENCE, contributor.sequence)
        if contributor.role is not None:
            _sub(attributes, CONTRIBUTOR_ROLE, contributor.role)


def _summary_element(parent: etree._Element, summary: WorkSummary) -> None:
    el = etree.SubElement(parent, WORK_SUMMARY)
    _write_element_summary(el, summary, full=True)
    el.set("display-index", str(summary.display_index))
    _sub(_sub(el, WORK_TITLE), TITLE, summary.title)
    if summary.external_ids:
        _write_external_ids(el, summary.external_ids, normalized=True)
    if summary.url is not None:
        _sub(el, URL, summary.url)
    _sub(el, WORK_TYPE, summary.type)
    _write_date(el, summary.publication_date)
    if summary.journal_title is not None:
        _sub(el, JOURNAL_TITLE, summary.journal_title)


def _error_element(parent: etree._Element | None, err: ErrorBody) -> etree._Element:
    if parent is None:
        el = etree.Element(ERROR, nsmap={"error": NS_ERROR})
    else:
        el = etree.SubElement(parent, ERROR)
    _sub(el, CLARK_ERROR + "response-code", str(err.status if err.status is not None else 0))
    developer = err.developer_message or err.error_description or err.error or ""
    _sub(el, CLARK_ERROR + "developer-message", developer)
    if err.user_message is not None:
        _sub(el, CLARK_ERROR + "user-message", err.user_message)
    if err.error_code is not None:
        _sub(el, CLARK_ERROR + "error-code", str(err.error_code))
    if err.more_info is not None:
        _sub(el, CLARK_ERROR + "more-info", err.more_info)
    return el


def _tostring(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def serialize_work(work: Work, *, full: bool = False) -> bytes:
    """``work:work`` XML: a write message (full=False) or as ORCID returns it (full=True)."""
    if not full:
        check_work(work)  # never write a body ORCID's schema refuses
    return _tostring(_work_element(None, work, full=full))


def serialize_bulk(items: Sequence[BulkItem], *, full: bool = False) -> bytes:
    """``bulk:bulk`` XML of up to 100 works (and, server side, errors) in the given order."""
    if len(items) > BULK_MAX:
        raise ValueError(f"a bulk message holds at most {BULK_MAX} items, not {len(items)}")
    if not full:
        check_works(items)
    root = etree.Element(BULK, nsmap={"bulk": NS_BULK, **NSMAP, "error": NS_ERROR})
    for item in items:
        if isinstance(item, ErrorBody):
            _error_element(root, item)
        else:
            _work_element(root, item, full=full)
    return _tostring(root)


def serialize_works(summary: WorksSummary) -> bytes:
    """``activities:works`` XML as ORCID serves ``GET /works`` (groups, display index)."""
    root = etree.Element(WORKS, nsmap={"activities": NS_ACTIVITIES, **NSMAP})
    if summary.path:
        root.set("path", summary.path)
    if summary.last_modified:
        _sub(root, MODIFIED, summary.last_modified)
    for group in summary.groups:
        el = _sub(root, GROUP)
        if group.last_modified:
            _sub(el, MODIFIED, group.last_modified)
        _write_external_ids(el, group.external_ids, normalized=True)
        for item in group.summaries:
            _summary_element(el, item)
    return _tostring(root)


def serialize_work_summary(summary: WorkSummary) -> bytes:
    """``work:work-summary`` XML as ORCID serves ``GET /work/summary/{put-code}``."""
    holder = etree.Element("holder", nsmap=NSMAP)
    _summary_element(holder, summary)
    return _tostring(holder[0])


def serialize_error(err: ErrorBody) -> bytes:
    """``error:error`` XML (what the sandbox answers on failure)."""
    return _tostring(_error_element(None, err))
