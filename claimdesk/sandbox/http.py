"""The sandbox's tiny router: requests and responses as plain data, routes as regex + handler.

Every service the sandbox serves (ORCID member and public API, OAuth, DataCite, Crossref) is a
list of :class:`Route`; the server matches ``method`` and the full path, and calls the handler
with a :class:`Request` whose ``params`` are the regex's named groups.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs


class Headers:
    """Case-insensitive, read-only view of request headers."""

    def __init__(self, items: Iterable[tuple[str, str]] = ()) -> None:
        self._items: dict[str, str] = {}
        for name, value in items:
            self._items[name.lower()] = value

    def get(self, name: str, default: str | None = None) -> str | None:
        """The header's value, or ``default``."""
        return self._items.get(name.lower(), default)

    def __getitem__(self, name: str) -> str:
        return self._items[name.lower()]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._items

    def __repr__(self) -> str:
        return f"Headers({self._items!r})"


@dataclass(frozen=True, slots=True)
class Request:
    """One HTTP request as a handler sees it."""

    method: str
    path: str
    query: dict[str, list[str]] = field(default_factory=dict)
    headers: Headers = field(default_factory=Headers)
    body: bytes = b""
    params: dict[str, str] = field(default_factory=dict)

    def arg(self, name: str, default: str | None = None) -> str | None:
        """First value of a query parameter."""
        values = self.query.get(name)
        return values[0] if values else default

    def form(self) -> dict[str, str]:
        """The body as an ``application/x-www-form-urlencoded`` form (first value of each field)."""
        fields = parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True)
        return {name: values[0] for name, values in fields.items()}


@dataclass(slots=True)
class Response:
    """What a handler answers. ``content_type`` wins over a Content-Type in ``headers``."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = None

    @classmethod
    def json(
        cls, obj: Any, status: int = 200, headers: Mapping[str, str] | None = None
    ) -> Response:
        """A JSON response."""
        body = json.dumps(obj, ensure_ascii=False).encode("utf-8")
        return cls(status, body, dict(headers or {}), "application/json;charset=UTF-8")

    @classmethod
    def text(
        cls, text: str, status: int = 200, headers: Mapping[str, str] | None = None
    ) -> Response:
        """A plain-text response."""
        return cls(status, text.encode("utf-8"), dict(headers or {}), "text/plain;charset=UTF-8")

    @classmethod
    def html(
        cls, page: str, status: int = 200, headers: Mapping[str, str] | None = None
    ) -> Response:
        """An HTML page (the caller escapes what it interpolates; see :func:`escape`)."""
        return cls(status, page.encode("utf-8"), dict(headers or {}), "text/html;charset=UTF-8")

    @classmethod
    def redirect(cls, location: str, status: int = 302) -> Response:
        """A redirect with an empty body."""
        return cls(status, b"", {"Location": location})


Handler = Callable[[Request], Response]


@dataclass(frozen=True, slots=True)
class Route:
    """``method`` + a regex that must match the whole path; named groups become ``params``."""

    method: str
    pattern: str
    handler: Handler

    def match(self, path: str) -> re.Match[str] | None:
        """The regex match of ``path``, or None."""
        return _compile(self.pattern).fullmatch(path)


_COMPILED: dict[str, re.Pattern[str]] = {}


def _compile(pattern: str) -> re.Pattern[str]:
    compiled = _COMPILED.get(pattern)
    if compiled is None:
        compiled = _COMPILED[pattern] = re.compile(pattern)
    return compiled


class Router:
    """Finds the route for a request; 404 for an unknown path, 405 for a known path."""

    def __init__(self, routes: Iterable[Route] = ()) -> None:
        self.routes: list[Route] = list(routes)

    def add(self, routes: Iterable[Route], prefix: str = "") -> None:
        """Add routes, optionally mounted under a path ``prefix`` (e.g. ``/datacite``)."""
        for route in routes:
            pattern = re.escape(prefix) + route.pattern if prefix else route.pattern
            self.routes.append(Route(route.method, pattern, route.handler))

    def dispatch(self, request: Request) -> Response:
        """Call the matching handler."""
        allowed: list[str] = []
        for route in self.routes:
            match = route.match(request.path)
            if match is None:
                continue
            # HEAD is answered like GET; the server leaves the body out.
            if route.method != request.method and not (
                request.method == "HEAD" and route.method == "GET"
            ):
                allowed.append(route.method)
                continue
            params = {k: v for k, v in match.groupdict().items() if v is not None}
            matched = Request(
                request.method, request.path, request.query, request.headers, request.body, params
            )
            return route.handler(matched)
        if allowed:
            return Response.text(
                "405 Method Not Allowed", 405, {"Allow": ", ".join(sorted(set(allowed)))}
            )
        return Response.html(
            "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>"
            f"<h1>Not Found</h1><p>{escape(request.path)}</p></body></html>",
            404,
        )


def escape(text: object) -> str:
    """HTML-escape anything that goes into a page, quotes included."""
    return html.escape(str(text), quote=True)
