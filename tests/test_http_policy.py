"""The one HTTP policy per service (claimdesk/http_policy.py), edge by edge, through MockTransport.

No waiting happens: the policy's ``sleep`` is a recorder. The ORCID client's reading of what the
transport leaves (outcome unknown, renewing a refused token) is checked here too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from claimdesk import __version__, user_agent
from claimdesk.config import Settings, local_endpoints
from claimdesk.errors import OutcomeUnknownError, TransportError
from claimdesk.http_policy import (
    ATTEMPTS,
    CROSSREF,
    ORCID,
    SAFE_TO_REPEAT,
    HttpPolicy,
    PolicyTransport,
    policy_client,
    retry_wait,
)
from claimdesk.orcid.client import OrcidClient
from claimdesk.orcid.errors import InvalidTokenError, RateLimitedError
from claimdesk.orcid.model import ExternalId, Work

ORCID_ID = "0000-0002-1825-0097"
Answer = Callable[[httpx.Request, int], httpx.Response]


class Server:
    """A MockTransport that answers each request with ``answer(request, n)`` and counts them."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.answer(request, len(self.requests))

    def client(self, policy: HttpPolicy = ORCID) -> httpx.Client:
        return policy_client(
            policy, inner=httpx.MockTransport(self.handle), sleep=self.sleeps.append
        )


def statuses(*codes: int, headers: dict[str, str] | None = None) -> Answer:
    """Answer the n-th request with the n-th status (the last one from then on)."""

    def answer(request: httpx.Request, n: int) -> httpx.Response:
        return httpx.Response(codes[min(n, len(codes)) - 1], headers=headers, text="body")

    return answer


def raising(exc: type[httpx.TransportError], times: int) -> Answer:
    """Raise ``exc`` on the first ``times`` requests, then answer 200."""

    def answer(request: httpx.Request, n: int) -> httpx.Response:
        if n <= times:
            raise exc("network trouble", request=request)
        return httpx.Response(200, text="ok")

    return answer


def test_429_is_retried_after_retry_after_even_for_a_write() -> None:
    server = Server(statuses(429, 200, headers={"Retry-After": "7"}))
    with server.client() as http:
        response = http.post("https://orcid.test/works", content=b"<bulk/>")

    assert response.status_code == 200
    assert len(server.requests) == 2
    assert server.sleeps == [7.0]
    assert response.extensions[ATTEMPTS] == 2


def test_503_forever_backs_off_exponentially_then_returns_the_last_answer() -> None:
    server = Server(statuses(503))
    with server.client() as http:
        response = http.get("https://orcid.test/works")

    assert response.status_code == 503
    assert len(server.requests) == ORCID.max_retries + 1
    assert server.sleeps == [1.0, 2.0, 4.0]
    assert response.extensions[ATTEMPTS] == 4


@pytest.mark.parametrize("status", [502, 504])
def test_gateway_errors_are_retried_for_reads(status: int) -> None:
    server = Server(statuses(status, status, 200))
    with server.client() as http:
        assert http.get("https://orcid.test/works").status_code == 200
    assert len(server.requests) == 3


@pytest.mark.parametrize("status", [500, 502, 504])
def test_gateway_and_server_errors_on_a_write_are_never_resent(status: int) -> None:
    server = Server(statuses(status, 200))
    with server.client() as http:
        assert http.post("https://orcid.test/works", content=b"x").status_code == status
    assert len(server.requests) == 1
    assert server.sleeps == []


def test_a_post_marked_safe_to_repeat_is_retried_like_a_read() -> None:
    server = Server(statuses(502, 200))
    with server.client() as http:
        request = http.build_request(
            "POST", "https://orcid.test/oauth/token", extensions={SAFE_TO_REPEAT: True}
        )
        assert http.send(request).status_code == 200
    assert len(server.requests) == 2


def test_a_dropped_read_is_retried_but_a_dropped_write_is_not() -> None:
    reads = Server(raising(httpx.RemoteProtocolError, 2))
    with reads.client() as http:
        assert http.get("https://orcid.test/works").status_code == 200
    assert len(reads.requests) == 3

    writes = Server(raising(httpx.ReadError, 1))
    with writes.client() as http, pytest.raises(httpx.ReadError):
        http.post("https://orcid.test/works", content=b"x")
    assert len(writes.requests) == 1


def test_a_connection_that_never_opened_is_retried_for_a_write_too() -> None:
    server = Server(raising(httpx.ConnectError, 2))
    with server.client() as http:
        assert http.post("https://orcid.test/works", content=b"x").status_code == 200
    assert len(server.requests) == 3


def test_a_read_timeout_is_not_retried() -> None:
    server = Server(raising(httpx.ReadTimeout, 5))
    with server.client() as http, pytest.raises(httpx.ReadTimeout):
        http.get("https://orcid.test/works")
    assert len(server.requests) == 1


