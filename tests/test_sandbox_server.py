"""The sandbox as a server: faults, request counting, rate limit, lifecycle and the CLI command."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from claimdesk.orcid import xml as oxml
from claimdesk.orcid.model import ExternalId, Work
from claimdesk.sandbox import seeds
from claimdesk.sandbox.server import Sandbox

ORCID = seeds.DEMO_ORCID
XML = "application/vnd.orcid+xml"


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    """One connection pool for the module; :func:`api` points it at each test's sandbox."""
    with httpx.Client(timeout=5) as client:
        yield client


@pytest.fixture
def api(http: httpx.Client, sandbox: Sandbox) -> httpx.Client:
    """A client for the demo record's Member API, signed in as claimdesk."""
    token = sandbox.issue_token(ORCID)
    http.base_url = httpx.URL(f"{sandbox.base_url}/v3.0/{ORCID}/")
    http.headers.update({"Authorization": f"Bearer {token}", "Accept": XML, "Content-Type": XML})
    return http


def a_work(n: int = 1) -> bytes:
    doi = f"10.9999/fault.{n}"
    work = Work(title=f"Fault {n}", type="book", external_ids=(ExternalId("doi", doi, "self"),))
    return oxml.serialize_work(work)


def has_doi(sandbox: Sandbox, n: int) -> bool:
    return f"10.9999/fault.{n}" in sandbox.store.dois(ORCID)


def test_sandbox_starts_fast_on_a_free_port_and_stops_cleanly() -> None:
    started = time.perf_counter()
    sb = Sandbox(seed="empty").start()
    assert time.perf_counter() - started < 0.1
    port = sb.port
    assert sb.base_url == f"http://127.0.0.1:{port}"
    url = sb.endpoints.discovery_url
    with httpx.Client() as client:  # a keep-alive connection stays open until stop()
        assert client.get(url).status_code == 200
        sb.stop()
        with pytest.raises(httpx.TransportError):
            client.get(url)
    with Sandbox(seed="empty", port=port) as again:  # the port can be served again at once
        assert httpx.get(again.endpoints.discovery_url).status_code == 200


def test_server_listens_on_loopback_only(sandbox: Sandbox) -> None:
    assert sandbox._server is not None
    assert sandbox._server.server_address[0] == "127.0.0.1"


def test_stats_count_requests_by_method_and_path(sandbox: Sandbox, api: httpx.Client) -> None:
    sandbox.stats.reset()
    api.get("/works")
    api.post("/work", content=a_work())
    api.get("/works")
    assert sandbox.stats.count() == 3
    assert sandbox.stats.count("GET", f"/v3.0/{ORCID}/works") == 2
    assert sandbox.stats.count("post") == 1
    assert sandbox.stats.requests[1] == ("POST", f"/v3.0/{ORCID}/work")


def test_fail_next_answers_status_with_retry_after_then_recovers(
    sandbox: Sandbox, api: httpx.Client
) -> None:
    sandbox.faults.fail_next(503, count=2, retry_after=3)
    for _ in range(2):
        response = api.get("/works")
        assert response.status_code == 503
        assert response.headers["retry-after"] == "3"
        assert "text/html" in response.headers["content-type"]
    assert api.get("/works").status_code == 200


def test_fail_next_429_and_500_bodies(sandbox: Sandbox, api: httpx.Client) -> None:
    sandbox.faults.fail_next(429, retry_after=0.5)
    response = api.get("/works")
    assert response.status_code == 429 and response.headers["retry-after"] == "0.5"
    sandbox.faults.fail_next(500)
    response = api.get("/works")
    assert response.status_code == 500
    assert oxml.parse_error(response.content).error_code == 9008


def test_faults_can_target_a_path_prefix(sandbox: Sandbox, api: httpx.Client) -> None:
    sandbox.faults.fail_next(503, path_prefix=f"/v3.0/{ORCID}/work")
    assert httpx.get(sandbox.endpoints.discovery_url).status_code == 200
    assert api.post("/work", content=a_work()).status_code == 503
    assert sandbox.faults.pending() == 0


def test_failed_request_stores_nothing(sandbox: Sandbox, api: httpx.Client) -> None:
    sandbox.faults.fail_next(503)
    api.post("/work", content=a_work())
    assert not has_doi(sandbox, 1)


