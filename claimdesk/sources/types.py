"""Which ORCID work type a DataCite or Crossref record becomes.

DataCite: ``resourceTypeGeneral`` first (orcid_client's table, reference/claim-peers.md §2.4, with
the ORCID types that exist for what it left as ``other``), refined by the free-text
``resourceType`` for vague generals (Text, Other, Collection, Event).

Crossref: every type the REST API lists (``/types``), with ``posted-content`` split by
``subtype``. None of the peers' Crossref tables covers ``proceedings-article``, ``book-chapter``,
``dataset`` or ``posted-content`` (§2.5). Judgement calls, each commented in the table:
``posted-content`` without a subtype is a preprint (nearly all of it is), ``database`` is a
data set, ``reference-entry`` an encyclopedia entry, containers (journal, series) and grants
``other``. Every value here is in :data:`claimdesk.orcid.model.WORK_TYPES`.
"""

from __future__ import annotations

import re

from claimdesk.sources.records import DoiRecord

OTHER = "other"

#: DataCite ``resourceTypeGeneral`` (schema 4.6) → ORCID work type.
DATACITE_TYPES: dict[str, str] = {
    "Audiovisual": "moving-image",
    "Award": OTHER,  # a grant: ORCID keeps those under fundings, not works
    "Book": "book",
    "BookChapter": "book-chapter",
    "Collection": OTHER,
    "ComputationalNotebook": "software",
    "ConferencePaper": "conference-paper",
    "ConferenceProceeding": "conference-proceedings",
    "DataPaper": "journal-article",  # a peer-reviewed article describing data
    "Dataset": "data-set",
    "Dissertation": "dissertation-thesis",
    "Event": OTHER,
    "Film": "moving-image",
    "Image": "image",
    "Instrument": "research-tool",
    "InteractiveResource": "online-resource",
    "Journal": OTHER,
    "JournalArticle": "journal-article",
    "Model": OTHER,
    "OutputManagementPlan": "data-management-plan",
    "PeerReview": "review",
    "PhysicalObject": "physical-object",
    "Preprint": "preprint",
    "Presentation": "conference-presentation",
    "Poster": "conference-poster",
    "Project": OTHER,
    "Report": "report",
    "Service": OTHER,
    "Software": "software",
    "Sound": "sound",
    "Standard": "standards-and-policy",
    "StudyRegistration": "clinical-study",
    "Text": OTHER,
    "Workflow": "research-technique",
    "Other": OTHER,
}

#: Free-text ``resourceType`` → ORCID type, matched whole and case-insensitively. Applied when the
#: general type says little (Text, Other, Collection, or none) — orcid_client's overrides plus the
#: ORCID types they missed (blog-post, software, conference output).
RESOURCE_TYPE_OVERRIDES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), orcid_type)
    for pattern, orcid_type in (
        (
            r"(journal )?articles?|journal ?article|article-journal|scholarly ?article",
            "journal-article",
        ),
        (r"e-?books?|monografie|monograph.*|books?", "book"),
        (r"(book )?chapters?|book ?section|book ?part", "book-chapter"),
        (r"edited ?book", "edited-book"),
        (r"((project|research|technical|annual|final) )?reports?|xfel\.eu .*report", "report"),
        (
            r"dissertation|(doctoral |academic |master'?s? |postdoctoral |phd |bachelor'?s? )?thes[ie]s",
            "dissertation-thesis",
        ),
        (r"(conference )?abstract|extended abstract", "conference-abstract"),
        (r"conference (full text|paper)|proceedings ?(paper|article)", "conference-paper"),
        (r"conference proceedings?|proceedings", "conference-proceedings"),
        (r"(conference )?posters?", "conference-poster"),
        (r"(conference )?presentations?|(lecture )?slides|talk", "conference-presentation"),
        (r"working ?papers?", "working-paper"),
        (r"pre-?prints?|posted ?content", "preprint"),
        (r"data ?sets?", "data-set"),
        (r"blog ?post(ing)?s?", "blog-post"),
        (r"software|source code|code", "software"),
        (r"peer ?reviews?|reviews?", "review"),
        (r"(data management|output management) plan", "data-management-plan"),
        (r"standards?", "standards-and-policy"),
        (r"newspaper article", "newspaper-article"),
        (r"magazine article", "magazine-article"),
        (r"encyclop(a)?edia (entry|article)", "encyclopedia-entry"),
        (r"dictionary entry", "dictionary-entry"),
        (r"lecture|speech", "lecture-speech"),
        (r"patent", "patent"),
        (r"manual", "manual"),
        (r"website|web ?page", "website"),
    )
)

