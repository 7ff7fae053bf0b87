"""What one exported work holds, whatever the format: a group's preferred version, completed by
the full work (authors, subtitle, description) when it was fetched."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimdesk.orcid.ids import normalize_doi
from claimdesk.orcid.model import source_label

if TYPE_CHECKING:
    from claimdesk.orcid.model import ExternalId, Work, WorkGroup

#: Contributor roles that are not authorship (kept out of ``author``; editors go to ``editor``).
EDITOR_ROLES = frozenset({"editor", "chair-or-translator"})


@dataclass(frozen=True, slots=True)
class Person:
    """A contributor as exported: the credited name and, when known, the ORCID iD."""

    name: str
    orcid: str | None = None


@dataclass(frozen=True, slots=True)
class ExportEntry:
    """One exported work (a group, as its preferred version)."""

    title: str
    type: str  # the ORCID work type
    year: int | None = None
    month: int | None = None
    day: int | None = None
    subtitle: str | None = None
    #: the journal, book or proceedings the work appeared in (ORCID's journal-title); for types
    #: that have no container (data sets, software, books, reports) it names the publisher
    container: str | None = None
    authors: tuple[Person, ...] = ()
    editors: tuple[Person, ...] = ()
    doi: str | None = None
    url: str | None = None
    issn: tuple[str, ...] = ()
    isbn: tuple[str, ...] = ()
    #: every identifier of the group as (type, value), the preferred version's first
    identifiers: tuple[tuple[str, str], ...] = ()
    abstract: str | None = None
    language: str | None = None
    source: str = ""
    versions: int = 1
    put_code: int | None = None
    visibility: str | None = None
    #: False when the full work was not available, so the contributors are unknown (not none)
    has_details: bool = False


def _identifiers(ids: Iterable[ExternalId]) -> tuple[tuple[str, str], ...]:
    seen: dict[tuple[str, str], tuple[str, str]] = {}
    for ext in ids:
        if ext.value.strip():
            seen.setdefault(ext.key, (ext.type.lower(), ext.value.strip()))
    return tuple(seen.values())


def entry_for(group: WorkGroup, work: Work | None = None) -> ExportEntry:
    """The export entry of ``group`` (its preferred version), with ``work``'s details if given."""
    best = group.preferred
    ids = _identifiers(
        (*best.external_ids, *(work.external_ids if work else ()), *group.external_ids)
    )
    dois = best.dois() or [normalize_doi(v) or v for t, v in ids if t == "doi"]
    date = best.publication_date
    people = work.contributors if work is not None else ()
    authors = tuple(
        Person(c.credit_name, c.orcid)
        for c in people
        if c.credit_name and (c.role or "author") not in EDITOR_ROLES
    )
    editors = tuple(
        Person(c.credit_name, c.orcid) for c in people if c.credit_name and c.role in EDITOR_ROLES
    )
    return ExportEntry(
        title=best.title,
        type=best.type,
        year=date.year if date else None,
        month=date.month if date else None,
        day=date.day if date else None,
        subtitle=work.subtitle if work is not None else None,
        container=best.journal_title,
        authors=authors,
        editors=editors,
        doi=dois[0] if dois else None,
        url=best.url,
        issn=tuple(v for t, v in ids if t in ("issn", "eissn")),
        isbn=tuple(v for t, v in ids if t == "isbn"),
        identifiers=ids,
        abstract=work.short_description if work is not None else None,
        language=work.language_code if work is not None else None,
        source=source_label(best.source),
        versions=len(group.summaries),
        put_code=best.put_code,
        visibility=best.visibility,
        has_details=work is not None,
    )


def entries(
    groups: Iterable[WorkGroup], details: Mapping[int, Work] | None = None
) -> list[ExportEntry]:
    """One entry per group; ``details`` maps put-codes to full works (for contributors)."""
    details = details or {}
    return [
        entry_for(
            g, details.get(g.preferred.put_code) if g.preferred.put_code is not None else None
        )
        for g in groups
    ]
