"""Claiming without member credentials: the two paths a researcher can take by themselves.

Writing to ORCID through its API needs Member API credentials, which few researchers have. They
can still add works themselves:

- **ORCID's BibTeX import** (Works → Add → Import BibTeX on orcid.org): claimdesk writes the
  unclaimed DOIs as a BibTeX file with the fields ORCID's importer reads (title, authors,
  journal, date, DOI, URL, ISSN/ISBN); the works are then added with the researcher as source.
- **DataCite Commons' claim** for DataCite DOIs: each DOI's page on commons.datacite.org has
  "Add to ORCID Record"; DataCite is then the source.

Neither path makes claimdesk the source; only a member organisation's client does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from urllib.parse import quote

from claimdesk.config import Endpoints
from claimdesk.sources.records import DoiRecord

#: DataCite Commons, where a signed-in researcher adds a DataCite DOI to their ORCID record.
DATACITE_COMMONS = "https://commons.datacite.org"

#: Who becomes the source of the works each path adds, in words (shown wherever the paths are).
SOURCE_NOTES = {
    "bibtex": "Works imported from BibTeX on orcid.org are added by you: you are their source, "
    "not claimdesk, and ORCID does not update them later.",
    "commons": "DataCite Commons adds the works with DataCite as their source, not claimdesk.",
    "member": "Only a sign-in through a member organisation's ORCID client adds works with "
    "claimdesk as their source, so that claimdesk can later edit or remove them.",
}


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What to hand to ORCID's BibTeX import and to DataCite Commons for a set of DOIs."""

    #: every unclaimed DOI, as BibTeX for orcid.org's Import BibTeX
    bibtex: str
    count: int
    #: DataCite DOIs among them, each with its DataCite Commons page
    commons: tuple[tuple[str, str], ...]


def orcid_import_bibtex(records: Iterable[DoiRecord]) -> str:
    """BibTeX for ORCID's "Import BibTeX", one entry per DOI, built from its ORCID work.

    The entries come from the same conversion claimdesk uses when it claims a DOI, so a work
    imported by hand says what a claimed one would.
    """
    from claimdesk.exports.bibtex import to_bibtex
    from claimdesk.exports.entry import entries
    from claimdesk.orcid.model import WorkGroup
    from claimdesk.sources.convert import to_work

    groups, details = [], {}
    # The exporter keys full works by put-code; these works are not on ORCID yet, so each
    # gets a stand-in number for the time of the export.
    for number, record in enumerate(records, 1):
        work = replace(to_work(record), put_code=number)
        details[number] = work
        groups.append(WorkGroup(work.external_ids, (work.summary(),)))
    return to_bibtex(entries(groups, details))


def orcid_works_page(endpoints: Endpoints) -> str:
    """The orcid.org page where a signed-in researcher adds works (Add → Import BibTeX)."""
    return f"{endpoints.site}/my-orcid"


def commons_claim_url(doi: str) -> str:
    """The DataCite Commons page of ``doi``, whose "Add to ORCID Record" claims it."""
    return f"{DATACITE_COMMONS}/doi.org/{quote(doi, safe='/')}"


def plan_import(records: Sequence[DoiRecord]) -> ImportPlan:
    """The BibTeX file and the DataCite Commons pages for ``records`` (the unclaimed DOIs)."""
    commons = tuple((r.doi, commons_claim_url(r.doi)) for r in records if r.agency == "datacite")
    return ImportPlan(orcid_import_bibtex(records), len(records), commons)
