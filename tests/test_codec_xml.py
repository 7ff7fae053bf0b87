"""The XML codec: what it reads from ORCID, what it writes, and how it refuses what is not ORCID's."""

from __future__ import annotations

import pytest
from lxml import etree

from claimdesk.errors import MessageError
from claimdesk.orcid import xml
from claimdesk.orcid.model import (
    Bulk,
    Citation,
    Contributor,
    ErrorBody,
    ExternalId,
    PublicationDate,
    Source,
    TranslatedTitle,
    Work,
    WorkGroup,
    WorksSummary,
    WorkSummary,
)

WORK = Work(
    put_code=None,
    title="Cool DOI's",
    type="journal-article",
    external_ids=(
        ExternalId("doi", "10.5438/H5XP-X178", "self", "https://doi.org/10.5438/h5xp-x178"),
        ExternalId("issn", "1234-5678", "part-of"),
    ),
    publication_date=PublicationDate(2016, 12, 15),
    journal_title="DataCite Blog",
    subtitle="A subtitle",
    translated_title=TranslatedTitle("Coole DOIs", "de"),
    short_description="About cool URIs.",
    citation=Citation("bibtex", "@misc{x}"),
    url="https://blog.datacite.org/cool-dois",
    language_code="en",
    country="DE",
    contributors=(
        Contributor("Martin Fenner", "0000-0003-1419-2405", None, "author", "first"),
        Contributor("Jane Doe", None, "jane@example.org", None, "additional"),
    ),
)
SERVER_WORK = Work(
    **{
        **{f: getattr(WORK, f) for f in WORK.__dataclass_fields__},
        "put_code": 1234,
        "source": Source(
            client_id="APP-CLAIMDESKDEMO001",
            name="claimdesk",
            assertion_origin_orcid="0000-0002-1825-0097",
            assertion_origin_name="Josiah Carberry",
        ),
        "created": "2020-01-02T03:04:05.678Z",
        "modified": "2020-01-03T03:04:05.678Z",
        "visibility": "public",
        "path": "/0000-0002-1825-0097/work/1234",
    }
)

PRETTY_WORK = b"""<?xml version="1.0" encoding="UTF-8"?>
<work:work xmlns:common="http://www.orcid.org/ns/common" xmlns:work="http://www.orcid.org/ns/work"
    put-code=" 77 " visibility="public">
  <common:created-date>
     2020-01-02T03:04:05.678Z
  </common:created-date>
  <work:title><common:title>
      Spaced   out
  </common:title><common:subtitle>  </common:subtitle></work:title>
  <work:journal-title />
  <work:type>  book  </work:type>
  <common:publication-date><common:year> 2019 </common:year><common:month>
  03</common:month></common:publication-date>
  <common:external-ids><common:external-id>
    <common:external-id-type> doi </common:external-id-type>
    <common:external-id-value>
      10.1/ABC
    </common:external-id-value>
    <common:external-id-relationship>self
    </common:external-id-relationship>
  </common:external-id></common:external-ids>
</work:work>
"""


def test_reads_whitespace_around_values_and_empty_fields_as_absent():
    work = xml.parse_work(PRETTY_WORK)
    assert work.put_code == 77
    assert work.title == "Spaced   out"
    assert work.subtitle is None
    assert work.journal_title is None
    assert work.type == "book"
    assert work.created == "2020-01-02T03:04:05.678Z"
    assert work.publication_date == PublicationDate(2019, 3, None)
    assert work.external_ids == (ExternalId("doi", "10.1/ABC", "self"),)
    assert work.external_ids[0].key == ("doi", "10.1/abc")


def test_write_message_has_no_server_fields_and_validates(xsd):
    body = xml.serialize_work(SERVER_WORK)
    root = etree.fromstring(body)
    xsd["work"].assertValid(root)
    assert root.get("put-code") == "1234"  # an update carries its put-code
    assert root.get("visibility") is None
    assert root.find(f"{{{xml.NS_COMMON}}}source") is None
    assert root.find(f"{{{xml.NS_COMMON}}}created-date") is None


def test_new_work_is_sent_without_put_code(xsd):
    body = xml.serialize_work(WORK)
    xsd["work"].assertValid(etree.fromstring(body))
    assert b"put-code" not in body
    assert xml.parse_work(body) == WORK


def test_full_work_round_trips_with_source_and_normalised_ids(xsd):
    body = xml.serialize_work(SERVER_WORK, full=True)
    xsd["work"].assertValid(etree.fromstring(body))
    back = xml.parse_work(body)
    assert back.source == SERVER_WORK.source
    assert back.external_ids[0].normalized == "10.5438/h5xp-x178"
    expected_ids = tuple(e.with_normalized() for e in SERVER_WORK.external_ids)
    assert back == Work(**{**_fields(SERVER_WORK), "external_ids": expected_ids})


def _fields(work: Work) -> dict[str, object]:
    return {f: getattr(work, f) for f in work.__dataclass_fields__}