def test_drop_after_commit_stores_the_write_but_the_response_never_arrives(
    sandbox: Sandbox, api: httpx.Client
) -> None:
    sandbox.faults.drop_next()
    with pytest.raises(httpx.RemoteProtocolError):
        api.post("/work", content=a_work(1))
    assert has_doi(sandbox, 1)
    # The client can go on (new connection) and learns the work is there.
    assert api.post("/work", content=a_work(1)).status_code == 409


def test_drop_before_commit_stores_nothing(sandbox: Sandbox, api: httpx.Client) -> None:
    sandbox.faults.drop_next(after_commit=False)
    with pytest.raises(httpx.RemoteProtocolError):
        api.post("/work", content=a_work(2))
    assert not has_doi(sandbox, 2)


def test_malformed_truncated_body_does_not_parse(sandbox: Sandbox, api: httpx.Client) -> None:
    sandbox.faults.malformed_next()
    response = api.get("/works")
    assert response.status_code == 200
    with pytest.raises(Exception):  # noqa: B017 - whatever the codec raises for truncated XML
        oxml.parse_works(response.content)
    assert oxml.parse_works(api.get("/works").content).groups


def test_malformed_html_page(sandbox: Sandbox, api: httpx.Client) -> None:
    sandbox.faults.malformed_next(kind="html")
    response = api.get("/works")
    assert response.headers["content-type"].startswith("text/html")
    assert b"<title>502 Bad Gateway</title>" in response.content


def test_latency_delays_every_request(sandbox: Sandbox, api: httpx.Client) -> None:
    sandbox.faults.latency = 0.2
    started = time.perf_counter()
    api.get("/works")
    assert time.perf_counter() - started >= 0.2
    sandbox.faults.clear()
    assert sandbox.faults.latency == 0


def test_fail_rate_fails_some_requests(sandbox: Sandbox, api: httpx.Client) -> None:
    sandbox.faults.fail_rate = 0.5
    statuses = {api.get("/work/summary/1").status_code for _ in range(30)}
    assert 503 in statuses and statuses - {503}


def test_rate_limit_answers_503_beyond_the_burst(sandbox: Sandbox, api: httpx.Client) -> None:
    sandbox.rate_limit = True
    statuses = [api.get("/work/summary/1").status_code for _ in range(60)]
    assert statuses[:40].count(503) == 0
    assert 503 in statuses[40:]
    sandbox.rate_limit = False
    assert api.get("/works").status_code == 200


def test_keep_alive_serves_many_requests_on_one_connection(
    sandbox: Sandbox, api: httpx.Client
) -> None:
    for _ in range(5):
        assert api.get("/works").status_code == 200
    assert sandbox.stats.count("GET") == 5


def test_unknown_path_is_404_and_wrong_method_405(sandbox: Sandbox) -> None:
    assert httpx.get(f"{sandbox.base_url}/nowhere").status_code == 404
    assert httpx.delete(sandbox.endpoints.token_url).status_code == 405
    head = httpx.head(sandbox.endpoints.discovery_url)
    assert head.status_code == 200 and head.content == b""


def test_corpus_services_answer_even_when_not_installed(sandbox: Sandbox) -> None:
    for url in (f"{sandbox.endpoints.datacite}/dois", f"{sandbox.endpoints.crossref}/works"):
        assert httpx.get(url).status_code in (200, 404)


def test_claimdesk_sandbox_command_prints_urls_and_stops_on_ctrl_c() -> None:
    code = (
        "import argparse, sys\n"
        "from claimdesk.commands import sandbox as cmd\n"
        "p = argparse.ArgumentParser(); cmd.add_sandbox_arguments(p)\n"
        "sys.exit(cmd.run_sandbox(p.parse_args(sys.argv[1:])))\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "--seed", "empty", "--latency", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline() for _ in range(9)]
        text = "".join(lines)
        assert seeds.DEMO_CLIENT_ID in text and seeds.DEMO_CLIENT_SECRET in text
        base = lines[0].rsplit(" at ", 1)[1].strip()
        for part in ("/v3.0", "/pub/v3.0", "/oauth/authorize", "/datacite", "/crossref"):
            assert base + part in text
        assert httpx.get(base + "/.well-known/openid-configuration").status_code == 200
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.parametrize("port", ["99999", "-1", "http"])
def test_sandbox_command_refuses_a_port_out_of_range(
    port: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A usage error (exit 2), not an OverflowError traceback from bind()."""
    from claimdesk.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["sandbox", "--port", port])
    assert exited.value.code == 2
    assert "expected a port number" in capsys.readouterr().err
