"""Crossref REST API (``/works``): search by ORCID iD, author name or citation; fetch one DOI.

Searches page by cursor (``cursor=*``, then ``next-cursor``) and stop when a page comes back
short. ``mailto`` puts claimdesk in the polite pool; the ``X-Rate-Limit-*`` headers pace the
requests and a 429 waits for ``Retry-After`` (see transport.py). An unknown DOI is a 404 whose
body is the plain text ``Resource not found.`` (reference/claim-peers.md §7).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import httpx

from claimdesk.config import Settings
from claimdesk.errors import SourceError
from claimdesk.orcid.ids import normalize_doi, normalize_orcid
from claimdesk.sources.records import (
    DoiRecord,
    Person,
    RelatedId,
    clean_text,
    credit_name,
    date_parts,
)
from claimdesk.sources.registry_client import RegistryClient

SOURCE = "Crossref"
DEFAULT_ROWS = 100
MAX_ROWS = 1000
NOT_FOUND_TEXT = "Resource not found."

PageCallback = Callable[[int, int | None], None]

#: Crossref ``relation`` keys → DataCite relation types (the names claimdesk uses).
RELATIONS = {
    "is-version-of": "IsVersionOf",
    "has-version": "HasVersion",
    "is-part-of": "IsPartOf",
    "has-part": "HasPart",
    "is-identical-to": "IsIdenticalTo",
    "is-preprint-of": "IsPreprintOf",
    "has-preprint": "HasPreprint",
    "is-review-of": "Reviews",
    "has-review": "IsReviewedBy",
    "is-supplement-to": "IsSupplementTo",
    "has-translation": "HasTranslation",
    "is-translation-of": "IsTranslationOf",
    "is-replaced-by": "IsPreviousVersionOf",
    "replaces": "IsNewVersionOf",
}


def is_not_found(response: httpx.Response) -> bool:
    """Crossref's 404 for a DOI it does not know (plain text, not JSON)."""
    return response.text.strip() == NOT_FOUND_TEXT


class CrossrefClient(RegistryClient):
    """Searches and reads works from the Crossref REST API at ``settings.endpoints.crossref``."""

    SOURCE = SOURCE

    def __init__(self, settings: Settings, *, http: httpx.Client | None = None) -> None:
        super().__init__(settings, settings.endpoints.crossref, http=http)

    def _params(self, extra: Mapping[str, str]) -> dict[str, str]:
        params = dict(extra)
        if self.mailto:
            params["mailto"] = self.mailto
        return params

    def get(self, doi: str) -> DoiRecord | None:
        """The record of one DOI, or None if Crossref does not know it."""
        return self._get_record(
            "works", doi, self._params({}), not_found=is_not_found, parse=parse_response
        )

    def search(
        self,
        *,
        orcid: str | None = None,
        author: str | None = None,
        bibliographic: str | None = None,
        max_results: int = 1000,
        rows: int = DEFAULT_ROWS,
        cancel: threading.Event | None = None,
        on_page: PageCallback | None = None,
    ) -> list[DoiRecord]:
        """Works matching every criterion given (``filter=orcid:``, ``query.author``,
        ``query.bibliographic``), cursor page by cursor page up to ``max_results``."""
        params = search_params(orcid=orcid, author=author, bibliographic=bibliographic)
        rows = max(1, min(rows, MAX_ROWS, max_results))
        params["rows"] = str(rows)
        params = self._params(params)
        found: list[DoiRecord] = []
        cursor = "*"
        while not (cancel is not None and cancel.is_set()):
            data = self.transport.get_json(f"{self.base}/works", {**params, "cursor": cursor})
            records = parse_response(data)
            found.extend(records)
            message = data.get("message") if isinstance(data, dict) else None
            total = message.get("total-results") if isinstance(message, dict) else None
            if on_page is not None:
                on_page(min(len(found), max_results), total if isinstance(total, int) else None)
            next_cursor = message.get("next-cursor") if isinstance(message, dict) else None
            items = message.get("items") if isinstance(message, dict) else None
            # a short page is the last one (count what was sent, not what parsed)
            sent = len(items) if isinstance(items, list) else 0
            if sent < rows or len(found) >= max_results or not next_cursor:
                break
            if next_cursor == cursor:
                break
            cursor = str(next_cursor)
        return found[:max_results]

    # Added for the permissions service's auto-update (claimdesk/service/autoupdate.py).
    def iter_filtered(self, filters: str, *, rows: int = MAX_ROWS) -> Iterator[list[DoiRecord]]:
        """Every work matching a ``filter=`` value (``from-update-date:…,orcid:…``), page by
        cursor page."""
        params = self._params({"filter": filters, "rows": str(max(1, min(rows, MAX_ROWS)))})
        cursor = "*"
        while True:
            data = self.transport.get_json(f"{self.base}/works", {**params, "cursor": cursor})
            records = parse_response(data)
            yield records
            message = data.get("message") if isinstance(data, dict) else None
            items = message.get("items") if isinstance(message, dict) else None
            next_cursor = message.get("next-cursor") if isinstance(message, dict) else None
            if not isinstance(items, list) or len(items) < rows or not next_cursor:
                return
            if next_cursor == cursor:
                return
            cursor = str(next_cursor)


def search_params(
    *, orcid: str | None = None, author: str | None = None, bibliographic: str | None = None
) -> dict[str, str]:
    """The ``/works`` query parameters for a search (without paging)."""
    params: dict[str, str] = {}
    if orcid:
        norm = normalize_orcid(orcid)
        if not norm:
            raise SourceError(SOURCE, f"{orcid!r} is not a valid ORCID iD")
        params["filter"] = f"orcid:{norm}"
    if author and author.strip():
        params["query.author"] = " ".join(author.split())
    if bibliographic and bibliographic.strip():
        params["query.bibliographic"] = " ".join(bibliographic.split())
    if not params:
        raise SourceError(SOURCE, "nothing to search for")
    return params


