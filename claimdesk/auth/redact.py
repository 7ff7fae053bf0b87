"""A logging filter that blanks tokens, codes and secrets — defence in depth.

claimdesk never logs a secret on purpose; this catches accidents (an exception text quoting a
form body, a URL with ``code=``, httpcore's debug log of a 401's ``WWW-Authenticate`` header).
It replaces the well-known ``name=value`` shapes and every secret string registered in this
process: tokens from the keyring, from sign-in and from variables (``CLAIMDESK_TOKEN``), codes
and client secrets. The command line installs it on the handlers every logger, httpx's and
httpcore's included, reaches.
"""

from __future__ import annotations

import logging
import re
import threading

REDACTED = "[redacted]"
_NAMES = "access_token|refresh_token|id_token|client_secret|code|code_verifier|state|token|password"
_PATTERNS = (
    # form / query: code=abc&state=…
    re.compile(rf"(?i)\b({_NAMES})=([^&\s\"'<>]+)"),
    # JSON: "access_token": "abc"
    re.compile(rf"(?i)(\"(?:{_NAMES})\"\s*:\s*\")([^\"]*)"),
    # Authorization: Bearer abc
    re.compile(r"(?i)\b(bearer\s+)([A-Za-z0-9._~+/=-]+)"),
    # ORCID's 401: WWW-Authenticate: Bearer error="invalid_token",
    #   error_description="Invalid access token: abc" (or "Access token expired: abc")
    re.compile(r"(?i)\b(access token(?: expired)?:\s*)([^\s\"',;\\]+)"),
)

_lock = threading.Lock()
_known: set[str] = set()


def register_secret(value: str | None) -> None:
    """Remember a secret string so that it is blanked wherever it shows up in a log record."""
    if value and len(value) >= 6:
        with _lock:
            _known.add(value)


def redact(text: str) -> str:
    """``text`` with known secrets and ``name=value`` secrets replaced by ``[redacted]``."""
    with _lock:
        known = sorted(_known, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, REDACTED)
    for pattern in _PATTERNS:
        text = pattern.sub(_sub, text)
    return text


def _sub(match: re.Match[str]) -> str:
    head = match.group(0)[: match.start(2) - match.start(0)]
    return head + REDACTED


class RedactingFilter(logging.Filter):
    """Rewrites each record's message with :func:`redact`; attach it to handlers."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            # the formatted traceback is cached on the record; redact it too
            import traceback

            text = "".join(traceback.format_exception(*record.exc_info))
            record.exc_text, record.exc_info = redact(text), None
        return True


def install(logger: logging.Logger | None = None) -> RedactingFilter:
    """Attach one RedactingFilter to every handler of ``logger`` (default: the root logger)."""
    logger = logger or logging.getLogger()
    flt = RedactingFilter()
    for handler in logger.handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(flt)
    return flt
