"""Random works survive a trip through XML and JSON, and their XML stays XSD-valid."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from claimdesk.orcid import json as json_codec
from claimdesk.orcid import xml
from claimdesk.orcid.ids import orcid_checksum
from claimdesk.orcid.model import (
    CITATION_TYPES,
    CONTRIBUTOR_ROLES,
    RELATIONSHIPS,
    VISIBILITIES,
    WORK_TYPES,
    Citation,
    Contributor,
    ExternalId,
    PublicationDate,
    Source,
    TranslatedTitle,
    Work,
)

PROPERTY_SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# XML 1.0 cannot carry control characters, surrogates or non-characters; ORCID strips leaf
# whitespace, so values are generated already stripped.
_chars = st.characters(blacklist_categories=("Cc", "Cs", "Cn"))


def _text(max_size: int = 40) -> st.SearchStrategy[str]:
    return st.text(_chars, min_size=1, max_size=max_size).map(str.strip).filter(bool)


_optional_text = st.none() | _text()
_url = st.from_regex(r"https://example\.org/[a-z0-9]{0,12}", fullmatch=True)


@st.composite
def _orcid(draw: st.DrawFn) -> str:
    base = draw(st.from_regex(r"[0-9]{15}", fullmatch=True))
    digits = base + orcid_checksum(base)
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


_client_id = st.from_regex(r"APP-[0-9A-Z]{16}", fullmatch=True)

_external_id = st.builds(
    ExternalId,
    type=st.sampled_from(["doi", "isbn", "issn", "pmid", "uri", "other-id", "handle"]),
    value=_text(),
    relationship=st.sampled_from(RELATIONSHIPS),
    url=st.none() | _url,
    normalized=st.none(),
)


@st.composite
def _date(draw: st.DrawFn) -> PublicationDate:
    year = draw(st.integers(1900, 2100))
    month = draw(st.none() | st.integers(1, 12))
    day = draw(st.none() | st.integers(1, 28)) if month else None
    return PublicationDate(year, month, day)


_contributor = st.builds(
    Contributor,
    credit_name=st.none() | _text(150),
    orcid=st.none() | _orcid(),
    email=st.none() | st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.org", fullmatch=True),
    role=st.none() | st.sampled_from(CONTRIBUTOR_ROLES),
    sequence=st.none() | st.sampled_from(["first", "additional"]),
)

works = st.builds(
    Work,
    put_code=st.none() | st.integers(1, 10**9),
    title=_text(200),
    type=st.sampled_from(WORK_TYPES),
    external_ids=st.lists(_external_id, max_size=4).map(tuple),
    publication_date=st.none() | _date(),
    journal_title=_optional_text,
    url=st.none() | _url,
    subtitle=_optional_text,
    translated_title=st.none()
    | st.builds(TranslatedTitle, value=_text(), language_code=st.sampled_from(["en", "de", "ja"])),
    short_description=st.none() | _text(500),
    citation=st.none()
    | st.builds(Citation, type=st.sampled_from(CITATION_TYPES), value=_text(200)),
    language_code=st.none() | st.sampled_from(["en", "fr", "zh_CN"]),
    country=st.none() | st.sampled_from(["DE", "US", "NZ"]),
    contributors=st.lists(_contributor, max_size=3).map(tuple),
)


def _timestamp(moment: datetime) -> str:
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{moment.microsecond // 1000:03d}Z"


_timestamps = st.datetimes(datetime(2000, 1, 1), datetime(2030, 1, 1), timezones=st.just(UTC)).map(
    _timestamp
)


@st.composite
def _source(draw: st.DrawFn) -> Source:
    by_client = draw(st.booleans())
    origin = draw(st.sampled_from(["none", "orcid", "client"]))
    return Source(
        client_id=draw(_client_id) if by_client else None,
        orcid=None if by_client else draw(_orcid()),
        name=draw(_optional_text),
        assertion_origin_orcid=draw(_orcid()) if origin == "orcid" else None,
        assertion_origin_client_id=draw(_client_id) if origin == "client" else None,
        assertion_origin_name=draw(_optional_text) if origin != "none" else None,
    )


@st.composite
def server_works(draw: st.DrawFn) -> Work:
    """A work as ORCID returns it: put-code, source, dates, visibility, path."""
    work = draw(works)
    put_code = draw(st.integers(1, 10**9))
    return dataclasses.replace(
        work,
        put_code=put_code,
        source=draw(_source()),
        created=draw(_timestamps),
        modified=draw(_timestamps),
        visibility=draw(st.sampled_from(VISIBILITIES)),
        path=f"/0000-0002-1825-0097/work/{put_code}",
    )


def _with_server_normalised_ids(work: Work) -> Work:
    ids = tuple(dataclasses.replace(e, normalized=e.key[1] or None) for e in work.external_ids)
    return dataclasses.replace(work, external_ids=ids)


@PROPERTY_SETTINGS
@given(work=works)
def test_random_work_round_trips_through_valid_xml(work, xsd):
    body = xml.serialize_work(work)
    xsd["work"].assertValid(etree.fromstring(body))
    assert xml.parse_work(body) == work


@PROPERTY_SETTINGS
@given(work=works)
def test_random_work_round_trips_through_json(work):
    assert json_codec.parse_work(json_codec.serialize_work(work)) == work


@PROPERTY_SETTINGS
@given(work=server_works())
def test_random_server_work_round_trips_in_both_formats(work, xsd):
    body = xml.serialize_work(work, full=True)
    xsd["work"].assertValid(etree.fromstring(body))
    expected = _with_server_normalised_ids(work)
    assert xml.parse_work(body) == expected
    assert json_codec.parse_work(json_codec.serialize_work(work, full=True)) == expected


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(items=st.lists(works, max_size=5))
def test_random_bulk_round_trips_through_valid_xml(items, xsd):
    body = xml.serialize_bulk(items)
    xsd["bulk"].assertValid(etree.fromstring(body))
    assert list(xml.parse_bulk(body).items) == items
