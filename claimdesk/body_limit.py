"""Reading an HTTP answer's body with a size limit, so a broken or hostile server cannot make
claimdesk hold gigabytes: the body is streamed and the read stops once past the limit."""

from __future__ import annotations

import httpx

from claimdesk.errors import MessageError

#: The largest answer read: a whole 10,000-work ORCID record is ~15 MB of JSON (~25 MB of XML),
#: a 1,000-record DataCite or Crossref page a few MB.
MAX_BODY_BYTES = 64 * 1024 * 1024


def send_limited(
    http: httpx.Client, request: httpx.Request, *, what: str, limit: int = MAX_BODY_BYTES
) -> httpx.Response:
    """``http.send(request)`` whose body is read only up to ``limit`` bytes (decoded).

    Raises MessageError, naming ``what`` was being done and the limit, for a larger body; the
    connection is closed without reading the rest. httpx's own exceptions pass through.
    """
    response = http.send(request, stream=True)
    try:
        _read(response, request, what, limit)
    finally:
        response.close()
    return response


def read_limited(
    response: httpx.Response, request: httpx.Request, limit: int = MAX_BODY_BYTES
) -> None:
    """Read a streamed ``response`` to ``request`` as ``response.read()`` would, but no more
    than ``limit`` bytes: MessageError past it (for transports, which know no ``what``)."""
    _read(response, request, "a request", limit)


def _read(response: httpx.Response, request: httpx.Request, what: str, limit: int) -> None:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(request, what, limit)
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > limit:
            raise _too_large(request, what, limit)
        chunks.append(chunk)
    # What Response.read() keeps; set here because the body was read piece by piece.
    response._content = b"".join(chunks)


def _too_large(request: httpx.Request, what: str, limit: int) -> MessageError:
    host = request.url.host
    return MessageError(
        f"{host} answered {what} with more than {limit // (1024 * 1024)} MB, more than any "
        "real answer; it was not read.",
        hint="try again later; if it persists, the service or a proxy in between is broken",
    )
