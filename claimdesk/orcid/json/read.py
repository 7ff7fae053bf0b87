"""Reading ORCID API v3.0 JSON (``application/vnd.orcid+json``) into the model.

ORCID's JSON mirrors the XML names with the namespaces dropped, and differs in a few ways this
module smooths over: timestamps are epoch milliseconds (``{"value": 1559917017189}``, converted to
the ISO form the XML carries), ``display-index`` is a string, ``put-code`` a number, most leaf
strings are wrapped in ``{"value": …}``, and absent fields are often explicit ``null``. A works
summary has no root key; the kind of message is recognised by its keys. OAuth errors
(``{"error": …, "error_description": …}``) come back as JSON whatever was asked for.
"""

from __future__ import annotations

import json
from typing import Any

from claimdesk.errors import MessageError
from claimdesk.orcid.json.dates import millis_to_iso
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

_ERROR_KEYS = frozenset({"response-code", "developer-message", "user-message", "error-code"})
#: Top-level keys of ORCID messages claimdesk does not read, to say what was received instead.
_OTHER_ORCID_KEYS = {
    "activities-summary": "an ORCID record",
    "orcid-identifier": "an ORCID record",
    "expanded-result": "an ORCID search result",
    "result": "an ORCID search result",
    "num-found": "an ORCID search result",
    "organization": "an ORCID funding or affiliation",
}

JsonObject = dict[str, Any]


def load(body: bytes) -> Any:
    """Decode ``body`` as JSON or raise MessageError saying why it is not JSON."""
    if not body or body.isspace():  # isspace() does not copy a 23 MB body
        raise MessageError("expected an ORCID message, got an empty body")
    try:
        return json.loads(body)
    except UnicodeDecodeError as err:
        raise MessageError("expected an ORCID message, got JSON that is not UTF-8") from err
    except json.JSONDecodeError as err:
        what = "truncated JSON" if err.pos >= len(body.rstrip()) else "malformed JSON"
        raise MessageError(
            f"expected an ORCID message, got {what} (line {err.lineno}: {err.msg})"
        ) from err


def kind_of(obj: Any) -> str:
    """The kind of ORCID message a decoded JSON value is (works, work, work-summary, bulk, error).

    Raises MessageError naming what it is otherwise (a record, a search result, other JSON).
    """
    if isinstance(obj, dict):
        if "bulk" in obj:
            return "bulk"
        if "group" in obj:
            return "works"
        if "error" in obj or _ERROR_KEYS & obj.keys():
            return "error"
        if "title" in obj and "type" in obj and "organization" not in obj:
            return "work-summary" if "display-index" in obj else "work"
        for key, what in _OTHER_ORCID_KEYS.items():
            if key in obj:
                raise MessageError(f"got {what}, not works, a work, a bulk or an error")
        keys = ", ".join(sorted(obj)[:6]) or "none"
        raise MessageError(f"got JSON that is not an ORCID message (keys: {keys})")
    raise MessageError(f"got JSON that is not an ORCID message (a {type(obj).__name__})")


def _expect(obj: Any, kind: str) -> None:
    found = kind_of(obj)
    if found != kind:
        raise MessageError(f"expected an ORCID {kind} message, got {found}")


