"""The responses of injected faults: ORCID's 500, a 429, nginx's 50x pages and malformed bodies.

:mod:`claimdesk.sandbox.faults` decides *whether* a request fails; this module says what the
failure looks like on the wire, as the server's handler sends it.
"""

from __future__ import annotations

from claimdesk.sandbox import negotiation
from claimdesk.sandbox.faults import Armed
from claimdesk.sandbox.http import Request, Response, escape
from claimdesk.sandbox.refusals import orcid_error


def failure_response(request: Request, status: int, retry_after: float | None) -> Response:
    """What an injected (or rate-limit) failure with ``status`` looks like: ORCID's 500 body in the
    negotiated format, a 429 JSON body, or nginx's HTML page for 502/503/504."""
    headers = {}
    if retry_after is not None:
        headers["Retry-After"] = f"{retry_after:g}"
    if status == 500:
        fmt = negotiation.negotiate(request.headers.get("Accept")) or "xml"
        err = orcid_error(500, 9008, "Something went wrong in ORCID.")
        try:
            body = negotiation.codec(fmt).serialize_error(err)
        except ImportError:
            return Response.text(err.developer_message or "500", 500, headers)
        return Response(
            status, body, headers, negotiation.XML if fmt == "xml" else negotiation.JSON
        )
    if status == 429:
        return Response.json(
            {"error": "too_many_requests", "error_description": "Too Many Requests"}, 429, headers
        )
    title = {
        502: "502 Bad Gateway",
        503: "503 Service Temporarily Unavailable",
        504: "504 Gateway Time-out",
    }.get(status, f"{status} Error")
    return Response.html(
        f"<html><head><title>{escape(title)}</title></head><body><center><h1>{escape(title)}"
        "</h1></center><hr><center>nginx</center></body></html>",
        status,
        headers,
    )


def malformed_response(response: Response, armed: Armed) -> Response:
    """``response`` spoiled as ``armed`` says: a proxy's HTML page, or the body cut in half."""
    if armed.malformed == "html":
        return Response.html(
            "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>"
            "<h1>Bad Gateway</h1><p>The proxy server received an invalid response.</p>"
            "</body></html>",
            response.status if response.status not in (204, 304) else 200,
            {k: v for k, v in response.headers.items() if k.lower() != "content-type"},
        )
    body = response.body
    if body:
        cut = body[: max(1, len(body) // 2)]
    else:
        cut = (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<work:work xmlns:work="http://www.orcid.org/ns/work">\n<work:tit'
        )
    status = response.status if response.status not in (204, 304) else 200
    content_type = response.content_type or negotiation.XML
    return Response(status, cut, dict(response.headers), content_type)