#: Generals vague enough that the free-text resourceType decides.
_VAGUE_GENERALS = frozenset({None, "Text", "Other", "Collection", "Event"})

#: Crossref REST ``type`` (every id of ``api.crossref.org/types``) → ORCID work type.
CROSSREF_TYPES: dict[str, str] = {
    "journal-article": "journal-article",
    "journal-issue": "journal-issue",
    "journal-volume": OTHER,  # a container, not something one authors
    "journal": OTHER,
    "proceedings-article": "conference-paper",
    "proceedings": "conference-proceedings",
    "proceedings-series": OTHER,
    "book-chapter": "book-chapter",
    "book-section": "book-chapter",
    "book-part": "book-chapter",
    "book-track": OTHER,
    "book": "book",
    "monograph": "book",
    "reference-book": "book",
    "book-set": "book",
    "edited-book": "edited-book",
    "book-series": OTHER,
    "reference-entry": "encyclopedia-entry",
    "dissertation": "dissertation-thesis",
    "report": "report",
    "report-component": "report",
    "report-series": OTHER,
    "dataset": "data-set",
    "database": "data-set",  # a data resource; its records are registered as "dataset"
    "component": OTHER,  # figures, tables, supplements of another work
    "peer-review": "review",
    "standard": "standards-and-policy",
    "standard-series": OTHER,
    "grant": OTHER,  # ORCID keeps grants under fundings
    "posted-content": "preprint",  # when there is no subtype: nearly all posted content is
    "other": OTHER,
}

#: Crossref ``posted-content`` subtypes → ORCID work type.
CROSSREF_POSTED_SUBTYPES: dict[str, str] = {
    "preprint": "preprint",
    "working_paper": "working-paper",
    "working-paper": "working-paper",
    "letter": OTHER,
    "dissertation": "dissertation-thesis",
    "report": "report",
    "review": "review",
    "other": OTHER,
}


def datacite_type(general: str | None, resource_type: str | None = None) -> str:
    """ORCID type for a DataCite ``resourceTypeGeneral`` and free-text ``resourceType``."""
    if general in _VAGUE_GENERALS and resource_type:
        text = " ".join(resource_type.split())
        for pattern, orcid_type in RESOURCE_TYPE_OVERRIDES:
            if pattern.fullmatch(text):
                if general == "Collection" and orcid_type == "data-set":
                    return OTHER  # "Collection of Datasets" stays a collection
                return orcid_type
    if general is None:
        return OTHER
    return DATACITE_TYPES.get(general, OTHER)


def crossref_type(kind: str | None, subtype: str | None = None) -> str:
    """ORCID type for a Crossref ``type`` (and ``subtype`` for posted content)."""
    if not kind:
        return OTHER
    kind = kind.strip().lower()
    if kind == "posted-content" and subtype:
        return CROSSREF_POSTED_SUBTYPES.get(subtype.strip().lower(), OTHER)
    return CROSSREF_TYPES.get(kind, OTHER)


def _kebab(camel: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", camel).lower()


def orcid_type(record: DoiRecord) -> str:
    """The ORCID work type of a record, from whichever vocabulary its service used."""
    if record.source == "crossref":
        return crossref_type(record.type, record.subtype)
    # DataCite describes other agencies' DOIs with the Crossref type in CamelCase as
    # resourceType ("PostedContent", "BookChapter"); that is more precise than its general.
    if record.agency == "crossref" and record.type and re.fullmatch(r"[A-Z][A-Za-z]+", record.type):
        mapped = CROSSREF_TYPES.get(_kebab(record.type))
        if mapped is not None:
            return mapped
    return datacite_type(record.type_general, record.type)
