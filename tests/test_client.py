"""The ORCID client against the sandbox over real sockets: reads, writes, ownership, search.

Each test gets a fresh demo sandbox (the ``sandbox`` fixture in conftest.py).
"""

from __future__ import annotations

import argparse
import json
import logging
import threading
from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest

from claimdesk import __version__
from claimdesk.config import Settings
from claimdesk.errors import ConfigError, NotOwnedError
from claimdesk.orcid.client import OrcidClient, fetch_read_public_token, search_records
from claimdesk.orcid.errors import OrcidApiError
from claimdesk.orcid.model import ErrorBody, ExternalId, Source, Work
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_ORCID
from claimdesk.sandbox.server import Sandbox

SCOPUS = Source(client_id="APP-SCOPUSELSEVIER01", name="Scopus - Elsevier")


@pytest.fixture
def settings(sandbox: Sandbox) -> Settings:
    return Settings(endpoints=sandbox.endpoints, client_id=DEMO_CLIENT_ID, timeout=5.0)


@pytest.fixture
def token(sandbox: Sandbox) -> str:
    return sandbox.issue_token(DEMO_ORCID)


@pytest.fixture
def client(settings: Settings, token: str) -> Iterator[OrcidClient]:
    with OrcidClient(settings, DEMO_ORCID, token) as c:
        yield c


def new_work(n: int, title: str | None = None) -> Work:
    return Work(
        title=title or f"Claimdesk test work {n}",
        type="journal-article",
        external_ids=(ExternalId("doi", f"10.5555/claimdesk-test-{n}"),),
    )


def works_path(suffix: str = "works") -> str:
    return f"/v3.0/{DEMO_ORCID}/{suffix}"


def test_add_work_returns_put_code_from_location(client: OrcidClient, sandbox: Sandbox) -> None:
    put_code = client.add_work(new_work(1))

    stored = sandbox.store.get_work(DEMO_ORCID, put_code)
    assert stored is not None
    assert stored.title == "Claimdesk test work 1"
    assert stored.source is not None and stored.source.client_id == DEMO_CLIENT_ID


def test_add_works_sends_150_works_in_two_requests(client: OrcidClient, sandbox: Sandbox) -> None:
    progress: list[tuple[int, int]] = []
    sandbox.stats.reset()

    results = client.add_works(
        [new_work(n) for n in range(150)], on_progress=lambda *p: progress.append(p)
    )

    assert sandbox.stats.count("POST", works_path()) == 2
    assert sandbox.stats.count() == 2
    assert progress == [(100, 150), (150, 150)]
    assert [r.title for r in results if isinstance(r, Work)] == [
        f"Claimdesk test work {n}" for n in range(150)
    ]
    assert all(isinstance(r, Work) and r.put_code for r in results)


def test_add_works_stops_between_requests_when_cancelled(
    client: OrcidClient, sandbox: Sandbox
) -> None:
    cancel = threading.Event()
    sandbox.stats.reset()

    results = client.add_works(
        [new_work(n) for n in range(250)],
        cancel=cancel,
        on_progress=lambda done, total: cancel.set(),
    )

    assert len(results) == 100
    assert sandbox.stats.count("POST", works_path()) == 1


def test_read_works_returns_groups_as_the_record_holds_them(
    client: OrcidClient, sandbox: Sandbox
) -> None:
    summary = client.read_works()

    expected = sandbox.store.works(DEMO_ORCID)
    assert len(summary) == len(expected) > 0
    assert [[s.put_code for s in g.summaries] for g in summary] == [
        [s.put_code for s in g.summaries] for g in expected
    ]
    assert [g.preferred.put_code for g in summary] == [g.preferred.put_code for g in expected]


def test_json_format_reads_and_writes_like_xml(settings: Settings, token: str) -> None:
    with OrcidClient(settings, DEMO_ORCID, token, fmt="json") as json_client:
        put_code = json_client.add_work(new_work(16))
        slots = json_client.add_works([new_work(17), new_work(16)])
        updated = json_client.update_work(replace(json_client.read_work(put_code), title="JSON"))
        from_json = json_client.read_works()
    with OrcidClient(settings, DEMO_ORCID, token) as xml_client:
        from_xml = xml_client.read_works()

    assert updated.title == "JSON"
    assert isinstance(slots[0], Work) and isinstance(slots[1], ErrorBody)
    assert [[s.put_code for s in g.summaries] for g in from_json] == [
        [s.put_code for s in g.summaries] for g in from_xml
    ]


