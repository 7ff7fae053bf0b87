"""Signing in with ORCID through the loopback flow, against the sandbox over real sockets."""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from auth_support import ScriptedBrowser, free_ports, register_test_client, state_of

from claimdesk.auth.accounts import AccountsIndex
from claimdesk.auth.flow import LoopbackFlow, Stage
from claimdesk.auth.listener import SignInCancelled, SignInDenied, SignInTimedOut, port_is_free
from claimdesk.auth.session import save_sign_in
from claimdesk.auth.tokens import TokenStore
from claimdesk.config import Settings
from claimdesk.errors import AuthError
from claimdesk.sandbox.seeds import DEMO_NAME, DEMO_ORCID
from claimdesk.sandbox.server import Sandbox


@pytest.fixture
def settings(sandbox: Sandbox) -> Settings:
    return register_test_client(sandbox)


def test_sign_in_with_scripted_browser_returns_token_for_chosen_researcher(
    settings: Settings, sandbox: Sandbox
) -> None:
    browser = ScriptedBrowser(orcid=DEMO_ORCID)
    stages: list[Stage] = []
    flow = LoopbackFlow(
        settings, timeout=10, open_browser=browser.open, on_progress=lambda s, d: stages.append(s)
    )
    token = flow.run()
    browser.join()
    assert browser.error is None
    assert (token.orcid, token.name) == (DEMO_ORCID, DEMO_NAME)
    assert set(token.scopes) == set(settings.scopes)
    assert token.refresh_token and token.expires_at and not token.expired()
    assert "code_challenge_method=S256" in flow.authorize_url
    assert "Signed in as Josiah Carberry" in browser.last_page
    assert stages == [Stage.LISTENING, Stage.BROWSER_OPENED, Stage.EXCHANGING, Stage.SIGNED_IN]
    assert sandbox.stats.count("POST", "/oauth/token") == 1  # the code is exchanged once


def test_a_busy_token_endpoint_after_the_user_authorized_is_tried_again(
    settings: Settings, sandbox: Sandbox
) -> None:
    # ORCID did nothing with a 429/503, so even the single-use code may be sent again.
    sandbox.faults.fail_next(503, count=2, retry_after=0, path_prefix="/oauth/token")
    browser = ScriptedBrowser()
    token = LoopbackFlow(settings, timeout=10, open_browser=browser.open).run()
    browser.join()
    assert token.orcid == DEMO_ORCID
    assert sandbox.stats.count("POST", "/oauth/token") == 3


def test_sign_in_works_without_pkce_when_discovery_does_not_offer_it(
    settings: Settings, sandbox: Sandbox
) -> None:
    sandbox.pkce = False
    browser = ScriptedBrowser()
    token = LoopbackFlow(settings, timeout=10, open_browser=browser.open).run()
    assert token.orcid
    assert all("code_challenge" not in url for url, _, _ in browser.pages)


def test_signed_in_account_is_listed_and_can_read_its_record(
    settings: Settings, sandbox: Sandbox, home: Path
) -> None:
    from claimdesk.auth.session import open_client

    token = LoopbackFlow(settings, timeout=10, open_browser=ScriptedBrowser().open).run()
    store = TokenStore(session_only=True)
    account = save_sign_in(settings, token, store=store)
    assert AccountsIndex().current("local") == account
    assert (home / "data" / "accounts.json").is_file()
    with open_client(settings, account, store=store) as client:
        assert client.read_works().groups


def test_deny_ends_the_sign_in_and_the_page_says_so(settings: Settings) -> None:
    browser = ScriptedBrowser(action="deny")
    flow = LoopbackFlow(settings, timeout=10, open_browser=browser.open)
    with pytest.raises(SignInDenied) as caught:
        flow.run()
    browser.join()
    assert caught.value.error == "access_denied"
    assert "denied" in browser.last_page


def test_wrong_state_is_refused_and_the_sign_in_goes_on(settings: Settings) -> None:
    flow = LoopbackFlow(settings, timeout=10, open_browser=None)
    url = flow.start()
    page = httpx.get(f"{flow.redirect_uri}?code=abc123&state=not-the-state")
    assert page.status_code == 400 and "state mismatch" in page.text
    assert "still waiting" in page.text
    browser = ScriptedBrowser()
    browser.open(url)  # the real answer still ends the sign-in
    assert flow.wait().orcid


