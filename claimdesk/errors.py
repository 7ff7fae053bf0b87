"""The one exception hierarchy of claimdesk.

Every error a user can meet derives from :class:`ClaimdeskError` and carries a sentence a person
can act on (``str(err)``) plus an optional ``hint`` saying what to do next. The GUI shows them in
words; the CLI prints one line and exits 1.
"""

from __future__ import annotations


class ClaimdeskError(Exception):
    """Base of every error claimdesk raises on purpose."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} ({self.hint})"


class ConfigError(ClaimdeskError):
    """Configuration is missing or inconsistent (no client id, unknown environment, …)."""


class TransportError(ClaimdeskError):
    """The network failed: timeout, refused or dropped connection, TLS failure."""


class OutcomeUnknownError(TransportError):
    """A write may or may not have been applied: it timed out, its connection dropped, or the
    server failed (5xx) while handling it. It is never resent blindly: read back to find out.

    ``status`` is the HTTP status when the server answered (5xx), else None.
    """

    def __init__(self, message: str, *, status: int | None = None, hint: str | None = None):
        super().__init__(message, hint=hint)
        self.status = status


class MessageError(ClaimdeskError):
    """A body that is not the message we expected (HTML error page, truncated XML, wrong root)."""


class AuthError(ClaimdeskError):
    """Sign-in failed, was denied, cancelled or timed out, or a stored token is unusable."""


class KeyringError(AuthError):
    """No usable OS keyring: none installed, locked, or access refused.

    ``remedy`` says how to make the keyring usable (unlock it, remove the setting that turned
    it off, run a keyring), for callers that phrase their own hint around it.
    """

    def __init__(self, message: str, *, hint: str | None = None, remedy: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.remedy = remedy


class SourceError(ClaimdeskError):
    """DataCite or Crossref failed; the message names the source."""

    def __init__(self, source: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(f"{source}: {message}", hint=hint)
        self.source = source


class NotOwnedError(ClaimdeskError):
    """An update or delete of a work claimdesk did not add; refused before any request."""
