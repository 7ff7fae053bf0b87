"""Every ORCID sample that is works, a work, a bulk or an error parses, and write samples
serialise to XSD-valid XML that reads back as the same work."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from lxml import etree

from claimdesk.errors import MessageError
from claimdesk.orcid import codec, xml
from claimdesk.orcid import json as json_codec
from claimdesk.orcid.model import Bulk, ErrorBody, Work, WorksSummary, WorkSummary

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
MODEL = SHARED / "orcid-model"
SAMPLE_DIRS = [MODEL / f"record_{v}" / "samples" for v in ("3.0", "2.1", "2.0")]
KIND_TYPES = {
    "works": WorksSummary,
    "work": Work,
    "work-summary": WorkSummary,
    "bulk": Bulk,
    "error": ErrorBody,
}


def _sample_kind(path: Path) -> str | None:
    """The message kind of a sample, judged by its XML root or JSON keys (None: not ours)."""
    body = path.read_bytes()
    if path.suffix == ".xml":
        return xml.ROOT_KINDS.get(etree.parse(str(path)).getroot().tag)
    try:
        return json_codec.kind_of(json_codec.load(body))
    except MessageError:
        return None


def _samples() -> list[tuple[Path, str]]:
    found = []
    for folder in SAMPLE_DIRS:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".xml", ".json"):
                kind = _sample_kind(path)
                if kind is not None:
                    found.append((path, kind))
    return found


SAMPLES = _samples()
WRITE_SAMPLES = [
    p
    for p, kind in SAMPLES
    if "record_3.0" in str(p) and "write_samples" in str(p) and kind in ("work", "bulk")
]


def _id(path: Path) -> str:
    return str(path.relative_to(MODEL))


def _as_written(work: Work) -> Work:
    """What a write message carries: no server-side fields (source, dates, visibility, path)."""
    return dataclasses.replace(
        work, source=None, created=None, modified=None, visibility=None, path=None
    )


def test_samples_cover_every_kind_and_format():
    kinds = {(kind, p.suffix) for p, kind in SAMPLES}
    for expected in [
        ("works", ".xml"),
        ("work", ".xml"),
        ("bulk", ".xml"),
        ("error", ".xml"),
        ("work", ".json"),
        ("bulk", ".json"),
    ]:
        assert expected in kinds
    assert len(WRITE_SAMPLES) >= 8


@pytest.mark.parametrize("path,kind", SAMPLES, ids=[_id(p) for p, _ in SAMPLES])
def test_sample_parses_to_its_kind(path, kind):
    message = codec.decode(path.read_bytes())
    assert isinstance(message, KIND_TYPES[kind])
    if isinstance(message, Work):
        assert message.title and message.type
    if isinstance(message, Bulk):
        assert message.items
    if isinstance(message, WorksSummary):
        assert message.work_count >= 1


@pytest.mark.parametrize("path", WRITE_SAMPLES, ids=[_id(p) for p in WRITE_SAMPLES])
def test_write_sample_serialises_to_valid_xml_that_reads_back_equal(path, xsd):
    message = codec.decode(path.read_bytes())
    if isinstance(message, Work):
        body = xml.serialize_work(message)
        xsd["work"].assertValid(etree.fromstring(body))
        assert xml.parse_work(body) == _as_written(message)
    else:
        assert isinstance(message, Bulk)
        works = [w for w in message.items if isinstance(w, Work)][:100]
        body = xml.serialize_bulk(works)
        xsd["bulk"].assertValid(etree.fromstring(body))
        assert list(xml.parse_bulk(body).items) == [_as_written(w) for w in works]


def test_works_sample_keeps_groups_display_index_and_sources(shared):
    works = xml.parse_works(
        (shared / "orcid-model/record_3.0/samples/read_samples/works-3.0.xml").read_bytes()
    )
    assert works.path == "/8888-8888-8888-8880/works"
    assert [s.put_code for s in works.summaries()] == [3356, 3357, 3358]
    first = works.groups[0].summaries[0]
    assert first.created == "2017-01-18T15:03:56.680-06:00"  # pretty-print newline stripped
    assert first.source is not None and first.source.orcid == "8888-8888-8888-8880"
    assert first.display_index == 1
    assert first.url == "http://tempuri.org"
    assert works.groups[0].external_ids == ()
    assert works.groups[2].summaries[0].journal_title == "some journal title"


def test_json_works_fixture_converts_epoch_millis_and_string_display_index(shared):
    works = json_codec.parse_works(
        (shared / "fixtures/orcid/v3.0-works-sandbox-0000-0001-6528-2027.json").read_bytes()
    )
    first = works.groups[0].summaries[0]
    assert first.put_code == 923223
    assert first.created == "2018-04-12T20:49:08.924Z"
    assert first.display_index == 0
    assert first.source is not None and first.source.client_id == "APP-127VAQ5PMV9OKM9F"
    assert first.external_ids[0].normalized == "10.5256/f1000research.67475.r16884"


def test_record_json_is_named_a_record_not_works(shared):
    body = shared / "orcid-model/record_3.0/samples/read_samples/record-full-3.0.json"
    with pytest.raises(MessageError, match="record"):
        codec.decode(body.read_bytes())


def test_bulk_sample_keeps_work_and_error_in_order(shared):
    bulk = xml.parse_bulk(
        (shared / "orcid-model/record_3.0/samples/read_samples/bulk-work-err.xml").read_bytes()
    )
    assert [type(i) for i in bulk.items] == [Work, ErrorBody]
    error = bulk.items[1]
    assert isinstance(error, ErrorBody)
    assert (error.status, error.error_code) == (400, 9037)
    assert error.user_message == "Please specify a work type."