@pytest.mark.parametrize(
    "query",
    [
        "error=access_denied",  # no state: any local page could send it
        "error=access_denied&state=not-the-state",
        "code=abc123",
    ],
)
def test_answers_without_our_state_are_ignored_until_the_real_one(
    settings: Settings, sandbox: Sandbox, query: str
) -> None:
    flow = LoopbackFlow(settings, timeout=10, open_browser=None)
    url = flow.start()
    page = httpx.get(f"{flow.redirect_uri}?{query}")
    assert page.status_code == 400 and "Answer ignored" in page.text
    sandbox.stats.reset()
    browser = ScriptedBrowser()
    browser.open(url)
    assert flow.wait().orcid
    assert sandbox.stats.count("POST", "/oauth/token") == 1  # only the real code was traded


def test_other_paths_and_methods_get_404_and_the_sign_in_goes_on(settings: Settings) -> None:
    flow = LoopbackFlow(settings, timeout=10, open_browser=None)
    url = flow.start()
    base = flow.redirect_uri.rsplit("/", 1)[0]
    assert httpx.get(f"{base}/favicon.ico").status_code == 404
    assert httpx.get(f"{base}/callbackx?code=1&state=2").status_code == 404
    assert httpx.post(flow.redirect_uri, data={"code": "1"}).status_code == 405
    assert httpx.head(flow.redirect_uri).status_code == 405
    browser = ScriptedBrowser()
    browser.open(url)
    assert flow.wait().orcid


def test_error_only_in_fragment_is_shown_and_named_when_the_sign_in_times_out(
    settings: Settings,
) -> None:
    flow = LoopbackFlow(settings, timeout=1, open_browser=None)
    flow.start()
    bare = httpx.get(flow.redirect_uri)  # what the browser sends for .../callback#error=…
    assert bare.status_code == 200 and "location.hash" in bare.text
    # What the page's script then requests. ORCID's fragment errors carry no state, so nothing
    # proves this one is ORCID's: the page shows it, and the flow waits on.
    page = httpx.get(f"{flow.redirect_uri}?error=login_required&error_description=Sign+in+first")
    assert page.status_code == 400 and "login_required (Sign in first)" in page.text
    with pytest.raises(SignInTimedOut, match=r"login_required \(Sign in first\)"):
        flow.wait()


def test_result_pages_escape_what_the_request_carried(settings: Settings) -> None:
    flow = LoopbackFlow(settings, timeout=10, open_browser=None)
    flow.start()
    page = httpx.get(
        flow.redirect_uri,
        params={
            "error": "invalid_scope",
            "error_description": "<script>alert(1)</script>",
            "state": state_of(flow.authorize_url),
        },
    )
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;" in page.text
    with pytest.raises(SignInDenied):
        flow.wait()


def test_busy_first_port_means_the_next_registered_port(sandbox: Sandbox) -> None:
    first, second = free_ports(2)
    settings = register_test_client(sandbox, [first, second])
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", first))
        squatter.listen()
        flow = LoopbackFlow(settings, timeout=10, open_browser=ScriptedBrowser().open)
        token = flow.run()
    assert flow.redirect_uri == f"http://127.0.0.1:{second}/callback"
    assert token.orcid


def test_no_free_registered_port_is_a_clear_error(sandbox: Sandbox) -> None:
    ports = free_ports(2)
    settings = register_test_client(sandbox, ports)
    squatters = []
    try:
        for port in ports:
            s = socket.socket()
            s.bind(("127.0.0.1", port))
            s.listen()
            squatters.append(s)
        with pytest.raises(AuthError, match="None of the registered redirect ports"):
            LoopbackFlow(settings, timeout=1, open_browser=None).start()
    finally:
        for s in squatters:
            s.close()
    # the failed attempt released the one-flow-at-a-time lock
    LoopbackFlow(settings, timeout=1, open_browser=None).cancel()
    flow = LoopbackFlow(settings, timeout=1, open_browser=None)
    flow.start()
    flow.close()


