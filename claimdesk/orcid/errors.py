"""ORCID API errors as exceptions, and the meaning of ORCID's error codes in words."""

from __future__ import annotations

from claimdesk.errors import ClaimdeskError

#: What ORCID's numeric error codes mean, phrased for a person (see reference/orcid-api.md §3.2).
ERROR_CODE_TEXT: dict[int, str] = {
    9001: "ORCID could not read the request",
    9002: "this application is not authorised for that ORCID record",
    9004: "the sign-in does not include the permission needed",
    9005: "the sign-in does not include the permission needed",
    9006: "too many items in one request (ORCID takes at most 100)",
    9007: "the ORCID record was merged into another one",
    9008: "something went wrong inside ORCID",
    9010: "claimdesk is not the source of this work, so it may not change it",
    9011: "the ORCID record was not found",
    9012: "ORCID rejected the request",
    9013: "the item is private and claimdesk is not its source",
    9014: "claimdesk is not the source of this work, so it may not change it",
    9015: "this application may not use that permission",
    9016: "the work was not found on the record (it may have been deleted on orcid.org)",
    9017: "this sign-in is for another ORCID record",
    9018: "the ORCID record is locked",
    9019: "the put-code in the address and in the work differ",
    9020: "ORCID rejected the work's content",
    9021: "claimdesk has already added this work to the record",
    9022: "the work needs a title",
    9023: "the work needs at least one identifier that identifies it (relationship 'self')",
    9024: "a new work must not carry a put-code",
    9030: "the item is duplicated",
    9031: "a put-code is needed to update a work",
    9034: "the put-code is not valid",
    9035: "the visibility of a work cannot be changed by claimdesk",
    9036: "the ORCID record has not been claimed by its owner yet",
    9037: "the work type (or another value) is not one ORCID accepts",
    9038: "the item is private or limited and the sign-in lacks the permission to see it",
    9039: "the item is not public",
    9042: "too many put-codes in one read (ORCID takes at most 100)",
    9043: "the search asked for results beyond the first 10,000",
    9044: "the ORCID record has been deactivated",
    9047: "ORCID could not read the JSON sent",
    9048: "the record would exceed ORCID's limit of 10,000 works",
    9049: "a date is not valid",
    9051: "a value is not one ORCID accepts",
    9057: "the client application is locked by ORCID",
}


class OrcidApiError(ClaimdeskError):
    """ORCID answered with an error: HTTP status plus ORCID's error body, when there was one."""

    def __init__(
        self,
        status: int,
        *,
        error_code: int | None = None,
        user_message: str | None = None,
        developer_message: str | None = None,
        more_info: str | None = None,
        error: str | None = None,
        error_description: str | None = None,
        message: str | None = None,
    ) -> None:
        self.status = status
        self.error_code = error_code
        self.user_message = user_message
        self.developer_message = developer_message
        self.more_info = more_info
        self.error = error
        self.error_description = error_description
        super().__init__(message or self._describe())

    def _describe(self) -> str:
        words = ERROR_CODE_TEXT.get(self.error_code or 0)
        detail = (
            self.user_message
            or self.error_description
            or self.developer_message
            or words
            or "no details given"
        )
        code = f", error {self.error_code}" if self.error_code else ""
        # A 5xx is ORCID failing, not ORCID saying no: the request may simply be tried later.
        verb = "ORCID failed" if self.status >= 500 else "ORCID refused"
        if words and detail != words:
            return f"{verb} (HTTP {self.status}{code}): {words}. {detail}".rstrip()
        return f"{verb} (HTTP {self.status}{code}): {detail}"


class InvalidTokenError(OrcidApiError):
    """401 ``invalid_token``: the access token is expired, revoked or for another environment."""

    def __init__(self, status: int = 401, **kwargs: object) -> None:
        kwargs.setdefault(
            "message",
            "The ORCID sign-in is no longer valid (revoked or expired); reconnect this account.",
        )
        super().__init__(status, **kwargs)  # type: ignore[arg-type]


class RateLimitedError(OrcidApiError):
    """429/503 still answered after the bounded retries."""


class DailyQuotaError(RateLimitedError):
    """ORCID's daily quota of anonymous Public API reads from this address is used up.

    Retrying is pointless until the quota comes back (midnight UTC), so it is never retried.
    """