def _str(value: Any) -> str | None:
    """A leaf string, whether bare or wrapped in ``{"value": …}``; blank means absent."""
    if isinstance(value, dict):
        value = value.get("value")
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _int(value: Any) -> int | None:
    if isinstance(value, dict):
        value = value.get("value")
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def _date(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("value")
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return millis_to_iso(int(value))
        except (OverflowError, ValueError):
            return None  # outside what a datetime can hold: not a real timestamp
    return _str(value)


def _id_path(value: Any) -> str | None:
    if not isinstance(value, dict):
        return _str(value)
    path = _str(value.get("path"))
    if path:
        return path
    uri = _str(value.get("uri"))
    return uri.rstrip("/").rsplit("/", 1)[-1] if uri else None


def _source(obj: Any) -> Source | None:
    if not isinstance(obj, dict):
        return None
    return Source(
        client_id=_id_path(obj.get("source-client-id")),
        orcid=_id_path(obj.get("source-orcid")),
        name=_str(obj.get("source-name")),
        assertion_origin_client_id=_id_path(obj.get("assertion-origin-client-id")),
        assertion_origin_orcid=_id_path(obj.get("assertion-origin-orcid")),
        assertion_origin_name=_str(obj.get("assertion-origin-name")),
    )


def _external_ids(obj: Any) -> tuple[ExternalId, ...]:
    if isinstance(obj, dict):
        obj = obj.get("external-id")
    if not isinstance(obj, list):
        return ()
    return tuple(
        ExternalId(
            type=_str(item.get("external-id-type")) or "",
            value=_str(item.get("external-id-value")) or "",
            relationship=_str(item.get("external-id-relationship")),
            url=_str(item.get("external-id-url")),
            normalized=_str(item.get("external-id-normalized")),
        )
        for item in obj
        if isinstance(item, dict)
    )


def _publication_date(obj: Any) -> PublicationDate | None:
    if not isinstance(obj, dict):
        return None
    year, month, day = _int(obj.get("year")), _int(obj.get("month")), _int(obj.get("day"))
    if year is None and month is None and day is None:
        return None
    return PublicationDate(year, month, day)


def _contributor(obj: JsonObject) -> Contributor:
    attributes = obj.get("contributor-attributes") or {}
    return Contributor(
        credit_name=_str(obj.get("credit-name")),
        orcid=_id_path(obj.get("contributor-orcid")),
        email=_str(obj.get("contributor-email")),
        role=_str(attributes.get("contributor-role")),
        sequence=_str(attributes.get("contributor-sequence")),
    )


def _common(obj: JsonObject) -> dict[str, Any]:
    title = obj.get("title") or {}
    return {
        "put_code": _int(obj.get("put-code")),
        "title": _str(title.get("title")) or "",
        "type": _str(obj.get("type")) or "",
        "external_ids": _external_ids(obj.get("external-ids")),
        "source": _source(obj.get("source")),
        "publication_date": _publication_date(obj.get("publication-date")),
        "journal_title": _str(obj.get("journal-title")),
        "url": _str(obj.get("url")),
        "visibility": _str(obj.get("visibility")),
        "created": _date(obj.get("created-date")),
        "modified": _date(obj.get("last-modified-date")),
        "path": _str(obj.get("path")),
    }


def _work(obj: JsonObject) -> Work:
    fields = _common(obj)
    title = obj.get("title") or {}
    translated = title.get("translated-title")
    if isinstance(translated, dict) and _str(translated):
        fields["translated_title"] = TranslatedTitle(
            _str(translated) or "", _str(translated.get("language-code")) or ""
        )
    fields["subtitle"] = _str(title.get("subtitle"))
    citation = obj.get("citation")
    if isinstance(citation, dict) and _str(citation.get("citation-value")):
        fields["citation"] = Citation(
            _str(citation.get("citation-type")) or "formatted-unspecified",
            _str(citation.get("citation-value")) or "",
        )
    contributors = (obj.get("contributors") or {}).get("contributor") or []
    fields["contributors"] = tuple(_contributor(c) for c in contributors if isinstance(c, dict))
    fields["short_description"] = _str(obj.get("short-description"))
    fields["language_code"] = _str(obj.get("language-code"))
    fields["country"] = _str(obj.get("country"))
    return Work(**fields)


def _summary(obj: JsonObject) -> WorkSummary:
    return WorkSummary(**_common(obj), display_index=_int(obj.get("display-index")) or 0)


def _error(obj: JsonObject) -> ErrorBody:
    return ErrorBody(
        status=_int(obj.get("response-code")),
        error_code=_int(obj.get("error-code")),
        user_message=_str(obj.get("user-message")),
        developer_message=_str(obj.get("developer-message")),
        more_info=_str(obj.get("more-info")),
        error=_str(obj.get("error")) if not isinstance(obj.get("error"), dict) else None,
        error_description=_str(obj.get("error_description")),
    )


def _works(obj: JsonObject) -> WorksSummary:
    groups = []
    for group in obj.get("group") or []:
        summaries = tuple(_summary(s) for s in group.get("work-summary") or [])
        groups.append(
            WorkGroup(
                _external_ids(group.get("external-ids")),
                summaries,
                _date(group.get("last-modified-date")),
            )
        )
    return WorksSummary(tuple(groups), _date(obj.get("last-modified-date")), _str(obj.get("path")))


def _bulk(obj: JsonObject) -> Bulk:
    items: list[BulkItem] = []
    for slot in obj.get("bulk") or []:
        if not isinstance(slot, dict):
            continue
        if isinstance(slot.get("work"), dict):
            items.append(_work(slot["work"]))
        elif isinstance(slot.get("error"), dict):
            items.append(_error(slot["error"]))
    return Bulk(tuple(items))


_READ: MessageReader[Any] = MessageReader(
    decode=load,
    kind_of=kind_of,
    expect=_expect,
    readers={
        "works": _works,
        "work": _work,
        "work-summary": _summary,
        "bulk": _bulk,
        "error": _error,
    },
)


def parse(body: bytes) -> Message:
    """Parse any ORCID works, work, work-summary, bulk or error JSON, recognised by its keys."""
    return _READ.any(body)


def parse_works(body: bytes) -> WorksSummary:
    """Parse a works summary (``GET /works``) into groups of work summaries."""
    return _READ.works(body)


def parse_work(body: bytes) -> Work:
    """Parse one full work."""
    return _READ.work(body)


def parse_work_summary(body: bytes) -> WorkSummary:
    """Parse one work summary (``GET /work/summary/{put-code}``)."""
    return _READ.work_summary(body)


def parse_bulk(body: bytes) -> Bulk:
    """Parse a bulk message: a work or an error per slot, in the order sent."""
    return _READ.bulk(body)


def parse_error(body: bytes) -> ErrorBody:
    """Parse an ORCID error or an OAuth-style ``{"error": …}`` body."""
    return _READ.error(body)
