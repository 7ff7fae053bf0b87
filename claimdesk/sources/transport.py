"""GET JSON from DataCite or Crossref with the rules both share: politeness, retries, clear errors.

Every failure becomes a :class:`~claimdesk.errors.SourceError` naming the service and what
happened (timeout, refused connection, HTTP status with the service's own message, an HTML page,
invalid JSON, rate limiting). Retries, ``Retry-After`` and pacing (Crossref's
``X-Rate-Limit-*`` headers) are the service's policy in :mod:`claimdesk.http_policy`, applied by
the HTTP client's transport.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from claimdesk import user_agent
from claimdesk.body_limit import send_limited
from claimdesk.errors import MessageError, SourceError
from claimdesk.http_policy import CROSSREF, DATACITE, HttpPolicy, policy_client

_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def policy_for(source: str) -> HttpPolicy:
    """The HTTP policy of a source by name (DataCite's for any other)."""
    return CROSSREF if source == CROSSREF.service else DATACITE


def describe_body(body: bytes, content_type: str | None) -> str:
    """A few words on what a non-JSON body was, for an error message."""
    if not body.strip():
        return "an empty body"
    head = body[:4096]
    if (
        b"<html" in head.lower()
        or b"<!doctype html" in head.lower()
        or "html" in (content_type or "")
    ):
        match = _TITLE.search(body[:65536])
        title = match.group(1).decode("utf-8", "replace").strip() if match else ""
        return f"an HTML page titled {title!r}" if title else "an HTML page"
    if head.lstrip().startswith(b"<"):
        return "an XML document"
    from claimdesk.orcid.codec import describe_binary

    binary = describe_binary(body)
    if binary is not None:
        return binary
    snippet = body[:80].decode("utf-8", "replace").strip().replace("\n", " ")
    return f"text starting {snippet!r}"


def _service_message(data: Any) -> str | None:
    """The error text inside a DataCite JSON:API or Crossref error body, if any."""
    if not isinstance(data, dict):
        return None
    errors = data.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        return str(errors[0].get("title") or errors[0].get("detail") or "") or None
    message = data.get("message")
    if data.get("status") == "failed":
        if isinstance(message, list) and message and isinstance(message[0], dict):
            return "; ".join(str(m.get("message") or m.get("type")) for m in message[:3])
        if isinstance(message, str):
            return message
    return None


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


class Transport:
    """GETs JSON from one service; thread-safe; at most ``max_concurrent`` requests at once.

    ``http`` (not closed here) should be a :func:`~claimdesk.http_policy.policy_client`: the
    retries and pacing are its transport's.
    """

    def __init__(
        self,
        source: str,
        *,
        timeout: float = 30.0,
        mailto: str | None = None,
        http: httpx.Client | None = None,
        max_retries: int = 2,
        max_concurrent: int = 5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.source = source
        self.timeout = timeout
        self._own_http = http is None
        self._http = http or policy_client(
            policy_for(source).with_retries(max_retries),
            timeout=timeout,
            mailto=mailto,
            sleep=sleep,
            follow_redirects=True,
        )
        self._headers = {"Accept": "application/json", "User-Agent": user_agent(mailto)}
        self._slots = threading.BoundedSemaphore(max_concurrent)

    def close(self) -> None:
        """Close the HTTP client if this transport created it."""
        if self._own_http:
            self._http.close()

    def get_json(
        self,
        url: str,
        params: Mapping[str, str | int] | None = None,
        *,
        not_found: Callable[[httpx.Response], bool] | None = None,
    ) -> Any:
        """The JSON body of ``GET url``; None when ``not_found(response)`` says the thing is unknown."""
        response = self._send(url, params)
        status = response.status_code
        if status == 404 and not_found is not None and not_found(response):
            return None
        body = response.content
        data: Any = None
        parse_error: str | None = None
        try:
            data = json.loads(body)
        except RecursionError:
            parse_error = "nested too deeply to be an API answer"
        except ValueError as err:
            parse_error = str(err)
        if status >= 400:
            raise self._status_error(response, data)
        if parse_error is not None:
            what = describe_body(body, response.headers.get("Content-Type"))
            if what.startswith("an HTML") or what == "an empty body":
                raise SourceError(self.source, f"{what} instead of JSON")
            raise SourceError(self.source, f"invalid JSON ({parse_error})")
        return data

    def _send(self, url: str, params: Mapping[str, str | int] | None) -> httpx.Response:
        with self._slots:
            try:
                request = self._http.build_request(
                    "GET",
                    url,
                    params=dict(params) if params else None,
                    headers=self._headers,
                    timeout=self.timeout,
                )
                response = send_limited(self._http, request, what="a metadata request")
            except httpx.TimeoutException as err:
                raise SourceError(
                    self.source,
                    f"no answer within {self.timeout:g} s",
                    hint="try again later",
                ) from err
            except httpx.ConnectError as err:
                host = httpx.URL(url).netloc.decode("ascii", "replace")
                raise SourceError(
                    self.source,
                    f"cannot connect to {host} (no answer or connection refused)",
                    hint="check the network connection",
                ) from err
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as err:
                raise SourceError(
                    self.source, "the connection was dropped", hint="try again later"
                ) from err
            except MessageError as err:
                raise SourceError(self.source, err.message, hint=err.hint) from err
            except httpx.HTTPError as err:
                raise SourceError(
                    self.source,
                    f"cannot connect ({type(err).__name__}: {err})",
                    hint="check the network connection",
                ) from err
        return response

    def _status_error(self, response: httpx.Response, data: Any) -> SourceError:
        status = response.status_code
        said = _service_message(data)
        if said is None and data is None:
            said = describe_body(response.content, response.headers.get("Content-Type"))
        detail = f": {said}" if said else ""
        if status == 429:
            wait = _retry_after(response)
            hint = f"try again in {wait:g} s" if wait else "try again in a few minutes"
            return SourceError(self.source, f"too many requests (HTTP 429){detail}", hint=hint)
        if status >= 500:
            return SourceError(
                self.source,
                f"server error (HTTP {status}){detail}",
                hint="try again later",
            )
        return SourceError(self.source, f"request refused (HTTP {status}){detail}")
