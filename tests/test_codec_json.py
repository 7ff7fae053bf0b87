"""The JSON codec: ORCID's v3.0 JSON (epoch-ms dates, wrapped values) and OAuth-style errors."""

from __future__ import annotations

import json

import pytest

from claimdesk.errors import MessageError
from claimdesk.orcid import codec
from claimdesk.orcid import json as json_codec
from claimdesk.orcid.model import (
    Bulk,
    ErrorBody,
    ExternalId,
    PublicationDate,
    Source,
    Work,
    WorkGroup,
    WorksSummary,
    WorkSummary,
)


def test_epoch_millis_become_orcid_iso_timestamps():
    assert json_codec.millis_to_iso(1559917017189) == "2019-06-07T14:16:57.189Z"
    assert json_codec.millis_to_iso(0) == "1970-01-01T00:00:00.000Z"
    assert json_codec.iso_to_millis("2019-06-07T14:16:57.189Z") == 1559917017189
    assert json_codec.iso_to_millis("2019-06-07T08:16:57.189-06:00") == 1559917017189


def test_record_json_works_section_reads_assertion_origin_and_normalised_ids(shared):
    record = json.loads(
        (shared / "orcid-model/record_3.0/samples/read_samples/record-full-3.0.json").read_bytes()
    )
    works = json_codec.parse_works(json.dumps(record["activities-summary"]["works"]).encode())
    summary = works.groups[0].summaries[0]
    assert summary.put_code == 178602
    assert summary.created == "2019-06-07T14:16:57.189Z"
    assert summary.display_index == 0
    assert summary.source == Source(
        client_id="APP-OQYKBIN9CXD9U3SH",
        name="Demo Org Sandbox",
        assertion_origin_orcid="0000-0002-7319-2192",
        assertion_origin_name="Three releasecandidate1",
    )
    assert summary.external_ids[0].normalized == "10.1087/20120404"
    assert summary.external_ids[1].normalized is None  # ORCID failed to normalise "work:doi"
    assert summary.publication_date == PublicationDate(2012, 10, 1)
    assert works.path == "/0000-0002-7319-2192/works"


def test_oauth_error_is_an_error_body_with_error_and_description(shared):
    err = codec.decode(
        (shared / "fixtures/orcid/error-401-invalid-token.json").read_bytes(), "application/json"
    )
    assert err == ErrorBody(
        error="invalid_token",
        error_description="Invalid access token: TEST_SEARCH_AND_LINK_TOKEN",
    )
    assert json_codec.parse_error(json_codec.serialize_error(err)) == err


def test_orcid_json_error_reads_numbers():
    body = b'{"response-code":409,"developer-message":"dup","user-message":"u","error-code":9021,"more-info":"https://x"}'
    assert json_codec.parse_error(body) == ErrorBody(409, 9021, "u", "dup", "https://x")


def test_work_full_sample_round_trips(shared):
    body = (shared / "orcid-model/record_3.0/samples/write_samples/work-full-3.0.json").read_bytes()
    work = json_codec.parse_work(body)
    assert work.contributors[1].orcid == "0000-0002-4325-871X"
    assert work.contributors[0].email == "example@example.com"
    assert work.translated_title is not None and work.translated_title.language_code == "en"
    assert work.country == "CA"
    assert json_codec.parse_work(json_codec.serialize_work(work)) == work


def test_full_work_round_trips_with_dates_and_source():
    work = Work(
        put_code=5,
        title="T",
        type="book",
        external_ids=(ExternalId("doi", "10.1/x", "self", normalized="10.1/x"),),
        source=Source(client_id="APP-1", name="app"),
        created="2020-01-02T03:04:05.678Z",
        modified="2020-01-02T03:04:05.679Z",
        visibility="limited",
        path="/0000-0002-1825-0097/work/5",
    )
    assert json_codec.parse_work(json_codec.serialize_work(work, full=True)) == work


def test_works_summary_and_bulk_round_trip():
    summary = WorkSummary(
        put_code=7,
        title="T",
        type="book",
        display_index=3,
        external_ids=(ExternalId("doi", "10.1/X", "self", normalized="10.1/x"),),
        source=Source(orcid="0000-0002-1825-0097", name="J"),
        created="2020-01-02T03:04:05.678Z",
        modified="2020-01-02T03:04:05.678Z",
        visibility="public",
        path="/0000-0002-1825-0097/work/7",
    )
    group = WorkGroup(summary.external_ids, (summary,), "2020-01-02T03:04:05.678Z")
    works = WorksSummary((group,), "2020-01-02T03:04:05.678Z", "/0000-0002-1825-0097/works")
    raw = json.loads(json_codec.serialize_works(works))
    assert raw["group"][0]["work-summary"][0]["display-index"] == "3"
    assert raw["group"][0]["work-summary"][0]["put-code"] == 7
    assert raw["last-modified-date"] == {"value": 1577934245678}
    assert json_codec.parse_works(json_codec.serialize_works(works)) == works
    assert json_codec.parse_work_summary(json_codec.serialize_work_summary(summary)) == summary
    err = ErrorBody(status=400, error_code=9037, developer_message="bad type")
    bulk = Bulk((Work(title="A", type="book"), err))
    assert json_codec.parse_bulk(json_codec.serialize_bulk(bulk.items)) == bulk
    with pytest.raises(ValueError):
        json_codec.serialize_bulk([Work(title="A", type="book")] * 101)


@pytest.mark.parametrize(
    "body,expected",
    [
        (b"", "empty body"),
        (b'{"group": [', "truncated JSON"),
        (
            b'{"errors":[{"status":"404","title":"not found"}]}',
            "not an ORCID message (keys: errors)",
        ),
        (b"[1, 2]", "not an ORCID message (a list)"),
        (b'{"activities-summary": {}}', "an ORCID record"),
    ],
)
def test_non_orcid_json_raises_message_error(body, expected):
    with pytest.raises(MessageError) as caught:
        json_codec.parse(body)
    assert expected in str(caught.value)


def test_codec_sniffs_body_whatever_the_content_type_says():
    html = b"<html><head><title>503 Service Unavailable</title></head></html>"
    with pytest.raises(MessageError, match="HTML page titled '503 Service Unavailable'"):
        codec.decode(html, codec.JSON)
    assert isinstance(codec.decode(b'{"error":"invalid_token"}', codec.XML), ErrorBody)
    with pytest.raises(MessageError, match="neither XML nor JSON"):
        codec.decode(b"Service Unavailable", "text/plain")
