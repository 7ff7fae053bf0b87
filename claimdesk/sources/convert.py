"""A DOI's metadata (:class:`DoiRecord`) as the ORCID work claimdesk adds to a record.

What goes in, and why it differs from orcid_client (reference/claim-peers.md §2.3):
- title ≤ 1000 characters (the XSD's limit) cut on a word with "…", plus the subtitle;
- type from the DataCite or Crossref vocabulary (``types.py``), so a blog post is ``blog-post``
  rather than ``other``;
- publication date as far as it is known, only within the XSD's years 1900–2100;
- journal title from the container; for DataCite records without one, the publisher (what
  orcid_client sends and what ORCID shows under the title);
- the DOI as ``self`` with its https://doi.org/ URL; the container's ISSNs as ``part-of``; ISBNs
  as ``part-of`` for chapters and entries, ``self`` for whole books;
- every person creator and contributor, with ORCID iD, role and (for authors) sequence;
- the abstract as short description, ≤ 5000 characters (the XSD's limit; orcid_client cuts at 2500);
- every text without the characters XML 1.0 cannot carry (C0 controls but tab and newlines,
  lone surrogates, U+FFFE/U+FFFF) that real DataCite and Crossref metadata do contain: one such
  title would otherwise make the whole bulk request unwritable. :func:`cleaned_fields` says
  which fields lost characters, so the claim's result can say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import fields, replace

from claimdesk.orcid.ids import doi_url, normalize_external_id
from claimdesk.orcid.model import Contributor, ExternalId, PublicationDate, Work
from claimdesk.sources.records import DoiRecord, Person
from claimdesk.sources.types import orcid_type

TITLE_LIMIT = 1000
SUBTITLE_LIMIT = 1000
JOURNAL_TITLE_LIMIT = 1000
DESCRIPTION_LIMIT = 5000
CREDIT_NAME_LIMIT = 150
ELLIPSIS = "…"
UNTITLED = "[Untitled]"

#: ORCID types whose ISBN identifies the work itself rather than the book it is part of.
_WHOLE_BOOKS = frozenset({"book", "edited-book", "conference-proceedings"})

_CREDIT = "http://credit.niso.org/contributor-roles/"

#: Service role words → ORCID contributor role (the legacy list or a CRediT URI).
ROLES: dict[str, str] = {
    "creator": "author",
    "author": "author",
    "editor": "editor",
    "chair": "chair-or-translator",
    "translator": "chair-or-translator",
    "projectleader": "principal-investigator",
    "supervisor": _CREDIT + "supervision/",
    "projectmanager": _CREDIT + "project-administration/",
    "datacurator": _CREDIT + "data-curation/",
    "datamanager": _CREDIT + "data-curation/",
    "datacollector": _CREDIT + "investigation/",
    "researcher": _CREDIT + "investigation/",
    "projectmember": _CREDIT + "investigation/",
    "workpackageleader": _CREDIT + "project-administration/",
}


#: What XML 1.0 cannot carry (its Char production), found in titles and abstracts in the wild.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_clean(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry."""
    return _NOT_XML.sub("", text)


def truncate(text: str, limit: int, ellipsis: str = ELLIPSIS) -> str:
    """``text`` cut to at most ``limit`` characters, on a word boundary, ending in ``ellipsis``."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ellipsis)]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + ellipsis


def publication_date(parts: tuple[int, ...]) -> PublicationDate | None:
    """The ORCID publication date for (year, month?, day?); None outside the XSD's 1900–2100."""
    if not parts or not 1900 <= parts[0] <= 2100:
        return None
    month = parts[1] if len(parts) > 1 else None
    day = parts[2] if len(parts) > 2 and month else None
    return PublicationDate(parts[0], month, day)


def external_ids(record: DoiRecord, work_type: str) -> tuple[ExternalId, ...]:
    """The DOI as ``self``; the container's ISSN/ISBN as ``part-of`` (a whole book's ISBN: ``self``)."""
    ids = [ExternalId("doi", record.doi, "self", doi_url(record.doi))]
    seen = {("doi", record.doi)}
    for issn in record.issns:
        key = ("issn", normalize_external_id("issn", issn))
        if key not in seen:
            seen.add(key)
            ids.append(
                ExternalId(
                    "issn", issn, "part-of", f"https://portal.issn.org/resource/ISSN/{key[1]}"
                )
            )
    isbn_relationship = "self" if work_type in _WHOLE_BOOKS else "part-of"
    for isbn in record.isbns:
        key = ("isbn", normalize_external_id("isbn", isbn))
        if key[1] and key not in seen:
            seen.add(key)
            ids.append(ExternalId("isbn", isbn, isbn_relationship))
    return tuple(ids)


def contributor_role(person: Person) -> str | None:
    """ORCID role for a person's first role word that has one."""
    for role in person.roles:
        mapped = ROLES.get(role.replace(" ", "").lower())
        if mapped:
            return mapped
    return None


def contributors(people: Iterable[Person]) -> tuple[Contributor, ...]:
    """ORCID contributors for persons (organisations without an ORCID iD are left out)."""
    result = []
    for person in people:
        if person.name_type == "Organizational" and not person.orcid:
            continue
        result.append(
            Contributor(
                credit_name=truncate(person.name, CREDIT_NAME_LIMIT),
                orcid=person.orcid,
                role=contributor_role(person),
                sequence=person.sequence,
            )
        )
    return tuple(result)


def _cleaned(value: object) -> object:
    """``value`` (a text or a tuple of persons) without what XML cannot carry; itself if clean."""
    if isinstance(value, str):
        return xml_clean(value) if _NOT_XML.search(value) else value
    if isinstance(value, tuple) and any(
        isinstance(p, Person) and _NOT_XML.search(p.name) for p in value
    ):
        return tuple(replace(p, name=xml_clean(p.name)) for p in value)
    return value


def cleaned_fields(record: DoiRecord) -> tuple[str, ...]:
    """Names of the record's text fields that held characters XML cannot carry."""
    return tuple(
        f.name
        for f in fields(record)
        if _cleaned(getattr(record, f.name)) is not getattr(record, f.name)
    )


def _clean_record(record: DoiRecord) -> DoiRecord:
    changes = {name: _cleaned(getattr(record, name)) for name in cleaned_fields(record)}
    return replace(record, **changes) if changes else record  # type: ignore[arg-type]


def to_work(record: DoiRecord) -> Work:
    """The ORCID work (a write message: no put-code, no source) for one DOI's metadata."""
    record = _clean_record(record)
    work_type = orcid_type(record)
    journal = record.container_title
    if not journal and record.source == "datacite":
        journal = record.publisher
    return Work(
        title=truncate(record.title or UNTITLED, TITLE_LIMIT),
        subtitle=truncate(record.subtitle, SUBTITLE_LIMIT) if record.subtitle else None,
        type=work_type,
        external_ids=external_ids(record, work_type),
        publication_date=publication_date(record.published),
        journal_title=truncate(journal, JOURNAL_TITLE_LIMIT) if journal else None,
        url=doi_url(record.doi),
        short_description=(
            truncate(record.description, DESCRIPTION_LIMIT) if record.description else None
        ),
        contributors=contributors(record.people),
    )