def test_read_work_returns_the_full_work(client: OrcidClient) -> None:
    put_code = client.add_work(new_work(7))

    work = client.read_work(put_code)

    assert work.put_code == put_code
    assert work.title == "Claimdesk test work 7"
    assert [e.key for e in work.external_ids] == [("doi", "10.5555/claimdesk-test-7")]


def test_read_works_bulk_keeps_order_and_reports_unknown_put_codes(
    client: OrcidClient, sandbox: Sandbox
) -> None:
    added = client.add_works([new_work(n) for n in range(150)])
    put_codes = [w.put_code for w in added if isinstance(w, Work) and w.put_code]
    wanted = [*reversed(put_codes[:75]), 99999999, *put_codes[75:]]
    sandbox.stats.reset()

    results = client.read_works_bulk(wanted)

    assert sandbox.stats.count("GET") == 2
    assert len(results) == 151
    assert isinstance(results[75], ErrorBody)
    assert results[75].error_code == 9034
    read = [r.put_code for r in results if isinstance(r, Work)]
    assert read == [pc for pc in wanted if pc != 99999999]


def test_read_works_bulk_of_nothing_sends_nothing(client: OrcidClient, sandbox: Sandbox) -> None:
    sandbox.stats.reset()
    assert client.read_works_bulk([]) == []
    assert sandbox.stats.count() == 0


def test_update_work_changes_our_work(client: OrcidClient, sandbox: Sandbox) -> None:
    put_code = client.add_work(new_work(3))
    work = client.read_work(put_code)

    updated = client.update_work(replace(work, title="A better title"))

    assert updated.title == "A better title"
    stored = sandbox.store.get_work(DEMO_ORCID, put_code)
    assert stored is not None and stored.title == "A better title"


def test_delete_work_removes_our_work(client: OrcidClient, sandbox: Sandbox) -> None:
    put_code = client.add_work(new_work(4))
    summary = next(s for s in client.read_works().summaries() if s.put_code == put_code)

    client.delete_work(summary)

    assert sandbox.store.get_work(DEMO_ORCID, put_code) is None


def test_add_work_already_added_raises_9021(client: OrcidClient) -> None:
    first = client.add_work(new_work(5))

    with pytest.raises(OrcidApiError) as caught:
        client.add_work(new_work(5, title="Same DOI again"))

    assert caught.value.status == 409
    assert caught.value.error_code == 9021
    assert str(first) in (caught.value.developer_message or "")


def test_add_works_keeps_9021_in_its_slot(client: OrcidClient) -> None:
    client.add_work(new_work(6))

    results = client.add_works([new_work(6), new_work(8)])

    assert isinstance(results[0], ErrorBody) and results[0].error_code == 9021
    assert isinstance(results[1], Work) and results[1].put_code


def test_update_refuses_work_added_by_another_source_without_sending(
    client: OrcidClient, sandbox: Sandbox
) -> None:
    put_code = sandbox.store.add_work(DEMO_ORCID, new_work(9), SCOPUS)
    work = sandbox.store.get_work(DEMO_ORCID, put_code)
    assert work is not None
    sandbox.stats.reset()

    with pytest.raises(NotOwnedError, match="added by Scopus - Elsevier"):
        client.update_work(replace(work, title="Mine now"))

    assert sandbox.stats.count() == 0


def test_delete_refuses_work_added_by_another_source_without_sending(
    client: OrcidClient, sandbox: Sandbox
) -> None:
    others = [s for s in client.read_works().summaries() if not s.is_owned_by(DEMO_CLIENT_ID)]
    assert any(s.source and s.source.orcid for s in others), "demo seed has a researcher's work"
    assert any(s.source and s.source.client_id for s in others), "demo seed has another client's"
    sandbox.stats.reset()

    for summary in others:
        with pytest.raises(NotOwnedError, match="added by"):
            client.delete_work(summary)

    assert sandbox.stats.count() == 0


def test_update_and_delete_refuse_everything_without_a_client_id(
    sandbox: Sandbox, settings: Settings, token: str, client: OrcidClient
) -> None:
    put_code = client.add_work(new_work(10))
    ours = client.read_work(put_code)
    no_id = replace(settings, client_id=None)
    sandbox.stats.reset()

    with OrcidClient(no_id, DEMO_ORCID, token) as anonymous:
        with pytest.raises(NotOwnedError, match="client id"):
            anonymous.update_work(ours)
        with pytest.raises(NotOwnedError, match="client id"):
            anonymous.delete_work(ours)
        with pytest.raises(NotOwnedError, match="unknown source"):
            client.delete_work(replace(ours, source=None))

    assert sandbox.stats.count() == 0


