"""Errors in words: what happened to a read or a write, and what to do. The one place both
shells turn an exception into a sentence (the GUI passes Qt's translator)."""

from __future__ import annotations

from collections.abc import Callable

from claimdesk.errors import ClaimdeskError, NotOwnedError, TransportError
from claimdesk.orcid.errors import ERROR_CODE_TEXT, InvalidTokenError, OrcidApiError

#: The translator the GUI installs (``QCoreApplication.translate`` in context "explain").
_translate: Callable[[str], str] = str


def set_translator(translate: Callable[[str], str]) -> None:
    """Translate the sentences with ``translate`` from now on (the app calls this once)."""
    global _translate
    _translate = translate


def _tr(text: str) -> str:
    return _translate(text)


def explain(error: BaseException) -> str:
    """One or two sentences a researcher can act on."""
    if isinstance(error, NotOwnedError):
        return str(error)
    if isinstance(error, InvalidTokenError):
        return _tr(
            "The ORCID sign-in is no longer valid (revoked or expired). Reconnect the account."
        )
    if isinstance(error, OrcidApiError):
        words = ERROR_CODE_TEXT.get(error.error_code or 0)
        detail = error.user_message or error.developer_message or words or ""
        if error.status == 404:
            return _tr(
                "The work is no longer on the record: it was probably deleted on orcid.org "
                "meanwhile."
            )
        if error.status == 409:
            return _tr(
                "ORCID reports a conflict: the work was changed on orcid.org meanwhile, or "
                "another of claimdesk's works has the same identifier."
            ) + (f" ({detail})" if detail else "")
        if error.status == 400:
            return _tr("ORCID did not accept the work: ") + (words or detail or str(error))
        return str(error)
    if isinstance(error, TransportError):
        return _tr("No connection to ORCID: ") + str(error)
    if isinstance(error, ClaimdeskError):
        return str(error)
    if isinstance(error, OSError) and error.strerror and not isinstance(error, ConnectionError):
        # A file or folder problem: the system's words, not "[Errno 2] …" and a temporary name.
        text = error.strerror
        return text[:1].upper() + text[1:] + "."
    return _tr("Unexpected error: ") + f"{type(error).__name__}: {error}"


def is_gone_or_changed(error: BaseException) -> bool:
    """True for 404/409 on a write: the record changed under us, so the view needs a refresh."""
    return isinstance(error, OrcidApiError) and error.status in (404, 409)