def test_bulk_of_works_and_errors_keeps_order(xsd):
    err = ErrorBody(status=409, error_code=9021, developer_message="duplicate", more_info=None)
    body = xml.serialize_bulk([SERVER_WORK, err, WORK], full=True)
    xsd["bulk"].assertValid(etree.fromstring(body))
    items = xml.parse_bulk(body).items
    assert [type(i) for i in items] == [Work, ErrorBody, Work]
    assert items[1] == err


def test_bulk_of_more_than_100_works_is_refused():
    xml.serialize_bulk([WORK] * 100)
    with pytest.raises(ValueError, match="100"):
        xml.serialize_bulk([WORK] * 101)


def test_empty_bulk_is_valid(xsd):
    body = xml.serialize_bulk([])
    xsd["bulk"].assertValid(etree.fromstring(body))
    assert xml.parse_bulk(body) == Bulk(())


def test_works_summary_round_trips_and_validates(xsd):
    summary = SERVER_WORK.summary(display_index=2)
    other = WorkSummary(
        put_code=99,
        title="Other",
        type="book",
        display_index=0,
        external_ids=(ExternalId("doi", "10.5438/h5xp-x178", "self"),),
        source=Source(orcid="0000-0002-1825-0097", name="Josiah Carberry"),
    )
    group = WorkGroup(
        (ExternalId("doi", "10.5438/h5xp-x178", "self"),), (summary, other), "2021-01-01T00:00:00Z"
    )
    works = WorksSummary((group,), "2021-01-01T00:00:00Z", "/0000-0002-1825-0097/works")
    body = xml.serialize_works(works)
    xsd["activities"].assertValid(etree.fromstring(body))
    back = xml.parse_works(body)
    assert back.path == works.path
    assert [s.put_code for s in back.summaries()] == [1234, 99]
    assert back.groups[0].preferred.put_code == 1234
    assert back.groups[0].summaries[0].display_index == 2
    assert back.groups[0].summaries[0].source == summary.source
    assert back.groups[0].external_ids[0].normalized == "10.5438/h5xp-x178"


def test_work_summary_round_trips():
    summary = SERVER_WORK.summary(display_index=1)
    back = xml.parse_work_summary(xml.serialize_work_summary(summary))
    assert back.title == summary.title
    assert back.display_index == 1
    assert back.put_code == 1234


def test_error_round_trips_and_validates(xsd):
    err = ErrorBody(
        status=409,
        error_code=9021,
        user_message="Already added.",
        developer_message="409 Conflict: put-code 1234",
        more_info="https://orcid.org/help",
    )
    body = xml.serialize_error(err)
    xsd["error"].assertValid(etree.fromstring(body))
    assert xml.parse_error(body) == err


def test_default_namespace_error_body_is_read(shared):
    err = xml.parse_error((shared / "fixtures/orcid/error-403-9038-delete-work.xml").read_bytes())
    assert (err.status, err.error_code) == (403, 9038)


def test_v2_work_url_in_work_namespace_is_read(shared):
    work = xml.parse_work(
        (shared / "orcid-model/record_2.0/samples/read_samples/work-full-2.0.xml").read_bytes()
    )
    assert work.url == "http://tempuri.org"
    assert work.contributors[0].orcid == "8888-8888-8888-8880"


@pytest.mark.parametrize(
    "body,expected",
    [
        (b"", "empty body"),
        (b"  \n ", "empty body"),
        (
            b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
            "HTML page titled '502 Bad Gateway'",
        ),
        (b"<html><body>Sorry</body></html>", "HTML page"),
        (
            b'<?xml version="1.0"?>\n<work:work xmlns:work="http://www.orcid.org/ns/work">\n<work:ti',
            "truncated XML (line 3",
        ),
        (b"<a><b></a>", "malformed XML"),
        (
            b'<feed xmlns="http://www.w3.org/2005/Atom"/>',
            "root is {http://www.w3.org/2005/Atom}feed",
        ),
        (b'<record:record xmlns:record="http://www.orcid.org/ns/record"/>', "ORCID record:record"),
    ],
)
def test_non_orcid_bodies_raise_message_error_naming_what_came(body, expected):
    with pytest.raises(MessageError) as caught:
        xml.parse(body)
    assert expected in str(caught.value)


def test_wrong_kind_names_both_roots():
    with pytest.raises(MessageError, match="expected activities:works, got work:work"):
        xml.parse_works(xml.serialize_work(WORK))


def test_entities_are_not_expanded_and_nothing_is_fetched():
    body = b"""<?xml version="1.0"?>
<!DOCTYPE work [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<work:work xmlns:work="http://www.orcid.org/ns/work" xmlns:common="http://www.orcid.org/ns/common">
<work:title><common:title>&secret;</common:title></work:title><work:type>book</work:type>
</work:work>"""
    work = xml.parse_work(body)
    assert "root:" not in (work.title or "")
