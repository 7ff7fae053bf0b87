"""Addresses checked where they enter claimdesk (``--base-url``, settings files, variables).

Web addresses, and the e-mail address sent to DataCite and Crossref as the polite contact.

An address that httpx cannot use (``http://[::1``, a port beyond 65535, control characters,
absurd length) is refused at once in words, not as a traceback at the first request.
"""

from __future__ import annotations

from claimdesk.errors import ConfigError

#: Longer than any address claimdesk needs; httpx's own limit is 65,536.
MAX_URL_LENGTH = 2048


def check_http_url(url: str, what: str, *, hint: str | None = None) -> str:
    """``url`` if it is a usable http:// or https:// address with a host; ConfigError if not.

    ``what`` names where it came from (``"The base URL"``; empty: the address alone).
    """
    import httpx  # here: config imports this module, and the app's start does without httpx

    shown = repr(url if len(url) <= 80 else url[:77] + "…")
    named = f"{what} {shown}" if what else shown
    if len(url) > MAX_URL_LENGTH:
        raise ConfigError(
            f"{named} is {len(url):,} characters long; at most {MAX_URL_LENGTH:,} are accepted.",
            hint=hint,
        )
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise ConfigError(f"{named} contains spaces or control characters.", hint=hint)
    try:
        parsed = httpx.URL(url)
        port = parsed.port
    except (httpx.InvalidURL, ValueError, TypeError) as err:
        raise ConfigError(f"{named} is not a valid address ({err}).", hint=hint) from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ConfigError(f"{named} is not an http:// or https:// address.", hint=hint)
    if port is not None and not 0 < port < 65536:
        raise ConfigError(f"{named} has no valid port number.", hint=hint)
    return url


def check_mailto(value: object) -> str | None:
    """The contact e-mail address (None when unset); ConfigError unless it is one.

    It goes into a request header, where a line break would start a header of its own.
    """
    if value is None or value == "":
        return None
    import re

    if not isinstance(value, str) or not re.fullmatch(
        r"[^@\s\x00-\x1f\x7f]+@[^@\s\x00-\x1f\x7f]+", value
    ):
        from claimdesk.terminal import safe_line

        raise ConfigError(
            f"mailto must be an e-mail address, not '{safe_line(str(value))[:80]}'.",
            hint="set it in the settings file or CLAIMDESK_MAILTO",
        )
    return value
