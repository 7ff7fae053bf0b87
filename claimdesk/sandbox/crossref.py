"""Crossref-shaped ``/works`` and ``/works/{doi}`` over the sandbox corpus (mounted at /crossref).

Follows api.crossref.org where claimdesk relies on it: the ``{status, message-type,
message-version, message}`` envelope; ``filter=`` (``orcid``, ``has-orcid``, ``type``, ``doi``,
``prefix``, ``from-pub-date``/``until-pub-date``, ``from-update-date``; a filter named more than
once matches either value, as Crossref ORs repeated filters); ``query``, ``query.author``,
``query.bibliographic``; ``rows`` (≤1000), ``offset`` and deep paging with ``cursor=*`` and
``next-cursor``; validation failures as 400 JSON; an invalid cursor as 404 ``cursor-invalid``;
an unknown DOI as a 404 with the plain-text body ``Resource not found.``; rate-limit headers.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

from claimdesk.orcid.ids import normalize_doi, normalize_orcid
from claimdesk.sandbox.entries import KINDS, Corpus, Entry
from claimdesk.sandbox.http import Request, Response, Route
from claimdesk.sandbox.render import crossref_item

MAX_ROWS = 1000
DEFAULT_ROWS = 20
NOT_FOUND = "Resource not found."
RATE_HEADERS = {"X-Rate-Limit-Limit": "50", "X-Rate-Limit-Interval": "1s"}
FILTERS = (
    "orcid",
    "has-orcid",
    "type",
    "doi",
    "prefix",
    "from-pub-date",
    "until-pub-date",
    "from-update-date",
)
FIELD_QUERIES = ("query.author", "query.bibliographic", "query.title", "query.container-title")


def _message(kind: str, message: Any, status: int = 200) -> Response:
    envelope = {
        "status": "ok",
        "message-type": kind,
        "message-version": "1.0.0",
        "message": message,
    }
    return Response.json(envelope, status, RATE_HEADERS)


def _failure(status: int, kind: str, problems: list[dict[str, str]]) -> Response:
    body = {"status": "failed", "message-type": kind, "message": problems}
    return Response.json(body, status, RATE_HEADERS)


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"\w+", text)]


def _author_words(entry: Entry) -> set[str]:
    return {w for p in entry.creators + entry.contributors for w in _words(f"{p.given} {p.family}")}


def _bibliographic_words(entry: Entry) -> set[str]:
    text = " ".join(
        [
            entry.title,
            entry.container or "",
            entry.publisher,
            " ".join(str(p) for p in entry.published[:1]),
        ]
    )
    return set(_words(text)) | _author_words(entry)


def _score(wanted: list[str], have: set[str]) -> float:
    return sum(1 for w in wanted if w in have) / len(wanted) if wanted else 1.0


def _pub_date_check(value: str, after: bool) -> Callable[[Entry], bool]:
    parts = tuple(int(p) for p in value.split("-") if p.isdigit())

    def check(entry: Entry) -> bool:
        have = entry.published[: len(parts)]
        if not have:
            return False
        return have >= parts if after else have <= parts

    return check


def _filter(name: str, value: str) -> Callable[[Entry], bool] | None:
    if name == "orcid":
        orcid = normalize_orcid(value)
        return lambda e: orcid is not None and orcid in e.orcids()
    if name == "has-orcid":
        wanted = value.lower() in {"true", "1", "t"}
        return lambda e: bool(e.orcids()) == wanted
    if name == "type":
        return lambda e: KINDS[e.kind][1][0] == value
    if name == "doi":
        doi = normalize_doi(value)
        return lambda e: e.doi == doi
    if name == "prefix":
        return lambda e: e.doi.split("/")[0] == value
    if name in {"from-pub-date", "until-pub-date"}:
        return _pub_date_check(value, after=name == "from-pub-date")
    if name == "from-update-date":
        # the sandbox's metadata is updated when it is created (published with sandbox.updates)
        day = value[:10]
        return lambda e: e.created.date().isoformat() >= day
    return None


def _cursor_token(offset: int, fingerprint: str) -> str:
    raw = json.dumps({"o": offset, "q": fingerprint}).encode()
    return base64.urlsafe_b64encode(raw).decode()


def _cursor_offset(token: str, fingerprint: str) -> int | None:
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode()))
    except (ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("q") != fingerprint:
        return None
    offset = data.get("o")
    return offset if isinstance(offset, int) and offset >= 0 else None


def routes(corpus: Corpus) -> list[Route]:
    """``GET /works`` and ``GET /works/{doi}``, relative to the mount point."""

    def crossref_works() -> list[Entry]:
        # read on each search: DOIs published while the sandbox runs (sandbox.updates) count
        return [e for e in corpus.sorted() if e.agency == "crossref"]

    def show(request: Request) -> Response:
        if any(name.startswith("query") for name in request.query):
            return _failure(
                400,
                "validation-failure",
                [
                    {
                        "type": "parameter-not-allowed",
                        "value": "query.*",
                        "message": "This route does not support field query parameters",
                    }
                ],
            )
        doi = normalize_doi(request.params.get("doi", ""))
        entry = corpus.get(doi) if doi else None
        if entry is None or entry.agency != "crossref":
            return Response.text(NOT_FOUND, 404, RATE_HEADERS)
        return _message("work", crossref_item(entry))

    def search(request: Request) -> Response:
        problems: list[dict[str, str]] = []
        by_name: dict[str, list[Callable[[Entry], bool]]] = {}
        for spec in ",".join(request.query.get("filter", [])).split(","):
            if not spec.strip():
                continue
            name, _, value = spec.partition(":")
            check = _filter(name.strip(), value.strip())
            if check is None:
                problems.append(
                    {
                        "type": "filter-not-available",
                        "value": name,
                        "message": f"Filter {name} specified but there is no such filter for this "
                        f"route. Valid filters for this route are: {', '.join(FILTERS)}",
                    }
                )
            else:
                by_name.setdefault(name.strip(), []).append(check)
        for name in request.query:
            if name.startswith("query.") and name not in FIELD_QUERIES:
                problems.append(
                    {
                        "type": "field-query-not-available",
                        "value": name,
                        "message": f"Field query {name} specified but there is no such "
                        "field query for this route.",
                    }
                )
        raw_rows = request.arg("rows", str(DEFAULT_ROWS)) or str(DEFAULT_ROWS)
        if not raw_rows.isdigit() or int(raw_rows) > MAX_ROWS:
            problems.append(
                {
                    "type": "integer-not-valid",
                    "value": raw_rows,
                    "message": f"Integer specified as {raw_rows} but must be a positive "
                    f"integer less than or equal to {MAX_ROWS}.",
                }
            )
        if problems:
            return _failure(400, "validation-failure", problems)
        rows = int(raw_rows)
        checks = [(lambda e, group=group: any(c(e) for c in group)) for group in by_name.values()]

        scored: list[tuple[float, int, Entry]] = []
        author = _words(request.arg("query.author") or "")
        biblio = _words(request.arg("query.bibliographic") or "")
        plain = _words(request.arg("query") or "")
        for index, entry in enumerate(crossref_works()):
            if not all(check(entry) for check in checks):
                continue
            score = 1.0
            # every word of a name must be an author's, as a person search expects
            if author and _score(author, _author_words(entry)) < 1.0:
                continue
            if biblio:
                score = _score(biblio, _bibliographic_words(entry))
                if score < 0.5:
                    continue
            if plain:
                plain_score = _score(plain, _bibliographic_words(entry))
                if plain_score == 0:
                    continue
                score *= plain_score
            scored.append((score, index, entry))
        if biblio or plain:
            scored.sort(key=lambda item: (-item[0], item[1]))
        hits = [entry for _, _, entry in scored]

        fingerprint = hashlib.sha1(
            json.dumps(sorted((k, v) for k, v in request.query.items() if k != "cursor")).encode()
        ).hexdigest()[:12]
        cursor = request.arg("cursor")
        offset = 0
        if cursor is not None and cursor != "*":
            found = _cursor_offset(cursor, fingerprint)
            if found is None:
                return _failure(
                    404,
                    "resource-failure",
                    [
                        {
                            "type": "cursor-invalid",
                            "value": cursor,
                            "message": "Cursor specified but it is invalid",
                        }
                    ],
                )
            offset = found
        elif (raw_offset := request.arg("offset")) and raw_offset.isdigit():
            offset = int(raw_offset)
        page = hits[offset : offset + rows]
        message: dict[str, Any] = {
            "facets": {},
            "total-results": len(hits),
            "items": [crossref_item(e) for e in page],
            "items-per-page": rows,
            "query": {"start-index": offset, "search-terms": request.arg("query")},
        }
        if cursor is not None:
            message["next-cursor"] = _cursor_token(offset + len(page), fingerprint)
        return _message("work-list", message)

    return [
        Route("GET", r"/works", search),
        Route("GET", r"/works/(?P<doi>.+)", show),
    ]
