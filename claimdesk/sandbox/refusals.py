"""ORCID's refusals as the sandbox sends them: error bodies, API validation and duplicates.

:class:`Refusal` carries the ``error:error`` body ORCID would send; the store raises it and
:mod:`claimdesk.sandbox.orcid_api` turns it into a response in the negotiated format.
"""

from __future__ import annotations

from claimdesk.orcid.model import ErrorBody, Work
from claimdesk.orcid.validate import api_problems

MORE_INFO = "https://members.orcid.org/api/resources/troubleshooting"


def orcid_error(status: int, code: int, developer: str, user: str | None = None) -> ErrorBody:
    """An ORCID ``error:error`` body; the developer message is prefixed with the HTTP status."""
    reason = _REASONS.get(status, "Error")
    return ErrorBody(
        status=status,
        error_code=code,
        developer_message=f"{status} {reason}: {developer}",
        user_message=user
        or "There was an error when updating the record. Please try again. If the error "
        "persists, please contact the application's support for assistance.",
        more_info=MORE_INFO,
    )


_REASONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    406: "Not Acceptable",
    409: "Conflict",
    415: "Unsupported Media Type",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


class Refusal(Exception):
    """A write or read ORCID would refuse; ``body`` is the error it would send."""

    def __init__(self, body: ErrorBody) -> None:
        super().__init__(body.developer_message)
        self.body = body


def validate_incoming(work: Work, *, post: bool) -> ErrorBody | None:
    """ORCID's API validation of a work (§2.4): its first refusal, or None if the work passes."""
    problems = api_problems(work, post=post)
    if not problems:
        return None
    first = problems[0]
    return orcid_error(400, first.code, f"Invalid incoming message: {first.message}.")


def duplicate_message(put_code: int) -> ErrorBody:
    """The 409/9021 body naming the existing version, in ORCID's words."""
    return orcid_error(
        409,
        9021,
        "You have already added this activity (matched by external identifiers), please see "
        f"element with put-code {put_code}. If you are trying to edit the item, please use PUT "
        "instead of POST.",
    )
