"""ORCID's work schema, enforced twice: claimdesk never sends a work it refuses, and the sandbox
refuses such a body with ORCID's 400 as ORCID does (issue 10, item 5).

The sandbox runs in both of its modes: with ORCID's own XSDs (``../shared/orcid-model``, the
validator's message is libxml2's) and with the built-in rules the app ships; both must refuse
the same bodies.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from conftest import ORCID_MODEL

from claimdesk.config import Settings
from claimdesk.errors import ConfigError
from claimdesk.orcid import json as ojson
from claimdesk.orcid import xml as oxml
from claimdesk.orcid.client import OrcidClient
from claimdesk.orcid.model import Contributor, ErrorBody, ExternalId, PublicationDate, Work
from claimdesk.orcid.validate import InvalidWorkError, schema_problems, work_problems
from claimdesk.sandbox.schema import BodySchema
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_ORCID
from claimdesk.sandbox.server import Sandbox

XML = "application/vnd.orcid+xml"
JSON = "application/vnd.orcid+json"
IDS = "0000-0002-1825-0097"  # Josiah Carberry's iD, a valid checksum


def work(n: int = 1, **kw: object) -> Work:
    doi = f"10.9999/schema-test.{n}"
    fields: dict[str, object] = {
        "title": f"Schema test work {n}",
        "type": "journal-article",
        "external_ids": (ExternalId("doi", doi, "self"),),
        "publication_date": PublicationDate(2021, 3, 4),
        "contributors": (Contributor(credit_name="Josiah Carberry", orcid=IDS, sequence="first"),),
    }
    fields.update(kw)
    return Work(**fields)  # type: ignore[arg-type]


# Valid bodies, made invalid the way a person or a converter gets them wrong (text, as sent).
BAD_XML = {
    "contributor iD as a URL": (f"<common:path>{IDS}<", f"<common:path>https://orcid.org/{IDS}<"),
    "contributor iD with a lower-case x": (
        f"<common:path>{IDS}<",
        "<common:path>0000-0002-1694-233x<",
    ),
    "contributor iD with spaces": (f"<common:path>{IDS}<", "<common:path>0000 0002 1825 0097<"),
    "year 1850": ("<common:year>2021<", "<common:year>1850<"),
    "year 2200": ("<common:year>2021<", "<common:year>2200<"),
    "month 13": ("<common:month>03<", "<common:month>13<"),
    "day 32": ("<common:day>04<", "<common:day>32<"),
    "empty title": ("<common:title>Schema test work 1<", "<common:title> <"),
    "title of 1001 characters": (
        "<common:title>Schema test work 1<",
        "<common:title>" + "t" * 1001 + "<",
    ),
    "unknown sequence": (
        "<work:contributor-sequence>first<",
        "<work:contributor-sequence>second<",
    ),
}


def bad_body(case: str) -> bytes:
    old, new = BAD_XML[case]
    text = oxml.serialize_work(work()).decode()
    assert old in text, (case, text)
    return text.replace(old, new).encode()


@pytest.fixture(params=["orcid-xsd", "built-in"])
def sandbox_mode(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Sandbox]:
    """A demo sandbox validating with ORCID's XSDs, or (app mode) with the built-in rules."""
    if request.param == "built-in":
        monkeypatch.delenv("CLAIMDESK_ORCID_SCHEMAS")
        sandbox = Sandbox(seed="demo")
    else:
        sandbox = Sandbox(seed="demo", schemas=ORCID_MODEL)
    with sandbox as sb:
        yield sb


@pytest.fixture
def api(sandbox_mode: Sandbox) -> Iterator[httpx.Client]:
    token = sandbox_mode.issue_token(DEMO_ORCID)
    with httpx.Client(
        base_url=f"{sandbox_mode.base_url}/v3.0/{DEMO_ORCID}",
        headers={"Authorization": f"Bearer {token}", "Accept": XML, "Content-Type": XML},
        timeout=5,
    ) as http:
        yield http


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[OrcidClient]:
    settings = Settings(endpoints=sandbox.endpoints, client_id=DEMO_CLIENT_ID, timeout=5.0)
    with OrcidClient(settings, DEMO_ORCID, sandbox.issue_token(DEMO_ORCID)) as c:
        yield c