# --- parsing --------------------------------------------------------------------------------------


def parse_response(data: Any) -> list[DoiRecord]:
    """Records from a ``work`` or ``work-list`` message. Raises SourceError for an error body."""
    if not isinstance(data, dict) or "message" not in data:
        raise SourceError(SOURCE, "a JSON body that is not a Crossref API message")
    kind = data.get("message-type")
    message = data["message"]
    if data.get("status") != "ok" or kind in ("validation-failure", "resource-failure"):
        detail = ""
        if isinstance(message, list) and message and isinstance(message[0], dict):
            detail = "; ".join(str(m.get("message") or m.get("type")) for m in message[:3])
        elif isinstance(message, str):
            detail = message
        raise SourceError(SOURCE, f"{kind or 'error'}: {detail or 'no details'}")
    if kind == "work" and isinstance(message, dict):
        record = parse_work(message)
        return [record] if record else []
    if kind == "work-list" and isinstance(message, dict):
        items = _list(message.get("items"))
        return [r for r in (parse_work(i) for i in items) if r is not None]
    raise SourceError(SOURCE, f"a {kind!r} message, not works")


def parse_work(item: Any) -> DoiRecord | None:
    """One Crossref work as a record; None if it has no valid DOI."""
    if not isinstance(item, dict):
        return None
    doi = normalize_doi(item.get("DOI"))
    if not doi:
        return None
    isbns: list[str] = []
    for entry in _list(item.get("isbn-type")) + [{"value": v} for v in _list(item.get("ISBN"))]:
        value = entry.get("value") if isinstance(entry, dict) else None
        if isinstance(value, str) and value not in isbns:
            isbns.append(value)
    creators = tuple(_people(item.get("author"), "author"))
    contributors = tuple(
        person
        for role in ("editor", "chair", "translator")
        for person in _people(item.get(role), role)
    )
    resource = item.get("resource")
    primary = resource.get("primary") if isinstance(resource, dict) else None
    url = primary.get("URL") if isinstance(primary, dict) else item.get("URL")
    return DoiRecord(
        doi=doi,
        agency="crossref",
        source="crossref",
        title=_first(item.get("title")),
        subtitle=_first(item.get("subtitle")),
        creators=creators,
        contributors=contributors,
        publisher=clean_text(item.get("publisher")),
        container_title=_first(item.get("container-title")),
        issns=tuple(v for v in _list(item.get("ISSN")) if isinstance(v, str)),
        isbns=tuple(isbns),
        type=clean_text(item.get("type")),
        subtype=clean_text(item.get("subtype")),
        published=_published(item),
        description=clean_text(item.get("abstract")) or clean_text(item.get("description")),
        related=tuple(_related(item.get("relation"))),
        url=url if isinstance(url, str) else None,
        language=clean_text(item.get("language")),
        found_in=("crossref",),
    )


def _list(value: Any) -> list[Any]:
    """``value`` if it is a list; anything else (a type-confused field) counts as empty."""
    return value if isinstance(value, list) else []


def _first(values: Any) -> str | None:
    if isinstance(values, str):
        return clean_text(values)
    for value in values if isinstance(values, list) else []:
        text = clean_text(value)
        if text:
            return text
    return None


def _people(values: Any, role: str) -> Iterator[Person]:
    for raw in values if isinstance(values, list) else []:
        if not isinstance(raw, dict):
            continue
        name = credit_name(raw.get("given"), raw.get("family"), raw.get("name"))
        if not name:
            continue
        authenticated = raw.get("authenticated-orcid")
        affiliations = tuple(
            a
            for a in (
                clean_text(v.get("name")) if isinstance(v, dict) else clean_text(v)
                for v in _list(raw.get("affiliation"))
            )
            if a
        )
        sequence = raw.get("sequence")
        yield Person(
            name=name,
            given=clean_text(raw.get("given")),
            family=clean_text(raw.get("family")),
            orcid=normalize_orcid(raw.get("ORCID")) if isinstance(raw.get("ORCID"), str) else None,
            orcid_authenticated=authenticated if isinstance(authenticated, bool) else None,
            roles=(role,),
            affiliations=affiliations,
            sequence=sequence if sequence in ("first", "additional") else None,
            name_type="Organizational" if raw.get("name") and not raw.get("family") else "Personal",
        )


def _published(item: Mapping[str, Any]) -> tuple[int, ...]:
    # ``issued`` is the earliest of print and online; the others are fallbacks.
    for key in ("issued", "published", "published-print", "published-online", "created"):
        value = item.get(key)
        if isinstance(value, dict):
            parts = value.get("date-parts")
            if isinstance(parts, list) and parts and isinstance(parts[0], list):
                found = date_parts(parts[0])
                if found:
                    return found
    return ()


def _related(relation: Any) -> Iterator[RelatedId]:
    if not isinstance(relation, dict):
        return
    for key, values in relation.items():
        if not isinstance(values, list):
            continue
        name = RELATIONS.get(key) or _camel(key)
        for value in values:
            if isinstance(value, dict) and isinstance(value.get("id"), str):
                kind = str(value.get("id-type") or "doi")
                yield RelatedId(name, value["id"], kind.upper() if kind == "doi" else kind)


def _camel(key: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[-_]", key) if part)
