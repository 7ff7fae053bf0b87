"""The fast JSON read path: ORCID's JSON form read into the model, shapes checked as it reads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from claimdesk.config import Settings
from claimdesk.errors import MessageError
from claimdesk.orcid import codec
from claimdesk.orcid import json as json_codec
from claimdesk.orcid import xml as xml_codec
from claimdesk.orcid.client import OrcidClient
from claimdesk.orcid.dropped import Dropped
from claimdesk.orcid.model import (
    ExternalId,
    PublicationDate,
    Source,
    WorkGroup,
    WorksSummary,
    WorkSummary,
)
from claimdesk.sandbox import seeds
from claimdesk.sandbox.server import Sandbox

FIXTURE = "fixtures/orcid/v3.0-works-sandbox-0000-0001-6528-2027.json"


def _record(count: int) -> WorksSummary:
    """A works section with ``count`` groups, every other one with a second version."""
    sources = (Source(client_id="APP-1", name="one"), Source(orcid="0000-0002-1825-0097"))
    groups = []
    for n in range(count):
        ids = (ExternalId("doi", f"10.1/{n}", "self", normalized=f"10.1/{n}"),)
        summaries = tuple(
            WorkSummary(
                put_code=n * 10 + v,
                title=f"Work {n}",
                type="journal-article",
                external_ids=ids,
                source=sources[v],
                publication_date=PublicationDate(2000 + n, 1 + n % 12, None),
                display_index=v,
                visibility="public",
                created="2020-01-02T03:04:05.678Z",
                modified="2021-02-03T04:05:06.789Z",
                path=f"/0000-0002-1825-0097/work/{n * 10 + v}",
            )
            for v in range(1 + n % 2)
        )
        groups.append(WorkGroup(ids, summaries, "2021-02-03T04:05:06.789Z"))
    return WorksSummary(tuple(groups), "2021-02-03T04:05:06.789Z", "/0000-0002-1825-0097/works")


def _differences(sent: Any, served: Any, where: str = "$") -> list[str]:
    """Where two JSON values differ in shape: keys and their order, JSON types; null is a joker.

    ORCID sends ``null`` for an absent field, so a null on either side matches anything.
    """
    if sent is None or served is None:
        return []
    if isinstance(sent, dict) and isinstance(served, dict):
        if list(sent) != list(served):
            return [f"{where}: keys {list(served)}, ORCID's {list(sent)}"]
        return [d for key in sent for d in _differences(sent[key], served[key], f"{where}.{key}")]
    if isinstance(sent, list) and isinstance(served, list):
        return [d for a, b in zip(sent[:1], served[:1], strict=False) for d in _differences(a, b)]
    if type(sent) is not type(served):
        return [f"{where}: {type(served).__name__}, ORCID's {type(sent).__name__}"]
    return []


def test_json_and_xml_forms_of_a_record_read_to_the_same_model() -> None:
    record = _record(40)

    from_json = json_codec.parse_works(json_codec.serialize_works(record))
    from_xml = xml_codec.parse_works(xml_codec.serialize_works(record))

    assert from_json == from_xml == record


def test_fast_path_and_general_path_agree(shared: Path) -> None:
    body = (shared / FIXTURE).read_bytes()

    fast = json_codec.parse_works(body)

    assert fast == json_codec.parse(body)
    assert fast.work_count == sum(len(g["work-summary"]) for g in json.loads(body)["group"])


def test_sandbox_serves_works_json_shaped_as_orcid_does(sandbox: Sandbox, shared: Path) -> None:
    orcid_sent = json.loads((shared / FIXTURE).read_bytes())
    token = sandbox.issue_token(seeds.DEMO_ORCID)

    answer = httpx.get(
        f"{sandbox.base_url}/v3.0/{seeds.DEMO_ORCID}/works",
        headers={"Authorization": f"Bearer {token}", "Accept": codec.JSON},
        timeout=5,
    )

    served = answer.json()
    assert answer.headers["content-type"].startswith(codec.JSON)
    # The same keys in the same order at every level, and the same JSON types: numbers for
    # put-codes and timestamps, a string for display-index, explicit nulls where ORCID has them.
    assert _differences(orcid_sent, served) == []
    assert served["group"][0]["work-summary"][0]["display-index"].isdigit()


def test_client_reads_the_record_as_json(sandbox: Sandbox) -> None:
    seen: list[httpx.Request] = []
    settings = Settings(endpoints=sandbox.endpoints, timeout=5.0)
    token = sandbox.issue_token(seeds.DEMO_ORCID)
    with (
        httpx.Client(event_hooks={"request": [seen.append]}, timeout=5.0) as http,
        OrcidClient(settings, seeds.DEMO_ORCID, token, http=http) as client,
    ):
        works = client.read_works()

    assert [r.headers["accept"] for r in seen] == [codec.JSON]
    assert works == sandbox.store.works(seeds.DEMO_ORCID)


@pytest.mark.parametrize(
    "body,where",
    [
        (b'{"group": "x"}', "at group: expected array"),
        (b'{"group": [{"work-summary": [{"put-code": [1]}]}]}', "work-summary[0].put-code"),
        (b'{"group": [{"external-ids": {"external-id": [{"external-id-value": 123}]}}]}',
         "external-id[0].external-id-value: expected str"),
        (b'{"group": [], "last-modified-date": {"value": 1' + b"0" * 5000 + b"}}",
         "last-modified-date.value: integer value out of range"),
    ],
)  # fmt: skip
def test_a_wrong_field_is_named(body: bytes, where: str) -> None:
    for read in (json_codec.parse_works, json_codec.parse):
        with pytest.raises(MessageError, match="wrong field") as caught:
            read(body)
        assert where in caught.value.message


@pytest.mark.parametrize(
    "body,words",
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"group": [1', "truncated JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b'{"bulk": []}', "expected an ORCID works message, got bulk"),
    ],
)
def test_what_is_not_a_works_section_is_said_in_words(body: bytes, words: str) -> None:
    with pytest.raises(MessageError, match=words):
        json_codec.parse_works(body)


def test_unusable_values_are_left_out_and_counted_once() -> None:
    body = json.dumps(
        {
            "group": [
                {
                    "work-summary": [
                        {
                            "put-code": "n/a",
                            "title": {"title": {"value": "T"}},
                            "type": "book",
                            "publication-date": {"year": {"value": f"year {n}"}},
                            "external-ids": {"external-id": [{"external-id-value": "10.1/x"}]},
                        }
                    ]
                }
                for n in range(3)
            ]
        }
    ).encode()
    dropped = Dropped()

    works = json_codec.parse_works(body, dropped)

    assert [s.put_code for s in works.summaries()] == [None, None, None]
    assert all(s.publication_date is None and not s.external_ids for s in works.summaries())
    summary = dropped.summary() or ""
    assert "put-code that is not a number (3, e.g. 'n/a')" in summary
    assert "publication year that is not a number (3, e.g. 'year 0')" in summary
    assert "external id without a type" in summary


def test_a_byte_order_mark_is_skipped() -> None:
    assert json_codec.parse_works(b'\xef\xbb\xbf{"group": []}') == WorksSummary()


def test_offline_cache_keeps_json_and_still_reads_an_older_xml_copy(tmp_path: Path) -> None:
    from claimdesk.workflows.cache import WorksCache

    record = _record(5)
    cache = WorksCache(tmp_path)
    old = cache.path_for("demo", "0000-0002-1825-0097").with_suffix(".xml")
    old.write_bytes(xml_codec.serialize_works(record))

    from_xml = cache.load("demo", "0000-0002-1825-0097")
    cache.save("demo", "0000-0002-1825-0097", record)

    assert from_xml is not None and from_xml.works == record
    assert not old.exists()
    assert cache.path_for("demo", "0000-0002-1825-0097").read_bytes().startswith(b"{")
    again = cache.load("demo", "0000-0002-1825-0097")
    assert again is not None and again.works == record
