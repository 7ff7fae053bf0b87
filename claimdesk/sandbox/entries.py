"""The sandbox's DataCite/Crossref corpus as data: people, DOI entries, repositories, work kinds.

Source-neutral: :mod:`claimdesk.sandbox.corpus` and :mod:`claimdesk.sandbox.curator_seed` build
a :class:`Corpus`; :mod:`claimdesk.sandbox.render` writes its entries as DataCite and Crossref JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from claimdesk.orcid.ids import normalize_doi

DEMO_ORCID = "0000-0002-1825-0097"
DEMO_GIVEN, DEMO_FAMILY = "Josiah", "Carberry"
#: Prefixes of the DOIs the corpus adds (the seeds use 10.5555 and 10.80555 for theirs).
CROSSREF_PREFIX = "10.5555"
DATACITE_PREFIX = "10.80555"
SEED_DATACITE_PREFIXES = ("10.80555", "10.14454", "10.5438", "10.5281", "10.82")

#: DataCite repositories (clients): id → (name, clientType).
CLIENTS = {
    "brown.bdr": ("Brown Digital Repository", "repository"),
    "sandbox.data": ("Sandbox Data Archive", "repository"),
    "sandbox.code": ("Sandbox Software Archive", "repository"),
}
ORG_CLIENT_ID = "brown.bdr"
ORG_ROR = "https://ror.org/05gq02987"
ORG_NAME = "Brown University"

#: kind (an ORCID work type) → DataCite (resourceTypeGeneral, resourceType, citeproc, ris),
#: Crossref (type, subtype).
KINDS: dict[str, tuple[tuple[str, str, str, str], tuple[str, str | None]]] = {
    "journal-article": (
        ("JournalArticle", "Article", "article-journal", "JOUR"),
        ("journal-article", None),
    ),
    "data-set": (("Dataset", "Dataset", "dataset", "DATA"), ("dataset", None)),
    "software": (("Software", "Software", "software", "COMP"), ("other", None)),
    "preprint": (("Preprint", "Preprint", "article", "JOUR"), ("posted-content", "preprint")),
    "book-chapter": (("BookChapter", "Chapter", "chapter", "CHAP"), ("book-chapter", None)),
    "edited-book": (("Book", "Edited book", "book", "BOOK"), ("edited-book", None)),
    "conference-paper": (
        ("Text", "Conference Paper", "paper-conference", "CPAPER"),
        ("proceedings-article", None),
    ),
    "conference-presentation": (("Presentation", "Slides", "speech", "SLIDE"), ("other", None)),
    "report": (("Report", "Report", "report", "RPRT"), ("report", None)),
    "review": (("PeerReview", "Review", "review", "GEN"), ("peer-review", None)),
    "dissertation-thesis": (("Dissertation", "Thesis", "thesis", "THES"), ("dissertation", None)),
    "collection": (("Collection", "Collection of Datasets", "dataset", "DATA"), ("database", None)),
    "blog-post": (("Text", "BlogPosting", "post-weblog", "BLOG"), ("other", None)),
    "other": (("Other", "Other", "article", "GEN"), ("other", None)),
}


@dataclass(frozen=True, slots=True)
class CorpusPerson:
    """A creator/contributor of a generated DOI."""

    given: str
    family: str
    orcid: str | None = None
    #: how the iD is written: "https" (https://orcid.org/…), "http" (old Crossref), "bare"
    orcid_form: str = "https"
    affiliation: tuple[str, str | None] | None = None
    #: DataCite contributorType / Crossref role for contributors ("Editor", "DataCurator" …)
    role: str | None = None
    with_scheme_uri: bool = True
    authenticated: bool = False

    @property
    def name(self) -> str:
        """``Family, Given`` as DataCite writes it."""
        return f"{self.family}, {self.given}"

    def orcid_value(self) -> str | None:
        """The iD in this person's written form."""
        if not self.orcid:
            return None
        return {"http": "http://orcid.org/", "bare": ""}.get(
            self.orcid_form, "https://orcid.org/"
        ) + self.orcid


@dataclass(frozen=True, slots=True)
class Entry:
    """One generated DOI, before it is rendered as DataCite or Crossref JSON."""

    doi: str
    agency: str  # "datacite" | "crossref"
    kind: str  # a key of KINDS
    title: str
    created: datetime
    creators: tuple[CorpusPerson, ...] = ()
    contributors: tuple[CorpusPerson, ...] = ()
    published: tuple[int, ...] = ()
    publisher: str = "Sandbox Press"
    container: str | None = None
    issn: str | None = None
    isbns: tuple[str, ...] = ()
    client_id: str | None = None
    relations: tuple[tuple[str, str], ...] = ()  # (DataCite relationType, DOI)
    description: str | None = None
    subtitle: str | None = None
    version: str | None = None

    @property
    def created_ms(self) -> int:
        """Creation time in epoch milliseconds (the DataCite cursor key)."""
        return int(self.created.replace(tzinfo=UTC).timestamp() * 1000)

    def orcids(self) -> set[str]:
        """Every iD named by this DOI."""
        return {p.orcid for p in self.creators + self.contributors if p.orcid}


@dataclass(slots=True)
class Corpus:
    """All generated DOIs, in creation order, plus the DataCite repositories."""

    entries: list[Entry] = field(default_factory=list)
    clients: dict[str, tuple[str, str]] = field(default_factory=lambda: dict(CLIENTS))
    by_doi: dict[str, Entry] = field(default_factory=dict)

    def add(self, entry: Entry) -> None:
        """Add or merge (same DOI: creators joined) an entry."""
        have = self.by_doi.get(entry.doi)
        if have is not None:
            extra = tuple(p for p in entry.creators if p.orcid not in have.orcids())
            merged = Entry(**{**_fields(have), "creators": have.creators + extra})
            self.entries[self.entries.index(have)] = merged
            self.by_doi[entry.doi] = merged
            return
        self.entries.append(entry)
        self.by_doi[entry.doi] = entry

    def get(self, doi: str) -> Entry | None:
        """The entry of a DOI in any form."""
        norm = normalize_doi(doi)
        return self.by_doi.get(norm) if norm else None

    def sorted(self) -> list[Entry]:
        """Entries in DataCite cursor order: created, then DOI."""
        return sorted(self.entries, key=lambda e: (e.created_ms, e.doi))

    def dois_of(self, orcid: str, agency: str | None = None) -> list[str]:
        """DOIs that name ``orcid`` (creators or contributors), optionally of one agency."""
        return [
            e.doi
            for e in self.entries
            if orcid in e.orcids() and (agency is None or e.agency == agency)
        ]


def _fields(entry: Entry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in Entry.__dataclass_fields__}