def test_sign_in_times_out_and_frees_the_port(settings: Settings) -> None:
    flow = LoopbackFlow(settings, timeout=0.3, open_browser=None)
    flow.start()
    started = time.monotonic()
    with pytest.raises(SignInTimedOut):
        flow.wait()
    assert time.monotonic() - started < 3
    assert port_is_free(int(flow.redirect_uri.split(":")[2].split("/")[0]))


@pytest.mark.skipif(sys.platform == "win32", reason="the listener reuses addresses on POSIX only")
def test_port_in_time_wait_after_a_sign_in_counts_as_free() -> None:
    """``login --port-list`` must agree with the listener, which binds over TIME_WAIT."""
    with socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        conn, _ = server.accept()
        conn.close()  # the server side closes first: its port goes to TIME_WAIT
        client.recv(1)
        client.close()
    assert port_is_free(port)


def test_cancel_from_another_thread_ends_the_wait_at_once(settings: Settings) -> None:
    flow = LoopbackFlow(settings, timeout=30, open_browser=None)
    flow.start()
    threading.Timer(0.2, flow.cancel).start()
    started = time.monotonic()
    with pytest.raises(SignInCancelled):
        flow.wait()
    assert time.monotonic() - started < 3
    with pytest.raises(httpx.ConnectError):
        httpx.get(flow.redirect_uri)


def test_cancel_before_waiting_closes_the_listener(settings: Settings) -> None:
    flow = LoopbackFlow(settings, timeout=30, open_browser=None)
    flow.start()
    flow.cancel()
    with pytest.raises(SignInCancelled):
        flow.wait()
    again = LoopbackFlow(settings, timeout=1, open_browser=None)
    again.start()  # the port and the one-flow lock are free again
    again.close()


def test_second_sign_in_while_one_runs_is_refused(settings: Settings) -> None:
    flow = LoopbackFlow(settings, timeout=30, open_browser=None)
    flow.start()
    try:
        with pytest.raises(AuthError, match="already in progress"):
            LoopbackFlow(settings, timeout=30, open_browser=None).start()
    finally:
        flow.cancel()


def test_callback_after_the_sign_in_ended_changes_nothing(settings: Settings) -> None:
    browser = ScriptedBrowser()
    flow = LoopbackFlow(settings, timeout=10, open_browser=browser.open)
    flow.run()
    browser.join()
    with pytest.raises(httpx.ConnectError):
        httpx.get(browser.pages[-1][0])


def _other_addresses() -> list[str]:
    """Addresses of this machine other than 127.0.0.1."""
    import subprocess

    found = {"127.0.0.2", "127.0.1.1", "::1"}
    with contextlib.suppress(OSError):
        found.add(socket.gethostbyname(socket.gethostname()))
    try:
        out = subprocess.run(
            ["ip", "-o", "addr"], capture_output=True, text=True, timeout=5, check=False
        ).stdout
        for line in out.splitlines():
            fields = line.split()
            if len(fields) > 3 and fields[2] in ("inet", "inet6"):
                found.add(fields[3].split("/")[0])
    except (OSError, subprocess.SubprocessError):
        pass
    found.discard("127.0.0.1")
    return sorted(a for a in found if not a.startswith("fe80"))


def test_listener_accepts_connections_on_127_0_0_1_only(settings: Settings) -> None:
    flow = LoopbackFlow(settings, timeout=10, open_browser=None)
    flow.start()
    port = int(flow.redirect_uri.split(":")[2].split("/")[0])
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            pass
        addresses = _other_addresses()
        assert addresses
        for address in addresses:
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            with socket.socket(family, socket.SOCK_STREAM) as s:
                s.settimeout(2)
                with pytest.raises(OSError):
                    s.connect((address, port))
    finally:
        flow.cancel()


def test_refused_code_exchange_fails_the_sign_in_and_the_page_says_so(
    settings: Settings,
) -> None:
    from dataclasses import replace

    browser = ScriptedBrowser()
    wrong = replace(settings, client_secret="not-the-secret")
    with pytest.raises(AuthError, match="ORCID refused to finish the sign-in") as caught:
        LoopbackFlow(wrong, timeout=10, open_browser=browser.open).run()
    browser.join()
    assert "client id and secret" in str(caught.value)
    assert "Sign-in failed" in browser.last_page and "not-the-secret" not in browser.last_page
