"""DataCite-shaped ``/dois`` and ``/dois/{doi}`` over the sandbox corpus (mounted at /datacite).

Follows api.datacite.org (lupo) where claimdesk relies on it: JSON:API documents, ``query=`` in
query_string syntax (esquery.py) with camelCase or snake_case field names, the filters
``client-id``, ``user-id`` (creators, URL form only), ``resource-type-id``, ``prefix``; page-number
paging (``page[number]``, 10,000-record cap) and cursor paging (``page[cursor]=1``, then
``links.next``); ``affiliation=true``/``publisher=true`` switching strings to objects;
``include=client``; ``include_other_registration_agencies``; a JSON:API 404 for unknown DOIs.
"""

from __future__ import annotations

import json
import math
import re
from functools import partial
from typing import Any
from urllib.parse import urlencode

from claimdesk.orcid.ids import normalize_doi
from claimdesk.sandbox import esquery
from claimdesk.sandbox.entries import KINDS, Corpus, Entry
from claimdesk.sandbox.http import Request, Response, Route
from claimdesk.sandbox.render import (
    client_resource,
    datacite_resource,
    decode_cursor,
    encode_cursor,
)

JSON_API = "application/vnd.api+json; charset=utf-8"
DEFAULT_SIZE = 25
MAX_SIZE = 1000
MAX_RECORDS = 10_000
NOT_FOUND = "The resource you are looking for doesn't exist."

#: Fields searched by a query term without a field name.
_DEFAULT_FIELDS = (
    "titles.title",
    "creators.name",
    "contributors.name",
    "descriptions.description",
    "publisher",
    "doi",
    "types.resourceType",
    "subjects.subject",
)


def _api_response(obj: Any, status: int = 200) -> Response:
    body = json.dumps(obj, ensure_ascii=False).encode("utf-8")
    return Response(status, body, {}, JSON_API)


def _error(status: int, title: str) -> Response:
    return _api_response({"errors": [{"status": str(status), "title": title}]}, status)


def _camel(segment: str) -> str:
    head, *rest = segment.split("_")
    return head + "".join(part.capitalize() for part in rest)


def _values(obj: Any, path: list[str]) -> list[str]:
    if not path:
        if isinstance(obj, list):
            return [v for item in obj for v in _values(item, [])]
        if obj is None or isinstance(obj, (dict, bool)):
            return []
        return [str(obj)]
    if isinstance(obj, list):
        return [v for item in obj for v in _values(item, path)]
    if not isinstance(obj, dict):
        return []
    key = path[0]
    if key == "creators_and_contributors":
        people = (obj.get("creators") or []) + (obj.get("contributors") or [])
        return _values(people, path[1:])
    value = obj.get(key, obj.get(_camel(key)))
    return _values(value, path[1:])


def field_values(resource: dict[str, Any], field: str | None) -> list[str]:
    """The values of a (dotted, camel- or snake-case) field of a ``dois`` resource."""
    attributes = resource["attributes"]
    if field is None:
        return [v for name in _DEFAULT_FIELDS for v in field_values(resource, name)]
    if field in {"client_id", "client.uid", "client.symbol"}:
        client = resource["relationships"]["client"]["data"]
        return [client["id"]] if client else []
    if field in {"id", "uid"}:
        return [resource["id"]]
    return _values(attributes, field.split("."))


def _page_size(request: Request) -> int | Response:
    raw = request.arg("page[size]", str(DEFAULT_SIZE)) or str(DEFAULT_SIZE)
    try:
        size = int(raw)
    except ValueError:
        return _error(400, f"page[size] must be a number, not {raw!r}")
    return max(0, min(size, MAX_SIZE))


def _filters(request: Request) -> list[Any]:
    """Predicates on an Entry for the filter parameters given (hyphen or underscore names)."""

    def arg(name: str) -> str | None:
        return request.arg(name) or request.arg(name.replace("-", "_"))

    checks: list[Any] = []
    client_ids = arg("client-id")
    if client_ids:
        wanted = {c.strip().lower() for c in client_ids.split(",") if c.strip()}
        checks.append(lambda e: (e.client_id or "").lower() in wanted)
    user_id = arg("user-id")
    if user_id:
        url = user_id if user_id.startswith("http") else f"https://orcid.org/{user_id}"
        checks.append(lambda e: any(p.orcid and p.orcid_value() == url for p in e.creators))
    types = arg("resource-type-id")
    if types:
        wanted_types = {t.strip().lower() for t in types.split(",") if t.strip()}

        def type_ok(entry: Entry) -> bool:
            general = KINDS[entry.kind][0][0]
            return re.sub(r"(?<!^)(?=[A-Z])", "-", general).lower() in wanted_types

        checks.append(type_ok)
    prefix = arg("prefix")
    if prefix:
        checks.append(lambda e: e.doi.split("/")[0] in prefix.split(","))
    return checks