def error_of(response: httpx.Response) -> ErrorBody:
    codec = ojson if "json" in response.headers["content-type"] else oxml
    return codec.parse_error(response.content)


def assert_schema_refusal(response: httpx.Response, code: int = 9012) -> ErrorBody:
    assert response.status_code == 400, response.text
    err = error_of(response)
    assert (err.status, err.error_code) == (400, code)
    assert (err.developer_message or "").startswith("400 Bad Request: Invalid incoming message: ")
    return err


# --- the sandbox refuses what ORCID's schema refuses -------------------------------------------


@pytest.mark.parametrize("case", sorted(BAD_XML))
def test_sandbox_refuses_a_schema_invalid_work_with_orcids_400(
    api: httpx.Client, sandbox_mode: Sandbox, case: str
) -> None:
    before = sandbox_mode.store.count(DEMO_ORCID)
    assert_schema_refusal(api.post("/work", content=bad_body(case)))
    assert sandbox_mode.store.count(DEMO_ORCID) == before  # nothing stored


def test_the_xsd_mode_answers_with_the_validators_own_message(sandbox: Sandbox) -> None:
    token = sandbox.issue_token(DEMO_ORCID)
    response = httpx.post(
        f"{sandbox.base_url}/v3.0/{DEMO_ORCID}/work",
        content=bad_body("contributor iD as a URL"),
        headers={"Authorization": f"Bearer {token}", "Accept": XML, "Content-Type": XML},
    )
    message = assert_schema_refusal(response).developer_message or ""
    assert "{http://www.orcid.org/ns/common}path" in message and "pattern" in message
    assert f"https://orcid.org/{IDS}" in message


def test_the_built_in_mode_names_the_problem_in_words(
    sandbox_mode: Sandbox, api: httpx.Client
) -> None:
    message = assert_schema_refusal(
        api.post("/work", content=bad_body("year 1850"))
    ).developer_message
    assert "1850" in (message or "")


def test_sandbox_takes_orcids_own_write_samples(
    api: httpx.Client, sandbox_mode: Sandbox, shared: Path
) -> None:
    samples = shared / "orcid-model" / "record_3.0" / "samples" / "write_samples"
    for name in ("work-simple-3.0.xml", "work-full-3.0.xml"):
        response = api.post("/work", content=(samples / name).read_bytes())
        assert response.status_code == 201, (name, response.text)


def test_put_with_a_schema_invalid_body_is_refused_and_changes_nothing(
    api: httpx.Client, sandbox_mode: Sandbox
) -> None:
    created = api.post("/work", content=oxml.serialize_work(work()))
    put_code = int(created.headers["location"].rsplit("/", 1)[1])
    body = bad_body("year 2200").replace(
        b"<work:work ", f'<work:work put-code="{put_code}" '.encode()
    )
    assert_schema_refusal(api.put(f"/work/{put_code}", content=body))
    stored = sandbox_mode.store.get_work(DEMO_ORCID, put_code)
    assert stored is not None and stored.publication_date == PublicationDate(2021, 3, 4)


