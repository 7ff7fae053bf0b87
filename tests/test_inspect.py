"""``claimdesk inspect FILE``: the support tool prints what ORCID sent as normalised JSON."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from claimdesk import cli
from claimdesk.orcid import json as json_codec

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
READ_SAMPLES = SHARED / "orcid-model/record_3.0/samples/read_samples"
ORCID_FIXTURES = SHARED / "fixtures/orcid"
INSPECTABLE = [
    READ_SAMPLES / name
    for name in (
        "works-3.0.xml",
        "work-3.0.xml",
        "work-full-3.0.xml",
        "work-review-3.0.xml",
        "bulk-work-err.xml",
        "error-3.0.xml",
    )
] + sorted(ORCID_FIXTURES.iterdir())
V2_SAMPLES = [
    SHARED / f"orcid-model/record_{v}/samples/read_samples/{name}-{v}.xml"
    for v in ("2.0", "2.1")
    for name in ("works", "work-full", "error")
]


def _inspect(path: Path, capsys) -> dict:
    assert cli.main(["inspect", str(path)]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("path", INSPECTABLE + V2_SAMPLES, ids=lambda p: p.name)
def test_inspect_handles_every_orcid_sample_and_fixture(path, capsys):
    out = _inspect(path, capsys)
    assert out["kind"] in ("works", "work", "bulk", "error")


def test_inspect_works_prints_design_schema(capsys):
    out = _inspect(READ_SAMPLES / "works-3.0.xml", capsys)
    assert list(out) == ["kind", "groups"]
    group = out["groups"][1]
    assert group["external_ids"] == [
        {"type": "arxiv", "value": "123456", "normalized": "123456", "relationship": "self"}
    ]
    work = group["works"][0]
    assert list(work) == [
        "put_code",
        "title",
        "type",
        "publication_year",
        "display_index",
        "preferred",
        "source",
        "assertion_origin",
        "external_ids",
        "created",
        "modified",
        "visibility",
    ]
    assert work["put_code"] == 3357
    assert work["publication_year"] == 2017
    assert work["preferred"] is True
    assert work["source"] == {
        "kind": "orcid",
        "id": "8888-8888-8888-8880",
        "name": "User One Credit name",
    }
    assert work["assertion_origin"] is None
    assert work["created"] == "2017-01-18T15:03:56.680-06:00"


def test_inspect_json_works_marks_preferred_and_assertion_origin(tmp_path, capsys):
    record = json.loads((READ_SAMPLES / "record-full-3.0.json").read_bytes())
    works = record["activities-summary"]["works"]
    first = works["group"][0]["work-summary"][0]
    second = {**first, "put-code": 2, "display-index": "5"}
    works["group"][0]["work-summary"].append(second)
    path = tmp_path / "works.json"
    path.write_text(json.dumps(works))
    out = _inspect(path, capsys)
    versions = out["groups"][0]["works"]
    assert [(v["put_code"], v["preferred"]) for v in versions] == [(178602, False), (2, True)]
    assert versions[0]["source"] == {
        "kind": "client",
        "id": "APP-OQYKBIN9CXD9U3SH",
        "name": "Demo Org Sandbox",
    }
    assert versions[0]["assertion_origin"] == {
        "kind": "orcid",
        "id": "0000-0002-7319-2192",
        "name": "Three releasecandidate1",
    }
    assert versions[0]["created"] == "2019-06-07T14:16:57.189Z"
    assert versions[0]["external_ids"][0]["normalized"] == "10.1087/20120404"


def test_inspect_bulk_keeps_slots_in_order(capsys):
    out = _inspect(READ_SAMPLES / "bulk-work-err.xml", capsys)
    assert [i["kind"] for i in out["items"]] == ["work", "error"]
    assert out["items"][0]["put_code"] == 156043
    assert out["items"][1]["error_code"] == 9037


def test_inspect_error_and_oauth_error(capsys):
    out = _inspect(ORCID_FIXTURES / "error-403-9038-delete-work.xml", capsys)
    assert out == {
        "kind": "error",
        "status": 403,
        "error_code": 9038,
        "user_message": "You don't have the permissions to execute this action.",
        "developer_message": "409 Conflict: The item has a limited or private visibility and "
        "your request doesn't have the required scope.",
        "more_info": "https://members.orcid.org/api/resources/troubleshooting",
    }
    out = _inspect(ORCID_FIXTURES / "error-401-invalid-token.json", capsys)
    assert out["error"] == "invalid_token"
    assert out["error_description"].startswith("Invalid access token")


def test_inspect_full_work_lists_details(capsys):
    out = _inspect(READ_SAMPLES / "work-full-3.0.xml", capsys)
    assert out["kind"] == "work"
    assert out["subtitle"] == "common:subtitle"
    assert out["translated_title"] == {"value": "common:translated-title", "language_code": "en"}
    assert out["publication_date"] == "1948-02-02"
    assert out["citation"] == {"type": "formatted-unspecified", "value": "work:citation"}
    assert out["contributors"][0]["orcid"] == "8888-8888-8888-8880"
    assert out["country"] == "AF"


def test_inspect_work_summary_json(tmp_path, capsys):
    summary = json.loads(
        (ORCID_FIXTURES / "v3.0-works-sandbox-0000-0001-6528-2027.json").read_bytes()
    )
    path = tmp_path / "summary.json"
    path.write_text(json.dumps(summary["group"][0]["work-summary"][0]))
    out = _inspect(path, capsys)
    assert out["kind"] == "work"
    assert out["display_index"] == 0
    assert json_codec.kind_of(summary["group"][0]["work-summary"][0]) == "work-summary"


@pytest.mark.parametrize(
    "content,reason",
    [
        (
            b"<html><head><title>502 Bad Gateway</title></head></html>",
            "HTML page titled '502 Bad Gateway'",
        ),
        (
            b'<?xml version="1.0"?>\n<activities:works xmlns:activities="http://www.orcid.org/ns/activities">\n<act',
            "truncated XML",
        ),
        (b"<rss/>", "root is rss"),
        (b"", "empty body"),
        (b'{"data": []}', "not an ORCID message"),
        # binary files are named, not quoted as mojibake "text"
        (b"\x1f\x8b\x08\x08\x00\x00\x00works.xml\x00\x9b\xc3", "binary data (19 bytes)"),
        (b"\xff\xfe<\x00w\x00", "UTF-16 text"),
    ],
)
def test_inspect_non_orcid_file_exits_1_with_one_line(tmp_path, capsys, content, reason):
    path = tmp_path / "body"
    path.write_bytes(content)
    assert cli.main(["inspect", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert reason in captured.err
    assert captured.err.count("\n") == 1


def test_inspect_record_is_refused_as_a_record(capsys):
    assert cli.main(["inspect", str(READ_SAMPLES / "record-full-3.0.json")]) == 1
    assert "record" in capsys.readouterr().err


def test_inspect_missing_file_exits_1(tmp_path, capsys):
    assert cli.main(["inspect", str(tmp_path / "nope.xml")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_inspect_into_a_closed_pipe_stops_quietly(monkeypatch, capsys):
    """``claimdesk inspect works.xml | head -1``: no BrokenPipeError traceback, SIGPIPE's code."""

    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    code = cli.main(["inspect", str(READ_SAMPLES / "works-3.0.xml")])
    assert code == 141
    assert capsys.readouterr().err == ""
