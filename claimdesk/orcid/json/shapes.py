"""ORCID API v3.0 JSON messages as msgspec structs: the shapes claimdesk reads, checked as decoded.

msgspec decodes a body straight into these in C, checking every field's type on the way and
naming the one that is wrong (``$.group[3].work-summary[0].put-code``): a type-confused field is
refused instead of crashing the code that reads it. Keys we do not read are skipped unparsed;
``null`` and a missing key both mean absent. Structs are frozen (hashable, so the reader can
build each distinct source, id list and date once) and untracked by the garbage collector, as
they form no cycles: a 10,000-work record makes ~200,000 of them.

Where ORCID's samples disagree (a contributor's e-mail bare or wrapped in ``{"value": …}``) or a
user's file may differ from what ORCID sends (numbers as strings), the field takes both.
"""

from __future__ import annotations

import msgspec


class _Shape(msgspec.Struct, frozen=True, gc=False, rename="kebab", omit_defaults=True):
    """Base of every shape: kebab-case keys as ORCID spells them, frozen, no GC tracking."""


class Text(_Shape, frozen=True):
    """A leaf string wrapped as ``{"value": "…"}``."""

    value: str | None = None


class Stamp(_Shape, frozen=True):
    """A timestamp: epoch milliseconds as ORCID sends it (an ISO string in files we wrote)."""

    value: int | str | None = None


class Number(_Shape, frozen=True):
    """A year, month or day: ``{"value": "2019"}`` (a bare number is taken too)."""

    value: str | int | None = None


class IdPath(_Shape, frozen=True):
    """An ORCID iD or client id: ``{"uri": …, "path": …, "host": …}``."""

    uri: str | None = None
    path: str | None = None


class Source(_Shape, frozen=True):
    """Who added an item, and on whose behalf."""

    source_orcid: IdPath | None = None
    source_client_id: IdPath | None = None
    source_name: Text | None = None
    assertion_origin_orcid: IdPath | None = None
    assertion_origin_client_id: IdPath | None = None
    assertion_origin_name: Text | None = None


class ExternalId(_Shape, frozen=True):
    """One ``external-id``."""

    external_id_type: str | None = None
    external_id_value: str | None = None
    external_id_normalized: Text | None = None
    external_id_url: Text | None = None
    external_id_relationship: str | None = None


class ExternalIds(_Shape, frozen=True):
    """``{"external-id": [...]}``."""

    external_id: tuple[ExternalId, ...] | None = None


class TranslatedTitle(_Shape, frozen=True):
    """A title in another language."""

    value: str | None = None
    language_code: str | None = None


class Title(_Shape, frozen=True):
    """``title`` of a work: the title, and for a full work its subtitle and translation."""

    title: Text | None = None
    subtitle: Text | str | None = None
    translated_title: TranslatedTitle | None = None


class PublicationDate(_Shape, frozen=True):
    """Year, month and day, each ``{"value": "…"}``."""

    year: Number | None = None
    month: Number | None = None
    day: Number | None = None


class WorkSummary(_Shape, frozen=True):
    """One ``work-summary`` of a works section; the hot path of reading a record."""

    put_code: int | str | None = None
    created_date: Stamp | None = None
    last_modified_date: Stamp | None = None
    source: Source | None = None
    title: Title | None = None
    external_ids: ExternalIds | None = None
    url: Text | None = None
    type: str | None = None
    publication_date: PublicationDate | None = None
    journal_title: Text | None = None
    visibility: str | None = None
    path: str | None = None
    display_index: str | int | None = None


class Group(_Shape, frozen=True):
    """A ``group`` of versions of one work."""

    last_modified_date: Stamp | None = None
    external_ids: ExternalIds | None = None
    work_summary: tuple[WorkSummary, ...] | None = None


class Works(_Shape, frozen=True):
    """A works section (``GET /works``); it has no root key."""

    last_modified_date: Stamp | None = None
    group: tuple[Group, ...] | None = None
    path: str | None = None


class WorksInPieces(_Shape, frozen=True):
    """A works section whose groups are left undecoded, to be decoded one by one.

    Decoding a whole 10,000-work section is one C call that holds the GIL for ~30–40 ms (a
    stall of the GUI while a worker reads); group by group, other threads get it in between.
    """

    last_modified_date: Stamp | None = None
    group: tuple[msgspec.Raw, ...] | None = None
    path: str | None = None


class Citation(_Shape, frozen=True):
    """A formatted or BibTeX/RIS citation."""

    citation_type: str | None = None
    citation_value: str | None = None


class ContributorAttributes(_Shape, frozen=True):
    """A contributor's sequence and role."""

    contributor_sequence: str | None = None
    contributor_role: str | None = None


class Contributor(_Shape, frozen=True):
    """One contributor of a full work."""

    contributor_orcid: IdPath | None = None
    credit_name: Text | str | None = None
    contributor_email: Text | str | None = None
    contributor_attributes: ContributorAttributes | None = None


class Contributors(_Shape, frozen=True):
    """``{"contributor": [...]}``."""

    contributor: tuple[Contributor, ...] | None = None


class Work(_Shape, frozen=True):
    """A full work (``GET /work/{put-code}``, a bulk slot, a user's file)."""

    put_code: int | str | None = None
    created_date: Stamp | None = None
    last_modified_date: Stamp | None = None
    source: Source | None = None
    title: Title | None = None
    journal_title: Text | str | None = None
    short_description: str | Text | None = None
    citation: Citation | None = None
    type: str | None = None
    publication_date: PublicationDate | None = None
    external_ids: ExternalIds | None = None
    url: Text | str | None = None
    contributors: Contributors | None = None
    language_code: str | Text | None = None
    country: Text | str | None = None
    visibility: str | None = None
    path: str | None = None


class Error(_Shape, frozen=True):
    """An ORCID error, or an OAuth-style ``{"error": …, "error_description": …}``."""

    response_code: int | str | None = None
    developer_message: str | None = None
    user_message: str | None = None
    error_code: int | str | None = None
    more_info: str | None = None
    error: str | None = None
    error_description: str | None = msgspec.field(default=None, name="error_description")


class BulkSlot(_Shape, frozen=True):
    """One slot of a bulk message: a work or an error."""

    work: Work | None = None
    error: Error | None = None


class Bulk(_Shape, frozen=True):
    """``{"bulk": [...]}``."""

    bulk: tuple[BulkSlot, ...] | None = None


class SearchId(_Shape, frozen=True):
    """The ``orcid-identifier`` of a search result."""

    path: str


class SearchResult(_Shape, frozen=True):
    """One record found by a search."""

    orcid_identifier: SearchId


class SearchAnswer(_Shape, frozen=True):
    """A page of search results (``GET /search``)."""

    result: tuple[SearchResult, ...] | None = None
