"""The DataCite and Crossref → ORCID work type tables."""

from __future__ import annotations

import pytest

from claimdesk.orcid.model import WORK_TYPES
from claimdesk.sources.records import DoiRecord
from claimdesk.sources.types import (
    CROSSREF_POSTED_SUBTYPES,
    CROSSREF_TYPES,
    DATACITE_TYPES,
    crossref_type,
    datacite_type,
    orcid_type,
)

#: Every type id api.crossref.org/types lists.
CROSSREF_TYPE_IDS = (
    "book-section", "monograph", "report-component", "peer-review", "book-track",
    "journal-article", "book-part", "other", "book", "journal-volume", "book-set",
    "reference-entry", "proceedings-article", "journal", "component", "book-chapter",
    "proceedings-series", "report-series", "proceedings", "database", "standard",
    "reference-book", "posted-content", "journal-issue", "dissertation", "grant", "dataset",
    "book-series", "edited-book", "report",
)  # fmt: skip

#: resourceTypeGeneral values of DataCite schema 4.6.
DATACITE_GENERALS = (
    "Audiovisual", "Award", "Book", "BookChapter", "Collection", "ComputationalNotebook",
    "ConferencePaper", "ConferenceProceeding", "DataPaper", "Dataset", "Dissertation", "Event",
    "Image", "Instrument", "InteractiveResource", "Journal", "JournalArticle", "Model",
    "OutputManagementPlan", "PeerReview", "PhysicalObject", "Preprint", "Project", "Report",
    "Service", "Software", "Sound", "Standard", "StudyRegistration", "Text", "Workflow", "Other",
)  # fmt: skip


def test_every_mapped_value_is_an_orcid_work_type() -> None:
    values = set(CROSSREF_TYPES.values()) | set(DATACITE_TYPES.values())
    values |= set(CROSSREF_POSTED_SUBTYPES.values())
    assert values <= set(WORK_TYPES)


def test_every_crossref_type_has_an_entry() -> None:
    assert set(CROSSREF_TYPE_IDS) <= set(CROSSREF_TYPES)


def test_every_datacite_general_type_has_an_entry() -> None:
    assert set(DATACITE_GENERALS) <= set(DATACITE_TYPES)


@pytest.mark.parametrize(
    "kind,subtype,expected",
    [
        # the ones cr-search left as "other" (reference/claim-peers.md §2.5)
        ("proceedings-article", None, "conference-paper"),
        ("dataset", None, "data-set"),
        ("book-chapter", None, "book-chapter"),
        ("posted-content", "preprint", "preprint"),
        # the rest of the table
        ("journal-article", None, "journal-article"),
        ("proceedings", None, "conference-proceedings"),
        ("posted-content", "working_paper", "working-paper"),
        ("posted-content", "letter", "other"),
        ("book-section", None, "book-chapter"),
        ("book-part", None, "book-chapter"),
        ("monograph", None, "book"),
        ("reference-book", None, "book"),
        ("edited-book", None, "edited-book"),
        ("dissertation", None, "dissertation-thesis"),
        ("report", None, "report"),
        ("report-component", None, "report"),
        ("peer-review", None, "review"),
        ("standard", None, "standards-and-policy"),
        ("reference-entry", None, "encyclopedia-entry"),
        ("journal-issue", None, "journal-issue"),
        ("component", None, "other"),
        ("grant", None, "other"),
        ("something-new", None, "other"),
        (None, None, "other"),
    ],
)
def test_crossref_type_table(kind: str | None, subtype: str | None, expected: str) -> None:
    assert crossref_type(kind, subtype) == expected


@pytest.mark.parametrize(
    "general,resource_type,expected",
    [
        # orcid_client's table (reference/claim-peers.md §2.4)
        ("Dataset", "Dataset", "data-set"),
        ("Software", None, "software"),
        ("ComputationalNotebook", None, "software"),
        ("JournalArticle", "Article", "journal-article"),
        ("BookChapter", "Book chapter", "book-chapter"),
        ("Dissertation", None, "dissertation-thesis"),
        ("OutputManagementPlan", None, "data-management-plan"),
        ("PeerReview", None, "review"),
        ("Poster", None, "conference-poster"),
        ("Presentation", None, "conference-presentation"),
        ("Standard", None, "standards-and-policy"),
        ("Text", "Conference Paper", "conference-paper"),
        ("Text", "Article", "journal-article"),
        ("Text", "Technical Report", "report"),
        ("Text", "Doctoral thesis", "dissertation-thesis"),
        ("Text", "Working Paper", "working-paper"),
        ("Text", "Documentation", "other"),
        ("Collection", "Report", "report"),
        ("Collection", "Collection of Datasets", "other"),
        ("Collection", "Dataset", "other"),
        # where ORCID has a closer type than orcid_client's "other"
        ("Text", "BlogPosting", "blog-post"),
        ("ConferenceProceeding", None, "conference-proceedings"),
        ("Image", None, "image"),
        ("Sound", None, "sound"),
        ("Audiovisual", None, "moving-image"),
        ("InteractiveResource", None, "online-resource"),
        ("Other", "Report", "report"),
        ("Other", None, "other"),
        ("Event", "Presentation", "conference-presentation"),
        ("Event", None, "other"),
        (None, None, "other"),
        ("SomethingNew", None, "other"),
    ],
)
def test_datacite_type_table(general: str | None, resource_type: str | None, expected: str) -> None:
    assert datacite_type(general, resource_type) == expected


def test_crossref_dois_described_by_datacite_use_the_crossref_type() -> None:
    # include_other_registration_agencies: DataCite repeats the Crossref type in CamelCase
    record = DoiRecord(
        doi="10.31235/osf.io/bqkrp",
        agency="crossref",
        source="datacite",
        type_general="JournalArticle",
        type="PostedContent",
    )
    assert orcid_type(record) == "preprint"
    chapter = DoiRecord(
        doi="10.17125/fci2017.ch07",
        agency="crossref",
        source="datacite",
        type_general="Text",
        type="BookChapter",
    )
    assert orcid_type(chapter) == "book-chapter"


def test_posted_content_without_subtype_is_a_preprint() -> None:
    record = DoiRecord(doi="10.1/x", agency="crossref", source="crossref", type="posted-content")
    assert orcid_type(record) == "preprint"
