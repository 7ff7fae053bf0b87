"""DataCite REST API (``/dois``): search by ORCID iD, name, query or repository; fetch one DOI.

The ORCID search uses the Commons query over creators *and* contributors (``user-id=`` sees
creators only, in the URL form only). Paging is by cursor (``page[cursor]=1``, then
``links.next``), which has no 10,000-record cap. Affiliations and publishers are read whether the
API sent strings or objects (reference/claim-peers.md §6).
"""

from __future__ import annotations

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
    split_name,
)
from claimdesk.sources.registry_client import RegistryClient

SOURCE = "DataCite"
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000

#: on_page(records fetched so far, total the service reports)
PageCallback = Callable[[int, int | None], None]


def orcid_query(orcid: str) -> str:
    """The Commons query that finds an ORCID iD among creators and contributors, in both forms."""
    return (
        "creators_and_contributors.nameIdentifiers.nameIdentifier:"
        f'({orcid} OR "https://orcid.org/{orcid}")'
    )


def name_query(name: str) -> str:
    """A query for a person's name in its two usual forms, among creators and contributors."""
    text = " ".join(name.replace('"', " ").split())
    given, family = split_name(text)
    if not (given and family):
        words = text.split(" ")
        given, family = " ".join(words[:-1]) or None, words[-1]
    variants = [f"{family}, {given}", f"{given} {family}"] if given else [text]
    terms = " OR ".join(f'"{v}"' for v in variants)
    return f"creators.name:({terms}) OR contributors.name:({terms})"


def is_not_found(response: httpx.Response) -> bool:
    """DataCite's 404 for an unknown DOI is a JSON:API error body (not an HTML page)."""
    try:
        data = response.json()
    except ValueError:
        return False
    return isinstance(data, dict) and isinstance(data.get("errors"), list)


class DataCiteClient(RegistryClient):
    """Searches and reads DOIs from the DataCite REST API at ``settings.endpoints.datacite``."""

    SOURCE = SOURCE

    def __init__(self, settings: Settings, *, http: httpx.Client | None = None) -> None:
        super().__init__(settings, settings.endpoints.datacite, http=http)

    def get(self, doi: str) -> DoiRecord | None:
        """The record of one DOI, or None if DataCite does not know it."""
        params = {"affiliation": "true", "publisher": "true", "include": "client"}
        return self._get_record("dois", doi, params, not_found=is_not_found, parse=parse_response)

    def search(
        self,
        *,
        orcid: str | None = None,
        name: str | None = None,
        query: str | None = None,
        client_id: str | None = None,
        max_results: int = 1000,
        page_size: int = DEFAULT_PAGE_SIZE,
        cancel: threading.Event | None = None,
        on_page: PageCallback | None = None,
    ) -> list[DoiRecord]:
        """DOIs matching every criterion given (ORCID iD, name, free query, repository id).

        Follows cursor pages until ``max_results`` records, the last page, or ``cancel`` is set.
        """
        params = search_params(orcid=orcid, name=name, query=query, client_id=client_id)
        params["page[size]"] = str(max(1, min(page_size, MAX_PAGE_SIZE, max_results)))
        if self.mailto:
            params["mailto"] = self.mailto
        found: list[DoiRecord] = []
        for page, total in self._pages(params, cancel):
            found.extend(page)
            if on_page is not None:
                on_page(min(len(found), max_results), total)
            if len(found) >= max_results:
                break
        return found[:max_results]

    # Added for the curator round trip (claimdesk/curator/roundtrip.py): a whole repository or
    # prefix, streamed page by page instead of collected into one list.
    def iter_dois(
        self,
        *,
        client_id: str | None = None,
        prefix: str | None = None,
        query: str | None = None,
        page_size: int = MAX_PAGE_SIZE,
        cancel: threading.Event | None = None,
    ) -> Iterator[tuple[list[DoiRecord], int | None]]:
        """Every DOI of a repository (client id) and/or DOI prefix, or matching ``query``
        (the service's ``updated:[SINCE TO *]``): (records, total) per page."""
        if not client_id and not prefix and not query:
            raise SourceError(SOURCE, "give a repository id, a DOI prefix or a query")
        params = {"affiliation": "true", "publisher": "true", "disable-facets": "true"}
        if query:
            params["query"] = query
        params["page[size]"] = str(max(1, min(page_size, MAX_PAGE_SIZE)))
        if client_id:
            params["client-id"] = client_id.strip().lower()
        if prefix:
            params["prefix"] = prefix.strip()
        if self.mailto:
            params["mailto"] = self.mailto
        return self._pages(params, cancel)

    def _pages(
        self, params: dict[str, str], cancel: threading.Event | None
    ) -> Iterator[tuple[list[DoiRecord], int | None]]:
        url: str | None = f"{self.base}/dois"
        query: dict[str, str] | None = {**params, "page[cursor]": "1"}
        seen: set[str] = set()
        while url and not (cancel is not None and cancel.is_set()):
            data = self.transport.get_json(url, query)
            records = parse_response(data)
            meta = data.get("meta") if isinstance(data, dict) else None
            total = meta.get("total") if isinstance(meta, dict) else None
            yield records, total if isinstance(total, int) else None
            links = data.get("links") if isinstance(data, dict) else None
            next_url = links.get("next") if isinstance(links, dict) else None
            if not records or not isinstance(next_url, str) or next_url in seen:
                return
            seen.add(next_url)
            url, query = next_url, None  # links.next carries every parameter


