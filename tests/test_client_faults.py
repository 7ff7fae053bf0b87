"""Each sandbox fault meets the ORCID client's documented behaviour (see orcid/client.py).

Each test gets a fresh demo sandbox (the ``sandbox`` fixture in conftest.py).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace

import pytest

from claimdesk.config import Settings, local_endpoints
from claimdesk.errors import MessageError, TransportError
from claimdesk.orcid.client import OrcidClient
from claimdesk.orcid.errors import InvalidTokenError, OrcidApiError, RateLimitedError
from claimdesk.orcid.model import ExternalId, Work
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_ORCID
from claimdesk.sandbox.server import Sandbox

WORKS = f"/v3.0/{DEMO_ORCID}/works"


class Sleeps(list[float]):
    """An injected ``sleep`` that records the waits instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def settings(sandbox: Sandbox) -> Settings:
    return Settings(endpoints=sandbox.endpoints, client_id=DEMO_CLIENT_ID, timeout=0.5)


@pytest.fixture
def token(sandbox: Sandbox) -> str:
    return sandbox.issue_token(DEMO_ORCID)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def client(settings: Settings, token: str, sleeps: Sleeps) -> Iterator[OrcidClient]:
    with OrcidClient(settings, DEMO_ORCID, token, max_retries=3, sleep=sleeps) as c:
        yield c


def new_work(n: int) -> Work:
    return Work(
        title=f"Fault test work {n}",
        type="journal-article",
        external_ids=(ExternalId("doi", f"10.5555/fault-test-{n}"),),
    )


def test_slow_answer_past_the_timeout_is_a_transport_error(
    client: OrcidClient, sandbox: Sandbox
) -> None:
    sandbox.faults.latency = 2.0

    with pytest.raises(TransportError, match=r"did not answer within 0\.5 s while reading"):
        client.read_works()


def test_429_with_retry_after_is_retried_after_that_wait(
    client: OrcidClient, sandbox: Sandbox, sleeps: Sleeps
) -> None:
    sandbox.faults.fail_next(429, retry_after=7)
    sandbox.stats.reset()

    summary = client.read_works()

    assert len(summary) > 0
    assert sleeps == [7.0]
    assert sandbox.stats.count("GET", WORKS) == 2


def test_503_on_a_write_is_retried_because_orcid_did_nothing(
    client: OrcidClient, sandbox: Sandbox, sleeps: Sleeps
) -> None:
    sandbox.faults.fail_next(503, count=2)

    put_code = client.add_work(new_work(1))

    assert sandbox.store.get_work(DEMO_ORCID, put_code) is not None
    assert len(sleeps) == 2


def test_503_forever_gives_up_after_the_bounded_retries(
    client: OrcidClient, sandbox: Sandbox, sleeps: Sleeps
) -> None:
    sandbox.faults.fail_next(503, count=100)
    sandbox.stats.reset()

    with pytest.raises(RateLimitedError, match="after 4 tries") as caught:
        client.read_works()

    assert caught.value.status == 503
    assert sandbox.stats.count() == 4
    assert sleeps == [1.0, 2.0, 4.0]  # exponential backoff when no Retry-After is sent


@pytest.mark.parametrize("status", [502, 504])
def test_gateway_errors_on_a_record_read_are_retried(
    client: OrcidClient, sandbox: Sandbox, sleeps: Sleeps, status: int
) -> None:
    sandbox.faults.fail_next(status, count=2)
    sandbox.stats.reset()

    assert len(client.read_works()) > 0
    assert sandbox.stats.count("GET", WORKS) == 3
    assert sleeps == [1.0, 2.0]


def test_500_is_an_orcid_error_and_not_retried(
    client: OrcidClient, sandbox: Sandbox, sleeps: Sleeps
) -> None:
    sandbox.faults.fail_next(500)
    sandbox.stats.reset()

    with pytest.raises(OrcidApiError) as caught:
        client.read_works()

    assert caught.value.status == 500
    assert not isinstance(caught.value, RateLimitedError)
    assert sandbox.stats.count() == 1
    assert sleeps == []


def test_dropped_connection_on_a_write_is_not_resent(client: OrcidClient, sandbox: Sandbox) -> None:
    before = sandbox.store.works(DEMO_ORCID).work_count
    sandbox.faults.drop_next(after_commit=True)
    sandbox.stats.reset()

    with pytest.raises(TransportError, match="dropped while adding") as caught:
        client.add_works([new_work(2), new_work(3)])

    assert "does not resend" in str(caught.value)
    assert sandbox.stats.count("POST") == 1
    # The write was committed before the drop: exactly once, for the journal to reconcile.
    assert sandbox.store.works(DEMO_ORCID).work_count == before + 2


def test_dropped_connection_on_a_read_is_retried_up_to_the_bound(
    client: OrcidClient, sandbox: Sandbox
) -> None:
    sandbox.faults.drop_next(count=2)
    assert len(client.read_works()) > 0

    sandbox.faults.drop_next(count=4)  # the first try and all three retries
    with pytest.raises(TransportError, match="dropped while reading"):
        client.read_works()


def test_refused_connection_is_a_transport_error(settings: Settings, token: str) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    closed = replace(settings, endpoints=local_endpoints(f"http://127.0.0.1:{port}"))

    with (
        OrcidClient(closed, DEMO_ORCID, token) as client,
        pytest.raises(TransportError, match=f"Could not connect to ORCID at 127.0.0.1:{port}"),
    ):
        client.read_works()


@pytest.mark.parametrize("kind", ["truncated", "html"])
def test_malformed_body_on_success_is_a_message_error(
    client: OrcidClient, sandbox: Sandbox, kind: str
) -> None:
    sandbox.faults.malformed_next(kind=kind)

    with pytest.raises(MessageError, match="could not be read"):
        client.read_works()


def test_html_page_on_an_error_status_says_what_was_received(
    client: OrcidClient, sandbox: Sandbox
) -> None:
    sandbox.faults.malformed_next(kind="html")

    with pytest.raises(OrcidApiError, match="HTTP 404.*HTML") as caught:
        client.read_work(99999999)

    assert caught.value.status == 404


def test_revoked_token_raises_invalid_token_and_calls_back(
    settings: Settings, token: str, sandbox: Sandbox
) -> None:
    called: list[InvalidTokenError] = []
    sandbox.revoke_token(token)

    with (
        OrcidClient(settings, DEMO_ORCID, token, on_invalid_token=called.append) as client,
        pytest.raises(InvalidTokenError) as caught,
    ):
        client.read_works()

    assert caught.value.status == 401
    assert called == [caught.value]
