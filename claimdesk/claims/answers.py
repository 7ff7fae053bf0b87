"""ORCID's answers to claims, read: a refusal in words, the put-code a 409/9021 names, and
whether an error leaves a write's outcome unknown.
"""

from __future__ import annotations

import re

from claimdesk.errors import ClaimdeskError, MessageError, TransportError
from claimdesk.orcid.errors import ERROR_CODE_TEXT, OrcidApiError, RateLimitedError
from claimdesk.orcid.model import ErrorBody, Work

#: "409 Conflict: " in front of ORCID's developer messages.
_STATUS_PREFIX = re.compile(r"^\d{3}[A-Za-z ]*:\s*")
_PUT_CODE_RE = re.compile(r"put-code\D{0,3}(\d+)", re.IGNORECASE)


def describe_item_error(error: ErrorBody) -> str:
    """One refused claim in words: ORCID's meaning of the code, then ORCID's own detail.

    The developer message is preferred (as volpino does): ORCID's user message is often a
    generic "There was an error when updating the record".
    """
    words = ERROR_CODE_TEXT.get(error.error_code or 0)
    detail = _STATUS_PREFIX.sub("", (error.developer_message or error.user_message or "").strip())
    if len(detail) > 160:
        detail = detail[:159].rstrip() + "…"
    code = f" (error {error.error_code})" if error.error_code else ""
    if words and detail and detail.lower() != words.lower():
        return f"{words}{code}: {detail}"
    return f"{words or detail or f'HTTP {error.status}'}{code}"


def put_code_from_conflict(error: ErrorBody) -> int | None:
    """The put-code of the existing work named in a 409/9021 message, if it names one."""
    for text in (error.developer_message, error.user_message):
        match = _PUT_CODE_RE.search(text or "")
        if match:
            return int(match.group(1))
    return None


def is_duplicate(error: ErrorBody) -> bool:
    """True for ORCID's 9021: this source already has a version of the work on the record."""
    return error.error_code == 9021


def unwritable(work: Work) -> tuple[str, int | None] | None:
    """Why ``work`` cannot be sent, in words, with ORCID's code for it; None if it can.

    Schema problems (orcid/validate.py) carry ORCID's 9012; text XML cannot carry (a control
    character an older claimdesk journaled, say) has no ORCID code: ORCID never saw it.
    """
    from claimdesk.orcid import xml as orcid_xml
    from claimdesk.orcid.validate import SCHEMA_ERROR, InvalidWorkError

    try:
        orcid_xml.serialize_work(work)
    except InvalidWorkError as err:
        return str(err), SCHEMA_ERROR
    except (ValueError, TypeError) as exc:
        return f"cannot be written as an ORCID work: {exc}", None
    return None


def outcome_unknown(err: ClaimdeskError) -> bool:
    """True for a write error after which ORCID may or may not have saved the works."""
    if isinstance(err, TransportError | MessageError):
        return True
    status = getattr(err, "status", None)
    return (
        isinstance(err, OrcidApiError)
        and not isinstance(err, RateLimitedError)
        and isinstance(status, int)
        and status >= 500
    )


def refusal_text(err: ClaimdeskError) -> str:
    """A request refused as a whole, in words: ORCID's meaning of its code, else the error."""
    code = getattr(err, "error_code", None)
    words = ERROR_CODE_TEXT.get(code or 0)
    return str(err) if not words else f"{words} (error {code})"