def search_params(
    *,
    orcid: str | None = None,
    name: str | None = None,
    query: str | None = None,
    client_id: str | None = None,
) -> dict[str, str]:
    """The ``/dois`` query parameters for a search (without paging)."""
    terms: list[str] = []
    if orcid:
        norm = normalize_orcid(orcid)
        if not norm:
            raise SourceError(SOURCE, f"{orcid!r} is not a valid ORCID iD")
        terms.append(orcid_query(norm))
    if name and name.strip():
        terms.append(name_query(name))
    if query and query.strip():
        terms.append(query.strip())
    if not terms and not client_id:
        raise SourceError(SOURCE, "nothing to search for")
    params = {"affiliation": "true", "publisher": "true", "disable-facets": "true"}
    params["include"] = "client"
    if terms:
        params["query"] = " AND ".join(f"({t})" if len(terms) > 1 else t for t in terms)
    if client_id:
        params["client-id"] = client_id.strip().lower()
    return params


# --- parsing --------------------------------------------------------------------------------------


def parse_response(data: Any) -> list[DoiRecord]:
    """Records from a ``/dois`` or ``/dois/{doi}`` body (``data`` a list or one object).

    Raises SourceError for an error body or a body that is not DataCite JSON:API.
    """
    if not isinstance(data, dict):
        raise SourceError(SOURCE, "a JSON body that is not a JSON:API document")
    if "errors" in data and "data" not in data:
        message = _error_title(data)
        raise SourceError(SOURCE, message or "an error without a message")
    items = data.get("data")
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list):
        raise SourceError(SOURCE, "a JSON:API document without data")
    clients = _client_names(data.get("included"))
    records = []
    for item in items:
        record = parse_doi(item, clients)
        if record is not None:
            records.append(record)
    return records


def _error_title(data: Mapping[str, Any]) -> str | None:
    errors = data.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        status = errors[0].get("status")
        title = errors[0].get("title")
        return f"HTTP {status}: {title}" if status else str(title)
    return None


def _client_names(included: Any) -> dict[str, str]:
    names: dict[str, str] = {}
    for item in included if isinstance(included, list) else []:
        if isinstance(item, dict) and item.get("type") == "clients":
            attrs = item.get("attributes")
            attrs = attrs if isinstance(attrs, dict) else {}
            name = clean_text(attrs.get("name"))
            if name and isinstance(item.get("id"), str):
                names[item["id"]] = name
    return names


def parse_doi(item: Any, clients: Mapping[str, str] | None = None) -> DoiRecord | None:
    """One JSON:API ``dois`` resource as a record; None if it has no valid DOI."""
    if not isinstance(item, dict):
        return None
    attrs = item.get("attributes")
    if not isinstance(attrs, dict):
        return None
    doi = normalize_doi(attrs.get("doi") or item.get("id"))
    if not doi:
        return None
    titles = [t for t in _list(attrs.get("titles")) if isinstance(t, dict)]
    main = [t for t in titles if not t.get("titleType")] or titles
    subtitles = [t for t in titles if t.get("titleType") == "Subtitle"]
    types: dict[str, Any] = attrs["types"] if isinstance(attrs.get("types"), dict) else {}
    container: dict[str, Any] = (
        attrs["container"] if isinstance(attrs.get("container"), dict) else {}
    )
    issns, isbns = _container_ids(container)
    client = _relationship_id(item, "client")
    return DoiRecord(
        doi=doi,
        agency=str(attrs.get("agency") or "datacite").lower(),
        source="datacite",
        title=clean_text(main[0].get("title")) if main else None,
        subtitle=clean_text(subtitles[0].get("title")) if subtitles else None,
        creators=tuple(_people(attrs.get("creators"), creators=True)),
        contributors=tuple(_people(attrs.get("contributors"), creators=False)),
        publisher=_name_of(attrs.get("publisher")),
        container_title=clean_text(container.get("title")),
        issns=tuple(issns),
        isbns=tuple(isbns),
        type_general=clean_text(types.get("resourceTypeGeneral")),
        type=clean_text(types.get("resourceType")),
        published=_published(attrs),
        description=_description(attrs.get("descriptions")),
        related=tuple(_related(attrs.get("relatedIdentifiers"))),
        url=attrs.get("url") if isinstance(attrs.get("url"), str) else None,
        client_id=client,
        client_name=(clients or {}).get(client) if client else None,
        language=clean_text(attrs.get("language")),
        found_in=("datacite",),
    )