def test_update_without_put_code_is_refused_before_sending(
    client: OrcidClient, sandbox: Sandbox
) -> None:
    ours = replace(new_work(11), source=Source(client_id=DEMO_CLIENT_ID))
    sandbox.stats.reset()

    with pytest.raises(ValueError, match="put-code"):
        client.update_work(ours)

    assert sandbox.stats.count() == 0


def test_search_finds_records_holding_a_doi(client: OrcidClient) -> None:
    client.add_work(new_work(12))

    found = client.search('doi-self:"10.5555/claimdesk-test-12"')

    assert found == [DEMO_ORCID]


def test_read_public_token_searches_the_public_api(settings: Settings) -> None:
    secret = replace(settings, client_secret=DEMO_CLIENT_SECRET)

    token = fetch_read_public_token(secret)

    with OrcidClient(secret, DEMO_ORCID, token) as public:
        assert public.search("orcid:" + DEMO_ORCID, rows=10) == [DEMO_ORCID]


def test_public_search_needs_no_record(settings: Settings, sandbox: Sandbox) -> None:
    secret = replace(settings, client_secret=DEMO_CLIENT_SECRET)
    token = fetch_read_public_token(secret)
    sandbox.stats.reset()

    found = search_records(secret, token, "orcid:" + DEMO_ORCID, rows=10)

    assert found == [DEMO_ORCID]
    assert sandbox.stats.requests == [("GET", "/pub/v3.0/search/")]


def test_requests_name_claimdesk_send_xml_and_ask_for_json(settings: Settings, token: str) -> None:
    seen: list[httpx.Request] = []
    with (
        httpx.Client(event_hooks={"request": [seen.append]}, timeout=5.0) as http,
        OrcidClient(settings, DEMO_ORCID, token, http=http) as client,
    ):
        client.add_work(new_work(13))
        client.read_works()

    assert {r.headers["user-agent"] for r in seen} == {
        f"claimdesk/{__version__} (+https://github.com/claimdesk/claimdesk)"
    }
    # Writes go as XML (what ORCID's XSDs validate); every answer comes back as JSON.
    assert {r.headers["accept"] for r in seen} == {"application/vnd.orcid+json"}
    assert seen[0].headers["content-type"] == "application/vnd.orcid+xml"
    assert "content-type" not in seen[-1].headers


def test_the_token_never_reaches_the_log(
    client: OrcidClient, token: str, sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sandbox.faults.fail_next(503, retry_after=0)

    client.add_work(new_work(14))
    client.read_works()
    with pytest.raises(OrcidApiError):
        client.read_work(99999999)

    assert caplog.records
    assert token not in caplog.text


def run_works_command(argv: list[str]) -> int:
    from claimdesk.cli import add_environment_arguments
    from claimdesk.commands.works import add_works_arguments, run_works

    parser = argparse.ArgumentParser()
    add_environment_arguments(parser, top=True)
    add_works_arguments(parser)
    return run_works(parser.parse_args(argv))


def test_works_command_prints_groups_and_marks_ours(
    sandbox: Sandbox,
    client: OrcidClient,
    token: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    client.add_work(new_work(15))
    monkeypatch.setenv("CLAIMDESK_TOKEN", token)
    monkeypatch.setenv("SCRIPT_TOKEN", token)
    where = ["--env", "local", "--base-url", sandbox.base_url, "--client-id", DEMO_CLIENT_ID]

    assert run_works_command([*where, "--orcid", DEMO_ORCID]) == 0
    text = capsys.readouterr().out
    assert (
        run_works_command([*where, "--orcid", DEMO_ORCID, "--token-env", "SCRIPT_TOKEN", "--json"])
        == 0
    )
    compact = capsys.readouterr().out
    printed = json.loads(compact)
    assert run_works_command([*where, "--orcid", DEMO_ORCID, "--json", "--indent"]) == 0
    indented = capsys.readouterr().out

    assert compact.count("\n") == 1  # one line for programs
    assert indented.startswith('{\n  "kind": "works",\n') and json.loads(indented) == printed
    groups = sandbox.store.works(DEMO_ORCID).groups
    assert text.startswith(f"{DEMO_ORCID}: {len(groups)} works")
    assert "Claimdesk test work 15" in text
    assert "(claimdesk)" in text
    assert printed["kind"] == "works"
    assert len(printed["groups"]) == len(groups)


def test_works_command_with_an_empty_token_variable_says_so(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SCRIPT_TOKEN", raising=False)
    argv = ["--env", "local", "--base-url", sandbox.base_url, "--orcid", DEMO_ORCID]

    with pytest.raises(ConfigError, match="SCRIPT_TOKEN holds no ORCID access token"):
        run_works_command([*argv, "--token-env", "SCRIPT_TOKEN"])
