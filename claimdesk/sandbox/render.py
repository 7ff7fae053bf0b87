"""Corpus entries written as the real services write them: DataCite ``/dois`` resources and
``/clients``, Crossref ``/works`` items, DataCite's opaque paging cursor (see ../shared/fixtures)."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta
from typing import Any

from claimdesk.orcid.ids import doi_url
from claimdesk.sandbox.entries import KINDS, CorpusPerson, Entry


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _date_text(parts: tuple[int, ...]) -> str:
    return "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(parts))


def _datacite_person(
    person: CorpusPerson, *, affiliation_objects: bool, contributor: bool
) -> dict[str, Any]:
    affiliation: list[Any] = []
    if person.affiliation:
        org, ror = person.affiliation
        if affiliation_objects:
            obj: dict[str, Any] = {"name": org}
            if ror:
                obj.update(
                    affiliationIdentifier=ror,
                    affiliationIdentifierScheme="ROR",
                    schemeUri="https://ror.org",
                )
            affiliation.append(obj)
        else:
            affiliation.append(org)
    identifiers = []
    if person.orcid:
        ident: dict[str, Any] = {
            "nameIdentifier": person.orcid_value(),
            "nameIdentifierScheme": "ORCID",
        }
        if person.with_scheme_uri:
            ident["schemeUri"] = "https://orcid.org"
        identifiers.append(ident)
    organisational = person.role == "HostingInstitution"
    result: dict[str, Any] = {
        "name": f"{person.given} {person.family}" if organisational else person.name,
        "nameType": "Organizational" if organisational else "Personal",
        "affiliation": affiliation,
        "nameIdentifiers": identifiers,
    }
    if not organisational:
        result["givenName"] = person.given
        result["familyName"] = person.family
    if contributor:
        result["contributorType"] = person.role or "Other"
    return result


def datacite_resource(
    entry: Entry,
    *,
    affiliation_objects: bool = False,
    publisher_object: bool = False,
    with_agency: bool = False,
) -> dict[str, Any]:
    """The JSON:API ``dois`` resource of an entry, as api.datacite.org serves it."""
    general, resource_type, citeproc, ris = KINDS[entry.kind][0]
    prefix, _, suffix = entry.doi.partition("/")
    container: dict[str, Any] = {}
    if entry.container:
        container = {"type": "Journal" if entry.issn else "Book Series", "title": entry.container}
        if entry.issn:
            container.update(identifier=entry.issn, identifierType="ISSN")
    elif entry.isbns:
        container = {
            "type": "Book",
            "identifiers": [{"identifier": isbn, "identifierType": "ISBN"} for isbn in entry.isbns],
        }
    titles: list[dict[str, Any]] = [{"title": entry.title}]
    if entry.subtitle:
        titles.append({"title": entry.subtitle, "titleType": "Subtitle"})
    publisher: Any = {"name": entry.publisher} if publisher_object else entry.publisher
    created = _iso(entry.created)
    attributes: dict[str, Any] = {
        "doi": entry.doi,
        "prefix": prefix,
        "suffix": suffix,
        "identifiers": [],
        "alternateIdentifiers": [],
        "creators": [
            _datacite_person(p, affiliation_objects=affiliation_objects, contributor=False)
            for p in entry.creators
        ],
        "titles": titles,
        "publisher": publisher,
        "container": container,
        "publicationYear": entry.published[0] if entry.published else None,
        "subjects": [],
        "contributors": [
            _datacite_person(p, affiliation_objects=affiliation_objects, contributor=True)
            for p in entry.contributors
        ],
        "dates": [{"date": _date_text(entry.published), "dateType": "Issued"}]
        if entry.published
        else [],
        "language": "en",
        "types": {
            "ris": ris,
            "bibtex": "misc",
            "citeproc": citeproc,
            "schemaOrg": "CreativeWork",
            "resourceType": resource_type,
            "resourceTypeGeneral": general,
        },
        "relatedIdentifiers": [
            {"relationType": relation, "relatedIdentifier": doi, "relatedIdentifierType": "DOI"}
            for relation, doi in entry.relations
        ],
        "relatedItems": [],
        "sizes": [],
        "formats": [],
        "version": entry.version,
        "rightsList": [],
        "descriptions": [{"description": entry.description, "descriptionType": "Abstract"}]
        if entry.description
        else [],
        "geoLocations": [],
        "fundingReferences": [],
        "url": f"https://sandbox.example.org/landing/{entry.doi}",
        "contentUrl": None,
        "metadataVersion": 1,
        "schemaVersion": "http://datacite.org/schema/kernel-4",
        "source": "api",
        "isActive": True,
        "state": "findable",
        "reason": None,
        "viewCount": 0,
        "downloadCount": 0,
        "referenceCount": 0,
        "citationCount": 0,
        "partCount": 0,
        "partOfCount": 0,
        "versionCount": 0,
        "versionOfCount": 0,
        "created": created,
        "registered": created,
        "published": str(entry.published[0]) if entry.published else None,
        "updated": created,
    }
    if with_agency:
        attributes["agency"] = entry.agency
    client = entry.client_id
    relationships: dict[str, Any] = {
        "client": {"data": {"id": client, "type": "clients"} if client else None},
    }
    if client:
        relationships["provider"] = {"data": {"id": client.split(".")[0], "type": "providers"}}
    return {
        "id": entry.doi,
        "type": "dois",
        "attributes": attributes,
        "relationships": relationships,
    }


def client_resource(client_id: str, name: str, client_type: str) -> dict[str, Any]:
    """A JSON:API ``clients`` resource (``included[]`` with ``include=client``)."""
    return {
        "id": client_id,
        "type": "clients",
        "attributes": {
            "name": name,
            "symbol": client_id.upper(),
            "year": 2016,
            "alternateName": None,
            "description": None,
            "language": ["en"],
            "clientType": client_type,
            "domains": "*",
            "re3data": None,
            "opendoar": None,
            "issn": {},
            "url": None,
            "created": "2016-01-01T00:00:00.000Z",
            "updated": "2020-01-01T00:00:00.000Z",
        },
    }


def _date_parts(parts: tuple[int, ...]) -> dict[str, Any]:
    return {"date-parts": [list(parts)]}


def _stamp(moment: datetime) -> dict[str, Any]:
    return {
        "date-parts": [[moment.year, moment.month, moment.day]],
        "date-time": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "timestamp": int(moment.replace(tzinfo=UTC).timestamp() * 1000),
    }


_CROSSREF_RELATIONS = {
    "IsPreprintOf": "is-preprint-of",
    "IsVersionOf": "is-version-of",
    "IsPartOf": "is-part-of",
    "IsIdenticalTo": "is-identical-to",
    "HasVersion": "has-version",
    "HasPart": "has-part",
}


def _crossref_person(person: CorpusPerson, sequence: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "given": person.given,
        "family": person.family,
        "sequence": sequence,
        "affiliation": [],
    }
    if person.affiliation:
        result["affiliation"] = [{"name": person.affiliation[0]}]
    if person.orcid:
        form = "http" if person.orcid_form == "http" else "https"
        result["ORCID"] = f"{form}://orcid.org/{person.orcid}"
        result["authenticated-orcid"] = person.authenticated
    return result


def crossref_item(entry: Entry) -> dict[str, Any]:
    """The Crossref ``work`` message of an entry, as api.crossref.org serves it."""
    kind, subtype = KINDS[entry.kind][1]
    prefix = entry.doi.partition("/")[0]
    authors = [
        _crossref_person(p, "first" if i == 0 else "additional")
        for i, p in enumerate(entry.creators)
    ]
    item: dict[str, Any] = {
        "indexed": _stamp(entry.created + timedelta(days=400)),
        "reference-count": 0,
        "publisher": entry.publisher,
        "content-domain": {"domain": [], "crossmark-restriction": False},
        "short-container-title": [],
        "DOI": entry.doi,
        "type": kind,
        "created": _stamp(entry.created),
        "source": "Crossref",
        "is-referenced-by-count": 0,
        "title": [entry.title],
        "prefix": prefix,
        "author": authors,
        "member": "7822",
        "container-title": [entry.container] if entry.container else [],
        "original-title": [],
        "language": "en",
        "deposited": _stamp(entry.created + timedelta(days=1)),
        "score": 1.0,
        "resource": {"primary": {"URL": f"https://sandbox.example.org/article/{entry.doi}"}},
        "subtitle": [entry.subtitle] if entry.subtitle else [],
        "short-title": [],
        "issued": _date_parts(entry.published),
        "published": _date_parts(entry.published),
        "references-count": 0,
        "URL": doi_url(entry.doi),
        "relation": {},
    }
    if subtype:
        item["subtype"] = subtype
    if entry.description:
        item["abstract"] = f"<jats:p>{entry.description}</jats:p>"
    editors = [p for p in entry.contributors if (p.role or "").lower() == "editor"]
    if editors:
        item["editor"] = [
            _crossref_person(p, "first" if i == 0 else "additional") for i, p in enumerate(editors)
        ]
    if entry.issn:
        item["ISSN"] = [entry.issn]
        item["issn-type"] = [{"value": entry.issn, "type": "electronic"}]
    if entry.isbns:
        item["ISBN"] = list(entry.isbns)
        item["isbn-type"] = [{"value": v, "type": "print"} for v in entry.isbns]
    for relation, doi in entry.relations:
        key = _CROSSREF_RELATIONS.get(relation)
        if key:
            item["relation"].setdefault(key, []).append(
                {"id-type": "doi", "id": doi, "asserted-by": "subject"}
            )
    return item


def encode_cursor(entry: Entry) -> str:
    """DataCite's cursor: base64url of ``created_ms,doi`` (opaque to clients)."""
    raw = f"{entry.created_ms},{entry.doi}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[int, str] | None:
    """(created_ms, doi) from a cursor, or None if it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        stamp, _, doi = raw.partition(",")
        return int(stamp), doi
    except (ValueError, UnicodeDecodeError):
        return None
