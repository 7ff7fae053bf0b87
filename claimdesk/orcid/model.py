"""The ORCID works model: frozen dataclasses that every layer above the codecs speaks.

Nothing here does I/O. Dates and timestamps stay the ISO 8601 strings ORCID sent (JSON's epoch
milliseconds are converted to the same form by the JSON codec), which keeps parsing a
10,000-work record cheap and the values exactly as ORCID gave them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from claimdesk.orcid.ids import normalize_external_id

#: Relationships that never group works (reference/orcid-api.md §2.2).
NON_GROUPING_RELATIONSHIPS = frozenset({"part-of", "funded-by"})

RELATIONSHIPS = ("self", "part-of", "version-of", "funded-by")

#: ORCID takes at most 100 items per bulk request, read or write (reference/orcid-api.md §2.6).
BULK_MAX = 100

# fmt: off
#: ORCID v3.0 work types (reference/orcid-api.md §2.8).
WORK_TYPES = (
    "annotation", "artistic-performance", "blog-post", "book-chapter", "book-review", "book",
    "cartographic-material", "clinical-study", "conference-abstract", "conference-output",
    "conference-paper", "conference-poster", "conference-presentation", "conference-proceedings",
    "data-management-plan", "data-set", "design", "dictionary-entry", "disclosure",
    "dissertation-thesis", "edited-book", "encyclopedia-entry", "image", "invention",
    "journal-article", "journal-issue", "learning-object", "lecture-speech", "license",
    "magazine-article", "manual", "moving-image", "musical-composition", "newsletter-article",
    "newspaper-article", "online-resource", "other", "patent", "physical-object", "preprint",
    "public-speech", "registered-copyright", "report", "research-technique", "research-tool",
    "review", "software", "sound", "spin-off-company", "standards-and-policy",
    "supervised-student-publication", "technical-standard", "test", "trademark", "transcription",
    "translation", "website", "working-paper", "undefined",
)

CITATION_TYPES = (
    "bibtex", "formatted-apa", "formatted-chicago", "formatted-harvard", "formatted-ieee",
    "formatted-mla", "formatted-vancouver", "formatted-unspecified", "ris",
)

CONTRIBUTOR_ROLES = (
    "author", "assignee", "editor", "chair-or-translator", "co-investigator", "co-inventor",
    "graduate-student", "other-inventor", "principal-investigator", "postdoctoral-researcher",
    "support-staff",
)
# fmt: on

VISIBILITIES = ("public", "limited", "registered-only", "private")


@dataclass(frozen=True, slots=True)
class ExternalId:
    """One external identifier of a work (``common:external-id``)."""

    type: str
    value: str
    relationship: str | None = "self"
    url: str | None = None
    #: ORCID's ``external-id-normalized`` when it sent one; otherwise computed locally.
    normalized: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        """Identity used for grouping and duplicate detection: type + normalised value."""
        norm = self.normalized if self.normalized else normalize_external_id(self.type, self.value)
        return (self.type.lower(), norm)

    @property
    def groupable(self) -> bool:
        """Whether this id makes works group together (not part-of/funded-by, not empty)."""
        return self.relationship not in NON_GROUPING_RELATIONSHIPS and bool(self.key[1])

    def with_normalized(self) -> ExternalId:
        """This id with ``normalized`` filled in (as the sandbox serves it)."""
        return self if self.normalized else replace(self, normalized=self.key[1])


@dataclass(frozen=True, slots=True)
class Source:
    """Who added an item: a member client or a person (ORCID iD), and on whose behalf."""

    client_id: str | None = None
    orcid: str | None = None
    name: str | None = None
    assertion_origin_client_id: str | None = None
    assertion_origin_orcid: str | None = None
    assertion_origin_name: str | None = None

    @property
    def kind(self) -> str:
        """``client`` for a member application, ``orcid`` for a person (or legacy source)."""
        return "client" if self.client_id else "orcid"

    @property
    def id(self) -> str | None:
        """The client id or ORCID iD of the source."""
        return self.client_id or self.orcid

    @property
    def has_assertion_origin(self) -> bool:
        """True when the source acted on behalf of someone (OBO, Search & Link wizards)."""
        return bool(self.assertion_origin_client_id or self.assertion_origin_orcid)


def source_label(source: Source | None) -> str:
    """The name a person recognises for a source (its name, else its id)."""
    if source is None:
        return ""
    return source.name or source.id or ""


@dataclass(frozen=True, slots=True)
class PublicationDate:
    """Year, month and day as far as they are known."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        parts = [f"{self.year:04d}" if self.year else ""]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Contributor:
    """A contributor of a full work."""

    credit_name: str | None = None
    orcid: str | None = None
    email: str | None = None
    role: str | None = None
    sequence: str | None = None  # "first" | "additional"