def _list(value: Any) -> list[Any]:
    """``value`` if it is a list; anything else (a type-confused field) counts as empty."""
    return value if isinstance(value, list) else []


def _relationship_id(item: Mapping[str, Any], name: str) -> str | None:
    relationships = item.get("relationships")
    rel = relationships.get(name) if isinstance(relationships, dict) else None
    data = rel.get("data") if isinstance(rel, dict) else None
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def _name_of(value: Any) -> str | None:
    """A publisher or affiliation given as a string or as an object with ``name``."""
    if isinstance(value, dict):
        return clean_text(value.get("name"))
    return clean_text(value)


def _people(values: Any, *, creators: bool) -> Iterator[Person]:
    position = 0
    for raw in values if isinstance(values, list) else []:
        if not isinstance(raw, dict):
            continue
        name = credit_name(raw.get("givenName"), raw.get("familyName"), raw.get("name"))
        if not name:
            continue
        orcid = None
        for ident in _list(raw.get("nameIdentifiers")):
            if not isinstance(ident, dict):
                continue
            scheme = str(ident.get("nameIdentifierScheme") or "").upper()
            value = ident.get("nameIdentifier")
            if isinstance(value, str) and (scheme == "ORCID" or "orcid.org/" in value):
                orcid = normalize_orcid(value)
                if orcid:
                    break
        affiliations = tuple(a for a in (_name_of(v) for v in _list(raw.get("affiliation"))) if a)
        role = "Creator" if creators else clean_text(raw.get("contributorType"))
        yield Person(
            name=name,
            given=clean_text(raw.get("givenName")),
            family=clean_text(raw.get("familyName")),
            orcid=orcid,
            roles=(role,) if role else (),
            affiliations=affiliations,
            sequence=("first" if position == 0 else "additional") if creators else None,
            name_type=clean_text(raw.get("nameType")),
        )
        position += 1


def _container_ids(container: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    issns: list[str] = []
    isbns: list[str] = []
    pairs = [(container.get("identifier"), container.get("identifierType"))]
    for ident in _list(container.get("identifiers")):
        if isinstance(ident, dict):
            pairs.append((ident.get("identifier"), ident.get("identifierType")))
    for value, kind in pairs:
        if not isinstance(value, str) or not isinstance(kind, str):
            continue
        target = {"ISSN": issns, "EISSN": issns, "ISBN": isbns}.get(kind.upper())
        if target is not None and value.strip() and value.strip() not in target:
            target.append(value.strip())
    return issns, isbns


def _published(attrs: Mapping[str, Any]) -> tuple[int, ...]:
    for date in _list(attrs.get("dates")):
        if isinstance(date, dict) and date.get("dateType") == "Issued":
            parts = date_parts(date.get("date"))
            if parts:
                return parts
    return date_parts(attrs.get("publicationYear"))


def _description(values: Any) -> str | None:
    descriptions = [d for d in values if isinstance(d, dict)] if isinstance(values, list) else []
    # The abstract first; "Other", "Methods" … only when there is no abstract.
    descriptions.sort(key=lambda d: d.get("descriptionType") != "Abstract")
    for desc in descriptions:
        text = desc.get("description")
        if isinstance(text, list):  # older records: a list of strings
            text = " ".join(t for t in text if isinstance(t, str))
        cleaned = clean_text(text)
        if cleaned:
            return cleaned
    return None


def _related(values: Any) -> Iterator[RelatedId]:
    for raw in values if isinstance(values, list) else []:
        if not isinstance(raw, dict):
            continue
        relation = raw.get("relationType")
        ident = raw.get("relatedIdentifier")
        if isinstance(relation, str) and isinstance(ident, str) and ident.strip():
            kind = raw.get("relatedIdentifierType")
            yield RelatedId(relation, ident.strip(), kind if isinstance(kind, str) else "DOI")
