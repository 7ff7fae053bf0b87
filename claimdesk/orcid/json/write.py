"""Writing the model as ORCID API v3.0 JSON, in the shapes ORCID serves and accepts.

Leaf strings are wrapped in ``{"value": …}`` where ORCID wraps them, timestamps become epoch
milliseconds, and absent fields are explicit ``null`` as ORCID writes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec

from claimdesk.orcid.json.dates import iso_to_millis
from claimdesk.orcid.model import (
    BULK_MAX,
    BulkItem,
    ErrorBody,
    ExternalId,
    PublicationDate,
    Source,
    Work,
    WorksSummary,
    WorkSummary,
)
from claimdesk.orcid.validate import check_work, check_works

JsonObject = dict[str, Any]


def _value(text: str | None) -> JsonObject | None:
    return None if text is None else {"value": text}


def _date_value(text: str | None) -> JsonObject | None:
    if text is None:
        return None
    try:
        return {"value": iso_to_millis(text)}
    except ValueError:
        return {"value": text}  # not ISO 8601: pass it on rather than lose it


def _path_id(path: str | None) -> JsonObject | None:
    return None if not path else {"uri": None, "path": path, "host": None}


def _source_obj(source: Source | None) -> JsonObject | None:
    if source is None:
        return None
    return {
        "source-orcid": None if source.client_id else _path_id(source.orcid),
        "source-client-id": _path_id(source.client_id),
        "source-name": _value(source.name),
        "assertion-origin-orcid": (
            None if source.assertion_origin_client_id else _path_id(source.assertion_origin_orcid)
        ),
        "assertion-origin-client-id": _path_id(source.assertion_origin_client_id),
        "assertion-origin-name": _value(source.assertion_origin_name),
    }


def _external_ids_obj(ids: Sequence[ExternalId], *, normalized: bool) -> JsonObject:
    items = []
    for eid in ids:
        item: JsonObject = {"external-id-type": eid.type, "external-id-value": eid.value}
        if normalized:
            value = eid.key[1]
            item["external-id-normalized"] = {"value": value, "transient": True} if value else None
            item["external-id-normalized-error"] = None  # as ORCID sends it: present, null
        item["external-id-url"] = _value(eid.url)
        item["external-id-relationship"] = eid.relationship
        items.append(item)
    return {"external-id": items}


def _publication_date_obj(date: PublicationDate | None) -> JsonObject | None:
    if date is None or date.year is None:
        return None
    month = date.month
    day = date.day if month is not None else None
    return {
        "year": {"value": f"{date.year:04d}"},
        "month": None if month is None else {"value": f"{month:02d}"},
        "day": None if day is None else {"value": f"{day:02d}"},
    }


def _header(item: Work | WorkSummary, *, full: bool) -> JsonObject:
    obj: JsonObject = {}
    if item.put_code is not None:
        obj["put-code"] = item.put_code
    if full:
        obj["created-date"] = _date_value(item.created)
        obj["last-modified-date"] = _date_value(item.modified)
        obj["source"] = _source_obj(item.source)
    return obj


def _work_obj(work: Work, *, full: bool) -> JsonObject:
    obj = _header(work, full=full)
    translated = work.translated_title
    obj["title"] = {
        "title": {"value": work.title},
        "subtitle": _value(work.subtitle),
        "translated-title": (
            None
            if translated is None
            else {"value": translated.value, "language-code": translated.language_code}
        ),
    }
    obj["journal-title"] = _value(work.journal_title)
    obj["short-description"] = work.short_description
    obj["citation"] = (
        None
        if work.citation is None
        else {"citation-type": work.citation.type, "citation-value": work.citation.value}
    )
    obj["type"] = work.type
    obj["publication-date"] = _publication_date_obj(work.publication_date)
    obj["external-ids"] = _external_ids_obj(work.external_ids, normalized=full)
    obj["url"] = _value(work.url)
    obj["contributors"] = {
        "contributor": [
            {
                "contributor-orcid": _path_id(c.orcid),
                "credit-name": _value(c.credit_name),
                "contributor-email": _value(c.email),
                "contributor-attributes": (
                    None
                    if c.sequence is None and c.role is None
                    else {"contributor-sequence": c.sequence, "contributor-role": c.role}
                ),
            }
            for c in work.contributors
        ]
    }
    obj["language-code"] = work.language_code
    obj["country"] = _value(work.country)
    if full:
        obj["visibility"] = work.visibility
        obj["path"] = work.path
    return obj


def _summary_obj(summary: WorkSummary) -> JsonObject:
    obj = _header(summary, full=True)
    obj["title"] = {"title": {"value": summary.title}, "subtitle": None, "translated-title": None}
    obj["external-ids"] = _external_ids_obj(summary.external_ids, normalized=True)
    obj["url"] = _value(summary.url)
    obj["type"] = summary.type
    obj["publication-date"] = _publication_date_obj(summary.publication_date)
    obj["journal-title"] = _value(summary.journal_title)
    obj["visibility"] = summary.visibility
    obj["path"] = summary.path
    obj["display-index"] = str(summary.display_index)
    return obj


def _error_obj(err: ErrorBody) -> JsonObject:
    if err.error is not None and err.status is None:
        # OAuth-layer errors keep the OAuth shape.
        return {"error": err.error, "error_description": err.error_description}
    return {
        "response-code": err.status if err.status is not None else 0,
        "developer-message": err.developer_message or err.error_description or err.error or "",
        "user-message": err.user_message,
        "error-code": err.error_code,
        "more-info": err.more_info,
    }


def _dumps(obj: Any) -> bytes:
    return msgspec.json.encode(obj)  # compact UTF-8, as json.dumps(separators=…) but in C


def serialize_work(work: Work, *, full: bool = False) -> bytes:
    """Work JSON: a write message (full=False) or as ORCID returns it (full=True)."""
    if not full:
        check_work(work)  # never write a body ORCID's schema refuses
    return _dumps(_work_obj(work, full=full))


def serialize_bulk(items: Sequence[BulkItem], *, full: bool = False) -> bytes:
    """``{"bulk": [{"work": …} | {"error": …}, …]}`` of up to 100 items, in the given order."""
    if len(items) > BULK_MAX:
        raise ValueError(f"a bulk message holds at most {BULK_MAX} items, not {len(items)}")
    if not full:
        check_works(items)
    slots = [
        {"error": _error_obj(item)}
        if isinstance(item, ErrorBody)
        else {"work": _work_obj(item, full=full)}
        for item in items
    ]
    return _dumps({"bulk": slots})


def serialize_works(summary: WorksSummary) -> bytes:
    """A works summary as ORCID serves ``GET /works`` in JSON."""
    groups = [
        {
            "last-modified-date": _date_value(group.last_modified),
            "external-ids": _external_ids_obj(group.external_ids, normalized=True),
            "work-summary": [_summary_obj(s) for s in group.summaries],
        }
        for group in summary.groups
    ]
    return _dumps(
        {
            "last-modified-date": _date_value(summary.last_modified),
            "group": groups,
            "path": summary.path,
        }
    )


def serialize_work_summary(summary: WorkSummary) -> bytes:
    """One work summary as ORCID serves ``GET /work/summary/{put-code}`` in JSON."""
    return _dumps(_summary_obj(summary))


def serialize_error(err: ErrorBody) -> bytes:
    """An ORCID error body, or an OAuth-style one when ``err`` is an OAuth error."""
    return _dumps(_error_obj(err))
