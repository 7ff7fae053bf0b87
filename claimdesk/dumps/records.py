"""One record of a public data file as table rows: pure functions, run in worker processes.

- :func:`orcid_rows`: a ``record:record`` summary of ORCID's annual file, read with claimdesk's
  own ORCID reader (:mod:`claimdesk.orcid.xml`), one row per (work version, DOI of its group) —
  the pairs a round trip reads from the API, with the same source names;
- :func:`datacite_rows`: one JSON line of DataCite's file, read with claimdesk's DataCite reader
  (:func:`claimdesk.sources.datacite.parse_doi`, the same iDs as the API path), one DOI row and
  one row per creator/contributor who carries an identifier tagged ORCID, with how it is written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from claimdesk.orcid.ids import normalize_orcid

#: Column names of the three tables (``claimdesk dumps ingest`` writes them in this order).
ORCID_COLUMNS = (
    "orcid",
    "doi",
    "put_code",
    "source_kind",
    "source_id",
    "source_name",
    "assertion_origin",
    "visibility",
    "display_index",
    "grp",
    "position",
)
DOI_COLUMNS = ("doi", "client", "prefix", "updated", "title", "is_version", "version_of_itself")
NAME_COLUMNS = ("doi", "orcid", "written", "form", "problem", "role", "name")

#: How an identifier tagged ORCID is written (``form``) and what is wrong with it (``problem``).
FORM_URL, FORM_HTTP, FORM_BARE, FORM_OTHER = "https URL", "http URL", "bare", "other"
BAD_CHECKSUM = "invalid checksum"
NOT_AN_ORCID = "not an ORCID iD"
OUTSIDE_RANGES = "outside ORCID's iD ranges (another identifier, e.g. an ISNI?)"
#: The blocks ORCID assigns iDs from (ORCID's "structure of the ORCID identifier"); an ISNI has
#: the same shape and checksum, so only the range tells them apart.
ORCID_RANGES = (
    ("0000-0001-5000-0007", "0000-0003-5000-0001"),
    ("0009-0000-0000-0000", "0009-0010-0000-0000"),
)

_ORCID_SHAPE = re.compile(
    r"(?:https?://(?:www\.)?(?:sandbox\.)?orcid\.org/)?\d{4}-?\d{4}-?\d{4}-?\d{3}[\dXx]/?"
)
_NS_COMMON = "{http://www.orcid.org/ns/common}"
_NS_ACTIVITIES = "{http://www.orcid.org/ns/activities}"


@dataclass(frozen=True, slots=True)
class DataCiteRows:
    """What one DataCite line becomes: the DOI's row and its people's rows (None if no DOI)."""

    doi: tuple[Any, ...] | None
    names: list[tuple[Any, ...]]
    updated_month: str


def orcid_rows(body: bytes) -> list[tuple[Any, ...]]:
    """Rows (:data:`ORCID_COLUMNS`) of one ``record:record`` summary; empty without works."""
    from claimdesk.orcid.xml import parse_root, parse_works

    root = parse_root(body)
    orcid = _record_orcid(root)
    works_element = root.find(f"{_NS_ACTIVITIES}activities-summary/{_NS_ACTIVITIES}works")
    if orcid is None or works_element is None:
        return []
    from lxml import etree

    # The reader reads a works message; the element carries the namespaces it needs.
    works = parse_works(etree.tostring(works_element))
    rows: list[tuple[Any, ...]] = []
    for number, group in enumerate(works.groups):
        dois = sorted(group.dois())
        for position, summary in enumerate(group.summaries):
            source = summary.source
            origin = (
                (source.assertion_origin_client_id or source.assertion_origin_orcid)
                if source
                else None
            )
            for doi in dois:
                rows.append(
                    (
                        orcid,
                        doi,
                        summary.put_code,
                        source.kind if source else None,
                        source.id if source else None,
                        (source.name or source.id) if source else None,
                        origin,
                        summary.visibility,
                        summary.display_index,
                        number,
                        position,
                    )
                )
    return rows


def _record_orcid(root: Any) -> str | None:
    path = root.findtext(f"{_NS_COMMON}orcid-identifier/{_NS_COMMON}path")
    return normalize_orcid(path or str(root.get("path") or ""))


def datacite_rows(line: bytes | str) -> DataCiteRows:
    """The rows of one DataCite JSON line: a REST ``dois`` resource, or just its attributes."""
    from claimdesk.sources.datacite import parse_doi

    item = json.loads(line)
    if isinstance(item, dict) and "attributes" not in item:
        item = {"attributes": item, "relationships": {}}  # the attributes-only form
    record = parse_doi(item)
    attrs = item.get("attributes") if isinstance(item, dict) else None
    if record is None or not isinstance(attrs, dict):
        return DataCiteRows(None, [], "unknown")
    updated = str(attrs.get("updated") or "")
    client = record.client_id or attrs.get("clientId")
    prefix = record.doi.split("/", 1)[0]
    self_version = any(
        r.relation_type.lower() == "isversionof" and r.doi == record.doi for r in record.related
    )
    doi_row = (
        record.doi,
        client,
        prefix,
        updated,
        record.title,
        record.is_version_or_part,
        self_version,
    )
    names: list[tuple[Any, ...]] = []
    for role, people in (
        ("creator", attrs.get("creators")),
        ("contributor", attrs.get("contributors")),
    ):
        for person in people if isinstance(people, list) else []:
            names.extend(_name_rows(record.doi, role, person))
    return DataCiteRows(doi_row, names, updated[:7] or "unknown")


def _name_rows(doi: str, role: str, person: Any) -> list[tuple[Any, ...]]:
    if not isinstance(person, dict):
        return []
    name = person.get("name") or " ".join(
        str(p) for p in (person.get("givenName"), person.get("familyName")) if p
    )
    if not name:  # claimdesk's DataCite reader skips a person without a name; so do the tables
        return []
    rows = []
    for ident in person.get("nameIdentifiers") or []:
        if not isinstance(ident, dict):
            continue
        value = ident.get("nameIdentifier")
        scheme = str(ident.get("nameIdentifierScheme") or "").upper()
        if not isinstance(value, str) or not (scheme == "ORCID" or "orcid.org/" in value):
            continue
        written = value.strip()
        orcid = normalize_orcid(written)
        problem = None
        if orcid is None:
            problem = BAD_CHECKSUM if _ORCID_SHAPE.fullmatch(written) else NOT_AN_ORCID
        elif not any(low <= orcid <= high for low, high in ORCID_RANGES):
            problem = OUTSIDE_RANGES
        rows.append((doi, orcid, written, _form(written), problem, role, name or None))
    return rows


def _form(written: str) -> str:
    lower = written.lower()
    if lower.startswith("https://"):
        return FORM_URL
    if lower.startswith("http://"):
        return FORM_HTTP
    if _ORCID_SHAPE.fullmatch(written):
        return FORM_BARE
    return FORM_OTHER