def test_bulk_refuses_the_invalid_item_alone(api: httpx.Client, sandbox_mode: Sandbox) -> None:
    good = [work(n) for n in (1, 2, 3)]
    text = oxml.serialize_bulk(good).decode()
    # make the second work's contributor iD a URL
    first = text.index(f"<common:path>{IDS}<")
    second = text.index(f"<common:path>{IDS}<", first + 1)
    text = text[:second] + f"<common:path>https://orcid.org/{IDS}<" + text[second + len(IDS) + 14 :]
    response = api.post("/works", content=text.encode())
    assert response.status_code == 200, response.text
    slots = oxml.parse_bulk(response.content).items
    assert [type(s).__name__ for s in slots] == ["Work", "ErrorBody", "Work"]
    error = slots[1]
    assert isinstance(error, ErrorBody) and (error.status, error.error_code) == (400, 9012)
    assert sandbox_mode.store.count(DEMO_ORCID) >= 2
    titles = {w.title for w in sandbox_mode.store.all_works(DEMO_ORCID)}
    assert {"Schema test work 1", "Schema test work 3"} <= titles
    assert "Schema test work 2" not in titles


def test_a_schema_invalid_json_body_is_400_9047(api: httpx.Client) -> None:
    body = ojson.serialize_work(work()).decode().replace('"value":"2021"', '"value":"1850"')
    assert "1850" in body
    response = api.post("/work", content=body.encode(), headers={"Content-Type": JSON})
    assert_schema_refusal(response, code=9047)


def test_a_wrong_schemas_directory_is_said_in_words(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="work schema could not be loaded"):
        BodySchema(tmp_path)


# --- claimdesk refuses to send such a work ---------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        (work(contributors=(Contributor(orcid=f"https://orcid.org/{IDS}"),)), f"write it as {IDS}"),
        (work(contributors=(Contributor(orcid="0000-0002-1694-233x"),)), "0000-0002-1694-233X"),
        (work(publication_date=PublicationDate(1850)), "outside 1900–2100"),
        (work(publication_date=PublicationDate(2021, 13)), "month 13"),
        (work(publication_date=PublicationDate(2021, None, 5)), "day but no month"),
        (work(title="Bad \x01 title"), "U+0001"),
        (work(title="t" * 1001), "at most 1,000"),
    ],
)
def test_the_codec_refuses_an_invalid_work_before_any_request(
    client: OrcidClient, sandbox: Sandbox, bad: Work, words: str
) -> None:
    sandbox.stats.reset()
    for send in (client.add_work, lambda w: client.add_works([work(9), w])):
        with pytest.raises(InvalidWorkError, match="does not meet ORCID's schema") as caught:
            send(bad)
        assert words in str(caught.value)
    assert sandbox.stats.count("POST") == 0
    with pytest.raises(InvalidWorkError) as caught:
        oxml.serialize_bulk([work(9), bad])
    assert caught.value.index == 1 and "item 2 of the bulk" in str(caught.value)
    with pytest.raises(InvalidWorkError):
        ojson.serialize_work(bad)


def test_every_problem_is_named_at_once() -> None:
    bad = work(
        title="",
        publication_date=PublicationDate(1850, 13),
        contributors=(Contributor(orcid="0000-0002-1694-233x", sequence="second"),),
    )
    fields = {p.field for p in schema_problems(bad)}
    assert fields == {
        "title",
        "publication date",
        "contributor 1 ORCID iD",
        "contributor 1 sequence",
    }
    assert len([p for p in schema_problems(bad) if p.field == "publication date"]) == 2
    assert {p.code for p in work_problems(bad)} == {9012, 9022}


def test_a_day_past_the_end_of_its_month_is_orcids_invalid_date() -> None:
    (problem,) = work_problems(work(publication_date=PublicationDate(2023, 2, 29)))
    assert problem.code == 9049 and "2023-02-29" in problem.message
    assert not work_problems(work(publication_date=PublicationDate(2024, 2, 29)))


def test_what_orcid_returns_is_still_written_as_it_came(client: OrcidClient) -> None:
    """Reading and re-serialising ORCID's own answers (full=True) is never refused."""
    old = replace(work(), publication_date=PublicationDate(1850), put_code=5)
    assert b"1850" in oxml.serialize_work(old, full=True)


def test_the_sandbox_command_says_a_wrong_schemas_directory_at_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from claimdesk.cli import main

    assert main(["sandbox", "--schemas", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "work schema could not be loaded" in err and err.count("\n") == 1