def test_retry_after_forms_and_caps() -> None:
    in_ten = format_datetime(datetime.now(UTC) + timedelta(seconds=10), usegmt=True)
    assert 8.0 <= retry_wait(ORCID, in_ten, 0) <= 10.0
    assert retry_wait(ORCID, "3600", 0) == ORCID.max_wait
    assert retry_wait(ORCID, "not a date", 2) == 4.0
    assert retry_wait(ORCID, "-5", 0) == 0.0
    assert retry_wait(ORCID, "nan", 1) == 2.0
    assert retry_wait(ORCID, "inf", 0) == ORCID.max_wait
    assert retry_wait(ORCID, None, 10) == ORCID.max_wait


def test_one_user_agent_names_claimdesk_and_the_polite_contact() -> None:
    server = Server(statuses(200))
    with policy_client(
        CROSSREF, mailto="curator@example.org", inner=httpx.MockTransport(server.handle)
    ) as http:
        http.get("https://crossref.test/works")
    assert server.requests[0].headers["User-Agent"] == (
        f"claimdesk/{__version__} (+https://github.com/claimdesk/claimdesk; "
        "mailto:curator@example.org)"
    )
    assert user_agent() == f"claimdesk/{__version__} (+https://github.com/claimdesk/claimdesk)"


def test_crossref_rate_limit_headers_set_the_pace() -> None:
    server = Server(
        statuses(200, headers={"X-Rate-Limit-Limit": "50", "X-Rate-Limit-Interval": "1s"})
    )
    transport = PolicyTransport(CROSSREF, httpx.MockTransport(server.handle))
    with httpx.Client(transport=transport) as http:
        http.get("https://crossref.test/works")
    assert transport.bucket is not None and transport.bucket.rate == pytest.approx(50)


# -- what the ORCID client makes of the transport's final answer ------------------------------


def orcid_client(server: Server, **options: object) -> OrcidClient:
    settings = Settings(
        endpoints=local_endpoints("http://orcid.test"), client_id="APP-TEST", timeout=5
    )
    return OrcidClient(settings, ORCID_ID, "token-one", http=server.client(), **options)  # type: ignore[arg-type]


def new_work() -> Work:
    return Work(
        title="Policy test", type="dataset", external_ids=(ExternalId("doi", "10.5555/policy"),)
    )


def test_a_5xx_on_a_write_is_an_unknown_outcome_not_a_refusal() -> None:
    server = Server(statuses(500))
    with orcid_client(server) as client, pytest.raises(OutcomeUnknownError) as caught:
        client.add_works([new_work()])
    assert caught.value.status == 500
    assert "may have saved" in str(caught.value)
    assert len(server.requests) == 1


@pytest.mark.parametrize("exc", [httpx.ReadTimeout, httpx.RemoteProtocolError])
def test_a_write_that_timed_out_or_dropped_is_an_unknown_outcome(
    exc: type[httpx.TransportError],
) -> None:
    server = Server(raising(exc, 1))
    with orcid_client(server) as client, pytest.raises(OutcomeUnknownError):
        client.add_works([new_work()])
    assert len(server.requests) == 1


def test_a_read_that_dropped_past_the_bound_is_a_plain_transport_error() -> None:
    server = Server(raising(httpx.ReadError, 10))
    with orcid_client(server) as client, pytest.raises(TransportError) as caught:
        client.read_works()
    assert not isinstance(caught.value, OutcomeUnknownError)


def test_a_busy_orcid_after_every_retry_is_rate_limited_and_says_how_often() -> None:
    server = Server(statuses(503))
    with orcid_client(server) as client, pytest.raises(RateLimitedError, match="after 4 tries"):
        client.add_works([new_work()])


def _unauthorized_until_renewed(request: httpx.Request, n: int) -> httpx.Response:
    if request.headers["Authorization"] == "Bearer token-two":
        return httpx.Response(200, content=EMPTY_WORKS, headers={"Content-Type": "application/xml"})
    return httpx.Response(
        401,
        headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        json={"error": "invalid_token", "error_description": "Invalid access token"},
    )


EMPTY_WORKS = (
    b'<activities:works xmlns:activities="http://www.orcid.org/ns/activities" '
    b'xmlns:common="http://www.orcid.org/ns/common" path="/0000-0002-1825-0097/works"/>'
)


def test_a_401_with_a_refresh_at_hand_renews_once_and_sends_again() -> None:
    server = Server(_unauthorized_until_renewed)
    renewals: list[int] = []
    refused: list[InvalidTokenError] = []

    def renew() -> str:
        renewals.append(1)
        return "token-two"

    with orcid_client(server, renew_token=renew, on_invalid_token=refused.append) as client:
        assert len(client.read_works()) == 0
        assert len(client.read_works()) == 0  # the fresh token is kept

    assert renewals == [1] and refused == []
    assert [r.headers["Authorization"] for r in server.requests] == [
        "Bearer token-one",
        "Bearer token-two",
        "Bearer token-two",
    ]


def test_a_401_that_cannot_be_renewed_asks_to_reconnect() -> None:
    server = Server(_unauthorized_until_renewed)
    refused: list[InvalidTokenError] = []
    with (
        orcid_client(server, renew_token=lambda: None, on_invalid_token=refused.append) as client,
        pytest.raises(InvalidTokenError),
    ):
        client.read_works()
    assert len(refused) == 1
    assert len(server.requests) == 1
