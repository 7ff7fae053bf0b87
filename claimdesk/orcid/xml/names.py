"""ORCID's XML namespaces and the Clark names of the elements claimdesk reads and writes.

Computed once at import: comparing a tag against a prebuilt string is the hot path of reading a
10,000-work record.
"""

from __future__ import annotations

NS_COMMON = "http://www.orcid.org/ns/common"
NS_WORK = "http://www.orcid.org/ns/work"
NS_ACTIVITIES = "http://www.orcid.org/ns/activities"
NS_BULK = "http://www.orcid.org/ns/bulk"
NS_ERROR = "http://www.orcid.org/ns/error"
ORCID_NS_PREFIX = "http://www.orcid.org/ns/"


CLARK_COMMON = "{" + NS_COMMON + "}"
CLARK_WORK = "{" + NS_WORK + "}"
CLARK_ACTIVITIES = "{" + NS_ACTIVITIES + "}"
CLARK_BULK = "{" + NS_BULK + "}"
CLARK_ERROR = "{" + NS_ERROR + "}"

# Clark names, computed once: tag comparison is the hot path of parse_works.
CREATED = CLARK_COMMON + "created-date"
MODIFIED = CLARK_COMMON + "last-modified-date"
SOURCE = CLARK_COMMON + "source"
SOURCE_ORCID = CLARK_COMMON + "source-orcid"
SOURCE_CLIENT_ID = CLARK_COMMON + "source-client-id"
SOURCE_NAME = CLARK_COMMON + "source-name"
AO_ORCID = CLARK_COMMON + "assertion-origin-orcid"
AO_CLIENT_ID = CLARK_COMMON + "assertion-origin-client-id"
AO_NAME = CLARK_COMMON + "assertion-origin-name"
PATH = CLARK_COMMON + "path"
URI = CLARK_COMMON + "uri"
HOST = CLARK_COMMON + "host"
EXTERNAL_IDS = CLARK_COMMON + "external-ids"
EXTERNAL_ID = CLARK_COMMON + "external-id"
EID_TYPE = CLARK_COMMON + "external-id-type"
EID_VALUE = CLARK_COMMON + "external-id-value"
EID_NORMALIZED = CLARK_COMMON + "external-id-normalized"
EID_URL = CLARK_COMMON + "external-id-url"
EID_RELATIONSHIP = CLARK_COMMON + "external-id-relationship"
URL = CLARK_COMMON + "url"
URL_V2 = CLARK_WORK + "url"  # v2.0/v2.1 put the work's url in the work namespace
PUBLICATION_DATE = CLARK_COMMON + "publication-date"
YEAR = CLARK_COMMON + "year"
MONTH = CLARK_COMMON + "month"
DAY = CLARK_COMMON + "day"
TITLE = CLARK_COMMON + "title"
SUBTITLE = CLARK_COMMON + "subtitle"
TRANSLATED_TITLE = CLARK_COMMON + "translated-title"
LANGUAGE_CODE = CLARK_COMMON + "language-code"
COUNTRY = CLARK_COMMON + "country"
CONTRIBUTOR_ORCID = CLARK_COMMON + "contributor-orcid"

WORK = CLARK_WORK + "work"
WORK_SUMMARY = CLARK_WORK + "work-summary"
WORK_TITLE = CLARK_WORK + "title"
WORK_TYPE = CLARK_WORK + "type"
JOURNAL_TITLE = CLARK_WORK + "journal-title"
SHORT_DESCRIPTION = CLARK_WORK + "short-description"
CITATION = CLARK_WORK + "citation"
CITATION_TYPE = CLARK_WORK + "citation-type"
CITATION_VALUE = CLARK_WORK + "citation-value"
CONTRIBUTORS = CLARK_WORK + "contributors"
CONTRIBUTOR = CLARK_WORK + "contributor"
CREDIT_NAME = CLARK_WORK + "credit-name"
CONTRIBUTOR_EMAIL = CLARK_WORK + "contributor-email"
CONTRIBUTOR_ATTRIBUTES = CLARK_WORK + "contributor-attributes"
CONTRIBUTOR_SEQUENCE = CLARK_WORK + "contributor-sequence"
CONTRIBUTOR_ROLE = CLARK_WORK + "contributor-role"

WORKS = CLARK_ACTIVITIES + "works"
GROUP = CLARK_ACTIVITIES + "group"
BULK = CLARK_BULK + "bulk"
ERROR = CLARK_ERROR + "error"

#: Root element → the kind of message it is.
ROOT_KINDS = {
    WORKS: "works",
    WORK: "work",
    WORK_SUMMARY: "work-summary",
    BULK: "bulk",
    ERROR: "error",
}
ROOT_NAMES = {
    "works": "activities:works",
    "work": "work:work",
    "work-summary": "work:work-summary",
    "bulk": "bulk:bulk",
    "error": "error:error",
}

NSMAP = {"common": NS_COMMON, "work": NS_WORK}