@dataclass(frozen=True, slots=True)
class Citation:
    """A formatted or BibTeX/RIS citation attached to a work."""

    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TranslatedTitle:
    """A work's title in another language."""

    value: str
    language_code: str


class _Attributed:
    """What a work and a work summary answer alike: the publication year and who added it."""

    __slots__ = ()
    publication_date: PublicationDate | None
    source: Source | None

    @property
    def year(self) -> int | None:
        """Publication year, if known."""
        return self.publication_date.year if self.publication_date else None

    def is_owned_by(self, client_id: str | None) -> bool:
        """True iff the configured client id added this work (DESIGN: ownership rule)."""
        return bool(client_id) and self.source is not None and self.source.client_id == client_id


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkSummary(_Attributed):
    """One version of a work as listed in ``GET /works`` (``work:work-summary``)."""

    put_code: int | None
    title: str
    type: str
    external_ids: tuple[ExternalId, ...] = ()
    source: Source | None = None
    publication_date: PublicationDate | None = None
    journal_title: str | None = None
    url: str | None = None
    display_index: int = 0
    visibility: str | None = None
    created: str | None = None
    modified: str | None = None
    path: str | None = None

    def dois(self) -> list[str]:
        """Normalised DOIs of this version (any relationship except part-of)."""
        return [e.key[1] for e in self.external_ids if e.type.lower() == "doi" and e.groupable]


@dataclass(frozen=True, slots=True, kw_only=True)
class Work(_Attributed):
    """A full work (``work:work``): the summary's fields plus the details."""

    put_code: int | None = None
    title: str
    type: str
    external_ids: tuple[ExternalId, ...] = ()
    source: Source | None = None
    publication_date: PublicationDate | None = None
    journal_title: str | None = None
    url: str | None = None
    visibility: str | None = None
    created: str | None = None
    modified: str | None = None
    path: str | None = None
    subtitle: str | None = None
    translated_title: TranslatedTitle | None = None
    short_description: str | None = None
    citation: Citation | None = None
    language_code: str | None = None
    country: str | None = None
    contributors: tuple[Contributor, ...] = ()

    def summary(self, display_index: int = 0) -> WorkSummary:
        """The summary ORCID would list for this work."""
        return WorkSummary(
            put_code=self.put_code, title=self.title, type=self.type,
            external_ids=self.external_ids, source=self.source,
            publication_date=self.publication_date, journal_title=self.journal_title,
            url=self.url, display_index=display_index, visibility=self.visibility,
            created=self.created, modified=self.modified, path=self.path,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class WorkGroup:
    """Versions of the same work, grouped by ORCID through shared identifiers."""

    external_ids: tuple[ExternalId, ...]
    summaries: tuple[WorkSummary, ...]
    last_modified: str | None = None

    @property
    def preferred(self) -> WorkSummary:
        """The version with the highest display index; the first listed on a tie."""
        best = self.summaries[0]
        for summary in self.summaries[1:]:
            if summary.display_index > best.display_index:
                best = summary
        return best

    def dois(self) -> set[str]:
        """Normalised DOIs that identify this group."""
        found = {e.key[1] for e in self.external_ids if e.type.lower() == "doi" and e.groupable}
        for summary in self.summaries:
            found.update(summary.dois())
        return found


@dataclass(frozen=True, slots=True)
class WorksSummary:
    """A record's works section (``activities:works``): its groups in ORCID's order."""

    groups: tuple[WorkGroup, ...] = ()
    last_modified: str | None = None
    path: str | None = None

    def __iter__(self) -> Iterator[WorkGroup]:
        return iter(self.groups)

    def __len__(self) -> int:
        return len(self.groups)

    def summaries(self) -> Iterable[WorkSummary]:
        """Every version of every group."""
        for group in self.groups:
            yield from group.summaries

    @property
    def work_count(self) -> int:
        """Number of versions (what ORCID counts against the 10,000-works limit)."""
        return sum(len(g.summaries) for g in self.groups)


@dataclass(frozen=True, slots=True)
class ErrorBody:
    """An ORCID error message (``error:error``) or an OAuth-style JSON error."""

    status: int | None = None
    error_code: int | None = None
    user_message: str | None = None
    developer_message: str | None = None
    more_info: str | None = None
    error: str | None = None
    error_description: str | None = None


#: One slot of a bulk response: the work created/read, or the error for that slot.
BulkItem = Work | ErrorBody


@dataclass(frozen=True, slots=True)
class Bulk:
    """A ``bulk:bulk`` message; order is significant (slot i answers request item i)."""

    items: tuple[BulkItem, ...] = field(default_factory=tuple)


#: Any message the codecs read: a works section, a work, a work summary, a bulk or an error.
Message = WorksSummary | Work | WorkSummary | Bulk | ErrorBody