def routes(corpus: Corpus) -> list[Route]:
    """``GET /dois`` and ``GET /dois/{doi}``, relative to the mount point."""

    def render(entry: Entry, request: Request) -> dict[str, Any]:
        return datacite_resource(
            entry,
            affiliation_objects=request.arg("affiliation") == "true",
            publisher_object=request.arg("publisher") == "true",
            with_agency=_other_agencies(request),
        )

    def included(entries: list[Entry], request: Request) -> list[dict[str, Any]]:
        if "client" not in (request.arg("include") or "").split(","):
            return []
        ids = sorted({e.client_id for e in entries if e.client_id})
        return [client_resource(i, *corpus.clients[i]) for i in ids if i in corpus.clients]

    def show(request: Request) -> Response:
        doi = normalize_doi(request.params.get("doi", ""))
        entry = corpus.get(doi) if doi else None
        if entry is None or (entry.agency != "datacite" and not _other_agencies(request)):
            return _error(404, NOT_FOUND)
        document: dict[str, Any] = {"data": render(entry, request)}
        if request.arg("include"):
            document["included"] = included([entry], request)
        return _api_response(document)

    def search(request: Request) -> Response:
        size = _page_size(request)
        if isinstance(size, Response):
            return size
        query = (request.arg("query") or "").strip()
        node = None
        if query and query != "*":
            try:
                node = esquery.parse(query)
            except esquery.QueryError as err:
                return _error(400, f"Query could not be parsed: {err}")
        checks = _filters(request)
        others = _other_agencies(request)
        hits: list[Entry] = []
        for entry in corpus.sorted():
            if entry.agency != "datacite" and not others:
                continue
            if not all(check(entry) for check in checks):
                continue
            if node is not None:
                resource = render(entry, request)
                if not esquery.matches(node, partial(field_values, resource)):
                    continue
            hits.append(entry)
        total = len(hits)
        cursor = request.arg("page[cursor]")
        links: dict[str, str] = {"self": _url(request, {})}
        meta: dict[str, Any] = {"total": total}
        if cursor is not None:
            start = 0
            if cursor not in ("", "1"):
                key = decode_cursor(cursor)
                if key is None:
                    return _error(400, "The page[cursor] parameter is not a valid cursor.")
                start = next((i for i, e in enumerate(hits) if (e.created_ms, e.doi) > key), total)
            page = hits[start : start + size]
            meta["totalPages"] = math.ceil(total / size) if size else 0
            if page and start + size < total:
                links["next"] = _url(request, {"page[cursor]": encode_cursor(page[-1])})
        else:
            raw = request.arg("page[number]", "1") or "1"
            number = max(1, int(raw)) if raw.isdigit() else 1
            if number * size > MAX_RECORDS and size:
                return _error(
                    400,
                    "Page size and page number exceed the 10,000-record limit; "
                    "use cursor pagination (page[cursor]) instead.",
                )
            start = (number - 1) * size
            page = hits[start : start + size]
            pages = math.ceil(min(total, MAX_RECORDS) / size) if size else 0
            meta.update(totalPages=pages, page=number)
            if size and number < pages:
                links["next"] = _url(request, {"page[number]": str(number + 1)})
        document: dict[str, Any] = {"data": [render(e, request) for e in page]}
        if request.arg("include"):
            document["included"] = included(page, request)
        document["meta"] = meta
        document["links"] = links
        return _api_response(document)

    return [
        Route("GET", r"/dois", search),
        Route("GET", r"/dois/(?P<doi>.+)", show),
    ]


def _other_agencies(request: Request) -> bool:
    value = request.arg("include_other_registration_agencies") or request.arg(
        "include-other-registration-agencies"
    )
    return value == "true"


def _url(request: Request, changes: dict[str, str]) -> str:
    """This request's absolute URL with some parameters changed (as ``links.next``)."""
    params = {name: values[0] for name, values in request.query.items() if values}
    params.update(changes)
    host = request.headers.get("Host") or "127.0.0.1"
    return f"http://{host}{request.path}?{urlencode(params)}"
