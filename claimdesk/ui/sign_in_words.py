"""What the sign-in dialog says: each environment's name, a failure's explanation, each stage.

Split from ``sign_in_dialog`` so the words can be read (and tested) apart from the widgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from claimdesk.auth.flow import Stage

#: How each environment is named in the dialog.
ENV_TITLES = {
    "production": QT_TRANSLATE_NOOP("SignInDialog", "ORCID (orcid.org)"),
    "sandbox": QT_TRANSLATE_NOOP("SignInDialog", "ORCID sandbox (sandbox.orcid.org)"),
    "local": QT_TRANSLATE_NOOP("SignInDialog", "A claimdesk sandbox at a URL"),
}


def describe_failure(error: BaseException, timeout: float | None = None) -> tuple[str, str]:
    """(headline, explanation) of a failed sign-in, in words a researcher can act on.

    ``timeout``: how long the sign-in waited for the browser (default: the flow's default).
    """
    from claimdesk.auth.listener import SignInDenied, SignInTimedOut
    from claimdesk.auth.oauth import TokenEndpointError
    from claimdesk.errors import ClaimdeskError, ConfigError, KeyringError, TransportError

    text = str(error)
    if isinstance(error, SignInDenied):
        if error.error == "access_denied":
            return (
                "Access was denied",
                "You chose Deny on the ORCID page, so claimdesk is not signed in. "
                "Sign in again and choose Authorize to let claimdesk read and add your works.",
            )
        return "ORCID refused the sign-in", text
    if isinstance(error, SignInTimedOut):
        if timeout is None:
            from claimdesk.auth.flow import DEFAULT_TIMEOUT

            timeout = DEFAULT_TIMEOUT
        minutes = max(1, round(timeout / 60))
        return (
            "No answer from the browser",
            f"claimdesk waited {minutes} minute{'s' if minutes != 1 else ''} for the ORCID page "
            "to send you back, then gave up. Sign in again and finish the ORCID page sooner.",
        )
    if isinstance(error, TokenEndpointError):
        return "ORCID refused to finish the sign-in", text
    if isinstance(error, KeyringError) and "client secret" in error.message:
        return "The client secret cannot be read", text
    if isinstance(error, ConfigError):
        return "claimdesk is not set up for this environment", text
    if isinstance(error, TransportError):
        return "ORCID could not be reached", text
    if isinstance(error, ClaimdeskError):
        if "state mismatch" in error.message:
            return "The answer did not belong to this sign-in", text
        if "redirect port" in error.message:
            return "The sign-in ports are in use", text
        return "The sign-in failed", text
    return "The sign-in failed", f"Unexpected error: {type(error).__name__}: {error}"


def stage_words(stage: Stage, env: str) -> str:
    from claimdesk.auth.flow import Stage

    return {
        Stage.LISTENING: "Opening the ORCID sign-in page…",
        Stage.BROWSER_OPENED: "Waiting for you in the browser: sign in to ORCID and choose "
        "Authorize.",
        Stage.BROWSER_NOT_OPENED: "No browser opened. Copy the address below into a browser, "
        "sign in to ORCID and choose Authorize.",
        Stage.EXCHANGING: "ORCID answered; finishing the sign-in…",
        Stage.SIGNED_IN: "Signed in.",
        Stage.FAILED: "The sign-in failed.",
    }[stage]
